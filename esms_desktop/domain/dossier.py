"""The candidature dossier: everything the director fills in, around the grappe.

The grappe (OGs and ESSMS) drives eligibility and budget; the rest (porteur, targets, planning,
annexes, attestations) is what the printed dossier must hold (programme.md §7).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from esms_desktop.domain.eligibility import NO_DECLARATIONS, Declarations
from esms_desktop.domain.follow_up import NO_FOLLOW_UP, FollowUp
from esms_desktop.domain.grappe import Grappe
from esms_desktop.domain.maturin import NO_TYPED_LEVELS, TypedLevels
from esms_desktop.domain.parsing import Parsed, fold
from esms_desktop.domain.usage_threshold import UsageThreshold


@dataclass(frozen=True, slots=True)
class Porteur:
    """Identity of the porteur OG and the people the ARS deals with."""

    name: str = ""
    legal_status: str = ""
    siren: str = ""
    siret: str = ""
    finess_ej: str = ""
    address: str = ""
    postal_code: str = ""
    town: str = ""
    legal_representative: str = ""
    legal_representative_title: str = ""
    project_lead: str = ""
    contact_email: str = ""
    contact_phone: str = ""


@dataclass(frozen=True, slots=True)
class UsageTarget:
    """A usage-target commitment (cible d'usage); thresholds are per call, hence editable."""

    indicator: str
    sector: str = ""
    threshold: UsageThreshold | None = None
    window: str = ""
    evidence: str = ""
    baseline: str = ""
    """The value today (« valeur actuelle », as the user writes it: « 35 % », « aucun »), so the
    commitment reads as a move from there to the threshold."""


class TeamRole(StrEnum):
    """What a member of the project team does in the project."""

    REFERENT = "referent"
    INFORMATIQUE = "informatique"
    METIER = "metier"
    AUTRE = "autre"

    @property
    def label(self) -> str:
        return {
            "referent": "Référent du projet",
            "informatique": "Responsable informatique",
            "metier": "Expert métier",
            "autre": "Autre",
        }[self.value]


TEAM_ROLE_EXPECTED = (
    "« référent », « informatique », « métier » ou « autre » attendu (ou les libellés "
    "« Référent du projet », « Responsable informatique », « Expert métier »)"
)
_TEAM_ROLE_WORDS: Mapping[str, TeamRole] = MappingProxyType(
    {
        **{fold(r.value): r for r in TeamRole},
        **{fold(r.label): r for r in TeamRole},
        "referent": TeamRole.REFERENT,
        "referente": TeamRole.REFERENT,
        "chef de projet": TeamRole.REFERENT,
        "si": TeamRole.INFORMATIQUE,
        "dsi": TeamRole.INFORMATIQUE,
        "responsable si": TeamRole.INFORMATIQUE,
        "expert": TeamRole.METIER,
        "experte metier": TeamRole.METIER,
    }
)


def parse_team_role(text: str) -> Parsed:
    """A team member's role, as its value or its label (case and accents ignored)."""
    role = _TEAM_ROLE_WORDS.get(fold(text))
    return Parsed(role) if role is not None else Parsed(problem=TEAM_ROLE_EXPECTED)


@dataclass(frozen=True, slots=True)
class TeamMember:
    """One person of the project team: who, what for, from which OG, and how much of their time.

    ``availability`` is as the user writes it (« 20 % », « 2 jours par mois »).
    """

    name: str
    role: TeamRole = TeamRole.REFERENT
    function: str = ""
    organisation: str = ""
    availability: str = ""


@dataclass(frozen=True, slots=True)
class Milestone:
    label: str
    due: date | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Annex:
    """One item of the annex checklist, with the file the user attached if any."""

    key: str
    label: str
    required: bool = True
    provided: bool = False
    file_name: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Attestation:
    key: str
    label: str
    accepted: bool = False


@dataclass(frozen=True, slots=True)
class AutodiagResponse:
    """Answers (question id → level 0–4) given for one scope: the grappe, an OG or an ESSMS.

    ``maturin`` holds the levels typed from a MaturiN-SMS result instead of (or besides) the
    answers (:mod:`esms_desktop.domain.maturin`).
    """

    scope: str = "grappe"
    answers: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    maturin: TypedLevels = NO_TYPED_LEVELS


DEFAULT_ANNEXES: tuple[Annex, ...] = (
    Annex("lettre_engagement", "Lettre d'engagement de chaque organisme gestionnaire"),
    Annex("convention_grappe", "Convention de grappe (ou acte constitutif du groupement)"),
    Annex(
        "repartition_heures",
        "Répartition des heures (services à domicile : activités essentielles / confort)",
        required=False,
    ),
    Annex(
        "accord_entite_nationale", "Accord de l'entité nationale, le cas échéant", required=False
    ),
    Annex(
        "preuves_achat",
        "Éléments de la procédure d'achat (consultation des éditeurs) pour les acquisitions",
        required=False,
    ),
    Annex("statuts_kbis", "Statuts ou extrait Kbis du porteur"),
    Annex("rib", "Relevé d'identité bancaire (RIB) du porteur"),
)

DEFAULT_ATTESTATIONS: tuple[Attestation, ...] = (
    Attestation(
        "pas_double_financement",
        "Aucun ESSMS du projet n'a déjà été financé par le programme ESMS numérique, "
        "ni son éditeur via SONS pour un autre DUI.",
    ),
    Attestation(
        "pas_autres_fonds_ue",
        "Le projet ne bénéficie, pour la même opération, d'aucun autre financement européen "
        "(FEDER, FSE ou autre fonds de l'Union européenne).",
    ),
    Attestation(
        "pas_contrat_editeur",
        "Pour les ESSMS en acquisition : les éditeurs ont été consultés et aucun contrat n'a été "
        "signé avec un éditeur avant le dépôt de la candidature.",
    ),
    Attestation(
        "commande_sons",
        "Pour les ESSMS en mise en conformité : la mise à jour référencée Ségur de leur DUI n'a "
        "pas fait l'objet d'une commande financée à l'éditeur par le dispositif SONS (sinon, "
        "cette commande est signalée à l'ARS).",
    ),
    Attestation(
        "mention_pnrr",
        "Les organismes gestionnaires ont connaissance que ce financement relève du Plan "
        "national de relance et de résilience (PNRR), financé par l'Union européenne — "
        "NextGenerationEU, et s'engagent à le mentionner dans leur communication sur le projet.",
    ),
    Attestation(
        "cibles_usage",
        "Les organismes gestionnaires s'engagent à atteindre les cibles d'usage du programme.",
    ),
    Attestation(
        "montants_ttc",
        "Les montants demandés sont exprimés toutes taxes comprises (TTC).",
    ),
    Attestation("exactitude", "Les informations du présent dossier sont exactes et sincères."),
)
"""Every attestation the ARS may ask for; some apply only to some grappes or calls (acquisitions,
conformité, PNRR-funded calls, TTC amounts): :mod:`esms_desktop.domain.requirements` says which."""

DEFAULT_USAGE_TARGETS: tuple[UsageTarget, ...] = (
    UsageTarget("Part des personnes accompagnées disposant d'un DUI actif"),
    UsageTarget("Identités qualifiées avec l'INS"),
    UsageTarget("Documents envoyés au DMP / Mon espace santé"),
    UsageTarget("Messages échangés par MSSanté"),
)


@dataclass(frozen=True, slots=True)
class Dossier:
    """A candidature in progress. ``overrides`` hold campaign values the user entered (€).

    ``campaign_fingerprint`` is the :attr:`~esms_desktop.domain.campaign.Campaign.fingerprint` of
    the campaign file the dossier was last computed with (empty: not recorded, a dossier older
    than the record, about which nothing is said); ``declarations`` what the user declared for
    the rules the grappe's data cannot tell (GHT exception, editor registered).
    """

    name: str
    campaign_id: str
    id: int | None = None
    project_title: str = ""
    porteur: Porteur = field(default_factory=Porteur)
    grappe: Grappe = field(default_factory=Grappe)
    overrides: Mapping[str, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    autodiagnostics: tuple[AutodiagResponse, ...] = ()
    usage_targets: tuple[UsageTarget, ...] = DEFAULT_USAGE_TARGETS
    milestones: tuple[Milestone, ...] = ()
    governance: str = ""
    team: tuple[TeamMember, ...] = ()
    annexes: tuple[Annex, ...] = DEFAULT_ANNEXES
    attestations: tuple[Attestation, ...] = DEFAULT_ATTESTATIONS
    convention_date: date | None = None
    created: datetime | None = None
    updated: datetime | None = None
    campaign_fingerprint: str = ""
    declarations: Declarations = NO_DECLARATIONS
    follow_up: FollowUp = NO_FOLLOW_UP
    """What happens after the candidature is filed (phase, convention, payments, usage)."""

"""Domain values with every field set away from its default, shared by storage and service tests.

A round trip is only meaningful if a forgotten column would show: every value here differs from the
dataclass default, with accents, quotes, line breaks and exact decimals.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from types import MappingProxyType

from esms_desktop.domain.dossier import (
    Annex,
    Attestation,
    AutodiagResponse,
    Dossier,
    Milestone,
    Porteur,
    TeamMember,
    TeamRole,
    UsageTarget,
)
from esms_desktop.domain.eligibility import Declarations
from esms_desktop.domain.follow_up import (
    Convention,
    EssmsMilestone,
    FiledCandidature,
    FollowUp,
    IndicatorValue,
    MemberTransfer,
    MilestoneKind,
    Period,
    PeriodKind,
    Phase,
    TranchePayment,
)
from esms_desktop.domain.grappe import (
    CoreService,
    DuiSituation,
    DuiSolution,
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.domain.identifiers import luhn_ok
from esms_desktop.domain.maturin import TypedLevels
from esms_desktop.domain.usage_threshold import UsageThreshold, percentage
from esms_desktop.services.dossiers import campaign_fingerprint

CAMPAIGN = "amorcage-2021-t1"


def valid_finess(n: int) -> str:
    """A FINESS number of the Nord (59) with a correct Luhn key, distinct for each ``n``."""
    base = f"59{n:06d}"
    return next(base + d for d in "0123456789" if luhn_ok(base + d))


def establishment(n: int, **changes: object) -> Establishment:
    values: dict[str, object] = {
        "finess": valid_finess(n),
        "name": f"EHPAD « Les Tilleuls » n°{n}",
        "category": "500",
        "capacity": 80 + n,
        "project": ProjectType.ACQUISITION,
        "equipment": True,
        "eligible_hours_pct": Decimal("87.50"),
        "dui_solution": "Éditeur — Produit",
        "current_dui": DuiSituation.NON_REFERENCE,
        "core_services": frozenset({CoreService.DMP, CoreService.INS}),
        "already_funded": True,
        "address": f"{n} rue de l'Église\nBâtiment B",
        "postal_code": "59000",
        "town": "Lille",
    }
    values.update(changes)
    return Establishment(**values)  # type: ignore[arg-type]


def grappe(ogs: int = 2, per_og: int = 3) -> Grappe:
    organisations = tuple(
        Organisation(
            name=f"Association n°{i} « Àçé »",
            role=OgRole.PORTEUR if i == 0 else OgRole.MEMBRE,
            siren=f"77567{i:04d}",
            finess_ej=valid_finess(900_000 + i),
            declared_size=12 + i,
            establishments=tuple(establishment(i * 100 + j) for j in range(per_og)),
            contact_name=f"Mme Contact {i}",
            contact_email=f"contact{i}@exemple.fr",
            convention_date=date(2021, 3, 1 + i),
        )
        for i in range(ogs)
    )
    return Grappe(
        organisations=organisations,
        solution=DuiSolution(
            editor="Éditeur",
            product="Produit 2",
            segur_referenced=True,
            segur_reference="REF-Ségur-42",
            justification='Choix "unique"\npour la grappe',
        ),
    )


def full_dossier(name: str = "Candidature Hauts-de-France 2021") -> Dossier:
    """A dossier where no field keeps its default value."""
    return Dossier(
        name=name,
        campaign_id=CAMPAIGN,
        id=None,
        project_title="Déploiement d'un DUI commun",
        porteur=Porteur(
            name="Association Porteuse",
            legal_status="Association loi 1901",
            siren="775672272",
            siret="77567227200017",
            finess_ej="590000004",
            address="1 place de la République",
            postal_code="59000",
            town="Lille",
            legal_representative="Jean Dupont",
            legal_representative_title="Président",
            project_lead="Marie Curie",
            contact_email="projet@exemple.fr",
            contact_phone="+33 3 20 00 00 00",
        ),
        grappe=grappe(),
        overrides=MappingProxyType(
            {"acquisition": Decimal("25000.00"), "pilotage": Decimal("0.10")}
        ),
        autodiagnostics=(
            AutodiagResponse(
                "grappe",
                MappingProxyType({"q2": 4, "q1": 0, "q10": 3}),
                TypedLevels(MappingProxyType({"securite": 2, "management": 5}), date(2025, 2, 28)),
            ),
            AutodiagResponse(
                "og:1", MappingProxyType({}), TypedLevels(MappingProxyType({"ethique": 1}))
            ),
            AutodiagResponse("essms:590000100", MappingProxyType({"q1": 2})),
        ),
        usage_targets=(
            UsageTarget(
                "DUI actif", "PA", percentage(Decimal("33.333")), "T+12 mois", "Éditeur", "12 %"
            ),
            UsageTarget("Messages MSSanté", "", UsageThreshold(Decimal(100), "messages", "mois")),
            UsageTarget("INS qualifiée", "", None, "", ""),
        ),
        milestones=(
            Milestone("Signature de la convention", date(2021, 6, 30), "Avec l'ARS"),
            Milestone("Paramétrage", None, ""),
        ),
        governance="Comité de pilotage mensuel ;\nréférents par OG 😀",
        team=(
            TeamMember(
                "Marie Curie", TeamRole.REFERENT, "Directrice", "Association Porteuse", "20 %"
            ),
            TeamMember("Paul Martin", TeamRole.INFORMATIQUE, "", "", "2 jours par mois"),
            TeamMember("Zoé « Ω » Durand", TeamRole.METIER),
        ),
        annexes=(
            Annex("rib", "RIB du porteur", required=True, provided=True, file_name="rib.pdf"),
            Annex("autre", "Autre pièce", required=False, provided=False, note="à venir"),
        ),
        attestations=(
            Attestation("exactitude", "Informations exactes", accepted=True),
            Attestation("pas_autres_fonds_ue", "Pas d'autre fonds UE", accepted=False),
        ),
        convention_date=date(2021, 6, 30),
        created=datetime(2021, 2, 15, 9, 30, 12, 123456, tzinfo=UTC),
        updated=datetime(2021, 3, 1, 18, 5, 0, 654321, tzinfo=timezone(timedelta(hours=1))),
        campaign_fingerprint=campaign_fingerprint(CAMPAIGN),
        declarations=Declarations(
            ght_essms=frozenset({valid_finess(1), valid_finess(100)}), editor_registered=False
        ),
        # Still a candidature: edits of its candidature parts, which many tests make, are no
        # amendment. Every other part of the follow-up is set (full_follow_up() for a phase).
        follow_up=full_follow_up(Phase.CANDIDATURE),
    )


def full_follow_up(phase: Phase = Phase.DEPLOIEMENT) -> FollowUp:
    """A follow-up where no field keeps its default value (exact decimals, order kept)."""
    return FollowUp(
        phase=phase,
        filed=FiledCandidature(
            date(2021, 4, 1),
            '{"dossier":{"name":"déposé « tel quel »"}}',
            "ab12" * 16,
            Decimal("120000.50"),
        ),
        convention=Convention(date(2021, 6, 30), Decimal("110000.00"), "ARS-HDF-2021-42", "Signée"),
        tranches=(
            TranchePayment(
                "Avance",
                Decimal("88000.00"),
                "À la signature",
                False,
                date(2021, 7, 1),
                Decimal("88000.00"),
                date(2021, 7, 15),
            ),
            TranchePayment("Solde", Decimal("22000.00"), "Cibles d'usage atteintes", True),
        ),
        transfers=(
            MemberTransfer(
                valid_finess(900),
                "OG partenaire",
                Decimal("30000.10"),
                date(2021, 8, 2),
                "1re part",
            ),
            MemberTransfer(valid_finess(901), "Autre OG", Decimal("0")),
        ),
        milestones=(
            EssmsMilestone(
                valid_finess(1), MilestoneKind.PARAMETRAGE, date(2021, 9, 1), date(2021, 9, 20)
            ),
            EssmsMilestone(valid_finess(1), MilestoneKind.DEPLOIEMENT, date(2021, 12, 1)),
        ),
        indicators=(
            IndicatorValue(
                valid_finess(2),
                "DUI actif",
                Period(2022, 3),
                Decimal("45.50"),
                Decimal("80"),
                "import",
            ),
            IndicatorValue(
                valid_finess(1), "DUI actif", Period(2022, 1, PeriodKind.TRIMESTRE), Decimal("12")
            ),
        ),
        confirmed_thresholds=frozenset({"DUI actif", "Messages MSSanté"}),
    )

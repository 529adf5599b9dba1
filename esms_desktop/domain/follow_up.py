"""A funded project after its candidature: phase, convention, payments, milestones, usage.

A dossier does not end when it is filed (programme.md §5 and §8): once the ARS signs the
convention the money comes in tranches, and the last one is paid only when the usage targets the
dossier committed to are reached and proven. The programme's last credits were committed in
2025, so in 2026 this is the work directors actually have. The same dossier carries it: same
grappe, same ESSMS, same commitments (``Dossier.usage_targets``).

These are the values; the rules that read them (which tranche is due, which target is reached,
by how much, since when) are pure functions in :mod:`esms_desktop.domain.usage_progress` and
:mod:`esms_desktop.domain.payments`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Phase(StrEnum):
    """Where a dossier stands. The order of the members is the order of a project's life;
    ``NON_RETENU`` ends it from ``DEPOSE``."""

    CANDIDATURE = "candidature"
    DEPOSE = "depose"
    RETENU = "retenu"
    DEPLOIEMENT = "deploiement"
    SOLDE = "solde"
    NON_RETENU = "non_retenu"

    @property
    def label(self) -> str:
        return {
            "candidature": "Candidature en préparation",
            "depose": "Dossier déposé",
            "retenu": "Retenu (convention signée)",
            "deploiement": "Déploiement",
            "solde": "Soldé",
            "non_retenu": "Non retenu",
        }[self.value]


NEXT_PHASES: dict[Phase, tuple[Phase, ...]] = {
    Phase.CANDIDATURE: (Phase.DEPOSE,),
    Phase.DEPOSE: (Phase.RETENU, Phase.NON_RETENU),
    Phase.RETENU: (Phase.DEPLOIEMENT,),
    Phase.DEPLOIEMENT: (Phase.SOLDE,),
    Phase.SOLDE: (),
    Phase.NON_RETENU: (),
}
"""Where each phase may go; a step back is an undo, not a transition."""


@dataclass(frozen=True, slots=True)
class FiledCandidature:
    """The candidature as it was filed: kept when the dossier leaves ``CANDIDATURE``.

    ``snapshot`` is the dossier in the ``.esms`` exchange encoding (text), so what was filed can
    be read back and printed again whatever is edited later; ``pdf_fingerprint`` is the digest of
    the candidature PDF filed (the one printed on its pages), ``filed_on`` the filing date.
    """

    filed_on: date
    snapshot: str
    pdf_fingerprint: str = ""
    amount_asked: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Convention:
    """The ARS's decision: signed on ``signed_on``, ``amount_granted`` (may differ from asked)."""

    signed_on: date
    amount_granted: Decimal
    reference: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class TranchePayment:
    """One tranche of the convention: what is expected, what came, and when.

    ``label`` and ``condition`` come from the campaign's tranche (``Campaign.tranches``) when the
    convention is recorded, and stay editable: the convention is the authority.
    ``usage_targets`` marks the tranche paid only once the usage targets are reached.
    """

    label: str
    expected: Decimal
    condition: str = ""
    usage_targets: bool = False
    expected_on: date | None = None
    received: Decimal | None = None
    received_on: date | None = None


@dataclass(frozen=True, slots=True)
class MemberTransfer:
    """What the porteur passed on to one member OG (funds are paid to the porteur)."""

    finess_ej: str
    og_name: str
    amount: Decimal
    paid_on: date | None = None
    note: str = ""


class MilestoneKind(StrEnum):
    PARAMETRAGE = "parametrage"
    DEPLOIEMENT = "deploiement"

    @property
    def label(self) -> str:
        return {"parametrage": "Paramétrage terminé", "deploiement": "Déploiement terminé"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class EssmsMilestone:
    """A deployment milestone reached (or planned) by one ESSMS."""

    finess: str
    kind: MilestoneKind
    planned_on: date | None = None
    done_on: date | None = None


class PeriodKind(StrEnum):
    MOIS = "mois"
    TRIMESTRE = "trimestre"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A month (``2026-03``) or a quarter (``2026-T1``) of measurement."""

    year: int
    index: int
    """1–12 for a month, 1–4 for a quarter."""
    kind: PeriodKind = PeriodKind.MOIS

    def __str__(self) -> str:
        if self.kind is PeriodKind.TRIMESTRE:
            return f"{self.year}-T{self.index}"
        return f"{self.year}-{self.index:02d}"


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """The value of one committed indicator for one ESSMS over one period.

    ``indicator`` is the ``UsageTarget.indicator`` it measures. A share is a percentage (0–100);
    a count is a non-negative number. ``denominator`` is kept when the user gives the two terms
    (e.g. active DUI and accompanied persons), so the share can be checked and aggregated by
    weight over the project rather than by averaging percentages.
    """

    finess: str
    indicator: str
    period: Period
    value: Decimal
    denominator: Decimal | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class Amendment:
    """A change of the filed candidature agreed with the ARS (an avenant).

    Once filed, the candidature is what the ARS judged; the dossier may still change, but
    each change of what was filed is kept here (what changed, when, the reference), so the
    follow-up and the reports can say the commitments now differ from the filing. The two
    fingerprints (:func:`~esms_desktop.domain.follow_up_edits.candidature_fingerprint`) tie
    the amendment to the filed parts before and after it: a later change not covered by an
    amendment is then seen as such.
    """

    made_on: date
    changes: tuple[str, ...]
    """The French lines of ``describe_changes(before, after)``."""
    before: str
    """Fingerprint of the filed parts of the dossier before the amendment."""
    after: str
    """Fingerprint of the filed parts after it."""
    note: str = ""
    """Reference or motive typed by the user (« Avenant n° 1 du … »)."""


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Everything a dossier carries after its candidature (empty while in ``CANDIDATURE``)."""

    phase: Phase = Phase.CANDIDATURE
    filed: FiledCandidature | None = None
    convention: Convention | None = None
    tranches: tuple[TranchePayment, ...] = ()
    transfers: tuple[MemberTransfer, ...] = ()
    milestones: tuple[EssmsMilestone, ...] = ()
    indicators: tuple[IndicatorValue, ...] = ()
    confirmed_thresholds: frozenset[str] = frozenset()
    """The indicators whose threshold the user typed from her signed convention: the others stay
    « à confirmer » (no public source gives them, programme.md §8)."""
    amendments: tuple[Amendment, ...] = ()
    """The amendments (avenants) to the filed candidature, oldest first."""


NO_FOLLOW_UP = FollowUp()

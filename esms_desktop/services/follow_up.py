"""Use cases of a funded project after its candidature, for the window and the command line.

Each edit loads the dossier, applies one pure edit of :mod:`esms_desktop.domain.follow_up_edits`
and saves the result through :func:`esms_desktop.services.dossiers.save_dossier` (one
transaction, one line of the change log, the start-up snapshot written with it), so the window
and the command line move a dossier the same way. The rules (which tranche is due, which target
is reached) are the domain's; this module only reads the catalog, the files and the store.

Filing freezes the candidature: the dossier as filed, in the ``.esms`` exchange encoding, and
the fingerprint printed on its PDF (:func:`esms_desktop.reports.candidature.data_fingerprint`),
both computed on the candidature alone (without its follow-up), so that what was filed can be
printed again and checked whatever is recorded after. From then on
:func:`~esms_desktop.services.dossiers.save_dossier` refuses an edit of the candidature unless
it is asked as an amendment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from esms_desktop.domain import follow_up_edits as edits
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.follow_up import NO_FOLLOW_UP, Convention
from esms_desktop.domain.parsing import fold
from esms_desktop.domain.payments import (
    MemberStatement,
    PaymentStatus,
    member_statements,
    shares_unknown_reason,
)
from esms_desktop.domain.payments import payment_status as domain_payment_status
from esms_desktop.domain.usage_progress import (
    IndicatorFamily,
    IndicatorProblem,
    UsageProgress,
    family_of,
    progress,
)
from esms_desktop.domain.usage_threshold import UsageThreshold
from esms_desktop.services import catalog
from esms_desktop.services.assessment import assess_dossier, effective_campaign
from esms_desktop.services.dossiers import DossierInputError, load_dossier, save_dossier
from esms_desktop.services.unit_of_work import UnitOfWork

__all__ = [
    "FollowUpError",
    "ImportReport",
    "IndicatorFileError",
    "apply_edit",
    "close_project",
    "confirm_threshold",
    "file_candidature",
    "import_indicators",
    "payment_status",
    "record_convention",
    "record_not_retained",
    "record_payment",
    "start_deployment",
    "target_named",
    "usage_progress",
    "write_payment_statement",
    "write_usage_report",
]


class FollowUpError(UserError):
    """A step of the follow-up refused by its rules (French message, nothing written)."""


class IndicatorFileError(UserError):
    """An indicator file refused: every problem listed by line and column, nothing imported."""

    def __init__(self, name: str, problems: tuple[IndicatorProblem, ...]) -> None:
        self.problems = problems
        lines = "\n".join(
            f"  - ligne {p.row}, colonne « {p.column} » : {p.message}" for p in problems
        )
        super().__init__(
            f"Le fichier « {name} » contient {len(problems)} erreur(s) ; aucun indicateur "
            f"importé :\n{lines}"
        )


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an indicator import did: values read, added, replaced (``replace`` asked), and
    those already entered with the same value (nothing to do)."""

    name: str
    read: int
    added: int
    replaced: int
    unchanged: int

    @property
    def summary(self) -> str:
        text = f"{self.read} valeur(s) lue(s) dans « {self.name} » : {self.added} ajoutée(s)"
        if self.replaced:
            text += f", {self.replaced} remplacée(s)"
        if self.unchanged:
            text += f", {self.unchanged} déjà saisie(s) à l'identique"
        return text + "."


Edit = Callable[[Dossier], Dossier]


def _refused(exc: ValueError) -> FollowUpError:
    return FollowUpError(str(exc))


def apply_edit(uow: UnitOfWork, dossier_id: int, edit: Edit, *, amendment: bool = False) -> Dossier:
    """Load the dossier, apply ``edit`` (a pure edit), save it; returns what is stored.

    A ``ValueError`` of the edit (a transition its rules refuse) becomes a
    :class:`FollowUpError` with its French message; nothing is written.
    """
    from esms_desktop.services.exchange import snapshot_bytes  # it imports services.dossiers

    before = load_dossier(uow, dossier_id)
    try:
        after = edit(before)
    except ValueError as exc:
        if isinstance(exc, UserError):
            raise
        raise _refused(exc) from exc
    return save_dossier(uow, after, before, snapshot_bytes, amendment=amendment)


# --- phases -----------------------------------------------------------------------------------


def candidature_of(dossier: Dossier) -> Dossier:
    """The candidature part of a dossier: the dossier without what follows its filing."""
    return replace(dossier, follow_up=NO_FOLLOW_UP)


def file_candidature(
    uow: UnitOfWork, dossier_id: int, filed_on: date, *, pdf: Path | None = None
) -> Dossier:
    """Mark the dossier filed on ``filed_on`` (CANDIDATURE → DÉPOSÉ), freezing what was filed:
    its exchange encoding, its PDF fingerprint and the amount asked (the budget's total, when
    every amount of the budget is known).
    ``pdf`` also writes the candidature PDF there (atomically), the copy filed."""
    from esms_desktop.reports.candidature import data_fingerprint
    from esms_desktop.services.exchange import canonical_json, dossier_to_dict

    dossier = load_dossier(uow, dossier_id)
    candidature = candidature_of(dossier)
    budget = assess_dossier(candidature)
    if pdf is not None:
        from esms_desktop.services.export import export_candidature_pdf

        export_candidature_pdf(candidature, pdf, generated_on=filed_on)
    snapshot = canonical_json({"dossier": dossier_to_dict(candidature)}).decode("utf-8")
    fingerprint = data_fingerprint(candidature, budget)
    # A budget with amounts still to enter asks no known amount: none is recorded as asked.
    asked = budget.total if budget.complete else None

    def filed(d: Dossier) -> Dossier:
        return edits.file_candidature(d, filed_on, snapshot, fingerprint, asked)

    return apply_edit(uow, dossier_id, filed)


def record_convention(
    uow: UnitOfWork,
    dossier_id: int,
    signed_on: date,
    amount_granted: Decimal,
    reference: str = "",
    note: str = "",
) -> Dossier:
    """DÉPOSÉ → RETENU: the convention signed, its tranches from the campaign's."""
    if amount_granted <= 0:
        raise DossierInputError("Le montant accordé doit être positif.")
    convention = Convention(signed_on, amount_granted, reference, note)

    def decided(d: Dossier) -> Dossier:
        return edits.record_decision(d, convention, _campaign(d))

    return apply_edit(uow, dossier_id, decided)


def record_not_retained(uow: UnitOfWork, dossier_id: int) -> Dossier:
    """DÉPOSÉ → NON RETENU."""
    return apply_edit(uow, dossier_id, lambda d: edits.record_decision(d, None, _campaign(d)))


def start_deployment(uow: UnitOfWork, dossier_id: int) -> Dossier:
    """RETENU → DÉPLOIEMENT."""
    return apply_edit(uow, dossier_id, edits.start_deployment)


def close_project(uow: UnitOfWork, dossier_id: int) -> Dossier:
    """DÉPLOIEMENT → SOLDÉ, refused (French reason) while a tranche is not received."""
    return apply_edit(uow, dossier_id, edits.close_project)


def record_payment(
    uow: UnitOfWork, dossier_id: int, tranche: int, amount: Decimal, received_on: date
) -> Dossier:
    """Tranche number ``tranche`` (1 = the first) received: ``amount`` on ``received_on``."""
    if amount < 0:
        raise DossierInputError("Le montant reçu ne peut pas être négatif.")

    def received(d: Dossier) -> Dossier:
        tranches = d.follow_up.tranches
        if not 1 <= tranche <= len(tranches):
            raise FollowUpError(
                f"Le dossier « {d.name} » n'a pas de tranche n° {tranche} "
                f"({len(tranches)} tranche(s) : enregistrez d'abord la convention)."
                if not tranches
                else f"Le dossier « {d.name} » n'a pas de tranche n° {tranche} "
                f"(tranches 1 à {len(tranches)})."
            )
        return edits.receive_tranche(d, tranche - 1, received_on, amount)

    return apply_edit(uow, dossier_id, received)


# --- indicators -------------------------------------------------------------------------------


def target_named(dossier: Dossier, text: str) -> str:
    """The committed target ``text`` names: its indicator as typed (case and accents aside),
    else the only target of the family its words name (« INS », « MSSanté »)."""
    key = fold(text)
    for target in dossier.usage_targets:
        if fold(target.indicator) == key:
            return target.indicator
    family = family_of(text)
    same = [t.indicator for t in dossier.usage_targets if family_of(t.indicator) is family]
    if family is not IndicatorFamily.AUTRE and len(same) == 1:
        return same[0]
    known = " ; ".join(f"« {t.indicator} »" for t in dossier.usage_targets) or "aucune"
    raise DossierInputError(
        f"« {text} » n'est pas une cible d'usage du dossier « {dossier.name} » (cibles : {known})."
    )


def confirm_threshold(
    uow: UnitOfWork, dossier_id: int, indicator: str, threshold: UsageThreshold
) -> Dossier:
    """The threshold of a target typed from the signed convention (no longer « à confirmer »);
    ``indicator`` as :func:`target_named` reads it."""

    def confirmed(d: Dossier) -> Dossier:
        return edits.confirm_threshold(d, target_named(d, indicator), threshold)

    return apply_edit(uow, dossier_id, confirmed)


def import_indicators(
    uow: UnitOfWork, dossier_id: int, path: Path, *, replace: bool
) -> ImportReport:
    """Import the indicator values of a spreadsheet (.csv, .xlsx, .xls, .ods) into the dossier.

    A file with any problem is refused whole (:class:`IndicatorFileError`, every problem by line
    and column). A value already entered differently for the same ESSMS, indicator and period
    is replaced only when ``replace`` is asked; else the import is refused, listing them
    (:class:`FollowUpError`), nothing imported.
    """
    from esms_desktop.importers.usage_sheet import read_indicator_sheet

    dossier = load_dossier(uow, dossier_id)
    sheet = read_indicator_sheet(path, dossier)
    if sheet.problems:
        raise IndicatorFileError(sheet.name, sheet.problems)
    known = {(v.finess, v.indicator, v.period): v for v in dossier.follow_up.indicators}
    clashing = replaced = 0
    for v in sheet.values:
        there = known.get((v.finess, v.indicator, v.period))
        if there is not None:
            clashing += 1
            replaced += (there.value, there.denominator) != (v.value, v.denominator)

    def merged(d: Dossier) -> Dossier:
        return edits.merge_indicators(d, sheet.values, replace=replace)

    apply_edit(uow, dossier_id, merged)
    return ImportReport(
        name=sheet.name,
        read=len(sheet.values),
        added=len(sheet.values) - clashing,
        replaced=replaced,
        unchanged=clashing - replaced,
    )


# --- reading ----------------------------------------------------------------------------------


def _campaign(dossier: Dossier) -> Campaign:
    return effective_campaign(dossier.campaign_id, dossier.overrides)


def usage_progress(dossier: Dossier) -> UsageProgress:
    """Every committed target of the dossier over its counted ESSMS, and for the project."""
    return progress(dossier, catalog.nomenclature(), _campaign(dossier))


def payment_status(dossier: Dossier) -> PaymentStatus:
    """What was received, what remains, and why each tranche still waits."""
    return domain_payment_status(dossier.follow_up, usage_progress(dossier))


def member_shares(dossier: Dossier) -> tuple[tuple[MemberStatement, ...], str]:
    """Each OG's share of the grant, of what came and what it was passed, with the French
    reason when the budget cannot split it yet ("" when it can): the window's table and the
    statement read the same figures."""
    budget = assess_dossier(candidature_of(dossier))
    statements = member_statements(dossier, budget, dossier.follow_up)
    unknown = any(not s.complete for s in statements)
    return statements, shares_unknown_reason(budget) if unknown else ""


def write_usage_report(
    dossier: Dossier, path: Path | str, *, generated_on: date | None = None
) -> Path:
    """Write the « Rapport d'atteinte des cibles d'usage » PDF (atomically); returns the path."""
    from esms_desktop.reports import rl_startup  # noqa: F401  (before any report: see there)
    from esms_desktop.reports.usage_report import render_usage_report
    from esms_desktop.reports.writer import write_pdf_atomically

    reached = usage_progress(dossier)
    payment = domain_payment_status(dossier.follow_up, reached)
    data = render_usage_report(
        dossier,
        reached,
        payment,
        _campaign(dossier),
        assess_dossier(candidature_of(dossier)),
        generated_on=generated_on,
    )
    return write_pdf_atomically(data, path)


def write_payment_statement(
    dossier: Dossier, path: Path | str, *, generated_on: date | None = None
) -> Path:
    """Write the « État des versements » PDF per member OG (atomically); returns the path."""
    from esms_desktop.reports import rl_startup  # noqa: F401  (before any report: see there)
    from esms_desktop.reports.payment_statement import render_payment_statement
    from esms_desktop.reports.writer import write_pdf_atomically

    budget = assess_dossier(candidature_of(dossier))
    data = render_payment_statement(
        dossier,
        payment_status(dossier),
        member_statements(dossier, budget, dossier.follow_up),
        _campaign(dossier),
        budget,
        generated_on=generated_on,
    )
    return write_pdf_atomically(data, path)

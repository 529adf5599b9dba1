"""Use case: print the candidature dossier and the blank partner form to PDF files.

The dossier PDF is computed here from the dossier alone (budget through
:func:`~esms_desktop.services.assessment.assess` with the dossier's own overrides, campaign with
the same overrides), so the GUI and the command line cannot print figures that differ from the
budget they show. Files are written atomically: a failed export leaves an earlier PDF intact and
raises :class:`~esms_desktop.reports.writer.ReportWriteError` with a French message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from esms_desktop.domain.completeness import MissingItem
from esms_desktop.domain.dossier import Dossier
from esms_desktop.reports import rl_startup  # noqa: F401  (before any report: see there)
from esms_desktop.reports.candidature import (
    CampaignSource,
    data_fingerprint,
    render_candidature,
)
from esms_desktop.reports.writer import ReportWriteError, write_pdf_atomically
from esms_desktop.services import catalog
from esms_desktop.services.assessment import assess_dossier, effective_campaign
from esms_desktop.services.grappe_dossier import dossier_from_grappe as dossier_from_grappe
from esms_desktop.services.grappe_dossier import dossier_missing as dossier_missing

if TYPE_CHECKING:
    from esms_desktop.reports.letter import SignedPiece

__all__ = [
    "ExportResult",
    "FormExportResult",
    "PieceExportResult",
    "ReportWriteError",
    "dossier_from_grappe",
    "dossier_missing",
    "export_candidature_pdf",
    "export_convention_pdf",
    "export_letter_pdf",
    "export_partner_form",
]


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What was written: where, how many pages, the total printed and how sure it is."""

    path: Path
    pages: int
    total: Decimal
    complete: bool = True
    eligible: bool = True
    fingerprint: str = ""
    missing: tuple[MissingItem, ...] = ()


@dataclass(frozen=True, slots=True)
class FormExportResult:
    """The partner form written: where and how many pages (always the same, for a check)."""

    path: Path
    pages: int


def export_candidature_pdf(
    dossier: Dossier,
    path: Path | str,
    *,
    generated_on: date | None = None,
    detail: bool | None = None,
) -> ExportResult:
    """Compute the budget of ``dossier`` and write its candidature PDF to ``path``.

    ``generated_on`` fixes the printed date and makes the file reproducible (tests, archives).
    ``detail`` prints the annex « Détail par ESSMS » or leaves it out (``None``: the report's
    default, printed up to 200 ESSMS).
    Raises ``CampaignError`` for an unknown campaign or override, ``ReportWriteError`` when the
    file cannot be written.
    """
    budget = assess_dossier(dossier)
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    quest = catalog.questionnaire() if dossier.autodiagnostics else None
    missing = dossier_missing(dossier, budget)
    entry = catalog.library().get(dossier.campaign_id)
    source = CampaignSource(entry.path.name, user=not entry.shipped)
    rendered = render_candidature(
        dossier, budget, campaign, quest, generated_on, missing, source, detail
    )
    written = write_pdf_atomically(rendered.data, path)
    return ExportResult(
        written,
        rendered.pages,
        budget.total,
        budget.complete,
        budget.eligible,
        data_fingerprint(dossier, budget),
        missing,
    )


def export_partner_form(
    path: Path | str, *, campaign_id: str | None = None, generated_on: date | None = None
) -> FormExportResult:
    """Write the blank partner form (for ``campaign_id``'s call when given) to ``path``."""
    from esms_desktop.reports.partner_form import render_partner_form  # only this export uses it

    campaign = effective_campaign(campaign_id) if campaign_id else None
    rendered = render_partner_form(campaign, generated_on)
    return FormExportResult(write_pdf_atomically(rendered.data, path), rendered.pages)


@dataclass(frozen=True, slots=True)
class PieceExportResult:
    """A lettre d'engagement or a convention de grappe written: where, how many pages, and
    whether it still holds blanks to complete (it then carries the « non finalisé » mark)."""

    path: Path
    pages: int
    final: bool


def _write_piece(
    kind: type[SignedPiece], dossier: Dossier, path: Path | str, generated_on: date | None
) -> PieceExportResult:
    budget = assess_dossier(dossier)
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    document = kind(dossier, budget, campaign, generated_on)
    rendered = document.render()
    written = write_pdf_atomically(rendered.data, path)
    return PieceExportResult(written, rendered.pages, not document.meta.draft_mark)


def export_letter_pdf(
    dossier: Dossier, path: Path | str, *, generated_on: date | None = None
) -> PieceExportResult:
    """Write the porteur's lettre d'engagement of ``dossier`` to ``path`` (same budget as the
    dossier PDF). Raises ``CampaignError`` or ``ReportWriteError`` as
    :func:`export_candidature_pdf` does."""
    from esms_desktop.reports.letter import EngagementLetter  # the dossier PDF never loads it

    return _write_piece(EngagementLetter, dossier, path, generated_on)


def export_convention_pdf(
    dossier: Dossier, path: Path | str, *, generated_on: date | None = None
) -> PieceExportResult:
    """Write the prefilled convention de grappe of ``dossier`` to ``path``."""
    from esms_desktop.reports.convention import GrappeConvention

    return _write_piece(GrappeConvention, dossier, path, generated_on)

"""What every section of the candidature dossier reads: one frozen value, built once.

The sections are pure functions of this context, so a section can be read (and tested) on its
own, and nothing a section does can change what the next one prints. Everything derived from the
dossier that more than one section needs (the porteur completed from the grappe, the budget rows
with their eligibility rows, those rows grouped by OG) is computed here, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from esms_desktop.domain.autodiag_summary import ScopeSummary, summarise
from esms_desktop.domain.autodiagnostic import Questionnaire
from esms_desktop.domain.budget import Budget, EstablishmentBudget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.completeness import MissingItem
from esms_desktop.domain.dossier import Dossier, Porteur
from esms_desktop.domain.eligibility import RowStatus
from esms_desktop.domain.grappe import Organisation

BudgetRow = tuple[RowStatus | None, EstablishmentBudget]
"""A budget row with its eligibility row (``None`` when the eligibility has none for it)."""

OgGroup = tuple[Organisation, tuple[BudgetRow, ...]]
"""An OG and its consecutive budget rows."""


@dataclass(frozen=True, slots=True)
class CampaignSource:
    """Where the campaign's rules come from: its file's name, and whether it is a user's file
    (one she or her federation wrote, which may change) or one the program ships."""

    file_name: str
    user: bool = False

    @property
    def origin_label(self) -> str:
        return "campagne de l'utilisateur" if self.user else "campagne du programme"


@dataclass(frozen=True, slots=True)
class CandidatureContext:
    """The inputs of the dossier and what the sections derive from them in common."""

    dossier: Dossier
    budget: Budget
    campaign: Campaign
    questionnaire: Questionnaire | None
    autodiag: tuple[ScopeSummary, ...]
    """The same reading of the answers as the screen's (domain/autodiag_summary.py)."""
    porteur: Porteur
    """The porteur as entered, completed from the grappe's porteur OG."""
    rows: tuple[BudgetRow, ...]
    groups: tuple[OgGroup, ...]
    """:attr:`rows` grouped by OG, in the grappe's order (ESSMS and budget tables)."""
    missing: tuple[MissingItem, ...]
    """What the ARS still needs (computed by the export service): the second verdict."""
    generated_on: date
    fingerprint: str
    portrait_width: float
    landscape_width: float
    source: CampaignSource | None = None
    """The campaign's file, when the caller knows it (the export service does)."""
    detail: bool = True
    """Print the annex « Détail par ESSMS » (every line of every ESSMS with its rule)."""
    contents: bool = False
    """The cover lists the sections with their page (a long dossier: see document.py)."""

    @property
    def to_complete(self) -> int:
        """How many items the dossier still lacks (an unknown amount counts when the caller
        passed no completeness list)."""
        if self.missing:
            return len(self.missing)
        return 0 if self.budget.complete else 1

    @property
    def verdict(self) -> Verdict:
        """The cover's verdict: eligible and complete, eligible but incomplete, not eligible."""
        if not self.budget.eligible:
            return Verdict.INELIGIBLE
        return Verdict.INCOMPLETE if self.to_complete else Verdict.READY

    @property
    def final(self) -> bool:
        """Eligible and complete: the only dossier printed without the draft mark."""
        return self.verdict is Verdict.READY


class Verdict(Enum):
    """The three states of the cover's verdict box (green, amber, red)."""

    READY = "ready"
    INCOMPLETE = "incomplete"
    INELIGIBLE = "ineligible"


DRAFT_MARK = "PROJET — non finalisé"
"""The mark on every page of a dossier that is not complete (and eligible)."""


def build_context(
    dossier: Dossier,
    budget: Budget,
    campaign: Campaign,
    questionnaire: Questionnaire | None,
    missing: Sequence[MissingItem],
    *,
    generated_on: date,
    fingerprint: str,
    portrait_width: float,
    landscape_width: float,
    source: CampaignSource | None = None,
    detail: bool = True,
    contents: bool = False,
) -> CandidatureContext:
    """The context of one render (the page widths come from the document's geometry)."""
    rows = rows_by_budget(budget)
    return CandidatureContext(
        dossier=dossier,
        budget=budget,
        campaign=campaign,
        questionnaire=questionnaire,
        autodiag=() if questionnaire is None else summarise(questionnaire, dossier).scopes,
        porteur=porteur_identity(dossier),
        rows=rows,
        groups=group_by_og(dossier, rows),
        missing=tuple(missing),
        generated_on=generated_on,
        fingerprint=fingerprint,
        portrait_width=portrait_width,
        landscape_width=landscape_width,
        source=source,
        detail=detail,
        contents=contents,
    )


def porteur_identity(dossier: Dossier) -> Porteur:
    """The porteur as entered, completed from the porteur OG of the grappe where left empty."""
    p = dossier.porteur
    og = dossier.grappe.porteur
    if og is None:
        return p
    return Porteur(
        name=p.name or og.name,
        legal_status=p.legal_status,
        siren=p.siren or og.siren,
        siret=p.siret,
        finess_ej=p.finess_ej or og.finess_ej,
        address=p.address,
        postal_code=p.postal_code,
        town=p.town,
        legal_representative=p.legal_representative,
        legal_representative_title=p.legal_representative_title,
        project_lead=p.project_lead or og.contact_name,
        contact_email=p.contact_email or og.contact_email,
        contact_phone=p.contact_phone,
    )


def rows_by_budget(budget: Budget) -> tuple[BudgetRow, ...]:
    """Each budget row with its eligibility row (same order, one per establishment entered)."""
    rows = budget.eligibility.rows
    if len(rows) == len(budget.establishments):
        return tuple(zip(rows, budget.establishments, strict=True))
    by_finess = {r.finess: r for r in rows}
    return tuple((by_finess.get(e.finess), e) for e in budget.establishments)


def group_by_og(dossier: Dossier, rows: Sequence[BudgetRow]) -> tuple[OgGroup, ...]:
    """Consecutive budget rows grouped by their OG (the grappe's order).

    A row without an eligibility row is attached to the grappe's OG of the same name, or to a
    bare OG of that name when the grappe has none (the tables still print it under a title).
    """
    groups: list[tuple[Organisation, list[BudgetRow]]] = []
    ogs = {o.name: o for o in dossier.grappe.organisations}
    for row, e in rows:
        og = row.og if row is not None else ogs.get(e.og_name, Organisation(e.og_name))
        if not groups or groups[-1][0] is not og:
            groups.append((og, []))
        groups[-1][1].append((row, e))
    return tuple((og, tuple(members)) for og, members in groups)

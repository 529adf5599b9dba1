"""Use case: eligibility and budget of a grappe under a campaign, and its plain-data form.

The GUI, the command line and the PDF all read the same :class:`Budget`; ``budget_to_dict`` is the
JSON contract of the command line (shared/spec/grappe-template.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from esms_desktop.domain.budget import Budget, BudgetLine, compute
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.campaign_version import with_version_check
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.eligibility import NO_DECLARATIONS, Declarations
from esms_desktop.domain.grappe import Grappe
from esms_desktop.services import catalog


def assess(
    grappe: Grappe,
    campaign_id: str,
    overrides: Mapping[str, Decimal] | None = None,
) -> Budget:
    """Budget (with its eligibility findings) of ``grappe`` under ``campaign_id``."""
    return assess_with(grappe, catalog.campaign(campaign_id), overrides)


def assess_with(
    grappe: Grappe,
    campaign: Campaign,
    overrides: Mapping[str, Decimal] | None = None,
    declarations: Declarations = NO_DECLARATIONS,
) -> Budget:
    """Budget of ``grappe`` under a campaign given whole (a file not imported, for instance)."""
    return compute(
        grappe, campaign.with_overrides(overrides or {}), catalog.nomenclature(), declarations
    )


def assess_dossier(dossier: Dossier) -> Budget:
    """Budget of a stored dossier: its grappe under its campaign, with the values it typed and
    what it declared, warned when the campaign file changed since the fingerprint it recorded
    (:func:`~esms_desktop.domain.campaign_version.campaign_changed`)."""
    campaign = catalog.campaign(dossier.campaign_id)
    budget = assess_with(dossier.grappe, campaign, dossier.overrides, dossier.declarations)
    return with_version_check(budget, dossier.campaign_fingerprint, campaign)


def effective_campaign(
    campaign_id: str, overrides: Mapping[str, Decimal] | None = None
) -> Campaign:
    """The campaign with the user's values applied (raises CampaignError on unknown names)."""
    return catalog.campaign(campaign_id).with_overrides(overrides or {})


def _eur(amount: Decimal | None) -> float | None:
    return None if amount is None else float(amount)


def _line(line: BudgetLine) -> dict[str, Any]:
    return {
        "label": line.label,
        "amount_eur": _eur(line.amount),
        "rule": line.rule,
        "value": line.value_name,
        "status": line.status.value,
        "provisional": line.provisional,
        "payee": line.payee,
    }


def budget_to_dict(budget: Budget, campaign: Campaign | None = None) -> dict[str, Any]:
    """The ``--json`` object of ``esms-desktop budget`` (and ``check``).

    ``campaign`` is the one the budget was computed with, for its fingerprint (a file given
    with ``--campaign-file`` is not in the catalog); without it the catalog's campaign of that
    identifier is named, and ``""`` when there is none. The per-OG lines are in
    ``project_lines`` (as before) and again in ``og_lines``, each with the OG it goes to.
    """
    return {
        "campaign": budget.campaign_id,
        "campaign_fingerprint": _fingerprint(budget, campaign),
        "ttc": budget.ttc,
        "eligible": budget.eligible,
        "findings": [f.as_dict() for f in budget.findings],
        "counted_establishments": budget.counted_establishments,
        "funded_establishments": budget.funded_count,
        "total_eur": float(budget.total),
        "total_complete": budget.complete,
        "tranches_eur": [float(t.amount) for t in budget.tranches],
        "tranches": [
            {
                "label": t.label,
                "pct": float(t.pct),
                "amount_eur": float(t.amount),
                "status": t.status.value,
                "condition": t.condition,
            }
            for t in budget.tranches
        ],
        "establishments": [
            {
                "finess": e.finess,
                "name": e.name,
                "og": e.og_name,
                "category": e.category,
                "sector": e.sector,
                "project": e.project.value,
                "counted": e.counted,
                "funded": e.funded,
                "rank": e.rank,
                "amount_eur": _eur(e.amount),
                "reason": e.reason,
                "lines": [_line(line) for line in e.lines] if e.funded else [],
            }
            for e in budget.establishments
        ],
        "project_lines": [_line(line) for line in budget.project_lines],
        "og_lines": [_line(line) | {"og": line.og} for line in budget.og_lines],
    }


def _fingerprint(budget: Budget, campaign: Campaign | None) -> str:
    if campaign is not None:
        return campaign.fingerprint
    entry = catalog.library().entries().get(budget.campaign_id)
    return "" if entry is None else entry.campaign.fingerprint

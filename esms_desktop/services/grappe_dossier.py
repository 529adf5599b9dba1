"""A dossier made from a grappe spreadsheet alone, and what the ARS still needs for a dossier.

The command line's ``check`` and ``budget`` say what a dossier built from the file lacks; ``pdf``
prints that dossier. Here rather than in :mod:`esms_desktop.services.export`, which loads
ReportLab to write PDFs: judging a spreadsheet must not pay for a PDF library it never uses.
"""

from __future__ import annotations

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.completeness import MissingItem, missing_items
from esms_desktop.domain.dossier import Dossier, Porteur
from esms_desktop.domain.grappe import Grappe
from esms_desktop.services import catalog
from esms_desktop.services.assessment import assess_dossier


def dossier_missing(dossier: Dossier, budget: Budget | None = None) -> tuple[MissingItem, ...]:
    """What the ARS still needs for ``dossier``, judged against the shipped questionnaire."""
    if budget is None:
        budget = assess_dossier(dossier)
    return missing_items(dossier, budget, catalog.questionnaire().question_count)


def dossier_from_grappe(grappe: Grappe, campaign_id: str, name: str | None = None) -> Dossier:
    """A dossier around an imported grappe, the porteur's identity taken from its OG rows.

    This is what the command line prints from a spreadsheet alone: name, SIREN and FINESS
    juridique of the porteur come from the ``og_*`` columns; everything the spreadsheet cannot
    say (address, legal representative, planning…) prints as "à compléter".
    """
    og = grappe.porteur
    porteur = (
        Porteur(
            name=og.name,
            siren=og.siren,
            finess_ej=og.finess_ej,
            project_lead=og.contact_name,
            contact_email=og.contact_email,
        )
        if og is not None
        else Porteur()
    )
    default = f"Candidature {og.name}" if og is not None else "Candidature ESMS numérique"
    return Dossier(
        name=(name or "").strip() or default,
        campaign_id=campaign_id,
        porteur=porteur,
        grappe=grappe,
    )

"""« Éléments manquants »: the last section, printed only while the dossier is incomplete.

It is the detail of the cover's second verdict (« Dossier complet : NON »): every item the ARS
will still ask for, as the export service computed it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from esms_desktop.reports.base import para
from esms_desktop.reports.candidature.common import SectionTitle
from esms_desktop.reports.candidature.context import CandidatureContext


def section(ctx: CandidatureContext) -> list[Flowable]:
    if not ctx.missing:
        return []
    flow: list[Flowable] = [PageBreak(), SectionTitle("Éléments manquants")]
    flow.append(
        para(
            f"Ce dossier est un brouillon : {len(ctx.missing)} élément(s) doivent encore "
            "être fournis avant le dépôt auprès de l'ARS.",
            "Body",
        )
    )
    for item in ctx.missing:
        flow.append(para(f"• {item.message}", "Body"))
    return flow

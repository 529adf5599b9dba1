"""« Éléments manquants »: printed only while the dossier is incomplete, before the signatures.

It is the detail of the cover's second verdict (« Dossier complet : NON »): every item the ARS
will still ask for, as the export service computed it.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from esms_desktop.domain.formatting import plural
from esms_desktop.reports.base import para
from esms_desktop.reports.candidature.common import SectionTitle
from esms_desktop.reports.candidature.context import CandidatureContext


def section(ctx: CandidatureContext) -> list[Flowable]:
    if not ctx.missing:
        return []
    n = len(ctx.missing)
    must, given = ("doit", "fourni") if n < 2 else ("doivent", "fournis")
    flow: list[Flowable] = [CondPageBreak(50 * mm), SectionTitle("Éléments manquants")]
    flow.append(
        para(
            f"Ce dossier est un projet non finalisé : {plural(n, 'élément', 'éléments')} "
            f"{must} encore être {given} avant le dépôt auprès de l’ARS.",
            "Body",
        )
    )
    for item in ctx.missing:
        flow.append(para(f"• {item.message}", "Body"))
    return flow

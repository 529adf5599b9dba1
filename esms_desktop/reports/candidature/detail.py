"""Annex « Détail par ESSMS »: every line of every ESSMS with the rule it comes from.

Printed after the signatures (it details the budget section, which sums the same lines by rule
and by OG), and left out when the caller asks (``render_candidature(..., detail=False)``; by
default beyond :data:`~.document.DETAIL_LIMIT` ESSMS).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from esms_desktop.reports.base import para
from esms_desktop.reports.candidature.budget import budget_lines_tables
from esms_desktop.reports.candidature.common import AnnexTitle
from esms_desktop.reports.candidature.context import CandidatureContext


def section(ctx: CandidatureContext) -> list[Flowable]:
    if not ctx.detail or not ctx.rows:
        return []
    flow: list[Flowable] = [PageBreak(), AnnexTitle("Détail par ESSMS")]
    flow.append(
        para(
            "Annexe non signée : le détail, ESSMS par ESSMS, des montants résumés à la section "
            "« Budget demandé ». Chaque ligne renvoie par son numéro à la règle qui la fonde.",
            "BodySmall",
        )
    )
    flow += budget_lines_tables(ctx)
    return flow

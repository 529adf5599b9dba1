"""« Points ouverts de l'éligibilité »: the engine's findings, most serious first.

A « bloquant » makes the project ineligible, an « avertissement » is to check, an
« information » explains a choice of the computation; each comes with the rule behind it.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from esms_desktop.domain.findings import Severity
from esms_desktop.reports.base import ALERT, ALERT_BG, MUTED, WARN, WARN_BG, clean, grid_table, para
from esms_desktop.reports.candidature.common import SectionTitle
from esms_desktop.reports.candidature.context import CandidatureContext


def section(ctx: CandidatureContext) -> list[Flowable]:
    flow: list[Flowable] = [
        CondPageBreak(40 * mm),
        SectionTitle("Points ouverts de l'éligibilité"),
    ]
    order = {Severity.BLOQUANT: 0, Severity.AVERTISSEMENT: 1, Severity.INFO: 2}
    findings = sorted(ctx.budget.findings, key=lambda f: order[f.severity])
    if not findings:
        flow.append(para("Aucun point ouvert : tous les contrôles sont satisfaits.", "Body"))
        return flow
    flow.append(
        para(
            "Constats du contrôle d'éligibilité au moment de l'édition : un point « bloquant » "
            "rend le projet inéligible à cette campagne ; un « avertissement » est à vérifier "
            "ou à compléter ; une « information » explique un choix du calcul.",
            "BodySmall",
        )
    )
    rows: list[list[Any]] = [[para("Niveau", "CellHead"), para("Constat et règle", "CellHead")]]
    extra: list[tuple[Any, ...]] = []
    tones = {
        Severity.BLOQUANT: (ALERT, ALERT_BG),
        Severity.AVERTISSEMENT: (WARN, WARN_BG),
        Severity.INFO: (MUTED, colors.white),
    }
    for f in findings:
        r = len(rows)
        text = clean(f.message)
        if f.rule:
            text += f"<br/><font size='6.5' color='#5A5A5A'>{clean(f.rule)}</font>"
        rows.append(
            [
                para(f"<b>{f.severity.label}</b>", "Cell", markup=True),
                para(text, "Cell", markup=True),
            ]
        )
        fg, bg = tones[f.severity]
        extra += [("TEXTCOLOR", (0, r), (0, r), fg), ("BACKGROUND", (0, r), (0, r), bg)]
    flow.append(grid_table(rows, [26 * mm, 144 * mm], zebra=False, extra=extra, long=True))
    return flow

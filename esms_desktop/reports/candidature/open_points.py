"""« Points ouverts de l’éligibilité »: the blocking points and warnings, most serious first.

A « bloquant » makes the project ineligible, an « avertissement » is to check. The signed part
prints them without the rules; the annex « Note de calcul et points de vigilance » prints every
finding (the « informations » too) with the rule behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from esms_desktop.domain.findings import Finding, Severity
from esms_desktop.reports.base import ALERT, ALERT_BG, MUTED, WARN, WARN_BG, clean, grid_table, para
from esms_desktop.reports.candidature.common import SectionTitle
from esms_desktop.reports.candidature.context import CandidatureContext


def section(ctx: CandidatureContext) -> list[Flowable]:
    """The blocking points and warnings the signatories must know of (the informations and
    every rule are in the annex « Note de calcul et points de vigilance »)."""
    flow: list[Flowable] = [
        CondPageBreak(40 * mm),
        SectionTitle("Points ouverts de l’éligibilité"),
    ]
    findings = [f for f in ordered(ctx) if f.severity is not Severity.INFO]
    if not findings:
        flow.append(
            para(
                "Aucun point bloquant ni avertissement : tous les contrôles sont satisfaits.",
                "Body",
            )
        )
        return flow
    flow.append(
        para(
            "Constats du contrôle d’éligibilité au moment de l’édition : un point « bloquant » "
            "rend le projet inéligible à cette campagne ; un « avertissement » est à vérifier "
            "ou à compléter. Les règles appliquées et les informations sur le calcul figurent "
            "dans l’annexe « Note de calcul et points de vigilance ».",
            "BodySmall",
        )
    )
    flow.append(findings_table(findings, rules=False))
    return flow


def ordered(ctx: CandidatureContext) -> list[Finding]:
    """The findings, most serious first."""
    order = {Severity.BLOQUANT: 0, Severity.AVERTISSEMENT: 1, Severity.INFO: 2}
    return sorted(ctx.budget.findings, key=lambda f: order[f.severity])


def findings_table(findings: Sequence[Finding], *, rules: bool) -> Flowable:
    """Level and message of each finding, its rule below in small grey when ``rules``. The
    level's word is printed in bold: the colour is not the only sign (greyscale copies)."""
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
        if rules and f.rule:
            text += f"<br/><font size='7.5' color='#5A5A5A'>{clean(f.rule)}</font>"
        rows.append(
            [
                para(f"<b>{f.severity.label}</b>", "Cell", markup=True),
                para(text, "Cell", markup=True),
            ]
        )
        fg, bg = tones[f.severity]
        extra += [("TEXTCOLOR", (0, r), (0, r), fg), ("BACKGROUND", (0, r), (0, r), bg)]
    return grid_table(rows, [26 * mm, 144 * mm], zebra=False, extra=extra, long=True)

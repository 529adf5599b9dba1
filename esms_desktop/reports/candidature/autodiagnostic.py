"""« Autodiagnostic de maturité »: one block per scope (the grappe, then ESSMS by ESSMS).

The scores are those of the screen: both read the same summary (domain/autodiag_summary.py),
so the PDF never scores an answer the screen left out, nor the other way round. Each figure says
its source (« questionnaire » or « MaturiN-SMS, saisi »), and the levels typed from MaturiN-SMS
are printed with the date of that assessment, the dimension our questionnaire lacks included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from esms_desktop.domain.autodiag_summary import ScopeSummary
from esms_desktop.domain.autodiagnostic import AutodiagResult, FigureSource, Questionnaire
from esms_desktop.domain.formatting import format_date
from esms_desktop.reports.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    FONT_COND,
    INK,
    MUTED,
    RULE,
    clean,
    fit_cell,
    grid_table,
    para,
)
from esms_desktop.reports.candidature.common import SectionTitle, subheading
from esms_desktop.reports.candidature.context import CandidatureContext

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing


def section(ctx: CandidatureContext) -> list[Flowable]:
    flow: list[Flowable] = [CondPageBreak(50 * mm), SectionTitle("Autodiagnostic de maturité")]
    if not ctx.autodiag:
        flow.append(
            para(
                "Autodiagnostic non renseigné. Il n'est pas exigé sous une forme imposée, mais "
                "il éclaire le choix entre acquisition, mise en conformité et équipement : "
                "renseignez-le dans esms-desktop pour qu'il figure ici.",
                "Body",
            )
        )
        return flow
    q = ctx.questionnaire
    if q is not None:
        flow.append(
            para(
                f"{q.title} (version {q.version}) — {q.source} Chaque domaine est noté de "
                f"0 à 100 (moyenne des réponses données, sur une échelle de 0 à "
                f"{q.max_value}) ; le score global est la moyenne des domaines notés.",
                "BodySmall",
            )
        )
        if q.maturin is not None and any(s.has_typed for s in ctx.autodiag):
            flow.append(para(_typed_rule(q), "BodySmall"))
    for summary in ctx.autodiag:
        flow += scope_block(summary, ctx.portrait_width)
    return flow


def _typed_rule(q: Questionnaire) -> str:
    """How a level typed from MaturiN-SMS is read, for the reader who checks the figures."""
    bands = ", ".join(f"{level} → {q.stand_in_score(level)}" for level in range(1, 6))
    text = (
        "Le questionnaire est celui d'esms-desktop, inspiré de MaturiN-SMS. Un niveau lu dans "
        "un résultat MaturiN-SMS et saisi tient lieu du score du domaine correspondant tant que "
        f"ce domaine n'a aucune réponse : le milieu de la bande du niveau de même rang ({bands})."
    )
    unmapped = [] if q.maturin is None else [d for d in q.maturin.dimensions if not d.domain_id]
    if unmapped:
        names = ", ".join(f"« {d.title} »" for d in unmapped)
        text += (
            f" Sans équivalent dans ce questionnaire, {names} est indiquée mais n'oriente pas "
            "le projet."
        )
    return text


def scope_block(summary: ScopeSummary, width: float) -> list[Flowable]:
    """Score, table and chart of one scope kept on one page, then its recommendations."""
    block: list[Flowable] = [subheading(f"Autodiagnostic — {summary.title}")]
    result = summary.result
    for note in summary.notes:
        block.append(para(note, "Muted"))
    overall = "Score global : "
    if summary.unscored is not None:
        overall += f"non calculé ({summary.unscored.label})"
    else:
        overall += f"{result.score} / 100"
        if result.level is not None:
            overall += f" — {result.level.label}"
    overall += f" · {result.answered} réponse(s) sur {result.total} questions"
    block.append(para(overall, "Body"))
    block.append(para(f"Source des scores : {summary.source_label}.", "BodySmall"))
    rows: list[list[Any]] = [
        [
            para("Domaine", "CellHead"),
            para("Réponses", "CellHeadRight"),
            para("Score", "CellHeadRight"),
            para("Niveau", "CellHead"),
            para("Source", "CellHead"),
        ]
    ]
    for d in result.domains:
        rows.append(
            [
                fit_cell(f"{d.domain.number}. {d.domain.title}", 76 * mm),
                f"{d.answered} / {d.total}",
                "non évalué" if d.score is None else f"{d.score} / 100",
                fit_cell(d.level.label if d.level else "—", 38 * mm),
                fit_cell("—" if d.score is None else d.source.label, 22 * mm),
            ]
        )
    block.append(
        grid_table(
            rows,
            [76 * mm, 16 * mm, 18 * mm, 38 * mm, 22 * mm],
            extra=[("ALIGN", (1, 1), (2, -1), "RIGHT")],
        )
    )
    if summary.has_typed:
        block += _typed_block(summary)
    block.append(Spacer(1, 3 * mm))
    block.append(score_chart(result, width))
    flow: list[Flowable] = [KeepTogether(block)]
    if summary.recommendations:
        flow.append(CondPageBreak(25 * mm))
        flow.append(para("Recommandations", "H2"))
        for rec in summary.recommendations:
            flow.append(
                para(
                    f"<b>{clean(rec.kind.label)}</b> — {clean(rec.message)}",
                    "BodySmall",
                    markup=True,
                )
            )
    return flow


def _typed_block(summary: ScopeSummary) -> list[Flowable]:
    """The levels typed from MaturiN-SMS, every dimension listed, with the assessment's date."""
    day = summary.typed.assessed_on
    when = f"évaluation du {format_date(day)}" if day else "date de l'évaluation non indiquée"
    questionnaire = summary.result.questionnaire
    rows: list[list[Any]] = [
        [
            para("Dimension MaturiN-SMS", "CellHead"),
            para("Niveau saisi", "CellHead"),
            para("Tient lieu du domaine", "CellHead"),
        ]
    ]
    for dimension, level in summary.typed_rows:
        if dimension.domain_id is None:
            target = "aucun (n'oriente pas le projet)"
        else:
            domain = questionnaire.domain(dimension.domain_id)
            used = summary.result.domain(domain.id).source is FigureSource.MATURIN
            target = f"{domain.number}. {domain.title}" + (
                "" if used or level is None else " (répondu : le questionnaire prime)"
            )
        rows.append(
            [
                fit_cell(f"{dimension.number}. {dimension.title}", 62 * mm),
                fit_cell("non renseigné" if level is None else f"niveau {level}", 28 * mm),
                fit_cell(target, 80 * mm),
            ]
        )
    return [
        Spacer(1, 2 * mm),
        para(f"Niveaux saisis depuis MaturiN-SMS ({when})", "BodySmall"),
        grid_table(rows, [62 * mm, 28 * mm, 80 * mm]),
    ]


def score_chart(result: AutodiagResult, width: float) -> Drawing:
    """Horizontal bars, one per domain, on a 0–100 scale; an unassessed domain shows no bar."""
    # ReportLab's graphics load here: a dossier without autodiagnostic never pays for them.
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String

    domains = list(reversed(result.domains))
    n = max(len(domains), 1)
    bar_zone = 6.5 * mm * n
    drawing = Drawing(width, bar_zone + 14 * mm)
    chart = HorizontalBarChart()
    label_width = 62 * mm
    chart.x = label_width
    chart.y = 8 * mm
    chart.width = width - label_width - 10 * mm
    chart.height = bar_zone
    chart.data = [[d.score or 0 for d in domains]]
    names = []
    for d in domains:
        name = f"{d.domain.number}. {d.domain.title}"
        names.append(name if len(name) <= 40 else name[:39] + "…")
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = FONT_COND
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E3E7EC")
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barWidth = 4 * mm
    drawing.add(chart)
    # Values written at the end of each bar ("non évalué" where there is none).
    step = chart.height / n
    for i, d in enumerate(domains):
        value = d.score or 0
        x = chart.x + chart.width * value / 100 + 2
        y = chart.y + step * i + step / 2 - 2.5
        text = "non évalué" if d.score is None else str(d.score)
        drawing.add(String(x, y, text, fontName=FONT_BOLD, fontSize=7, fillColor=INK))
    drawing.add(
        String(
            label_width,
            1.5 * mm,
            "Score par domaine (0 à 100)",
            fontName=FONT,
            fontSize=7,
            fillColor=MUTED,
        )
    )
    return drawing

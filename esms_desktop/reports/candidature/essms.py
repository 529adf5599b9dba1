"""« Établissements et services (ESSMS) du projet »: the landscape table, one per OG, then a total.

Per-OG tables keep the OG's name in sight on continuation pages and keep ReportLab's page
splitting cheap: it only re-measures the rows of the OG being split.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from esms_desktop.domain.budget import EstablishmentBudget
from esms_desktop.domain.eligibility import RowStatus
from esms_desktop.domain.formatting import format_eur, format_number, format_pct
from esms_desktop.domain.grappe import ordered_services
from esms_desktop.domain.identifiers import finess_department
from esms_desktop.domain.nomenclature import Sector
from esms_desktop.reports.base import (
    CAVEAT_SIZE,
    FONT_COND,
    FONT_COND_BOLD,
    GROUP,
    INK,
    MUTED,
    WARN,
    ZEBRA,
    TextBlock,
    TextPart,
    fit_cell,
    grid_table,
    para,
)
from esms_desktop.reports.candidature.common import (
    CAP_PREFIX,
    TO_CONFIRM,
    SectionTitle,
    eur_incomplete,
    known_sum,
    line_is_provisional,
    missing,
    og_title,
    right,
    runs,
)
from esms_desktop.reports.candidature.context import CandidatureContext


@dataclass(frozen=True, slots=True)
class EssmsColumn:
    """A column of the ESSMS table: its title, its width and how its cells are aligned."""

    title: str
    """Drawn on each of the table's pages; ``\\n`` breaks it where the column is narrow."""
    width_mm: float
    figures: bool = False
    """Body cells hold figures: aligned right."""
    title_right: bool = False
    """The title is aligned right too (over a column of amounts or counts)."""


@cache
def essms_columns(tax: str = "TTC") -> tuple[EssmsColumn, ...]:
    """The columns of the ESSMS table, in the order :func:`essms_row` fills them."""
    return (
        EssmsColumn("N°", 9, figures=True),
        EssmsColumn("FINESS\ngéo.", 18),
        EssmsColumn("Établissement", 42),
        EssmsColumn("Catégorie", 40),
        EssmsColumn("Secteur", 26),
        EssmsColumn("Dép.", 9),
        EssmsColumn("Capa-\ncité", 13, figures=True, title_right=True),
        EssmsColumn("DUI actuel", 23),
        EssmsColumn("Projet", 29),
        EssmsColumn("Services\nsocles", 20),
        EssmsColumn("Heures\nélig.", 13, figures=True, title_right=True),
        EssmsColumn(f"Montant\n{tax}", 25, figures=True, title_right=True),
    )


def essms_widths() -> list[float]:
    return list(_widths())


@cache
def _widths() -> tuple[float, ...]:
    """The column widths in points, computed once (every row looks them up)."""
    return tuple(c.width_mm * mm for c in essms_columns())


def _alignments(columns: tuple[EssmsColumn, ...]) -> list[tuple[Any, ...]]:
    """``ALIGN`` commands: titles (row 0) then body rows (after the OG title row), one command
    per run of adjacent right-aligned columns."""
    head = [i for i, c in enumerate(columns) if c.title_right]
    body = [i for i, c in enumerate(columns) if c.figures]
    commands: list[tuple[Any, ...]] = [
        ("ALIGN", (first, 0), (last, 0), "RIGHT") for first, last in runs(head)
    ]
    commands += [("ALIGN", (first, 2), (last, -1), "RIGHT") for first, last in runs(body)]
    return commands


COMPACT_FROM = 200
"""Beyond this many ESSMS, the table prints one line a row (as the detail annex is left out)."""


def section(ctx: CandidatureContext) -> list[Flowable]:
    flow: list[Flowable] = [SectionTitle("Établissements et services (ESSMS) du projet")]
    flow.append(
        para(
            "Un ESSMS est identifié par son FINESS géographique. "
            f"Le montant ({ctx.budget.tax}) est celui que le "
            "calcul retient pour l'ESSMS (détail et règles à la section « Budget »). "
            "La part d'heures éligibles ne concerne que les services à domicile"
            + (
                "."
                if ctx.campaign.scope.hours_prorata
                else " ; cette campagne ne proratise pas le montant selon cette part (« non "
                "proratisé » à côté d'une part inférieure à 100 %), mais la répartition des "
                "heures est à joindre en annexe."
            )
            + " Services socles visés : DMP (Mon espace santé), MSS (MSSanté), INS, "
            "e-prescription.",
            "BodySmall",
        )
    )
    prorata = ctx.campaign.scope.hours_prorata
    # A long table keeps one line a row (the category's code says it whole; its label is cut):
    # 1,000 ESSMS then fit in about 35 pages instead of 70.
    compact = len(ctx.rows) > COMPACT_FROM
    columns = essms_columns(ctx.budget.tax)
    # Plain strings: the header is drawn again on each of the table's pages (the table's
    # header style makes them bold and white).
    header = [c.title for c in columns]
    widths = essms_widths()
    aligns = _alignments(columns)
    fill = [""] * (len(columns) - 2)  # the cells a spanning row leaves empty
    last_span = len(columns) - 2  # a total row spans every column but the amount
    number = 0
    grand: list[Decimal | None] = []
    if not ctx.rows:
        flow.append(missing("À COMPLÉTER — aucun ESSMS dans la grappe."))
    for og, members in ctx.groups:
        rows: list[list[Any]] = [header, [og_title(og), *fill, ""]]
        og_amounts: list[Decimal | None] = []
        for row, e in members:
            number += 1
            rows.append(essms_row(number, row, e, prorata=prorata, compact=compact))
            if e.funded:
                og_amounts.append(e.amount)
        grand += og_amounts
        sub, complete = known_sum(og_amounts)
        rows.append(
            [
                para(
                    f"Sous-total {og.name} — {len(members)} ESSMS listés, "
                    f"{len(og_amounts)} financés",
                    "CellBold",
                ),
                *fill,
                para(eur_incomplete(sub, complete), "CellRightBold"),
            ]
        )
        extra = [
            ("SPAN", (0, 1), (-1, 1)),
            ("BACKGROUND", (0, 1), (-1, 1), GROUP),
            ("ROWBACKGROUNDS", (0, 2), (-1, -2), [colors.white, ZEBRA]),
            ("SPAN", (0, -1), (last_span, -1)),
            ("BACKGROUND", (0, -1), (-1, -1), ZEBRA),
            ("LINEABOVE", (0, -1), (-1, -1), 0.6, INK),
            *aligns,
        ]
        flow.append(grid_table(rows, widths, header_rows=2, extra=extra, zebra=False, long=True))
        flow.append(Spacer(1, 3 * mm))
    total, complete = known_sum(grand)
    total_row = [
        para(
            f"Total des ESSMS — {format_number(number)} listés, "
            f"{format_number(ctx.budget.funded_count)} financés (hors lignes du projet)",
            "CellBold",
        ),
        *fill,
        para(eur_incomplete(total, complete), "CellRightBold"),
    ]
    flow.append(
        grid_table(
            [total_row],
            widths,
            header_rows=0,
            zebra=False,
            extra=[("SPAN", (0, 0), (last_span, 0)), ("BACKGROUND", (0, 0), (-1, 0), GROUP)],
        )
    )
    return flow


def essms_row(
    number: int,
    row: RowStatus | None,
    e: EstablishmentBudget,
    *,
    prorata: bool = True,
    compact: bool = False,
) -> list[Any]:
    """The cells of one ESSMS, in the order of :func:`essms_columns`; ``prorata`` is whether
    the campaign prorates a home service's amount by its eligible hours (if not, a share under
    100 % says « non proratisé » beside it)."""
    est = row.establishment if row else None
    category = row.category if row else None
    w = _widths()
    name: Flowable | str
    if e.reason and not e.funded:
        name = TextBlock([TextPart(e.name), TextPart(e.reason, FONT_COND, CAVEAT_SIZE, MUTED)])
    else:
        name = fit_cell(e.name, w[2], max_lines=1 if compact else None)
    try:
        sector = Sector(e.sector).label
    except ValueError:
        sector = e.sector
    project = e.project.label
    if est is not None and est.equipment:
        project += " + équipement"
    hours: Flowable | str = "—"
    if est is not None and e.sector == Sector.DOMICILE.value:
        hours = format_pct(est.eligible_hours_pct)
        if not prorata and est.eligible_hours_pct < 100:
            hours = right([TextPart(hours), TextPart("non proratisé", FONT_COND, 7.5, MUTED)])
    services = "—"
    if est is not None and est.core_services:
        services = ", ".join(
            "e-presc." if s.short == "e-prescription" else s.short
            for s in ordered_services(est.core_services)
        )
    capacity = "—"
    if est is not None and est.capacity is not None:
        capacity = format_number(est.capacity)
    return [
        str(number),
        fit_cell(e.finess, w[1]),
        name,
        fit_cell(category.display if category else e.category, w[3], max_lines=1 if compact else 2),
        fit_cell(sector, w[4]),
        finess_department(e.finess) if len(e.finess) == 9 else "—",
        capacity,
        fit_cell(est.current_dui.label if est else "—", w[7]),
        fit_cell(project, w[8]),
        fit_cell(services, w[9]),
        hours,
        amount_cell(e),
    ]


def amount_cell(e: EstablishmentBudget) -> Flowable | str:
    """The ESSMS's amount, or why there is none; « à confirmer » under a provisional one."""
    if not e.funded:
        if e.reason.startswith(CAP_PREFIX):
            return right([TextPart(CAP_PREFIX, FONT_COND, CAVEAT_SIZE, MUTED)])
        word = "non compté" if not e.counted else "non financé"
        return right([TextPart(word, FONT_COND, CAVEAT_SIZE, MUTED)])
    amount = e.amount
    if amount is None:
        return right([TextPart("à renseigner", FONT_COND_BOLD)])
    if not any(line_is_provisional(line) for line in e.lines):
        return format_eur(amount)
    return right([TextPart(format_eur(amount)), TextPart(TO_CONFIRM, FONT_COND, CAVEAT_SIZE, WARN)])

"""Issue 18: a long table's rows cost the same whatever page they land on.

Each row is measured once (its height then goes with it to every window and split part), rows
under the same cell commands share one row of styles, and both are what ReportLab itself
computes for the whole table.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle

from esms_desktop.reports.base import FONT_COND, FONT_COND_BOLD, register_fonts
from esms_desktop.reports.paged_table import PagedTable

_STYLE_FIELDS = (
    "fontname",
    "fontsize",
    "leading",
    "leftPadding",
    "rightPadding",
    "topPadding",
    "bottomPadding",
    "color",
    "alignment",
    "valign",
)


class Counted(Flowable):
    """A cell counting how often a table measures it (its height grows with its number)."""

    def __init__(self, number: int, counts: dict[int, int]) -> None:
        super().__init__()
        self.number, self.counts = number, counts

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.counts[self.number] = self.counts.get(self.number, 0) + 1
        return avail_width, 9 + self.number % 3 * 6

    def draw(self) -> None:
        self.canv.drawString(0, 0, f"cellule {self.number}")


def _make(rows: list[list[Any]], **kwargs: Any) -> Table:
    return Table(rows, colWidths=[40, 200], repeatRows=1, **kwargs)


def _commands() -> list[tuple[Any, ...]]:
    return [
        ("FONT", (0, 0), (-1, -1), FONT_COND, 8, 9.6),
        ("FONT", (0, 0), (-1, 0), FONT_COND_BOLD, 8),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("TEXTCOLOR", (1, 100), (1, 120), colors.red),
        ("LEFTPADDING", (0, -3), (-1, -1), 9),  # negative rows: the table's last three
        ("TOPPADDING", (0, 50), (-1, 40), 7),  # reversed: ReportLab applies nothing
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
    ]


def _build(flowable: Flowable) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([flowable])
    return buffer.getvalue()


def test_each_row_is_measured_once_whatever_the_page_it_lands_on() -> None:
    counts: dict[int, int] = {}
    rows: list[list[Any]] = [["N°", "Cellule"]]
    rows += [[str(i), Counted(i, counts)] for i in range(1, 401)]
    table = PagedTable(rows, _make, _commands(), header=1, widths=[40, 200])
    _build(table)
    assert sorted(counts) == list(range(1, 401))
    # measured once, then once more as it is drawn; before, a row at a page's foot was
    # measured again in the next window and in the part ReportLab cut
    assert max(counts.values()) <= 2
    # the heights kept are those ReportLab measures for the whole table
    whole = _make([list(r) for r in rows])
    whole.setStyle(TableStyle(_commands()))
    whole.wrap(600, 10**6)
    assert table.heights == whole._rowHeights


def test_rows_under_the_same_commands_share_the_styles_reportlab_would_give_them() -> None:
    rows: list[list[Any]] = [["N°", "Texte"]] + [[str(i), f"ligne {i}"] for i in range(1, 301)]
    table = PagedTable(rows, _make, _commands(), header=1, widths=[40, 200])
    assert table.cell_styles is not None
    whole = _make(rows)
    whole.setStyle(TableStyle(_commands()))
    for r, (ours, theirs) in enumerate(zip(table.cell_styles, whole._cellStyles, strict=True)):
        for c, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            got = [getattr(a, f) for f in _STYLE_FIELDS]
            assert got == [getattr(b, f) for f in _STYLE_FIELDS], (r, c)
    # the header, rows 1–99, 100–120 (red), 121–297, and the last three: five rows of styles
    assert len({id(row) for row in table.cell_styles}) == 5
    assert table.cell_styles[1] is table.cell_styles[99]
    assert table.cell_styles[100] is not table.cell_styles[99]

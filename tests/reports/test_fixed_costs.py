"""Issue 18: what a printing process no longer pays twice, with the same result on paper.

A paragraph breaks its lines once per width; a long table's cell styles are computed once.
"""

from __future__ import annotations

from typing import Any

import pytest
from reportlab.lib import colors
from reportlab.platypus import Table
from reportlab.platypus import paragraph as rl_paragraph

from esms_desktop.reports import base
from esms_desktop.reports.paged_table import PagedTable


def test_a_paragraph_breaks_its_lines_once_per_width(monkeypatch: Any) -> None:
    breaks: list[list[float]] = []
    original = rl_paragraph.Paragraph.breakLines

    def counting(self: Any, widths: list[float]) -> Any:
        breaks.append(list(widths))
        return original(self, widths)

    monkeypatch.setattr(rl_paragraph.Paragraph, "breakLines", counting)
    text = "Une justification assez longue pour tenir sur plusieurs lignes " * 4
    p = base.para(text, "Cell")
    first = p.wrap(100, 500)
    assert p.wrap(100, 500) == first and p.wrap(100, 200) == first
    assert len(breaks) == 1
    wider = p.wrap(300, 500)
    assert len(breaks) == 2 and wider[1] < first[1]  # a new width: broken again, fewer lines
    del p.blPara  # as ReportLab's split does when the lines must be broken again
    assert p.wrap(300, 500) == wider
    assert len(breaks) == 3


def _table(rows: list[list[Any]], **kwargs: Any) -> Table:
    return Table(rows, colWidths=[50], repeatRows=1, **kwargs)


def test_a_long_tables_cell_styles_are_computed_once_and_shared_by_its_windows() -> None:
    rows: list[list[Any]] = [["h"]] + [[str(i)] for i in range(1, 201)]
    commands = [
        ("TEXTCOLOR", (0, 150), (0, 150), colors.red),
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
    ]
    table = PagedTable(rows, _table, commands, header=1, widths=[50])
    assert table.cell_styles is not None
    window = table.window(140, 201)
    assert window._cellStyles[11] is table.cell_styles[150]  # row 150, the same style object
    assert window._cellStyles[11][0].color == colors.red
    assert window._linecmds  # the other commands are still moved onto the window


def test_cells_centred_vertically_get_their_own_styles_in_each_window() -> None:
    """ReportLab changes a centred cell's style when it cuts its row: nothing is shared."""
    rows: list[list[Any]] = [["h"]] + [[str(i)] for i in range(1, 60)]
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    table = PagedTable(rows, _table, commands, header=1, widths=[50])
    assert table.cell_styles is None
    assert table.window(10, 30)._cellStyles[1][0].valign == "MIDDLE"


def test_a_cell_command_on_named_rows_is_refused_as_before() -> None:
    rows: list[list[Any]] = [["h"], ["a"], ["b"]]
    commands = [("TEXTCOLOR", (0, "splitfirst"), (-1, "splitfirst"), colors.red)]
    with pytest.raises(ValueError, match="named rows"):
        PagedTable(rows, _table, commands, header=1, widths=[50])

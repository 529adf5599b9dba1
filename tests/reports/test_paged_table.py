"""Issue 18: a long table is laid out a page at a time and still reads as one table.

A 600-ESSMS grappe in a single OG prints its ESSMS table over some twenty landscape pages: each
ESSMS once and in order, the column titles at the top of every page, every column at the same
place from page to page. The window mechanics (:class:`PagedTable`) are checked on their own:
style commands on the rows they name, a row colour cycle, a row taller than a page.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pypdf
import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table

from esms_desktop.reports.base import TextBlock, TextPart, grid_table, register_fonts
from esms_desktop.reports.paged_table import PagedTable
from esms_desktop.services.export import dossier_from_grappe, export_candidature_pdf
from tests.domain.builders import split_grappe
from tests.reports.test_candidature import GENERATED

FINESS = re.compile(r"^\d{9}$")


def positioned_text(page: Any) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text run drawn on ``page``, in drawing order."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, _size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((round(x, 1), round(y, 1), text.strip()))

    page.extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="module")
def six_hundred(tmp_path_factory) -> tuple[list[list[tuple[float, float, str]]], list[str]]:
    """The text of each landscape page (the ESSMS table's) and the grappe's FINESS in order."""
    grappe = split_grappe(600, 1, segur=True)
    dossier = dossier_from_grappe(grappe, "national-2021", "Six cents")
    path = tmp_path_factory.mktemp("paged") / "six-cents.pdf"
    export_candidature_pdf(dossier, path, generated_on=GENERATED)
    reader = pypdf.PdfReader(path)
    landscape = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
    finess = [e.finess for og in grappe.organisations for e in og.establishments]
    return [positioned_text(p) for p in landscape], finess


def test_every_essms_row_is_printed_once_and_in_order(six_hundred):
    pages, finess = six_hundred
    assert len(pages) > 15  # one long table over many pages: the case being tested
    printed = [text for page in pages for _x, _y, text in page if FINESS.match(text)]
    assert printed == finess
    # the row's number, left of its FINESS on the same line
    numbers = [
        int(number)
        for page in pages
        for fx, fy, code in page
        if FINESS.match(code)
        for x, y, number in page
        if y == fy and x < fx and number.isdigit()
    ]
    assert numbers == list(range(1, 601))


def test_the_column_titles_head_every_page_of_the_table(six_hundred):
    pages, _ = six_hundred
    for i, page in enumerate(pages, start=1):
        titles = [(x, y) for x, y, text in page if text == "Établissement"]
        assert len(titles) == 1, f"page {i} du tableau"
        rows = [y for _x, y, text in page if FINESS.match(text)]
        assert rows, f"page {i} du tableau"
        assert titles[0][1] > max(rows), f"page {i}: le titre est au-dessus des lignes"


def test_columns_stay_at_the_same_place_from_page_to_page(six_hundred):
    pages, _ = six_hundred
    columns = {"Établissement", "Catégorie", "Secteur", "DUI actuel", "Projet"}
    title_x = [sorted((text, x) for x, _y, text in page if text in columns) for page in pages]
    assert all(len(t) == len(columns) for t in title_x)
    assert all(t == title_x[0] for t in title_x)
    finess_x = {x for page in pages for x, _y, text in page if FINESS.match(text)}
    assert len(finess_x) == 1  # left-aligned cells of one column: one x for 600 rows


# --- the window mechanics -------------------------------------------------------------------


def _build(flowables: list[Any]) -> pypdf.PdfReader:
    register_fonts()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(flowables)
    return pypdf.PdfReader(io.BytesIO(buffer.getvalue()))


def test_a_long_grid_table_is_paged_and_keeps_its_rows_and_styles():
    rows: list[list[Any]] = [["N", "Texte"]] + [[str(i), f"ligne {i}"] for i in range(1, 401)]
    rows.append(["Total", "400 lignes"])
    # a command every few rows (found by its rows, not by reading them all), a last-row span
    extra: list[tuple[Any, ...]] = [
        ("TEXTCOLOR", (0, r), (0, r), colors.red) for r in range(1, 401, 7)
    ]
    extra.append(("SPAN", (0, -1), (-1, -1)))
    table = grid_table(rows, [60, 200], extra=extra, long=True)
    assert isinstance(table, PagedTable)
    reader = _build([table])
    assert len(reader.pages) > 5
    texts = [positioned_text(p) for p in reader.pages]
    lines = [text for page in texts for _x, _y, text in page if text.startswith("ligne ")]
    assert lines == [f"ligne {i}" for i in range(1, 401)]
    assert all(sum(1 for *_, t in page if t == "Texte") == 1 for page in texts)
    assert [t for page in texts for *_, t in page if t == "Total"] == ["Total"]
    assert any(t == "Total" for *_, t in texts[-1])


def _plain_table(rows: list[list[Any]], **kwargs: Any) -> Table:
    return Table(rows, colWidths=[50], repeatRows=1, **kwargs)


def test_commands_land_on_the_rows_they_name_in_every_window():
    rows: list[list[Any]] = [["h"]] + [[str(i)] for i in range(1, 201)]
    commands = [
        ("TEXTCOLOR", (0, 150), (0, 150), colors.red),
        ("BACKGROUND", (0, -1), (0, -1), colors.blue),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.grey]),
    ]
    table = PagedTable(rows, _plain_table, commands, header=1, widths=[50])
    first = table.window(1, 60)  # the table's own first page: rows where they are
    assert first._nrows == 60
    assert not any(c[0] == "BACKGROUND" for c in first._bkgrndcmds)  # row 200 is not here
    later = table.window(140, 201)  # the header, then rows 140…200
    assert later._cellvalues[0] == ["h"] and later._cellvalues[1] == ["140"]
    red = [r for r, styles in enumerate(later._cellStyles) if styles[0].color == colors.red]
    assert red == [11]  # row 150 of the whole table
    assert ("BACKGROUND", (0, 61), (0, 61), colors.blue) in later._bkgrndcmds
    # the colour cycle starts again under the header (as ReportLab does on a new page) and
    # stops above the last row
    assert ("ROWBACKGROUNDS", (0, 1), (0, 60), [colors.white, colors.grey]) in [
        (c[0], c[1], (c[2][0] if c[2][0] >= 0 else 0, c[2][1]), c[3]) for c in later._bkgrndcmds
    ]


def test_a_row_taller_than_a_page_is_cut_and_the_rows_after_it_follow():
    tall = TextBlock([TextPart(" ".join(["mot"] * 3000))])
    rows: list[list[Any]] = [["N", "Texte"]] + [[str(i), f"ligne {i}"] for i in range(1, 300)]
    rows.insert(40, ["long", tall])
    reader = _build([grid_table(rows, [60, 200], long=True)])
    texts = [text for p in reader.pages for _x, _y, text in positioned_text(p)]
    lines = [t for t in texts if t.startswith("ligne ")]
    assert lines == [f"ligne {i}" for i in range(1, 300)]
    assert sum(t.count("mot") for t in texts) == 3000


def test_a_span_over_several_rows_is_refused():
    with pytest.raises(ValueError, match="span"):
        PagedTable(
            [["h"], ["a"], ["b"]], _plain_table, [("SPAN", (0, 1), (0, 2))], header=1, widths=[50]
        )

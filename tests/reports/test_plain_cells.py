"""Issue 18: a table's plain-string cells drawn at once print exactly what ReportLab prints.

The check reads each page's text runs as text tools do, with their origin, font, size and fill
colour, and compares them with the same page drawn by ReportLab's own cell by cell code: a
table of every alignment, vertical alignment, colour, font and line count a cell can have,
split over pages; then whole dossiers (the worked example, 1,000 ESSMS in 10 OGs).
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import pypdf
import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table

from benchmarks.fixtures import dossier_of
from esms_desktop.reports import paged_table
from esms_desktop.reports.base import (
    FONT_COND,
    FONT_COND_BOLD,
    SplittingTable,
    TextBlock,
    TextPart,
    para,
    register_fonts,
)
from esms_desktop.reports.plain_cells import with_plain_cells
from esms_desktop.services.export import export_candidature_pdf
from tests.reports.test_candidature import GENERATED, example_dossier

_FILL = {"rg", "g", "k", "sc", "scn"}


def text_runs(page: Any) -> Counter[tuple[Any, ...]]:
    """Each run of text ``page`` shows: where (rounded to 0.01 pt), in which font (by name:
    a document numbers its fonts, and codes their glyphs, in the order it first uses them),
    size and fill colour, as text tools read it (one run a text object: a cell's line)."""
    found: Counter[tuple[Any, ...]] = Counter()
    fill: list[Any] = [()]
    saved: list[Any] = []

    def operator(op: bytes, args: list[Any], _cm: Any, _tm: Any) -> None:
        name = op.decode()
        if name == "q":
            saved.append(fill[0])
        elif name == "Q":
            fill[0] = saved.pop()
        elif name in _FILL:
            fill[0] = (name, *(round(float(a), 4) for a in args))

    def text(shown: str, cm: list[float], tm: list[float], font: Any, size: Any) -> None:
        if shown.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            base = str(font["/BaseFont"]).split("+")[-1] if font else ""
            found[(round(x, 2), round(y, 2), shown, base, round(size, 2), fill[0])] += 1

    page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return found


def pages_of(data: bytes) -> list[Counter[tuple[Any, ...]]]:
    return [text_runs(p) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def reading_order(data: bytes) -> list[str]:
    """Each page's text in the order the page holds it (what a simple extractor, a copy and
    paste or a screen reader follows)."""
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def build(flowables: list[Any]) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(flowables)
    return buffer.getvalue()


def every_kind_of_cell(plain: bool) -> list[Any]:
    rows: list[list[Any]] = [["N°", "Nom\nlong", "Montant", "Note"]]
    for i in range(1, 160):
        rows.append(
            [
                str(i),
                f"Établissement {i}\nsur deux lignes" if i % 3 else f"« Court » {i}",
                f"{i * 1000:,} €".replace(",", "\u202f"),
                para(f"Une remarque {i}", "Cell") if i % 17 == 0 else ("" if i % 5 else "—"),
            ]
        )
    rows.append(["Total", "", "159 lignes", TextBlock([TextPart("fin", FONT_COND, 7.5)])])
    style = [
        ("FONT", (0, 0), (-1, -1), FONT_COND, 8, 9.6),
        ("FONT", (0, 0), (-1, 0), FONT_COND_BOLD, 8),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), colors.darkblue),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("ALIGN", (2, 0), (2, -1), "RIGHT"),
        ("ALIGN", (1, 40), (1, 60), "CENTER"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, 80), "TOP"),
        ("VALIGN", (0, 81), (-1, -1), "MIDDLE"),
        ("TEXTCOLOR", (2, 7), (2, 30), colors.red),
        ("FONT", (0, 100), (-1, 100), "Helvetica", 9),  # a standard font: left to ReportLab
        ("SPAN", (0, -1), (1, -1)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
    ]
    table = SplittingTable(rows, colWidths=[40, 160, 80, 120], repeatRows=1, style=style)
    return [with_plain_cells(table) if plain else table]


def test_a_table_of_every_kind_of_cell_prints_as_reportlab_prints_it() -> None:
    plain, reportlab = build(every_kind_of_cell(True)), build(every_kind_of_cell(False))
    ours, theirs = pages_of(plain), pages_of(reportlab)
    assert reading_order(plain) == reading_order(reportlab)
    assert len(ours) == len(theirs) > 3  # split over pages: the parts keep the way they draw
    assert ours == theirs
    # the gathered cells are really drawn apart from ReportLab's own (the case tested)
    assert type(every_kind_of_cell(True)[0]).__name__ == "PlainSplittingTable"


def test_a_cell_in_a_standard_font_is_still_drawn() -> None:
    reader = pypdf.PdfReader(io.BytesIO(build(every_kind_of_cell(True))))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Établissement 100" in text and "« Court » 99" in text and "159 lignes" in text


def _dossier_pdf(dossier: Any, folder: Path, plain: bool, monkeypatch: Any) -> bytes:
    with monkeypatch.context() as patch:
        if not plain:  # ReportLab draws every cell itself
            patch.setattr(paged_table, "with_plain_cells", lambda table: table)
        path = folder / f"{'plain' if plain else 'reportlab'}.pdf"
        export_candidature_pdf(dossier, path, generated_on=GENERATED)
    return path.read_bytes()


@pytest.mark.parametrize(
    "make",
    [example_dossier, lambda: dossier_of(1000, 10, "national-2021")],
    ids=["exemple", "1000-essms"],
)
def test_a_dossier_prints_the_same_text_as_reportlab_alone(
    make: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    dossier = make()
    plain = _dossier_pdf(dossier, tmp_path, True, monkeypatch)
    reportlab = _dossier_pdf(dossier, tmp_path, False, monkeypatch)
    ours, theirs = pages_of(plain), pages_of(reportlab)
    assert len(ours) == len(theirs)
    for number, (page, reference) in enumerate(zip(ours, theirs, strict=True), start=1):
        assert page == reference, f"page {number}"
    assert reading_order(plain) == reading_order(reportlab)


def test_a_line_is_encoded_once_per_document_and_not_shared_between_documents() -> None:
    """Two documents printing the same table each embed what they print (a line's encoding
    depends on the document's font subsets: a cache shared between them would be wrong)."""
    first = build(every_kind_of_cell(True))
    second = build(every_kind_of_cell(True))
    assert pages_of(first) == pages_of(second)
    reader = pypdf.PdfReader(io.BytesIO(second))
    assert "Établissement 11" in reader.pages[0].extract_text()


def test_the_plain_class_is_made_once_per_table_class() -> None:
    a = with_plain_cells(Table([["a"]]))
    b = with_plain_cells(Table([["b"]]))
    assert type(a) is type(b) and isinstance(a, Table)
    assert with_plain_cells(a) is a and type(with_plain_cells(a)) is type(a)

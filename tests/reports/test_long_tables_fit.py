"""Issue 18: the long tables of a big dossier keep every text inside its column, whole.

Each plain-string cell of every long table of the dossier is checked with the font metrics of
its own cell style against its column's width; long names wrap (up to 200 ESSMS) or are cut
with « … » on one line (beyond), never lost; the ESSMS table's pages grow in proportion to its
rows.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdf
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from esms_desktop.domain.grappe import Grappe
from esms_desktop.reports import paged_table
from esms_desktop.reports.candidature.essms import essms_columns
from esms_desktop.services.export import dossier_from_grappe, export_candidature_pdf
from tests.domain.builders import split_grappe
from tests.reports.test_candidature import GENERATED

LONG = (
    "Établissement d'hébergement pour personnes âgées dépendantes Résidence des "
    "Tilleuls et des Charmilles de la Haute-Vallée"
)
WORD = "Anticonstitutionnellementextraordinairementlongissime"


def long_names(grappe: Grappe) -> Grappe:
    """Every third ESSMS with a long name, every seventh with a word wider than its column."""
    organisations = []
    for og in grappe.organisations:
        members = []
        for e in og.establishments:
            n = int(e.finess[-4:-1])
            name = f"{LONG} {n}" if n % 3 == 0 else f"{WORD} {n}" if n % 7 == 0 else e.name
            members.append(replace(e, name=name))
        organisations.append(replace(og, establishments=tuple(members)))
    return replace(grappe, organisations=tuple(organisations))


def printed(count: int, ogs: int, folder: Path, monkeypatch: Any) -> tuple[list[Any], Grappe, Path]:
    """The long tables made while printing ``count`` ESSMS (their rows, widths, styles)."""
    made: list[Any] = []
    real = paged_table.PagedTable.__init__

    def spy(self: Any, rows: Any, make: Any, commands: Any, **kw: Any) -> None:
        real(self, rows, make, commands, **kw)
        made.append((self, list(kw["widths"]), list(commands)))

    grappe = long_names(split_grappe(count, ogs, segur=True))
    path = folder / f"{count}.pdf"
    with monkeypatch.context() as patch:
        patch.setattr(paged_table.PagedTable, "__init__", spy)
        dossier = dossier_from_grappe(grappe, "national-2021", "Longs noms")
        export_candidature_pdf(dossier, path, generated_on=GENERATED)
    return made, grappe, path


def _spanned_rows(commands: list[Any], rows: int) -> set[int]:
    spanned: set[int] = set()
    for c in commands:
        if c[0] == "SPAN":
            r = c[1][1]
            spanned.add(r + rows if r < 0 else r)
    return spanned


@pytest.mark.parametrize(("count", "ogs"), [(150, 3), (400, 1)], ids=["150-lignes", "400-compact"])
def test_every_plain_cell_of_a_long_table_fits_its_column(
    count: int, ogs: int, tmp_path: Path, monkeypatch: Any
) -> None:
    made, _grappe, _path = printed(count, ogs, tmp_path, monkeypatch)
    assert made
    checked = 0
    for table, widths, commands in made:
        styles = table.cell_styles
        assert styles is not None
        spanned = _spanned_rows(commands, len(table.rows))
        for r, row in enumerate(table.rows):
            if r in spanned:
                continue
            for c, cell in enumerate(row):
                if not isinstance(cell, str):
                    continue
                s = styles[r][c]
                room = widths[c] - s.leftPadding - s.rightPadding
                for line in cell.split("\n"):
                    width = stringWidth(line, s.fontname, s.fontsize)
                    assert width <= room + 0.01, (r, c, line, width, room)
                    checked += 1
    assert checked > count * 8  # every ESSMS row's cells, not a few


@pytest.mark.parametrize(("count", "ogs"), [(150, 3), (400, 1)], ids=["150-lignes", "400-compact"])
def test_long_names_are_wrapped_whole_or_cut_visibly(
    count: int, ogs: int, tmp_path: Path, monkeypatch: Any
) -> None:
    made, grappe, _path = printed(count, ogs, tmp_path, monkeypatch)
    name_column = [c.title for c in essms_columns()].index("Établissement")
    names = {e.finess: e.name for og in grappe.organisations for e in og.establishments}
    finess_column = name_column - 1
    seen = 0
    for table, _widths, _commands in made:
        for row in table.rows:
            finess = row[finess_column] if len(row) > name_column else None
            if not isinstance(finess, str) or finess not in names:
                continue
            cell, name = row[name_column], names[finess]
            seen += 1
            if count <= 200:  # wrapped: every character kept, in order
                assert cell.replace("\n", "").replace(" ", "") == name.replace(" ", "")
            else:  # one line a row: the name, or its start and « … »
                assert "\n" not in cell
                assert cell == name or (cell.endswith("…") and name.startswith(cell[:-1]))
    assert seen == count


def _landscape_pages(path: Path) -> int:
    reader = pypdf.PdfReader(path)
    return sum(1 for p in reader.pages if p.mediabox.width > p.mediabox.height)


def test_the_essms_table_grows_in_proportion_to_its_rows(tmp_path: Path, monkeypatch: Any) -> None:
    # Both over 200 (one line a row) and at most 500 (the campaign funds up to 500 ESSMS: the
    # ESSMS after that carry a three-line caveat, taller rows).
    _m, _g, small = printed(240, 1, tmp_path, monkeypatch)
    _m, _g, big = printed(480, 1, tmp_path, monkeypatch)
    few, many = _landscape_pages(small), _landscape_pages(big)
    assert few > 5
    assert 2 * few - 2 <= many <= 2 * few + 1

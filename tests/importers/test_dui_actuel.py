"""« DUI actuel » in the grappe spreadsheet: the ESSMS's current DUI, optional, values or labels.

The column comes from the field table (esms_desktop/domain/fields.py) alone: the import, the
template, its help sheet and the export all pick it up from there.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from esms_desktop.domain.grappe import (
    DuiSituation,
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.importers.grappe_sheet import COLUMNS, REQUIRED, import_grappe
from esms_desktop.importers.grappe_template import (
    write_grappe_csv,
    write_template_csv,
    write_template_xlsx,
)

HEADER = ["og_nom", "og_role", "finess", "nom", "categorie", "projet", "dui_actuel"]


def sheet(tmp_path: Path, values: list[str], header: list[str] = HEADER) -> Path:
    """A porteur OG with one ESSMS per value of the dui_actuel column (valid FINESS numbers)."""
    finess = ["590050076", "590050142", "590050845", "620050427", "750000010", "130000011"]
    path = tmp_path / "g.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        for number, value in zip(finess, values, strict=False):
            writer.writerow(["A", "porteur", number, f"ESSMS {number}", "500", "aucun", value])
    return path


def test_the_column_is_in_the_template_and_optional() -> None:
    assert COLUMNS[-3:-1] == ("dui_actuel", "services_socles")  # then the OG column added since
    assert COLUMNS.index("dui_actuel") == COLUMNS.index("solution_dui") + 1
    assert "dui_actuel" not in REQUIRED


@pytest.mark.parametrize(
    ("cell", "situation"),
    [
        ("reference", DuiSituation.REFERENCE),
        ("non_reference", DuiSituation.NON_REFERENCE),
        ("aucun", DuiSituation.AUCUN),
        ("inconnue", DuiSituation.INCONNUE),
        ("", DuiSituation.INCONNUE),
        ("DUI référencé Ségur", DuiSituation.REFERENCE),
        ("dui non reference segur", DuiSituation.NON_REFERENCE),
        ("Pas de DUI", DuiSituation.AUCUN),
        ("Non renseignée", DuiSituation.INCONNUE),
        (" Reference ", DuiSituation.REFERENCE),
    ],
)
def test_values_and_french_labels_are_read(tmp_path: Path, cell: str, situation) -> None:
    result = import_grappe(sheet(tmp_path, [cell]))
    assert result.errors == ()
    assert result.grappe is not None
    (est,) = result.grappe.organisations[0].establishments
    assert est.current_dui is situation


def test_a_header_spelt_as_people_write_it(tmp_path: Path) -> None:
    header = [*HEADER[:-1], "DUI actuel"]
    result = import_grappe(sheet(tmp_path, ["Pas de DUI"], header))
    assert result.grappe is not None and not result.notices
    assert result.grappe.organisations[0].establishments[0].current_dui is DuiSituation.AUCUN


def test_an_unknown_value_names_the_row_and_column(tmp_path: Path) -> None:
    result = import_grappe(sheet(tmp_path, ["reference", "peut-être"]))
    assert result.grappe is None
    (error,) = result.errors
    assert (error.line, error.column, error.value) == (3, "dui_actuel", "peut-être")
    assert "Pas de DUI" in error.expected


def test_files_without_the_column_still_import(tmp_path: Path) -> None:
    result = import_grappe(sheet(tmp_path, ["x", "y"], HEADER[:-1]))
    assert result.errors == () and result.grappe is not None
    assert all(e.current_dui is DuiSituation.INCONNUE for _og, e in result.grappe.rows())


def test_the_export_reads_back_every_situation(tmp_path: Path) -> None:
    ests = tuple(
        Establishment(number, f"ESSMS {number}", "500", None, ProjectType.AUCUN, current_dui=s)
        for number, s in zip(
            ("590050076", "590050142", "590050845", "620050427"), DuiSituation, strict=True
        )
    )
    grappe = Grappe((Organisation("A", OgRole.PORTEUR, establishments=ests),))
    path = write_grappe_csv(grappe, tmp_path / "export.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert ";solution_dui;dui_actuel;services_socles;" in lines[0]
    assert [line.split(";")[-3] for line in lines[1:]] == [
        "",  # inconnue: empty, as the help says
        "aucun",
        "non_reference",
        "reference",
    ]
    assert import_grappe(path).grappe == grappe


def test_the_template_offers_and_explains_it(tmp_path: Path) -> None:
    header = write_template_csv(tmp_path / "modele.csv").read_text("utf-8-sig").splitlines()[0]
    assert header.split(";")[-3:-1] == ["dui_actuel", "services_socles"]
    book = load_workbook(write_template_xlsx(tmp_path / "modele.xlsx"))
    lists = {v.formula1 for v in book["Grappe"].data_validations.dataValidation}
    assert '"inconnue,aucun,non_reference,reference"' in lists
    aide = {row[0].value: (row[1].value, row[2].value) for row in book["Aide"].iter_rows(min_row=2)}
    required, text = aide["dui_actuel"]
    assert required == "non" and "vide : inconnue" in text and "DUI référencé Ségur" in text

"""``.xls`` (old ARS annexes) and ``.ods`` (LibreOffice) grappe spreadsheets import like ``.xlsx``.

The ``.xls`` files are real Excel 97-2003 workbooks kept in tests/fixtures/workbooks (written by
its make_xls.py); the ``.ods`` are written here by hand (tests/importers/spreadsheet_files.py).
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from esms_desktop.domain.grappe import Grappe
from esms_desktop.importers.grappe_sheet import COLUMNS, PERCENT_COLUMNS, import_grappe
from esms_desktop.importers.tabular import ImportFileError, read_table
from esms_desktop.services.imports import preview_file
from tests.importers.spreadsheet_files import Cell, Pct, Repeat, write_ods, write_ods_xml

WORKBOOKS = Path(__file__).resolve().parents[1] / "fixtures" / "workbooks"
NUMERIC = {"finess", "categorie", "capacite", "og_siren", "og_finess_ej"}


def example_rows(example_csv: Path) -> list[list[str]]:
    with open(example_csv, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def typed(rows: list[list[str]], *, percent: bool) -> list[list[Cell]]:
    """The rows as LibreOffice stores what people type: numbers as numbers, « 70 % » as 0.7."""
    out: list[list[Cell]] = [list(rows[0])]
    for cells in rows[1:]:
        line: list[Cell] = []
        for name, value in zip(rows[0], cells, strict=True):
            if name in NUMERIC and value.isdigit():
                line.append(float(value))
            elif name == "heures_eligibles_pct" and value:
                line.append(Pct(int(value) / 100) if percent else float(value))
            else:
                line.append(value)
        out.append(line)
    return out


@pytest.fixture
def expected(example_csv: Path) -> Grappe:
    grappe = import_grappe(example_csv).grappe
    assert grappe is not None
    return grappe


def test_the_percentage_columns_come_from_the_field_specs() -> None:
    assert {"heures_eligibles_pct"} == PERCENT_COLUMNS


# --- .ods -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("percent", [True, False], ids=["cells-in-percent", "plain-numbers"])
def test_ods_imports_like_the_csv(
    tmp_path: Path, example_csv: Path, expected: Grappe, percent: bool
) -> None:
    rows = typed(example_rows(example_csv), percent=percent)
    path = write_ods(tmp_path / "grappe.ods", {"Grappe": rows, "Notes": [["rien"]]})
    result = import_grappe(path)
    assert result.errors == ()
    assert result.grappe == expected
    saad = next(e for _og, e in expected.rows() if e.eligible_hours_pct != 100)
    assert saad.eligible_hours_pct == 70  # « 70 % » is 70, not 0,7


def test_ods_line_numbers_follow_the_sheet(tmp_path: Path, example_csv: Path) -> None:
    rows = typed(example_rows(example_csv), percent=True)
    rows[2][COLUMNS.index("finess")] = "12345"
    path = write_ods(tmp_path / "grappe.ods", {"Grappe": rows}, blank_rows_first=2)
    result = import_grappe(path)
    assert [(e.line, e.column) for e in result.errors] == [(5, "finess")]  # 2 blank + header


def test_ods_percent_cells_repeated_and_after_merged_cells(tmp_path: Path) -> None:
    """LibreOffice writes identical neighbours once, with a repeat count: each still counts."""
    path = tmp_path / "t.ods"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="G">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string"><text:p>b</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string"><text:p>c</text:p>'
        "</table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="2">'
        '<table:table-cell table:number-columns-spanned="2" office:value-type="string">'
        "<text:p>fusion</text:p></table:table-cell><table:covered-table-cell/>"
        '<table:table-cell office:value-type="percentage" office:value="0.25">'
        "<text:p>25 %</text:p></table:table-cell></table:table-row>"
        '<table:table-row><table:table-cell office:value-type="percentage" office:value="0.5"'
        ' table:number-columns-repeated="3"><text:p>50 %</text:p></table:table-cell>'
        "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    table = read_table(write_ods_xml(path, content))
    assert table.rows == (
        (2, ("fusion", "", "25")),
        (3, ("fusion", "", "25")),
        (4, ("50", "50", "50")),
    )


def test_ods_cells_read_as_the_xlsx_path_reads_them(tmp_path: Path) -> None:
    values: list[Cell] = [
        "Les Tilleuls",
        590050076,
        12.5,
        date(2024, 3, 1),
        True,
        Pct(0.705),
        Repeat(1),
        "fin",
    ]
    header: list[Cell] = [f"c{i}" for i in range(len(values))]
    ods = read_table(write_ods(tmp_path / "t.ods", {"T": [header, values]}))
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append(
        [v.value if isinstance(v, Pct) else None if isinstance(v, Repeat) else v for v in values]
    )
    sheet.cell(2, 6).number_format = "0.0%"
    sheet.cell(2, 4).number_format = "DD/MM/YYYY"
    xlsx_path = tmp_path / "t.xlsx"
    book.save(xlsx_path)
    xlsx = read_table(xlsx_path)
    assert ods.rows == xlsx.rows
    assert ods.rows[0][1] == (
        "Les Tilleuls",
        "590050076",
        "12,5",
        "2024-03-01",
        "oui",
        "70,5",
        "",
        "fin",
    )
    assert (ods.encoding, ods.sheet, ods.fractions) == ("ods", "T", frozenset())


# --- .xls -----------------------------------------------------------------------------------------


def test_xls_imports_like_the_csv(expected: Grappe) -> None:
    result = import_grappe(WORKBOOKS / "grappe-exemple.xls")
    assert result.errors == ()
    assert result.grappe == expected


def test_xls_cell_that_may_be_a_percentage_is_refused_with_both_readings() -> None:
    result = import_grappe(WORKBOOKS / "grappe-pourcentage.xls")
    assert result.grappe is None
    assert [(e.line, e.column, e.value) for e in result.errors] == [
        (5, "heures_eligibles_pct", "0,7")
    ]
    message = result.errors[0].message
    assert message.startswith("Ligne 5, colonne heures_eligibles_pct : « 0,7 »")
    assert "feuille « Grappe »" in message
    assert "« 0,7 % »" in message and "« 70 % »" in message
    assert ".xlsx ou .ods" in message  # how to say which one is meant


def test_xls_cells_read_as_the_xlsx_path_reads_them(tmp_path: Path) -> None:
    xls = read_table(WORKBOOKS / "types.xls")
    assert xls.header == ("texte", "entier", "decimal", "date", "horodatage", "booleen")
    book = Workbook()
    sheet = book.active
    sheet.append(list(xls.header))
    sheet.append(
        [
            "Résidence « Les Tilleuls »",
            590050076,
            12.5,
            date(2024, 3, 1),
            datetime(2024, 3, 1, 14, 30),
            True,
        ]
    )
    xlsx_path = tmp_path / "t.xlsx"
    book.save(xlsx_path)
    assert xls.rows == read_table(xlsx_path).rows
    assert xls.rows[0][1][3:5] == ("2024-03-01", "2024-03-01 14:30:00")


def test_a_number_above_one_in_an_xls_is_not_ambiguous() -> None:
    table = read_table(WORKBOOKS / "grappe-exemple.xls")
    assert table.fractions == frozenset()  # 70, capacities, FINESS: none between 0 and 1


# --- through the import service, as the window and the CLI use it ---------------------------------


def test_the_import_service_takes_both_formats(
    tmp_path: Path, example_csv: Path, expected: Grappe
) -> None:
    ods = write_ods(tmp_path / "g.ods", {"G": typed(example_rows(example_csv), percent=True)})
    for path in (ods, WORKBOOKS / "grappe-exemple.xls"):
        preview = preview_file(path)
        assert (preview.kind, preview.errors) == ("grappe", ())
        assert preview.grappe == expected


# --- damaged files -------------------------------------------------------------------------------


def _truncated_xls() -> bytes:
    return (WORKBOOKS / "grappe-exemple.xls").read_bytes()[:1500]


def _ods_with_broken_xml(example_csv: Path, tmp_path: Path) -> bytes:
    good = write_ods(tmp_path / "ok.ods", {"G": [["a"], ["b"]]}).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename == "content.xml" else data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "needles"),
    [
        ("grappe.xls", lambda _c, _t: _truncated_xls(), ("Excel 97-2003 (.xls) lisible", "abîmé")),
        ("grappe.xls", lambda _c, _t: b"<html><table><tr><td>a</td></tr></table>", ("page web",)),
        ("grappe.xls", lambda _c, _t: b"og_nom;finess\r\nA;1\r\n", ("renommé",)),
        ("grappe.ods", lambda _c, _t: b"PK\x03\x04 coupe", ("LibreOffice", "lisible")),
        ("grappe.ods", _ods_with_broken_xml, ("abîmé",)),
        ("grappe.ods", lambda _c, _t: b"", ("vide",)),
    ],
    ids=["xls-truncated", "xls-html", "xls-text", "ods-truncated", "ods-broken-xml", "ods-empty"],
)
def test_damaged_workbooks_say_what_and_where(
    tmp_path: Path, example_csv: Path, name: str, make, needles: tuple[str, ...]
) -> None:
    path = tmp_path / name
    path.write_bytes(make(example_csv, tmp_path))
    with pytest.raises(ImportFileError) as caught:
        import_grappe(path)
    message = str(caught.value)
    assert f"« {name} »" in message
    for needle in needles:
        assert needle in message


def test_ods_with_header_only(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "vide.ods", {"G": [list(COLUMNS)]})
    with pytest.raises(ImportFileError, match=r"« vide\.ods » ne contient que la ligne d'en-tête"):
        import_grappe(path)

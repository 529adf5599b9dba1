"""The grappe spreadsheet importer, on the worked example and on every kind of bad input."""

from __future__ import annotations

import csv
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from esms_desktop.domain.grappe import OgRole, ProjectType
from esms_desktop.importers.grappe_sheet import COLUMNS, import_grappe
from esms_desktop.importers.grappe_template import (
    write_grappe_csv,
    write_template_csv,
    write_template_xlsx,
)
from esms_desktop.importers.tabular import ImportFileError


def example_rows(example_csv: Path) -> list[list[str]]:
    with open(example_csv, encoding="utf-8-sig", newline="") as fh:
        return [row for row in csv.reader(fh, delimiter=";")]


def write_csv(
    path: Path, rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ";"
) -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


def test_worked_example(example_csv: Path) -> None:
    result = import_grappe(example_csv)
    assert result.errors == ()
    g = result.grappe
    assert g is not None
    assert [o.name for o in g.organisations] == [
        "Association Les Hirondelles",
        "APEI du Littoral",
        "Fondation Saint-Éloi",
    ]
    assert [len(o.establishments) for o in g.organisations] == [5, 6, 5]
    assert g.porteur is not None and g.porteur.name == "Association Les Hirondelles"
    assert g.porteur.siren == "314159260" and g.porteur.finess_ej == "590088001"
    saad = next(e for _, e in g.rows() if e.category == "460")
    assert saad.eligible_hours_pct == Decimal(70)
    assert g.solution.editor == "Éditeur Exemple" and g.solution.product == "Dossier Usager"
    assert all(o.declared_size is None for o in g.organisations)


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("cp1252", ","), ("utf-8", ";"), ("utf-8-sig", ",")]
)
def test_encodings_and_separators_import_identically(
    tmp_path: Path, example_csv: Path, encoding: str, delimiter: str
) -> None:
    rows = example_rows(example_csv)
    path = write_csv(tmp_path / "g.csv", rows, encoding=encoding, delimiter=delimiter)
    assert import_grappe(path).grappe == import_grappe(example_csv).grappe


def test_xlsx_with_numbers_imports_identically(tmp_path: Path, example_csv: Path) -> None:
    rows = example_rows(example_csv)
    book = Workbook()
    sheet = book.active
    sheet.append(rows[0])
    numeric = {
        "finess",
        "categorie",
        "capacite",
        "og_siren",
        "og_finess_ej",
        "heures_eligibles_pct",
    }
    for row in rows[1:]:
        sheet.append(
            [float(v) if rows[0][i] in numeric and v.isdigit() else v for i, v in enumerate(row)]
        )
    path = tmp_path / "g.xlsx"
    book.save(path)
    assert import_grappe(path).grappe == import_grappe(example_csv).grappe


def test_header_variants(tmp_path: Path, example_csv: Path) -> None:
    rows = example_rows(example_csv)
    rows[0] = [
        "OG Nom",
        "OG-Rôle",
        "og siren",
        "OG_FINESS_EJ",
        "og nb esms",
        "FINESS",
        "Nom",
        "Catégorie",
        "Capacité",
        "Projet",
        "Équipement",
        "Heures éligibles %",
        "Solution DUI",
        "Commentaire",
    ]
    rows = [[*r, "x"] if i else r for i, r in enumerate(rows)]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.grappe == import_grappe(example_csv).grappe
    assert any("Commentaire" in n for n in result.notices)


def test_every_bad_cell_is_reported_at_once(tmp_path: Path, example_csv: Path) -> None:
    rows = example_rows(example_csv)
    col = {name: rows[0].index(name) for name in COLUMNS}
    rows[1][col["finess"]] = "590050077"  # wrong key
    rows[2][col["categorie"]] = "EHPAD"
    rows[3][col["projet"]] = "achat"
    rows[4][col["equipement"]] = "peut-être"
    rows[5][col["heures_eligibles_pct"]] = "100,5"
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.grappe is None
    found = {(e.line, e.column) for e in result.errors}
    assert found == {
        (2, "finess"),
        (3, "categorie"),
        (4, "projet"),
        (5, "equipement"),
        (6, "heures_eligibles_pct"),
    }
    finess_error = next(e for e in result.errors if e.column == "finess")
    assert "Ligne 2, colonne finess" in finess_error.message
    assert "clé" in finess_error.message


def test_eight_digit_finess_gets_a_suggestion(tmp_path: Path, example_csv: Path) -> None:
    rows = example_rows(example_csv)
    rows.append(
        [
            "Association Les Hirondelles",
            "porteur",
            "",
            "",
            "",
            "10001261",
            "ESAT",
            "246",
            "50",
            "acquisition",
            "",
            "",
            "",
        ]
    )
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.grappe is None
    (error,) = result.errors
    assert error.line == len(rows) and "010001261" in error.message


def test_skip_bad_rows_imports_the_others(tmp_path: Path, example_csv: Path) -> None:
    rows = example_rows(example_csv)
    rows[3][rows[0].index("finess")] = "123"
    result = import_grappe(write_csv(tmp_path / "g.csv", rows), skip_bad_rows=True)
    assert result.grappe is not None
    assert result.grappe.establishment_count == 15
    assert result.skipped_lines == (4,)
    assert any("ignorée" in n for n in result.notices)


@pytest.mark.parametrize("roles", [("membre", "membre"), ("porteur", "porteur")])
def test_exactly_one_porteur(tmp_path: Path, roles: tuple[str, str]) -> None:
    rows = [
        list(COLUMNS),
        ["A", roles[0], "", "", "", "590050076", "X", "500", "", "acquisition", "", "", ""],
        ["B", roles[1], "", "", "", "590050142", "Y", "500", "", "acquisition", "", "", ""],
    ]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.grappe is None
    assert any(e.column == "og_role" and "porteur" in e.message for e in result.errors)


def test_inconsistent_og_values_and_duplicates(tmp_path: Path, example_csv: Path) -> None:
    rows = example_rows(example_csv)
    rows[2][rows[0].index("og_siren")] = "314170374"
    rows.append(list(rows[1]))
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert {(e.line, e.column) for e in result.errors} == {(3, "og_siren"), (len(rows), "finess")}


def test_missing_required_column(tmp_path: Path) -> None:
    rows = [
        ["og_nom", "og_role", "finess", "nom", "categorie"],
        ["A", "porteur", "590050076", "X", "500"],
    ]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.grappe is None
    assert [e.column for e in result.errors] == ["projet"]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "vide"),
        (b"og_nom;og_role;finess;nom;categorie;projet\r\n", "en-tête"),
        (b"\x00\x01\x02garbage\x00" * 10, "binaires"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, needle: str) -> None:
    path = tmp_path / "grappe équipe.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as err:
        import_grappe(path)
    assert needle in str(err.value) and "grappe équipe.csv" in str(err.value)


def test_zip_renamed_csv(tmp_path: Path) -> None:
    path = tmp_path / "grappe.csv"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(ImportFileError, match="ZIP"):
        import_grappe(path)


def test_round_trip_and_templates(tmp_path: Path, example_csv: Path) -> None:
    grappe = import_grappe(example_csv).grappe
    assert grappe is not None
    out = write_grappe_csv(grappe, tmp_path / "export.csv")
    assert import_grappe(out).grappe == grappe
    for writer, name in ((write_template_csv, "modele.csv"), (write_template_xlsx, "modele.xlsx")):
        result = import_grappe(writer(tmp_path / name))
        assert result.errors == () and result.grappe is not None
        assert result.grappe.porteur is not None
        assert result.grappe.porteur.role is OgRole.PORTEUR
        assert {e.project for _, e in result.grappe.rows()} == {
            ProjectType.ACQUISITION,
            ProjectType.CONFORMITE,
        }


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(col=st.sampled_from(COLUMNS), value=st.text(max_size=30))
def test_any_cell_content_gives_a_grappe_or_cell_errors(
    tmp_path: Path, example_csv: Path, col: str, value: str
) -> None:
    rows = example_rows(example_csv)
    rows[1][rows[0].index(col)] = value.replace("\x00", "")
    path = write_csv(tmp_path / "fuzz.csv", rows)
    result = import_grappe(path)
    assert (result.grappe is None) == bool(result.errors)
    for e in result.errors:
        assert e.message

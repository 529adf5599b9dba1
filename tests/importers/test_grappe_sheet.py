"""The grappe spreadsheet importer, template writer and table reader.

On the worked example in every form Excel saves it, and on every kind of bad input: each bad cell
must be reported with its line and column, and a bad file must give a French ImportFileError
naming it — never another exception.
"""

from __future__ import annotations

import csv
import os
import random
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from esms_desktop.domain.edits import parse_establishment_field
from esms_desktop.domain.grappe import (
    CoreService,
    DuiSituation,
    DuiSolution,
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
    solution_key,
)
from esms_desktop.domain.identifiers import finess_with_key, luhn_ok
from esms_desktop.importers import grappe_template
from esms_desktop.importers.grappe_sheet import (
    COLUMNS,
    REQUIRED,
    CellError,
    GrappeImport,
    import_grappe,
    split_solution,
)
from esms_desktop.importers.grappe_template import (
    write_grappe_csv,
    write_template_csv,
    write_template_xlsx,
)
from esms_desktop.importers.tabular import ImportFileError, cell_text, header_key, read_table

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# --- helpers -----------------------------------------------------------------------------------


def example_rows(example_csv: Path) -> list[list[str]]:
    with open(example_csv, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def write_csv(
    path: Path,
    rows: list[list[str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ";",
    lineterminator: str = "\r\n",
) -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator=lineterminator).writerows(rows)
    return path


def set_cell(rows: list[list[str]], line: int, column: str, value: str) -> None:
    """Change the cell at file line ``line`` (header = 1) in template column ``column``.

    A column the file lacks (the worked example predates ``dui_actuel``) is added, empty.
    """
    if column not in rows[0]:
        for cells in rows:
            cells.append("")
        rows[0][-1] = column
    rows[line - 1][rows[0].index(column)] = value


def example_with(tmp_path: Path, example_csv: Path, **cells: str) -> Path:
    """The worked example with cells changed, keyed ``<column>_<line>``."""
    rows = example_rows(example_csv)
    for key, value in cells.items():
        column, _, line = key.rpartition("_")
        set_cell(rows, int(line), column, value)
    return write_csv(tmp_path / "g.csv", rows)


def row(og: str, role: str, finess: str, **more: str) -> list[str]:
    values = {"og_nom": og, "og_role": role, "finess": finess, "nom": f"ESSMS {finess}"}
    values |= {"categorie": "500", "projet": "acquisition"} | more
    return [values.get(c, "") for c in COLUMNS]


@pytest.fixture
def expected(example_csv: Path) -> Grappe:
    grappe = import_grappe(example_csv).grappe
    assert grappe is not None
    return grappe


# --- the worked example ------------------------------------------------------------------------


def test_worked_example(example_csv: Path) -> None:
    result = import_grappe(example_csv)
    assert result.errors == ()
    assert result.notices == ()
    assert result.row_count == 16
    g = result.grappe
    assert g is not None
    assert [o.name for o in g.organisations] == [
        "Association Les Hirondelles",
        "APEI du Littoral",
        "Fondation Saint-Éloi",
    ]
    assert [len(o.establishments) for o in g.organisations] == [5, 6, 5]
    assert [o.role for o in g.organisations] == [OgRole.PORTEUR, OgRole.MEMBRE, OgRole.MEMBRE]
    assert g.porteur is not None and g.porteur.name == "Association Les Hirondelles"
    assert g.porteur.siren == "314159260" and g.porteur.finess_ej == "590088001"
    assert all(o.declared_size is None for o in g.organisations)
    saad = next(e for _, e in g.rows() if e.category == "460")
    assert saad.eligible_hours_pct == Decimal(70)
    assert saad.capacity == 120 and saad.equipment is True
    assert all(e.eligible_hours_pct == 100 for _, e in g.rows() if e is not saad)
    assert g.solution == DuiSolution("Éditeur Exemple", "Dossier Usager", None)
    first = g.organisations[0].establishments[0]
    assert first == Establishment(
        finess="590050076",
        name="EHPAD Les Hirondelles",
        category="500",
        capacity=84,
        project=ProjectType.ACQUISITION,
        equipment=True,
        dui_solution="Éditeur Exemple — Dossier Usager",
        current_dui=DuiSituation.AUCUN,
        core_services=frozenset({CoreService.DMP, CoreService.MSSANTE, CoreService.INS}),
    )
    assert residence_dui(g) is DuiSituation.NON_REFERENCE  # a DUI to bring to Ségur
    # The USLD is not eligible, but that is the engine's finding, not an import error.
    assert any(e.category == "362" for _, e in g.rows())
    residence = g.organisations[0].establishments[4]
    assert residence.project is ProjectType.CONFORMITE and residence.equipment is False


@pytest.mark.parametrize(
    ("encoding", "delimiter", "lineterminator"),
    [
        ("cp1252", ",", "\r\n"),
        ("utf-8", ";", "\r\n"),
        ("utf-8", ";", "\n"),
        ("utf-8-sig", ",", "\n"),
        ("utf-16", "\t", "\r\n"),
    ],
)
def test_encodings_and_separators_import_identically(
    tmp_path: Path,
    example_csv: Path,
    expected: Grappe,
    encoding: str,
    delimiter: str,
    lineterminator: str,
) -> None:
    path = write_csv(
        tmp_path / "g.csv",
        example_rows(example_csv),
        encoding=encoding,
        delimiter=delimiter,
        lineterminator=lineterminator,
    )
    result = import_grappe(path)
    assert result.errors == ()
    assert result.grappe == expected


def test_cp1252_file_really_is_not_utf8(tmp_path: Path, example_csv: Path) -> None:
    """Guards the test above: the accents must come through the Windows-1252 fallback."""
    path = write_csv(tmp_path / "g.csv", example_rows(example_csv), encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    table = read_table(path)
    assert table.encoding == "Windows-1252"
    assert any("Saint-Éloi" in cells[0] for _, cells in table.rows)


def test_excel_sep_line_is_skipped(tmp_path: Path, example_csv: Path, expected: Grappe) -> None:
    path = tmp_path / "g.csv"
    path.write_text("sep=;\r\n" + example_csv.read_text(encoding="utf-8-sig"), encoding="utf-8")
    table = read_table(path)
    assert table.header_line == 2 and table.rows[0][0] == 3
    assert import_grappe(path).grappe == expected


def xlsx_from_rows(path: Path, rows: list[list[str]], *, as_int: bool = False) -> Path:
    """Save rows as a workbook with numbers stored as numbers, the way people type them."""
    numeric = {"finess", "categorie", "capacite", "og_siren", "og_finess_ej"}
    book = Workbook()
    sheet = book.active
    sheet.append(rows[0])
    for cells in rows[1:]:
        out: list[object] = []
        for name, value in zip(rows[0], cells, strict=True):
            if name in numeric and value.isdigit():
                out.append(int(value) if as_int else float(value))
            elif name == "heures_eligibles_pct" and value:
                out.append(int(value) / 100)  # a cell formatted as a percentage
            else:
                out.append(value)
        sheet.append(out)
    pct_col = rows[0].index("heures_eligibles_pct") + 1
    for r in range(2, len(rows) + 1):
        sheet.cell(r, pct_col).number_format = "0%"
    book.save(path)
    return path


@pytest.mark.parametrize("as_int", [False, True])
def test_xlsx_with_numbers_imports_identically(
    tmp_path: Path, example_csv: Path, expected: Grappe, as_int: bool
) -> None:
    path = xlsx_from_rows(tmp_path / "g.xlsx", example_rows(example_csv), as_int=as_int)
    cell = load_workbook(path).active.cell(2, COLUMNS.index("finess") + 1).value
    assert isinstance(cell, int | float)  # the FINESS really is stored as a number
    result = import_grappe(path)
    assert result.errors == ()
    assert result.grappe == expected


def test_xlsx_finess_number_that_lost_its_zero(tmp_path: Path) -> None:
    assert luhn_ok("010001261")
    rows = [list(COLUMNS), row("A", "porteur", "590050076"), row("A", "porteur", "x")]
    book = Workbook()
    for cells in rows:
        book.active.append(cells)
    book.active.cell(3, COLUMNS.index("finess") + 1).value = 10001261
    path = tmp_path / "g.xlsx"
    book.save(path)
    result = import_grappe(path)
    assert result.grappe is None
    (error,) = result.errors
    assert (error.line, error.column, error.value) == (3, "finess", "10001261")
    assert "010001261 ?" in error.message
    assert any("zéro initial" in n for n in result.notices)


def residence_dui(g: Grappe) -> DuiSituation:
    return g.organisations[0].establishments[4].current_dui


def test_header_variants(tmp_path: Path, example_csv: Path, expected: Grappe) -> None:
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
        "heures éligibles %",
        "Solution DUI",
        "DUI actuel",
        "Services socles",
        "Commentaire",
    ]
    rows = [[*r, "une remarque"] if i else r for i, r in enumerate(rows)]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.errors == ()
    assert result.grappe == expected
    assert result.notices == ("Colonne « Commentaire » inconnue : ignorée.",)


def test_columns_in_another_order_and_duplicated(
    tmp_path: Path, example_csv: Path, expected: Grappe
) -> None:
    rows = example_rows(example_csv)
    order = list(reversed(range(len(rows[0]))))
    rows = [[r[i] for i in order] + [r[0]] for r in rows]
    rows[0][-1] = "OG nom"  # a second og_nom column: the first one wins
    rows[1][-1] = "Autre chose"
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.grappe == expected
    assert any("en double" in n and "OG nom" in n for n in result.notices)


def test_header_key() -> None:
    assert header_key("\ufeffHeures éligibles %") == header_key("heures_eligibles_pct")
    assert header_key(" OG-Rôle ") == "ogrole"
    assert header_key("Catégorie") == "categorie"
    assert header_key("og_nom") != header_key("nom")


# --- cell values -------------------------------------------------------------------------------


def test_value_aliases(tmp_path: Path) -> None:
    rows = [
        list(COLUMNS),
        row("A", "Porteur", "590050076", projet="Mise en conformité", equipement="OUI"),
        row("A", " PORTEUR ", "590050142", projet="CONFORMITÉ", equipement="x"),
        row("B", "Membre", "590050217", projet="Acquisition", equipement="o"),
        row("B", "membre", "590050282", projet="aucun", equipement="N", capacite="1 200"),
        row(
            "B",
            "membre",
            "590050357",
            equipement="1",
            capacite="84,0",
            heures_eligibles_pct="70,5 %",
        ),
        row("B", "membre", "590050845", equipement="", categorie="50", heures_eligibles_pct="0"),
    ]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.errors == ()
    g = result.grappe
    assert g is not None
    ests = [e for _, e in g.rows()]
    assert [e.project for e in ests] == [
        ProjectType.CONFORMITE,
        ProjectType.CONFORMITE,
        ProjectType.ACQUISITION,
        ProjectType.AUCUN,
        ProjectType.ACQUISITION,
        ProjectType.ACQUISITION,
    ]
    assert [e.equipment for e in ests] == [True, True, True, False, True, False]
    assert [e.capacity for e in ests] == [None, None, None, 1200, 84, None]
    assert ests[4].eligible_hours_pct == Decimal("70.5")
    assert ests[5].eligible_hours_pct == 0 and ests[5].category == "050"
    assert [o.role for o in g.organisations] == [OgRole.PORTEUR, OgRole.MEMBRE]


def test_unknown_category_code_is_accepted(tmp_path: Path) -> None:
    """The eligibility engine warns about codes outside the nomenclature; the import keeps them."""
    rows = [list(COLUMNS), row("A", "porteur", "590050076", categorie="999")]
    g = import_grappe(write_csv(tmp_path / "g.csv", rows)).grappe
    assert g is not None and g.organisations[0].establishments[0].category == "999"


@pytest.mark.parametrize(
    ("column", "value", "needle"),
    [
        ("finess", "590050077", "clé"),
        ("finess", "", "vide"),
        ("finess", "59 005 007", "8 caractères"),
        ("og_finess_ej", "590088002", "clé"),
        ("og_siren", "314159261", "SIREN"),
        ("og_siren", "3141", "SIREN"),
        ("og_nom", "", "obligatoire"),
        ("nom", "  ", "obligatoire"),
        ("og_role", "chef", "porteur"),
        ("og_role", "", "obligatoire"),
        ("categorie", "EHPAD", "3 chiffres"),
        ("categorie", "5000", "3 chiffres"),
        ("categorie", "", "obligatoire"),
        ("capacite", "-1", "supérieur ou égal à 0"),
        ("capacite", "12,5", "entier"),
        ("capacite", "²", "entier"),
        ("projet", "", "obligatoire"),
        ("projet", "achat", "acquisition"),
        ("equipement", "peut-être", "oui"),
        ("heures_eligibles_pct", "100,5", "entre 0 et 100"),
        ("heures_eligibles_pct", "-1", "entre 0 et 100"),
        ("heures_eligibles_pct", "NaN", "entre 0 et 100"),
        ("heures_eligibles_pct", "1e1", "entre 0 et 100"),
        ("og_nb_esms", "0", "supérieur ou égal à 1"),
        ("og_nb_esms", "beaucoup", "entier"),
    ],
)
def test_bad_cell(tmp_path: Path, example_csv: Path, column: str, value: str, needle: str) -> None:
    result = import_grappe(example_with(tmp_path, example_csv, **{f"{column}_7": value}))
    assert result.grappe is None
    (error,) = result.errors
    assert (error.line, error.column, error.value) == (7, column, value.strip())
    assert needle in error.message
    assert error.message.startswith(f"Ligne 7, colonne {column}")


def test_every_bad_cell_is_reported_at_once(tmp_path: Path, example_csv: Path) -> None:
    path = example_with(
        tmp_path,
        example_csv,
        finess_2="590050077",  # wrong key
        categorie_3="EHPAD",
        projet_4="achat",
        equipement_5="peut-être",
        heures_eligibles_pct_6="100,5",
    )
    result = import_grappe(path)
    assert result.grappe is None
    assert [(e.line, e.column) for e in result.errors] == [
        (2, "finess"),
        (3, "categorie"),
        (4, "projet"),
        (5, "equipement"),
        (6, "heures_eligibles_pct"),
    ]
    assert result.errors[0].message == (
        "Ligne 2, colonne finess : « 590050077 » — "
        "clé de contrôle du numéro FINESS incorrecte (faute de frappe ?)"
    )
    assert result.skipped_lines == (2, 3, 4, 5, 6)


def test_several_bad_cells_on_one_row(tmp_path: Path, example_csv: Path) -> None:
    path = example_with(tmp_path, example_csv, finess_9="1", nom_9="", capacite_9="beaucoup")
    result = import_grappe(path)
    assert [(e.line, e.column) for e in result.errors] == [
        (9, "finess"),
        (9, "nom"),
        (9, "capacite"),
    ]
    assert result.errors[1].message == "Ligne 9, colonne nom — valeur obligatoire"


def test_eight_digit_finess_gets_a_suggestion(tmp_path: Path, example_csv: Path) -> None:
    rows = example_rows(example_csv)
    rows.append(row("Association Les Hirondelles", "porteur", "10001261", nom="ESAT"))
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.grappe is None
    (error,) = result.errors
    assert error.line == 18 and error.column == "finess"
    assert error.message.startswith("Ligne 18, colonne finess : « 10001261 » — numéro FINESS de 8")
    assert "(010001261 ?)" in error.message
    assert any("zéro initial" in n for n in result.notices)


def test_long_values_are_shortened_in_messages() -> None:
    error = CellError(3, "nom", "x" * 500, "valeur obligatoire")
    assert len(error.message) < 120 and error.message.count("x") < 70
    assert CellError(0, "og_role", "", "aucun porteur").message == "Colonne og_role — aucun porteur"


# --- OG level ----------------------------------------------------------------------------------


@pytest.mark.parametrize("roles", [("membre", "membre"), ("porteur", "porteur")])
def test_exactly_one_porteur(tmp_path: Path, roles: tuple[str, str]) -> None:
    rows = [list(COLUMNS), row("A", roles[0], "590050076"), row("B", roles[1], "590050142")]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.grappe is None
    (error,) = result.errors
    assert error.column == "og_role" and "porteur" in error.message
    if roles[0] == "porteur":
        assert error.line == 3 and "« A » l'est déjà (ligne 2)" in error.message
    else:
        assert error.line == 0 and "aucun OG" in error.message


def test_porteur_errors_cannot_be_skipped(tmp_path: Path) -> None:
    rows = [list(COLUMNS), row("A", "porteur", "590050076"), row("B", "porteur", "590050142")]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows), skip_bad_rows=True)
    assert result.grappe is None and len(result.errors) == 1


def test_og_values_must_agree_across_its_rows(tmp_path: Path, example_csv: Path) -> None:
    rows = example_rows(example_csv)
    set_cell(rows, 3, "og_siren", "314170374")
    set_cell(rows, 8, "og_role", "porteur")  # APEI's second row
    set_cell(rows, 14, "og_finess_ej", "590088001")
    for line in (13, 14, 15):
        set_cell(rows, line, "og_nb_esms", "12")
    set_cell(rows, 16, "og_nb_esms", "40")
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert [(e.line, e.column) for e in result.errors] == [
        (3, "og_siren"),
        (8, "og_role"),
        (14, "og_finess_ej"),
        (16, "og_nb_esms"),
    ]
    assert "« 314159260 » à la ligne 2" in result.errors[0].message
    assert "« membre » à la ligne 7" in result.errors[1].message


def test_declared_size(tmp_path: Path, example_csv: Path) -> None:
    good = example_with(tmp_path, example_csv, og_nb_esms_7="40", og_nb_esms_8="40")
    g = import_grappe(good).grappe
    assert g is not None
    assert [o.declared_size for o in g.organisations] == [None, 40, None]
    assert g.organisations[1].size == 40
    too_small = import_grappe(example_with(tmp_path, example_csv, og_nb_esms_9="3"))
    (error,) = too_small.errors
    assert (error.line, error.column) == (9, "og_nb_esms")
    assert "6 lignes" in error.message


def test_duplicate_finess(tmp_path: Path, example_csv: Path) -> None:
    rows = example_rows(example_csv)
    rows.append(list(rows[1]))
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    (error,) = result.errors
    assert (error.line, error.column) == (18, "finess")
    assert "ligne 2" in error.message


def test_members_in_order_of_first_appearance(tmp_path: Path) -> None:
    rows = [
        list(COLUMNS),
        row("B", "membre", "590050076"),
        row("C", "membre", "590050142"),
        row("A", "porteur", "590050217"),
        row("B", "membre", "590050282"),
    ]
    g = import_grappe(write_csv(tmp_path / "g.csv", rows)).grappe
    assert g is not None
    assert [(o.name, len(o.establishments)) for o in g.organisations] == [
        ("A", 1),
        ("B", 2),
        ("C", 1),
    ]


def test_og_names_differing_only_by_case_are_flagged(tmp_path: Path) -> None:
    rows = [
        list(COLUMNS),
        row("APEI du Littoral", "porteur", "590050076"),
        row("APEI du littoral", "porteur", "590050142"),
    ]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert len(result.errors) == 1  # two OGs, both porteur
    assert any("« APEI du littoral » (ligne 3)" in n for n in result.notices)


def test_missing_required_columns_and_other_cells_still_checked(tmp_path: Path) -> None:
    rows = [
        ["og_nom", "og_role", "finess", "nom", "capacite"],
        ["A", "porteur", "590050076", "X", "beaucoup"],
    ]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.grappe is None
    assert [(e.line, e.column) for e in result.errors] == [
        (1, "categorie"),
        (1, "projet"),
        (2, "capacite"),
    ]
    assert result.errors[0].message == (
        "Ligne 1, colonne categorie — colonne obligatoire absente de l'en-tête"
    )
    assert import_grappe(write_csv(tmp_path / "g.csv", rows), skip_bad_rows=True).grappe is None


def test_optional_columns_may_be_absent(tmp_path: Path) -> None:
    header = [c for c in COLUMNS if c in REQUIRED]
    assert header == ["og_nom", "og_role", "finess", "nom", "categorie", "projet"]
    rows = [header, ["A", "porteur", "590050076", "X", "500", "acquisition"]]
    g = import_grappe(write_csv(tmp_path / "g.csv", rows)).grappe
    assert g is not None
    est = g.organisations[0].establishments[0]
    assert (est.capacity, est.equipment, est.eligible_hours_pct, est.dui_solution) == (
        None,
        False,
        Decimal(100),
        "",
    )
    assert g.solution == DuiSolution()


# --- the DUI solution --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "editor", "product"),
    [
        ("Éditeur Exemple — Dossier Usager", "Éditeur Exemple", "Dossier Usager"),
        ("Éditeur—Produit", "Éditeur", "Produit"),
        ("Saint-Éloi Soft - Dossier", "Saint-Éloi Soft", "Dossier"),
        ("Saint-Éloi Soft – Dossier", "Saint-Éloi Soft", "Dossier"),
        ("Logiciel-Tout-En-Un", "Logiciel-Tout-En-Un", ""),
    ],
)
def test_split_solution(label: str, editor: str, product: str) -> None:
    assert split_solution(label) == DuiSolution(editor, product, None)


def test_same_solution_spelt_differently_and_rows_without_one(tmp_path: Path) -> None:
    rows = [
        list(COLUMNS),
        row("A", "porteur", "590050076", solution_dui="Éditeur — Produit"),
        row("A", "porteur", "590050142", solution_dui="éditeur - produit"),
        row("A", "porteur", "590050217"),
    ]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.grappe is not None and result.notices == ()
    assert result.grappe.solution == DuiSolution("Éditeur", "Produit")


def test_different_solutions(tmp_path: Path) -> None:
    rows = [
        list(COLUMNS),
        row("A", "porteur", "590050076", solution_dui="Éditeur — Produit"),
        row("A", "porteur", "590050142", solution_dui="Autre — Logiciel"),
    ]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows))
    assert result.grappe is not None and result.grappe.solution == DuiSolution()
    (notice,) = result.notices
    assert "« Éditeur — Produit »" in notice and "« Autre — Logiciel »" in notice


# --- skipping bad rows -------------------------------------------------------------------------


def test_skip_bad_rows_imports_the_others(tmp_path: Path, example_csv: Path) -> None:
    path = example_with(tmp_path, example_csv, finess_4="123", projet_12="achat")
    strict = import_grappe(path)
    assert strict.grappe is None and len(strict.errors) == 2
    result = import_grappe(path, skip_bad_rows=True)
    assert result.grappe is not None
    assert result.errors == strict.errors
    assert result.grappe.establishment_count == 14
    assert [len(o.establishments) for o in result.grappe.organisations] == [4, 5, 5]
    assert result.skipped_lines == (4, 12)
    assert "2 ligne(s) en erreur ignorée(s) : 4, 12." in result.notices
    finesses = {e.finess for _, e in result.grappe.rows()}
    assert "590050217" not in finesses and "620050773" not in finesses  # SSIAD, SAVS
    assert "590050282" in finesses


def test_skipping_every_porteur_row(tmp_path: Path) -> None:
    rows = [
        list(COLUMNS),
        row("A", "porteur", "590050077"),  # bad key
        row("B", "membre", "590050142"),
    ]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows), skip_bad_rows=True)
    assert result.grappe is not None and result.grappe.porteur is None
    assert any("OG porteur (« A »)" in n for n in result.notices)


def test_skipping_every_row(tmp_path: Path) -> None:
    rows = [list(COLUMNS), row("A", "porteur", "1")]
    result = import_grappe(write_csv(tmp_path / "g.csv", rows), skip_bad_rows=True)
    assert result.grappe is None and len(result.errors) == 1
    assert any("rien n'a été importé" in n for n in result.notices)


# --- files that are not a grappe table ---------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "vide"),
        (b" \r\n\r\n  ", "vide"),
        (b"\xef\xbb\xbf", "vide"),
        (b"og_nom;og_role;finess;nom;categorie;projet\r\n", "en-tête"),
        (b"og_nom;og_role;finess;nom;categorie;projet\r\n;;;;;\r\n\r\n", "en-tête"),
        (random.Random(0).randbytes(3000), "binaires"),
        (bytes(range(1, 32)) * 40, "binaires"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, needle: str) -> None:
    path = tmp_path / "grappe équipe.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as err:
        import_grappe(path)
    assert needle in str(err.value)
    assert "grappe équipe.csv" in str(err.value)


def test_zip_renamed_csv(tmp_path: Path) -> None:
    path = tmp_path / "grappe.csv"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(ImportFileError, match=r"« grappe\.csv » est une archive ZIP"):
        import_grappe(path)


def test_xlsx_renamed_csv(tmp_path: Path) -> None:
    path = tmp_path / "grappe.csv"
    write_template_xlsx(path)
    with pytest.raises(ImportFileError, match=r"« grappe\.csv » est un classeur Excel renommé"):
        import_grappe(path)


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("grappe.xlsx", b"og_nom;og_role\r\nA;porteur\r\n", "n'est pas un classeur .xlsx"),
        ("grappe.xlsx", b"PK\x03\x04 tronque", "n'est pas un classeur .xlsx lisible"),
        ("grappe.xlsx", b"", "vide"),
        ("grappe.xls", b"\xd0\xcf\x11\xe0", "97-2003"),
        ("grappe.ods", b"PK\x03\x04", "LibreOffice"),
    ],
)
def test_bad_workbooks(tmp_path: Path, name: str, content: bytes, needle: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as err:
        import_grappe(path)
    assert needle in str(err.value) and name in str(err.value)


def test_workbook_with_header_only(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(list(COLUMNS))
    path = tmp_path / "vide.xlsx"
    book.save(path)
    with pytest.raises(ImportFileError, match=r"« vide\.xlsx » ne contient que la ligne d'en-tête"):
        import_grappe(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"introuvable.*absent\.csv"):
        import_grappe(tmp_path / "absent.csv")
    folder = tmp_path / "dossier.csv"
    folder.mkdir()
    with pytest.raises(ImportFileError, match=r"« dossier\.csv » n'est pas un fichier"):
        import_grappe(folder)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_permissions(tmp_path: Path, example_csv: Path) -> None:
    path = tmp_path / "secret.csv"
    path.write_bytes(example_csv.read_bytes())
    path.chmod(0)
    try:
        with pytest.raises(ImportFileError, match=r"Impossible de lire « secret\.csv »"):
            import_grappe(path)
    finally:
        path.chmod(0o600)


# --- the table reader --------------------------------------------------------------------------


def test_line_numbers_follow_the_file(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('\r\nA;B\r\n1;"deux\r\nlignes"\r\n\r\n;\r\n3;4\r\n', encoding="utf-8")
    table = read_table(path)
    assert table.header == ("A", "B") and table.header_line == 2
    assert table.rows == ((3, ("1", "deux\r\nlignes")), (7, ("3", "4")))
    assert table.delimiter == ";" and table.encoding == "UTF-8"


def test_comma_separator_with_quoted_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('nom,ville\n"Dupont; Fils","Lille, Nord"\n', encoding="utf-8")
    assert read_table(path).rows == ((2, ("Dupont; Fils", "Lille, Nord")),)


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (None, "", ""),
        (500.0, "", "500"),
        (10001261, "", "10001261"),
        (590050076.0, "", "590050076"),
        (70.5, "", "70,5"),
        (0.1 + 0.2, "", "0,3"),
        (1e-7, "", "0,0000001"),
        (0.7, "0%", "70"),
        (0.705, "0.0%", "70,5"),
        (True, "", "oui"),
        (False, "", "non"),
        ("  texte  ", "", "texte"),
    ],
)
def test_cell_text(value: object, number_format: str, text: str) -> None:
    assert cell_text(value, number_format) == text


def test_xlsx_reads_the_first_sheet_only(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["a", "b"])
    book.active.append([None, None])
    book.active.append([1.0, "x"])
    book.create_sheet("Autre").append(["c"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.header == ("a", "b") and table.rows == ((3, ("1", "x")),)


@FUZZ
@given(data=st.binary(max_size=600))
def test_any_bytes_give_a_table_or_import_file_error(tmp_path: Path, data: bytes) -> None:
    for name in ("fuzz.csv", "fuzz.xlsx"):
        path = tmp_path / name
        path.write_bytes(data)
        try:
            result = import_grappe(path)
        except ImportFileError as exc:
            assert name in str(exc)
        else:
            assert isinstance(result, GrappeImport)
            assert (result.grappe is None) == bool(result.errors)


# --- writing: template and export --------------------------------------------------------------


def test_round_trip_of_the_example(tmp_path: Path, expected: Grappe) -> None:
    out = write_grappe_csv(expected, tmp_path / "export.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbfog_nom;og_role;")
    result = import_grappe(out)
    assert result.errors == () and result.notices == ()
    assert result.grappe == expected


def test_export_writes_plain_numbers(tmp_path: Path) -> None:
    est = Establishment("590050076", "SAAD", "460", 10, ProjectType.ACQUISITION, True, Decimal(10))
    g = Grappe((Organisation("A", OgRole.PORTEUR, declared_size=20, establishments=(est,)),))
    text = write_grappe_csv(g, tmp_path / "e.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1] == "A;porteur;;;20;590050076;SAAD;460;10;acquisition;oui;10;;;;non"
    assert import_grappe(tmp_path / "e.csv").grappe == g


def test_templates_reimport_without_errors(tmp_path: Path) -> None:
    for writer, name in ((write_template_csv, "modele.csv"), (write_template_xlsx, "modele.xlsx")):
        result = import_grappe(writer(tmp_path / name))
        assert result.errors == () and result.notices == ()
        assert result.grappe is not None
        assert result.grappe.porteur is not None
        assert [o.role for o in result.grappe.organisations] == [OgRole.PORTEUR, OgRole.MEMBRE]
        assert {e.project for _, e in result.grappe.rows()} == {
            ProjectType.ACQUISITION,
            ProjectType.CONFORMITE,
        }
    assert (tmp_path / "modele.csv").read_bytes().startswith(b"\xef\xbb\xbfog_nom;")
    assert len((tmp_path / "modele.csv").read_text(encoding="utf-8-sig").splitlines()) == 3


def test_xlsx_template_layout(tmp_path: Path) -> None:
    book = load_workbook(write_template_xlsx(tmp_path / "modele.xlsx"))
    assert book.sheetnames == ["Grappe", "Aide"]
    grid = book["Grappe"]
    assert [c.value for c in grid[1]] == list(COLUMNS)
    assert all(c.font.bold for c in grid[1])
    finess_col = COLUMNS.index("finess") + 1
    assert grid.cell(100, finess_col).number_format == "@"
    lists = {str(v.sqref): v.formula1 for v in grid.data_validations.dataValidation}
    assert lists == {
        "B2:B501": '"porteur,membre"',
        "J2:J501": '"acquisition,conformite,aucun"',
        "K2:K501": '"oui,non"',
        "N2:N501": '"inconnue,aucun,non_reference,reference"',
        "P2:P501": '"oui,non"',  # og_entite_nationale, the OG column added since
    }
    aide = book["Aide"]
    described = {aide.cell(r, 1).value: aide.cell(r, 3).value for r in range(2, len(COLUMNS) + 2)}
    assert set(described) == set(COLUMNS)
    assert all(isinstance(v, str) and len(v) > 10 for v in described.values())
    assert aide.cell(2, 2).value == "oui" and aide.cell(5, 2).value == "non"  # og_nom, og_finess_ej


def test_writing_replaces_atomically(tmp_path: Path, expected: Grappe, monkeypatch) -> None:
    path = tmp_path / "export.csv"
    path.write_text("ancien", encoding="utf-8")
    write_grappe_csv(expected, path)
    assert import_grappe(path).grappe == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(grappe_template.os, "fsync", fail)
    with pytest.raises(OSError, match="No space"):
        write_template_csv(path)
    assert import_grappe(path).grappe == expected  # the previous file is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


def test_permission_error_is_explained_in_french(tmp_path: Path, monkeypatch) -> None:
    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(grappe_template.os, "replace", refuse)
    with pytest.raises(PermissionError, match=r"« modele\.csv ».*ouvert dans un autre programme"):
        write_template_csv(tmp_path / "modele.csv")
    assert list(tmp_path.iterdir()) == []


# --- properties --------------------------------------------------------------------------------


@FUZZ
@given(col=st.sampled_from(COLUMNS), line=st.integers(2, 17), value=st.text(max_size=30))
def test_any_cell_content_gives_a_grappe_or_cell_errors(
    tmp_path: Path, example_csv: Path, col: str, line: int, value: str
) -> None:
    rows = example_rows(example_csv)
    set_cell(rows, line, col, value.replace("\x00", ""))
    result = import_grappe(write_csv(tmp_path / "fuzz.csv", rows))
    assert (result.grappe is None) == bool(result.errors)
    for e in result.errors:
        assert e.message and e.column in COLUMNS
        assert e.line in (0, line) or e.column in ("og_role", "finess")  # porteur / duplicate


@FUZZ
@given(
    header=st.lists(st.sampled_from([*COLUMNS, "Autre", "Catégorie", ""]), max_size=15),
    cells=st.lists(st.lists(st.text(max_size=12), max_size=15), max_size=6),
    skip=st.booleans(),
)
def test_any_table_gives_a_grappe_or_cell_errors(
    tmp_path: Path, header: list[str], cells: list[list[str]], skip: bool
) -> None:
    rows = [header] + [[c.replace("\x00", "") for c in r] for r in cells]
    path = write_csv(tmp_path / "fuzz.csv", rows)
    try:
        result = import_grappe(path, skip_bad_rows=skip)
    except ImportFileError as exc:
        assert "fuzz.csv" in str(exc)
        return
    if result.grappe is None:
        assert result.errors or result.notices
    else:
        assert skip or not result.errors
        assert result.grappe.establishment_count >= 1


_TEXT = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=25)
    .map(str.strip)
    .filter(bool)
)
_FINESS = st.builds(
    lambda dept, digits: finess_with_key(dept + digits),
    st.sampled_from(["59", "62", "2A", "2B", "75", "01", "97"]),
    st.from_regex(r"[0-9]{6}", fullmatch=True),
)
_SIREN = st.from_regex(r"[1-9][0-9]{7}", fullmatch=True).map(
    lambda eight: next(eight + k for k in "0123456789" if luhn_ok(eight + k))
)


@st.composite
def grappes(draw: st.DrawFn) -> Grappe:
    """Any grappe the template can express (one porteur, valid identifiers)."""
    names = draw(st.lists(_TEXT, min_size=1, max_size=4, unique=True))
    finesses = iter(draw(st.lists(_FINESS, min_size=12, max_size=12, unique=True)))
    shared = draw(_TEXT)
    orgs = []
    for i, name in enumerate(names):
        ests = tuple(
            Establishment(
                finess=next(finesses),
                name=draw(_TEXT),
                category=draw(st.from_regex(r"[0-9]{3}", fullmatch=True)),
                capacity=draw(st.none() | st.integers(0, 100_000)),
                project=draw(st.sampled_from(ProjectType)),
                equipment=draw(st.booleans()),
                eligible_hours_pct=draw(
                    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)
                ),
                dui_solution=draw(st.sampled_from(["", shared]) | _TEXT),
            )
            for _ in range(draw(st.integers(1, 3)))
        )
        orgs.append(
            Organisation(
                name=name,
                role=OgRole.PORTEUR if i == 0 else OgRole.MEMBRE,
                siren=draw(st.just("") | _SIREN),
                finess_ej=draw(st.just("") | _FINESS),
                declared_size=draw(st.none() | st.integers(len(ests), 500)),
                establishments=ests,
            )
        )
    labels = [e.dui_solution for o in orgs for e in o.establishments if e.dui_solution]
    same = labels and len({solution_key(label) for label in labels}) == 1
    solution = split_solution(labels[0]) if same else DuiSolution()
    return Grappe(tuple(orgs), solution)


@FUZZ
@given(grappe=grappes())
def test_round_trip_of_any_grappe(tmp_path: Path, grappe: Grappe) -> None:
    result = import_grappe(write_grappe_csv(grappe, tmp_path / "rt.csv"))
    assert result.errors == ()
    assert result.grappe == grappe


# --- a cell reads as the same text typed in the grid ---------------------------------------------


@pytest.mark.parametrize(
    ("column", "field", "typed"),
    [
        ("capacite", "capacity", "84,0"),  # the grid refused it
        ("capacite", "capacity", "84,5"),  # refused by both, in other words
        ("capacite", "capacity", "1'200"),
        ("heures_eligibles_pct", "eligible_hours_pct", "-0"),  # the grid kept a negative zero
        ("heures_eligibles_pct", "eligible_hours_pct", "7E+1"),  # the grid read it as 70
        ("projet", "project", "Acquisition d’un DUI"),  # the template's label, refused in the grid
        ("equipement", "equipment", "peut-être"),
        ("categorie", "category", "٣"),  # the grid took « 00٣ » for a category code
    ],
)
def test_a_cell_reads_as_the_same_text_typed_in_the_grid(
    tmp_path: Path, example_csv: Path, column: str, field: str, typed: str
) -> None:
    in_grid = parse_establishment_field(field, typed)
    result = import_grappe(example_with(tmp_path, example_csv, **{f"{column}_7": typed}))
    if in_grid.problem:
        (error,) = result.errors
        assert error.column == column
        assert error.message.endswith(f" — {in_grid.problem}"), error.message
        return
    assert result.errors == (), [e.message for e in result.errors]
    assert result.grappe is not None
    rows = example_rows(example_csv)
    finess = rows[6][rows[0].index("finess")]
    imported = getattr(next(e for _, e in result.grappe.rows() if e.finess == finess), field)
    assert imported == in_grid.value and str(imported) == str(in_grid.value)


def test_a_number_of_thousands_of_digits_is_a_bad_cell_not_a_crash(
    tmp_path: Path, example_csv: Path
) -> None:
    # int() refuses more than 4,300 digits: the importer raised ValueError instead of reporting.
    result = import_grappe(example_with(tmp_path, example_csv, capacite_7="9" * 5000))
    (error,) = result.errors
    assert (error.line, error.column) == (7, "capacite")
    assert error.message.endswith("nombre entier attendu")


# --- a formula slipped into a text cell -----------------------------------------------------------


def test_a_formula_in_a_csv_text_cell_is_kept_as_text_and_flagged(
    tmp_path: Path, example_csv: Path
) -> None:
    link = '=HYPERLINK("http://exemple.invalid";"RIB")'
    path = example_with(tmp_path, example_csv, nom_4=link, solution_dui_9="+DUI", nom_11="@x")
    result = import_grappe(path)
    assert result.errors == () and result.grappe is not None
    names = [e.name for _og, e in result.grappe.rows()]
    assert link in names and "@x" in names  # the value is kept, as text
    flagged = [n for n in result.notices if "formule" in n]
    assert [n.split(" : ")[0] for n in flagged] == [
        "Ligne 4, colonne nom",
        "Ligne 9, colonne solution_dui",
        "Ligne 11, colonne nom",
    ]


def test_a_formula_in_an_xlsx_text_cell_is_flagged(tmp_path: Path, example_csv: Path) -> None:
    rows = example_rows(example_csv)
    path = xlsx_from_rows(tmp_path / "g.xlsx", rows)
    book = load_workbook(path)
    cell = book.active.cell(5, rows[0].index("og_nom") + 1)
    cell.value, cell.data_type = "=cmd|' /C calc'!A0", "s"  # text, as a partner's sheet holds it
    book.save(path)
    result = import_grappe(path)
    flagged = [n for n in result.notices if "formule" in n]
    assert len(flagged) == 1 and flagged[0].startswith("Ligne 5, colonne og_nom : « =cmd|")


def test_a_leading_minus_is_not_flagged(tmp_path: Path, example_csv: Path) -> None:
    result = import_grappe(example_with(tmp_path, example_csv, nom_4="- Les Tilleuls"))
    assert result.grappe is not None
    assert not [n for n in result.notices if "formule" in n]


# --- number cells of a workbook beyond what a number holds (issue 14, item 10) ------------------


def xlsx_with_number_cell(
    path: Path, rows: list[list[str]], line: int, column: str, xml: str
) -> Path:
    """The rows as a workbook whose cell at ``line``/``column`` is a *number* cell holding ``xml``
    as its stored text: what Excel or a hostile tool can write, and openpyxl cannot."""
    xlsx_from_rows(path, rows, as_int=True)
    book = load_workbook(path)
    book.active.cell(line, rows[0].index(column) + 1).value = 424242  # a marker to replace
    book.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {item: source.read(item) for item in source.infolist()}
    with zipfile.ZipFile(path, "w") as target:
        for item, data in parts.items():
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b"<v>424242</v>", f"<v>{xml}</v>".encode())
            target.writestr(item, data)
    return path


@pytest.mark.parametrize(
    ("stored", "problem"),
    [
        ("9" * 5000, "nombre entier attendu"),  # int() refuses 4,300 digits and more
        ("NaN", "nombre entier attendu"),
        ("1E+400", "nombre entier attendu"),  # a float's infinity
        (str(2**63), "nombre entier inférieur ou égal à 1\u202f000\u202f000 attendu"),
        ("-5", "nombre entier supérieur ou égal à 0 attendu"),
    ],
    ids=["5000-chiffres", "NaN", "1E+400", "2**63", "-5"],
)
def test_a_number_cell_no_capacity_can_be_is_a_row_error(
    tmp_path: Path, example_csv: Path, stored: str, problem: str
) -> None:
    """Not « classeur abîmé » for the whole sheet: the bad cell, by its row, like in a CSV."""
    path = xlsx_with_number_cell(
        tmp_path / "g.xlsx", example_rows(example_csv), 7, "capacite", stored
    )
    result = import_grappe(path)
    assert result.grappe is None
    (error,) = result.errors
    assert (error.line, error.column) == (7, "capacite")
    assert error.message.endswith(f" — {problem}"), error.message


@pytest.mark.parametrize("capacity", [str(2**63), "1" + "0" * 5000])
def test_a_csv_capacity_beyond_64_bits_is_a_row_error(
    tmp_path: Path, example_csv: Path, capacity: str
) -> None:
    result = import_grappe(example_with(tmp_path, example_csv, capacite_3=capacity))
    (error,) = result.errors
    assert (error.line, error.column) == (3, "capacite")
    assert "nombre entier" in error.message


def test_a_whole_number_of_thousands_of_digits_reads_as_its_digits() -> None:
    assert cell_text(10**5000) == "1" + "0" * 5000  # str(int) refuses 4,300 digits and more
    assert cell_text(84.0) == "84" and cell_text(-0.0) == "0"

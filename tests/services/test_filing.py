"""The table for the online filing (issue 16, part 6): XLSX and CSV read back as Excel would."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from esms_desktop.cli import main
from esms_desktop.domain.dossier import Dossier, Porteur
from esms_desktop.domain.grappe import Establishment, Grappe, OgRole, Organisation, ProjectType
from esms_desktop.importers.grappe_sheet import import_grappe
from esms_desktop.services.assessment import assess_dossier
from esms_desktop.services.export import dossier_from_grappe
from esms_desktop.services.filing import (
    FilingError,
    FilingWriteError,
    export_filing_table,
    filing_table,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "grappe-exemple.csv"
HEADERS = [
    "FINESS géographique",
    "Nom de l'ESSMS",
    "Catégorie FINESS",
    "Organisme gestionnaire",
    "SIREN de l'OG",
    "Type de projet",
    "Montant demandé TTC (€)",
    "Remarque",
]


def example() -> Dossier:
    result = import_grappe(EXAMPLE)
    assert result.grappe is not None
    return dossier_from_grappe(result.grappe, "amorcage-2021-t2", "Exemple")


def with_zero_and_formula() -> Dossier:
    """An Ain ESSMS (FINESS starting with 0) and a name Excel would run as a formula."""
    ests = (
        Establishment("010000008", '=HYPERLINK("http://x")', "500", 40, ProjectType.ACQUISITION),
        Establishment("590050076", "EHPAD", "500", 40, ProjectType.CONFORMITE),
    )
    og = Organisation("+OG", OgRole.PORTEUR, "314159260", declared_size=3, establishments=ests)
    return replace(
        Dossier("D", "amorcage-2021-t2", grappe=Grappe((og,))), porteur=Porteur(name="+OG")
    )


def test_the_xlsx_has_one_row_per_essms_text_identifiers_and_numbers(tmp_path: Path) -> None:
    dossier = example()
    budget = assess_dossier(dossier)
    result = export_filing_table(dossier, tmp_path / "t.xlsx")
    assert (result.rows, result.total, result.complete) == (16, budget.total, True)
    book = load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["ESSMS", "Récapitulatif"]
    sheet = book["ESSMS"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [r[0] for r in rows[1:]] == [e.finess for _, e in dossier.grappe.rows()]
    first = rows[1]
    assert first[:6] == (
        "590050076",
        "EHPAD Les Hirondelles",
        "500",
        "Association Les Hirondelles",
        "314159260",
        "Acquisition d'un DUI",
    )
    assert first[6] == 45000 and isinstance(first[6], int)
    for cell in sheet["A"][1:]:
        assert cell.data_type == "s" and cell.number_format == "@"
    usld = rows[-1]
    assert usld[0] == "590051124" and usld[6] == 0 and "USLD" in usld[7]
    summary = dict(book["Récapitulatif"].iter_rows(min_row=2, values_only=True))
    assert summary["Porteur du projet"] == "Association Les Hirondelles"
    assert summary["SIREN du porteur"] == "314159260"
    assert summary["Nombre d'ESSMS financés"] == 15
    assert summary["Montant total demandé TTC (€)"] == budget.total == 560000
    lines = [summary[f"{line.label} TTC (€)"] for line in budget.project_lines]
    assert sum(r[6] for r in rows[1:]) + sum(lines) == budget.total
    assert sum(summary[k] for k in summary if k.startswith(("Signature", "Fin "))) == budget.total


def test_a_leading_zero_survives_and_formulas_are_text(tmp_path: Path) -> None:
    dossier = with_zero_and_formula()
    export_filing_table(dossier, tmp_path / "t.xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx")["ESSMS"]
    assert sheet["A2"].value == "010000008" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == '=HYPERLINK("http://x")' and sheet["B2"].data_type == "s"
    export_filing_table(dossier, tmp_path / "t.csv")
    text = (tmp_path / "t.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeffFINESS géographique;")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0] == HEADERS
    assert rows[1][0] == "010000008"
    assert rows[1][1] == '\'=HYPERLINK("http://x")'  # shown by Excel, never run
    assert rows[1][3] == "'+OG"
    recap = rows.index(["Récapitulatif", ""])
    assert rows[recap - 1] == [] and ["Porteur du projet", "'+OG"] in rows[recap:]


def test_the_csv_sums_to_the_total(tmp_path: Path) -> None:
    dossier = example()
    export_filing_table(dossier, tmp_path / "t.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "t.csv").read_text("utf-8-sig")), delimiter=";"))
    essms = rows[1:17]
    assert len(essms) == 16 and rows[17] == []
    summary = dict(r for r in rows[18:] if len(r) == 2)
    amounts = sum(Decimal(r[6].replace(",", ".")) for r in essms)
    assert summary["Total des ESSMS TTC (€)"] == str(amounts) == "445000"
    assert summary["Montant total demandé TTC (€)"] == "560000"


def test_unknown_amounts_are_left_empty_never_zero() -> None:
    """A généralisation dossier before its amounts are typed: no « 0 » for an unknown amount."""
    result = import_grappe(EXAMPLE)
    assert result.grappe is not None
    dossier = dossier_from_grappe(result.grappe, "generalisation-2024", "G")
    budget = assess_dossier(dossier)
    assert not budget.complete
    table = filing_table(dossier, budget)
    assert table.total is None
    funded = [r for r, e in zip(table.rows, budget.establishments, strict=True) if e.funded]
    assert funded and all(r[6] is None and r[7] == "montant à renseigner" for r in funded)
    summary = dict(table.summary)
    assert summary["Montant total demandé TTC (€)"] is None
    assert "à renseigner" in str(summary["Attention"])


def test_wrong_format_and_missing_folder_are_said(tmp_path: Path) -> None:
    with pytest.raises(FilingError, match=r"« \.pdf »"):
        export_filing_table(example(), tmp_path / "t.pdf")
    with pytest.raises(FilingWriteError, match="n'existe pas"):
        export_filing_table(example(), tmp_path / "absent" / "t.xlsx")


def test_cli_dossier_tableau(tmp_path: Path) -> None:
    data = tmp_path / "data"
    out = io.StringIO()
    assert main(["--data-dir", str(data), "dossier", "new", "--name", "Ex", "--campaign",
                 "amorcage-2021-t2", "--from", str(EXAMPLE)], out) == 0  # fmt: skip
    target = tmp_path / "t.xlsx"
    out = io.StringIO()
    assert main(["--data-dir", str(data), "dossier", "tableau", "1", "-o", str(target)], out) == 0
    assert "16 ESSMS, total 560\u202f000\u00a0€" in out.getvalue()
    assert load_workbook(target)["ESSMS"]["A2"].value == "590050076"
    argv = ["--data-dir", str(data), "dossier", "tableau"]
    assert main([*argv, "9", "-o", str(tmp_path / "x.csv")], io.StringIO()) == 2
    assert main([*argv, "1", "-o", str(tmp_path / "x.txt")], io.StringIO()) == 2
    assert main([*argv, "1", "-o", str(tmp_path / "no" / "x.csv")], io.StringIO()) == 3

"""The usage indicators spreadsheet: real .csv and .xlsx files, every problem by line and column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from esms_desktop.domain.dossier import Dossier, UsageTarget
from esms_desktop.domain.follow_up import Period
from esms_desktop.domain.usage_threshold import UsageThreshold
from esms_desktop.importers.tabular import ImportFileError
from esms_desktop.importers.usage_sheet import problem_lines, read_indicator_sheet
from tests.storage.factories import full_dossier, valid_finess

SHARE = "Part des personnes accompagnées disposant d'un DUI actif"
COUNT = "Messages échangés par MSSanté"


def _dossier() -> Dossier:
    base = full_dossier()
    targets = (
        UsageTarget(SHARE, threshold=UsageThreshold(Decimal(50))),
        UsageTarget(COUNT, threshold=UsageThreshold(Decimal(10), "messages", "mois")),
    )
    return Dossier(
        name="G", campaign_id=base.campaign_id, grappe=base.grappe, usage_targets=targets
    )


HEADER = ["FINESS", "Période", "Indicateur", "Valeur", "Dénominateur", "Source"]
A, B = valid_finess(1), valid_finess(2)  # in the factory's grappe
BAD_ROWS = [
    [valid_finess(777), "2026-01", SHARE, "40", "", ""],  # a FINESS not in the grappe
    [A, "2026-01", SHARE, "40", "", ""],
    [A, "01/2026", SHARE, "45", "", ""],  # the same month twice, written otherwise
    [B, "2026-02", SHARE, "120", "", ""],  # a share above 100 %
    [B, "2026-T1", COUNT, "-3", "", ""],  # a negative count
]


def _csv(path: Path, rows: list[list[str]], *, blank_after_header: bool = False) -> Path:
    lines = [";".join(HEADER)] + ([""] if blank_after_header else [])
    lines += [";".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append([float(c) if c.lstrip("-").isdigit() and len(c) < 5 else c for c in row])
    book.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_every_problem_is_listed_by_line_and_column(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"indicateurs.{kind}"
    (_csv if kind == "csv" else _xlsx)(path, BAD_ROWS)
    sheet = read_indicator_sheet(path, _dossier())
    assert not sheet.ok and sheet.values == ()
    places = {(p.row, p.column) for p in sheet.problems}
    assert (2, "FINESS") in places  # unknown FINESS
    assert (4, "Période") in places  # the same period twice
    assert (5, "Valeur") in places  # share above 100 %
    assert (6, "Valeur") in places  # negative count
    text = "\n".join(problem_lines(sheet))
    assert "absent de la grappe" in text and "100 %" in text and "négatif" in text


def test_a_good_file_gives_every_value(tmp_path: Path) -> None:
    rows = [
        [A, "2026-01", SHARE, "40,5", "80", "logiciel"],
        [A, "2026-02", "DUI", "55", "80", ""],  # the family names the only DUI target
        [B, "T1 2026", "MSSanté", "12", "", ""],
    ]
    sheet = read_indicator_sheet(_csv(tmp_path / "ok.csv", rows), _dossier())
    assert sheet.ok and sheet.rows == 3
    assert [(v.finess, v.indicator, v.period, v.value) for v in sheet.values] == [
        (A, SHARE, Period(2026, 1), Decimal("40.5")),
        (A, SHARE, Period(2026, 2), Decimal("55")),
        (B, COUNT, Period(2026, 1, sheet.values[2].period.kind), Decimal("12")),
    ]
    assert sheet.values[0].denominator == Decimal(80) and sheet.values[0].source == "logiciel"


def test_lines_are_the_file_s_own_even_after_a_blank_line(tmp_path: Path) -> None:
    path = _csv(tmp_path / "blanc.csv", [["123", "2026-01", SHARE, "40", "", ""]],
                blank_after_header=True)  # fmt: skip
    (problem,) = read_indicator_sheet(path, _dossier()).problems
    assert (problem.row, problem.column) == (3, "FINESS")


def test_a_file_without_the_required_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("FINESS;Valeur\n590000012;4\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="Période"):
        read_indicator_sheet(path, _dossier())

"""The usage indicators spreadsheet: one row per ESSMS, indicator and period → indicator values.

The porteur and the partner OGs fill it from their DUI's statistics (« nombre de DUI actifs »,
INS qualifiées, documents envoyés au DMP, messages MSSanté…). Columns, in any order and spelled
loosely (case, accents, spaces do not matter): « FINESS », « Période » (2026-03, 03/2026,
2026-T1, T1 2026), « Indicateur » (a committed target of the dossier), « Valeur », and optionally
« Dénominateur » (for a share: the persons accompanied) and « Source ».

Reading the table is the shared tabular reader's (:mod:`esms_desktop.importers.tabular`: .csv,
.xlsx, .xls, .ods); judging the rows is the domain's
(:func:`esms_desktop.domain.usage_progress.check_indicator_rows`), which lists every problem at
once. This module maps the file's headers onto the columns the rule reads and gives each
problem back the line of the file it comes from, so the user finds it where she looks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.follow_up import IndicatorValue
from esms_desktop.domain.usage_progress import IndicatorProblem, check_indicator_rows
from esms_desktop.importers.tabular import ImportFileError, Table, header_key, read_table

COLUMNS: dict[str, tuple[str, ...]] = {
    "FINESS": ("finess", "finessgeographique", "finessessms", "finessetablissement"),
    "Période": ("periode", "mois", "trimestre", "periodemois", "periodetrimestre"),
    "Indicateur": ("indicateur", "cible", "indicateurdusage"),
    "Valeur": ("valeur", "valeurmesuree", "numerateur"),
    "Dénominateur": ("denominateur", "personnesaccompagnees", "base"),
    "Source": ("source", "preuve", "origine"),
}
"""Each column the rule reads, and the header keys (:func:`header_key`) that name it."""
REQUIRED = ("FINESS", "Période", "Indicateur", "Valeur")


@dataclass(frozen=True, slots=True)
class IndicatorSheet:
    """What a file gave: the values when every row is right, else the problems (none kept)."""

    name: str
    values: tuple[IndicatorValue, ...]
    problems: tuple[IndicatorProblem, ...]
    rows: int

    @property
    def ok(self) -> bool:
        return not self.problems


def _columns(table: Table) -> dict[str, int]:
    """Column name → index in the file; a missing required column refuses the file."""
    keys = [header_key(h) for h in table.header]
    found: dict[str, int] = {}
    for column, names in COLUMNS.items():
        for i, key in enumerate(keys):
            if key in names or key == header_key(column):
                found.setdefault(column, i)
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise ImportFileError(
            f"« {table.name} » : colonne(s) {', '.join(f'« {c} »' for c in missing)} "
            "introuvable(s) à la ligne d'en-tête. Colonnes attendues : FINESS, Période, "
            "Indicateur, Valeur (et, si besoin, Dénominateur, Source)."
        )
    return found


def rows_of(table: Table) -> list[dict[str, str]]:
    """The data rows as column name → cell text (an absent optional column gives "")."""
    columns = _columns(table)
    return [
        {
            name: (cells[i] if i < len(cells) else "")
            if (i := columns.get(name)) is not None
            else ""
            for name in COLUMNS
        }
        for _line, cells in table.rows
    ]


def _at_file_line(problem: IndicatorProblem, table: Table) -> IndicatorProblem:
    """``problem`` with its row numbered as the file's line (the rule counts 1 = header, then
    one per row given; blank lines of the file are not rows)."""
    place = problem.row - 2
    if 0 <= place < len(table.rows):
        return IndicatorProblem(table.rows[place][0], problem.column, problem.message)
    if problem.row == 1:
        return IndicatorProblem(table.header_line, problem.column, problem.message)
    return problem


def read_indicator_sheet(path: Path, dossier: Dossier) -> IndicatorSheet:
    """The indicator values of ``path`` for ``dossier``; every problem listed, nothing kept
    when there is one. Raises :class:`ImportFileError` for a file that is no table at all."""
    table = read_table(Path(path))
    values, problems = check_indicator_rows(rows_of(table), dossier)
    if problems:
        return IndicatorSheet(
            table.name, (), tuple(_at_file_line(p, table) for p in problems), len(table.rows)
        )
    return IndicatorSheet(table.name, tuple(values), (), len(table.rows))


def problem_lines(sheet: IndicatorSheet) -> list[str]:
    """One French line per problem: « ligne 4, colonne « Valeur » : … »."""
    return [f"ligne {p.row}, colonne « {p.column} » : {p.message}" for p in sheet.problems]

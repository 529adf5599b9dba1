"""The grappe spreadsheet (shared/spec/grappe-template.md): one row per ESSMS → a Grappe.

Directors fill this in Excel, so the reader is forgiving about form (header spelling, accents,
``oui``/``x``/``1``, decimal commas, numbers stored as numbers) and strict about substance: a
FINESS whose key is wrong, an empty required cell or two porteurs are errors naming the row and
column, because each of them would put money on the wrong line of the budget.

It never stops at the first problem: every bad cell is reported at once, and nothing is imported
until the file is fixed or the user chooses to skip the bad rows. It never raises for what a cell
contains — only :class:`~esms_desktop.importers.tabular.ImportFileError` for a file that cannot be
read as a table at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from esms_desktop.domain.fields import (
    ESTABLISHMENT_FIELDS,
    ORGANISATION_FIELDS,
    FieldSpec,
    organisation_field,
)
from esms_desktop.domain.formatting import format_decimal
from esms_desktop.domain.grappe import (
    DuiSolution,
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    solution_key,
)
from esms_desktop.domain.identifiers import normalise
from esms_desktop.domain.parsing import Parsed, Parser, fold, parse_pct
from esms_desktop.importers.tabular import Table, header_key, read_table

_APPENDED = frozenset({"og_entite_nationale"})
"""OG columns added after the template was in use: last, so that the columns people know keep
their place (a sheet is read by its headers, whatever their order)."""

_SHEET_FIELDS: tuple[tuple[str, FieldSpec], ...] = (
    *(("og", f) for f in ORGANISATION_FIELDS if f.column and f.column not in _APPENDED),
    *(("essms", f) for f in ESTABLISHMENT_FIELDS if f.column),
    *(("og", f) for f in ORGANISATION_FIELDS if f.column in _APPENDED),
)
"""(record, spec) of every template column: the OG's first, then the ESSMS's (the field table),
then the OG columns added since."""

SHEET_FIELDS: dict[str, FieldSpec] = {f.column: f for _record, f in _SHEET_FIELDS}
"""Template column → the field it fills (:mod:`esms_desktop.domain.fields`)."""

COLUMNS: tuple[str, ...] = tuple(SHEET_FIELDS)
"""The template's columns, in the order the template and the export write them."""

REQUIRED: frozenset[str] = frozenset(c for c, f in SHEET_FIELDS.items() if f.required)

PERCENT_COLUMNS: frozenset[str] = frozenset(
    c for c, f in SHEET_FIELDS.items() if f.parse is parse_pct
)
"""Columns holding a percentage (0–100): a workbook cell formatted « % » must read ×100."""

_OG_NAME = organisation_field("name").column
OG_COLUMNS: tuple[str, ...] = tuple(
    f.column for record, f in _SHEET_FIELDS if record == "og" and f.column != _OG_NAME
)
"""Columns describing the OG, repeated on each of its rows: they must agree across those rows."""

ESSMS_COLUMNS: tuple[str, ...] = tuple(f.column for r, f in _SHEET_FIELDS if r == "essms")
"""Columns describing the ESSMS of the row."""

HEADER_ALIASES: dict[str, str] = {
    **{header_key(c): c for c in COLUMNS},
    **{header_key(a): f.column for f in SHEET_FIELDS.values() for a in f.aliases},
}
"""Header key (see :func:`header_key`) → template column; a few spellings seen in real files."""

_SHOWN_VALUE_MAX = 60

FORMULA_STARTS = frozenset("=+-@\t\r")
"""First characters that make Excel read a cell as a formula (OWASP's list)."""

ESCAPED_STARTS = FORMULA_STARTS | {"'"}
"""Cells the CSV export writes with a leading ``'`` (see ``grappe_template.formula_safe``): a
formula, and text already starting with ``'`` (so that exactly one can be taken away here)."""

_FLAGGED_STARTS = frozenset("=+@")
"""Text a partner may have slipped in as a formula: kept as text, flagged in the report. A
leading ``-`` is left alone (« - Les Tilleuls », a negative number): it is rarely a formula."""


def unescape_cell(text: str) -> str:
    """The cell's text without the ``'`` the export put before it (``'=x`` → ``=x``).

    A ``'`` before anything else is the partner's own and stays. Excel never saves its own
    quote prefix in a CSV, so a ``'=`` there is ours.
    """
    if text[:1] == "'" and text[1:2] in ESCAPED_STARTS:
        return text[1:]
    return text


@dataclass(frozen=True, slots=True)
class CellError:
    """One bad cell: where it is, what it holds and what was expected (a French sentence).

    ``line`` is the line in the file (the header is line 1); 0 means the file as a whole (no
    porteur at all, say). ``column`` is the template's column name, whatever the header said.
    """

    line: int
    column: str
    value: str
    expected: str

    @property
    def message(self) -> str:
        """« Ligne 4, colonne finess : « 59005007 » — numéro FINESS de 8 caractères… »."""
        where = f"Colonne {self.column}"
        if self.line:
            where = f"Ligne {self.line}, colonne {self.column}"
        if self.value:
            shown = self.value
            if len(shown) > _SHOWN_VALUE_MAX:
                shown = shown[: _SHOWN_VALUE_MAX - 1] + "…"
            where += f" : « {shown} »"
        return f"{where} — {self.expected}"


@dataclass(frozen=True, slots=True)
class GrappeImport:
    """What the import found. ``grappe`` is None while the file has errors (unless skipped)."""

    grappe: Grappe | None
    errors: tuple[CellError, ...] = ()
    notices: tuple[str, ...] = ()
    row_count: int = 0
    skipped_lines: tuple[int, ...] = field(default=())


def _required(parse: Parser, expected: str = "") -> Parser:
    """A required column: an empty cell is refused (the kind's own parser may accept it)."""
    problem = f"valeur obligatoire : {expected}" if expected else "valeur obligatoire"

    def parse_required(raw: str) -> Parsed:
        return parse(raw) if raw else Parsed(problem=problem)

    return parse_required


def _column_parser(spec: FieldSpec) -> Parser:
    """The field's parser; a required column also refuses an empty cell.

    Except where the field's parser already refuses an empty value and keeps it to be fixed (a
    FINESS: « numéro FINESS vide »), which says more than « valeur obligatoire ».
    """
    if not spec.required:
        return spec.parse
    empty = spec.parse("")
    if empty.problem and empty.value is not None:
        return spec.parse
    return _required(spec.parse, spec.expected)


PARSERS: dict[str, Parser] = {c: _column_parser(f) for c, f in SHEET_FIELDS.items()}
"""Cell text (stripped) → value of the model's type, or the French reason it is not one."""

_DEFAULTS: dict[str, Any] = {c: f.default for c, f in SHEET_FIELDS.items() if not f.required}
"""Values of optional columns absent from the file (the dataclasses' defaults)."""


@dataclass(frozen=True, slots=True)
class _Row:
    """One data row: cell text as read, parsed values (None where bad) and the problems found."""

    line: int
    raw: dict[str, str]
    values: dict[str, Any]
    problems: dict[str, str]


def split_solution(label: str) -> DuiSolution:
    """``"Éditeur — Produit"`` → DuiSolution(editor, product); Ségur referencing left unknown.

    Splits on an em dash (any spacing), else on a spaced en dash or hyphen, so that hyphenated
    names ("Saint-Éloi") stay whole.
    """
    text = " ".join(label.split())
    for sep in ("—", " – ", " - "):
        if sep in text:
            editor, _, product = text.partition(sep)
            return DuiSolution(editor.strip(), product.strip())
    return DuiSolution(text, "")


def import_grappe(path: Path, *, skip_bad_rows: bool = False) -> GrappeImport:
    """Read a grappe spreadsheet (.csv, .xlsx, .xls, .ods) into a Grappe, reporting every bad cell.

    With errors, ``grappe`` is None unless ``skip_bad_rows``: then the good rows are imported and
    the skipped lines listed in ``notices`` (and ``skipped_lines``). Errors that belong to no
    single row — a required column missing, no porteur, several porteurs — cannot be skipped.
    Raises ImportFileError only when the file itself cannot be read as a table.
    """
    table = read_table(Path(path))
    positions, notices, blocking = _map_header(table)
    rows = [_parse_row(line, cells, positions) for line, cells in table.rows]
    _refuse_unformatted_fractions(rows, positions, table)
    row_errors = [
        CellError(row.line, name, row.raw[name], problem)
        for row in rows
        for name, problem in row.problems.items()
    ]
    row_errors += _og_consistency(rows, positions)
    row_errors += _duplicate_finess(rows)
    blocking += _porteur_errors(rows, positions)
    notices += _formula_notices(rows)
    notices += _row_notices(rows, row_errors)

    errors = sorted(
        [*blocking, *row_errors],
        key=lambda e: (e.line, COLUMNS.index(e.column) if e.column in COLUMNS else -1),
    )
    bad_lines = {e.line for e in row_errors}
    skipped = tuple(sorted(bad_lines))
    if blocking or (errors and not skip_bad_rows):
        return GrappeImport(None, tuple(errors), tuple(notices), len(rows), skipped)

    kept = [row for row in rows if row.line not in bad_lines]
    if skipped:
        notices.append(
            f"{len(skipped)} ligne(s) en erreur ignorée(s) : "
            + ", ".join(str(n) for n in skipped)
            + "."
        )
    if not kept:
        notices.append("Aucune ligne sans erreur : rien n'a été importé.")
        return GrappeImport(None, tuple(errors), tuple(notices), len(rows), skipped)
    grappe = _build(kept)
    notices += _after_skip_notices(grappe, rows, bad_lines)
    notices += _solution_notices(grappe)
    return GrappeImport(grappe, tuple(errors), tuple(notices), len(rows), skipped)


def _map_header(table: Table) -> tuple[dict[str, int], list[str], list[CellError]]:
    """Column name → position; notices for unknown and repeated columns; missing required ones."""
    positions: dict[str, int] = {}
    notices: list[str] = []
    for i, cell in enumerate(table.header):
        if not cell:
            continue
        name = HEADER_ALIASES.get(header_key(cell))
        if name is None:
            notices.append(f"Colonne « {cell} » inconnue : ignorée.")
        elif name in positions:
            notices.append(
                f"Colonne « {cell} » en double (colonne {name}) : seule la première est lue."
            )
        else:
            positions[name] = i
    errors = [
        CellError(table.header_line, name, "", "colonne obligatoire absente de l'en-tête")
        for name in COLUMNS
        if name in REQUIRED and name not in positions
    ]
    return positions, notices, errors


def _parse_row(line: int, cells: tuple[str, ...], positions: dict[str, int]) -> _Row:
    raw: dict[str, str] = {}
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name in COLUMNS:
        pos = positions.get(name)
        if pos is None:
            raw[name] = ""
            values[name] = _DEFAULTS.get(name)
            continue
        text = unescape_cell(cells[pos].strip()) if pos < len(cells) else ""
        raw[name] = text
        cell = parse_cell(name, text)
        values[name] = None if cell.problem else cell.value
        if cell.problem:
            problems[name] = cell.problem
    return _Row(line, raw, values, problems)


def _refuse_unformatted_fractions(
    rows: list[_Row], positions: dict[str, int], table: Table
) -> None:
    """A percentage cell of a ``.xls`` holding 0 < x ≤ 1 is refused: « 0,7 » or « 70 % »?

    The ``.xls`` reader cannot see number formats (:attr:`Table.fractions`): guessing either way
    would put a wrong amount on the budget (0,7 % of the hours, or 70 %), so the user is told
    both readings and how to say which one is meant.
    """
    if not table.fractions:
        return
    for column in PERCENT_COLUMNS & positions.keys():
        pos = positions[column]
        for row in rows:
            if (row.line, pos) not in table.fractions or column in row.problems:
                continue
            number = parse_pct(row.raw[column]).value
            if number is None:
                continue
            shown, times_100 = format_decimal(number), format_decimal(number * 100)
            row.problems[column] = (
                f"feuille « {table.sheet} » : ce nombre se lit « {shown} % », ou « {times_100} % » "
                "si la cellule est au format pourcentage, ce que le format .xls ne permet pas de "
                f"savoir ; pour {times_100} %, tapez {times_100} dans une cellule sans format "
                f"pourcentage ; pour {shown} %, enregistrez le classeur au format .xlsx ou .ods"
            )
            row.values[column] = None


def parse_cell(column: str, text: str) -> Parsed:
    """One cell of the template ``column``, as the import reads it (stripped, then parsed).

    The parsers are the domain's (:mod:`esms_desktop.domain.parsing`), the same the grid and the
    CLI call; the sheet only adds that its required columns refuse an empty cell.
    """
    return PARSERS[column](text.strip())


def _shown(value: Any) -> str:
    return str(value.value if isinstance(value, OgRole) else value)


def _og_consistency(rows: list[_Row], positions: dict[str, int]) -> list[CellError]:
    """An OG's role, SIREN, FINESS juridique and size must agree on all its rows.

    The first row giving a value sets it; a later row saying otherwise is the bad cell. A
    declared size smaller than the OG's rows in the file contradicts the file itself.
    """
    errors: list[CellError] = []
    first: dict[str, dict[str, tuple[int, Any]]] = {}
    row_counts: dict[str, int] = {}
    for row in rows:
        name = row.values["og_nom"]
        if not name:
            continue
        row_counts[name] = row_counts.get(name, 0) + 1
        seen = first.setdefault(name, {})
        for col in OG_COLUMNS:
            value = row.values[col]
            if col not in positions or value in (None, ""):
                continue
            if col not in seen:
                seen[col] = (row.line, value)
            elif seen[col][1] != value:
                line, earlier = seen[col]
                errors.append(
                    CellError(
                        row.line,
                        col,
                        row.raw[col],
                        f"valeur différente des autres lignes de l'OG « {name} » "
                        f"(« {_shown(earlier)} » à la ligne {line})",
                    )
                )
    for name, seen in first.items():
        if "og_nb_esms" in seen and seen["og_nb_esms"][1] < row_counts[name]:
            line, size = seen["og_nb_esms"]
            errors.append(
                CellError(
                    line,
                    "og_nb_esms",
                    str(size),
                    f"l'OG « {name} » a {row_counts[name]} lignes dans le fichier : son nombre "
                    "total d'ESSMS gérés ne peut pas être plus petit",
                )
            )
    return errors


def _duplicate_finess(rows: list[_Row]) -> list[CellError]:
    """The same ESSMS twice would be counted and funded twice: the later row is the bad one."""
    seen: dict[str, int] = {}
    errors: list[CellError] = []
    for row in rows:
        finess = row.values["finess"]
        if not finess:
            continue
        if finess in seen:
            errors.append(
                CellError(
                    row.line,
                    "finess",
                    row.raw["finess"],
                    f"établissement déjà présent à la ligne {seen[finess]} (même numéro FINESS)",
                )
            )
        else:
            seen[finess] = row.line
    return errors


def _porteur_errors(rows: list[_Row], positions: dict[str, int]) -> list[CellError]:
    """Exactly one OG carries the project; its role is the first one its rows give."""
    if "og_role" not in positions or "og_nom" not in positions:
        return []
    roles: dict[str, tuple[int, OgRole]] = {}
    unreadable = False
    for row in rows:
        name, role = row.values["og_nom"], row.values["og_role"]
        if role is None or (not name and role is OgRole.PORTEUR):
            unreadable = True
        if name and role is not None:
            roles.setdefault(name, (row.line, role))
    porteurs = [(line, name) for name, (line, role) in roles.items() if role is OgRole.PORTEUR]
    if not porteurs:
        if unreadable:
            return []  # the unreadable og_role cells are already reported; one may be the porteur
        return [
            CellError(
                0,
                "og_role",
                "",
                "aucun OG n'a le rôle « porteur » : indiquez « porteur » sur les lignes de l'OG "
                "qui porte le projet (un seul OG)",
            )
        ]
    first_line, first_name = porteurs[0]
    return [
        CellError(
            line,
            "og_role",
            "porteur",
            f"un seul OG porteur par projet : « {first_name} » l'est déjà (ligne {first_line}) ; "
            f"indiquez « membre » pour « {name} »",
        )
        for line, name in porteurs[1:]
    ]


def _formula_notices(rows: list[_Row]) -> list[str]:
    """Text cells that start like a formula (``=HYPERLINK(…)``): imported as text, but named.

    The value is kept (a name may start with « + »); the user sees where it is, because the
    same cell opened in a spreadsheet would run, and may have been slipped in on purpose.
    """
    notices: list[str] = []
    for row in rows:
        for name, value in row.values.items():
            if isinstance(value, str) and value[:1] in _FLAGGED_STARTS:
                why = (
                    f"commence par « {value[0]} » comme une formule de tableur : importé comme "
                    "texte, vérifiez que c'est bien la valeur voulue."
                )
                notices.append(CellError(row.line, name, value, why).message)
    return notices


def _row_notices(rows: list[_Row], errors: Iterable[CellError]) -> list[str]:
    """Hints that explain a family of errors, or a likely slip that is not an error."""
    notices: list[str] = []
    lost_zero = sum(
        1
        for e in errors
        if e.column in ("finess", "og_finess_ej")
        and len(normalise(e.value)) == 8
        and normalise(e.value).isdigit()
    )
    if lost_zero:
        notices.append(
            f"{lost_zero} numéro(s) FINESS n'ont que 8 chiffres : le tableur a sans doute supprimé "
            "le zéro initial (colonne au format Nombre). Mettez la colonne au format Texte et "
            "retapez ces numéros, ou reprenez le numéro suggéré s'il est le bon."
        )
    spellings: dict[str, dict[str, int]] = {}
    for row in rows:
        name = row.values["og_nom"]
        if name:
            spellings.setdefault(fold(name), {}).setdefault(name, row.line)
    for variants in spellings.values():
        if len(variants) > 1:
            shown = " et ".join(f"« {n} » (ligne {line})" for n, line in variants.items())
            notices.append(
                f"{shown} sont comptés comme des OG différents : s'il s'agit du même OG, "
                "écrivez son nom de la même façon sur toutes ses lignes."
            )
    return notices


def _after_skip_notices(grappe: Grappe, rows: list[_Row], bad_lines: set[int]) -> list[str]:
    """What skipping rows changed in the meaning of what remains."""
    notices: list[str] = []
    if grappe.porteur is None:
        names = sorted(
            {
                str(r.values["og_nom"])
                for r in rows
                if r.line in bad_lines and r.values["og_role"] is OgRole.PORTEUR
            }
        )
        who = f" (« {', '.join(names)} »)" if names else ""
        notices.append(
            f"Toutes les lignes de l'OG porteur{who} sont en erreur : le projet importé n'a pas "
            "de porteur. Corrigez le fichier ou désignez le porteur dans le dossier."
        )
    for og in grappe.organisations:
        if og.declared_size is not None and og.declared_size < len(og.establishments):
            notices.append(
                f"L'OG « {og.name} » déclare {og.declared_size} ESSMS gérés pour "
                f"{len(og.establishments)} lignes importées : vérifiez og_nb_esms."
            )
    return notices


def _solution_notices(grappe: Grappe) -> list[str]:
    labels: dict[str, str] = {}
    for _og, est in grappe.rows():
        if est.dui_solution:
            labels.setdefault(solution_key(est.dui_solution), est.dui_solution)
    if len(labels) > 1:
        return [
            "Plusieurs solutions DUI différentes dans le fichier ("
            + ", ".join(f"« {label} »" for label in labels.values())
            + ") : indiquez dans le dossier la solution retenue pour le projet."
        ]
    return []


def _build(rows: list[_Row]) -> Grappe:
    """Group rows by OG name: the porteur first, then members in order of first appearance."""
    groups: dict[str, list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.values["og_nom"], []).append(row)
    organisations: list[Organisation] = []
    for name, items in groups.items():

        def og_value(col: str, items: list[_Row] = items) -> Any:
            return next(
                (r.values[col] for r in items if r.values[col] not in (None, "")),
                _DEFAULTS.get(col),
            )

        establishments = tuple(
            Establishment(**{SHEET_FIELDS[c].name: r.values[c] for c in ESSMS_COLUMNS})
            for r in items
        )
        organisations.append(
            Organisation(
                name=name,
                role=og_value("og_role") or OgRole.MEMBRE,
                establishments=establishments,
                **{SHEET_FIELDS[c].name: og_value(c) for c in OG_COLUMNS if c != "og_role"},
            )
        )
    organisations.sort(key=lambda o: o.role is not OgRole.PORTEUR)
    return Grappe(tuple(organisations), _solution(organisations))


def _solution(organisations: list[Organisation]) -> DuiSolution:
    """The project's solution when every row naming one names the same (spelling aside)."""
    labels = [e.dui_solution for o in organisations for e in o.establishments if e.dui_solution]
    if labels and len({solution_key(label) for label in labels}) == 1:
        return split_solution(labels[0])
    return DuiSolution()

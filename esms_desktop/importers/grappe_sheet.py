"""The grappe spreadsheet (shared/spec/grappe-template.md): one row per ESSMS → a Grappe.

Directors fill this in Excel, so the reader is forgiving about form (header spelling, accents,
``oui``/``x``/``1``, decimal commas) and strict about substance: a FINESS whose key is wrong is an
error naming its row and column. It never stops at the first problem: every bad cell is
reported, and nothing is imported until the file is fixed or the user skips the bad rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from esms_desktop.domain.edits import Parsed, parse_bool, parse_int, parse_pct, parse_project
from esms_desktop.domain.grappe import DuiSolution, Establishment, Grappe, OgRole, Organisation
from esms_desktop.domain.identifiers import check_finess, normalise, siren_problem
from esms_desktop.domain.nomenclature import normalise_category
from esms_desktop.importers.tabular import Table, header_key, read_table

COLUMNS: tuple[str, ...] = (
    "og_nom",
    "og_role",
    "og_siren",
    "og_finess_ej",
    "og_nb_esms",
    "finess",
    "nom",
    "categorie",
    "capacite",
    "projet",
    "equipement",
    "heures_eligibles_pct",
    "solution_dui",
)
REQUIRED: frozenset[str] = frozenset({"og_nom", "og_role", "finess", "nom", "categorie", "projet"})


@dataclass(frozen=True, slots=True)
class CellError:
    """One bad cell: where it is, what it holds and what was expected (French)."""

    line: int
    column: str
    value: str
    expected: str

    @property
    def message(self) -> str:
        where = f"Ligne {self.line}, colonne {self.column}" if self.line else self.column
        shown = f" : « {self.value} »" if self.value else ""
        return f"{where}{shown} — {self.expected}"


@dataclass(frozen=True, slots=True)
class GrappeImport:
    grappe: Grappe | None
    errors: tuple[CellError, ...] = ()
    notices: tuple[str, ...] = ()
    row_count: int = 0
    skipped_lines: tuple[int, ...] = field(default=())


def _text(raw: str) -> Parsed:
    return Parsed(raw.strip()) if raw.strip() else Parsed(problem="valeur obligatoire")


def _role(raw: str) -> Parsed:
    word = raw.strip().casefold()
    if word == "porteur":
        return Parsed(OgRole.PORTEUR)
    if word in ("membre", "partenaire"):
        return Parsed(OgRole.MEMBRE)
    return Parsed(problem="porteur ou membre attendu")


def _finess(raw: str) -> Parsed:
    check = check_finess(raw)
    return Parsed(check.value, check.problem)


def _optional_finess(raw: str) -> Parsed:
    return _finess(raw) if raw.strip() else Parsed("")


def _siren(raw: str) -> Parsed:
    value = normalise(raw)
    if not value:
        return Parsed("")
    return Parsed(value, siren_problem(value))


def _category(raw: str) -> Parsed:
    code = normalise_category(raw)
    if code.isascii() and code.isdigit() and len(code) == 3:
        return Parsed(code)
    return Parsed(problem="code catégorie FINESS à 3 chiffres attendu (ex. 500, 246, 354)")


def _size(raw: str) -> Parsed:
    return parse_int(raw, minimum=1)


def _capacity(raw: str) -> Parsed:
    return parse_int(raw, minimum=0)


def _hours(raw: str) -> Parsed:
    parsed = parse_pct(raw)
    return Parsed(parsed.value, parsed.problem)


PARSERS: dict[str, Callable[[str], Parsed]] = {
    "og_nom": _text,
    "og_role": _role,
    "og_siren": _siren,
    "og_finess_ej": _optional_finess,
    "og_nb_esms": _size,
    "finess": _finess,
    "nom": _text,
    "categorie": _category,
    "capacite": _capacity,
    "projet": parse_project,
    "equipement": parse_bool,
    "heures_eligibles_pct": _hours,
    "solution_dui": lambda raw: Parsed(raw.strip()),
}


def _split_solution(label: str) -> DuiSolution:
    for sep in (" — ", " – ", " - "):
        if sep in label:
            editor, _, product = label.partition(sep)
            return DuiSolution(editor.strip(), product.strip())
    return DuiSolution(label.strip(), "")


def _map_header(table: Table) -> tuple[dict[str, int], list[str], list[CellError]]:
    wanted = {header_key(c): c for c in COLUMNS}
    positions: dict[str, int] = {}
    unknown: list[str] = []
    for i, cell in enumerate(table.header):
        key = wanted.get(header_key(cell))
        if key is None:
            if cell.strip():
                unknown.append(cell.strip())
        elif key not in positions:
            positions[key] = i
    errors = [
        CellError(1, name, "", "colonne obligatoire absente de l'en-tête")
        for name in COLUMNS
        if name in REQUIRED and name not in positions
    ]
    return positions, unknown, errors


def import_grappe(path: Path, *, skip_bad_rows: bool = False) -> GrappeImport:
    """Read a grappe spreadsheet; file-level problems raise ImportFileError, cells never do."""
    table = read_table(path)
    positions, unknown, header_errors = _map_header(table)
    notices = [f"Colonne inconnue ignorée : « {name} »." for name in unknown]
    if header_errors:
        return GrappeImport(None, tuple(header_errors), tuple(notices), len(table.rows))

    errors: list[CellError] = []
    bad_lines: set[int] = set()
    parsed_rows: list[tuple[int, dict[str, object]]] = []
    for line, cells in table.rows:
        values: dict[str, object] = {}
        for name, pos in positions.items():
            raw = cells[pos] if pos < len(cells) else ""
            result = PARSERS[name](raw)
            if result.problem:
                errors.append(CellError(line, name, raw, result.problem))
                bad_lines.add(line)
            values[name] = result.value
        parsed_rows.append((line, values))

    errors += _og_consistency(parsed_rows, bad_lines)
    errors += _duplicate_finess(parsed_rows, bad_lines)
    kept = [(line, v) for line, v in parsed_rows if line not in bad_lines]
    grappe = _build(kept)
    porteurs = sorted(
        {
            str(v["og_nom"])
            for _, v in parsed_rows
            if v.get("og_role") is OgRole.PORTEUR and v.get("og_nom")
        }
    )
    if len(porteurs) != 1:
        what = (
            "aucun OG n'a le rôle « porteur »"
            if not porteurs
            else ("plusieurs OG ont le rôle « porteur » : " + ", ".join(porteurs))
        )
        errors.append(CellError(0, "og_role", "", f"exactement un OG porteur attendu ; {what}"))
    errors.sort(key=lambda e: (e.line, COLUMNS.index(e.column) if e.column in COLUMNS else 0))
    skipped = tuple(sorted(bad_lines))
    if errors and not skip_bad_rows:
        return GrappeImport(None, tuple(errors), tuple(notices), len(table.rows), skipped)
    if skipped:
        notices.append(
            f"{len(skipped)} ligne(s) ignorée(s) car en erreur : "
            + ", ".join(str(n) for n in skipped)
            + "."
        )
    if not grappe.establishment_count:
        return GrappeImport(None, tuple(errors), tuple(notices), len(table.rows), skipped)
    return GrappeImport(grappe, tuple(errors), tuple(notices), len(table.rows), skipped)


def _og_consistency(
    rows: list[tuple[int, dict[str, object]]], bad_lines: set[int]
) -> list[CellError]:
    """An OG's role, SIREN, FINESS juridique and size must agree on all its rows."""
    first: dict[str, dict[str, object]] = {}
    errors: list[CellError] = []
    for line, v in rows:
        name = str(v.get("og_nom") or "")
        if not name:
            continue
        seen = first.setdefault(name, {})
        for col in ("og_role", "og_siren", "og_finess_ej", "og_nb_esms"):
            value = v.get(col)
            if value in (None, ""):
                continue
            if col in seen and seen[col] != value:
                errors.append(
                    CellError(
                        line,
                        col,
                        str(getattr(value, "value", value)),
                        f"valeur différente des autres lignes de l'OG « {name} » "
                        f"(« {getattr(seen[col], 'value', seen[col])} »)",
                    )
                )
                bad_lines.add(line)
            else:
                seen.setdefault(col, value)
    return errors


def _duplicate_finess(
    rows: list[tuple[int, dict[str, object]]], bad_lines: set[int]
) -> list[CellError]:
    seen: dict[str, int] = {}
    errors = []
    for line, v in rows:
        finess = str(v.get("finess") or "")
        if not finess or line in bad_lines:
            continue
        if finess in seen:
            errors.append(
                CellError(line, "finess", finess, f"FINESS déjà présent à la ligne {seen[finess]}")
            )
            bad_lines.add(line)
        else:
            seen[finess] = line
    return errors


def _build(rows: list[tuple[int, dict[str, object]]]) -> Grappe:
    groups: dict[str, list[dict[str, object]]] = {}
    for _line, v in rows:
        groups.setdefault(str(v["og_nom"]), []).append(v)
    orgs = []
    for name, items in groups.items():

        def og_value(col: str, items: list[dict[str, object]] = items) -> object:
            return next((i[col] for i in items if i.get(col) not in (None, "")), None)

        role = og_value("og_role") or OgRole.MEMBRE
        ests = tuple(
            Establishment(
                finess=str(i["finess"]),
                name=str(i["nom"]),
                category=str(i["categorie"]),
                capacity=i.get("capacite"),  # type: ignore[arg-type]
                project=i["projet"],  # type: ignore[arg-type]
                equipment=bool(i.get("equipement") or False),
                eligible_hours_pct=i.get("heures_eligibles_pct") or Decimal(100),  # type: ignore[arg-type]
                dui_solution=str(i.get("solution_dui") or ""),
            )
            for i in items
        )
        orgs.append(
            Organisation(
                name=name,
                role=role,  # type: ignore[arg-type]
                siren=str(og_value("og_siren") or ""),
                finess_ej=str(og_value("og_finess_ej") or ""),
                declared_size=og_value("og_nb_esms"),  # type: ignore[arg-type]
                establishments=ests,
            )
        )
    orgs.sort(key=lambda o: o.role is not OgRole.PORTEUR)
    labels = {e.dui_solution for o in orgs for e in o.establishments if e.dui_solution}
    solution = _split_solution(labels.pop()) if len(labels) == 1 else DuiSolution()
    return Grappe(tuple(orgs), solution)

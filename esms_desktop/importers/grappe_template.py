"""Writing the grappe spreadsheet: the blank "modèle" and a grappe exported back to it.

What we write, we must read back identically (tests check the round trip), so partners can fill
the file, send it back and have it imported without a single retyped cell.
"""

from __future__ import annotations

import csv
import io
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from esms_desktop.domain.fields import FieldKind
from esms_desktop.domain.grappe import Grappe
from esms_desktop.importers.grappe_sheet import (
    COLUMNS,
    ESCAPED_STARTS,
    ESSMS_COLUMNS,
    REQUIRED,
    SHEET_FIELDS,
)

_OG_COLUMNS = frozenset(COLUMNS) - frozenset(ESSMS_COLUMNS)
"""Template columns filled from the OG of the row (the others from its ESSMS)."""

HELP: dict[str, str] = {c: f.help for c, f in SHEET_FIELDS.items()}
"""One French sentence per column, for the template's "Aide" sheet (from the field table)."""

CHOICES: dict[str, tuple[str, ...]] = {c: f.choices for c, f in SHEET_FIELDS.items() if f.choices}
"""Drop-down lists of the workbook template (other spellings are still accepted on import)."""

TEMPLATE_ROWS = 500
"""Rows of the workbook template prepared with drop-down lists and text-formatted numbers."""

_TEXT_COLUMNS = tuple(c for c, f in SHEET_FIELDS.items() if f.as_text)
"""Identifiers: formatted as text so Excel keeps leading zeros (01…, 02…)."""

EXAMPLES: tuple[dict[str, str], ...] = (
    {
        "og_nom": "Association exemple",
        "og_role": "porteur",
        "finess": "590050076",
        "nom": "EHPAD exemple",
        "categorie": "500",
        "capacite": "80",
        "projet": "acquisition",
        "equipement": "oui",
        "solution_dui": "Éditeur — Produit",
    },
    {
        "og_nom": "Association partenaire",
        "og_role": "membre",
        "finess": "620050427",
        "nom": "IME exemple",
        "categorie": "183",
        "capacite": "40",
        "projet": "conformite",
        "equipement": "non",
        "solution_dui": "Éditeur — Produit",
    },
)
"""The template's two example rows by column; a column they do not name is left empty."""

EXAMPLE_ROWS: tuple[tuple[str, ...], ...] = tuple(
    tuple(example.get(c, "") for c in COLUMNS) for example in EXAMPLES
)
"""The example rows in the template's column order."""


def _atomic(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write to a temporary file beside ``path``, then rename it into place.

    A crash or a full disk leaves the previous file intact instead of half a spreadsheet. The
    temporary file is opened normally (not with ``mkstemp``) so the result gets the usual
    permissions, not owner-only ones.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        with open(tmp, "xb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except PermissionError as exc:
        tmp.unlink(missing_ok=True)
        raise PermissionError(
            exc.errno,
            f"Impossible d'enregistrer « {path.name} » : le fichier est ouvert dans un autre "
            "programme (Excel ?) ou le dossier est protégé en écriture. Fermez-le puis réessayez.",
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _write_bytes(path: Path, data: bytes) -> Path:
    def write(fh: BinaryIO) -> None:
        fh.write(data)

    return _atomic(path, write)


_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
"""A plain number as a numeric field writes it (``-5``, ``70,5``): data, never a formula."""


def formula_safe(cell: str, kind: FieldKind = FieldKind.TEXT) -> str:
    """The cell as a spreadsheet must show it: text that Excel would run gets a leading ``'``.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
    formula by Excel (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``): written ``'=…``, as OWASP
    advises, it is shown as text. A cell that already starts with ``'`` gets one too, so that
    the import (:func:`~esms_desktop.importers.grappe_sheet.unescape_cell`) can take exactly one
    away and every text reads back as written. A number in a numeric field (``-5``) is data and
    stays as it is; the same ``-5`` as a name is text like any other.
    """
    if kind in (FieldKind.INTEGER, FieldKind.DECIMAL) and _NUMBER.fullmatch(cell):
        return cell
    return f"'{cell}" if cell[:1] in ESCAPED_STARTS else cell


_KINDS: tuple[FieldKind, ...] = tuple(f.kind for f in SHEET_FIELDS.values())
"""Each template column's kind, in :data:`COLUMNS` order (what :func:`formula_safe` needs)."""


def _csv_bytes(rows: list[tuple[str, ...]]) -> bytes:
    """Template rows as the CSV file Excel opens; every cell made formula-safe on the way."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(
        tuple(formula_safe(cell, kind) for cell, kind in zip(row, _KINDS, strict=True))
        for row in rows
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def grappe_rows(grappe: Grappe) -> list[tuple[str, ...]]:
    """The grappe as template rows (one per ESSMS), in the order entered.

    Each cell is written by its field (:attr:`FieldSpec.cell`), so it reads back as the value.
    """
    rows: list[tuple[str, ...]] = []
    for og, e in grappe.rows():
        rows.append(
            tuple(
                f.cell(getattr(og if c in _OG_COLUMNS else e, f.name))
                for c, f in SHEET_FIELDS.items()
            )
        )
    return rows


def write_grappe_csv(grappe: Grappe, path: Path) -> Path:
    """Export a grappe in the template format (UTF-8 with BOM, ``;``: what Excel opens)."""
    return _write_bytes(path, _csv_bytes(grappe_rows(grappe)))


def write_template_csv(path: Path) -> Path:
    """The template as CSV for those without Excel: header and two example rows, no comments
    (a comment line would be read as an establishment)."""
    return _write_bytes(path, _csv_bytes(list(EXAMPLE_ROWS)))


def write_template_xlsx(path: Path) -> Path:
    """The template as a workbook: the grid with two example rows, drop-down lists, identifier
    columns formatted as text (Excel would drop a FINESS's leading zero), and an "Aide" sheet
    explaining each column.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Grappe"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in EXAMPLE_ROWS:
        sheet.append(list(row))
    last = TEMPLATE_ROWS + 1
    for col, name in enumerate(COLUMNS, start=1):
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = max(14, len(name) + 4)
        if name in _TEXT_COLUMNS:
            for r in range(2, last + 1):
                sheet.cell(r, col).number_format = "@"
        if name in CHOICES:
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(CHOICES[name]) + '"',
                allow_blank=name not in REQUIRED,
                showErrorMessage=False,  # other spellings (« Conformité ») are accepted on import
            )
            rule.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(rule)

    help_sheet = book.create_sheet("Aide")
    help_sheet.append(["Colonne", "Obligatoire", "Contenu"])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for name in COLUMNS:
        help_sheet.append([name, "oui" if name in REQUIRED else "non", HELP[name]])
    help_sheet.append([])
    for note in NOTES:
        help_sheet.append([note])
    help_sheet.column_dimensions["A"].width = 24
    help_sheet.column_dimensions["B"].width = 12
    help_sheet.column_dimensions["C"].width = 100
    for row in help_sheet.iter_rows(min_row=2, max_col=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    def save(fh: BinaryIO) -> None:
        book.save(fh)

    return _atomic(path, save)


NOTES: tuple[str, ...] = (
    "Une ligne par établissement (ESSMS) ; les colonnes og_… se répètent sur chaque ligne de l'OG.",
    "Remplacez les deux lignes d'exemple par vos établissements.",
    "Oui/non : o, n, yes, no, 1, 0 et x sont aussi acceptés. Les noms de colonnes peuvent être "
    "écrits avec majuscules, accents ou espaces.",
    "Enregistrez le fichier au format .xlsx ou CSV (séparateur point-virgule ou virgule).",
)
"""General advice printed under the column descriptions of the "Aide" sheet."""

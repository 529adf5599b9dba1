"""Writing the grappe spreadsheet: the blank "modèle" and a grappe exported back to it.

What we write, we must read back identically (tests check the round trip), so partners can fill
the file, send it back and have it imported without a single retyped cell.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from esms_desktop.domain.grappe import Grappe
from esms_desktop.importers.grappe_sheet import COLUMNS

HELP: dict[str, str] = {
    "og_nom": "Nom de l'organisme gestionnaire (obligatoire)",
    "og_role": "« porteur » pour les lignes de l'OG porteur (un seul OG), « membre » sinon",
    "og_siren": "SIREN de l'OG (9 chiffres)",
    "og_finess_ej": "FINESS juridique de l'OG",
    "og_nb_esms": "Nombre total d'ESSMS gérés par l'OG (tous, pas seulement ceux du projet)",
    "finess": "FINESS géographique de l'établissement (9 caractères, obligatoire)",
    "nom": "Nom de l'établissement (obligatoire)",
    "categorie": "Code catégorie FINESS à 3 chiffres (ex. 500 EHPAD, 246 ESAT, 354 SSIAD)",
    "capacite": "Places ou file active (nombre entier)",
    "projet": "acquisition, conformite (mise en conformité) ou aucun (obligatoire)",
    "equipement": "oui / non : demande la ligne équipement et infrastructure",
    "heures_eligibles_pct": (
        "Services à domicile : part des heures sur activités essentielles (0 à 100)"
    ),
    "solution_dui": "Solution DUI sous la forme « Éditeur — Produit »",
}

EXAMPLE_ROWS: tuple[tuple[str, ...], ...] = (
    (
        "Association exemple",
        "porteur",
        "",
        "",
        "",
        "590050076",
        "EHPAD exemple",
        "500",
        "80",
        "acquisition",
        "oui",
        "",
        "Éditeur — Produit",
    ),
    (
        "Association partenaire",
        "membre",
        "",
        "",
        "",
        "620050427",
        "IME exemple",
        "183",
        "40",
        "conformite",
        "non",
        "",
        "Éditeur — Produit",
    ),
)


def _atomic(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write to a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _write_bytes(path: Path, data: bytes) -> Path:
    def write(fh: BinaryIO) -> None:
        fh.write(data)

    return _atomic(path, write)


def _csv_bytes(rows: list[tuple[str, ...]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _pct(value: Decimal) -> str:
    return "" if value == 100 else str(value.normalize()).replace(".", ",")


def grappe_rows(grappe: Grappe) -> list[tuple[str, ...]]:
    """The grappe as template rows (one per ESSMS), in the order entered."""
    rows = []
    for og, e in grappe.rows():
        rows.append(
            (
                og.name,
                og.role.value,
                og.siren,
                og.finess_ej,
                "" if og.declared_size is None else str(og.declared_size),
                e.finess,
                e.name,
                e.category,
                "" if e.capacity is None else str(e.capacity),
                e.project.value,
                "oui" if e.equipment else "non",
                _pct(e.eligible_hours_pct),
                e.dui_solution,
            )
        )
    return rows


def write_grappe_csv(grappe: Grappe, path: Path) -> Path:
    """Export a grappe in the template format (UTF-8 with BOM, ``;``: what Excel opens)."""
    return _write_bytes(path, _csv_bytes(grappe_rows(grappe)))


def write_template_csv(path: Path) -> Path:
    return _write_bytes(path, _csv_bytes(list(EXAMPLE_ROWS)))


def write_template_xlsx(path: Path) -> Path:
    """The template as a workbook: the grid, choice lists, and a sheet explaining each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Grappe"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in EXAMPLE_ROWS:
        sheet.append(list(row))
    for col, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, col).column_letter].width = max(12, len(name) + 4)
        if name in ("finess", "og_finess_ej", "og_siren", "categorie"):
            for r in range(2, 502):
                sheet.cell(r, col).number_format = "@"  # text: keeps leading zeros
    choices = {
        "og_role": '"porteur,membre"',
        "projet": '"acquisition,conformite,aucun"',
        "equipement": '"oui,non"',
    }
    for name, formula in choices.items():
        letter = sheet.cell(1, COLUMNS.index(name) + 1).column_letter
        rule = DataValidation(type="list", formula1=formula, allow_blank=True)
        rule.add(f"{letter}2:{letter}500")
        sheet.add_data_validation(rule)
    help_sheet = book.create_sheet("Aide")
    help_sheet.append(["Colonne", "Contenu"])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for name in COLUMNS:
        help_sheet.append([name, HELP[name]])
    help_sheet.column_dimensions["A"].width = 24
    help_sheet.column_dimensions["B"].width = 90

    def save(fh: BinaryIO) -> None:
        book.save(fh)

    return _atomic(path, save)

"""The table for the online filing: one row per ESSMS, and a summary to copy field by field.

The aid request itself is filed online (GALIS, service « PAI numérique », programme.md §4),
whose form asks for the table of ESSMS and the amount of each. Typing it again from the PDF is
where a FINESS loses its leading zero or an amount its last digit: this module writes that
table, from the same budget as the PDF, as XLSX (sheet « ESSMS » and sheet « Récapitulatif »)
or CSV (the table, then the summary under a blank line).

The order of the columns is the issue's list (FINESS, name, category, OG, project type, amount
TTC): the online form's own order is not documented in ../shared/spec, so this is the order to
check against the form and change here once known. Identifiers are text (a FINESS « 010000001 »
keeps its zero in Excel: text cells, « @ » format); amounts are numbers, « à renseigner » left
empty with a remark; every text cell is made formula-safe
(:func:`~esms_desktop.importers.grappe_template.formula_safe`): a name « =HYPERLINK(…) » is shown,
never run.
"""

from __future__ import annotations

import csv
import io
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from esms_desktop.domain.budget import Budget, EstablishmentBudget
from esms_desktop.domain.campaign import CampaignError
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.formatting import format_decimal, format_eur
from esms_desktop.importers.grappe_template import formula_safe
from esms_desktop.services import catalog
from esms_desktop.services.assessment import assess_dossier

Cell = str | Decimal | int | None


@dataclass(frozen=True, slots=True)
class FilingTable:
    """What the online filing asks, as plain cells: the ESSMS rows and the summary pairs."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    summary: tuple[tuple[str, Cell], ...]
    total: Decimal | None
    """The dossier's total (``None`` while an amount is to be filled in)."""


@dataclass(frozen=True, slots=True)
class FilingResult:
    path: Path
    rows: int
    total: Decimal | None
    complete: bool


class FilingError(UserError):
    """The table asked cannot be written as asked (a format other than .xlsx or .csv)."""


class FilingWriteError(FilingError):
    """The table could not be written (the folder does not exist, the disk is full…)."""


TEXT_COLUMNS = frozenset({0, 1, 2, 3, 4, 5, 7})
"""Indexes of the columns written as text (identifiers and names), the others are numbers."""


def _headers(tax: str) -> tuple[str, ...]:
    return (
        "FINESS géographique",
        "Nom de l'ESSMS",
        "Catégorie FINESS",
        "Organisme gestionnaire",
        "SIREN de l'OG",
        "Type de projet",
        f"Montant demandé {tax} (€)",
        "Remarque",
    )


def _remark(e: EstablishmentBudget) -> str:
    if not e.counted or not e.funded:
        return e.reason or ("non compté" if not e.counted else "non financé")
    return "montant à renseigner" if e.amount is None else ""


def filing_table(dossier: Dossier, budget: Budget | None = None) -> FilingTable:
    """The ESSMS rows (in the grappe's order) and the summary of ``dossier``, from its budget.

    The amounts of the rows and the project lines of the summary add up to the total.
    """
    budget = budget or assess_dossier(dossier)
    siren = {og.name: og.siren for og in dossier.grappe.organisations}
    rows: list[tuple[Cell, ...]] = []
    for (_og, est), e in zip(dossier.grappe.rows(), budget.establishments, strict=True):
        amount = e.amount if e.funded else Decimal(0)
        rows.append(
            (
                est.finess,
                est.name,
                est.category,
                e.og_name,
                siren.get(e.og_name, ""),
                est.project.label,
                amount,
                _remark(e),
            )
        )
    return FilingTable(_headers(budget.tax), tuple(rows), _summary(dossier, budget), _total(budget))


def _total(budget: Budget) -> Decimal | None:
    return budget.total if budget.complete else None


def _summary(dossier: Dossier, budget: Budget) -> tuple[tuple[str, Cell], ...]:
    tax = budget.tax
    porteur = dossier.porteur
    og = dossier.grappe.porteur
    try:
        title = catalog.campaign(dossier.campaign_id).title
    except CampaignError:  # a campaign gone from the library: its id is enough
        title = dossier.campaign_id
    funded = [e for e in budget.establishments if e.funded]
    essms_total = sum((e.amount or Decimal(0) for e in funded), Decimal(0))
    pairs: list[tuple[str, Cell]] = [
        ("Porteur du projet", porteur.name or (og.name if og else "")),
        ("SIREN du porteur", porteur.siren or (og.siren if og else "")),
        ("SIRET du porteur", porteur.siret),
        ("FINESS juridique du porteur", porteur.finess_ej or (og.finess_ej if og else "")),
        ("Représentant légal", porteur.legal_representative),
        ("Intitulé du projet", dossier.project_title or dossier.name),
        ("Appel à projets", f"{title} ({dossier.campaign_id})"),
        ("Solution DUI", dossier.grappe.solution.label),
        ("Nombre d'organismes gestionnaires", len(dossier.grappe.organisations)),
        ("Nombre d'ESSMS dans la grappe", dossier.grappe.establishment_count),
        ("Nombre d'ESSMS financés", len(funded)),
        (f"Total des ESSMS {tax} (€)", essms_total),
    ]
    for line in budget.project_lines:
        who = f" — {line.og}" if line.og else ""
        pairs.append((f"{line.label}{who} {tax} (€)", line.amount))
    pairs.append((f"Montant total demandé {tax} (€)", _total(budget)))
    for tranche in budget.tranches:
        share = format_decimal(tranche.pct)
        pairs.append((f"{tranche.label} ({share} %) {tax} (€)", _tranche(budget, tranche)))
    if not budget.complete:
        pairs.append(("Attention", "des montants sont à renseigner : le total n'est pas connu"))
    return tuple(pairs)


def _tranche(budget: Budget, tranche: object) -> Decimal | None:
    amount = getattr(tranche, "amount", None)
    return amount if budget.complete else None


# --- writing ---------------------------------------------------------------------------------


def _atomic_write(path: Path, data: bytes) -> None:
    """Beside ``path``, then renamed into place: a failure leaves the previous file whole."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise FilingWriteError(
            f"Impossible d'écrire le tableau « {path} » : {exc.strerror or exc}."
        ) from exc


def _text(value: Cell) -> str:
    """A cell as CSV text: amounts with a decimal comma (French Excel), texts formula-safe."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        plain = format(value.quantize(Decimal("0.01")), "f")
        return plain.removesuffix(".00").replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return formula_safe(value)


def csv_bytes(table: FilingTable) -> bytes:
    """The table, a blank line, then the summary as « libellé;valeur » rows (UTF-8 with BOM,
    semicolons: what Excel opens in French)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_text(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([_text(c) for c in row])
    writer.writerow([])
    writer.writerow(["Récapitulatif", ""])
    for label, value in table.summary:
        writer.writerow([_text(label), _text(value)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(table: FilingTable) -> bytes:
    """Sheet « ESSMS » (identifiers as text cells, amounts as numbers) and « Récapitulatif »."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "ESSMS"
    sheet.append(list(table.headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(table.rows, start=2):
        for c, value in enumerate(row):
            _put(sheet.cell(r, c + 1), value, as_text=c in TEXT_COLUMNS)
    for letter, width in zip("ABCDEFGH", (14, 38, 10, 34, 12, 28, 16, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"

    summary = book.create_sheet("Récapitulatif")
    summary.append(["Champ", "Valeur"])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    for r, (label, value) in enumerate(table.summary, start=2):
        _put(summary.cell(r, 1), label, as_text=True)
        _put(summary.cell(r, 2), value, as_text=not isinstance(value, Decimal | int))
    summary.column_dimensions["A"].width = 44
    summary.column_dimensions["B"].width = 48
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(cell: object, value: Cell, *, as_text: bool) -> None:
    """Text as a text cell (never a formula, « @ » format); a number as a number in euros."""
    if value is None or value == "":
        return
    if as_text or isinstance(value, str):
        cell.value = str(value)  # type: ignore[attr-defined]
        cell.data_type = "s"  # type: ignore[attr-defined]  # « =… » stays text, never a formula
        cell.number_format = "@"  # type: ignore[attr-defined]
        return
    if isinstance(value, Decimal):
        cell.value = float(value) if value != value.to_integral_value() else int(value)  # type: ignore[attr-defined]
        cell.number_format = "#,##0.00" if value != value.to_integral_value() else "#,##0"  # type: ignore[attr-defined]
        return
    cell.value = value  # type: ignore[attr-defined]


FORMATS = (".xlsx", ".csv")


def export_filing_table(dossier: Dossier, path: Path, budget: Budget | None = None) -> FilingResult:
    """Write the table for the online filing as ``path`` (.xlsx or .csv, by its suffix).

    This is the function the export step calls (the button « Tableau pour le dépôt en ligne »).
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise FilingError(
            f"Format de tableau inconnu « {path.suffix or path.name} » : choisissez un nom en "
            "« .xlsx » ou « .csv »."
        )
    table = filing_table(dossier, budget)
    data = xlsx_bytes(table) if suffix == ".xlsx" else csv_bytes(table)
    if not path.parent.is_dir():
        raise FilingWriteError(
            f"Le dossier « {path.parent} » n'existe pas : le tableau n'est pas écrit."
        )
    _atomic_write(path, data)
    return FilingResult(path, len(table.rows), table.total, table.total is not None)


def describe(result: FilingResult) -> str:
    """One French line about what was written (the CLI prints it, the GUI may show it)."""
    total = format_eur(result.total)
    state = "" if result.complete else " (incomplet : montants à renseigner)"
    return (
        f"Tableau pour le dépôt en ligne écrit : {result.path} — {result.rows} ESSMS, "
        f"total {total}{state}"
    )


__all__: Sequence[str] = (
    "FilingError",
    "FilingResult",
    "FilingTable",
    "FilingWriteError",
    "describe",
    "export_filing_table",
    "filing_table",
)

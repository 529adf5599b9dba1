"""Reading a table file (CSV or XLSX) into rows of text, whatever French Excel wrote.

CSV comes with ``;`` or ``,``, in UTF-8 (with or without BOM) or Windows-1252; XLSX gives numbers
as floats (a FINESS typed as a number loses nothing but ``.0``). Every problem with the file as a
whole is an :class:`ImportFileError` whose French message names the file.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

MAX_ROWS = 200_000


class ImportFileError(ValueError):
    """The file cannot be read as a table; nothing is imported."""


@dataclass(frozen=True, slots=True)
class Table:
    """Header cells and data rows; each row keeps its line number in the file (header = 1)."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def header_key(name: str) -> str:
    """Match headers without regard to case, accents, spaces, underscores or dashes."""
    text = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return "".join(c for c in text.replace("%", "pct") if c.isalnum())


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"« {name} » : encodage non reconnu (ni UTF-8 ni Windows-1252, octet n°{exc.start})."
        ) from exc


def _refuse_binary(data: bytes, name: str) -> None:
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            f"« {name} » est une archive ZIP ou un classeur Excel renommé en .csv : "
            "enregistrez-le au format .xlsx ou CSV, puis réessayez."
        )
    if data.startswith((b"\xd0\xcf\x11\xe0", b"%PDF", b"\x1f\x8b")):
        raise ImportFileError(
            f"« {name} » n'est pas un tableau CSV (ancien format Excel .xls, PDF ou archive) : "
            "enregistrez-le au format .xlsx ou CSV."
        )
    sample = data[:4096]
    if b"\x00" in sample:
        raise ImportFileError(f"« {name} » contient des données binaires : ce n'est pas un CSV.")


def _read_csv(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(
            f"Impossible de lire « {path.name} » : {exc.strerror or exc}."
        ) from exc
    _refuse_binary(data, path.name)
    text = _decode(data, path.name)
    if not text.strip():
        raise ImportFileError(f"« {path.name} » est vide.")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, tuple[str, ...]]] = []
    header: tuple[str, ...] = ()
    try:
        for record in reader:
            line = reader.line_num
            cells = tuple(c.strip() for c in record)
            if not header:
                header = cells
                continue
            if any(cells):
                rows.append((line, cells))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(f"« {path.name} » a plus de {MAX_ROWS} lignes.")
    except csv.Error as exc:
        raise ImportFileError(
            f"« {path.name} », ligne {reader.line_num} : fichier coupé ou guillemets mal fermés "
            f"({exc})."
        ) from exc
    return _checked(Table(path.name, header, tuple(rows)))


def _read_xlsx(path: Path) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportFileError(
            f"« {path.name} » n'est pas un classeur .xlsx lisible ({type(exc).__name__})."
        ) from exc
    try:
        sheet = book.worksheets[0]
        header: tuple[str, ...] = ()
        rows: list[tuple[int, tuple[str, ...]]] = []
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = tuple(_cell_text(v) for v in values)
            if not header:
                if any(cells):
                    header = cells
                continue
            if any(cells):
                rows.append((line, cells))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(f"« {path.name} » a plus de {MAX_ROWS} lignes.")
    finally:
        book.close()
    return _checked(Table(path.name, header, tuple(rows)))


def _checked(table: Table) -> Table:
    if not any(table.header):
        raise ImportFileError(f"« {table.name} » est vide.")
    if not table.rows:
        raise ImportFileError(
            f"« {table.name} » ne contient que la ligne d'en-tête : aucune ligne à importer."
        )
    return table


def read_table(path: Path) -> Table:
    """Read ``path`` (.csv, .txt or .xlsx) into a :class:`Table`."""
    if not path.is_file():
        raise ImportFileError(f"Fichier introuvable : « {path} ».")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    return _read_csv(path)

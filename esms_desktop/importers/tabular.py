"""Reading a table file (CSV, XLSX, XLS or ODS) into rows of text, whatever the spreadsheet wrote.

Directors send what their spreadsheet saved: CSV with ``;`` (French Excel) or ``,``, in UTF-8 with
or without BOM, Windows-1252, sometimes UTF-16 "Texte Unicode" with tabs, a ``.xlsx`` workbook
whose numbers come back as floats, an old ``.xls`` (ARS annexes) or a LibreOffice ``.ods``. This
module turns all of them into the same thing — a header and rows of stripped strings, each row
with its line number in the file — so the importers above it only ever deal with text and can
quote a line number the user will find in their spreadsheet.

Every problem with the file *as a whole* (empty, header only, a workbook renamed ``.csv``, binary
garbage, unreadable) is an :class:`ImportFileError` whose French message names the file; problems
with cell contents are the caller's business and never raise here.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from esms_desktop.domain.errors import UserError
from esms_desktop.domain.formatting import format_decimal

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# zipfile and xml.etree are imported where a workbook is opened: reading a CSV (``check`` on the
# command line) does not load them.

MAX_ROWS = 200_000
"""Far above any grappe; stops a mistaken multi-gigabyte export from filling memory."""

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CALAMINE_SUFFIXES = (".xls", ".ods")
"""Read by python-calamine: number formats are not exposed (see :func:`_read_calamine`)."""
WORKBOOK_SUFFIXES = (*XLSX_SUFFIXES, *CALAMINE_SUFFIXES)
"""Every spreadsheet format read as a workbook (not as text)."""
_WORKBOOK_KINDS = {
    ".xls": "classeur Excel 97-2003 (.xls)",
    ".ods": "classeur LibreOffice / OpenOffice (.ods)",
}
_OTHER_SPREADSHEETS = {
    ".numbers": "classeur Apple Numbers",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_CELLS = (f"{_ODS_TABLE}table-cell", f"{_ODS_TABLE}covered-table-cell")
_MAX_COLUMNS = 16_384
"""Excel's and LibreOffice's last column: a repeated cell never spans more."""
_DELIMITERS = (";", ",", "\t")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""Line ends as the csv module counts them (not ``str.splitlines``, which also splits on \\x0b)."""
_BINARY_SAMPLE = 4096
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1a")
"""Tabs and line breaks, plus what old exports leave (vertical tab for Alt+Entrée, DOS EOF)."""


class ImportFileError(UserError):
    """The file cannot be read as a table; nothing is imported. The message is French for users."""


@dataclass(frozen=True, slots=True)
class Table:
    """Header cells and data rows, all stripped text.

    Each row keeps the number of the line it *starts* on in the file, as is ``header_line`` (1
    unless blank lines or Excel's ``sep=`` line come first), so messages point where the user
    looks. Blank rows are left out. ``encoding`` and ``delimiter`` say how a CSV was read
    (``"xlsx"``, ``"xls"`` or ``"ods"`` and ``""`` for a workbook, whose first sheet is ``sheet``).

    ``fractions`` holds the (line, column index) of number cells between 0 and 1 whose number
    format could not be read (``.xls``): « 0,7 » there may be a cell showing « 70 % ». Their text
    is the bare number; a column that takes a percentage must not guess (see
    :func:`_read_calamine`).
    """

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str = ""
    delimiter: str = ""
    header_line: int = 1
    sheet: str = ""
    fractions: frozenset[tuple[int, int]] = frozenset()


def header_key(name: str) -> str:
    """Match headers without regard to case, accents, spaces, underscores, dashes or punctuation.

    ``"Heures éligibles %"`` and ``"heures_eligibles_pct"`` give the same key: ``%`` reads ``pct``.
    """
    text = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return "".join(c for c in text.replace("%", "pct") if c.isalnum())


def cell_text(value: object, number_format: str = "") -> str:
    """A workbook cell as the text the user sees, so every importer parses text only.

    Whole floats lose their ``.0`` (``500.0`` → ``"500"``, a FINESS typed as a number keeps its
    digits), other numbers use the French decimal comma without exponent, a cell formatted as a
    percentage gives its percent value (``0.7`` shown ``70 %`` → ``"70"``), booleans read
    ``oui``/``non`` and dates ISO 8601.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return str(value)
        if "%" in number_format:
            number *= 100
        if isinstance(value, float):
            number = Decimal(format(float(number), ".15g"))  # drops float noise: 0.1+0.2
        if number == number.to_integral_value():
            return _integer_text(number)
        return format_decimal(number)  # what the cell parsers read back: 70,5, never 7,05E+1
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _numbers_read_as_found() -> None:
    """Make openpyxl keep a number cell it cannot convert as its text, instead of raising.

    openpyxl turns a number cell's XML text into ``int``/``float`` while it walks the sheet: a
    5,000-digit integer (beyond Python's 4,300-digit limit) or a ``NaN`` raises ``ValueError``
    there, which ended the whole sheet as « classeur abîmé ». Kept as text, the cell reaches its
    column's parser like any other and becomes a French error naming its row. Installed once,
    on openpyxl's module function (the reader calls it by that name); a version without it keeps
    the old behaviour.
    """
    from openpyxl.worksheet import _reader

    convert = getattr(_reader, "_cast_number", None)
    if convert is None or getattr(convert, "keeps_unreadable_text", False):
        return

    def cast_number(value: str) -> object:
        try:
            return convert(value)
        except ValueError:
            return value

    cast_number.keeps_unreadable_text = True  # type: ignore[attr-defined]
    _reader._cast_number = cast_number


def _integer_text(number: Decimal) -> str:
    """A whole number's digits; past Python's 4,300-digit limit for ``str(int)``, written out by
    Decimal (no capacity is that long: the cell's parser refuses it by its row)."""
    try:
        return str(int(number))
    except ValueError:
        return format(number.to_integral_value(), "f")


def read_table(path: Path) -> Table:
    """Read ``path`` (.csv, .txt, .tsv or .xlsx/.xlsm/.xls/.ods, first sheet) into a :class:`Table`.

    Raises :class:`ImportFileError` when the file is missing, unreadable, not a table, empty or
    has a header but no data row.
    """
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"Fichier introuvable : « {path} ».")
    if not path.is_file():
        raise ImportFileError(f"« {path.name} » n'est pas un fichier (dossier ?).")
    suffix = path.suffix.lower()
    if suffix in _OTHER_SPREADSHEETS:
        raise ImportFileError(
            f"« {path.name} » est un {_OTHER_SPREADSHEETS[suffix]}, format non pris en charge : "
            "enregistrez-le au format .xlsx ou CSV, puis réessayez."
        )
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(path)
    if suffix in CALAMINE_SUFFIXES:
        return _read_calamine(path, suffix)
    return _read_csv(path)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError(
            f"Impossible de lire « {path.name} » : {exc.strerror or exc} "
            "(fichier ouvert dans un autre programme, ou droits insuffisants ?)."
        ) from exc


def _refuse_known_binary(data: bytes, name: str) -> None:
    """Recognise formats people rename or pick by mistake, and say what to do instead."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                is_workbook = "xl/workbook.xml" in archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            is_workbook = False
        if is_workbook:
            raise ImportFileError(
                f"« {name} » est un classeur Excel renommé en CSV : rendez-lui l'extension .xlsx "
                "ou enregistrez-le au format CSV depuis Excel, puis réessayez."
            )
        raise ImportFileError(
            f"« {name} » est une archive ZIP (ou un classeur renommé), pas un tableau CSV : "
            "enregistrez-le au format .xlsx ou CSV, puis réessayez."
        )
    if data.startswith((b"\xd0\xcf\x11\xe0", b"%PDF", b"\x1f\x8b")):
        raise ImportFileError(
            f"« {name} » n'est pas un tableau CSV (ancien format Excel .xls, PDF ou archive) : "
            "enregistrez-le au format .xlsx ou CSV, puis réessayez."
        )


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding's French name: UTF-16 by its BOM, else UTF-8 strict, else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"« {name} » : texte UTF-16 illisible ({exc.reason}).") from exc
    if b"\x00" in data[:_BINARY_SAMPLE]:
        raise ImportFileError(
            f"« {name} » contient des données binaires : ce n'est pas un fichier CSV."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"« {name} » contient des octets qui ne sont pas du texte (ni UTF-8 ni "
            f"Windows-1252, position {exc.start}) : ce n'est pas un fichier CSV."
        ) from exc


def _refuse_garbage(text: str, name: str) -> None:
    """Random bytes can decode as Windows-1252: too many control characters betray them."""
    sample = text[:_BINARY_SAMPLE]
    controls = sum(
        1 for c in sample if unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS
    )
    if controls > max(8, len(sample) // 20):
        raise ImportFileError(
            f"« {name} » contient des données binaires : ce n'est pas un fichier CSV."
        )


def _sniff(line: str) -> str:
    """The separator used most on the header line (``;`` wins ties: French Excel's choice)."""
    counts = [(line.count(d), -i, d) for i, d in enumerate(_DELIMITERS)]
    return max(counts)[2]


def _read_csv(path: Path) -> Table:
    data = _read_bytes(path)
    _refuse_known_binary(data, path.name)
    text, encoding = _decode(data, path.name)
    _refuse_garbage(text, path.name)
    if not text.strip():
        raise ImportFileError(f"« {path.name} » est vide.")
    lines = _LINE_BREAK.split(text)
    offset = 0
    first = lines[0].strip()
    if first.casefold().startswith("sep=") and len(first) == 5:
        # Excel's hint line ("sep=;") names the separator and is not the header.
        delimiter = first[4]
        offset = 1
        text = _LINE_BREAK.split(text, maxsplit=1)[1] if len(lines) > 1 else ""
    else:
        delimiter = _sniff(next((ln for ln in lines if ln.strip()), ""))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: tuple[str, ...] = ()
    header_line = 1
    rows: list[tuple[int, tuple[str, ...]]] = []
    previous_end = 0
    try:
        for record in reader:
            start = previous_end + 1 + offset
            previous_end = reader.line_num
            cells = tuple(c.strip() for c in record)
            if not any(cells):
                continue
            if not header:
                header, header_line = cells, start
                continue
            rows.append((start, cells))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(f"« {path.name} » a plus de {MAX_ROWS} lignes.")
    except csv.Error as exc:
        raise ImportFileError(
            f"« {path.name} », ligne {reader.line_num + offset} : fichier coupé ou guillemets "
            f"mal fermés ({exc})."
        ) from exc
    return _checked(Table(path.name, header, tuple(rows), encoding, delimiter, header_line))


def _read_xlsx(path: Path) -> Table:
    data = _read_bytes(path)
    if not data.strip():
        raise ImportFileError(f"« {path.name} » est vide.")
    if not data.startswith(b"PK"):
        raise ImportFileError(
            f"« {path.name} » n'est pas un classeur .xlsx (fichier renommé ?) : ouvrez-le dans "
            "Excel et enregistrez-le au format .xlsx ou CSV."
        )
    from openpyxl import load_workbook

    _numbers_read_as_found()
    # openpyxl raises whatever its parsers raise on a damaged workbook (zip, XML, KeyError…):
    # for the user they all mean the same thing, so they all become one French message.
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFileError(
            f"« {path.name} » n'est pas un classeur .xlsx lisible (fichier abîmé ?) "
            f"[{type(exc).__name__}]."
        ) from exc
    try:
        if not book.worksheets:
            raise ImportFileError(f"« {path.name} » ne contient aucune feuille.")
        header: tuple[str, ...] = ()
        header_line = 1
        rows: list[tuple[int, tuple[str, ...]]] = []
        for line, cells_in in enumerate(book.worksheets[0].iter_rows(), start=1):
            cells = tuple(
                cell_text(c.value, getattr(c, "number_format", "") or "") for c in cells_in
            )
            if not any(cells):
                continue
            if not header:
                header, header_line = cells, line
                continue
            rows.append((line, cells))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(f"« {path.name} » a plus de {MAX_ROWS} lignes.")
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(
            f"« {path.name} » : classeur .xlsx abîmé, lecture impossible [{type(exc).__name__}]."
        ) from exc
    finally:
        book.close()
    return _checked(Table(path.name, header, tuple(rows), "xlsx", "", header_line))


def _read_calamine(path: Path, suffix: str) -> Table:
    """Read the first sheet of a ``.xls`` or ``.ods`` workbook with python-calamine.

    Calamine gives each cell's value and type (text, number, boolean, date) but not its number
    format, so a cell showing « 70 % » comes back as ``0.7``. The xlsx path reads the format and
    turns such a cell into ``"70"`` (:func:`cell_text`); here:

    * ``.ods`` stores the type beside the value (``office:value-type="percentage"``): those cells
      are found in ``content.xml`` (:func:`_ods_percentage_cells`) and read as the xlsx path reads
      them — exactly, no guess;
    * ``.xls`` keeps formats in records calamine does not expose: a number cell between 0 and 1
      (both included) may be « 0,7 » or « 70 % ». Its text stays the bare number and its place is
      listed in :attr:`Table.fractions`; a percentage column refuses such a cell, naming the sheet,
      row, column and both readings, rather than guess (a number above 1 is not ambiguous: a
      percentage cell would show more than 100 %, which no percentage column accepts).

    Dates come as ``date``/``datetime`` (calamine reads the date formats itself) and give the
    same ISO text as the xlsx path.
    """
    kind = _WORKBOOK_KINDS[suffix]
    data = _read_bytes(path)
    if not data.strip():
        raise ImportFileError(f"« {path.name} » est vide.")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        raise ImportFileError(
            f"« {path.name} » est une page web (HTML) enregistrée sous l'extension {suffix}, pas "
            "un classeur : ouvrez-la dans votre tableur et enregistrez-la au format .xlsx, .ods "
            "ou CSV."
        )
    if not data.startswith((_OLE_MAGIC, b"PK\x03\x04")):
        raise ImportFileError(
            f"« {path.name} » n'est pas un {kind} (fichier renommé ?) : ouvrez-le dans votre "
            "tableur et enregistrez-le au format .xlsx, .ods ou CSV."
        )
    import python_calamine

    # Calamine raises its own errors, and a few of Rust's, on a damaged file: all of them mean
    # « abîmé » for the user, except a password, which the user can do something about.
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not book.sheet_names:
            raise ImportFileError(f"« {path.name} » ne contient aucune feuille.")
        sheet = book.get_sheet_by_index(0)
        grid = sheet.to_python(skip_empty_area=False, nrows=2 * MAX_ROWS)
    except ImportFileError:
        raise
    except python_calamine.PasswordError as exc:
        raise ImportFileError(
            f"« {path.name} » est protégé par un mot de passe : enregistrez-en une copie sans "
            "mot de passe, puis réessayez."
        ) from exc
    except Exception as exc:
        raise ImportFileError(
            f"« {path.name} » n'est pas un {kind} lisible (fichier abîmé ?) [{type(exc).__name__}]."
        ) from exc
    percents = _ods_percentage_cells(data, path.name) if data.startswith(b"PK") else frozenset()
    header: tuple[str, ...] = ()
    header_line = 1
    rows: list[tuple[int, tuple[str, ...]]] = []
    fractions: set[tuple[int, int]] = set()
    for line, values in enumerate(grid, start=1):
        cells = tuple(
            cell_text(v, "%" if (line - 1, i) in percents else "") for i, v in enumerate(values)
        )
        if not any(cells):
            continue
        if not header:
            header, header_line = cells, line
            continue
        rows.append((line, cells))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(f"« {path.name} » a plus de {MAX_ROWS} lignes.")
        if suffix == ".xls":
            fractions.update((line, i) for i, v in enumerate(values) if _fraction(v))
    table = Table(
        path.name,
        header,
        tuple(rows),
        suffix[1:],
        "",
        header_line,
        sheet.name,
        frozenset(fractions),
    )
    return _checked(table)


def _fraction(value: object) -> bool:
    """A number a percentage format would show as 0 to 100 % (0 excluded: 0 % either way)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 1


def _ods_percentage_cells(data: bytes, name: str) -> frozenset[tuple[int, int]]:
    """(row, column), from 0, of the first sheet's cells typed as percentages in ``content.xml``.

    Rows and cells LibreOffice writes once with ``number-rows-repeated`` /
    ``number-columns-repeated`` count that many times (an identical run of rows is saved that
    way); covered cells of a merge take their column too. The first ``table:table`` is the sheet
    calamine reads as index 0.
    """
    import zipfile
    from xml.etree.ElementTree import ParseError, iterparse

    found: set[tuple[int, int]] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as xml:
            for row, columns, repeat in _ods_rows(iterparse(xml, events=("start", "end"))):
                if columns:
                    found.update((r, c) for r in range(row, row + repeat) for c in columns)
    except (zipfile.BadZipFile, KeyError, OSError, ParseError, ValueError) as exc:
        raise ImportFileError(
            f"« {name} » : contenu du classeur .ods abîmé, lecture impossible "
            f"[{type(exc).__name__}]."
        ) from exc
    return frozenset(found)


def _ods_rows(events: Iterator[tuple[str, Element]]) -> Iterator[tuple[int, list[int], int]]:
    """(first row, percentage columns, times repeated) for each row of the first sheet."""
    row = 0
    depth = 0  # how deep inside the first table:table (a cell may hold a sub-table)
    columns: list[int] = []
    column = 0
    for event, element in events:
        tag = element.tag
        if tag == f"{_ODS_TABLE}table":
            depth += 1 if event == "start" else -1
            if depth == 0:
                return
            continue
        if depth != 1:
            continue
        if tag == f"{_ODS_TABLE}table-row":
            if event == "start":
                columns, column = [], 0
                continue
            repeat = int(element.get(f"{_ODS_TABLE}number-rows-repeated", "1"))
            yield row, columns, min(repeat, 2 * MAX_ROWS)
            row += repeat
            element.clear()  # a sheet of 200,000 rows is read in constant memory
        elif event == "start" and tag in _ODS_CELLS:
            span = int(element.get(f"{_ODS_TABLE}number-columns-repeated", "1"))
            if element.get(f"{_ODS_OFFICE}value-type") == "percentage":
                columns.extend(range(column, column + min(span, _MAX_COLUMNS)))
            column += span


def _checked(table: Table) -> Table:
    if not any(table.header):
        raise ImportFileError(f"« {table.name} » est vide.")
    if not table.rows:
        raise ImportFileError(
            f"« {table.name} » ne contient que la ligne d'en-tête : aucune ligne à importer."
        )
    return table

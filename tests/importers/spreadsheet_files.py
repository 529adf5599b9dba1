"""Real ``.ods`` workbooks for the import tests, written by hand (no LibreOffice here).

An OpenDocument spreadsheet is a zip of XML: a ``mimetype`` entry stored first and uncompressed,
a manifest and ``content.xml`` with one ``table:table`` per sheet. Cells carry their type the way
LibreOffice saves them (``office:value-type`` with ``office:value``/``office:date-value``), so a
cell typed « 70 % » really is a percentage cell holding 0.7.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    ' manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


@dataclass(frozen=True)
class Pct:
    """A cell formatted as a percentage: ``Pct(0.7)`` shows « 70 % »."""

    value: float


@dataclass(frozen=True)
class Repeat:
    """``count`` empty cells in a row, written as one repeated cell (as LibreOffice does)."""

    count: int


Cell = str | int | float | bool | date | Pct | Repeat | None


def _cell(value: Cell) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, Repeat):
        return f'<table:table-cell table:number-columns-repeated="{value.count}"/>'
    if isinstance(value, Pct):
        shown = f"{value.value * 100:g} %"
        return (
            f'<table:table-cell office:value-type="percentage" office:value="{value.value!r}">'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )
    if isinstance(value, bool):
        flag = "true" if value else "false"
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{flag}">'
            f"<text:p>{flag.upper()}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p>'
        "</table:table-cell>"
    )


def content_xml(sheets: dict[str, list[list[Cell]]], *, blank_rows_first: int = 0) -> str:
    """The ``content.xml`` of a workbook holding ``sheets`` (name → rows), in that order."""
    tables = []
    for name, rows in sheets.items():
        body = []
        if blank_rows_first:
            body.append(
                f'<table:table-row table:number-rows-repeated="{blank_rows_first}">'
                "<table:table-cell/></table:table-row>"
            )
        body += ["<table:table-row>" + "".join(map(_cell, r)) + "</table:table-row>" for r in rows]
        # LibreOffice closes a sheet with its million empty rows as one repeated row.
        body.append(
            '<table:table-row table:number-rows-repeated="1048000">'
            '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        )
        tables.append(f"<table:table table:name={quoteattr(name)}>{''.join(body)}</table:table>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {_NAMESPACES} office:version="1.2">'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )


def write_ods(
    path: Path, sheets: dict[str, list[list[Cell]]], *, blank_rows_first: int = 0
) -> Path:
    """Write a real ``.ods`` file; ``blank_rows_first`` empty rows come before each sheet's."""
    return write_ods_xml(path, content_xml(sheets, blank_rows_first=blank_rows_first))


def write_ods_xml(path: Path, content: str) -> Path:
    """Write a ``.ods`` file around a ``content.xml`` given as text."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), _MIMETYPE)  # stored, uncompressed, first
        archive.writestr("META-INF/manifest.xml", _MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path

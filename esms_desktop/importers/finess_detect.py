"""What kind of FINESS file is this? Sniffing, and the one entry point that reads any of them.

Users pick "the FINESS file" they have: the website export, the national etalab extract, the ANS
JSON flux — or, by mistake, a spreadsheet saved as ``.xlsx`` and renamed ``.csv``, a ZIP, the
grappe template, an empty download. :func:`detect_format` recognises each from its first bytes and
answers in French with what to do instead, so a wrong file never reaches a parser (and never shows
a traceback). :func:`read_register` then hands the file to the right reader.

The byte sniffing and per-line decoding the readers share live in
:mod:`~esms_desktop.importers.finess_common`: this module imports the readers, the readers import
only that one, so the import graph has no cycle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from esms_desktop.domain.finess_register import EntrySink, FinessFileError, RegisterImport
from esms_desktop.domain.nomenclature import Nomenclature
from esms_desktop.importers.finess_common import (
    UTF8_BOM,
    Head,
    LineDecoder,
    header_key,
    is_web_header,
    separator_problem,
    sniff,
)
from esms_desktop.importers.finess_etalab import LEGAL_ENTITY_SECTION, read_etalab
from esms_desktop.importers.finess_json import read_json_flux
from esms_desktop.importers.finess_web import read_web_export
from esms_desktop.importers.progress import CancelToken, ProgressFn

FileFormat = Literal["web", "etalab", "json", "grappe"]

_EXPECTED = (
    "formats acceptés : export CSV du site FINESS, extraction « etalab » (t-finess) "
    "ou flux JSON « structures » de l'ANS"
)


# --- format detection -----------------------------------------------------------------------------


def _first_line(head: Head) -> tuple[int, str]:
    """The first non-blank line of the file and its number."""
    data = head.data.removeprefix(UTF8_BOM)
    decoder = LineDecoder()
    for number, raw in enumerate(data.split(b"\n"), start=1):
        text = decoder.decode(raw, number).strip()
        if text:
            return number, text
    return 1, ""  # unreachable: sniff refused blank files


def detect_format(path: Path | str) -> FileFormat:
    """``"web"``, ``"etalab"``, ``"json"`` or ``"grappe"``; :class:`FinessFileError` otherwise.

    The grappe template is recognised (not refused) so the interface can offer the right import.
    """
    path = Path(path)
    head = sniff(path)
    data = head.data.removeprefix(UTF8_BOM).lstrip()
    if data[:1] in (b"{", b"["):
        return "json"
    number, line = _first_line(head)
    if head.gzip:
        raise FinessFileError(
            path.name,
            0,
            "fichier compressé (gzip) qui n'est pas un flux JSON FINESS : décompressez-le d'abord.",
        )
    for sep in (";", ",", "\t"):
        keys = [header_key(c.strip('"')) for c in line.split(sep)]
        fmt = _format_of(keys)
        if fmt is None:
            continue
        if sep == ";" or fmt == "grappe":
            return fmt
        hint = separator_problem(line) or (
            f"le séparateur de colonnes semble être « {sep} » au lieu du point-virgule « ; »"
        )
        raise FinessFileError(path.name, number, hint + ".")
    shown = line if len(line) <= 60 else line[:57] + "…"
    raise FinessFileError(path.name, number, f"en-tête « {shown} » non reconnu ; {_EXPECTED}.")


def _format_of(keys: list[str]) -> FileFormat | None:
    if len(keys) >= 2 and keys[0] == "finess" and keys[1] == "etalab":
        return "etalab"
    if keys and keys[0] in ("structureet", "geolocalisation", LEGAL_ENTITY_SECTION):
        return "etalab"  # the reader refuses an extract of legal entities, saying why
    if {"ognom", "finess", "projet"} <= set(keys):
        return "grappe"
    if is_web_header(keys):
        return "web"
    return None


# --- reading -------------------------------------------------------------------------------------


def read_register(
    path: Path | str,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    *,
    nomenclature: Nomenclature | None = None,
    sink: EntrySink | None = None,
) -> RegisterImport:
    """Read any FINESS register file: detect its format, then read it with the right reader.

    With a ``sink`` (the register file being written), entries go there a batch at a time and
    the result's ``entries`` is empty: memory does not grow with the file.

    Raises :class:`FinessFileError` (French: file, line, problem) when the file cannot be read as a
    whole — nothing is imported then — and :class:`~esms_desktop.importers.progress.Cancelled`
    when ``cancel`` is set.
    """
    path = Path(path)
    fmt = detect_format(path)
    if fmt == "grappe":
        raise FinessFileError(
            path.name,
            1,
            "c'est un modèle de grappe (colonnes og_nom, finess, projet…), pas un fichier du "
            "répertoire FINESS : importez-le avec « Importer une grappe ».",
        )
    reader = {"web": read_web_export, "etalab": read_etalab, "json": read_json_flux}[fmt]
    return reader(path, progress, cancel, nomenclature=nomenclature, sink=sink)

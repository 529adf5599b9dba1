"""What every group of sub-commands shares: exit codes, the handler shape, the French parser,
``--data-dir``, opening the store, printing user-given text safely and reading a grappe
spreadsheet.

Exit codes (shared/spec/grappe-template.md): 0 eligible / done, 1 not eligible or not found,
2 bad input, 3 storage problem, 130 interrupted. Here, below the groups and below
:mod:`esms_desktop.cli` itself, so that a group never imports the package that registers it.

Every group module keeps its top-level imports light (this module, the standard library, the
small error modules): the whole parser is built for every command, ``--version`` and ``--help``
included, so the services a handler uses (and SQLAlchemy, ReportLab, openpyxl behind them) are
imported inside the handler, when that command runs (tests/test_cli_startup.py checks it).
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from esms_desktop.domain.errors import UserError

if TYPE_CHECKING:
    from decimal import Decimal

    from esms_desktop.domain.grappe import Grappe
    from esms_desktop.storage.store import Store

    Subcommands = argparse._SubParsersAction[Any]

EXIT_OK, EXIT_NOT_ELIGIBLE, EXIT_BAD_INPUT, EXIT_STORAGE = 0, 1, 2, 3
EXIT_NOT_FOUND = 1
EXIT_INTERRUPTED = 130

Handler = Callable[[argparse.Namespace, TextIO], int]
"""Every command: the parsed arguments and where to write its results; returns the exit code.
Problems are raised, and :func:`esms_desktop.cli.main` turns them into a French line and a code."""


class CliError(UserError):
    """A user-facing problem: message printed on stderr, ``code`` returned."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def say(message: str) -> None:
    """One French sentence on stderr, as every problem is reported."""
    print(f"esms-desktop : {message}", file=sys.stderr)


_HIDDEN_ORDER = (
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
)
"""Characters a terminal obeys without showing them: bidi marks, overrides and isolates (which
display a line reversed) and the Unicode line and paragraph separators."""
_C1 = range(0x80, 0xA0)
_SHOWN: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20)},  # ␀…␟: ESC shows as ␛
    0x7F: "\u2421",  # ␡
    **{code: "\ufffd" for code in _C1},
    **{ord(ch): "\ufffd" for ch in _HIDDEN_ORDER},
}
_ESCAPED_IN_JSON: dict[int, str] = {
    code: f"\\u{code:04x}" for code in (*_C1, *(ord(ch) for ch in _HIDDEN_ORDER))
}


def printable(text: object) -> str:
    """``text`` safe to print on a terminal: its control characters shown, never obeyed.

    A dossier's name comes from the user or from a received file: an escape sequence in it would
    recolour, move or clear the terminal (or worse), a bidi override would show the line reversed.
    C0 controls and DEL become their visible symbol (ESC → ␛, tab → ␉), C1 and bidi controls the
    replacement character �; every other character is kept.
    """
    return str(text).translate(_SHOWN)


def json_text(data: object) -> str:
    """``data`` as indented JSON a terminal cannot be driven by, with the values unchanged.

    ``json`` already escapes C0 controls; the C1 and bidi controls it writes raw (with
    ``ensure_ascii=False``) are escaped too (``\\u202e``), which any JSON reader decodes back.
    """
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_ESCAPED_IN_JSON)


def open_data(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """The store of ``--data-dir`` (or the default folder), as every command opens it.

    ``read_only``: the command only reads (list, export), so a data folder that cannot be written
    is opened anyway. Warnings (start-up backup skipped for lack of room, read-only folder, data
    in a synchronised folder) are logged by the store: without a log configured, as on the
    command line, Python writes them on stderr.
    """
    from esms_desktop.storage.store import open_store  # lazily: SQLAlchemy loads on use

    return open_store(getattr(args, "data_dir", None), read_only=read_only)


@contextmanager
def loading_modules() -> Iterator[None]:
    """Import a command's modules with the cyclic garbage collector paused, then set aside.

    What a command imports lives until the process exits: collecting while it loads only walks
    those objects again and again, and every later pass over the oldest generation would walk
    them once more (together some 30 ms of a 49-ESSMS PDF). So the collector waits while they
    load, and :func:`gc.freeze` then moves them out of its sight: it goes on collecting, but
    looks only at what the command itself makes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class FrenchParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        translated = (
            message.replace("the following arguments are required", "arguments obligatoires")
            .replace("unrecognized arguments", "arguments inconnus")
            .replace("invalid choice", "choix invalide")
            .replace("expected one argument", "une valeur attendue")
            .replace("not allowed with argument", "incompatible avec")
        )
        translated = re.sub(
            r"one of the arguments (.*) is required",
            r"une de ces options est obligatoire : \1",
            translated,
        )
        self.exit(EXIT_BAD_INPUT, f"esms-desktop : erreur : {translated}\n")


def data_dir_options(*, after_command: bool = True) -> argparse.ArgumentParser:
    """A parent parser holding ``--data-dir``, for the main parser or for a sub-command.

    With argparse, a sub-command parser that repeats an option of the main parser writes its
    default over the value given before the sub-command (``esms-desktop --data-dir X backup``
    would lose X). After a command the option's default is ``SUPPRESS``, so both spellings work.
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS if after_command else None,
        help="dossier des données (base, sauvegardes) à utiliser",
    )
    return parent


def add_grappe_source(p: argparse.ArgumentParser, *, campaign_file: bool = False) -> None:
    """The spreadsheet and its campaign, as ``check``, ``budget`` and ``pdf`` take them.

    ``campaign_file``: the campaign may instead be given as a file (``--campaign-file``), used
    as it is without being imported; one of the two is required, never both.
    """
    p.add_argument(
        "file", metavar="FICHIER", help="grappe au format modèle (.csv, .xlsx, .xls ou .ods)"
    )
    if not campaign_file:
        p.add_argument("--campaign", required=True, metavar="ID", help="identifiant de campagne")
        return
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--campaign", metavar="ID", help="identifiant de campagne")
    which.add_argument(
        "--campaign-file",
        type=Path,
        metavar="FICHIER.toml",
        help="fichier de campagne à utiliser sans l'importer",
    )


def campaign_file(path: Path) -> Path:
    """``path`` if it names a file, else the French refusal (the reader's own message would
    carry the system's English words for a missing file)."""
    if not path.is_file():
        raise CliError(f"Fichier de campagne introuvable : « {path} ».")
    return path


def add_grappe_options(p: argparse.ArgumentParser) -> None:
    """``--set`` and ``--skip-bad-rows``, read by :func:`overrides` and :func:`read_grappe`."""
    p.add_argument(
        "--set",
        action="append",
        metavar="NOM=MONTANT",
        help="saisir une valeur « à confirmer » (répétable)",
    )
    p.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="ignorer les lignes invalides au lieu de refuser le fichier",
    )


def overrides(pairs: Sequence[str] | None) -> dict[str, Decimal]:
    """The ``--set nom=montant`` values, by name (the last one given wins)."""
    from esms_desktop.domain.campaign import parse_override

    out: dict[str, Decimal] = {}
    for text in pairs or ():
        name, amount = parse_override(text)
        out[name] = amount
    return out


def read_grappe(path: Path, skip_bad_rows: bool = False) -> Grappe:
    """Import a grappe spreadsheet, or raise CliError listing every bad cell."""
    from esms_desktop.importers.grappe_sheet import import_grappe
    from esms_desktop.importers.tabular import ImportFileError

    try:
        result = import_grappe(path, skip_bad_rows=skip_bad_rows)
    except ImportFileError as exc:
        raise CliError(str(exc)) from exc
    for notice in result.notices:
        print(f"Remarque : {notice}", file=sys.stderr)
    if result.grappe is None:
        lines = [f"{path.name} : {len(result.errors)} erreur(s), rien n'a été importé :"]
        lines += [f"  - {e.message}" for e in result.errors]
        lines.append(
            "Corrigez le fichier, ou relancez avec --skip-bad-rows pour ignorer ces lignes."
        )
        raise CliError("\n".join(lines))
    return result.grappe

"""What every group of sub-commands shares: exit codes, the handler shape, the French parser,
``--data-dir`` and reading a grappe spreadsheet.

Exit codes (shared/spec/grappe-template.md): 0 eligible / done, 1 not eligible or not found,
2 bad input, 3 storage problem, 130 interrupted. Here, below the groups and below
:mod:`esms_desktop.cli` itself, so that a group never imports the package that registers it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from esms_desktop.domain.campaign import parse_override
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.grappe import Grappe

if TYPE_CHECKING:
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


class FrenchParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        translated = (
            message.replace("the following arguments are required", "arguments obligatoires")
            .replace("unrecognized arguments", "arguments inconnus")
            .replace("invalid choice", "choix invalide")
            .replace("expected one argument", "une valeur attendue")
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


def add_grappe_source(p: argparse.ArgumentParser) -> None:
    """The spreadsheet and its campaign, as ``check``, ``budget`` and ``pdf`` take them."""
    p.add_argument("file", metavar="FICHIER", help="grappe au format modèle (.csv ou .xlsx)")
    p.add_argument("--campaign", required=True, metavar="ID", help="identifiant de campagne")


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

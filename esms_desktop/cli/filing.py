"""``dossier tableau ID -o FICHIER.xlsx|FICHIER.csv``: the table for the online filing.

One row per ESSMS (FINESS, name, category, OG, project type, amount) and a summary a director
copies field by field into GALIS / « PAI numérique » (:mod:`esms_desktop.services.filing`).
Exit 0 written, 2 a wrong number or format, 3 a file or store problem.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from esms_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_STORAGE,
    CliError,
    data_dir_options,
)
from esms_desktop.cli.store import dossier_actions

if TYPE_CHECKING:
    from esms_desktop.cli.common import Subcommands
    from esms_desktop.domain.dossier import Dossier


def _stored_dossier(args: argparse.Namespace) -> Dossier:
    """The dossier ``args.id`` of the store, opened read-only; a wrong number is exit 2."""
    from esms_desktop.services.dossiers import open_dossier
    from esms_desktop.storage.errors import NotFoundError, StoreError
    from esms_desktop.storage.store import open_store

    try:
        with open_store(getattr(args, "data_dir", None)) as store:
            loaded = open_dossier(store.uow(read_only=True), args.id)
        return loaded.usable("impossible d'en écrire le tableau")
    except NotFoundError as exc:  # a wrong number is the user's input, not the store's fault
        raise CliError(getattr(exc, "message", str(exc)), EXIT_BAD_INPUT) from exc
    except StoreError as exc:
        raise CliError(getattr(exc, "message", str(exc)), EXIT_STORAGE) from exc


def cmd_dossier_table(args: argparse.Namespace, out: TextIO) -> int:
    """Write the table of a stored dossier; a dossier to repair is refused (exit 2)."""
    from esms_desktop.services.filing import FilingWriteError, describe, export_filing_table

    dossier = _stored_dossier(args)
    try:
        result = export_filing_table(dossier, args.output)
    except FilingWriteError as exc:
        raise CliError(exc.message, EXIT_STORAGE) from exc
    out.write(describe(result) + "\n")
    return EXIT_OK


def register(subparsers: Subcommands) -> None:
    """Add ``dossier tableau`` (after :func:`esms_desktop.cli.store.register`)."""
    p = dossier_actions(subparsers).add_parser(
        "tableau",
        help="écrire le tableau des ESSMS et des montants pour le dépôt en ligne (XLSX ou CSV)",
        parents=[data_dir_options()],
    )
    p.add_argument("id", type=int, metavar="NUMERO", help="numéro du dossier")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FICHIER.xlsx|FICHIER.csv",
        help="tableau à écrire : .xlsx (deux feuilles) ou .csv (point-virgule, UTF-8)",
    )
    p.set_defaults(handler=cmd_dossier_table)

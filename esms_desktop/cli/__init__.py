"""Command line over the same services as the GUI (installers and scripts use it).

Exit codes (shared/spec/grappe-template.md): 0 eligible / done, 1 not eligible or not found,
2 bad input, 3 storage problem. Every error is one French sentence on stderr, never a traceback.

Each group of sub-commands is a module with a ``register(subparsers)`` function, registered here
in the order ``--help`` lists them; every handler takes ``(args, out)`` and returns the exit code.
Handlers raise; :data:`ERRORS`, the one table of what each error means to the user, is applied
here by :func:`dispatch`, so a group never re-states how a storage or input problem is reported.

Building the parser imports no service: each handler imports what it uses when it runs (see
:mod:`esms_desktop.cli.common`), so ``--version`` loads neither SQLAlchemy nor ReportLab, and
``check`` loads the importer and the engine only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from esms_desktop import __version__
from esms_desktop.cli import campaigns, check, filing, finess, follow_up, reports, store
from esms_desktop.cli.campaigns import cmd_campaigns
from esms_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_NOT_ELIGIBLE,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_STORAGE,
    CliError,
    FrenchParser,
    Handler,
    data_dir_options,
    say,
)

if TYPE_CHECKING:
    from esms_desktop.storage.errors import DatabaseCorruptError

__all__ = [
    "ERRORS",
    "EXIT_BAD_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_ELIGIBLE",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_STORAGE",
    "CliError",
    "Handler",
    "build_parser",
    "cmd_campaigns",
    "dispatch",
    "main",
]


def _corrupt(exc: DatabaseCorruptError) -> tuple[int, list[str]]:
    hint = ["Pour la restaurer : esms-desktop restore --latest"] if exc.backup is not None else []
    return EXIT_STORAGE, [exc.message, *hint]


Explain = Callable[[Any], tuple[int, list[str]]]

ERRORS: tuple[tuple[str, Explain], ...] = (
    ("esms_desktop.cli.common.CliError", lambda e: (e.code, [str(e)])),
    ("esms_desktop.storage.errors.DatabaseCorruptError", _corrupt),
    ("esms_desktop.storage.errors.StoreError", lambda e: (EXIT_STORAGE, [e.message])),
    (
        "esms_desktop.services.finess_lookup.RegisterNotLoadedError",
        lambda e: (EXIT_NOT_FOUND, [f"{e.message} Commande : esms-desktop finess import FICHIER"]),
    ),
    (
        "esms_desktop.services.finess_lookup.FinessLookupError",
        lambda e: (EXIT_BAD_INPUT, [e.message]),
    ),
    ("esms_desktop.services.exchange.ExchangeFileError", lambda e: (EXIT_BAD_INPUT, [e.message])),
    ("esms_desktop.services.dossiers.DossierInputError", lambda e: (EXIT_BAD_INPUT, [e.message])),
    ("esms_desktop.domain.campaign.CampaignError", lambda e: (EXIT_BAD_INPUT, [str(e)])),
    ("esms_desktop.reports.writer.ReportWriteError", lambda e: (EXIT_STORAGE, [str(e)])),
    ("esms_desktop.domain.errors.UserError", lambda e: (EXIT_BAD_INPUT, [e.message])),
)
"""Error (``module.Class``) → (exit code, French lines on stderr), first match wins: a subclass
before its base. Every error here is a :class:`UserError`; the last line is the one for those not
listed (bad input, their message). Anything else is a bug, not the user's: :func:`dispatch` logs
it and says so in one line. Named rather than imported so that the table loads no service."""


def _error_class(name: str) -> type[BaseException] | None:
    """The class ``name`` if its module is loaded, else None: an exception can only be an
    instance of a class whose module has run, so a module not loaded has nothing to match."""
    module, _, attribute = name.rpartition(".")
    found = getattr(sys.modules.get(module), attribute, None)
    return found if isinstance(found, type) and issubclass(found, BaseException) else None


def dispatch(handler: Handler, args: argparse.Namespace, out: TextIO) -> int:
    """Run one command; what it raises becomes French lines on stderr and an exit code."""
    try:
        return handler(args, out)
    except Exception as exc:
        for name, explain in ERRORS:
            error = _error_class(name)
            if error is not None and isinstance(exc, error):
                code, lines = explain(exc)
                for line in lines:
                    say(line)
                return code
        return _unexpected(exc, args)


def _unexpected(exc: Exception, args: argparse.Namespace) -> int:
    """One French line, the traceback in the log (when a log can be written)."""
    from esms_desktop import crash_log
    from esms_desktop.paths import data_paths

    try:
        logs: Path | None = data_paths(getattr(args, "data_dir", None)).logs
    except Exception:  # no user folder at all: still say what happened
        logs = None
    print(crash_log.cli_error_line(exc, logs), file=sys.stderr)
    return EXIT_STORAGE


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchParser(
        prog="esms-desktop",
        description="Préparer une candidature ESMS numérique : grappe, éligibilité, budget, "
        "dossier PDF.",
        parents=[data_dir_options(after_command=False)],
    )
    parser.add_argument("--version", action="version", version=f"esms-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchParser)

    # ``cmd_campaigns`` is read here, at build time: tests stand a failing handler in for it.
    campaigns.register(sub, cmd_campaigns)
    check.register(sub)
    store.register(sub)
    finess.register(sub)  # adds to the store's ``dossier`` group
    reports.register(sub)  # likewise
    filing.register(sub)  # likewise: ``dossier tableau``
    follow_up.register(sub)  # likewise: ``dossier phase|versement|seuil|indicateurs|suivi``
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(out)
        return EXIT_OK
    from esms_desktop.paths import data_paths
    from esms_desktop.services import catalog

    # The user's campaigns (imported, created) are those of the data folder the command names.
    catalog.use_data_folder(data_paths(getattr(args, "data_dir", None)).campaigns)
    return dispatch(handler, args, out)

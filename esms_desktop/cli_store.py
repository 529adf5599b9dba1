"""Command-line sub-commands over the store: dossiers, exchange files, backups, restore.

``esms_desktop.cli`` calls :func:`register`; every handler takes the parsed ``argparse.Namespace``
and returns the exit code (0 done, 2 bad input, 3 storage problem: shared/spec/grappe-template.md),
printing results on stdout and one French sentence per problem on stderr — never a traceback.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from esms_desktop.domain.campaign import CampaignError
from esms_desktop.domain.grappe import Grappe
from esms_desktop.services import dossiers as dossier_service
from esms_desktop.services import exchange
from esms_desktop.services.dossiers import DossierInputError
from esms_desktop.services.formatting import format_eur
from esms_desktop.storage.errors import DatabaseCorruptError, StoreError
from esms_desktop.storage.store import Store, open_store

EXIT_OK, EXIT_BAD_INPUT, EXIT_STORAGE = 0, 2, 3
Handler = Callable[[argparse.Namespace], int]


class _InputError(Exception):
    """A French message about the user's input (exit 2)."""


def _say(message: str) -> None:
    print(f"esms-desktop : {message}", file=sys.stderr)


def _guarded(handler: Handler) -> Handler:
    """Turn typed errors into a French message and an exit code."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except DatabaseCorruptError as exc:
            _say(exc.message)
            if exc.backup is not None:
                _say("Pour la restaurer : esms-desktop restore --latest")
            return EXIT_STORAGE
        except StoreError as exc:
            _say(exc.message)
            return EXIT_STORAGE
        except (exchange.ExchangeFileError, DossierInputError) as exc:
            _say(exc.message)
            return EXIT_BAD_INPUT
        except (CampaignError, _InputError) as exc:
            _say(str(exc))
            return EXIT_BAD_INPUT

    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run


def _open(args: argparse.Namespace) -> Store:
    return open_store(getattr(args, "data_dir", None))


def _check_campaign(campaign_id: str) -> None:
    """Refuse an unknown campaign identifier with the list of known ones (when available)."""
    from esms_desktop.services import catalog  # lazily: the campaign files load on use

    catalog.campaign(campaign_id)


def _grappe_from(path: Path) -> Grappe:
    """The grappe of a spreadsheet in the template format; every bad cell is reported."""
    try:
        from esms_desktop.importers.grappe_sheet import import_grappe
    except ModuleNotFoundError as exc:  # pragma: no cover - until the importer is there
        raise _InputError("L'import de tableur n'est pas disponible dans cette version.") from exc
    result = import_grappe(path)
    errors = list(getattr(result, "errors", ()) or ())
    if errors:
        details = "\n".join(f"  - {getattr(e, 'message', e)}" for e in errors)
        raise _InputError(
            f"Le fichier « {path} » contient {len(errors)} erreur(s) ; aucun dossier créé :\n"
            f"{details}"
        )
    return result.grappe


@_guarded
def cmd_dossier_new(args: argparse.Namespace) -> int:
    """``dossier new --name N --campaign ID [--from FILE]``: prints the new dossier's id."""
    _check_campaign(args.campaign)
    source: Path | None = args.source
    with _open(args) as store:
        if source is not None and source.suffix.casefold() in (".esms", ".json"):
            new_id = exchange.import_as_new(
                store.uow(), source, name=args.name, campaign_id=args.campaign
            )
        else:
            grappe = _grappe_from(source) if source is not None else None
            new_id = dossier_service.create_dossier(store.uow(), args.name, args.campaign, grappe)
    print(new_id)
    return EXIT_OK


def _total(store: Store, summary: dossier_service.DossierSummary) -> Decimal | None:
    """The dossier's budget total (the sum of known lines), ``None`` if it cannot be computed."""
    total = getattr(summary, "total", None)
    if total is not None:
        return Decimal(total)
    from esms_desktop.services.assessment import assess  # lazily: loads the campaign files

    dossier = dossier_service.load_dossier(store.uow(read_only=True), summary.id)
    try:
        return assess(dossier.grappe, dossier.campaign_id, dossier.overrides).total
    except (CampaignError, ValueError):  # unknown campaign, value missing: no total to show
        return None


def _missing_count(store: Store, summary: dossier_service.DossierSummary) -> int | None:
    """How many items the ARS still needs for this dossier, ``None`` if it cannot be judged."""
    from esms_desktop.services.export import dossier_missing  # lazily: loads the campaign files

    dossier = dossier_service.load_dossier(store.uow(read_only=True), summary.id)
    try:
        return len(dossier_missing(dossier))
    except (CampaignError, ValueError):
        return None


def _summary_dict(
    summary: dossier_service.DossierSummary, total: Decimal | None, missing: int | None = None
) -> dict[str, Any]:
    return {
        "id": summary.id,
        "name": summary.name,
        "campaign": summary.campaign_id,
        "establishments": summary.establishment_count,
        "total_eur": None if total is None else float(total),
        "updated": None if summary.updated is None else summary.updated.isoformat(),
        "complete": None if missing is None else missing == 0,
        "missing_count": missing,
    }


@_guarded
def cmd_dossier_list(args: argparse.Namespace) -> int:
    """``dossier list [--json]``: id, name, campaign, number of ESSMS, total."""
    with _open(args) as store:
        summaries = dossier_service.list_dossiers(store.uow(read_only=True))
        totals = [_total(store, s) for s in summaries]
        missing = [_missing_count(store, s) for s in summaries]
    rows = [_summary_dict(s, t, m) for s, t, m in zip(summaries, totals, missing, strict=True)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("Aucun dossier.")
        return EXIT_OK
    for row, amount in zip(rows, totals, strict=True):
        total = "" if amount is None else f"  {format_eur(amount)}"
        n = row["missing_count"]
        state = "" if n is None else ("  complet" if n == 0 else f"  incomplet ({n} manquant(s))")
        print(
            f"{row['id']:>4}  {row['name']}  [{row['campaign']}]  "
            f"{row['establishments']} ESSMS{total}{state}"
        )
    return EXIT_OK


@_guarded
def cmd_dossier_export(args: argparse.Namespace) -> int:
    """``dossier export ID -o FILE.esms``."""
    with _open(args) as store:
        written = exchange.export_dossier(store.uow(read_only=True), args.id, args.output)
    print(written)
    return EXIT_OK


@_guarded
def cmd_dossier_import(args: argparse.Namespace) -> int:
    """``dossier import FILE.esms [--into ID] [--prefer ours|theirs]``."""
    with _open(args) as store:
        if args.into is None:
            new_id = exchange.import_as_new(store.uow(), args.file)
            print(new_id)
            return EXIT_OK
        report = exchange.merge_into(store.uow(), args.into, args.file, default=args.prefer)
    print(report.summary())
    return EXIT_OK


@_guarded
def cmd_backup(args: argparse.Namespace) -> int:
    """``backup``: prints the backup file (nothing to do without any dossier)."""
    with _open(args) as store:
        path = store.backup("manuelle")
    if path is None:
        print("Aucun dossier : rien à sauvegarder.")
    else:
        print(path)
    return EXIT_OK


@_guarded
def cmd_restore(args: argparse.Namespace) -> int:
    """``restore (--latest | FILE)``: a damaged current database is set aside first."""
    try:
        store = _open(args)
    except DatabaseCorruptError as exc:
        _say(exc.message)
        store = _open(args)  # the damaged file is now aside: start from an empty database
    with store:
        source = None if args.latest else args.file
        result = store.restore(source)
    print(f"Sauvegarde restaurée : {result.restored_from}")
    if result.previous_backup is not None:
        print(f"Les données remplacées ont été sauvegardées dans : {result.previous_backup}")
    return EXIT_OK


def _suppressed_copies(parent: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """A parent parser with ``parent``'s options but no defaults.

    With argparse, a sub-command parser that repeats an option of the main parser writes its
    default over the value given before the sub-command (``esms-desktop --data-dir X backup``
    would lose X). Copies of the options with ``SUPPRESS`` defaults keep both spellings working.
    """
    clone = argparse.ArgumentParser(add_help=False)
    for action in parent._actions:  # argparse has no public accessor
        if isinstance(action, argparse._HelpAction):
            continue
        twin = copy.copy(action)
        twin.default = argparse.SUPPRESS
        clone._add_action(twin)
    return clone


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``dossier {new,list,export,import}``, ``backup`` and ``restore`` to the CLI."""
    common = _suppressed_copies(common_parent)

    dossier = subparsers.add_parser(
        "dossier", help="gérer les dossiers de candidature enregistrés", parents=[common]
    )
    dossier_sub = dossier.add_subparsers(dest="dossier_command", metavar="ACTION", required=True)

    p = dossier_sub.add_parser(
        "new", help="créer un dossier (affiche son numéro)", parents=[common]
    )
    p.add_argument("--name", required=True, metavar="NOM", help="nom du dossier")
    p.add_argument("--campaign", required=True, metavar="ID", help="identifiant de campagne")
    p.add_argument(
        "--from",
        dest="source",
        type=Path,
        default=None,
        metavar="FICHIER",
        help="grappe de départ : tableur au format modèle (.csv, .xlsx) ou fichier .esms",
    )
    p.set_defaults(handler=cmd_dossier_new)

    p = dossier_sub.add_parser("list", help="lister les dossiers", parents=[common])
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(handler=cmd_dossier_list)

    p = dossier_sub.add_parser(
        "export", help="exporter un dossier dans un fichier .esms", parents=[common]
    )
    p.add_argument("id", type=int, metavar="NUMERO", help="numéro du dossier")
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FICHIER", help="fichier .esms à écrire"
    )
    p.set_defaults(handler=cmd_dossier_export)

    p = dossier_sub.add_parser(
        "import",
        help="importer un fichier .esms (nouveau dossier, ou fusion par FINESS avec --into)",
        parents=[common],
    )
    p.add_argument("file", type=Path, metavar="FICHIER", help="fichier .esms")
    p.add_argument(
        "--into", type=int, default=None, metavar="NUMERO", help="fusionner dans ce dossier"
    )
    p.add_argument(
        "--prefer",
        choices=("ours", "theirs"),
        default="ours",
        help="en cas de conflit : garder nos valeurs (ours, par défaut) ou les leurs (theirs)",
    )
    p.set_defaults(handler=cmd_dossier_import)

    p = subparsers.add_parser("backup", help="sauvegarder la base maintenant", parents=[common])
    p.set_defaults(handler=cmd_backup)

    p = subparsers.add_parser(
        "restore", help="restaurer une sauvegarde de la base", parents=[common]
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--latest", action="store_true", help="la sauvegarde valide la plus récente")
    which.add_argument(
        "file", nargs="?", type=Path, metavar="FICHIER", help="fichier de sauvegarde"
    )
    p.set_defaults(handler=cmd_restore)

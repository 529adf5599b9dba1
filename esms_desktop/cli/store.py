"""``dossier {new,list,export,import}``, ``backup`` and ``restore``: the dossiers kept in the store.

Results on ``out`` (a dossier's number, a file written); problems are raised and reported by
:func:`esms_desktop.cli.main` (2 bad input, 3 storage problem — shared/spec/grappe-template.md).
User-given text (names, campaigns, merge reports) goes through :func:`printable`: a name holding
terminal escape codes is shown, never obeyed. ``dossier list`` and ``dossier export`` only read,
so they also work on a full disk or a read-only data folder (with a warning on stderr).
The ``dossier`` group registered here is completed by :mod:`esms_desktop.cli.finess`
(``add-finess``, ``add-ej``) and :mod:`esms_desktop.cli.reports` (``pdf``).
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from esms_desktop.cli.common import (
    EXIT_OK,
    CliError,
    data_dir_options,
    json_text,
    open_data,
    printable,
    say,
)

if TYPE_CHECKING:
    from esms_desktop.cli.common import Subcommands
    from esms_desktop.domain.grappe import Grappe
    from esms_desktop.services import dossiers as dossier_service
    from esms_desktop.storage.backups import BackupSummary
    from esms_desktop.storage.store import Store

DOSSIER = "dossier"
"""The group of sub-commands about one stored dossier."""


def _open(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    return open_data(args, read_only=read_only)


def _check_campaign(campaign_id: str) -> None:
    """Refuse an unknown campaign identifier with the list of known ones (when available)."""
    from esms_desktop.services import catalog  # lazily: the campaign files load on use

    catalog.campaign(campaign_id)


def _grappe_from(path: Path) -> Grappe:
    """The grappe of a spreadsheet in the template format; every bad cell is reported."""
    # Looked up at call time: tests stand a fake importer in for this module.
    from esms_desktop.importers.grappe_sheet import import_grappe

    result = import_grappe(path)
    errors = list(getattr(result, "errors", ()) or ())
    if errors:
        details = "\n".join(f"  - {getattr(e, 'message', e)}" for e in errors)
        raise CliError(
            f"Le fichier « {path} » contient {len(errors)} erreur(s) ; aucun dossier créé :\n"
            f"{details}"
        )
    if result.grappe is None:  # no error and no grappe: an empty file
        raise CliError(f"Le fichier « {path} » ne contient aucune ligne ; aucun dossier créé.")
    return result.grappe


def cmd_dossier_new(args: argparse.Namespace, out: TextIO) -> int:
    """``dossier new --name N --campaign ID [--from FILE]``: prints the new dossier's id."""
    from esms_desktop.services import dossiers as dossier_service
    from esms_desktop.services import exchange

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
    out.write(f"{new_id}\n")
    return EXIT_OK


def _total(store: Store, summary: dossier_service.DossierSummary) -> Decimal | None:
    """The dossier's budget total (the sum of known lines), ``None`` if it cannot be computed."""
    from esms_desktop.domain.campaign import CampaignError
    from esms_desktop.services import dossiers as dossier_service

    if summary.problems:  # values no door lets in: nothing is computed over them
        return None
    total = getattr(summary, "total", None)
    if total is not None:
        return Decimal(total)
    from esms_desktop.services.assessment import assess_dossier  # lazily: loads the campaign files

    dossier = dossier_service.load_dossier(store.uow(read_only=True), summary.id)
    try:
        return assess_dossier(dossier).total
    except (CampaignError, ValueError):  # unknown campaign, value missing: no total to show
        return None


def _missing_count(store: Store, summary: dossier_service.DossierSummary) -> int | None:
    """How many items the ARS still needs for this dossier, ``None`` if it cannot be judged."""
    from esms_desktop.domain.campaign import CampaignError
    from esms_desktop.services import dossiers as dossier_service
    from esms_desktop.services.grappe_dossier import dossier_missing

    if summary.problems:
        return None

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
        "to_repair": bool(summary.problems),
        "problems": [str(p) for p in summary.problems],
    }


def cmd_dossier_list(args: argparse.Namespace, out: TextIO) -> int:
    """``dossier list [--json]``: id, name, campaign, number of ESSMS, total."""
    from esms_desktop.domain.formatting import format_eur
    from esms_desktop.services import dossiers as dossier_service

    with _open(args, read_only=True) as store:
        summaries = dossier_service.list_dossiers(store.uow(read_only=True))
        totals = [_total(store, s) for s in summaries]
        missing = [_missing_count(store, s) for s in summaries]
    rows = [_summary_dict(s, t, m) for s, t, m in zip(summaries, totals, missing, strict=True)]
    if args.json:
        out.write(json_text(rows) + "\n")
        return EXIT_OK
    if not rows:
        out.write("Aucun dossier.\n")
        return EXIT_OK
    for row, amount in zip(rows, totals, strict=True):
        total = "" if amount is None else f"  {format_eur(amount)}"
        n = row["missing_count"]
        state = "" if n is None else ("  complet" if n == 0 else f"  incomplet ({n} manquant(s))")
        if row["to_repair"]:
            state = f"  à réparer ({len(row['problems'])} valeur(s) hors limites)"
        out.write(
            f"{row['id']:>4}  {printable(row['name'])}  [{printable(row['campaign'])}]  "
            f"{row['establishments']} ESSMS{total}{state}\n"
        )
    return EXIT_OK


def cmd_dossier_export(args: argparse.Namespace, out: TextIO) -> int:
    """``dossier export ID -o FILE.esms``."""
    from esms_desktop.services import exchange

    with _open(args, read_only=True) as store:
        written = exchange.export_dossier(store.uow(read_only=True), args.id, args.output)
    out.write(f"{written}\n")
    return EXIT_OK


def cmd_dossier_import(args: argparse.Namespace, out: TextIO) -> int:
    """``dossier import FILE.esms [--into ID] [--prefer ours|theirs] [--copie] [--avenant]``.

    Into a filed dossier, only the file's indicators are merged (the output says what was left
    out) unless ``--avenant``: the grappe is then merged too and recorded as an amendment.

    A file whose dossier is already in this folder is refused unless ``--copie`` is given: a
    second identical dossier made silently is how the window once filled the home list.
    """
    from esms_desktop.services import exchange

    with _open(args) as store:
        if args.into is None:
            as_copy = bool(getattr(args, "copie", False))  # absent from a Namespace built by hand
            if not as_copy:
                _refuse_if_already_here(store, args.file)
            new_id = exchange.import_as_new(store.uow(), args.file, as_copy=as_copy)
            out.write(f"{new_id}\n")
            return EXIT_OK
        amendment = bool(getattr(args, "avenant", False))  # absent from a Namespace built by hand
        report = exchange.merge_into(
            store.uow(), args.into, args.file, default=args.prefer, amendment=amendment
        )
    out.write(f"{printable(report.summary())}\n")
    if report.grappe_withheld:
        out.write(
            "Pour fusionner aussi la grappe et l'enregistrer comme avenant, relancez avec "
            "--avenant.\n"
        )
    return EXIT_OK


def _refuse_if_already_here(store: Store, path: Path) -> None:
    from esms_desktop.services import exchange

    incoming = exchange.examine_incoming(store.uow(read_only=True), path)
    if incoming.content.dossier is None or incoming.best is None:
        return
    match = incoming.best
    raise CliError(
        f"Le dossier du fichier « {path} » est déjà ici : dossier n° {match.dossier_id} "
        f"« {printable(match.name)} »"
        + (" (identique)" if match.identical else "")
        + f". Fusionnez-le avec --into {match.dossier_id}, ou importez-le quand même comme "
        "nouveau dossier avec --copie."
    )


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    """``backup [--vers FICHIER]``: prints the backup file (nothing to do without any dossier).

    ``--vers`` writes it where the user says (a USB key), even with no dossier: the file was
    asked for; it is the copy the window's « Enregistrer une sauvegarde sous… » writes.
    """
    target = getattr(args, "vers", None)  # absent from a Namespace built by hand
    if target is not None:
        with _open(args, read_only=True) as store:
            path: Path | None = store.save_backup_as(target)
        out.write(f"{printable(path)}\n")
        return EXIT_OK
    with _open(args) as store:
        path = store.backup("manuelle")
    if path is None:
        out.write("Aucun dossier : rien à sauvegarder.\n")
    else:
        out.write(f"{path}\n")
    return EXIT_OK


def restoring_line(summary: BackupSummary) -> str:
    """What is about to be restored, in one French line: when, how many dossiers and ESSMS."""
    when = (
        "de date inconnue" if summary.taken is None else f"du {summary.taken:%d/%m/%Y à %H:%M:%S}"
    )
    dossiers = f"{summary.dossiers} dossier{'s' if summary.dossiers > 1 else ''}"
    return (
        f"Restauration de la sauvegarde {when} : {dossiers}, {summary.establishments} ESSMS "
        f"(« {printable(summary.path)} »)."
    )


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    """``restore (--latest | FILE)``: a damaged current database is set aside first.

    ``--latest`` is the newest valid backup other than the one this command took on opening
    (that one holds the very data being replaced). What is restored is said before restoring it.
    """
    from esms_desktop.storage.errors import DatabaseCorruptError

    try:
        store = _open(args)
    except DatabaseCorruptError as exc:
        say(exc.message)
        store = _open(args)  # the damaged file is now aside: start from an empty database
    with store:
        source = store.latest_backup() if args.latest else args.file
        if source is not None:  # none at all: restore() says there is nothing to restore
            out.write(restoring_line(store.describe(source)) + "\n")
            out.flush()
        result = store.restore(source)
    out.write(f"Sauvegarde restaurée : {printable(result.restored_from)}\n")
    if result.previous_backup is not None:
        out.write(
            "Les données remplacées ont été sauvegardées dans : "
            f"{printable(result.previous_backup)}\n"
        )
    return EXIT_OK


def dossier_actions(subparsers: Subcommands) -> Subcommands:
    """The sub-commands of the ``dossier`` group, for the groups that add to it.

    argparse offers no public way to reach a sub-parser's own sub-commands; we look for its
    ``_SubParsersAction`` among its actions. :func:`register` must have run first.
    """
    dossier = subparsers.choices[DOSSIER]
    for action in dossier._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError(f"le groupe « {DOSSIER} » n'a pas de sous-commandes")


def register(subparsers: Subcommands) -> None:
    """Add ``dossier {new,list,export,import}``, ``backup`` and ``restore`` to the CLI."""
    common = data_dir_options()

    dossier = subparsers.add_parser(
        DOSSIER, help="gérer les dossiers de candidature enregistrés", parents=[common]
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
        help="grappe de départ : tableur modèle (.csv, .xlsx, .xls, .ods) ou fichier .esms",
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
    p.add_argument(
        "--avenant",
        action="store_true",
        help="candidature déposée : fusionner aussi la grappe et l'enregistrer comme avenant",
    )
    p.add_argument(
        "--copie",
        action="store_true",
        help="créer un nouveau dossier « (copie) » même si celui du fichier est déjà ici",
    )
    p.set_defaults(handler=cmd_dossier_import)

    p = subparsers.add_parser("backup", help="sauvegarder la base maintenant", parents=[common])
    p.add_argument(
        "--vers",
        type=Path,
        default=None,
        metavar="FICHIER",
        help="écrire la sauvegarde dans ce fichier (clé USB, Documents) plutôt que dans "
        "sauvegardes/ ; « restore FICHIER » la restaure",
    )
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

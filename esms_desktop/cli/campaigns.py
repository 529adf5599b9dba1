"""``campaigns`` and ``campaign {export,check,import}``: the campaigns a user can budget with.

The shipped campaigns and those of the data folder (``campagnes/``, see
:mod:`esms_desktop.services.campaign_library`): listed with the file each comes from, a file
checked before it is shared or imported, a campaign exported to hand to others. Every campaign
file goes through :func:`~esms_desktop.domain.campaign.load_campaign`, so ``campaign check``,
``campaign import`` and ``check|budget --campaign-file`` refuse a file with the same French
message (file, line, key), exit 2, and nothing already imported changes.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from esms_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    CliError,
    Handler,
    campaign_file,
    data_dir_options,
    json_text,
    printable,
    say,
)

if TYPE_CHECKING:
    from esms_desktop.cli.common import Subcommands
    from esms_desktop.domain.campaign import Campaign
    from esms_desktop.services.campaign_library import CampaignEntry, CampaignLibrary


def _library() -> CampaignLibrary:
    """The campaigns of the data folder; the catalog is imported here, on use, as every group
    imports its services (see :mod:`esms_desktop.cli.common`)."""
    from esms_desktop.services import catalog

    return catalog.library()


def _origin(entry: CampaignEntry) -> str:
    """The origin as ``campaigns`` shows it: « programme », else « utilisateur »."""
    return "programme" if entry.shipped else "utilisateur"


def _missing(campaign: Campaign) -> str:
    count = len(campaign.missing_values)
    return f"{count} montant(s) à confirmer" if count else "montants complets"


def _entry_dict(entry: CampaignEntry) -> dict[str, Any]:
    c = entry.campaign
    return {
        "id": c.id,
        "title": c.title,
        "kind": c.kind,
        "year": c.year,
        "missing_values": [v.name for v in c.missing_values],
        "origin": _origin(entry),
        "file": str(entry.path.absolute()),
        "fingerprint": c.fingerprint,
    }


def cmd_campaigns(args: argparse.Namespace, out: TextIO) -> int:
    """``campaigns [--json]``: the programme's campaigns then the user's, with their file.

    A file of the user's folder that cannot be read is named on stderr (one French line each)
    and left out; the others are listed and the exit code stays 0.
    """
    library = _library()
    entries = list(library.entries().values())
    for problem in library.problems:
        text = " ".join(str(problem).split())
        say(printable(f"campagne de l'utilisateur ignorée ({library.user_folder}) : {text}"))
    if args.json:
        out.write(json_text([_entry_dict(e) for e in entries]) + "\n")
        return EXIT_OK
    width = max((len(e.id) for e in entries), default=0)
    for e in entries:
        columns = f"{e.id:<{width}}  {_origin(e):<11}  {_missing(e.campaign):<24}  "
        out.write(printable(columns + e.campaign.title) + "\n")
    return EXIT_OK


def cmd_campaign_export(args: argparse.Namespace, out: TextIO) -> int:
    """``campaign export ID -o FICHIER.toml``: the campaign's file, byte for byte."""
    output: Path = args.output
    _library().export(args.id, output)
    out.write(printable(f"Campagne « {args.id} » exportée : {output.absolute()}") + "\n")
    return EXIT_OK


def cmd_campaign_check(args: argparse.Namespace, out: TextIO) -> int:
    """``campaign check FICHIER.toml``: 0 and what the file still lacks, or 2 and why not."""
    from esms_desktop.domain.campaign import load_campaign

    campaign = load_campaign(campaign_file(args.file))
    out.write(
        printable(
            f"Campagne valide : {campaign.id} — {campaign.title} (empreinte {campaign.fingerprint})"
        )
        + "\n"
    )
    missing = campaign.missing_values
    if missing:
        out.write(f"Montants à renseigner ({len(missing)}) :\n")
        for v in missing:
            provisional = "" if v.fallback is None else " (montant provisoire prévu)"
            out.write(printable(f"  - {v.name} : {v.label}{provisional}") + "\n")
    else:
        out.write("Tous les montants sont renseignés.\n")
    for note in _import_notes(campaign):
        out.write(printable(f"Remarque : {note}") + "\n")
    return EXIT_OK


def _import_notes(campaign: Campaign) -> list[str]:
    """What would stop ``campaign import`` from taking a valid file (``--campaign-file`` still
    uses it as it is)."""
    from esms_desktop.domain.campaign import CampaignError
    from esms_desktop.services.campaign_library import check_id

    try:
        check_id(campaign.id)
    except CampaignError as err:
        return [f"{err} L'import le refusera."]
    known = _library().entries().get(campaign.id)
    if known is None:
        return []
    if known.shipped:
        return [
            f"« {campaign.id} » est l'identifiant d'une campagne du programme : changez la clé id "
            "avant de l'importer."
        ]
    return [f"une campagne « {campaign.id} » est déjà importée : l'import demandera --remplacer."]


def cmd_campaign_import(args: argparse.Namespace, out: TextIO) -> int:
    """``campaign import FICHIER.toml [--remplacer]``: copied into the data folder's campagnes/."""
    from esms_desktop.services.campaign_library import CampaignExistsError

    try:
        entry = _library().import_file(campaign_file(args.file), replace=args.replace)
    except CampaignExistsError as exc:
        data_dir = getattr(args, "data_dir", None)
        where = "" if data_dir is None else f"--data-dir {data_dir} "
        raise CliError(
            printable(
                f"{exc} Pour la remplacer : esms-desktop {where}campaign import {args.file} "
                "--remplacer"
            ),
            EXIT_BAD_INPUT,
        ) from exc
    out.write(
        printable(
            f"Campagne importée : {entry.id} — {entry.campaign.title}, enregistrée dans "
            f"{entry.path.absolute()}"
        )
        + "\n"
    )
    return EXIT_OK


def register(subparsers: Subcommands, list_handler: Handler = cmd_campaigns) -> None:
    """Add ``campaigns`` and the ``campaign`` group.

    ``list_handler`` is the ``campaigns`` handler, given by :func:`esms_desktop.cli.build_parser`
    (which re-exports it as ``cmd_campaigns``).
    """
    common = data_dir_options()
    p = subparsers.add_parser(
        "campaigns", help="lister les campagnes (appels à projets) connues", parents=[common]
    )
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(handler=list_handler)

    group = subparsers.add_parser(
        "campaign",
        help="exporter, vérifier ou importer un fichier de campagne (.toml)",
        parents=[common],
    )
    actions = group.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)

    p = actions.add_parser(
        "export", help="écrire le fichier d'une campagne, pour le partager", parents=[common]
    )
    p.add_argument("id", metavar="ID", help="identifiant de la campagne")
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FICHIER.toml", help="fichier à écrire"
    )
    p.set_defaults(handler=cmd_campaign_export)

    p = actions.add_parser(
        "check", help="vérifier un fichier de campagne (0 valide, 2 invalide)", parents=[common]
    )
    p.add_argument("file", type=Path, metavar="FICHIER.toml", help="fichier de campagne")
    p.set_defaults(handler=cmd_campaign_check)

    p = actions.add_parser(
        "import",
        help="ajouter un fichier de campagne aux campagnes de l'utilisateur",
        parents=[common],
    )
    p.add_argument("file", type=Path, metavar="FICHIER.toml", help="fichier de campagne")
    p.add_argument(
        "--remplacer",
        dest="replace",
        action="store_true",
        help="remplacer la campagne de même identifiant déjà importée",
    )
    p.set_defaults(handler=cmd_campaign_import)

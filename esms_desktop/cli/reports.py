"""``pdf``, ``form``, ``dossier pdf|lettre|convention``: the commands that print documents.

Each writes one line per file written on ``out``; problems are raised and reported by
:func:`esms_desktop.cli.main` as one French sentence and an exit code (0 written, 2 bad input,
3 file or store problem), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from esms_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_STORAGE,
    CliError,
    add_grappe_options,
    add_grappe_source,
    data_dir_options,
    loading_modules,
    overrides,
    read_grappe,
)
from esms_desktop.cli.store import dossier_actions

if TYPE_CHECKING:
    from esms_desktop.cli.common import Subcommands
    from esms_desktop.domain.dossier import Dossier
    from esms_desktop.services.export import ExportResult


def _report(result: ExportResult, out: TextIO) -> None:
    from esms_desktop.domain.formatting import format_eur

    total = format_eur(result.total)
    if not result.complete:
        total += " (incomplet : montants à renseigner)"
    verdict = "éligible" if result.eligible else "NON éligible"
    out.write(
        f"Dossier PDF écrit : {result.path} — {result.pages} pages, total {total}, "
        f"projet {verdict} (empreinte {result.fingerprint})\n"
    )
    if not result.eligible:
        print(
            "Attention : le projet n'est pas éligible à cette campagne ; le PDF liste les points "
            "bloquants à lever.",
            file=sys.stderr,
        )


def _export(dossier: Dossier, output: Path, out: TextIO) -> int:
    from esms_desktop.domain.autodiagnostic import QuestionnaireError
    from esms_desktop.services.export import export_candidature_pdf  # ReportLab loads here

    try:
        result = export_candidature_pdf(dossier, output)
    except QuestionnaireError as exc:  # a broken questionnaire file: say so, no traceback
        raise CliError(str(exc), EXIT_BAD_INPUT) from exc
    _report(result, out)
    return EXIT_OK


def cmd_pdf(args: argparse.Namespace, out: TextIO) -> int:
    """``pdf GRAPPE_FILE --campaign ID -o OUT.pdf [--set nom=montant]... [--skip-bad-rows]``."""
    from dataclasses import replace

    with loading_modules():  # every module this command runs on, ReportLab included
        from esms_desktop.importers.grappe_sheet import import_grappe  # noqa: F401  (read_grappe)
        from esms_desktop.services import catalog
        from esms_desktop.services.export import export_candidature_pdf  # noqa: F401  (_export)
        from esms_desktop.services.grappe_dossier import dossier_from_grappe

    catalog.campaign(args.campaign)  # unknown campaign: French error before reading the file
    grappe = read_grappe(Path(args.file), args.skip_bad_rows)
    dossier = dossier_from_grappe(grappe, args.campaign, args.name)
    values = overrides(args.set)
    if values:
        dossier = replace(dossier, overrides=values)
    return _export(dossier, args.output, out)


def cmd_form(args: argparse.Namespace, out: TextIO) -> int:
    """``form -o OUT.pdf [--campaign ID]``: the blank partner form."""
    from esms_desktop.services.export import export_partner_form

    result = export_partner_form(args.output, campaign_id=args.campaign)
    out.write(f"Fiche partenaire écrite : {result.path} — {result.pages} pages\n")
    return EXIT_OK


def cmd_dossier_pdf(args: argparse.Namespace, out: TextIO) -> int:
    """``dossier pdf ID -o OUT.pdf``: the dossier as stored (its own overrides and answers).

    A dossier with problems (values no door lets in) is not printed: the refusal lists them
    (:class:`~esms_desktop.services.dossiers.DossierToRepairError`, exit 2).
    """
    return _export(_stored_dossier(args), args.output, out)


def _stored_dossier(args: argparse.Namespace) -> Dossier:
    """The dossier ``args.id`` of the store, opened read-only; a wrong number is exit 2."""
    from esms_desktop.services.dossiers import open_dossier
    from esms_desktop.storage.errors import NotFoundError, StoreError
    from esms_desktop.storage.store import open_store

    try:
        with open_store(getattr(args, "data_dir", None)) as store:
            loaded = open_dossier(store.uow(read_only=True), args.id)
        dossier = loaded.usable("impossible de l'imprimer")
    except NotFoundError as exc:  # here a wrong number is the user's input, not the store's fault
        raise CliError(getattr(exc, "message", str(exc)), EXIT_BAD_INPUT) from exc
    except StoreError as exc:
        raise CliError(getattr(exc, "message", str(exc)), EXIT_STORAGE) from exc
    return dossier


def cmd_dossier_letter(args: argparse.Namespace, out: TextIO) -> int:
    """``dossier lettre ID -o OUT.pdf``: the porteur's lettre d'engagement."""
    from esms_desktop.services.export import export_letter_pdf

    result = export_letter_pdf(_stored_dossier(args), args.output)
    state = "" if result.final else " (à compléter : marquée « PROJET — non finalisé »)"
    out.write(f"Lettre d'engagement écrite : {result.path} — {result.pages} pages{state}\n")
    return EXIT_OK


def cmd_dossier_convention(args: argparse.Namespace, out: TextIO) -> int:
    """``dossier convention ID -o OUT.pdf``: the prefilled convention de grappe."""
    from esms_desktop.services.export import export_convention_pdf

    result = export_convention_pdf(_stored_dossier(args), args.output)
    state = "" if result.final else " (à compléter : marquée « PROJET — non finalisé »)"
    out.write(f"Convention de grappe écrite : {result.path} — {result.pages} pages{state}\n")
    return EXIT_OK


def _output_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FICHIER.pdf", help="PDF à écrire"
    )


def register(subparsers: Subcommands) -> None:
    """Add ``pdf``, ``form`` and ``dossier pdf`` (after :func:`esms_desktop.cli.store.register`)."""
    p = subparsers.add_parser(
        "pdf", help="imprimer le dossier de candidature (PDF) d'une grappe (tableur)"
    )
    add_grappe_source(p)
    _output_argument(p)
    p.add_argument("--name", default=None, metavar="NOM", help="nom du dossier imprimé")
    add_grappe_options(p)
    p.set_defaults(handler=cmd_pdf)

    p = subparsers.add_parser("form", help="imprimer la fiche partenaire vierge (PDF)")
    _output_argument(p)
    p.add_argument(
        "--campaign", default=None, metavar="ID", help="campagne rappelée en tête (facultatif)"
    )
    p.set_defaults(handler=cmd_form)

    p = dossier_actions(subparsers).add_parser(
        "pdf",
        help="imprimer le dossier de candidature (PDF) d'un dossier enregistré",
        parents=[data_dir_options()],
    )
    p.add_argument("id", type=int, metavar="NUMERO", help="numéro du dossier")
    _output_argument(p)
    p.set_defaults(handler=cmd_dossier_pdf)

    for name, help_text, handler in (
        ("lettre", "imprimer la lettre d'engagement du porteur (PDF)", cmd_dossier_letter),
        ("convention", "imprimer la convention de grappe préremplie (PDF)", cmd_dossier_convention),
    ):
        p = dossier_actions(subparsers).add_parser(
            name, help=help_text, parents=[data_dir_options()]
        )
        p.add_argument("id", type=int, metavar="NUMERO", help="numéro du dossier")
        _output_argument(p)
        p.set_defaults(handler=handler)

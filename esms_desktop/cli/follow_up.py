"""``dossier phase|versement|seuil|indicateurs|suivi``: a funded project to its last payment.

``dossier phase ID deposer|retenu|non-retenu|deploiement|solder`` moves the dossier on
(``retenu --date D --montant M``: the convention signed), ``dossier versement ID --tranche N
--montant M --date D`` records a tranche received, ``dossier seuil ID --indicateur X --valeur
N`` enters a target's threshold from the convention, ``dossier indicateurs ID --import FICHIER``
imports the usage indicators of a spreadsheet (every problem listed, nothing imported from a
bad file), ``dossier suivi ID -o FICHIER.pdf [--etat-versements FICHIER2.pdf]`` writes the
« Rapport d'atteinte des cibles d'usage » and the payment statement per OG.

The same services as the window (:mod:`esms_desktop.services.follow_up`), imported when the
command runs. Exit codes as the other commands: 0 done, 2 bad input or a step the rules refuse
(a wrong number, a tranche not received before « solder »), 3 a file or store problem.
"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from esms_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    CliError,
    data_dir_options,
    open_data,
    printable,
)
from esms_desktop.cli.store import dossier_actions

if TYPE_CHECKING:
    from esms_desktop.cli.common import Subcommands
    from esms_desktop.domain.dossier import Dossier

PHASES = ("deposer", "retenu", "non-retenu", "deploiement", "solder")


def day(text: str) -> date:
    """A date typed « 2026-03-31 » or « 31/03/2026 » (argparse type)."""
    value = text.strip()
    try:
        if "/" in value:
            d, m, y = value.split("/")
            return date(int(y), int(m), int(d))
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date illisible « {printable(text)} » : jj/mm/aaaa ou aaaa-mm-jj attendu"
        ) from None


def amount(text: str) -> Decimal:
    """An amount in euros (« 150000 », « 150 000,50 ») (argparse type)."""
    from esms_desktop.domain.parsing import parse_money

    parsed = parse_money(text)
    if not parsed.ok or parsed.value is None:
        raise argparse.ArgumentTypeError(
            f"montant illisible « {printable(text)} » : {parsed.problem or 'montant attendu'}"
        )
    return Decimal(parsed.value)


def _wrong_number(exc: Exception) -> CliError:
    return CliError(getattr(exc, "message", str(exc)), EXIT_BAD_INPUT)


def _phase_line(dossier: Dossier) -> str:
    return (
        f"Dossier n° {dossier.id} « {printable(dossier.name)} » : {dossier.follow_up.phase.label}."
    )


def cmd_phase(args: argparse.Namespace, out: TextIO) -> int:
    """Move the dossier to the phase ``args.action`` names."""
    from esms_desktop.services import follow_up
    from esms_desktop.storage.errors import NotFoundError

    action: str = args.action
    if action == "retenu" and (args.date is None or args.montant is None):
        raise CliError("« retenu » demande --date (signature de la convention) et --montant.")
    with open_data(args) as store:
        try:
            if action == "deposer":
                done = follow_up.file_candidature(
                    store.uow(), args.id, args.date or date.today(), pdf=args.pdf
                )
            elif action == "retenu":
                done = follow_up.record_convention(
                    store.uow(), args.id, args.date, args.montant, args.reference or ""
                )
            elif action == "non-retenu":
                done = follow_up.record_not_retained(store.uow(), args.id)
            elif action == "deploiement":
                done = follow_up.start_deployment(store.uow(), args.id)
            else:
                done = follow_up.close_project(store.uow(), args.id)
        except NotFoundError as exc:
            raise _wrong_number(exc) from exc
    out.write(_phase_line(done) + "\n")
    return EXIT_OK


def cmd_payment(args: argparse.Namespace, out: TextIO) -> int:
    """Record tranche ``--tranche`` received."""
    from esms_desktop.domain.formatting import format_eur
    from esms_desktop.services import follow_up
    from esms_desktop.storage.errors import NotFoundError

    with open_data(args) as store:
        try:
            done = follow_up.record_payment(
                store.uow(), args.id, args.tranche, args.montant, args.date
            )
        except NotFoundError as exc:
            raise _wrong_number(exc) from exc
    tranche = done.follow_up.tranches[args.tranche - 1]
    out.write(
        f"Tranche {args.tranche} « {printable(tranche.label)} » reçue : "
        f"{format_eur(args.montant)} le {args.date.strftime('%d/%m/%Y')}.\n"
    )
    return EXIT_OK


def cmd_indicators(args: argparse.Namespace, out: TextIO) -> int:
    """Import the indicator values of a spreadsheet."""
    from esms_desktop.services import follow_up
    from esms_desktop.storage.errors import NotFoundError

    with open_data(args) as store:
        try:
            report = follow_up.import_indicators(
                store.uow(), args.id, args.source, replace=args.remplacer
            )
        except NotFoundError as exc:
            raise _wrong_number(exc) from exc
    out.write(printable(report.summary) + "\n")
    return EXIT_OK


def cmd_threshold(args: argparse.Namespace, out: TextIO) -> int:
    """Enter a target's threshold from the signed convention."""
    from esms_desktop.domain.usage_threshold import PERCENT, UsageThreshold
    from esms_desktop.services import follow_up
    from esms_desktop.storage.errors import NotFoundError

    try:
        threshold = UsageThreshold(args.valeur, args.unite or PERCENT, args.periode or "")
    except ValueError as exc:
        raise CliError(f"Seuil refusé : {exc}.") from exc
    with open_data(args) as store:
        try:
            done = follow_up.confirm_threshold(store.uow(), args.id, args.indicateur, threshold)
        except NotFoundError as exc:
            raise _wrong_number(exc) from exc
    named = follow_up.target_named(done, args.indicateur)
    out.write(f"Seuil enregistré : {printable(named)} ≥ {threshold.amount} {threshold.unit}.\n")
    return EXIT_OK


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    """Write the usage report (and the payment statement when asked)."""
    from esms_desktop.services import follow_up
    from esms_desktop.services.dossiers import open_dossier
    from esms_desktop.storage.errors import NotFoundError

    with open_data(args, read_only=True) as store:
        try:
            loaded = open_dossier(store.uow(read_only=True), args.id)
        except NotFoundError as exc:
            raise _wrong_number(exc) from exc
    dossier = loaded.usable("impossible d'en écrire le rapport de suivi")
    written = follow_up.write_usage_report(dossier, args.output)
    out.write(f"{written}\n")
    if args.statement is not None:
        out.write(f"{follow_up.write_payment_statement(dossier, args.statement)}\n")
    return EXIT_OK


def register(subparsers: Subcommands) -> None:
    """Add ``dossier phase``, ``versement``, ``indicateurs`` and ``suivi`` (after the store's
    :func:`esms_desktop.cli.store.register`)."""
    actions = dossier_actions(subparsers)
    common = data_dir_options()

    p = actions.add_parser(
        "phase",
        help="faire avancer le dossier : déposé, retenu (convention), déploiement, soldé",
        parents=[common],
    )
    p.add_argument("id", type=int, metavar="NUMERO", help="numéro du dossier")
    p.add_argument("action", choices=PHASES, metavar="|".join(PHASES), help="étape suivante")
    p.add_argument("--date", type=day, help="date du dépôt ou de la signature de la convention")
    p.add_argument("--montant", type=amount, help="montant accordé par la convention (retenu)")
    p.add_argument("--reference", help="référence de la convention (retenu)")
    p.add_argument(
        "--pdf", type=Path, metavar="FICHIER.pdf", help="écrire aussi le PDF déposé (deposer)"
    )
    p.set_defaults(handler=cmd_phase)

    p = actions.add_parser(
        "versement", help="enregistrer une tranche reçue de l'ARS", parents=[common]
    )
    p.add_argument("id", type=int, metavar="NUMERO", help="numéro du dossier")
    p.add_argument("--tranche", type=int, required=True, metavar="N", help="1 = la première")
    p.add_argument("--montant", type=amount, required=True, help="montant reçu")
    p.add_argument("--date", type=day, required=True, help="date de réception")
    p.set_defaults(handler=cmd_payment)

    p = actions.add_parser(
        "indicateurs",
        help="importer les indicateurs d'usage d'un tableur (une ligne par ESSMS et période)",
        parents=[common],
    )
    p.add_argument("id", type=int, metavar="NUMERO", help="numéro du dossier")
    p.add_argument(
        "--import",
        dest="source",
        type=Path,
        required=True,
        metavar="FICHIER.csv|.xlsx",
        help="colonnes FINESS, Période, Indicateur, Valeur (Dénominateur, Source)",
    )
    p.add_argument(
        "--remplacer",
        action="store_true",
        help="remplacer les valeurs déjà saisies pour le même ESSMS, indicateur et période",
    )
    p.set_defaults(handler=cmd_indicators)

    p = actions.add_parser(
        "seuil", help="saisir le seuil d'une cible d'usage lu dans la convention", parents=[common]
    )
    p.add_argument("id", type=int, metavar="NUMERO", help="numéro du dossier")
    p.add_argument(
        "--indicateur", required=True, help="la cible (son libellé, ou « INS », « DMP »…)"
    )
    p.add_argument("--valeur", type=Decimal, required=True, help="le seuil (ex. 50 pour 50 %%)")
    p.add_argument("--unite", help="ce qui est compté, pour un nombre (défaut : %%)")
    p.add_argument("--periode", help="période d'un nombre : mois, trimestre, an")
    p.set_defaults(handler=cmd_threshold)

    p = actions.add_parser(
        "suivi",
        help="écrire le rapport d'atteinte des cibles d'usage (PDF) et l'état des versements",
        parents=[common],
    )
    p.add_argument("id", type=int, metavar="NUMERO", help="numéro du dossier")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER.pdf")
    p.add_argument(
        "--etat-versements",
        dest="statement",
        type=Path,
        metavar="FICHIER2.pdf",
        help="écrire aussi l'état des versements par OG",
    )
    p.set_defaults(handler=cmd_report)

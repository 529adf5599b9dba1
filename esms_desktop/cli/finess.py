"""``finess {import,status,lookup,search,partenaires}`` over the offline FINESS register, and
filling dossiers from it.

``finess import FICHIER`` loads a register file into the store; ``finess lookup``, ``finess search``
and ``finess status`` read it; ``finess partenaires`` lists the OGs that could complete a grappe;
``dossier add-finess`` and ``dossier add-ej`` (added to the store's ``dossier`` group) put
establishments found there into a saved dossier. Scripts rely on the exit
codes: 0 done, 1 not found (or not everything found), 2 bad input, 3 storage problem, 130
interrupted — and every problem is a French sentence on stderr, never a traceback
(:func:`esms_desktop.cli.main` reports what the handlers raise).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from esms_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_OK,
    CliError,
    data_dir_options,
    json_text,
    printable,
    say,
)
from esms_desktop.cli.store import dossier_actions

if TYPE_CHECKING:
    from esms_desktop.cli.common import Subcommands
    from esms_desktop.domain.dossier import Dossier
    from esms_desktop.domain.finess_register import ImportIssue, RegisterEntry
    from esms_desktop.services.finess_lookup import AddReport
    from esms_desktop.services.partner_search import PartnerSearch
    from esms_desktop.storage.store import Store

ISSUES_SHOWN = 100
"""Row problems printed after an import unless ``--all-issues`` (a national file may have many)."""
SEARCH_LIMIT = 50
"""``finess search``'s default ``--limit``: ``finess_lookup.DEFAULT_SEARCH_LIMIT`` written out, so
that building the parser does not import the look-up service (tests/test_cli_startup.py checks
that the two agree)."""
SECTORS = ("PA", "PH", "DOMICILE", "PE", "AHI", "PJM", "SPECIFIQUE", "AUTRE")
"""``--secteur``'s choices: the values of ``domain.nomenclature.Sector`` written out, for the
same reason (tests/test_cli_finess_partners.py checks that they agree)."""


def _open(args: argparse.Namespace) -> Store:
    from esms_desktop.storage.store import open_store

    return open_store(getattr(args, "data_dir", None))


def entry_dict(entry: RegisterEntry) -> dict[str, Any]:
    """The JSON shape of one establishment (French keys, as in the rest of the CLI's output)."""
    return {
        "finess": entry.finess,
        "nom": entry.name,
        "nom_long": entry.long_name,
        "categorie": entry.category,
        "libelle_categorie": entry.category_label,
        "capacite": entry.capacity,
        "finess_ej": entry.finess_ej,
        "siret": entry.siret,
        "statut_juridique": entry.legal_status_label,
        "adresse": entry.address,
        "code_postal": entry.postal_code,
        "commune": entry.town,
        "departement": entry.department,
        "ouverture": entry.opened.isoformat() if entry.opened else None,
        "ferme": entry.closed,
        "fermeture": entry.closed_on.isoformat() if entry.closed_on else None,
        "source": entry.source,
    }


def _not_found(store: Store, what: str) -> str:
    """« <what> absent… » completed with why it may be missing: no register loaded at all, or
    which file was loaded (an ESAT-only export knows no EHPAD)."""
    from esms_desktop.services import finess_lookup

    info = finess_lookup.status(store.uow(read_only=True))
    if info is None:
        return (
            f"{what} : aucun répertoire FINESS n'est chargé (esms-desktop finess import FICHIER)."
        )
    return (
        f"{what} dans le répertoire chargé (« {info.file} », "
        f"{finess_lookup.format_count(info.count)} établissements)."
    )


def _print_issues(issues: tuple[ImportIssue, ...], show_all: bool) -> None:
    from esms_desktop.services.finess_lookup import format_count

    shown = issues if show_all else issues[:ISSUES_SHOWN]
    for issue in shown:
        print(f"  - [{issue.severity.value}] {issue.text}", file=sys.stderr)
    hidden = len(issues) - len(shown)
    if hidden:
        print(
            f"  … et {format_count(hidden)} autre(s) remarque(s) (--all-issues pour tout voir).",
            file=sys.stderr,
        )


def cmd_finess_import(args: argparse.Namespace, out: TextIO) -> int:
    """``finess import FICHIER``: replace the look-up table by this register file."""
    from esms_desktop.domain.finess_register import FinessFileError
    from esms_desktop.importers.progress import Cancelled
    from esms_desktop.services import finess_lookup

    path: Path = args.file
    try:
        with _open(args) as store:
            result = finess_lookup.load_register(store.uow(), path)
    except FinessFileError as exc:
        say(exc.message)
        if exc.issues:
            _print_issues(exc.issues, args.all_issues)
        return EXIT_BAD_INPUT
    except (Cancelled, KeyboardInterrupt):
        say(f"Import de « {path.name} » interrompu : rien n'a été importé.")
        return EXIT_INTERRUPTED
    out.write(result.summary + "\n")
    if result.issues:
        print(
            f"{len(result.errors)} ligne(s) refusée(s), {len(result.warnings)} remarque(s) :",
            file=sys.stderr,
        )
        _print_issues(result.issues, args.all_issues)
    return EXIT_OK


def cmd_finess_status(args: argparse.Namespace, out: TextIO) -> int:
    """``finess status [--json]``: which register file is loaded."""
    from esms_desktop.services import finess_lookup

    with _open(args) as store:
        info = finess_lookup.status(store.uow(read_only=True))
    if args.json:
        data = (
            None
            if info is None
            else {
                "fichier": info.file,
                "format": info.source,
                "charge_le": info.loaded_at.isoformat(),
                "etablissements": info.count,
                "lignes_refusees": info.rejected,
            }
        )
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK if info is not None else EXIT_NOT_FOUND
    if info is None:
        out.write("Aucun répertoire FINESS chargé (esms-desktop finess import FICHIER).\n")
        return EXIT_NOT_FOUND
    when = info.loaded_at.astimezone().strftime("%d/%m/%Y %H:%M")
    out.write(
        f"Répertoire FINESS : « {info.file} » (format {info.source}), "
        f"{finess_lookup.format_count(info.count)} établissements, chargé le {when}.\n"
    )
    return EXIT_OK


def _describe(entry: RegisterEntry) -> list[str]:
    closed = "oui" + (f" (le {entry.closed_on:%d/%m/%Y})" if entry.closed_on else "")
    capacity = "non indiquée" if entry.capacity is None else str(entry.capacity)
    rows = [
        ("FINESS", entry.finess),
        ("Nom", entry.name),
        ("Nom long", entry.long_name if entry.long_name != entry.name else ""),
        ("Catégorie", f"{entry.category} {entry.category_label}".strip()),
        ("Capacité", capacity),
        ("FINESS juridique", entry.finess_ej),
        ("SIRET", entry.siret),
        ("Statut", entry.legal_status_label),
        ("Adresse", entry.address),
        ("Commune", f"{entry.postal_code} {entry.town}".strip()),
        ("Ouverture", f"{entry.opened:%d/%m/%Y}" if entry.opened else ""),
        ("Fermé", closed if entry.closed else "non"),
    ]
    return [f"{label:<17}: {value}" for label, value in rows if value]


def cmd_finess_lookup(args: argparse.Namespace, out: TextIO) -> int:
    """``finess lookup NUMERO [--json]``: exit 1 when absent, 2 when the number is invalid."""
    from esms_desktop.services import finess_lookup

    with _open(args) as store:
        entry = finess_lookup.lookup(store.uow(read_only=True), args.number)
        if entry is None:
            number = finess_lookup.valid_finess(args.number)
            say(_not_found(store, f"FINESS {number} introuvable"))
            return EXIT_NOT_FOUND
    if args.json:
        out.write(json.dumps(entry_dict(entry), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write("\n".join(_describe(entry)) + "\n")
    return EXIT_OK


def cmd_finess_search(args: argparse.Namespace, out: TextIO) -> int:
    """``finess search TEXTE [--json] [--limit N]``: exit 1 when nothing matches."""
    from esms_desktop.services import finess_lookup

    text = " ".join(args.text)
    if args.limit < 1:
        raise finess_lookup.FinessLookupError(
            f"--limit doit être un nombre positif (reçu {args.limit})."
        )
    with _open(args) as store:
        found = finess_lookup.search(store.uow(read_only=True), text, args.limit)
        if not found:
            say(_not_found(store, f"Aucun établissement trouvé pour « {text} »"))
            if args.json:
                out.write("[]\n")
            return EXIT_NOT_FOUND
    if args.json:
        out.write(json.dumps([entry_dict(e) for e in found], ensure_ascii=False, indent=2) + "\n")
    else:
        for e in found:
            mark = "  [fermé]" if e.closed else ""
            place = f"{e.postal_code} {e.town}".strip()
            out.write(f"{e.finess}  {e.category:<3}  {e.name[:50]:<50}  {place}{mark}\n")
    return EXIT_OK


def _partner_filters(args: argparse.Namespace) -> Any:
    """The ``PartnerFilters`` of ``--rayon``, ``--secteur`` and ``--petits``."""
    from esms_desktop.domain.nomenclature import Sector
    from esms_desktop.domain.partner_search import PartnerFilters

    radius: float | None = args.rayon
    if radius is not None and not radius > 0:
        raise CliError(f"--rayon doit être un nombre de kilomètres positif (reçu {radius:g}).")
    return PartnerFilters(
        sectors=frozenset(Sector(s) for s in args.secteur or ()),
        small=True if args.petits else None,
        max_distance_km=radius,
    )


def _km(distance: float | None) -> str:
    return "—" if distance is None else f"{distance:.1f} km".replace(".", ",")


def _partner_table(found: PartnerSearch, out: TextIO) -> None:
    """The readable form: one line per OG (name, department, ESSMS brought, size, distance)."""
    from esms_desktop.services.finess_lookup import format_count

    departments = ", ".join(sorted(found.departments))
    count = len(found.candidates)
    out.write(
        f"Partenaires possibles pour « {printable(found.origin_label)} » "
        f"(départements {departments} ; campagne {found.campaign.id}) : "
        f"{format_count(count)} OG.\n"
    )
    if not count:
        return
    out.write(
        f"{'FINESS EJ':<9}  {'Nom':<50}  {'Dép.':<4}  {'ESSMS':>5}  {'Petit OG':<8}  Distance\n"
    )
    for c in found.candidates:
        small = "oui" if c.is_small else "non"
        out.write(
            f"{c.finess_ej:<9}  {printable(c.name)[:50]:<50}  {c.og.department:<4}  "
            f"{c.eligible_count:>5}  {small:<8}  {_km(c.distance_km)}\n"
        )
    if not found.register_has_locations:
        out.write(
            "Distances inconnues : le répertoire chargé ne donne pas de coordonnées "
            "(l'extraction etalab géolocalisée les donne).\n"
        )


def cmd_finess_partners(args: argparse.Namespace, out: TextIO) -> int:
    """``finess partenaires (--ej FINESS_EJ | --departement NN) [--campagne ID] [--rayon KM]
    [--secteur S]… [--petits] [--json]``: exit 1 when no OG is found."""
    from esms_desktop.services import partner_search

    filters = _partner_filters(args)
    with _open(args) as store:
        try:
            found = partner_search.search(
                store.uow(read_only=True),
                finess_ej=args.ej or "",
                department=args.departement or "",
                campaign_id=args.campagne,
                filters=filters,
            )
        except partner_search.UnknownLegalEntityError as exc:
            say(exc.message)
            return EXIT_NOT_FOUND
    if args.json:
        out.write(json_text(partner_search.candidates_json(found)) + "\n")
    else:
        _partner_table(found, out)
    return EXIT_OK if found.candidates else EXIT_NOT_FOUND


def _report(report: AddReport, out: TextIO) -> int:
    for line in report.lines():
        out.write(line + "\n")
    for line in report.problems():
        say(line)
    if report.invalid:
        return EXIT_BAD_INPUT
    return EXIT_OK if report.complete else EXIT_NOT_FOUND


def _unless_filed(store: Store, args: argparse.Namespace) -> Dossier | None:
    """The dossier before the addition when its candidature is filed and ``--avenant`` was
    given (the addition is then recorded as an amendment); ``None`` when it is not filed.
    A filed dossier without ``--avenant`` is refused: adding ESSMS changes its grappe."""
    from esms_desktop.domain.follow_up_edits import candidature_locked
    from esms_desktop.services import dossiers

    dossier = dossiers.load_dossier(store.uow(read_only=True), args.id)
    if not candidature_locked(dossier):
        return None
    if not getattr(args, "avenant", False):  # absent from a Namespace built by hand
        raise dossiers.FiledCandidatureError(
            dossier.name, ["ESSMS ajoutés depuis le répertoire FINESS (relancez avec --avenant)"]
        )
    return dossier


def _record_amendment(store: Store, before: Dossier | None) -> None:
    """Record what the addition changed of the filed ``before`` as an amendment (with its
    journal line), when it changed anything."""
    if before is None or before.id is None:
        return
    from datetime import date

    from esms_desktop.domain.follow_up_edits import amend, amendment_needed
    from esms_desktop.services import dossiers

    after = dossiers.load_dossier(store.uow(read_only=True), before.id)
    if amendment_needed(before, after):
        dossiers.save_dossier(store.uow(), amend(before, after, date.today()), after)


def cmd_dossier_add_finess(args: argparse.Namespace, out: TextIO) -> int:
    """``dossier add-finess ID NUMERO… [--og N]``: 0 all added (or there), 1 some not found or
    closed, 2 some invalid — the others are added in every case."""
    from esms_desktop.services import finess_lookup

    og_index = None if args.og is None else args.og - 1
    if og_index is not None and og_index < 0:
        raise finess_lookup.FinessLookupError(
            f"--og doit être un numéro d'OG à partir de 1 (reçu {args.og})."
        )
    with _open(args) as store:
        before = _unless_filed(store, args)
        report = finess_lookup.add_by_finess(store.uow(), args.id, args.numbers, og_index)
        _record_amendment(store, before)
    return _report(report, out)


def cmd_dossier_add_ej(args: argparse.Namespace, out: TextIO) -> int:
    """``dossier add-ej ID FINESS_EJ``: the open establishments of one legal entity as one OG."""
    from esms_desktop.services import finess_lookup

    with _open(args) as store:
        before = _unless_filed(store, args)
        report = finess_lookup.add_by_ej(store.uow(), args.id, args.finess_ej)
        _record_amendment(store, before)
    if report.unknown:
        say(
            f"Aucun établissement de l'entité juridique {report.unknown[0]} dans le répertoire "
            "FINESS chargé : rien n'a été ajouté."
        )
        return EXIT_NOT_FOUND
    return _report(report, out)


_AVENANT_HELP = "candidature déposée : enregistrer l'ajout comme avenant"


def register(subparsers: Subcommands) -> None:
    """Add ``finess {import,status,lookup,search,partenaires}`` and ``dossier
    {add-finess,add-ej}``."""
    common = data_dir_options()
    finess = subparsers.add_parser(
        "finess",
        help="répertoire FINESS hors ligne : charger un fichier, chercher un établissement",
        parents=[common],
    )
    actions = finess.add_subparsers(dest="finess_command", metavar="ACTION", required=True)

    p = actions.add_parser(
        "import",
        help="charger un fichier du répertoire (remplace le précédent)",
        parents=[common],
    )
    p.add_argument(
        "file",
        type=Path,
        metavar="FICHIER",
        help="export CSV du site FINESS, extraction etalab (t-finess) ou flux JSON de l'ANS",
    )
    p.add_argument(
        "--all-issues",
        action="store_true",
        help=f"afficher toutes les remarques (sinon les {ISSUES_SHOWN} premières)",
    )
    p.set_defaults(handler=cmd_finess_import)

    p = actions.add_parser("status", help="quel fichier du répertoire est chargé", parents=[common])
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(handler=cmd_finess_status)

    p = actions.add_parser(
        "lookup", help="afficher un établissement par son numéro FINESS", parents=[common]
    )
    p.add_argument("number", metavar="NUMERO", help="numéro FINESS géographique (9 caractères)")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(handler=cmd_finess_lookup)

    p = actions.add_parser(
        "search",
        help="chercher par nom, commune ou début de numéro FINESS (accents ignorés)",
        parents=[common],
    )
    p.add_argument("text", nargs="+", metavar="TEXTE", help="mots cherchés (tous doivent figurer)")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.add_argument(
        "--limit",
        type=int,
        default=SEARCH_LIMIT,
        metavar="N",
        help=f"nombre maximal de résultats ({SEARCH_LIMIT} par défaut)",
    )
    p.set_defaults(handler=cmd_finess_search)

    p = actions.add_parser(
        "partenaires",
        help="OG du répertoire qui pourraient compléter une grappe (département et voisins)",
        parents=[common],
    )
    origin = p.add_mutually_exclusive_group(required=True)
    origin.add_argument("--ej", metavar="FINESS_EJ", help="FINESS juridique du porteur")
    origin.add_argument("--departement", metavar="NN", help="chercher autour d'un département")
    p.add_argument(
        "--campagne",
        metavar="ID",
        help="campagne visée (par défaut : le dernier appel régional)",
    )
    p.add_argument("--rayon", type=float, metavar="KM", help="distance maximale en kilomètres")
    p.add_argument(
        "--secteur",
        action="append",
        choices=SECTORS,
        help="garder les OG apportant un ESSMS de ce secteur (répétable)",
    )
    p.add_argument("--petits", action="store_true", help="petits OG seulement (moins de 15 ESSMS)")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(handler=cmd_finess_partners)

    dossier_sub = dossier_actions(subparsers)
    p = dossier_sub.add_parser(
        "add-finess",
        help="ajouter des ESSMS au dossier par leur numéro FINESS (répertoire chargé)",
        parents=[common],
    )
    p.add_argument("id", type=int, metavar="NUMERO", help="numéro du dossier")
    p.add_argument("numbers", nargs="+", metavar="FINESS", help="numéros FINESS géographiques")
    p.add_argument(
        "--og",
        type=int,
        default=None,
        metavar="N",
        help="mettre les ESSMS dans le N-ième OG du dossier (sinon : l'OG de leur FINESS "
        "juridique, créé s'il manque)",
    )
    p.add_argument("--avenant", action="store_true", help=_AVENANT_HELP)
    p.set_defaults(handler=cmd_dossier_add_finess)

    p = dossier_sub.add_parser(
        "add-ej",
        help="ajouter tous les ESSMS ouverts d'une entité juridique (un OG)",
        parents=[common],
    )
    p.add_argument("id", type=int, metavar="NUMERO", help="numéro du dossier")
    p.add_argument("finess_ej", metavar="FINESS_EJ", help="numéro FINESS juridique")
    p.add_argument("--avenant", action="store_true", help=_AVENANT_HELP)
    p.set_defaults(handler=cmd_dossier_add_ej)

"""Command line over the same services as the GUI (installers and scripts use it).

Exit codes (shared/spec/grappe-template.md): 0 eligible / done, 1 not eligible, 2 bad input,
3 storage problem. Every error is one French sentence on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from esms_desktop import __version__
from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import CampaignError, parse_override
from esms_desktop.domain.completeness import MissingItem, readiness, verdict_text
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.grappe import Grappe
from esms_desktop.services import catalog
from esms_desktop.services.assessment import assess, budget_to_dict
from esms_desktop.services.formatting import format_eur, format_pct

EXIT_OK, EXIT_NOT_ELIGIBLE, EXIT_BAD_INPUT, EXIT_STORAGE = 0, 1, 2, 3


class CliError(Exception):
    """A user-facing problem: message printed on stderr, ``code`` returned."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


class _FrenchParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        translated = (
            message.replace("the following arguments are required", "arguments obligatoires")
            .replace("unrecognized arguments", "arguments inconnus")
            .replace("invalid choice", "choix invalide")
            .replace("expected one argument", "une valeur attendue")
        )
        self.exit(EXIT_BAD_INPUT, f"esms-desktop : erreur : {translated}\n")


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


def _overrides(pairs: Sequence[str] | None) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for text in pairs or ():
        name, amount = parse_override(text)
        out[name] = amount
    return out


def _budget_for(args: argparse.Namespace) -> tuple[Budget, tuple[MissingItem, ...]]:
    """The budget of the spreadsheet, and what a dossier built from it still lacks.

    The dossier is built the way the ``pdf`` command builds it (porteur from the OG rows), so
    a spreadsheet alone is always incomplete: the list says what to add in the application.
    """
    from esms_desktop.services.export import dossier_from_grappe, dossier_missing

    grappe = read_grappe(Path(args.file), args.skip_bad_rows)
    overrides = _overrides(getattr(args, "set", None))
    budget = assess(grappe, args.campaign, overrides)
    dossier = replace(dossier_from_grappe(grappe, args.campaign), overrides=overrides)
    return budget, dossier_missing(dossier, budget)


def _missing_dicts(items: Sequence[MissingItem]) -> list[dict[str, str]]:
    return [{"step": i.step.value, "field": i.field, "message": i.message} for i in items]


def _print_completeness(budget: Budget, items: Sequence[MissingItem], out: TextIO) -> None:
    verdict = verdict_text(readiness(budget, tuple(items)))
    out.write(f"Verdict : {verdict}\n")
    if items:
        out.write(f"Dossier incomplet — {len(items)} élément(s) manquant(s) :\n")
        for i in items:
            out.write(f"  - {i.message}\n")
    else:
        out.write("Dossier complet.\n")


def cmd_campaigns(args: argparse.Namespace, out: TextIO) -> int:
    campaigns = catalog.campaigns()
    if args.json:
        data = [
            {
                "id": c.id,
                "title": c.title,
                "kind": c.kind,
                "year": c.year,
                "missing_values": [v.name for v in c.missing_values],
            }
            for c in campaigns.values()
        ]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    for c in campaigns.values():
        missing = f"  ({len(c.missing_values)} montant(s) à confirmer)" if c.missing_values else ""
        out.write(f"{c.id:<22} {c.title}{missing}\n")
    return EXIT_OK


def _print_findings(budget: Budget, out: TextIO) -> None:
    marks = {Severity.BLOQUANT: "✗", Severity.AVERTISSEMENT: "!", Severity.INFO: "i"}
    for f in budget.findings:
        out.write(f"  {marks[f.severity]} [{f.severity.label}] {f.message}\n")


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    budget, items = _budget_for(args)
    if args.json:
        data = budget_to_dict(budget)
        json.dump(
            {k: data[k] for k in ("campaign", "eligible", "findings", "counted_establishments")}
            | {"complete": not items, "missing": _missing_dicts(items)},
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    else:
        verdict = "ÉLIGIBLE" if budget.eligible else "NON ÉLIGIBLE"
        out.write(
            f"Campagne {budget.campaign_id} : {verdict} — "
            f"{budget.counted_establishments} ESSMS comptés\n"
        )
        _print_findings(budget, out)
        _print_completeness(budget, items, out)
    return EXIT_OK if budget.eligible else EXIT_NOT_ELIGIBLE


def cmd_budget(args: argparse.Namespace, out: TextIO) -> int:
    budget, items = _budget_for(args)
    if args.json:
        data = budget_to_dict(budget) | {"complete": not items, "missing": _missing_dicts(items)}
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK if budget.eligible else EXIT_NOT_ELIGIBLE
    verdict = "éligible" if budget.eligible else "NON éligible"
    out.write(
        f"Budget — campagne {budget.campaign_id} ({verdict}, "
        f"{budget.counted_establishments} ESSMS comptés)\n\n"
    )
    for e in budget.establishments:
        amount = format_eur(e.amount) if e.funded else "—"
        out.write(f"{e.finess:<10} {e.name[:40]:<40} {amount:>14}  {e.reason}\n")
        if e.funded:
            for line in e.lines:
                mark = " (provisoire)" if line.provisional else ""
                out.write(f"{'':<12}· {line.label[:38]:<38} {format_eur(line.amount):>14}{mark}\n")
    if budget.project_lines:
        out.write("\nLignes du projet :\n")
        for line in budget.project_lines:
            out.write(f"  · {line.label[:48]:<48} {format_eur(line.amount):>14}\n")
    suffix = "" if budget.complete else "  (incomplet : montants à confirmer)"
    out.write(f"\nTOTAL : {format_eur(budget.total)}{suffix}\n")
    for t in budget.tranches:
        out.write(f"  Tranche {format_pct(t.pct)} — {t.label} : {format_eur(t.amount)}\n")
    out.write("\nConstats :\n")
    _print_findings(budget, out)
    out.write("\n")
    _print_completeness(budget, items, out)
    return EXIT_OK if budget.eligible else EXIT_NOT_ELIGIBLE


Handler = Callable[[argparse.Namespace, TextIO], int]


def build_parser() -> argparse.ArgumentParser:
    common = _FrenchParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="dossier des données (base, sauvegardes) à utiliser",
    )
    parser = _FrenchParser(
        prog="esms-desktop",
        description="Préparer une candidature ESMS numérique : grappe, éligibilité, budget, "
        "dossier PDF.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"esms-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_FrenchParser)

    p = sub.add_parser("campaigns", help="lister les campagnes (appels à projets) connues")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(handler=cmd_campaigns)

    for name, handler, text in (
        ("check", cmd_check, "vérifier l'éligibilité d'une grappe (tableur)"),
        ("budget", cmd_budget, "calculer le budget d'une grappe (tableur)"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("file", metavar="FICHIER", help="grappe au format modèle (.csv ou .xlsx)")
        p.add_argument("--campaign", required=True, metavar="ID", help="identifiant de campagne")
        p.add_argument("--json", action="store_true", help="sortie JSON")
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
        p.set_defaults(handler=handler)

    for register in _extensions():
        register(sub, common)
    return parser


def _extensions() -> list[Callable[[Any, argparse.ArgumentParser], None]]:
    """Sub-command groups living beside their services (store, FINESS, PDF…)."""
    found = []
    for module_name in (
        "esms_desktop.cli_store",
        "esms_desktop.cli_finess",
        "esms_desktop.cli_reports",
    ):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        found.append(module.register)
    return found


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(out)
        return EXIT_OK
    try:
        return _call(handler, args, out)
    except CliError as exc:
        print(f"esms-desktop : {exc}", file=sys.stderr)
        return exc.code
    except CampaignError as exc:
        print(f"esms-desktop : {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug, not the user's: one French line, the traceback in the log
        from esms_desktop import crash_log
        from esms_desktop.paths import data_paths

        try:
            logs: Path | None = data_paths(getattr(args, "data_dir", None)).logs
        except Exception:  # no user folder at all: still say what happened
            logs = None
        print(crash_log.cli_error_line(exc, logs), file=sys.stderr)
        return EXIT_STORAGE


def _call(handler: Callable[..., int], args: argparse.Namespace, out: TextIO) -> int:
    """Handlers take (args, out); the store's group takes (args) and prints itself."""
    import inspect

    if len(inspect.signature(handler).parameters) >= 2:
        return handler(args, out)
    return handler(args)

"""``check`` and ``budget``: a grappe spreadsheet judged against a campaign, nothing stored.

The contract of shared/spec/grappe-template.md: exit 0 eligible, 1 not eligible, 2 bad input;
``--json`` prints the object it describes. Both also say what a dossier built from the file still
lacks, without changing the exit code.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from esms_desktop.cli.common import (
    EXIT_NOT_ELIGIBLE,
    EXIT_OK,
    add_grappe_options,
    add_grappe_source,
    overrides,
    read_grappe,
)
from esms_desktop.domain.budget import Budget
from esms_desktop.domain.completeness import MissingItem, readiness, verdict_text
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.formatting import format_eur, format_pct
from esms_desktop.services.assessment import assess, budget_to_dict

if TYPE_CHECKING:
    from esms_desktop.cli.common import Subcommands


def _budget_for(args: argparse.Namespace) -> tuple[Budget, tuple[MissingItem, ...]]:
    """The budget of the spreadsheet, and what a dossier built from it still lacks.

    The dossier is built the way the ``pdf`` command builds it (porteur from the OG rows), so
    a spreadsheet alone is always incomplete: the list says what to add in the application.
    """
    from esms_desktop.services.export import dossier_from_grappe, dossier_missing

    grappe = read_grappe(Path(args.file), args.skip_bad_rows)
    values = overrides(getattr(args, "set", None))
    budget = assess(grappe, args.campaign, values)
    dossier = replace(dossier_from_grappe(grappe, args.campaign), overrides=values)
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


def register(subparsers: Subcommands) -> None:
    """Add ``check`` and ``budget``."""
    for name, handler, text in (
        ("check", cmd_check, "vérifier l'éligibilité d'une grappe (tableur)"),
        ("budget", cmd_budget, "calculer le budget d'une grappe (tableur)"),
    ):
        p = subparsers.add_parser(name, help=text)
        add_grappe_source(p)
        p.add_argument("--json", action="store_true", help="sortie JSON")
        add_grappe_options(p)
        p.set_defaults(handler=handler)

"""``check`` and ``budget``: a grappe spreadsheet judged against a campaign, nothing stored.

The contract of shared/spec/grappe-template.md: exit 0 eligible, 1 not eligible, 2 bad input;
``--json`` prints the object it describes. Both also say what a dossier built from the file still
lacks, without changing the exit code. The campaign is a known one (``--campaign ID``) or a file
used without importing it (``--campaign-file FICHIER.toml``). Amounts are TTC unless the campaign
says otherwise, and the text says which.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from esms_desktop.cli.common import (
    EXIT_NOT_ELIGIBLE,
    EXIT_OK,
    add_grappe_options,
    add_grappe_source,
    campaign_file,
    overrides,
    printable,
    read_grappe,
)

if TYPE_CHECKING:
    from esms_desktop.cli.common import Subcommands
    from esms_desktop.domain.budget import Budget, BudgetLine
    from esms_desktop.domain.campaign import Campaign
    from esms_desktop.domain.completeness import MissingItem


def _campaign_for(args: argparse.Namespace) -> Campaign:
    """The campaign named by ``--campaign``, or read whole from ``--campaign-file`` (not
    imported: the file is used as it is, refused with its line and key when it is wrong)."""
    from esms_desktop.domain.campaign import load_campaign
    from esms_desktop.services import catalog

    path: Path | None = getattr(args, "campaign_file", None)
    if path is not None:
        return load_campaign(campaign_file(path))
    return catalog.campaign(args.campaign)


def _budget_for(args: argparse.Namespace) -> tuple[Budget, Campaign, tuple[MissingItem, ...]]:
    """The budget of the spreadsheet, its campaign, and what a dossier built from it still lacks.

    The dossier is built the way the ``pdf`` command builds it (porteur from the OG rows), so
    a spreadsheet alone is always incomplete: the list says what to add in the application.
    The campaign is looked up first: an unknown identifier or a damaged campaign file is said
    before the spreadsheet is read.
    """
    # Not services.export, which loads ReportLab for the PDFs: nothing is printed here.
    from dataclasses import replace

    from esms_desktop.services.assessment import assess_with
    from esms_desktop.services.grappe_dossier import dossier_from_grappe, dossier_missing

    campaign = _campaign_for(args)
    grappe = read_grappe(Path(args.file), args.skip_bad_rows)
    values = overrides(getattr(args, "set", None))
    budget = assess_with(grappe, campaign, values)
    dossier = replace(dossier_from_grappe(grappe, campaign.id), overrides=values)
    return budget, campaign, dossier_missing(dossier, budget)


def _missing_dicts(items: Sequence[MissingItem]) -> list[dict[str, str]]:
    return [{"step": i.step.value, "field": i.field, "message": i.message} for i in items]


def _print_completeness(budget: Budget, items: Sequence[MissingItem], out: TextIO) -> None:
    from esms_desktop.domain.completeness import readiness, verdict_text

    verdict = verdict_text(readiness(budget, tuple(items)))
    out.write(f"Verdict : {verdict}\n")
    if items:
        out.write(f"Dossier incomplet — {len(items)} élément(s) manquant(s) :\n")
        for i in items:
            out.write(f"  - {i.message}\n")
    else:
        out.write("Dossier complet.\n")


def _print_findings(budget: Budget, out: TextIO) -> None:
    from esms_desktop.domain.findings import Severity

    marks = {Severity.BLOQUANT: "✗", Severity.AVERTISSEMENT: "!", Severity.INFO: "i"}
    for f in budget.findings:
        out.write(f"  {marks[f.severity]} [{f.severity.label}] {f.message}\n")


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from esms_desktop.services.assessment import budget_to_dict

    budget, campaign, items = _budget_for(args)
    if args.json:
        data = budget_to_dict(budget, campaign)
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


AMOUNT_WIDTH = 14
LABELS_END = 52
"""Where the label column ends on every row of ``budget``: the amounts line up after it."""


def fit(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` characters, broken between words.

    A word longer than the column ends with « … »: a label is never cut silently in the middle
    of a word (« Équipement et infrastructure (petit OG » would read as a different label).
    """
    pieces = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    return [p if len(p) <= width else p[: width - 1] + "…" for p in pieces]


def _row(out: TextIO, lead: str, label: str, amount: str, after: str = "") -> None:
    """One figure: ``lead`` (FINESS, bullet), ``label`` wrapped in its column, the amount
    right-aligned after it on the first line, the rest of the label below."""
    width = LABELS_END - len(lead)
    pieces = fit(printable(label), width)
    out.write(f"{lead}{pieces[0]:<{width}} {amount:>{AMOUNT_WIDTH}}{after}\n")
    for piece in pieces[1:]:
        out.write(f"{'':<{len(lead)}}{piece}\n")


def _figure(line: BudgetLine) -> tuple[str, str]:
    from esms_desktop.domain.formatting import format_eur

    return format_eur(line.amount), " (provisoire)" if line.provisional else ""


def cmd_budget(args: argparse.Namespace, out: TextIO) -> int:
    from esms_desktop.domain.formatting import format_eur, format_pct
    from esms_desktop.services.assessment import budget_to_dict

    budget, campaign, items = _budget_for(args)
    if args.json:
        data = budget_to_dict(budget, campaign)
        data |= {"complete": not items, "missing": _missing_dicts(items)}
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK if budget.eligible else EXIT_NOT_ELIGIBLE
    tax = budget.tax
    verdict = "éligible" if budget.eligible else "NON éligible"
    out.write(
        f"Budget — campagne {printable(budget.campaign_id)} ({verdict}, "
        f"{budget.counted_establishments} ESSMS comptés) — montants {tax}\n\n"
    )
    _row(out, f"{'FINESS':<10} ", "ESSMS et lignes de financement", f"Montant {tax}")
    for e in budget.establishments:
        amount = format_eur(e.amount) if e.funded else "—"
        reason = f"  {printable(e.reason)}" if e.reason else ""
        _row(out, f"{e.finess:<10} ", e.name, amount, reason)
        if e.funded:
            for line in e.lines:
                _row(out, f"{'':<11}· ", line.label, *_figure(line))
    own = [line for line in budget.project_lines if not line.og]
    if own:
        out.write("\nLignes du projet :\n")
        for line in own:
            _row(out, "  · ", line.label, *_figure(line))
    if budget.og_lines:
        out.write("\nLignes par OG :\n")
        by_og: dict[str, list[BudgetLine]] = {}
        for line in budget.og_lines:
            by_og.setdefault(line.og, []).append(line)
        for og, lines in by_og.items():
            out.write(f"  {printable(og)}\n")
            for line in lines:
                _row(out, "    · ", line.label.removesuffix(f" — {og}"), *_figure(line))
    suffix = "" if budget.complete else "  (incomplet : montants à confirmer)"
    out.write(f"\nTOTAL {tax} : {format_eur(budget.total)}{suffix}\n")
    for t in budget.tranches:
        out.write(
            printable(f"  Tranche {format_pct(t.pct)} — {t.label} : {format_eur(t.amount)}") + "\n"
        )
        if t.condition:
            out.write(printable(f"      condition de versement : {t.condition}") + "\n")
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
        add_grappe_source(p, campaign_file=True)
        p.add_argument("--json", action="store_true", help="sortie JSON")
        add_grappe_options(p)
        p.set_defaults(handler=handler)

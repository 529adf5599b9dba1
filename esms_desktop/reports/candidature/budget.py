"""« Budget demandé »: the ESSMS lines summed by rule and by OG, the project's and the OGs'
lines, then the total and its tranches.

The document reads the same :class:`Budget` as the screen and the command line and never
recomputes an amount: the sums printed here are only the sub-totals of amounts the engine gave.
A rule repeats on every ESSMS of a large grappe, so the section sums the ESSMS lines by rule
(count, amount each, sum) and by OG; the line-by-line detail is the annex « Détail par ESSMS »
(:mod:`.detail`, built from :func:`budget_lines_tables`), where lines refer to a numbered table
of rules instead of printing each rule again. An amount not known yet is « à renseigner »,
never « 0 € ». Every amount is TTC, and every table of amounts says so.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from esms_desktop.domain.budget import BudgetLine, EstablishmentBudget, TrancheAmount
from esms_desktop.domain.campaign import ValueStatus
from esms_desktop.domain.formatting import format_eur, format_number, format_pct
from esms_desktop.reports.base import (
    ACCENT,
    CAVEAT_SIZE,
    FONT_COND,
    FONT_COND_BOLD,
    GROUP,
    INK,
    MUTED,
    RULE,
    WARN,
    ZEBRA,
    TextBlock,
    TextPart,
    clean,
    fit_cell,
    grid_table,
    para,
)
from esms_desktop.reports.candidature.common import (
    CAP_PREFIX,
    TO_CONFIRM,
    TO_FILL,
    SectionTitle,
    eur_incomplete,
    known_sum,
    line_is_provisional,
    missing,
    og_title,
    right,
    role_label,
    runs,
    subheading,
)
from esms_desktop.reports.candidature.context import CandidatureContext


def section(ctx: CandidatureContext) -> list[Flowable]:
    b, c = ctx.budget, ctx.campaign
    flow: list[Flowable] = [SectionTitle("Budget demandé")]
    intro = (
        "Tous les montants sont "
        + ("toutes taxes comprises (TTC) ; " if b.ttc else "hors taxes (HT) ; ")
        + "ils sont versés au porteur, qui reverse à chaque membre sa part. "
        "« à renseigner » : montant non publié, à saisir depuis le cahier des charges de "
        f"votre ARS ; « {TO_CONFIRM} » : montant affiché à titre provisoire. Chaque ligne "
        "renvoie par son numéro à la règle qui la fonde, citée dans l’annexe « Note de calcul "
        "et points de vigilance »."
    )
    flow.append(para(intro, "BodySmall"))
    cap = c.size.funded_cap
    capped = [e for e in b.establishments if not e.funded and e.reason.startswith(CAP_PREFIX)]
    if cap is not None:
        cap_text = (
            f"Plafond de la campagne : {cap.value} ESSMS financés au plus par projet ; "
            "au-delà, les ESSMS aux montants les plus élevés sont retenus (ordre de saisie "
            f"en cas d’égalité). ESSMS « {CAP_PREFIX} » : {len(capped)}."
        )
        flow.append(para(cap_text, "Body"))
    flow.append(CondPageBreak(35 * mm))
    flow.append(subheading("Lignes des ESSMS, par règle"))
    flow += by_rule_table(ctx)
    flow.append(Spacer(1, 4 * mm))
    flow.append(CondPageBreak(35 * mm))
    flow.append(subheading("Montants par organisme gestionnaire"))
    flow.append(by_og_table(ctx))
    flow.append(para(detail_note(ctx), "BodySmall"))
    flow.append(Spacer(1, 4 * mm))
    flow.append(CondPageBreak(35 * mm))
    flow.append(subheading("Lignes du projet"))
    flow.append(project_lines_table(ctx))
    flow.append(Spacer(1, 4 * mm))
    if has_og_lines(ctx):
        flow.append(CondPageBreak(35 * mm))
        flow.append(subheading(OG_LINES_TITLE))
        flow.append(og_lines_table(ctx))
        flow.append(Spacer(1, 4 * mm))
    flow.append(KeepTogether([subheading("Total et versements"), totals_table(ctx)]))
    return flow


def detail_note(ctx: CandidatureContext) -> str:
    """Where the ESSMS-by-ESSMS detail is (the annex, or the ESSMS table alone)."""
    if ctx.detail:
        return (
            "Le détail ESSMS par ESSMS (chaque ligne avec sa règle) figure en annexe "
            "« Détail par ESSMS », après les signatures."
        )
    return (
        "Le montant de chaque ESSMS figure au tableau des ESSMS ; le détail ligne par ligne "
        "n’est pas joint à ce dossier (il peut être édité à part)."
    )


RuleKey = tuple[str, str, str]
"""(label, payee, rule) of an ESSMS line: lines alike on many ESSMS are summed together."""


def by_rule(ctx: CandidatureContext) -> dict[RuleKey, list[BudgetLine]]:
    """The funded ESSMS's lines grouped by label and rule, in order of first appearance."""
    groups: dict[RuleKey, list[BudgetLine]] = {}
    for _row, e in ctx.rows:
        if e.funded:
            for line in e.lines:
                groups.setdefault((line.label, line.payee, line.rule), []).append(line)
    return groups


def by_rule_table(ctx: CandidatureContext) -> list[Flowable]:
    """One row per line and rule: how many ESSMS, the amount each, the sum."""
    b = ctx.budget
    if not ctx.rows:
        return [missing("À COMPLÉTER — aucun ESSMS dans la grappe.")]
    rows: list[list[Any]] = [
        [
            para("Ligne de financement et règle appliquée", "CellHead"),
            para("ESSMS", "CellHeadRight"),
            para(f"Montant unitaire {b.tax}", "CellHeadRight"),
            para(f"Montant {b.tax}", "CellHeadRight"),
        ]
    ]
    numbers = rule_numbers(ctx)
    for (_label, _payee, rule), lines in by_rule(ctx).items():
        amounts = {line.amount for line in lines}
        unit: Any = line_amount(lines[0]) if len(amounts) == 1 else para("variable", "CellRight")
        sub, complete = known_sum([line.amount for line in lines])
        rows.append(
            [
                line_cell(lines[0], numbers[rule]),
                format_number(len(lines)),
                unit,
                para(eur_incomplete(sub, complete), "CellRight"),
            ]
        )
    unfunded = [e for e in b.establishments if not e.funded]
    if unfunded:
        reasons: dict[str, int] = {}
        for e in unfunded:
            reason = CAP_PREFIX if e.reason.startswith(CAP_PREFIX) else (e.reason or "non financé")
            reasons[reason] = reasons.get(reason, 0) + 1
        for reason, n in reasons.items():
            rows.append(
                [
                    TextBlock([TextPart(f"Non financé — {reason}", FONT_COND, 8, MUTED)]),
                    format_number(n),
                    "—",
                    "—",
                ]
            )
    sub, complete = known_sum([e.amount for e in b.establishments if e.funded])
    rows.append(
        [
            para(f"Sous-total des ESSMS financés ({format_number(b.funded_count)})", "CellBold"),
            "",
            "",
            para(eur_incomplete(sub, complete), "CellRightBold"),
        ]
    )
    return [
        grid_table(
            rows,
            [100 * mm, 14 * mm, 28 * mm, 28 * mm],
            zebra=False,
            long=True,
            extra=[
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("SPAN", (0, -1), (2, -1)),
                ("LINEABOVE", (0, -1), (-1, -1), 1, INK),
                ("BACKGROUND", (0, -1), (-1, -1), GROUP),
            ],
        )
    ]


def by_og_table(ctx: CandidatureContext) -> Flowable:
    """One row per OG: its ESSMS (listed, funded), their amount, its own lines, its total."""
    b = ctx.budget
    per_og_lines: dict[str, list[Decimal | None]] = {}
    for line in b.og_lines:
        per_og_lines.setdefault(line.og, []).append(line.amount)
    rows: list[list[Any]] = [
        [
            para("Organisme gestionnaire", "CellHead"),
            para("ESSMS listés", "CellHeadRight"),
            para("ESSMS financés", "CellHeadRight"),
            para(f"ESSMS {b.tax}", "CellHeadRight"),
            para(f"Lignes de l’OG {b.tax}", "CellHeadRight"),
            para(f"Total {b.tax}", "CellHeadRight"),
        ]
    ]
    for og, members in ctx.groups:
        funded = [e.amount for _row, e in members if e.funded]
        ess, ess_ok = known_sum(funded)
        own = per_og_lines.get(og.name, [])
        own_sum, own_ok = known_sum(own)
        rows.append(
            [
                fit_cell(f"{og.name} — {role_label(og)}", 62 * mm),
                format_number(len(members)),
                format_number(len(funded)),
                eur_incomplete(ess, ess_ok),
                eur_incomplete(own_sum, own_ok) if own else "—",
                para(eur_incomplete(ess + own_sum, ess_ok and own_ok), "CellRightBold"),
            ]
        )
    return grid_table(
        rows,
        [62 * mm, 18 * mm, 18 * mm, 24 * mm, 24 * mm, 24 * mm],
        long=True,
        extra=[("ALIGN", (1, 1), (-1, -1), "RIGHT")],
    )


OG_LINES_TITLE = "Lignes par organisme gestionnaire"


def rules_line(ctx: CandidatureContext) -> str:
    """« Règles : <title>, fichier <name> (campagne de l'utilisateur), empreinte <fp>. »"""
    c = ctx.campaign
    parts = [f"Règles : {c.title}"]
    if ctx.source is not None:
        parts.append(f"fichier {ctx.source.file_name} ({ctx.source.origin_label})")
    parts.append(f"empreinte {c.fingerprint}" if c.fingerprint else "empreinte non calculée")
    return (
        ", ".join(parts) + ". L'empreinte identifie la version des règles appliquée : elle change "
        "dès que le fichier de la campagne dit autre chose."
    )


def has_og_lines(ctx: CandidatureContext) -> bool:
    """The campaign funds per OG (or the budget holds such lines): the table is printed, empty
    or not, so a reader sees that no OG qualified rather than wonder."""
    return bool(ctx.campaign.og_lines or ctx.budget.og_lines)


def own_project_lines(ctx: CandidatureContext) -> tuple[BudgetLine, ...]:
    """The project's own lines (``Budget.project_lines`` also holds the per-OG ones)."""
    return tuple(line for line in ctx.budget.project_lines if not line.og)


def rule_numbers(ctx: CandidatureContext) -> dict[str, int]:
    """Each distinct rule of the budget (ESSMS lines, then the project's and the OGs' lines),
    numbered in order of first appearance: the lines refer to it by number, the note de calcul
    prints it once."""
    numbers: dict[str, int] = {}
    for _row, e in ctx.rows:
        if e.funded:
            for line in e.lines:
                numbers.setdefault(line.rule, len(numbers) + 1)
    for line in ctx.budget.project_lines:
        numbers.setdefault(line.rule, len(numbers) + 1)
    return numbers


def rules_table(numbers: dict[str, int]) -> list[Flowable]:
    """The rules the ESSMS lines refer to by number, each printed once."""
    if not numbers:
        return []
    rows: list[list[Any]] = [[para("N°", "CellHead"), para("Règle appliquée", "CellHead")]]
    for rule, number in numbers.items():
        rows.append([f"règle n° {number}", TextBlock([TextPart(rule, FONT_COND, 7.5)])])
    return [
        para(
            "Les lignes du budget renvoient par leur numéro aux règles de calcul suivantes.",
            "BodySmall",
        ),
        grid_table(rows, [22 * mm, 148 * mm], zebra=True, long=True),
        Spacer(1, 3 * mm),
    ]


def budget_lines_tables(ctx: CandidatureContext) -> list[Flowable]:
    """Budget lines, one table per OG, each line with the number of its rule below it."""
    header = ["ESSMS", "Ligne de financement et règle appliquée", f"Montant {ctx.budget.tax}"]
    widths = [40 * mm, 104 * mm, 26 * mm]
    numbers = rule_numbers(ctx)
    flow: list[Flowable] = []
    if not ctx.rows:
        flow.append(missing("À COMPLÉTER — aucun ESSMS dans la grappe."))
    for og, members in ctx.groups:
        rows: list[list[Any]] = [header, [og_title(og), "", ""]]
        extra: list[tuple[Any, ...]] = [
            ("SPAN", (0, 1), (-1, 1)),
            ("BACKGROUND", (0, 1), (-1, 1), GROUP),
            ("ALIGN", (2, 0), (2, 0), "RIGHT"),
            ("ALIGN", (2, 2), (2, -1), "RIGHT"),
        ]
        firsts: list[int] = []
        amounts: list[Decimal | None] = []
        for _row, e in members:
            ident = fit_cell(f"{e.finess}\n{e.name}", widths[0])
            first = len(rows)
            if e.funded:
                amounts.append(e.amount)
                for i, line in enumerate(e.lines):
                    rows.append(
                        [
                            ident if i == 0 else "",
                            line_cell(line, numbers[line.rule]),
                            line_amount(line),
                        ]
                    )
            else:
                rows.append([ident, unfunded_cell(e), "—"])
            firsts.append(first)
        # A rule above each ESSMS's first line: one command per run of consecutive rows (a
        # 1,000-row table re-applies every command each time it is split across pages).
        for start, end in runs(firsts):
            extra.append(("LINEABOVE", (0, start), (-1, end), 0.5, RULE))
        sub, complete = known_sum(amounts)
        rows.append(
            [
                para(f"Sous-total {og.name} ({len(amounts)} ESSMS financés)", "CellBold"),
                "",
                para(eur_incomplete(sub, complete), "CellRightBold"),
            ]
        )
        extra += [
            ("SPAN", (0, -1), (1, -1)),
            ("LINEABOVE", (0, -1), (-1, -1), 0.6, INK),
            ("BACKGROUND", (0, -1), (-1, -1), ZEBRA),
        ]
        flow.append(grid_table(rows, widths, header_rows=2, zebra=False, extra=extra, long=True))
        flow.append(Spacer(1, 3 * mm))
    sub, complete = known_sum([e.amount for e in ctx.budget.establishments if e.funded])
    total_row = [
        para(
            f"Sous-total des ESSMS financés ({format_number(ctx.budget.funded_count)})",
            "CellBold",
        ),
        "",
        para(eur_incomplete(sub, complete), "CellRightBold"),
    ]
    flow.append(
        grid_table(
            [total_row],
            widths,
            header_rows=0,
            zebra=False,
            extra=[("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (-1, 0), GROUP)],
        )
    )
    return flow


def unfunded_cell(e: EstablishmentBudget) -> TextBlock:
    """Why an ESSMS gets nothing; under the campaign's cap, what it would have been given."""
    if e.reason.startswith(CAP_PREFIX):
        return TextBlock(
            [
                TextPart(
                    f"{CAP_PREFIX} — montant qui aurait été demandé : {format_eur(e.requested)}",
                    FONT_COND_BOLD,
                ),
                TextPart(e.reason, FONT_COND, CAVEAT_SIZE, MUTED),
            ]
        )
    return TextBlock([TextPart(e.reason or "non financé", FONT_COND, 8, MUTED)])


def line_cell(line: BudgetLine, rule_number: int | None = None) -> TextBlock:
    """Label in bold, the rule below in small grey, then the badge if the amount is unsure.

    With ``rule_number``, the rule is printed once in the table of rules and the line only
    refers to it by its number (a rule repeats on every ESSMS of a 1,000-ESSMS grappe).
    """
    label = line.label if line.payee == "og" else f"{line.label} (versé à : {line.payee})"
    rule = line.rule if rule_number is None else f"règle n° {rule_number}"
    parts = [TextPart(label, FONT_COND_BOLD), TextPart(rule, FONT_COND, 7.5, MUTED)]
    if line_is_provisional(line):
        parts.append(TextPart(f"▲ {TO_CONFIRM}", FONT_COND_BOLD, 7.5, WARN))
    elif line.status is ValueStatus.SAISI:
        parts.append(
            TextPart("montant saisi d’après le cahier des charges de l’ARS", FONT_COND, 7.5, MUTED)
        )
    return TextBlock(parts)


def line_amount(line: BudgetLine) -> TextBlock | str:
    if line.amount is None:
        return right([TextPart("à renseigner", FONT_COND_BOLD)])
    return format_eur(line.amount)


def project_lines_table(ctx: CandidatureContext) -> Flowable:
    lines = own_project_lines(ctx)
    if not lines:
        return para(
            "Aucune ligne au niveau du projet pour cette grappe et cette campagne.", "BodySmall"
        )
    rows: list[list[Any]] = [
        [
            para("Ligne du projet et règle appliquée", "CellHead"),
            para(f"Montant {ctx.budget.tax}", "CellHeadRight"),
        ]
    ]
    numbers = rule_numbers(ctx)
    for line in lines:
        rows.append([line_cell(line, numbers.get(line.rule)), line_amount(line)])
    sub, complete = known_sum([line.amount for line in lines])
    rows.append(
        [
            para("Sous-total des lignes du projet", "CellBold"),
            para(eur_incomplete(sub, complete), "CellRightBold"),
        ]
    )
    return grid_table(
        rows,
        [144 * mm, 26 * mm],
        zebra=False,
        extra=[("LINEABOVE", (0, -1), (-1, -1), 1, INK), ("ALIGN", (1, 1), (1, -1), "RIGHT")],
    )


def og_lines_table(ctx: CandidatureContext) -> Flowable:
    """One row per OG and per-OG line (small-OG support…), the OG in its own column."""
    lines = ctx.budget.og_lines
    if not lines:
        return para(
            "Aucune ligne par organisme gestionnaire pour cette grappe : aucun OG financé ne "
            "remplit les conditions de ces lignes.",
            "BodySmall",
        )
    rows: list[list[Any]] = [
        [
            para("Organisme gestionnaire", "CellHead"),
            para("Ligne de financement et règle appliquée", "CellHead"),
            para(f"Montant {ctx.budget.tax}", "CellHeadRight"),
        ]
    ]
    numbers = rule_numbers(ctx)
    for line in lines:
        shown = replace(line, label=line.label.removesuffix(f" — {line.og}"))
        rows.append(
            [
                fit_cell(line.og, 40 * mm),
                line_cell(shown, numbers.get(line.rule)),
                line_amount(line),
            ]
        )
    sub, complete = known_sum([line.amount for line in lines])
    rows.append(
        [
            para(f"Sous-total des lignes par organisme gestionnaire ({len(lines)})", "CellBold"),
            "",
            para(eur_incomplete(sub, complete), "CellRightBold"),
        ]
    )
    return grid_table(
        rows,
        [40 * mm, 104 * mm, 26 * mm],
        zebra=False,
        long=True,
        extra=[
            ("SPAN", (0, -1), (1, -1)),
            ("LINEABOVE", (0, -1), (-1, -1), 1, INK),
            ("ALIGN", (2, 1), (2, -1), "RIGHT"),
        ],
    )


def totals_table(ctx: CandidatureContext) -> Table:
    """ESSMS, project lines (and per-OG lines) and the total asked for, then the tranches it is
    paid in, each with its condition."""
    b = ctx.budget
    ess, ess_ok = known_sum([e.amount for e in b.establishments if e.funded])
    proj, proj_ok = known_sum([line.amount for line in own_project_lines(ctx)])
    rows: list[list[Any]] = [
        [para("Récapitulatif", "CellHead"), "", para(f"Montant {ctx.budget.tax}", "CellHeadRight")],
        [para("ESSMS financés", "Cell"), "", para(eur_incomplete(ess, ess_ok), "CellRight")],
        [
            para("Lignes du projet", "Cell"),
            "",
            para(eur_incomplete(proj, proj_ok) if own_project_lines(ctx) else "—", "CellRight"),
        ],
    ]
    if has_og_lines(ctx):
        per_og, per_og_ok = known_sum([line.amount for line in b.og_lines])
        rows.append(
            [
                para(OG_LINES_TITLE, "Cell"),
                "",
                para(eur_incomplete(per_og, per_og_ok) if b.og_lines else "—", "CellRight"),
            ]
        )
    total_at = len(rows)
    rows.append(
        [
            para("TOTAL DEMANDÉ", "CellBold"),
            "",
            para(eur_incomplete(b.total, b.complete), "CellRightBold"),
        ]
    )
    incomplete_at = len(rows)
    if not b.complete:
        rows.append(
            [
                missing(
                    "Total incomplet : des montants restent à renseigner ; les versements "
                    "seront calculés sur le total complet."
                ),
                "",
                "",
            ]
        )
    head = len(rows)
    rows.append(
        [
            para("Versement", "CellHead"),
            para("Part", "CellHeadRight"),
            para(f"Montant {ctx.budget.tax}", "CellHeadRight"),
        ]
    )
    for i, t in enumerate(b.tranches, start=1):
        label = f"{i}. {clean(t.label)}"
        if t.status is ValueStatus.A_CONFIRMER:
            label += f" <font size='7.5' color='#A84300'><b>▲ {clean(TO_CONFIRM)}</b></font>"
        condition = tranche_condition(t)
        if condition:
            label += f"<br/><font size='7.5' color='#5A5A5A'>{clean(condition)}</font>"
        rows.append(
            [
                para(label, "Cell", markup=True),
                para(format_pct(t.pct), "CellRight"),
                para(format_eur(t.amount) if b.complete else TO_FILL, "CellRight"),
            ]
        )
    extra: list[tuple[Any, ...]] = [("SPAN", (0, r), (1, r)) for r in range(total_at + 1)]
    extra += [
        ("BACKGROUND", (0, total_at), (-1, total_at), GROUP),
        ("LINEABOVE", (0, total_at), (-1, total_at), 1, INK),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("BACKGROUND", (0, head), (-1, head), ACCENT),
    ]
    if not b.complete:
        extra.append(("SPAN", (0, incomplete_at), (-1, incomplete_at)))
    return grid_table(rows, [112 * mm, 30 * mm, 28 * mm], header_rows=0, zebra=False, extra=extra)


def tranche_condition(t: TrancheAmount) -> str:
    """What a tranche is paid on, in words (« Condition : … »), or ``""`` when the campaign
    says nothing."""
    if t.condition:
        text = f"Condition : {t.condition}"
        if t.usage_targets and "cible" not in t.condition.casefold():
            text += " (cibles d'usage atteintes)"
        return text
    return "Condition : cibles d'usage atteintes" if t.usage_targets else ""

"""The budget a grappe can claim under a campaign, every figure traceable to its rule.

Money is ``Decimal`` euros rounded to the cent, never float: a director files these figures with
the ARS and they must add up to the cent. An amount that depends on a value still "à confirmer"
is ``None`` (or the programme's stated fallback, flagged as provisional), and the total says it is
incomplete instead of pretending.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from esms_desktop.domain.campaign import Campaign, CampaignValue, EssmsLineRule, ValueStatus
from esms_desktop.domain.eligibility import Eligibility, RowStatus, evaluate
from esms_desktop.domain.findings import Finding, Severity
from esms_desktop.domain.formatting import format_decimal
from esms_desktop.domain.grappe import Grappe, ProjectType, only_small_ogs
from esms_desktop.domain.nomenclature import Nomenclature

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> Decimal:
    """Round half up to the cent, the way an accountant expects."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One figure and where it comes from.

    ``amount`` is ``None`` while the campaign value is unknown; ``provisional`` marks a figure
    shown from a fallback until the user confirms the value; ``payee`` tells who is paid (``og``
    or ``editeur``).
    """

    label: str
    amount: Decimal | None
    rule: str
    value_name: str = ""
    status: ValueStatus = ValueStatus.SEED
    provisional: bool = False
    payee: str = "og"


@dataclass(frozen=True, slots=True)
class EstablishmentBudget:
    finess: str
    name: str
    og_name: str
    category: str
    sector: str
    project: ProjectType
    counted: bool
    funded: bool
    lines: tuple[BudgetLine, ...]
    reason: str = ""
    rank: int | None = None

    @property
    def amount(self) -> Decimal | None:
        """Funded amount; ``None`` when a line is unknown; 0 when not funded."""
        if not self.funded:
            return Decimal(0)
        return _sum(line.amount for line in self.lines)

    @property
    def requested(self) -> Decimal | None:
        """What the lines add up to, funded or not (shows what a cap costs the project)."""
        return _sum(line.amount for line in self.lines)


@dataclass(frozen=True, slots=True)
class TrancheAmount:
    label: str
    pct: Decimal
    amount: Decimal
    status: ValueStatus


@dataclass(frozen=True, slots=True)
class Budget:
    campaign_id: str
    eligibility: Eligibility
    findings: tuple[Finding, ...]
    establishments: tuple[EstablishmentBudget, ...]
    project_lines: tuple[BudgetLine, ...]
    total: Decimal
    complete: bool
    tranches: tuple[TrancheAmount, ...]

    @property
    def eligible(self) -> bool:
        return not any(f.severity is Severity.BLOQUANT for f in self.findings)

    @property
    def counted_establishments(self) -> int:
        return self.eligibility.counted_establishments

    @property
    def funded_count(self) -> int:
        return sum(1 for e in self.establishments if e.funded)

    def subtotal_by_og(self) -> dict[str, Decimal]:
        """Known funded amounts per OG, in the grappe's order."""
        totals: dict[str, Decimal] = {}
        for e in self.establishments:
            totals.setdefault(e.og_name, Decimal(0))
            if e.funded:
                totals[e.og_name] += _known(line.amount for line in e.lines)
        return totals


def _sum(amounts: Iterable[Decimal | None]) -> Decimal | None:
    total = Decimal(0)
    for amount in amounts:
        if amount is None:
            return None
        total += amount
    return total


def _known(amounts: Iterable[Decimal | None]) -> Decimal:
    return sum((a for a in amounts if a is not None), Decimal(0))


def split_tranches(total: Decimal, campaign: Campaign) -> tuple[TrancheAmount, ...]:
    """Split ``total`` by the campaign's percentages; the last tranche absorbs the rounding."""
    out: list[TrancheAmount] = []
    remaining = to_cents(total)
    for i, t in enumerate(campaign.tranches):
        last = i == len(campaign.tranches) - 1
        amount = remaining if last else to_cents(total * t.pct / 100)
        remaining -= amount
        out.append(TrancheAmount(t.label, t.pct, amount, t.status))
    return tuple(out)


def _fmt_eur(amount: Decimal) -> str:
    whole = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")
    return whole.removesuffix(",00") + " €"


def _value_rule(campaign_id: str, value: CampaignValue, scope: str) -> str:
    """The sentence shown beside a figure: which rule, which amount, how sure, from where."""
    if value.amount is not None:
        figure = _fmt_eur(value.amount)
    elif value.fallback is not None:
        figure = f"{_fmt_eur(value.fallback)} provisoire"
    else:
        figure = "montant à renseigner"
    text = f"{campaign_id} · {value.label} : {figure} {scope} ({value.status.label})"
    if value.source:
        text += f" — {value.source}"
    return text


@lru_cache(maxsize=1024)
def _value_line(
    campaign_id: str, value: CampaignValue, scope: str, payee: str = "og"
) -> BudgetLine:
    """The same immutable line serves every ESSMS it applies to (cached: one per campaign value)."""
    amount = value.amount
    provisional = False
    if amount is None and value.fallback is not None:
        amount, provisional = value.fallback, True
    return BudgetLine(
        value.label,
        amount,
        _value_rule(campaign_id, value, scope),
        value.name,
        value.status,
        provisional,
        payee,
    )


def _line_applies(rule: EssmsLineRule, row: RowStatus, rank: int) -> bool:
    est = row.establishment
    if est.project not in rule.projects or not rule.rank_matches(rank):
        return False
    if rule.small_og_only and not row.og.is_small:
        return False
    return not (rule.requires_equipment and not est.equipment)


def _essms_lines(campaign: Campaign, grappe: Grappe, row: RowStatus, rank: int) -> list[BudgetLine]:
    lines: list[BudgetLine] = []
    for rule in campaign.essms_lines:
        if not _line_applies(rule, row, rank):
            continue
        value = campaign.value(rule.value)
        line = _value_line(campaign.id, value, "par ESSMS", rule.payee)
        if rule.requires_segur:
            referenced = grappe.solution.segur_referenced
            if referenced is False:
                continue
            if referenced is None:
                line = BudgetLine(
                    line.label,
                    None,
                    line.rule + " — référencement Ségur à vérifier",
                    line.value_name,
                    line.status,
                    line.provisional,
                    line.payee,
                )
        lines.append(line)
    est = row.establishment
    scope = campaign.scope
    if (
        lines
        and scope.hours_prorata
        and row.category.sector.value in scope.hours_prorata_sectors
        and est.eligible_hours_pct < 100
    ):
        pct = est.eligible_hours_pct
        base = _sum(line.amount for line in lines)
        cut = None if base is None else -to_cents(base * (100 - pct) / 100)
        shown = format_decimal(pct)  # « 70 », never « 7E+1 »
        lines.append(
            BudgetLine(
                f"Prorata des heures éligibles ({shown} %)",
                cut,
                f"{campaign.id} · services à domicile : seule la part des activités essentielles "
                f"compte ; montant × {shown} % (FAQ ESMS numérique)",
                "prorata_heures",
                ValueStatus.OK,
            )
        )
    return lines


def compute(grappe: Grappe, campaign: Campaign, nomenclature: Nomenclature) -> Budget:
    """Eligibility, then the per-ESSMS and project lines, the cap, the total and the tranches."""
    eligibility = evaluate(grappe, campaign, nomenclature)
    findings = list(eligibility.findings)
    drafts: list[EstablishmentBudget] = []
    rank = 0
    for row in eligibility.rows:
        est = row.establishment
        if not row.counted or est.project is ProjectType.AUCUN:
            reason = row.reason or "aucun projet DUI pour cet ESSMS : non financé"
            lines: tuple[BudgetLine, ...] = ()
            funded, row_rank = False, None
        else:
            rank += 1
            lines = tuple(_essms_lines(campaign, grappe, row, rank))
            funded, row_rank = bool(lines), rank
            reason = "" if lines else "aucune ligne de financement de la campagne ne s'applique"
        drafts.append(
            EstablishmentBudget(
                est.finess,
                est.name,
                row.og.name,
                row.category.code,
                row.category.sector.value,
                est.project,
                row.counted,
                funded,
                lines,
                reason,
                row_rank,
            )
        )
    establishments = _apply_cap(campaign, drafts)
    project_lines = _project_lines(campaign, grappe, establishments)
    funded_lines = [ln for e in establishments if e.funded for ln in e.lines]
    all_lines = funded_lines + list(project_lines)
    findings += _missing_value_findings(campaign, all_lines)
    complete = all(line.amount is not None for line in all_lines)
    total = to_cents(_known(line.amount for line in all_lines))
    if not complete:
        findings.append(
            Finding(
                "total_incomplet",
                Severity.AVERTISSEMENT,
                f"Total incomplet : {_fmt_eur(total)} connus ; des montants restent à renseigner "
                "(valeurs « à confirmer auprès de votre ARS »).",
                f"{campaign.id} · montants à confirmer",
            )
        )
    return Budget(
        campaign.id,
        eligibility,
        tuple(findings),
        tuple(establishments),
        project_lines,
        total,
        complete,
        split_tranches(total, campaign),
    )


def _apply_cap(campaign: Campaign, drafts: list[EstablishmentBudget]) -> list[EstablishmentBudget]:
    cap = campaign.size.funded_cap
    candidates = [e for e in drafts if e.funded]
    if cap is None or len(candidates) <= cap.value:
        return drafts
    # Highest amount first; ties keep the order entered (sort is stable).
    ranked = sorted(candidates, key=lambda e: -_known(line.amount for line in e.lines))
    kept = {id(e) for e in ranked[: cap.value]}
    reason = (
        f"non financé (plafond) : {cap.value} ESSMS financés au plus par projet, les montants "
        "les plus élevés étant retenus"
    )
    return [e if not e.funded or id(e) in kept else _replace_funded(e, reason) for e in drafts]


def _replace_funded(e: EstablishmentBudget, reason: str) -> EstablishmentBudget:
    return EstablishmentBudget(
        e.finess,
        e.name,
        e.og_name,
        e.category,
        e.sector,
        e.project,
        e.counted,
        False,
        e.lines,
        reason,
        e.rank,
    )


def _project_lines(
    campaign: Campaign, grappe: Grappe, establishments: list[EstablishmentBudget]
) -> tuple[BudgetLine, ...]:
    funded = [e for e in establishments if e.funded]
    if not funded:
        return ()
    small_only = only_small_ogs(grappe)
    has_acquisition = any(e.project is ProjectType.ACQUISITION for e in funded)
    lines = []
    for rule in campaign.project_lines:
        if rule.only_small_og_grappe and not small_only:
            continue
        if rule.requires_acquisition and not has_acquisition:
            continue
        lines.append(_value_line(campaign.id, campaign.value(rule.value), "par projet"))
    return tuple(lines)


def _missing_value_findings(campaign: Campaign, lines: list[BudgetLine]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[str] = set()
    for line in lines:
        if line.value_name in seen or line.value_name not in campaign.values:
            continue
        value = campaign.value(line.value_name)
        if line.provisional:
            seen.add(line.value_name)
            out.append(
                Finding(
                    "valeur_provisoire",
                    Severity.AVERTISSEMENT,
                    f"« {value.label} » : {_fmt_eur(line.amount or Decimal(0))} affiché à titre "
                    "provisoire, règle à confirmer auprès de votre ARS (réglage "
                    f"« {value.name} »).",
                    _value_rule(campaign.id, value, "par ESSMS"),
                )
            )
        elif line.amount is None and not value.known:
            seen.add(line.value_name)
            out.append(
                Finding(
                    "valeur_a_confirmer",
                    Severity.AVERTISSEMENT,
                    f"« {value.label} » : montant à renseigner (à confirmer auprès de votre ARS, "
                    f"réglage « {value.name} »).",
                    _value_rule(campaign.id, value, ""),
                )
            )
    segur = [ln for ln in lines if ln.amount is None and "Ségur à vérifier" in ln.rule]
    if segur:
        out.append(
            Finding(
                "segur_a_verifier_montant",
                Severity.AVERTISSEMENT,
                f"{len(segur)} montant(s) dépendent du référencement Ségur de la solution : à "
                "vérifier et à renseigner dans la fiche de la solution DUI.",
                f"{campaign.id} · complément éditeur référencé Ségur",
            )
        )
    return out

"""The budget a grappe can claim under a campaign, every figure traceable to its rule.

Money is ``Decimal`` euros rounded to the cent, never float: a director files these figures with
the ARS and they must add up to the cent. An amount that depends on a value still "à confirmer"
is ``None`` (or the programme's stated fallback, flagged as provisional), and the total says it is
incomplete instead of pretending. Amounts are TTC (programme.md §8; ``Budget.ttc``).

Per ESSMS, the order is: the campaign's lines (graded by rank or size band, replaced or
modulated for Corse / overseas), the hours prorata, then the per-ESSMS ceiling; then the cap on
funded ESSMS, the project lines, the per-OG lines, the total and the tranches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from esms_desktop.domain.campaign import (
    Campaign,
    CampaignValue,
    EssmsLineRule,
    Factor,
    ValueStatus,
)
from esms_desktop.domain.eligibility import (
    NO_DECLARATIONS,
    Declarations,
    Eligibility,
    RowStatus,
    evaluate,
)
from esms_desktop.domain.findings import Finding, Severity
from esms_desktop.domain.formatting import format_decimal
from esms_desktop.domain.grappe import Grappe, Organisation, ProjectType, only_small_ogs
from esms_desktop.domain.identifiers import is_island_or_overseas
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
    or ``editeur``); ``og`` names the OG of a per-OG line (empty for the others).
    """

    label: str
    amount: Decimal | None
    rule: str
    value_name: str = ""
    status: ValueStatus = ValueStatus.SEED
    provisional: bool = False
    payee: str = "og"
    og: str = ""


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
    condition: str = ""
    usage_targets: bool = False


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
    ttc: bool = True
    """The campaign's amounts are TTC (VAT included), as programme.md §8 says they are."""
    pnrr: bool = False
    """The call is funded by the recovery plan (``Campaign.pnrr``): the PNRR attestation applies."""

    @property
    def tax(self) -> str:
        """« TTC » or « HT », as every amount's heading says (a campaign file may state HT)."""
        return "TTC" if self.ttc else "HT"

    @property
    def og_lines(self) -> tuple[BudgetLine, ...]:
        """The per-OG lines, which ``project_lines`` also holds (after the project's own)."""
        return tuple(line for line in self.project_lines if line.og)

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
        """Known funded amounts per OG, in the grappe's order, its per-OG lines included."""
        totals: dict[str, Decimal] = {}
        for e in self.establishments:
            totals.setdefault(e.og_name, Decimal(0))
            if e.funded:
                totals[e.og_name] += _known(line.amount for line in e.lines)
        for line in self.og_lines:
            totals[line.og] = totals.get(line.og, Decimal(0)) + _known([line.amount])
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
        out.append(TrancheAmount(t.label, t.pct, amount, t.status, t.condition, t.usage_targets))
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


def _rule_value(rule: EssmsLineRule, rank: int, size: int, island: bool) -> tuple[str, str] | None:
    """The value a line takes for one ESSMS and the words that say why; None when no band
    covers it."""
    name, scope = rule.value, "par ESSMS"
    if rule.bands:
        band = rule.band_for(rank, size)
        if band is None:
            return None
        name = band.value
        scope = (
            f"par ESSMS (projet {band.text} ESSMS)"
            if rule.band_by == "size"
            else f"par ESSMS (rang {band.text})"
        )
    if island and rule.island is not None and rule.island.value:
        name, scope = rule.island.value, f"{scope}, en Corse ou outre-mer"
    return name, scope


def _island_line(campaign: Campaign, base: BudgetLine, factor: Factor) -> BudgetLine:
    """The Corse / overseas coefficient as its own line, so the base amount stays traceable."""
    shown = format_decimal(factor.value)
    amount = None if base.amount is None else to_cents(base.amount * (factor.value - 1))
    rule = (
        f"{campaign.id} · {base.label} × {shown} pour un ESSMS en Corse ou outre-mer "
        f"({factor.status.label})"
    )
    if factor.source:
        rule += f" — {factor.source}"
    return BudgetLine(
        f"Modulation Corse / outre-mer (× {shown})",
        amount,
        rule,
        "modulation_outre_mer",
        factor.status,
        base.provisional,
        base.payee,
    )


def _ceiling_line(campaign: Campaign, lines: list[BudgetLine]) -> BudgetLine | None:
    """What brings an ESSMS's total down to the campaign's per-ESSMS ceiling, when it is over.

    The ceiling caps everything the ESSMS receives (after the hours prorata); while a line is
    unknown nobody can tell whether it is reached, and while the ceiling itself is unknown
    (no amount, no fallback) it is not applied (a finding says so).
    """
    value = campaign.value(campaign.ceilings.per_essms)
    limit, provisional = value.amount, False
    if limit is None and value.fallback is not None:
        limit, provisional = value.fallback, True
    total = _sum(line.amount for line in lines)
    if limit is None or total is None or total <= limit:
        return None
    return BudgetLine(
        f"{value.label} ({_fmt_eur(limit)})",
        limit - total,
        _value_rule(campaign.id, value, "par ESSMS au plus"),
        value.name,
        value.status,
        provisional,
    )


def _essms_lines(
    campaign: Campaign, grappe: Grappe, row: RowStatus, rank: int, size: int
) -> list[BudgetLine]:
    lines: list[BudgetLine] = []
    island = is_island_or_overseas(row.finess)
    for rule in campaign.essms_lines:
        if not _line_applies(rule, row, rank):
            continue
        chosen = _rule_value(rule, rank, size, island)
        if chosen is None:
            continue
        name, where = chosen
        value = campaign.value(name)
        line = _value_line(campaign.id, value, where, rule.payee)
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
        if island and rule.island is not None and rule.island.coefficient is not None:
            lines.append(_island_line(campaign, line, rule.island.coefficient))
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
    if lines and campaign.ceilings.per_essms:
        ceiling = _ceiling_line(campaign, lines)
        if ceiling is not None:
            lines.append(ceiling)
    return lines


def compute(
    grappe: Grappe,
    campaign: Campaign,
    nomenclature: Nomenclature,
    declarations: Declarations = NO_DECLARATIONS,
) -> Budget:
    """Eligibility, then the per-ESSMS and project lines, the cap, the total and the tranches.

    ``rank`` (an ESSMS's place among those with a DUI project, in the order entered) and
    ``size`` (the ESSMS the project counts, as the size rules count them) pick the band of a
    graded line.
    """
    eligibility = evaluate(grappe, campaign, nomenclature, declarations)
    findings = list(eligibility.findings)
    drafts: list[EstablishmentBudget] = []
    size = eligibility.counted_establishments
    rank = 0
    for row in eligibility.rows:
        est = row.establishment
        if not row.counted or est.project is ProjectType.AUCUN:
            reason = row.reason or "aucun projet DUI pour cet ESSMS : non financé"
            lines: tuple[BudgetLine, ...] = ()
            funded, row_rank = False, None
        else:
            rank += 1
            lines = tuple(_essms_lines(campaign, grappe, row, rank, size))
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
    project_lines = _project_lines(campaign, grappe, establishments) + _og_lines(
        campaign, eligibility, establishments
    )
    funded_lines = [ln for e in establishments if e.funded for ln in e.lines]
    all_lines = funded_lines + list(project_lines)
    findings += _missing_value_findings(campaign, all_lines)
    findings += _ceiling_findings(campaign, establishments)
    complete = all(line.amount is not None for line in all_lines)
    total = to_cents(_known(line.amount for line in all_lines))
    if not complete:
        findings.append(
            Finding(
                "total_incomplet",
                Severity.AVERTISSEMENT,
                (
                    f"Total incomplet : {_fmt_eur(total)} connus"
                    if total
                    else "Total à renseigner : aucun montant n'est encore connu"
                )
                + " ; des montants restent à renseigner (valeurs « à confirmer auprès de votre "
                "ARS »).",
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
        campaign.ttc,
        campaign.pnrr,
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


def _og_lines(
    campaign: Campaign, eligibility: Eligibility, establishments: list[EstablishmentBudget]
) -> tuple[BudgetLine, ...]:
    """One line per OG and per-OG rule, for the OGs with at least one funded ESSMS.

    Small-OG support in the généralisation calls goes to each OG of fewer than 15 ESSMS, not
    only to grappes made only of small OGs (programme.md §8).
    """
    if not campaign.og_lines:
        return ()
    funded: dict[int, tuple[Organisation, list[EstablishmentBudget]]] = {}
    for row, e in zip(eligibility.rows, establishments, strict=True):
        if e.funded:
            funded.setdefault(id(row.og), (row.og, []))[1].append(e)
    lines: list[BudgetLine] = []
    for og, ests in funded.values():
        acquisition = any(e.project is ProjectType.ACQUISITION for e in ests)
        for rule in campaign.og_lines:
            if rule.small_og_only and not og.is_small:
                continue
            if rule.requires_acquisition and not acquisition:
                continue
            base = _value_line(campaign.id, campaign.value(rule.value), "par OG")
            lines.append(replace(base, label=f"{base.label} — {og.name}", og=og.name))
    return tuple(lines)


def _ceiling_findings(
    campaign: Campaign, establishments: list[EstablishmentBudget]
) -> list[Finding]:
    """Say when the per-ESSMS ceiling cannot be applied yet because nobody gave it."""
    name = campaign.ceilings.per_essms
    if not name or not any(e.funded for e in establishments):
        return []
    value = campaign.value(name)
    if value.amount is not None or value.fallback is not None:
        return []
    return [
        Finding(
            "plafond_a_renseigner",
            Severity.AVERTISSEMENT,
            f"« {value.label} » : montant à renseigner (à confirmer auprès de votre ARS, réglage "
            f"« {value.name} ») ; tant qu'il ne l'est pas, aucun plafond n'est appliqué.",
            _value_rule(campaign.id, value, "par ESSMS au plus"),
        )
    ]


def _missing_value_findings(campaign: Campaign, lines: list[BudgetLine]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[str] = set()
    for line in lines:
        if line.value_name in seen or line.value_name not in campaign.values:
            continue
        value = campaign.value(line.value_name)
        if line.provisional:
            seen.add(line.value_name)
            # The fallback itself: a ceiling's line holds the cut, not the value shown.
            shown = value.fallback if value.fallback is not None else line.amount or Decimal(0)
            out.append(
                Finding(
                    "valeur_provisoire",
                    Severity.AVERTISSEMENT,
                    f"« {value.label} » : {_fmt_eur(shown)} affiché à titre "
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

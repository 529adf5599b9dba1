"""Where a funded project stands against its usage targets: per ESSMS, per target, overall.

The last tranche is paid only once the usage targets are reached and proven (programme.md §5,
§8). This module reads the values entered or imported (:class:`IndicatorValue`) against the
dossier's commitments (``Dossier.usage_targets``) and says, for every target and every counted
ESSMS of the grappe: reached or not, by how much, since when, and by which date; then the same
for the whole project, with the ESSMS that hold it back listed worst first.

Rules chosen where no source decides (each is documented where it is applied):

* a target is recognised as DMP / MSSanté / INS / DUI by the words of its indicator
  (:func:`family_of`); AHI ESSMS (not eligible to SONS) are exempt from the DMP and MSSanté
  targets since the instruction of September 2025 — the rule holds for every project still
  followed, whatever its call, since every measure is taken after it;
* a share is a percentage (0–100) per ESSMS; over the project it is weighted by the
  denominators when every ESSMS measured gives one (sum of numerators / sum of denominators),
  else it is the share of the ESSMS measured that reach the threshold (reached at 100 %);
* a count threshold is read per ESSMS (« 100 messages par mois » is each ESSMS's commitment):
  the project's count is the sum, compared to the threshold times the ESSMS concerned;
* the project reaches a target only when every ESSMS concerned has a value: a missing value is
  nothing proven.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier, UsageTarget
from esms_desktop.domain.eligibility import evaluate, exclusion
from esms_desktop.domain.follow_up import IndicatorValue, Period, PeriodKind
from esms_desktop.domain.formatting import MONTHS
from esms_desktop.domain.grappe import Establishment, Organisation
from esms_desktop.domain.nomenclature import Nomenclature, Sector
from esms_desktop.domain.parsing import (
    fold,
    parse_due_date,
    parse_finess,
    parse_int,
    parse_money,
    parse_pct,
    parse_text,
)
from esms_desktop.domain.usage_threshold import UsageThreshold

HUNDRED = Decimal(100)

# --- indicator families ---------------------------------------------------------------------


class IndicatorFamily(StrEnum):
    """What a target measures, as far as the programme's rules care.

    Only the families matter to a rule (the AHI exemption names DMP and MSSanté); the words of
    the indicator stay the user's.
    """

    DUI = "dui"
    INS = "ins"
    DMP = "dmp"
    MSSANTE = "mssante"
    AUTRE = "autre"

    @property
    def label(self) -> str:
        return {
            "dui": "DUI actif",
            "ins": "Identités qualifiées INS",
            "dmp": "DMP / Mon espace santé",
            "mssante": "MSSanté",
            "autre": "Autre indicateur",
        }[self.value]


_FAMILY_WORDS: tuple[tuple[IndicatorFamily, re.Pattern[str]], ...] = (
    (IndicatorFamily.MSSANTE, re.compile(r"\bmss(?:ante)?\b|messagerie securisee")),
    (IndicatorFamily.DMP, re.compile(r"\bdmp\b|mon espace sante|dossier medical partage")),
    (IndicatorFamily.INS, re.compile(r"\bins\b|identite nationale de sante")),
    (IndicatorFamily.DUI, re.compile(r"\bdui\b|dossier usager informatise")),
)
"""Checked in this order on the folded indicator: a « DUI » indicator that mentions MSSanté
messages is about MSSanté (the service the exemption is about), not about the DUI."""

EXEMPT_FAMILIES: Mapping[Sector, frozenset[IndicatorFamily]] = {
    Sector.AHI: frozenset({IndicatorFamily.DMP, IndicatorFamily.MSSANTE}),
}
"""Sectors exempt from some target families: AHI ESSMS (not eligible to SONS) have no DMP /
Mon espace santé nor MSSanté target since September 2025 (instruction DNS/DGCS/CNSA 2025/100,
programme.md §8)."""


def family_of(indicator: str) -> IndicatorFamily:
    """The family of an indicator, from its words (case, accents and apostrophes ignored).

    « Part des personnes accompagnées disposant d'un DUI actif » → DUI, « Identités qualifiées
    avec l'INS » → INS, « Documents envoyés au DMP / Mon espace santé » → DMP, « Messages
    échangés par MSSanté » (or « MSS ») → MSSANTE; anything else → AUTRE (no rule applies).
    """
    words = fold(indicator).replace("'", " ").replace("-", " ")
    for family, pattern in _FAMILY_WORDS:
        if pattern.search(words):
            return family
    return IndicatorFamily.AUTRE


def _sectors_named(text: str) -> frozenset[Sector] | None:
    """The sectors a target's sector text names (« PA », « PA, PH », « Personnes âgées »);
    None when it names none we know (the target is then not restricted: we cannot tell)."""
    found: set[Sector] = set()
    for part in re.split(r"[,;/+]|\bet\b", fold(text)):
        word = part.strip()
        for sector in Sector:
            if word in (fold(sector.value), fold(sector.label)):
                found.add(sector)
    return frozenset(found) or None


def applies(target: UsageTarget, establishment_sector: Sector, campaign: Campaign | None) -> bool:
    """Whether ``target`` is a commitment of an ESSMS of ``establishment_sector``.

    A target with a sector applies only to ESSMS of that sector (a sector text we cannot read
    restricts nothing); an exempt family (:data:`EXEMPT_FAMILIES`) does not apply to its sector.
    ``campaign`` is taken for a call whose file would come to say otherwise; no call does today,
    and the 2025 exemption holds for every project still followed.
    """
    del campaign  # the exemption is the programme's, not one call's (see above)
    if target.sector.strip():
        named = _sectors_named(target.sector)
        if named is not None and establishment_sector not in named:
            return False
    return family_of(target.indicator) not in EXEMPT_FAMILIES.get(establishment_sector, frozenset())


def exemption_reason(target: UsageTarget, establishment_sector: Sector) -> str:
    """Why ``target`` does not apply to an ESSMS of ``establishment_sector``, in French (the
    reasons :func:`applies` has; "" when it applies)."""
    reasons = []
    family = family_of(target.indicator)
    if family in EXEMPT_FAMILIES.get(establishment_sector, frozenset()):
        reasons.append(
            f"ESSMS {establishment_sector.value} non éligible à SONS : pas de cible "
            f"{family.label} depuis septembre 2025 (instruction DNS/DGCS/CNSA 2025/100)"
        )
    if target.sector.strip():
        named = _sectors_named(target.sector)
        if named is not None and establishment_sector not in named:
            reasons.append(
                f"cible réservée au secteur {target.sector.strip()} "
                f"(ESSMS du secteur {establishment_sector.value})"
            )
    return " ; ".join(reasons)


# --- periods --------------------------------------------------------------------------------

_MONTHS = {fold(name): i for i, name in enumerate(MONTHS, start=1)}
_ISO_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})(?:-01(?:[ t]00:00(?::00)?)?)?")
_FR_MONTH = re.compile(r"(\d{1,2})[-/.](\d{4})")
_ISO_QUARTER = re.compile(r"(\d{4})[-\s/]*t([1-4])")
_FR_QUARTER = re.compile(r"t([1-4])[-\s/]*(\d{4})")
_NAMED_MONTH = re.compile(r"([a-z]+)\.?\s+(\d{4})")
PERIOD_EXPECTED = "période attendue : « 2026-03 » ou « 03/2026 » (mois), « 2026-T1 » ou « T1 2026 »"


def parse_period(text: str) -> Period:
    """A month or a quarter as people write them; ValueError with the French reason otherwise.

    Months: « 2026-03 », « 03/2026 », « mars 2026 »; quarters: « 2026-T1 », « T1 2026 ». A
    spreadsheet that turned « 2026-03 » into the date of the 1st (« 2026-03-01 », or
    « 01/03/2026 ») gives that month back.
    """
    raw = fold(text).replace("\u00a0", " ")
    if not raw:
        raise ValueError(f"période manquante : {PERIOD_EXPECTED}")
    month: tuple[int, int] | None = None
    if (m := _ISO_MONTH.fullmatch(raw)) is not None:
        month = int(m[1]), int(m[2])
    elif (m := _FR_MONTH.fullmatch(raw)) is not None:
        month = int(m[2]), int(m[1])
    elif (m := _NAMED_MONTH.fullmatch(raw)) is not None and m[1] in _MONTHS:
        month = int(m[2]), _MONTHS[m[1]]
    elif (day := parse_due_date(raw)).ok and isinstance(day.value, date) and day.value.day == 1:
        month = day.value.year, day.value.month
    if month is not None:
        year, index = month
        if not 1 <= index <= 12:
            raise ValueError(f"mois {index} inexistant : {PERIOD_EXPECTED}")
        return Period(year, index, PeriodKind.MOIS)
    if (m := _ISO_QUARTER.fullmatch(raw)) is not None:
        return Period(int(m[1]), int(m[2]), PeriodKind.TRIMESTRE)
    if (m := _FR_QUARTER.fullmatch(raw)) is not None:
        return Period(int(m[2]), int(m[1]), PeriodKind.TRIMESTRE)
    raise ValueError(f"« {text.strip()} » n'est pas une période : {PERIOD_EXPECTED}")


def period_end(period: Period) -> date:
    """The last day of a month or a quarter (what « by 2026-T4 » means as a date)."""
    month = period.index * 3 if period.kind is PeriodKind.TRIMESTRE else period.index
    return date(period.year, month, calendar.monthrange(period.year, month)[1])


# --- deadlines ------------------------------------------------------------------------------

_RELATIVE = re.compile(r"(?:[tm]\s*\+\s*)?(\d{1,3})\s*mois(?:\s+apres.*)?")


def _add_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadline_of(target: UsageTarget, convention_signed_on: date | None) -> date | None:
    """When the target must be reached, from its window text; None when the text says no date.

    The window is the user's words: a date (« 31/12/2026 »), a period (« 2026-T4 »: its last
    day) or a delay after the convention (« T+12 mois », « 18 mois »: counted from its
    signature, hence None until the convention is recorded). No campaign file states the
    project's duration, so nothing else is guessed.
    """
    text = target.window.strip()
    if not text:
        return None
    day = parse_due_date(text)
    if day.ok and isinstance(day.value, date):
        return day.value
    try:
        return period_end(parse_period(text))
    except ValueError:
        pass
    relative = _RELATIVE.fullmatch(fold(text))
    if relative is not None and convention_signed_on is not None:
        return _add_months(convention_signed_on, int(relative[1]))
    return None


# --- progress -------------------------------------------------------------------------------


def is_share(target: UsageTarget) -> bool:
    """A target measured as a share (%): its threshold is a percentage, or it has none yet (the
    form the programme's families take until the convention's threshold is entered)."""
    return target.threshold is None or target.threshold.is_percentage


def _reached(value: Decimal, threshold: UsageThreshold | None) -> bool | None:
    return None if threshold is None else value >= threshold.amount


def reaches(target: UsageTarget, value: Decimal) -> bool | None:
    """Whether one ESSMS's ``value`` meets ``target``'s threshold; None while it has none.

    The rule every verdict of this module applies to one value (a share in % against a
    percentage, a count against the per-ESSMS count: a threshold is each ESSMS's commitment),
    public so that a view colours a value below its threshold without writing the rule again.
    """
    return _reached(value, target.threshold)


class TargetState(StrEnum):
    """Where a target stands, in the words a director acts on.

    « Not reached » is said only of a target that can be judged: one without any value is
    « sans valeur » (enter the values), one whose values exist but whose threshold is not
    typed is « seuil à confirmer » (type the convention's), and a target no counted ESSMS is
    concerned by (all exempt) is « sans objet »: it holds nothing back.
    """

    ATTEINTE = "atteinte"
    NON_ATTEINTE = "non_atteinte"
    SEUIL_A_CONFIRMER = "seuil_a_confirmer"
    SANS_VALEUR = "sans_valeur"
    SANS_OBJET = "sans_objet"

    @property
    def label(self) -> str:
        """Short, for a table cell (« Atteinte » column)."""
        return {
            "atteinte": "atteinte",
            "non_atteinte": "non atteinte",
            "seuil_a_confirmer": "seuil à confirmer",
            "sans_valeur": "sans valeur",
            "sans_objet": "sans objet",
        }[self.value]

    @property
    def reason(self) -> str:
        """The words heading the targets in this state when a payment waits for them."""
        return {
            "atteinte": "atteinte",
            "non_atteinte": "non atteinte",
            "seuil_a_confirmer": "seuil à confirmer (saisir celui de la convention)",
            "sans_valeur": "aucune valeur saisie",
            "sans_objet": "aucun ESSMS concerné",
        }[self.value]

    @property
    def holds_back(self) -> bool:
        """Whether a target in this state keeps a payment on usage waiting."""
        return self not in (TargetState.ATTEINTE, TargetState.SANS_OBJET)


def state_of(reached: bool | None, measured: bool, threshold: bool) -> TargetState:
    """The state of a target (one ESSMS's or the project's): no value first (nothing to judge,
    whatever the threshold), then no threshold, then the verdict."""
    if not measured:
        return TargetState.SANS_VALEUR
    if not threshold:
        return TargetState.SEUIL_A_CONFIRMER
    return TargetState.ATTEINTE if reached else TargetState.NON_ATTEINTE


@dataclass(frozen=True, slots=True)
class TargetProgress:
    """One target for one ESSMS: its values by period and where the latest stands.

    ``gap`` is the latest value minus the threshold, in the target's unit (points of % for a
    share): negative while not reached. ``since`` is the first period from which it has stayed
    reached up to the latest value; ``deadline`` see :func:`deadline_of`.
    """

    target: UsageTarget
    finess: str
    name: str
    og: str
    values: tuple[IndicatorValue, ...]
    """Sorted by period."""
    reached: bool | None
    gap: Decimal | None
    since: Period | None
    deadline: date | None

    @property
    def threshold(self) -> UsageThreshold | None:
        return self.target.threshold

    @property
    def latest(self) -> IndicatorValue | None:
        return self.values[-1] if self.values else None

    @property
    def by_period(self) -> tuple[tuple[Period, Decimal], ...]:
        return tuple((v.period, v.value) for v in self.values)

    @property
    def state(self) -> TargetState:
        return state_of(self.reached, self.latest is not None, self.threshold is not None)

    @property
    def relative_gap(self) -> Decimal | None:
        """The gap as a fraction of the threshold, to rank shares and counts together."""
        if self.gap is None or self.threshold is None or not self.threshold.amount:
            return None
        return self.gap / self.threshold.amount


def _worst_first(p: TargetProgress) -> tuple[int, Decimal]:
    """No value yet first (nothing proven), then the largest shortfall relative to the
    threshold; reached ESSMS last."""
    if p.latest is None:
        return (0, Decimal(0))
    if p.reached:
        return (2, p.relative_gap or Decimal(0))
    return (1, p.relative_gap if p.relative_gap is not None else Decimal(0))


def target_progress(
    target: UsageTarget,
    finess: str,
    name: str,
    og: str,
    values: Sequence[IndicatorValue],
    convention_signed_on: date | None = None,
) -> TargetProgress:
    """``target`` for one ESSMS from its ``values`` (any order; other ESSMS' values ignored)."""
    mine = sorted(
        (v for v in values if v.finess == finess and v.indicator == target.indicator),
        key=lambda v: v.period,
    )
    threshold = target.threshold
    latest = mine[-1] if mine else None
    reached = gap = since = None
    if latest is not None and threshold is not None:
        reached = _reached(latest.value, threshold)
        gap = latest.value - threshold.amount
        if reached:
            since = latest.period
            for v in reversed(mine):
                if not _reached(v.value, threshold):
                    break
                since = v.period
    return TargetProgress(
        target=target,
        finess=finess,
        name=name,
        og=og,
        values=tuple(mine),
        reached=reached,
        gap=gap,
        since=since,
        deadline=deadline_of(target, convention_signed_on),
    )


class AggregateBasis(StrEnum):
    """How a target's project value was computed (printed beside it)."""

    PONDEREE = "ponderee"
    PART_ESSMS = "part_essms"
    SOMME = "somme"

    @property
    def label(self) -> str:
        return {
            "ponderee": "part pondérée par les dénominateurs de chaque ESSMS",
            "part_essms": "part des ESSMS mesurés qui atteignent le seuil",
            "somme": "somme des ESSMS, comparée au seuil multiplié par le nombre d'ESSMS",
        }[self.value]


@dataclass(frozen=True, slots=True)
class ProjectProgress:
    """One target for the whole project (see the module's rules for ``value`` and ``bar``).

    ``essms`` are the ESSMS the target applies to, worst first; ``exempt`` the (FINESS, name)
    of the counted ESSMS it does not apply to (exempt sector or another sector), listed apart,
    and ``exempt_reasons`` why, in French, in the same order (:func:`exemption_reason`).
    ``since`` is the first period from which the project has stayed reached up to its latest
    period (None while not reached; see :func:`project_progress`).
    """

    target: UsageTarget
    essms: tuple[TargetProgress, ...]
    exempt: tuple[tuple[str, str], ...]
    basis: AggregateBasis
    value: Decimal | None
    bar: Decimal | None
    """What ``value`` is compared to: the threshold, 100 (% of ESSMS) or threshold × ESSMS."""
    reached: bool | None
    gap: Decimal | None
    by_period: tuple[tuple[Period, Decimal | None], ...]
    deadline: date | None
    confirmed: bool = False
    """The threshold was typed from the signed convention (else « à confirmer »)."""
    since: Period | None = None
    exempt_reasons: tuple[str, ...] = ()

    def exemption_of(self, finess: str) -> str:
        """Why the counted ESSMS ``finess`` is not concerned ("" when it is)."""
        for (exempt, _name), reason in zip(self.exempt, self.exempt_reasons, strict=False):
            if exempt == finess:
                return reason
        return ""

    @property
    def laggards(self) -> tuple[TargetProgress, ...]:
        """The ESSMS that hold the target back (not reached or no value), worst first."""
        if self.target.threshold is None:
            return ()
        return tuple(p for p in self.essms if not p.reached)

    @property
    def blocking(self) -> tuple[str, ...]:
        """FINESS of :attr:`laggards`, worst first."""
        return tuple(p.finess for p in self.laggards)

    @property
    def measured(self) -> int:
        return sum(1 for p in self.essms if p.latest is not None)

    @property
    def state(self) -> TargetState:
        """Where the target stands for the project (:class:`TargetState`)."""
        if not self.essms:
            return TargetState.SANS_OBJET
        return state_of(self.reached, self.measured > 0, self.target.threshold is not None)

    @property
    def shortfall(self) -> str:
        """The target named with what holds it back when not reached: « DUI (2 ESSMS en
        retard, 1 sans valeur) » — the ESSMS under the threshold, then those not measured."""
        below = sum(1 for p in self.laggards if p.latest is not None)
        unmeasured = sum(1 for p in self.laggards if p.latest is None)
        parts = []
        if below:
            parts.append(f"{below} ESSMS en retard")
        if unmeasured:
            parts.append(f"{unmeasured} sans valeur")
        if not parts and self.gap is not None and self.gap < 0:
            parts.append(f"écart {_number(self.gap)}")
        return self.target.indicator + (f" ({', '.join(parts)})" if parts else "")

    @property
    def summary(self) -> str:
        """One French sentence: where the project stands for this target."""
        n = len(self.essms)
        if self.target.threshold is None:
            text = TargetState.SEUIL_A_CONFIRMER.reason
        elif self.value is None:
            text = "aucune valeur saisie"
        else:
            shown = _number(self.value)
            unit = "%" if self.basis is not AggregateBasis.SOMME else self.target.threshold.unit
            state = "atteinte" if self.reached else "non atteinte"
            text = f"{shown} {unit} ({self.basis.label}) : cible {state}"
            if self.gap is not None and not self.reached:
                text += f", écart {_number(self.gap)}"
        text += f" — {self.measured} ESSMS mesurés sur {n}"
        if self.laggards:
            text += f", {len(self.laggards)} en retard"
        if self.exempt:
            text += f", {len(self.exempt)} non concernés"
        if self.deadline is not None:
            text += f" ; échéance le {self.deadline:%d/%m/%Y}"
        return text


def _number(value: Decimal) -> str:
    """A figure as printed in a French sentence: at most one decimal, comma mark."""
    rounded = value.quantize(Decimal("0.1")).normalize()
    text = f"{rounded:f}".replace(".", ",")
    return "0" if text in ("-0", "0,0") else text


def _share_aggregate(
    values: Sequence[IndicatorValue], threshold: UsageThreshold | None
) -> tuple[AggregateBasis, Decimal | None]:
    if not values:
        basis = AggregateBasis.PONDEREE
        return basis, None
    if all(v.denominator for v in values):
        numerators = sum((v.value * (v.denominator or 0) / HUNDRED for v in values), Decimal(0))
        denominators = sum((v.denominator or Decimal(0) for v in values), Decimal(0))
        return AggregateBasis.PONDEREE, numerators / denominators * HUNDRED
    if threshold is None:
        return AggregateBasis.PART_ESSMS, None
    reached = sum(1 for v in values if v.value >= threshold.amount)
    return AggregateBasis.PART_ESSMS, Decimal(reached) * HUNDRED / len(values)


def _aggregate(
    target: UsageTarget, values: Sequence[IndicatorValue], concerned: int
) -> tuple[AggregateBasis, Decimal | None, Decimal | None]:
    """(basis, value, bar) of one set of values, one per ESSMS."""
    threshold = target.threshold
    if not is_share(target):
        assert threshold is not None
        value = sum((v.value for v in values), Decimal(0)) if values else None
        return AggregateBasis.SOMME, value, threshold.amount * concerned
    basis, value = _share_aggregate(values, threshold)
    if threshold is None:
        return basis, value, None
    return basis, value, threshold.amount if basis is AggregateBasis.PONDEREE else HUNDRED


def _project_since(target: UsageTarget, essms: Sequence[TargetProgress]) -> Period | None:
    """The first period from which the project has stayed reached, walking its periods back.

    At each period the project is judged as :func:`project_progress` judges it today, on each
    ESSMS's latest value up to that period: reached only when every concerned ESSMS has one and
    the aggregate meets the bar. At the last period this is the project's own ``reached``, so a
    project reached always has a ``since``; when every ESSMS is measured every period it is
    read off ``by_period``'s values.
    """
    periods = sorted({v.period for p in essms for v in p.values})
    since: Period | None = None
    for period in reversed(periods):
        latest = [next((v for v in reversed(p.values) if v.period <= period), None) for p in essms]
        known = [v for v in latest if v is not None]
        if len(known) < len(essms):
            break
        _basis, value, bar = _aggregate(target, known, len(essms))
        if value is None or bar is None or value < bar:
            break
        since = period
    return since


def project_progress(
    target: UsageTarget,
    essms: Sequence[TargetProgress],
    exempt: Sequence[tuple[str, str]] = (),
    *,
    exempt_reasons: Sequence[str] = (),
    confirmed: bool = False,
    convention_signed_on: date | None = None,
) -> ProjectProgress:
    """``target`` over the project, from each concerned ESSMS's progress (``exempt_reasons``
    parallel to ``exempt``)."""
    ordered = tuple(sorted(essms, key=_worst_first))
    latest = [p.latest for p in ordered if p.latest is not None]
    basis, value, bar = _aggregate(target, latest, len(ordered))
    reached = gap = None
    if value is not None and bar is not None:
        gap = value - bar
        reached = gap >= 0 and len(latest) == len(ordered)
    periods = sorted({v.period for p in ordered for v in p.values})
    trajectory = tuple(
        (
            period,
            _aggregate(
                target, [v for p in ordered for v in p.values if v.period == period], len(ordered)
            )[1],
        )
        for period in periods
    )
    return ProjectProgress(
        target=target,
        essms=ordered,
        exempt=tuple(exempt),
        basis=basis,
        value=value,
        bar=bar,
        reached=reached,
        gap=gap,
        by_period=trajectory,
        deadline=deadline_of(target, convention_signed_on),
        confirmed=confirmed,
        since=_project_since(target, ordered) if reached else None,
        exempt_reasons=tuple(exempt_reasons),
    )


@dataclass(frozen=True, slots=True)
class UsageProgress:
    """Every committed target of a dossier, over its counted ESSMS."""

    projects: tuple[ProjectProgress, ...]

    @property
    def all_reached(self) -> bool:
        """True when every target is reached over the project (a target without threshold or
        without values is not: nothing is proven; one no ESSMS is concerned by is, having
        nothing to prove). False for a dossier without targets."""
        return bool(self.projects) and not self.missed

    @property
    def missed(self) -> tuple[ProjectProgress, ...]:
        """The targets not reached yet, in the dossier's order (a target no ESSMS is concerned
        by is not: it has nothing to prove)."""
        return tuple(p for p in self.projects if p.state.holds_back)

    def holdups(self) -> tuple[str, ...]:
        """Why the targets are not all reached, one French line per state, in the order a
        director clears them: « seuil à confirmer (saisir celui de la convention) : INS »,
        « aucune valeur saisie : DMP, MSSanté », « non atteinte : DUI (2 ESSMS en retard) ».
        Reached targets are not listed; () when every target is reached."""
        order = (TargetState.SEUIL_A_CONFIRMER, TargetState.SANS_VALEUR, TargetState.NON_ATTEINTE)
        lines = []
        for state in order:
            named = [
                p.shortfall if state is TargetState.NON_ATTEINTE else p.target.indicator
                for p in self.projects
                if p.state is state
            ]
            if named:
                lines.append(f"{state.reason} : {', '.join(named)}")
        return tuple(lines)

    def for_target(self, indicator: str) -> ProjectProgress | None:
        return next((p for p in self.projects if p.target.indicator == indicator), None)

    def for_essms(self, finess: str) -> tuple[TargetProgress, ...]:
        return tuple(t for p in self.projects for t in p.essms if t.finess == finess)

    def blocking_essms(self) -> tuple[str, ...]:
        """FINESS of the ESSMS holding the project back, worst first: the most targets missed,
        then the largest summed shortfall (an ESSMS without any value counts as missing all)."""
        missed: dict[str, list[TargetProgress]] = {}
        for project in self.projects:
            for p in project.laggards:
                missed.setdefault(p.finess, []).append(p)

        def badness(finess: str) -> tuple[int, Decimal]:
            items = missed[finess]
            shortfall = sum(
                (p.relative_gap if p.relative_gap is not None else Decimal(-1) for p in items),
                Decimal(0),
            )
            return (-len(items), shortfall)

        return tuple(sorted(missed, key=badness))


def _counted(
    dossier: Dossier, nomenclature: Nomenclature, campaign: Campaign | None
) -> list[tuple[Organisation, Establishment, Sector]]:
    """The grappe's counted ESSMS: the eligibility engine's count when the campaign is known
    (bad FINESS, duplicates, USLD, already funded left out); without it, the rows the engine
    would count under any campaign (every rule but the call's own)."""
    if campaign is not None:
        rows = evaluate(dossier.grappe, campaign, nomenclature, dossier.declarations).counted
        return [(r.og, r.establishment, r.category.sector) for r in rows]
    out: list[tuple[Organisation, Establishment, Sector]] = []
    seen: dict[str, int] = {}
    for index, (og, est) in enumerate(dossier.grappe.rows()):
        category = nomenclature.get(est.category)
        if exclusion(est, category, seen) is None:
            seen[parse_finess(est.finess).value] = index
            out.append((og, est, category.sector))
    return out


def progress(
    dossier: Dossier, nomenclature: Nomenclature, campaign: Campaign | None = None
) -> UsageProgress:
    """Every target of ``dossier`` × every counted ESSMS of its grappe, and over the project."""
    rows = _counted(dossier, nomenclature, campaign)
    follow_up = dossier.follow_up
    signed_on = follow_up.convention.signed_on if follow_up.convention is not None else None
    values = follow_up.indicators
    projects = []
    for target in dossier.usage_targets:
        concerned: list[TargetProgress] = []
        exempt: list[tuple[str, str]] = []
        reasons: list[str] = []
        for og, est, sector in rows:
            if applies(target, sector, campaign):
                concerned.append(
                    target_progress(target, est.finess, est.name, og.name, values, signed_on)
                )
            else:
                exempt.append((est.finess, est.name))
                reasons.append(exemption_reason(target, sector))
        projects.append(
            project_progress(
                target,
                concerned,
                exempt,
                exempt_reasons=reasons,
                confirmed=target.indicator in follow_up.confirmed_thresholds,
                convention_signed_on=signed_on,
            )
        )
    return UsageProgress(tuple(projects))


# --- an imported file's rows ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorProblem:
    """Why one cell of an indicator file is refused; ``row`` 1 is the header."""

    row: int
    column: str
    message: str


COL_FINESS = "FINESS"
COL_PERIOD = "Période"
COL_INDICATOR = "Indicateur"
COL_VALUE = "Valeur"
COL_DENOMINATOR = "Dénominateur"
COL_SOURCE = "Source"
REQUIRED_COLUMNS = (COL_FINESS, COL_PERIOD, COL_INDICATOR, COL_VALUE)
OPTIONAL_COLUMNS = (COL_DENOMINATOR, COL_SOURCE)


def _columns(rows: Sequence[Mapping[str, str]]) -> dict[str, str]:
    """Our column name → the file's header, matched as people type them (case, accents)."""
    headers = list(rows[0]) if rows else []
    wanted = {fold(c): c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}
    wanted[fold("Periode")] = COL_PERIOD
    wanted[fold("Denominateur")] = COL_DENOMINATOR
    out: dict[str, str] = {}
    for header in headers:
        ours = wanted.get(fold(header))
        if ours is not None and ours not in out:
            out[ours] = header
    return out


def _match_target(text: str, targets: Sequence[UsageTarget]) -> UsageTarget | None:
    """The committed target a cell names: its indicator (as typed, case and accents ignored),
    else the only target of the family the words name (« INS », « MSSanté »)."""
    key = fold(text)
    exact = [t for t in targets if fold(t.indicator) == key]
    if exact:
        return exact[0]
    family = family_of(text)
    if family is IndicatorFamily.AUTRE:
        return None
    same = [t for t in targets if family_of(t.indicator) is family]
    return same[0] if len(same) == 1 else None


def parse_share(text: str) -> tuple[Decimal | None, str]:
    """A share in % (« 72,5 », « 72,5 % »): (value, "") or (None, the French problem)."""
    if not text.strip():
        return None, "valeur manquante"
    parsed = parse_pct(text)
    if parsed.ok:
        return parsed.value, ""
    bare = text.strip().removesuffix("%").strip()
    above = parse_money(bare)
    if above.ok and above.value is not None and above.value > HUNDRED:
        return None, f"part supérieure à 100 % ({text.strip()})"
    below = parse_money(bare.removeprefix("-"))
    if bare.startswith("-") and below.ok and below.value is not None:
        return None, f"part négative ({text.strip()}) : une part est entre 0 et 100 %"
    return None, f"« {text.strip()} » n'est pas un nombre : part en % attendue (ex. 72,5)"


def parse_count(text: str) -> tuple[Decimal | None, str]:
    """A count (« 1 250 »): (value, "") or (None, the French problem); never negative."""
    if not text.strip():
        return None, "valeur manquante"
    parsed = parse_int(text, minimum=-(10**9), maximum=10**9)
    if not parsed.ok:
        return None, f"« {text.strip()} » n'est pas un nombre entier : {parsed.problem}"
    if parsed.value < 0:
        return None, f"nombre négatif ({text.strip()}) : un compte est positif ou nul"
    return Decimal(parsed.value), ""


def check_indicator_rows(
    rows: Sequence[Mapping[str, str]], dossier: Dossier
) -> tuple[list[IndicatorValue], list[IndicatorProblem]]:
    """The values of an indicator file's rows (header → cell text), or every problem in them.

    Columns « FINESS », « Période », « Indicateur », « Valeur » (required), « Dénominateur »
    and « Source » (optional). Each row is checked whole: a FINESS not in the grappe, an
    indicator that is no committed target, a bad period, the same (FINESS, indicator, period)
    twice, a share outside 0–100 %, a negative count, a non-number (decimal comma accepted).
    Rows are numbered as the file's lines (1 = header). When any problem is found, no value is
    kept: the file is fixed and imported again, never half imported.
    """
    problems: list[IndicatorProblem] = []
    columns = _columns(rows)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        for column in missing:
            problems.append(IndicatorProblem(1, column, f"colonne « {column} » absente"))
        return [], problems
    grappe_finess = {parse_finess(e.finess).value for _og, e in dossier.grappe.rows()}
    targets = dossier.usage_targets
    seen: dict[tuple[str, str, Period], int] = {}
    values: list[IndicatorValue] = []
    for offset, row in enumerate(rows):
        line = offset + 2
        if not any(str(cell).strip() for cell in row.values()):
            continue  # a blank line between blocks is not a row

        def cell(column: str, row: Mapping[str, str] = row) -> str:
            header = columns.get(column)
            return str(row.get(header, "") or "") if header is not None else ""

        def problem(column: str, message: str, line: int = line) -> None:
            problems.append(IndicatorProblem(line, column, message))

        finess = parse_finess(cell(COL_FINESS))
        if not cell(COL_FINESS).strip():
            problem(COL_FINESS, "FINESS manquant")
        elif not finess.ok:
            problem(COL_FINESS, finess.problem)
        elif finess.value not in grappe_finess:
            problem(COL_FINESS, f"FINESS {finess.value} absent de la grappe du dossier")
        target = _match_target(cell(COL_INDICATOR), targets)
        if not cell(COL_INDICATOR).strip():
            problem(COL_INDICATOR, "indicateur manquant")
        elif target is None:
            known = " ; ".join(f"« {t.indicator} »" for t in targets) or "aucune"
            problem(
                COL_INDICATOR,
                f"« {cell(COL_INDICATOR).strip()} » n'est pas une cible d'usage du dossier "
                f"(cibles : {known})",
            )
        period: Period | None = None
        try:
            period = parse_period(cell(COL_PERIOD))
        except ValueError as exc:
            problem(COL_PERIOD, str(exc))
        share = target is None or is_share(target)
        value, why = (parse_share if share else parse_count)(cell(COL_VALUE))
        if why:
            problem(COL_VALUE, why)
        denominator: Decimal | None = None
        if cell(COL_DENOMINATOR).strip():
            if not share:
                problem(COL_DENOMINATOR, "un dénominateur ne se donne que pour une part (%)")
            else:
                denominator, why = parse_count(cell(COL_DENOMINATOR))
                if why:
                    problem(COL_DENOMINATOR, why)
                elif not denominator:
                    problem(COL_DENOMINATOR, "dénominateur nul : la part n'a pas de sens")
        if target is not None and period is not None and finess.ok:
            key = (finess.value, target.indicator, period)
            if key in seen:
                problem(
                    COL_PERIOD,
                    f"{target.indicator} pour {finess.value} en {period} déjà donné à la "
                    f"ligne {seen[key]}",
                )
            else:
                seen[key] = line
        if value is not None and target is not None and period is not None and finess.ok:
            values.append(
                IndicatorValue(
                    finess=finess.value,
                    indicator=target.indicator,
                    period=period,
                    value=value,
                    denominator=denominator,
                    source=parse_text(cell(COL_SOURCE)).value,
                )
            )
    if problems:
        return [], problems
    return values, problems

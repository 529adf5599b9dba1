"""Campaign rule sets, read from one TOML data file per call.

Calls change every year, so nothing about a particular call lives in code: a campaign file states
its thresholds, amounts, lines and tranche split, each value with a status (``seed``, ``ok``,
``a_confirmer``) and its source. The engines only know the *vocabulary* of rules defined here;
adding next year's call means writing one more file. The format itself (every key, its type) is
described in :mod:`esms_desktop.domain.campaign_schema` and documented in ``docs/campagnes.md``.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any

from esms_desktop.domain.campaign_schema import SchemaError, as_decimal, check, format_path, line_of
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.grappe import ProjectType

KeyPath = tuple[str | int, ...]


class CampaignError(UserError):
    """A campaign file that cannot be used; the message is French and names the file and key.

    ``path`` is where the problem is (``("size", "min_essms")``, list elements counted from 0),
    ``problem`` the sentence without its place, ``line`` the file's line when it is known: a
    campaign editor can put the cursor on the key instead of parsing the message.
    """

    def __init__(
        self,
        message: str,
        *,
        path: KeyPath = (),
        problem: str = "",
        where: str = "",
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.problem = problem or message
        self.where = where
        self.line = line

    @property
    def key(self) -> str:
        """The key as the message names it: ``essms_lines[2].value`` (elements from 1)."""
        return format_path(self.path)


class ValueStatus(StrEnum):
    SEED = "seed"
    OK = "ok"
    A_CONFIRMER = "a_confirmer"
    SAISI = "saisi"
    """Given by the user (override) for a value the file left à confirmer or changed."""

    @property
    def label(self) -> str:
        return {
            "seed": "documents fondateurs",
            "ok": "source publique",
            "a_confirmer": "à confirmer auprès de votre ARS",
            "saisi": "saisi par l'utilisateur",
        }[self.value]


@dataclass(frozen=True, slots=True)
class CampaignValue:
    """A named amount (€) of a campaign, with where it comes from.

    ``amount`` is ``None`` while the value is à confirmer and nobody entered it; ``fallback`` is
    what the programme says to show meanwhile (marked with the badge), if anything.
    """

    name: str
    label: str
    amount: Decimal | None
    status: ValueStatus
    source: str = ""
    fallback: Decimal | None = None

    @property
    def known(self) -> bool:
        return self.amount is not None


@dataclass(frozen=True, slots=True)
class Threshold:
    """A count threshold of the size rules (15 ESSMS, 3 OGs…), with its status and source."""

    value: int
    status: ValueStatus = ValueStatus.SEED
    source: str = ""


@dataclass(frozen=True, slots=True)
class Factor:
    """A coefficient (the Corse / overseas modulation), with its status and source.

    Not a :class:`CampaignValue`: values are euros the user can type over in the budget view; a
    coefficient is part of the grid and is changed by editing the campaign.
    """

    value: Decimal
    status: ValueStatus = ValueStatus.SEED
    source: str = ""


@dataclass(frozen=True, slots=True)
class RegionRules:
    """Size rules for grappes in one region, or spread over several (2024's routing).

    A field left ``None`` keeps the general ``[size]`` rule. ``accepted = False`` means the call
    takes no grappe of this configuration (blocking, pointing to ``advice``): a national call
    open only to multi-region projects says so for ``one_region``.
    """

    min_essms: Threshold | None = None
    min_essms_island: Threshold | None = None
    max_essms: Threshold | None = None
    max_advice: str | None = None
    accepted: bool = True
    advice: str = ""
    status: ValueStatus = ValueStatus.SEED
    source: str = ""


@dataclass(frozen=True, slots=True)
class SizeRules:
    min_essms: Threshold | None = None
    min_essms_island: Threshold | None = None
    min_severity: str = "bloquant"
    max_essms: Threshold | None = None
    max_advice: str = ""
    funded_cap: Threshold | None = None
    small_og_min_ogs: Threshold | None = None
    small_og_min_ogs_island: Threshold | None = None
    multi_region_note: str = ""
    min_note: str = ""
    one_region: RegionRules | None = None
    several_regions: RegionRules | None = None

    def regions_rules(self, several: bool) -> RegionRules | None:
        return self.several_regions if several else self.one_region

    def for_regions(self, several: bool) -> SizeRules:
        """The rules that apply to a grappe in one region or over several, merged with [size]."""
        rules = self.regions_rules(several)
        if rules is None:
            return self
        return replace(
            self,
            min_essms=self.min_essms if rules.min_essms is None else rules.min_essms,
            min_essms_island=(
                self.min_essms_island if rules.min_essms_island is None else rules.min_essms_island
            ),
            max_essms=self.max_essms if rules.max_essms is None else rules.max_essms,
            max_advice=self.max_advice if rules.max_advice is None else rules.max_advice,
        )


@dataclass(frozen=True, slots=True)
class ScopeRules:
    priority_sectors: tuple[str, ...] = ()
    single_solution: bool = False
    segur_required: bool = False
    segur_exempt_sectors: tuple[str, ...] = ()
    no_double_funding: bool = False
    hours_prorata: bool = False
    hours_prorata_sectors: tuple[str, ...] = ("DOMICILE",)
    segur_registered_sectors: tuple[str, ...] = ()
    """Sectors (AHI in 2025) for which an editor registered at the referencing office on the
    convention date is enough, instead of a referenced DUI."""
    ght_exception: bool = False
    """From 2023: an ESSMS attached to a GHT may keep the hospital's DUI (declared per ESSMS)."""


@dataclass(frozen=True, slots=True)
class Band:
    """One band of a graded line: from rank (or project size) ``low`` to ``high`` included."""

    low: int
    high: int | None
    value: str

    def matches(self, n: int) -> bool:
        return n >= self.low and (self.high is None or n <= self.high)

    @property
    def text(self) -> str:
        if self.high is None:
            return f"à partir de {self.low}"
        return f"de {self.low} à {self.high}"


@dataclass(frozen=True, slots=True)
class IslandRule:
    """How a line changes for an ESSMS in Corse or overseas: another value, or a coefficient."""

    value: str = ""
    coefficient: Factor | None = None


@dataclass(frozen=True, slots=True)
class EssmsLineRule:
    """One per-ESSMS line: which value applies to which ESSMS.

    ``ranks`` bounds the ESSMS's rank among the project's ESSMS with a DUI project (order entered),
    for national calls whose amounts change from the 50th or the 500th ESSMS. ``bands`` grade the
    amount instead of one ``value``: by that rank (``band_by = "rank"``) or by the number of ESSMS
    the project counts (``"size"``), the two shapes the ARS grids take.
    """

    value: str
    projects: tuple[ProjectType, ...]
    ranks: tuple[int, int | None] = (1, None)
    small_og_only: bool = False
    requires_equipment: bool = False
    requires_segur: bool = False
    payee: str = "og"
    bands: tuple[Band, ...] = ()
    band_by: str = "rank"
    island: IslandRule | None = None

    def rank_matches(self, rank: int) -> bool:
        low, high = self.ranks
        return rank >= low and (high is None or rank <= high)

    def band_for(self, rank: int, size: int) -> Band | None:
        """The band an ESSMS of this ``rank`` in a project of ``size`` ESSMS falls in."""
        n = size if self.band_by == "size" else rank
        return next((b for b in self.bands if b.matches(n)), None)

    @property
    def value_names(self) -> tuple[str, ...]:
        names = [self.value] if self.value else []
        names += [b.value for b in self.bands]
        if self.island is not None and self.island.value:
            names.append(self.island.value)
        return tuple(names)


@dataclass(frozen=True, slots=True)
class ProjectLineRule:
    """A project-level line (procurement support, steering…), with its conditions."""

    value: str
    only_small_og_grappe: bool = False
    requires_acquisition: bool = False


@dataclass(frozen=True, slots=True)
class OgLineRule:
    """A line paid once per OG of the project (support to each small OG, généralisation)."""

    value: str
    small_og_only: bool = False
    requires_acquisition: bool = False


@dataclass(frozen=True, slots=True)
class Ceilings:
    """Caps on amounts; ``per_essms`` names the value an ESSMS's total may not exceed."""

    per_essms: str = ""


@dataclass(frozen=True, slots=True)
class Tranche:
    label: str
    pct: Decimal
    status: ValueStatus = ValueStatus.SEED
    source: str = ""
    condition: str = ""
    usage_targets: bool = False
    """Paid only once the usage targets are met: what a funded project follows after 2025."""


@dataclass(frozen=True, slots=True)
class Window:
    """A dated step of the call (filing window, convention deadline…)."""

    label: str
    start: date | None = None
    end: date | None = None
    status: ValueStatus = ValueStatus.SEED
    source: str = ""


@dataclass(frozen=True, slots=True)
class Reminder:
    """A sentence shown with the eligibility when an ESSMS has one of ``projects``."""

    text: str
    projects: tuple[ProjectType, ...]
    source: str = ""


@dataclass(frozen=True, slots=True)
class Campaign:
    id: str
    title: str
    kind: str
    year: int
    summary: str
    size: SizeRules
    scope: ScopeRules
    values: Mapping[str, CampaignValue]
    essms_lines: tuple[EssmsLineRule, ...]
    project_lines: tuple[ProjectLineRule, ...]
    tranches: tuple[Tranche, ...]
    windows: tuple[Window, ...] = ()
    notes: tuple[str, ...] = ()
    source: str = ""
    overridden: frozenset[str] = field(default_factory=frozenset)
    og_lines: tuple[OgLineRule, ...] = ()
    ceilings: Ceilings = field(default_factory=Ceilings)
    reminders: tuple[Reminder, ...] = ()
    ttc: bool = True
    """Amounts are TTC (programme.md §8): the budget's figures include VAT."""
    pnrr: bool = False
    """The call is paid from the EU recovery plan (programme.md §8): the dossier attests the PNRR
    mention. Data, not a year rule: a later call funded otherwise says ``pnrr = false``."""
    fingerprint: str = ""
    """:func:`fingerprint` of the mapping the campaign was read from: a dossier records it to
    notice when its campaign file has changed since (comments and layout do not count)."""

    def value(self, name: str) -> CampaignValue:
        return self.values[name]

    def with_overrides(self, overrides: Mapping[str, Decimal]) -> Campaign:
        """A copy where the user's values replace the file's (``status`` becomes ``saisi``).

        Unknown names are refused: a typo in ``--set`` must not be silently ignored.
        """
        if not overrides:
            return self
        unknown = sorted(set(overrides) - set(self.values))
        if unknown:
            known = ", ".join(sorted(self.values))
            raise CampaignError(
                f"Valeur inconnue pour la campagne {self.id} : {', '.join(unknown)} "
                f"(valeurs possibles : {known})"
            )
        values = dict(self.values)
        for name, amount in overrides.items():
            if amount < 0:
                raise CampaignError(f"Montant négatif refusé pour {name} : {amount}")
            old = values[name]
            values[name] = CampaignValue(
                name, old.label, amount, ValueStatus.SAISI, old.source, old.fallback
            )
        return replace(self, values=MappingProxyType(values), overridden=frozenset(overrides))

    @property
    def missing_values(self) -> tuple[CampaignValue, ...]:
        return tuple(v for v in self.values.values() if not v.known)


# --- reading files -------------------------------------------------------------------------

_TOML_LINE = re.compile(r"at line (\d+)")


def load_campaign(path: Path) -> Campaign:
    """Read and check one campaign file; any problem raises :class:`CampaignError` in French,
    naming the file, the line and the key (« fichier X, ligne N, clé Y : … »)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CampaignError(f"Fichier de campagne illisible : {path} ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise CampaignError(
            f"Fichier de campagne mal formé : {path.name} (texte UTF-8 attendu)"
        ) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        at = f", ligne {line}" if line else ""
        raise CampaignError(
            f"fichier {path.name}{at} : fichier de campagne mal formé ({exc})",
            where=path.name,
            line=line,
        ) from exc
    try:
        return parse_campaign(data, path.name)
    except CampaignError as err:
        if not err.path:
            raise
        line = line_of(text, err.path)
        at = f", ligne {line}" if line else ""
        raise CampaignError(
            f"fichier {path.name}{at}, clé {err.key} : {err.problem}",
            path=err.path,
            problem=err.problem,
            where=path.name,
            line=line,
        ) from None


def load_campaigns(folder: Path) -> dict[str, Campaign]:
    """Every ``*.toml`` campaign of ``folder``, by identifier, in file-name order."""
    campaigns: dict[str, Campaign] = {}
    for path in sorted(folder.glob("*.toml")):
        campaign = load_campaign(path)
        if campaign.id in campaigns:
            raise CampaignError(f"Identifiant de campagne en double : {campaign.id} ({path.name})")
        campaigns[campaign.id] = campaign
    return campaigns


def parse_campaign(data: Mapping[str, Any], where: str = "campagne") -> Campaign:
    """Build a :class:`Campaign` from a parsed TOML mapping: the one validating entry point.

    Every key is checked against the format (unknown keys refused), then the rules that span
    several keys (references to ``[values]``, tranches adding up to 100, bands that do not
    overlap). A problem raises :class:`CampaignError` naming ``where`` and the key.
    """
    try:
        check(data)
        return replace(_build(data), fingerprint=fingerprint(data))
    except SchemaError as issue:
        message = f"{where}, clé {format_path(issue.path)} : {issue.problem}"
        raise CampaignError(message, path=issue.path, problem=issue.problem, where=where) from None


def fingerprint(data: Mapping[str, Any]) -> str:
    """A short digest of a campaign's rules, the same for the same rules however written.

    Computed on the parsed mapping, numbers written in one form (``12.5``, ``12.50`` and a
    ``Decimal`` from the editor agree), so an export, a copy or a re-indented file keep it and
    only a change of what the file says changes it.
    """
    canonical = json.dumps(_canonical(data), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _canonical(raw: Any) -> Any:
    if isinstance(raw, Mapping):
        return {str(k): _canonical(v) for k, v in raw.items()}
    if isinstance(raw, list | tuple):
        return [_canonical(v) for v in raw]
    if isinstance(raw, bool) or raw is None or isinstance(raw, str):
        return raw
    if isinstance(raw, int | float | Decimal):
        number = Decimal(str(raw)).normalize()
        return {"n": format(number, "f")}
    return {"t": str(raw)}


# --- building from a checked mapping ---------------------------------------------------------


def _status(data: Mapping[str, Any]) -> ValueStatus:
    return ValueStatus(data.get("status", "seed"))


def _threshold(data: Mapping[str, Any], key: str) -> Threshold | None:
    raw = data.get(key)
    if raw is None:
        return None
    if isinstance(raw, Mapping):
        return Threshold(raw["value"], _status(raw), raw.get("source", ""))
    return Threshold(raw)


def _factor(raw: Any) -> Factor:
    if isinstance(raw, Mapping):
        value = as_decimal(raw["value"])
        assert value is not None  # checked by the schema
        return Factor(value, _status(raw), raw.get("source", ""))
    value = as_decimal(raw)
    assert value is not None
    return Factor(value)


def _amount(data: Mapping[str, Any], key: str) -> Decimal | None:
    return as_decimal(data[key]) if key in data else None


def _projects(data: Mapping[str, Any], default: tuple[str, ...] = ()) -> tuple[ProjectType, ...]:
    return tuple(ProjectType(p) for p in data.get("projects", default))


def _values(data: Mapping[str, Any]) -> dict[str, CampaignValue]:
    values: dict[str, CampaignValue] = {}
    for name, v in data.get("values", {}).items():
        amount = _amount(v, "amount")
        status = _status(v)
        if amount is None and status is not ValueStatus.A_CONFIRMER:
            raise SchemaError(
                ("values", name, "amount"), "montant manquant (ou statut a_confirmer)"
            )
        values[name] = CampaignValue(
            name, v["label"], amount, status, v.get("source", ""), _amount(v, "fallback")
        )
    return values


def _bands(raw: Mapping[str, Any], where: KeyPath) -> tuple[Band, ...]:
    bands = [
        (Band(b["from"], b.get("to"), b["value"]), i) for i, b in enumerate(raw.get("bands", []))
    ]
    for band, i in bands:
        if band.high is not None and band.high < band.low:
            raise SchemaError((*where, "bands", i, "to"), "« to » doit être au moins « from »")
    ordered = sorted(bands, key=lambda bi: bi[0].low)
    for (before, _), (after, i) in pairwise(ordered):
        if before.high is None or after.low <= before.high:
            raise SchemaError(
                (*where, "bands", i, "from"),
                f"tranche qui chevauche la tranche {before.text} : les tranches ne doivent pas "
                "se recouvrir",
            )
    return tuple(band for band, _ in ordered)


def _essms_line(raw: Mapping[str, Any], i: int) -> EssmsLineRule:
    where: KeyPath = ("essms_lines", i)
    has_bands = "bands" in raw
    if has_bands == ("value" in raw):
        raise SchemaError(
            (*where, "value"), "une ligne a soit « value », soit « bands » (l'un ou l'autre)"
        )
    if has_bands and not raw["bands"]:
        raise SchemaError((*where, "bands"), "au moins une tranche attendue")
    if "band_by" in raw and not has_bands:
        raise SchemaError((*where, "band_by"), "« band_by » ne sert qu'avec « bands »")
    ranks = raw.get("ranks", [1])
    island = None
    if "island" in raw:
        isl = raw["island"]
        if ("value" in isl) == ("coefficient" in isl):
            raise SchemaError(
                (*where, "island"), "« value » ou « coefficient » attendu (l'un ou l'autre)"
            )
        island = IslandRule(
            isl.get("value", ""), _factor(isl["coefficient"]) if "coefficient" in isl else None
        )
    return EssmsLineRule(
        raw.get("value", ""),
        _projects(raw),
        (ranks[0], ranks[1] if len(ranks) == 2 else None),
        raw.get("small_og_only", False),
        raw.get("requires_equipment", False),
        raw.get("requires_segur", False),
        raw.get("payee", "og"),
        _bands(raw, where),
        raw.get("band_by", "rank"),
        island,
    )


def _region(raw: Mapping[str, Any] | None) -> RegionRules | None:
    if raw is None:
        return None
    return RegionRules(
        _threshold(raw, "min_essms"),
        _threshold(raw, "min_essms_island"),
        _threshold(raw, "max_essms"),
        raw.get("max_advice"),
        raw.get("accepted", True),
        raw.get("advice", ""),
        _status(raw),
        raw.get("source", ""),
    )


def _size(s: Mapping[str, Any]) -> SizeRules:
    return SizeRules(
        _threshold(s, "min_essms"),
        _threshold(s, "min_essms_island"),
        s.get("min_severity", "bloquant"),
        _threshold(s, "max_essms"),
        s.get("max_advice", ""),
        _threshold(s, "funded_cap"),
        _threshold(s, "small_og_min_ogs"),
        _threshold(s, "small_og_min_ogs_island"),
        s.get("multi_region_note", ""),
        s.get("min_note", ""),
        _region(s.get("one_region")),
        _region(s.get("several_regions")),
    )


def _scope(c: Mapping[str, Any]) -> ScopeRules:
    return ScopeRules(
        tuple(c.get("priority_sectors", ())),
        c.get("single_solution", False),
        c.get("segur_required", False),
        tuple(c.get("segur_exempt_sectors", ())),
        c.get("no_double_funding", False),
        c.get("hours_prorata", False),
        tuple(c.get("hours_prorata_sectors", ("DOMICILE",))),
        tuple(c.get("segur_registered_sectors", ())),
        c.get("ght_exception", False),
    )


def _tranches(data: Mapping[str, Any]) -> tuple[Tranche, ...]:
    tranches = tuple(
        Tranche(
            t["label"],
            as_decimal(t["pct"]) or Decimal(0),
            _status(t),
            t.get("source", ""),
            t.get("condition", ""),
            t.get("usage_targets", False),
        )
        for t in data["tranches"]
    )
    total = sum((t.pct for t in tranches), Decimal(0))
    if total != 100:
        raise SchemaError(
            ("tranches",),
            f"les pourcentages des tranches doivent faire 100 (ils font {total})",
        )
    return tranches


def _windows(data: Mapping[str, Any]) -> tuple[Window, ...]:
    windows = []
    for i, w in enumerate(data.get("windows", [])):
        start, end = w.get("start"), w.get("end")
        if start is not None and end is not None and end < start:
            raise SchemaError(("windows", i, "end"), "la fin précède le début")
        windows.append(Window(w["label"], start, end, _status(w), w.get("source", "")))
    return tuple(windows)


def _build(data: Mapping[str, Any]) -> Campaign:
    values = _values(data)
    return Campaign(
        id=data["id"],
        title=data["title"],
        kind=data.get("kind", "regional"),
        year=data["year"],
        summary=data.get("summary", ""),
        size=_size(data.get("size", {})),
        scope=_scope(data.get("scope", {})),
        values=MappingProxyType(values),
        essms_lines=tuple(_essms_line(r, i) for i, r in enumerate(data.get("essms_lines", []))),
        project_lines=tuple(
            ProjectLineRule(
                r["value"],
                r.get("only_small_og_grappe", False),
                r.get("requires_acquisition", False),
            )
            for r in data.get("project_lines", [])
        ),
        tranches=_tranches(data),
        windows=_windows(data),
        notes=tuple(data.get("notes", ())),
        source=data.get("source", ""),
        og_lines=tuple(
            OgLineRule(
                r["value"], r.get("small_og_only", False), r.get("requires_acquisition", False)
            )
            for r in data.get("og_lines", [])
        ),
        ceilings=Ceilings(data.get("ceilings", {}).get("per_essms", "")),
        reminders=tuple(
            Reminder(r["text"], _projects(r, ("acquisition", "conformite")), r.get("source", ""))
            for r in data.get("reminders", [])
        ),
        ttc=data.get("ttc", True),
        pnrr=data.get("pnrr", False),
    )


def parse_override(text: str) -> tuple[str, Decimal]:
    """Parse ``name=value`` from the command line (``25000``, ``25 000``, ``25000,50``).

    The amount is read by :func:`~esms_desktop.domain.parsing.parse_money`, as in the GUI's
    campaign values, so ``12,345`` is 12,35 € on both; unlike the GUI, where emptying the cell
    goes back to the campaign's value, an empty amount here is a mistake.
    """
    from esms_desktop.domain.parsing import AMOUNT_EXPECTED, parse_money

    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise CampaignError(f"Réglage « {text} » : la forme attendue est nom=montant")
    parsed = parse_money(raw)
    if not parsed.ok or parsed.value is None:
        raise CampaignError(f"Réglage « {text} » : {parsed.problem or AMOUNT_EXPECTED}")
    return name.strip(), parsed.value

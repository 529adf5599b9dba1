"""Campaign rule sets, read from one TOML data file per call.

Calls change every year, so nothing about a particular call lives in code: a campaign file states
its thresholds, amounts, lines and tranche split, each value with a status (``seed``, ``ok``,
``a_confirmer``) and its source. The engines only know the *vocabulary* of rules defined here;
adding next year's call means writing one more file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

from esms_desktop.domain.errors import UserError
from esms_desktop.domain.grappe import ProjectType


class CampaignError(UserError):
    """A campaign file that cannot be used; the message is French and names the file and key."""


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


@dataclass(frozen=True, slots=True)
class ScopeRules:
    priority_sectors: tuple[str, ...] = ()
    single_solution: bool = False
    segur_required: bool = False
    segur_exempt_sectors: tuple[str, ...] = ()
    no_double_funding: bool = False
    hours_prorata: bool = False
    hours_prorata_sectors: tuple[str, ...] = ("DOMICILE",)


@dataclass(frozen=True, slots=True)
class EssmsLineRule:
    """One per-ESSMS line: which value applies to which ESSMS.

    ``ranks`` bounds the ESSMS's rank among the project's ESSMS with a DUI project (order entered),
    for national calls whose amounts change from the 50th or the 500th ESSMS.
    """

    value: str
    projects: tuple[ProjectType, ...]
    ranks: tuple[int, int | None] = (1, None)
    small_og_only: bool = False
    requires_equipment: bool = False
    requires_segur: bool = False
    payee: str = "og"

    def rank_matches(self, rank: int) -> bool:
        low, high = self.ranks
        return rank >= low and (high is None or rank <= high)


@dataclass(frozen=True, slots=True)
class ProjectLineRule:
    """A project-level line (procurement support, steering…), with its conditions."""

    value: str
    only_small_og_grappe: bool = False
    requires_acquisition: bool = False


@dataclass(frozen=True, slots=True)
class Tranche:
    label: str
    pct: Decimal
    status: ValueStatus = ValueStatus.SEED
    source: str = ""


@dataclass(frozen=True, slots=True)
class Window:
    """A dated step of the call (filing window, convention deadline…)."""

    label: str
    start: date | None = None
    end: date | None = None
    status: ValueStatus = ValueStatus.SEED
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
        return Campaign(
            self.id,
            self.title,
            self.kind,
            self.year,
            self.summary,
            self.size,
            self.scope,
            MappingProxyType(values),
            self.essms_lines,
            self.project_lines,
            self.tranches,
            self.windows,
            self.notes,
            self.source,
            frozenset(overrides),
        )

    @property
    def missing_values(self) -> tuple[CampaignValue, ...]:
        return tuple(v for v in self.values.values() if not v.known)


# --- reading files -------------------------------------------------------------------------


def load_campaign(path: Path) -> Campaign:
    """Read and check one campaign file; any problem raises :class:`CampaignError` in French."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CampaignError(f"Fichier de campagne illisible : {path} ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CampaignError(f"Fichier de campagne mal formé : {path.name} ({exc})") from exc
    return parse_campaign(data, path.name)


def load_campaigns(folder: Path) -> dict[str, Campaign]:
    """Every ``*.toml`` campaign of ``folder``, by identifier, in file-name order."""
    campaigns: dict[str, Campaign] = {}
    for path in sorted(folder.glob("*.toml")):
        campaign = load_campaign(path)
        if campaign.id in campaigns:
            raise CampaignError(f"Identifiant de campagne en double : {campaign.id} ({path.name})")
        campaigns[campaign.id] = campaign
    return campaigns


class _Reader:
    """Typed access to a TOML table with French errors naming the file and key."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def fail(self, key: str, expected: str) -> CampaignError:
        return CampaignError(f"{self.where} : « {key} » — {expected}")

    def sub(self, key: str) -> _Reader:
        value = self.data.get(key, {})
        if not isinstance(value, Mapping):
            raise self.fail(key, "table attendue")
        return _Reader(value, f"{self.where} [{key}]")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "texte attendu")
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "true ou false attendu")
        return value

    def strings(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self.data.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "liste de textes attendue")
        return tuple(value)

    def status(self, key: str = "status") -> ValueStatus:
        raw = self.data.get(key, "seed")
        try:
            return ValueStatus(raw)
        except ValueError:
            raise self.fail(key, "statut seed, ok ou a_confirmer attendu") from None

    def decimal(self, key: str) -> Decimal | None:
        if key not in self.data:
            return None
        raw = self.data[key]
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            raise self.fail(key, "nombre attendu")
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise self.fail(key, "nombre attendu") from None
        if not value.is_finite() or value < 0:
            raise self.fail(key, "nombre positif attendu")
        return value

    def threshold(self, key: str) -> Threshold | None:
        if key not in self.data:
            return None
        raw = self.data[key]
        if isinstance(raw, int) and not isinstance(raw, bool):
            return Threshold(raw)
        sub = self.sub(key)
        value = sub.data.get("value")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise sub.fail("value", "nombre entier positif attendu")
        return Threshold(value, sub.status(), sub.text("source", ""))

    def date(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None or isinstance(value, date):
            return value
        raise self.fail(key, "date AAAA-MM-JJ attendue")


def parse_campaign(data: Mapping[str, Any], where: str = "campagne") -> Campaign:
    """Build a :class:`Campaign` from parsed TOML, checking every reference between tables."""
    top = _Reader(data, where)
    cid = top.text("id")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise top.fail("year", "année attendue")

    values: dict[str, CampaignValue] = {}
    vtable = top.sub("values")
    for name in vtable.data:
        v = vtable.sub(name)
        amount = v.decimal("amount")
        status = v.status()
        if amount is None and status is not ValueStatus.A_CONFIRMER:
            raise v.fail("amount", "montant manquant (ou statut a_confirmer)")
        values[name] = CampaignValue(
            name, v.text("label"), amount, status, v.text("source", ""), v.decimal("fallback")
        )

    def known_value(reader: _Reader) -> str:
        name = reader.text("value")
        if name not in values:
            raise reader.fail("value", f"valeur « {name} » absente de [values]")
        return name

    essms_lines = []
    for i, raw in enumerate(_table_list(top, "essms_lines")):
        r = _Reader(raw, f"{where} [[essms_lines]] n°{i + 1}")
        try:
            projects = tuple(ProjectType(p) for p in r.strings("projects"))
        except ValueError:
            raise r.fail("projects", "acquisition et/ou conformite attendus") from None
        ranks = raw.get("ranks", [1])
        if (
            not isinstance(ranks, list)
            or not 1 <= len(ranks) <= 2
            or not all(isinstance(x, int) and x >= 1 for x in ranks)
        ):
            raise r.fail("ranks", "[premier rang] ou [premier, dernier] attendu")
        essms_lines.append(
            EssmsLineRule(
                known_value(r),
                projects,
                (ranks[0], ranks[1] if len(ranks) == 2 else None),
                r.boolean("small_og_only"),
                r.boolean("requires_equipment"),
                r.boolean("requires_segur"),
                r.text("payee", "og"),
            )
        )
    project_lines = []
    for i, raw in enumerate(_table_list(top, "project_lines")):
        r = _Reader(raw, f"{where} [[project_lines]] n°{i + 1}")
        project_lines.append(
            ProjectLineRule(
                known_value(r), r.boolean("only_small_og_grappe"), r.boolean("requires_acquisition")
            )
        )
    tranches = []
    for i, raw in enumerate(_table_list(top, "tranches")):
        r = _Reader(raw, f"{where} [[tranches]] n°{i + 1}")
        pct = r.decimal("pct")
        if pct is None:
            raise r.fail("pct", "pourcentage attendu")
        tranches.append(Tranche(r.text("label"), pct, r.status(), r.text("source", "")))
    if not tranches or sum(t.pct for t in tranches) != 100:
        raise top.fail("tranches", "les pourcentages des tranches doivent faire 100")
    windows = []
    for i, raw in enumerate(_table_list(top, "windows")):
        r = _Reader(raw, f"{where} [[windows]] n°{i + 1}")
        windows.append(
            Window(
                r.text("label"), r.date("start"), r.date("end"), r.status(), r.text("source", "")
            )
        )
    s = top.sub("size")
    size = SizeRules(
        s.threshold("min_essms"),
        s.threshold("min_essms_island"),
        s.text("min_severity", "bloquant"),
        s.threshold("max_essms"),
        s.text("max_advice", ""),
        s.threshold("funded_cap"),
        s.threshold("small_og_min_ogs"),
        s.threshold("small_og_min_ogs_island"),
        s.text("multi_region_note", ""),
    )
    if size.min_severity not in ("bloquant", "avertissement"):
        raise s.fail("min_severity", "bloquant ou avertissement attendu")
    c = top.sub("scope")
    scope = ScopeRules(
        c.strings("priority_sectors"),
        c.boolean("single_solution"),
        c.boolean("segur_required"),
        c.strings("segur_exempt_sectors"),
        c.boolean("no_double_funding"),
        c.boolean("hours_prorata"),
        c.strings("hours_prorata_sectors", ("DOMICILE",)),
    )
    return Campaign(
        id=cid,
        title=top.text("title"),
        kind=top.text("kind", "regional"),
        year=year,
        summary=top.text("summary", ""),
        size=size,
        scope=scope,
        values=MappingProxyType(values),
        essms_lines=tuple(essms_lines),
        project_lines=tuple(project_lines),
        tranches=tuple(tranches),
        windows=tuple(windows),
        notes=top.strings("notes"),
        source=top.text("source", ""),
    )


def _table_list(top: _Reader, key: str) -> list[Mapping[str, Any]]:
    raw = top.data.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(x, Mapping) for x in raw):
        raise top.fail(key, "liste de tables [[...]] attendue")
    return raw


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

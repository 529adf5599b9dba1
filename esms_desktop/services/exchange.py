"""The ``.esms`` exchange file: a whole dossier, or one OG's part, to send to someone else.

A porteur sends the dossier to a partner; a partner OG fills in its own ESSMS and sends its part
back; the porteur merges it by FINESS. The file is a ZIP holding ``esms.json`` — an envelope with
the format name and version, the program version, the creation date, the kind (``"dossier"`` or
``"og"``), the payload and the SHA-256 of the payload's canonical JSON — plus the attached annex
files under ``pieces/`` (their size and SHA-256 are in the payload, so the checksum covers them).
A plain ``.json`` file with the same envelope (and no attached files) is read too.

Reading is strict: a truncated or damaged file, a file that is not ours, a checksum that does not
match (edited by hand, corrupted on the way) or a newer format is refused with a French message,
and nothing is changed. Writing goes to a temporary file renamed over the target.

The checksum guards against accidents, not against a person: anyone can recompute it. So a file
is read as a stranger's: its size, its number of entries and their compression are bounded before
anything is decompressed (a few kilobytes must not ask for gigabytes), the JSON may hold no
``NaN``, no number of thousands of digits, no nesting deeper than Python can walk, and the
dossier it holds is refused whole, with the list of its problems, when a value is one no door of
the program would have let in (:func:`esms_desktop.domain.validation.value_problems`). The names
of the attached files are data: made safe base names (:func:`safe_file_name`) as they are read,
and so is the ``file_name`` of the annex each one is attached to.

Pure JSON and ZIP: no SQLAlchemy here, the database is reached through the unit of work.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, BinaryIO, Literal, TypeVar

from esms_desktop import __version__
from esms_desktop.domain.campaign import CampaignError
from esms_desktop.domain.dossier import (
    Annex,
    Attestation,
    AutodiagResponse,
    Dossier,
    Milestone,
    Porteur,
    TeamMember,
    TeamRole,
    UsageTarget,
)
from esms_desktop.domain.edits import switch_campaign
from esms_desktop.domain.eligibility import NO_DECLARATIONS, Declarations
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.fields import (
    ESTABLISHMENT_FIELDS,
    ORGANISATION_FIELDS,
    FieldKind,
    FieldSpec,
)
from esms_desktop.domain.file_names import safe_file_name
from esms_desktop.domain.follow_up import (
    NO_FOLLOW_UP,
    Amendment,
    Convention,
    EssmsMilestone,
    FiledCandidature,
    FollowUp,
    IndicatorValue,
    MemberTransfer,
    MilestoneKind,
    Period,
    PeriodKind,
    Phase,
    TranchePayment,
)
from esms_desktop.domain.follow_up_edits import (
    amend,
    amendment_needed,
    indicator_conflicts,
    merge_indicators,
)
from esms_desktop.domain.grappe import (
    DuiSolution,
    Establishment,
    Grappe,
    Organisation,
)
from esms_desktop.domain.identifiers import normalise
from esms_desktop.domain.maturin import NO_TYPED_LEVELS, TypedLevels
from esms_desktop.domain.merge import AddedEstablishment as AddedEstablishment
from esms_desktop.domain.merge import EstablishmentMerge as EstablishmentMerge
from esms_desktop.domain.merge import FieldChange as FieldChange
from esms_desktop.domain.merge import Side as Side
from esms_desktop.domain.merge import establishment_key as establishment_key
from esms_desktop.domain.merge import match_organisation, merge
from esms_desktop.domain.porteur_link import PorteurChoice, link_porteur, sync_porteur
from esms_desktop.domain.usage_threshold import PERCENT, UsageThreshold
from esms_desktop.domain.validation import (
    MAX_ANSWERS,
    MAX_AUTODIAG_SCOPES,
    MAX_ESTABLISHMENTS,
    MAX_ITEMS,
    MAX_ORGANISATIONS,
    Problem,
    problem_lines,
    shown,
    value_problems,
)
from esms_desktop.services import catalog
from esms_desktop.services.dossiers import (
    ESTABLISHMENT_FIELD_LABELS,
    MAX_ANNEX_FILE_BYTES,
    DossierInputError,
    campaign_fingerprint,
    list_loaded,
    log_new_amendments,
)
from esms_desktop.services.unit_of_work import UnitOfWork
from esms_desktop.storage.fsutil import atomic_write

FORMAT_NAME = "esms-desktop/echange"
FORMAT_VERSION = 1
JSON_ENTRY = "esms.json"
FILES_PREFIX = "pieces/"
MAX_JSON_BYTES = 20 * 1024 * 1024
"""The largest ``esms.json`` (or plain ``.json`` file): some 20,000 ESSMS with their texts."""
MAX_ENTRIES = 200
"""Entries of an archive: ``esms.json`` and one file per annex (the checklist has a dozen)."""
MAX_EXCHANGE_BYTES = MAX_JSON_BYTES + 5 * MAX_ANNEX_FILE_BYTES
"""What an archive may hold once decompressed, all entries together (and its size on disk):
the JSON and five annexes at their largest, or many ordinary scans."""
MAX_RATIO = 100
"""How much an entry over :data:`RATIO_FROM_BYTES` may have been compressed: documents and
scans compress a few times, JSON some ten; a decompression bomb a thousand times and more."""
RATIO_FROM_BYTES = 1024 * 1024
MAX_INT_DIGITS = 30
"""Digits of a JSON integer: a capacity of a million has 7; beyond 4,300 ``int()`` itself fails."""
MAX_NUMBER_TEXT = 100
"""Characters of a decimal written as text (« 87.50 », « 25000.00 »)."""
MAX_FINESS_TEXT = 40
"""Characters of a declared FINESS as written (nine, with the spaces people type)."""
_MAX_DIRECTORY_BYTES = 1024 * 1024
"""The archive's central directory, read before zipfile lists it: millions of entries would
take gigabytes to list."""
_END_RECORD = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
Kind = Literal["dossier", "og"]
_E = TypeVar("_E", bound=StrEnum)


class ExchangeFileError(UserError):
    """An exchange file that cannot be used; ``message`` is French and names the file."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class InvalidExchangeFileError(ExchangeFileError):
    """A file whose dossier holds values no door would have let in: refused whole.

    ``problems`` lists every one (where, field, value, expected); the message shows the first
    ones, one per line, between the file's name and « Rien n'a été importé. ».
    """

    def __init__(self, path: Path, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(problem_lines(self.problems))
        super().__init__(
            f"Le fichier « {path} » contient {count} valeur{'s' if count > 1 else ''} hors des "
            f"limites admises :\n{lines}\nRien n'a été importé.",
            path,
        )


@dataclass(frozen=True, slots=True)
class AttachedFile:
    """An annex file carried by an exchange file."""

    annex_key: str
    name: str
    data: bytes
    added: datetime | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class ExchangeContent:
    """What an exchange file holds, decoded and verified."""

    kind: Kind
    format_version: int
    app_version: str
    created: datetime | None
    campaign_id: str
    dossier: Dossier | None = None
    organisation: Organisation | None = None
    files: tuple[AttachedFile, ...] = ()
    part_indicators: tuple[IndicatorValue, ...] = ()
    """A partner's part: the usage indicators of its ESSMS it sends with it (issue 20)."""

    @property
    def indicators(self) -> tuple[IndicatorValue, ...]:
        """The usage indicator values the file brings: the dossier's, or the part's."""
        if self.dossier is not None:
            return self.dossier.follow_up.indicators
        return self.part_indicators

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        """The OGs to merge: the dossier's whole grappe, or the single OG."""
        if self.dossier is not None:
            return self.dossier.grappe.organisations
        return (self.organisation,) if self.organisation is not None else ()


# --- domain → JSON ----------------------------------------------------------------------------


def _dec(value: Decimal | None) -> str | None:
    """A decimal as text, in plain digits (« 0.0000001 », not « 1E-7 »): the reader refuses the
    exponent form. A value no door lets in (``NaN``, 10^999) keeps its short form, and is refused
    when read back."""
    if value is None:
        return None
    text = str(value)
    if "E" in text and value.is_finite() and -40 <= value.adjusted() <= 40:
        text = format(value, "f")
    return text


def _threshold_to_dict(value: UsageThreshold | None) -> dict[str, Any]:
    """``threshold`` (amount, unit, period), plus ``threshold_pct`` for a percentage.

    Programs older than the count thresholds read only ``threshold_pct``: they keep reading
    percentages, and see a count as a threshold still to set rather than as a wrong figure.
    """
    if value is None:
        return {"threshold": None}
    out: dict[str, Any] = {
        "threshold": {"amount": str(value.amount), "unit": value.unit, "period": value.period}
    }
    if value.is_percentage:
        out["threshold_pct"] = str(value.amount)
    return out


def _threshold_from(target: _Reader) -> UsageThreshold | None:
    if "threshold" not in target.data:  # written before count thresholds: a percentage or none
        amount = target.decimal("threshold_pct")
        return None if amount is None else UsageThreshold(amount)
    if target.data["threshold"] is None:
        return None
    t = _Reader(target.data["threshold"], f"{target.where}.threshold")
    amount = t.decimal("amount")
    if amount is None:
        raise _invalid(f"{t.where}.amount", "nombre attendu")
    try:
        return UsageThreshold(amount, t.text("unit", PERCENT), t.text("period"))
    except ValueError as exc:
        raise _invalid(t.where, str(exc)) from None


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _field_json(spec: FieldSpec, value: Any) -> Any:
    """One field's JSON value: enums as their value, decimals as text, dates in ISO form."""
    if spec.kind is FieldKind.CHOICE:
        return None if spec.choice_type is None else spec.choice_type(value).value
    if spec.kind is FieldKind.DECIMAL:
        return _dec(value)
    if spec.kind is FieldKind.DATE:
        return _day(value)
    if spec.kind is FieldKind.CHOICES and spec.choice_type is not None:
        members = tuple(spec.choice_type)  # the enum's order: the same set, the same file
        return [m.value for m in members if m in value]
    return value


def _fields_to_dict(specs: Iterable[FieldSpec], record: object) -> dict[str, Any]:
    return {s.exchange: _field_json(s, getattr(record, s.name)) for s in specs}


def establishment_to_dict(est: Establishment) -> dict[str, Any]:
    """Every field of the table (:data:`ESTABLISHMENT_FIELDS`), in its order."""
    return _fields_to_dict(ESTABLISHMENT_FIELDS, est)


def organisation_to_dict(og: Organisation) -> dict[str, Any]:
    """The OG's fields, then its ESSMS (last, as files have always had them)."""
    return {
        **_fields_to_dict(ORGANISATION_FIELDS, og),
        "establishments": [establishment_to_dict(e) for e in og.establishments],
    }


def _autodiag_to_dict(r: AutodiagResponse) -> dict[str, Any]:
    """One scope's answers; the levels typed from MaturiN-SMS under the optional ``maturin`` key,
    written only when there are some, so a file without them is what older versions wrote."""
    out: dict[str, Any] = {"scope": r.scope, "answers": dict(r.answers.items())}
    if not r.maturin.is_empty:
        day = r.maturin.assessed_on
        out["maturin"] = {
            "levels": dict(r.maturin.levels.items()),
            "assessed_on": None if day is None else day.isoformat(),
        }
    return out


def dossier_to_dict(d: Dossier) -> dict[str, Any]:
    """Every field of a dossier except its local ``id`` (meaningless on another computer)."""
    solution = d.grappe.solution
    return {
        "name": d.name,
        "campaign_id": d.campaign_id,
        "project_title": d.project_title,
        "porteur": {f.name: getattr(d.porteur, f.name) for f in fields(Porteur)},
        "grappe": {
            "organisations": [organisation_to_dict(o) for o in d.grappe.organisations],
            "solution": {f.name: getattr(solution, f.name) for f in fields(DuiSolution)},
        },
        "overrides": {k: _dec(v) for k, v in d.overrides.items()},
        "autodiagnostics": [_autodiag_to_dict(r) for r in d.autodiagnostics],
        "usage_targets": [
            {
                "indicator": t.indicator,
                "sector": t.sector,
                **_threshold_to_dict(t.threshold),
                "window": t.window,
                "evidence": t.evidence,
                "baseline": t.baseline,
            }
            for t in d.usage_targets
        ],
        "milestones": [
            {"label": m.label, "due": _day(m.due), "description": m.description}
            for m in d.milestones
        ],
        "governance": d.governance,
        "team": [
            {
                "name": m.name,
                "role": m.role.value,
                "function": m.function,
                "organisation": m.organisation,
                "availability": m.availability,
            }
            for m in d.team
        ],
        "annexes": [
            {
                "key": a.key,
                "label": a.label,
                "required": a.required,
                "provided": a.provided,
                "file_name": a.file_name,
                "note": a.note,
            }
            for a in d.annexes
        ],
        "attestations": [
            {"key": a.key, "label": a.label, "accepted": a.accepted} for a in d.attestations
        ],
        "convention_date": _day(d.convention_date),
        "created": _moment(d.created),
        "updated": _moment(d.updated),
        "campaign_fingerprint": d.campaign_fingerprint,
        "declarations": {
            "ght_essms": sorted(d.declarations.ght_essms, key=str),
            "editor_registered": d.declarations.editor_registered,
        },
        **({} if d.follow_up == NO_FOLLOW_UP else {"follow_up": follow_up_to_dict(d.follow_up)}),
    }


def follow_up_to_dict(f: FollowUp) -> dict[str, Any]:
    """The follow-up after the candidature (key ``follow_up``, absent when nothing is recorded:
    files of dossiers still in candidature are as before)."""
    filed = f.filed
    convention = f.convention
    return {
        "phase": f.phase.value,
        "filed": None
        if filed is None
        else {
            "filed_on": _day(filed.filed_on),
            "snapshot": filed.snapshot,
            "pdf_fingerprint": filed.pdf_fingerprint,
            "amount_asked": _dec(filed.amount_asked),
        },
        "convention": None
        if convention is None
        else {
            "signed_on": _day(convention.signed_on),
            "amount_granted": _dec(convention.amount_granted),
            "reference": convention.reference,
            "note": convention.note,
        },
        "tranches": [
            {
                "label": t.label,
                "expected": _dec(t.expected),
                "condition": t.condition,
                "usage_targets": t.usage_targets,
                "expected_on": _day(t.expected_on),
                "received": _dec(t.received),
                "received_on": _day(t.received_on),
            }
            for t in f.tranches
        ],
        "transfers": [
            {
                "finess_ej": t.finess_ej,
                "og_name": t.og_name,
                "amount": _dec(t.amount),
                "paid_on": _day(t.paid_on),
                "note": t.note,
            }
            for t in f.transfers
        ],
        "milestones": [
            {
                "finess": m.finess,
                "kind": m.kind.value,
                "planned_on": _day(m.planned_on),
                "done_on": _day(m.done_on),
            }
            for m in f.milestones
        ],
        "indicators": indicators_to_list(f.indicators),
        "confirmed_thresholds": sorted(f.confirmed_thresholds),
        # Omitted when there is none: files without amendments keep their bytes and checksum.
        **({"amendments": [_amendment_to_dict(a) for a in f.amendments]} if f.amendments else {}),
    }


def _amendment_to_dict(a: Amendment) -> dict[str, Any]:
    return {
        "made_on": _day(a.made_on),
        "changes": list(a.changes),
        "before": a.before,
        "after": a.after,
        "note": a.note,
    }


def indicators_to_list(values: Iterable[IndicatorValue]) -> list[dict[str, Any]]:
    """Indicator values as JSON (the period as « 2026-03 » or « 2026-T1 »)."""
    return [
        {
            "finess": v.finess,
            "indicator": v.indicator,
            "period": str(v.period),
            "value": _dec(v.value),
            "denominator": _dec(v.denominator),
            "source": v.source,
        }
        for v in values
    ]


# --- JSON → domain (strict) -------------------------------------------------------------------


class _Reader:
    """Typed access to one JSON object; any mismatch is a French error naming the field."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise _invalid(where, "objet attendu")
        self.data: dict[str, Any] = data
        self.where = where

    def _get(self, key: str, default: object) -> object:
        return self.data.get(key, default)

    def text(self, key: str, default: str = "") -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            raise _invalid(f"{self.where}.{key}", "texte attendu")
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise _invalid(f"{self.where}.{key}", "vrai/faux attendu")
        return value

    def opt_boolean(self, key: str) -> bool | None:
        value = self._get(key, None)
        if value is not None and not isinstance(value, bool):
            raise _invalid(f"{self.where}.{key}", "vrai/faux ou null attendu")
        return value

    def opt_int(self, key: str) -> int | None:
        value = self._get(key, None)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise _invalid(f"{self.where}.{key}", "nombre entier attendu")
        return value

    def decimal(self, key: str, default: Decimal | None = None) -> Decimal | None:
        """A decimal written in plain digits, as the program writes it (« 87.50 »).

        ``NaN``, ``Infinity``, ``sNaN`` and the exponent form (« 1e999999999 ») are refused here:
        ``Decimal`` would take them, and a value that cannot be printed or summed would be held.
        """
        value = self._get(key, None)
        if value is None:
            return default
        if not isinstance(value, str):
            raise _invalid(f"{self.where}.{key}", "nombre décimal écrit en texte attendu")
        if len(value) > MAX_NUMBER_TEXT or not _PLAIN_DECIMAL.fullmatch(value):
            raise _invalid(
                f"{self.where}.{key}",
                f"nombre écrit en chiffres attendu (ex. 87.50), lu « {shown(value)} »",
            )
        number = Decimal(value)
        return number if number else number.copy_abs()  # "-0.00" is 0.00, not a negative zero

    def day(self, key: str) -> date | None:
        value = self._get(key, None)
        if value is None:
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            raise _invalid(f"{self.where}.{key}", f"date illisible « {shown(value)} »") from None

    def moment(self, key: str) -> datetime | None:
        value = self._get(key, None)
        if value is None:
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            return datetime.fromisoformat(value)
        except ValueError:
            raise _invalid(
                f"{self.where}.{key}", f"date et heure illisibles « {shown(value)} »"
            ) from None

    def enum(self, key: str, kind: type[_E], default: _E) -> _E:
        value = self._get(key, default.value)
        if not isinstance(value, str):
            raise _invalid(f"{self.where}.{key}", f"valeur inconnue « {shown(value)} »")
        try:
            return kind(value)
        except ValueError:
            raise _invalid(f"{self.where}.{key}", f"valeur inconnue « {shown(value)} »") from None

    def enum_set(self, key: str, kind: type[_E]) -> frozenset[_E]:
        """A list of enum values as a set (absent: empty); a value no member has is refused."""
        members = {m.value: m for m in kind}
        found: set[_E] = set()
        for value in self.texts(key, len(members), 64):
            if value not in members:
                raise _invalid(f"{self.where}.{key}", f"valeur inconnue « {shown(value)} »")
            found.add(members[value])
        return frozenset(found)

    def texts(self, key: str, limit: int, longest: int) -> list[str]:
        """The list of texts under ``key``: ``limit`` items at most, refused before any is read,
        each of ``longest`` characters at most."""
        value = self._get(key, [])
        if not isinstance(value, list):
            raise _invalid(f"{self.where}.{key}", "liste attendue")
        if len(value) > limit:
            raise _invalid(f"{self.where}.{key}", f"{len(value)} éléments, {limit} au plus")
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise _invalid(f"{self.where}.{key}[{i}]", "texte attendu")
            if len(item) > longest:
                raise _invalid(
                    f"{self.where}.{key}[{i}]", f"texte de {longest} caractères au plus attendu"
                )
        return value

    def items(self, key: str, limit: int) -> list[_Reader]:
        """The list under ``key``, refused beyond ``limit`` items before any is read."""
        value = self._get(key, [])
        if not isinstance(value, list):
            raise _invalid(f"{self.where}.{key}", "liste attendue")
        if len(value) > limit:
            raise _invalid(f"{self.where}.{key}", f"{len(value)} éléments, {limit} au plus")
        return [_Reader(v, f"{self.where}.{key}[{i}]") for i, v in enumerate(value)]

    def child(self, key: str) -> _Reader:
        return _Reader(self._get(key, {}), f"{self.where}.{key}")

    def mapping(self, key: str, limit: int) -> dict[str, Any]:
        value = self._get(key, {})
        if not isinstance(value, dict):
            raise _invalid(f"{self.where}.{key}", "objet attendu")
        if len(value) > limit:
            raise _invalid(f"{self.where}.{key}", f"{len(value)} éléments, {limit} au plus")
        return value


class _PayloadError(Exception):
    pass


def _invalid(where: str, what: str) -> _PayloadError:
    return _PayloadError(f"champ « {where} » : {what}")


def _field_from(r: _Reader, spec: FieldSpec) -> Any:
    """One field read strictly; an absent key gives the dataclass's default."""
    key = spec.exchange
    if spec.kind is FieldKind.CHOICE and spec.choice_type is not None:
        return r.enum(key, spec.choice_type, spec.default)
    if spec.kind is FieldKind.INTEGER:
        return r.opt_int(key)
    if spec.kind is FieldKind.DECIMAL:
        return r.decimal(key, spec.default)  # 0 % is a real answer: only null means the default
    if spec.kind is FieldKind.BOOLEAN:
        return r.boolean(key, spec.default)
    if spec.kind is FieldKind.DATE:
        return r.day(key)
    if spec.kind is FieldKind.CHOICES and spec.choice_type is not None:
        return r.enum_set(key, spec.choice_type)  # absent (an older file): none
    return r.text(key, spec.default)


def establishment_from_dict(r: _Reader) -> Establishment:
    return Establishment(**{s.name: _field_from(r, s) for s in ESTABLISHMENT_FIELDS})


def organisation_from_dict(r: _Reader) -> Organisation:
    return Organisation(
        **{s.name: _field_from(r, s) for s in ORGANISATION_FIELDS},
        establishments=tuple(
            establishment_from_dict(e) for e in r.items("establishments", MAX_ESTABLISHMENTS)
        ),
    )


def _organisations_from(grappe: _Reader) -> tuple[Organisation, ...]:
    """The grappe's OGs, refused when they hold more ESSMS in all than a dossier may, before
    any is built (20 MB of ``{}`` would be millions of them)."""
    organisations = grappe.items("organisations", MAX_ORGANISATIONS)
    listed = (o.data.get("establishments") for o in organisations)
    total = sum(len(e) for e in listed if isinstance(e, list))
    if total > MAX_ESTABLISHMENTS:
        raise _invalid(
            f"{grappe.where}.organisations", f"{total} ESSMS, {MAX_ESTABLISHMENTS} au plus"
        )
    return tuple(organisation_from_dict(o) for o in organisations)


def _with_safe_names(dossier: Dossier, files: Sequence[AttachedFile]) -> Dossier:
    """The dossier with the ``file_name`` of each annex the file carries a file for made a safe
    base name, as the attached file's own name is (:func:`_read_files`).

    The name of an annex with no file attached is left as the text it is: it names nothing on
    disk, and the store keeps such texts as given (tests/reliability/test_hostile_input.py).
    """
    attached = {f.annex_key for f in files}
    return replace(
        dossier,
        annexes=tuple(
            replace(a, file_name=safe_file_name(a.file_name))
            if a.key in attached and a.file_name
            else a
            for a in dossier.annexes
        ),
    )


def _declarations_from(r: _Reader) -> Declarations:
    """The optional ``declarations`` (files written before them have none: nothing declared).

    The FINESS are normalised as :func:`~esms_desktop.domain.edits.declare_ght` stores them
    (« 59 000 001 2 » is 590000012); what is then no FINESS is refused with the rest of the
    dossier's values (:func:`value_problems`)."""
    if r.data.get("declarations") is None:
        return NO_DECLARATIONS
    d = r.child("declarations")
    return Declarations(
        ght_essms=frozenset(
            normalise(t) for t in d.texts("ght_essms", MAX_ESTABLISHMENTS, MAX_FINESS_TEXT)
        ),
        editor_registered=d.opt_boolean("editor_registered"),
    )


def _typed_from(item: _Reader) -> TypedLevels:
    """The optional ``maturin`` object of a scope (absent in older files: nothing typed). A level
    must be an integer; one outside 1–5 or of an unknown dimension is kept, as the store keeps
    it, and left uncounted by the summary, which names it."""
    if item.data.get("maturin") is None:
        return NO_TYPED_LEVELS
    typed = item.child("maturin")
    levels = typed.mapping("levels", MAX_ANSWERS)
    for dimension, level in levels.items():
        if isinstance(level, bool) or not isinstance(level, int):
            raise _invalid(f"{typed.where}.levels.{shown(dimension, 40)}", "niveau entier attendu")
    return TypedLevels(MappingProxyType(levels), typed.day("assessed_on"))


MAX_INDICATOR_VALUES = 200_000
"""Indicator values of one dossier: 1,000 ESSMS × 5 indicators × 36 months, and room."""
_PERIOD_TEXT = re.compile(r"([0-9]{4})-(?:([0-9]{2})|T([1-4]))")


def _period_from(r: _Reader, key: str) -> Period:
    text = r.text(key)
    found = _PERIOD_TEXT.fullmatch(text)
    if found is None or (found.group(2) and not 1 <= int(found.group(2)) <= 12):
        raise _invalid(
            f"{r.where}.{key}", f"période « {shown(text)} » : 2026-03 ou 2026-T1 attendu"
        )
    if found.group(3):
        return Period(int(found.group(1)), int(found.group(3)), PeriodKind.TRIMESTRE)
    return Period(int(found.group(1)), int(found.group(2)))


def _required_day(r: _Reader, key: str) -> date:
    value = r.day(key)
    if value is None:
        raise _invalid(f"{r.where}.{key}", "date attendue")
    return value


def _required_decimal(r: _Reader, key: str) -> Decimal:
    value = r.decimal(key)
    if value is None:
        raise _invalid(f"{r.where}.{key}", "nombre attendu")
    return value


def indicators_from(r: _Reader, key: str) -> tuple[IndicatorValue, ...]:
    return tuple(
        IndicatorValue(
            finess=v.text("finess"),
            indicator=v.text("indicator"),
            period=_period_from(v, "period"),
            value=_required_decimal(v, "value"),
            denominator=v.decimal("denominator"),
            source=v.text("source"),
        )
        for v in r.items(key, MAX_INDICATOR_VALUES)
    )


def _follow_up_from(r: _Reader) -> FollowUp:
    """The optional ``follow_up`` (files written before issue 20, or of a dossier still in
    candidature, have none: ``NO_FOLLOW_UP``)."""
    if r.data.get("follow_up") is None:
        return NO_FOLLOW_UP
    f = r.child("follow_up")
    filed = None
    if f.data.get("filed") is not None:
        d = f.child("filed")
        filed = FiledCandidature(
            filed_on=_required_day(d, "filed_on"),
            snapshot=d.text("snapshot"),
            pdf_fingerprint=d.text("pdf_fingerprint"),
            amount_asked=d.decimal("amount_asked"),
        )
    convention = None
    if f.data.get("convention") is not None:
        c = f.child("convention")
        convention = Convention(
            signed_on=_required_day(c, "signed_on"),
            amount_granted=_required_decimal(c, "amount_granted"),
            reference=c.text("reference"),
            note=c.text("note"),
        )
    return FollowUp(
        phase=f.enum("phase", Phase, Phase.CANDIDATURE),
        filed=filed,
        convention=convention,
        tranches=tuple(
            TranchePayment(
                label=t.text("label"),
                expected=_required_decimal(t, "expected"),
                condition=t.text("condition"),
                usage_targets=t.boolean("usage_targets"),
                expected_on=t.day("expected_on"),
                received=t.decimal("received"),
                received_on=t.day("received_on"),
            )
            for t in f.items("tranches", MAX_ITEMS)
        ),
        transfers=tuple(
            MemberTransfer(
                finess_ej=t.text("finess_ej"),
                og_name=t.text("og_name"),
                amount=_required_decimal(t, "amount"),
                paid_on=t.day("paid_on"),
                note=t.text("note"),
            )
            for t in f.items("transfers", MAX_ITEMS)
        ),
        milestones=tuple(
            EssmsMilestone(
                finess=m.text("finess"),
                kind=m.enum("kind", MilestoneKind, MilestoneKind.PARAMETRAGE),
                planned_on=m.day("planned_on"),
                done_on=m.day("done_on"),
            )
            for m in f.items("milestones", 2 * MAX_ESTABLISHMENTS)
        ),
        indicators=indicators_from(f, "indicators"),
        confirmed_thresholds=frozenset(f.texts("confirmed_thresholds", MAX_ITEMS, 500)),
        amendments=tuple(_amendment_from(a) for a in f.items("amendments", MAX_ITEMS)),
    )


MAX_AMENDMENT_LINES = 4 * MAX_ESTABLISHMENTS
"""Lines of one amendment's changes (every ESSMS and OG of a grappe added or removed)."""


def _amendment_from(a: _Reader) -> Amendment:
    return Amendment(
        made_on=_required_day(a, "made_on"),
        changes=tuple(a.texts("changes", MAX_AMENDMENT_LINES, 2000)),
        before=a.text("before"),
        after=a.text("after"),
        note=a.text("note"),
    )


def dossier_from_dict(r: _Reader) -> Dossier:
    """A dossier read strictly; ``campaign_fingerprint`` and ``declarations`` are optional
    (files written before them), and a file without them reads as nothing recorded nor
    declared."""
    porteur = r.child("porteur")
    grappe = r.child("grappe")
    solution = grappe.child("solution")
    overrides: dict[str, Decimal] = {}
    for key, value in r.mapping("overrides", MAX_ITEMS).items():
        where = f"{r.where}.overrides.{shown(key, 40)}"
        amount = _Reader({"v": value}, where).decimal("v")
        if amount is None:
            raise _invalid(where, "montant attendu")
        overrides[str(key)] = amount
    autodiagnostics = []
    for item in r.items("autodiagnostics", MAX_AUTODIAG_SCOPES):
        answers = item.mapping("answers", MAX_ANSWERS)
        for question, level in answers.items():
            if isinstance(level, bool) or not isinstance(level, int):
                where = f"{item.where}.answers.{shown(question, 40)}"
                raise _invalid(where, "niveau entier attendu")
        autodiagnostics.append(
            AutodiagResponse(
                scope=item.text("scope", "grappe"),
                answers=MappingProxyType(answers),
                maturin=_typed_from(item),
            )
        )
    return Dossier(
        name=r.text("name"),
        campaign_id=r.text("campaign_id"),
        project_title=r.text("project_title"),
        porteur=Porteur(**{f.name: porteur.text(f.name) for f in fields(Porteur)}),
        grappe=Grappe(
            organisations=_organisations_from(grappe),
            solution=DuiSolution(
                editor=solution.text("editor"),
                product=solution.text("product"),
                segur_referenced=solution.opt_boolean("segur_referenced"),
                segur_reference=solution.text("segur_reference"),
                justification=solution.text("justification"),
            ),
        ),
        overrides=MappingProxyType(overrides),
        autodiagnostics=tuple(autodiagnostics),
        usage_targets=tuple(
            UsageTarget(
                indicator=t.text("indicator"),
                sector=t.text("sector"),
                threshold=_threshold_from(t),
                window=t.text("window"),
                evidence=t.text("evidence"),
                baseline=t.text("baseline"),  # absent from files before issue 16: ""
            )
            for t in r.items("usage_targets", MAX_ITEMS)
        ),
        milestones=tuple(
            Milestone(label=m.text("label"), due=m.day("due"), description=m.text("description"))
            for m in r.items("milestones", MAX_ITEMS)
        ),
        governance=r.text("governance"),
        team=tuple(  # absent from files before issue 16: no team
            TeamMember(
                name=m.text("name"),
                role=m.enum("role", TeamRole, TeamRole.REFERENT),
                function=m.text("function"),
                organisation=m.text("organisation"),
                availability=m.text("availability"),
            )
            for m in r.items("team", MAX_ITEMS)
        ),
        annexes=tuple(
            Annex(
                key=a.text("key"),
                label=a.text("label"),
                required=a.boolean("required", True),
                provided=a.boolean("provided"),
                file_name=a.text("file_name"),
                note=a.text("note"),
            )
            for a in r.items("annexes", MAX_ITEMS)
        ),
        attestations=tuple(
            Attestation(key=a.text("key"), label=a.text("label"), accepted=a.boolean("accepted"))
            for a in r.items("attestations", MAX_ITEMS)
        ),
        convention_date=r.day("convention_date"),
        created=r.moment("created"),
        updated=r.moment("updated"),
        campaign_fingerprint=r.text("campaign_fingerprint"),
        declarations=_declarations_from(r),
        follow_up=_follow_up_from(r),
    )


# --- the start-up snapshot ---------------------------------------------------------------------


def snapshot_bytes(dossier: Dossier) -> bytes:
    """The dossier as the store keeps it for the next start-up (``dossier_snapshot``): the
    payload of an ``.esms`` file (its format version, the dossier), canonical JSON, no files."""
    payload = {"format_version": FORMAT_VERSION, "dossier": dossier_to_dict(dossier)}
    return canonical_json(payload)


def dossier_from_snapshot(data: bytes, dossier_id: int) -> Dossier | None:
    """The dossier ``data`` holds (:func:`snapshot_bytes`), or ``None`` when it cannot be read
    as this version writes it, or holds a value no door lets in: start-up then reads the rows."""
    try:
        payload = json.loads(data, parse_constant=_no_constant)
        if not isinstance(payload, dict) or payload.get("format_version") != FORMAT_VERSION:
            return None
        dossier = dossier_from_dict(_Reader(payload, "instantané").child("dossier"))
    except (ValueError, RecursionError, _PayloadError, _JsonRefusedError):
        return None
    if value_problems(dossier):
        return None
    return replace(dossier, id=dossier_id)


# --- the file ---------------------------------------------------------------------------------


def canonical_json(payload: Mapping[str, Any]) -> bytes:
    """The bytes the checksum is computed on: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def payload_checksum(payload: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def _envelope(kind: Kind, payload: Mapping[str, Any], created: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "created": created.isoformat(),
        "kind": kind,
        "checksum": {"algorithm": "sha256", "value": payload_checksum(payload)},
        "payload": payload,
    }


def _files_payload(files: Sequence[AttachedFile]) -> list[dict[str, Any]]:
    return [
        {
            "annex_key": f.annex_key,
            "name": f.name,
            "size": len(f.data),
            "sha256": f.sha256,
            "added": _moment(f.added),
            "entry": f"{FILES_PREFIX}{i + 1:04d}",
        }
        for i, f in enumerate(files)
    ]


def write_exchange_file(
    path: Path,
    kind: Kind,
    payload: Mapping[str, Any],
    files: Sequence[AttachedFile] = (),
    *,
    created: datetime | None = None,
) -> Path:
    """Write the ZIP (``esms.json`` + ``pieces/…``) through a temporary file; returns ``path``.

    ``payload`` must already list ``files`` under ``"files"`` (see :func:`_files_payload`).
    """
    envelope = _envelope(kind, payload, created or datetime.now(UTC))
    text = json.dumps(envelope, ensure_ascii=False, indent=1).encode("utf-8")
    listed = {item["entry"]: item for item in payload.get("files", [])}

    def write(stream: BinaryIO) -> None:
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(JSON_ENTRY, text)
            for item, attached in zip(listed.values(), files, strict=True):
                archive.writestr(item["entry"], attached.data)

    atomic_write(Path(path), write, "écrire le fichier d'échange")
    return Path(path)


def _refuse(path: Path, why: str) -> ExchangeFileError:
    return ExchangeFileError(f"Le fichier « {path} » {why} Rien n'a été importé.", path)


def _mb(size: int) -> str:
    return f"{math.ceil(size / (1024 * 1024))} Mo"


# --- reading JSON from a stranger -------------------------------------------------------------


class _JsonRefusedError(Exception):
    """A JSON token refused while parsing (``NaN``, an integer of a thousand digits); French."""


def _no_constant(name: str) -> object:
    raise _JsonRefusedError(f"nombre « {name} » : seuls les nombres écrits en chiffres sont admis")


def _bounded_int(text: str) -> int:
    """An integer of :data:`MAX_INT_DIGITS` digits at most: Python's ``int()`` refuses more than
    4,300 in English, and no count of ours has more than ten."""
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _JsonRefusedError(f"nombre entier de {digits} chiffres, {MAX_INT_DIGITS} au plus")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _JsonRefusedError(f"nombre trop grand « {shown(text)} »")
    return value


def _parse_json(path: Path, raw: bytes) -> object:
    """``raw`` as JSON; what Python would take (``NaN``) or fail on in English is refused."""
    try:
        return json.loads(
            raw.decode("utf-8-sig"),
            parse_constant=_no_constant,
            parse_int=_bounded_int,
            parse_float=_finite_float,
        )
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _refuse(path, "est incomplet ou endommagé (texte JSON illisible).") from None
    except _JsonRefusedError as exc:
        raise _refuse(path, f"a un contenu invalide ({exc}).") from None
    except RecursionError:
        raise _refuse(
            path, "a une structure trop imbriquée pour être lue (fichier abîmé ou fabriqué)."
        ) from None


# --- reading a ZIP from a stranger: bounded before anything is decompressed ---------------------


def _too_many(path: Path, entries: int) -> ExchangeFileError:
    return _refuse(
        path,
        f"contient trop de pièces pour un fichier d'échange ({entries} ; {MAX_ENTRIES} au plus).",
    )


def _check_directory(path: Path, stream: IO[bytes]) -> None:
    """Refuse an archive whose end record announces too many entries or too large a directory,
    before zipfile lists it (a directory of millions of entries takes gigabytes to list).

    Without an end record nothing is said here: zipfile then calls the archive damaged. A ZIP64
    archive is refused: it exists for more than 65,535 entries or 4 GB, and this program never
    writes one.
    """
    end = stream.seek(0, os.SEEK_END)
    stream.seek(max(0, end - _END_RECORD.size - 0xFFFF))  # the record, then a comment
    tail = stream.read()
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < _END_RECORD.size:
        return
    if at >= 20 and tail[at - 20 : at - 16] == _ZIP64_LOCATOR:
        raise _refuse(path, "est une archive ZIP64, trop grande pour un fichier d'échange.")
    entries, directory = _END_RECORD.unpack_from(tail, at)[4:6]
    if entries > MAX_ENTRIES or directory > _MAX_DIRECTORY_BYTES:
        raise _too_many(path, entries)


def _check_archive(path: Path, archive: zipfile.ZipFile) -> None:
    """Entries, sizes as declared, compression ratio and method, before reading any entry."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _too_many(path, len(infos))
    total = 0
    for info in infos:
        name = shown(info.filename)
        if info.flag_bits & 0x1:
            raise _refuse(path, f"contient une pièce chiffrée (« {name} »), illisible.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(path, f"contient une pièce compressée d'une façon inconnue (« {name} »).")
        limit = MAX_JSON_BYTES if info.filename == JSON_ENTRY else MAX_ANNEX_FILE_BYTES
        if info.file_size > limit:
            raise _refuse(
                path,
                f"est trop volumineux pour un fichier d'échange (« {name} » : "
                f"{_mb(info.file_size)}, {_mb(limit)} au plus).",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        bombable = info.filename != JSON_ENTRY  # the JSON, read whole, is bounded by its size
        if bombable and info.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise _refuse(
                path,
                f"contient une pièce comprimée {ratio:.0f} fois (« {name} »), comme le sont "
                "les fichiers fabriqués pour saturer la mémoire.",
            )
        total += info.file_size
    if total > MAX_EXCHANGE_BYTES:
        raise _refuse(
            path,
            f"est trop volumineux pour un fichier d'échange ({_mb(total)} une fois décompressé, "
            f"{_mb(MAX_EXCHANGE_BYTES)} au plus).",
        )


def _read_entry(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, damaged: str) -> bytes:
    """The entry's bytes, never more than it declares (checked by :func:`_check_archive`); a
    length that differs from the declared one, or a bad CRC, is ``damaged``."""
    try:
        with archive.open(info) as entry:
            data = entry.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        raise _refuse(path, damaged) from None
    if len(data) != info.file_size:
        raise _refuse(path, damaged)
    return data


def _json_entry(path: Path, archive: zipfile.ZipFile) -> bytes:
    """``esms.json``, read once the whole archive has passed :func:`_check_archive`."""
    try:
        info = archive.getinfo(JSON_ENTRY)
    except KeyError:
        raise _refuse(path, "n'est pas un fichier d'échange esms-desktop (.esms).") from None
    _check_archive(path, archive)
    return _read_entry(path, archive, info, "est endommagé (contenu illisible).")


def _load_envelope(path: Path) -> tuple[dict[str, Any], zipfile.ZipFile | None]:
    raw: bytes | None = None
    try:
        with path.open("rb") as stream:
            head = stream.read(4)
            if head.startswith(b"PK"):
                size = os.fstat(stream.fileno()).st_size
                if size > MAX_EXCHANGE_BYTES:
                    raise _refuse(
                        path,
                        f"est trop volumineux pour un fichier d'échange ({_mb(size)}, "
                        f"{_mb(MAX_EXCHANGE_BYTES)} au plus).",
                    )
                _check_directory(path, stream)
            else:
                raw = head + stream.read(MAX_JSON_BYTES + 1 - len(head))
    except FileNotFoundError:
        raise _refuse(path, "est introuvable.") from None
    except OSError as exc:
        raise _refuse(path, f"ne peut pas être lu ({exc.strerror or exc}).") from exc
    archive: zipfile.ZipFile | None = None
    if raw is None:
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise _refuse(
                path, "est incomplet ou endommagé (archive illisible, téléchargement interrompu ?)."
            ) from None
        try:
            raw = _json_entry(path, archive)
        except ExchangeFileError:
            archive.close()
            raise
    elif len(raw) > MAX_JSON_BYTES:
        raise _refuse(
            path,
            f"est trop volumineux pour un fichier d'échange (plus de {_mb(MAX_JSON_BYTES)}).",
        )
    elif not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        raise _refuse(path, "n'est pas un fichier d'échange esms-desktop (.esms).")
    try:
        envelope = _parse_json(path, raw)
    except ExchangeFileError:
        if archive is not None:
            archive.close()
        raise
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT_NAME:
        if archive is not None:
            archive.close()
        raise _refuse(path, "n'est pas un fichier d'échange esms-desktop (.esms).")
    return envelope, archive


def read_exchange_file(path: Path) -> ExchangeContent:
    """Decode and verify an exchange file; raises :class:`ExchangeFileError` when unusable
    (:class:`InvalidExchangeFileError`, with the list, when its dossier holds bad values)."""
    path = Path(path)
    envelope, archive = _load_envelope(path)
    try:
        return _decode(path, envelope, archive)
    finally:
        if archive is not None:
            archive.close()


def _decode(
    path: Path, envelope: dict[str, Any], archive: zipfile.ZipFile | None
) -> ExchangeContent:
    version = envelope.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _refuse(path, "est endommagé (version de format illisible).")
    if version > FORMAT_VERSION:
        raise _refuse(
            path,
            f"a été créé par une version plus récente d'esms-desktop "
            f"({shown(envelope.get('app_version', '?'))}, format {version} ; ce programme lit "
            f"le format {FORMAT_VERSION}). Mettez à jour esms-desktop pour l'ouvrir.",
        )
    payload = envelope.get("payload")
    checksum = envelope.get("checksum")
    expected = checksum.get("value") if isinstance(checksum, dict) else None
    if not isinstance(payload, dict) or not isinstance(expected, str):
        raise _refuse(path, "est incomplet (contenu ou somme de contrôle absents).")
    try:
        actual = payload_checksum(payload)
    except UnicodeEncodeError:  # a lone surrogate (\ud800) written as a JSON escape
        raise _refuse(path, "est endommagé (texte contenant des caractères invalides).") from None
    except RecursionError:  # read just below Python's limit, written just above it
        raise _refuse(
            path, "a une structure trop imbriquée pour être lue (fichier abîmé ou fabriqué)."
        ) from None
    if actual != expected:
        raise _refuse(
            path,
            "a été modifié ou abîmé depuis son export (la somme de contrôle ne correspond pas) : "
            "demandez à l'expéditeur de le renvoyer.",
        )
    kind = envelope.get("kind")
    if kind not in ("dossier", "og"):
        raise _refuse(path, f"contient un type de données inconnu (« {shown(kind)} »).")
    try:
        reader = _Reader(payload, "payload")
        dossier = dossier_from_dict(reader.child("dossier")) if kind == "dossier" else None
        organisation = (
            organisation_from_dict(reader.child("organisation")) if kind == "og" else None
        )
        campaign_id = dossier.campaign_id if dossier is not None else reader.text("campaign_id")
        part_indicators = indicators_from(reader, "indicators") if kind == "og" else ()
    except _PayloadError as exc:
        raise _refuse(path, f"a un contenu invalide ({exc}).") from None
    _check_values(path, dossier, organisation, campaign_id)
    try:
        files = tuple(_read_files(path, reader.items("files", MAX_ENTRIES), archive))
        created = _Reader(envelope, "fichier").moment("created")
    except _PayloadError as exc:
        raise _refuse(path, f"a un contenu invalide ({exc}).") from None
    if dossier is not None:
        dossier = _with_safe_names(dossier, files)
    return ExchangeContent(
        kind=kind,
        format_version=version,
        app_version=str(envelope.get("app_version", "")),
        created=created,
        campaign_id=campaign_id,
        dossier=dossier,
        organisation=organisation,
        files=files,
        part_indicators=part_indicators,
    )


def _check_values(
    path: Path, dossier: Dossier | None, organisation: Organisation | None, campaign_id: str
) -> None:
    """Refuse the file whole, listing every value no door would have let in.

    A part file's OG is checked as the dossier it would start (:func:`import_as_new`) or the
    grappe it joins: the same rules, the same list.
    """
    if dossier is None:
        grappe = Grappe(() if organisation is None else (organisation,))
        dossier = Dossier(name="", campaign_id=campaign_id, grappe=grappe)
    problems = value_problems(dossier)
    if problems:
        raise InvalidExchangeFileError(path, problems)


def _read_files(
    path: Path, items: Iterable[_Reader], archive: zipfile.ZipFile | None
) -> Iterable[AttachedFile]:
    entries: set[str] = set()
    for item in items:
        entry = item.text("entry")
        size = item.opt_int("size")
        if archive is None:
            raise _refuse(path, "annonce des pièces jointes mais n'est pas une archive .esms.")
        if entry in entries:  # one entry named many times: one kilobyte stored a thousand times
            raise _refuse(path, f"cite plusieurs fois la pièce jointe « {shown(entry)} ».")
        entries.add(entry)
        try:
            info = archive.getinfo(entry)
        except KeyError:
            raise _refuse(
                path, f"est incomplet (pièce jointe « {shown(entry)} » absente)."
            ) from None
        if info.file_size > MAX_ANNEX_FILE_BYTES or info.file_size != size:
            raise _refuse(path, f"est endommagé (taille de la pièce « {shown(entry)} »).")
        data = _read_entry(
            path, archive, info, f"est endommagé (pièce jointe « {shown(entry)} » illisible)."
        )
        if hashlib.sha256(data).hexdigest() != item.text("sha256"):
            raise _refuse(path, f"a été modifié (pièce jointe « {shown(entry)} » altérée).")
        name = safe_file_name(item.text("name"))  # data, never a path (« ../../x », « C:\\x »)
        yield AttachedFile(item.text("annex_key"), name, data, item.moment("added"))


# --- merge by FINESS --------------------------------------------------------------------------
# The rule is the domain's (``domain/merge.py``), shared with the spreadsheet import; here is
# the report the CLI and the dialog show, and the partner-file entry point.

from esms_desktop.domain.merge import MAX_NEW_ESTABLISHMENTS  # noqa: E402 (with its section)
from esms_desktop.domain.merge import RefusedEstablishment as RefusedEstablishment  # noqa: E402


def _count(n: int, one: str, many: str) -> str:
    """« 1 ESSMS ajouté », « 3 ESSMS ajoutés », « 0 ESSMS ajouté » (French: 0 is singular)."""
    return f"{n} {one if n <= 1 else many}"


@dataclass(frozen=True, slots=True)
class MergeReport:
    """What a merge adds and changes; ``applied`` is False for a preview.

    Every field change is in ``changed`` (a fill of our blank, or a conflict), every ESSMS of
    another OG that a partner's part listed is in ``refused`` (not applied): the dialog shows
    them all before anything is applied.
    """

    added: tuple[AddedEstablishment, ...] = ()
    changed: tuple[EstablishmentMerge, ...] = ()
    unchanged: int = 0
    added_organisations: tuple[str, ...] = ()
    applied: bool = False
    backup: Path | None = None
    resolution: Mapping[str, Side] = field(default_factory=lambda: MappingProxyType({}))
    porteur_clash: tuple[str, str] | tuple[()] = ()
    """(ours, theirs): the file names another porteur than the dossier's, and ours is not only
    a name. ``porteur_kept`` says which one the merge keeps as porteur."""
    porteur_kept: PorteurChoice = PorteurChoice.INCOMING
    porteur_note: str = ""
    """A French sentence when the merge changes who is porteur, empty otherwise."""
    refused: tuple[RefusedEstablishment, ...] = ()
    notes: tuple[str, ...] = ()
    """French sentences on what a part file could not do, or how its OG was recognised."""
    grappe_withheld: str = ""
    """The French sentence saying the grappe differences were not applied (the candidature is
    filed: changing its grappe needs an amendment), empty otherwise. ``added`` and ``changed``
    still list them, for the dialog to offer the amendment; it is also in ``notes``."""

    @property
    def conflicts(self) -> tuple[EstablishmentMerge, ...]:
        return tuple(c for c in self.changed if c.conflict)

    def headline(self) -> str:
        """The merge in one French line, the first thing the dialog says: what it adds first,
        since adding ESSMS is what the user confirms by pressing OK."""
        parts = [
            _count(len(self.added), "ESSMS ajouté", "ESSMS ajoutés"),
            _count(len(self.changed), "modifié", "modifiés")
            + f" (dont {_count(len(self.conflicts), 'conflit', 'conflits')})",
        ]
        if self.refused:
            parts.append(_count(len(self.refused), "refusé", "refusés"))
        if self.added_organisations:
            parts.append(
                _count(len(self.added_organisations), "organisme ajouté", "organismes ajoutés")
            )
        return ", ".join(parts) + "."

    def summary(self) -> str:
        """One French paragraph for the CLI and the confirmation dialog."""
        verb = "ajouté(s)" if self.applied else "à ajouter"
        if self.grappe_withheld:
            verb = "non ajouté(s)"
        lines = [
            f"{len(self.added)} ESSMS {verb}, {len(self.changed)} modifié(s) "
            f"dont {len(self.conflicts)} en conflit, {self.unchanged} identique(s)."
        ]
        if self.added_organisations:
            lines.append("Nouveaux organismes : " + ", ".join(self.added_organisations) + ".")
        if self.porteur_note:
            lines.append(self.porteur_note)
        lines.extend(self.notes)
        if self.refused:
            lines.append(f"{len(self.refused)} ESSMS refusé(s), non modifié(s) :")
            lines.extend(f"- {r.message}" for r in self.refused)
        for change in self.changed:
            what = "; ".join(
                f"{c.label} : « {c.ours} » → « {c.theirs} »" + (" (conflit)" if c.conflict else "")
                for c in change.changes
            )
            kept = ""
            if change.conflict:
                kept = " — gardé : " + (
                    "leurs valeurs" if change.taken == "theirs" else "les nôtres"
                )
            lines.append(f"- {change.name} ({change.finess or 'sans FINESS'}) : {what}{kept}")
        return "\n".join(lines)


def merge_grappe(
    ours: Grappe,
    theirs: Sequence[Organisation],
    choices: Mapping[str, Side] | None = None,
    default: Side = "ours",
    porteur: PorteurChoice = PorteurChoice.INCOMING,
    *,
    part: bool = False,
    source: str = "",
) -> tuple[Grappe, MergeReport]:
    """Merge incoming OGs into ``ours``; returns the merged grappe and the report.

    The domain's merge (:func:`esms_desktop.domain.merge.merge`), the spreadsheet import's too:
    OGs matched by FINESS juridique, then SIREN, then name; ESSMS by FINESS; a field filled on
    both sides with different values is a conflict, decided per ESSMS by ``choices[key]``
    (key = :func:`establishment_key`) or else by ``default``; the file's porteur is never
    silently demoted, ``porteur`` decides and the report says so. Our DUI solution is kept.

    ``part``: the OGs are a partner's part (an ``"og"`` file), which may change only its own
    OG. A file adding more than :data:`MAX_NEW_ESTABLISHMENTS` ESSMS is refused
    (:class:`TooManyEstablishmentsError`, naming ``source``) before anything is merged.
    """
    result = merge(
        ours,
        Grappe(tuple(theirs), ours.solution),
        choices,
        default,
        porteur,
        labels=ESTABLISHMENT_FIELD_LABELS,
        part=part,
        limit=MAX_NEW_ESTABLISHMENTS,
        source=source,
    )
    clash = result.porteur_clash
    report = MergeReport(
        added=result.added,
        changed=result.changed,
        unchanged=result.unchanged,
        added_organisations=result.added_organisations,
        resolution=result.resolution,
        porteur_clash=() if clash is None else (clash.current.name, clash.incoming.name),
        porteur_kept=result.porteur_kept,
        porteur_note=result.porteur_note,
        refused=result.refused,
        notes=result.notes,
    )
    return result.grappe, report


def merge_content(
    ours: Grappe,
    content: ExchangeContent,
    choices: Mapping[str, Side] | None = None,
    default: Side = "ours",
    porteur: PorteurChoice = PorteurChoice.INCOMING,
    source: str = "",
) -> tuple[Grappe, MergeReport]:
    """Merge what an exchange file holds: a partner's part (``kind == "og"``) touches only its
    own OG, a whole dossier the whole grappe (:func:`merge_grappe`)."""
    return merge_grappe(
        ours,
        content.organisations,
        choices,
        default,
        porteur,
        part=content.kind == "og",
        source=source,
    )


def merge_indicators_of(
    dossier: Dossier, content: ExchangeContent, default: Side = "ours"
) -> tuple[Dossier, str]:
    """The usage indicators a file brings merged into ``dossier`` (after its grappe merge),
    and a French sentence saying what was done ("" when the file brings none).

    As the grappe merge: a partner's part brings values for its own OG's ESSMS only (others are
    left out, and said); a value that differs from the one entered for the same ESSMS,
    indicator and period is a conflict, decided by ``default`` (« ours » keeps ours). Values of
    an ESSMS no longer in the grappe or of an indicator no target names are left out.
    """
    incoming = content.indicators
    if not incoming:
        return dossier, ""
    ours = {e.finess for _og, e in dossier.grappe.rows()}
    if content.kind == "og" and content.organisation is not None:
        ours &= {e.finess for e in content.organisation.establishments}
    targets = {t.indicator for t in dossier.usage_targets}
    usable = [v for v in incoming if v.finess in ours and v.indicator in targets]
    conflicts = indicator_conflicts(dossier, usable)
    kept = usable
    if default == "ours":
        clashing = {(c.incoming.finess, c.incoming.indicator, c.incoming.period) for c in conflicts}
        kept = [v for v in usable if (v.finess, v.indicator, v.period) not in clashing]
    merged = merge_indicators(dossier, kept, replace=True)
    parts = [f"Indicateurs d'usage : {len(kept)} valeur(s) fusionnée(s)"]
    if conflicts:
        side = "les nôtres" if default == "ours" else "leurs valeurs"
        parts.append(f"{len(conflicts)} en conflit (gardé : {side})")
    if len(incoming) > len(usable):
        parts.append(
            f"{len(incoming) - len(usable)} laissée(s) de côté (ESSMS d'un autre organisme ou "
            "hors de la grappe, indicateur sans cible)"
        )
    note = ", ".join(parts) + "."
    return merged, note


# --- use cases --------------------------------------------------------------------------------


def export_dossier(uow: UnitOfWork, dossier_id: int, path: Path) -> Path:
    """Write a whole dossier, attached files included, to ``path`` (.esms)."""
    with uow:
        dossier = uow.dossiers.get(dossier_id)
        files = [
            AttachedFile(info.annex_key, info.name, data, info.added)
            for info, data in (
                uow.dossiers.file_data(dossier_id, f.annex_key)
                for f in uow.dossiers.files(dossier_id)
            )
        ]
    payload = {"dossier": dossier_to_dict(dossier), "files": _files_payload(files)}
    return write_exchange_file(path, "dossier", payload, files)


def export_organisation(uow: UnitOfWork, dossier_id: int, og_index: int, path: Path) -> Path:
    """Write one OG and its ESSMS (what a partner fills in) to ``path`` (.esms)."""
    with uow:
        dossier = uow.dossiers.get(dossier_id)
    if not 0 <= og_index < len(dossier.grappe.organisations):
        raise DossierInputError(
            f"Le dossier « {dossier.name} » n'a pas d'organisme gestionnaire n° {og_index + 1}."
        )
    og = dossier.grappe.organisations[og_index]
    payload: dict[str, Any] = {
        "organisation": organisation_to_dict(og),
        "campaign_id": dossier.campaign_id,
        "dossier_name": dossier.name,
        "files": [],
    }
    own = {e.finess for e in og.establishments}
    values = [v for v in dossier.follow_up.indicators if v.finess in own]
    if values:  # what the partner has entered so far comes back with the part it fills
        payload["indicators"] = indicators_to_list(values)
    return write_exchange_file(path, "og", payload)


def import_as_new(
    uow: UnitOfWork,
    path: Path,
    *,
    name: str | None = None,
    campaign_id: str | None = None,
    as_copy: bool = False,
) -> int:
    """Create a new dossier from an exchange file (a backup is taken first); returns its id.

    The new dossier records a campaign fingerprint (:func:`_with_campaign_version`). It keeps
    the creation instant of the file's dossier, by which the file is later recognised
    (:func:`examine_incoming`); ``as_copy`` makes it a dossier of its own instead, created now
    and named « … (copie) » unless ``name`` is given, as a duplicated dossier is.
    """
    content = read_exchange_file(path)
    now = datetime.now(UTC)
    if content.dossier is not None:
        chosen_name = name or content.dossier.name
        dossier = replace(
            content.dossier,
            id=None,
            name=chosen_name if name or not as_copy else f"{chosen_name} (copie)",
            created=now if as_copy else content.dossier.created,
            updated=now,
        )
        dossier, dropped = _with_campaign_version(dossier, campaign_id or dossier.campaign_id)
    else:
        og = content.organisation or Organisation(name="")
        chosen, dropped = campaign_id or content.campaign_id, ()
        dossier = Dossier(
            name=name or og.name or Path(path).stem,
            campaign_id=chosen,
            grappe=Grappe((og,)),
            created=now,
            updated=now,
            campaign_fingerprint=campaign_fingerprint(chosen),
        )
    if not dossier.name.strip() or not dossier.campaign_id.strip():
        raise DossierInputError(
            f"Le fichier « {path} » ne dit pas le nom ou la campagne du dossier : précisez-les."
        )
    uow.backup("avant-import")
    with uow:
        new_id = uow.dossiers.add(dossier)
        for attached in content.files:
            uow.dossiers.attach_file(
                new_id, attached.annex_key, attached.name, attached.data, attached.added or now
            )
        uow.dossiers.log(
            new_id,
            "import",
            f"{'Copie importée' if as_copy else 'Dossier importé'} du fichier "
            f"« {Path(path).name} » ({content.kind}, "
            f"{dossier.grappe.establishment_count} ESSMS)."
            + (
                f" Valeurs saisies retirées, absentes de la campagne {dossier.campaign_id} : "
                f"{', '.join(dropped)}."
                if dropped
                else ""
            ),
            now,
        )
        uow.commit()
    return new_id


def _with_campaign_version(dossier: Dossier, campaign_id: str) -> tuple[Dossier, tuple[str, ...]]:
    """The dossier of a file, under ``campaign_id``, with the campaign fingerprint it records,
    and the typed values dropped on the way (the change log names them).

    Under the file's own campaign, the fingerprint the file recorded is kept: the sender's
    figures were computed with those rules, and a copy of the campaign that differs here is
    then said (:func:`~esms_desktop.domain.campaign_version.campaign_changed`); a file written
    before the record gets the campaign's current fingerprint, as a new dossier does. Under
    another campaign (chosen at import), the dossier switches to it as the GUI switches one
    (:func:`~esms_desktop.domain.edits.switch_campaign`): its fingerprint, and only the typed
    values that campaign has. An identifier no campaign has is kept as it is, with nothing
    recorded (the dossier is then listed without a total, as before).
    """
    if campaign_id == dossier.campaign_id:
        if dossier.campaign_fingerprint:
            return dossier, ()
        return replace(dossier, campaign_fingerprint=campaign_fingerprint(campaign_id)), ()
    try:
        campaign = catalog.campaign(campaign_id)
    except CampaignError:
        return replace(dossier, campaign_id=campaign_id, campaign_fingerprint=""), ()
    return switch_campaign(dossier, campaign)


def preview_merge(
    uow: UnitOfWork, dossier_id: int, path: Path, *, amendment: bool = False
) -> MergeReport:
    """What :func:`merge_into` would do (with the same ``amendment``), without changing
    anything."""
    content = read_exchange_file(path)
    with uow:
        dossier = uow.dossiers.get(dossier_id)
    merged, report = merge_content(dossier.grappe, content, source=Path(path).name)
    after, report = _filed_grappe(
        dossier, sync_porteur(dossier, replace(dossier, grappe=merged)), report, amendment
    )
    _, note = merge_indicators_of(after, content)
    return replace(report, notes=(*report.notes, note)) if note else report


def _filed_grappe(
    dossier: Dossier, after: Dossier, report: MergeReport, amendment: bool
) -> tuple[Dossier, MergeReport]:
    """The merged dossier as a merge may keep it: a filed candidature's grappe (and porteur)
    change only as an amendment; without one, ``dossier``'s are kept and the report says so."""
    if amendment or not amendment_needed(dossier, after):
        return after, report
    essms = len(report.added) + len(report.changed)
    ogs = len(report.added_organisations)
    withheld = (
        f"Grappe non modifiée : {_count(essms, 'ESSMS diffère', 'ESSMS diffèrent')} et "
        f"{_count(ogs, 'organisme est nouveau', 'organismes sont nouveaux')} dans le fichier, "
        "mais la candidature est déposée : un changement de la grappe demande un avenant. "
        "Seuls les indicateurs d'usage sont fusionnés."
    )
    return dossier, replace(report, grappe_withheld=withheld, notes=(*report.notes, withheld))


def merge_into(
    uow: UnitOfWork,
    dossier_id: int,
    path: Path,
    choices: Mapping[str, Side] | None = None,
    default: Side = "ours",
    porteur: PorteurChoice = PorteurChoice.INCOMING,
    *,
    amendment: bool = False,
) -> MergeReport:
    """Merge an exchange file's OGs and ESSMS into a dossier (backup first); returns the report.

    Only the grappe is merged; the rest of the dossier (annexes…) stays ours, except that the
    Porteur page follows the porteur OG's name, SIREN and FINESS juridique (``sync_porteur``).

    Once the candidature is filed, its grappe is what the ARS judged: only the file's usage
    indicators are merged, and the report says what was left out (``grappe_withheld``), unless
    ``amendment`` — the grappe is then merged too and recorded as an amendment (« Fusion du
    fichier « X » »).
    """
    content = read_exchange_file(path)
    name = Path(path).name
    with uow:
        dossier = uow.dossiers.get(dossier_id)
    # Merged before the backup is taken: a refused file (too many ESSMS) leaves no trace.
    merged, report = merge_content(dossier.grappe, content, choices, default, porteur, name)
    after = sync_porteur(dossier, replace(dossier, grappe=merged))
    after, report = _filed_grappe(dossier, after, report, amendment)
    if amendment and amendment_needed(dossier, after):
        after = amend(dossier, after, date.today(), f"Fusion du fichier « {name} »")
    after, note = merge_indicators_of(after, content, default)
    backup = uow.backup("avant-import")
    report = replace(
        report, applied=True, backup=backup, notes=(*report.notes, note) if note else report.notes
    )
    if after == dossier:
        return report
    with uow:
        now = datetime.now(UTC)
        uow.dossiers.replace(replace(after, updated=now))
        uow.dossiers.log(
            dossier_id,
            "fusion",
            f"Fusion du fichier « {name} » : {len(report.added)} ESSMS ajouté(s), "
            f"{len(report.changed)} modifié(s) dont {len(report.conflicts)} conflit(s)."
            + (" Grappe non modifiée (candidature déposée)." if report.grappe_withheld else ""),
            now,
        )
        log_new_amendments(uow, dossier, after, now)
        uow.commit()
    return report


# --- a file brought to this data folder (double-click, drop, File › Import) ------------------


@dataclass(frozen=True, slots=True)
class StoredMatch:
    """A stored dossier that holds what an exchange file holds."""

    dossier_id: int
    name: str
    updated: datetime | None
    same_origin: bool
    """The file's dossier was created at the same instant: it is this dossier (imported from
    it, or exported from it), whatever was changed since on either side."""
    identical: bool
    """Its content is the file's (its name and dates aside): importing again adds nothing.
    For a partner's part: the dossier's OG is the file's OG, field for field."""
    read_only: bool = False
    """The stored dossier holds values no door lets in: it opens read-only, nothing merges."""


@dataclass(frozen=True, slots=True)
class IncomingFile:
    """An exchange file read and verified, with the stored dossiers that already hold it."""

    path: Path
    content: ExchangeContent
    matches: tuple[StoredMatch, ...] = ()

    @property
    def title(self) -> str:
        """The dossier's name, or the partner OG's."""
        if self.content.dossier is not None:
            return self.content.dossier.name
        og = self.content.organisation
        return og.name if og is not None else ""

    @property
    def best(self) -> StoredMatch | None:
        """The match to open: the same dossier first, then an identical one."""
        return self.matches[0] if self.matches else None


_NOT_CONTENT = ("name", "created", "updated", "campaign_fingerprint")


def _content_of(dossier: Dossier) -> dict[str, Any]:
    """What two copies of a dossier share when nothing was changed in either."""
    data = dossier_to_dict(dossier)
    for key in _NOT_CONTENT:
        data.pop(key, None)
    return data


def _instant(value: datetime | None) -> datetime | None:
    """Comparable instants: a stored instant without a zone is UTC, as the program writes it."""
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _dossier_match(stored: Dossier, incoming: Dossier, linked: Dossier) -> tuple[bool, bool]:
    created = _instant(incoming.created)
    same_origin = created is not None and _instant(stored.created) == created
    ours = _content_of(stored)
    # Stored from this file, the dossier had its Porteur page joined to its porteur OG.
    identical = ours in (_content_of(incoming), _content_of(linked))
    return same_origin, identical


def _part_match(stored: Dossier, og: Organisation) -> tuple[bool, bool]:
    index = match_organisation(stored.grappe.organisations, og)
    if index is None:
        return False, False
    ours = organisation_to_dict(stored.grappe.organisations[index])
    return True, ours == organisation_to_dict(og)


def examine_incoming(uow: UnitOfWork, path: Path) -> IncomingFile:
    """Read an exchange file and find the stored dossiers that already hold it.

    A whole dossier is recognised by the instant its dossier was created (kept by every export
    and import, new for a duplicate or a copy) or by its content; a partner's part by its OG
    (FINESS juridique, SIREN or name, as the merge matches it). Nothing is changed; an unusable
    file raises :class:`ExchangeFileError`. Best matches first: the same dossier, identical,
    most recently changed.
    """
    content = read_exchange_file(path)
    found: list[StoredMatch] = []
    linked = None if content.dossier is None else link_porteur(content.dossier)
    for summary, stored in list_loaded(uow):
        if content.dossier is not None and linked is not None:
            same, identical = _dossier_match(stored, content.dossier, linked)
            if not (same or identical):
                continue
        elif content.organisation is not None:
            same, identical = _part_match(stored, content.organisation)
            if not same:
                continue
            same = False  # the OG is there; the dossier is not the file's
        else:
            continue
        found.append(
            StoredMatch(
                summary.id, summary.name, summary.updated, same, identical, bool(summary.problems)
            )
        )
    found.sort(
        key=lambda m: (
            not m.same_origin,
            not m.identical,
            -(_instant(m.updated) or datetime(1970, 1, 1, tzinfo=UTC)).timestamp(),
        )
    )
    return IncomingFile(Path(path), content, tuple(found))

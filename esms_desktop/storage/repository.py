"""The dossier repository: domain dataclasses in, domain dataclasses out.

Services never see a row or a session. Loading builds frozen :class:`~esms_desktop.domain.dossier.
Dossier` values with every part in the user's order, from plain queries (one per table).

Saving has one path, :meth:`SqlAlchemyDossierRepository.save`: the caller hands the value it last
read or saved (``before``) and the new one (``after``); they are compared once and only the rows
that differ are written. The GUI saves after every edit, so one changed capacity must write one
ESSMS row, not a 1,000-ESSMS grappe, and must not read the dossier back either. ``before`` is
trusted only while the database still holds it: the dossier row is updated ``WHERE updated =
:before``, and a ``before`` that is out of date writes nothing (:class:`DossierChangedError`).
Creating a dossier writes its rows with the same builders.

A repository lives for one unit of work and keeps nothing but its session: no value outlives a
transaction, so a load always gives what the database holds. Attached files live apart and are
kept for the annex keys still present.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from operator import attrgetter
from types import MappingProxyType, SimpleNamespace
from typing import Any, cast

from sqlalchemy import (
    Column,
    CursorResult,
    Date,
    Result,
    Select,
    String,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

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
from esms_desktop.domain.eligibility import Declarations
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
from esms_desktop.domain.grappe import (
    DuiSolution,
    Establishment,
    Grappe,
    Organisation,
)
from esms_desktop.domain.home_summary import DossierHead, HomeSummary
from esms_desktop.domain.maturin import TypedLevels
from esms_desktop.domain.usage_threshold import UsageThreshold
from esms_desktop.storage.errors import NotFoundError, StoreError
from esms_desktop.storage.follow_up_models import (
    AmendmentRow,
    ConfirmedThresholdRow,
    ConventionRow,
    EssmsMilestoneRow,
    FollowUpRow,
    IndicatorValueRow,
    MemberTransferRow,
    TranchePaymentRow,
)
from esms_desktop.storage.models import (
    AnnexFileRow,
    AnnexRow,
    AttestationRow,
    AutodiagAnswerRow,
    AutodiagMaturinLevelRow,
    AutodiagScopeRow,
    Base,
    ChangeLogRow,
    DecimalText,
    DossierRow,
    DossierSnapshotRow,
    DuiSolutionRow,
    EstablishmentRow,
    GhtDeclarationRow,
    IsoDateTime,
    MilestoneRow,
    OrganisationRow,
    OverrideRow,
    PorteurRow,
    TeamMemberRow,
    UsageTargetRow,
)
from esms_desktop.storage.records import AnnexFileInfo, ChangeLogEntry

_PORTEUR_FIELDS = tuple(f.name for f in fields(Porteur))
_SOLUTION_FIELDS = tuple(f.name for f in fields(DuiSolution))
_HEAD_FIELDS = (
    "name",
    "campaign_id",
    "project_title",
    "governance",
    "convention_date",
    "created",
    "updated",
    "campaign_fingerprint",
    "editor_registered",
)
"""The columns of the dossier row (``editor_registered`` is ``declarations.editor_registered``)."""
_PARTS = (
    "overrides",
    "autodiagnostics",
    "usage_targets",
    "milestones",
    "team",
    "annexes",
    "attestations",
)
"""The repeated parts of a dossier outside the grappe (Dossier field names): a few dozen rows at
most, so a changed part is rewritten as a whole."""


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)  # mapped classes declare a plain Table


_DOSSIER = _table(DossierRow)
_PORTEUR = _table(PorteurRow)
_SOLUTION = _table(DuiSolutionRow)
_ORGANISATION = _table(OrganisationRow)
_ESTABLISHMENT = _table(EstablishmentRow)
_SCOPE = _table(AutodiagScopeRow)
_ANSWER = _table(AutodiagAnswerRow)
_MATURIN = _table(AutodiagMaturinLevelRow)
_GHT = _table(GhtDeclarationRow)
_SNAPSHOT = _table(DossierSnapshotRow)
_PART_TABLES: dict[str, Table] = {
    "overrides": _table(OverrideRow),
    "autodiagnostics": _SCOPE,
    "usage_targets": _table(UsageTargetRow),
    "milestones": _table(MilestoneRow),
    "team": _table(TeamMemberRow),
    "annexes": _table(AnnexRow),
    "attestations": _table(AttestationRow),
}


class DossierChangedError(StoreError):
    """The dossier was written by someone else since the ``before`` a save was given: nothing of
    that save was written (comparing with an out-of-date value would write the wrong rows)."""


def _now() -> datetime:
    return datetime.now(UTC)


def _inserted_id(result: Result[Any]) -> int:
    """The id of the row an ``INSERT`` of one row created."""
    key = cast(CursorResult[Any], result).inserted_primary_key
    assert key is not None
    return int(key[0])


def _row_count(result: Result[Any]) -> int:
    """How many rows an ``UPDATE`` or ``DELETE`` matched."""
    return cast(CursorResult[Any], result).rowcount


def _missing(dossier_id: int) -> NotFoundError:
    return NotFoundError(f"Le dossier n° {dossier_id} n'existe pas (ou a été supprimé).")


# --- stored text → values ---------------------------------------------------------------------
#
# A load reads what the database holds, even a value no version of the program writes (« NaN »
# hours, an amount that is not a number, a capacity beyond 64 bits that SQLite kept as a real, an
# unknown project): such a value is kept as found, for the services to list with its place
# (``domain/validation.py``) and open the dossier read-only. Raising halfway through a load
# instead stopped the home list, hence the program, at every start. The column types whose
# conversion raises (decimals, dates, instants) are therefore selected as their text and read
# here, where a bad one can be kept.


def _stored_decimal(text: Any) -> Any:
    """A stored amount or percentage as a :class:`Decimal` (``NaN`` and ``Infinity`` included:
    the check names them); text that is no number, or a signalling NaN (which cannot even be
    compared), stays as found."""
    if not isinstance(text, str):
        return text
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    return text if value.is_snan() else value


def _stored_date(text: Any) -> Any:
    """A stored ISO date as a :class:`date`; anything else as found."""
    try:
        return date.fromisoformat(text) if isinstance(text, str) else text
    except ValueError:
        return text


def _stored_instant(text: Any) -> Any:
    """A stored ISO 8601 instant as a :class:`datetime`; anything else as found."""
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else text
    except ValueError:
        return text


def _text_reader(column: Column[Any]) -> Callable[[Any], Any] | None:
    """How a column read as text becomes a value, for the types whose own conversion raises."""
    if isinstance(column.type, DecimalText):
        return _stored_decimal
    if isinstance(column.type, IsoDateTime):
        return _stored_instant
    if isinstance(column.type, Date):
        return _stored_date
    return None


@cache
def _readable_columns(table: Table) -> tuple[Any, ...]:
    return tuple(
        type_coerce(c, String).label(c.name) if _text_reader(c) is not None else c for c in table.c
    )


def _select_readable(table: Table) -> Select[Any]:
    """``SELECT`` every column of ``table``, those of :func:`_text_reader` as their stored text
    (same names: rows read as with ``select(table)``)."""
    return select(*_readable_columns(table))


def _stored_choice(kind: type[StrEnum], stored: Any) -> Any:
    """The member a stored enum value names (the enum's own look-up); a value no member has
    stays as found."""
    try:
        return kind(stored)
    except ValueError:
        return stored


def _instant_text(value: Any) -> Any:
    """An ``updated`` date as the store writes it (text kept as found)."""
    return value.isoformat() if isinstance(value, datetime) else value


def _summary_of(row: Any) -> HomeSummary | None:
    """The stored summary of a head row; None when absent or not as the program writes it."""
    total = _stored_decimal(row.summary_total)
    counts = (row.summary_essms, row.summary_problems, row.summary_missing)
    if (
        not isinstance(row.summary_key, str)
        or not all(isinstance(n, int) for n in counts)
        or not (total is None or isinstance(total, Decimal))
    ):
        return None
    return HomeSummary(
        key=row.summary_key,
        establishment_count=row.summary_essms,
        problem_count=row.summary_problems,
        total=total,
        eligible=None if row.summary_eligible is None else bool(row.summary_eligible),
        complete=None if row.summary_complete is None else bool(row.summary_complete),
        missing_count=row.summary_missing,
    )


# --- domain → rows ----------------------------------------------------------------------------
#
# Plain dictionaries of column values, for the insert and update statements of both ``add`` and
# ``save``: a dossier is written one way whether it is new or edited.


def _head_row(dossier: Dossier, created: datetime) -> dict[str, Any]:
    """The dossier's own columns (``updated`` defaults to ``created``, as a new dossier has it)."""
    return {
        "name": dossier.name,
        "campaign_id": dossier.campaign_id,
        "project_title": dossier.project_title,
        "governance": dossier.governance,
        "convention_date": dossier.convention_date,
        "created": created,
        "updated": dossier.updated or created,
        "campaign_fingerprint": dossier.campaign_fingerprint,
        "editor_registered": dossier.declarations.editor_registered,
    }


def _head_value(dossier: Dossier, column: str) -> Any:
    """What ``dossier`` holds for one column of its row (to tell whether the column changed)."""
    if column == "editor_registered":
        return dossier.declarations.editor_registered
    return getattr(dossier, column)


def _ght_rows(dossier_id: int, dossier: Dossier) -> list[dict[str, Any]]:
    """One row per ESSMS declared attached to a GHT, in FINESS order."""
    return [
        {"dossier_id": dossier_id, "finess": finess}
        for finess in sorted(dossier.declarations.ght_essms, key=str)
    ]


def _porteur_row(porteur: Porteur) -> dict[str, Any]:
    return {name: getattr(porteur, name) for name in _PORTEUR_FIELDS}


def _solution_row(solution: DuiSolution) -> dict[str, Any]:
    return {name: getattr(solution, name) for name in _SOLUTION_FIELDS}


class _FieldRows:
    """How the fields of one table map to the columns of one row, worked out once.

    Columns are named like the attributes unless a spec says otherwise (``stored``); enums are
    stored as their value and read back by a dictionary look-up instead of an enum call per row
    (an unknown value goes through the enum, and is kept as found when no member has it).
    Decimals and dates come as their stored text (:func:`_select_readable`) and are read by
    :func:`_text_reader`. The rows of a 1,000-ESSMS dossier go through here on every load and
    save, hence the attrgetter.
    """

    def __init__(self, specs: Sequence[FieldSpec], table: Table) -> None:
        self.names = tuple(s.name for s in specs)
        self.columns = tuple(s.stored for s in specs)
        self._of_record = attrgetter(*self.names)
        self._of_row = attrgetter(*self.columns)
        self._choices = tuple(
            (s.stored, s.choice_type, _members(s.choice_type))
            for s in specs
            if s.choice_type is not None and s.kind is not FieldKind.CHOICES
        )
        self._choices_at = tuple(
            (i, s.choice_type, _members(s.choice_type))
            for i, s in enumerate(specs)
            if s.choice_type is not None and s.kind is not FieldKind.CHOICES
        )
        self._sets = tuple(
            (s.stored, tuple(s.choice_type))
            for s in specs
            if s.choice_type is not None and s.kind is FieldKind.CHOICES
        )
        self._sets_at = tuple(
            (i, _members(s.choice_type))
            for i, s in enumerate(specs)
            if s.choice_type is not None and s.kind is FieldKind.CHOICES
        )
        readers = ((i, _text_reader(table.c[column])) for i, column in enumerate(self.columns))
        self._texts_at = tuple((i, read) for i, read in readers if read is not None)

    def values(self, record: object) -> dict[str, Any]:
        """Column → value of one record, ready for insert or update."""
        # Not zip(strict=True): the getter yields one value per column, and this runs per row.
        values = dict(zip(self.columns, self._of_record(record)))  # noqa: B905
        for column, kind, members in self._choices:
            value = values[column]  # a member, or its value: both find the member
            values[column] = (members.get(value) or kind(value)).value
        for column, order in self._sets:
            chosen = values[column]  # members in the enum's order: one set, one text
            values[column] = ",".join(m.value for m in order if m in chosen)
        return values

    def fields(self, row: Any) -> list[Any]:
        """The field values read from one row (of :func:`_select_readable`), in the table's
        order; a stored value no field can hold is kept as found, never raised on."""
        values = list(self._of_row(row))
        for i, kind, members in self._choices_at:
            stored = values[i]
            values[i] = members.get(stored) or _stored_choice(kind, stored)
        for i, read in self._texts_at:
            values[i] = read(values[i])
        for i, members in self._sets_at:
            values[i] = _stored_set(members, values[i])
        return values


def _stored_set(members: dict[str, StrEnum], stored: Any) -> Any:
    """The members a stored « dmp,ins » names; a value no member has is kept as its text (for
    the check to name), never raised on."""
    if not stored:
        return frozenset()
    words = str(stored).split(",")
    if all(w in members for w in words):
        return frozenset(members[w] for w in words)
    return stored


def _members(kind: type[StrEnum]) -> dict[str, StrEnum]:
    return cast(dict[str, StrEnum], kind._value2member_map_)


_ESTABLISHMENT_ROWS = _FieldRows(ESTABLISHMENT_FIELDS, _ESTABLISHMENT)
_ORGANISATION_ROWS = _FieldRows(ORGANISATION_FIELDS, _ORGANISATION)


def _organisation_values(og: Organisation) -> dict[str, Any]:
    return _ORGANISATION_ROWS.values(og)


def _establishment_values(est: Establishment) -> dict[str, Any]:
    return _ESTABLISHMENT_ROWS.values(est)


_ESTABLISHMENT_COLUMNS = _ESTABLISHMENT_ROWS.columns
"""The ESSMS columns :func:`_establishment_values` writes (one per field of the table)."""


def _part_rows(dossier: Dossier, part: str) -> list[dict[str, Any]]:
    """The rows of one repeated part but the autodiagnostic (whose answers need their scope's
    id), in the user's order."""
    if part == "overrides":
        return [{"name": k, "amount": v} for k, v in dossier.overrides.items()]
    if part == "usage_targets":
        return [
            {
                "position": i,
                "indicator": t.indicator,
                "sector": t.sector,
                "threshold_amount": t.threshold.amount if t.threshold else None,
                "threshold_unit": t.threshold.unit if t.threshold else "",
                "threshold_period": t.threshold.period if t.threshold else "",
                "time_window": t.window,
                "evidence": t.evidence,
                "baseline": t.baseline,
            }
            for i, t in enumerate(dossier.usage_targets)
        ]
    if part == "team":
        return [
            {
                "position": i,
                "name": m.name,
                "role": m.role.value,
                "function": m.function,
                "organisation": m.organisation,
                "availability": m.availability,
            }
            for i, m in enumerate(dossier.team)
        ]
    if part == "milestones":
        return [
            {"position": i, "label": m.label, "due": m.due, "description": m.description}
            for i, m in enumerate(dossier.milestones)
        ]
    if part == "annexes":
        return [
            {
                "position": i,
                "annex_key": a.key,
                "label": a.label,
                "required": a.required,
                "provided": a.provided,
                "file_name": a.file_name,
                "note": a.note,
            }
            for i, a in enumerate(dossier.annexes)
        ]
    if part == "attestations":
        return [
            {"position": i, "attestation_key": a.key, "label": a.label, "accepted": a.accepted}
            for i, a in enumerate(dossier.attestations)
        ]
    raise ValueError(part)  # pragma: no cover - programming error


# --- rows → domain ----------------------------------------------------------------------------
#
# Each function reads attributes only: it converts plain query rows (and namespaces built from
# them) as they come.


def _to_establishment(row: Any) -> Establishment:
    # Positional: the table lists Establishment's fields in the dataclass's order (a test checks
    # it), and a thousand keyword calls per load cost more than the rest of the conversion.
    return Establishment(*_ESTABLISHMENT_ROWS.fields(row))


def _organisation_with(row: Any, establishments: tuple[Establishment, ...]) -> Organisation:
    values = dict(zip(_ORGANISATION_ROWS.names, _ORGANISATION_ROWS.fields(row), strict=True))
    return Organisation(establishments=establishments, **values)


def _to_porteur(row: Any | None) -> Porteur:
    if row is None:
        return Porteur()
    return Porteur(**{n: getattr(row, n) for n in _PORTEUR_FIELDS})


def _to_solution(row: Any | None) -> DuiSolution:
    if row is None:
        return DuiSolution()
    return DuiSolution(**{n: getattr(row, n) for n in _SOLUTION_FIELDS})


def _head_values(row: Any, ght: Iterable[Any]) -> dict[str, Any]:
    """The dossier's own columns (and its GHT declarations), as :class:`Dossier` keywords.

    The declarations are built as stored (a value no version writes is kept for the check to
    name): ``editor_registered`` as SQLite gives it, the FINESS as their text.
    """
    return {
        "campaign_fingerprint": row.campaign_fingerprint,
        "declarations": Declarations(
            ght_essms=frozenset(ght), editor_registered=row.editor_registered
        ),
        "name": row.name,
        "campaign_id": row.campaign_id,
        "id": row.id,
        "project_title": row.project_title,
        "governance": row.governance,
        "convention_date": _stored_date(row.convention_date),
        "created": _stored_instant(row.created),
        "updated": _stored_instant(row.updated),
    }


def _to_overrides(rows: Iterable[Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType({o.name: _stored_decimal(o.amount) for o in rows})


def _to_autodiagnostics(rows: Iterable[Any]) -> tuple[AutodiagResponse, ...]:
    return tuple(
        AutodiagResponse(
            scope=s.scope,
            answers=MappingProxyType({a.question_id: a.level for a in s.answers}),
            maturin=TypedLevels(
                MappingProxyType({m.dimension_id: m.level for m in s.maturin_levels}),
                _stored_date(s.maturin_date),
            ),
        )
        for s in rows
    )


def _threshold(row: Any) -> Any:
    """A stored threshold (migration 0004 gave the older ones, all percentages, their « % »).

    A unit and period no threshold can have (a file edited by hand) come back as their text,
    for the check to name, instead of stopping the load.
    """
    if row.threshold_amount is None:
        return None
    amount = _stored_decimal(row.threshold_amount)
    try:
        return UsageThreshold(amount, row.threshold_unit, row.threshold_period)
    except ValueError:
        parts = (row.threshold_amount, row.threshold_unit, row.threshold_period)
        return " ".join(str(p) for p in parts if p)


def _to_usage_targets(rows: Iterable[Any]) -> tuple[UsageTarget, ...]:
    return tuple(
        UsageTarget(
            indicator=t.indicator,
            sector=t.sector,
            threshold=_threshold(t),
            window=t.time_window,
            evidence=t.evidence,
            baseline=t.baseline,
        )
        for t in rows
    )


def _to_team(rows: Iterable[Any]) -> tuple[TeamMember, ...]:
    return tuple(
        TeamMember(
            name=m.name,
            role=_stored_choice(TeamRole, m.role),
            function=m.function,
            organisation=m.organisation,
            availability=m.availability,
        )
        for m in rows
    )


def _to_milestones(rows: Iterable[Any]) -> tuple[Milestone, ...]:
    return tuple(
        Milestone(label=m.label, due=_stored_date(m.due), description=m.description) for m in rows
    )


def _to_annexes(rows: Iterable[Any]) -> tuple[Annex, ...]:
    return tuple(
        Annex(
            key=a.annex_key,
            label=a.label,
            required=a.required,
            provided=a.provided,
            file_name=a.file_name,
            note=a.note,
        )
        for a in rows
    )


def _to_attestations(rows: Iterable[Any]) -> tuple[Attestation, ...]:
    return tuple(
        Attestation(key=a.attestation_key, label=a.label, accepted=a.accepted) for a in rows
    )


_PART_VALUES: dict[str, Callable[[Iterable[Any]], Any]] = {
    "overrides": _to_overrides,
    "autodiagnostics": _to_autodiagnostics,
    "usage_targets": _to_usage_targets,
    "milestones": _to_milestones,
    "team": _to_team,
    "annexes": _to_annexes,
    "attestations": _to_attestations,
}


def _to_dossier(
    head: Any,
    porteur: Any | None,
    solution: Any | None,
    organisations: tuple[Organisation, ...],
    parts: dict[str, Any],
    ght: Iterable[Any] = (),
    follow_up: FollowUp = NO_FOLLOW_UP,
) -> Dossier:
    return Dossier(
        **_head_values(head, ght),
        porteur=_to_porteur(porteur),
        grappe=Grappe(organisations=organisations, solution=_to_solution(solution)),
        follow_up=follow_up,
        **parts,
    )


def _file_info(row: AnnexFileRow) -> AnnexFileInfo:
    return AnnexFileInfo(
        dossier_id=row.dossier_id,
        annex_key=row.annex_key,
        name=safe_file_name(row.name),  # a row written before names were made safe
        size=row.size,
        sha256=row.sha256,
        added=row.added,
    )


# --- reading ----------------------------------------------------------------------------------
#
# One query per table, ordered by ``position`` then ``id`` (overrides by name): the order a load
# gives is the order ``save`` counts rows in when it finds the one to update.


def _one_row(session: Session, table: Table, column: Any, value: int) -> Any | None:
    return session.execute(_select_readable(table).where(column == value)).one_or_none()


def _read_part(session: Session, dossier_id: int, part: str) -> list[Any]:
    """The rows of one repeated part, in the user's order (scopes carry their answers)."""
    table = _PART_TABLES[part]
    order = (table.c.name,) if part == "overrides" else (table.c.position, table.c.id)
    rows = session.execute(
        _select_readable(table).where(table.c.dossier_id == dossier_id).order_by(*order)
    )
    if part != "autodiagnostics":
        return list(rows)
    scopes = list(rows)
    owned = select(_SCOPE.c.id).where(_SCOPE.c.dossier_id == dossier_id)
    answers: dict[int, list[Any]] = {s.id: [] for s in scopes}
    for answer in session.execute(
        select(_ANSWER)
        .where(_ANSWER.c.scope_id.in_(owned))
        .order_by(_ANSWER.c.scope_id, _ANSWER.c.position, _ANSWER.c.question_id)
    ):
        answers[answer.scope_id].append(answer)
    levels: dict[int, list[Any]] = {s.id: [] for s in scopes}
    for level in session.execute(
        select(_MATURIN)
        .where(_MATURIN.c.scope_id.in_(owned))
        .order_by(_MATURIN.c.scope_id, _MATURIN.c.position, _MATURIN.c.dimension_id)
    ):
        levels[level.scope_id].append(level)
    return [
        SimpleNamespace(
            scope=s.scope,
            answers=answers[s.id],
            maturin_date=s.maturin_date,
            maturin_levels=levels[s.id],
        )
        for s in scopes
    ]


def _read_ght(session: Session, dossier_id: int) -> list[Any]:
    """The FINESS declared attached to a GHT, in FINESS order."""
    return list(
        session.scalars(
            select(_GHT.c.finess).where(_GHT.c.dossier_id == dossier_id).order_by(_GHT.c.finess)
        )
    )


def _organisation_keys(session: Session, dossier_id: int) -> list[Any]:
    """``(id, position)`` of the dossier's OG rows, in the user's order."""
    og = _ORGANISATION.c
    return list(
        session.execute(
            select(og.id, og.position)
            .where(og.dossier_id == dossier_id)
            .order_by(og.position, og.id)
        )
    )


def _establishment_keys(session: Session, organisation_id: int) -> list[Any]:
    """``(id, position)`` of one OG's ESSMS rows, in the user's order."""
    est = _ESTABLISHMENT.c
    return list(
        session.execute(
            select(est.id, est.position)
            .where(est.organisation_id == organisation_id)
            .order_by(est.position, est.id)
        )
    )


def _read_organisations(session: Session, dossier_id: int) -> tuple[Organisation, ...]:
    """Every OG with its ESSMS, in the user's order."""
    ogs = list(
        session.execute(
            _select_readable(_ORGANISATION)
            .where(_ORGANISATION.c.dossier_id == dossier_id)
            .order_by(_ORGANISATION.c.position, _ORGANISATION.c.id)
        )
    )
    by_og: dict[int, list[Establishment]] = {og.id: [] for og in ogs}
    if ogs:
        owned = select(_ORGANISATION.c.id).where(_ORGANISATION.c.dossier_id == dossier_id)
        est = _ESTABLISHMENT.c
        for row in session.execute(
            _select_readable(_ESTABLISHMENT)
            .where(est.organisation_id.in_(owned))
            .order_by(est.organisation_id, est.position, est.id)
        ):
            by_og[row.organisation_id].append(_to_establishment(row))
    return tuple(_organisation_with(og, tuple(by_og[og.id])) for og in ogs)


def _read_dossier(session: Session, dossier_id: int) -> Dossier | None:
    head = _one_row(session, _DOSSIER, _DOSSIER.c.id, dossier_id)
    if head is None:
        return None
    return _to_dossier(
        head,
        _one_row(session, _PORTEUR, _PORTEUR.c.dossier_id, dossier_id),
        _one_row(session, _SOLUTION, _SOLUTION.c.dossier_id, dossier_id),
        _read_organisations(session, dossier_id),
        {part: _PART_VALUES[part](_read_part(session, dossier_id, part)) for part in _PARTS},
        _read_ght(session, dossier_id),
        _read_follow_up(session, dossier_id),
    )


# --- the follow-up after the candidature (migration 0015) -------------------------------------
#
# A dossier with nothing recorded after its candidature (``NO_FOLLOW_UP``) has no row in these
# tables, and its load reads one of them only: the head row, whose absence says there is
# nothing else. A changed part is rewritten as a whole, as the dossier's other small parts are;
# the indicator values (a few hundred rows for a grappe over a year) are rewritten only when
# they changed.

_FOLLOW_UP = _table(FollowUpRow)
_CONVENTION = _table(ConventionRow)
_FOLLOW_UP_PARTS: dict[str, Table] = {
    "tranches": _table(TranchePaymentRow),
    "transfers": _table(MemberTransferRow),
    "milestones": _table(EssmsMilestoneRow),
    "indicators": _table(IndicatorValueRow),
    "amendments": _table(AmendmentRow),
}
_CONFIRMED = _table(ConfirmedThresholdRow)


def _follow_up_head(dossier_id: int, follow_up: FollowUp) -> dict[str, Any]:
    filed = follow_up.filed
    return {
        "dossier_id": dossier_id,
        "phase": Phase(follow_up.phase).value,
        "filed_on": filed.filed_on if filed else None,
        "filed_snapshot": filed.snapshot if filed else "",
        "filed_pdf_fingerprint": filed.pdf_fingerprint if filed else "",
        "filed_amount_asked": filed.amount_asked if filed else None,
    }


def _follow_up_part_rows(dossier_id: int, follow_up: FollowUp, part: str) -> list[dict[str, Any]]:
    """The rows of one repeated part of the follow-up, in the user's order."""
    key = {"dossier_id": dossier_id}
    if part == "tranches":
        return [
            {**key, "position": i, **{n: getattr(t, n) for n in _TRANCHE_FIELDS}}
            for i, t in enumerate(follow_up.tranches)
        ]
    if part == "transfers":
        return [
            {**key, "position": i, **{n: getattr(t, n) for n in _TRANSFER_FIELDS}}
            for i, t in enumerate(follow_up.transfers)
        ]
    if part == "milestones":
        return [
            {
                **key,
                "position": i,
                "finess": m.finess,
                "kind": MilestoneKind(m.kind).value,
                "planned_on": m.planned_on,
                "done_on": m.done_on,
            }
            for i, m in enumerate(follow_up.milestones)
        ]
    if part == "indicators":
        return [
            {
                **key,
                "position": i,
                "finess": v.finess,
                "indicator": v.indicator,
                "period_year": v.period.year,
                "period_index": v.period.index,
                "period_kind": PeriodKind(v.period.kind).value,
                "value": v.value,
                "denominator": v.denominator,
                "source": v.source,
            }
            for i, v in enumerate(follow_up.indicators)
        ]
    if part == "amendments":
        return [
            {
                **key,
                "position": i,
                "made_on": a.made_on,
                "changes": "\n".join(a.changes),
                "fingerprint_before": a.before,
                "fingerprint_after": a.after,
                "note": a.note,
            }
            for i, a in enumerate(follow_up.amendments)
        ]
    raise ValueError(part)  # pragma: no cover - programming error


_TRANCHE_FIELDS = tuple(f.name for f in fields(TranchePayment))
_TRANSFER_FIELDS = tuple(f.name for f in fields(MemberTransfer))


def _write_follow_up(session: Session, dossier_id: int, old: FollowUp, new: FollowUp) -> None:
    """Bring the follow-up rows from ``old`` to ``new``: only the parts that differ."""
    if new == NO_FOLLOW_UP:
        for table in (_FOLLOW_UP, _CONVENTION, _CONFIRMED, *_FOLLOW_UP_PARTS.values()):
            session.execute(delete(table).where(table.c.dossier_id == dossier_id))
        return
    head = _follow_up_head(dossier_id, new)
    if old == NO_FOLLOW_UP or head != _follow_up_head(dossier_id, old):
        session.execute(delete(_FOLLOW_UP).where(_FOLLOW_UP.c.dossier_id == dossier_id))
        session.execute(insert(_FOLLOW_UP).values(**head))
    if new.convention != old.convention:
        session.execute(delete(_CONVENTION).where(_CONVENTION.c.dossier_id == dossier_id))
        if new.convention is not None:
            c = new.convention
            session.execute(
                insert(_CONVENTION).values(
                    dossier_id=dossier_id,
                    signed_on=c.signed_on,
                    amount_granted=c.amount_granted,
                    reference=c.reference,
                    note=c.note,
                )
            )
    for part, table in _FOLLOW_UP_PARTS.items():
        if getattr(new, part) != getattr(old, part):
            session.execute(delete(table).where(table.c.dossier_id == dossier_id))
            _insert_rows(session, table, _follow_up_part_rows(dossier_id, new, part))
    if new.confirmed_thresholds != old.confirmed_thresholds:
        session.execute(delete(_CONFIRMED).where(_CONFIRMED.c.dossier_id == dossier_id))
        rows = [
            {"dossier_id": dossier_id, "indicator": i} for i in sorted(new.confirmed_thresholds)
        ]
        _insert_rows(session, _CONFIRMED, rows)


def _values_read(table: Table, row: Any) -> SimpleNamespace:
    """A row of :func:`_select_readable` with its decimals and dates read (a stored value no
    field can hold is kept as found, for the check to name)."""
    values = {}
    for column in table.c:
        read = _text_reader(column)
        value = getattr(row, column.name)
        values[column.name] = value if read is None else read(value)
    return SimpleNamespace(**values)


def _follow_up_rows(session: Session, table: Table, dossier_id: int) -> list[Any]:
    rows = session.execute(
        _select_readable(table)
        .where(table.c.dossier_id == dossier_id)
        .order_by(table.c.position, table.c.id)
    )
    return [_values_read(table, row) for row in rows]


def _read_follow_up(session: Session, dossier_id: int) -> FollowUp:
    """The dossier's follow-up; ``NO_FOLLOW_UP`` (one query) when it has no head row."""
    stored = _one_row(session, _FOLLOW_UP, _FOLLOW_UP.c.dossier_id, dossier_id)
    if stored is None:
        return NO_FOLLOW_UP
    head = _values_read(_FOLLOW_UP, stored)
    filed = None
    if head.filed_on is not None:
        filed = FiledCandidature(
            filed_on=head.filed_on,
            snapshot=head.filed_snapshot,
            pdf_fingerprint=head.filed_pdf_fingerprint,
            amount_asked=head.filed_amount_asked,
        )
    signed = _one_row(session, _CONVENTION, _CONVENTION.c.dossier_id, dossier_id)
    convention = None
    if signed is not None:
        c = _values_read(_CONVENTION, signed)
        convention = Convention(c.signed_on, c.amount_granted, c.reference, c.note)
    parts = {p: _follow_up_rows(session, t, dossier_id) for p, t in _FOLLOW_UP_PARTS.items()}
    confirmed = session.scalars(
        select(_CONFIRMED.c.indicator).where(_CONFIRMED.c.dossier_id == dossier_id)
    )
    return FollowUp(
        phase=_stored_choice(Phase, head.phase),
        filed=filed,
        convention=convention,
        tranches=tuple(
            TranchePayment(**{n: getattr(r, n) for n in _TRANCHE_FIELDS}) for r in parts["tranches"]
        ),
        transfers=tuple(
            MemberTransfer(**{n: getattr(r, n) for n in _TRANSFER_FIELDS})
            for r in parts["transfers"]
        ),
        milestones=tuple(
            EssmsMilestone(r.finess, _stored_choice(MilestoneKind, r.kind), r.planned_on, r.done_on)
            for r in parts["milestones"]
        ),
        indicators=tuple(
            IndicatorValue(
                finess=r.finess,
                indicator=r.indicator,
                period=Period(
                    r.period_year, r.period_index, _stored_choice(PeriodKind, r.period_kind)
                ),
                value=r.value,
                denominator=r.denominator,
                source=r.source,
            )
            for r in parts["indicators"]
        ),
        confirmed_thresholds=frozenset(confirmed),
        amendments=tuple(
            Amendment(
                made_on=r.made_on,
                changes=tuple(r.changes.split("\n")) if r.changes else (),
                before=r.fingerprint_before,
                after=r.fingerprint_after,
                note=r.note,
            )
            for r in parts["amendments"]
        ),
    )


# --- writing ----------------------------------------------------------------------------------
#
# Plain statements on the rows concerned, shared by ``add`` (everything is new) and ``save``
# (only what differs). Lists of rows go in one executemany.


def _insert_rows(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:  # an executemany of nothing would insert one empty row
        session.execute(insert(table), rows)


def _insert_part(session: Session, dossier_id: int, dossier: Dossier, part: str) -> None:
    if part != "autodiagnostics":
        rows = [{"dossier_id": dossier_id, **row} for row in _part_rows(dossier, part)]
        _insert_rows(session, _PART_TABLES[part], rows)
        return
    for position, response in enumerate(dossier.autodiagnostics):
        scope_id = _inserted_id(
            session.execute(
                insert(_SCOPE).values(
                    dossier_id=dossier_id,
                    position=position,
                    scope=response.scope,
                    maturin_date=response.maturin.assessed_on,
                )
            )
        )
        answers = [
            {"scope_id": scope_id, "question_id": str(q), "position": i, "level": int(level)}
            for i, (q, level) in enumerate(response.answers.items())
        ]
        _insert_rows(session, _ANSWER, answers)
        levels = [
            {"scope_id": scope_id, "dimension_id": str(d), "position": i, "level": int(level)}
            for i, (d, level) in enumerate(response.maturin.levels.items())
        ]
        _insert_rows(session, _MATURIN, levels)


def _delete_part(session: Session, dossier_id: int, part: str) -> None:
    table = _PART_TABLES[part]
    if part == "autodiagnostics":
        scopes = select(_SCOPE.c.id).where(_SCOPE.c.dossier_id == dossier_id)
        session.execute(delete(_ANSWER).where(_ANSWER.c.scope_id.in_(scopes)))
        session.execute(delete(_MATURIN).where(_MATURIN.c.scope_id.in_(scopes)))
    session.execute(delete(table).where(table.c.dossier_id == dossier_id))


def _insert_establishments(
    session: Session, organisation_id: int, ests: Sequence[Establishment], first_position: int
) -> None:
    rows = [
        {
            "organisation_id": organisation_id,
            "position": first_position + i,
            **_establishment_values(e),
        }
        for i, e in enumerate(ests)
    ]
    _insert_rows(session, _ESTABLISHMENT, rows)


def _insert_organisations(
    session: Session, dossier_id: int, ogs: Sequence[Organisation], first_position: int
) -> None:
    for i, og in enumerate(ogs):
        og_id = _inserted_id(
            session.execute(
                insert(_ORGANISATION).values(
                    dossier_id=dossier_id, position=first_position + i, **_organisation_values(og)
                )
            )
        )
        _insert_establishments(session, og_id, og.establishments, 0)


def _delete_organisations(session: Session, ids: list[int]) -> None:
    if ids:
        session.execute(delete(_ESTABLISHMENT).where(_ESTABLISHMENT.c.organisation_id.in_(ids)))
        session.execute(delete(_ORGANISATION).where(_ORGANISATION.c.id.in_(ids)))


_EST = _ESTABLISHMENT.c
_UPDATE_ESTABLISHMENT = (
    update(_ESTABLISHMENT)
    .where(_EST.id == bindparam("row_id"))
    .values({name: bindparam(name) for name in _ESTABLISHMENT_COLUMNS})
)
"""One ESSMS row rewritten by id (executemany: one statement for every changed row of an OG)."""

_UPDATE_ESTABLISHMENT_AT = (
    update(_ESTABLISHMENT)
    .where(
        _EST.id
        == select(_EST.id)
        .where(_EST.organisation_id == bindparam("og_id"))
        .order_by(_EST.position, _EST.id)
        .limit(1)
        .offset(bindparam("place"))
        .scalar_subquery()
    )
    .values({name: bindparam(name) for name in _ESTABLISHMENT_COLUMNS})
)
"""One ESSMS row rewritten, found by its place in its OG (in the order a load gives): a typed
field writes one row without reading the OG's row ids into Python first."""

_FEW_ROWS = 16
"""Up to this many changed ESSMS of an OG are found by their place in SQL; beyond, the OG's row
ids are read once (one sort in SQLite per changed row would then cost more)."""


def _differing(old: Sequence[Any], new: Sequence[Any]) -> list[int]:
    """Places, within the shorter list, where the values differ (the same object is equal:
    an edit rebuilds only the rows it changes, so this skips every other row at once)."""
    return [j for j, (a, b) in enumerate(zip(old, new, strict=False)) if a is not b and a != b]


def _write_establishments(
    session: Session,
    organisation_id: int,
    old: tuple[Establishment, ...],
    new: tuple[Establishment, ...],
) -> None:
    """Bring one OG's ESSMS rows from ``old`` to ``new``: rows at the same place that differ are
    updated, rows past the shorter list deleted or appended. An edited or appended ESSMS writes
    one row; a row removed from the middle shifts the rows after it by one place (updated)."""
    common = min(len(old), len(new))
    changed = _differing(old, new)
    keys = None
    if len(changed) > _FEW_ROWS or len(old) > common:
        keys = _establishment_keys(session, organisation_id)
    if keys is not None and changed:
        rows = [{"row_id": keys[j].id, **_establishment_values(new[j])} for j in changed]
        session.execute(_UPDATE_ESTABLISHMENT, rows)
    elif changed:
        rows = [
            {"og_id": organisation_id, "place": j, **_establishment_values(new[j])} for j in changed
        ]
        session.execute(_UPDATE_ESTABLISHMENT_AT, rows)
    if keys is not None and len(old) > common:
        gone = [k.id for k in keys[common:]]
        session.execute(delete(_ESTABLISHMENT).where(_EST.id.in_(gone)))
    if len(new) > common:  # every stored row is kept: the new ones sort after the last
        last = session.execute(
            select(func.max(_EST.position)).where(_EST.organisation_id == organisation_id)
        ).scalar()
        _insert_establishments(
            session, organisation_id, new[common:], 0 if last is None else last + 1
        )


def _write_organisations(
    session: Session,
    dossier_id: int,
    old: tuple[Organisation, ...],
    new: tuple[Organisation, ...],
) -> None:
    """Bring the OG rows (and their ESSMS) from ``old`` to ``new``, the same way as ESSMS."""
    keys = _organisation_keys(session, dossier_id)
    common = min(len(old), len(new))
    for i in _differing(old, new):
        values = _organisation_values(new[i])
        if values != _organisation_values(old[i]):
            session.execute(
                update(_ORGANISATION).where(_ORGANISATION.c.id == keys[i].id).values(**values)
            )
        if old[i].establishments != new[i].establishments:
            _write_establishments(session, keys[i].id, old[i].establishments, new[i].establishments)
    _delete_organisations(session, [k.id for k in keys[common:]])
    if len(new) > common:
        after = keys[common - 1].position + 1 if common else 0
        _insert_organisations(session, dossier_id, new[common:], after)


class SqlAlchemyDossierRepository:
    """Dossiers, their attached files and history, in one session (one unit of work)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- whole dossiers -------------------------------------------------------------------------

    def add(self, dossier: Dossier) -> int:
        """Insert ``dossier`` (its ``id`` is ignored); returns the new id."""
        session = self._session
        head = _head_row(dossier, dossier.created or _now())
        dossier_id = _inserted_id(session.execute(insert(_DOSSIER).values(**head)))
        session.execute(
            insert(_PORTEUR).values(dossier_id=dossier_id, **_porteur_row(dossier.porteur))
        )
        session.execute(
            insert(_SOLUTION).values(
                dossier_id=dossier_id, **_solution_row(dossier.grappe.solution)
            )
        )
        for part in _PARTS:
            _insert_part(session, dossier_id, dossier, part)
        _insert_rows(session, _GHT, _ght_rows(dossier_id, dossier))
        _insert_organisations(session, dossier_id, dossier.grappe.organisations, 0)
        _write_follow_up(session, dossier_id, NO_FOLLOW_UP, dossier.follow_up)
        return dossier_id

    def get(self, dossier_id: int) -> Dossier:
        dossier = _read_dossier(self._session, dossier_id)
        if dossier is None:
            raise _missing(dossier_id)
        return dossier

    def current(self, before: Dossier) -> Dossier:
        """``before`` if the database still holds it (its ``updated`` date is the stored one),
        else the stored dossier, read now: what a save in this transaction compares with."""
        if before.id is None:
            raise ValueError("current() attend un dossier déjà enregistré (id renseigné)")
        updated = self._updated(before.id)
        if before.updated is not None and updated == before.updated:
            return before
        return self.get(before.id)

    def list_all(self) -> list[Dossier]:
        """Every dossier, most recently updated first."""
        ids = self._session.scalars(
            select(_DOSSIER.c.id).order_by(_DOSSIER.c.updated.desc(), _DOSSIER.c.id.desc())
        ).all()
        return [self.get(dossier_id) for dossier_id in ids]

    # -- the home list's summaries (migration 0012) -------------------------------------------

    def list_heads(self) -> list[DossierHead]:
        """Every dossier's own columns and stored summary, most recently updated first: one
        query, no dossier loaded (the home list at start)."""
        row = _DOSSIER.c
        rows = self._session.execute(
            select(
                row.id,
                row.name,
                row.campaign_id,
                type_coerce(row.updated, String).label("updated"),
                row.summary_key,
                row.summary_essms,
                row.summary_problems,
                type_coerce(row.summary_total, String).label("summary_total"),
                row.summary_eligible,
                row.summary_complete,
                row.summary_missing,
            ).order_by(row.updated.desc(), row.id.desc())
        ).all()
        return [
            DossierHead(r.id, r.name, r.campaign_id, _stored_instant(r.updated), _summary_of(r))
            for r in rows
        ]

    def store_summary(self, dossier_id: int, updated: Any, summary: HomeSummary) -> bool:
        """Keep ``summary`` in the dossier's row if it is still the dossier dated ``updated``
        (else nothing is written: it describes another state); True when written. The dossier
        itself, its ``updated`` date included, is left as it is."""
        row = _DOSSIER.c
        written = self._session.execute(
            update(_DOSSIER)
            .where(row.id == dossier_id, type_coerce(row.updated, String) == _instant_text(updated))
            .values(
                summary_key=summary.key,
                summary_essms=summary.establishment_count,
                summary_problems=summary.problem_count,
                summary_total=summary.total,
                summary_eligible=summary.eligible,
                summary_complete=summary.complete,
                summary_missing=summary.missing_count,
            )
        )
        return _row_count(written) == 1

    def store_snapshot(self, dossier_id: int, payload: bytes) -> None:
        """Keep ``payload`` (the dossier as its rows now hold it, encoded by the services) for
        the next start-up to read without the ORM. Written last in a save's transaction: the
        triggers of migration 0013 delete it whenever a row of the dossier changes after."""
        table = _SNAPSHOT
        self._session.execute(delete(table).where(table.c.dossier_id == dossier_id))
        self._session.execute(insert(table).values(dossier_id=dossier_id, payload=payload))

    def has_snapshot(self, dossier_id: int) -> bool:
        table = _SNAPSHOT
        found = self._session.execute(
            select(table.c.dossier_id).where(table.c.dossier_id == dossier_id)
        )
        return found.first() is not None

    def exists(self, dossier_id: int) -> bool:
        found = self._session.execute(select(_DOSSIER.c.id).where(_DOSSIER.c.id == dossier_id))
        return found.first() is not None

    def _updated(self, dossier_id: int) -> datetime:
        """The stored ``updated`` date of a dossier (:class:`NotFoundError` when there is none)."""
        row = self._session.execute(
            select(_DOSSIER.c.updated).where(_DOSSIER.c.id == dossier_id)
        ).first()
        if row is None:
            raise _missing(dossier_id)
        return row.updated

    def save(self, before: Dossier, after: Dossier) -> None:
        """Write what differs between ``before``, the dossier as stored, and ``after``.

        ``before`` is what the caller last read or saved (the session's last saved value): the
        rows are found by their place in it, so it must still be what the database holds. The
        dossier row is updated first, ``WHERE updated = :before``; when the stored date is another
        one, nothing is written and :class:`DossierChangedError` is raised (:meth:`current` gives
        the value to compare with instead). Only the rows of what differs are written: one
        edited field of one ESSMS is one row. Attached files of annex keys no longer present are
        dropped; the others are kept.
        """
        if after.id is None or before.id != after.id:
            raise ValueError("save() attend deux valeurs du même dossier enregistré (id renseigné)")
        session = self._session
        dossier_id = after.id
        head = _head_row(after, after.created or before.created or _now())
        changed = {k: v for k, v in head.items() if v != _head_value(before, k)}
        self._claim(before, changed or {"updated": head["updated"]})

        if after.porteur != before.porteur:
            self._write_one(_PORTEUR, dossier_id, _porteur_row(after.porteur))
        if after.grappe.solution != before.grappe.solution:
            self._write_one(_SOLUTION, dossier_id, _solution_row(after.grappe.solution))
        for part in _PARTS:
            if getattr(after, part) != getattr(before, part):
                _delete_part(session, dossier_id, part)
                _insert_part(session, dossier_id, after, part)
        if after.declarations.ght_essms != before.declarations.ght_essms:
            session.execute(delete(_GHT).where(_GHT.c.dossier_id == dossier_id))
            _insert_rows(session, _GHT, _ght_rows(dossier_id, after))
        if after.annexes != before.annexes:
            keys = [a.key for a in after.annexes]
            session.execute(
                delete(AnnexFileRow).where(
                    AnnexFileRow.dossier_id == dossier_id, AnnexFileRow.annex_key.not_in(keys)
                )
            )
        old_ogs, new_ogs = before.grappe.organisations, after.grappe.organisations
        if old_ogs != new_ogs:
            _write_organisations(session, dossier_id, old_ogs, new_ogs)
        if after.follow_up != before.follow_up:
            _write_follow_up(session, dossier_id, before.follow_up, after.follow_up)

    def _claim(self, before: Dossier, values: dict[str, Any]) -> None:
        """Update the dossier row with ``values`` if it is still ``before`` (same ``updated``)."""
        assert before.id is not None
        row = _DOSSIER.c
        written = self._session.execute(
            update(_DOSSIER)
            .where(row.id == before.id, row.updated == before.updated)
            .values(**values)
        )
        if _row_count(written) == 1:
            return
        # Not matched: gone, changed since, or the same instant stored in another spelling (a
        # file written by hand or by another program): compared as dates, not as text.
        stored = self._updated(before.id)
        if before.updated is None or stored != before.updated:
            raise DossierChangedError(
                f"Le dossier « {before.name} » a été modifié ailleurs depuis sa lecture : "
                "cet enregistrement n'a rien écrit. Rouvrez le dossier pour repartir de son "
                "état actuel."
            )
        self._session.execute(update(_DOSSIER).where(row.id == before.id).values(**values))

    def _write_one(self, table: Table, dossier_id: int, values: dict[str, Any]) -> None:
        """Update a one-row part (porteur, DUI solution); create it if a file lacks it (every
        dossier has one since migration 0005, but a file edited by hand may not)."""
        written = self._session.execute(
            update(table).where(table.c.dossier_id == dossier_id).values(**values)
        )
        if _row_count(written) == 0:
            self._session.execute(insert(table).values(dossier_id=dossier_id, **values))

    def replace(self, dossier: Dossier) -> None:
        """Make the stored dossier ``dossier.id`` equal to ``dossier``, for callers that hold no
        earlier value: the stored one is read, then :meth:`save` writes what differs."""
        if dossier.id is None:
            raise ValueError("replace() attend un dossier déjà enregistré (id renseigné)")
        self.save(self.get(dossier.id), dossier)

    def delete(self, dossier_id: int) -> None:
        """Delete the dossier and every row it owns (foreign keys cascade), files included."""
        gone = self._session.execute(delete(_DOSSIER).where(_DOSSIER.c.id == dossier_id))
        if _row_count(gone) == 0:
            raise _missing(dossier_id)

    def committed(self) -> None:
        """Called by the unit of work after its commit: nothing to do, nothing is kept."""

    def rolled_back(self) -> None:
        """Called by the unit of work after a rollback: nothing to do, nothing is kept."""

    # -- attached files -------------------------------------------------------------------------

    def attach_file(
        self, dossier_id: int, annex_key: str, name: str, data: bytes, added: datetime
    ) -> AnnexFileInfo:
        """Store ``data`` as the file of annex ``annex_key`` (replacing any previous one)."""
        if not self.exists(dossier_id):
            raise _missing(dossier_id)
        row = self._session.get(AnnexFileRow, (dossier_id, annex_key))
        if row is None:
            row = AnnexFileRow(dossier_id=dossier_id, annex_key=annex_key)
            self._session.add(row)
        row.name = safe_file_name(name)  # whoever calls: an import, a duplication, the service
        row.size = len(data)
        row.sha256 = hashlib.sha256(data).hexdigest()
        row.data = data
        row.added = added
        self._session.flush()
        return _file_info(row)

    def files(self, dossier_id: int) -> list[AnnexFileInfo]:
        """Every attached file of a dossier (without contents), by annex key."""
        rows = self._session.scalars(
            select(AnnexFileRow)
            .where(AnnexFileRow.dossier_id == dossier_id)
            .order_by(AnnexFileRow.annex_key)
        ).all()
        return [_file_info(r) for r in rows]

    def file_data(self, dossier_id: int, annex_key: str) -> tuple[AnnexFileInfo, bytes]:
        row = self._session.get(AnnexFileRow, (dossier_id, annex_key))
        if row is None:
            raise NotFoundError(
                f"Aucun fichier joint à l'annexe « {annex_key} » du dossier n° {dossier_id}."
            )
        return _file_info(row), row.data

    def detach_file(self, dossier_id: int, annex_key: str) -> AnnexFileInfo | None:
        row = self._session.get(AnnexFileRow, (dossier_id, annex_key))
        if row is None:
            return None
        info = _file_info(row)
        self._session.delete(row)
        self._session.flush()
        return info

    def copy_files(self, source_id: int, target_id: int) -> None:
        """Copy every attached file of ``source_id`` onto ``target_id`` (dossier duplication)."""
        for info in self.files(source_id):
            _, data = self.file_data(source_id, info.annex_key)
            self.attach_file(target_id, info.annex_key, info.name, data, info.added)

    # -- history --------------------------------------------------------------------------------

    def log(self, dossier_id: int, action: str, summary: str, at: datetime) -> None:
        self._session.add(
            ChangeLogRow(dossier_id=dossier_id, at=at, action=action, summary=summary)
        )

    def history(self, dossier_id: int, limit: int | None = None) -> list[ChangeLogEntry]:
        """The dossier's change log, newest first."""
        stmt = (
            select(ChangeLogRow)
            .where(ChangeLogRow.dossier_id == dossier_id)
            .order_by(ChangeLogRow.id.desc())
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        return [
            ChangeLogEntry(r.dossier_id, r.at, r.action, r.summary, r.id)
            for r in self._session.scalars(stmt)
        ]

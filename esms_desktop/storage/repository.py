"""The dossier repository: domain dataclasses in, domain dataclasses out.

Services never see a row or a session. Loading builds frozen :class:`~esms_desktop.domain.dossier.
Dossier` values with every part in the user's order; saving makes the stored rows equal to a
dossier value, writing only what differs from what is stored (the GUI saves after every edit: one
changed capacity must not rewrite a 1,000-ESSMS grappe). Attached files live apart and are kept.
The establishment helpers edit a single row for the grid's cell-by-cell editing.

Reading a dossier uses plain queries (one per table, in the relationships' order) converted by the
same functions as the ORM objects; the ORM graph is loaded only by the row helpers. The last
committed value of the dossiers recently read or saved is kept per open database (see
:class:`_StoredDossiers`): a save then compares the new value with it instead of reading the whole
dossier again, after checking in the same transaction that the stored dossier has not changed
since (its ``updated`` date).
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from types import MappingProxyType, SimpleNamespace
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.pool import Pool

from esms_desktop.domain.dossier import (
    Annex,
    Attestation,
    AutodiagResponse,
    Dossier,
    Milestone,
    Porteur,
    UsageTarget,
)
from esms_desktop.domain.grappe import (
    DuiSituation,
    DuiSolution,
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.domain.usage_threshold import UsageThreshold
from esms_desktop.storage.errors import NotFoundError
from esms_desktop.storage.models import (
    AnnexFileRow,
    AnnexRow,
    AttestationRow,
    AutodiagAnswerRow,
    AutodiagScopeRow,
    ChangeLogRow,
    DossierRow,
    DuiSolutionRow,
    EstablishmentRow,
    MilestoneRow,
    OrganisationRow,
    OverrideRow,
    PorteurRow,
    UsageTargetRow,
)
from esms_desktop.storage.records import AnnexFileInfo, ChangeLogEntry

_PORTEUR_FIELDS = tuple(f.name for f in fields(Porteur))
_SOLUTION_FIELDS = tuple(f.name for f in fields(DuiSolution))

_LOAD_OPTIONS = (
    selectinload(DossierRow.porteur),
    selectinload(DossierRow.solution),
    selectinload(DossierRow.overrides),
    selectinload(DossierRow.organisations).selectinload(OrganisationRow.establishments),
    selectinload(DossierRow.autodiagnostics).selectinload(AutodiagScopeRow.answers),
    selectinload(DossierRow.usage_targets),
    selectinload(DossierRow.milestones),
    selectinload(DossierRow.annexes),
    selectinload(DossierRow.attestations),
)


def _now() -> datetime:
    return datetime.now(UTC)


# --- domain → rows ----------------------------------------------------------------------------


def _establishment_values(est: Establishment) -> dict[str, Any]:
    return {
        "finess": est.finess,
        "name": est.name,
        "category": est.category,
        "capacity": est.capacity,
        "project": ProjectType(est.project).value,
        "equipment": est.equipment,
        "eligible_hours_pct": est.eligible_hours_pct,
        "dui_solution": est.dui_solution,
        "current_dui": DuiSituation(est.current_dui).value,
        "already_funded": est.already_funded,
        "address": est.address,
        "postal_code": est.postal_code,
        "town": est.town,
    }


def _establishment_row(est: Establishment, position: int) -> EstablishmentRow:
    return EstablishmentRow(position=position, **_establishment_values(est))


def _organisation_row(og: Organisation, position: int) -> OrganisationRow:
    return OrganisationRow(
        position=position,
        name=og.name,
        role=OgRole(og.role).value,
        siren=og.siren,
        finess_ej=og.finess_ej,
        declared_size=og.declared_size,
        contact_name=og.contact_name,
        contact_email=og.contact_email,
        convention_date=og.convention_date,
        establishments=[_establishment_row(e, i) for i, e in enumerate(og.establishments)],
    )


def _autodiag_row(response: AutodiagResponse, position: int) -> AutodiagScopeRow:
    return AutodiagScopeRow(
        position=position,
        scope=response.scope,
        answers=[
            AutodiagAnswerRow(question_id=str(q), position=i, level=int(level))
            for i, (q, level) in enumerate(response.answers.items())
        ],
    )


def _fill_scalars(row: DossierRow, dossier: Dossier) -> None:
    """Write the dossier's own columns, the porteur and the DUI solution (updated in place)."""
    row.name = dossier.name
    row.campaign_id = dossier.campaign_id
    row.project_title = dossier.project_title
    row.governance = dossier.governance
    row.convention_date = dossier.convention_date
    row.created = dossier.created or row.created or _now()
    row.updated = dossier.updated or row.created
    porteur_values = {name: getattr(dossier.porteur, name) for name in _PORTEUR_FIELDS}
    if row.porteur is None:
        row.porteur = PorteurRow(**porteur_values)
    else:
        for name, value in porteur_values.items():
            setattr(row.porteur, name, value)
    solution_values = {name: getattr(dossier.grappe.solution, name) for name in _SOLUTION_FIELDS}
    if row.solution is None:
        row.solution = DuiSolutionRow(**solution_values)
    else:
        for name, value in solution_values.items():
            setattr(row.solution, name, value)


def _part_rows(dossier: Dossier, part: str) -> list[Any]:
    """New rows for one repeated part of the dossier (``part`` is the Dossier field name)."""
    if part == "overrides":
        return [OverrideRow(name=k, amount=v) for k, v in dossier.overrides.items()]
    if part == "autodiagnostics":
        return [_autodiag_row(r, i) for i, r in enumerate(dossier.autodiagnostics)]
    if part == "usage_targets":
        return [
            UsageTargetRow(
                position=i,
                indicator=t.indicator,
                sector=t.sector,
                threshold_amount=t.threshold.amount if t.threshold else None,
                threshold_unit=t.threshold.unit if t.threshold else "",
                threshold_period=t.threshold.period if t.threshold else "",
                time_window=t.window,
                evidence=t.evidence,
            )
            for i, t in enumerate(dossier.usage_targets)
        ]
    if part == "milestones":
        return [
            MilestoneRow(position=i, label=m.label, due=m.due, description=m.description)
            for i, m in enumerate(dossier.milestones)
        ]
    if part == "annexes":
        return [
            AnnexRow(
                position=i,
                annex_key=a.key,
                label=a.label,
                required=a.required,
                provided=a.provided,
                file_name=a.file_name,
                note=a.note,
            )
            for i, a in enumerate(dossier.annexes)
        ]
    if part == "attestations":
        return [
            AttestationRow(position=i, attestation_key=a.key, label=a.label, accepted=a.accepted)
            for i, a in enumerate(dossier.attestations)
        ]
    raise ValueError(part)  # pragma: no cover - programming error


_PARTS = ("overrides", "autodiagnostics", "usage_targets", "milestones", "annexes", "attestations")


def _fill_dossier_row(row: DossierRow, dossier: Dossier) -> None:
    """Write every part of a *new* dossier row."""
    _fill_scalars(row, dossier)
    for part in _PARTS:
        setattr(row, part, _part_rows(dossier, part))
    row.organisations = [
        _organisation_row(og, i) for i, og in enumerate(dossier.grappe.organisations)
    ]


def _set_organisation_columns(row: OrganisationRow, og: Organisation) -> None:
    row.name = og.name
    row.role = OgRole(og.role).value
    row.siren = og.siren
    row.finess_ej = og.finess_ej
    row.declared_size = og.declared_size
    row.contact_name = og.contact_name
    row.contact_email = og.contact_email
    row.convention_date = og.convention_date


# --- rows → domain ----------------------------------------------------------------------------
#
# Each function reads attributes only, so it converts ORM objects and plain query rows alike (a
# plain query selects the same columns, with the same types): both ways give equal values.


_PROJECTS = ProjectType._value2member_map_
_SITUATIONS = DuiSituation._value2member_map_
"""Enum members by stored value: a dictionary look-up instead of an enum call per ESSMS (an
unknown value still goes through the enum, which raises as before)."""


def _to_establishment(row: Any) -> Establishment:
    return Establishment(
        finess=row.finess,
        name=row.name,
        category=row.category,
        capacity=row.capacity,
        project=_PROJECTS.get(row.project) or ProjectType(row.project),
        equipment=row.equipment,
        eligible_hours_pct=row.eligible_hours_pct,
        dui_solution=row.dui_solution,
        current_dui=_SITUATIONS.get(row.current_dui) or DuiSituation(row.current_dui),
        already_funded=row.already_funded,
        address=row.address,
        postal_code=row.postal_code,
        town=row.town,
    )


def _organisation_with(row: Any, establishments: tuple[Establishment, ...]) -> Organisation:
    return Organisation(
        name=row.name,
        role=OgRole(row.role),
        siren=row.siren,
        finess_ej=row.finess_ej,
        declared_size=row.declared_size,
        establishments=establishments,
        contact_name=row.contact_name,
        contact_email=row.contact_email,
        convention_date=row.convention_date,
    )


def _to_organisation(row: Any) -> Organisation:
    return _organisation_with(row, tuple(_to_establishment(e) for e in row.establishments))


def _to_porteur(row: Any | None) -> Porteur:
    if row is None:
        return Porteur()
    return Porteur(**{n: getattr(row, n) for n in _PORTEUR_FIELDS})


def _to_solution(row: Any | None) -> DuiSolution:
    if row is None:
        return DuiSolution()
    return DuiSolution(**{n: getattr(row, n) for n in _SOLUTION_FIELDS})


def _head_values(row: Any) -> dict[str, Any]:
    """The dossier's own columns, as :class:`Dossier` keywords."""
    return {
        "name": row.name,
        "campaign_id": row.campaign_id,
        "id": row.id,
        "project_title": row.project_title,
        "governance": row.governance,
        "convention_date": row.convention_date,
        "created": row.created,
        "updated": row.updated,
    }


def _to_overrides(rows: Iterable[Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType({o.name: o.amount for o in rows})


def _to_autodiagnostics(rows: Iterable[Any]) -> tuple[AutodiagResponse, ...]:
    return tuple(
        AutodiagResponse(
            scope=s.scope,
            answers=MappingProxyType({a.question_id: a.level for a in s.answers}),
        )
        for s in rows
    )


def _threshold(row: Any) -> UsageThreshold | None:
    """A stored threshold (migration 0004 gave the older ones, all percentages, their « % »)."""
    if row.threshold_amount is None:
        return None
    return UsageThreshold(row.threshold_amount, row.threshold_unit, row.threshold_period)


def _to_usage_targets(rows: Iterable[Any]) -> tuple[UsageTarget, ...]:
    return tuple(
        UsageTarget(
            indicator=t.indicator,
            sector=t.sector,
            threshold=_threshold(t),
            window=t.time_window,
            evidence=t.evidence,
        )
        for t in rows
    )


def _to_milestones(rows: Iterable[Any]) -> tuple[Milestone, ...]:
    return tuple(Milestone(label=m.label, due=m.due, description=m.description) for m in rows)


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
    "annexes": _to_annexes,
    "attestations": _to_attestations,
}


def _to_dossier(row: Any) -> Dossier:
    return Dossier(
        **_head_values(row),
        porteur=_to_porteur(row.porteur),
        grappe=Grappe(
            organisations=tuple(_to_organisation(o) for o in row.organisations),
            solution=_to_solution(row.solution),
        ),
        **{part: _PART_VALUES[part](getattr(row, part)) for part in _PARTS},
    )


def _file_info(row: AnnexFileRow) -> AnnexFileInfo:
    return AnnexFileInfo(
        dossier_id=row.dossier_id,
        annex_key=row.annex_key,
        name=row.name,
        size=row.size,
        sha256=row.sha256,
        added=row.added,
    )


# --- a dossier read with plain queries ---------------------------------------------------------
#
# One query per table, in the order the ORM relationships use (``position``, overrides by name),
# converted by the functions above: the same value as loading the ORM objects, without building
# them (a 1,000-ESSMS dossier loads several times faster).

_DOSSIER = DossierRow.__table__
_PORTEUR = PorteurRow.__table__
_SOLUTION = DuiSolutionRow.__table__
_ORGANISATION = OrganisationRow.__table__
_ESTABLISHMENT = EstablishmentRow.__table__
_SCOPE = AutodiagScopeRow.__table__
_ANSWER = AutodiagAnswerRow.__table__
_PART_TABLES: dict[str, Any] = {
    "overrides": OverrideRow.__table__,
    "autodiagnostics": _SCOPE,
    "usage_targets": UsageTargetRow.__table__,
    "milestones": MilestoneRow.__table__,
    "annexes": AnnexRow.__table__,
    "attestations": AttestationRow.__table__,
}


def _one_row(session: Session, table: Any, column: Any, value: int) -> Any | None:
    return session.execute(select(table).where(column == value)).one_or_none()


def _read_part(session: Session, dossier_id: int, part: str) -> list[Any]:
    """The rows of one repeated part, in the relationship's order (scopes carry their answers)."""
    table = _PART_TABLES[part]
    order = (table.c.name,) if part == "overrides" else (table.c.position, table.c.id)
    rows = session.execute(select(table).where(table.c.dossier_id == dossier_id).order_by(*order))
    if part != "autodiagnostics":
        return list(rows)
    scopes = list(rows)
    answers: dict[int, list[Any]] = {s.id: [] for s in scopes}
    for answer in session.execute(
        select(_ANSWER)
        .where(_ANSWER.c.scope_id.in_(select(_SCOPE.c.id).where(_SCOPE.c.dossier_id == dossier_id)))
        .order_by(_ANSWER.c.scope_id, _ANSWER.c.position, _ANSWER.c.question_id)
    ):
        answers[answer.scope_id].append(answer)
    return [SimpleNamespace(scope=s.scope, answers=answers[s.id]) for s in scopes]


def _read_establishments(session: Session, *where: Any) -> list[Any]:
    return list(
        session.execute(
            select(_ESTABLISHMENT)
            .where(*where)
            .order_by(
                _ESTABLISHMENT.c.organisation_id, _ESTABLISHMENT.c.position, _ESTABLISHMENT.c.id
            )
        )
    )


def _read_organisations(
    session: Session, dossier_id: int
) -> tuple[tuple[Organisation, ...], tuple[int, ...], tuple[tuple[int, ...], ...]]:
    """Every OG with its ESSMS, and the row ids of both (in the same order)."""
    ogs = list(
        session.execute(
            select(_ORGANISATION)
            .where(_ORGANISATION.c.dossier_id == dossier_id)
            .order_by(_ORGANISATION.c.position, _ORGANISATION.c.id)
        )
    )
    by_og: dict[int, list[Any]] = {og.id: [] for og in ogs}
    if ogs:
        owned = select(_ORGANISATION.c.id).where(_ORGANISATION.c.dossier_id == dossier_id)
        for est in _read_establishments(session, _ESTABLISHMENT.c.organisation_id.in_(owned)):
            by_og[est.organisation_id].append(est)
    return (
        tuple(
            _organisation_with(og, tuple(_to_establishment(e) for e in by_og[og.id])) for og in ogs
        ),
        tuple(og.id for og in ogs),
        tuple(tuple(e.id for e in by_og[og.id]) for og in ogs),
    )


@dataclass(frozen=True, slots=True)
class _Stored:
    """A dossier exactly as its committed rows give it, with the ids of its OG and ESSMS rows."""

    dossier: Dossier
    organisation_ids: tuple[int, ...]
    establishment_ids: tuple[tuple[int, ...], ...]
    has_porteur: bool = True
    has_solution: bool = True


def _read_dossier(session: Session, dossier_id: int) -> _Stored | None:
    head = _one_row(session, _DOSSIER, _DOSSIER.c.id, dossier_id)
    if head is None:
        return None
    porteur = _one_row(session, _PORTEUR, _PORTEUR.c.dossier_id, dossier_id)
    solution = _one_row(session, _SOLUTION, _SOLUTION.c.dossier_id, dossier_id)
    organisations, og_ids, est_ids = _read_organisations(session, dossier_id)
    dossier = Dossier(
        **_head_values(head),
        porteur=_to_porteur(porteur),
        grappe=Grappe(organisations=organisations, solution=_to_solution(solution)),
        **{part: _PART_VALUES[part](_read_part(session, dossier_id, part)) for part in _PARTS},
    )
    return _Stored(dossier, og_ids, est_ids, porteur is not None, solution is not None)


def _organisation_values(og: Organisation) -> dict[str, Any]:
    return {
        "name": og.name,
        "role": OgRole(og.role).value,
        "siren": og.siren,
        "finess_ej": og.finess_ej,
        "declared_size": og.declared_size,
        "contact_name": og.contact_name,
        "contact_email": og.contact_email,
        "convention_date": og.convention_date,
    }


# --- the last committed value of recently used dossiers ---------------------------------------


class _StoredDossiers:
    """The committed value of the few dossiers last read or saved, for one open database.

    Filled when a dossier is read outside any change of it, and when a transaction that changed
    it commits (with what it wrote, read back); forgotten when a transaction changes it another
    way or fails to commit. A unit of work uses an entry only after checking, in its own
    transaction, that the dossier's ``updated`` date is still the entry's.
    """

    SIZE = 4

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[int, _Stored] = OrderedDict()

    def get(self, dossier_id: int) -> _Stored | None:
        with self._lock:
            item = self._items.get(dossier_id)
            if item is not None:
                self._items.move_to_end(dossier_id)
            return item

    def put(self, dossier_id: int, item: _Stored) -> None:
        with self._lock:
            self._items[dossier_id] = item
            self._items.move_to_end(dossier_id)
            while len(self._items) > self.SIZE:
                self._items.popitem(last=False)

    def drop(self, dossier_ids: Iterable[int]) -> None:
        with self._lock:
            for dossier_id in dossier_ids:
                self._items.pop(dossier_id, None)


_STORED: weakref.WeakKeyDictionary[Pool, _StoredDossiers] = weakref.WeakKeyDictionary()
_STORED_LOCK = threading.Lock()


def _stored_dossiers(session: Session) -> _StoredDossiers:
    """The entries of the database ``session`` works on: one set per connection pool, so a
    restored or reopened database (a new engine) starts with none."""
    bind = session.get_bind()
    pool = getattr(bind, "pool", None) or getattr(getattr(bind, "engine", None), "pool", None)
    if pool is None:  # pragma: no cover - our sessions are always bound to an engine
        return _StoredDossiers()
    with _STORED_LOCK:
        stored = _STORED.get(pool)
        if stored is None:
            stored = _STORED[pool] = _StoredDossiers()
        return stored


class SqlAlchemyDossierRepository:
    """Dossiers, their establishment rows, attached files and history, in one session."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._rows: dict[int, DossierRow] = {}
        """Dossiers loaded as ORM objects in this session (by the row helpers), kept to them."""
        self._stored = _stored_dossiers(session)
        self._current: dict[int, _Stored] = {}
        """Dossiers as this transaction sees them (read, or written by :meth:`replace`)."""
        self._pending: dict[int, _Stored | None] = {}
        """Dossiers this transaction changed: their new value, or ``None`` (forget it)."""

    # -- whole dossiers -------------------------------------------------------------------------

    def _row(self, dossier_id: int) -> DossierRow:
        cached = self._rows.get(dossier_id)
        if cached is not None:
            return cached
        self._session.flush()
        row = self._session.scalars(
            select(DossierRow).where(DossierRow.id == dossier_id).options(*_LOAD_OPTIONS)
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"Le dossier n° {dossier_id} n'existe pas (ou a été supprimé).")
        self._rows[dossier_id] = row
        return row

    def _forget(self, dossier_id: int) -> None:
        """The dossier was changed through ORM objects: no kept value describes it any more."""
        self._current.pop(dossier_id, None)
        self._pending[dossier_id] = None

    def _known(self, dossier_id: int) -> _Stored:
        """The dossier as this transaction sees it: this transaction's own value, else the kept
        committed value if the dossier is unchanged since, else read from the database."""
        current = self._current.get(dossier_id)
        if current is not None:
            return current
        if dossier_id in self._pending:  # changed here through ORM objects: read what they wrote
            self._session.flush()
        else:
            kept = self._stored.get(dossier_id)
            if kept is not None:
                updated = self._session.execute(
                    select(_DOSSIER.c.updated).where(_DOSSIER.c.id == dossier_id)
                ).scalar_one_or_none()
                if updated is not None and updated == kept.dossier.updated:
                    self._current[dossier_id] = kept
                    return kept
        read = _read_dossier(self._session, dossier_id)
        if read is None:
            raise NotFoundError(f"Le dossier n° {dossier_id} n'existe pas (ou a été supprimé).")
        self._current[dossier_id] = read
        if dossier_id not in self._pending:  # not changed by this transaction: committed value
            self._stored.put(dossier_id, read)
        return read

    def committed(self) -> None:
        """Called by the unit of work once its transaction is committed."""
        for dossier_id, item in self._pending.items():
            if item is None:
                self._stored.drop([dossier_id])
            else:
                self._stored.put(dossier_id, item)
        self._pending.clear()

    def rolled_back(self) -> None:
        """Called by the unit of work when its transaction is rolled back or failed to commit:
        what it changed is forgotten (a failed commit may have left either state)."""
        self._stored.drop(self._pending)
        for dossier_id in self._pending:
            self._current.pop(dossier_id, None)
        self._pending.clear()

    def add(self, dossier: Dossier) -> int:
        """Insert ``dossier`` (its ``id`` is ignored); returns the new id."""
        row = DossierRow()
        _fill_dossier_row(row, dossier)
        self._session.add(row)
        self._session.flush()
        self._rows[row.id] = row
        self._forget(row.id)
        return row.id

    def get(self, dossier_id: int) -> Dossier:
        row = self._rows.get(dossier_id)
        if row is not None:
            return _to_dossier(row)
        return self._known(dossier_id).dossier

    def list_all(self) -> list[Dossier]:
        """Every dossier, most recently updated first."""
        self._session.flush()
        ids = self._session.scalars(
            select(_DOSSIER.c.id).order_by(_DOSSIER.c.updated.desc(), _DOSSIER.c.id.desc())
        ).all()
        return [self.get(dossier_id) for dossier_id in ids]

    def exists(self, dossier_id: int) -> bool:
        return self._session.get(DossierRow, dossier_id) is not None

    def replace(self, dossier: Dossier) -> None:
        """Make the stored dossier ``dossier.id`` equal to ``dossier`` (every part).

        Only what differs from the stored dossier is written: the GUI saves after every edit,
        and one changed capacity must not rewrite a 1,000-ESSMS grappe. Attached files are kept
        for the annex keys still present and dropped for the others.
        """
        if dossier.id is None:
            raise ValueError("replace() attend un dossier déjà enregistré (id renseigné)")
        dossier_id = dossier.id
        row = self._rows.get(dossier_id)
        if row is None:
            known = self._known(dossier_id)
            if known.has_porteur and known.has_solution:
                self._forget(dossier_id)  # until written: a failure half-way keeps no value
                written = self._write_changes(known, dossier)
                self._current[dossier_id] = self._pending[dossier_id] = written
                return
            row = self._row(dossier_id)  # a row to create: the ORM objects do it
        self._replace_objects(row, dossier)
        self._forget(dossier_id)

    def _replace_objects(self, row: DossierRow, dossier: Dossier) -> None:
        """:meth:`replace` through the ORM objects of a dossier already loaded as objects."""
        before = _to_dossier(row)
        _fill_scalars(row, dossier)
        for part in _PARTS:
            if getattr(before, part) != getattr(dossier, part):
                getattr(row, part).clear()  # old and new rows share keys: delete first
                self._session.flush()
                setattr(row, part, _part_rows(dossier, part))
        self._sync_organisations(row, before.grappe.organisations, dossier.grappe.organisations)
        self._drop_files_of_removed_annexes(dossier)
        self._session.flush()

    def _drop_files_of_removed_annexes(self, dossier: Dossier) -> None:
        keys = [a.key for a in dossier.annexes]
        self._session.execute(
            delete(AnnexFileRow).where(
                AnnexFileRow.dossier_id == dossier.id, AnnexFileRow.annex_key.not_in(keys)
            )
        )

    def _write_changes(self, known: _Stored, dossier: Dossier) -> _Stored:
        """Write what differs between the stored dossier ``known`` and ``dossier`` with plain
        statements on the rows concerned; returns the new stored value (what changed is read
        back, so it is exactly what a load would give)."""
        session = self._session
        dossier_id = known.dossier.id
        assert dossier_id is not None
        before = known.dossier
        session.flush()  # what ORM objects of this session still hold goes first
        inserted: list[Any] = []
        changes: dict[str, Any] = {}

        # The dossier's own columns, as _fill_scalars sets them (only those that changed).
        created = dossier.created or before.created or _now()
        head = {
            "name": dossier.name,
            "campaign_id": dossier.campaign_id,
            "project_title": dossier.project_title,
            "governance": dossier.governance,
            "convention_date": dossier.convention_date,
            "created": created,
            "updated": dossier.updated or created,
        }
        head = {k: v for k, v in head.items() if v != getattr(before, k)}
        if head:
            session.execute(update(_DOSSIER).where(_DOSSIER.c.id == dossier_id).values(**head))
        porteur_changed = dossier.porteur != before.porteur
        if porteur_changed:
            session.execute(
                update(_PORTEUR)
                .where(_PORTEUR.c.dossier_id == dossier_id)
                .values(**{n: getattr(dossier.porteur, n) for n in _PORTEUR_FIELDS})
            )
        solution = dossier.grappe.solution
        solution_changed = solution != before.grappe.solution
        if solution_changed:
            session.execute(
                update(_SOLUTION)
                .where(_SOLUTION.c.dossier_id == dossier_id)
                .values(**{n: getattr(solution, n) for n in _SOLUTION_FIELDS})
            )

        # Repeated parts: a changed part is replaced as a whole (a few dozen rows at most).
        parts = [p for p in _PARTS if getattr(before, p) != getattr(dossier, p)]
        for part in parts:
            table = _PART_TABLES[part]
            if part == "autodiagnostics":
                scopes = select(_SCOPE.c.id).where(_SCOPE.c.dossier_id == dossier_id)
                session.execute(delete(_ANSWER).where(_ANSWER.c.scope_id.in_(scopes)))
            session.execute(delete(table).where(table.c.dossier_id == dossier_id))
            for new_row in _part_rows(dossier, part):
                new_row.dossier_id = dossier_id
                inserted.append(new_row)

        # OGs and ESSMS: only the rows that differ.
        old_ogs, new_ogs = before.grappe.organisations, dossier.grappe.organisations
        og_ids, est_ids = known.organisation_ids, known.establishment_ids
        all_ogs_rewritten = len(old_ogs) != len(new_ogs)
        columns_changed: set[int] = set()
        lists_rewritten: set[int] = set()
        rows_changed: dict[int, list[int]] = {}
        if all_ogs_rewritten:
            owned = select(_ORGANISATION.c.id).where(_ORGANISATION.c.dossier_id == dossier_id)
            session.execute(
                delete(_ESTABLISHMENT).where(_ESTABLISHMENT.c.organisation_id.in_(owned))
            )
            session.execute(delete(_ORGANISATION).where(_ORGANISATION.c.dossier_id == dossier_id))
            for i, og in enumerate(new_ogs):
                og_row = _organisation_row(og, i)
                og_row.dossier_id = dossier_id
                inserted.append(og_row)
        else:
            for i, (old, new) in enumerate(zip(old_ogs, new_ogs, strict=True)):
                if old == new:
                    continue
                values = _organisation_values(new)
                if values != _organisation_values(old):
                    session.execute(
                        update(_ORGANISATION)
                        .where(_ORGANISATION.c.id == og_ids[i])
                        .values(**values)
                    )
                    columns_changed.add(i)
                if old.establishments == new.establishments:
                    continue
                if len(old.establishments) != len(new.establishments):
                    session.execute(
                        delete(_ESTABLISHMENT).where(_ESTABLISHMENT.c.organisation_id == og_ids[i])
                    )
                    for j, est in enumerate(new.establishments):
                        est_row = _establishment_row(est, j)
                        est_row.organisation_id = og_ids[i]
                        inserted.append(est_row)
                    lists_rewritten.add(i)
                    continue
                for j, (old_est, new_est) in enumerate(
                    zip(old.establishments, new.establishments, strict=True)
                ):
                    if old_est != new_est:
                        session.execute(
                            update(_ESTABLISHMENT)
                            .where(_ESTABLISHMENT.c.id == est_ids[i][j])
                            .values(**_establishment_values(new_est))
                        )
                        rows_changed.setdefault(i, []).append(j)
        self._drop_files_of_removed_annexes(dossier)
        if inserted:
            session.add_all(inserted)
            session.flush()
            for new_row in inserted:  # written: the session need not follow them
                session.expunge(new_row)
        if session.identity_map:  # objects read earlier may describe rows changed above
            session.expire_all()

        # Read back what was written.
        if head:
            changes.update(_head_values(_one_row(session, _DOSSIER, _DOSSIER.c.id, dossier_id)))
        if porteur_changed:
            changes["porteur"] = _to_porteur(
                _one_row(session, _PORTEUR, _PORTEUR.c.dossier_id, dossier_id)
            )
        for part in parts:
            changes[part] = _PART_VALUES[part](_read_part(session, dossier_id, part))
        organisations = old_ogs
        if all_ogs_rewritten:
            organisations, og_ids, est_ids = _read_organisations(session, dossier_id)
        elif columns_changed or lists_rewritten or rows_changed:
            ogs, ests = list(old_ogs), list(est_ids)
            for i in sorted(columns_changed | lists_rewritten | set(rows_changed)):
                establishments = ogs[i].establishments
                if i in lists_rewritten:
                    rows = _read_establishments(
                        session, _ESTABLISHMENT.c.organisation_id == og_ids[i]
                    )
                    establishments = tuple(_to_establishment(r) for r in rows)
                    ests[i] = tuple(r.id for r in rows)
                elif i in rows_changed:
                    wanted = [est_ids[i][j] for j in rows_changed[i]]
                    by_id = {
                        r.id: r
                        for r in _read_establishments(session, _ESTABLISHMENT.c.id.in_(wanted))
                    }
                    fresh = list(establishments)
                    for j in rows_changed[i]:
                        fresh[j] = _to_establishment(by_id[est_ids[i][j]])
                    establishments = tuple(fresh)
                if i in columns_changed:
                    og_row = _one_row(session, _ORGANISATION, _ORGANISATION.c.id, og_ids[i])
                    ogs[i] = _organisation_with(og_row, establishments)
                else:
                    ogs[i] = replace(ogs[i], establishments=establishments)
            organisations, est_ids = tuple(ogs), tuple(ests)
        if solution_changed:
            solution = _to_solution(
                _one_row(session, _SOLUTION, _SOLUTION.c.dossier_id, dossier_id)
            )
        else:
            solution = before.grappe.solution
        if organisations is not old_ogs or solution_changed:
            changes["grappe"] = Grappe(organisations=organisations, solution=solution)
        return _Stored(replace(before, **changes) if changes else before, og_ids, est_ids)

    def _sync_organisations(
        self,
        row: DossierRow,
        before: tuple[Organisation, ...],
        after: tuple[Organisation, ...],
    ) -> None:
        """Bring the OG and ESSMS rows from ``before`` to ``after``, touching only what differs."""
        if len(before) != len(after):
            row.organisations.clear()
            self._session.flush()
            row.organisations = [_organisation_row(og, i) for i, og in enumerate(after)]
            return
        for og_row, old, new in zip(row.organisations, before, after, strict=True):
            if old == new:
                continue
            _set_organisation_columns(og_row, new)
            if old.establishments == new.establishments:
                continue
            if len(old.establishments) != len(new.establishments):
                og_row.establishments.clear()
                self._session.flush()
                og_row.establishments = [
                    _establishment_row(e, j) for j, e in enumerate(new.establishments)
                ]
                continue
            for est_row, old_est, new_est in zip(
                og_row.establishments, old.establishments, new.establishments, strict=True
            ):
                if old_est != new_est:
                    for name, value in _establishment_values(new_est).items():
                        setattr(est_row, name, value)

    def touch(self, dossier_id: int, when: datetime) -> None:
        """Record that the dossier changed at ``when`` (its ``updated`` date)."""
        row = self._session.get(DossierRow, dossier_id)
        if row is None:
            raise NotFoundError(f"Le dossier n° {dossier_id} n'existe pas (ou a été supprimé).")
        row.updated = when
        self._forget(dossier_id)

    def delete(self, dossier_id: int) -> None:
        """Delete the dossier and every row it owns (foreign keys cascade), files included."""
        row = self._session.get(DossierRow, dossier_id)
        if row is None:
            raise NotFoundError(f"Le dossier n° {dossier_id} n'existe pas (ou a été supprimé).")
        self._rows.pop(dossier_id, None)
        self._forget(dossier_id)
        self._session.delete(row)
        self._session.flush()

    # -- one establishment row ------------------------------------------------------------------

    def _organisation(self, dossier_id: int, og_index: int) -> OrganisationRow:
        row = self._row(dossier_id)
        if not 0 <= og_index < len(row.organisations):
            raise NotFoundError(
                f"Le dossier « {row.name} » n'a pas d'organisme gestionnaire n° {og_index + 1} "
                f"(il en compte {len(row.organisations)})."
            )
        return row.organisations[og_index]

    def _establishment(self, og: OrganisationRow, position: int) -> EstablishmentRow:
        if not 0 <= position < len(og.establishments):
            raise NotFoundError(
                f"L'organisme « {og.name} » n'a pas d'ESSMS en ligne {position + 1} "
                f"(il en compte {len(og.establishments)})."
            )
        return og.establishments[position]

    def add_establishment(
        self, dossier_id: int, og_index: int, establishment: Establishment, position: int | None
    ) -> int:
        """Insert an ESSMS into OG ``og_index`` at ``position`` (end if ``None``); returns it."""
        og = self._organisation(dossier_id, og_index)
        where = len(og.establishments) if position is None else position
        if not 0 <= where <= len(og.establishments):
            raise NotFoundError(
                f"Position {where + 1} impossible dans l'organisme « {og.name} » "
                f"({len(og.establishments)} ESSMS)."
            )
        og.establishments.insert(where, _establishment_row(establishment, where))
        self._session.flush()
        self._forget(dossier_id)
        return where

    def get_establishment(self, dossier_id: int, og_index: int, position: int) -> Establishment:
        og = self._organisation(dossier_id, og_index)
        return _to_establishment(self._establishment(og, position))

    def update_establishment(
        self, dossier_id: int, og_index: int, position: int, establishment: Establishment
    ) -> Establishment:
        """Overwrite one ESSMS row; returns the previous value."""
        og = self._organisation(dossier_id, og_index)
        row = self._establishment(og, position)
        before = _to_establishment(row)
        for name, value in _establishment_values(establishment).items():
            setattr(row, name, value)
        self._session.flush()
        self._forget(dossier_id)
        return before

    def remove_establishment(self, dossier_id: int, og_index: int, position: int) -> Establishment:
        """Delete one ESSMS row (the following rows move up); returns what was removed."""
        og = self._organisation(dossier_id, og_index)
        row = self._establishment(og, position)
        removed = _to_establishment(row)
        og.establishments.pop(position)
        self._session.flush()
        self._forget(dossier_id)
        return removed

    # -- attached files -------------------------------------------------------------------------

    def attach_file(
        self, dossier_id: int, annex_key: str, name: str, data: bytes, added: datetime
    ) -> AnnexFileInfo:
        """Store ``data`` as the file of annex ``annex_key`` (replacing any previous one)."""
        if not self.exists(dossier_id):
            raise NotFoundError(f"Le dossier n° {dossier_id} n'existe pas (ou a été supprimé).")
        row = self._session.get(AnnexFileRow, (dossier_id, annex_key))
        if row is None:
            row = AnnexFileRow(dossier_id=dossier_id, annex_key=annex_key)
            self._session.add(row)
        row.name = name
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
        self._rows.pop(dossier_id, None)
        self._forget(dossier_id)
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

"""The dossier repository: domain dataclasses in, domain dataclasses out.

Services never see a row or a session. Loading builds frozen :class:`~esms_desktop.domain.dossier.
Dossier` values with every part in the user's order; saving replaces a dossier's rows as a whole
(a few hundred rows at most, one transaction), except the attached files, which live apart and are
kept. The establishment helpers edit a single row for the grid's cell-by-cell editing.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

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
                threshold_pct=t.threshold_pct,
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


def _to_establishment(row: EstablishmentRow) -> Establishment:
    return Establishment(
        finess=row.finess,
        name=row.name,
        category=row.category,
        capacity=row.capacity,
        project=ProjectType(row.project),
        equipment=row.equipment,
        eligible_hours_pct=row.eligible_hours_pct,
        dui_solution=row.dui_solution,
        current_dui=DuiSituation(row.current_dui),
        already_funded=row.already_funded,
        address=row.address,
        postal_code=row.postal_code,
        town=row.town,
    )


def _to_organisation(row: OrganisationRow) -> Organisation:
    return Organisation(
        name=row.name,
        role=OgRole(row.role),
        siren=row.siren,
        finess_ej=row.finess_ej,
        declared_size=row.declared_size,
        establishments=tuple(_to_establishment(e) for e in row.establishments),
        contact_name=row.contact_name,
        contact_email=row.contact_email,
        convention_date=row.convention_date,
    )


def _to_dossier(row: DossierRow) -> Dossier:
    porteur = (
        Porteur(**{n: getattr(row.porteur, n) for n in _PORTEUR_FIELDS})
        if row.porteur is not None
        else Porteur()
    )
    solution = (
        DuiSolution(**{n: getattr(row.solution, n) for n in _SOLUTION_FIELDS})
        if row.solution is not None
        else DuiSolution()
    )
    return Dossier(
        name=row.name,
        campaign_id=row.campaign_id,
        id=row.id,
        project_title=row.project_title,
        porteur=porteur,
        grappe=Grappe(
            organisations=tuple(_to_organisation(o) for o in row.organisations),
            solution=solution,
        ),
        overrides=MappingProxyType({o.name: o.amount for o in row.overrides}),
        autodiagnostics=tuple(
            AutodiagResponse(
                scope=s.scope,
                answers=MappingProxyType({a.question_id: a.level for a in s.answers}),
            )
            for s in row.autodiagnostics
        ),
        usage_targets=tuple(
            UsageTarget(
                indicator=t.indicator,
                sector=t.sector,
                threshold_pct=t.threshold_pct,
                window=t.time_window,
                evidence=t.evidence,
            )
            for t in row.usage_targets
        ),
        milestones=tuple(
            Milestone(label=m.label, due=m.due, description=m.description) for m in row.milestones
        ),
        governance=row.governance,
        annexes=tuple(
            Annex(
                key=a.annex_key,
                label=a.label,
                required=a.required,
                provided=a.provided,
                file_name=a.file_name,
                note=a.note,
            )
            for a in row.annexes
        ),
        attestations=tuple(
            Attestation(key=a.attestation_key, label=a.label, accepted=a.accepted)
            for a in row.attestations
        ),
        convention_date=row.convention_date,
        created=row.created,
        updated=row.updated,
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


class SqlAlchemyDossierRepository:
    """Dossiers, their establishment rows, attached files and history, in one session."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._rows: dict[int, DossierRow] = {}
        """Dossiers already loaded in this session: a save reads the dossier, then replaces it."""

    # -- whole dossiers -------------------------------------------------------------------------

    def _row(self, dossier_id: int) -> DossierRow:
        cached = self._rows.get(dossier_id)
        if cached is not None:
            return cached
        row = self._session.scalars(
            select(DossierRow).where(DossierRow.id == dossier_id).options(*_LOAD_OPTIONS)
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"Le dossier n° {dossier_id} n'existe pas (ou a été supprimé).")
        self._rows[dossier_id] = row
        return row

    def add(self, dossier: Dossier) -> int:
        """Insert ``dossier`` (its ``id`` is ignored); returns the new id."""
        row = DossierRow()
        _fill_dossier_row(row, dossier)
        self._session.add(row)
        self._session.flush()
        return row.id

    def get(self, dossier_id: int) -> Dossier:
        return _to_dossier(self._row(dossier_id))

    def list_all(self) -> list[Dossier]:
        """Every dossier, most recently updated first."""
        rows = self._session.scalars(
            select(DossierRow)
            .options(*_LOAD_OPTIONS)
            .order_by(DossierRow.updated.desc(), DossierRow.id.desc())
        ).all()
        return [_to_dossier(r) for r in rows]

    def exists(self, dossier_id: int) -> bool:
        return self._session.get(DossierRow, dossier_id) is not None

    def replace(self, dossier: Dossier) -> None:
        """Make the stored dossier ``dossier.id`` equal to ``dossier`` (every part).

        Attached files are kept for the annex keys still present and dropped for the others.
        """
        if dossier.id is None:
            raise ValueError("replace() attend un dossier déjà enregistré (id renseigné)")
        row = self._row(dossier.id)
        before = _to_dossier(row)
        _fill_scalars(row, dossier)
        # Only the parts that changed are rewritten: the GUI saves after every edit, and a
        # 200-ESSMS grappe rewritten for a changed phone number would make typing sluggish.
        for part in _PARTS:
            if getattr(before, part) != getattr(dossier, part):
                getattr(row, part).clear()  # old and new rows share keys: delete first
                self._session.flush()
                setattr(row, part, _part_rows(dossier, part))
        self._sync_organisations(row, before.grappe.organisations, dossier.grappe.organisations)
        keys = [a.key for a in dossier.annexes]
        self._session.execute(
            delete(AnnexFileRow).where(
                AnnexFileRow.dossier_id == dossier.id, AnnexFileRow.annex_key.not_in(keys)
            )
        )
        self._session.flush()

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

    def delete(self, dossier_id: int) -> None:
        """Delete the dossier and every row it owns (foreign keys cascade), files included."""
        row = self._session.get(DossierRow, dossier_id)
        if row is None:
            raise NotFoundError(f"Le dossier n° {dossier_id} n'existe pas (ou a été supprimé).")
        self._rows.pop(dossier_id, None)
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
        return before

    def remove_establishment(self, dossier_id: int, og_index: int, position: int) -> Establishment:
        """Delete one ESSMS row (the following rows move up); returns what was removed."""
        og = self._organisation(dossier_id, og_index)
        row = self._establishment(og, position)
        removed = _to_establishment(row)
        og.establishments.pop(position)
        self._session.flush()
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

"""An in-memory unit of work for service tests: the storage protocols, without SQLite.

Services are written against ``esms_desktop.services.unit_of_work``; this is a second
implementation of it, small enough to read at a glance. ``tests/services/test_unit_of_work
_contract.py`` runs the same checks against it and against the real store, so a service test that
passes here passes on SQLite for the reasons it states, not by accident of the fake.

Transactions are copies: entering takes a snapshot, ``commit`` keeps the working state, leaving
without committing puts the snapshot back — the real unit of work's promise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.file_names import safe_file_name
from esms_desktop.domain.finess_register import (
    EntrySink,
    MemorySink,
    RegisterEntry,
    RegisterImport,
    RegisterLegalEntity,
)
from esms_desktop.domain.home_summary import DossierHead, HomeSummary
from esms_desktop.storage.errors import NotFoundError
from esms_desktop.storage.records import AnnexFileInfo, ChangeLogEntry, FundedDeclaration
from esms_desktop.storage.register_repository import (
    RegisterInfo,
    finess_prefix,
    query_words,
    search_key,
)
from esms_desktop.storage.repository import DossierChangedError


@dataclass
class _State:
    dossiers: dict[int, Dossier] = field(default_factory=dict)
    files: dict[tuple[int, str], tuple[AnnexFileInfo, bytes]] = field(default_factory=dict)
    log: list[ChangeLogEntry] = field(default_factory=list)
    register: dict[str, RegisterEntry] = field(default_factory=dict)
    legal_entities: dict[str, RegisterLegalEntity] = field(default_factory=dict)
    register_info: RegisterInfo | None = None
    next_id: int = 1
    backups: list[str] = field(default_factory=list)
    summaries: dict[int, tuple[Dossier, HomeSummary]] = field(default_factory=dict)
    """Stored home summaries, with the dossier value each describes (any other: stale, as the
    store's triggers make it)."""
    snapshots: dict[int, tuple[Dossier, bytes]] = field(default_factory=dict)
    funded: dict[str, FundedDeclaration] = field(default_factory=dict)
    """Start-up snapshots, with the dossier value each was written beside (stale otherwise)."""

    def copy(self) -> _State:
        """The containers copied, the values shared: dossiers and entries are frozen."""
        return replace(
            self,
            dossiers=dict(self.dossiers),
            files=dict(self.files),
            log=list(self.log),
            register=dict(self.register),
            legal_entities=dict(self.legal_entities),
            backups=list(self.backups),
            summaries=dict(self.summaries),
            snapshots=dict(self.snapshots),
            funded=dict(self.funded),
        )


def _missing(dossier_id: int) -> NotFoundError:
    return NotFoundError(f"Le dossier n° {dossier_id} n'existe pas (ou plus).")


class FakeDossierRepository:
    """Dossiers kept as the frozen values they are; the same errors as the SQL repository."""

    def __init__(self, state: Callable[[], _State]) -> None:
        self._state = state

    def add(self, dossier: Dossier) -> int:
        state = self._state()
        dossier_id, state.next_id = state.next_id, state.next_id + 1
        created = dossier.created or datetime.now()
        state.dossiers[dossier_id] = replace(
            dossier, id=dossier_id, created=created, updated=dossier.updated or created
        )
        return dossier_id

    def get(self, dossier_id: int) -> Dossier:
        try:
            return self._state().dossiers[dossier_id]
        except KeyError:
            raise _missing(dossier_id) from None

    def list_all(self) -> list[Dossier]:
        stored = self._state().dossiers.values()
        return sorted(stored, key=lambda d: (d.updated or datetime.min, d.id or 0), reverse=True)

    def exists(self, dossier_id: int) -> bool:
        return dossier_id in self._state().dossiers

    def list_heads(self) -> list[DossierHead]:
        state = self._state()
        heads = []
        for d in self.list_all():
            kept = state.summaries.get(d.id or 0)
            summary = kept[1] if kept is not None and kept[0] == d else None
            heads.append(DossierHead(d.id or 0, d.name, d.campaign_id, d.updated, summary))
        return heads

    def store_summary(self, dossier_id: int, updated: Any, summary: HomeSummary) -> bool:
        state = self._state()
        dossier = state.dossiers.get(dossier_id)
        if dossier is None or dossier.updated != updated:
            return False
        state.summaries[dossier_id] = (dossier, summary)
        return True

    def store_snapshot(self, dossier_id: int, payload: bytes) -> None:
        state = self._state()
        state.snapshots[dossier_id] = (self.get(dossier_id), payload)

    def has_snapshot(self, dossier_id: int) -> bool:
        state = self._state()
        kept = state.snapshots.get(dossier_id)
        return kept is not None and kept[0] == state.dossiers.get(dossier_id)

    def current(self, before: Dossier) -> Dossier:
        if before.id is None:
            raise ValueError("current() attend un dossier déjà enregistré (id renseigné)")
        stored = self.get(before.id)
        return before if before.updated is not None and stored.updated == before.updated else stored

    def save(self, before: Dossier, after: Dossier) -> None:
        if after.id is None or before.id != after.id:
            raise ValueError("save() attend deux valeurs du même dossier enregistré (id renseigné)")
        stored = self.get(after.id)
        if before.updated is None or stored.updated != before.updated:
            raise DossierChangedError(
                f"Le dossier « {before.name} » a été modifié ailleurs depuis sa lecture : "
                "cet enregistrement n'a rien écrit."
            )
        state = self._state()
        kept = {a.key for a in after.annexes}
        for key in [k for k in state.files if k[0] == after.id and k[1] not in kept]:
            del state.files[key]
        created = after.created or before.created
        state.dossiers[after.id] = replace(after, created=created, updated=after.updated or created)

    def replace(self, dossier: Dossier) -> None:
        if dossier.id is None:
            raise ValueError("replace() attend un dossier déjà enregistré (id renseigné)")
        self.save(self.get(dossier.id), dossier)

    def delete(self, dossier_id: int) -> None:
        state = self._state()
        if state.dossiers.pop(dossier_id, None) is None:
            raise _missing(dossier_id)
        for key in [k for k in state.files if k[0] == dossier_id]:
            del state.files[key]
        state.log = [e for e in state.log if e.dossier_id != dossier_id]

    def attach_file(
        self, dossier_id: int, annex_key: str, name: str, data: bytes, added: datetime
    ) -> AnnexFileInfo:
        if not self.exists(dossier_id):
            raise _missing(dossier_id)
        info = AnnexFileInfo(
            dossier_id,
            annex_key,
            safe_file_name(name),
            len(data),
            hashlib.sha256(data).hexdigest(),
            added,
        )
        self._state().files[(dossier_id, annex_key)] = (info, bytes(data))
        return info

    def files(self, dossier_id: int) -> list[AnnexFileInfo]:
        found = [info for (d, _), (info, _) in self._state().files.items() if d == dossier_id]
        return sorted(found, key=lambda i: i.annex_key)

    def file_data(self, dossier_id: int, annex_key: str) -> tuple[AnnexFileInfo, bytes]:
        try:
            return self._state().files[(dossier_id, annex_key)]
        except KeyError:
            raise NotFoundError(
                f"Aucun fichier joint à l'annexe « {annex_key} » du dossier n° {dossier_id}."
            ) from None

    def detach_file(self, dossier_id: int, annex_key: str) -> AnnexFileInfo | None:
        found = self._state().files.pop((dossier_id, annex_key), None)
        return found[0] if found else None

    def copy_files(self, source_id: int, target_id: int) -> None:
        for info in self.files(source_id):
            _, data = self.file_data(source_id, info.annex_key)
            self.attach_file(target_id, info.annex_key, info.name, data, info.added)

    def log(self, dossier_id: int, action: str, summary: str, at: datetime) -> None:
        state = self._state()
        state.log.append(ChangeLogEntry(dossier_id, at, action, summary, len(state.log) + 1))

    def history(self, dossier_id: int, limit: int | None = None) -> list[ChangeLogEntry]:
        entries = [e for e in reversed(self._state().log) if e.dossier_id == dossier_id]
        return entries if limit is None else entries[:limit]


class FakeRegisterRepository:
    """The FINESS register as a dict by FINESS géographique."""

    def __init__(self, state: Callable[[], _State]) -> None:
        self._state = state

    def replace_all(
        self,
        entries: Iterable[RegisterEntry],
        *,
        file: str,
        source: str,
        loaded_at: datetime,
        rejected: int = 0,
        after_chunk: Callable[[int], None] | None = None,
        source_path: str = "",
        legal_entities: Iterable[RegisterLegalEntity] = (),
    ) -> int:
        state = self._state()
        state.register = {e.finess: e for e in entries}
        state.legal_entities = {e.finess_ej: e for e in legal_entities}
        state.register_info = RegisterInfo(
            file=file,
            source=source,
            loaded_at=loaded_at,
            count=len(state.register),
            rejected=rejected,
        )
        if after_chunk is not None:
            after_chunk(len(state.register))
        return len(state.register)

    def replace_streamed(
        self,
        fill: Callable[[EntrySink], RegisterImport],
        *,
        loaded_at: datetime,
        source_path: str = "",
    ) -> RegisterImport:
        """As the store: ``fill`` writes to a sink, here one that keeps the entries in memory."""
        sink = MemorySink()
        read = fill(sink)
        self.replace_all(
            sink.entries.values(),
            file=read.file,
            source=read.source,
            loaded_at=loaded_at,
            rejected=len(read.errors),
            source_path=source_path,
            legal_entities=sink.legal_entities.values(),
        )
        return replace(read, streamed=len(sink.entries), legal_streamed=len(sink.legal_entities))

    def info(self) -> RegisterInfo | None:
        return self._state().register_info

    def count(self) -> int:
        return len(self._state().register)

    def get(self, finess: str) -> RegisterEntry | None:
        return self._state().register.get(finess)

    def by_ej(self, finess_ej: str, *, include_closed: bool = False) -> list[RegisterEntry]:
        return [
            e
            for e in self._state().register.values()
            if e.finess_ej == finess_ej and (include_closed or not e.closed)
        ]

    def search(self, text: str, limit: int) -> list[RegisterEntry]:
        """The store's word-start rule (its own key functions), open establishments first."""
        words = query_words(text)
        prefix = finess_prefix(text)
        found = [
            e
            for e in self._state().register.values()
            if (words and all(f" {w}" in search_key(e.name, e.long_name, e.town) for w in words))
            or (prefix and (e.finess.startswith(prefix) or e.finess_ej.startswith(prefix)))
        ]
        return sorted(found, key=lambda e: (e.closed, search_key(e.name)))[:limit]

    def legal_entity(self, finess_ej: str) -> RegisterLegalEntity | None:
        return self._state().legal_entities.get(finess_ej)

    def legal_entities(self, ejs: Collection[str]) -> dict[str, RegisterLegalEntity]:
        known = self._state().legal_entities
        return {ej: known[ej] for ej in ejs if ej in known}

    def open_in_departments(self, departments: Collection[str]) -> list[RegisterEntry]:
        wanted = set(departments)
        found = [
            e for e in self._state().register.values() if e.department in wanted and not e.closed
        ]
        return sorted(found, key=lambda e: e.finess)

    def essms_count_by_ej(self, ejs: Collection[str]) -> dict[str, int]:
        wanted, counts = set(ejs), dict[str, int]()
        for e in self._state().register.values():
            if e.finess_ej in wanted and not e.closed:
                counts[e.finess_ej] = counts.get(e.finess_ej, 0) + 1
        return counts


class FakeFundedPartnerRepository:
    """The declarations « déjà dans un projet financé » as a dict by FINESS."""

    def __init__(self, state: Callable[[], _State]) -> None:
        self._state = state

    def all(self) -> list[FundedDeclaration]:
        return [self._state().funded[k] for k in sorted(self._state().funded)]

    def declare(self, finess: str, note: str, at: datetime) -> None:
        self._state().funded[finess] = FundedDeclaration(finess, note, at)

    def withdraw(self, finess: str) -> bool:
        return self._state().funded.pop(finess, None) is not None


class FakeUnitOfWork:
    """``with uow:`` works on a copy; ``commit()`` keeps it; anything else leaves no trace."""

    def __init__(self) -> None:
        self._committed = _State()
        self._working: _State | None = None
        self.commits = 0
        self.dossiers = FakeDossierRepository(self._current)
        self.register = FakeRegisterRepository(self._current)
        self.funded_partners = FakeFundedPartnerRepository(self._current)

    def _current(self) -> _State:
        if self._working is None:
            raise RuntimeError("repository used outside `with uow:`")
        return self._working

    def __enter__(self) -> Self:
        self._working = self._committed.copy()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._working = None

    def commit(self) -> None:
        self._committed = self._current().copy()
        self.commits += 1

    def rollback(self) -> None:
        self._working = self._committed.copy()

    def backup(self, reason: str) -> Path | None:
        self._committed.backups.append(reason)
        return None

    @property
    def backups_taken(self) -> list[str]:
        return list(self._committed.backups)

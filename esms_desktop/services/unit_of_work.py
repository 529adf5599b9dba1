"""What services need from storage, as protocols: a unit of work and its repositories.

Services are written against these, not against SQLAlchemy: the real implementation is
:class:`esms_desktop.storage.unit_of_work.SqlAlchemyUnitOfWork` (obtained from ``store.uow()``), and
a test may pass any object of the same shape. The pattern is cosmicpython's: ``with uow:`` opens a
transaction, ``uow.commit()`` keeps it, leaving the block without committing rolls it back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.finess_register import (
    EntrySink,
    RegisterEntry,
    RegisterImport,
    RegisterLegalEntity,
)
from esms_desktop.domain.home_summary import DossierHead, HomeSummary
from esms_desktop.storage.records import AnnexFileInfo, ChangeLogEntry, FundedDeclaration

if TYPE_CHECKING:  # a plain record, named here only for type checkers (no SQLAlchemy at run time)
    from esms_desktop.storage.register_repository import RegisterInfo


class DossierRepository(Protocol):
    """Dossiers as domain values; raises ``NotFoundError`` for a missing dossier or row."""

    def add(self, dossier: Dossier) -> int: ...

    def get(self, dossier_id: int) -> Dossier: ...

    def list_all(self) -> list[Dossier]: ...

    def exists(self, dossier_id: int) -> bool: ...

    def list_heads(self) -> list[DossierHead]: ...

    def store_summary(self, dossier_id: int, updated: Any, summary: HomeSummary) -> bool: ...

    def store_snapshot(self, dossier_id: int, payload: bytes) -> None: ...

    def has_snapshot(self, dossier_id: int) -> bool: ...

    def current(self, before: Dossier) -> Dossier: ...

    def save(self, before: Dossier, after: Dossier) -> None: ...

    def replace(self, dossier: Dossier) -> None: ...

    def delete(self, dossier_id: int) -> None: ...

    def attach_file(
        self, dossier_id: int, annex_key: str, name: str, data: bytes, added: datetime
    ) -> AnnexFileInfo: ...

    def files(self, dossier_id: int) -> list[AnnexFileInfo]: ...

    def file_data(self, dossier_id: int, annex_key: str) -> tuple[AnnexFileInfo, bytes]: ...

    def detach_file(self, dossier_id: int, annex_key: str) -> AnnexFileInfo | None: ...

    def copy_files(self, source_id: int, target_id: int) -> None: ...

    def log(self, dossier_id: int, action: str, summary: str, at: datetime) -> None: ...

    def history(self, dossier_id: int, limit: int | None = None) -> list[ChangeLogEntry]: ...


class RegisterRepository(Protocol):
    """The offline FINESS look-up table (a loaded register file, replaced as a whole)."""

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
    ) -> int: ...

    def replace_streamed(
        self,
        fill: Callable[[EntrySink], RegisterImport],
        *,
        loaded_at: datetime,
        source_path: str = "",
    ) -> RegisterImport: ...

    def info(self) -> RegisterInfo | None: ...

    def count(self) -> int: ...

    def get(self, finess: str) -> RegisterEntry | None: ...

    def by_ej(self, finess_ej: str, *, include_closed: bool = False) -> list[RegisterEntry]: ...

    def search(self, text: str, limit: int) -> list[RegisterEntry]: ...

    def legal_entity(self, finess_ej: str) -> RegisterLegalEntity | None: ...

    def legal_entities(self, ejs: Collection[str]) -> dict[str, RegisterLegalEntity]: ...

    def open_in_departments(self, departments: Collection[str]) -> list[RegisterEntry]: ...

    def essms_count_by_ej(self, ejs: Collection[str]) -> dict[str, int]: ...


class FundedPartnerRepository(Protocol):
    """The FINESS the user declared already in a funded project (no double funding): left out
    of the partner search. Kept in the data folder's database, so in its backups."""

    def all(self) -> list[FundedDeclaration]: ...

    def declare(self, finess: str, note: str, at: datetime) -> None: ...

    def withdraw(self, finess: str) -> bool: ...


class UnitOfWork(Protocol):
    """One transaction; failures surface as ``StoreError`` subclasses with French messages."""

    # Read-only in the protocol: an implementation may hold a more precise repository type.
    @property
    def dossiers(self) -> DossierRepository: ...
    @property
    def register(self) -> RegisterRepository: ...

    @property
    def funded_partners(self) -> FundedPartnerRepository: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def backup(self, reason: str) -> Path | None:
        """Back the database up before a risky operation; call outside ``with``."""
        ...

"""The services the GUI needs, over one open store: a thin facade, no rules of its own.

Every call opens its own unit of work (commit or roll back as a whole); errors are the storage
layer's French ``StoreError`` or a ``ValueError`` with a French message.

A workspace made by :meth:`Workspace.opening` has no store yet: the window shows the last
dossier from its snapshot first (:func:`quick_dossier`, no SQLAlchemy), and the store is opened
by the first call that needs it — the window's next turn of the event loop, or an edit made
before it: nothing is applied to anything but the store it opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.finess_register import RegisterEntry
from esms_desktop.domain.porteur_link import link_porteur
from esms_desktop.domain.validation import shown
from esms_desktop.importers.progress import CancelToken, ProgressFn
from esms_desktop.paths import DataPaths
from esms_desktop.services import catalog, dossiers, exchange
from esms_desktop.services.imports import UnreadableFileError, preview_file
from esms_desktop.storage.errors import StoreError
from esms_desktop.storage.quick_read import read_snapshot

if TYPE_CHECKING:  # SQLAlchemy (0.3 s) is imported when the store opens, not with this module
    from esms_desktop.services.finess_lookup import LoadResult
    from esms_desktop.storage.backups import BackupSummary
    from esms_desktop.storage.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DossierLine:
    """One line of the home list: what a director needs to recognise a dossier."""

    id: int
    name: str
    campaign_id: str
    establishment_count: int
    total: Decimal | None
    updated: datetime | None
    # The two verdicts, kept apart: None when the campaign is unknown to this version.
    eligible: bool | None = None
    complete: bool | None = None
    missing_count: int = 0
    problem_count: int = 0
    """Values no door lets in (:func:`dossiers.stored_problems`): the dossier is « à réparer »,
    with neither total nor verdicts (nothing is computed over a ``NaN``)."""
    campaign_title: str = ""
    """The campaign's title as people read it (empty: the campaign is not in this folder)."""


class Workspace:
    save_errors: tuple[type[Exception], ...] = (StoreError, UserError, OSError)

    def __init__(self, store: Store) -> None:
        self._store: Store | None = store
        self._opener: Callable[[], Store] | None = None
        self._root = store.paths.root
        self._database = store.paths.database
        # The user's campaigns are those of this data folder, for every look-up from now on.
        self.campaigns = catalog.use_data_folder(store.paths.campaigns)

    @classmethod
    def opening(cls, paths: DataPaths, opener: Callable[[], Store]) -> Workspace:
        """A workspace over the data folder ``paths`` whose store ``opener`` opens (on those
        paths) on first use."""
        workspace = cls.__new__(cls)
        workspace._store, workspace._opener, workspace._root = None, opener, paths.root
        workspace._database = paths.database
        workspace.campaigns = catalog.use_data_folder(paths.campaigns)
        return workspace

    @property
    def store(self) -> Store:
        """The open store; opened here the first time when the workspace started without it
        (its error, a French ``StoreError``, goes to the caller, and the next call tries again)."""
        if self._store is None:
            assert self._opener is not None
            self._store = self._opener()
        return self._store

    @property
    def opened(self) -> bool:
        """Whether the store is open (a workspace made by :meth:`opening` may not be yet)."""
        return self._store is not None

    @property
    def data_dir(self) -> Path:
        return self._root

    def quick_dossier(self, dossier_id: int) -> dossiers.LoadedDossier | None:
        """The dossier as its start-up snapshot holds it, read without opening the store (no
        SQLAlchemy), or ``None`` when there is no fresh one: open it through the store then."""
        data = read_snapshot(self._database, dossier_id)
        dossier = None if data is None else exchange.dossier_from_snapshot(data, dossier_id)
        if dossier is None:
            return None
        return dossiers.LoadedDossier(dossier, dossiers.stored_problems(dossier))

    def list_dossiers(self) -> list[DossierLine]:
        """The home list: each dossier with its total and verdicts as stored with it (computed
        again, and kept, only for a dossier changed since or whose campaign file changed); a
        dossier with problems is « à réparer », judged on nothing."""
        titles = {c.id: c.title for c in self.campaigns.campaigns().values()}
        listed = dossiers.listed_dossiers(
            self.store.uow(read_only=True), self.store.uow() if self._writable() else None
        )
        return [
            DossierLine(
                head.id,
                head.name if isinstance(head.name, str) else shown(head.name),
                head.campaign_id if isinstance(head.campaign_id, str) else shown(head.campaign_id),
                summary.establishment_count,
                summary.total,
                head.updated if isinstance(head.updated, datetime) else None,
                summary.eligible,
                summary.complete,
                summary.missing_count,
                summary.problem_count,
                titles.get(head.campaign_id, ""),
            )
            for head, summary in listed
        ]

    def _writable(self) -> bool:
        """Whether the list may keep the summaries it computes (not on a read-only store)."""
        return not self.store.read_only

    def create(self, name: str, campaign_id: str, source: Path | None = None) -> int:
        """Create a dossier, empty or from a file; the Porteur page gets the porteur OG's
        name, SIREN and FINESS juridique when the file names a porteur (:func:`link_porteur`)."""
        if source is not None and source.suffix.lower() == ".esms":
            new_id = exchange.import_as_new(
                self.store.uow(), source, name=name or None, campaign_id=campaign_id
            )
            self._link_porteur(new_id)
            return new_id
        grappe = None
        if source is not None:
            preview = preview_file(source)
            if preview.grappe is None:
                problems = "\n".join(preview.errors[:20])
                raise UnreadableFileError(
                    f"Le fichier « {source.name} » ne peut pas être importé tel quel :\n{problems}"
                )
            grappe = preview.grappe
        new_id = dossiers.create_dossier(self.store.uow(), name, campaign_id, grappe)
        if grappe is not None:
            self._link_porteur(new_id)
        return new_id

    def _link_porteur(self, dossier_id: int) -> None:
        dossier = self.load(dossier_id)
        linked = link_porteur(dossier)
        if linked != dossier:
            self.save(linked, before=dossier)

    def load(self, dossier_id: int) -> Dossier:
        return dossiers.load_dossier(self.store.uow(read_only=True), dossier_id)

    def open(self, dossier_id: int) -> dossiers.LoadedDossier:
        """The dossier to show, with its problems: with any, the window opens it read-only.

        Its start-up snapshot is written if it has none (the next start shows it at once)."""
        loaded = dossiers.open_dossier(self.store.uow(read_only=True), dossier_id)
        if self._writable() and not loaded.problems:
            try:
                dossiers.keep_snapshot(self.store.uow(), dossier_id, exchange.snapshot_bytes)
            except StoreError as exc:  # only the next start's speed is at stake
                log.warning("instantané du dossier %s non écrit : %s", dossier_id, exc)
        return loaded

    def save(self, dossier: Dossier, *, before: Dossier | None = None) -> Dossier:
        """Store ``dossier``; ``before``, the value last loaded or saved (the session hands it),
        lets the store write only what differs without reading the dossier. Returns what is now
        stored (the next save's ``before``).

        The start-up snapshot is not written here (encoding it costs ten times the save of one
        edit on a large dossier): the save's rows make the stored one stale (its triggers delete
        it) and :meth:`keep_snapshot` writes it again once the edits pause or the dossier closes.
        """
        return dossiers.save_dossier(self.store.uow(), dossier, before)

    def keep_snapshot(self, dossier_id: int) -> None:
        """Write the start-up snapshot of ``dossier_id`` if the saves since the last one made it
        stale; read from the stored rows, so it is what the next start would read through the
        store. Nothing to do before the store opens (nothing was saved since the snapshot shown)
        or on a read-only store; a failure only costs the next start its quick path."""
        if not self.opened or self._store is None or self._store.read_only:
            return
        try:
            dossiers.keep_snapshot(self._store.uow(), dossier_id, exchange.snapshot_bytes)
        except self.save_errors as exc:  # a dossier deleted meanwhile, a full disk…
            log.warning("instantané du dossier %s non écrit : %s", dossier_id, exc)

    def rename(self, dossier_id: int, name: str) -> None:
        dossiers.rename_dossier(self.store.uow(), dossier_id, name)

    def duplicate(self, dossier_id: int) -> int:
        return dossiers.duplicate_dossier(self.store.uow(), dossier_id)

    def delete(self, dossier_id: int) -> None:
        self.store.backup("avant-suppression", force=True)
        dossiers.delete_dossier(self.store.uow(), dossier_id)

    def campaign_choices(self) -> Sequence[tuple[str, str]]:
        return [(c.id, c.title) for c in catalog.campaigns().values()]

    def maybe_backup(self) -> None:
        self.store.maybe_backup()

    def close(self) -> None:
        self.store.close()

    # --- files attached to annexes, exchange files ------------------------------------------

    def attach(self, dossier_id: int, annex_key: str, source: Path) -> str:
        """Store ``source`` in the database for an annex; returns the file name kept."""
        try:
            data = source.read_bytes()
        except FileNotFoundError as exc:
            raise UnreadableFileError(
                f"Le fichier « {source} » est introuvable : il a été déplacé ou supprimé depuis "
                "qu'il a été choisi. Rien n'a été joint ; choisissez-le à nouveau."
            ) from exc
        except OSError as exc:
            raise UnreadableFileError(
                f"Impossible de lire le fichier « {source} » : {exc.strerror or exc}"
            ) from exc
        info = dossiers.attach_annex_file(
            self.store.uow(), dossier_id, annex_key, source.name, data
        )
        return info.name

    def detach(self, dossier_id: int, annex_key: str) -> None:
        dossiers.detach_annex_file(self.store.uow(), dossier_id, annex_key)

    def annex_file(self, dossier_id: int, annex_key: str) -> tuple[str, bytes]:
        info, data = dossiers.read_annex_file(self.store.uow(read_only=True), dossier_id, annex_key)
        return info.name, data

    def export_esms(self, dossier_id: int, path: Path) -> Path:
        return exchange.export_dossier(self.store.uow(read_only=True), dossier_id, path)

    def examine_esms(self, path: Path) -> exchange.IncomingFile:
        """An .esms file read and verified, with the dossiers of this folder that hold it."""
        return exchange.examine_incoming(self.store.uow(read_only=True), path)

    def import_esms(
        self,
        path: Path,
        *,
        as_copy: bool = False,
        name: str | None = None,
        campaign_id: str | None = None,
    ) -> int:
        """A new dossier from an .esms file (« … (copie) », a dossier of its own, with
        ``as_copy``); its Porteur page joined to its porteur OG, as :meth:`create` does."""
        new_id = exchange.import_as_new(
            self.store.uow(), path, name=name, campaign_id=campaign_id, as_copy=as_copy
        )
        self._link_porteur(new_id)
        return new_id

    def export_organisation(self, dossier_id: int, og_index: int, path: Path) -> Path:
        return exchange.export_organisation(
            self.store.uow(read_only=True), dossier_id, og_index, path
        )

    # --- backups ------------------------------------------------------------------------------

    def backups(self) -> list[tuple[Path, datetime, str]]:
        """(file, when, why) of every backup, newest first."""
        return [(b.path, b.taken, b.reason) for b in self.store.backups()]

    def restore(self, path: Path) -> None:
        """Put a backup in place (the current state is backed up first)."""
        self.store.restore(path)

    def save_backup_as(self, path: Path) -> Path:
        """A backup of every dossier, annexes included, written where the user chose."""
        return self.store.save_backup_as(path)

    def backup_file_name(self) -> str:
        """The name suggested for such a file: ``esms-desktop-sauvegarde-AAAA-MM-JJ.sqlite3``."""
        from esms_desktop.storage.backups import saved_as_name

        return saved_as_name(date.today())

    def describe_backup(self, path: Path) -> BackupSummary:
        """What a backup file holds (checked first): said to the user before restoring it."""
        return self.store.describe(path)

    # --- offline FINESS register ---------------------------------------------------------------

    def load_register(
        self, path: Path, progress: ProgressFn | None = None, cancel: CancelToken | None = None
    ) -> LoadResult:
        """Load a FINESS file into the look-up table (all or nothing)."""
        from esms_desktop.services import finess_lookup  # its readers: on first use

        return finess_lookup.load_register(self.store.uow(), path, progress, cancel)

    def rebuild_lost_register(self) -> str | None:
        """Rebuild the register from the file it came from when its own file was found missing
        or damaged at start (once); returns what to tell the user, or ``None`` (nothing to do).

        Called by every register method below, so the rebuild costs nothing at start-up and
        happens the first time the register is needed.
        """
        from esms_desktop.services import finess_lookup  # its readers: on first use

        lost, self.store.register_lost = self.store.register_lost, None
        if lost is None:
            return None
        self.register_notice = finess_lookup.rebuild_register(self.store.uow(), lost.path)
        if self.register_notice and self.on_notice is not None:
            self.on_notice(self.register_notice)
        return self.register_notice

    register_notice: str | None = None
    """The last sentence :meth:`rebuild_lost_register` returned, for the interface to show."""

    on_notice: Callable[[str], None] | None = None
    """Told each sentence the user should read that no dialog of hers asked for (the window
    shows it in its status bar): the register rebuilt behind a FINESS look-up, say."""

    def register_status(self) -> str | None:
        """« 1 508 établissements (x.csv, 23/11/2026) », or None when nothing is loaded."""
        from esms_desktop.services import finess_lookup  # its readers: on first use

        self.rebuild_lost_register()
        info = finess_lookup.status(self.store.uow(read_only=True))
        if info is None:
            return None
        return (
            f"{finess_lookup.format_count(info.count)} établissements "
            f"({info.file}, {info.loaded_at:%d/%m/%Y})"
        )

    def lookup(self, finess: str) -> RegisterEntry | None:
        """The register's entry for a FINESS, or None (unknown, invalid or nothing loaded)."""
        from esms_desktop.services import finess_lookup  # its readers: on first use

        self.rebuild_lost_register()
        try:
            return finess_lookup.lookup(self.store.uow(read_only=True), finess)
        except finess_lookup.FinessLookupError:
            return None

    def search_register(self, text: str, limit: int = 200) -> list[RegisterEntry]:
        from esms_desktop.services import finess_lookup  # its readers: on first use

        self.rebuild_lost_register()
        return finess_lookup.search(self.store.uow(read_only=True), text, limit)

    def establishments_of(self, finess_ej: str) -> list[RegisterEntry]:
        from esms_desktop.services import finess_lookup  # its readers: on first use

        self.rebuild_lost_register()
        return finess_lookup.establishments_of(self.store.uow(read_only=True), finess_ej)

    def og_name(self, finess_ej: str) -> str:
        from esms_desktop.services import finess_lookup  # its readers: on first use

        return finess_lookup.og_name(self.store.uow(read_only=True), finess_ej)

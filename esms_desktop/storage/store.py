"""Opening the user's data: one call that checks, repairs what it safely can, and migrates.

``open_store()`` is what the GUI and the CLI call. In order, it:

1. creates the data folder and its ``sauvegardes/`` and ``journaux/`` sub-folders, private to the
   user on POSIX (0700; the database 0600, see step 6): it holds the annexes (RIB, statuts…);
2. takes the single-writer lock (a second instance gets :class:`StoreLockedError`);
3. checks the folder is writable (:class:`StoreReadOnlyError` otherwise — unless the caller only
   reads, ``read_only=True``: the store never writes then, and a read-only folder is a warning);
4. removes the hidden partial copies a process killed during a backup or a restore left behind;
5. inspects the database read-only: a damaged file (bad header, truncated, ``quick_check`` failing)
   is moved aside as ``esms-desktop.corrompu-AAAAMMJJ-HHMMSS.sqlite3`` — never deleted — and
   :class:`DatabaseCorruptError` names the newest valid backup to restore; a newer or foreign
   database raises :class:`DatabaseTooNewError` and is left byte-for-byte as it was;
6. backs up, then migrates an older schema (Alembic, one transaction);
7. checks the FINESS register's own file (``repertoire-finess.sqlite3``, never in the backups): a
   missing or damaged one is replaced by an empty register (a damaged one moved aside first) and
   :attr:`Store.warning` says it must be loaded again — :attr:`Store.register_lost` names the file
   it came from, when that file still exists, for the services to rebuild it from;
8. takes the start-up backup and rotates old ones. A full disk or a read-only backups folder does
   not stop the program there: the backup is skipped and :attr:`Store.warning` says so, so that
   the user can still read and export their dossiers to another disk.

The :class:`Store` then hands out units of work, takes backups (``maybe_backup`` for the GUI's
timer) and restores one. It owns the engine; the UI never sees it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from esms_desktop.paths import DataPaths, data_paths, make_private
from esms_desktop.storage import backups as backups_mod
from esms_desktop.storage import register_file
from esms_desktop.storage.backups import BackupInfo
from esms_desktop.storage.db import (
    BEGIN_OPTION,
    BUSY_TIMEOUT_MS,
    JournalChoice,
    choose_journal,
    connect_raw,
    create_store_engine,
    execute_raw,
    inspect_file,
    lacks_room_to_open,
    read_only_params,
    sqlite_uri,
    translate_error,
)
from esms_desktop.storage.errors import (
    DatabaseCorruptError,
    DiskFullError,
    StoreError,
    StoreReadOnlyError,
)
from esms_desktop.storage.fsutil import free_name, translate_os_error
from esms_desktop.storage.lock import StoreLock
from esms_desktop.storage.migrate import check_compatible, needs_upgrade, upgrade
from esms_desktop.storage.unit_of_work import SqlAlchemyUnitOfWork

log = logging.getLogger(__name__)

DEFAULT_BACKUP_INTERVAL_S = 300.0
_SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore did: the backup put in place, and the backup of what it replaced."""

    restored_from: Path
    previous_backup: Path | None


def _ensure_folders(paths: DataPaths) -> None:
    """Create the data folder and its sub-folders, and keep them private (at creation and at each
    start: an older version, or the log set up before the store, created them 0755)."""
    for folder in (paths.root, paths.backups, paths.logs):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise translate_os_error(exc, folder, "créer le dossier") from exc
        make_private(folder)


def _make_database_private(database: Path) -> None:
    """The database and its journals 0600 on POSIX (SQLite creates them 0644)."""
    for path in (database, *(database.with_name(database.name + s) for s in _SIDECARS)):
        make_private(path)


def _remove_partial_copies(paths: DataPaths) -> None:
    """Step 4 (lock held): a kill during a backup (or a restore) leaves its temporary copy, as big
    as the database, hidden in ``sauvegardes/`` (or beside the database) forever otherwise."""
    for folder in (paths.backups, paths.root):
        for path in backups_mod.remove_partial_copies(folder):
            log.warning("copie partielle laissée par un arrêt brutal supprimée : %s", path)


def _probe_writable(paths: DataPaths) -> None:
    """Create and delete a file, open the database for writing (without writing).

    Trying is the only reliable test (ACLs, read-only media, a file marked read-only): better to
    refuse at start than to let the user type for an hour into a store that cannot save.
    """
    try:
        fd, name = tempfile.mkstemp(prefix=".esms-test-ecriture-", dir=paths.root)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        raise translate_os_error(exc, paths.root, "écrire dans le dossier de données") from exc
    try:
        with paths.database.open("r+b"):
            pass
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise translate_os_error(exc, paths.database, "modifier la base") from exc


def move_aside(database: Path, *, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its journal files) to ``…corrompu-AAAAMMJJ-HHMMSS``.

    Never overwrites: a free name is found if that second's name is taken.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = free_name(database.with_name(f"{database.stem}.corrompu-{stamp}{database.suffix}"))
    try:
        os.replace(database, target)
        for suffix in _SIDECARS:
            sidecar = database.with_name(database.name + suffix)
            if sidecar.exists():
                os.replace(sidecar, target.with_name(target.name + suffix))
    except OSError as exc:
        raise translate_os_error(exc, database, "mettre de côté la base endommagée") from exc
    return target


def _set_aside_orphan_journals(database: Path) -> None:
    """Rename ``-wal``/``-journal`` files left without their database (the file was moved or
    deleted by hand): SQLite would replay them onto the new, empty database."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for suffix in _SIDECARS:
        sidecar = database.with_name(database.name + suffix)
        if sidecar.exists():
            target = free_name(
                database.with_name(f"{database.stem}.orphelin-{stamp}{database.suffix}{suffix}")
            )
            try:
                os.replace(sidecar, target)
            except OSError as exc:
                raise translate_os_error(
                    exc, sidecar, "mettre de côté le journal orphelin"
                ) from exc
            log.warning("journal sans base mis de côté : %s", target)


def _has_dossiers(database: Path) -> bool:
    """Whether the (open, migrated) database holds at least one dossier (read without writing)."""
    try:
        with closing(connect_raw(database, read_only=True)) as conn:
            return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM dossier)").fetchone()[0])
    except sqlite3.Error as exc:
        raise translate_error(exc, database) from exc


def _prepare_database(paths: DataPaths, journal: JournalChoice, *, writable: bool = True) -> None:
    """Steps 5 and 6 of the module docstring (lock held, no connection open).

    Not ``writable`` (a read-only folder opened for reading), a database that would have to be
    created or migrated is refused: nothing can be written there.
    """
    database = paths.database
    state = inspect_file(database)
    damaged = state.status == "corrupt" or (
        state.status == "empty" and backups_mod.has_backups(paths.backups)
    )
    if damaged:
        problem = state.problem or "fichier vide"
        moved = move_aside(database) if writable else None
        candidate = backups_mod.newest_valid_backup(paths.backups)
        log.error("base endommagée (%s) mise de côté : %s", problem, moved)
        offer = (
            f"La sauvegarde la plus récente est « {candidate} » : restaurez-la pour retrouver "
            "vos dossiers."
            if candidate is not None
            else "Aucune sauvegarde utilisable n'a été trouvée."
        )
        where = (
            f"Elle a été mise de côté sous « {moved.name} » (rien n'a été supprimé)."
            if moved is not None
            else "Le dossier étant en lecture seule, elle a été laissée telle quelle."
        )
        raise DatabaseCorruptError(
            f"La base « {database} » est endommagée ({problem}). {where} {offer}",
            path=database,
            moved_to=moved,
            backup=candidate,
        )
    if not writable:
        check_compatible(state, database)
        if state.status != "ok" or needs_upgrade(state):
            raise StoreReadOnlyError(
                f"Le dossier de données « {paths.root} » est en lecture seule et la base "
                f"« {database} » "
                + (
                    "n'y existe pas encore"
                    if state.status in ("absent", "empty")
                    else "doit être mise à jour pour cette version d'esms-desktop"
                )
                + " : rien ne peut y être lu. Rendez le dossier inscriptible, ou copiez-le sur "
                "un disque où vous pouvez écrire.",
                path=database,
            )
        return
    if state.status == "absent":
        _set_aside_orphan_journals(database)
    check_compatible(state, database)
    if needs_upgrade(state):
        if state.status == "ok" and state.has_schema:
            saved = backups_mod.backup_database(database, paths.backups, "avant-migration")
            log.info("sauvegarde avant migration : %s", saved)
        upgrade(database, journal_mode=journal.mode)


class Store:
    """The open data folder: units of work, backups, restore. Close it (or use ``with``).

    ``read_only``: opened by a command that only reads (every write fails with
    :class:`StoreReadOnlyError`), which works in a read-only folder and on a full disk too.
    ``startup_backup``: the backup :func:`open_store` took, which holds exactly the data found at
    start — ``restore()`` without a file never picks it.
    """

    def __init__(
        self,
        paths: DataPaths,
        lock: StoreLock,
        journal: JournalChoice,
        *,
        max_page_count: int | None = None,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        read_only: bool = False,
    ) -> None:
        self.paths = paths
        self.journal = journal
        self.read_only = read_only
        self.startup_backup: Path | None = None
        self._notices: list[str] = []
        self._lock = lock
        self._max_page_count = max_page_count
        self._busy_timeout_ms = busy_timeout_ms
        self._mutex = threading.RLock()
        self._changes = 0
        self._last_backup = time.monotonic()
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._read_sessions: sessionmaker[Session] | None = None
        self.register_file = register_file.register_path(paths.database)
        self.register_lost: register_file.LoadedFrom | None = None
        """The file a lost register was loaded from (it still exists): rebuild it from there."""
        self._connect()

    def _connect(self) -> None:
        engine = create_store_engine(
            self.paths.database,
            journal_mode=self.journal.mode,
            max_page_count=self._max_page_count,
            busy_timeout_ms=self._busy_timeout_ms,
            read_only=self.read_only,
            attach=self._attach_register,
        )
        self._engine = engine
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            bind=engine.execution_options(**{BEGIN_OPTION: "DEFERRED"}), expire_on_commit=False
        )

    def _attach_register(self, conn: sqlite3.Connection) -> None:
        """Attach the register file to a new connection (read-only when the store is)."""
        path = self.register_file
        uri = None
        if self.read_only and path.is_file():
            uri = sqlite_uri(path, **read_only_params(path))
        register_file.attach(conn, path, uri=uri)

    def _disconnect(self) -> None:
        engine, self._engine = self._engine, None
        self._sessions = self._read_sessions = None
        if engine is not None:
            engine.dispose()

    def _read_only_if_no_room(self) -> None:
        """On a disk full to the last byte SQLite cannot even create its ``-shm`` file to open
        the database for writing: open it read-only then, so that it can still be read."""
        if self.read_only or not lacks_room_to_open(self.paths.database):
            return
        self._disconnect()
        self.read_only = True
        self._connect()
        self._notice(
            f"Le disque de « {self.paths.root} » est plein : les données sont ouvertes en lecture "
            "seule. Vos dossiers peuvent être consultés et exportés (vers un autre disque) ; "
            "libérez de la place puis rouvrez esms-desktop pour les modifier."
        )

    @property
    def warning(self) -> str | None:
        """A French warning to show once (data in a OneDrive folder, start-up backup skipped…),
        else ``None``."""
        found = [w for w in (self.journal.warning, *self._notices) if w]
        return "\n\n".join(found) if found else None

    @property
    def notices(self) -> tuple[str, ...]:
        """The warnings of this opening besides the journal's (start-up backup skipped…)."""
        return tuple(self._notices)

    def _notice(self, text: str) -> None:
        self._notices.append(text)
        log.warning("%s", text)

    @property
    def closed(self) -> bool:
        return self._engine is None

    def uow(self, *, read_only: bool = False) -> SqlAlchemyUnitOfWork:
        """A new unit of work; ``read_only`` uses a deferred BEGIN (no write lock taken)."""
        factory = self._read_sessions if read_only else self._sessions
        if factory is None:
            raise StoreError("Les données ont été fermées : rouvrez esms-desktop.")
        return SqlAlchemyUnitOfWork(
            factory,
            self.paths.database,
            on_commit=self._note_commit,
            backup=self._backup_hook,
            install_register=self._install_register,
        )

    def _note_commit(self) -> None:
        with self._mutex:
            self._changes += 1

    def _backup_hook(self, reason: str) -> Path | None:
        return self.backup(reason)

    # -- the FINESS register file ---------------------------------------------------------------

    def _install_register(self, built: Path, source: register_file.LoadedFrom | None) -> None:
        """Put a newly written register file in place (a load's commit).

        Every pooled connection is closed first (Windows cannot rename an open file) and reopens
        on the new file, attaching it afresh.
        """
        with self._mutex:
            self._release_connections()
            register_file.install(
                built, self.paths.database, source, release=self._release_connections
            )
            self._release_connections()  # a connection opened meanwhile holds the old file
            self.register_lost = None

    def _release_connections(self) -> None:
        """Close the pooled connections (they reopen on demand, attaching the register anew)."""
        if self._engine is not None:
            self._engine.dispose()

    def _check_register(self) -> None:
        """Step 7 of the module docstring (writable store, before any connection is used)."""
        path = self.register_file
        problem = register_file.problem(path)
        if problem is None:
            return
        note = register_file.read_source_note(self.paths.database)
        if problem == "absent":
            if note is None:  # never loaded: an empty register, nothing to say
                register_file.create_empty(self.paths.database)
                return
            what = f"Le répertoire FINESS « {path} » est introuvable"
        else:
            moved = move_aside(path)
            what = (
                f"Le répertoire FINESS « {path} » était endommagé ({problem}) ; il a été mis "
                f"de côté sous « {moved.name} »"
            )
            log.error("répertoire FINESS endommagé (%s) mis de côté : %s", problem, moved)
        register_file.create_empty(self.paths.database)
        if note is not None and Path(note.path).is_file():
            self.register_lost = note
            then = (
                f"il doit être rechargé : il sera reconstruit depuis « {note.path} » à sa "
                "prochaine utilisation."
            )
        else:
            gone = f" (« {note.path} », dont il venait, est introuvable)" if note else ""
            then = (
                "il doit être rechargé : importez de nouveau un fichier du répertoire "
                f"FINESS{gone}."
            )
        self._notice(f"{what} : {then} Vos dossiers ne sont pas touchés.")

    # -- backups --------------------------------------------------------------------------------

    def backup(self, reason: str = "manuelle", *, force: bool = False) -> Path | None:
        """Snapshot the database into ``sauvegardes/`` and rotate; returns the file.

        A database without any dossier is not backed up (``None``) unless ``force``: after a
        corrupt file was set aside, an empty backup must not become "the latest" one.
        """
        return self._backup(reason, force=force, rotate=True)

    def _backup(self, reason: str, *, force: bool, rotate: bool) -> Path | None:
        with self._mutex:
            if not force and not _has_dossiers(self.paths.database):
                return None
            try:
                path = backups_mod.backup_database(self.paths.database, self.paths.backups, reason)
            except DiskFullError:
                # Rotation deletes what the policy no longer keeps: maybe room for this copy.
                if not rotate or not self._rotate():
                    raise
                path = backups_mod.backup_database(self.paths.database, self.paths.backups, reason)
            self._changes = 0
            self._last_backup = time.monotonic()
            if rotate:
                self._rotate()
            return path

    def _rotate(self) -> list[Path]:
        """Rotate the backups; returns what was deleted (nothing if rotation failed)."""
        try:
            return backups_mod.rotate(self.paths.backups)
        except (OSError, StoreError) as exc:  # pragma: no cover - rotation is housekeeping
            log.warning("rotation des sauvegardes impossible : %s", exc)
            return []

    def _startup_backup(self) -> None:
        """The start-up backup, or a warning saying why there is none this time.

        Taken before anything is changed, it must not keep the user from their data: on a full
        disk or a read-only backups folder, reading and exporting (to another disk) still work.
        """
        try:
            self.startup_backup = self.backup("demarrage")
        except DiskFullError:
            self._notice(
                f"Le disque de « {self.paths.backups} » est plein : la sauvegarde de démarrage "
                "n'a pas été faite. Vos dossiers peuvent être consultés et exportés (vers un autre "
                "disque) ; libérez de la place pour que les sauvegardes reprennent."
            )
        except StoreReadOnlyError as exc:
            self._notice(
                f"La sauvegarde de démarrage n'a pas été faite : {exc.message} Vos dossiers "
                "peuvent être consultés et exportés (vers un autre dossier)."
            )

    def maybe_backup(self, min_interval_s: float = DEFAULT_BACKUP_INTERVAL_S) -> Path | None:
        """Back up if something was committed and the last backup is ``min_interval_s`` old.

        Meant for the GUI's timer (every minute or so): cheap when nothing changed.
        """
        with self._mutex:
            if self._changes == 0:
                return None
            if time.monotonic() - self._last_backup < min_interval_s:
                return None
            return self.backup("auto")

    def backups(self) -> list[BackupInfo]:
        """Existing backups, newest first."""
        return backups_mod.list_backups(self.paths.backups)

    def latest_backup(self) -> Path | None:
        """The newest backup that passes ``quick_check`` (what ``restore --latest`` restores),
        never this opening's start-up backup: it holds the very data a restore means to replace.
        """
        skip = () if self.startup_backup is None else (self.startup_backup,)
        return backups_mod.newest_valid_backup(self.paths.backups, skip=skip)

    def save_backup_as(self, target: Path) -> Path:
        """Write a backup of the whole data (annexes included) at ``target``, chosen by the user.

        Refused when ``target`` is the database itself or one of its journal files (replacing the
        live file would lose the data being copied). An empty database is saved too: the user
        asked for this file, and restoring it is refused only if it is damaged.
        """
        target = Path(target)
        database = self.paths.database
        with self._mutex:
            names = {n.casefold() for n in (database.name, *(database.name + s for s in _SIDECARS))}
            try:  # casefold: Windows names ignore case
                same_folder = target.parent.resolve() == database.parent.resolve()
            except OSError:
                same_folder = False
            clash = same_folder and target.name.casefold() in names
            if clash:
                raise StoreError(
                    f"« {target} » est la base de données elle-même : choisissez un autre "
                    "emplacement (clé USB, dossier Documents).",
                    path=target,
                )
            return backups_mod.save_backup_as(database, target, self.paths.backups)

    def describe(self, backup: Path) -> backups_mod.BackupSummary:
        """When ``backup`` was taken and what it holds, to tell the user before restoring it."""
        return backups_mod.describe_backup(Path(backup))

    def restore(self, source: Path | None = None) -> RestoreResult:
        """Put a backup in place of the current database (``None``: the latest valid one).

        The backup is checked (``integrity_check``, version) first; the current database is
        backed up (``avant-restauration``) before being replaced; an older backup is migrated.
        """
        with self._mutex:
            if self.read_only:  # pragma: no cover - the commands that restore open for writing
                raise StoreReadOnlyError(
                    f"Les données de « {self.paths.root} » ont été ouvertes en lecture seule : "
                    "aucune sauvegarde n'a été restaurée.",
                    path=self.paths.database,
                )
            chosen = source if source is not None else self.latest_backup()
            if chosen is None:
                raise StoreError(
                    f"Aucune sauvegarde utilisable dans « {self.paths.backups} » : "
                    "rien n'a été restauré."
                )
            chosen = Path(chosen)
            state = backups_mod.check_backup(chosen)
            check_compatible(state, chosen)
            # No rotation yet: it could delete the (old) backup we are about to restore.
            previous = self._backup("avant-restauration", force=False, rotate=False)
            self._disconnect()
            try:
                database = self.paths.database
                current = inspect_file(database)
                if current.status == "ok":
                    # No -wal may survive beside the restored file: SQLite would replay it on it.
                    execute_raw(
                        database, "PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA journal_mode=DELETE"
                    )
                elif current.status in ("corrupt", "empty"):
                    move_aside(database)
                leftovers = [s for s in _SIDECARS if database.with_name(database.name + s).exists()]
                if leftovers and database.exists():
                    raise StoreError(
                        f"La base « {database} » est encore utilisée (fichiers "
                        f"{', '.join(leftovers)}) : restauration annulée, rien n'a changé.",
                        path=database,
                    )
                backups_mod.copy_database(chosen, database, source_label=chosen)
                _prepare_database(self.paths, self.journal)
            finally:
                self._connect()
            self._changes = 0
            self._rotate()
            log.info("sauvegarde restaurée : %s (précédente : %s)", chosen, previous)
            return RestoreResult(chosen, previous)

    def diagnostics(self) -> dict[str, object]:
        """The connection settings actually in force (for an "about" screen and the tests)."""
        if self._engine is None:
            raise StoreError("Les données ont été fermées : rouvrez esms-desktop.")
        names = (
            "journal_mode",
            "synchronous",
            "foreign_keys",
            "busy_timeout",
            "application_id",
            "user_version",
            "page_count",
            "page_size",
            "max_page_count",
        )
        try:
            with self._engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert raw is not None
                values: dict[str, object] = {
                    name: raw.execute(f"PRAGMA {name}").fetchone()[0] for name in names
                }
        except (sa_exc.SQLAlchemyError, sqlite3.Error) as exc:
            raise translate_error(exc, self.paths.database) from exc
        values["database"] = str(self.paths.database)
        return values

    # -- lifetime -------------------------------------------------------------------------------

    def close(self) -> None:
        """Close every connection (SQLite checkpoints the WAL) and release the lock."""
        with self._mutex:
            self._disconnect()
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _writable(paths: DataPaths, lock: StoreLock, *, read_only: bool) -> bool:
    """Steps 2 and 3: take the lock and probe the folder; whether the store may write.

    A caller that only reads (``read_only``) gets ``False`` where a writer gets
    :class:`StoreReadOnlyError`; it then goes on without the lock, which nobody can use to write
    in that folder anyway. A lock that cannot be written in a folder that *can* be is still an
    error: two writers must never share a folder.
    """
    try:
        lock.acquire()
    except StoreReadOnlyError:
        if not read_only:
            raise
        try:
            _probe_writable(paths)
        except StoreReadOnlyError:
            return False
        raise
    try:
        _probe_writable(paths)
    except StoreReadOnlyError:
        if not read_only:
            lock.release()
            raise
        return False
    except BaseException:
        lock.release()
        raise
    return True


def open_store(
    data_dir: Path | None = None,
    *,
    program_dir: Path | None = None,
    backup_on_open: bool = True,
    max_page_count: int | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    read_only: bool = False,
    lock: StoreLock | None = None,
) -> Store:
    """Open (creating if needed) the data folder; see the module docstring for every step.

    Args:
        data_dir: explicit folder (CLI ``--data-dir``); else portable mode, else the user folder.
        program_dir: where to look for the portable marker (tests); the program's folder if None.
        backup_on_open: take the start-up backup (tests switch it off to count backups).
        max_page_count: cap the database size in pages (tests simulate a full disk with it).
        busy_timeout_ms: wait for another program's lock this long (tests shorten it).
        read_only: the caller only reads (list, export, print): the store never writes, and a
            folder that cannot be written is opened with a warning instead of being refused.
        lock: the folder's lock, already taken by the window's quick start (on ``paths.lock``);
            released, as one taken here, when the store closes or fails to open.

    Raises:
        StoreLockedError, StoreReadOnlyError, DatabaseCorruptError, DatabaseTooNewError,
        DiskFullError, StoreBusyError, StoreError: each with a French ``message``.
    """
    paths = data_paths(data_dir, program=program_dir)
    _ensure_folders(paths)
    lock = lock if lock is not None and lock.path == paths.lock else StoreLock(paths.lock)
    writable = _writable(paths, lock, read_only=read_only)
    try:
        if writable:
            _remove_partial_copies(paths)
        journal = choose_journal(paths.database)
        if journal.warning:
            log.warning("%s", journal.warning)
        _prepare_database(paths, journal, writable=writable)
        _make_database_private(paths.database)
        store = Store(
            paths,
            lock,
            journal,
            max_page_count=max_page_count,
            busy_timeout_ms=busy_timeout_ms,
            read_only=read_only or not writable,
        )
    except BaseException:
        lock.release()
        raise
    if writable and not read_only:
        try:
            store._check_register()
        except StoreError as exc:  # the dossiers open all the same; the register is empty
            store._notice(f"Le répertoire FINESS n'a pas pu être préparé : {exc.message}")
        except BaseException:
            store.close()
            raise
    if not writable:  # said first: it explains the rest
        store._notice(
            f"Le dossier de données « {paths.root} » est en lecture seule : vos dossiers peuvent "
            "être consultés et exportés (vers un autre dossier), mais rien ne peut y être "
            "enregistré, ni sauvegardé."
        )
    try:
        if writable and backup_on_open:
            store._startup_backup()  # first: its rotation may free the room needed below
        if writable:
            store._read_only_if_no_room()
    except BaseException:
        store.close()
        raise
    return store


__all__ = ["RestoreResult", "Store", "open_store"]

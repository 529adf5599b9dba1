"""SQLite connections: pragmas, transactions, file inspection and error translation.

Why each setting:

* ``journal_mode=WAL`` + ``synchronous=FULL`` on a local disk: a commit is on disk when it returns
  (a laptop may lose power), and readers never block the writer. On a network share or a folder
  synchronised by OneDrive/Dropbox…, WAL's shared memory does not work, so the classic rollback
  journal (``DELETE``) is used and the user is warned.
* ``foreign_keys=ON``: deleting a dossier removes its rows, never leaves orphans.
* ``busy_timeout``: another program (antivirus, backup tool) holding the file briefly is waited for.
* ``BEGIN IMMEDIATE`` for writes (SQLAlchemy's documented pysqlite recipe: the driver's own BEGIN
  is disabled and ours is emitted in the ``begin`` event), so a write transaction takes the write
  lock up front instead of failing half-way; read-only units of work use a deferred ``BEGIN``.
* ``application_id`` and ``user_version`` mark the file as ours and say which schema it has, so a
  newer program's file or somebody else's database is recognised before we touch it.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from esms_desktop.paths import risky_location_reason
from esms_desktop.storage.errors import (
    DatabaseCorruptError,
    DiskFullError,
    StoreBusyError,
    StoreError,
    StoreReadOnlyError,
)
from esms_desktop.storage.fsutil import translate_os_error

if TYPE_CHECKING:  # SQLAlchemy is imported by the engine's creation only: the start-up's quick
    # read (storage/quick_read.py) and the inspection of files use the plain sqlite3 helpers here
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection
    from sqlalchemy.pool import ConnectionPoolEntry

log = logging.getLogger(__name__)

APPLICATION_ID = 0x45534D53
"""``PRAGMA application_id`` of our files: the ASCII bytes "ESMS"."""
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_HEADER_SIZE = 100
BEGIN_OPTION = "esms_begin"
"""Execution option read by the ``begin`` event: ``"IMMEDIATE"`` (default) or ``"DEFERRED"``."""

_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


@dataclass(frozen=True, slots=True)
class JournalChoice:
    """The journal mode chosen for a database folder, and the French warning that goes with it."""

    mode: str
    warning: str | None = None


def choose_journal(database: Path) -> JournalChoice:
    """WAL on a local disk; rollback journal (with a warning) on a network or synced folder."""
    reason = risky_location_reason(database.parent)
    if reason is None:
        return JournalChoice("WAL")
    return JournalChoice(
        "DELETE",
        f"Les données sont dans un dossier {reason} (« {database.parent} »). esms-desktop y "
        "fonctionne en mode prudent, mais une synchronisation pendant l'enregistrement peut "
        "abîmer la base : préférez un dossier local et exportez vos dossiers pour les partager.",
    )


def sqlite_uri(database: Path, **params: str) -> str:
    """A ``file:`` URI SQLite accepts for any path, including Windows drive and UNC paths.

    ``Path.as_uri()`` writes a UNC path as ``file://serveur/partage``, whose "authority" SQLite
    refuses; four slashes (``file:////serveur/partage``) keep it a path.
    """
    text = str(database.absolute()).replace("\\", "/")
    if not text.startswith("/"):
        text = "/" + text  # C:/… → /C:/…
    uri = "file://" + quote(text, safe="/:")
    if params:
        uri += "?" + "&".join(f"{k}={quote(v)}" for k, v in params.items())
    return uri


def _journal_holds_changes(database: Path) -> bool:
    """Whether a ``-wal`` or ``-journal`` beside ``database`` holds anything (or is unreadable)."""
    for suffix in ("-wal", "-journal"):
        try:
            if database.with_name(database.name + suffix).stat().st_size > 0:
                return True
        except FileNotFoundError:
            continue
        except OSError:
            return True
    return False


def read_only_params(database: Path) -> dict[str, str]:
    """The URI parameters that read ``database`` without writing anything, even in a folder the
    user may not write to (a read-only medium or share, a folder without write permission) or on
    a disk without a byte left.

    ``mode=ro`` is enough wherever SQLite can create the WAL's ``-shm`` file (32 KB). In a
    read-only folder it cannot (``CANTOPEN``), on a full disk it cannot size it (``IOERR``,
    ``FULL``); ``immutable=1`` (no locks, no shared memory) then reads the file as it is, which is
    exact only when no journal beside it holds changes: with one, ``mode=ro`` is kept and the
    caller meets SQLite's error. The store's single-writer lock (or a folder nobody can write to)
    guarantees that no one changes the file meanwhile.
    """
    params = {"mode": "ro"}
    try:
        with closing(sqlite3.connect(sqlite_uri(database, **params), uri=True)) as probe:
            probe.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error as exc:
        if (
            _sqlite_code(exc) in (_SQLITE_CANTOPEN, _SQLITE_IOERR, _SQLITE_FULL)
            and database.is_file()
            and not _journal_holds_changes(database)
        ):
            return {**params, "immutable": "1"}
    return params


def lacks_room_to_open(database: Path) -> bool:
    """Whether SQLite cannot open ``database`` for writing because the disk has no room left for
    the files it creates beside it (the WAL's ``-shm``): reading it read-only still works."""
    try:
        with closing(sqlite3.connect(database, isolation_level=None)) as conn:
            conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error as exc:
        return _sqlite_code(exc) in (_SQLITE_IOERR, _SQLITE_FULL)
    return False


def connect_raw(database: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection with the busy timeout (inspection, backups, restores).

    ``read_only`` opens with ``mode=ro``: SQLite then never writes the main file, which is how a
    newer program's database is inspected and left byte-for-byte untouched (and how a database in
    a read-only folder is read, see :func:`read_only_params`).
    """
    if read_only:
        uri = sqlite_uri(database, **read_only_params(database))
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    else:
        conn = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def create_store_engine(
    database: Path,
    *,
    journal_mode: str = "WAL",
    foreign_keys: bool = True,
    max_page_count: int | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    read_only: bool = False,
    attach: Callable[[sqlite3.Connection], None] | None = None,
) -> Engine:
    """The SQLAlchemy engine of the store, every connection configured as described above.

    Args:
        database: the SQLite file.
        journal_mode: ``"WAL"`` or ``"DELETE"`` (see :func:`choose_journal`).
        foreign_keys: off only for migrations, which recreate tables (batch mode) and would
            otherwise cascade deletes into child tables.
        max_page_count: a cap on the database size in pages; tests use it to simulate a full disk.
        busy_timeout_ms: how long to wait for another program's lock before giving up.
        read_only: open without ever writing (a command that only reads, a data folder the
            user may not write to, a full disk: see :func:`read_only_params`); the journal mode
            is then the file's own.
        attach: run on every new connection once configured: the store attaches the FINESS
            register file there (see :mod:`esms_desktop.storage.register_file`).
    """
    from sqlalchemy import URL, create_engine, event

    if read_only:
        url = URL.create(
            "sqlite+pysqlite",
            database=sqlite_uri(database),
            query={"uri": "true", **read_only_params(database)},
        )
    else:
        url = URL.create("sqlite+pysqlite", database=str(database))
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        # Disable the driver's own BEGIN handling: ours is emitted in the "begin" event below.
        dbapi_connection.isolation_level = None
        with closing(dbapi_connection.cursor()) as cursor:
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            if not read_only:  # changing it would write the file
                cursor.execute(f"PRAGMA journal_mode={journal_mode}")
                row = cursor.fetchone()
                if row is not None and str(row[0]).upper() != journal_mode.upper():
                    log.warning(
                        "journal_mode %s refusé pour %s (reste %s)", journal_mode, database, row
                    )
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            if max_page_count is not None:
                cursor.execute(f"PRAGMA max_page_count={int(max_page_count)}")
        if attach is not None:
            attach(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(BEGIN_OPTION, "IMMEDIATE")
        conn.exec_driver_sql("BEGIN DEFERRED" if mode == "DEFERRED" else "BEGIN IMMEDIATE")

    return engine


def _sqlite_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _is_dbapi_error(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLAlchemy's ``DBAPIError`` (none can be without SQLAlchemy loaded)."""
    sa_exc = sys.modules.get("sqlalchemy.exc")
    return sa_exc is not None and isinstance(exc, sa_exc.DBAPIError)


def translate_error(exc: BaseException, database: Path) -> StoreError:
    """The typed French :class:`StoreError` for any SQLite, SQLAlchemy or OS failure."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        return translate_os_error(exc, database, "enregistrer dans")
    original: BaseException = exc
    orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
    if isinstance(orig, BaseException) and _is_dbapi_error(exc):
        original = orig
    code = _sqlite_code(original)
    text = str(original).lower()
    folder = database.parent
    if code == _SQLITE_FULL or "database or disk is full" in text:
        return DiskFullError(
            "Le disque est plein (ou la base a atteint sa taille maximale) : impossible "
            f"d'enregistrer dans « {database} ». La dernière modification n'a pas été "
            "enregistrée ; les données déjà enregistrées sont intactes. Libérez de la place "
            "puis recommencez.",
            path=database,
        )
    if code in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly database" in text:
        return StoreReadOnlyError(
            f"La base « {database} » ne peut pas être modifiée : le dossier « {folder} » ou le "
            "fichier est en lecture seule. La dernière modification n'a pas été enregistrée ; les "
            "données déjà enregistrées sont intactes. Vérifiez les droits ou choisissez un autre "
            "dossier de données.",
            path=database,
        )
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return StoreBusyError(
            f"La base « {database} » est occupée par un autre programme (sauvegarde, antivirus, "
            f"synchronisation ?) depuis plus de {BUSY_TIMEOUT_MS // 1000} secondes. "
            "Rien n'a été perdu : réessayez dans un instant.",
            path=database,
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return DatabaseCorruptError(
            f"La base « {database} » est endommagée. Fermez esms-desktop et rouvrez-le : la base "
            "sera mise de côté et la dernière sauvegarde vous sera proposée.",
            path=database,
        )
    if code == _SQLITE_CANTOPEN:
        return StoreReadOnlyError(
            f"Impossible d'ouvrir la base « {database} » : le dossier « {folder} » est "
            "inaccessible ou en lecture seule.",
            path=database,
        )
    if code == _SQLITE_IOERR:
        return StoreError(
            f"Erreur d'écriture sur le disque pour la base « {database} » ({original}). La "
            "dernière modification n'a pas été enregistrée ; vérifiez le disque ou la clé USB.",
            path=database,
        )
    return StoreError(
        f"Erreur inattendue de la base « {database} » : {original}.",
        path=database,
    )


@dataclass(frozen=True, slots=True)
class FileState:
    """What the database file is, read without modifying it.

    ``status`` is ``"absent"`` (no file), ``"empty"`` (zero bytes), ``"ok"`` (a readable SQLite
    database, maybe without tables) or ``"corrupt"`` (``problem`` says why, in French).
    """

    status: str
    application_id: int = 0
    user_version: int = 0
    revision: str | None = None
    tables: frozenset[str] = frozenset()
    problem: str = ""

    @property
    def has_schema(self) -> bool:
        return bool(self.tables)


def _read_state(conn: sqlite3.Connection, *, full_check: bool) -> FileState:
    check = "integrity_check" if full_check else "quick_check"
    rows = conn.execute(f"PRAGMA {check}").fetchall()
    if [tuple(r) for r in rows] != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:3])
        return FileState("corrupt", problem=f"contrôle d'intégrité en échec : {detail}")
    application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    tables = frozenset(
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    )
    revision = None
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = None if row is None else str(row[0])
    return FileState("ok", application_id, user_version, revision, tables)


def inspect_file(database: Path, *, full_check: bool = False) -> FileState:
    """Check ``database``'s header and run ``quick_check`` (or ``integrity_check``), read-only.

    A leftover rollback journal from a crash cannot be replayed read-only; only then is the file
    opened read-write, which lets SQLite finish its own crash recovery.
    """
    try:
        size = database.stat().st_size
    except FileNotFoundError:
        return FileState("absent")
    except OSError as exc:
        raise translate_os_error(exc, database, "lire") from exc
    if size == 0:
        return FileState("empty")
    try:
        with database.open("rb") as stream:
            header = stream.read(SQLITE_HEADER_SIZE)
    except OSError as exc:
        raise translate_os_error(exc, database, "lire") from exc
    if len(header) < SQLITE_HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return FileState("corrupt", problem="ce n'est pas une base SQLite (en-tête invalide)")
    for read_only in (True, False):
        try:
            with closing(connect_raw(database, read_only=read_only)) as conn:
                return _read_state(conn, full_check=full_check)
        except sqlite3.DatabaseError as exc:
            code = _sqlite_code(exc)
            if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
                return FileState("corrupt", problem=f"base illisible ({exc})")
            if read_only and code in (_SQLITE_READONLY, _SQLITE_CANTOPEN):
                continue
            raise translate_error(exc, database) from exc
    raise AssertionError("unreachable")  # pragma: no cover


def execute_raw(database: Path, *statements: str) -> list[Any]:
    """Run a few statements on a short-lived connection; returns the last one's rows."""
    rows: list[Any] = []
    try:
        with closing(connect_raw(database)) as conn:
            for statement in statements:
                rows = conn.execute(statement).fetchall()
    except sqlite3.Error as exc:
        raise translate_error(exc, database) from exc
    return rows

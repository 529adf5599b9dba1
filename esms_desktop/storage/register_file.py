"""The FINESS register's own SQLite file, beside the dossier database but never in its backups.

The register is a copy of a public file (35 MiB for the national extract), not the user's work:
kept in the dossier database, every backup copied it (+35 MiB a day). It lives in
``repertoire-finess.sqlite3`` in the data folder instead, attached to every connection of the store
as the schema ``finess`` (read through the same session as the dossiers), and is rebuilt from its
source file when lost (``repertoire-finess.source.json`` remembers which file that was).

A load never edits the file in place: a new file is written beside it (no journal, no sync:
nothing is lost if it is cut half-way, the previous file is still there), indexed after the bulk
insert, synced once, then renamed over the old one — all or nothing, and as fast as SQLite writes
(16 KiB pages, three indexes: the ones look-ups and the partner search use).

Besides the establishments (with their phone and place since version 2) the file holds the legal
entities a source describes (``repertoire_finess_ej``, written once at the end of a load). A file
of another layout version (:data:`REGISTER_VERSION`) is refused by :func:`problem`, so the store
sets it aside and rebuilds it from its source file at first use, as it does for a lost one.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from esms_desktop.storage.db import SQLITE_MAGIC, sqlite_uri, translate_error
from esms_desktop.storage.errors import StoreError
from esms_desktop.storage.fsutil import fsync_dir, temp_path_beside, translate_os_error

REGISTER_FILE_NAME = "repertoire-finess.sqlite3"
SOURCE_FILE_NAME = "repertoire-finess.source.json"
SCHEMA = "finess"
"""The name the register file is attached under on every connection of the store."""
REGISTER_APPLICATION_ID = 0x45534D46
"""``PRAGMA application_id`` of a register file: "ESMF" (the dossier database is "ESMS")."""
REGISTER_VERSION = 2
"""``PRAGMA user_version`` of the register file's layout. A file of another version is not
read: :func:`problem` says so, and the store rebuilds it from its source file at first use.

1: establishments; 2 (issue 19): their phone and place, the legal entities' table, an index on
the department (the partner search)."""
PAGE_SIZE = 16384
ENTRY_TABLE = "repertoire_finess"
INFO_TABLE = "repertoire_finess_info"
LEGAL_TABLE = "repertoire_finess_ej"
ENTRY_COLUMNS = (
    "finess",
    "finess_ej",
    "siret",
    "name",
    "long_name",
    "category",
    "category_label",
    "legal_status_code",
    "legal_status_label",
    "address",
    "postal_code",
    "town",
    "department",
    "capacity",
    "opened",
    "closed",
    "closed_on",
    "source",
    "phone",
    "latitude",
    "longitude",
    "nom_cle",
)
LEGAL_COLUMNS = (
    "finess_ej",
    "siren",
    "name",
    "long_name",
    "legal_status_code",
    "legal_status_label",
    "address",
    "postal_code",
    "town",
    "department",
    "phone",
    "latitude",
    "longitude",
    "closed",
    "source",
)
_TYPES = {
    "capacity": "INTEGER",
    "opened": "DATE",
    "closed": "BOOLEAN",
    "closed_on": "DATE",
    "latitude": "REAL",
    "longitude": "REAL",
}
_NULLABLE = {"capacity", "opened", "closed_on", "latitude", "longitude"}
_DEFAULTS: dict[str, Any] = {"phone": "", "latitude": None, "longitude": None}
"""Values of the columns a version-1 table lacks (see :func:`rows_of`)."""


def _columns_sql(names: Iterable[str], key: str = "") -> str:
    return ", ".join(
        f"{name} {_TYPES.get(name, 'VARCHAR')}{'' if name in _NULLABLE else ' NOT NULL'}"
        + (" PRIMARY KEY" if name == key else "")
        for name in names
    )


def _table_sql(prefix: str) -> tuple[str, ...]:
    columns = _columns_sql(ENTRY_COLUMNS)
    return (
        f"CREATE TABLE {prefix}{ENTRY_TABLE} ({columns})",
        # Tens of thousands of rows written once at the end of a load, read by key.
        f"CREATE TABLE {prefix}{LEGAL_TABLE} ({_columns_sql(LEGAL_COLUMNS, 'finess_ej')}) "
        "WITHOUT ROWID",
        f"CREATE TABLE {prefix}{INFO_TABLE} (id INTEGER NOT NULL PRIMARY KEY, "
        "file VARCHAR NOT NULL, source VARCHAR NOT NULL, loaded_at DATETIME NOT NULL, "
        "count INTEGER NOT NULL, rejected INTEGER NOT NULL)",
    )


def _index_sql(prefix: str) -> tuple[str, ...]:
    # Built after the bulk insert: one sort each instead of 100,000 B-tree insertions. None on
    # ``nom_cle``: a search matches words inside it (``LIKE '% MOT%'``) and sorts on an
    # expression first, so SQLite never used one (its query plan scans the table either way);
    # sorting 100,000 search keys only made the load slower and the file larger.
    return (
        f"CREATE UNIQUE INDEX {prefix}pk_{ENTRY_TABLE} ON {ENTRY_TABLE} (finess)",
        f"CREATE INDEX {prefix}ix_{ENTRY_TABLE}_finess_ej ON {ENTRY_TABLE} (finess_ej)",
        # The partner search lists the open establishments of a few departments.
        f"CREATE INDEX {prefix}ix_{ENTRY_TABLE}_department ON {ENTRY_TABLE} (department)",
    )


INSERT_SQL = (
    f"INSERT INTO {ENTRY_TABLE} ({', '.join(ENTRY_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in ENTRY_COLUMNS)})"
)
"""Values as SQLite stores them: dates as ISO text (as SQLAlchemy's ``Date`` writes them),
booleans as 0/1."""
INSERT_LEGAL_SQL = (
    f"INSERT INTO {LEGAL_TABLE} ({', '.join(LEGAL_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in LEGAL_COLUMNS)})"
)
CHUNK_SIZE = 5000
"""Rows per ``executemany``: large enough to amortise the call, small enough to bound memory."""


def register_path(database: Path) -> Path:
    """The register file of the data folder holding ``database``."""
    return database.with_name(REGISTER_FILE_NAME)


def source_note_path(database: Path) -> Path:
    return database.with_name(SOURCE_FILE_NAME)


@dataclass(frozen=True, slots=True)
class LoadedFrom:
    """What the info row says, repeated outside the register file so that it survives its loss."""

    path: str
    file: str
    source: str


def read_source_note(database: Path) -> LoadedFrom | None:
    """The file the register was last loaded from, or ``None`` (never loaded, note unreadable)."""
    try:
        data = json.loads(source_note_path(database).read_text(encoding="utf-8"))
        return LoadedFrom(str(data["path"]), str(data["file"]), str(data["source"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_source_note(database: Path, loaded: LoadedFrom) -> None:
    note = source_note_path(database)
    tmp = temp_path_beside(note)
    try:
        tmp.write_text(
            json.dumps({"path": loaded.path, "file": loaded.file, "source": loaded.source}),
            encoding="utf-8",
        )
        os.replace(tmp, note)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


# -- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Info:
    file: str
    source: str
    loaded_at: datetime
    rejected: int = 0


def _open_for_build(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    # Pages of 16 KiB instead of 4: a fifth fewer B-tree pages to fill and split in a bulk load
    # (measured), and look-ups stay as fast. Set before anything is written.
    conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
    # A file nobody reads yet, renamed into place once complete: no journal, no sync.
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    # SQLite's default page cache (2 MiB): a bigger one only adds memory, not speed (measured).
    conn.execute(f"PRAGMA application_id={REGISTER_APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version={REGISTER_VERSION}")
    for statement in _table_sql(""):
        conn.execute(statement)
    return conn


@dataclass(slots=True)
class Build:
    """A register file being written: its connection (in a transaction), how many rows it holds,
    and the info row to write when it is complete (see :func:`building`)."""

    path: Path
    conn: sqlite3.Connection
    count: int = 0
    info: Info | None = None


@contextlib.contextmanager
def building(target: Path) -> Iterator[Build]:
    """A new register file beside ``target`` (not over it), complete when the block ends.

    Rows go in through ``build.conn`` (``build.count`` says how many); at the end of the block the
    indexes are made, ``build.info`` written, the file synced. An exception in the block deletes
    the partial file (``target`` untouched) and is raised again, SQLite and disk errors as
    French :class:`StoreError`. :func:`install` puts the finished ``build.path`` in place.
    """
    tmp = temp_path_beside(target, suffix=".tmp")
    try:
        with closing(_open_for_build(tmp)) as conn:
            conn.execute("BEGIN")
            state = Build(tmp, conn)
            yield state
            for statement in _index_sql(""):
                conn.execute(statement)
            info = state.info
            if info is not None:
                conn.execute(
                    f"INSERT INTO {INFO_TABLE} VALUES (1, ?, ?, ?, ?, ?)",
                    (
                        info.file,
                        info.source,
                        info.loaded_at.isoformat(),  # as the model's IsoDateTime
                        state.count,
                        info.rejected,
                    ),
                )
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode=DELETE")
        with tmp.open("rb+") as stream:
            os.fsync(stream.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, sqlite3.Error):
            raise _write_error(target, exc) from exc
        if isinstance(exc, OSError):
            raise translate_os_error(exc, target, "écrire le répertoire FINESS") from exc
        raise


def build(
    target: Path,
    rows: Iterable[tuple[Any, ...]],
    info: Info | None,
    *,
    after_chunk: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    legal_rows: Iterable[tuple[Any, ...]] = (),
) -> tuple[Path, int]:
    """Write a complete register file beside ``target`` (not over it); returns it and its count.

    ``rows`` are database values in :data:`ENTRY_COLUMNS` order, consumed as a stream (memory does
    not grow with the file); ``legal_rows`` the legal entities, in :data:`LEGAL_COLUMNS` order.
    ``after_chunk(done)`` may raise to cancel: the partial file is then deleted and ``target``
    untouched. :func:`install` puts the returned file in place.
    """
    with building(target) as state:
        state.info = info
        iterator: Iterator[tuple[Any, ...]] = iter(rows)
        while True:
            chunk = [row for _, row in zip(range(chunk_size), iterator, strict=False)]
            if not chunk:
                break
            state.conn.executemany(INSERT_SQL, chunk)
            state.count += len(chunk)
            if after_chunk is not None:
                after_chunk(state.count)
        state.conn.executemany(INSERT_LEGAL_SQL, legal_rows)
    return state.path, state.count


def _write_error(target: Path, exc: sqlite3.Error) -> StoreError:
    return translate_error(exc, target)


_RENAME_ATTEMPTS = 5


def install(
    built: Path,
    database: Path,
    loaded: LoadedFrom | None = None,
    *,
    release: Callable[[], None] | None = None,
) -> Path:
    """Rename a file made by :func:`build` over the register of ``database``'s folder.

    ``loaded`` (the source file) is remembered beside it, to rebuild the register if it is lost.
    Windows refuses to replace a file still open (a look-up running on another thread when the
    store closed its connections): ``release`` closes them again before each new attempt.
    """
    target = register_path(database)
    try:
        for attempt in range(1, _RENAME_ATTEMPTS + 1):
            try:
                os.replace(built, target)
                break
            except PermissionError:
                if attempt == _RENAME_ATTEMPTS or release is None:
                    raise
                release()
                time.sleep(0.05 * attempt)
        fsync_dir(target.parent)
        if loaded is not None:
            _write_source_note(database, loaded)
    except OSError as exc:
        with contextlib.suppress(OSError):
            built.unlink()
        raise translate_os_error(exc, target, "remplacer le répertoire FINESS") from exc
    return target


def discard(built: Path) -> None:
    with contextlib.suppress(OSError):
        built.unlink()


def create_empty(database: Path) -> Path:
    """An empty register (nothing loaded) for ``database``'s folder."""
    built, _ = build(register_path(database), (), None)
    return install(built, database)


# -- reading ------------------------------------------------------------------------------------


def problem(path: Path) -> str | None:
    """Why ``path`` is not a usable register file (French), or ``None`` when it is.

    A missing file is ``"absent"``. Checked at every start, so only what is cheap: the header,
    the marker and the tables (a ``quick_check`` of 35 MiB would double the store's opening).
    """
    try:
        with path.open("rb") as stream:
            header = stream.read(16)
    except FileNotFoundError:
        return "absent"
    except OSError as exc:
        return f"fichier illisible ({exc})"
    if not header:
        return "fichier vide"
    if header != SQLITE_MAGIC:
        return "ce n'est pas une base SQLite (en-tête invalide)"
    try:
        with closing(sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)) as conn:
            marker = int(conn.execute("PRAGMA application_id").fetchone()[0])
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error as exc:
        return f"base illisible ({exc})"
    if marker != REGISTER_APPLICATION_ID or not {ENTRY_TABLE, INFO_TABLE} <= tables:
        return "ce n'est pas un fichier de répertoire FINESS d'esms-desktop"
    if version != REGISTER_VERSION or LEGAL_TABLE not in tables:
        return (
            f"format d'une autre version d'esms-desktop (n° {version}, attendu "
            f"{REGISTER_VERSION}) : à reconstruire"
        )
    return None


def attach(conn: sqlite3.Connection, path: Path, *, uri: str | None = None) -> None:
    """Attach the register as :data:`SCHEMA` on ``conn``: the file, or an empty in-memory copy
    when it is missing (deleted by hand, a read-only folder never given one).

    ``uri`` (a ``file:`` URI, for a connection opened with ``uri=True``) attaches it read-only.
    """
    if path.is_file():
        conn.execute(f"ATTACH DATABASE ? AS {SCHEMA}", (uri or str(path),))
        return
    conn.execute(f"ATTACH DATABASE ':memory:' AS {SCHEMA}")
    for statement in _table_sql(f"{SCHEMA}."):
        conn.execute(statement)


def rows_of(conn: sqlite3.Connection, table: str = ENTRY_TABLE) -> Iterator[tuple[Any, ...]]:
    """Every row of an old register table, in :data:`ENTRY_COLUMNS` order (a stream).

    A column the old table lacks (phone and place, before version 2) reads as unknown.
    """
    have = {str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")}
    selected = [
        name if name in have else ("NULL" if _DEFAULTS[name] is None else "''")
        for name in ENTRY_COLUMNS
    ]
    cursor = conn.execute(f"SELECT {', '.join(selected)} FROM {table}")
    while batch := cursor.fetchmany(CHUNK_SIZE):
        yield from batch


__all__ = [
    "CHUNK_SIZE",
    "ENTRY_COLUMNS",
    "INSERT_LEGAL_SQL",
    "INSERT_SQL",
    "LEGAL_COLUMNS",
    "LEGAL_TABLE",
    "REGISTER_FILE_NAME",
    "SCHEMA",
    "Build",
    "Info",
    "LoadedFrom",
    "attach",
    "build",
    "building",
    "create_empty",
    "discard",
    "install",
    "problem",
    "read_source_note",
    "register_path",
]

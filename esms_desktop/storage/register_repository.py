"""The offline FINESS look-up table: bulk replacement, look-up by number, search by name or town.

The table is a copy of a public register file (up to ~100,000 establishments for the national
extract), loaded as a whole and never edited. It lives in its own file, attached to the store's
connections (:mod:`esms_desktop.storage.register_file`): a load writes a complete new file beside
it with plain ``executemany`` inserts, and the unit of work's commit renames it into place, so a
failure or a cancellation half-way leaves the previous table untouched. A streamed load
(:meth:`SqlAlchemyRegisterRepository.replace_streamed`) writes the reader's batches as they come,
through :class:`RegisterFileSink`: memory stays flat whatever the size of the file read.

Searching must ignore case, accents and punctuation ("saint-etienne" finds « SAINT ÉTIENNE »).
Normalising 100,000 names at every keystroke would be slow, so each row stores its normalised
search key (``nom_cle``) once, at load time, and a query only normalises what the user typed.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Date, Row, and_, case, func, or_, select
from sqlalchemy.orm import Session

from esms_desktop.domain.finess_register import EntrySink, FirstSeen, RegisterEntry, RegisterImport
from esms_desktop.domain.identifiers import normalise
from esms_desktop.storage import register_file
from esms_desktop.storage.register_file import CHUNK_SIZE
from esms_desktop.storage.register_models import RegisterEntryRow, RegisterInfoRow

_ENTRY_FIELDS = tuple(f.name for f in fields(RegisterEntry))
assert (*_ENTRY_FIELDS, "nom_cle") == register_file.ENTRY_COLUMNS
_entry_values = attrgetter(*_ENTRY_FIELDS)
_COLUMNS = tuple(getattr(RegisterEntryRow, name) for name in _ENTRY_FIELDS)
_TABLE = RegisterEntryRow.__table__
_DATE_POSITIONS = tuple(
    i for i, name in enumerate(_ENTRY_FIELDS) if isinstance(_TABLE.c[name].type, Date)
)
_INFO_ID = 1

_LIGATURES = str.maketrans({"Œ": "OE", "œ": "OE", "Æ": "AE", "æ": "AE"})
_NOT_WORD = re.compile(r"[^A-Z0-9]+")
_FINESS_PREFIX = re.compile(r"[0-9]{2,9}|2[AB][0-9]{0,7}")


@dataclass(frozen=True, slots=True)
class RegisterInfo:
    """What the look-up table holds: the file it was loaded from, when, its format, its size.

    ``rejected`` counts the rows the reader refused (invalid FINESS…): the table may then be
    missing a few establishments, which the interface says next to the file name.
    """

    file: str
    source: str
    loaded_at: datetime
    count: int
    rejected: int = 0


@lru_cache(maxsize=65536)
def _words(text: str) -> str:
    """Upper-case words of ``text`` without accents or punctuation, single-space separated.

    Cached: towns, categories and many names repeat across a national file.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.split(bare.upper())).strip()


def search_key(*parts: str) -> str:
    """The stored search key of a row: its words framed by spaces (`` ESAT LES BROSSES ``).

    The framing spaces let ``LIKE '% MOT%'`` match the start of any word, the first included.
    """
    seen: list[str] = []
    for part in parts:
        words = _words(part) if part else ""
        if words and words not in seen:
            seen.append(words)
    return f" {' '.join(seen)} " if seen else ""


def query_words(text: str) -> list[str]:
    """The words a search must all find (same normalisation as :func:`search_key`)."""
    return _words(text or "").split()


def finess_prefix(text: str) -> str | None:
    """The start of a FINESS number when ``text`` looks like one (2 to 9 digits, 2A/2B…)."""
    compact = normalise(text or "")
    return compact if _FINESS_PREFIX.fullmatch(compact) else None


def _to_entry(row: Row[Any]) -> RegisterEntry:
    return RegisterEntry(*row)


def _db_values(entry: RegisterEntry) -> tuple[Any, ...]:
    """One row of the INSERT: the entry's values in field order, then its search key."""
    values = list(_entry_values(entry))
    for i in _DATE_POSITIONS:
        if values[i] is not None:
            values[i] = values[i].isoformat()
    values.append(search_key(entry.name, entry.long_name, entry.town))
    return tuple(values)


def _db_rows(
    entries: Iterable[RegisterEntry], rowid: int | None = None
) -> Iterator[tuple[Any, ...]]:
    """:func:`_db_values` of each entry, written out: a third faster on 100,000 entries.

    With ``rowid``, each row starts with its rowid, counted from there (a streamed load keeps
    where each establishment was written).
    """
    key = search_key
    words = _words
    for e in entries:
        opened, closed_on = e.opened, e.closed_on
        name, long_name, town = e.name, e.long_name, e.town
        if long_name is name and name and town:  # the usual row: one name (shared), a town
            a, b = words(name), words(town)
            search = (f" {a} {b} " if a != b else f" {a} ") if a and b else key(name, town)
        else:
            search = key(name, long_name, town)
        values = (
            e.finess,
            e.finess_ej,
            e.siret,
            name,
            long_name,
            e.category,
            e.category_label,
            e.legal_status_code,
            e.legal_status_label,
            e.address,
            e.postal_code,
            town,
            e.department,
            e.capacity,
            None if opened is None else opened.isoformat(),
            e.closed,
            None if closed_on is None else closed_on.isoformat(),
            e.source,
            search,
        )
        if rowid is None:
            yield values
        else:
            yield (rowid, *values)
            rowid += 1


_TABLE_NAME = register_file.ENTRY_TABLE
_INSERT_AT = (
    f"INSERT INTO {_TABLE_NAME} (rowid, {', '.join(register_file.ENTRY_COLUMNS)}) "
    f"VALUES (?, {', '.join('?' for _ in register_file.ENTRY_COLUMNS)})"
)
_UPDATE_AT = (
    f"UPDATE {_TABLE_NAME} SET {', '.join(f'{c} = ?' for c in register_file.ENTRY_COLUMNS)} "
    "WHERE rowid = ?"
)
_SELECT_AT = f"SELECT {', '.join(_ENTRY_FIELDS)} FROM {_TABLE_NAME} WHERE rowid = ?"
_CLOSED = _ENTRY_FIELDS.index("closed")
_SEEN_SQL = (
    "CREATE TEMP TABLE seen (finess TEXT NOT NULL PRIMARY KEY, rid INTEGER NOT NULL, first) "
    "WITHOUT ROWID"
)
_EARLIER_SQL = (
    "SELECT finess, rid, first FROM temp.seen WHERE finess IN (SELECT value FROM json_each(?))"
)


def _entry_of_values(values: Sequence[Any]) -> RegisterEntry:
    """An entry from its stored values (dates as ISO text, booleans as 0/1)."""
    row = list(values)
    for i in _DATE_POSITIONS:
        if row[i] is not None:
            row[i] = date.fromisoformat(row[i])
    row[_CLOSED] = bool(row[_CLOSED])
    return RegisterEntry(*row)


class RegisterFileSink:
    """Where a streamed load's builder writes: the register file being built.

    Which establishments are already written (and where the file first gave them) is kept in a
    temporary table of the build connection, not in memory: a batch asks it only for its own
    keys, and reads back the few rows a duplicate must be merged into.
    """

    def __init__(self, state: register_file.Build) -> None:
        self._state = state
        self._conn: sqlite3.Connection = state.conn
        self._conn.execute(_SEEN_SQL)
        self._rids: dict[str, int] = {}

    def earlier(self, keys: Sequence[str]) -> dict[str, tuple[RegisterEntry, FirstSeen]]:
        conn = self._conn
        self._rids = {}
        found: dict[str, tuple[RegisterEntry, FirstSeen]] = {}
        for finess, rid, first in conn.execute(_EARLIER_SQL, (json.dumps(list(keys)),)).fetchall():
            values = conn.execute(_SELECT_AT, (rid,)).fetchone()
            found[finess] = (_entry_of_values(values), first)
            self._rids[finess] = rid
        return found

    def write(
        self, new: Sequence[tuple[RegisterEntry, FirstSeen]], merged: Sequence[RegisterEntry]
    ) -> None:
        conn, state = self._conn, self._state
        start = state.count + 1
        conn.executemany(_INSERT_AT, _db_rows((e for e, _ in new), start))
        conn.executemany(
            "INSERT INTO temp.seen VALUES (?, ?, ?)",
            [(e.finess, start + i, first) for i, (e, first) in enumerate(new)],
        )
        state.count += len(new)
        for row in _db_rows(merged):
            conn.execute(_UPDATE_AT, (*row, self._rids[row[0]]))


class SqlAlchemyRegisterRepository:
    """The look-up table through one session (the unit of work's transaction).

    ``database`` is the store's dossier database: the register file sits beside it. A load
    leaves the new file in :attr:`pending`; the unit of work's commit installs it.
    """

    def __init__(self, session: Session, database: Path | None = None) -> None:
        self._session = session
        self._database = database
        self.pending: Path | None = None
        self.pending_source: register_file.LoadedFrom | None = None

    # -- writing --------------------------------------------------------------------------------

    def replace_all(
        self,
        entries: Iterable[RegisterEntry],
        *,
        file: str,
        source: str,
        loaded_at: datetime,
        rejected: int = 0,
        after_chunk: Callable[[int], None] | None = None,
        chunk_size: int = CHUNK_SIZE,
        source_path: str = "",
    ) -> int:
        """Write ``entries`` as the new table (a new file, in chunks); returns how many.

        Nothing is replaced here: the caller commits (the file is then renamed into place), or
        leaves the unit of work and the new file is deleted. ``after_chunk(done)`` is called
        after each chunk, so the caller can report progress or raise to cancel. ``source_path``
        (the file read) is remembered to rebuild the register if its file is ever lost.
        """
        if self._database is None:
            raise RuntimeError("dépôt du répertoire sans base : écriture impossible")
        self.discard()
        built, done = register_file.build(
            register_file.register_path(self._database),
            _db_rows(entries),
            register_file.Info(file, source, loaded_at, rejected),
            after_chunk=after_chunk,
            chunk_size=chunk_size,
        )
        self.pending = built
        self.pending_source = (
            register_file.LoadedFrom(source_path, file, source) if source_path else None
        )
        return done

    def replace_streamed(
        self,
        fill: Callable[[EntrySink], RegisterImport],
        *,
        loaded_at: datetime,
        source_path: str = "",
    ) -> RegisterImport:
        """Write the new table as ``fill`` reads it: ``fill(sink)`` reads the file, its builder
        writing each batch to ``sink``; returns what ``fill`` returned.

        As :meth:`replace_all`, nothing is replaced until the caller commits; an exception from
        ``fill`` (a refused file, a cancellation) deletes the new file and is raised again.
        """
        if self._database is None:
            raise RuntimeError("dépôt du répertoire sans base : écriture impossible")
        self.discard()
        with register_file.building(register_file.register_path(self._database)) as state:
            read = fill(RegisterFileSink(state))
            state.info = register_file.Info(read.file, read.source, loaded_at, len(read.errors))
        self.pending = state.path
        self.pending_source = (
            register_file.LoadedFrom(source_path, read.file, read.source) if source_path else None
        )
        return read

    def discard(self) -> None:
        """Delete a new file that was not installed (the unit of work rolled back)."""
        if self.pending is not None:
            register_file.discard(self.pending)
        self.pending = self.pending_source = None

    # -- reading --------------------------------------------------------------------------------

    def info(self) -> RegisterInfo | None:
        """What is loaded, or ``None`` when no register was ever loaded."""
        row = self._session.get(RegisterInfoRow, _INFO_ID)
        if row is None:
            return None
        return RegisterInfo(row.file, row.source, row.loaded_at, row.count, row.rejected)

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(RegisterEntryRow)) or 0)

    def get(self, finess: str) -> RegisterEntry | None:
        """The establishment with this (normalised, valid) FINESS, or ``None``."""
        row = self._session.execute(
            select(*_COLUMNS).where(RegisterEntryRow.finess == finess)
        ).first()
        return None if row is None else _to_entry(row)

    def by_ej(self, finess_ej: str, *, include_closed: bool = False) -> list[RegisterEntry]:
        """Establishments of one FINESS juridique, by number (the ``finess_ej`` index)."""
        query = select(*_COLUMNS).where(RegisterEntryRow.finess_ej == finess_ej)
        if not include_closed:
            query = query.where(RegisterEntryRow.closed.is_(False))
        rows = self._session.execute(query.order_by(RegisterEntryRow.finess)).all()
        return [_to_entry(r) for r in rows]

    def search(self, text: str, limit: int) -> list[RegisterEntry]:
        """Establishments whose name or town has every word of ``text`` as a word start, or whose
        FINESS (géographique or juridique) starts with ``text``; open ones first, then by name
        (accents ignored).

        An empty query finds nothing (listing 100,000 rows is not a search).
        """
        words = query_words(text)
        prefix = finess_prefix(text)
        matches = []
        if words:
            matches.append(and_(*(RegisterEntryRow.nom_cle.like(f"% {w}%") for w in words)))
        if prefix is not None:
            upper = prefix + "~"  # "~" sorts after every digit and letter: a range on the index
            matches.append(RegisterEntryRow.finess.between(prefix, upper))
            matches.append(RegisterEntryRow.finess_ej.between(prefix, upper))
        if not matches:
            return []
        exact = prefix if prefix is not None and len(prefix) == 9 else ""
        query = (
            select(*_COLUMNS)
            .where(or_(*matches))
            .order_by(
                case((RegisterEntryRow.finess == exact, 0), else_=1),
                RegisterEntryRow.closed,
                RegisterEntryRow.nom_cle,  # accent-free: « ÉCOLE » sorts among the E
                RegisterEntryRow.finess,
            )
            .limit(limit)
        )
        return [_to_entry(r) for r in self._session.execute(query).all()]


__all__ = [
    "CHUNK_SIZE",
    "RegisterFileSink",
    "RegisterInfo",
    "SqlAlchemyRegisterRepository",
    "finess_prefix",
    "query_words",
    "search_key",
]

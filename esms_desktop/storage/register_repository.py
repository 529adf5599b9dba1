"""The offline FINESS look-up table: bulk replacement, look-up by number, search by name or town.

The table is a copy of a public register file (up to ~100,000 establishments for the national
extract), loaded as a whole and never edited. It lives in its own file, attached to the store's
connections (:mod:`esms_desktop.storage.register_file`): a load writes a complete new file beside
it with plain ``executemany`` inserts, and the unit of work's commit renames it into place, so a
failure or a cancellation half-way leaves the previous table untouched. A streamed load
(:meth:`SqlAlchemyRegisterRepository.replace_streamed`) writes the reader's batches as they come,
through :class:`RegisterFileSink`: memory stays flat whatever the size of the file read.

The partner search (issue 19) asks for the open establishments of a few departments (the
``department`` index), the legal entities of their FINESS EJ (the table's key) and how many open
establishments each EJ manages (the ``finess_ej`` index): a few tens of milliseconds for six
departments of the national register.

Searching must ignore case, accents and punctuation ("saint-etienne" finds « SAINT ÉTIENNE »).
Normalising 100,000 names at every keystroke would be slow, so each row stores its normalised
search key (``nom_cle``) once, at load time, and a query only normalises what the user typed.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from functools import lru_cache
from itertools import count as counting
from pathlib import Path
from typing import Any

from sqlalchemy import Row, and_, case, func, or_, select, text
from sqlalchemy.orm import Session

from esms_desktop.domain.finess_register import (
    LATITUDE,
    VALUE_NAMES,
    EntrySink,
    EntryValues,
    FirstSeen,
    Point,
    RegisterEntry,
    RegisterImport,
    RegisterLegalEntity,
    entry_of_values,
    entry_values,
)
from esms_desktop.domain.geodesy import GeoPoint
from esms_desktop.domain.identifiers import normalise
from esms_desktop.storage import register_file
from esms_desktop.storage.register_file import CHUNK_SIZE
from esms_desktop.storage.register_models import (
    RegisterEntryRow,
    RegisterInfoRow,
    RegisterLegalEntityRow,
)

_ENTRY_FIELDS = VALUE_NAMES
"""The stored values of an entry (its fields, its place as latitude and longitude)."""
assert (*_ENTRY_FIELDS, "nom_cle") == register_file.ENTRY_COLUMNS
_COLUMNS = tuple(getattr(RegisterEntryRow, name) for name in _ENTRY_FIELDS)
_LEGAL_FIELDS = tuple(f.name for f in fields(RegisterLegalEntity))
assert (*_LEGAL_FIELDS[:-3], "latitude", "longitude", *_LEGAL_FIELDS[-2:]) == (
    register_file.LEGAL_COLUMNS
)
_LEGAL_COLUMNS = tuple(getattr(RegisterLegalEntityRow, n) for n in register_file.LEGAL_COLUMNS)
_LEGAL_LOCATION = _LEGAL_FIELDS.index("location")
_INFO_ID = 1
_IN_CHUNK = 500
"""Values per ``IN (…)`` list: far below SQLite's limit on bound parameters."""

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
    if text.isascii():  # most names: nothing to decompose, no ligature
        bare = text
    else:
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


def _point(latitude: float | None, longitude: float | None) -> GeoPoint | None:
    """A stored place (written from a checked point, or both NULL)."""
    if latitude is None or longitude is None:
        return None
    return GeoPoint(latitude, longitude)


def _to_entry(row: Row[Any] | Sequence[Any]) -> RegisterEntry:
    """An entry from its selected columns (:data:`_COLUMNS`: dates already converted)."""
    values = tuple(row)
    return RegisterEntry(*(*values[:LATITUDE], _point(values[LATITUDE], values[LATITUDE + 1])))


def _to_legal_entity(row: Row[Any] | Sequence[Any]) -> RegisterLegalEntity:
    at, values = _LEGAL_LOCATION, tuple(row)
    point = _point(values[at], values[at + 1])
    return RegisterLegalEntity(*(*values[:at], point, bool(values[at + 2]), *values[at + 3 :]))


def _legal_rows(entities: Iterable[RegisterLegalEntity]) -> Iterator[tuple[Any, ...]]:
    """Legal entities as rows of :data:`register_file.LEGAL_COLUMNS`."""
    for e in entities:
        point = e.location
        yield (
            e.finess_ej,
            e.siren,
            e.name,
            e.long_name,
            e.legal_status_code,
            e.legal_status_label,
            e.address,
            e.postal_code,
            e.town,
            e.department,
            e.phone,
            None if point is None else point.latitude,
            None if point is None else point.longitude,
            e.closed,
            e.source,
        )


def _chunks(values: Collection[str]) -> Iterator[list[str]]:
    """Distinct values, a bounded ``IN`` list at a time."""
    distinct = list(dict.fromkeys(values))
    for start in range(0, len(distinct), _IN_CHUNK):
        yield distinct[start : start + _IN_CHUNK]


def _db_rows(
    entries: Iterable[RegisterEntry], rowid: int | None = None
) -> Iterator[tuple[Any, ...]]:
    """The stored rows of entries (see :func:`_value_rows`)."""
    return _value_rows(map(entry_values, entries), rowid)


def _value_rows(
    entries: Iterable[EntryValues], rowid: int | None = None
) -> Iterator[tuple[Any, ...]]:
    """The stored rows of entries given by their values (dates already ISO text): the values
    and the search key. A national file's 100,000 rows go through here.

    With ``rowid``, each row starts with its rowid, counted from there.
    """
    key = search_key
    words = _words
    for v in entries:
        name, long_name, town = v[3], v[4], v[11]
        if long_name is name and name and town:  # the usual row: one name (shared), a town
            a, b = words(name), words(town)
            search = (f" {a} {b} " if a != b else f" {a} ") if a and b else key(name, town)
        else:
            search = key(name, long_name, town)
        if rowid is None:
            yield (*v, search)
        else:
            yield (rowid, *v, search)
            rowid += 1


_TABLE_NAME = register_file.ENTRY_TABLE
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
# A place fills an establishment that has none (the first given wins, as in a merge); found by
# the temporary table's key (the table's own index on ``finess`` is made after the load).
_LOCATE_SQL = (
    f"UPDATE {_TABLE_NAME} SET latitude = ?, longitude = ? "
    "WHERE rowid = (SELECT rid FROM temp.seen WHERE finess = ?) AND latitude IS NULL"
)
_MISSING_SQL = "SELECT value FROM json_each(?) WHERE value NOT IN (SELECT finess FROM temp.seen)"


def _values_of_row(values: Sequence[Any]) -> EntryValues:
    """An entry's values from its stored ones (booleans stored as 0/1)."""
    row = list(values)
    row[_CLOSED] = bool(row[_CLOSED])
    return tuple(row)


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

    def earlier(self, keys: Sequence[str]) -> dict[str, tuple[EntryValues, FirstSeen]]:
        conn = self._conn
        self._rids = {}
        found: dict[str, tuple[EntryValues, FirstSeen]] = {}
        for finess, rid, first in conn.execute(_EARLIER_SQL, (json.dumps(list(keys)),)).fetchall():
            values = conn.execute(_SELECT_AT, (rid,)).fetchone()
            found[finess] = (_values_of_row(values), first)
            self._rids[finess] = rid
        return found

    def write(
        self,
        new: Sequence[EntryValues],
        first: Sequence[FirstSeen],
        merged: Sequence[EntryValues],
    ) -> None:
        conn, state = self._conn, self._state
        start = state.count + 1
        # Rowids are given by SQLite in order (the table only ever grows): ``start`` onwards.
        conn.executemany(register_file.INSERT_SQL, _value_rows(new))
        conn.executemany(
            "INSERT INTO temp.seen VALUES (?, ?, ?)",
            zip([v[0] for v in new], counting(start), first, strict=False),
        )
        state.count += len(new)
        for row in _value_rows(merged):
            conn.execute(_UPDATE_AT, (*row, self._rids[row[0]]))

    def locate(self, points: Sequence[Point]) -> list[str]:
        conn = self._conn
        conn.executemany(_LOCATE_SQL, ((lat, lon, key) for key, lat, lon in points))
        keys = json.dumps([key for key, _, _ in points])
        return [str(r[0]) for r in conn.execute(_MISSING_SQL, (keys,))]

    def write_legal_entities(self, entities: Sequence[RegisterLegalEntity]) -> None:
        self._conn.executemany(register_file.INSERT_LEGAL_SQL, _legal_rows(entities))


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
        legal_entities: Iterable[RegisterLegalEntity] = (),
    ) -> int:
        """Write ``entries`` (and ``legal_entities``) as the new table (a new file, in chunks);
        returns how many entries.

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
            legal_rows=_legal_rows(legal_entities),
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

    # -- legal entities and the partner search ------------------------------------------------

    def legal_entity(self, finess_ej: str) -> RegisterLegalEntity | None:
        """The legal entity with this (normalised, valid) FINESS EJ, or ``None`` (not listed by
        the file loaded: the etalab extract lists none)."""
        row = self._session.execute(
            select(*_LEGAL_COLUMNS).where(RegisterLegalEntityRow.finess_ej == finess_ej)
        ).first()
        return None if row is None else _to_legal_entity(row)

    def legal_entities(self, ejs: Collection[str]) -> dict[str, RegisterLegalEntity]:
        """The listed legal entities among ``ejs``, by FINESS EJ (the others are absent)."""
        found: dict[str, RegisterLegalEntity] = {}
        for chunk in _chunks(ejs):
            query = select(*_LEGAL_COLUMNS).where(RegisterLegalEntityRow.finess_ej.in_(chunk))
            for row in self._session.execute(query):
                entity = _to_legal_entity(row)
                found[entity.finess_ej] = entity
        return found

    def open_in_departments(self, departments: Collection[str]) -> list[RegisterEntry]:
        """The open establishments of these departments, every category (the domain decides
        which count), by FINESS.

        A few departments of the national register are thousands of rows, read on each search:
        through the department index and the driver's rows directly (an ORM row per
        establishment would be most of the time).
        """
        wanted = list(dict.fromkeys(departments))
        if not wanted:
            return []
        statement = text(
            f"SELECT {', '.join(_ENTRY_FIELDS)} FROM {register_file.SCHEMA}.{_TABLE_NAME} "
            f"WHERE department IN ({', '.join(f':d{i}' for i in range(len(wanted)))}) "
            "AND NOT closed ORDER BY finess"
        )
        params = {f"d{i}": d for i, d in enumerate(wanted)}
        rows = self._session.connection().execute(statement, params).all()
        return [_stored_entry(r) for r in rows]

    def essms_count_by_ej(self, ejs: Collection[str]) -> dict[str, int]:
        """How many open establishments (every category) each of ``ejs`` manages in the
        register; an EJ with none is absent. The small-OG rule counts all of them."""
        counts: dict[str, int] = {}
        for chunk in _chunks(ejs):
            query = (
                select(RegisterEntryRow.finess_ej, func.count())
                .where(RegisterEntryRow.finess_ej.in_(chunk), RegisterEntryRow.closed.is_(False))
                .group_by(RegisterEntryRow.finess_ej)
            )
            for ej, count in self._session.execute(query):
                counts[str(ej)] = int(count)
        return counts


def _stored_entry(row: Sequence[Any]) -> RegisterEntry:
    """An entry from its raw stored values (dates as ISO text, booleans as 0/1)."""
    values = list(row)
    values[_CLOSED] = bool(values[_CLOSED])
    return entry_of_values(tuple(values))


__all__ = [
    "CHUNK_SIZE",
    "RegisterFileSink",
    "RegisterInfo",
    "SqlAlchemyRegisterRepository",
    "finess_prefix",
    "query_words",
    "search_key",
]

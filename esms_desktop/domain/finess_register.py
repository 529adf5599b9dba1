"""Establishments as the FINESS register describes them, and the outcome of reading a register file.

Three very different files describe the same thing (the FINESS website export, the national etalab
extract, the ANS JSON flux). Readers turn each into the same :class:`RegisterEntry` values through
one :class:`RegisterBuilder`, so the rules are written once and behave identically whatever the
source:

- the FINESS géographique is the key. An invalid one rejects the row (``erreur``): attaching money
  to a mistyped number would fund someone else's establishment. An 8-digit number gets a
  *suggestion* (lost leading zero), never a silent fix;
- everything else that is wrong (SIRET, FINESS juridique, dates, unknown category) only loses that
  value and raises an ``avertissement``: the establishment is still worth listing;
- an establishment listed twice is merged into one, and the merge is reported.

Beside establishments, the builder keeps the legal entities (:class:`RegisterLegalEntity`) a file
describes — the ANS flux lists each with its name, SIREN, seat, phone and place; the website
export only names its number and legal status — merged the same way, and written once at the
end (tens of thousands at most: held in memory, unlike establishments). Places given by rows of
their own (etalab ``geolocalisation``) reach their establishment through :meth:`RegisterBuilder
.locate`, a batch at a time.

Entries go to an :class:`EntrySink` a batch at a time, not into one dict of the whole register:
the sink may be the register file being written (memory then stays flat whatever the file's
size) or, by default, a dict whose entries :meth:`RegisterBuilder.result` returns. Duplicates are
resolved per batch, against the batch and against what earlier batches wrote, so the merge and its
warnings are the same as if every entry had been kept. On that path an entry is a plain tuple of
its values (:data:`EntryValues`), not an object: only duplicates, kept imports and the keyword
:meth:`RegisterBuilder.add` make :class:`RegisterEntry` objects (issue 18: a national file's
100,000 objects were a third of its load).

A problem with the file as a whole (empty, not a FINESS file, cut in the middle) raises
:class:`FinessFileError` instead: the reader then returns nothing at all, so a half-read file can
never look like a complete register.

Standard library only: the domain must stay importable by every layer.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Any, Protocol, TypeVar

from esms_desktop.domain.errors import UserError
from esms_desktop.domain.geodesy import GeoPoint
from esms_desktop.domain.identifiers import (
    LA_POSTE_SIREN,
    FinessCheck,
    check_finess,
    finess_department,
    normalise,
    siren_problem,
    siret_problem,
)
from esms_desktop.domain.nomenclature import normalise_category
from esms_desktop.domain.parsing import parse_int


class IssueSeverity(StrEnum):
    """``erreur`` leaves the row out of the import; ``avertissement`` keeps it, minus a value."""

    ERREUR = "erreur"
    AVERTISSEMENT = "avertissement"


class RegisterSource(StrEnum):
    """Which kind of file an entry came from (capacity exists only in the website export)."""

    WEB = "web"
    ETALAB = "etalab"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """One establishment (entité géographique) as the register describes it.

    Identifiers are normalised and valid, or empty: an invalid SIRET or FINESS juridique is dropped
    (and reported) rather than stored, so downstream code can trust any non-empty identifier.
    ``long_name`` falls back to ``name`` when the source has only one name, so a display can always
    use it. ``capacity`` is the total of the authorised places, ``None`` when the source does not
    give it (etalab, JSON) — not 0, which would read as "no places". ``phone`` is its 10 digits
    when French (:func:`clean_phone`; :func:`display_phone` spaces them), else as the source
    writes it; ``location`` is where the source places it (the ANS flux, the etalab
    ``geolocalisation`` rows), ``None`` when unknown.
    """

    finess: str
    finess_ej: str = ""
    siret: str = ""
    name: str = ""
    long_name: str = ""
    category: str = ""
    category_label: str = ""
    legal_status_code: str = ""
    legal_status_label: str = ""
    address: str = ""
    postal_code: str = ""
    town: str = ""
    department: str = ""
    capacity: int | None = None
    opened: date | None = None
    closed: bool = False
    closed_on: date | None = None
    source: str = RegisterSource.WEB.value
    phone: str = ""
    location: GeoPoint | None = None


@dataclass(frozen=True, slots=True)
class RegisterLegalEntity:
    """One organisme gestionnaire (entité juridique, FINESS EJ) as the register describes it.

    So that an OG is named and addressed as the register knows it, not « OG 010785897 ». Only
    the ANS JSON flux gives names, SIREN, address, phone and place; the website export gives the
    legal status of the establishments' EJ (a row with only its number and status). Identifiers
    are valid or empty, as in :class:`RegisterEntry`.
    """

    finess_ej: str
    siren: str = ""
    name: str = ""
    long_name: str = ""
    legal_status_code: str = ""
    legal_status_label: str = ""
    address: str = ""
    postal_code: str = ""
    town: str = ""
    department: str = ""
    phone: str = ""
    location: GeoPoint | None = None
    closed: bool = False
    source: str = ""

    @property
    def display_name(self) -> str:
        """The name to show: the long one when given (the short one is often abbreviated)."""
        return self.long_name or self.name


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """One problem found in one row (or one place) of a register file, in French.

    ``line`` is the physical line of the file (1 = first line), 0 when the file has no meaningful
    lines (JSON): ``where`` then says which legal entity / establishment is concerned.
    ``finess`` lets the interface show the issue next to the establishment it concerns.
    """

    file: str
    line: int
    message: str
    severity: IssueSeverity = IssueSeverity.ERREUR
    where: str = ""
    finess: str = ""

    @property
    def text(self) -> str:
        """The sentence shown to the user: file, place, problem."""
        place = f"ligne {self.line}" if self.line > 0 else self.where
        if self.line > 0 and self.where:
            place += f" ({self.where})"
        prefix = f"{self.file}, {place}" if place else self.file
        return f"{prefix} : {self.message}"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class RegisterImport:
    """Everything read from one register file: entries, issues, and how many duplicates merged.

    The reader never writes anywhere; the caller decides what to do with rows in error (the
    interface shows ``issues`` and lets the user import the valid entries or give up).
    """

    entries: tuple[RegisterEntry, ...]
    issues: tuple[ImportIssue, ...] = ()
    duplicates_merged: int = 0
    file: str = ""
    source: str = ""
    streamed: int = 0
    """Entries written to the builder's sink instead of kept in ``entries`` (a streamed load)."""
    legal_entities: tuple[RegisterLegalEntity, ...] = ()
    """The legal entities the file describes (kept ones; written to the sink otherwise)."""
    legal_streamed: int = 0
    """Legal entities written to the builder's sink instead of kept in ``legal_entities``."""
    located: int = 0
    """Establishments given a place by a separate row (etalab ``geolocalisation``)."""

    @property
    def count(self) -> int:
        """How many establishments the file gave, kept or streamed."""
        return len(self.entries) + self.streamed

    @property
    def errors(self) -> tuple[ImportIssue, ...]:
        return tuple(i for i in self.issues if i.severity is IssueSeverity.ERREUR)

    @property
    def warnings(self) -> tuple[ImportIssue, ...]:
        return tuple(i for i in self.issues if i.severity is IssueSeverity.AVERTISSEMENT)

    @property
    def ok(self) -> bool:
        """True when no row was rejected (warnings allowed)."""
        return not self.errors

    def by_finess(self) -> dict[str, RegisterEntry]:
        return {e.finess: e for e in self.entries}


class FinessFileError(UserError):
    """The file as a whole cannot be read: nothing is imported.

    ``problem`` is a French sentence; ``issues`` carries the row problems found before giving up
    (a truncated file reports its cut line, for instance), so the interface can list them too.
    """

    def __init__(
        self, file: str, line: int, problem: str, issues: Iterable[ImportIssue] = ()
    ) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        self.issues = tuple(issues)
        where = f", ligne {line}" if line > 0 else ""
        super().__init__(f"Fichier « {file} »{where} : {problem} Rien n'a été importé.")


# --- values as written in register files --------------------------------------------------------

_MONTHS: Mapping[str, int] = {
    "janvier": 1,
    "janv": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
}
_FRENCH_DATE = re.compile(r"^(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})$")
_SLASH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$")


def _fold(text: str) -> str:
    """Lower-case without accents: ``Août`` and ``aout`` are the same month."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def parse_register_date(raw: str | None) -> date | None:
    """``01 octobre 2000``, ``1er août 2007``, ``01/10/2000`` or ISO → date; blank → None.

    Raises ``ValueError`` with a French message for anything else, so the caller can report it:
    a date that silently became ``None`` would hide a real data problem.
    """
    text = " ".join((raw or "").split())
    if not text:
        return None
    folded = _fold(text)
    try:
        if m := _FRENCH_DATE.match(folded):
            month = _MONTHS.get(m.group(2))
            if month is None:
                raise ValueError(f"mois « {m.group(2)} » inconnu")
            return date(int(m.group(3)), month, int(m.group(1)))
        if m := _SLASH_DATE.match(folded):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _ISO_DATE.match(folded):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise ValueError(f"date « {text} » impossible ({exc})") from exc
    raise ValueError(f"date « {text} » illisible (attendu : 01 octobre 2000, 01/10/2000)")


def parse_capacity(raw: str | None) -> int | None:
    """``"50"``, ``" 50 "``, ``"50.0"`` (spreadsheet number) → 50; blank → None.

    The grid's and the sheet's integer parser, so a register capacity reads as a typed one does.
    Raises ``ValueError`` (French) for anything that is not a whole, non-negative number.
    """
    parsed = parse_int(raw or "")
    if parsed.ok:
        return parsed.value  # type: ignore[no-any-return]
    shown = raw.strip() if raw else ""
    raise ValueError(f"capacité « {shown} » illisible ({parsed.problem})")


# --- building entries ---------------------------------------------------------------------------


def _clean(text: str | None) -> str:
    """Collapse runs of spaces (exports pad names and labels) and strip."""
    if not text:
        return ""
    if "  " not in text and not text[0].isspace() and not text[-1].isspace():
        return text  # already clean: most values, and the test is cheaper than split/join
    return " ".join(text.split())


_PHONE_SEPARATORS = str.maketrans("", "", " .-\u00a0")


def clean_phone(raw: str | None) -> str:
    """A phone number as the register stores it: its 10 digits (``0474470470``) when it is a
    French one, any other text (an overseas or foreign number, a note) cleaned of extra spaces.

    Sources write the same number ``0474470470``, ``04 74 47 04 70 `` or ``04.74.47.04.70``;
    stored alike, they are shown alike by :func:`display_phone`. The digits are what the etalab
    extract and the ANS flux already give: nothing to do for 100,000 rows.
    """
    if not raw:
        return ""
    digits = raw.translate(_PHONE_SEPARATORS)
    if len(digits) == 10 and digits.isdigit() and digits.isascii():
        return digits
    return _clean(raw)


def display_phone(phone: str) -> str:
    """``0474470470`` → ``04 74 47 04 70`` (a contact sheet, a letter); any other text as is."""
    if len(phone) == 10 and phone.isdigit() and phone.isascii():
        p = phone
        return f"{p[:2]} {p[2:4]} {p[4:6]} {p[6:8]} {p[8:]}"
    return phone


_DOUBLED = bytes((0, 2, 4, 6, 8, 1, 3, 5, 7, 9)[b - 48] if 48 <= b < 58 else 0 for b in range(256))


def _luhn_table(doubled: tuple[bool, bool, bool]) -> dict[str, int]:
    """Luhn sum of every 3-digit chunk, with the given digits doubled."""
    table = {}
    for number in range(1000):
        chunk = f"{number:03d}"
        total = 0
        for char, double in zip(chunk, doubled, strict=True):
            digit = int(char)
            total += (digit * 2 - 9 if digit > 4 else digit * 2) if double else digit
        table[chunk] = total
    return table


_MIDDLE = _luhn_table((False, True, False))
_OUTER = _luhn_table((True, False, True))
_PAIR = {f"{n:02d}": _MIDDLE[f"0{n:02d}"] for n in range(100)}
"""Luhn sum of a 2-digit chunk, its first digit doubled."""


def _luhn_digits(digits: str) -> bool:
    """Same answer as :func:`luhn_ok` for a string of ASCII digits, ten times faster.

    A national file checks 300,000 identifiers: a FINESS (9 digits) is three chunks of 3 digits
    whose sums are looked up (from the right, chunks double their middle digit, then their outer
    ones); a SIRET (14) is a 2-digit chunk, then four of 3.
    """
    if len(digits) == 9:
        return (_MIDDLE[digits[:3]] + _OUTER[digits[3:6]] + _MIDDLE[digits[6:]]) % 10 == 0
    if len(digits) == 14:
        d = digits
        total = _PAIR[d[:2]] + _OUTER[d[2:5]] + _MIDDLE[d[5:8]] + _OUTER[d[8:11]]
        return (total + _MIDDLE[d[11:]]) % 10 == 0
    b = digits.encode("ascii")
    odd = sum(b[-1::-2]) - 48 * ((len(b) + 1) // 2)
    return (odd + sum(b[-2::-2].translate(_DOUBLED))) % 10 == 0


_RESERVED = frozenset(("00", "96", "99"))
"""First two digits no valid FINESS has (the fast path leaves them to :func:`check_finess`)."""


def _valid_finess(raw: str | None) -> str | None:
    """Fast path for the common case, an already clean valid FINESS; None means "check fully".

    A national file has 100,000 of them: skipping normalisation for clean numbers keeps reading
    within a few seconds. Anything unusual goes through :func:`check_finess` and its messages.
    """
    if (
        raw
        and len(raw) == 9
        and raw.isdigit()
        and raw.isascii()
        and raw[:2] not in _RESERVED
        and (_MIDDLE[raw[:3]] + _OUTER[raw[3:6]] + _MIDDLE[raw[6:]]) % 10 == 0  # _luhn_digits
    ):
        return raw
    return None


def _valid_siret(raw: str) -> str | None:
    """Fast path for a clean valid SIRET (14 digits, its SIREN and itself Luhn-valid, not La
    Poste); None: check fully (the full check refuses a right key around a wrong SIREN)."""
    if len(raw) == 14 and raw.isascii() and raw.isdigit() and not raw.startswith(LA_POSTE_SIREN):
        return raw if _luhn_digits(raw) and _luhn_digits(raw[:9]) else None
    return None


_NOT_ASCII = "caractères inattendus (chiffres ordinaires attendus)"


def _check_finess(raw: str) -> FinessCheck:
    """:func:`check_finess`, guarded: ``"²"`` passes ``str.isdigit`` but not ``int()``."""
    value = normalise(raw)
    if not value.isascii():
        return FinessCheck(value, f"numéro FINESS mal formé : {_NOT_ASCII}")
    return check_finess(raw)


def _siret_problem(raw: str) -> str:
    """:func:`siret_problem`, with the same guard as :func:`_check_finess`."""
    if not normalise(raw).isascii():
        return f"SIRET mal formé : {_NOT_ASCII}"
    return siret_problem(raw)


FirstSeen = int | str
"""Where an establishment was first seen: its line, or the ``where`` text of a file without
lines (JSON)."""

Point = tuple[str, float, float]
"""A place given apart from its establishment's row: its FINESS, latitude, longitude."""

EntryValues = tuple[Any, ...]
"""An entry's values in :class:`RegisterEntry` field order, dates as ISO text (``2000-10-01``)
and ``location`` as two values, latitude then longitude (``None`` both when unknown), as the
builder makes them and the register file stores them.

A plain tuple, not an object: a national file makes 100,000 of them on its way to the register
file (ISO text is how the file stores a date), and only a duplicate (or a kept, in-memory import)
needs the :class:`RegisterEntry` (:func:`entry_of_values`)."""

_FIELD_NAMES = tuple(f.name for f in fields(RegisterEntry))
_fields_of = attrgetter(*_FIELD_NAMES)
_OPENED = _FIELD_NAMES.index("opened")
_CLOSED_ON = _FIELD_NAMES.index("closed_on")
_LOCATION = _FIELD_NAMES.index("location")
assert _CLOSED_ON == _OPENED + 2
assert _FIELD_NAMES[-1] == "location"  # last: its two stored values end the row
VALUE_NAMES = (*_FIELD_NAMES[:_LOCATION], "latitude", "longitude")
"""The names of :data:`EntryValues`, in order (the register file's columns)."""
LATITUDE = _LOCATION
"""Position of the latitude in :data:`EntryValues` (the longitude follows)."""


def entry_values(entry: RegisterEntry) -> EntryValues:
    """The values of an entry, in field order, dates as ISO text, its place as two numbers."""
    values = _fields_of(entry)
    opened, closed_on, location = values[_OPENED], values[_CLOSED_ON], values[_LOCATION]
    return (
        *values[:_OPENED],
        None if opened is None else opened.isoformat(),
        values[_OPENED + 1],
        None if closed_on is None else closed_on.isoformat(),
        *values[_CLOSED_ON + 1 : _LOCATION],
        None if location is None else location.latitude,
        None if location is None else location.longitude,
    )


def entry_of_values(values: EntryValues) -> RegisterEntry:
    """The entry of :data:`EntryValues` (the inverse of :func:`entry_values`)."""
    opened, closed_on, latitude = values[_OPENED], values[_CLOSED_ON], values[_LOCATION]
    return _new_entry(
        *values[:_OPENED],
        None if opened is None else date.fromisoformat(opened),
        values[_OPENED + 1],
        None if closed_on is None else date.fromisoformat(closed_on),
        *values[_CLOSED_ON + 1 : _LOCATION],
        None if latitude is None else GeoPoint(latitude, values[_LOCATION + 1]),
    )


class EntrySink(Protocol):
    """Where a builder writes its entries, a batch at a time, in file order of first occurrence.

    ``earlier`` answers, for the keys of a new batch, which ones an earlier batch wrote (the entry's
    values as written, merges included, and where it was first seen); ``write`` then adds the new
    entries (``first[i]`` is where ``new[i]`` was first seen) and replaces the ``merged`` ones
    (keys ``earlier`` returned, merged with this batch). Values are :data:`EntryValues`.
    """

    def earlier(self, keys: Sequence[str]) -> Mapping[str, tuple[EntryValues, FirstSeen]]: ...

    def write(
        self,
        new: Sequence[EntryValues],
        first: Sequence[FirstSeen],
        merged: Sequence[EntryValues],
    ) -> None: ...

    def locate(self, points: Sequence[Point]) -> Collection[str]:
        """Give a place to written entries that have none yet; returns the keys of ``points``
        that no written entry has (the builder keeps them for the rows still to come)."""
        ...

    def write_legal_entities(self, entities: Sequence[RegisterLegalEntity]) -> None:
        """Write the file's legal entities (merged already), once, at the end of the file."""
        ...


class MemorySink:
    """The default sink: every entry kept in a dict (a preview, a test, a small file)."""

    __slots__ = ("entries", "first", "legal_entities")

    def __init__(self) -> None:
        self.entries: dict[str, RegisterEntry] = {}
        self.first: dict[str, FirstSeen] = {}
        self.legal_entities: dict[str, RegisterLegalEntity] = {}

    def earlier(self, keys: Sequence[str]) -> dict[str, tuple[EntryValues, FirstSeen]]:
        entries, first = self.entries, self.first
        return {k: (entry_values(entries[k]), first[k]) for k in keys if k in entries}

    def write(
        self,
        new: Sequence[EntryValues],
        first: Sequence[FirstSeen],
        merged: Sequence[EntryValues],
    ) -> None:
        entries, seen = self.entries, self.first
        for values, where in zip(new, first, strict=True):
            entries[values[0]] = entry_of_values(values)
            seen[values[0]] = where
        for values in merged:
            entries[values[0]] = entry_of_values(values)

    def locate(self, points: Sequence[Point]) -> list[str]:
        entries, missing = self.entries, []
        for key, latitude, longitude in points:
            entry = entries.get(key)
            if entry is None:
                missing.append(key)
            elif entry.location is None:
                entries[key] = replace(entry, location=GeoPoint(latitude, longitude))
        return missing

    def write_legal_entities(self, entities: Sequence[RegisterLegalEntity]) -> None:
        for entity in entities:
            self.legal_entities[entity.finess_ej] = entity


BATCH_SIZE = 5000
"""Rows a builder checks before handing them to its sink: what memory holds at most."""
_EJ_CACHE = 8192
"""Most FINESS juridiques a builder remembers as checked (then it starts afresh)."""


# One row kept in the current batch, with what a duplicate warning about it needs: the entry's
# values, its line, its ``where``, the place of its duplicate warning in the issue list (after the
# row's own warnings) and its rank in the file. A plain tuple: one is made per row.
_Occurrence = tuple[EntryValues, int, str, int, int]


def _entry_constructor() -> Callable[..., RegisterEntry]:
    """A constructor of :class:`RegisterEntry` by position, twice as fast as the dataclass's.

    A frozen dataclass sets each field through ``object.__setattr__``; the slots' own setters do
    the same work without the look-up, which the 100,000 rows of a national file notice. Built
    from the fields, so it follows them.
    """
    names = [f.name for f in fields(RegisterEntry)]
    namespace: dict[str, object] = {"_new": object.__new__, "_Entry": RegisterEntry}
    for name in names:
        namespace[f"_set_{name}"] = getattr(RegisterEntry, name).__set__
    body = "".join(f"    _set_{name}(entry, {name})\n" for name in names)
    head = f"def new_entry({', '.join(names)}):\n    entry = _new(_Entry)\n"
    exec(head + body + "    return entry\n", namespace)  # generated from the fields alone
    return namespace["new_entry"]  # type: ignore[return-value]


_new_entry = _entry_constructor()


@dataclass(slots=True)
class _Unknown:
    first_line: int
    first_where: str
    first_finess: str
    count: int = 0


_SHARED = (6, 7, 8, 10, 11, 12)
"""Positions of the values a register repeats (label, legal status, postal code, town,
department): kept entries share one string each (the memory of a national preview)."""


def _shared(values: EntryValues) -> EntryValues:
    """``values`` with its repeated strings interned (streamed ones go straight to the file,
    where interning would only cost time)."""
    shared = list(values)
    for i in _SHARED:
        shared[i] = sys.intern(shared[i])
    return tuple(shared)


_Category = tuple[str, str, bool]
"""A raw category cell, checked once: its code, the warning it gives ("" if none), and whether
the nomenclature lacks it."""


class RegisterBuilder:
    """Validates rows of one file into entries; reports issues; merges duplicate establishments.

    ``known_categories`` is the nomenclature (anything answering ``code in``; ``None`` skips the
    check). ``category_labels`` fills a blank label from the nomenclature. Unknown category codes
    are accepted — real files carry codes missing from every published nomenclature — and reported
    once per code with the number of establishments, not once per row, to keep the list readable.

    ``sink`` receives the entries a batch of ``batch_size`` rows at a time (default
    :data:`BATCH_SIZE`); without one they are kept and :meth:`result` returns them. Either way
    the merge and its warnings are those of a builder that would hold every entry.

    Readers call :meth:`add_values` (by position, no object per row); :meth:`add` is the same
    check by keyword, returning the row's :class:`RegisterEntry`.
    """

    def __init__(
        self,
        file: str,
        source: RegisterSource,
        known_categories: Container[str] | None = None,
        category_labels: Mapping[str, str] | None = None,
        sink: EntrySink | None = None,
        batch_size: int | None = None,
    ) -> None:
        self.file = file
        self.source = source
        self._known = known_categories
        self._labels = category_labels or {}
        self._issues: list[ImportIssue] = []
        self._memory: MemorySink | None = None
        if sink is None:
            sink = self._memory = MemorySink()
        self._sink: EntrySink = sink
        self._batch: dict[str, list[_Occurrence]] = {}
        self._batch_rows = 0
        self._batch_size = max(1, batch_size if batch_size is not None else BATCH_SIZE)
        self._flushed = False
        self.written = 0
        self._unknown: dict[str, _Unknown] = {}
        self._ej: dict[str, str] = {}
        self._categories: dict[str, _Category] = {}
        self._dates: dict[str, tuple[str | None, str]] = {}
        self._source = sys.intern(source.value)
        self._last: EntryValues = ()
        self.duplicates = 0
        self.rows = 0
        self._points: list[Point] = []
        self._early: dict[str, tuple[float, float]] = {}
        """Places whose establishment was not written yet (given before its row)."""
        self._early_line = 0
        self.located = 0
        self._legal: dict[str, RegisterLegalEntity] = {}
        self._legal_first: dict[str, FirstSeen] = {}
        self._legal_written = False

    # issues ------------------------------------------------------------------------------------

    def error(self, line: int, message: str, *, where: str = "", finess: str = "") -> None:
        self._issues.append(
            ImportIssue(self.file, line, message, IssueSeverity.ERREUR, where, finess)
        )

    def warn(self, line: int, message: str, *, where: str = "", finess: str = "") -> None:
        self._issues.append(
            ImportIssue(self.file, line, message, IssueSeverity.AVERTISSEMENT, where, finess)
        )

    @property
    def issues(self) -> tuple[ImportIssue, ...]:
        """The issues so far, in file order (the current batch's duplicates resolved first)."""
        self._flush()
        return tuple(self._issues)

    # rows --------------------------------------------------------------------------------------

    def add(
        self,
        line: int,
        *,
        finess: str,
        finess_ej: str = "",
        siret: str = "",
        name: str = "",
        long_name: str = "",
        category: str = "",
        category_label: str = "",
        legal_status_code: str = "",
        legal_status_label: str = "",
        address: str = "",
        postal_code: str = "",
        town: str = "",
        opened: str | date | None = None,
        closed: bool = False,
        closed_on: str | date | None = None,
        capacity: int | None = None,
        where: str = "",
        phone: str = "",
        location: GeoPoint | None = None,
    ) -> RegisterEntry | None:
        """Check one row's raw values; keep it (possibly merged) or reject it with an issue.

        Returns the row's entry (before any merge with a duplicate), or None when the row was
        rejected.
        """
        key = self.add_values(
            line,
            finess,
            finess_ej,
            siret,
            name,
            long_name,
            category,
            category_label,
            legal_status_code,
            legal_status_label,
            address,
            postal_code,
            town,
            opened,
            closed,
            closed_on,
            capacity,
            where,
            phone,
            location,
        )
        if key is None:
            return None
        return entry_of_values(self._last)

    def add_values(
        self,
        line: int,
        finess: str,
        finess_ej: str,
        siret: str,
        name: str,
        long_name: str,
        category: str,
        category_label: str,
        legal_status_code: str,
        legal_status_label: str,
        address: str,
        postal_code: str,
        town: str,
        opened: str | date | None,
        closed: bool,
        closed_on: str | date | None,
        capacity: int | None,
        where: str,
        phone: str = "",
        location: GeoPoint | None = None,
    ) -> str | None:
        """:meth:`add` by position: the row's (normalised) FINESS when kept, None if rejected.

        The checks of a clean value (most of a national file) are written out here rather than
        called: the same rules as :func:`_valid_finess`, :func:`_valid_siret`, :func:`_clean`.
        """
        self.rows += 1
        middle, outer = _MIDDLE, _OUTER
        if (
            finess
            and len(finess) == 9
            and finess.isdigit()
            and finess.isascii()
            and finess[:2] not in _RESERVED
            and (middle[finess[:3]] + outer[finess[3:6]] + middle[finess[6:]]) % 10 == 0
        ):
            key: str | None = finess
        else:
            key = None
        if key is None:
            check = _check_finess(finess)
            if not check.ok:
                shown = (finess or "").strip()
                self.error(line, f"numéro FINESS « {shown} » refusé : {check.problem}", where=where)
                return None
            key = check.value
        pending: list[str] = []  # warnings, emitted once the row is known to be kept

        ej = ""
        if finess_ej and not finess_ej.isspace():
            # Cached by raw text (legal entities repeat), within bounds: a national file has
            # 50,000 of them, and memory must not grow with the file.
            ej = self._ej.get(finess_ej, "")
            if not ej:
                ej_check = _check_finess(finess_ej)
                if ej_check.ok:
                    if len(self._ej) >= _EJ_CACHE:
                        self._ej.clear()
                    ej = self._ej[finess_ej] = ej_check.value
                else:
                    pending.append(
                        f"FINESS juridique « {finess_ej.strip()} » ignoré : {ej_check.problem}"
                    )

        siret_value = ""
        if siret and not siret.isspace():
            if (
                len(siret) == 14
                and siret.isdigit()
                and siret.isascii()
                and not siret.startswith(LA_POSTE_SIREN)
                and (middle[siret[:3]] + outer[siret[3:6]] + middle[siret[6:9]]) % 10 == 0
                and (
                    _PAIR[siret[:2]]
                    + outer[siret[2:5]]
                    + middle[siret[5:8]]
                    + outer[siret[8:11]]
                    + middle[siret[11:]]
                )
                % 10
                == 0
            ):
                siret_value = siret
            if not siret_value:
                problem = _siret_problem(siret)
                if problem:
                    pending.append(f"SIRET « {siret.strip()} » ignoré : {problem}")
                else:
                    siret_value = normalise(siret)

        checked = self._categories.get(category)
        if checked is None:
            checked = self._category(category)
        code, category_problem, unknown_code = checked
        if category_problem:
            pending.append(category_problem)
        elif unknown_code:
            unknown = self._unknown.get(code)
            if unknown is None:
                unknown = self._unknown[code] = _Unknown(line, where, key)
            unknown.count += 1
        label = _clean(category_label) or self._labels.get(code, "")

        clean_name = (
            name
            if not name or ("  " not in name and not name[0].isspace() and not name[-1].isspace())
            else _clean(name)
        )
        clean_long = (
            long_name
            if long_name and "  " not in long_name
            and not long_name[0].isspace() and not long_name[-1].isspace()
            else _clean(long_name)
        ) or clean_name  # fmt: skip
        if not clean_name:
            clean_name = clean_long
        if not clean_name:
            pending.append("raison sociale vide")
        elif clean_long == clean_name:
            clean_long = clean_name  # one string for both when equal (memory of a national file)

        opened_date = None
        if opened:
            known = self._dates.get(opened) if isinstance(opened, str) else None
            if known is not None and not known[1]:
                opened_date = known[0]  # a date already met, valid: most rows
            else:
                opened_date = self._date(opened, "date d'ouverture", pending)
        closed_date = self._date(closed_on, "date de fermeture", pending) if closed_on else None

        if phone and not (len(phone) == 10 and phone.isdigit() and phone.isascii()):
            phone = clean_phone(phone)  # else already as stored (the etalab extract, the flux)
        latitude = longitude = None
        if location is not None:
            latitude, longitude = location.latitude, location.longitude
        if self._early:  # a place given before its row (rare): taken now
            early = self._early.pop(key, None)
            if early is not None and latitude is None:
                latitude, longitude = early
                self.located += 1

        values: EntryValues = (
            key,
            ej,
            siret_value,
            clean_name,
            clean_long,
            code,
            label,
            legal_status_code.strip() if legal_status_code else "",
            _clean(legal_status_label) if legal_status_label else "",
            _clean(address),
            postal_code.strip() if postal_code else "",
            _clean(town) if town else "",
            key[:2] if key[0] != "9" else finess_department(key),
            capacity,
            opened_date,
            closed or closed_date is not None,
            closed_date,
            self._source,
            phone,
            latitude,
            longitude,
        )
        if self._memory is not None:
            values = _shared(values)
        if pending:
            for message in pending:
                self.warn(line, message, where=where, finess=key)
        self._last = values
        occurrence: _Occurrence = (values, line, where, len(self._issues), self.rows)
        group = self._batch.get(key)
        if group is None:
            self._batch[key] = [occurrence]
        else:
            group.append(occurrence)
        self._batch_rows += 1
        if self._batch_rows >= self._batch_size:
            self._flush()
        return key

    def locate(self, line: int, finess: str, location: GeoPoint | None) -> None:
        """Give a place to an establishment from a row of its own (etalab ``geolocalisation``).

        Such rows follow the establishments in real files: places go to the sink a batch at a
        time (memory stays flat), each filling an establishment already written. One given
        before its establishment's row waits for it; one whose establishment never comes is
        reported once, at the end. A number that cannot be valid is passed over: the
        establishment's own row reports it.
        """
        if location is None:
            return
        key = _valid_finess(finess)
        if key is None:
            check = _check_finess(finess)
            if not check.ok:
                return
            key = check.value
        self._points.append((key, location.latitude, location.longitude))
        if not self._early_line:
            self._early_line = line
        if len(self._points) >= self._batch_size:
            self._flush_points()

    def _flush_points(self) -> None:
        points, self._points = self._points, []
        if not points:
            return
        self._flush()  # the establishments read so far are written: the places find them
        missing = set(self._sink.locate(points))
        self.located += len(points) - len(missing)
        for key, latitude, longitude in points:
            if key in missing:
                self._early.setdefault(key, (latitude, longitude))

    def add_legal_entity(
        self,
        line: int,
        finess_ej: str,
        *,
        siren: str = "",
        name: str = "",
        long_name: str = "",
        legal_status_code: str = "",
        legal_status_label: str = "",
        address: str = "",
        postal_code: str = "",
        town: str = "",
        phone: str = "",
        location: GeoPoint | None = None,
        closed: bool = False,
        where: str = "",
        mentioned: bool = False,
    ) -> str | None:
        """Check one legal entity's raw values; keep it, merged with an earlier description.

        ``mentioned``: the file names the legal entity beside each of its establishments (the
        website export) rather than listing it once (the ANS flux): repeats are then expected,
        merged silently, and an invalid number is left to the establishment's own warning. A
        duplicate of a listed one is merged as establishments are (the first wins, open over
        closed, blanks filled) and reported. Returns the normalised FINESS EJ, None if refused.
        """
        key = _valid_finess(finess_ej)
        if key is None:
            if not finess_ej or finess_ej.isspace():
                return None
            check = _check_finess(finess_ej)
            if not check.ok:
                if not mentioned:
                    self.warn(
                        line,
                        f"entité juridique « {finess_ej.strip()} » ignorée : {check.problem}",
                        where=where,
                    )
                return None
            key = check.value
        siren_value = ""
        if siren and not siren.isspace():
            problem = siren_problem(siren)
            if problem:
                self.warn(line, f"SIREN « {siren.strip()} » ignoré : {problem}", where=where)
            else:
                siren_value = normalise(siren)
        clean_name = _clean(name)
        clean_long = _clean(long_name) or clean_name
        entity = RegisterLegalEntity(
            key,
            siren_value,
            clean_name or clean_long,
            clean_long,
            legal_status_code.strip() if legal_status_code else "",
            _clean(legal_status_label),
            _clean(address),
            postal_code.strip() if postal_code else "",
            _clean(town),
            finess_department(key),
            clean_phone(phone),
            location,
            closed,
            self._source,
        )
        previous = self._legal.get(key)
        if previous is None:
            self._legal[key] = entity
            self._legal_first[key] = line if line > 0 else where
            return key
        if not mentioned:
            seen = self._legal_first[key]
            first = f"ligne {seen}" if isinstance(seen, int) else seen
            self.warn(
                line,
                f"entité juridique FINESS {key} en double (déjà présente {first}) : "
                "les deux descriptions ont été fusionnées en une seule",
                where=where,
            )
        self._legal[key] = merge_legal_entities(previous, entity)
        return key

    def _category(self, raw: str) -> _Category:
        """Check a raw category cell once (a register repeats the same few hundred codes)."""
        code = sys.intern(normalise_category(raw))
        problem = ""
        if not code:
            problem = "catégorie d'établissement absente"
        elif not (len(code) == 3 and code.isdigit()):
            problem = f"catégorie « {code} » mal formée (code à 3 chiffres attendu)"
        unknown = not problem and self._known is not None and code not in self._known
        checked = self._categories[raw] = (code, problem, unknown)
        return checked

    def _flush(self) -> None:
        """Merge the batch's duplicates (with earlier batches too), warn, hand it to the sink.

        Each duplicate's warning is put where :meth:`add` would have written it at once, after
        the row's own warnings, so the issue list reads in file order as before batching.
        """
        batch = self._batch
        if not batch:
            return
        self._batch, self._batch_rows = {}, 0
        earlier = self._sink.earlier(list(batch)) if self._flushed else {}
        self._flushed = True
        new: list[EntryValues] = []
        first_seen: list[FirstSeen] = []
        merged: list[EntryValues] = []
        warnings: list[tuple[int, int, ImportIssue]] = []
        for key, group in batch.items():
            stored = earlier.get(key) if earlier else None
            if stored is None:
                if len(group) == 1:  # the usual case: seen once, written as read
                    values, line, where, _, _ = group[0]
                    new.append(values)
                    first_seen.append(line if line > 0 else where)
                    continue
                values, line, where, _, _ = group[0]
                first: FirstSeen = line if line > 0 else where
                others = group[1:]
            else:
                values, first = stored
                others = group
            shown = f"ligne {first}" if isinstance(first, int) else first
            entry = entry_of_values(values)
            for other, line, where, issue_at, seq in others:
                warnings.append((issue_at, seq, self._duplicate(key, shown, line, where)))
                entry = merge_entries(entry, entry_of_values(other))
            if stored is None:
                new.append(entry_values(entry))
                first_seen.append(first)
            else:
                merged.append(entry_values(entry))
        if warnings:
            self.duplicates += len(warnings)
            # Inserted from the end: an insertion never moves a place not yet used.
            for at, _, issue in sorted(warnings, key=lambda w: (w[0], w[1]), reverse=True):
                self._issues.insert(at, issue)
        self._sink.write(new, first_seen, merged)
        self.written += len(new)

    def _duplicate(self, key: str, first: str, line: int, where: str) -> ImportIssue:
        return ImportIssue(
            self.file,
            line,
            f"établissement FINESS {key} en double (déjà présent {first}) : "
            "les deux lignes ont été fusionnées en une seule",
            IssueSeverity.AVERTISSEMENT,
            where,
            key,
        )

    def _date(self, raw: str | date | None, what: str, pending: list[str]) -> str | None:
        """A date as ISO text (parsed once: registers repeat the same dates), noting why it was
        dropped."""
        if raw is None or isinstance(raw, date):
            return None if raw is None else raw.isoformat()
        dates = self._dates
        cached = dates.get(raw)
        if cached is None:
            iso, problem = None, ""
            try:
                parsed = parse_register_date(raw)
                iso = None if parsed is None else parsed.isoformat()
            except ValueError as exc:
                problem = str(exc)
            if len(dates) >= _EJ_CACHE:  # bounded, as the legal entities' cache
                dates.clear()
            cached = dates[raw] = (iso, problem)
        if cached[1]:
            pending.append(f"{what} ignorée : {cached[1]}")
        return cached[0]

    # result ------------------------------------------------------------------------------------

    def result(self) -> RegisterImport:
        """The import: entries in file order, issues in file order, unknown categories last.

        With a sink of the caller's, ``entries`` is empty and ``streamed`` says how many went to
        the sink.
        """
        self._flush()
        self._flush_points()
        if self._early:
            count = len(self._early)
            self.warn(
                self._early_line,
                f"{count} géolocalisation(s) d'établissements absents du fichier : ignorée(s)",
            )
            self._early = {}
        if not self._legal_written:
            self._legal_written = True
            self._sink.write_legal_entities(list(self._legal.values()))
        issues = list(self._issues)
        for code, unknown in sorted(self._unknown.items()):
            count = unknown.count
            who = "1 établissement" if count == 1 else f"{count} établissements, dont celui-ci"
            issues.append(
                ImportIssue(
                    self.file,
                    unknown.first_line,
                    f"catégorie {code} absente de la nomenclature ({who}) : acceptée, à vérifier",
                    IssueSeverity.AVERTISSEMENT,
                    unknown.first_where,
                    unknown.first_finess,
                )
            )
        memory = self._memory
        return RegisterImport(
            entries=tuple(memory.entries.values()) if memory is not None else (),
            issues=tuple(issues),
            duplicates_merged=self.duplicates,
            file=self.file,
            source=self.source.value,
            streamed=0 if memory is not None else self.written,
            legal_entities=tuple(memory.legal_entities.values()) if memory is not None else (),
            legal_streamed=0 if memory is not None else len(self._legal),
            located=self.located,
        )


def merge_entries(kept: RegisterEntry, other: RegisterEntry) -> RegisterEntry:
    """Merge two descriptions of the same establishment into one.

    The first occurrence wins, except that an open description wins over a closed one (a register
    listing an establishment twice usually means it was closed and reopened). Blank values of the
    winner are filled from the other, so merging never loses information.
    """
    return _merged(kept, other, _FIELD_NAMES)


_LEGAL_FIELDS = tuple(f.name for f in fields(RegisterLegalEntity))


def merge_legal_entities(
    kept: RegisterLegalEntity, other: RegisterLegalEntity
) -> RegisterLegalEntity:
    """Merge two descriptions of one legal entity, by the rule of :func:`merge_entries`."""
    return _merged(kept, other, _LEGAL_FIELDS)


_Described = TypeVar("_Described", RegisterEntry, RegisterLegalEntity)


def _merged(kept: _Described, other: _Described, names: Sequence[str]) -> _Described:
    if kept.closed and not other.closed:
        kept, other = other, kept
    filled = {}
    for name in names:
        value = getattr(kept, name)
        if value is None or (isinstance(value, str) and not value):
            spare = getattr(other, name)
            if spare is not None and not (isinstance(spare, str) and not spare):
                filled[name] = spare
    return replace(kept, **filled) if filled else kept


def fill_from_register(
    est: object, entry: RegisterEntry, placeholder_names: Container[str] = ("",)
) -> dict[str, object]:
    """What the register can fill in a grappe row after its FINESS was typed.

    Only empty fields (and a name still at its placeholder) are filled: what the user typed wins
    over the register, so typing a number never overwrites their work.
    """
    changes: dict[str, object] = {}
    if getattr(est, "name", "") in placeholder_names and (entry.long_name or entry.name):
        changes["name"] = entry.long_name or entry.name
    for field, value in (
        ("category", entry.category),
        ("capacity", entry.capacity),
        ("address", entry.address),
        ("postal_code", entry.postal_code),
        ("town", entry.town),
    ):
        if value not in (None, "") and getattr(est, field, None) in (None, ""):
            changes[field] = value
    return changes

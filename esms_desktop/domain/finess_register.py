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

Entries go to an :class:`EntrySink` a batch at a time, not into one dict of the whole register:
the sink may be the register file being written (memory then stays flat whatever the file's
size) or, by default, a dict whose entries :meth:`RegisterBuilder.result` returns. Duplicates are
resolved per batch, against the batch and against what earlier batches wrote, so the merge and its
warnings are the same as if every entry had been kept.

A problem with the file as a whole (empty, not a FINESS file, cut in the middle) raises
:class:`FinessFileError` instead: the reader then returns nothing at all, so a half-read file can
never look like a complete register.

Standard library only: the domain must stay importable by every layer.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum
from typing import Protocol

from esms_desktop.domain.errors import UserError
from esms_desktop.domain.identifiers import (
    LA_POSTE_SIREN,
    FinessCheck,
    check_finess,
    finess_department,
    normalise,
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
    give it (etalab, JSON) — not 0, which would read as "no places".
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


_DOUBLED = bytes((0, 2, 4, 6, 8, 1, 3, 5, 7, 9)[b - 48] if 48 <= b < 58 else 0 for b in range(256))


def _luhn_digits(digits: str) -> bool:
    """Same answer as :func:`luhn_ok` for a string of ASCII digits, five times faster.

    Byte sums and a translation table run in C; a national file checks 200,000 identifiers.
    """
    b = digits.encode("ascii")
    odd = sum(b[-1::-2]) - 48 * ((len(b) + 1) // 2)
    return (odd + sum(b[-2::-2].translate(_DOUBLED))) % 10 == 0


def _valid_finess(raw: str | None) -> str | None:
    """Fast path for the common case, an already clean valid FINESS; None means "check fully".

    A national file has 100,000 of them: skipping normalisation for clean numbers keeps reading
    within a few seconds. Anything unusual goes through :func:`check_finess` and its messages.
    """
    if (
        raw
        and len(raw) == 9
        and raw.isascii()
        and raw.isdigit()
        and raw[:2] not in ("00", "96", "99")
    ):
        return raw if _luhn_digits(raw) else None
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


class EntrySink(Protocol):
    """Where a builder writes its entries, a batch at a time, in file order of first occurrence.

    ``earlier`` answers, for the keys of a new batch, which ones an earlier batch wrote (the entry
    as written, merges included, and where it was first seen); ``write`` then adds the new
    entries and replaces the ``merged`` ones (keys ``earlier`` returned, merged with this batch).
    """

    def earlier(self, keys: Sequence[str]) -> Mapping[str, tuple[RegisterEntry, FirstSeen]]: ...

    def write(
        self, new: Sequence[tuple[RegisterEntry, FirstSeen]], merged: Sequence[RegisterEntry]
    ) -> None: ...


class MemorySink:
    """The default sink: every entry kept in a dict (a preview, a test, a small file)."""

    __slots__ = ("entries", "first")

    def __init__(self) -> None:
        self.entries: dict[str, RegisterEntry] = {}
        self.first: dict[str, FirstSeen] = {}

    def earlier(self, keys: Sequence[str]) -> dict[str, tuple[RegisterEntry, FirstSeen]]:
        entries, first = self.entries, self.first
        return {k: (entries[k], first[k]) for k in keys if k in entries}

    def write(
        self, new: Sequence[tuple[RegisterEntry, FirstSeen]], merged: Sequence[RegisterEntry]
    ) -> None:
        for entry, seen in new:
            self.entries[entry.finess] = entry
            self.first[entry.finess] = seen
        for entry in merged:
            self.entries[entry.finess] = entry


BATCH_SIZE = 5000
"""Rows a builder checks before handing them to its sink: what memory holds at most."""
_EJ_CACHE = 8192
"""Most FINESS juridiques a builder remembers as checked (then it starts afresh)."""


# One row kept in the current batch, with what a duplicate warning about it needs: the entry, its
# line, its ``where``, the place of its duplicate warning in the issue list (after the row's own
# warnings) and its rank in the file. A plain tuple: one is made per row.
_Occurrence = tuple[RegisterEntry, int, str, int, int]


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


class RegisterBuilder:
    """Validates rows of one file into entries; reports issues; merges duplicate establishments.

    ``known_categories`` is the nomenclature (anything answering ``code in``; ``None`` skips the
    check). ``category_labels`` fills a blank label from the nomenclature. Unknown category codes
    are accepted — real files carry codes missing from every published nomenclature — and reported
    once per code with the number of establishments, not once per row, to keep the list readable.

    ``sink`` receives the entries a batch of ``batch_size`` rows at a time (default
    :data:`BATCH_SIZE`); without one they are kept and :meth:`result` returns them. Either way
    the merge and its warnings are those of a builder that would hold every entry.
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
        self._known_codes: dict[str, bool] = {}
        self._dates: dict[str, date | str | None] = {}
        self._source = sys.intern(source.value)
        self.duplicates = 0
        self.rows = 0

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
    ) -> RegisterEntry | None:
        """Check one row's raw values; keep it (possibly merged) or reject it with an issue.

        Returns the row's entry (before any merge with a duplicate), or None when the row was
        rejected.
        """
        self.rows += 1
        key = _valid_finess(finess)
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
            siret_value = _valid_siret(siret) or ""
            if not siret_value:
                problem = _siret_problem(siret)
                if problem:
                    pending.append(f"SIRET « {siret.strip()} » ignoré : {problem}")
                else:
                    siret_value = normalise(siret)

        code = normalise_category(category)
        if not code:
            pending.append("catégorie d'établissement absente")
        elif not (len(code) == 3 and code.isdigit()):
            pending.append(f"catégorie « {code} » mal formée (code à 3 chiffres attendu)")
        elif self._known is not None and not self._is_known(code):
            unknown = self._unknown.setdefault(code, _Unknown(line, where, key))
            unknown.count += 1
        label = _clean(category_label) or self._labels.get(code, "")

        clean_name = _clean(name)
        clean_long = _clean(long_name) or clean_name
        if not clean_name:
            clean_name = clean_long
        if not clean_name:
            pending.append("raison sociale vide")
        elif clean_long == clean_name:
            clean_long = clean_name  # one string for both when equal (memory of a national file)

        opened_date = self._date(opened, "date d'ouverture", pending)
        closed_date = self._date(closed_on, "date de fermeture", pending)

        intern = sys.intern
        entry = _new_entry(
            key,
            ej,
            siret_value,
            clean_name,
            clean_long,
            intern(code),
            intern(label),
            intern((legal_status_code or "").strip()),
            intern(_clean(legal_status_label)),
            _clean(address),
            intern((postal_code or "").strip()),
            intern(_clean(town)),
            intern(finess_department(key)),
            capacity,
            opened_date,
            closed or closed_date is not None,
            closed_date,
            self._source,
        )
        for message in pending:
            self.warn(line, message, where=where, finess=key)
        occurrence: _Occurrence = (entry, line, where, len(self._issues), self.rows)
        group = self._batch.get(key)
        if group is None:
            self._batch[key] = [occurrence]
        else:
            group.append(occurrence)
        self._batch_rows += 1
        if self._batch_rows >= self._batch_size:
            self._flush()
        return entry

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
        new: list[tuple[RegisterEntry, FirstSeen]] = []
        merged: list[RegisterEntry] = []
        warnings: list[tuple[int, int, ImportIssue]] = []
        for key, group in batch.items():
            stored = earlier.get(key)
            if stored is None:
                entry, line, where, _, _ = group[0]
                first: FirstSeen = line if line > 0 else where
                others = group[1:]
            else:
                entry, first = stored
                others = group
            if not others:
                new.append((entry, first))  # the usual case: seen once, written as read
                continue
            shown = f"ligne {first}" if isinstance(first, int) else first
            for other, line, where, issue_at, seq in others:
                warnings.append((issue_at, seq, self._duplicate(key, shown, line, where)))
                entry = merge_entries(entry, other)
            if stored is None:
                new.append((entry, first))
            else:
                merged.append(entry)
        self.duplicates += len(warnings)
        # Inserted from the end: an insertion never moves a place not yet used.
        for at, _, issue in sorted(warnings, key=lambda w: (w[0], w[1]), reverse=True):
            self._issues.insert(at, issue)
        self._sink.write(new, merged)
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

    def _is_known(self, code: str) -> bool:
        """Nomenclature look-up, cached: a register repeats the same few hundred codes."""
        known = self._known_codes.get(code)
        if known is None:
            known = self._known_codes[code] = self._known is not None and code in self._known
        return known

    def _date(self, raw: str | date | None, what: str, pending: list[str]) -> date | None:
        """Parse a date (cached: registers repeat the same dates), noting why it was dropped."""
        if raw is None or isinstance(raw, date):
            return raw
        if not raw or raw.isspace():
            return None
        cached = self._dates.get(raw)
        if cached is None:
            try:
                cached = parse_register_date(raw)
            except ValueError as exc:
                cached = str(exc)
            self._dates[raw] = cached
        if isinstance(cached, str):
            pending.append(f"{what} ignorée : {cached}")
            return None
        return cached

    # result ------------------------------------------------------------------------------------

    def result(self) -> RegisterImport:
        """The import: entries in file order, issues in file order, unknown categories last.

        With a sink of the caller's, ``entries`` is empty and ``streamed`` says how many went to
        the sink.
        """
        self._flush()
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
        )


_FIELD_NAMES = tuple(f.name for f in fields(RegisterEntry))


def merge_entries(kept: RegisterEntry, other: RegisterEntry) -> RegisterEntry:
    """Merge two descriptions of the same establishment into one.

    The first occurrence wins, except that an open description wins over a closed one (a register
    listing an establishment twice usually means it was closed and reopened). Blank values of the
    winner are filled from the other, so merging never loses information.
    """
    if kept.closed and not other.closed:
        kept, other = other, kept
    filled = {}
    for name in _FIELD_NAMES:
        value = getattr(kept, name)
        if value in ("", None):
            spare = getattr(other, name)
            if spare not in ("", None):
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

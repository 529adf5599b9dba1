"""The register builder as it was before streaming (issue 18), kept verbatim as a reference.

The streaming builder must give exactly what this one gave — same entries, same fields, same
issues in the same order, same duplicate count — whatever the batch size: the tests in
``test_finess_streaming_equivalence.py`` read the same files with both.
"""

from __future__ import annotations

import sys
from collections.abc import Container, Mapping
from dataclasses import dataclass, replace
from datetime import date

from esms_desktop.domain.finess_register import (
    ImportIssue,
    IssueSeverity,
    RegisterEntry,
    RegisterImport,
    RegisterSource,
    clean_phone,
    merge_entries,
    parse_register_date,
)
from esms_desktop.domain.geodesy import GeoPoint
from esms_desktop.domain.identifiers import (
    LA_POSTE_SIREN,
    FinessCheck,
    check_finess,
    finess_department,
    normalise,
    siret_problem,
)
from esms_desktop.domain.nomenclature import Nomenclature, normalise_category


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


@dataclass(slots=True)
class _Unknown:
    first_line: int
    first_where: str
    first_finess: str
    count: int = 0


_ADD_ORDER = (
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
    "opened",
    "closed",
    "closed_on",
    "capacity",
    "where",
    "phone",
    "location",
)
"""The order of the new builder's ``add_values`` after the line (``phone`` and ``location``,
issue 19, are optional there)."""


class RegisterBuilder:
    """Validates rows of one file into entries; reports issues; merges duplicate establishments.

    ``known_categories`` is the nomenclature (anything answering ``code in``; ``None`` skips the
    check). ``category_labels`` fills a blank label from the nomenclature. Unknown category codes
    are accepted — real files carry codes missing from every published nomenclature — and reported
    once per code with the number of establishments, not once per row, to keep the list readable.
    """

    def __init__(
        self,
        file: str,
        source: RegisterSource,
        known_categories: Container[str] | None = None,
        category_labels: Mapping[str, str] | None = None,
    ) -> None:
        self.file = file
        self.source = source
        self._known = known_categories
        self._labels = category_labels or {}
        self._issues: list[ImportIssue] = []
        self._entries: dict[str, RegisterEntry] = {}
        # Where each establishment was first seen, for a duplicate's warning: the line, or, when
        # the file has no lines (0), the ``where`` text. A national file keeps 1,000,000 of these:
        # a plain int is all most need.
        self._first_line: dict[str, int | str] = {}
        self._unknown: dict[str, _Unknown] = {}
        self._ej: dict[str, str] = {}
        self._known_codes: dict[str, bool] = {}
        self._dates: dict[str, date | str | None] = {}
        self._source = sys.intern(source.value)
        self._places: dict[str, GeoPoint] = {}  # issue 19 adapter (see locate)
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
        return tuple(self._issues)

    # rows --------------------------------------------------------------------------------------

    def add_values(self, line: int, *values: object) -> str | None:
        """The new builder's positional call, passed on to :meth:`add` by keyword (an adapter
        added for the comparison; the builder itself is unchanged)."""
        named = dict(zip(_ADD_ORDER, values, strict=False))
        assert len(_ADD_ORDER) - 2 <= len(values) <= len(_ADD_ORDER)
        entry = self.add(line, **named)  # type: ignore[arg-type]
        return None if entry is None else entry.finess

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

        Returns the entry as stored, or None when the row was rejected. (``phone`` and
        ``location`` were added by issue 19, stored as the new builder stores them.)
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
            ej = self._ej.get(finess_ej, "")
            if not ej:
                ej_check = _check_finess(finess_ej)
                if ej_check.ok:
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
        entry = RegisterEntry(
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
            clean_phone(phone),
            location,
        )
        for message in pending:
            self.warn(line, message, where=where, finess=key)
        previous = self._entries.get(key)
        if previous is None:
            self._entries[key] = entry
            self._first_line[key] = line if line > 0 else where
            return entry
        self.duplicates += 1
        seen = self._first_line[key]
        first = f"ligne {seen}" if isinstance(seen, int) else seen
        self.warn(
            line,
            f"établissement FINESS {key} en double (déjà présent {first}) : "
            "les deux lignes ont été fusionnées en une seule",
            where=where,
            finess=key,
        )
        merged = merge_entries(previous, entry)
        self._entries[key] = merged
        return merged

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

    def locate(self, line: int, finess: str, location: GeoPoint | None) -> None:
        """Issue 19 adapter: a place from its own row fills an entry without one (at the end,
        whatever the order of the rows)."""
        key = _valid_finess(finess) or check_finess(finess).value
        if location is not None:
            self._places.setdefault(key, location)

    def add_legal_entity(self, line: int, finess_ej: str, **values: object) -> str | None:
        """Issue 19 adapter: this builder knew no legal entities (compared apart)."""
        return None

    def result(self) -> RegisterImport:
        """The import: entries in file order, issues in file order, unknown categories last."""
        for key, location in self._places.items():
            entry = self._entries.get(key)
            if entry is not None and entry.location is None:
                self._entries[key] = replace(entry, location=location)
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
        return RegisterImport(
            entries=tuple(self._entries.values()),
            issues=tuple(issues),
            duplicates_merged=self.duplicates,
            file=self.file,
            source=self.source.value,
        )


def legacy_builder(
    file: str, source: RegisterSource, nomenclature: Nomenclature | None, sink: object = None
) -> RegisterBuilder:
    """What ``finess_common.new_builder`` made before streaming (``sink`` ignored)."""
    from esms_desktop.importers.finess_common import default_nomenclature

    nom = nomenclature if nomenclature is not None else default_nomenclature()
    labels = {c.code: c.label for c in nom.categories() if c.label}
    return RegisterBuilder(file, source, nom, labels)

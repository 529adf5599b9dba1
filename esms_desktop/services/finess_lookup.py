"""Use cases on the offline FINESS register: load a file, look numbers up, search, fill a grappe.

Applicants build their grappe from FINESS numbers they have on paper; typing each name, category,
capacity and address by hand is where mistakes creep in. The user loads a register file once (the
FINESS website export, the national etalab extract or the ANS JSON flux); afterwards numbers are
completed and establishments found without any network access.

Loading is all-or-nothing for the file as a whole: a file that cannot be read (cut in the middle,
not a FINESS file) or a cancelled load writes nothing and the previous table stays. Rows the reader
refuses (an invalid FINESS…) are reported, and the valid ones are loaded: one bad line in 100,000
must not block the other establishments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.finess_register import (
    EntrySink,
    FinessFileError,
    ImportIssue,
    IssueSeverity,
    RegisterEntry,
    RegisterImport,
    RegisterLegalEntity,
)
from esms_desktop.domain.grappe import Establishment, Grappe, OgRole, Organisation, ProjectType
from esms_desktop.domain.identifiers import check_finess
from esms_desktop.importers.finess_detect import read_register
from esms_desktop.importers.progress import CancelToken, ProgressFn
from esms_desktop.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:  # a plain record; importing it at run time would pull SQLAlchemy in
    from esms_desktop.storage.register_repository import RegisterInfo

PROGRESS_SCALE = 1000
"""``load_register`` reports progress in thousandths of the whole job (reading, then writing)."""
READ_SHARE = 950
"""Thousandths of the bar given to reading the file (its entries written as they are read); the
rest goes to indexing the new table."""
DEFAULT_SEARCH_LIMIT = 50
MAX_SEARCH_LIMIT = 1000
NO_EJ_OG_NAME = "OG sans FINESS juridique"
_LISTED = 10
"""How many FINESS numbers a change-log line quotes before « … »."""


class FinessLookupError(UserError, ValueError):
    """Input the user can fix (a bad number, no register loaded…); ``message`` is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FinessNumberError(FinessLookupError):
    """A FINESS number that cannot be valid (length, key…): ``problem`` says why."""

    def __init__(self, typed: str, problem: str) -> None:
        super().__init__(f"Numéro FINESS « {typed} » invalide : {problem}.")
        self.typed = typed
        self.problem = problem


class RegisterNotLoadedError(FinessLookupError):
    """No register file was ever loaded: look-ups cannot tell "unknown" from "not loaded"."""

    def __init__(self) -> None:
        super().__init__(
            "Aucun répertoire FINESS n'est chargé : importez d'abord un fichier du répertoire "
            "(export CSV du site FINESS, extraction etalab ou flux JSON de l'ANS)."
        )


# --- loading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What a load did: how many establishments are now in the table, from which file, and every
    problem the reader reported (rows left out, values dropped, duplicates merged)."""

    count: int
    issues: tuple[ImportIssue, ...]
    file: str
    source: str = ""
    duplicates_merged: int = 0

    @property
    def errors(self) -> tuple[ImportIssue, ...]:
        """Rows left out of the table."""
        return tuple(i for i in self.issues if i.severity is IssueSeverity.ERREUR)

    @property
    def warnings(self) -> tuple[ImportIssue, ...]:
        return tuple(i for i in self.issues if i.severity is IssueSeverity.AVERTISSEMENT)

    @property
    def summary(self) -> str:
        """One French sentence: « 1 508 établissements chargés depuis « x.csv » »."""
        noun = "établissement chargé" if self.count == 1 else "établissements chargés"
        text = f"{format_count(self.count)} {noun} depuis « {self.file} »"
        rejected = len(self.errors)
        if rejected:
            text += f" ({format_count(rejected)} ligne(s) refusée(s))"
        return text + "."


def format_count(n: int) -> str:
    """Thousands grouped the French way, with a plain space (« 1 508 »): the typographic narrow
    no-break space shows as « ? » in some Windows consoles."""
    return f"{n:,}".replace(",", " ")


def _scaled(progress: ProgressFn | None, start: int, span: int) -> ProgressFn | None:
    """Map a reader's ``(done, total)`` onto ``start…start+span`` thousandths of the whole job."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        if total > 0:
            progress(start + span * min(done, total) // total, PROGRESS_SCALE)

    return report


def load_register(
    uow: UnitOfWork,
    path: Path | str,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> LoadResult:
    """Read a FINESS register file and make it the look-up table, replacing what was there.

    The file is streamed into a new register file as it is read (batches of checked, merged
    entries: memory does not grow with the file); the commit then puts the new file in place.
    Reading writes nothing to the dossier database, so no write lock is held meanwhile. Progress
    is reported as ``(thousandths, 1000)``: reading and writing, then the indexes.

    Raises:
        FinessFileError: the file as a whole cannot be read, or holds no valid establishment
            (nothing written, the previous table kept).
        Cancelled: ``cancel`` was set while reading or writing (nothing written).
        StoreError: the database could not be written (nothing written).
    """
    path = Path(path)
    reading = _scaled(progress, 0, READ_SHARE)

    def fill(sink: EntrySink) -> RegisterImport:
        return read_register(path, reading, cancel, sink=sink)

    with uow:
        read = uow.register.replace_streamed(
            fill, loaded_at=datetime.now(UTC), source_path=str(path.absolute())
        )
        if not read.count:  # leaving the block deletes the new file: the old table stays
            raise FinessFileError(
                read.file or path.name,
                0,
                "aucun établissement valide dans ce fichier : le répertoire déjà chargé est "
                "conservé.",
                read.issues,
            )
        if cancel is not None:
            cancel.raise_if_cancelled()
        uow.commit()
    if progress is not None:
        progress(PROGRESS_SCALE, PROGRESS_SCALE)
    return LoadResult(
        read.count, read.issues, read.file or path.name, read.source, read.duplicates_merged
    )


def rebuild_register(uow: UnitOfWork, source: Path | str) -> str:
    """Load again the file a lost register came from (its own file was missing or damaged at
    start); returns the French sentence to tell the user, whether it worked or not.

    Never raises for the file: the dossiers are not concerned, and the user can always load a
    register by hand.
    """
    try:
        result = load_register(uow, source)
    except (UserError, OSError) as exc:
        reason = getattr(exc, "message", None) or str(exc)
        return (
            f"Le répertoire FINESS n'a pas pu être reconstruit depuis « {source} » ({reason}) : "
            "importez de nouveau un fichier du répertoire."
        )
    return f"Répertoire FINESS reconstruit : {result.summary}"


def status(uow: UnitOfWork) -> RegisterInfo | None:
    """What is loaded (file, format, date, count), or ``None`` when no register was loaded."""
    with uow:
        return uow.register.info()


# --- looking up -------------------------------------------------------------------------------


def valid_finess(typed: str) -> str:
    """The normalised number, or :class:`FinessNumberError` with ``check_finess``'s problem."""
    check = check_finess(typed or "")
    if not check.ok:
        raise FinessNumberError((typed or "").strip(), check.problem)
    return check.value


def lookup(uow: UnitOfWork, finess: str) -> RegisterEntry | None:
    """The establishment with this FINESS number in the loaded register, ``None`` if absent.

    The number is normalised first (spaces, dots…); one that cannot be valid raises
    :class:`FinessNumberError` — an 8-digit number gets the « zéro perdu ? » suggestion.
    """
    number = valid_finess(finess)
    with uow:
        return uow.register.get(number)


def search(uow: UnitOfWork, text: str, limit: int = DEFAULT_SEARCH_LIMIT) -> list[RegisterEntry]:
    """Establishments whose name or town contains every word typed (start of words, case and
    accents ignored), or whose FINESS géographique or juridique starts with what was typed.

    Open establishments come first, then by name; at most ``limit`` (1 to 1,000) results.
    """
    if not (text or "").strip():
        return []
    bounded = max(1, min(int(limit), MAX_SEARCH_LIMIT))
    with uow:
        return uow.register.search(text, bounded)


def establishments_of(
    uow: UnitOfWork, finess_ej: str, include_closed: bool = False
) -> list[RegisterEntry]:
    """The establishments of one FINESS juridique (open ones only unless ``include_closed``)."""
    number = valid_finess(finess_ej)
    with uow:
        return uow.register.by_ej(number, include_closed=include_closed)


# --- from the register to the grappe ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddedEssms:
    """An ESSMS added to the dossier, and the OG that received it."""

    finess: str
    name: str
    organisation: str


@dataclass(frozen=True, slots=True)
class AddReport:
    """What an addition from the register did, number by number, for the user to read.

    Nothing here is an error for the other numbers: a number already in the dossier is
    ``skipped``, one the register does not know is ``unknown``, a closed establishment is
    ``closed`` (not added: it cannot be funded), a mistyped one is ``invalid`` with its problem.
    """

    added: tuple[AddedEssms, ...] = ()
    skipped: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    closed: tuple[str, ...] = ()
    invalid: tuple[tuple[str, str], ...] = ()
    created_organisations: tuple[str, ...] = ()
    closed_left_out: int = 0
    """Closed establishments of a legal entity not taken (``add_by_ej``): information only."""

    @property
    def changed(self) -> bool:
        return bool(self.added)

    @property
    def complete(self) -> bool:
        """Every number given is now in the dossier (added now or already there)."""
        return not (self.unknown or self.closed or self.invalid)

    def lines(self) -> list[str]:
        """French sentences on what was done (added, OG created, already there)."""
        out: list[str] = []
        if self.added:
            out.append(f"{len(self.added)} ESSMS ajouté(s) :")
            out += [f"  - {a.finess} « {a.name} » → {a.organisation}" for a in self.added]
        else:
            out.append("Aucun ESSMS ajouté.")
        out += [f"OG créé : « {name} »." for name in self.created_organisations]
        if self.skipped:
            out.append(f"Déjà dans le dossier, non ajouté(s) : {', '.join(self.skipped)}.")
        if self.closed_left_out:
            out.append(
                f"{self.closed_left_out} établissement(s) fermé(s) de cette entité juridique "
                "non repris."
            )
        return out

    def problems(self) -> list[str]:
        """French sentences on the numbers that could not be added, one per kind of problem."""
        out: list[str] = []
        if self.unknown:
            out.append(f"Absent(s) du répertoire FINESS chargé : {', '.join(self.unknown)}.")
        if self.closed:
            out.append(f"Fermé(s) selon le répertoire, non ajouté(s) : {', '.join(self.closed)}.")
        out += [f"Numéro « {typed} » ignoré : {problem}." for typed, problem in self.invalid]
        return out


def _establishment(entry: RegisterEntry) -> Establishment:
    """A new grappe row from the register: no project decided yet (``aucun``), its address the
    establishment's own (the legal entity's seat is another place)."""
    return Establishment(
        finess=entry.finess,
        name=entry.long_name or entry.name,
        category=entry.category,
        capacity=entry.capacity,
        project=ProjectType.AUCUN,
        address=entry.address,
        postal_code=entry.postal_code,
        town=entry.town,
    )


LegalEntityOf = Callable[[str], RegisterLegalEntity | None]
"""The register's legal entity of a FINESS EJ, when it lists it."""


def legal_entity(uow: UnitOfWork, finess_ej: str) -> RegisterLegalEntity | None:
    """The legal entity (organisme gestionnaire) the loaded register lists under this FINESS EJ,
    or ``None`` (not listed: the etalab extract lists none; or nothing loaded)."""
    number = valid_finess(finess_ej)
    with uow:
        return uow.register.legal_entity(number)


def _og_siren(entity: RegisterLegalEntity | None, entry: RegisterEntry) -> str:
    """The OG's SIREN: the legal entity's own when listed, else the SIRET's first nine digits."""
    if entity is not None and entity.siren:
        return entity.siren
    return entry.siret[:9]


def og_name(uow: UnitOfWork, finess_ej: str) -> str:
    """The name a new OG gets when added from the register (see :func:`_og_name`)."""
    with uow:
        return _og_name(uow, finess_ej)


def _og_name(uow: UnitOfWork, finess_ej: str) -> str:
    """The legal entity's name when the register lists it (the ANS flux does), else the name of
    an establishment listed under the same number (some files list the seat so), else
    « OG <FINESS juridique> »."""
    if not finess_ej:
        return NO_EJ_OG_NAME
    legal = uow.register.legal_entity(finess_ej)
    if legal is not None and legal.display_name:
        return legal.display_name
    entity = uow.register.get(finess_ej)
    if entity is not None and (entity.long_name or entity.name):
        return entity.long_name or entity.name
    return f"OG {finess_ej}"


def place_entries(
    grappe: Grappe,
    entries: Sequence[RegisterEntry],
    og_index: int | None,
    og_name: Callable[[str], str],
    legal_entity: LegalEntityOf | None = None,
) -> tuple[Grappe, list[AddedEssms], list[str]]:
    """Add ``entries`` to ``grappe``: into OG ``og_index``, or each into the OG of its FINESS
    juridique (created when missing, named by ``og_name``, the porteur if the grappe had no OG).

    An OG's blank SIREN is filled from its legal entity (``legal_entity``, when the register
    lists it), else from the establishment's SIRET; a SIREN already there is never replaced.
    Pure: the GUI calls it on the dossier being edited (one undo step), the CLI on a stored one.
    """
    entities: dict[str, RegisterLegalEntity | None] = {}

    def entity_of(ej: str) -> RegisterLegalEntity | None:
        if not ej or legal_entity is None:
            return None
        if ej not in entities:
            entities[ej] = legal_entity(ej)
        return entities[ej]

    orgs = list(grappe.organisations)
    added: list[AddedEssms] = []
    created: list[str] = []
    for entry in entries:
        ej = entry.finess_ej
        if og_index is not None:
            index = og_index
        else:
            found = next(
                (
                    k
                    for k, og in enumerate(orgs)
                    if og.finess_ej == ej and (ej or og.name == NO_EJ_OG_NAME)
                ),
                None,
            )
            if found is None:
                name = og_name(ej)
                role = OgRole.PORTEUR if not orgs else OgRole.MEMBRE
                siren = _og_siren(entity_of(ej), entry)
                orgs.append(Organisation(name=name, role=role, siren=siren, finess_ej=ej))
                created.append(name)
                found = len(orgs) - 1
            index = found
            if not orgs[index].siren:  # fill a blank, never overwrite
                siren = _og_siren(entity_of(ej), entry)
                if siren:
                    orgs[index] = replace(orgs[index], siren=siren)
        og = orgs[index]
        est = _establishment(entry)
        orgs[index] = replace(og, establishments=(*og.establishments, est))
        added.append(AddedEssms(est.finess, est.name, og.name))
    return replace(grappe, organisations=tuple(orgs)), added, created


def _listed(numbers: Iterable[str]) -> str:
    items = list(numbers)
    shown = ", ".join(items[:_LISTED])
    return shown + (", …" if len(items) > _LISTED else "")


def _commit_additions(
    uow: UnitOfWork,
    dossier: Dossier,
    entries: Sequence[RegisterEntry],
    og_index: int | None,
    what: str,
) -> tuple[list[AddedEssms], list[str]]:
    """Write the grappe with ``entries`` added and one change-log line (inside ``with uow``)."""
    if not entries:
        return [], []
    grappe, added, created = place_entries(
        dossier.grappe,
        entries,
        og_index,
        lambda ej: _og_name(uow, ej),
        uow.register.legal_entity,
    )
    now = datetime.now(UTC)
    assert dossier.id is not None  # loaded from the store
    uow.dossiers.replace(replace(dossier, grappe=grappe, updated=now))
    summary = (
        f"{len(added)} ESSMS ajouté(s) depuis le répertoire FINESS ({what}) : "
        f"{_listed(a.finess for a in added)}."
    )
    if created:
        summary += f" OG créé(s) : {', '.join(f'« {n} »' for n in created)}."
    uow.dossiers.log(dossier.id, "finess_ajout", summary, now)
    uow.commit()
    return added, created


def _require_loaded(uow: UnitOfWork) -> None:
    if uow.register.info() is None:
        raise RegisterNotLoadedError()


def add_by_finess(
    uow: UnitOfWork, dossier_id: int, numbers: Sequence[str], og_index: int | None = None
) -> AddReport:
    """Add the establishments with these FINESS numbers to a dossier, from the loaded register.

    Each goes into OG ``og_index`` when given, else into the OG of its FINESS juridique (created,
    with its SIREN, when the dossier has none). New ESSMS are filled from the register (name,
    category, capacity, address) with project ``aucun``. One transaction, one change-log line;
    nothing is written when nothing is added.

    Raises:
        RegisterNotLoadedError: no register was loaded.
        FinessLookupError: ``og_index`` names no OG of the dossier.
        NotFoundError: no such dossier.
    """
    invalid: list[tuple[str, str]] = []
    wanted: list[str] = []
    for typed in numbers:
        check = check_finess(typed or "")
        if not check.ok:
            invalid.append(((typed or "").strip(), check.problem))
        elif check.value not in wanted:
            wanted.append(check.value)
    with uow:
        _require_loaded(uow)
        dossier = uow.dossiers.get(dossier_id)
        orgs = dossier.grappe.organisations
        if og_index is not None and not 0 <= og_index < len(orgs):
            raise FinessLookupError(
                f"Le dossier « {dossier.name} » n'a pas d'OG n° {og_index + 1} "
                f"({len(orgs)} OG) : rien n'a été ajouté."
            )
        present = {est.finess for _, est in dossier.grappe.rows()}
        found: list[RegisterEntry] = []
        skipped: list[str] = []
        unknown: list[str] = []
        closed: list[str] = []
        for number in wanted:
            if number in present:
                skipped.append(number)
                continue
            entry = uow.register.get(number)
            if entry is None:
                unknown.append(number)
            elif entry.closed:
                closed.append(number)
            else:
                found.append(entry)
        added, created = _commit_additions(uow, dossier, found, og_index, "par numéro")
    return AddReport(
        tuple(added), tuple(skipped), tuple(unknown), tuple(closed), tuple(invalid), tuple(created)
    )


def add_by_ej(uow: UnitOfWork, dossier_id: int, finess_ej: str) -> AddReport:
    """Add every open establishment of one FINESS juridique to a dossier, as one OG.

    The OG of the dossier with this FINESS juridique receives them; without one, an OG is created
    (named after the legal entity when the register lists it, else « OG <numéro> », with the
    legal entity's SIREN, else the one of the establishments' SIRET). ESSMS already in the
    dossier are skipped and reported.

    Raises:
        FinessNumberError: ``finess_ej`` cannot be a FINESS number.
        RegisterNotLoadedError: no register was loaded.
        NotFoundError: no such dossier.
    """
    number = valid_finess(finess_ej)
    with uow:
        _require_loaded(uow)
        dossier = uow.dossiers.get(dossier_id)
        every = uow.register.by_ej(number, include_closed=True)
        if not every:
            return AddReport(unknown=(number,))
        present = {est.finess for _, est in dossier.grappe.rows()}
        open_entries = [e for e in every if not e.closed]
        skipped = [e.finess for e in open_entries if e.finess in present]
        new = [e for e in open_entries if e.finess not in present]
        added, created = _commit_additions(uow, dossier, new, None, f"entité juridique {number}")
    return AddReport(
        added=tuple(added),
        skipped=tuple(skipped),
        created_organisations=tuple(created),
        closed_left_out=len(every) - len(open_entries),
    )


__all__ = [
    "AddReport",
    "AddedEssms",
    "FinessLookupError",
    "FinessNumberError",
    "LoadResult",
    "RegisterNotLoadedError",
    "add_by_ej",
    "add_by_finess",
    "establishments_of",
    "format_count",
    "legal_entity",
    "load_register",
    "lookup",
    "rebuild_register",
    "search",
    "status",
    "valid_finess",
]

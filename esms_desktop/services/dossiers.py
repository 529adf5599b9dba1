"""Use cases on dossiers: create, list, load, save, rename, duplicate, delete, attach files.

Each function takes a unit of work (``store.uow()`` in the program), runs in one transaction that is
committed as a whole or not at all, writes one French line to the dossier's change log, and returns
plain domain values. Storage failures arrive as ``StoreError`` subclasses (French ``message``); bad
input from the user as :class:`DossierInputError` (a ``ValueError``, French too).

A stored dossier may hold a value no door lets in (a poisoned import of an older version stored
``NaN`` hours, a capacity of -5): the store reads it as found, and :func:`open_dossier` and the
list give its :func:`stored_problems` with it. Such a dossier is read-only until repaired: it is
listed « à réparer », never judged nor budgeted, and printing or editing it refuses with
:class:`DossierToRepairError`, which lists the problems and says how to repair.

Edits themselves are pure functions of the domain (:mod:`esms_desktop.domain.edits`): the GUI
applies one to the dossier it holds and saves the result with :func:`save_dossier`, handing the
value it last saved so that only what differs is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType

from esms_desktop import __version__
from esms_desktop.domain.campaign import CampaignError
from esms_desktop.domain.completeness import missing_items, readiness
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.fields import ESTABLISHMENT_FIELDS
from esms_desktop.domain.file_names import safe_file_name
from esms_desktop.domain.follow_up import NO_FOLLOW_UP, Phase
from esms_desktop.domain.grappe import Grappe
from esms_desktop.domain.home_summary import DossierHead, HomeSummary
from esms_desktop.domain.validation import MAX_PROBLEMS_SHOWN, Problem, dossier_problems, shown
from esms_desktop.services import catalog
from esms_desktop.services.assessment import assess_dossier
from esms_desktop.services.unit_of_work import UnitOfWork
from esms_desktop.storage.errors import NotFoundError, StoreError
from esms_desktop.storage.records import AnnexFileInfo, ChangeLogEntry

MAX_NAME_LENGTH = 200
MAX_ANNEX_FILE_BYTES = 50 * 1024 * 1024


def _in_sentence(label: str) -> str:
    """« Capacité » → « capacité » inside a sentence; acronyms (« FINESS », « DUI ») stay."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


ESTABLISHMENT_FIELD_LABELS: Mapping[str, str] = MappingProxyType(
    {f.name: _in_sentence(f.label) for f in ESTABLISHMENT_FIELDS}
)
"""French names of the ESSMS fields, for the change log and merge reports."""

_DOSSIER_PART_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "name": "nom",
        "campaign_id": "campagne",
        "project_title": "titre du projet",
        "porteur": "porteur",
        "grappe": "grappe",
        "overrides": "valeurs de campagne",
        "autodiagnostics": "autodiagnostic",
        "usage_targets": "cibles d'usage",
        "milestones": "jalons",
        "governance": "gouvernance",
        "annexes": "annexes",
        "attestations": "attestations",
        "convention_date": "date de convention",
        "campaign_fingerprint": "version de la campagne",
        "declarations": "déclarations (GHT, éditeur)",
        "team": "équipe projet",
        "follow_up": "suivi du projet",
    }
)


class DossierInputError(UserError, ValueError):
    """Input the user can fix (empty name, level out of range…); ``message`` is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FiledCandidatureError(UserError):
    """An edit of what was filed (the grappe, the budget's inputs, the commitments) in a dossier
    already filed, not asked as an amendment: nothing is written. ``changes`` are the French
    lines of :func:`~esms_desktop.domain.follow_up_edits.describe_changes`; the window shows
    them, asks whether to make the edit an amendment, and saves again with ``amendment=True``."""

    def __init__(self, name: str, changes: list[str]) -> None:
        self.changes = tuple(changes)
        lines = "\n".join(f"  - {line}" for line in changes)
        super().__init__(
            f"La candidature du dossier « {name} » est déjà déposée : cette modification "
            f"en change le contenu et demande un avenant. Rien n'a été enregistré.\n{lines}"
        )


class DossierToRepairError(UserError):
    """A stored dossier with values no door lets in: read-only, refused for ``refused``.

    The message names the dossier, lists the problems (where, field, value, expected) and says
    how to repair: a backup from before the problem, or deleting the dossier.
    """

    def __init__(self, dossier: Dossier, problems: tuple[Problem, ...], refused: str) -> None:
        self.dossier_id = dossier.id
        self.problems = problems
        count = len(problems)
        lines = [f"• {p}" for p in problems[:MAX_PROBLEMS_SHOWN]]
        if count > MAX_PROBLEMS_SHOWN:
            lines.append(f"• … et {count - MAX_PROBLEMS_SHOWN} autre(s) problème(s)")
        super().__init__(
            f"Le dossier « {shown(dossier.name)} » (n° {dossier.id}) contient {count} "
            f"valeur{'s' if count > 1 else ''} hors des limites admises ; il est en lecture "
            f"seule jusqu'à sa réparation : {refused}.\n" + "\n".join(lines) + "\n" + REPAIR_HINT
        )


REPAIR_HINT = (
    "Pour le réparer, restaurez une sauvegarde d'avant le problème (tous les dossiers reviennent "
    "alors à cet instant), ou supprimez ce dossier."
)
"""How a dossier with problems is repaired, said wherever it is refused."""


def _unread_values(dossier: Dossier) -> list[Problem]:
    """Dates the store could not read (kept as their text), which the validation does not see:
    it judges the values the doors fill, and these the program writes itself."""
    found = []
    dates: list[tuple[str, str, object, type]] = [
        ("Dossier", "date de convention", dossier.convention_date, date),
        ("Dossier", "date de création", dossier.created, datetime),
        ("Dossier", "dernière modification", dossier.updated, datetime),
    ]
    dates += [
        (f"Jalon n°{i}", "échéance", m.due, date) for i, m in enumerate(dossier.milestones, start=1)
    ]
    for where, label, value, kind in dates:
        if value is not None and not isinstance(value, kind):
            found.append(Problem(where, label, shown(value), "date attendue"))
    return found


def stored_problems(dossier: Dossier) -> tuple[Problem, ...]:
    """Every value of a stored dossier no door would have let in (``()`` for a sound one)."""
    return dossier_problems(dossier) + tuple(_unread_values(dossier))


@dataclass(frozen=True, slots=True)
class LoadedDossier:
    """A stored dossier and its :func:`stored_problems`: with any, it is read-only."""

    dossier: Dossier
    problems: tuple[Problem, ...] = ()

    @property
    def read_only(self) -> bool:
        return bool(self.problems)

    def usable(self, refused: str) -> Dossier:
        """The dossier, when sound; else :class:`DossierToRepairError` saying what is
        ``refused`` (« impossible de l'imprimer »)."""
        if self.problems:
            raise DossierToRepairError(self.dossier, self.problems, refused)
        return self.dossier


@dataclass(frozen=True, slots=True)
class DossierSummary:
    """One line of the dossier list; ``problems`` non-empty: the dossier is « à réparer »."""

    id: int
    name: str
    campaign_id: str
    establishment_count: int
    updated: datetime | None
    problems: tuple[Problem, ...] = ()


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(previous: datetime | None) -> datetime:
    """The ``updated`` date of a write replacing a dossier dated ``previous``: now, but always
    later than ``previous`` (a coarse clock may give the same instant twice), since a save trusts
    the value it was handed only while the stored date is still that value's."""
    now = _now()
    if previous is not None and previous.tzinfo is not None and now <= previous:
        return previous + timedelta(microseconds=1)
    return now


def _clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise DossierInputError("Le nom du dossier ne peut pas être vide.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise DossierInputError(
            f"Le nom du dossier est trop long ({len(cleaned)} caractères, "
            f"{MAX_NAME_LENGTH} au plus)."
        )
    return cleaned


def _clean_campaign(campaign_id: str) -> str:
    cleaned = (campaign_id or "").strip()
    if not cleaned:
        raise DossierInputError("Choisissez la campagne (l'appel à projets) du dossier.")
    return cleaned


def campaign_fingerprint(campaign_id: str) -> str:
    """The current fingerprint of the campaign ``campaign_id``, which a new dossier records so
    that a later change of the campaign file is noticed; ``""`` for an identifier no campaign has
    (creation does not refuse it: the command line checks it first, and a dossier of an unknown
    campaign is listed without a total, as before)."""
    try:
        return catalog.campaign(campaign_id).fingerprint
    except CampaignError:
        return ""


def changed_fields(before: object, after: object) -> list[str]:
    """Names of the dataclass fields whose values differ between two values of the same type."""
    return [
        f.name
        for f in dataclasses.fields(before)  # type: ignore[arg-type]
        if getattr(before, f.name) != getattr(after, f.name)
    ]


def _establishment_count(dossier: Dossier) -> int:
    return dossier.grappe.establishment_count


# --- whole dossiers ---------------------------------------------------------------------------


def create_dossier(
    uow: UnitOfWork, name: str, campaign_id: str, grappe: Grappe | None = None
) -> int:
    """Create a dossier (default annexes, attestations and usage targets); returns its id.

    The dossier records its campaign's current fingerprint (:func:`campaign_fingerprint`).
    """
    now = _now()
    cleaned = _clean_campaign(campaign_id)
    dossier = Dossier(
        name=_clean_name(name),
        campaign_id=cleaned,
        grappe=grappe if grappe is not None else Grappe(),
        created=now,
        updated=now,
        campaign_fingerprint=campaign_fingerprint(cleaned),
    )
    with uow:
        new_id = uow.dossiers.add(dossier)
        uow.dossiers.log(
            new_id,
            "creation",
            f"Dossier « {dossier.name} » créé (campagne {dossier.campaign_id}, "
            f"{len(dossier.grappe.organisations)} OG, {_establishment_count(dossier)} ESSMS).",
            now,
        )
        uow.commit()
    return new_id


def _summary(d: Dossier) -> DossierSummary:
    """The list's line of a dossier; what the store could not read shows as text or nothing."""
    return DossierSummary(
        id=d.id if d.id is not None else 0,
        name=d.name if isinstance(d.name, str) else shown(d.name),
        campaign_id=d.campaign_id if isinstance(d.campaign_id, str) else shown(d.campaign_id),
        establishment_count=_establishment_count(d),
        updated=d.updated if isinstance(d.updated, datetime) else None,
        problems=stored_problems(d),
    )


def list_loaded(uow: UnitOfWork) -> list[tuple[DossierSummary, Dossier]]:
    """Every dossier with its line, most recently changed first: what the home list judges,
    read once."""
    with uow:
        dossiers = uow.dossiers.list_all()
    return [(_summary(d), d) for d in dossiers]


def list_dossiers(uow: UnitOfWork) -> list[DossierSummary]:
    """Every dossier, most recently changed first (those with problems included)."""
    return [summary for summary, _ in list_loaded(uow)]


# --- the home list: summaries kept in the store ----------------------------------------------
#
# Computed when the list finds one absent or stale, not at every save: a save of one edit of a
# 1,000-ESSMS dossier writes one row in 2-3 ms, where the budget and the check of every value
# take 20 to 60 ms. The store's triggers (migration 0012) clear a summary on any write to the
# dossier's rows, so one edited since is computed again by the next list, once.


def summary_key(campaign_id: str) -> str:
    """What a summary depends on besides the dossier: its campaign file as it is now, the
    program's rules (its version) and the questionnaire (its size)."""
    questions = catalog.questionnaire().question_count
    return f"{campaign_fingerprint(campaign_id)}|{__version__}|{questions}"


def home_summary(dossier: Dossier, key: str) -> HomeSummary:
    """The figures of the dossier's home line: with problems it is judged on nothing (no total
    over a ``NaN``), and a campaign this folder does not have gives no total nor verdict."""
    count = _establishment_count(dossier)
    problems = stored_problems(dossier)
    if problems:
        return HomeSummary(key, count, len(problems))
    try:
        budget = assess_dossier(dossier)
    except CampaignError:
        return HomeSummary(key, count, 0)
    items = missing_items(dossier, budget, catalog.questionnaire().question_count)
    verdict = readiness(budget, items)
    return HomeSummary(key, count, 0, budget.total, verdict.eligible, verdict.complete, len(items))


def listed_dossiers(
    read: UnitOfWork, write: UnitOfWork | None = None
) -> list[tuple[DossierHead, HomeSummary]]:
    """Every dossier with its summary, most recently changed first: the stored one when its key
    is the current one, else computed now from the dossier and kept through ``write`` (one
    transaction for all of them; ``None``, or a store that cannot be written: kept nowhere,
    the list is the same)."""
    keys: dict[str, str] = {}

    def key_of(campaign_id: str) -> str:
        if campaign_id not in keys:
            keys[campaign_id] = summary_key(campaign_id)
        return keys[campaign_id]

    with read:
        heads = read.dossiers.list_heads()
        stale = {
            h.id: read.dossiers.get(h.id)
            for h in heads
            if h.summary is None or h.summary.key != key_of(str(h.campaign_id))
        }
    computed = {
        i: home_summary(d, key_of(d.campaign_id if isinstance(d.campaign_id, str) else ""))
        for i, d in stale.items()
    }
    if computed and write is not None:
        _keep_summaries(write, heads, computed)
    listed = []
    for head in heads:
        summary = computed.get(head.id, head.summary)
        assert summary is not None  # computed above when absent
        listed.append((head, summary))
    return listed


def _keep_summaries(
    uow: UnitOfWork, heads: list[DossierHead], computed: dict[int, HomeSummary]
) -> None:
    """Store the summaries just computed; a failure to write loses nothing (they are computed
    again next time), so it is not the user's problem and is not raised."""
    try:
        with uow:
            for head in heads:
                if head.id in computed:
                    uow.dossiers.store_summary(head.id, head.updated, computed[head.id])
            uow.commit()
    except StoreError:
        pass


def load_dossier(uow: UnitOfWork, dossier_id: int) -> Dossier:
    """The whole dossier, exactly as last saved (even with problems: :func:`open_dossier`
    says which)."""
    with uow:
        return uow.dossiers.get(dossier_id)


def open_dossier(uow: UnitOfWork, dossier_id: int) -> LoadedDossier:
    """The dossier as last saved, with what in it no door would have let in."""
    dossier = load_dossier(uow, dossier_id)
    return LoadedDossier(dossier, stored_problems(dossier))


def save_dossier(
    uow: UnitOfWork,
    dossier: Dossier,
    before: Dossier | None = None,
    snapshot: Snapshot | None = None,
    *,
    amendment: bool = False,
) -> Dossier:
    """Make the stored dossier equal to ``dossier`` (every part); returns what is now stored.

    Once the candidature is filed (phase past ``CANDIDATURE``), an edit of what was filed
    (:func:`~esms_desktop.domain.follow_up_edits.amendment_needed`) is refused with
    :class:`FiledCandidatureError`, nothing written, unless ``amendment`` says the user chose
    to amend it.

    ``before`` is the value last loaded or saved, when the caller keeps it (the GUI's session
    does): only what differs from it is written, and nothing is read back. It is used only if the
    store still holds it; otherwise (the dossier was written another way since: a file attached,
    a rename) the stored dossier is read and compared instead, as without ``before``. ``created``
    is kept from the store and ``updated`` set to now. Saving an unchanged dossier writes nothing
    (the GUI may save often). ``snapshot`` encodes the start-up snapshot written with the save
    (:func:`esms_desktop.services.exchange.snapshot_bytes`, passed by the workspace).
    """
    if dossier.id is None:
        raise DossierInputError("Ce dossier n'a jamais été enregistré : créez-le d'abord.")
    if before is not None and before.id != dossier.id:
        raise ValueError("save_dossier : « before » est la valeur d'un autre dossier")
    with uow:
        known = uow.dossiers.get(dossier.id) if before is None else uow.dossiers.current(before)
        candidate = replace(
            dossier,
            name=_clean_name(dossier.name),
            created=known.created,
            updated=known.updated,
        )
        if not changed_fields(known, candidate):
            return known
        if known.follow_up.phase is not Phase.CANDIDATURE:
            candidate = _filed_rule(known, candidate, amendment)
        parts = changed_fields(known, candidate)
        now = _stamp(known.updated)
        stored = replace(candidate, updated=now)
        uow.dossiers.save(known, stored)
        labels = ", ".join(_DOSSIER_PART_LABELS.get(p, p) for p in parts)
        uow.dossiers.log(dossier.id, "enregistrement", f"Dossier enregistré ({labels}).", now)
        log_new_amendments(uow, known, stored, now)
        if snapshot is not None:  # last: the rows just written would delete it otherwise
            _write_snapshot(uow, stored, snapshot)
        uow.commit()
    return stored


def _filed_rule(known: Dossier, candidate: Dossier, amendment: bool) -> Dossier:
    """``candidate`` as it may be saved over the filed ``known``: unchanged when it leaves what
    was filed alone or its amendment trail accounts for the change (an amendment the window
    recorded, or an undo back to before it); with an amendment recorded here when the caller
    asks for one; else :class:`FiledCandidatureError`."""
    # Imported here: only a filed dossier needs the follow-up's rules (and their imports).
    from esms_desktop.domain.follow_up_edits import (
        amend,
        amendment_needed,
        amendment_recorded,
        describe_changes,
    )

    if not amendment_needed(known, candidate) or amendment_recorded(known, candidate):
        return candidate
    if amendment:
        return amend(known, candidate, date.today())
    raise FiledCandidatureError(known.name, describe_changes(known, candidate))


def log_new_amendments(uow: UnitOfWork, known: Dossier, stored: Dossier, now: datetime) -> None:
    """One journal line per amendment ``stored`` adds to ``known``'s (« Avenant : … »); the
    exchange's merge writes them too."""
    assert stored.id is not None
    had = len(known.follow_up.amendments)
    for a in stored.follow_up.amendments[had:]:
        note = f" ({a.note})" if a.note else ""
        what = " ; ".join(a.changes) or "changement de la candidature déposée"
        uow.dossiers.log(stored.id, "avenant", f"Avenant : {what}{note}.", now)


Snapshot = Callable[[Dossier], bytes]
"""Encodes a dossier's start-up snapshot (the exchange module's, which imports this one)."""


def _write_snapshot(uow: UnitOfWork, stored: Dossier, encode: Snapshot) -> None:
    """Keep the start-up snapshot of ``stored`` (the value its rows now hold), unless it holds a
    value the start-up could not show as is (it then reads the rows, and lists the problems)."""
    assert stored.id is not None
    if not stored_problems(stored):
        uow.dossiers.store_snapshot(stored.id, encode(stored))


def keep_snapshot(uow: UnitOfWork, dossier_id: int, encode: Snapshot) -> None:
    """Write the start-up snapshot of a dossier that has none (opened for the first time since
    a change made by another path, or since the upgrade that brought snapshots)."""
    with uow:
        if uow.dossiers.has_snapshot(dossier_id):
            return
        _write_snapshot(uow, uow.dossiers.get(dossier_id), encode)
        uow.commit()


def rename_dossier(uow: UnitOfWork, dossier_id: int, name: str) -> None:
    new_name = _clean_name(name)
    with uow:
        before = uow.dossiers.get(dossier_id)
        if before.name == new_name:
            return
        now = _stamp(before.updated)
        uow.dossiers.save(before, replace(before, name=new_name, updated=now))
        uow.dossiers.log(
            dossier_id, "renommage", f"Dossier renommé « {before.name} » → « {new_name} ».", now
        )
        uow.commit()


def duplicate_dossier(uow: UnitOfWork, dossier_id: int, name: str | None = None) -> int:
    """Copy a dossier (attached files included) under ``name`` or « … (copie) »; returns the id.

    The copy keeps the fingerprint its source recorded (its budget was computed with the same
    rules, a change of the campaign since is still to check on it); a source that recorded none
    (older than the record) gives the copy its campaign's current one, as a new dossier gets.
    """
    now = _now()
    with uow:
        source = uow.dossiers.get(dossier_id)
        copy = replace(
            source,
            id=None,
            name=_clean_name(name if name is not None else f"{source.name} (copie)"),
            created=now,
            updated=now,
            campaign_fingerprint=source.campaign_fingerprint
            or campaign_fingerprint(source.campaign_id),
            follow_up=NO_FOLLOW_UP,  # a copy is a new candidature, not a second funded project
        )
        new_id = uow.dossiers.add(copy)
        uow.dossiers.copy_files(dossier_id, new_id)
        uow.dossiers.log(
            new_id,
            "duplication",
            f"Copie du dossier « {source.name} » (n° {dossier_id}).",
            now,
        )
        uow.commit()
    return new_id


def delete_dossier(uow: UnitOfWork, dossier_id: int) -> None:
    """Delete a dossier and everything it holds; the change log keeps a line saying so."""
    with uow:
        dossier = uow.dossiers.get(dossier_id)
        uow.dossiers.delete(dossier_id)
        uow.dossiers.log(
            dossier_id,
            "suppression",
            f"Dossier « {dossier.name} » supprimé ({_establishment_count(dossier)} ESSMS).",
            _now(),
        )
        uow.commit()


# --- attached files and history ---------------------------------------------------------------


def attach_annex_file(
    uow: UnitOfWork, dossier_id: int, annex_key: str, file_name: str, data: bytes
) -> AnnexFileInfo:
    """Store a file for an annex of the checklist (in the database, so backups carry it).

    The annex is marked provided and its ``file_name`` set to the name made safe
    (:func:`safe_file_name`: a base name, no control character); a previous file is replaced.
    """
    name = safe_file_name(file_name)  # kept and shown as data, never as a path
    if len(data) > MAX_ANNEX_FILE_BYTES:
        raise DossierInputError(
            f"Le fichier « {name} » est trop gros ({len(data) // (1024 * 1024)} Mo ; "
            f"{MAX_ANNEX_FILE_BYTES // (1024 * 1024)} Mo au plus)."
        )
    with uow:
        dossier = uow.dossiers.get(dossier_id)
        annexes = list(dossier.annexes)
        index = next((i for i, a in enumerate(annexes) if a.key == annex_key), None)
        if index is None:
            raise NotFoundError(
                f"Le dossier « {dossier.name} » n'a pas d'annexe « {annex_key} » : "
                "impossible d'y joindre un fichier."
            )
        now = _stamp(dossier.updated)
        annexes[index] = replace(annexes[index], provided=True, file_name=name)
        uow.dossiers.save(dossier, replace(dossier, annexes=tuple(annexes), updated=now))
        info = uow.dossiers.attach_file(dossier_id, annex_key, name, data, now)
        uow.dossiers.log(
            dossier_id,
            "piece_jointe",
            f"Fichier « {name} » ({len(data)} octets) joint à l'annexe « {annexes[index].label} ».",
            now,
        )
        uow.commit()
    return info


def read_annex_file(
    uow: UnitOfWork, dossier_id: int, annex_key: str
) -> tuple[AnnexFileInfo, bytes]:
    """The attached file of an annex and its content."""
    with uow:
        return uow.dossiers.file_data(dossier_id, annex_key)


def detach_annex_file(uow: UnitOfWork, dossier_id: int, annex_key: str) -> None:
    """Remove the file of an annex (the annex is then no longer marked provided)."""
    with uow:
        dossier = uow.dossiers.get(dossier_id)
        info = uow.dossiers.detach_file(dossier_id, annex_key)
        if info is None:
            return
        now = _stamp(dossier.updated)
        annexes = tuple(
            replace(a, provided=False, file_name="") if a.key == annex_key else a
            for a in dossier.annexes
        )
        uow.dossiers.save(dossier, replace(dossier, annexes=annexes, updated=now))
        uow.dossiers.log(
            dossier_id, "piece_jointe", f"Fichier « {info.name} » retiré de l'annexe.", now
        )
        uow.commit()


def history(uow: UnitOfWork, dossier_id: int, limit: int | None = None) -> list[ChangeLogEntry]:
    """The dossier's change log, newest first."""
    with uow:
        return uow.dossiers.history(dossier_id, limit)

"""The one write path: ``save(before, after)`` writes the rows that differ, and nothing else.

The GUI saves after every edit, handing the value it last saved: a keystroke in one field must
write one row, never re-read or rewrite a 1,000-ESSMS grappe, and never trust a ``before`` the
database no longer holds. Nothing is remembered between units of work.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from esms_desktop.domain.dossier import Dossier, Porteur
from esms_desktop.domain.edits import (
    add_establishment,
    remove_establishment,
    set_establishment,
    with_grappe,
)
from esms_desktop.storage.errors import NotFoundError
from esms_desktop.storage.repository import DossierChangedError
from esms_desktop.storage.store import Store
from tests.storage.factories import CAMPAIGN, establishment, full_dossier, grappe
from tests.storage.helpers import sqlite_rows


@contextmanager
def statements() -> Iterator[list[tuple[str, int]]]:
    """Every SQL statement run meanwhile, with its number of parameter sets (executemany)."""
    seen: list[tuple[str, int]] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, _ctx: Any, many: bool) -> None:
        seen.append((" ".join(sql.split()), len(params) if many else 1))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def _writes(seen: list[tuple[str, int]]) -> list[tuple[str, str, int]]:
    """(verb, table, rows given) of the statements that write."""
    out = []
    for sql, count in seen:
        verb = sql.split()[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE"):
            words = sql.split()
            table = words[2] if verb in ("INSERT", "DELETE") else words[1]
            out.append((verb, table, count))
    return out


def _stored(store: Store, dossier: Dossier) -> Dossier:
    with store.uow() as uow:
        new_id = uow.dossiers.add(dossier)
        uow.commit()
    with store.uow(read_only=True) as uow:
        return uow.dossiers.get(new_id)


def _save(store: Store, before: Dossier, after: Dossier) -> None:
    with store.uow() as uow:
        uow.dossiers.save(before, after)
        uow.commit()


def _load(store: Store, dossier_id: int | None) -> Dossier:
    assert dossier_id is not None
    with store.uow(read_only=True) as uow:
        return uow.dossiers.get(dossier_id)


def _later(dossier: Dossier) -> datetime:
    """An ``updated`` date for the next save, as the service gives one."""
    assert dossier.updated is not None
    return dossier.updated + timedelta(seconds=1)


def _establishment_ids(store: Store) -> list[int]:
    return [r[0] for r in sqlite_rows(store.paths.database, "SELECT id FROM establishment")]


def test_one_edited_field_writes_the_dossier_row_and_that_essms_row_only(store: Store) -> None:
    before = _stored(store, Dossier("D", CAMPAIGN, grappe=grappe(3, 40)))
    after = replace(
        with_grappe(before, set_establishment(before.grappe, 1, 17, capacity=7)),
        updated=_later(before),
    )
    with statements() as seen:
        _save(store, before, after)
    assert _writes(seen) == [("UPDATE", "dossier", 1), ("UPDATE", "establishment", 1)]
    # the grappe is not read again: only the ids and places of that OG's rows
    assert not [s for s, _ in seen if "establishment.finess" in s]
    assert _load(store, before.id) == after


def test_appending_or_removing_the_last_essms_writes_that_row_only(store: Store) -> None:
    first = _stored(store, Dossier("D", CAMPAIGN, grappe=grappe(2, 30)))
    ids = _establishment_ids(store)
    appended = with_grappe(first, add_establishment(first.grappe, 0, establishment(900)))
    with statements() as seen:
        _save(store, first, appended)
    assert _writes(seen) == [("UPDATE", "dossier", 1), ("INSERT", "establishment", 1)]
    assert _load(store, first.id) == appended
    assert set(ids) < set(_establishment_ids(store))  # the rows already there kept their ids

    removed = with_grappe(appended, remove_establishment(appended.grappe, 0, 30))
    with statements() as seen:
        _save(store, appended, removed)
    assert _writes(seen) == [("UPDATE", "dossier", 1), ("DELETE", "establishment", 1)]
    assert _load(store, first.id) == removed
    assert sorted(_establishment_ids(store)) == sorted(ids)


def test_many_changed_rows_and_a_row_removed_in_the_middle_come_back_as_saved(
    store: Store,
) -> None:
    """Past a few changed rows the OG's row ids are read once and the rows updated by id; a row
    removed in the middle moves the following ones up a place."""
    before = _stored(store, Dossier("D", CAMPAIGN, grappe=grappe(2, 40)))
    everywhere = before.grappe
    for j in range(40):
        everywhere = set_establishment(everywhere, 1, j, dui_solution="Autre éditeur")
    after = replace(with_grappe(before, everywhere), updated=_later(before))
    with statements() as seen:
        _save(store, before, after)
    assert ("UPDATE", "establishment", 40) in _writes(seen)
    assert _load(store, before.id) == after

    shorter = replace(
        with_grappe(after, remove_establishment(after.grappe, 0, 5)), updated=_later(after)
    )
    _save(store, after, shorter)
    assert _load(store, before.id) == shorter


def test_whole_parts_and_new_ogs_come_back_as_saved(store: Store) -> None:
    """Porteur, solution, repeated parts, OGs added and removed: one value in, the same out."""
    before = _stored(store, full_dossier())
    smaller = replace(
        Dossier("Réduit", "generalisation-2023", grappe=grappe(1, 2)),
        id=before.id,
        created=before.created,
        updated=before.updated,
    )
    _save(store, before, smaller)
    assert _load(store, before.id) == smaller
    bigger = replace(full_dossier(), id=before.id, created=before.created)
    _save(store, smaller, bigger)
    assert _load(store, before.id) == bigger


def test_a_before_the_database_no_longer_holds_writes_nothing(store: Store) -> None:
    loaded = _stored(store, Dossier("D", CAMPAIGN, grappe=grappe(2, 3)))
    renamed = replace(loaded, name="Renommé ailleurs", updated=_later(loaded))
    _save(store, loaded, renamed)
    late = with_grappe(loaded, set_establishment(loaded.grappe, 0, 0, capacity=1))
    with store.uow() as uow, pytest.raises(DossierChangedError) as caught:
        uow.dossiers.save(loaded, late)  # compared with the dossier before the rename
    assert "modifié ailleurs" in caught.value.message
    assert _load(store, loaded.id) == renamed
    with store.uow() as uow:  # what to compare with instead
        assert uow.dossiers.current(loaded) == renamed
        assert uow.dossiers.current(renamed) is renamed  # still current: not read again


def test_saving_a_dossier_that_is_gone_is_not_found(store: Store) -> None:
    loaded = _stored(store, Dossier("D", CAMPAIGN))
    with store.uow() as uow:
        uow.dossiers.delete(loaded.id)  # type: ignore[arg-type]
        uow.commit()
    with store.uow() as uow, pytest.raises(NotFoundError) as caught:
        uow.dossiers.save(loaded, replace(loaded, governance="COPIL"))
    assert f"n° {loaded.id}" in caught.value.message


def test_a_load_gives_what_the_database_holds_not_a_remembered_value(store: Store) -> None:
    """No dossier is kept in memory from one unit of work to the next: a row changed by another
    program (same ``updated`` date) is what the next load shows."""
    loaded = _stored(store, Dossier("D", CAMPAIGN, grappe=grappe(1, 2)))
    assert _load(store, loaded.id) == loaded
    with closing(sqlite3.connect(store.paths.database)) as conn:
        conn.execute("UPDATE establishment SET name = 'Changé dehors'")
        conn.commit()
    names = {e.name for _, e in _load(store, loaded.id).grappe.rows()}
    assert names == {"Changé dehors"}


def test_a_porteur_row_missing_from_the_file_is_created_by_the_save(store: Store) -> None:
    loaded = _stored(store, Dossier("D", CAMPAIGN))
    with closing(sqlite3.connect(store.paths.database)) as conn:
        conn.execute("DELETE FROM porteur")
        conn.commit()
    after = replace(loaded, porteur=Porteur(name="Association"))
    _save(store, loaded, after)
    assert _load(store, loaded.id).porteur == Porteur(name="Association")

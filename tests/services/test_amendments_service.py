"""Amendments in the services and the store: the save rule of a filed candidature, its journal
line, the amendment table (migration 0016), the ``.esms`` encoding and the merge of a file into
a filed dossier."""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest

from esms_desktop.domain.dossier import Dossier, UsageTarget
from esms_desktop.domain.follow_up import NO_FOLLOW_UP, Amendment, IndicatorValue, Period
from esms_desktop.domain.follow_up_edits import (
    amend,
    amendment_recorded,
    candidature_fingerprint,
    set_amendment_note,
)
from esms_desktop.domain.usage_threshold import UsageThreshold
from esms_desktop.services import dossiers, exchange, follow_up
from esms_desktop.services.dossiers import FiledCandidatureError
from esms_desktop.storage import migrate
from esms_desktop.storage.db import connect_raw, inspect_file
from esms_desktop.storage.quick_read import read_snapshot
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import full_dossier, full_follow_up, grappe
from tests.storage.helpers import sqlite_rows
from tests.storage.test_migrations import _populate_0001

SHARE = "Part des personnes accompagnées disposant d'un DUI actif"
m0016 = importlib.import_module("esms_desktop.storage.migrations.versions.0016_avenants")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "donnees")
    try:
        yield opened
    finally:
        opened.close()


def _candidature() -> Dossier:
    return replace(
        full_dossier(),
        follow_up=NO_FOLLOW_UP,
        overrides=MappingProxyType({}),
        usage_targets=(UsageTarget(SHARE, threshold=UsageThreshold(Decimal(50))),),
    )


def _filed(store: Store, dossier: Dossier | None = None) -> Dossier:
    with store.uow() as uow:
        new_id = uow.dossiers.add(dossier or _candidature())
        uow.commit()
    return follow_up.file_candidature(store.uow(), new_id, date(2024, 6, 1))


def _journal(store: Store, dossier_id: int) -> list[str]:
    return [e.summary for e in dossiers.history(store.uow(), dossier_id)]


# --- the save rule ----------------------------------------------------------------------------


def test_an_amendment_recorded_by_the_window_is_saved(store: Store) -> None:
    filed = _filed(store)
    amended = amend(filed, replace(filed, project_title="Projet révisé"), date(2025, 1, 2), "n° 1")
    saved = dossiers.save_dossier(store.uow(), amended, filed)
    assert saved.project_title == "Projet révisé"
    assert saved.follow_up.amendments == amended.follow_up.amendments
    assert dossiers.load_dossier(store.uow(), filed.id or 0).follow_up.amendments == (
        amended.follow_up.amendments
    )
    assert any(s.startswith("Avenant : Intitulé du projet") and "(n° 1)" in s
               for s in _journal(store, filed.id or 0))  # fmt: skip


def test_an_undo_of_the_amendment_is_saved_and_a_change_beyond_it_is_refused(
    store: Store,
) -> None:
    filed = _filed(store)
    amended = dossiers.save_dossier(
        store.uow(), amend(filed, replace(filed, project_title="Révisé"), date(2025, 1, 2)), filed
    )
    beyond = replace(amended, project_title="Révisé encore")
    with pytest.raises(FiledCandidatureError):
        dossiers.save_dossier(store.uow(), beyond, amended)
    undone = dossiers.save_dossier(store.uow(), filed, amended)  # the window's undo
    assert undone.project_title == filed.project_title and undone.follow_up.amendments == ()
    redone = dossiers.save_dossier(store.uow(), amended, undone)  # and its redo
    assert redone.follow_up.amendments == amended.follow_up.amendments
    noted = dossiers.save_dossier(store.uow(), set_amendment_note(redone, 0, "réf."), redone)
    assert noted.follow_up.amendments[0].note == "réf."


def test_an_amendment_asked_is_recorded_by_the_service(store: Store) -> None:
    filed = _filed(store)
    bigger = replace(filed, grappe=grappe(ogs=2, per_og=4))
    saved = dossiers.save_dossier(store.uow(), bigger, filed, amendment=True)
    (a,) = saved.follow_up.amendments
    assert a.made_on == date.today()
    assert a.before == candidature_fingerprint(filed)
    assert a.after == candidature_fingerprint(saved)
    assert any(line.startswith("ESSMS ajouté") for line in a.changes)
    assert amendment_recorded(filed, saved)
    assert any(s.startswith("Avenant : ESSMS ajouté") for s in _journal(store, filed.id or 0))
    # Asked again on a dossier whose trail already accounts for the change: no second one.
    again = dossiers.save_dossier(store.uow(), replace(saved, name="Autre"), saved, amendment=True)
    assert len(again.follow_up.amendments) == 1


# --- the store --------------------------------------------------------------------------------


def _amendments() -> tuple[Amendment, ...]:
    return (
        Amendment(
            date(2025, 1, 2),
            ("ESSMS ajouté : X (1)", "Intitulé du projet : a → b"),
            "a" * 64,
            "b" * 64,
            "Avenant n° 1 « Àçé »",
        ),
        Amendment(date(2025, 3, 4), (), "b" * 64, "c" * 64),
    )


def test_amendments_round_trip_and_are_saved_by_difference(store: Store) -> None:
    dossier = replace(full_dossier(), follow_up=replace(full_follow_up(), amendments=_amendments()))
    with store.uow() as uow:
        new_id = uow.dossiers.add(dossier)
        uow.commit()
    with store.uow(read_only=True) as uow:
        loaded = uow.dossiers.get(new_id)
    assert loaded.follow_up.amendments == _amendments()
    assert loaded.follow_up == dossier.follow_up
    db = store.paths.database
    ids = sqlite_rows(db, "SELECT id FROM amendment ORDER BY position")
    # A change of another part of the follow-up leaves the amendment rows alone.
    with store.uow() as uow:
        uow.dossiers.save(
            loaded, replace(loaded, follow_up=replace(loaded.follow_up, indicators=()))
        )
        uow.commit()
    assert sqlite_rows(db, "SELECT id FROM amendment ORDER BY position") == ids
    with store.uow() as uow:
        now = uow.dossiers.get(new_id)
        one = replace(now.follow_up, amendments=_amendments()[:1])
        uow.dossiers.save(now, replace(now, follow_up=one))
        uow.commit()
    with store.uow(read_only=True) as uow:
        assert uow.dossiers.get(new_id).follow_up.amendments == _amendments()[:1]
    with store.uow() as uow:
        uow.dossiers.delete(new_id)
        uow.commit()
    assert sqlite_rows(db, "SELECT count(*) FROM amendment") == [(0,)]


def test_a_direct_change_of_an_amendment_row_makes_summary_and_snapshot_stale(
    data_dir_store: tuple[Path, int],
) -> None:
    db, dossier_id = data_dir_store
    for statement in (
        "UPDATE amendment SET note = 'x'",
        "DELETE FROM amendment WHERE position = 1",
        f"INSERT INTO amendment (dossier_id, position, made_on, changes, fingerprint_before, "
        f"fingerprint_after, note) VALUES ({dossier_id}, 5, '2025-01-01', '', 'a', 'b', '')",
    ):
        with connect_raw(db) as conn:
            conn.execute("INSERT OR REPLACE INTO dossier_snapshot VALUES (?, x'00')", (dossier_id,))
            conn.execute("UPDATE dossier SET summary_key = 'k'")
        with connect_raw(db) as conn:
            conn.execute(statement)
        assert read_snapshot(db, dossier_id) is None, statement
        assert sqlite_rows(db, "SELECT summary_key FROM dossier") == [(None,)], statement
    names = {n for (n,) in sqlite_rows(db, "SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {n for n, _sql in m0016.trigger_statements()} <= names
    assert len(m0016.trigger_statements()) == 6


@pytest.fixture
def data_dir_store(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    folder = tmp_path / "donnees"
    with open_store(folder) as opened:
        dossier = full_dossier()
        new_id = dossiers.create_dossier(opened.uow(), dossier.name, dossier.campaign_id)
        loaded = dossiers.load_dossier(opened.uow(), new_id)
        follow = replace(full_follow_up(), amendments=_amendments())
        saved = dossiers.save_dossier(
            opened.uow(), replace(loaded, follow_up=follow), loaded, exchange.snapshot_bytes
        )
        data = read_snapshot(opened.paths.database, new_id)
        assert data is not None and exchange.dossier_from_snapshot(data, new_id) == saved
        yield opened.paths.database, new_id


def test_a_0015_data_folder_upgrades_with_its_follow_up_kept(tmp_path: Path) -> None:
    folder = tmp_path / "donnees"
    folder.mkdir()
    db = folder / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0015") == "0015"
    _populate_0001(db)
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "INSERT INTO follow_up VALUES (7, 'depose', '2024-06-01', '{}', 'sha256:x', '100.00')"
        )
    assert migrate.upgrade(db) == migrate.HEAD_REVISION == "0016"
    assert inspect_file(db).user_version == 16
    with open_store(folder) as opened:
        old = dossiers.load_dossier(opened.uow(), 7)
    assert old.follow_up.filed is not None and old.follow_up.filed.amount_asked == Decimal(100)
    assert old.follow_up.amendments == ()


# --- the .esms encoding -----------------------------------------------------------------------


def test_the_esms_encoding_carries_amendments_and_omits_none() -> None:
    plain = exchange.dossier_to_dict(replace(full_dossier(), follow_up=full_follow_up()))
    assert "amendments" not in plain["follow_up"]  # older files read, and checksum, as before
    amended = replace(full_dossier(), follow_up=replace(full_follow_up(), amendments=_amendments()))
    encoded = exchange.dossier_to_dict(amended)
    assert encoded["follow_up"]["amendments"][0]["note"] == "Avenant n° 1 « Àçé »"
    back = exchange.dossier_from_dict(exchange._Reader(encoded, "d"))
    assert back.follow_up.amendments == _amendments()
    # A file written before amendments existed (no key) reads as none, checksum unchanged.
    same = exchange.dossier_to_dict(exchange.dossier_from_dict(exchange._Reader(plain, "d")))
    assert exchange.payload_checksum({"dossier": same}) == exchange.payload_checksum(
        {"dossier": plain}
    )


# --- merging a file into a filed dossier ------------------------------------------------------


def _bigger_file(store: Store, filed: Dossier, tmp_path: Path) -> Path:
    """An .esms of the same dossier with more ESSMS and one indicator value."""
    finess = filed.grappe.organisations[0].establishments[0].finess
    value = IndicatorValue(finess, SHARE, Period(2025, 1), Decimal(40))
    other = replace(
        _candidature(),
        grappe=grappe(ogs=2, per_og=4),
        follow_up=replace(NO_FOLLOW_UP, indicators=(value,)),
        created=None,
        updated=None,
    )
    with store.uow() as uow:
        other_id = uow.dossiers.add(other)
        uow.commit()
    return exchange.export_dossier(store.uow(), other_id, tmp_path / "plus.esms")


def test_a_merge_into_a_filed_dossier_takes_the_indicators_only(
    store: Store, tmp_path: Path
) -> None:
    filed = _filed(store)
    path = _bigger_file(store, filed, tmp_path)
    preview = exchange.preview_merge(store.uow(), filed.id or 0, path)
    assert preview.grappe_withheld and "demande un avenant" in preview.grappe_withheld
    assert preview.added  # what an amendment would add, for the dialog
    report = exchange.merge_into(store.uow(), filed.id or 0, path)
    assert "la candidature est déposée : un changement de la grappe demande un avenant" in (
        report.summary()
    )
    assert "2 ESSMS diffèrent" in report.grappe_withheld
    now = dossiers.load_dossier(store.uow(), filed.id or 0)
    assert now.grappe == filed.grappe and now.follow_up.amendments == ()
    assert [v.value for v in now.follow_up.indicators] == [Decimal(40)]


def test_a_merge_asked_as_an_amendment_merges_the_grappe_and_records_it(
    store: Store, tmp_path: Path
) -> None:
    filed = _filed(store)
    path = _bigger_file(store, filed, tmp_path)
    preview = exchange.preview_merge(store.uow(), filed.id or 0, path, amendment=True)
    assert not preview.grappe_withheld
    report = exchange.merge_into(store.uow(), filed.id or 0, path, amendment=True)
    assert len(report.added) == 2 and not report.grappe_withheld
    now = dossiers.load_dossier(store.uow(), filed.id or 0)
    assert len(list(now.grappe.rows())) == len(list(filed.grappe.rows())) + 2
    (a,) = now.follow_up.amendments
    assert a.note == "Fusion du fichier « plus.esms »"
    assert amendment_recorded(filed, now)
    assert any(s.startswith("Avenant : ") for s in _journal(store, filed.id or 0))


def test_a_merge_into_a_candidature_is_unchanged(store: Store, tmp_path: Path) -> None:
    with store.uow() as uow:
        new_id = uow.dossiers.add(_candidature())
        uow.commit()
    ours = dossiers.load_dossier(store.uow(), new_id)
    path = _bigger_file(store, ours, tmp_path)
    report = exchange.merge_into(store.uow(), new_id, path)
    assert not report.grappe_withheld and len(report.added) == 2
    now = dossiers.load_dossier(store.uow(), new_id)
    assert now.follow_up.amendments == () and len(list(now.grappe.rows())) == 8

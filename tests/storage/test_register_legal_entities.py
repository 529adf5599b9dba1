"""Issue 19: the register file's version 2 — legal entities, phones, places, the partner queries.

A file of the previous layout is rebuilt from its source file at first use (the path a lost or
damaged register takes); the four queries the partner search calls answer from the indexes.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from esms_desktop.domain.geodesy import GeoPoint
from esms_desktop.domain.identifiers import finess_with_key
from esms_desktop.importers.finess_web import read_web_export
from esms_desktop.services import finess_lookup
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage import register_file
from esms_desktop.storage.store import Store, open_store
from tests.storage.helpers import sqlite_rows

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "finess_files"
JSON12 = FILES / "finess-structures-extrait.json"
WEB30 = FILES / "finess-web-export-esat-30.csv"
AFIS_EJ = "010000255"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "donnees", backup_on_open=False)
    yield opened  # type: ignore[misc]
    opened.close()


def _make_version_1(path: Path) -> None:
    """The file as version 1 wrote it: no legal entities, no phone or place columns."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"DROP TABLE {register_file.LEGAL_TABLE}")
        conn.execute("PRAGMA user_version=1")
        conn.commit()


def test_version_2_file_holds_legal_entities_and_places(store: Store) -> None:
    finess_lookup.load_register(store.uow(), JSON12)
    path = store.register_file
    assert sqlite_rows(path, "PRAGMA user_version") == [(register_file.REGISTER_VERSION,)]
    assert register_file.REGISTER_VERSION == 2
    indexes = {r[1] for r in sqlite_rows(path, "PRAGMA index_list(repertoire_finess)")}
    assert "ix_repertoire_finess_department" in indexes
    listed = len(json.loads(JSON12.read_text(encoding="utf-8"))["pmej"])
    assert sqlite_rows(path, "SELECT count(*) FROM repertoire_finess_ej") == [(listed,)]
    assert sqlite_rows(
        path, "SELECT phone, latitude, longitude FROM repertoire_finess WHERE finess='010011914'"
    ) == [("0474226685", 46.200985, 5.226104)]


def test_an_old_version_register_is_rebuilt_from_its_source_at_first_use(tmp_path: Path) -> None:
    data_dir = tmp_path / "donnees"
    source = tmp_path / "flux.json"
    shutil.copy(JSON12, source)
    with open_store(data_dir) as store:
        finess_lookup.load_register(store.uow(), source)
    path = data_dir / register_file.REGISTER_FILE_NAME
    _make_version_1(path)
    assert register_file.problem(path) is not None and "version" in str(register_file.problem(path))

    with open_store(data_dir) as store:
        assert store.register_lost is not None and store.register_lost.path == str(source)
        assert store.warning is not None and str(source) in store.warning
        workspace = Workspace(store)
        assert workspace.og_name(AFIS_EJ) == "OG 010000255"  # not rebuilt yet: empty
        assert workspace.lookup("010011914") is not None  # first look-up rebuilds it
        assert workspace.register_notice is not None
        assert workspace.register_notice.startswith("Répertoire FINESS reconstruit")
        entity = finess_lookup.legal_entity(store.uow(), AFIS_EJ)
        assert entity is not None and entity.siren == "779309194"
    assert register_file.problem(path) is None
    assert sqlite_rows(path, "PRAGMA user_version") == [(2,)]
    with open_store(data_dir) as store:  # rebuilt for good: nothing to say any more
        assert store.warning is None and store.register_lost is None


def test_rows_of_a_version_1_table_read_as_unplaced(tmp_path: Path) -> None:
    """Migration 0011 copies an old table: the columns it lacks read as unknown."""
    columns = [
        c for c in register_file.ENTRY_COLUMNS if c not in ("phone", "latitude", "longitude")
    ]
    with closing(sqlite3.connect(tmp_path / "old.sqlite3")) as conn:
        conn.execute(f"CREATE TABLE repertoire_finess ({', '.join(columns)})")
        conn.execute(
            f"INSERT INTO repertoire_finess VALUES ({', '.join('?' * len(columns))})",
            ("010001261", "010785897", *[""] * (len(columns) - 2)),
        )
        [row] = list(register_file.rows_of(conn))
    values = dict(zip(register_file.ENTRY_COLUMNS, row, strict=True))
    assert (values["phone"], values["latitude"], values["longitude"]) == ("", None, None)
    assert values["finess_ej"] == "010785897"


# --- the partner-search queries --------------------------------------------------------------


def test_legal_entity_and_legal_entities(store: Store) -> None:
    finess_lookup.load_register(store.uow(), JSON12)
    with store.uow(read_only=True) as uow:
        afis = uow.register.legal_entity(AFIS_EJ)
        assert afis is not None
        assert afis.long_name == "ASSOCIATION POUR LA FORMATION ET L'INSERTION DES PERSONNES"
        assert (afis.siren, afis.postal_code, afis.phone) == ("779309194", "01000", "0474226685")
        assert afis.location == GeoPoint(46.200985, 5.226104) and not afis.closed
        assert uow.register.legal_entity("010785897") is None  # not in this flux
        every = uow.register.legal_entities([AFIS_EJ, "010785897", AFIS_EJ, "210010070"])
        assert sorted(every) == [AFIS_EJ, "210010070"]
        assert every["210010070"].closed
        assert uow.register.legal_entities([]) == {}


def test_open_in_departments_and_counts_by_ej(store: Store) -> None:
    finess_lookup.load_register(store.uow(), WEB30)
    every = read_web_export(WEB30).entries  # the file itself is the oracle
    with store.uow(read_only=True) as uow:
        ain = uow.register.open_in_departments(["01"])
        assert [e.finess for e in ain] == sorted(
            e.finess for e in every if e.department == "01" and not e.closed
        )
        assert ain and all(e.department == "01" for e in ain)
        two = uow.register.open_in_departments(["01", "02", "01"])
        assert {e.department for e in two} == {"01", "02"}
        assert uow.register.open_in_departments([]) == []
        assert uow.register.open_in_departments(["2A"]) == []
        ejs = {e.finess_ej for e in two}
        counts = uow.register.essms_count_by_ej(ejs | {"999999999"})
        for ej in ejs:
            assert counts[ej] == sum(1 for e in every if e.finess_ej == ej and not e.closed)
        assert "999999999" not in counts
        assert uow.register.essms_count_by_ej([]) == {}


def test_closed_ones_are_left_out_of_the_queries(store: Store) -> None:
    finess_lookup.load_register(store.uow(), JSON12)
    with store.uow(read_only=True) as uow:
        every = uow.register.by_ej("210010070", include_closed=True)
        assert every and all(e.closed for e in every)
        assert all(e.finess_ej != "210010070" for e in uow.register.open_in_departments(["21"]))
        assert "210010070" not in uow.register.essms_count_by_ej(["210010070"])
        open_afis = uow.register.by_ej(AFIS_EJ)
        assert uow.register.essms_count_by_ej([AFIS_EJ]) == {AFIS_EJ: len(open_afis)}


def test_queries_over_many_departments_and_ejs(tmp_path: Path, store: Store) -> None:
    """More values than one ``IN`` list holds, and every department of a generated register."""
    from tests.importers.test_finess_readers import make_national_file

    national = tmp_path / "etalab.csv"
    make_national_file(national, 3000)
    finess_lookup.load_register(store.uow(), national)
    depts = [f"{d:02d}" for d in range(1, 96)]
    with store.uow(read_only=True) as uow:
        rows = uow.register.open_in_departments(depts)
        assert len(rows) == 3000
        assert [e.finess for e in rows] == sorted(e.finess for e in rows)
        many = [finess_with_key(f"01{n:06d}") for n in range(1200)]
        counts = uow.register.essms_count_by_ej([*many, *{e.finess_ej for e in rows}])
        assert sum(counts.values()) == sum(1 for e in rows if e.finess_ej)
        assert uow.register.legal_entities(many) == {}


def test_source_note_still_names_the_file(store: Store) -> None:
    finess_lookup.load_register(store.uow(), JSON12)
    note = json.loads(register_file.source_note_path(store.paths.database).read_text())
    assert note["file"] == JSON12.name

"""« Trouver des partenaires » as a service: the real ESAT export, a synthetic national register,
the 3-OG grappe preview and the FINESS declared already funded."""

from __future__ import annotations

import csv
import importlib
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from esms_desktop.domain.department_neighbours import neighbours
from esms_desktop.domain.dossier import Dossier, Porteur
from esms_desktop.domain.finess_register import RegisterEntry
from esms_desktop.domain.geodesy import distance_km
from esms_desktop.domain.grappe import Grappe, OgRole, ProjectType
from esms_desktop.domain.identifiers import finess_department, finess_with_key
from esms_desktop.domain.partner_search import PartnerFilters, organisation_from_register
from esms_desktop.services import catalog, dossiers, finess_lookup, partner_search
from esms_desktop.storage import migrate
from esms_desktop.storage.db import create_store_engine, inspect_file
from esms_desktop.storage.models import Base
from esms_desktop.storage.partner_models import FundedPartnerRow
from esms_desktop.storage.store import Store, open_store
from tests.services.national_register import (
    ELIGIBLE,
    NationalRegister,
    load_national,
    make_national_register,
)

TABLE = FundedPartnerRow.__tablename__

WEB_EXPORT = Path(__file__).resolve().parents[2].parent / "shared/data/finess"
WEB_EXPORT = WEB_EXPORT / "finess-web-export-esat.csv"
CAMPAIGN = "generalisation-2025"
SIZE_BLOCKS = "amorcage-2021-t2"
"""A call refusing a grappe under 15 ESSMS (the later ones only warn)."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "donnees", backup_on_open=False) as opened:
        yield opened


# --- (a) the real web export -------------------------------------------------------------------


def _export_rows() -> list[tuple[str, str]]:
    """(FINESS, FINESS juridique) of each row of the export, read on its own: ``="…"`` cells,
    one header line (the number first, the « FINESS juridique » column by its name)."""
    with WEB_EXPORT.open(encoding="utf-8", errors="replace", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))

    def cell(text: str) -> str:
        text = text.strip()
        return text[2:-1] if text.startswith('="') and text.endswith('"') else text

    ej = [cell(h) for h in rows[0]].index("FINESS juridique")
    return [(cell(r[0]), cell(r[ej])) for r in rows[1:] if any(r)]


def test_from_an_esat_the_other_ogs_of_its_department_with_their_counts(store: Store) -> None:
    if not WEB_EXPORT.exists():
        pytest.skip(f"export FINESS réel absent ({WEB_EXPORT}) : test non joué")
    finess_lookup.load_register(store.uow(), WEB_EXPORT)
    rows = _export_rows()
    by_ej: dict[str, list[str]] = defaultdict(list)
    for number, ej in rows:
        by_ej[ej].append(number)
    # An ESAT whose OG runs it in Ain, with other OGs in Ain (01).
    origin = "010785897"
    found = partner_search.search(store.uow(), finess_ej=origin, campaign_id=CAMPAIGN)
    assert found.origin.department == "01" and found.origin.finess_ej == origin
    territory = found.departments
    assert territory == {"01"} | neighbours("01")
    expected = {
        ej: sum(finess_department(n) in territory for n in numbers)
        for ej, numbers in by_ej.items()
        if ej and ej != origin and any(finess_department(n) == "01" for n in numbers)
    }
    assert len(expected) >= 3
    listed = {c.finess_ej: c for c in found.candidates}
    for ej, count in expected.items():
        assert listed[ej].eligible_count == count, ej
        assert listed[ej].same_department
    assert origin not in listed
    # Every ESAT of the export is open and counted: the register's size is the file's.
    for ej in expected:
        assert listed[ej].managed == len(by_ej[ej])
    # An OG without a legal entity of its own is named after its first establishment.
    assert listed["010783009"].name.startswith("OG 010783009 (")


# --- (b) a synthetic national register -------------------------------------------------------


@pytest.fixture(scope="module")
def national() -> NationalRegister:
    return make_national_register(30_000, 12_000)


@pytest.fixture
def national_store(store: Store, national: NationalRegister) -> Store:
    load_national(store.uow(), national)
    return store


def _og_with(national: NationalRegister, department: str, eligible: int) -> str:
    """The FINESS juridique of an OG of ``department`` with a legal entity (so a place) and at
    least ``eligible`` open eligible ESSMS there."""
    groups: dict[str, list[RegisterEntry]] = defaultdict(list)
    for e in national.entries:
        groups[e.finess_ej].append(e)
    legal = {le.finess_ej for le in national.legal_entities}
    for ej, entries in groups.items():
        good = [
            e
            for e in entries
            if not e.closed and e.category in ELIGIBLE and e.department == department
        ]
        if ej in legal and len(good) >= eligible and ej[:2] == department:
            return ej
    raise AssertionError(f"aucun OG de {eligible} ESSMS dans le {department}")


def test_distance_order_and_the_neighbouring_departments(
    national_store: Store, national: NationalRegister
) -> None:
    origin = _og_with(national, "59", 5)
    found = partner_search.search(national_store.uow(), finess_ej=origin, campaign_id=CAMPAIGN)
    assert found.register_has_locations and found.origin.location is not None
    assert found.departments == {"59"} | neighbours("59")
    known = [c for c in found.candidates if c.distance_km is not None]
    unknown = [c for c in found.candidates if c.distance_km is None]
    assert len(known) > 100
    assert found.candidates[: len(known)] == tuple(known)  # known distances first
    distances = [c.distance_km for c in known]
    assert distances == sorted(distances)
    for c in known[:20]:
        assert c.og.location is not None
        assert c.distance_km == pytest.approx(distance_km(found.origin.location, c.og.location))
    for c in found.candidates:
        assert {e.department for e in c.essms} <= found.departments
        assert all(e.category in ELIGIBLE and not e.closed for e in c.essms)
        assert c.same_department == any(e.department == "59" for e in c.essms)
    # An OG of a neighbour only, and none of a department farther away.
    assert any(not c.same_department for c in found.candidates)
    far = {e.finess_ej for e in national.entries if e.department == "13"}
    assert not far & {c.finess_ej for c in found.candidates}
    # A radius keeps the near ones and the unknown ones (the territory bounds them).
    near = partner_search.search(
        national_store.uow(),
        finess_ej=origin,
        campaign_id=CAMPAIGN,
        filters=PartnerFilters(max_distance_km=distances[len(distances) // 2]),
    )
    assert 0 < len(near.candidates) < len(found.candidates)
    assert {c.finess_ej for c in unknown} <= {c.finess_ej for c in near.candidates}
    json_rows = partner_search.candidates_json(found)
    assert [r["finess_ej"] for r in json_rows] == [c.finess_ej for c in found.candidates]


def test_the_preview_on_a_three_og_grappe_and_the_member_added(
    national_store: Store, national: NationalRegister
) -> None:
    origin = _og_with(national, "35", 5)
    with national_store.uow() as uow:
        entries = uow.register.by_ej(origin)
    og = partner_search.register_og(origin, entries)
    five = [e.finess for e in entries if e.category in ELIGIBLE and e.department == "35"][:5]
    porteur = organisation_from_register(
        og, five, catalog.nomenclature(), project=ProjectType.ACQUISITION
    )
    from dataclasses import replace

    porteur = replace(porteur, role=OgRole.PORTEUR)
    dossier_id = dossiers.create_dossier(national_store.uow(), "Association seule", SIZE_BLOCKS)
    stored = dossiers.load_dossier(national_store.uow(), dossier_id)
    alone = replace(
        stored,
        porteur=Porteur(name="Association seule", finess_ej=origin),
        grappe=Grappe(organisations=(porteur,)),
    )
    dossiers.save_dossier(national_store.uow(), alone, stored)

    found = partner_search.search_for_dossier(national_store.uow(), dossier_id)
    assert found.origin.finess_ej == origin and found.origin_label == "Association seule"
    assert origin not in {c.finess_ej for c in found.candidates}
    # Two partners bringing 10 ESSMS or more between them.
    bigger = [c for c in found.candidates if 5 <= c.eligible_count <= 9]
    first, second = bigger[0], bigger[1]
    one = partner_search.preview_for(national_store.uow(), dossier_id, first)
    assert (one.counted_before, one.counted_after) == (5, 5 + first.eligible_count)
    assert not one.eligible_before and not one.eligible_after
    assert [f.code for f in one.blocking] == ["taille_insuffisante"]
    assert one.difference > 0  # its ESSMS get the grappe's project (acquisition)

    dossier = dossiers.load_dossier(national_store.uow(), dossier_id)
    member = partner_search.member_for(national_store.uow(), dossier_id, first)
    assert member.role is OgRole.MEMBRE and member.finess_ej == first.finess_ej
    assert [e.finess for e in member.establishments] == [e.finess for e in first.essms]
    with_first = replace(dossier, grappe=replace(dossier.grappe, organisations=(porteur, member)))
    two = partner_search.preview_in(with_first, second)
    assert two.counted_before == 5 + first.eligible_count
    assert two.counted_after == two.counted_before + second.eligible_count >= 15
    assert two.eligible_after and two.blocking == ()
    assert all(e.project is ProjectType.ACQUISITION for e in member.establishments)
    assert two.counted_after > one.counted_after
    # The partner now in the grappe is no longer proposed.
    again = partner_search.search_from_dossier(national_store.uow(), with_first)
    assert first.finess_ej not in {c.finess_ej for c in again.candidates}


# --- (c) declared already in a funded project ------------------------------------------------


def test_declared_funded_is_left_out_and_kept_in_the_data_folder(
    national_store: Store, national: NationalRegister
) -> None:
    origin = _og_with(national, "59", 5)
    found = partner_search.search(national_store.uow(), finess_ej=origin)
    first, second = found.candidates[0], found.candidates[1]
    one_essms = second.essms[0].finess
    assert partner_search.set_declared_funded(
        national_store.uow(), first.finess_ej, True, "Projet 2023 avec l'ARS"
    )
    assert not partner_search.set_declared_funded(
        national_store.uow(), first.finess_ej, True, "Projet 2023 avec l'ARS"
    )
    partner_search.set_declared_funded(national_store.uow(), one_essms, True)
    assert partner_search.declared_funded(national_store.uow()) == {first.finess_ej, one_essms}
    (note,) = [
        d
        for d in partner_search.funded_declarations(national_store.uow())
        if d.finess == first.finess_ej
    ]
    assert note.note == "Projet 2023 avec l'ARS"

    after = partner_search.search(national_store.uow(), finess_ej=origin)
    listed = {c.finess_ej: c for c in after.candidates}
    assert first.finess_ej not in listed
    if second.eligible_count > 1:
        assert one_essms not in {e.finess for e in listed[second.finess_ej].essms}
    else:
        assert second.finess_ej not in listed
    shown = partner_search.search(national_store.uow(), finess_ej=origin, include_funded=True)
    assert first.finess_ej in {c.finess_ej for c in shown.candidates}
    # In the data folder's database, hence in its backups; withdrawn on demand.
    database = national_store.paths.database
    with closing(sqlite3.connect(database)) as conn:
        assert conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] == 2
    assert partner_search.set_declared_funded(national_store.uow(), one_essms, False)
    assert not partner_search.set_declared_funded(national_store.uow(), one_essms, False)
    assert partner_search.declared_funded(national_store.uow()) == {first.finess_ej}


def test_search_errors_are_french(store: Store, national: NationalRegister) -> None:
    with pytest.raises(finess_lookup.RegisterNotLoadedError):
        partner_search.search(store.uow(), department="59")
    load_national(store.uow(), national)
    with pytest.raises(partner_search.UnknownDepartmentError, match="Département « 99 »"):
        partner_search.search(store.uow(), department="99")
    with pytest.raises(finess_lookup.FinessNumberError):
        partner_search.search(store.uow(), finess_ej="12345")
    with pytest.raises(partner_search.UnknownLegalEntityError, match="absente du répertoire"):
        partner_search.search(store.uow(), finess_ej=finess_with_key("59999999"))
    with pytest.raises(finess_lookup.FinessLookupError, match="Indiquez"):
        partner_search.search(store.uow())
    by_department = partner_search.search(store.uow(), department="2a")
    assert by_department.origin.department == "2A"
    assert {"2A", "2B"} <= by_department.departments <= {"2A", "2B", "20"}
    assert by_department.origin_label == "département 2A"
    assert all(c.distance_km is None for c in by_department.candidates)
    empty = dossiers.create_dossier(store.uow(), "Vide", CAMPAIGN)
    with pytest.raises(partner_search.NoOriginError, match="« Vide »"):
        partner_search.search_for_dossier(store.uow(), empty)


def test_a_dossier_whose_porteur_ej_is_unknown_searches_around_its_essms(
    national_store: Store, national: NationalRegister
) -> None:
    entry = next(e for e in national.entries if e.department == "29" and e.location)
    from esms_desktop.domain.grappe import Establishment, Organisation

    porteur = Organisation(
        "Porteur",
        OgRole.PORTEUR,
        establishments=(Establishment(entry.finess, entry.name, entry.category),),
    )
    dossier = Dossier("Sans EJ", CAMPAIGN, grappe=Grappe(organisations=(porteur,)))
    found = partner_search.search_from_dossier(national_store.uow(), dossier)
    assert found.origin.department == "29" and found.origin.location == entry.location
    assert found.origin_label == "Porteur"
    assert found.candidates


# --- migration 0014 ---------------------------------------------------------------------------


def test_0014_adds_the_table_and_downgrades_cleanly(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "x.sqlite3"
    assert migrate.upgrade(db) == migrate.HEAD_REVISION
    state = inspect_file(db)
    assert TABLE in state.tables and state.user_version == migrate.SCHEMA_VERSION
    engine = create_store_engine(db)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()
    engine = create_store_engine(db, foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0013")
    finally:
        engine.dispose()
    state = inspect_file(db)
    assert state.revision == "0013" and TABLE not in state.tables


def test_a_0013_data_folder_upgrades_with_its_dossiers(tmp_path: Path) -> None:
    folder = tmp_path / "donnees"
    folder.mkdir()
    db = folder / "esms-desktop.sqlite3"
    assert migrate.upgrade(db, target="0013") == "0013"
    m0012 = importlib.import_module("tests.storage.test_migrations")
    m0012._populate_0001(db)
    with open_store(folder) as opened:
        assert dossiers.load_dossier(opened.uow(), 7).name == "Ancien dossier"
        assert partner_search.declared_funded(opened.uow()) == frozenset()
        partner_search.set_declared_funded(opened.uow(), "010785897", True)
    assert inspect_file(db).revision == migrate.HEAD_REVISION
    assert partner_search_rows(db) == [("010785897", "")]


def partner_search_rows(db: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(f"SELECT finess, note FROM {TABLE}").fetchall()

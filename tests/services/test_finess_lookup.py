"""The offline FINESS register over a real store: loading, look-ups, search, filling a dossier."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from esms_desktop.domain.finess_register import FinessFileError, IssueSeverity
from esms_desktop.domain.grappe import OgRole, ProjectType
from esms_desktop.domain.identifiers import finess_with_key
from esms_desktop.importers.progress import Cancelled, CancelToken
from esms_desktop.services import dossiers, finess_lookup
from esms_desktop.services.finess_lookup import (
    FinessLookupError,
    FinessNumberError,
    RegisterNotLoadedError,
)
from esms_desktop.storage import register_file
from esms_desktop.storage.errors import DiskFullError, NotFoundError
from esms_desktop.storage.register_repository import finess_prefix, query_words, search_key
from esms_desktop.storage.store import Store, open_store
from tests.importers.test_finess_readers import make_national_file
from tests.storage.factories import CAMPAIGN, grappe

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "finess_files"
WEB30 = FILES / "finess-web-export-esat-30.csv"
ETALAB30 = FILES / "t-finess-extrait.csv"
JSON12 = FILES / "finess-structures-extrait.json"

BROSSES_EJ = "010785897"
BROSSES_EJ_ESSMS = [
    "010001261", "010006898", "010784163", "010784171",
    "010784213", "010784288", "010788339", "010788909",
]  # fmt: skip
AFIS_EJ = "010000255"  # JSON excerpt: 4 open establishments and 1 closed (010790061)
UNKNOWN = finess_with_key("59000001")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "donnees", backup_on_open=False)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def loaded(store: Store) -> Store:
    """A store with the 30 ESAT of the website-export excerpt loaded."""
    finess_lookup.load_register(store.uow(), WEB30)
    return store


def _count(store: Store) -> int:
    with store.uow(read_only=True) as uow:
        return uow.register.count()


def _web_rows() -> tuple[bytes, list[bytes]]:
    lines = WEB30.read_bytes().split(b"\r\n")
    return lines[0], [line for line in lines[1:] if line]


# --- the search key ---------------------------------------------------------------------------


def test_search_key_ignores_case_accents_punctuation_and_repeats() -> None:
    assert search_key("Esat Les Brosses", "ESAT LES BROSSES", "Saint-Étienne") == (
        " ESAT LES BROSSES SAINT ETIENNE "
    )
    assert search_key("Œuvre d'Æsope", "", "") == " OEUVRE D AESOPE "
    assert search_key("", "", "") == ""
    assert query_words("  l'Hôpital  ST-JEAN ") == ["L", "HOPITAL", "ST", "JEAN"]


@pytest.mark.parametrize(
    ("typed", "prefix"),
    [("01 000", "01000"), ("2a00", "2A00"), ("010001261", "010001261"), ("1", None),
     ("abc", None), ("0100012610", None), ("", None)],
)  # fmt: skip
def test_finess_prefix(typed: str, prefix: str | None) -> None:
    assert finess_prefix(typed) == prefix


# --- loading ----------------------------------------------------------------------------------


def test_nothing_loaded_at_first(store: Store) -> None:
    assert finess_lookup.status(store.uow()) is None
    assert finess_lookup.lookup(store.uow(), "010001261") is None
    assert finess_lookup.search(store.uow(), "esat") == []


def test_load_web_excerpt_and_look_up(store: Store) -> None:
    reports: list[tuple[int, int]] = []
    result = finess_lookup.load_register(
        store.uow(), WEB30, lambda done, total: reports.append((done, total))
    )
    assert (result.count, result.file, result.source) == (30, WEB30.name, "web")
    assert result.issues == () and result.errors == ()
    assert result.summary == f"30 établissements chargés depuis « {WEB30.name} »."
    info = finess_lookup.status(store.uow())
    assert info is not None
    assert (info.file, info.source, info.count, info.rejected) == (WEB30.name, "web", 30, 0)
    assert _count(store) == 30

    entry = finess_lookup.lookup(store.uow(), " 010 001 261 ")
    assert entry is not None
    assert (entry.name, entry.category, entry.capacity, entry.finess_ej) == (
        "ESAT LES BROSSES", "246", 50, BROSSES_EJ
    )  # fmt: skip
    assert (entry.siret, entry.postal_code, entry.town, entry.opened, entry.closed) == (
        "77554408300477", "01560", "VERNOUX", date(2000, 10, 1), False
    )  # fmt: skip
    assert entry.category_label.startswith("Etablissement et Service d'Aide par le Travail")
    # Progress in thousandths: from reading to writing, never backwards, ending full.
    assert reports[-1] == (1000, 1000)
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    assert any(d <= finess_lookup.READ_SHARE for d, _ in reports[:-1])
    assert {t for _, t in reports} == {1000}


def test_every_field_survives_the_table(store: Store) -> None:
    from esms_desktop.importers.finess_detect import read_register

    finess_lookup.load_register(store.uow(), JSON12)
    for original in read_register(JSON12).entries:
        assert finess_lookup.lookup(store.uow(), original.finess) == original


def test_lookup_refuses_impossible_numbers_in_french(loaded: Store) -> None:
    with pytest.raises(FinessNumberError) as caught:
        finess_lookup.lookup(loaded.uow(), "10001261")
    assert isinstance(caught.value, ValueError)
    assert "« 10001261 »" in caught.value.message
    assert "8 caractères au lieu de 9" in caught.value.message
    assert "010001261 ?" in caught.value.message  # the lost leading zero is suggested
    with pytest.raises(FinessNumberError, match="clé de contrôle"):
        finess_lookup.lookup(loaded.uow(), "010001262")
    with pytest.raises(FinessNumberError, match="vide"):
        finess_lookup.lookup(loaded.uow(), "  ")
    assert finess_lookup.lookup(loaded.uow(), UNKNOWN) is None


def test_search_by_name_ignores_accents_and_case(loaded: Store) -> None:
    def found(text: str, limit: int = 50) -> list[str]:
        return [e.finess for e in finess_lookup.search(loaded.uow(), text, limit)]

    assert found("thiérache") == found("THIERACHE") == ["020008710"]
    assert found("nouvion-en-thierache") == ["020008710"]
    assert found("fontaine lès") == ["020004545"]
    assert found("bross") == ["010001261"]  # start of a word…
    assert found("rosses") == []  # …not the middle of one
    assert found("esat savart") == ["020008710", "020003836"]  # every word; « LE N… » < « SA… »
    assert found("esat savart laon") == []
    assert len(found("esat")) == 29  # all but « DISPJ »
    assert len(found("esat", limit=5)) == 5
    assert found("   ") == found("--") == []


def test_search_by_town_and_by_number(loaded: Store) -> None:
    def found(text: str) -> set[str]:
        return {e.finess for e in finess_lookup.search(loaded.uow(), text)}

    assert found("viriat") == {"010005288", "010784163"}  # one by its name, both by their town
    assert found("Chauny") == {"020001863", "020002341"}  # a name, and a town « CHAUNY CEDEX »
    assert found("01000") == {"010001261", "010005288", "010006898", "010007466", "010008951"}
    assert found("0100 0126 1") == {"010001261"}
    assert found(BROSSES_EJ) == set(BROSSES_EJ_ESSMS)  # a FINESS juridique lists its ESSMS


def test_search_puts_closed_establishments_last(store: Store) -> None:
    finess_lookup.load_register(store.uow(), JSON12)
    results = finess_lookup.search(store.uow(), AFIS_EJ)
    assert len(results) == 5
    assert [e.closed for e in results] == [False] * 4 + [True]
    amberieu = {e.finess for e in finess_lookup.search(store.uow(), "amberieu")}
    assert amberieu == {"010780906", "010006401", "010002285"}  # « Ambérieu-en-Bugey » too


def test_establishments_of_one_legal_entity(loaded: Store) -> None:
    essms = finess_lookup.establishments_of(loaded.uow(), "010 785 897")
    assert [e.finess for e in essms] == BROSSES_EJ_ESSMS
    assert finess_lookup.establishments_of(loaded.uow(), UNKNOWN) == []
    with pytest.raises(FinessNumberError):
        finess_lookup.establishments_of(loaded.uow(), "0107858")


def test_closed_establishments_only_on_request(store: Store) -> None:
    finess_lookup.load_register(store.uow(), JSON12)
    assert len(finess_lookup.establishments_of(store.uow(), AFIS_EJ)) == 4
    every = finess_lookup.establishments_of(store.uow(), AFIS_EJ, include_closed=True)
    assert [e.finess for e in every if e.closed] == ["010790061"]


def test_a_second_file_replaces_the_first(loaded: Store) -> None:
    result = finess_lookup.load_register(loaded.uow(), JSON12)
    assert (result.count, result.source) == (12, "json")
    assert _count(loaded) == 12
    assert finess_lookup.lookup(loaded.uow(), "010001261") is None
    assert finess_lookup.lookup(loaded.uow(), "010780906") is not None
    info = finess_lookup.status(loaded.uow())
    assert info is not None and (info.file, info.count) == (JSON12.name, 12)


def _assert_still_web(store: Store) -> None:
    info = finess_lookup.status(store.uow())
    assert info is not None and (info.file, info.count) == (WEB30.name, 30)
    assert _count(store) == 30
    assert finess_lookup.lookup(store.uow(), "010001261") is not None


def test_a_truncated_file_loads_nothing_and_keeps_the_table(loaded: Store, tmp_path: Path) -> None:
    data = JSON12.read_bytes()
    cut = tmp_path / "flux-coupe.json"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(FinessFileError) as caught:
        finess_lookup.load_register(loaded.uow(), cut)
    assert "flux-coupe.json" in caught.value.message
    assert "Rien n'a été importé" in caught.value.message
    _assert_still_web(loaded)


def test_a_file_without_any_valid_row_keeps_the_table(loaded: Store, tmp_path: Path) -> None:
    header, rows = _web_rows()
    bad = rows[0].replace(b'="010001261"', b'="010001262"')
    path = tmp_path / "export.csv"
    path.write_bytes(header + b"\r\n" + bad + b"\r\n")
    with pytest.raises(FinessFileError, match="Rien n'a été importé"):
        finess_lookup.load_register(loaded.uow(), path)
    _assert_still_web(loaded)


def test_rows_in_error_are_reported_and_the_others_loaded(store: Store, tmp_path: Path) -> None:
    header, rows = _web_rows()
    rows[1] = rows[1].replace(b'="010005288"', b'="010005289"')  # wrong key, line 3
    path = tmp_path / "export.csv"
    path.write_bytes(b"\r\n".join([header, *rows]) + b"\r\n")
    result = finess_lookup.load_register(store.uow(), path)
    assert result.count == 29
    [error] = result.errors
    assert error.line == 3 and "010005289" in error.text and error.file == "export.csv"
    assert (
        result.summary == "29 établissements chargés depuis « export.csv » (1 ligne(s) refusée(s))."
    )
    info = finess_lookup.status(store.uow())
    assert info is not None and (info.count, info.rejected) == (29, 1)
    assert finess_lookup.lookup(store.uow(), "010001261") is not None


def test_cancelling_while_writing_keeps_the_table(loaded: Store) -> None:
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        if done >= finess_lookup.READ_SHARE:  # reading is over: cancel during the writing
            token.cancel()

    with pytest.raises(Cancelled):
        finess_lookup.load_register(loaded.uow(), JSON12, progress, token)
    _assert_still_web(loaded)
    already = CancelToken()
    already.cancel()
    with pytest.raises(Cancelled):
        finess_lookup.load_register(loaded.uow(), JSON12, cancel=already)
    _assert_still_web(loaded)


def test_a_full_disk_during_the_load_keeps_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "plein"
    with open_store(data_dir, backup_on_open=False) as store:
        finess_lookup.load_register(store.uow(), WEB30)
    big = tmp_path / "etalab.csv"
    make_national_file(big, 3000)
    opener = register_file._open_for_build

    def capped(path: Path) -> sqlite3.Connection:  # the new register file meets a full disk
        conn = opener(path)
        conn.execute("PRAGMA max_page_count=40")
        return conn

    monkeypatch.setattr(register_file, "_open_for_build", capped)
    with open_store(data_dir, backup_on_open=False) as store:
        with pytest.raises(DiskFullError):
            finess_lookup.load_register(store.uow(), big)
        _assert_still_web(store)
        assert [p.name for p in data_dir.glob(".repertoire*")] == []  # no partial file left


def test_full_website_export(store: Store, shared_finess: Path) -> None:
    result = finess_lookup.load_register(store.uow(), shared_finess / "finess-web-export-esat.csv")
    assert result.count == 1508 and result.errors == ()
    assert result.summary == "1 508 établissements chargés depuis « finess-web-export-esat.csv »."
    assert _count(store) == 1508
    entry = finess_lookup.lookup(store.uow(), "010001261")
    assert entry is not None and entry.capacity == 50
    assert len(finess_lookup.search(store.uow(), "esat", limit=5000)) == 1000  # the cap
    assert [e.finess for e in finess_lookup.search(store.uow(), "brosses vernoux")] == ["010001261"]


# --- filling a dossier ------------------------------------------------------------------------


def _new_dossier(store: Store, with_grappe: bool = False) -> int:
    return dossiers.create_dossier(
        store.uow(), "Grappe de l'Ain", CAMPAIGN, grappe(2, 2) if with_grappe else None
    )


def _actions(store: Store, dossier_id: int) -> list[str]:
    return [e.action for e in dossiers.history(store.uow(), dossier_id)]


def test_add_by_finess_fills_the_grappe_and_reports(loaded: Store) -> None:
    dossier_id = _new_dossier(loaded)
    report = finess_lookup.add_by_finess(
        loaded.uow(), dossier_id, ["010001261", "010 006 898", "010001262", UNKNOWN, "010001261"]
    )
    assert [a.finess for a in report.added] == ["010001261", "010006898"]
    assert report.unknown == (UNKNOWN,)
    assert report.invalid == (("010001262", report.invalid[0][1]),)
    assert "clé de contrôle" in report.invalid[0][1]
    assert report.skipped == () and report.closed == ()
    assert report.created_organisations == (f"OG {BROSSES_EJ}",)
    assert report.changed and not report.complete
    assert any(UNKNOWN in line for line in report.problems())

    stored = dossiers.load_dossier(loaded.uow(), dossier_id)
    [og] = stored.grappe.organisations
    assert (og.name, og.role, og.finess_ej, og.siren) == (
        f"OG {BROSSES_EJ}", OgRole.PORTEUR, BROSSES_EJ, "775544083"
    )  # fmt: skip
    first = og.establishments[0]
    assert (first.finess, first.name, first.category, first.capacity, first.project) == (
        "010001261", "ESAT LES BROSSES", "246", 50, ProjectType.AUCUN
    )  # fmt: skip
    assert (first.address, first.postal_code, first.town) == ("LES BROSSES", "01560", "VERNOUX")
    assert _actions(loaded, dossier_id) == ["finess_ajout", "creation"]
    line = dossiers.history(loaded.uow(), dossier_id)[0].summary
    assert "010001261" in line and "010006898" in line and f"OG {BROSSES_EJ}" in line

    again = finess_lookup.add_by_finess(loaded.uow(), dossier_id, ["010001261", "010006898"])
    assert again.added == () and again.skipped == ("010001261", "010006898")
    assert not again.changed and again.complete
    assert dossiers.load_dossier(loaded.uow(), dossier_id) == stored  # nothing written
    assert _actions(loaded, dossier_id) == ["finess_ajout", "creation"]


def test_add_by_finess_groups_by_legal_entity(loaded: Store) -> None:
    dossier_id = _new_dossier(loaded)
    report = finess_lookup.add_by_finess(
        loaded.uow(), dossier_id, ["010001261", "010005288", "010006898"]
    )
    assert report.created_organisations == (f"OG {BROSSES_EJ}", "OG 750078149")
    orgs = dossiers.load_dossier(loaded.uow(), dossier_id).grappe.organisations
    assert [(o.name, o.role) for o in orgs] == [
        (f"OG {BROSSES_EJ}", OgRole.PORTEUR), ("OG 750078149", OgRole.MEMBRE)
    ]  # fmt: skip
    assert [[e.finess for e in o.establishments] for o in orgs] == [
        ["010001261", "010006898"], ["010005288"]
    ]  # fmt: skip
    assert orgs[1].siren == "775693385"


def test_add_by_finess_into_a_chosen_og(loaded: Store) -> None:
    dossier_id = _new_dossier(loaded, with_grappe=True)
    before = dossiers.load_dossier(loaded.uow(), dossier_id)
    report = finess_lookup.add_by_finess(loaded.uow(), dossier_id, ["010001261"], og_index=1)
    assert report.created_organisations == ()
    after = dossiers.load_dossier(loaded.uow(), dossier_id).grappe.organisations
    assert [e.finess for e in after[1].establishments][-1] == "010001261"
    assert after[1].finess_ej == before.grappe.organisations[1].finess_ej  # identity untouched
    assert after[0] == before.grappe.organisations[0]

    with pytest.raises(FinessLookupError, match="pas d'OG n° 3"):
        finess_lookup.add_by_finess(loaded.uow(), dossier_id, ["010006898"], og_index=2)
    assert (
        len(dossiers.load_dossier(loaded.uow(), dossier_id).grappe.organisations[1].establishments)
        == 3
    )


def test_closed_establishments_are_not_added(store: Store) -> None:
    finess_lookup.load_register(store.uow(), JSON12)
    dossier_id = _new_dossier(store)
    report = finess_lookup.add_by_finess(store.uow(), dossier_id, ["010790061", "010011914"])
    assert [a.finess for a in report.added] == ["010011914"]
    assert report.closed == ("010790061",)
    assert any("Fermé" in line and "010790061" in line for line in report.problems())


def test_add_by_ej_adds_the_open_establishments_as_one_og(store: Store) -> None:
    finess_lookup.load_register(store.uow(), JSON12)
    dossier_id = _new_dossier(store, with_grappe=True)
    report = finess_lookup.add_by_ej(store.uow(), dossier_id, "010 000 255")
    assert sorted(a.finess for a in report.added) == [
        "010008183", "010011914", "010013472", "010780575"
    ]  # fmt: skip
    assert report.closed_left_out == 1 and report.complete
    # Issue 19: the flux lists the legal entity, so the OG is named after it, not « OG … ».
    afis = "ASSOCIATION POUR LA FORMATION ET L'INSERTION DES PERSONNES"
    assert report.created_organisations == (afis,)
    orgs = dossiers.load_dossier(store.uow(), dossier_id).grappe.organisations
    assert len(orgs) == 3
    new = orgs[2]
    assert (new.name, new.role, new.finess_ej, new.siren) == (
        afis, OgRole.MEMBRE, AFIS_EJ, "779309194"
    )  # fmt: skip
    assert len(new.establishments) == 4
    assert all(e.project is ProjectType.AUCUN for e in new.establishments)
    assert "entité juridique 010000255" in dossiers.history(store.uow(), dossier_id)[0].summary

    again = finess_lookup.add_by_ej(store.uow(), dossier_id, AFIS_EJ)
    assert again.added == () and len(again.skipped) == 4
    assert len(dossiers.load_dossier(store.uow(), dossier_id).grappe.organisations) == 3


def test_add_by_ej_completes_the_og_already_there(loaded: Store) -> None:
    dossier_id = _new_dossier(loaded)
    finess_lookup.add_by_finess(loaded.uow(), dossier_id, ["010001261"])
    report = finess_lookup.add_by_ej(loaded.uow(), dossier_id, BROSSES_EJ)
    assert report.skipped == ("010001261",) and len(report.added) == 7
    assert report.created_organisations == ()
    [og] = dossiers.load_dossier(loaded.uow(), dossier_id).grappe.organisations
    assert sorted(e.finess for e in og.establishments) == BROSSES_EJ_ESSMS


def test_add_by_ej_unknown_or_invalid(loaded: Store) -> None:
    dossier_id = _new_dossier(loaded)
    report = finess_lookup.add_by_ej(loaded.uow(), dossier_id, UNKNOWN)
    assert report.unknown == (UNKNOWN,) and not report.changed
    with pytest.raises(FinessNumberError, match="8 caractères"):
        finess_lookup.add_by_ej(loaded.uow(), dossier_id, "01078589")
    assert _actions(loaded, dossier_id) == ["creation"]


def test_og_named_after_the_legal_entity_when_the_file_lists_it(
    store: Store, tmp_path: Path
) -> None:
    lines = ETALAB30.read_bytes().decode("cp1252").split("\n")
    fields = lines[1].split(";")
    fields[1:5] = [BROSSES_EJ, "", "ADAPEI AIN", "ADAPEI DE L'AIN (ASSOCIATION)"]
    path = tmp_path / "t-finess.csv"
    path.write_bytes("\n".join([*lines[:2], ";".join(fields), *lines[2:]]).encode("cp1252"))
    assert finess_lookup.load_register(store.uow(), path).count == 31
    dossier_id = _new_dossier(store)
    report = finess_lookup.add_by_ej(store.uow(), dossier_id, BROSSES_EJ)
    assert report.created_organisations == ("ADAPEI DE L'AIN (ASSOCIATION)",)
    assert len(report.added) == 8


def test_adding_needs_a_loaded_register_and_an_existing_dossier(store: Store) -> None:
    dossier_id = _new_dossier(store)
    with pytest.raises(RegisterNotLoadedError, match="Aucun répertoire FINESS"):
        finess_lookup.add_by_finess(store.uow(), dossier_id, ["010001261"])
    with pytest.raises(RegisterNotLoadedError):
        finess_lookup.add_by_ej(store.uow(), dossier_id, BROSSES_EJ)
    finess_lookup.load_register(store.uow(), WEB30)
    with pytest.raises(NotFoundError):
        finess_lookup.add_by_finess(store.uow(), dossier_id + 1, ["010001261"])
    assert _actions(store, dossier_id) == ["creation"]


def test_issue_severities_are_kept_in_the_result(store: Store, tmp_path: Path) -> None:
    header, rows = _web_rows()
    path = tmp_path / "double.csv"
    path.write_bytes(b"\r\n".join([header, rows[0], rows[0]]) + b"\r\n")
    result = finess_lookup.load_register(store.uow(), path)
    assert result.count == 1 and result.duplicates_merged == 1
    assert [i.severity for i in result.issues] == [IssueSeverity.AVERTISSEMENT]
    assert result.warnings == result.issues

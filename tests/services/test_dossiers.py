"""Dossier use cases over a real store: each call one transaction and one change-log line."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from esms_desktop.domain.dossier import Annex, Dossier
from esms_desktop.domain.grappe import ProjectType
from esms_desktop.services import dossiers
from esms_desktop.services.dossiers import DossierInputError
from esms_desktop.storage.errors import NotFoundError
from esms_desktop.storage.repository import SqlAlchemyDossierRepository
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import CAMPAIGN, establishment, full_dossier, grappe


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "donnees")
    try:
        yield opened
    finally:
        opened.close()


def _actions(store: Store, dossier_id: int) -> list[str]:
    return [e.action for e in dossiers.history(store.uow(), dossier_id)]


def test_create_list_load(store: Store) -> None:
    first = dossiers.create_dossier(store.uow(), "  Grappe   Nord ", CAMPAIGN, grappe(2, 3))
    second = dossiers.create_dossier(store.uow(), "Vide", "generalisation-2023")
    summaries = dossiers.list_dossiers(store.uow(read_only=True))
    assert [(s.id, s.name, s.campaign_id, s.establishment_count) for s in summaries] == [
        (second, "Vide", "generalisation-2023", 0),
        (first, "Grappe Nord", CAMPAIGN, 6),
    ]
    loaded = dossiers.load_dossier(store.uow(), first)
    assert loaded.grappe == grappe(2, 3)
    assert loaded.annexes == Dossier("x", "y").annexes  # the default checklist
    assert loaded.created is not None and loaded.created == loaded.updated
    assert _actions(store, first) == ["creation"]
    assert "Grappe Nord" in dossiers.history(store.uow(), first)[0].summary


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_bad_names_are_refused_in_french(store: Store, name: str) -> None:
    with pytest.raises(DossierInputError) as caught:
        dossiers.create_dossier(store.uow(), name, CAMPAIGN)
    assert "nom du dossier" in caught.value.message
    assert dossiers.list_dossiers(store.uow()) == []


def test_save_round_trips_a_full_dossier_exactly(store: Store) -> None:
    new_id = dossiers.create_dossier(store.uow(), "Brouillon", CAMPAIGN)
    created = dossiers.load_dossier(store.uow(), new_id).created
    stored = dossiers.save_dossier(store.uow(), replace(full_dossier(), id=new_id))
    loaded = dossiers.load_dossier(store.uow(), new_id)
    assert loaded == stored
    assert loaded == replace(full_dossier(), id=new_id, created=created, updated=stored.updated)
    assert stored.updated is not None and created is not None and stored.updated > created
    entry = dossiers.history(store.uow(), new_id)[0]
    assert entry.action == "enregistrement"
    assert "grappe" in entry.summary and "porteur" in entry.summary


def test_saving_an_unchanged_dossier_writes_nothing(store: Store) -> None:
    new_id = dossiers.create_dossier(store.uow(), "Stable", CAMPAIGN)
    loaded = dossiers.load_dossier(store.uow(), new_id)
    assert dossiers.save_dossier(store.uow(), loaded) == loaded
    assert _actions(store, new_id) == ["creation"]


def test_save_needs_a_stored_dossier(store: Store) -> None:
    with pytest.raises(DossierInputError):
        dossiers.save_dossier(store.uow(), Dossier("Jamais créé", CAMPAIGN))
    with pytest.raises(NotFoundError) as caught:
        dossiers.save_dossier(store.uow(), Dossier("Fantôme", CAMPAIGN, id=99))
    assert "n° 99" in caught.value.message


def test_rename_duplicate_delete(store: Store) -> None:
    source = dossiers.create_dossier(store.uow(), "Original", CAMPAIGN, grappe())
    dossiers.attach_annex_file(store.uow(), source, "rib", "rib.pdf", b"%PDF-1.4 rib")
    dossiers.rename_dossier(store.uow(), source, "Renommé")
    copy = dossiers.duplicate_dossier(store.uow(), source)

    original = dossiers.load_dossier(store.uow(), source)
    duplicated = dossiers.load_dossier(store.uow(), copy)
    assert duplicated.name == "Renommé (copie)"
    assert replace(duplicated, id=None, name="", created=None, updated=None) == replace(
        original, id=None, name="", created=None, updated=None
    )
    assert dossiers.read_annex_file(store.uow(), copy, "rib")[1] == b"%PDF-1.4 rib"
    assert _actions(store, copy) == ["duplication"]

    dossiers.delete_dossier(store.uow(), source)
    with pytest.raises(NotFoundError):
        dossiers.load_dossier(store.uow(), source)
    with pytest.raises(NotFoundError):
        dossiers.read_annex_file(store.uow(), source, "rib")
    assert dossiers.read_annex_file(store.uow(), copy, "rib")[1] == b"%PDF-1.4 rib"
    # the history of a deleted dossier keeps the line saying so
    assert _actions(store, source)[0] == "suppression"
    assert [s.id for s in dossiers.list_dossiers(store.uow())] == [copy]


def test_update_grappe_and_overrides(store: Store) -> None:
    new_id = dossiers.create_dossier(store.uow(), "D", CAMPAIGN)
    dossiers.update_grappe(store.uow(), new_id, grappe(3, 2))
    dossiers.set_overrides(store.uow(), new_id, {"pilotage": Decimal("100000.00")})
    dossiers.set_overrides(store.uow(), new_id, {"pilotage": Decimal("100000.00")})  # no-op
    loaded = dossiers.load_dossier(store.uow(), new_id)
    assert loaded.grappe == grappe(3, 2)
    assert str(loaded.overrides["pilotage"]) == "100000.00"
    assert _actions(store, new_id) == ["valeurs", "grappe", "creation"]
    with pytest.raises(DossierInputError) as caught:
        dossiers.set_overrides(store.uow(), new_id, {"pilotage": 0.1})  # type: ignore[dict-item]
    assert "pilotage" in caught.value.message
    dossiers.set_overrides(store.uow(), new_id, {})
    assert "pilotage retirée" in dossiers.history(store.uow(), new_id)[0].summary


def test_record_autodiag_replaces_one_scope_and_keeps_order(store: Store) -> None:
    new_id = dossiers.create_dossier(store.uow(), "D", CAMPAIGN)
    dossiers.record_autodiag(store.uow(), new_id, "grappe", {"q1": 1, "q2": 2})
    dossiers.record_autodiag(store.uow(), new_id, "og:0", {"q1": 4})
    dossiers.record_autodiag(store.uow(), new_id, "grappe", {"q1": 3})
    loaded = dossiers.load_dossier(store.uow(), new_id)
    assert [(r.scope, dict(r.answers)) for r in loaded.autodiagnostics] == [
        ("grappe", {"q1": 3}),
        ("og:0", {"q1": 4}),
    ]
    for bad in (5, -1, True, "2"):
        with pytest.raises(DossierInputError) as caught:
            dossiers.record_autodiag(store.uow(), new_id, "grappe", {"q9": bad})  # type: ignore[dict-item]
        assert "q9" in caught.value.message


def test_establishment_rows_are_edited_one_by_one(store: Store) -> None:
    new_id = dossiers.create_dossier(store.uow(), "D", CAMPAIGN, grappe(2, 2))
    extra = establishment(900, name="SSIAD du Littoral", category="354")
    assert dossiers.add_establishment(store.uow(), new_id, 1, extra, position=0) == 0
    assert dossiers.add_establishment(store.uow(), new_id, 1, establishment(901)) == 3
    changed = dossiers.update_establishment(
        store.uow(), new_id, 1, 0, replace(extra, capacity=12, project=ProjectType.CONFORMITE)
    )
    assert changed == ["capacity", "project"]
    assert (
        dossiers.update_establishment(
            store.uow(), new_id, 1, 0, replace(extra, capacity=12, project=ProjectType.CONFORMITE)
        )
        == []
    )
    removed = dossiers.remove_establishment(store.uow(), new_id, 1, 1)
    assert removed == grappe(2, 2).organisations[1].establishments[0]

    og = dossiers.load_dossier(store.uow(), new_id).grappe.organisations[1]
    assert [e.finess for e in og.establishments] == [
        extra.finess,
        grappe(2, 2).organisations[1].establishments[1].finess,
        establishment(901).finess,
    ]
    assert og.establishments[0].capacity == 12
    log = dossiers.history(store.uow(), new_id)
    assert [e.action for e in log[:4]] == [
        "essms_suppression",
        "essms_modification",
        "essms_ajout",
        "essms_ajout",
    ]
    assert "capacité, projet" in log[1].summary and "SSIAD du Littoral" in log[1].summary
    assert dossiers.load_dossier(store.uow(), new_id).updated == log[0].at


def test_bad_positions_are_french_not_found_errors(store: Store) -> None:
    new_id = dossiers.create_dossier(store.uow(), "D", CAMPAIGN, grappe(1, 2))
    with pytest.raises(NotFoundError) as caught:
        dossiers.update_establishment(store.uow(), new_id, 0, 5, establishment(1))
    assert "ligne 6" in caught.value.message
    with pytest.raises(NotFoundError) as caught:
        dossiers.add_establishment(store.uow(), new_id, 3, establishment(1))
    assert "organisme gestionnaire n° 4" in caught.value.message
    assert dossiers.load_dossier(store.uow(), new_id).grappe == grappe(1, 2)


def test_annex_files_live_in_the_database_and_survive_saves(store: Store) -> None:
    new_id = dossiers.create_dossier(store.uow(), "D", CAMPAIGN)
    content = bytes(range(256)) * 100
    info = dossiers.attach_annex_file(store.uow(), new_id, "rib", "RIB banque.pdf", content)
    assert (info.size, info.name) == (len(content), "RIB banque.pdf")
    import hashlib

    assert info.sha256 == hashlib.sha256(content).hexdigest()
    annex = next(a for a in dossiers.load_dossier(store.uow(), new_id).annexes if a.key == "rib")
    assert annex.provided and annex.file_name == "RIB banque.pdf"

    loaded = dossiers.load_dossier(store.uow(), new_id)
    dossiers.save_dossier(store.uow(), replace(loaded, governance="COPIL"))  # whole replace
    assert dossiers.read_annex_file(store.uow(), new_id, "rib")[1] == content

    # an annex removed from the checklist takes its file with it
    kept = tuple(a for a in loaded.annexes if a.key != "rib")
    dossiers.save_dossier(store.uow(), replace(loaded, annexes=kept))
    with pytest.raises(NotFoundError):
        dossiers.read_annex_file(store.uow(), new_id, "rib")

    dossiers.save_dossier(store.uow(), replace(loaded, annexes=(*kept, Annex("rib", "RIB"))))
    dossiers.attach_annex_file(store.uow(), new_id, "rib", "rib.pdf", b"1")
    dossiers.detach_annex_file(store.uow(), new_id, "rib")
    annex = next(a for a in dossiers.load_dossier(store.uow(), new_id).annexes if a.key == "rib")
    assert not annex.provided and annex.file_name == ""
    assert dossiers.list_annex_files(store.uow(), new_id) == []
    with pytest.raises(NotFoundError) as caught:
        dossiers.attach_annex_file(store.uow(), new_id, "inconnue", "x.pdf", b"x")
    assert "inconnue" in caught.value.message


def test_too_big_files_are_refused(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    new_id = dossiers.create_dossier(store.uow(), "D", CAMPAIGN)
    monkeypatch.setattr(dossiers, "MAX_ANNEX_FILE_BYTES", 10)
    with pytest.raises(DossierInputError) as caught:
        dossiers.attach_annex_file(store.uow(), new_id, "rib", "gros.pdf", b"x" * 11)
    assert "gros.pdf" in caught.value.message


def test_a_failure_inside_a_service_rolls_the_whole_call_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_log(self: SqlAlchemyDossierRepository, *args: object) -> None:
        raise RuntimeError("panne simulée après l'ajout")

    monkeypatch.setattr(SqlAlchemyDossierRepository, "log", broken_log)
    with pytest.raises(RuntimeError):
        dossiers.create_dossier(store.uow(), "Jamais", CAMPAIGN, grappe())
    monkeypatch.undo()
    assert dossiers.list_dossiers(store.uow()) == []


@pytest.mark.parametrize("module_name", ["dossiers", "exchange", "unit_of_work"])
def test_services_only_touch_the_store_through_the_unit_of_work(module_name: str) -> None:
    import ast
    import importlib
    import inspect

    module = importlib.import_module(f"esms_desktop.services.{module_name}")
    tree = ast.parse(inspect.getsource(module))
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not any(name.startswith(("sqlalchemy", "alembic", "sqlite3")) for name in imported)

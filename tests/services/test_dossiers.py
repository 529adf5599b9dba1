"""Dossier use cases over a real store: each call one transaction and one change-log line."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from esms_desktop.domain.dossier import Annex, Dossier
from esms_desktop.domain.edits import set_establishment, with_grappe
from esms_desktop.services import dossiers
from esms_desktop.services.dossiers import DossierInputError
from esms_desktop.services.session import DossierSession
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.errors import NotFoundError
from esms_desktop.storage.repository import SqlAlchemyDossierRepository
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import CAMPAIGN, full_dossier, grappe


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
    with store.uow(read_only=True) as uow:
        assert uow.dossiers.files(new_id) == []
    with pytest.raises(NotFoundError) as caught:
        dossiers.attach_annex_file(store.uow(), new_id, "inconnue", "x.pdf", b"x")
    assert "inconnue" in caught.value.message


def test_the_session_saves_each_edit_without_reading_the_dossier(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session hands the value it last saved: the store compares and writes, never reads the
    whole dossier again (what kept a save of a 1,000-ESSMS dossier under 10 ms)."""
    workspace = Workspace(store)
    new_id = dossiers.create_dossier(store.uow(), "Grappe", CAMPAIGN, grappe(3, 5))
    session = DossierSession(workspace.load(new_id), workspace.save, workspace.save_errors)
    reads: list[int] = []
    real_get = SqlAlchemyDossierRepository.get

    def counting_get(self: SqlAlchemyDossierRepository, dossier_id: int) -> Dossier:
        reads.append(dossier_id)
        return real_get(self, dossier_id)

    monkeypatch.setattr(SqlAlchemyDossierRepository, "get", counting_get)
    for capacity in (11, 12, 13):
        d = session.dossier
        session.replace(with_grappe(d, set_establishment(d.grappe, 1, 2, capacity=capacity)))
    assert reads == [] and not session.unsaved
    monkeypatch.undo()
    assert dossiers.load_dossier(store.uow(), new_id).grappe == session.dossier.grappe
    assert _actions(store, new_id) == ["enregistrement"] * 3 + ["creation"]


def test_an_edit_after_a_file_was_attached_is_compared_with_the_stored_dossier(
    store: Store, tmp_path: Path
) -> None:
    """Attaching a file writes the dossier outside the session (the export step does it, then
    applies the same change on screen): the session's last saved value is then out of date, and
    its next save compares with what is stored instead of trusting it."""
    workspace = Workspace(store)
    new_id = dossiers.create_dossier(store.uow(), "Pièces", CAMPAIGN)
    session = DossierSession(workspace.load(new_id), workspace.save, workspace.save_errors)
    chosen = tmp_path / "rib.pdf"
    chosen.write_bytes(b"%PDF-1.4 rib")
    name = workspace.attach(new_id, "rib", chosen)
    d = session.dossier
    annexes = tuple(
        replace(a, provided=True, file_name=name) if a.key == "rib" else a for a in d.annexes
    )
    session.replace(replace(d, annexes=annexes))  # the same change: nothing left to write
    session.replace(replace(session.dossier, governance="COPIL"))
    assert not session.unsaved
    stored = dossiers.load_dossier(store.uow(), new_id)
    assert replace(stored, updated=None) == replace(session.dossier, updated=None)
    assert _actions(store, new_id) == ["enregistrement", "piece_jointe", "creation"]
    assert dossiers.history(store.uow(), new_id)[0].summary == "Dossier enregistré (gouvernance)."


def test_a_save_handed_an_out_of_date_value_still_stores_the_new_one(store: Store) -> None:
    new_id = dossiers.create_dossier(store.uow(), "Avant", CAMPAIGN, grappe(1, 2))
    loaded = dossiers.load_dossier(store.uow(), new_id)
    dossiers.rename_dossier(store.uow(), new_id, "Renommé ailleurs")
    edited = replace(loaded, governance="COPIL")
    stored = dossiers.save_dossier(store.uow(), edited, before=loaded)
    assert dossiers.load_dossier(store.uow(), new_id) == stored
    assert stored == replace(edited, updated=stored.updated)  # the saved value, name included
    # the change log names what changed from the stored dossier, not from ``loaded``
    assert dossiers.history(store.uow(), new_id)[0].summary == (
        "Dossier enregistré (nom, gouvernance)."
    )


def test_each_write_dates_the_dossier_later_even_on_a_coarse_clock(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save trusts the value it is handed only while the stored date is that value's: two
    writes in the same clock tick must not leave the same date."""
    frozen = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(dossiers, "_now", lambda: frozen)
    new_id = dossiers.create_dossier(store.uow(), "Horloge", CAMPAIGN)
    created = dossiers.load_dossier(store.uow(), new_id)
    first = dossiers.save_dossier(store.uow(), replace(created, governance="A"))
    second = dossiers.save_dossier(store.uow(), replace(first, governance="B"))
    dossiers.rename_dossier(store.uow(), new_id, "Renommé")
    renamed = dossiers.load_dossier(store.uow(), new_id)
    assert created.updated is not None and first.updated is not None
    assert second.updated is not None and renamed.updated is not None
    assert created.updated < first.updated < second.updated < renamed.updated
    assert (renamed.name, renamed.governance) == ("Renommé", "B")


def test_the_use_cases_that_only_duplicated_domain_edits_are_gone() -> None:
    """Edits are domain functions applied to the dossier value and saved with ``save_dossier``
    (tests/domain/test_edits.py); no second, row-by-row way to change a dossier remains."""
    for name in (
        "update_grappe",
        "set_overrides",
        "record_autodiag",
        "add_establishment",
        "update_establishment",
        "remove_establishment",
        "list_annex_files",
    ):
        assert not hasattr(dossiers, name), name
    for name in ("touch", "add_establishment", "update_establishment", "remove_establishment"):
        assert not hasattr(SqlAlchemyDossierRepository, name), name


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

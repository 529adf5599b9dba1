"""The in-memory unit of work (tests/fakes.py) keeps the real store's promises.

Each check runs twice: over SQLite and over the fake. A service test written with the fake is
then a test of the service, not of the fake's accidents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from esms_desktop.domain.dossier import Dossier
from esms_desktop.services import dossiers
from esms_desktop.services.unit_of_work import UnitOfWork
from esms_desktop.storage.errors import NotFoundError
from esms_desktop.storage.repository import DossierChangedError
from esms_desktop.storage.store import open_store
from tests.fakes import FakeUnitOfWork
from tests.storage.factories import CAMPAIGN, full_dossier, grappe

Uow = Callable[[], UnitOfWork]
T0 = datetime(2025, 3, 1, 9, 0, 0)


@pytest.fixture(params=["sqlite", "memoire"])
def uow(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Uow]:
    if request.param == "memoire":
        fake = FakeUnitOfWork()
        yield lambda: fake
        return
    store = open_store(tmp_path / "donnees")
    try:
        yield store.uow
    finally:
        store.close()


def _add(uow: Uow, dossier: Dossier) -> int:
    with uow() as work:
        new_id = work.dossiers.add(dossier)
        work.commit()
    return new_id


def test_a_dossier_reads_back_as_written(uow: Uow) -> None:
    written = replace(full_dossier(), created=T0, updated=T0)
    new_id = _add(uow, written)
    with uow() as work:
        assert work.dossiers.get(new_id) == replace(written, id=new_id)
        assert work.dossiers.exists(new_id) and not work.dossiers.exists(new_id + 99)
        with pytest.raises(NotFoundError):
            work.dossiers.get(new_id + 99)


def test_newest_first(uow: Uow) -> None:
    old = _add(uow, Dossier("Ancien", CAMPAIGN, created=T0))
    new = _add(uow, Dossier("Récent", CAMPAIGN, created=T0 + timedelta(days=1)))
    with uow() as work:
        assert [d.id for d in work.dossiers.list_all()] == [new, old]


def test_leaving_without_commit_keeps_nothing(uow: Uow) -> None:
    with uow() as work:
        work.dossiers.add(Dossier("Brouillon", CAMPAIGN))
    with uow() as work:
        assert work.dossiers.list_all() == []


def test_a_stale_save_writes_nothing(uow: Uow) -> None:
    new_id = _add(uow, Dossier("Grappe", CAMPAIGN, grappe=grappe(1, 2), created=T0))
    with uow() as work:
        first = work.dossiers.get(new_id)
    later = replace(first, name="Renommée", updated=T0 + timedelta(minutes=1))
    with uow() as work:
        work.dossiers.save(first, later)
        work.commit()
    with uow() as work, pytest.raises(DossierChangedError):
        work.dossiers.save(first, replace(first, name="Écrasée", updated=T0 + timedelta(hours=1)))
    with uow() as work:
        assert work.dossiers.get(new_id).name == "Renommée"
        assert work.dossiers.current(first) == work.dossiers.get(new_id)
        assert work.dossiers.current(later) is later


def test_files_are_kept_named_safely_copied_and_dropped(uow: Uow) -> None:
    source = _add(uow, replace(full_dossier(), created=T0))
    target = _add(uow, replace(full_dossier(), created=T0))
    with uow() as work:
        key = work.dossiers.get(source).annexes[0].key
        info = work.dossiers.attach_file(source, key, "../../RIB.pdf", b"%PDF-1.4", T0)
        work.dossiers.copy_files(source, target)
        work.commit()
    assert info.name == "RIB.pdf" and info.size == 8
    with uow() as work:
        assert [f.annex_key for f in work.dossiers.files(target)] == [key]
        assert work.dossiers.file_data(target, key)[1] == b"%PDF-1.4"
        stored = work.dossiers.get(source)
        without = replace(stored, annexes=stored.annexes[1:], updated=T0 + timedelta(minutes=5))
        work.dossiers.save(stored, without)
        assert work.dossiers.files(source) == []
        assert work.dossiers.detach_file(target, key) == info.__class__(
            target, key, "RIB.pdf", 8, info.sha256, T0
        )
        assert work.dossiers.detach_file(target, key) is None
        with pytest.raises(NotFoundError):
            work.dossiers.file_data(target, key)


def test_the_services_behave_alike_on_both(uow: Uow) -> None:
    first = dossiers.create_dossier(uow(), "Grappe Nord", CAMPAIGN, grappe(2, 3))
    dossiers.rename_dossier(uow(), first, "Grappe Nord-Est")
    copy = dossiers.duplicate_dossier(uow(), first)
    names = [s.name for s in dossiers.list_dossiers(uow())]
    assert len(names) == 2 and "Grappe Nord-Est" in names
    assert dossiers.load_dossier(uow(), copy).grappe == grappe(2, 3)
    actions = [e.action for e in dossiers.history(uow(), first)]
    assert actions[0] != actions[-1] and len(actions) == 2
    dossiers.delete_dossier(uow(), first)
    with pytest.raises(NotFoundError):
        dossiers.load_dossier(uow(), first)

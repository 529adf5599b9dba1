"""The stored home summaries keep the same promises over SQLite and over the in-memory fake:
kept for the dossier as it is, gone once the dossier changes, refused for another state."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.home_summary import HomeSummary
from esms_desktop.services import dossiers
from esms_desktop.services.unit_of_work import UnitOfWork
from esms_desktop.storage.store import open_store
from tests.fakes import FakeUnitOfWork
from tests.storage.factories import CAMPAIGN, full_dossier

Uow = Callable[[], UnitOfWork]
T0 = datetime(2025, 3, 1, 9, 0, 0)
SUMMARY = HomeSummary("clé", 3, 0, Decimal("12345.60"), True, False, 4)


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


def _heads(uow: Uow) -> list[tuple[int, HomeSummary | None]]:
    with uow() as work:
        return [(h.id, h.summary) for h in work.dossiers.list_heads()]


def _store(uow: Uow, dossier_id: int, updated: datetime | None) -> bool:
    with uow() as work:
        kept = work.dossiers.store_summary(dossier_id, updated, SUMMARY)
        work.commit()
    return kept


def test_a_summary_is_kept_for_the_dossier_as_it_is(uow: Uow) -> None:
    first = _add(uow, replace(full_dossier(), created=T0, updated=T0))
    later = T0 + timedelta(hours=1)
    second = _add(uow, Dossier("Autre", CAMPAIGN, created=later, updated=later))
    assert _heads(uow) == [(second, None), (first, None)]  # newest first, none computed yet
    assert _store(uow, first, T0)
    assert _heads(uow) == [(second, None), (first, SUMMARY)]
    with uow() as work:
        head = work.dossiers.list_heads()[1]
    assert (head.name, head.campaign_id, head.updated) == (full_dossier().name, CAMPAIGN, T0)


def test_a_summary_goes_when_the_dossier_changes(uow: Uow) -> None:
    dossier_id = _add(uow, replace(full_dossier(), created=T0, updated=T0))
    _store(uow, dossier_id, T0)
    with uow() as work:
        stored = work.dossiers.get(dossier_id)
    dossiers.save_dossier(uow(), replace(stored, project_title="Autre titre"), stored)
    assert _heads(uow) == [(dossier_id, None)]


def test_a_summary_of_another_state_is_refused(uow: Uow) -> None:
    dossier_id = _add(uow, replace(full_dossier(), created=T0, updated=T0))
    assert not _store(uow, dossier_id, T0 - timedelta(seconds=1))
    assert not _store(uow, dossier_id + 99, T0)
    assert _heads(uow) == [(dossier_id, None)]

"""A full disk (simulated with ``max_page_count``): typed error, nothing committed is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from esms_desktop.services import dossiers
from esms_desktop.storage.errors import DiskFullError
from esms_desktop.storage.store import open_store
from tests.storage.factories import CAMPAIGN, grappe
from tests.storage.helpers import sqlite_rows


def test_full_database_refuses_the_write_and_keeps_earlier_commits(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        first = dossiers.create_dossier(store.uow(), "Premier", CAMPAIGN, grappe(2, 3))
        pages = int(store.diagnostics()["page_count"])

    with open_store(data_dir, max_page_count=pages + 4, backup_on_open=False) as store:
        assert store.diagnostics()["max_page_count"] == pages + 4
        created: list[int] = []
        with pytest.raises(DiskFullError) as caught:
            for n in range(200):  # each dossier needs pages: the cap is reached quickly
                created.append(
                    dossiers.create_dossier(store.uow(), f"Suivant {n}", CAMPAIGN, grappe(3, 10))
                )
        assert "disque est plein" in caught.value.message
        assert str(store.paths.database) in caught.value.message
        # the failed transaction left nothing behind, the committed ones are all there
        names = {s.name for s in dossiers.list_dossiers(store.uow())}
        assert names == {"Premier"} | {f"Suivant {n}" for n in range(len(created))}
        assert dossiers.load_dossier(store.uow(), first).grappe == grappe(2, 3)  # still readable

    with open_store(data_dir) as store:  # room again: editing works
        dossiers.rename_dossier(store.uow(), first, "Premier renommé")
        loaded = dossiers.load_dossier(store.uow(), first)
        assert loaded.name == "Premier renommé"
        assert loaded.grappe == grappe(2, 3)
        dossiers.create_dossier(store.uow(), "Place libérée", CAMPAIGN, grappe(3, 10))
    assert sqlite_rows(data_dir / "esms-desktop.sqlite3", "PRAGMA integrity_check") == [("ok",)]

"""An .esms file brought to a data folder is recognised when its dossier is already there."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from esms_desktop.services import dossiers
from esms_desktop.services.exchange import (
    ExchangeFileError,
    dossier_to_dict,
    organisation_to_dict,
    write_exchange_file,
)
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import open_store
from tests.storage.factories import full_dossier

CREATED = datetime(2026, 1, 12, 8, 15, 0, 250000, tzinfo=UTC)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace(open_store(tmp_path / "donnees"))
    try:
        yield ws
    finally:
        ws.close()


def _file(tmp_path: Path, name: str = "dossier.esms", **changes: object) -> Path:
    dossier = replace(full_dossier(), **{"id": None, "created": CREATED, **changes})
    payload = {"dossier": dossier_to_dict(dossier), "files": []}
    return write_exchange_file(tmp_path / name, "dossier", payload)


def test_a_new_file_matches_nothing(workspace: Workspace, tmp_path: Path) -> None:
    incoming = workspace.examine_esms(_file(tmp_path))
    assert incoming.matches == () and incoming.best is None
    assert incoming.title == full_dossier().name


def test_an_imported_file_is_the_same_dossier_identical_until_either_side_changes(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = _file(tmp_path)
    first = workspace.import_esms(path)
    best = workspace.examine_esms(path).best
    assert best is not None and best.dossier_id == first
    assert best.same_origin and best.identical
    stored = workspace.load(first)
    workspace.save(replace(stored, project_title="Autre titre"), before=stored)
    best = workspace.examine_esms(path).best
    assert best is not None and best.same_origin and not best.identical
    # The sender's newer version (another title) is still recognised by its origin.
    newer = workspace.examine_esms(_file(tmp_path, "v2.esms", project_title="Titre v2")).best
    assert newer is not None and newer.dossier_id == first and not newer.identical


def test_a_copy_is_a_dossier_of_its_own(workspace: Workspace, tmp_path: Path) -> None:
    path = _file(tmp_path)
    first = workspace.import_esms(path)
    copy = workspace.import_esms(path, as_copy=True)
    stored = workspace.load(copy)
    assert stored.name == f"{full_dossier().name} (copie)"
    assert stored.created is not None and stored.created != CREATED
    matches = {m.dossier_id: m for m in workspace.examine_esms(path).matches}
    assert matches[first].same_origin and not matches[copy].same_origin
    assert matches[copy].identical  # same content: still said, so nothing is copied unasked
    assert workspace.examine_esms(path).best == matches[first]


def test_a_different_dossier_of_the_same_name_is_not_a_match(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.import_esms(_file(tmp_path))
    other = _file(
        tmp_path, "autre.esms", created=datetime(2026, 2, 1, tzinfo=UTC), project_title="Autre"
    )
    assert workspace.examine_esms(other).matches == ()


def test_a_partner_part_matches_the_dossiers_holding_its_organisation(
    workspace: Workspace, tmp_path: Path
) -> None:
    first = workspace.import_esms(_file(tmp_path))
    og = full_dossier().grappe.organisations[1]
    payload = {"organisation": organisation_to_dict(og), "campaign_id": "x", "files": []}
    path = write_exchange_file(tmp_path / "part.esms", "og", payload)
    incoming = workspace.examine_esms(path)
    assert incoming.title == og.name
    assert [(m.dossier_id, m.same_origin) for m in incoming.matches] == [(first, False)]


def test_a_damaged_file_is_refused_and_nothing_is_read(
    workspace: Workspace, tmp_path: Path
) -> None:
    broken = tmp_path / "abime.esms"
    broken.write_bytes(b"PK\x03\x04 tronque")
    with pytest.raises(ExchangeFileError, match=r"abime\.esms"):
        workspace.examine_esms(broken)
    assert workspace.list_dossiers() == []


def test_the_import_log_says_a_copy(workspace: Workspace, tmp_path: Path) -> None:
    copy = workspace.import_esms(_file(tmp_path), as_copy=True)
    entries = dossiers.history(workspace.store.uow(read_only=True), copy)
    assert any("Copie importée" in e.summary for e in entries)

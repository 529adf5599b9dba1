"""The home list reads the summaries kept with the dossiers (issue 18): the same lines as a fresh
assessment, without assessing when they are stored, and computed again when stale."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from esms_desktop.domain.dossier import Attestation
from esms_desktop.domain.edits import remove_establishment, set_establishment, with_grappe
from esms_desktop.importers.grappe_sheet import import_grappe
from esms_desktop.services import catalog, dossiers
from esms_desktop.services.workspace import DossierLine, Workspace
from esms_desktop.storage.store import open_store
from tests.storage.helpers import sqlite_rows

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CSV = ROOT / "resources" / "examples" / "grappe-exemple.csv"
CAMPAIGN = "amorcage-2021-t1"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace(open_store(tmp_path / "donnees"))
    try:
        yield opened
    finally:
        opened.close()


def _create_example(workspace: Workspace, name: str = "Exemple") -> int:
    grappe = import_grappe(EXAMPLE_CSV).grappe
    assert grappe is not None
    return dossiers.create_dossier(workspace.store.uow(), name, CAMPAIGN, grappe)


def _fresh_lines(workspace: Workspace) -> list[DossierLine]:
    """The home list as it was computed before summaries were kept: every dossier assessed."""
    lines = []
    for s, d in dossiers.list_loaded(workspace.store.uow(read_only=True)):
        summary = dossiers.home_summary(d, "")
        lines.append(
            DossierLine(
                s.id,
                s.name,
                s.campaign_id,
                s.establishment_count,
                summary.total,
                s.updated,
                summary.eligible,
                summary.complete,
                summary.missing_count,
                len(s.problems),
                catalog.campaign(s.campaign_id).title,
            )
        )
    return lines


def _stored_keys(workspace: Workspace) -> list[object]:
    return [
        key
        for (key,) in sqlite_rows(
            workspace.store.paths.database, "SELECT summary_key FROM dossier ORDER BY id"
        )
    ]


def _no_assessment(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> object:
        raise AssertionError("the home list assessed a dossier whose summary is stored")

    monkeypatch.setattr(dossiers, "assess_dossier", refuse)
    monkeypatch.setattr(dossiers, "stored_problems", refuse)
    monkeypatch.setattr(dossiers, "home_summary", refuse)


def test_a_new_dossier_is_listed_with_its_assessment_and_keeps_it(workspace: Workspace) -> None:
    _create_example(workspace)
    assert _stored_keys(workspace) == [None]  # created: not assessed at save
    lines = workspace.list_dossiers()
    assert lines == _fresh_lines(workspace)
    assert lines[0].total is not None and lines[0].establishment_count == 16
    assert _stored_keys(workspace) == [dossiers.summary_key(CAMPAIGN)]


def test_the_stored_summary_equals_a_fresh_assessment_after_edits(workspace: Workspace) -> None:
    first = _create_example(workspace, "Premier")
    _create_example(workspace, "Second")
    workspace.list_dossiers()
    current = workspace.load(first)
    edits = [
        lambda d: with_grappe(d, set_establishment(d.grappe, 0, 0, capacity=12)),
        lambda d: with_grappe(d, remove_establishment(d.grappe, 0, 1)),
        lambda d: replace(d, attestations=tuple(replace(a, accepted=True) for a in d.attestations)),
        lambda d: replace(d, attestations=(Attestation("x", "Une seule", False),)),
    ]
    for edit in edits:
        current = workspace.save(edit(current), before=current)
        assert workspace.list_dossiers() == _fresh_lines(workspace)
    assert None not in _stored_keys(workspace)
    attached = workspace.list_dossiers()
    assert [line.name for line in attached] == ["Premier", "Second"]  # the edited one first


def test_the_home_list_does_not_assess_when_summaries_are_stored(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        _create_example(workspace, f"Dossier {n}")
    expected = workspace.list_dossiers()
    _no_assessment(monkeypatch)
    assert workspace.list_dossiers() == expected


def test_a_changed_campaign_fingerprint_makes_the_summary_computed_again_once(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _create_example(workspace)
    workspace.list_dossiers()
    before = _stored_keys(workspace)
    real = dossiers.campaign_fingerprint
    monkeypatch.setattr(dossiers, "campaign_fingerprint", lambda cid: real(cid) + "-modifiée")
    calls: list[int] = []
    home_summary = dossiers.home_summary

    def counted(*args: object) -> object:
        calls.append(1)
        return home_summary(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(dossiers, "home_summary", counted)
    workspace.list_dossiers()
    workspace.list_dossiers()
    assert len(calls) == 1
    after = _stored_keys(workspace)
    assert after != before and str(after[0]).startswith(real(CAMPAIGN) + "-modifiée|")


def test_a_write_outside_the_program_makes_the_summary_stale(workspace: Workspace) -> None:
    """The store's triggers clear the summary on any write to a dossier's rows."""
    dossier_id = _create_example(workspace)
    workspace.list_dossiers()
    with closing(sqlite3.connect(workspace.store.paths.database)) as db:
        db.execute(
            "UPDATE establishment SET capacity = 3 WHERE organisation_id IN "
            "(SELECT id FROM organisation WHERE dossier_id = ?)",
            (dossier_id,),
        )
        db.commit()
    assert _stored_keys(workspace) == [None]
    assert workspace.list_dossiers() == _fresh_lines(workspace)


def test_a_store_that_cannot_keep_summaries_still_lists(tmp_path: Path) -> None:
    data = tmp_path / "donnees"
    with open_store(data) as store:
        _create_example(Workspace(store))
    with open_store(data, read_only=True) as store:
        workspace = Workspace(store)
        assert workspace.list_dossiers() == _fresh_lines(workspace)
        assert _stored_keys(workspace) == [None]

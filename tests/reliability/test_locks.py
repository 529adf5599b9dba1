"""A second esms-desktop on the same data, and another program holding the database.

``tests/storage/test_store.py`` checks the lock and the busy error at the store's level. Here: a
second *process* meets the lock through the store and through the command line (exit 3, French,
no traceback); another program's ``BEGIN EXCLUSIVE`` held past the busy timeout meets the dossier
session the GUI uses — the edit stays on screen (``unsaved``), the next attempt after the lock is
gone writes it, nothing typed is lost. Both journal modes (WAL on a local disk, rollback journal
in a synchronised folder, where the other program blocks reads too).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from esms_desktop.domain.porteur_link import sync_porteur
from esms_desktop.services import catalog, dossiers
from esms_desktop.services.session import DossierSession
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.db import inspect_file
from esms_desktop.storage.errors import StoreBusyError
from esms_desktop.storage.store import open_store
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.steps import step_factories
from tests.reliability.procs import foreign_write_lock, run_cli, run_python
from tests.storage.factories import CAMPAIGN, grappe

SECOND_OPEN = """
import sys
from pathlib import Path
from esms_desktop.storage.errors import StoreLockedError
from esms_desktop.storage.store import open_store
try:
    open_store(Path(sys.argv[1]))
except StoreLockedError as exc:
    print(type(exc).__name__, exc.pid)
    print(exc.message)
else:
    print("ouvert")
"""


def test_a_second_process_is_refused_by_the_store_and_the_command_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "données partagées"
    with open_store(data_dir) as store:
        dossiers.create_dossier(store.uow(), "Dossier du premier", CAMPAIGN, grappe(1, 2))
        before = (data_dir / "esms-desktop.sqlite3").read_bytes()

        second = run_python(["-c", SECOND_OPEN, str(data_dir)])
        kind, message = second.stdout.splitlines()[0], "\n".join(second.stdout.splitlines()[1:])
        assert kind == f"StoreLockedError {os.getpid()}", second.stdout + second.stderr
        assert "déjà ouvert" in message and f"processus {os.getpid()}" in message
        assert str(data_dir) in message

        for command in (["dossier", "list"], ["backup"]):
            cli = run_cli("--data-dir", data_dir, *command)
            assert cli.returncode == 3, cli.stdout + cli.stderr
            assert cli.stdout == ""
            assert cli.stderr.startswith("esms-desktop : esms-desktop est déjà ouvert")
            assert str(data_dir) in cli.stderr
            assert "Traceback" not in cli.stderr
        assert (data_dir / "esms-desktop.sqlite3").read_bytes() == before

    cli = run_cli("--data-dir", data_dir, "dossier", "list")  # the first one has gone: it works
    assert cli.returncode == 0, cli.stderr
    assert "Dossier du premier" in cli.stdout


FOLDERS = {
    "wal": "données locales",  # WAL: the other program blocks writers only
    "rollback": "OneDrive - Association/esms",  # rollback journal: it blocks readers too
}


@pytest.mark.parametrize("journal", sorted(FOLDERS))
def test_a_save_during_a_foreign_lock_is_kept_in_memory_then_written(
    tmp_path: Path, journal: str
) -> None:
    data_dir = tmp_path / FOLDERS[journal]
    with open_store(data_dir) as store:
        new_id = dossiers.create_dossier(store.uow(), "Dossier", CAMPAIGN, grappe(1, 2))
    database = data_dir / "esms-desktop.sqlite3"
    workspace = Workspace(open_store(data_dir, busy_timeout_ms=300))
    try:
        assert workspace.store.journal.mode == ("WAL" if journal == "wal" else "DELETE")
        session = DossierSession(workspace.load(new_id), workspace.save, workspace.save_errors)
        first = replace(session.dossier, project_title="Titre tapé pendant le verrou")
        second = replace(first, governance="Gouvernance tapée ensuite")
        heard: list[Exception] = []
        with foreign_write_lock(database) as release:
            with pytest.raises(StoreBusyError) as caught:
                session.replace(first)  # no listener yet: the error reaches the caller
            assert session.unsaved and session.dossier == first
            message = caught.value.message
            assert "occupée par un autre programme" in message
            assert "Rien n'a été perdu" in message and str(database) in message

            session.on_save_error(heard.append)  # as the main window does
            session.replace(second)
            assert session.unsaved and session.dossier == second
            assert [type(e) for e in heard] == [StoreBusyError]
            if journal == "wal":  # readers still read: nothing of the edit reached the file
                assert workspace.load(new_id).project_title == ""
            else:
                with pytest.raises(StoreBusyError):
                    workspace.load(new_id)
            release()
        session.retry_save()
        assert not session.unsaved
        assert len(heard) == 1
    finally:
        workspace.close()
    assert inspect_file(database, full_check=True).status == "ok"
    with open_store(data_dir, backup_on_open=False) as store:
        stored = dossiers.load_dossier(store.uow(), new_id)
    assert stored.project_title == "Titre tapé pendant le verrou"
    assert stored.governance == "Gouvernance tapée ensuite"
    assert stored.grappe == grappe(1, 2)


def test_the_window_keeps_the_edit_and_saves_it_when_the_dossier_is_closed(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "données"
    with open_store(data_dir) as store:
        new_id = dossiers.create_dossier(store.uow(), "Dossier", CAMPAIGN, grappe(1, 2))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    workspace = Workspace(open_store(data_dir, busy_timeout_ms=300))
    settings = QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        workspace, step_factories(workspace), settings, catalog.questionnaire().question_count
    )
    qtbot.addWidget(window)
    try:
        window.open_dossier(new_id)
        assert window.dossier_view is not None and window.session is not None
        editor = window.dossier_view.editor
        before = window.session.dossier
        edited = replace(before, project_title="Saisi pendant le verrou")
        with foreign_write_lock(data_dir / "esms-desktop.sqlite3"):
            editor.apply(edited, "Titre")
            assert window.session.unsaved
            # still on screen (with the porteur page synced to the grappe), and on the undo stack
            assert window.session.dossier == sync_porteur(before, edited)
            assert window.undo_stack.count() == 1
            assert window.save_label.text() == window.tr("Not saved — will retry")
            assert len(warnings) == 1 and "occupée par un autre programme" in warnings[0]
        window.close_dossier()  # retries the save: the lock is gone
        assert warnings[1:] == []
    finally:
        window.close()
        workspace.close()
    with open_store(data_dir, backup_on_open=False) as store:
        assert dossiers.load_dossier(store.uow(), new_id).project_title == "Saisi pendant le verrou"

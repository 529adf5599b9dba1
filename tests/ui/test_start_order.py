"""Start-up order (issue 18): the window is shown first, the last dossier opens at the next turn
of the event loop, and only the step on screen is built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from esms_desktop.domain.completeness import Step
from esms_desktop.importers.grappe_sheet import import_grappe
from esms_desktop.services import dossiers
from esms_desktop.storage.store import open_store
from esms_desktop.ui.main_window import folder_key
from tests.ui.driving import EXAMPLE_CSV, ROOT, real_window


def _store_with_example(data_dir: Path) -> int:
    grappe = import_grappe(EXAMPLE_CSV).grappe
    assert grappe is not None
    with open_store(data_dir) as store:
        return dossiers.create_dossier(store.uow(), "Exemple", "amorcage-2021-t2", grappe)


def test_the_last_dossier_opens_after_the_window_is_shown(qtbot, tmp_path: Path) -> None:
    dossier_id = _store_with_example(tmp_path / "donnees")
    settings = QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)
    settings.setValue(folder_key(tmp_path / "donnees", "last_dossier"), dossier_id)
    settings.sync()
    with real_window(qtbot, tmp_path) as (window, _workspace):
        window.open_last_dossier_later()
        # Still the home page, listing the dossier: nothing of the dossier is built yet.
        assert window.dossier_view is None and window.pages.currentWidget() is window.home
        assert window.home.model.rowCount() == 1
        qtbot.waitUntil(lambda: window.dossier_view is not None)
        view = window.dossier_view
        assert view is not None and window.pages.currentWidget() is view
        assert window.session is not None and window.session.dossier.id == dossier_id


def test_a_dossier_opened_before_the_deferred_open_stays(qtbot, tmp_path: Path) -> None:
    """A file handed over at start, or a quick double-click, opens a dossier before the event
    loop's next turn: the deferred open must not replace it (the view it replaced was deleted
    under the code still using it)."""
    first = _store_with_example(tmp_path / "donnees")
    second = _store_with_example(tmp_path / "donnees")
    settings = QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)
    settings.setValue(folder_key(tmp_path / "donnees", "last_dossier"), first)
    settings.sync()
    with real_window(qtbot, tmp_path) as (window, _workspace):
        window.open_last_dossier_later()
        window.open_dossier(second)
        view = window.dossier_view
        qtbot.wait(50)  # the deferred open's turn has come and gone
        assert window.dossier_view is view
        assert window.session is not None and window.session.dossier.id == second
        assert view is not None and view.steps.count() > 0  # still alive, not deleted


def test_only_the_step_shown_is_built_and_the_others_on_demand(qtbot, tmp_path: Path) -> None:
    dossier_id = _store_with_example(tmp_path / "donnees")
    with real_window(qtbot, tmp_path) as (window, _workspace):
        window.open_dossier(dossier_id)
        view = window.dossier_view
        assert view is not None
        shown = view.current_step()
        assert [s for s in view.order if view.views.built(s) is not None] == [shown]
        assert Step.BUDGET in view.views and view.views.built(Step.BUDGET) is None
        view.show_step(Step.BUDGET)
        budget = view.views.built(Step.BUDGET)
        assert budget is not None and view.stack.currentWidget() is budget
        assert view.views[Step.BUDGET] is budget  # built once
        # The budget's « save as a campaign » is wired once it exists.
        assert budget.receivers("2promote_requested()") == 1  # type: ignore[attr-defined]


_START = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["esms-desktop"])
app.setApplicationName("esms-desktop")
app.setOrganizationName("esms-desktop")
from esms_desktop import app as app_module
from esms_desktop.ui.main_window import MainWindow, folder_key

data_dir, dossier_id = Path(sys.argv[1]), int(sys.argv[2])
QSettings().setValue(folder_key(data_dir, "last_dossier"), dossier_id)
seen = []

def windows():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]

def first_turn():
    window = windows()[0]
    seen.append({"visible": window.isVisible(), "open": window.dossier_view is not None})
    QTimer.singleShot(0, wait_for_dossier)

def wait_for_dossier():
    window = windows()[0]
    if window.dossier_view is None:
        QTimer.singleShot(10, wait_for_dossier)
        return
    heavy = ("reportlab", "openpyxl", "alembic")
    seen.append({
        "open": window.session.dossier.id,
        "heavy": sorted(m for m in heavy if m in sys.modules),
    })
    window.close()

QTimer.singleShot(0, first_turn)
code = app_module.run(["--data-dir", str(data_dir), "--lang", "fr"])
print(json.dumps({"code": code, "seen": seen}))
"""


@pytest.mark.slow
def test_the_program_shows_its_window_then_the_last_dossier(tmp_path: Path) -> None:
    """``esms-desktop`` as started: at the first turn of the event loop the window is shown
    and the dossier not open yet; it opens next, without ReportLab, openpyxl nor Alembic."""
    data_dir = tmp_path / "donnees"
    dossier_id = _store_with_example(data_dir)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "reglages"),  # not the user's own settings
    }
    proc = subprocess.run(
        [sys.executable, "-c", _START, str(data_dir), str(dossier_id)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    first, then = result["seen"]
    assert first == {"visible": True, "open": False}
    assert then == {"open": dossier_id, "heavy": []}

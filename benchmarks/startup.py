"""Figure 1 — start-up: from process start to the main window shown with a 49-ESSMS dossier open.

Both programs run in a fresh interpreter (the same one), ``QT_QPA_PLATFORM=offscreen``:

* **esms-desktop**: what ``app.run`` does — Qt application, French translations, single-instance
  check, then ``app.quick_start``: the folder's lock taken and the last dossier (49 ESSMS) read
  from its start-up snapshot with ``sqlite3`` alone (migration 0013), ``MainWindow`` shown on it
  (its one step built), a turn of the event loop: the figure. The store (SQLAlchemy, start-up
  backup) opens after, as ``app._finish_quick_start`` does at the loop's next turn; that moment is
  in the JSON (``store_open_from_launch_s``), as are ``quick_start`` and the modules loaded when
  the dossier was shown. Without a fresh snapshot (the unmeasured first launch), the old path:
  ``open_store`` first, the dossier opened at the next turn;
* **yardstick**: a bare PySide6 program showing an empty ``QMainWindow`` of the same size (the
  JSON also has it with ``import sqlalchemy.orm`` added, a floor for any start-up with the store).

The time is taken from the parent's clock just before ``exec`` to the child's clock once the window
is shown (``CLOCK_MONOTONIC`` is the same for both processes): interpreter start-up and imports
included, as the user waits for them. The JSON also keeps the time since the child's first line
and the time since the kernel's process start (``/proc/self/stat``, 10 ms resolution) as
cross-checks. Memory is the child's own peak (``VmHWM``, i.e. its ``ru_maxrss`` without what
``exec`` inherits from the parent).

The two programs are run turn by turn (app, bare, app, bare…) so a busy moment of the machine
hits both.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import cli_startup
from benchmarks.common import ROOT, Figure, Settings, median
from benchmarks.fixtures import REGIONAL, prepare_store

_PROLOGUE = """\
import time
T0 = time.perf_counter()
import json, os
from pathlib import Path


def _since_process_start():
    ticks = os.sysconf("SC_CLK_TCK")
    fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    return time.clock_gettime(time.CLOCK_BOOTTIME) - int(fields[19]) / ticks


def _vmhwm_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_s():
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _report(**extra):
    print(json.dumps({
        "cpu_s": _cpu_s(),
        "shown_monotonic": time.monotonic(),
        "since_first_line": time.perf_counter() - T0,
        "since_process_start": _since_process_start(),
        "peak_mib": _vmhwm_mib(),
        **extra,
    }))
"""

BARE = (
    _PROLOGUE
    + """
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(["bare"])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 760)
window.show()
app.processEvents()
_report()
os._exit(0)
"""
)

BARE_SQLALCHEMY = BARE.replace(
    "from PySide6.QtWidgets import QApplication, QMainWindow\n",
    "from PySide6.QtWidgets import QApplication, QMainWindow\nimport sqlalchemy.orm\n",
)
"""The bare window plus SQLAlchemy's import: what no start-up with the store can go below."""

APP = (
    _PROLOGUE
    + """
import sys
from esms_desktop import app as app_module  # first, as ``esms-desktop`` (__main__) imports it
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from esms_desktop.paths import data_paths
from esms_desktop.ui.steps import step_factories
from esms_desktop.services import catalog
from esms_desktop.ui.i18n import install_translators
from esms_desktop.ui.main_window import MainWindow, folder_key

data_dir, dossier_id = Path(sys.argv[1]), int(sys.argv[2])
app = QApplication(["esms-desktop"])
app.setApplicationName("esms-desktop")
install_translators(app, "fr")
settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
key = app_module.instance_key(data_dir)
assert not app_module.bring_forward_running(key)
paths = data_paths(data_dir)
settings.setValue(folder_key(paths.root, "last_dossier"), dossier_id)
quick = app_module.quick_start(paths, settings)
if quick is not None:  # as app._open_and_show: the dossier from its snapshot, store next turn
    workspace = quick.workspace
else:
    store = app_module.open_store_interactively(data_dir)
    app_module._after_store_opened(store, None, None)
    workspace = app_module.Workspace(store)
window = MainWindow(
    workspace, step_factories(workspace), settings, catalog.questionnaire().question_count
)
server = app_module.listen_for_others(key, window)
if quick is not None:
    window.show_loaded(quick.dossier_id, quick.loaded)
window.show()
app.processEvents()  # the window painted: with the dossier after a quick start
first_paint = time.monotonic()
if quick is None:
    window.open_last_dossier_later()  # as app.py: the dossier opens at the next turn of the loop
    while window.dossier_view is None:
        app.processEvents()
    app.processEvents()
assert window.dossier_view is not None and window.isVisible()
shown = time.monotonic()
cpu_at_shown = _cpu_s()
heavy = sorted(m for m in ("reportlab", "openpyxl", "alembic", "sqlalchemy") if m in sys.modules)
modules = len(sys.modules)
if quick is not None:  # the store opened at the next turn (not waited for: measured apart)
    app_module._finish_quick_start(window, quick, None)  # no crash marker in a benchmark
    app.processEvents()
assert workspace.opened
_report(
    first_paint_monotonic=first_paint,
    shown_at=shown,
    cpu_at_shown=cpu_at_shown,
    store_open_monotonic=time.monotonic(),
    quick=quick is not None,
    essms=window.session.dossier.grappe.establishment_count,
    modules=modules,
    heavy=heavy,
)
server.close()
workspace.close()
os._exit(0)
"""
)


def _launch(code: str, *args: str) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"démarrage en échec ({done.returncode}) :\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["from_launch"] = figures.get("shown_at", figures["shown_monotonic"]) - start
    if "store_open_monotonic" in figures:
        figures["store_open_from_launch"] = figures["store_open_monotonic"] - start
    if "first_paint_monotonic" in figures:
        figures["first_paint_from_launch"] = figures["first_paint_monotonic"] - start
    return figures


def run(settings: Settings) -> list[Figure]:
    runs = settings.runs(9, 3)
    count, ogs, campaign_id = REGIONAL
    with tempfile.TemporaryDirectory(prefix="esms-bench-startup-") as folder:
        data_dir = Path(folder) / "donnees"
        dossier_id = prepare_store(data_dir, count, ogs, campaign_id)
        # One unmeasured launch of each: the first one also pays for cold disk caches.
        _launch(APP, str(data_dir), str(dossier_id))
        _launch(BARE)
        app_runs, bare_runs, sqla_runs = [], [], []
        for _ in range(runs):
            app_runs.append(_launch(APP, str(data_dir), str(dossier_id)))
            bare_runs.append(_launch(BARE))
            sqla_runs.append(_launch(BARE_SQLALCHEMY))

    def col(rows: list[dict[str, Any]], name: str) -> list[float]:
        return [r[name] for r in rows]

    app_time, bare_time = col(app_runs, "from_launch"), col(bare_runs, "from_launch")
    app_mem, bare_mem = col(app_runs, "peak_mib"), col(bare_runs, "peak_mib")
    details = {
        "essms": app_runs[0]["essms"],
        "modules_loaded": app_runs[0]["modules"],
        "heavy_modules_loaded": app_runs[0]["heavy"],
        "app_since_first_line_s": median(col(app_runs, "since_first_line")),
        "bare_since_first_line_s": median(col(bare_runs, "since_first_line")),
        "app_since_process_start_s": median(col(app_runs, "since_process_start")),
        "bare_since_process_start_s": median(col(bare_runs, "since_process_start")),
        "bare_with_sqlalchemy_s": median(col(sqla_runs, "from_launch")),
        # CPU time of the process (user + system) until shown: less hit by a busy machine.
        "app_cpu_at_shown_s": median(col(app_runs, "cpu_at_shown")),
        "bare_cpu_s": median(col(bare_runs, "cpu_s")),
        "quick_start": all(r["quick"] for r in app_runs),
        "store_open_from_launch_s": median(col(app_runs, "store_open_from_launch")),
    }
    time_figure = Figure(
        key="startup.window_49",
        label="Démarrage, fenêtre + dossier 49 ESSMS",
        value=median(app_time),
        unit="s",
        goal="≤ 2 × fenêtre vide",
        yardstick=median(bare_time),
        yardstick_label="QMainWindow vide",
        samples=app_time,
        yardstick_samples=bare_time,
        details=details,
    )
    ratio = time_figure.ratio
    time_figure.ok = ratio is not None and ratio <= 2
    first_paint = col(app_runs, "first_paint_from_launch")
    paint_figure = Figure(
        key="startup.first_paint",
        label="Démarrage, fenêtre affichée (liste des dossiers)",
        value=median(first_paint),
        unit="s",
        goal="(information)",
        yardstick=median(bare_time),
        yardstick_label="QMainWindow vide",
        samples=first_paint,
        yardstick_samples=bare_time,
        details={"bare_with_sqlalchemy_s": details["bare_with_sqlalchemy_s"]},
    )
    memory_figure = Figure(
        key="startup.peak_memory",
        label="Démarrage, mémoire max (VmHWM)",
        value=median(app_mem),
        unit="Mio",
        goal="(information)",
        yardstick=median(bare_mem),
        yardstick_label="QMainWindow vide",
        samples=app_mem,
        yardstick_samples=bare_mem,
    )
    # The command line's start-up figures (--version, campaigns, check) beside the window's.
    return [time_figure, paint_figure, memory_figure, *cli_startup.run(settings)]

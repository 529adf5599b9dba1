"""Figure 1 (command line) — whole processes of ``--version``, ``campaigns`` and ``check`` 49 ESSMS.

Each command is a fresh ``python -m esms_desktop …`` timed by the parent from launch to exit, as
a script or a person waits for it; the yardstick is ``python -c "import PySide6.QtWidgets"`` in
the same interpreter, run turn by turn with the commands (yardstick, version, campaigns, check,
yardstick…) so a busy moment of the machine hits them all. Goal (issue 18): each ≤ 2× the
yardstick — a command imports only what it uses.

Bytecode: the children run with their compiled modules cached, as an installed program does
(pip and the bundle ship ``.pyc``). A shell with ``PYTHONDONTWRITEBYTECODE`` would otherwise
recompile every module of the package on every launch while PySide6's stay compiled; the cache
goes to a temporary folder (``PYTHONPYCACHEPREFIX``), never into the source tree, and one
unmeasured launch of each command fills it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, Figure, Settings, median
from benchmarks.fixtures import REGIONAL, grappe_of
from esms_desktop.importers.grappe_template import write_grappe_csv

GOAL_RATIO = 2.0
YARDSTICK = ["-c", "import PySide6.QtWidgets"]
HEAVY = ("sqlalchemy", "alembic", "reportlab", "openpyxl", "PySide6")

LOADED = f"""\
import runpy, sys
sys.argv = ["esms-desktop", *sys.argv[1:]]
try:
    runpy.run_module("esms_desktop", run_name="__main__")
except SystemExit:
    pass
heavy = sorted({{name.partition(".")[0] for name in sys.modules}} & {set(HEAVY)!r})
print("HEAVY", ",".join(heavy) or "-", len(sys.modules), file=sys.stderr)
"""
"""The same command once more, reporting the heavy libraries it loaded (for the JSON)."""


def _environment(cache: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(cache)}
    for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME"):
        env.pop(name, None)
    return env


def _wall(args: list[str], env: dict[str, str]) -> float:
    """Seconds from launch to exit of ``python args`` (exit 0 or 1: ``check`` says « non
    éligible » with 1)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, cwd=ROOT, env=env, timeout=120, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} a échoué ({done.returncode}) :\n{done.stderr!r}")
    return elapsed


def _loaded(args: list[str], env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args[2:]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    line = next((x for x in done.stderr.splitlines() if x.startswith("HEAVY ")), "HEAVY - 0")
    _, heavy, count = line.split(" ")
    names = [] if heavy == "-" else heavy.split(",")
    return {"heavy_modules_loaded": names, "modules_loaded": int(count)}


def run(settings: Settings) -> list[Figure]:
    runs = settings.runs(15, 5)
    count, ogs, campaign_id = REGIONAL
    with tempfile.TemporaryDirectory(prefix="esms-bench-cli-") as folder:
        base = Path(folder)
        env = _environment(base / "pycache")
        sheet = write_grappe_csv(grappe_of(count, ogs), base / f"grappe-{count}.csv")
        data = ["--data-dir", str(base / "donnees")]
        commands = {
            "version": (["-m", "esms_desktop", "--version"], "esms-desktop --version"),
            "campaigns": (["-m", "esms_desktop", *data, "campaigns"], "esms-desktop campaigns"),
            "check_49": (
                ["-m", "esms_desktop", *data, "check", str(sheet), "--campaign", campaign_id],
                f"esms-desktop check, {count} ESSMS",
            ),
        }
        # One unmeasured launch of each fills the bytecode cache and the disk caches.
        _wall(YARDSTICK, env)
        for args, _label in commands.values():
            _wall(args, env)
        yardstick: list[float] = []
        samples: dict[str, list[float]] = {key: [] for key in commands}
        for _ in range(runs):
            yardstick.append(_wall(YARDSTICK, env))
            for key, (args, _label) in commands.items():
                samples[key].append(_wall(args, env))
        loaded = {key: _loaded(args, env) for key, (args, _label) in commands.items()}

    figures = []
    for key, (_args, label) in commands.items():
        figure = Figure(
            key=f"startup.cli_{key}",
            label=f"Ligne de commande : {label}",
            value=median(samples[key]),
            unit="s",
            goal=f"≤ {GOAL_RATIO:g} × import PySide6.QtWidgets",
            yardstick=median(yardstick),
            yardstick_label='python -c "import PySide6.QtWidgets"',
            samples=samples[key],
            yardstick_samples=yardstick,
            details={**loaded[key], "bytecode": "compilé une fois, en cache (comme installé)"},
        )
        ratio = figure.ratio
        figure.ok = ratio is not None and ratio <= GOAL_RATIO
        figures.append(figure)
    return figures

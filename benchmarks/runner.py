"""``python -m benchmarks``: every performance figure of esms-desktop, one table, one JSON file.

Sections (``--only`` takes a comma-separated list of them, in any order):

``startup``  process start → main window shown with a 49-ESSMS dossier, against a bare Qt window
``budget``   the budget engine for 49 and 1,000 ESSMS; a grid edit reflected in the budget view
``pdf``      the candidature PDF for 49 and 1,000 ESSMS, against ReportLab alone
``imports``  the real FINESS web export and a 100,000-row etalab file: time and peak memory
``store``    20 dossiers of 1,000 ESSMS: open, load, home list, save one edit
``data_folder``  the data folder after a week of backups with the national register loaded

Each figure is the median of repeated runs (every sample is in the JSON) and, where it has one, is
compared with a yardstick measured in the same session; the verdict is against the goal of the
issue that asked for the figure. Results: the table on stdout and
``benchmarks/results/benchmarks.json`` (not committed). ``--quick`` repeats less (a first look,
noisier); a full run takes a few minutes on a 2-core laptop.

Not a test: nothing here asserts a time. Exit status 1 only when a section could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS, ROOT, Figure, Settings, cpu_calibration

SECTIONS = ("startup", "budget", "pdf", "imports", "store", "data_folder", "partners")


def _section(name: str) -> Callable[[Settings], list[Figure]]:
    # Imported on demand: ``--only startup`` must not pay for (or be disturbed by) the others.
    module = __import__(f"benchmarks.{name}", fromlist=["run"])
    return module.run


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "Mio":
        return f"{value:.0f} Mio"
    return f"{value:.3g} {unit}"


def _verdict(figure: Figure) -> str:
    if figure.ok is None:
        return "info"
    return "OK" if figure.ok else "MANQUÉ"


def table(figures: list[Figure]) -> str:
    headers = ("Mesure", "Valeur", "Étalon", "Rapport", "Objectif", "Verdict")
    rows = [
        (
            f.label,
            _number(f.value, f.unit),
            (
                f"{_number(f.yardstick, f.unit)} ({f.yardstick_label})"
                if f.yardstick is not None
                else "—"
            ),
            f"{f.ratio:.2f} ×" if f.ratio is not None else "—",
            f.goal or "—",
            _verdict(f),
        )
        for f in figures
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    right = {1, 3}

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(headers), line(tuple("─" * w for w in widths))]
    out += [line(r) for r in rows]
    return "\n".join(out)


def _accelerated() -> bool:
    """Whether ReportLab runs with its C helpers (the ``rl_accel`` package)."""
    from reportlab.lib import rl_accel

    return not rl_accel._py_funcs


def machine() -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "reportlab_c_accelerator": _accelerated(),
        "python": platform.python_version(),
        "executable": sys.executable,
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        "load_average": load,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (noisier)")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"sections to run, among {','.join(SECTIONS)}"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON file to write")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)} (known: {', '.join(SECTIONS)})")

    settings = Settings(quick=args.quick)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    calibration_before = cpu_calibration()
    print(
        f"esms-desktop — mesures ({'rapides' if args.quick else 'complètes'}) : "
        f"{', '.join(chosen)} ; Python {platform.python_version()}, {os.cpu_count()} cœur(s), "
        f"étalonnage CPU {calibration_before * 1000:.0f} ms, ReportLab "
        f"{'avec' if _accelerated() else 'sans'} rl_accel",
        flush=True,
    )
    figures: list[Figure] = []
    errors: dict[str, str] = {}
    durations: dict[str, float] = {}
    for name in chosen:
        print(f"… {name}", flush=True)
        t0 = time.perf_counter()
        try:
            found = _section(name)(settings)
        except Exception:  # one broken section must not hide the others
            errors[name] = traceback.format_exc()
            print(f"   échec de « {name} » :\n{errors[name]}", file=sys.stderr, flush=True)
            found = []
        durations[name] = time.perf_counter() - t0
        figures += found
    calibration_after = cpu_calibration()

    print()
    print(table(figures))
    missed = [f.label for f in figures if f.ok is False]
    print()
    print(
        f"{sum(f.ok is True for f in figures)} objectif(s) atteint(s), {len(missed)} manqué(s)"
        + (f", {len(errors)} section(s) en échec" if errors else "")
        + f" ; étalonnage CPU avant/après : {calibration_before * 1000:.0f}/"
        f"{calibration_after * 1000:.0f} ms ; durée {time.perf_counter() - started:.0f} s"
    )

    report = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": args.quick,
        "sections": chosen,
        "machine": machine(),
        "cpu_calibration_s": {"before": calibration_before, "after": calibration_after},
        "section_seconds": durations,
        "figures": [f.as_dict() for f in figures],
        "errors": errors,
    }
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    try:
        shown = output.resolve().relative_to(ROOT)
    except ValueError:
        shown = output
    print(f"Résultats : {shown}")
    return 1 if errors else 0

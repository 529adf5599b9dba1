"""How long loading a national-size FINESS register takes, and how much memory it needs.

Not a test: run it by hand (``.venv/bin/python benchmarks/bench_finess_import.py [--rows N]``)
after changing the readers or the look-up table. It builds an etalab-format file of 100,000 rows
from the real website-export rows (the generator of the reader tests), then measures, each in a
fresh Python process so one phase's memory does not hide in the next one's peak:

* ``read``: :func:`read_register` alone (parsing, validation, merging), every entry kept;
* ``load``: :func:`load_register` into a brand-new store, the entries streamed into the new
  register file as they are read (issue 18: nothing holds the whole register), then indexed;
  ``write_seconds`` is now only the indexing at the end. Also the database size, and a few
  look-ups and searches on the full table.

``maxrss_at_start_mib`` is the process's peak after its imports, before the phase: the phase's own
cost is the difference.

Each phase is run twice: once for wall time and peak RSS (``ru_maxrss``, the number the user's
machine sees), once under ``tracemalloc`` for the peak of Python allocations (slower, so its time
is not reported). Results: a table on stdout and ``benchmarks/results/finess_import.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from esms_desktop.importers.finess_detect import read_register  # noqa: E402
from esms_desktop.services import finess_lookup  # noqa: E402
from esms_desktop.storage.store import open_store  # noqa: E402
from tests.importers.test_finess_readers import make_national_file  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "finess_import.json"
ROWS = 100_000
SEARCHES = ("esat les", "viriat", "bross", "01000", "saint etienne")


def _maxrss_mib() -> float:
    """Peak resident memory of this process so far, in MiB.

    Linux's ``ru_maxrss`` survives ``exec``: a child started by a big parent would report the
    parent's peak. ``VmHWM`` (the high-water mark of this process's own memory) does not, so it is
    preferred where it exists.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _phase_read(file: Path) -> dict[str, Any]:
    start = time.perf_counter()
    result = read_register(file)
    return {"seconds": time.perf_counter() - start, "entries": len(result.entries)}


def _phase_load(file: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        with open_store(Path(folder), backup_on_open=False) as store:
            marks: dict[str, float] = {}

            def progress(done: int, total: int) -> None:
                if done >= finess_lookup.READ_SHARE and "read" not in marks:
                    marks["read"] = time.perf_counter()

            start = time.perf_counter()
            loaded = finess_lookup.load_register(store.uow(), file, progress)
            end = time.perf_counter()
            numbers = [e.finess for e in finess_lookup.search(store.uow(), "esat", 1000)]
            t0 = time.perf_counter()
            for number in numbers:
                finess_lookup.lookup(store.uow(read_only=True), number)
            lookup_ms = (time.perf_counter() - t0) * 1000 / max(1, len(numbers))
            searches = {}
            for text in SEARCHES:
                t0 = time.perf_counter()
                found = finess_lookup.search(store.uow(read_only=True), text)
                searches[text] = {
                    "ms": (time.perf_counter() - t0) * 1000,
                    "results": len(found),
                }
            database = store.paths.database
            with sqlite3.connect(database) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            size = database.stat().st_size
            register_size = store.register_file.stat().st_size
        return {
            "seconds": end - start,
            "read_seconds": marks.get("read", end) - start,
            "write_seconds": end - marks.get("read", end),
            "entries": loaded.count,
            "database_mib": size / (1024 * 1024),
            "register_mib": register_size / (1024 * 1024),
            "lookup_ms": lookup_ms,
            "search": searches,
        }


PHASES = {"read": _phase_read, "load": _phase_load}


def _phase_make(file: Path, rows: int) -> None:
    make_national_file(file, rows)


def _child(phase: str, file: Path, traced: bool) -> None:
    """Run one phase in this (fresh) process and print its figures as JSON on stdout."""
    baseline = _maxrss_mib()
    if traced:
        tracemalloc.start()
    figures = PHASES[phase](file)
    if traced:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        figures = {"tracemalloc_peak_mib": peak / (1024 * 1024)}
    else:
        figures["maxrss_mib"] = _maxrss_mib()
        figures["maxrss_at_start_mib"] = baseline
    print(json.dumps(figures))


def _run(phase: str, file: Path, traced: bool) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", phase, str(file)]
    if traced:
        command.append("--traced")
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--child", nargs=2, metavar=("PHASE", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--make", nargs=2, metavar=("FILE", "ROWS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        _phase_make(Path(args.make[0]), int(args.make[1]))
        return
    if args.child:
        _child(args.child[0], Path(args.child[1]), args.traced)
        return

    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "etalab-national.csv"
        # In a child too: the generator builds the whole file in memory.
        subprocess.run(
            [sys.executable, __file__, "--make", str(file), str(args.rows)], check=True, cwd=ROOT
        )
        file_mib = file.stat().st_size / (1024 * 1024)
        figures: dict[str, Any] = {}
        for phase in PHASES:
            figures[phase] = _run(phase, file, traced=False)
            figures[phase].update(_run(phase, file, traced=True))

    read, load = figures["read"], figures["load"]
    print(f"Fichier etalab : {args.rows:,} lignes, {file_mib:.1f} Mio".replace(",", " ", 1))
    print(f"{'phase':<34} {'temps':>8} {'RSS max':>10} {'tracemalloc':>12}")
    print(
        f"{'read_register seul':<34} {read['seconds']:>7.2f}s {read['maxrss_mib']:>7.0f} Mio "
        f"{read['tracemalloc_peak_mib']:>8.0f} Mio"
    )
    print(
        f"{'load_register (lecture + écriture)':<34} {load['seconds']:>7.2f}s "
        f"{load['maxrss_mib']:>7.0f} Mio {load['tracemalloc_peak_mib']:>8.0f} Mio"
    )
    print(f"{'  dont écriture de la table':<34} {load['write_seconds']:>7.2f}s")
    print(f"RSS au départ de chaque phase (imports faits) : {read['maxrss_at_start_mib']:.0f} Mio")
    print(f"Base après chargement : {load['database_mib']:.1f} Mio")
    print(f"lookup : {load['lookup_ms']:.2f} ms en moyenne")
    for text, found in load["search"].items():
        print(f"search « {text} » : {found['ms']:.1f} ms, {found['results']} résultat(s)")

    report = {
        "rows": args.rows,
        "file_mib": file_mib,
        "read_register": read,
        "load_register": load,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
            "sqlite": sqlite3.sqlite_version,
        },
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Résultats : {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

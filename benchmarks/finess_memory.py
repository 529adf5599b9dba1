"""Peak memory of importing a FINESS JSON flux, from 100,000 to 1,000,000 establishments.

Not a test: run it by hand (``.venv/bin/python benchmarks/finess_memory.py [--counts 100000,
1000000] [--gzip] [--phases read,load]``) after changing the JSON reader, the register builder or
the look-up table. For each count it writes a pretty-printed flux made from the 12 real
establishments of the test excerpt (``make_json_flux`` of the reader tests: 4.3 kB an
establishment, as the ANS writes them; a million make 4.3 GB, written as they are made, never held)
into a temporary folder, then measures, each in a fresh Python process:

* ``read``: :func:`read_register` alone (parsing, checking, merging: the entries held in memory);
* ``load``: :func:`load_register` into a brand-new store, the entries streamed into the new
  register file by batches as they are read (issue 18): its peak should not grow with the count.

Figures per phase: wall and CPU time, ``VmHWM`` (peak resident memory, the number the user's
machine sees) at the start (imports done) and at the end, and for ``read`` the resident memory
still used once the result is built and garbage collected: what the entries themselves take. When
the peak and that retained figure are close, what grows with the file is the entries kept, not the
reading. Results: a table on stdout and ``benchmarks/results/finess_memory.json``.

Run from another checkout (a worktree of an older commit), the same script measures that code:
it imports ``esms_desktop`` from the folder it sits in.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "benchmarks" / "results" / "finess_memory.json"
COUNTS = (100_000, 1_000_000)
PHASES = ("read", "load")


def _status_mib(field: str) -> float:
    """``VmHWM`` (peak) or ``VmRSS`` (now) of this process in MiB; 0 where /proc is absent."""
    status = Path("/proc/self/status")
    if not status.exists():
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    for line in status.read_text(encoding="ascii").splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _phase_read(file: Path) -> dict[str, Any]:
    from esms_desktop.importers.finess_detect import read_register

    result = read_register(file)
    gc.collect()
    return {"entries": len(result.entries), "retained_mib": _status_mib("VmRSS")}


def _phase_load(file: Path) -> dict[str, Any]:
    from esms_desktop.services import finess_lookup
    from esms_desktop.storage.store import open_store

    with (
        tempfile.TemporaryDirectory() as folder,
        open_store(Path(folder), backup_on_open=False) as store,
    ):
        loaded = finess_lookup.load_register(store.uow(), file)
        database = store.paths.database.stat().st_size
        register = store.register_file.stat().st_size  # the table's own file (issue 18)
    return {
        "entries": loaded.count,
        "database_mib": database / (1024 * 1024),
        "register_mib": register / (1024 * 1024),
    }


def _child(phase: str, file: Path) -> None:
    """One phase in this fresh process; its figures as one JSON line on stdout."""
    # Imported before the measure starts: their memory is in ``peak_at_start_mib``.
    for module in (
        "esms_desktop.importers.finess_detect",
        "esms_desktop.services.finess_lookup",
        "esms_desktop.storage.store",
    ):
        importlib.import_module(module)

    at_start = _status_mib("VmHWM")
    wall, cpu = time.perf_counter(), time.process_time()
    figures = {"read": _phase_read, "load": _phase_load}[phase](file)
    figures["seconds"] = time.perf_counter() - wall
    figures["cpu_seconds"] = time.process_time() - cpu
    figures["peak_mib"] = _status_mib("VmHWM")
    figures["peak_at_start_mib"] = at_start
    print(json.dumps(figures))


def _make(file: Path, count: int, compress: bool) -> None:
    from tests.importers.test_finess_streaming import make_json_flux

    make_json_flux(file, count, compress=compress)


def _run(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if done.returncode != 0:
        return {"failed": done.stderr.strip().splitlines()[-1:] or [f"code {done.returncode}"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default=",".join(str(c) for c in COUNTS))
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--gzip", action="store_true", help="write the flux as .json.gz")
    parser.add_argument("--child", nargs=2, metavar=("PHASE", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--make", nargs=2, metavar=("FILE", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        _make(Path(args.make[0]), int(args.make[1]), args.gzip)
        return
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return

    counts = [int(c) for c in args.counts.split(",")]
    phases = [p for p in args.phases.split(",") if p]
    rows: list[dict[str, Any]] = []
    for count in counts:
        with tempfile.TemporaryDirectory(prefix="esms-bench-flux-") as folder:
            file = Path(folder) / ("flux.json.gz" if args.gzip else "flux.json")
            make = ["--make", str(file), str(count)] + (["--gzip"] if args.gzip else [])
            subprocess.run([sys.executable, __file__, *make], check=True, cwd=ROOT)
            row: dict[str, Any] = {"count": count, "file_mib": file.stat().st_size / 1024**2}
            for phase in phases:
                row[phase] = _run("--child", phase, str(file))
            rows.append(row)
        _print_row(rows[-1], phases)

    report = {
        "code": str(ROOT),
        "gzip": args.gzip,
        "rows": rows,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Résultats : {RESULTS}")


def _print_row(row: dict[str, Any], phases: list[str]) -> None:
    count = f"{row['count']:,}".replace(",", " ")
    print(f"Flux de {count} établissements, {row['file_mib']:.0f} Mio")
    for phase in phases:
        f = row[phase]
        if "failed" in f:
            print(f"  {phase:<5} échec : {f['failed']}")
            continue
        retained = f" ; entrées gardées {f['retained_mib']:.0f} Mio" if "retained_mib" in f else ""
        print(
            f"  {phase:<5} {f['seconds']:7.1f} s ({f['cpu_seconds']:.1f} s CPU) ; RSS max "
            f"{f['peak_mib']:.0f} Mio (au départ {f['peak_at_start_mib']:.0f}){retained}"
        )


if __name__ == "__main__":
    main()

"""What every benchmark shares: the figure record, repeated timings, peak memory, sub-processes.

Timings are repeated and the **median** is kept (the machine is shared: one run can be slowed by
anything); every sample stays in the JSON. A figure is compared with its goal and, where there is
one, with a *yardstick* measured in the same session (a bare Qt window, ReportLab alone, a no-op
transaction…), so a result from a slower laptop reads the same way as one from a fast desktop.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "benchmarks.json"


@dataclass
class Settings:
    """How many times each figure is measured (``--quick`` lowers every count)."""

    quick: bool = False

    def runs(self, full: int, quick: int | None = None) -> int:
        return (quick if quick is not None else max(1, full // 3)) if self.quick else full


@dataclass
class Figure:
    """One measured figure, its yardstick and its goal.

    ``value`` and ``yardstick`` are in ``unit``; ``ratio`` is ``value / yardstick``. ``ok`` is
    the verdict against ``goal`` (``None``: reported for information, no goal).
    """

    key: str
    label: str
    value: float
    unit: str
    goal: str = ""
    ok: bool | None = None
    yardstick: float | None = None
    yardstick_label: str = ""
    samples: list[float] = field(default_factory=list)
    yardstick_samples: list[float] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.yardstick is None or self.yardstick <= 0:
            return None
        return self.value / self.yardstick

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def timings(
    action: Callable[[], object],
    runs: int,
    *,
    warmup: int = 1,
    setup: Callable[[], None] | None = None,
) -> list[float]:
    """Wall times (seconds) of ``runs`` calls of ``action`` after ``warmup`` unmeasured ones.

    ``setup``, when given, runs before every call, outside the measured time.
    """
    for _ in range(warmup):
        if setup is not None:
            setup()
        action()
    samples = []
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def interleaved(
    actions: dict[str, Callable[[], object]], runs: int, *, warmup: int = 1
) -> dict[str, list[float]]:
    """Time several actions turn by turn (A B A B …), so a slow spell of the machine hits all
    of them alike instead of only the one measured at that moment."""
    for _ in range(warmup):
        for action in actions.values():
            action()
    samples: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            samples[name].append(time.perf_counter() - start)
    return samples


def peak_rss_mib() -> float:
    """Peak resident memory of *this* process so far, in MiB.

    Linux's ``ru_maxrss`` survives ``exec``, so a child started by a big parent would report
    the parent's peak; ``VmHWM`` (the high-water mark of the process's own memory) does not and
    is preferred where it exists.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_child(args: list[str], *, env: dict[str, str] | None = None, timeout: float = 600) -> Any:
    """Run ``python <args>`` from the repository root; its last stdout line is JSON."""
    done = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args[:3])}… a échoué ({done.returncode}) :\n{done.stderr[-3000:]}"
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_child_module(module: str, *args: str, timeout: float = 600) -> Any:
    return run_child(["-m", module, *args], timeout=timeout)


def child_output(figures: dict[str, Any]) -> None:
    """What a child process prints: one JSON line, read by :func:`run_child`."""
    print(json.dumps(figures))


def cpu_calibration(runs: int = 5) -> float:
    """Seconds for a fixed pure-Python workload (dicts, strings, integers): the machine's pace.

    Not a goal: printed beside the results and kept in the JSON, so figures from two machines
    (or from a busy and a quiet moment) can be put side by side.
    """

    def work() -> int:
        total = 0
        table: dict[str, int] = {}
        for i in range(200_000):
            key = f"k{i % 1000}"
            table[key] = table.get(key, 0) + i
            total += len(key)
        return total + sum(table.values())

    return median(timings(work, runs, warmup=1))


def thousands(count: int) -> str:
    """``1000`` → ``"1 000"``, as the labels write numbers."""
    return f"{count:,}".replace(",", " ")

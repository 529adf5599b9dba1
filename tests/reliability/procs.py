"""Running Python in a child process for the reliability tests (what a second program does)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child: the project importable, Qt offscreen, French messages."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
        **extra,
    }


def run_python(
    args: list[str], *, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` from the project folder; output decoded as UTF-8."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env or child_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def run_cli(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m esms_desktop ARGS`` (the installed ``esms-desktop`` command)."""
    return run_python(["-m", "esms_desktop", *(str(a) for a in args)], timeout=timeout)


_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
conn.execute("BEGIN EXCLUSIVE")
print("verrou", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
print("libre", flush=True)
"""


@contextmanager
def foreign_write_lock(database: Path) -> Iterator[Callable[[], None]]:
    """Another program (a bare sqlite3 connection in its own process) holds ``BEGIN EXCLUSIVE``.

    Yields ``release()``: the other program rolls back and exits. Leaving the block releases it
    too (killed if it does not answer).
    """
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    released = False

    def release() -> None:
        nonlocal released
        if released:
            return
        released = True
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(b"\n")
        child.stdin.flush()
        answer = child.stdout.readline().strip()
        child.wait(30)
        assert answer == b"libre", answer

    try:
        first = child.stdout.readline().strip()
        if first != b"verrou":
            raise AssertionError(f"le verrou n'a pas été pris : {child.stderr.read()!r}")
        yield release
        release()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdin, child.stdout, child.stderr):
            stream.close()

"""Test helpers: read a database behind the store's back, make folders read-only."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest


def sqlite_rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of one query on a short-lived read-only connection."""
    uri = database.absolute().as_uri() + "?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        return [tuple(r) for r in conn.execute(sql).fetchall()]


def dump(database: Path) -> list[str]:
    """Every statement that rebuilds the database's content (to compare two files)."""
    uri = database.absolute().as_uri() + "?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        return list(conn.iterdump())


def _can_create_in(folder: Path) -> bool:
    probe = folder / ".probe-ecriture"
    try:
        probe.write_bytes(b"x")
    except OSError:
        return False
    probe.unlink()
    return True


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make files and folders unwritable for the duration, even as root (``chattr +i``).

    Skips the test when the platform offers no way to do so.
    """
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    done: list[Path] = []
    modes: dict[Path, int] = {}
    try:
        for path in paths:
            if as_root:
                if shutil.which("chattr") is None:
                    pytest.skip(
                        "root sans chattr : impossible de rendre un dossier non inscriptible"
                    )
                result = subprocess.run(
                    ["chattr", "+i", str(path)], capture_output=True, check=False
                )
                if result.returncode != 0:
                    pytest.skip(f"chattr +i refusé ici : {result.stderr.decode(errors='replace')}")
            else:
                modes[path] = path.stat().st_mode
                path.chmod(0o555 if path.is_dir() else 0o444)
            done.append(path)
        folders = [p for p in paths if p.is_dir()]
        if folders and _can_create_in(folders[0]):
            pytest.skip("le système de fichiers ignore la lecture seule ici")
        yield
    finally:
        for path in reversed(done):
            if as_root:
                subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)
            else:
                path.chmod(modes[path])

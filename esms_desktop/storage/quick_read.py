"""The start-up's quick read: one dossier's snapshot, with the stdlib ``sqlite3`` only.

The window shows the last dossier before SQLAlchemy (0.3 s of imports) is loaded: this reads the
``dossier_snapshot`` row (migration 0013) read-only, and only from a file this program wrote at
its own head revision. Anything else — no file, another revision, no snapshot (its triggers
deleted it), any SQLite error — is ``None``: start-up then opens the store first, as always.
Nothing here writes; the store, opened at the next turn of the event loop, checks the file.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from esms_desktop.storage.db import APPLICATION_ID, connect_raw
from esms_desktop.storage.revisions import HEAD_REVISION


def read_snapshot(database: Path, dossier_id: int) -> bytes | None:
    """The stored snapshot of ``dossier_id``, or ``None`` (read the store instead)."""
    if not database.is_file():
        return None
    try:
        with closing(connect_raw(database, read_only=True)) as conn:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return None
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            if revision != [(HEAD_REVISION,)]:
                return None
            row = conn.execute(
                "SELECT payload FROM dossier_snapshot WHERE dossier_id = ?", (dossier_id,)
            ).fetchone()
    except sqlite3.Error:
        return None
    return bytes(row[0]) if row is not None else None

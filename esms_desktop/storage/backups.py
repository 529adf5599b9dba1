"""Backups of the database: SQLite's online backup API, atomic files, bounded rotation.

A backup is a consistent snapshot even while the program writes (the backup API copies committed
pages only), written to a temporary file, checked with ``quick_check``, then renamed into
``sauvegardes/``: a crash or full disk during a backup never leaves a half file that a later
restore could pick.

Rotation keeps the 10 most recent backups plus the newest of each of the last 7 days, plus the
last few taken before a migration, a restore or a deletion (rare, and the ones a user needs after a
bad update, a wrong restore or a dossier deleted by mistake). Files whose names we did not write
are never touched.

Names carry the local time and the reason, so a user browsing the folder can pick one:
``esms-desktop-20260509-143012-123456-auto.sqlite3``.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from esms_desktop.storage.db import FileState, connect_raw, inspect_file, translate_error
from esms_desktop.storage.errors import DatabaseCorruptError, StoreError
from esms_desktop.storage.fsutil import fsync_dir, temp_path_beside, translate_os_error
from esms_desktop.storage.migrate import check_compatible

KEEP_LAST = 10
KEEP_DAILY_DAYS = 7
KEEP_SAFETY = 3
SAFETY_REASONS = frozenset({"avant-migration", "avant-restauration", "avant-suppression"})
REASONS = frozenset(
    {
        "demarrage",
        "auto",
        "manuelle",
        "avant-migration",
        "avant-import",
        "avant-restauration",
        "avant-suppression",
    }
)
"""The reasons the program uses; any lower-case slug is accepted (it ends up in the file name)."""
_REASON = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
_NAME = re.compile(r"^esms-desktop-(\d{8}-\d{6}-\d{6})-([a-z]+(?:-[a-z]+)*)(?:-\d+)?\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file: where, when (local time) and why it was taken."""

    path: Path
    taken: datetime
    reason: str


def backup_name(taken: datetime, reason: str) -> str:
    return f"esms-desktop-{taken.strftime(_STAMP)}-{reason}.sqlite3"


def parse_backup_name(path: Path) -> BackupInfo | None:
    """The :class:`BackupInfo` of a file named by us, else ``None`` (such files are left alone)."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match.group(1), _STAMP)
    except ValueError:
        return None
    return BackupInfo(path, taken, match.group(2))


def list_backups(folder: Path) -> list[BackupInfo]:
    """Our backups in ``folder``, newest first."""
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise translate_os_error(exc, folder, "lire le dossier de sauvegardes") from exc
    found = [info for p in entries if p.is_file() and (info := parse_backup_name(p)) is not None]
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def copy_database(source: Path, target: Path, *, source_label: Path | None = None) -> None:
    """Copy ``source`` into ``target`` atomically with the backup API, checked before renaming.

    The copy uses the rollback journal (a standalone file needs no ``-wal`` beside it). Errors are
    raised as :class:`StoreError`; ``target`` is then untouched.
    """
    tmp: Path | None = None
    try:
        tmp = temp_path_beside(target)
        # Read-only: a missing source must fail, not be created empty and "restored".
        with (
            closing(connect_raw(source, read_only=True)) as src,
            closing(sqlite3.connect(tmp)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            rows = dst.execute("PRAGMA quick_check").fetchall()
            if [tuple(r) for r in rows] != [("ok",)]:  # pragma: no cover - backup API guarantee
                raise StoreError(
                    f"La copie de « {source_label or source} » vers « {target} » est incohérente ; "
                    "elle a été abandonnée.",
                    path=target,
                )
        with tmp.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(tmp, target)
        tmp = None
        fsync_dir(target.parent)
    except sqlite3.Error as exc:
        raise translate_error(exc, source_label or source) from exc
    except OSError as exc:
        raise translate_os_error(exc, target, "écrire la copie de la base") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


def backup_database(
    database: Path, folder: Path, reason: str, *, now: datetime | None = None
) -> Path:
    """Snapshot ``database`` into ``folder`` (created if needed); returns the new file."""
    if not _REASON.match(reason):
        raise ValueError(f"raison de sauvegarde invalide : {reason!r} (minuscules et tirets)")
    taken = now or datetime.now()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise translate_os_error(exc, folder, "créer le dossier de sauvegardes") from exc
    target = folder / backup_name(taken, reason)
    n = 2
    while target.exists():
        target = folder / backup_name(taken, reason).replace(".sqlite3", f"-{n}.sqlite3")
        n += 1
    copy_database(database, target, source_label=database)
    return target


def backups_to_keep(
    backups: Iterable[BackupInfo],
    *,
    today: date,
    keep_last: int = KEEP_LAST,
    daily_days: int = KEEP_DAILY_DAYS,
    keep_safety: int = KEEP_SAFETY,
) -> set[Path]:
    """The rotation policy as a pure function (tested without files)."""
    ordered = sorted(backups, key=lambda b: (b.taken, b.path.name), reverse=True)
    keep = {b.path for b in ordered[:keep_last]}
    first_day = today - timedelta(days=daily_days - 1)
    seen_days: set[date] = set()
    for info in ordered:
        day = info.taken.date()
        if first_day <= day <= today and day not in seen_days:
            seen_days.add(day)
            keep.add(info.path)
    for reason in SAFETY_REASONS:
        keep.update(b.path for b in [b for b in ordered if b.reason == reason][:keep_safety])
    return keep


def rotate(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete our backups the policy does not keep; returns what was deleted."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups, today=(now or datetime.now()).date())
    deleted: list[Path] = []
    for info in backups:
        if info.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                info.path.unlink()
                deleted.append(info.path)
    return deleted


def check_backup(path: Path) -> FileState:
    """Full ``integrity_check`` of a backup before restoring it; raises if unusable."""
    state = inspect_file(path, full_check=True)
    if state.status == "absent":
        raise StoreError(f"La sauvegarde « {path} » est introuvable.", path=path)
    if state.status != "ok" or not state.has_schema:
        why = state.problem or "fichier vide"
        raise DatabaseCorruptError(
            f"La sauvegarde « {path} » est inutilisable ({why}) ; rien n'a été restauré. "
            "Choisissez une autre sauvegarde.",
            path=path,
        )
    return state


def newest_valid_backup(folder: Path, *, exclude: Iterable[str] = ()) -> Path | None:
    """The newest backup that passes ``quick_check`` (and is not of an excluded reason)."""
    skipped = set(exclude)
    for info in list_backups(folder):
        if info.reason in skipped:
            continue
        try:
            state = inspect_file(info.path)
            if state.status == "ok" and state.has_schema:
                check_compatible(state, info.path)
                return info.path
        except StoreError:
            continue
    return None

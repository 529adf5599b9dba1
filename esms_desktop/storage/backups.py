"""Backups of the database: SQLite's online backup API, atomic files, bounded rotation.

A backup is a consistent snapshot even while the program writes (the backup API copies committed
pages only), written to a temporary file, checked with ``quick_check``, then renamed into
``sauvegardes/``: a crash or full disk during a backup never leaves a half file that a later
restore could pick. A process killed during the copy leaves its hidden temporary file behind:
:func:`remove_partial_copies` deletes those at the next start.

Which backup is the newest is decided by what is written *inside* the file, never by its name
alone: each copy gets a one-row table, :data:`STAMP_TABLE`, holding a sequence number (one more
than the highest in the folder) and the time it was taken. The sequence survives the file being
copied or renamed, and a clock set ahead once (or a file dated 2099 dropped in the folder) can no
longer make rotation delete the real backups or ``restore --latest`` pick stale data. Backups
written before sequences existed rank below every stamped one, by the time of their content (the
latest change recorded inside), then by their name; a date in the future is never believed.

Rotation keeps the 10 most recent backups plus the newest of each of the last 7 days, plus the
last few taken before a migration, a restore or a deletion (rare, and the ones a user needs after a
bad update, a wrong restore or a dossier deleted by mistake). Files whose names we did not write
are never touched.

Names carry the local time and the reason, so a user browsing the folder can pick one:
``esms-desktop-20260509-143012-123456-auto.sqlite3``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import time
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as day_time
from functools import lru_cache
from pathlib import Path

from esms_desktop.storage.db import (
    FileState,
    connect_raw,
    inspect_file,
    sqlite_uri,
    translate_error,
)
from esms_desktop.storage.errors import DatabaseCorruptError, DiskFullError, StoreError
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
STAMP_TABLE = "esms_sauvegarde"
"""The one-row table written into every backup (sequence, time, reason); a restore drops it."""
PROCESS_STARTED = time.time()
"""When this process started (as seen on importing this module): a temporary copy last written
before then belongs to a process that is gone."""
_REASON = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
_NAME = re.compile(r"^esms-desktop-(\d{8}-\d{6}-\d{6})-([a-z]+(?:-[a-z]+)*)(?:-\d+)?\.sqlite3$")
_PARTIAL = re.compile(r"^\.esms-desktop[^/\\]*\.sqlite3\.[a-z0-9_]+\.tmp(?:-journal|-wal|-shm)?$")
"""The temporary files :func:`copy_database` writes (``temp_path_beside``) and their journal."""
_STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file: where, when (local time) and why it was taken.

    ``taken`` is the time stored inside the file, else the one its name gives. ``sequence`` is the
    stored sequence number (``None`` for a backup written before sequences existed), and
    ``content_time`` the latest change recorded inside such an older backup: together they say
    which backup is the newest (:func:`order_key`).
    """

    path: Path
    taken: datetime
    reason: str
    sequence: int | None = None
    content_time: datetime | None = None


@dataclass(frozen=True, slots=True)
class BackupStamp:
    """What :func:`copy_database` writes into a backup: its place in the order, and when."""

    sequence: int
    taken: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What a backup holds, said to the user before restoring it."""

    path: Path
    taken: datetime | None
    dossiers: int
    establishments: int


def backup_name(taken: datetime, reason: str) -> str:
    return f"esms-desktop-{taken.strftime(_STAMP)}-{reason}.sqlite3"


def parse_backup_name(path: Path) -> BackupInfo | None:
    """The :class:`BackupInfo` of a file named by us, else ``None`` (such files are left alone).

    Only the name is read: ``sequence`` and ``content_time`` stay unknown (see :func:`read_backup`).
    """
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match.group(1), _STAMP)
    except ValueError:
        return None
    return BackupInfo(path, taken, match.group(2))


def _local(moment: datetime) -> datetime:
    """A stored time as naive local time, like the names (aware UTC in the dossiers' columns)."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment


def _latest_change(conn: sqlite3.Connection) -> datetime | None:
    """The latest time recorded in a database's content: a dossier's ``updated``, or the history
    (which also records deletions); ``None`` if there is none."""
    found: list[datetime] = []
    for sql in ("SELECT max(updated) FROM dossier", "SELECT max(at) FROM change_log"):
        try:
            row = conn.execute(sql).fetchone()
            if row is not None and row[0]:
                found.append(_local(datetime.fromisoformat(str(row[0]))))
        except (sqlite3.Error, ValueError):  # an older schema, an unreadable date: not a clue
            continue
    return max(found, default=None)


@lru_cache(maxsize=512)
def _inside(
    path: Path, mtime_ns: int, size: int
) -> tuple[int | None, datetime | None, datetime | None]:
    """(sequence, stored time, latest change) read in a backup file; cached by its size and
    modification time, as a backup is never changed once renamed into place (each backup lists
    the folder twice: for its sequence, then for the rotation)."""
    uri = sqlite_uri(path, mode="ro")  # standalone rollback-journal files: no -shm needed
    try:
        with closing(sqlite3.connect(uri, uri=True, isolation_level=None)) as conn:
            try:
                row = conn.execute(f"SELECT sequence, taken FROM {STAMP_TABLE} LIMIT 1").fetchone()
            except sqlite3.OperationalError:  # no stamp: written before sequences existed
                row = None
            if row is not None:
                return int(row[0]), datetime.fromisoformat(str(row[1])), None
            return None, None, _latest_change(conn)
    except (sqlite3.Error, ValueError, TypeError):
        return None, None, None


def read_backup(info: BackupInfo) -> BackupInfo:
    """``info`` completed with what the file itself says (stamp, or else its content's time).

    A file that cannot be read keeps what its name says: it ranks as an old-style backup, and
    restoring it is refused later by its checks.
    """
    try:
        status = info.path.stat()
    except OSError:
        return info
    sequence, stored, latest = _inside(info.path, status.st_mtime_ns, status.st_size)
    if sequence is not None and stored is not None:
        return BackupInfo(info.path, stored, info.reason, sequence, None)
    return BackupInfo(info.path, info.taken, info.reason, None, latest)


def order_key(info: BackupInfo, *, now: datetime) -> tuple[int, int, datetime, datetime, str]:
    """Sort key of a backup, larger is newer: the stored sequence first; a backup without one
    (older programs) ranks below, by its content's time then its name's, either ignored when it is
    later than ``now`` (a clock set ahead, a file dated in the future)."""
    if info.sequence is not None:
        return (2, info.sequence, info.taken, info.taken, info.path.name)
    content = info.content_time
    named = info.taken
    content_ok = content is not None and content <= now
    named_ok = named <= now
    tier = 1 if content_ok or named_ok else 0
    return (
        tier,
        0,
        content if content is not None and content_ok else datetime.min,
        named if named_ok else datetime.min,
        info.path.name,
    )


def _named_backups(folder: Path) -> list[BackupInfo]:
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise translate_os_error(exc, folder, "lire le dossier de sauvegardes") from exc
    return [info for p in entries if p.is_file() and (info := parse_backup_name(p)) is not None]


def has_backups(folder: Path) -> bool:
    """Whether ``folder`` holds any file named like our backups (no file is opened)."""
    return bool(_named_backups(folder))


def list_backups(folder: Path, *, now: datetime | None = None) -> list[BackupInfo]:
    """Our backups in ``folder``, newest first (by :func:`order_key`, each file read)."""
    moment = now or datetime.now()
    found = [read_backup(info) for info in _named_backups(folder)]
    return sorted(found, key=lambda b: order_key(b, now=moment), reverse=True)


def next_sequence(folder: Path) -> int:
    """One more than the highest sequence stored in ``folder``'s backups (1 for the first)."""
    stamped = [b.sequence for b in list_backups(folder) if b.sequence is not None]
    return max(stamped, default=0) + 1


def _write_stamp(conn: sqlite3.Connection, stamp: BackupStamp | None) -> None:
    """Replace the copy's stamp by ``stamp`` (or just drop it: a restored database has none)."""
    conn.execute("BEGIN")
    conn.execute(f"DROP TABLE IF EXISTS {STAMP_TABLE}")
    if stamp is not None:
        conn.execute(
            f"CREATE TABLE {STAMP_TABLE} (sequence INTEGER NOT NULL, taken TEXT NOT NULL, "
            "reason TEXT NOT NULL)"
        )
        conn.execute(
            f"INSERT INTO {STAMP_TABLE} (sequence, taken, reason) VALUES (?, ?, ?)",
            (stamp.sequence, stamp.taken.isoformat(), stamp.reason),
        )
    conn.execute("COMMIT")


def copy_database(
    source: Path,
    target: Path,
    *,
    source_label: Path | None = None,
    stamp: BackupStamp | None = None,
) -> None:
    """Copy ``source`` into ``target`` atomically with the backup API, checked before renaming.

    The copy uses the rollback journal (a standalone file needs no ``-wal`` beside it) and carries
    ``stamp`` (a backup) or no stamp at all (a restore). Errors are raised as :class:`StoreError`;
    ``target`` is then untouched. A full disk names the copy being written: nothing the user
    typed was being saved, so the store's "last change not saved" sentence would mislead.
    """
    tmp: Path | None = None
    try:
        tmp = temp_path_beside(target)
        # Read-only: a missing source must fail, not be created empty and "restored".
        with (
            closing(connect_raw(source, read_only=True)) as src,
            closing(sqlite3.connect(tmp, isolation_level=None)) as dst,
        ):
            # The temporary file is fsynced as a whole before the rename: no sync on the way.
            dst.execute("PRAGMA synchronous=OFF")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            _write_stamp(dst, stamp)
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
        error = translate_error(exc, source_label or source)
        if isinstance(error, DiskFullError):  # only writing the copy can fill the disk
            full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            raise translate_os_error(full, target, "écrire la copie de la base") from exc
        raise error from exc
    except OSError as exc:
        raise translate_os_error(exc, target, "écrire la copie de la base") from exc
    finally:
        if tmp is not None:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def backup_database(
    database: Path, folder: Path, reason: str, *, now: datetime | None = None
) -> Path:
    """Snapshot ``database`` into ``folder`` (created if needed); returns the new file.

    The copy is stamped with the next sequence of the folder, whatever the clock says.
    """
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
    stamp = BackupStamp(next_sequence(folder), taken, reason)
    copy_database(database, target, source_label=database, stamp=stamp)
    return target


SAVED_AS_PREFIX = "esms-desktop-sauvegarde-"
BACKUP_SUFFIX = ".sqlite3"


def saved_as_name(day: date) -> str:
    """The name suggested for a backup the user saves elsewhere: ``esms-desktop-sauvegarde-
    2026-12-07.sqlite3``; not a name of the backups folder, so rotation never touches it."""
    return f"{SAVED_AS_PREFIX}{day.isoformat()}{BACKUP_SUFFIX}"


def save_backup_as(
    database: Path, target: Path, backups_folder: Path, *, now: datetime | None = None
) -> Path:
    """A backup of ``database`` written at ``target`` (a USB key, Documents), atomically.

    The same copy as an automatic backup — the backup API's consistent snapshot, checked, stamped
    with the backups folder's next sequence, the annexes inside as they live in the database —
    written beside ``target`` first and renamed onto it: a full disk or an unplugged key leaves
    no half file and an older file of that name intact. Errors are French :class:`StoreError`.
    """
    taken = now or datetime.now()
    stamp = BackupStamp(next_sequence(backups_folder), taken, "manuelle")
    copy_database(database, target, source_label=database, stamp=stamp)
    return target


def backups_to_keep(
    backups: Iterable[BackupInfo],
    *,
    today: date,
    keep_last: int = KEEP_LAST,
    daily_days: int = KEEP_DAILY_DAYS,
    keep_safety: int = KEEP_SAFETY,
) -> set[Path]:
    """The rotation policy as a pure function (tested without files).

    "Most recent" is :func:`order_key`'s order: a name dated in the future does not push the
    real, newer backups out.
    """
    now = datetime.combine(today, day_time.max)
    ordered = sorted(backups, key=lambda b: order_key(b, now=now), reverse=True)
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
    moment = now or datetime.now()
    backups = list_backups(folder, now=moment)
    keep = backups_to_keep(backups, today=moment.date())
    deleted: list[Path] = []
    for info in backups:
        if info.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                info.path.unlink()
                deleted.append(info.path)
    return deleted


def remove_partial_copies(folder: Path, *, before: float = PROCESS_STARTED) -> list[Path]:
    """Delete the hidden temporary copies a killed process left in ``folder``; returns them.

    Only files named as :func:`copy_database` names its temporary files, last written before
    ``before`` (by default, before this process started): the caller holds the folder's lock, so
    no other esms-desktop is writing one. Nothing else is touched; a file that cannot be removed
    is left for the next start.
    """
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:  # no folder yet, or unreadable: nothing to clean
        return removed
    for path in entries:
        if not _PARTIAL.match(path.name):
            continue
        try:
            if not path.is_file() or path.stat().st_mtime >= before:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def _usable(path: Path, *, full_check: bool) -> FileState:
    """The backup's state, or the French refusal for a file that is missing or damaged."""
    state = inspect_file(path, full_check=full_check)
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


def check_backup(path: Path) -> FileState:
    """Full ``integrity_check`` of a backup before restoring it; raises if unusable."""
    return _usable(path, full_check=True)


def describe_backup(path: Path) -> BackupSummary:
    """When a backup was taken and how many dossiers and ESSMS it holds (``quick_check`` first).

    Raises like :func:`check_backup` for a file that is missing or damaged.
    """
    _usable(path, full_check=False)
    named = parse_backup_name(path)
    info = read_backup(named or BackupInfo(path, datetime.min, ""))
    try:
        with closing(connect_raw(path, read_only=True)) as conn:
            dossiers = int(conn.execute("SELECT count(*) FROM dossier").fetchone()[0])
            establishments = int(conn.execute("SELECT count(*) FROM establishment").fetchone()[0])
            latest = _latest_change(conn)
    except sqlite3.Error as exc:
        raise translate_error(exc, path) from exc
    if info.sequence is not None or named is not None:
        taken: datetime | None = info.taken
    else:  # a file of any name: the time of its content is all there is
        taken = latest
    return BackupSummary(path, taken, dossiers, establishments)


def newest_valid_backup(
    folder: Path, *, exclude: Iterable[str] = (), skip: Iterable[Path] = ()
) -> Path | None:
    """The newest backup that passes ``quick_check`` (and is not of an excluded reason, nor one of
    the ``skip`` files)."""
    skipped = set(exclude)
    passed = {Path(p) for p in skip}
    for info in list_backups(folder):
        if info.reason in skipped or info.path in passed:
            continue
        try:
            state = inspect_file(info.path)
            if state.status == "ok" and state.has_schema:
                check_compatible(state, info.path)
                return info.path
        except StoreError:
            continue
    return None

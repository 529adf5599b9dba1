"""Copies of attached files written so the system's viewer can open them, and their removal.

An annex lives in the database; « Ouvrir » needs it as a file. Its name came from whoever made
the file (a partner's ``.esms``), so the copy is written under :func:`safe_file_name` only, in a
folder of our own: one private folder per process (``esms-annexe-…`` in the system's temporary
folder, owner-only on POSIX), one fresh sub-folder per copy (a viewer may still hold the previous
one open on Windows). The folders go when the process ends; those an earlier run could not remove
(a crash, a viewer holding a file) are removed at the next start.

No Qt here: the interface decides what to do with the copy, this module only makes it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

from esms_desktop.domain.errors import UserError
from esms_desktop.domain.file_names import safe_file_name

PREFIX = "esms-annexe-"
"""Name prefix of our folders in the temporary folder: the only ones start-up cleaning touches."""

PROCESS_STARTED = time.time()
"""When this module was first imported, i.e. when the program started (app.py imports it)."""

_made: list[Path] = []
"""The private folders this process created (normally one), removed at exit."""


class AnnexCopyError(UserError):
    """The copy to open could not be written (temporary folder full, protected…)."""


def _remove_made() -> None:
    """At exit: this process's copies go. A file a viewer still holds (Windows) stays: the next
    start removes it."""
    for folder in _made:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(_remove_made)


def copies_folder() -> Path:
    """This process's private folder in the temporary folder, made on first use.

    Made again when it is gone (another instance's start-up cleaning, a user emptying the temp
    folder) or when the temporary folder changed (tests point it elsewhere).
    """
    root = Path(tempfile.gettempdir())
    for folder in reversed(_made):
        if folder.parent == root and folder.is_dir() and not folder.is_symlink():
            return folder
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))  # mode 0700 on POSIX
    _made.append(folder)
    return folder


def write_copy(name: str, data: bytes) -> Path:
    """Write ``data`` as a file named (safely) ``name`` in a fresh folder of our own; its path.

    The name is made safe here again, whatever the caller did: this is the one place a received
    name becomes a path. Raises :class:`AnnexCopyError` when the temporary folder refuses.
    """
    shown = safe_file_name(name)
    try:
        folder = Path(tempfile.mkdtemp(dir=copies_folder())).resolve()
        target = folder / shown
        if target.resolve().parent != folder:  # cannot happen with a safe name: refuse anyway
            raise AnnexCopyError(
                f"Le nom de fichier « {shown} » sort du dossier temporaire : fichier non ouvert."
            )
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(target, flags | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise AnnexCopyError(
            f"Impossible de préparer la copie de « {shown} » à ouvrir dans le dossier temporaire "
            f"« {tempfile.gettempdir()} » : {exc.strerror or exc}."
        ) from exc
    return target


def _is_stale(entry: os.DirEntry[str], before: float) -> bool:
    """One of our folders (prefix, a real folder, ours on POSIX), last changed before ``before``."""
    if not entry.name.startswith(PREFIX):
        return False
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):  # a symbolic link is never followed, nor removed
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():  # a shared /tmp: not ours
        return False
    return info.st_mtime < before


def remove_stale_copies(root: Path | None = None, before: float | None = None) -> int:
    """Remove the copy folders left by earlier runs; how many were removed.

    Only folders named with :data:`PREFIX` in the temporary folder (``root``), not changed since
    this process started (``before``), never this process's own. A folder that cannot be removed
    (a viewer holding a file on Windows) is left for a later start.
    """
    root = Path(tempfile.gettempdir()) if root is None else root
    before = PROCESS_STARTED if before is None else before
    removed = 0
    try:
        entries = list(os.scandir(root))
    except OSError:
        return 0
    for entry in entries:
        path = Path(entry.path)
        if path in _made or not _is_stale(entry, before):
            continue
        shutil.rmtree(path, ignore_errors=True)  # as much as can go; the rest at a later start
        if not path.exists():
            removed += 1
    return removed

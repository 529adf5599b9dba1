"""Where esms-desktop keeps the user's data: database, backups, logs.

Everything here is a function, so importing the module touches no disk and reads no environment:
tests, the CLI's ``--data-dir`` and the portable mode all decide *before* anything is created.

The order of precedence is: an explicit folder (``--data-dir``), then portable mode (a marker file
``esms-desktop.portable`` beside the program → data in ``donnees/`` beside it, for USB sticks and
locked-down laptops), then the platform's per-user, *local* (non-roaming) data folder: a roaming
profile or a synchronised folder would copy a live SQLite file behind our back.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath

import platformdirs

APP_NAME = "esms-desktop"
PORTABLE_MARKER = "esms-desktop.portable"
PORTABLE_DATA_DIRNAME = "donnees"
DATABASE_FILENAME = "esms-desktop.sqlite3"
BACKUPS_DIRNAME = "sauvegardes"
LOGS_DIRNAME = "journaux"
CAMPAIGNS_DIRNAME = "campagnes"
LOCK_FILENAME = "esms-desktop.lock"

# Folder names that synchronisation clients create. SQLite's locking and WAL shared memory do not
# survive being copied file by file by such a client, hence the rollback journal there.
_SYNC_FOLDER_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^onedrive\b"), "OneDrive"),
    (re.compile(r"^dropbox\b"), "Dropbox"),
    (re.compile(r"^google ?drive\b|^googledrive\b|^my drive$|^mon drive$"), "Google Drive"),
    (
        re.compile(r"^icloud ?drive\b|^iclouddrive\b|^mobile documents$|^com~apple~clouddocs$"),
        "iCloud Drive",
    ),
    (re.compile(r"^nextcloud\b"), "Nextcloud"),
    (re.compile(r"^owncloud\b"), "ownCloud"),
    (re.compile(r"^pcloud ?drive\b|^pcloud\b"), "pCloud"),
    (re.compile(r"^box ?sync\b|^box$"), "Box"),
    (re.compile(r"^sharepoint\b"), "SharePoint"),
)


@dataclass(frozen=True, slots=True)
class DataPaths:
    """The files and folders of one data directory (nothing is created by building this)."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_FILENAME

    @property
    def backups(self) -> Path:
        return self.root / BACKUPS_DIRNAME

    @property
    def logs(self) -> Path:
        return self.root / LOGS_DIRNAME

    @property
    def lock(self) -> Path:
        return self.root / LOCK_FILENAME

    @property
    def campaigns(self) -> Path:
        """The user's campaign files (created, imported): data, never the program's folder."""
        return self.root / CAMPAIGNS_DIRNAME


PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def make_private(path: Path) -> bool:
    """Let only the user read ``path`` (a folder: 0700, a file: 0600) on POSIX; True if done.

    The database holds the annexes (RIB, statuts…): on a shared computer another account must not
    read it. On Windows the per-user profile's permissions already keep other accounts out, so
    nothing is changed there. A path that is missing or whose mode cannot be changed (a read-only
    medium, a FAT USB stick, a folder owned by someone else) is left as it is: being private is a
    precaution, never a reason to refuse to start.
    """
    if os.name != "posix":  # pragma: no cover - POSIX only
        return False
    try:
        mode = PRIVATE_FOLDER_MODE if path.is_dir() else PRIVATE_FILE_MODE
        if not path.exists():
            return False
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError:
        return False
    return True


def program_dir() -> Path:
    """Folder of the program: the executable's folder when frozen, else the source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def portable_data_dir(base: Path | None = None) -> Path | None:
    """``donnees/`` beside the program when the portable marker is there, else ``None``.

    Args:
        base: folder to look in; the program's folder by default (tests pass a temporary one).
    """
    folder = base if base is not None else program_dir()
    if (folder / PORTABLE_MARKER).is_file():
        return folder / PORTABLE_DATA_DIRNAME
    return None


def default_data_dir() -> Path:
    """The per-user local data folder (``%LOCALAPPDATA%\\esms-desktop`` on Windows)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def data_dir(explicit: Path | None = None, *, program: Path | None = None) -> Path:
    """The data folder to use: explicit, else portable, else the platform default."""
    if explicit is not None:
        return Path(explicit).expanduser().absolute()
    portable = portable_data_dir(program)
    if portable is not None:
        return portable
    return default_data_dir()


def data_paths(explicit: Path | None = None, *, program: Path | None = None) -> DataPaths:
    """`DataPaths` of :func:`data_dir` (see there for the precedence)."""
    return DataPaths(data_dir(explicit, program=program))


def sync_or_network_reason(path: str | PurePath) -> str | None:
    """Why ``path`` looks like a network share or a synchronised folder, or ``None``.

    A heuristic on the path's text only (no I/O, so it is testable on any platform): a UNC path
    (``\\\\serveur\\partage``) or a component named like a synchronisation client's folder
    (``OneDrive - Association``, ``Dropbox``, ``Google Drive``, ``iCloud Drive``…).
    """
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "partage réseau"
    parts = PureWindowsPath(text).parts if "\\" in text else PurePath(text).parts
    for part in parts:
        name = part.strip().casefold()
        for pattern, label in _SYNC_FOLDER_PATTERNS:
            if pattern.search(name):
                return label
    return None


def remote_drive_reason(path: Path) -> str | None:
    """On Windows, ``"lecteur réseau"`` when ``path`` is on a mapped network drive (Z: → share).

    The path heuristic cannot see a drive letter mapped to a share; the Win32 drive type can.
    Elsewhere (and on any failure) ``None``: the path heuristic still applies.
    """
    if os.name != "nt":  # pragma: no cover - Windows only
        return None
    try:  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(str(path.absolute()))[0]
        if not drive or drive.startswith("\\\\"):
            return None
        drive_remote = 4
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        if kernel32.GetDriveTypeW(drive + "\\") == drive_remote:
            return "lecteur réseau"
    except (OSError, AttributeError, ValueError):  # pragma: no cover - Windows only
        return None
    return None  # pragma: no cover - Windows only


def risky_location_reason(path: Path) -> str | None:
    """Network share, mapped network drive or synchronised folder holding ``path``, if any."""
    return sync_or_network_reason(path) or remote_drive_reason(path)

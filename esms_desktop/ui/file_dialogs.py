"""Open and save dialogs that start where a director expects: Documents, then the last folder.

Qt's dialogs start in the working directory when given no folder; launched from the Start menu
that is the program's own folder (often not writable), and the PDF ended up among the program's
files. One place decides where dialogs start, for every dialog of the application.

Each kind of file has its own last folder — the exports go to « Dossiers ARS », the partners'
spreadsheets come from « Téléchargements », the annexes from a scan folder, the backups to a
USB key — and the window's settings keep them from one session to the next (see
:func:`use_settings`); the first time, every kind starts in Documents.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

KINDS = ("exports", "imports", "annexes", "sauvegardes")
"""The kinds of file whose folder is remembered apart; a call site names one."""

_SETTINGS_GROUP = "file_dialogs"
_settings: QSettings | None = None
_last_folders: dict[str, Path] = {}
"""This session's choices, kept even without settings (a dialog opened before the window)."""


def use_settings(settings: QSettings | None) -> None:
    """Remember the last folders in ``settings`` (the window's), read back in later sessions."""
    global _settings
    _settings = settings
    _last_folders.clear()


def _checked_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown file kind {kind!r}: one of {', '.join(KINDS)}")
    return kind


def _settings_key(kind: str) -> str:
    return f"{_SETTINGS_GROUP}/last_folder_{kind}"


def documents_folder() -> Path:
    """The user's Documents (the home folder where there is none)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def start_folder(kind: str = "exports") -> Path:
    """The folder of the last file of ``kind`` chosen (this session or a former one), else
    Documents; a folder since removed or on an unplugged USB key falls back to Documents."""
    kind = _checked_kind(kind)
    folder = _last_folders.get(kind)
    if folder is None and _settings is not None:
        saved = _settings.value(_settings_key(kind), "")
        folder = Path(saved) if isinstance(saved, str) and saved else None
    if folder is not None and folder.is_dir():
        return folder
    return documents_folder()


def _remember(chosen: str, kind: str) -> Path | None:
    if not chosen:
        return None
    path = Path(chosen)
    _last_folders[kind] = path.parent
    if _settings is not None:
        _settings.setValue(_settings_key(kind), str(path.parent))
    return path


def open_file(parent: QWidget, title: str, pattern: str, *, kind: str = "imports") -> Path | None:
    """Ask for an existing file of ``kind`` (see :data:`KINDS`); ``None`` when the user cancels."""
    kind = _checked_kind(kind)
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(kind)), pattern)
    return _remember(chosen, kind)


def save_file(
    parent: QWidget, title: str, suggested_name: str, pattern: str, *, kind: str = "exports"
) -> Path | None:
    """Ask where to write ``suggested_name``, in the last folder of ``kind``; None on cancel."""
    kind = _checked_kind(kind)
    suggested = Path(suggested_name)
    target = suggested if suggested.is_absolute() else start_folder(kind) / suggested
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(target), pattern)
    return _remember(chosen, kind)

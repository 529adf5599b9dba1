"""Open and save dialogs that start where a director expects: Documents, then the last folder.

Qt's dialogs start in the working directory when given no folder; launched from the Start menu
that is the program's own folder (often not writable), and the PDF ended up among the program's
files. One place decides where dialogs start, for every dialog of the application.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

_last_folder: Path | None = None


def start_folder() -> Path:
    """The folder of the last file chosen in this session, else the user's Documents."""
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def _remember(chosen: str) -> Path | None:
    global _last_folder
    if not chosen:
        return None
    path = Path(chosen)
    _last_folder = path.parent
    return path


def open_file(parent: QWidget, title: str, pattern: str) -> Path | None:
    """Ask for an existing file; ``None`` when the user cancels."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder()), pattern)
    return _remember(chosen)


def save_file(parent: QWidget, title: str, suggested_name: str, pattern: str) -> Path | None:
    """Ask where to write ``suggested_name``; ``None`` when the user cancels."""
    suggested = Path(suggested_name)
    target = suggested if suggested.is_absolute() else start_folder() / suggested
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(target), pattern)
    return _remember(chosen)

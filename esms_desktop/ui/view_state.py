"""What a user arranged in a page — splitter positions, table column widths — kept across runs.

One walk over a widget tree instead of code in every view: each :class:`QSplitter` and each
table's horizontal :class:`QHeaderView` that has an ``objectName`` is restored from the settings
under ``layout/<objectName>`` and saved there again whenever the user moves it. The names are
the keys, so they are set once, stable, in the views (``grappe.establishments``…); a widget
without a name is left as the view laid it out. The state is per table, not per dossier: a
column widened for one grappe is wanted for the next.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView, QWidget

PREFIX = "layout"
_WATCHED = "esms_layout_watched"
"""A property set on each widget once its signals save it: remembering a tree twice (its steps
built again) connects nothing twice."""


def _key(name: str) -> str:
    return f"{PREFIX}/{name}"


def _saved(settings: QSettings, name: str) -> QByteArray | None:
    value = settings.value(_key(name))
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def named_parts(root: QWidget) -> list[tuple[str, QSplitter | QHeaderView]]:
    """The splitters and table headers under ``root`` that have a name, with their key."""
    parts: list[tuple[str, QSplitter | QHeaderView]] = []
    for splitter in root.findChildren(QSplitter):
        if splitter.objectName():
            parts.append((splitter.objectName(), splitter))
    for table in root.findChildren(QTableView):
        if table.objectName():
            parts.append((table.objectName(), table.horizontalHeader()))
    return parts


def remember_layout(root: QWidget, settings: QSettings) -> None:
    """Restore the named splitters and headers under ``root``; save each one when it moves."""
    for name, part in named_parts(root):
        state = _saved(settings, name)
        if state is not None:
            part.restoreState(state)
        if part.property(_WATCHED):
            continue
        part.setProperty(_WATCHED, True)
        if isinstance(part, QSplitter):
            part.splitterMoved.connect(
                lambda _pos, _index, n=name, p=part: settings.setValue(_key(n), p.saveState())
            )
        else:
            part.sectionResized.connect(
                lambda _i, _old, _new, n=name, p=part: settings.setValue(_key(n), p.saveState())
            )

"""Add establishments from the FINESS register loaded on this computer.

Search by name, town or number; add the selected establishments, or every open establishment of
one FINESS juridique as one organisation, in one undo step. Placing them in the grappe is
``services.finess_lookup.place_entries`` (pure); this dialog only shows and picks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.edits import with_grappe
from esms_desktop.domain.finess_register import RegisterEntry
from esms_desktop.services.finess_lookup import place_entries
from esms_desktop.ui.models.establishments import category_label
from esms_desktop.ui.undo import Editor


class Register(Protocol):
    def register_status(self) -> str | None: ...
    def search_register(self, text: str, limit: int = 200) -> list[RegisterEntry]: ...
    def establishments_of(self, finess_ej: str) -> list[RegisterEntry]: ...
    def og_name(self, finess_ej: str) -> str: ...
    def lookup(self, finess: str) -> RegisterEntry | None: ...


class FinessDialog(QDialog):
    def __init__(self, editor: Editor, register: Register, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.register = register
        self.results: list[RegisterEntry] = []
        self.setWindowTitle(self.tr("Add from the FINESS register"))
        layout = QVBoxLayout(self)
        status = register.register_status()
        self.status = QLabel(
            self.tr("Register loaded: %1").replace("%1", status)
            if status
            else self.tr(
                "No FINESS register is loaded on this computer: use File › Load the FINESS "
                "register… first."
            )
        )
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        label = QLabel(self.tr("&Search:"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("name, town or FINESS number"))
        self.search_edit.setAccessibleName(self.tr("Search the FINESS register"))
        label.setBuddy(self.search_edit)
        row.addWidget(label)
        row.addWidget(self.search_edit, 1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 6)
        self.table.setAccessibleName(self.tr("Establishments found"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("FINESS"),
                self.tr("Name"),
                self.tr("Category"),
                self.tr("Town"),
                self.tr("FINESS (legal entity)"),
                self.tr("State"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((95, 300, 70, 160, 130)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table, 1)
        target = QHBoxLayout()
        target_label = QLabel(self.tr("Add &to:"))
        self.og_combo = QComboBox()
        self.og_combo.setAccessibleName(self.tr("Organisation receiving the establishments"))
        self.og_combo.addItem(self.tr("the organisation of its FINESS juridique"), None)
        for i, og in enumerate(editor.session.dossier.grappe.organisations):
            self.og_combo.addItem(og.name, i)
        target_label.setBuddy(self.og_combo)
        target.addWidget(target_label)
        target.addWidget(self.og_combo, 1)
        layout.addLayout(target)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add the selection"))
        self.add_ej_button = QPushButton(self.tr("Add the whole &legal entity"))
        self.add_ej_button.setToolTip(
            self.tr(
                "Every open establishment of the selected row's FINESS juridique, as one "
                "organisation"
            )
        )
        close = QPushButton(self.tr("&Close"))
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.add_ej_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._search_if_shown)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.add_button.clicked.connect(self.add_selection)
        self.add_ej_button.clicked.connect(self.add_legal_entity)
        close.clicked.connect(self.accept)
        enabled = status is not None
        for w in (self.search_edit, self.add_button, self.add_ej_button):
            w.setEnabled(enabled)
        self.resize(900, 560)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        # A search still pending when the dialog closes would run later, on a store that may be
        # closed by then (the window closing, the data restored from a backup).
        self._timer.stop()
        super().hideEvent(event)

    def _search_if_shown(self) -> None:
        if self.isVisible():  # nobody reads the results of a closed dialog
            self.run_search()

    def run_search(self) -> None:
        text = self.search_edit.text().strip()
        self.results = self.register.search_register(text) if len(text) >= 2 else []
        self.table.setRowCount(len(self.results))
        for r, e in enumerate(self.results):
            state = self.tr("closed") if e.closed else self.tr("open")
            name = e.long_name or e.name
            category = category_label(e.category)
            for c, value in enumerate((e.finess, name, category, e.town, e.finess_ej, state)):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)

    def _selected(self) -> list[RegisterEntry]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.results[r] for r in rows if r < len(self.results)]

    def _add(self, entries: Sequence[RegisterEntry], what: str) -> None:
        dossier = self.editor.session.dossier
        present = {e.finess for _, e in dossier.grappe.rows()}
        fresh = [e for e in entries if e.finess not in present and not e.closed]
        left = len(entries) - len(fresh)
        if not fresh:
            self.message.setText(self.tr("Nothing to add: already in the grappe or closed."))
            return
        asked: dict[str, str] = {}
        cancelled: list[bool] = []

        def name_for(finess_ej: str) -> str:
            """The register rarely names the legal entity: the user does, nothing is invented.

            The first OG of an empty grappe is offered the porteur's name typed on the Porteur
            page, to confirm or replace: the first legal entity picked is often, not always, the
            porteur, and a wrong guess would print the porteur's name over another association.
            """
            if finess_ej in asked:
                return asked[finess_ej]
            known = self.register.og_name(finess_ej)
            if known != f"OG {finess_ej}":
                asked[finess_ej] = known
                return known
            porteur = dossier.porteur.name.strip()
            first = not dossier.grappe.organisations and not asked and porteur
            question = self.tr(
                "The FINESS register does not give the name of the legal entity %1. "
                "Name of this organisation (organisme gestionnaire):"
            ).replace("%1", finess_ej)
            if first:
                question += "\n" + self.tr(
                    "Keep “%1” if this legal entity is the porteur typed on the Porteur page."
                ).replace("%1", porteur)
            name, ok = QInputDialog.getText(
                self,
                self.tr("Name of the organisation"),
                question,
                text=porteur if first else "",
            )
            if not ok or not name.strip():
                cancelled.append(True)
                name = known
            asked[finess_ej] = name.strip() or known
            return asked[finess_ej]

        grappe, added, created = place_entries(
            dossier.grappe, fresh, self.og_combo.currentData(), name_for
        )
        if cancelled:
            self.message.setText(self.tr("Nothing added: the organisation has no name."))
            return
        self.editor.apply(with_grappe(dossier, grappe), what.replace("%1", str(len(added))))
        text = self.tr("%1 establishment(s) added.").replace("%1", str(len(added)))
        if created:
            text += " " + self.tr("New organisation(s): %1.").replace("%1", ", ".join(created))
        if left:
            text += " " + self.tr("%1 left out (already in the grappe or closed).").replace(
                "%1", str(left)
            )
        self.message.setText(text)

    def add_selection(self) -> None:
        self._add(self._selected(), self.tr("Add %1 establishment(s) from FINESS"))

    def add_legal_entity(self) -> None:
        selected = self._selected()
        if not selected or not selected[0].finess_ej:
            self.message.setText(
                self.tr("Select an establishment whose FINESS juridique is known.")
            )
            return
        self._add(
            self.register.establishments_of(selected[0].finess_ej),
            self.tr("Add a legal entity from FINESS (%1 establishment(s))"),
        )


def load_register_in_background(
    parent: QWidget,
    load: Callable[..., Any],
    path: Path,
    done: Callable[[Any], None],
) -> None:
    """Load a FINESS file as the offline register (progress, cancel), then call ``done``.

    ``load(path, progress, cancel)`` is the workspace's ``load_register``; a damaged file ends in
    its French message, and the register already loaded is kept.
    """
    from esms_desktop.ui.background import run_with_progress

    def failed(exc: Exception) -> None:
        QMessageBox.warning(
            parent, QCoreApplication.translate("FinessDialog", "FINESS register"), str(exc)
        )

    run_with_progress(
        parent,
        QCoreApplication.translate("FinessDialog", "Loading %1…").replace("%1", path.name),
        lambda progress, cancel: load(path, progress, cancel),
        done,
        failed,
    )

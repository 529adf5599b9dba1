"""Import a grappe from a file: choose it, preview what it brings and every problem, then add it.

Nothing changes in the dossier until the user clicks Finish; the import is then one undo step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from esms_desktop.domain.edits import merge_grappes, replace_grappe, with_grappe
from esms_desktop.domain.merge import porteur_clash
from esms_desktop.domain.porteur_link import PorteurChoice, PorteurClash
from esms_desktop.services.imports import ImportPreview, finess_register_format, preview_file
from esms_desktop.ui.background import run_with_progress
from esms_desktop.ui.file_dialogs import open_file
from esms_desktop.ui.models.establishments import category_label, project_label
from esms_desktop.ui.undo import Editor

Index = QModelIndex | QPersistentModelIndex


class FilePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr(
                "A grappe spreadsheet (.csv, .xlsx, .xls or .ods, the “modèle” format), an export "
                "of the FINESS website, the national FINESS extract, or the ANS FINESS JSON file."
            )
        )
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("File to import"))
        label = QLabel(self.tr("&File:"))
        label.setBuddy(self.path_edit)
        browse = QPushButton(self.tr("&Browse…"))
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        layout.addStretch(1)
        browse.clicked.connect(self._browse)
        self.path_edit.textChanged.connect(self.completeChanged)
        self.registerField("path*", self.path_edit)

    def _browse(self) -> None:
        path = open_file(
            self,
            self.tr("Import a file"),
            self.tr("Grappe or FINESS files (*.csv *.xlsx *.xls *.ods *.json *.gz);;All files (*)"),
            kind="imports",
        )
        if path is not None:
            self.path_edit.setText(str(path))

    def isComplete(self) -> bool:  # noqa: N802
        return Path(self.path_edit.text().strip()).is_file()

    def validatePage(self) -> bool:  # noqa: N802
        """A FINESS register file is offered as the register to pick from, not added whole."""
        path = Path(self.path_edit.text().strip())
        wizard = self.wizard()
        if isinstance(wizard, ImportWizard) and wizard.register_file is not None:
            return True  # closing after the choice below (done() validates the page again)
        if finess_register_format(path) is None:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("A FINESS register file"))
        box.setText(
            self.tr(
                "“%1” is a file of the FINESS register: it lists every establishment of a "
                "region or of France, and added whole it would make hundreds of organisations "
                "without a name.\n\nLoad it as the FINESS register of this computer, then "
                "search and tick the establishments of the grappe and choose their organisation?"
            ).replace("%1", path.name)
        )
        pick = box.addButton(
            self.tr("&Load it and choose the establishments"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(pick)
        box.exec()
        if box.clickedButton() is pick and isinstance(wizard, ImportWizard):
            wizard.register_file = path
            wizard.done(ImportWizard.LOAD_REGISTER)
        return False


class PreviewPage(QWizardPage):
    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.preview: ImportPreview | None = None
        self.setTitle(self.tr("Check what will be imported"))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Organisation"),
                self.tr("FINESS"),
                self.tr("Name"),
                self.tr("Category"),
                self.tr("Project"),
            ]
        )
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Establishments found in the file"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 2)
        self.errors_label = QLabel(self.tr("Problems found (row, column, problem):"))
        layout.addWidget(self.errors_label)
        self.errors = QListWidget()
        self.errors.setAccessibleName(self.tr("Problems found in the file"))
        self.errors.setWordWrap(True)
        layout.addWidget(self.errors, 1)
        self.skip_box = QCheckBox(self.tr("&Skip the rows in error and import the others"))
        layout.addWidget(self.skip_box)
        self.append_radio = QRadioButton(self.tr("&Add to the current grappe"))
        self.replace_radio = QRadioButton(self.tr("&Replace the current grappe"))
        self.append_radio.setChecked(True)
        options = QHBoxLayout()
        options.addWidget(self.append_radio)
        options.addWidget(self.replace_radio)
        options.addStretch(1)
        layout.addLayout(options)
        # Shown when the file's porteur is not the dossier's: the user says who carries it.
        self.porteur_box = QGroupBox(self.tr("Porteur"))
        porteur_layout = QVBoxLayout(self.porteur_box)
        self.porteur_label = QLabel()
        self.porteur_label.setWordWrap(True)
        self.porteur_label.setTextFormat(Qt.TextFormat.PlainText)
        self.incoming_porteur_radio = QRadioButton()
        self.current_porteur_radio = QRadioButton()
        self.incoming_porteur_radio.setChecked(True)
        for w in (self.porteur_label, self.incoming_porteur_radio, self.current_porteur_radio):
            porteur_layout.addWidget(w)
        self.porteur_box.setVisible(False)
        layout.addWidget(self.porteur_box)
        self.skip_box.toggled.connect(lambda _on: self._load())
        self.append_radio.toggled.connect(lambda _on: self._show_porteur_clash())

    def initializePage(self) -> None:  # noqa: N802
        self._load()

    def _load(self) -> None:
        path = Path(str(self.field("path")).strip())
        skip = self.skip_box.isChecked()
        self.preview = None
        self.summary.setText(self.tr("Reading %1…").replace("%1", path.name))
        self.completeChanged.emit()
        run_with_progress(
            self,
            self.tr("Reading %1…").replace("%1", path.name),
            lambda progress, cancel: preview_file(
                path, skip_bad_rows=skip, progress=progress, cancel=cancel
            ),
            self._show,
            self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.summary.setText(str(exc))
        self.model.removeRows(0, self.model.rowCount())
        self.errors.clear()
        self.errors.addItem(str(exc))

    def _show(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.model.removeRows(0, self.model.rowCount())
        self.errors.clear()
        if preview.grappe is not None:
            for og, est in preview.grappe.rows():
                self.model.appendRow(
                    [
                        QStandardItem(og.name),
                        QStandardItem(est.finess),
                        QStandardItem(est.name),
                        QStandardItem(category_label(est.category)),
                        QStandardItem(project_label(est.project)),
                    ]
                )
        for message in (*preview.errors, *preview.notices):
            self.errors.addItem(message)
        if preview.grappe is not None:
            text = (
                self.tr("%1 organisation(s), %2 establishment(s) ready to import.")
                .replace("%1", str(len(preview.grappe.organisations)))
                .replace("%2", str(preview.grappe.establishment_count))
            )
            if preview.errors:
                text += " " + self.tr("%1 row(s) in error are left out.").replace(
                    "%1", str(len(preview.errors))
                )
        else:
            text = self.tr(
                "Nothing can be imported as is: %1 problem(s). Fix the file, or "
                "tick “Skip the rows in error”."
            ).replace("%1", str(len(preview.errors)))
        self.summary.setText(text)
        self._show_porteur_clash()
        self.completeChanged.emit()

    def porteur_clash(self) -> PorteurClash | None:
        """The dossier's porteur and the file's, when adding the file needs the user's choice."""
        if self.preview is None or self.preview.grappe is None:
            return None
        if not self.append_radio.isChecked():
            return None
        return porteur_clash(self.editor.session.dossier.grappe, self.preview.grappe)

    def porteur_choice(self) -> PorteurChoice:
        if self.current_porteur_radio.isChecked():
            return PorteurChoice.CURRENT
        return PorteurChoice.INCOMING

    def _show_porteur_clash(self) -> None:
        clash = self.porteur_clash()
        self.porteur_box.setVisible(clash is not None)
        if clash is None:
            return
        theirs, ours = clash.incoming.name, clash.current.name
        self.porteur_label.setText(
            self.tr(
                "The file names “%1” as porteur, but the dossier's porteur is “%2” "
                "(%3 establishment(s)). Which organisation carries the candidature? "
                "The other one becomes a member."
            )
            .replace("%1", theirs)
            .replace("%2", ours)
            .replace("%3", str(len(clash.current.establishments)))
        )
        self.incoming_porteur_radio.setText(
            self.tr("“%1”, the porteur named in the file").replace("%1", theirs)
        )
        self.current_porteur_radio.setText(
            self.tr("“%1”, the dossier's porteur until now").replace("%1", ours)
        )

    def isComplete(self) -> bool:  # noqa: N802
        return self.preview is not None and self.preview.grappe is not None


class ImportWizard(QWizard):
    LOAD_REGISTER = 2
    """``exec()`` result when the user chose to load a FINESS file as the register."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.register_file: Path | None = None
        self.setWindowTitle(self.tr("Import establishments"))
        self.file_page = FilePage()
        self.preview_page = PreviewPage(editor)
        self.addPage(self.file_page)
        self.addPage(self.preview_page)
        self.resize(900, 620)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)

    def accept(self) -> None:
        preview = self.preview_page.preview
        if preview is not None and preview.grappe is not None:
            dossier = self.editor.session.dossier
            if self.preview_page.replace_radio.isChecked():
                grappe = replace_grappe(dossier.grappe, preview.grappe)
            else:
                grappe = merge_grappes(
                    dossier.grappe, preview.grappe, self.preview_page.porteur_choice()
                )
            self.editor.apply(
                with_grappe(dossier, grappe),
                self.tr("Import %1 establishment(s)").replace(
                    "%1", str(preview.grappe.establishment_count)
                ),
            )
        super().accept()

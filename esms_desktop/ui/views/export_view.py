"""Step "Pièces et export": the annex checklist with attached files, and every export.

Exports run off the GUI thread with a progress dialog; the result can be opened in the default
viewer at once. « Imprimer… » and « Aperçu… » show the candidature dossier in the program's own
preview (:mod:`esms_desktop.ui.print_preview`), written first to a private temporary file when
the dossier changed since its last export.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.annex_copies import copies_folder, write_copy
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.errors import UserError
from esms_desktop.domain.file_names import can_open, safe_file_name
from esms_desktop.domain.requirements import needed_annexes
from esms_desktop.ui.background import run_with_progress
from esms_desktop.ui.file_dialogs import open_file, save_file
from esms_desktop.ui.undo import Editor
from esms_desktop.ui.widgets import button_row

Index = QModelIndex | QPersistentModelIndex


class Files(Protocol):
    def attach(self, dossier_id: int, annex_key: str, source: Path) -> str: ...
    def detach(self, dossier_id: int, annex_key: str) -> None: ...
    def annex_file(self, dossier_id: int, annex_key: str) -> tuple[str, bytes]: ...
    def export_esms(self, dossier_id: int, path: Path) -> Path: ...
    def export_organisation(self, dossier_id: int, og_index: int, path: Path) -> Path: ...


class AnnexesModel(QAbstractTableModel):
    """The checklist; "provided" can be ticked by hand (paper documents) or by attaching."""

    def __init__(self, editor: Editor) -> None:
        super().__init__()
        self.editor = editor
        self._count = len(editor.session.dossier.annexes)
        editor.session.subscribe(self._changed)

    def _changed(self, dossier: Dossier) -> None:
        self.beginResetModel()
        self._count = len(dossier.annexes)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._count

    def _needed(self) -> dict[str, str]:
        try:
            budget = self.editor.session.budget
        except UserError:  # its campaign is absent: nothing is judged
            return {}
        return needed_annexes(self.editor.session.dossier, budget)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("Document"), self.tr("Required"), self.tr("Attached file"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._count:
            return None
        annex = self.editor.session.dossier.annexes[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return annex.label
            if col == 1:
                if annex.required:
                    return self.tr("required")
                why = self._needed().get(annex.key)
                # Needed by this grappe (a home service under 100 %, acquisitions): the domain
                # says why, and completeness counts it.
                return (
                    self.tr("required: %1").replace("%1", why) if why else self.tr("if applicable")
                )
            # Shown as data: made safe (no control or bidi character) and, in a table cell,
            # drawn as plain text by the default delegate (never read as rich text).
            return safe_file_name(annex.file_name) if annex.file_name else ""
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Checked if annex.provided else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        dossier = self.editor.session.dossier
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        annexes = list(dossier.annexes)
        annexes[index.row()] = replace(annexes[index.row()], provided=checked)
        self.editor.apply(
            replace(dossier, annexes=tuple(annexes)),
            self.tr("Tick “%1”").replace("%1", annexes[index.row()].label),
        )
        return True


_SHOWN_MISSING = 15  # a longer list would not fit a message box at 1366×768


class ExportView(QWidget):
    def __init__(
        self, editor: Editor, files: Files | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.files = files
        self.model = AnnexesModel(editor)
        self.last_export: Path | None = None
        self._printable: tuple[Dossier, Path] | None = None  # the dossier a PDF was written of
        self.preview: Any = None  # the print preview last opened (PrintPreviewDialog)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Annexes and export</h2>")))

        annex_box = QGroupBox(self.tr("Annex checklist"))
        al = QVBoxLayout(annex_box)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Annex checklist"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setColumnWidth(0, 560)
        self.table.setColumnWidth(1, 110)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        al.addWidget(self.table)
        bar = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("&Attach a file…"))
        self.detach_button = QPushButton(self.tr("Remove the file"))
        self.open_annex_button = QPushButton(self.tr("Open the file"))
        for b in (self.attach_button, self.detach_button, self.open_annex_button):
            bar.addWidget(b)
            b.setEnabled(files is not None)
        bar.addStretch(1)
        al.addLayout(bar)
        layout.addWidget(annex_box, 1)

        export_box = QGroupBox(self.tr("Exports"))
        box_layout = QVBoxLayout(export_box)
        self.pdf_button = QPushButton(self.tr("Candidature dossier (&PDF)…"))
        self.form_button = QPushButton(self.tr("Blank partner &form (PDF)…"))
        self.letter_button = QPushButton(self.tr("&Letter of commitment (PDF)…"))
        self.convention_button = QPushButton(self.tr("&Grappe agreement (PDF)…"))
        self.esms_button = QPushButton(self.tr("Whole dossier (.&esms)…"))
        self.og_button = QPushButton(self.tr("One organisation's part (.esms)…"))
        self.csv_button = QPushButton(self.tr("Grappe as a spreadsheet (&CSV)…"))
        self.filing_button = QPushButton(self.tr("Table for the online filing (&XLSX)…"))
        self.filing_button.setToolTip(
            self.tr(
                "One row per ESSMS with its amount, as the online aid request (GALIS, « PAI "
                "numérique ») asks for it, and a summary sheet to copy field by field."
            )
        )
        self.open_button = QPushButton(self.tr("&Open the last export"))
        self.print_button = QPushButton(self.tr("Pr&int…"))
        self.print_button.setToolTip(
            self.tr("Preview the candidature dossier and print it (Ctrl+P).")
        )
        self.preview_button = QPushButton(self.tr("Previe&w…"))
        buttons = (
            self.pdf_button,
            self.letter_button,
            self.convention_button,
            self.form_button,
            self.esms_button,
            self.og_button,
            self.csv_button,
            self.filing_button,
            self.open_button,
            self.print_button,
            self.preview_button,
        )
        # A flowing row rather than a 3-column grid: at 150 % the grid alone was 736 px wide.
        box_layout.addWidget(button_row(buttons))
        self.esms_button.setEnabled(files is not None)
        self.og_button.setEnabled(files is not None)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box_layout.addWidget(self.status)
        layout.addWidget(export_box)

        self.attach_button.clicked.connect(self.attach)
        self.detach_button.clicked.connect(self.detach)
        self.open_annex_button.clicked.connect(self.open_annex)
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.form_button.clicked.connect(lambda: self.export_form())
        self.letter_button.clicked.connect(lambda: self.export_letter())
        self.convention_button.clicked.connect(lambda: self.export_convention())
        self.esms_button.clicked.connect(self.export_esms)
        self.og_button.clicked.connect(self.export_og)
        self.csv_button.clicked.connect(self.export_csv)
        self.filing_button.clicked.connect(lambda: self.export_filing())
        self.open_button.clicked.connect(self.open_last)
        self.print_button.clicked.connect(self.print_dossier)
        self.preview_button.clicked.connect(self.preview_dossier)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.editor.session.subscribe(lambda _d: self._update_buttons())
        self._update_buttons()

    # --- helpers --------------------------------------------------------------------------

    def _dossier_id(self) -> int | None:
        return self.editor.session.dossier.id

    def _selected_annex(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _ask_path(self, title: str, suggested: str, pattern: str) -> Path | None:
        return save_file(self, title, suggested, pattern, kind="exports")

    def _done(self, path: Path, text: str) -> None:
        self.last_export = path
        self.status.setText(text)
        self._update_buttons()

    def _pdf_done(self, dossier: Dossier, path: Path, text: str) -> None:
        """The candidature PDF was written: it is also what « Imprimer » prints while the
        dossier stays as it was."""
        self._printable = (dossier, path)
        self._done(path, text)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(str(exc))
        QMessageBox.warning(self, self.tr("Export failed"), str(exc))

    def _update_buttons(self) -> None:
        row = self._selected_annex()
        annexes = self.editor.session.dossier.annexes
        has_file = row is not None and row < len(annexes) and bool(annexes[row].file_name)
        self.detach_button.setEnabled(has_file)  # nothing to remove or open without a file
        self.open_annex_button.setEnabled(has_file)
        self.open_button.setEnabled(self.last_export is not None)

    def _safe_name(self) -> str:
        name = self.editor.session.dossier.name or "dossier"
        return "".join(c if c.isalnum() or c in " -_" else "_" for c in name).strip() or "dossier"

    # --- exports --------------------------------------------------------------------------

    def _confirm_draft(self) -> bool:
        """For an incomplete dossier, list what is missing and ask before writing a draft."""
        from esms_desktop.services.grappe_dossier import dossier_missing

        missing = dossier_missing(self.editor.session.dossier, self.editor.session.budget)
        if not missing:
            return True
        shown = [f"• {m.message}" for m in missing[:_SHOWN_MISSING]]
        if len(missing) > _SHOWN_MISSING:
            shown.append(
                self.tr("… and %1 more (see the side bar)").replace(
                    "%1", str(len(missing) - _SHOWN_MISSING)
                )
            )
        text = (
            self.tr("The dossier is incomplete: %1 item(s) are missing.").replace(
                "%1", str(len(missing))
            )
            + "\n\n"
            + "\n".join(shown)
            + "\n\n"
            + self.tr("Export a draft anyway? Its pages will be marked “DRAFT”.")
        )
        answer = QMessageBox.question(
            self,
            self.tr("Incomplete dossier"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def export_pdf(self, path: Path | None = None) -> None:
        """Write the candidature PDF; asked interactively (no ``path``), an incomplete dossier
        first lists what is missing and asks whether to export a draft."""
        if path is None and not self._confirm_draft():
            return
        path = path or self._ask_path(
            self.tr("Export the candidature dossier"),
            f"{self._safe_name()}.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if path is None:
            return
        from esms_desktop.services.export import export_candidature_pdf  # ReportLab on demand

        dossier = self.editor.session.dossier
        run_with_progress(
            self,
            self.tr("Writing the PDF…"),
            lambda _p, _c: export_candidature_pdf(dossier, path),
            lambda r: self._pdf_done(
                dossier,
                r.path,
                self.tr("PDF written: %1 (%2 pages).")
                .replace("%1", str(r.path))
                .replace("%2", str(r.pages)),
            ),
            self._failed,
        )

    def export_letter(self, path: Path | None = None) -> None:
        """Write the porteur's lettre d'engagement (same data as the dossier PDF)."""
        from esms_desktop.services.export import export_letter_pdf  # ReportLab on demand

        self._export_piece(
            path,
            self.tr("Export the letter of commitment"),
            "lettre d'engagement",
            export_letter_pdf,
            self.tr("Letter written: %1."),
        )

    def export_convention(self, path: Path | None = None) -> None:
        """Write the prefilled convention de grappe (same data as the dossier PDF)."""
        from esms_desktop.services.export import export_convention_pdf  # ReportLab on demand

        self._export_piece(
            path,
            self.tr("Export the grappe agreement"),
            "convention de grappe",
            export_convention_pdf,
            self.tr("Agreement written: %1."),
        )

    def _export_piece(
        self,
        path: Path | None,
        title: str,
        piece: str,
        export: Callable[[Dossier, Path], Any],
        done: str,
    ) -> None:
        """One of the signed pieces written from the dossier, after asking where."""
        path = path or self._ask_path(
            title, f"{self._safe_name()} - {piece}.pdf", self.tr("PDF (*.pdf)")
        )
        if path is None:
            return
        dossier = self.editor.session.dossier
        target = path
        run_with_progress(
            self,
            self.tr("Writing the PDF…"),
            lambda _p, _c: export(dossier, target),
            lambda r: self._done(r.path, self._piece_text(done, r)),
            self._failed,
        )

    def export_filing(self, path: Path | None = None) -> None:
        """Write the table the online filing asks for (.xlsx, or .csv if the user says so)."""
        path = path or self._ask_path(
            self.tr("Export the table for the online filing"),
            f"{self._safe_name()} - tableau pour le dépôt en ligne.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if path is None:
            return
        from esms_desktop.services.filing import describe, export_filing_table

        dossier = self.editor.session.dossier
        budget = self.editor.session.budget
        run_with_progress(
            self,
            self.tr("Writing the table…"),
            lambda _p, _c: export_filing_table(dossier, path, budget),
            lambda r: self._done(r.path, describe(r)),
            self._failed,
        )

    def _piece_text(self, done: str, result: Any) -> str:
        text = done.replace("%1", str(result.path))
        if not result.final:
            text += " " + self.tr(
                "Some of its fields are still to complete: its pages are marked “DRAFT”."
            )
        return text

    def export_form(self, path: Path | None = None) -> None:
        path = path or self._ask_path(
            self.tr("Export the blank partner form"),
            "formulaire-partenaire.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if path is None:
            return
        from esms_desktop.services.export import export_partner_form  # ReportLab on demand

        campaign_id = self.editor.session.dossier.campaign_id
        run_with_progress(
            self,
            self.tr("Writing the PDF…"),
            lambda _p, _c: export_partner_form(path, campaign_id=campaign_id),
            lambda r: self._done(r.path, self.tr("Form written: %1.").replace("%1", str(r.path))),
            self._failed,
        )

    def export_esms(self) -> None:
        dossier_id = self._dossier_id()
        if self.files is None or dossier_id is None:
            return
        self.editor.session.retry_save()
        path = self._ask_path(
            self.tr("Export the dossier"),
            f"{self._safe_name()}.esms",
            self.tr("esms-desktop exchange file (*.esms)"),
        )
        if path is None:
            return
        files = self.files
        run_with_progress(
            self,
            self.tr("Writing the exchange file…"),
            lambda _p, _c: files.export_esms(dossier_id, path),
            lambda p: self._done(p, self.tr("Exchange file written: %1.").replace("%1", str(p))),
            self._failed,
        )

    def export_og(self) -> None:
        dossier_id = self._dossier_id()
        orgs = self.editor.session.dossier.grappe.organisations
        if self.files is None or dossier_id is None or not orgs:
            return
        names = [o.name for o in orgs]
        name, ok = QInputDialog.getItem(
            self, self.tr("One organisation's part"), self.tr("Organisation:"), names, 0, False
        )
        if not ok:
            return
        index = names.index(name)
        path = self._ask_path(
            self.tr("Export the organisation's part"),
            f"{name}.esms",
            self.tr("esms-desktop exchange file (*.esms)"),
        )
        if path is None:
            return
        files = self.files
        run_with_progress(
            self,
            self.tr("Writing the exchange file…"),
            lambda _p, _c: files.export_organisation(dossier_id, index, path),
            lambda p: self._done(p, self.tr("Exchange file written: %1.").replace("%1", str(p))),
            self._failed,
        )

    def export_csv(self) -> None:
        from esms_desktop.importers.grappe_template import write_grappe_csv

        path = self._ask_path(
            self.tr("Export the grappe"), f"{self._safe_name()}.csv", self.tr("CSV (*.csv)")
        )
        if path is None:
            return
        try:
            write_grappe_csv(self.editor.session.dossier.grappe, path)
        except (OSError, UserError) as exc:  # a bug is not the user's: crash reporter
            self._failed(exc)
            return
        self._done(path, self.tr("Spreadsheet written: %1.").replace("%1", str(path)))

    def open_last(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export)))

    # --- printing -------------------------------------------------------------------------

    def print_dossier(self) -> None:
        """« Imprimer… », Ctrl+P: the preview with the print dialog over it at once."""
        self._open_preview(print_now=True)

    def preview_dossier(self) -> None:
        """« Aperçu… »: the candidature dossier as it will print, to read before printing."""
        self._open_preview(print_now=False)

    def _open_preview(self, *, print_now: bool) -> None:
        """The preview shows at once (« preparing… ») and its pages when the PDF is ready."""
        from esms_desktop.ui.print_preview import show_preview

        preview = show_preview(
            self.window(), None, print_now=print_now, save_name=f"{self._safe_name()}.pdf"
        )
        assert preview is not None  # only a PDF that cannot be read gives none
        self.preview = preview
        self._with_printable_pdf(preview, preview.show_pdf)

    def _with_printable_pdf(self, preview: Any, then: Callable[[Path], object]) -> None:
        """Call ``then`` with a candidature PDF of the dossier as it is now: the last one
        exported when nothing changed since, else one written in the background to a private
        temporary folder (not the user's Documents: printing is not exporting). The writing
        belongs to ``preview`` (its progress dialog); on failure the preview goes."""
        dossier = self.editor.session.dossier
        if self._printable is not None:
            printed_dossier, path = self._printable
            if printed_dossier == dossier and path.is_file():
                then(path)
                return
        try:
            folder = Path(tempfile.mkdtemp(prefix="impression-", dir=copies_folder()))
        except OSError as exc:
            preview.abandon()
            self._failed(
                UserError(
                    self.tr("No temporary folder to prepare the printing in: %1").replace(
                        "%1", exc.strerror or str(exc)
                    )
                )
            )
            return
        target = folder / f"{self._safe_name()}.pdf"
        from esms_desktop.services.export import export_candidature_pdf  # ReportLab on demand

        def done(result: Any) -> None:
            self._printable = (dossier, result.path)
            if shiboken6.isValid(self.status):  # the dossier may have been closed meanwhile
                self.status.setText(
                    self.tr("Dossier ready to print (%1 pages).").replace("%1", str(result.pages))
                )
            then(result.path)

        def failed(exc: UserError) -> None:
            preview.abandon()
            self._failed(exc)

        run_with_progress(
            preview,
            self.tr("Preparing the dossier for printing…"),
            lambda _p, _c: export_candidature_pdf(dossier, target),
            done,
            failed,
        )

    # --- annex files ----------------------------------------------------------------------

    def attach(self) -> None:
        row = self._selected_annex()
        dossier_id = self._dossier_id()
        if row is None or self.files is None or dossier_id is None:
            QMessageBox.information(
                self, self.tr("Attach a file"), self.tr("Select a document of the checklist first.")
            )
            return
        path = open_file(self, self.tr("Attach a file"), self.tr("All files (*)"), kind="annexes")
        if path is None:
            return
        self.attach_path(row, path)

    def attach_path(self, row: int, path: Path) -> None:
        dossier = self.editor.session.dossier
        assert self.files is not None and dossier.id is not None
        self.editor.session.retry_save()
        try:
            name = self.files.attach(dossier.id, dossier.annexes[row].key, path)
        except (OSError, UserError) as exc:  # a bug is not the user's: crash reporter
            self._failed(exc)
            return
        name = safe_file_name(name)  # the store keeps it so already; the dossier must agree
        annexes = list(dossier.annexes)
        annexes[row] = replace(annexes[row], provided=True, file_name=name)
        self.editor.apply(
            replace(dossier, annexes=tuple(annexes)), self.tr("Attach %1").replace("%1", name)
        )

    def detach(self) -> None:
        row = self._selected_annex()
        dossier = self.editor.session.dossier
        if row is None or self.files is None or dossier.id is None:
            return
        try:
            self.files.detach(dossier.id, dossier.annexes[row].key)
        except (OSError, UserError) as exc:  # a bug is not the user's: crash reporter
            self._failed(exc)
            return
        annexes = list(dossier.annexes)
        annexes[row] = replace(annexes[row], provided=False, file_name="")
        self.editor.apply(replace(dossier, annexes=tuple(annexes)), self.tr("Remove the file"))

    def open_annex(self) -> None:
        """Hand a copy of the annex to the system's viewer, or show its folder.

        The stored name is data from whoever made the file: the copy is written under a safe
        name in a private folder of ours (:mod:`esms_desktop.annex_copies`), and only a document
        type is handed to the default program; anything else (``RIB.pdf .exe``, a macro
        workbook) could run, so its folder is shown with a word on why.
        """
        row = self._selected_annex()
        dossier = self.editor.session.dossier
        if row is None or self.files is None or dossier.id is None:
            return
        annex = dossier.annexes[row]
        if not annex.file_name:
            return
        try:
            name, data = self.files.annex_file(dossier.id, annex.key)
            copy = write_copy(name, data)
        except (OSError, UserError) as exc:  # a bug is not the user's: crash reporter
            self._failed(exc)
            return
        if can_open(copy.name):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy.parent)))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Open the file"),
            self.tr(
                "“%1” is not opened directly: a file of this type could run a program. Its "
                "folder is shown instead; open it from there only if you trust where it comes "
                "from."
            ).replace("%1", copy.name),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a name is data, never markup
        box.exec()

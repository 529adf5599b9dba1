"""Preview and print a PDF inside the program: QPdfView to read it, QPrinter to print it.

« Imprimer » once handed the PDF to the system's viewer (``os.startfile(pdf, "print")``); Edge,
the PDF viewer of Windows 10/11, has no print verb, so nothing happened. Printing is now ours:
each page is rendered by QtPdf (PDFium) at the printer's resolution, capped at
:data:`MAX_PRINT_DPI` so that a hundred A4 pages do not take gigabytes, and drawn centred in the
printable area with its proportions kept (a landscape table on portrait paper is turned). When
the PDF cannot be read or the printer refuses, the user is told why and the PDF opens in the
system's viewer, to print from there: the dossier is never stuck on screen.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QImage,
    QKeySequence,
    QPainter,
    QResizeEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain.errors import UserError
from esms_desktop.ui.file_dialogs import save_file

MAX_PRINT_DPI = 300
"""Pages are rendered at the printer's resolution up to this: 300 dpi is what laser printers
print text at; an A4 page is then a 35 MB image, drawn and freed one page at a time."""

_ZOOM_STEP = 1.25
_ZOOM_MIN, _ZOOM_MAX = 0.25, 4.0

Progress = Callable[[int, int], bool]
"""``progress(done, total)`` before each page; returns False to stop (the user cancelled)."""


def _t(text: str) -> str:
    return QCoreApplication.translate("PrintPreview", text)


class PrintError(UserError):
    """Printing could not start or stopped; the message says why, for the user."""


def load_document(path: Path) -> QPdfDocument:
    """The PDF at ``path``, read (owned by Python); :class:`PrintError` when QtPdf cannot."""
    document = QPdfDocument()
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_ or document.pageCount() < 1:
        reasons = {
            QPdfDocument.Error.FileNotFound: _t("the file does not exist (any more)"),
            QPdfDocument.Error.InvalidFileFormat: _t("the file is not a readable PDF"),
            QPdfDocument.Error.IncorrectPassword: _t("the PDF is protected by a password"),
            QPdfDocument.Error.UnsupportedSecurityScheme: _t("the PDF is protected"),
        }
        reason = reasons.get(error, _t("the PDF could not be read"))
        raise PrintError(
            _t("“%1” cannot be shown: %2.").replace("%1", path.name).replace("%2", reason)
        )
    return document


def pages_to_print(printer: QPrinter, page_count: int, current_page: int = 0) -> list[int]:
    """The 0-based pages the print dialog asked for, in print order, copies included when the
    printer does not make them itself."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.PageRange and not printer.pageRanges().isEmpty():
        ranges = printer.pageRanges()
        pages = [p for p in range(page_count) if ranges.contains(p + 1)]
    elif mode == QPrinter.PrintRange.CurrentPage:
        pages = [min(max(current_page, 0), page_count - 1)]
    else:
        pages = list(range(page_count))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if copies > 1:
        if printer.collateCopies():
            pages = pages * copies
        else:
            pages = [p for p in pages for _ in range(copies)]
    return pages


def _page_image(document: QPdfDocument, page: int, size: QSize, grey: bool) -> QImage:
    """One page rendered at ``size`` pixels on white (QtPdf renders on transparent)."""
    rendered = document.render(page, size)
    if rendered.isNull():
        raise PrintError(
            _t("Page %1 could not be prepared for the printer (not enough memory?).").replace(
                "%1", str(page + 1)
            )
        )
    flat = QImage(rendered.size(), QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return flat.convertToFormat(QImage.Format.Format_Grayscale8) if grey else flat


def _draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """Draw ``page`` as large as the printable area allows, centred, turned when it fits better."""
    area = printer.pageRect(QPrinter.Unit.DevicePixel)
    width, height = area.width(), area.height()
    points = document.pagePointSize(page)
    if points.width() <= 0 or points.height() <= 0 or width <= 0 or height <= 0:
        return
    straight = min(width / points.width(), height / points.height())
    turned = min(width / points.height(), height / points.width())
    rotate = turned > straight * 1.05  # a landscape table on portrait paper, or the reverse
    scale = turned if rotate else straight  # device pixels per PDF point
    drawn_w, drawn_h = points.width() * scale, points.height() * scale
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    pixels = dpi / printer.resolution()  # image pixels per device pixel
    size = QSize(max(1, round(drawn_w * pixels)), max(1, round(drawn_h * pixels)))
    grey = printer.colorMode() == QPrinter.ColorMode.GrayScale
    image = _page_image(document, page, size, grey)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.translate(width / 2, height / 2)  # painter origin: top left of the printable area
    if rotate:
        painter.rotate(-90)  # the top of the page on the left edge, as drivers turn landscape
    painter.drawImage(QRectF(-drawn_w / 2, -drawn_h / 2, drawn_w, drawn_h), image)
    painter.restore()


def print_pdf(
    source: QPdfDocument | Path | str,
    printer: QPrinter,
    progress: Progress | None = None,
    current_page: int = 0,
) -> int:
    """Print ``source`` (a loaded document or a PDF file) on ``printer``; the pages drawn.

    The pages are those of the printer's print range (set by the print dialog). ``progress``
    is called before each page and may stop the job (the printer's job is then cancelled, as
    far as the printer allows). Raises :class:`PrintError` when the PDF cannot be read, the
    printer cannot be opened or a page cannot be sent.
    """
    document = source if isinstance(source, QPdfDocument) else load_document(Path(source))
    pages = pages_to_print(printer, document.pageCount(), current_page)
    if not pages:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(
            _t(
                "The printer “%1” could not be opened (switched off, disconnected or busy?)."
            ).replace("%1", printer.printerName() or printer.outputFileName())
        )
    printed = 0
    try:
        for done, page in enumerate(pages):
            if progress is not None and not progress(done, len(pages)):
                printer.abort()
                break
            if done and not printer.newPage():
                raise PrintError(
                    _t("The printer stopped after %1 page(s).").replace("%1", str(done))
                )
            _draw_page(painter, printer, document, page)
            printed += 1
    finally:
        painter.end()
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintError(_t("The printer reported an error: the pages may not be printed."))
    return printed


def open_in_viewer(parent: QWidget | None, path: Path, reason: str) -> None:
    """The fallback: say what went wrong, then open the PDF in the system's viewer."""
    QMessageBox.warning(
        parent,
        _t("Printing"),
        _t("%1\n\nThe PDF opens in your usual viewer instead: print it from there.").replace(
            "%1", reason
        ),
    )
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class PrintPreviewDialog(QDialog):
    """The dossier as it will print, page after page, with « Imprimer… » and « Enregistrer
    sous… »; window-modal over the main window."""

    def __init__(
        self, parent: QWidget | None = None, *, save_name: str = "", print_now: bool = False
    ) -> None:
        super().__init__(parent)
        # Held by Python, not a child: a child would be deleted before the view, whose page
        # navigator then signals into a half-destroyed dialog.
        self.document: QPdfDocument | None = None
        self.path: Path | None = None
        self.save_name = save_name
        self.print_now = print_now
        self.printer: QPrinter | None = None
        self.pages_printed: int | None = None
        """Pages sent by the last print (``None``: not printed); read by the tests too."""
        self.setWindowTitle(self.tr("Print preview"))

        self.view = QPdfView(self)
        self.view.setAccessibleName(self.tr("Pages of the PDF"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.navigator = self.view.pageNavigator()

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.previous_action = self._action(
            self.tr("Previous page"),
            self.previous_page,
            [QKeySequence.StandardKey.MoveToPreviousPage],
        )
        self.next_action = self._action(
            self.tr("Next page"), self.next_page, [QKeySequence.StandardKey.MoveToNextPage]
        )
        self.page_label = QLabel()
        self.page_label.setAccessibleName(self.tr("Page shown"))
        self.zoom_out_action = self._action(
            self.tr("Zoom out"), self.zoom_out, [QKeySequence.StandardKey.ZoomOut]
        )
        self.zoom_in_action = self._action(
            self.tr("Zoom in"),
            self.zoom_in,
            [QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")],  # = is + unshifted
        )
        self.fit_action = self._action(
            self.tr("Fit width"), self.fit_width, [QKeySequence("Ctrl+0")]
        )
        for action in (self.previous_action, self.next_action):
            self.toolbar.addAction(action)
        self.toolbar.addWidget(self.page_label)
        self.toolbar.addSeparator()
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_action):
            self.toolbar.addAction(action)

        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("&Print…"))
        self.save_button = QPushButton(self.tr("&Save as…"))
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.save_button, self.close_button):
            button.setAutoDefault(False)  # Enter prints, whichever button has the focus
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button.clicked.connect(self.save_as)
        buttons.rejected.connect(self.reject)
        # Ctrl+P again in the preview prints, as in every viewer.
        self._action(self.tr("Print"), self.print_document, [QKeySequence.StandardKey.Print])

        # Until the PDF is written (in the background), a word instead of the pages.
        self.waiting = QLabel(self.tr("Preparing the dossier for printing…"))
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.waiting)
        self.pages.addWidget(self.view)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)
        self.print_button.setDefault(True)  # once in the dialog: QDialog keeps it default
        self.navigator.currentPageChanged.connect(lambda _page: self._update_page())
        self.view.zoomFactorChanged.connect(lambda _zoom: self._update_page())
        self._set_ready(False)
        self._fit_to_screen(parent)

    def _set_ready(self, ready: bool) -> None:
        for control in (self.toolbar, self.print_button, self.save_button):
            control.setEnabled(ready)
        for action in self.actions():
            action.setEnabled(ready)
        self.pages.setCurrentWidget(self.view if ready else self.waiting)
        self._update_page()

    def show_pdf(self, path: Path) -> bool:
        """Show the pages of ``path`` (and print them at once if asked); False when it cannot
        be read (the user was told, the system's viewer opened it) or the preview was closed
        while the PDF was being written."""
        if not self.isVisible():  # closed while waiting: nothing to show it in
            self.deleteLater()
            return False
        try:
            document = load_document(path)
        except PrintError as exc:
            self.abandon()
            open_in_viewer(self.parentWidget(), path, exc.message)
            return False
        self.document, self.path = document, path
        self.save_name = self.save_name or path.name
        title = document.metaData(QPdfDocument.MetaDataField.Title)
        self.setWindowTitle(self.tr("Print preview — %1").replace("%1", str(title or path.name)))
        self.view.setDocument(document)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # nothing pending any more
        self._set_ready(True)
        self.view.setFocus()
        if self.print_now:
            self.print_now = False
            QTimer.singleShot(0, self, lambda: self.print_document(close_after=True))
        return True

    def abandon(self) -> None:
        """Close for good (the PDF could not be written or read)."""
        self.close()
        self.deleteLater()

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        keys: list[QKeySequence | QKeySequence.StandardKey],
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # the shortcut works wherever the focus is in the dialog
        return action

    def _fit_to_screen(self, parent: QWidget | None) -> None:
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        available = screen.availableGeometry()
        self.resize(min(960, int(available.width() * 0.9)), int(available.height() * 0.9))

    # --- reading ---------------------------------------------------------------------------

    def current_page(self) -> int:
        return self.navigator.currentPage()

    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

    def _update_page(self) -> None:
        count = self.page_count()
        if not count:
            self.page_label.setText("")
            return
        page = self.current_page()
        zoom = round(self.effective_zoom() * 100)
        self.page_label.setText(
            "  "
            + self.tr("Page %1 / %2").replace("%1", str(page + 1)).replace("%2", str(count))
            + "  ·  "
            + self.tr("%1 %").replace("%1", str(zoom))
            + "  "
        )
        self.previous_action.setEnabled(page > 0)
        self.next_action.setEnabled(page < count - 1)

    def go_to(self, page: int) -> None:
        page = min(max(page, 0), self.page_count() - 1)
        self.navigator.jump(page, QPointF(), self.navigator.currentZoom())

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def effective_zoom(self) -> float:
        """The zoom of the page shown (1 = its printed size); in « fit width » the view keeps
        1.0 as its factor and scales each page to the width itself."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.document is None:
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        points = self.document.pagePointSize(self.current_page()).width()
        at_one = points * self.view.logicalDpiX() / 72  # QPdfView's size of a page at 1.0
        return width / at_one if at_one > 0 and width > 0 else 1.0

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._update_page()  # « fit width » changes the zoom shown

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(factor, _ZOOM_MIN), _ZOOM_MAX))

    def zoom_in(self) -> None:
        self._set_zoom(self.effective_zoom() * _ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.effective_zoom() / _ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_page()

    # --- printing --------------------------------------------------------------------------

    def _ask_printer(self) -> QPrinter | None:
        """The print dialog (printer, pages, copies); the printer chosen, or ``None``."""
        if self.printer is None:  # kept for the next print: the user's choices stay
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            # The job's name in the print queue (and the file of « print to PDF »).
            document = self.document
            title = document.metaData(QPdfDocument.MetaDataField.Title) if document else ""
            self.printer.setDocName(str(title or Path(self.save_name).stem or "esms-desktop"))
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle(self.tr("Print the dossier"))
        dialog.setMinMax(1, self.page_count())
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        printer = dialog.printer()
        dialog.deleteLater()
        return printer if accepted else None

    def print_document(self, close_after: bool = False) -> int | None:
        """Ask the print dialog, then print with a progress dialog; pages printed (``None``:
        not printed). On failure the PDF opens in the system's viewer with a message."""
        if self.document is None or self.path is None:
            return None
        printer = self._ask_printer()
        if printer is None:
            return None
        count = self.page_count()
        progress = QProgressDialog(self.tr("Printing…"), self.tr("Cancel"), 0, count, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)

        def step(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setLabelText(
                self.tr("Printing page %1 of %2…")
                .replace("%1", str(done + 1))
                .replace("%2", str(total))
            )
            progress.setValue(done)  # window-modal: processes events, so Cancel is heard
            return not progress.wasCanceled()

        try:
            printed = print_pdf(self.document, printer, step, self.current_page())
        except PrintError as exc:
            reason = exc.message
        except Exception:
            # A bug goes to the crash reporter as a bug; the viewer opens all the same, so the
            # dossier can still be printed from there.
            progress.close()
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
            raise
        else:
            reason = ""
        cancelled = progress.wasCanceled()
        progress.close()
        progress.deleteLater()
        if reason:
            open_in_viewer(self, self.path, reason)
            return None
        self.pages_printed = printed
        if close_after and not cancelled:
            self.accept()
        return printed

    def save_as(self) -> None:
        """A copy of the PDF where the user says (the previewed file is a temporary one)."""
        if self.path is None:
            return
        target = save_file(self, self.tr("Save the PDF"), self.save_name, self.tr("PDF (*.pdf)"))
        if target is None:
            return
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Save the PDF"),
                self.tr("The PDF could not be written to “%1”: %2.")
                .replace("%1", str(target))
                .replace("%2", exc.strerror or str(exc)),
            )


def show_preview(
    parent: QWidget, path: Path | None, *, print_now: bool = False, save_name: str = ""
) -> PrintPreviewDialog | None:
    """Open the preview (window-modal) of ``path``, or of the PDF given later to
    :meth:`PrintPreviewDialog.show_pdf` when ``path`` is ``None``; with ``print_now`` the print
    dialog comes up over the pages at once (Ctrl+P) and the preview closes after printing.
    ``None`` when ``path`` could not be read: the user was told, the system's viewer opened it."""
    dialog = PrintPreviewDialog(parent, save_name=save_name, print_now=print_now)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    if path is not None and not dialog.show_pdf(path):
        return None
    return dialog

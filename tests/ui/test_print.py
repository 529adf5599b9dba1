"""Printing the dossier from the real window: Ctrl+P, the preview, the print dialog, a printer.

The print dialog is answered as a person choosing a printer would (here: Qt's PDF printer, whose
output a test can read back with pypdf); the system's viewer is stubbed. A Qt warning or an
exception in a slot fails the test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pypdf
import pytest
import shiboken6
from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QAction, QKeySequence, QPageRanges, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

from esms_desktop.domain.completeness import Step
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.print_preview import (
    MAX_PRINT_DPI,
    PrintPreviewDialog,
    pages_to_print,
    print_pdf,
    show_preview,
)
from tests.ui.driving import EXAMPLE_CSV, real_window, stub_desktop

TEST_DPI = 100  # a PDF printer's 1200 dpi would only slow the test down


@dataclass
class PrintAnswers:
    """Answers QPrintDialog as a person picking « Microsoft Print to PDF » would: a PDF file."""

    out_dir: Path
    page_ranges: tuple[int, int] | None = None
    accept: bool = True
    printers: list[QPrinter] = field(default_factory=list)

    def output(self, n: int = 1) -> Path:
        return self.out_dir / f"imprime-{n}.pdf"

    def exec(self, dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        self.printers.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.output(len(self.printers))))
        printer.setResolution(TEST_DPI)
        if self.page_ranges is not None:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*self.page_ranges)
        else:
            printer.setPrintRange(QPrinter.PrintRange.AllPages)
        return int(QDialog.DialogCode.Accepted if self.accept else QDialog.DialogCode.Rejected)


@pytest.fixture
def print_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PrintAnswers:
    answers = PrintAnswers(tmp_path)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: answers.exec(dialog))
    return answers


def open_example(window: MainWindow) -> None:
    window.open_dossier(window.workspace.create("Exemple", "amorcage-2021-t2", EXAMPLE_CSV))
    assert window.dossier_view is not None


def export_view(window: MainWindow):
    assert window.dossier_view is not None
    return window.dossier_view.views[Step.EXPORT]


def page_count(path: Path) -> int:
    return len(pypdf.PdfReader(path).pages)


def wait_closed(qtbot, dialog: QDialog) -> None:
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=20_000)


# --- from the window ----------------------------------------------------------------------------


def test_ctrl_p_prints_every_page_of_the_dossier(
    qtbot, tmp_path: Path, print_answers: PrintAnswers
) -> None:
    with real_window(qtbot, tmp_path) as (window, _workspace):
        open_example(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        view = export_view(window)
        assert window.dossier_view.current_step() == Step.EXPORT
        qtbot.waitUntil(lambda: print_answers.printers != [], timeout=30_000)
        preview = view.preview
        assert isinstance(preview, PrintPreviewDialog)
        wait_closed(qtbot, preview)  # printed: the preview closes, as after Ctrl+P in Edge
        candidature = view._printable[1]
        printed = print_answers.output()
        assert page_count(printed) == page_count(candidature) >= 10
        # written to a private temporary folder, not the user's Documents nor the last export
        assert "esms-annexe-" in str(candidature) and view.last_export is None
        assert f"({page_count(candidature)} " in view.status.text()


def test_the_print_button_prints_the_pages_asked_and_reuses_the_export(
    qtbot, tmp_path: Path, print_answers: PrintAnswers, monkeypatch: pytest.MonkeyPatch
) -> None:
    with real_window(qtbot, tmp_path) as (window, _workspace):
        open_example(window)
        window.dossier_view.show_step(Step.EXPORT)
        view = export_view(window)
        exported = tmp_path / "dossier.pdf"
        monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
        view.export_pdf(exported)
        qtbot.waitUntil(lambda: view.last_export == exported, timeout=30_000)
        print_answers.page_ranges = (2, 4)
        qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
        # the dossier did not change since its export: that PDF is the one previewed
        assert view.preview is not None and view.preview.path == exported
        preview = view.preview
        wait_closed(qtbot, preview)
        assert page_count(print_answers.output()) == 3


def test_cancelling_the_print_dialog_keeps_the_preview_open(
    qtbot, tmp_path: Path, print_answers: PrintAnswers
) -> None:
    print_answers.accept = False
    with real_window(qtbot, tmp_path) as (window, _workspace):
        open_example(window)
        window.print_action.trigger()
        view = export_view(window)
        qtbot.waitUntil(lambda: print_answers.printers != [], timeout=30_000)
        preview = view.preview
        assert preview.isVisible() and preview.pages_printed is None
        assert not print_answers.output().exists()
        preview.close()


def test_the_preview_reads_page_by_page_and_zooms_from_the_keyboard(
    qtbot, tmp_path: Path, print_answers: PrintAnswers, monkeypatch: pytest.MonkeyPatch
) -> None:
    with real_window(qtbot, tmp_path) as (window, _workspace):
        open_example(window)
        window.dossier_view.show_step(Step.EXPORT)
        view = export_view(window)
        qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
        preview = view.preview
        assert preview.isVisible()  # at once, saying the PDF is being prepared
        qtbot.waitUntil(lambda: preview.document is not None, timeout=30_000)
        qtbot.waitExposed(preview)
        count = preview.page_count()
        assert preview.print_button.isDefault()  # Enter prints
        assert print_answers.printers == []  # « Aperçu » does not print
        assert preview.page_label.text().split("·")[0].split() == ["Page", "1", "/", str(count)]
        qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
        qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
        assert preview.current_page() == 2
        assert f"Page 3 / {count}" in preview.page_label.text()
        qtbot.keyClick(preview.view, Qt.Key.Key_PageUp)
        assert preview.current_page() == 1
        fitted = preview.effective_zoom()
        assert f"{round(fitted * 100)} %" in preview.page_label.text()
        qtbot.keyClick(preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        assert preview.view.zoomFactor() > fitted
        qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        assert preview.view.zoomFactor() < fitted
        qtbot.keyClick(preview.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        assert preview.view.zoomMode() == preview.view.ZoomMode.FitToWidth
        # the current page only, from the preview's own button

        def current_only(dialog: QPrintDialog) -> int:
            result = print_answers.exec(dialog)
            dialog.printer().setPrintRange(QPrinter.PrintRange.CurrentPage)
            return result

        monkeypatch.setattr(QPrintDialog, "exec", current_only)
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
        assert preview.pages_printed == 1 and preview.isVisible()  # stays: printed from it
        assert page_count(print_answers.output()) == 1
        preview.close()


# --- when printing fails --------------------------------------------------------------------------


def test_a_printer_that_cannot_start_opens_the_viewer_with_a_message(
    qtbot, tmp_path: Path, print_answers: PrintAnswers, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = stub_desktop(monkeypatch)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    monkeypatch.setattr(QPainter, "begin", lambda _self, _device: False)
    with real_window(qtbot, tmp_path) as (window, _workspace):
        open_example(window)
        window.print_action.trigger()
        view = export_view(window)
        qtbot.waitUntil(lambda: opened != [], timeout=30_000)
        candidature = view._printable[1]
        assert opened == [str(candidature)]  # the same PDF, in the system's viewer
        # what happened, naming the printer (here the PDF printer's file)
        assert len(warned) == 1 and str(print_answers.output()) in warned[0]
        assert view.preview.pages_printed is None
        view.preview.close()


def test_a_pdf_that_cannot_be_read_opens_the_viewer_with_a_message(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QWidget

    opened = stub_desktop(monkeypatch)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    broken = tmp_path / "abime.pdf"
    broken.write_bytes(b"%PDF-1.7\nceci n'est pas un PDF")
    parent = QWidget()
    qtbot.addWidget(parent)
    assert show_preview(parent, broken, print_now=True) is None
    assert opened == [str(broken)] and len(warned) == 1 and "abime.pdf" in warned[0]


# --- the printing loop alone ----------------------------------------------------------------------


@pytest.fixture
def candidature_pdf(tmp_path: Path, example_dossier) -> Path:
    from esms_desktop.services.export import export_candidature_pdf

    return export_candidature_pdf(example_dossier, tmp_path / "dossier.pdf").path


def pdf_printer(path: Path, dpi: int = TEST_DPI) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    return printer


def ink_box(path: Path, page: int) -> tuple[float, float, float, float]:
    """Where a printed page is not white: (left, top, right, bottom) as fractions of the sheet."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    image = document.render(page, QSize(100, 141))
    inked = [
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 0 and image.pixelColor(x, y).lightness() < 240
    ]
    xs, ys = [x for x, _ in inked], [y for _, y in inked]
    return (
        min(xs) / image.width(),
        min(ys) / image.height(),
        (max(xs) + 1) / image.width(),
        (max(ys) + 1) / image.height(),
    )


def test_print_pdf_keeps_each_page_whole_and_centred(qtbot, tmp_path: Path, candidature_pdf: Path):
    out = tmp_path / "out.pdf"
    printer = pdf_printer(out)
    assert print_pdf(candidature_pdf, printer) == page_count(candidature_pdf)
    source, printed = pypdf.PdfReader(candidature_pdf), pypdf.PdfReader(out)
    paper = QSizeF(float(printed.pages[0].mediabox.width), float(printed.pages[0].mediabox.height))
    assert paper.width() < paper.height()  # portrait paper for the portrait and landscape pages
    landscape = [
        i for i, p in enumerate(source.pages) if float(p.mediabox.width) > float(p.mediabox.height)
    ]
    assert landscape and len(landscape) < len(source.pages)
    assert all(len(p.images) == 1 for p in printed.pages)  # one image per page, nothing else
    for page in range(len(source.pages)):
        left, top, right, bottom = ink_box(out, page)
        # as large as the sheet allows: a wide table is turned, not shrunk to half the sheet
        assert bottom - top > 0.75, (page, top, bottom)
        assert abs((left + right) / 2 - 0.5) < 0.1, (page, left, right)  # centred


def test_print_pdf_caps_the_resolution(qtbot, tmp_path: Path, candidature_pdf: Path) -> None:
    out = tmp_path / "out.pdf"
    printer = pdf_printer(out, dpi=1200)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 1)
    assert print_pdf(candidature_pdf, printer) == 1
    [image] = pypdf.PdfReader(out).pages[0].images
    paper = printer.pageLayout().fullRect(printer.pageLayout().Unit.Inch)
    assert MAX_PRINT_DPI * paper.width() * 0.6 < image.image.width <= MAX_PRINT_DPI * paper.width()


def test_print_pdf_stops_when_the_user_cancels(qtbot, tmp_path: Path, candidature_pdf: Path):
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2

    printed = print_pdf(candidature_pdf, pdf_printer(tmp_path / "out.pdf"), progress)
    assert printed == 2 and seen[-1][0] == 2 and seen[0] == (0, page_count(candidature_pdf))


def test_pages_follow_the_range_order_and_copies_of_the_dialog(tmp_path: Path, qtbot) -> None:
    printer = pdf_printer(tmp_path / "x.pdf")
    assert pages_to_print(printer, 4) == [0, 1, 2, 3]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    ranges = QPageRanges()
    ranges.addRange(1, 2)
    ranges.addPage(4)
    printer.setPageRanges(ranges)
    assert pages_to_print(printer, 4) == [0, 1, 3]
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    assert pages_to_print(printer, 4) == [3, 1, 0]
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert pages_to_print(printer, 4, current_page=2) == [2]
    if not printer.supportsMultipleCopies():  # the PDF printer: copies are ours to make
        printer.setPrintRange(QPrinter.PrintRange.AllPages)
        printer.setPageOrder(QPrinter.PageOrder.FirstPageFirst)
        printer.setCopyCount(2)
        printer.setCollateCopies(True)
        assert pages_to_print(printer, 2) == [0, 1, 0, 1]
        printer.setCollateCopies(False)
        assert pages_to_print(printer, 2) == [0, 0, 1, 1]


# --- shortcuts ------------------------------------------------------------------------------------


def test_ctrl_p_is_print_and_export_has_its_own_shortcut(qtbot, tmp_path: Path) -> None:
    with real_window(qtbot, tmp_path) as (window, _workspace):
        print_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Print)
        assert QKeySequence("Ctrl+P") in print_keys
        assert window.print_action.shortcut() in print_keys
        assert window.pdf_action.shortcut() == QKeySequence("Ctrl+E")
        assert window.print_action in window.file_menu.actions()
        # greyed out with no dossier open; Ctrl+P then does nothing rather than fail
        assert not window.print_action.isEnabled() and not window.pdf_action.isEnabled()
        window.print_dossier()
        open_example(window)
        assert window.print_action.isEnabled() and window.pdf_action.isEnabled()
        # no key sequence reaches two actions of the window
        owners: dict[str, list[str]] = {}
        for action in window.findChildren(QAction):
            for key in action.shortcuts():
                owners.setdefault(key.toString(), []).append(action.text())
        clashes = {key: names for key, names in owners.items() if len(names) > 1}
        assert not clashes, clashes

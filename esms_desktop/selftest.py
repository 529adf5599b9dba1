"""``esms-desktop --self-test``: prove an installed copy has everything it needs.

Runs the real journey on a temporary store (import the bundled example, budget, PDF, the main
window offscreen) and prints one line per check; exit code 0 only when every check passes. IT
staff run it after a silent install; the build runs it on the frozen bundle.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # the checks import what they test, so a missing piece fails its own line
    from esms_desktop.domain.dossier import Dossier
    from esms_desktop.services.workspace import Workspace

T = TypeVar("T")

EXPECTED_TOTAL = Decimal("560000")  # shared/examples/README.md, campaign amorcage-2021-t2


@dataclass
class _State:
    """What one check hands the next (the store's workspace, the dossier it created)."""

    ws: Workspace | None = None
    dossier_id: int | None = None
    dossier: Dossier | None = None


def _need(value: T | None) -> T:
    if value is None:
        raise RuntimeError("une vérification précédente a échoué")
    return value


def run_self_test(out: Callable[[str], None] = print) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="esms-selftest-"))
    failures = 0
    state = _State()

    def check(label: str, test: Callable[[], str]) -> None:
        nonlocal failures
        try:
            detail = test()
        except Exception as exc:  # every failure is reported, the next checks still run
            failures += 1
            out(f"ÉCHEC  {label} : {type(exc).__name__}: {exc}")
        else:
            out(f"OK     {label}{' — ' + detail if detail else ''}")

    def resources() -> str:
        from esms_desktop.resources import resource_path
        from esms_desktop.services import catalog

        n = len(catalog.campaigns())
        fonts = list(resource_path("fonts").glob("*.ttf"))
        if n < 8 or not fonts:
            raise RuntimeError(f"{n} campagnes, {len(fonts)} polices")
        return f"{n} campagnes, {len(catalog.nomenclature())} catégories, {len(fonts)} polices"

    def store() -> str:
        from esms_desktop.services.workspace import Workspace
        from esms_desktop.storage.store import open_store

        ws = Workspace(open_store(workdir / "donnees"))
        state.ws = ws
        from esms_desktop.resources import resource_path

        dossier_id = ws.create(
            "Auto-test", "amorcage-2021-t2", resource_path("examples", "grappe-exemple.csv")
        )
        state.dossier_id = dossier_id
        dossier = ws.load(dossier_id)
        state.dossier = dossier
        return f"{dossier.grappe.establishment_count} ESSMS importés"

    def budget() -> str:
        from esms_desktop.domain.formatting import format_eur
        from esms_desktop.services.assessment import assess_dossier

        dossier = _need(state.dossier)
        b = assess_dossier(dossier)
        if b.total != EXPECTED_TOTAL or not b.eligible:
            raise RuntimeError(f"total {b.total} au lieu de {EXPECTED_TOTAL}")
        return f"total {format_eur(b.total)}, éligible"

    def pdf() -> str:
        from esms_desktop.services.export import export_candidature_pdf

        result = export_candidature_pdf(_need(state.dossier), workdir / "dossier.pdf")
        data = result.path.read_bytes()
        if not data.startswith(b"%PDF") or result.pages < 5 or b"FontFile2" not in data:
            raise RuntimeError("PDF incomplet")
        return f"{result.pages} pages, {len(data) // 1024} Kio"

    def window() -> str:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from esms_desktop.services import catalog
        from esms_desktop.ui.i18n import install_translators
        from esms_desktop.ui.main_window import MainWindow
        from esms_desktop.ui.steps import step_factories

        app = QApplication.instance() or QApplication([sys.argv[0]])
        translators = install_translators(app, "fr")
        settings = QSettings(str(workdir / "reglages.ini"), QSettings.Format.IniFormat)
        ws = _need(state.ws)
        win = MainWindow(ws, step_factories(ws), settings, catalog.questionnaire().question_count)
        win.show()
        win.open_dossier(_need(state.dossier_id))
        app.processEvents()
        title = win.windowTitle()
        file_menu = win.menuBar().actions()[0].text()
        win.close()
        for translator in translators:  # leave the application as found (tests run in-process)
            app.removeTranslator(translator)
        if file_menu.replace("&", "") != "Fichier":
            raise RuntimeError(f"interface non traduite (menu « {file_menu} »)")
        return f"fenêtre « {title} » en français"

    def printing() -> str:
        """Preview and printing load QtPdf and QtPrintSupport: a bundle without them would show
        the window, then fail on « Imprimer… »."""
        from PySide6.QtPrintSupport import QPrinter
        from PySide6.QtWidgets import QApplication

        from esms_desktop.ui.print_preview import load_document, print_pdf

        _app = QApplication.instance() or QApplication([sys.argv[0]])
        document = load_document(workdir / "dossier.pdf")
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(workdir / "imprime.pdf"))
        printed = print_pdf(document, printer)
        if printed != document.pageCount() or not (workdir / "imprime.pdf").exists():
            raise RuntimeError(f"{printed} page(s) imprimée(s) sur {document.pageCount()}")
        return f"{printed} pages imprimées (imprimante PDF)"

    def qt_references() -> str:
        """The defect of PySide6 6.12.0 that aborted the window after ~1,000 keystrokes."""
        from PySide6 import __version__ as qt_version
        from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
        from PySide6.QtWidgets import QApplication

        class Probe(QAbstractListModel):
            def rowCount(self, _parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
                return 1

            def data(self, _index: QModelIndex | QPersistentModelIndex, _role: int = 0) -> None:
                return None

        _app = QApplication.instance() or QApplication([sys.argv[0]])
        probe = Probe()
        index = probe.index(0, 0)
        before = sys.getrefcount(None)
        for _ in range(1000):
            index.data(Qt.ItemDataRole.ToolTipRole)
        lost = before - sys.getrefcount(None)
        if sys.version_info < (3, 12) and lost > 100:
            raise RuntimeError(
                f"PySide6 {qt_version} perd {lost} références à None pour 1 000 appels : "
                "la fenêtre s'arrêterait après quelques minutes de saisie"
            )
        return f"PySide6 {qt_version}, Python {sys.version.split()[0]}"

    check("ressources (campagnes, nomenclature, polices)", resources)
    check("Qt for Python (références conservées)", qt_references)
    check("base de données (création, import de l'exemple)", store)
    check("budget de l'exemple", budget)
    check("dossier PDF", pdf)
    check("fenêtre principale", window)
    check("aperçu et impression", printing)
    ws = state.ws
    if ws is not None:
        ws.close()
    shutil.rmtree(workdir, ignore_errors=True)
    verdict = "RÉUSSI" if not failures else f"ÉCHOUÉ ({failures} vérification(s))"
    out(f"Auto-test {verdict} en {time.perf_counter() - started:.1f} s")
    return 0 if not failures else 1

"""« Ouvrir le fichier » on an annex whose name a received file chose: no path, no program.

The name of an attached file travels in a partner's ``.esms`` (or sits in a database an older
version wrote): ``../../evil.txt`` wrote outside the temporary folder, an absolute name anywhere,
``RIB.pdf     .exe`` was handed to the system (on Windows: run), and a NUL or ``.`` crashed the
slot. Here the real window opens such annexes with the mouse: the copy lands in our private
folder, a document is opened, anything else shows its folder with a word on why.
"""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QStyledItemDelegate, QWidget

from esms_desktop.domain.completeness import Step
from esms_desktop.paths import DATABASE_FILENAME
from esms_desktop.services import dossiers
from esms_desktop.ui.main_window import MainWindow
from tests.ui.driving import ModalCloser, real_window, stub_desktop

PREFIX = "esms-annexe-"
CONTENT = b"%PDF-1.4\n% contenu de la piece\n"


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, deep inside the test's: an escape would still land there."""
    root = tmp_path / "a" / "b" / "temp"
    root.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def _hostile_names(tmp_path: Path) -> list[tuple[str, bool]]:
    """(name stored with the annex, whether a viewer may open the copy directly)."""
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    return [
        ("../../evil.txt", True),
        (str(outside / "x"), False),  # an absolute name (« /tmp/x »), inside the test's folder
        ("RIB.pdf     .exe", False),
        ("a\x00b", False),
        (".", False),
    ]


def _store_name_as_received(tmp_path: Path, dossier_id: int, name: str) -> None:
    """Write ``name`` into the database as a received file (or an older version) left it.

    The stored file gets it as it is; the checklist's label only when it is printable (a
    dossier holding a control character is opened read-only, to repair, as it should).
    """
    with closing(sqlite3.connect(tmp_path / "donnees" / DATABASE_FILENAME)) as conn, conn:
        conn.execute(
            "UPDATE annex_file SET name = ? WHERE dossier_id = ? AND annex_key = 'rib'",
            (name, dossier_id),
        )
        conn.execute(
            "UPDATE annex SET file_name = ? WHERE dossier_id = ? AND annex_key = 'rib'",
            (name if name.isprintable() else "piece.bin", dossier_id),
        )


def _files(folder: Path, *, skip: tuple[Path, ...]) -> set[Path]:
    return {
        p.resolve()
        for p in folder.rglob("*")
        if p.is_file() and not any(p.is_relative_to(s) for s in skip)
    }


def _click_open(qtbot, window: MainWindow, dossier_id: int) -> QWidget:
    window.open_dossier(dossier_id)
    view = window.dossier_view
    assert view is not None
    view.show_step(Step.EXPORT)
    export = view.views[Step.EXPORT]
    row = next(i for i, a in enumerate(window.session.dossier.annexes) if a.key == "rib")
    export.table.selectRow(row)
    assert export.open_annex_button.isEnabled()
    qtbot.mouseClick(export.open_annex_button, Qt.MouseButton.LeftButton)
    qtbot.wait(80)  # the message box shows and is closed
    return export


@pytest.mark.parametrize("through", ["database", "files"])
def test_opening_an_annex_with_a_hostile_name_stays_in_our_folder(
    qtbot, tmp_path: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch, through: str
) -> None:
    opened = stub_desktop(monkeypatch)
    texts: list[str] = []

    def read_box(dialog: QWidget) -> bool:
        if isinstance(dialog, QMessageBox):
            texts.append(dialog.text())
            assert dialog.textFormat() == Qt.TextFormat.PlainText
        return False  # then closed as a person pressing Escape

    closer = ModalCloser(read_box)
    closer.start()
    piece = tmp_path / "RIB.pdf"
    piece.write_bytes(CONTENT)
    try:
        with real_window(qtbot, tmp_path) as (window, workspace):
            dossier_id = workspace.create("Dossier", "amorcage-2021-t2")
            workspace.attach(dossier_id, "rib", piece)
            names = _hostile_names(tmp_path)
            skip = (tmp_path / "donnees", tmp_path / "reglages.ini")
            before = _files(tmp_path, skip=skip)
            for name, opens in names:
                if through == "database":
                    _store_name_as_received(tmp_path, dossier_id, name)
                else:  # any source of files: the view makes the name safe itself
                    stored = workspace.annex_file
                    monkeypatch.setattr(
                        workspace,
                        "annex_file",
                        lambda d, k, stored=stored, name=name: (name, stored(d, k)[1]),
                    )
                shown_before, opened_before = len(texts), len(opened)
                _click_open(qtbot, window, dossier_id)

                (url,) = opened[opened_before:]
                target = Path(url).resolve()
                (folder,) = (p for p in temp_root.iterdir() if p.name.startswith(PREFIX))
                assert target.is_relative_to(folder.resolve()), (name, url)
                if opens:
                    assert target.is_file() and target.read_bytes() == CONTENT
                    assert len(texts) == shown_before
                else:  # the folder is shown, never the file, and the user is told why
                    assert target.is_dir()
                    (copy,) = target.iterdir()
                    assert copy.read_bytes() == CONTENT
                    (text,) = texts[shown_before:]
                    assert copy.name in text
            new = _files(tmp_path, skip=skip) - before
            assert new and all(p.is_relative_to(folder.resolve()) for p in new), new
    finally:
        closer.stop()
    assert not (tmp_path / "a" / "b" / "evil.txt").exists()
    assert not (tmp_path / "ailleurs" / "x").exists()


def test_the_checklist_shows_a_received_name_as_plain_data(
    qtbot, tmp_path: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_desktop(monkeypatch)
    piece = tmp_path / "RIB.pdf"
    piece.write_bytes(CONTENT)
    with real_window(qtbot, tmp_path) as (window, workspace):
        dossier_id = workspace.create("Dossier", "amorcage-2021-t2")
        workspace.attach(dossier_id, "rib", piece)
        _store_name_as_received(tmp_path, dossier_id, "<i>gras<i> RIB.exe")
        window.open_dossier(dossier_id)
        view = window.dossier_view
        assert view is not None
        export = view.views[Step.EXPORT]
        row = next(i for i, a in enumerate(window.session.dossier.annexes) if a.key == "rib")
        shown = export.model.data(export.model.index(row, 2))
        assert shown == "_i_gras_i_ RIB.exe"  # no markup left to read
        delegate = export.table.itemDelegateForIndex(export.model.index(row, 2))
        assert type(delegate) is QStyledItemDelegate  # draws the text as it is, never as HTML


def test_attaching_keeps_a_safe_name(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_desktop(monkeypatch)
    piece = tmp_path / "RIB.pdf   ."
    piece.write_bytes(CONTENT)
    with real_window(qtbot, tmp_path) as (window, workspace):
        dossier_id = workspace.create("Dossier", "amorcage-2021-t2")
        window.open_dossier(dossier_id)
        view = window.dossier_view
        assert view is not None
        view.show_step(Step.EXPORT)
        export = view.views[Step.EXPORT]
        row = next(i for i, a in enumerate(window.session.dossier.annexes) if a.key == "rib")
        export.attach_path(row, piece)
        assert window.session.dossier.annexes[row].file_name == "RIB.pdf"
        assert workspace.annex_file(dossier_id, "rib") == ("RIB.pdf", CONTENT)


# --- what reaches the view: the store keeps file names as data ----------------------------------


def test_a_received_file_is_stored_under_a_safe_name(tmp_path: Path) -> None:
    """What the ``.esms`` import does with a partner's files (``import_as_new``): the name the
    file is written under is made safe by the store; the checklist's label of it stays the text
    received (every text round-trips), made safe where it is shown."""
    from datetime import UTC, datetime

    from esms_desktop.storage.store import open_store

    with open_store(tmp_path / "donnees") as store:
        new_id = dossiers.create_dossier(store.uow(), "Dossier", "amorcage-2021-t2")
        with store.uow() as uow:
            uow.dossiers.attach_file(
                new_id, "rib", "../../RIB\x00.pdf", CONTENT, datetime(2024, 1, 2, tzinfo=UTC)
            )
            uow.commit()
        info, data = dossiers.read_annex_file(store.uow(read_only=True), new_id, "rib")
    with closing(sqlite3.connect(tmp_path / "donnees" / DATABASE_FILENAME)) as conn:
        kept = conn.execute("SELECT name FROM annex_file").fetchall()
    assert (info.name, data) == ("RIB_.pdf", CONTENT)
    assert kept == [("RIB_.pdf",)]


def test_a_name_stored_by_an_older_version_is_read_as_a_safe_name(tmp_path: Path) -> None:
    from esms_desktop.storage.store import open_store

    piece = tmp_path / "RIB.pdf"
    piece.write_bytes(CONTENT)
    with open_store(tmp_path / "donnees") as store:
        new_id = dossiers.create_dossier(store.uow(), "Dossier", "amorcage-2021-t2")
        dossiers.attach_annex_file(store.uow(), new_id, "rib", "RIB.pdf", CONTENT)
        _store_name_as_received(tmp_path, new_id, "/etc/cron.d/RIB.pdf")
        info, _data = dossiers.read_annex_file(store.uow(read_only=True), new_id, "rib")
    assert info.name == "RIB.pdf"

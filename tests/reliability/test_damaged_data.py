"""Damaged databases, damaged ``.esms`` files, an annex file gone before it is attached.

Builds on ``tests/storage/test_damaged_files.py`` (which damages a database holding a grappe) and
``tests/services/test_exchange.py`` (which refuses damaged files at import): here the database
holds a dossier with *every* field set and an attached file, each damage is checked for its own
French words, the damaged file is found aside byte for byte, and recovery goes all the way —
through the store, the command line and the window's restore offer — to data equal to what was
backed up, the attached file included. Damaged ``.esms`` files are refused by every entry point
(import, merge preview, merge, command line) and leave the database and the backups exactly as
they were.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from esms_desktop import app, cli
from esms_desktop.services import dossiers, exchange
from esms_desktop.services.exchange import ExchangeFileError
from esms_desktop.services.imports import UnreadableFileError
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.errors import DatabaseCorruptError, DatabaseTooNewError
from esms_desktop.storage.store import open_store
from tests.storage.factories import full_dossier
from tests.storage.helpers import dump

PIECE = b"%PDF-1.4 RIB de l'association \x00\xff" * 200
DB_NAME = "esms-desktop.sqlite3"


def _populated(data_dir: Path) -> tuple[int, Path, object]:
    """A full dossier with an attached file, backed up, then changed (the change is lost).

    Returns (dossier id, the backup, the dossier as backed up).
    """
    with open_store(data_dir) as store:
        with store.uow() as uow:
            new_id = uow.dossiers.add(full_dossier())
            uow.commit()
        dossiers.attach_annex_file(store.uow(), new_id, "rib", "rib.pdf", PIECE)
        backed_up = dossiers.load_dossier(store.uow(), new_id)
        backup = store.backup()
        dossiers.rename_dossier(store.uow(), new_id, "Modifié après la sauvegarde")
    assert backup is not None
    leftovers = [p for p in data_dir.iterdir() if p.name.startswith(DB_NAME + "-")]
    assert all(p.stat().st_size == 0 for p in leftovers)  # closed: the WAL is in the file
    return new_id, backup, backed_up


# --- the damages ------------------------------------------------------------------------------


def _zero(db: Path) -> None:
    db.write_bytes(b"")


def _half(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def _page_flipped(db: Path) -> None:
    """Flip the bytes of a b-tree page header (the establishment table's root page)."""
    with closing(sqlite3.connect(db)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'establishment'"
        ).fetchone()[0]
    data = bytearray(db.read_bytes())
    start = (root - 1) * page_size
    for i in range(start, start + 12):
        data[i] ^= 0xFF
    db.write_bytes(bytes(data))


def _header_overwritten(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[:100] = b"\x00" * 100
    db.write_bytes(bytes(data))


def _page_size_field(db: Path) -> None:
    """The magic string is right, the header's page size is nonsense."""
    data = bytearray(db.read_bytes())
    data[16:18] = b"\x00\x07"
    db.write_bytes(bytes(data))


def _text(db: Path) -> None:
    db.write_text("Compte rendu de la réunion du 12 mars\n" * 100, encoding="utf-8")


def _zip(db: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("document.txt", "un document")
    db.write_bytes(buffer.getvalue())


DAMAGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "vide": (_zero, "fichier vide"),
    "moitie": (_half, "base illisible"),
    "page_inversee": (_page_flipped, "base illisible"),
    "entete_efface": (_header_overwritten, "ce n'est pas une base SQLite (en-tête invalide)"),
    "taille_de_page": (_page_size_field, "base illisible"),
    "texte": (_text, "en-tête invalide"),
    "zip": (_zip, "en-tête invalide"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_database_is_set_aside_and_the_backup_restores_everything(
    tmp_path: Path, damage: str
) -> None:
    data_dir = tmp_path / "données"
    new_id, backup, backed_up = _populated(data_dir)
    db = data_dir / DB_NAME
    make, words = DAMAGES[damage]
    make(db)
    damaged = db.read_bytes()

    with pytest.raises(DatabaseCorruptError) as caught:
        open_store(data_dir)
    error = caught.value
    message = error.message
    assert f"La base « {db} » est endommagée (" in message and words in message
    assert "mise de côté" in message and "rien n'a été supprimé" in message
    assert f"La sauvegarde la plus récente est « {backup} » : restaurez-la" in message
    assert error.backup == backup
    assert error.moved_to is not None and error.moved_to.name in message
    assert error.moved_to.read_bytes() == damaged  # kept for a specialist, never deleted
    assert not db.exists()

    with open_store(data_dir) as store:  # a fresh, empty database until the user restores
        assert dossiers.list_dossiers(store.uow()) == []
        store.restore(error.backup)
        assert dossiers.load_dossier(store.uow(), new_id) == backed_up
        info, data = dossiers.read_annex_file(store.uow(), new_id, "rib")
        assert data == PIECE and info.name == "rib.pdf"
    assert error.moved_to.read_bytes() == damaged


def test_the_command_line_explains_and_restores_the_latest_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "données"
    new_id, backup, backed_up = _populated(data_dir)
    _half(data_dir / DB_NAME)

    assert cli.main(["--data-dir", str(data_dir), "dossier", "list"]) == 3
    err = capsys.readouterr().err
    assert "endommagée" in err and str(backup) in err
    assert "esms-desktop restore --latest" in err and "Traceback" not in err

    assert cli.main(["--data-dir", str(data_dir), "restore", "--latest"]) == 0
    assert f"Sauvegarde restaurée : {backup}" in capsys.readouterr().out
    with open_store(data_dir, backup_on_open=False) as store:
        assert dossiers.load_dossier(store.uow(), new_id) == backed_up


def test_the_window_offers_the_backup_and_restores_it(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "données"
    new_id, backup, backed_up = _populated(data_dir)
    _page_flipped(data_dir / DB_NAME)
    asked: list[str] = []

    def answer_yes(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    store = app.open_store_interactively(data_dir)
    assert store is not None
    try:
        assert len(asked) == 1 and "endommagée" in asked[0] and backup.name in asked[0]
        assert Workspace(store).load(new_id) == backed_up
    finally:
        store.close()


def test_a_database_from_a_newer_version_is_refused_untouched_and_not_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "données"
    _populated(data_dir)
    db = data_dir / DB_NAME
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = db.read_bytes()
    with pytest.raises(DatabaseTooNewError) as caught:
        open_store(data_dir)
    assert "version plus récente" in caught.value.message
    assert "mettez à jour" in caught.value.message.casefold()
    assert cli.main(["--data-dir", str(data_dir), "dossier", "list"]) == 3
    assert "plus récente" in capsys.readouterr().err
    assert db.read_bytes() == before
    assert not [p for p in data_dir.iterdir() if "corrompu" in p.name]


# --- damaged exchange files -------------------------------------------------------------------


def _rewrite(path: Path, change: Callable[[dict], None], *, ascii_json: bool = False) -> None:
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    envelope = json.loads(entries["esms.json"])
    change(envelope)
    entries["esms.json"] = json.dumps(envelope, ensure_ascii=ascii_json).encode(
        "ascii" if ascii_json else "utf-8"
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def _esms_truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def _esms_altered(path: Path) -> None:
    def change(envelope: dict) -> None:
        envelope["payload"]["dossier"]["grappe"]["organisations"][0]["establishments"][0][
            "capacity"
        ] = 999

    _rewrite(path, change)


def _esms_newer(path: Path) -> None:
    def change(envelope: dict) -> None:
        envelope["format_version"] = 7
        envelope["app_version"] = "5.0.0"
        envelope["checksum"]["value"] = exchange.payload_checksum(envelope["payload"])

    _rewrite(path, change)


def _esms_lone_surrogate(path: Path) -> None:
    """A name holding ``\\ud800`` (half of a UTF-16 pair): valid JSON, impossible text."""

    def change(envelope: dict) -> None:
        envelope["payload"]["dossier"]["name"] = "Dossier \ud800"

    _rewrite(path, change, ascii_json=True)


ESMS_DAMAGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "tronque": (_esms_truncated, "incomplet ou endommagé"),
    "modifie": (_esms_altered, "la somme de contrôle ne correspond pas"),
    "plus_recent": (_esms_newer, "version plus récente d'esms-desktop (5.0.0, format 7"),
    "demi_caractere": (_esms_lone_surrogate, "caractères invalides"),
}


@pytest.mark.parametrize("damage", sorted(ESMS_DAMAGES))
def test_a_damaged_exchange_file_is_refused_everywhere_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    data_dir = tmp_path / "données"
    new_id, _backup, _backed_up = _populated(data_dir)
    path = tmp_path / "reçu du partenaire.esms"
    with open_store(data_dir, backup_on_open=False) as store:
        exchange.export_dossier(store.uow(), new_id, path)
    make, words = ESMS_DAMAGES[damage]
    make(path)
    received = path.read_bytes()
    before = dump(data_dir / DB_NAME)
    backups_before = sorted(p.name for p in (data_dir / "sauvegardes").iterdir())

    with open_store(data_dir, backup_on_open=False) as store:
        attempts = (
            lambda: exchange.read_exchange_file(path),
            lambda: exchange.import_as_new(store.uow(), path),
            lambda: exchange.preview_merge(store.uow(), new_id, path),
            lambda: exchange.merge_into(store.uow(), new_id, path, default="theirs"),
            lambda: Workspace(store).create("", "", path),
        )
        for attempt in attempts:
            with pytest.raises(ExchangeFileError) as caught:
                attempt()
            assert words in caught.value.message
            assert f"« {path} »" in caught.value.message
            assert caught.value.message.endswith("Rien n'a été importé.")
    code = cli.main(["--data-dir", str(data_dir), "dossier", "import", str(path)])
    assert code == 2
    assert words in capsys.readouterr().err

    assert dump(data_dir / DB_NAME) == before
    after = sorted(p.name for p in (data_dir / "sauvegardes").iterdir())
    # no "avant-import" backup was taken: only the command line's usual start-up one is new
    assert set(backups_before) <= set(after)
    assert all(n.endswith("-demarrage.sqlite3") for n in set(after) - set(backups_before))
    assert path.read_bytes() == received


# --- an annex file that disappeared --------------------------------------------------------


def test_an_annex_file_deleted_before_it_is_attached_gives_a_french_message(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "données"
    chosen = tmp_path / "RIB association.pdf"
    chosen.write_bytes(PIECE)
    with open_store(data_dir) as store:
        workspace = Workspace(store)
        new_id = workspace.create("Dossier", "amorcage-2021-t1")
        chosen.unlink()  # chosen in the dialog, then moved away before the click
        before = workspace.load(new_id)
        with pytest.raises(UnreadableFileError) as caught:
            workspace.attach(new_id, "rib", chosen)
        message = str(caught.value)
        assert f"Le fichier « {chosen} » est introuvable" in message
        assert "déplacé ou supprimé" in message and "Rien n'a été joint" in message
        after = workspace.load(new_id)
        assert after == before
        assert not next(a for a in after.annexes if a.key == "rib").provided
        with store.uow(read_only=True) as uow:
            assert uow.dossiers.files(new_id) == []


def test_the_export_step_shows_it_and_keeps_the_annex_unticked(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QUndoStack

    from esms_desktop.services.session import DossierSession
    from esms_desktop.ui.undo import Editor
    from esms_desktop.ui.views.export_view import ExportView

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    with open_store(tmp_path / "données") as store:
        workspace = Workspace(store)
        new_id = workspace.create("Dossier", "amorcage-2021-t1")
        session = DossierSession(workspace.load(new_id), workspace.save, workspace.save_errors)
        view = ExportView(Editor(session, QUndoStack()), workspace)
        qtbot.addWidget(view)
        row = next(i for i, a in enumerate(session.dossier.annexes) if a.key == "rib")
        view.attach_path(row, tmp_path / "parti.pdf")
        assert len(shown) == 1 and "introuvable" in shown[0]
        assert not session.dossier.annexes[row].provided
        assert workspace.load(new_id) == session.dossier

"""A full disk, read-only places and a very long path with accents: typed French errors, no loss.

``tests/storage`` and ``tests/reports`` already simulate these failures one function at a time
(``max_page_count``, a monkeypatched ``ENOSPC``, ``chattr +i`` at open). Here the failures are
real where the machine allows it — a 2 MB tmpfs that genuinely fills up (root only; skipped with
the reason otherwise) — and they are met through what the user does: the dossier session the GUI
saves through, the PDF and ``.esms`` exports, backups and the command line.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from esms_desktop.services import dossiers
from esms_desktop.services.export import ReportWriteError, export_candidature_pdf
from esms_desktop.services.session import DossierSession
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.backups import check_backup
from esms_desktop.storage.db import inspect_file
from esms_desktop.storage.errors import DiskFullError, StoreReadOnlyError
from esms_desktop.storage.store import open_store
from tests.reliability.procs import run_cli
from tests.storage.factories import CAMPAIGN, grappe
from tests.storage.helpers import read_only

TMPFS_SIZE = "2m"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB file system (tmpfs) mounted in the test folder; skipped where impossible."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("monter un petit système de fichiers demande d'être root (Linux)")
    if shutil.which("mount") is None or shutil.which("umount") is None:
        pytest.skip("commandes mount/umount absentes")
    point = tmp_path / "petit disque"
    point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE}", "tmpfs", str(point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"montage tmpfs refusé ici : {mounted.stderr.strip()}")
    try:
        yield point
    finally:
        done = subprocess.run(["umount", str(point)], capture_output=True, check=False)
        if done.returncode != 0:  # something still open: detach it anyway
            subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


@contextlib.contextmanager
def filled(disk: Path, leave: int = 0) -> Iterator[None]:
    """Fill ``disk`` until the OS says ENOSPC, then free about ``leave`` bytes; undone on exit."""
    filler = disk / "remplissage.bin"
    chunk = b"\xa5" * 65536
    with filler.open("wb") as stream:
        try:
            while True:
                stream.write(chunk)
                stream.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    if leave:
        size = filler.stat().st_size
        with filler.open("r+b") as stream:
            stream.truncate(max(0, size - leave))
    try:
        yield
    finally:
        filler.unlink()


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- full disk ----------------------------------------------------------------------------


def test_a_save_refused_for_lack_of_room_stays_on_screen_then_is_written(tmp_path: Path) -> None:
    """``max_page_count`` (works everywhere): the session keeps the edit until there is room."""
    data_dir = tmp_path / "données"
    with open_store(data_dir) as store:
        new_id = dossiers.create_dossier(store.uow(), "Dossier", CAMPAIGN, grappe(1, 2))
        pages = int(store.diagnostics()["page_count"])
    capped = Workspace(open_store(data_dir, max_page_count=pages + 1, backup_on_open=False))
    current = [capped]
    session = DossierSession(
        capped.load(new_id), lambda d: current[0].save(d), Workspace.save_errors
    )
    before = session.dossier
    bigger = replace(before, grappe=grappe(4, 30), governance="Texte long. " * 2000)
    try:
        with pytest.raises(DiskFullError) as caught:
            session.replace(bigger)
        assert session.unsaved and session.dossier == bigger
        assert "disque est plein" in caught.value.message
        assert "n'a pas été enregistrée" in caught.value.message
        assert capped.load(new_id) == before  # nothing half-written
    finally:
        capped.close()
    current[0] = Workspace(open_store(data_dir, backup_on_open=False))  # room again
    try:
        session.retry_save()
        assert not session.unsaved
        stored = current[0].load(new_id)
    finally:
        current[0].close()
    assert stored.grappe == grappe(4, 30) and stored.governance == bigger.governance


def test_a_really_full_disk_during_saves_exports_and_backups(small_disk: Path) -> None:
    data_dir, exports = small_disk / "données", small_disk / "exports"
    exports.mkdir()
    workspace = Workspace(open_store(data_dir))
    try:
        new_id = dossiers.create_dossier(
            workspace.store.uow(), "Sur un petit disque", CAMPAIGN, grappe(2, 3)
        )
        first_backup = workspace.store.backup()
        assert first_backup is not None
        dossier = workspace.load(new_id)
        pdf, esms = exports / "dossier.pdf", exports / "dossier.esms"
        export_candidature_pdf(dossier, pdf)
        workspace.export_esms(new_id, esms)
        pdf_before, esms_before = pdf.read_bytes(), esms.read_bytes()
        backups_before = _names(data_dir / "sauvegardes")
        session = DossierSession(dossier, workspace.save, workspace.save_errors)
        bigger = replace(dossier, grappe=grappe(4, 40), governance="Beaucoup de texte. " * 3000)

        with filled(small_disk, leave=8192):
            with pytest.raises(DiskFullError) as saving:
                session.replace(bigger)
            assert session.unsaved and session.dossier == bigger
            assert "disque est plein" in saving.value.message

            with pytest.raises(ReportWriteError) as printing:
                export_candidature_pdf(bigger, pdf)
            assert "disque est plein" in printing.value.message
            assert str(pdf) in printing.value.message and "resté intact" in printing.value.message

            with pytest.raises(DiskFullError) as sending:
                workspace.export_esms(new_id, esms)
            assert str(esms) in sending.value.message

            with pytest.raises(DiskFullError) as saving_up:
                workspace.store.backup()
            assert "disque est plein" in saving_up.value.message

            # every earlier file intact, nothing left under a final name, no temp files either
            assert pdf.read_bytes() == pdf_before and esms.read_bytes() == esms_before
            assert _names(exports) == ["dossier.esms", "dossier.pdf"]
            assert _names(data_dir / "sauvegardes") == backups_before
            assert workspace.load(new_id) == dossier

        session.retry_save()  # room again: the edit kept on screen is written
        assert not session.unsaved
        export_candidature_pdf(session.dossier, pdf)
        assert pdf.read_bytes() != pdf_before
        assert workspace.store.backup() is not None
    finally:
        workspace.close()
    assert inspect_file(data_dir / "esms-desktop.sqlite3", full_check=True).status == "ok"
    for backup in (data_dir / "sauvegardes").iterdir():
        check_backup(backup)
    with open_store(data_dir, backup_on_open=False) as store:
        assert dossiers.load_dossier(store.uow(), new_id).grappe == grappe(4, 40)


def test_reading_commands_work_on_a_full_data_disk(small_disk: Path, tmp_path: Path) -> None:
    """Listing, printing and exporting to another disk need no room on the data disk: the
    start-up backup is skipped with a warning, and no "change not saved" is claimed."""
    data_dir, elsewhere = small_disk / "données", tmp_path / "autre disque"
    elsewhere.mkdir()
    with open_store(data_dir) as store:
        new_id = dossiers.create_dossier(store.uow(), "Sur un disque plein", CAMPAIGN)
    backups_before = _names(data_dir / "sauvegardes")
    pdf, esms = elsewhere / "dossier.pdf", elsewhere / "dossier.esms"

    with filled(small_disk):
        listed = run_cli("--data-dir", data_dir, "dossier", "list")
        printed = run_cli("--data-dir", data_dir, "dossier", "pdf", new_id, "-o", pdf)
        sent = run_cli("--data-dir", data_dir, "dossier", "export", new_id, "-o", esms)
        assert _names(data_dir / "sauvegardes") == backups_before  # no partial copy left

    for done in (listed, printed, sent):
        assert done.returncode == 0, done.stdout + done.stderr
        assert "est plein : la sauvegarde de démarrage n'a pas été faite" in done.stderr
        assert "dernière modification" not in done.stderr and "Traceback" not in done.stderr
    assert "Sur un disque plein" in listed.stdout
    assert pdf.read_bytes().startswith(b"%PDF") and str(pdf) in printed.stdout
    assert esms.is_file() and str(esms) in sent.stdout


# --- read-only places ---------------------------------------------------------------------


def test_read_only_places_give_french_errors_and_keep_what_was_there(tmp_path: Path) -> None:
    data_dir, exports = tmp_path / "données", tmp_path / "exports"
    exports.mkdir()
    with open_store(data_dir) as store:
        new_id = dossiers.create_dossier(store.uow(), "Dossier", CAMPAIGN, grappe(1, 2))
        dossier = dossiers.load_dossier(store.uow(), new_id)
        pdf = exports / "dossier.pdf"
        export_candidature_pdf(dossier, pdf)
        earlier_pdf = pdf.read_bytes()
        backups = data_dir / "sauvegardes"
        before = _names(backups)

        with read_only(exports):  # a read-only export folder (or a PDF open in a viewer)
            with pytest.raises(ReportWriteError) as printing:
                export_candidature_pdf(replace(dossier, project_title="Nouveau"), pdf)
            assert "accès refusé" in printing.value.message
            assert pdf.read_bytes() == earlier_pdf and _names(exports) == ["dossier.pdf"]

        with read_only(backups):
            with pytest.raises(StoreReadOnlyError) as saving_up:
                store.backup()
            assert "lecture seule" in saving_up.value.message
            assert str(backups) in saving_up.value.message
            assert _names(backups) == before
        dossiers.rename_dossier(store.uow(), new_id, "Toujours modifiable")  # the base is fine

    database = data_dir / "esms-desktop.sqlite3"
    with read_only(database, data_dir / "esms-desktop.lock", data_dir):
        # writing there is refused (reading works: see the next test)
        cli = run_cli(
            "--data-dir", data_dir, "dossier", "new", "--name", "X", "--campaign", CAMPAIGN
        )
        assert cli.returncode == 3, cli.stdout + cli.stderr
        assert "lecture seule" in cli.stderr and str(data_dir) in cli.stderr
        assert "Traceback" not in cli.stderr
    with read_only(database):
        cli = run_cli("--data-dir", data_dir, "backup")
        assert cli.returncode == 3 and "lecture seule" in cli.stderr, cli.stderr
    cli = run_cli("--data-dir", data_dir, "dossier", "list")
    assert cli.returncode == 0 and "Toujours modifiable" in cli.stdout, cli.stderr


def test_a_read_only_data_folder_can_still_be_read_and_exported(tmp_path: Path) -> None:
    data_dir, exports = tmp_path / "données", tmp_path / "exports"
    exports.mkdir()
    with open_store(data_dir) as store:
        new_id = dossiers.create_dossier(store.uow(), "Sur une clé protégée", CAMPAIGN)
    database = data_dir / "esms-desktop.sqlite3"
    before = database.read_bytes()
    esms = exports / "dossier.esms"

    with read_only(database, data_dir / "esms-desktop.lock", data_dir):
        listed = run_cli("--data-dir", data_dir, "dossier", "list", "--json")
        sent = run_cli("--data-dir", data_dir, "dossier", "export", new_id, "-o", esms)

    for done in (listed, sent):
        assert done.returncode == 0, done.stdout + done.stderr
        assert "est en lecture seule" in done.stderr and str(data_dir) in done.stderr
        assert "dernière modification" not in done.stderr and "Traceback" not in done.stderr
    assert [row["name"] for row in json.loads(listed.stdout)] == ["Sur une clé protégée"]
    assert esms.is_file() and str(esms) in sent.stdout
    assert database.read_bytes() == before


# --- a long path with accents and spaces ------------------------------------------------------

LONG_PARTS = (
    "Données de l'Association « Les Hirondelles » — Île-de-France & Hauts-de-France",
    "Candidature ESMS numérique 2021 (T2) ; réseau n°1 # copie 100 %20 définitive",
    "Sous-dossier très long pour dépasser deux cent soixante caractères — éàçüœ",
    "dernier niveau ✓ 日本 ٣",
)


def test_a_long_accented_path_with_spaces_works_end_to_end(
    tmp_path: Path, example_csv: Path
) -> None:
    root = tmp_path.joinpath(*LONG_PARTS)
    data_dir, exports = root / "données", root / "exports"
    assert len(str(data_dir)) > 260
    exports.mkdir(parents=True)
    workspace = Workspace(open_store(data_dir))
    try:
        new_id = workspace.create("Grappe « longue » é", "amorcage-2021-t2", example_csv)
        dossier = workspace.load(new_id)
        assert dossier.grappe.establishment_count == 16
        edited = replace(dossier, project_title="Titre modifié — ça marche")
        workspace.save(edited)
        workspace.attach(new_id, "rib", example_csv)
        backup = workspace.store.backup()
        assert backup is not None and backup.parent == data_dir / "sauvegardes"
        result = export_candidature_pdf(workspace.load(new_id), exports / "dossier é.pdf")
        assert result.path.read_bytes().startswith(b"%PDF")
        sent = workspace.export_esms(new_id, exports / "dossier é.esms")
        copy_id = workspace.create("", "", sent)
        assert workspace.load(copy_id).project_title == "Titre modifié — ça marche"
        assert workspace.annex_file(copy_id, "rib")[1] == example_csv.read_bytes()
        workspace.delete(copy_id)
        workspace.save(replace(workspace.load(new_id), project_title="Après la sauvegarde"))
        workspace.restore(backup)
        assert workspace.load(new_id).project_title == "Titre modifié — ça marche"
        assert {b[0].parent for b in workspace.backups()} == {data_dir / "sauvegardes"}
    finally:
        workspace.close()
    cli = run_cli("--data-dir", data_dir, "dossier", "list")
    assert cli.returncode == 0, cli.stderr
    assert "Grappe « longue » é" in cli.stdout
    assert inspect_file(data_dir / "esms-desktop.sqlite3", full_check=True).status == "ok"

"""Copies of opened annexes: written under a safe name in a private folder, removed afterwards.

« Ouvrir » used to write ``mkdtemp() / name`` with the name a received file chose, and left the
copy in the temporary folder for good. Every test points the temporary folder at its own.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from esms_desktop import annex_copies
from esms_desktop.annex_copies import PREFIX, copies_folder, remove_stale_copies, write_copy

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ("../../evil.txt", "/etc/cron.d/x", "RIB.pdf     .exe", "a\x00b", ".", "..", "C:\\x.pdf")


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "a" / "b" / "temp"  # deep: a ../../ escape would still land in tmp_path
    root.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def _files_under(path: Path) -> set[Path]:
    return {p.resolve() for p in path.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_copy_is_written_only_inside_our_private_folder(temp_root: Path, name: str) -> None:
    outside_before = _files_under(temp_root.parents[1])
    copy = write_copy(name, b"contenu")
    folder = copies_folder()
    assert folder.parent == temp_root and folder.name.startswith(PREFIX)
    assert copy.resolve().is_relative_to(folder.resolve())
    assert copy.read_bytes() == b"contenu"
    assert "\x00" not in copy.name and copy.name not in {".", ".."}
    assert _files_under(temp_root.parents[1]) - outside_before == {copy.resolve()}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_private_folder_is_the_owners_only(temp_root: Path) -> None:
    write_copy("RIB.pdf", b"x")
    assert stat.S_IMODE(copies_folder().stat().st_mode) == 0o700


def test_opening_the_same_annex_twice_gives_two_copies(temp_root: Path) -> None:
    # On Windows a viewer holds the first copy open: writing over it would fail.
    first, second = write_copy("RIB.pdf", b"1"), write_copy("RIB.pdf", b"2")
    assert first != second and first.name == second.name == "RIB.pdf"
    assert (first.read_bytes(), second.read_bytes()) == (b"1", b"2")


def test_the_private_folder_is_made_again_when_it_is_gone(temp_root: Path) -> None:
    gone = copies_folder()
    shutil.rmtree(gone)
    copy = write_copy("RIB.pdf", b"x")
    assert copy.exists() and copies_folder() != gone


def test_an_unwritable_temporary_folder_is_a_french_message(
    temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_a: object, **_k: object) -> str:
        raise PermissionError(13, "Permission non accordée")

    copies_folder()
    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    with pytest.raises(annex_copies.AnnexCopyError) as caught:
        write_copy("RIB.pdf", b"x")
    assert "RIB.pdf" in caught.value.message and "dossier temporaire" in caught.value.message


def _aged(path: Path, seconds: float) -> Path:
    when = time.time() - seconds
    os.utime(path, (when, when), follow_symlinks=False)
    return path


def test_start_up_removes_only_our_folders_left_by_earlier_runs(temp_root: Path) -> None:
    old = _aged(_make(temp_root / f"{PREFIX}ancien", "RIB.pdf"), 3600)
    recent = _make(temp_root / f"{PREFIX}autre-instance", "x.pdf")  # made after we started
    stranger = _aged(_make(temp_root / "autre-programme", "garder.txt"), 3600)
    a_file = temp_root / f"{PREFIX}fichier"
    a_file.write_bytes(b"pas un dossier")
    _aged(a_file, 3600)
    ours = copies_folder()
    _aged(ours, 3600)  # this process's own folder is never removed, however old it looks

    removed = remove_stale_copies(before=time.time() - 60)

    assert removed == 1
    assert not old.exists()
    assert recent.exists() and stranger.exists() and a_file.exists() and ours.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege there")
def test_start_up_never_follows_a_link_named_like_ours(temp_root: Path, tmp_path: Path) -> None:
    target = _make(tmp_path / "precieux", "garder.txt")
    link = temp_root / f"{PREFIX}piege"
    link.symlink_to(target, target_is_directory=True)
    _aged(link, 3600)
    assert remove_stale_copies(before=time.time()) == 0
    assert (target / "garder.txt").exists() and link.is_symlink()


def test_by_default_start_up_spares_what_is_newer_than_the_process(temp_root: Path) -> None:
    old = _aged(_make(temp_root / f"{PREFIX}ancien", "RIB.pdf"), 3600)
    new = _make(temp_root / f"{PREFIX}nouveau", "RIB.pdf")
    assert remove_stale_copies() == 1
    assert not old.exists() and new.exists()


def test_the_copies_are_removed_when_the_program_ends(tmp_path: Path) -> None:
    code = "from esms_desktop.annex_copies import write_copy\nprint(write_copy('RIB.pdf', b'x'))\n"
    env = {**os.environ, "TMPDIR": str(tmp_path), "TEMP": str(tmp_path), "TMP": str(tmp_path)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    copy = Path(done.stdout.strip())
    assert copy.name == "RIB.pdf" and copy.resolve().is_relative_to(tmp_path.resolve())
    assert not copy.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(PREFIX)]


def _make(folder: Path, name: str) -> Path:
    folder.mkdir()
    (folder / name).write_bytes(b"x")
    return folder

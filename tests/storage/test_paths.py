"""Where data lives: explicit folder, portable mode, platform default, risky locations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PureWindowsPath

import platformdirs
import pytest

from esms_desktop import paths


def test_explicit_folder_wins_over_portable_marker(tmp_path: Path) -> None:
    program = tmp_path / "programme"
    program.mkdir()
    (program / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    explicit = tmp_path / "ailleurs"
    assert paths.data_dir(explicit, program=program) == explicit.absolute()


def test_portable_marker_puts_data_beside_the_program(tmp_path: Path) -> None:
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.data_dir(program=tmp_path) == tmp_path / "donnees"
    assert paths.portable_data_dir(tmp_path) == tmp_path / "donnees"


def test_without_marker_the_local_non_roaming_user_folder_is_used(tmp_path: Path) -> None:
    expected = Path(platformdirs.user_data_dir("esms-desktop", appauthor=False, roaming=False))
    assert paths.portable_data_dir(tmp_path) is None
    assert paths.data_dir(program=tmp_path) == expected


def test_frozen_program_dir_is_the_executable_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "esms-desktop.exe"))
    assert paths.program_dir() == tmp_path.resolve()


def test_data_paths_names_every_file_without_creating_anything(tmp_path: Path) -> None:
    root = tmp_path / "pas-encore-cree"
    p = paths.data_paths(root)
    assert p.database == root / "esms-desktop.sqlite3"
    assert p.backups == root / "sauvegardes"
    assert p.logs == root / "journaux"
    assert p.lock == root / "esms-desktop.lock"
    assert not root.exists()


def test_importing_paths_does_no_io() -> None:
    code = (
        "import builtins, os, pathlib\n"
        "calls = []\n"
        "real_mkdir = pathlib.Path.mkdir\n"
        "pathlib.Path.mkdir = lambda *a, **k: calls.append(a)\n"
        "import esms_desktop.paths\n"
        "assert not calls, calls\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (r"\\serveur\partage\esms", "partage réseau"),
        ("//nas/commun/esms", "partage réseau"),
        (r"C:\Users\marie\OneDrive - Association Les Tilleuls\esms", "OneDrive"),
        (r"C:\Users\marie\OneDrive\Documents", "OneDrive"),
        ("/Users/marie/Library/CloudStorage/OneDrive-Personnel/esms", "OneDrive"),
        ("/home/marie/Dropbox (Personnel)/esms", "Dropbox"),
        (r"G:\Mon Drive\esms", "Google Drive"),
        ("/Users/marie/Google Drive/esms", "Google Drive"),
        ("/Users/marie/Library/Mobile Documents/com~apple~CloudDocs/esms", "iCloud Drive"),
        (r"C:\Users\marie\iCloudDrive\esms", "iCloud Drive"),
        ("/home/marie/Nextcloud/esms", "Nextcloud"),
    ],
)
def test_network_and_sync_folders_are_recognised(path: str, reason: str) -> None:
    assert paths.sync_or_network_reason(path) == reason


@pytest.mark.parametrize(
    "path",
    [
        r"C:\Users\marie\AppData\Local\esms-desktop",
        "/home/marie/.local/share/esms-desktop",
        "/home/marie/Documents/dropboxes-de-courrier",  # a word containing the name is not a match
        r"D:\Sauvegardes\onedrivers",
    ],
)
def test_local_folders_are_not_flagged(path: str) -> None:
    assert paths.sync_or_network_reason(path) is None


def test_windows_path_objects_are_accepted() -> None:
    assert paths.sync_or_network_reason(PureWindowsPath(r"C:\x\Dropbox\y")) == "Dropbox"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "/home/marie/données #1/esms.sqlite3",
            "file:///home/marie/donn%C3%A9es%20%231/esms.sqlite3",
        ),
    ],
)
def test_sqlite_uri_escapes_and_keeps_a_local_path(raw: str, expected: str) -> None:
    from esms_desktop.storage.db import sqlite_uri

    assert sqlite_uri(Path(raw)) == expected
    assert sqlite_uri(Path(raw), mode="ro") == expected + "?mode=ro"


def test_sqlite_uri_opens_a_path_with_special_characters(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    from esms_desktop.storage.db import connect_raw

    odd = tmp_path / "dossier ?#% données" / "base.sqlite3"
    odd.parent.mkdir()
    with closing(sqlite3.connect(odd)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    with closing(connect_raw(odd, read_only=True)) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]


def test_windows_paths_become_sqlite_uris() -> None:
    from esms_desktop.storage import db

    class FakePath:
        def __init__(self, text: str) -> None:
            self.text = text

        def absolute(self) -> str:
            return self.text

    assert db.sqlite_uri(FakePath(r"C:\Users\m\b.sqlite3")) == "file:///C:/Users/m/b.sqlite3"  # type: ignore[arg-type]
    assert db.sqlite_uri(FakePath(r"\\nas\commun\b.sqlite3")) == "file:////nas/commun/b.sqlite3"  # type: ignore[arg-type]

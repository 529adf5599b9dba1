"""Atomic PDF writing: a failed export never damages the PDF a director printed earlier."""

from __future__ import annotations

import errno
import os
import stat
import sys

import pytest

from esms_desktop.reports import writer
from esms_desktop.reports.writer import ReportWriteError, write_pdf_atomically

OLD = b"%PDF-1.4 earlier dossier, signed last week"
NEW = b"%PDF-1.4 new dossier"


def leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "dossier.pdf"
    assert write_pdf_atomically(OLD, target) == target
    assert target.read_bytes() == OLD
    write_pdf_atomically(NEW, str(target))
    assert target.read_bytes() == NEW
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="modes POSIX")
def test_new_file_gets_the_usual_permissions(tmp_path):
    old_mask = os.umask(0o022)
    try:
        write_pdf_atomically(NEW, tmp_path / "dossier.pdf")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE((tmp_path / "dossier.pdf").stat().st_mode) == 0o644


def test_failed_replace_keeps_the_earlier_pdf(tmp_path, monkeypatch):
    target = tmp_path / "dossier.pdf"
    target.write_bytes(OLD)

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(writer.os, "replace", refuse)
    with pytest.raises(ReportWriteError) as caught:
        write_pdf_atomically(NEW, target)
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []
    message = str(caught.value)
    assert str(target) in message
    assert "accès refusé" in message and "resté intact" in message
    assert caught.value.path == target


def test_disk_full_keeps_the_earlier_pdf(tmp_path, monkeypatch):
    target = tmp_path / "dossier.pdf"
    target.write_bytes(OLD)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer.os, "fsync", full)
    with pytest.raises(ReportWriteError, match="disque est plein"):
        write_pdf_atomically(NEW, target)
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="droits POSIX (root passe outre)"
)
def test_read_only_folder(tmp_path):
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    target = folder / "dossier.pdf"
    target.write_bytes(OLD)
    folder.chmod(0o500)
    try:
        with pytest.raises(ReportWriteError, match="accès refusé"):
            write_pdf_atomically(NEW, target)
    finally:
        folder.chmod(0o700)
    assert target.read_bytes() == OLD


def test_missing_folder_and_directory_target(tmp_path):
    with pytest.raises(ReportWriteError, match="n'existe pas"):
        write_pdf_atomically(NEW, tmp_path / "absent" / "dossier.pdf")
    (tmp_path / "un-dossier.pdf").mkdir()
    with pytest.raises(ReportWriteError, match=r"« .*un-dossier\.pdf »"):
        write_pdf_atomically(NEW, tmp_path / "un-dossier.pdf")
    assert leftovers(tmp_path) == []

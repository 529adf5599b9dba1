"""Attached files' names are data: whatever a received file says, the name is a plain base name."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esms_desktop.domain.file_names import (
    FALLBACK_NAME,
    MAX_NAME_LENGTH,
    can_open,
    safe_file_name,
)


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("RIB.pdf", "RIB.pdf"),
        ("Statuts signés 2024.pdf", "Statuts signés 2024.pdf"),
        ("../../../etc/passwd", "passwd"),
        ("/etc/cron.d/x", "x"),
        ("C:\\Windows\\System32\\evil.dll", "evil.dll"),
        ("..", FALLBACK_NAME),
        (".", FALLBACK_NAME),
        ("", FALLBACK_NAME),
        ("RIB\x00.pdf", "RIB_.pdf"),
        ("RIB.pdf   .", "RIB.pdf"),
        ("CON.txt", "_CON.txt"),
        ("nul", "_nul"),
        ("a\u202egpj.exe", "a_gpj.exe"),
        ('q<u>e:l"l|e?s*.pdf', "q_u_e_l_l_e_s_.pdf"),
    ],
)
def test_a_name_becomes_a_plain_base_name(given_name: str, expected: str) -> None:
    assert safe_file_name(given_name) == expected


@pytest.mark.parametrize(
    ("name", "opens"),
    [
        ("RIB.pdf", True),
        ("scan.JPG", True),
        ("statuts.docx", True),
        ("RIB.pdf      .exe", False),
        ("RIB.pdf.exe", False),
        ("macro.xlsm", False),
        ("script.bat", False),
        ("raccourci.lnk", False),
        ("sans-extension", False),
        ("RIB.pdf .", True),  # Windows reads it as RIB.pdf
    ],
)
def test_only_documents_are_handed_to_the_default_program(name: str, opens: bool) -> None:
    assert can_open(name) is opens


def test_a_long_name_keeps_its_extension() -> None:
    name = safe_file_name("x" * 5000 + ".pdf")
    assert len(name) == MAX_NAME_LENGTH and name.endswith(".pdf")


@given(text=st.text(max_size=300))
def test_any_text_is_a_name_that_stays_in_its_folder(text: str) -> None:
    name = safe_file_name(text)
    folder = Path("/dossier/prive")
    assert name and len(name) <= MAX_NAME_LENGTH
    assert (folder / name).parent == folder
    assert name not in {".", ".."} and "/" not in name and "\\" not in name and "\x00" not in name
    assert safe_file_name(name) == name  # already safe: unchanged

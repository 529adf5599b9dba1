"""Names of attached files: data chosen by whoever made the file, never a path to trust.

An annex name travels inside a partner's ``.esms``: it could say ``../../x``, ``C:\\x``, carry a
NUL, end in spaces and dots (which Windows drops, so ``RIB.pdf .exe`` *is* a program) or name a
device (``CON``). :func:`safe_file_name` turns any text into a plain base name, safe to create
in a folder of our own, on every system; :func:`can_open` says whether handing that file to the
system's default program shows a document rather than runs something.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath

FALLBACK_NAME = "piece-jointe"
MAX_NAME_LENGTH = 120
"""Characters kept of a name: well under every file system's limit, with room for a folder."""

_RESERVED_CHARACTERS = frozenset('<>:"/\\|?*')
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{n}" for n in range(1, 10)}
    | {f"LPT{n}" for n in range(1, 10)}
)

OPENABLE_SUFFIXES = frozenset(
    {
        ".pdf",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".tif",
        ".tiff",
        ".bmp",
        ".txt",
        ".csv",
        ".rtf",
        ".odt",
        ".ods",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
    }
)
"""Documents an annex may be (statuts, RIB, scans): opened by a viewer, never executed.

Formats that carry macros (``.docm``, ``.xlsm``) and anything unknown are left out on purpose:
for those the program shows the folder instead of running the file."""


def _is_unsafe(character: str) -> bool:
    """Control and format characters (NUL, escapes, bidi overrides) and Windows' reserved ones."""
    return character in _RESERVED_CHARACTERS or unicodedata.category(character) in {
        "Cc",
        "Cf",
        "Cs",
        "Co",
        "Cn",
    }


def safe_file_name(name: str) -> str:
    """A base name with no folder part, no control character, nothing Windows would rewrite.

    Keeps what a person recognises (accents, spaces inside, the extension); the result is never
    empty, never ``.`` or ``..``, never a device name, at most :data:`MAX_NAME_LENGTH` long.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join("_" if _is_unsafe(c) else c for c in unicodedata.normalize("NFC", base))
    base = base.strip().rstrip(". ")  # Windows drops trailing dots and spaces: "a.pdf ." is a.pdf
    if not base.strip("._ "):
        return FALLBACK_NAME
    stem = base.split(".", 1)[0].rstrip()
    if stem.upper() in _WINDOWS_DEVICES:
        base = f"_{base}"
    if len(base) > MAX_NAME_LENGTH:
        suffix = PurePosixPath(base).suffix
        suffix = suffix if len(suffix) <= 10 else ""
        base = base[: MAX_NAME_LENGTH - len(suffix)].rstrip(". ") + suffix
    return base


def can_open(name: str) -> bool:
    """True when the (made safe) name's extension is a document type from the list above."""
    return PurePosixPath(safe_file_name(name)).suffix.lower() in OPENABLE_SUFFIXES

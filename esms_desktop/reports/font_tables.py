"""The character tables of a TrueType face, kept between runs in the user's cache folder.

Unpacking the character map, widths and glyph locations of the five DejaVu faces takes some
15–25 ms of every process that prints (some 30,000 glyphs); reading them back from a file
written by an earlier run takes a third of that. A cache must never print a wrong glyph, so an
entry is used only when it was written for this very font file (path, size, modification time),
by this format and ReportLab's version, and when its checksum matches: anything else — missing,
damaged, truncated, from another font — is ignored and written again from the font itself.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

FORMAT = 1
"""Bumped whenever what is stored (or how ``ttf_face`` computes it) changes."""

Tables = tuple[
    dict[int, int], dict[int, list[int]], dict[int, float], list[Any], list[int], float, int
]
"""charToGlyph, glyphToChar, charWidths, hmetrics, glyphPos, defaultWidth, read position."""

_KINDS: tuple[Any, ...] = (dict, dict, dict, list, list, (int, float), int)


def default_folder() -> Path:
    """``esms-desktop/polices`` in the platform's per-user cache folder."""
    import platformdirs  # already loaded by the program's paths; kept local to this use

    return Path(platformdirs.user_cache_dir("esms-desktop", appauthor=False)) / "polices"


def _key(font: Path) -> tuple[Any, ...]:
    from reportlab import Version

    stat = font.stat()
    return (FORMAT, Version, str(font), stat.st_size, stat.st_mtime_ns)


def _entry(folder: Path, font: Path) -> Path:
    digest = hashlib.sha256(str(font).encode("utf-8")).hexdigest()[:12]
    return folder / f"{font.stem}-{digest}.tables"


def load(folder: Path, font: Path) -> Tables | None:
    """The tables stored for ``font``, or ``None`` when there is no sound entry for it."""
    try:
        key = _key(font)
        stored = marshal.loads(_entry(folder, font).read_bytes())
        if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == key):
            return None
        checksum, payload = stored[1], stored[2]
        if not isinstance(payload, bytes) or zlib.crc32(payload) != checksum:
            return None
        tables = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(tables, tuple) or len(tables) != len(_KINDS):
        return None
    if not all(isinstance(value, kind) for value, kind in zip(tables, _KINDS, strict=True)):
        return None
    return tables


def store(folder: Path, font: Path, tables: Tables) -> None:
    """Write the entry for ``font`` (atomically); a folder that cannot be written is skipped:
    the cache only saves time, the next run reads the font again."""
    try:
        payload = marshal.dumps(tables)
        data = marshal.dumps((_key(font), zlib.crc32(payload), payload))
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tables-")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.replace(temporary, _entry(folder, font))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return

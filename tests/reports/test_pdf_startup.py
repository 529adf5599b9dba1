"""What the ``pdf`` command loads and keeps between runs (issue 18: a short PDF in a blink).

The time itself is a benchmark (``python -m benchmarks --only pdf``); these check behaviour:
which modules a PDF of a spreadsheet loads, that ReportLab's deferred patterns still match as
compiled ones, that the font tables cache gives the face a parse gives and is rebuilt when it is
damaged or stale, and that the command's imports leave the collector as they found it.
"""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape as sax_escape

import pytest
from reportlab.platypus import paragraph

from esms_desktop.cli.common import loading_modules
from esms_desktop.reports import base, font_tables, rl_startup
from esms_desktop.reports.ttf_face import FastTTFontFace, face_attributes
from esms_desktop.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
FONT = resource_path("fonts", "DejaVuSansCondensed.ttf")

CHILD = """\
import json, sys
from esms_desktop.__main__ import main
from esms_desktop.reports.rl_startup import LazyPattern
code = main(sys.argv[2:])
from reportlab.platypus import paragraph
json.dump({"code": code, "modules": sorted(sys.modules),
           "lazy": isinstance(paragraph.uri_pat, LazyPattern)}, open(sys.argv[1], "w"))
"""


def test_a_pdf_of_a_csv_loads_neither_storage_spreadsheets_qt_nor_the_other_documents(
    tmp_path: Path, example_csv: Path
) -> None:
    report, target = tmp_path / "run.json", tmp_path / "dossier.pdf"
    args = ["pdf", str(example_csv), "--campaign", "amorcage-2021-t2", "-o", str(target)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPROFILEIMPORTTIME"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(report), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert report.exists(), done.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["code"] == 0 and target.stat().st_size > 10_000
    modules = set(data["modules"])
    for heavy in ("sqlalchemy", "alembic", "openpyxl", "python_calamine", "PySide6"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy
    # xml.sax.saxutils drags urllib.request, e-mail and HTTP in; the pieces are not printed here
    for unused in ("xml.sax.saxutils", "urllib.request", "esms_desktop.reports.letter"):
        assert unused not in modules, unused
    assert "esms_desktop.reports.partner_form" not in modules
    assert data["lazy"], "ReportLab's URL pattern compiled at import again"


URLS = ["https://www.esante.gouv.fr/esms-numerique", "ftp://x.org/a b", "mailto:x", "", "www"]


def test_a_deferred_pattern_matches_as_the_compiled_one() -> None:
    source = paragraph.uri_pat.pattern  # compiles it, if ReportLab was imported here first
    lazy = rl_startup.LazyPattern(source, re.I)
    compiled = re.compile(source, re.I)
    for url in URLS:
        got, want = lazy.match(url), compiled.match(url)
        assert (got and got.groups()) == (want and want.groups()), url
    assert lazy.sub("-", "a b") == compiled.sub("-", "a b")


def test_only_reportlabs_whole_plane_patterns_are_deferred() -> None:
    plain = rl_startup._compile_for_reportlab("[a-z]+")
    wide = rl_startup._compile_for_reportlab("[\u2e80-\uffff]")  # called from a test, not ReportLab
    assert isinstance(plain, re.Pattern) and isinstance(wide, re.Pattern)
    assert re.compile is rl_startup._original_compile  # put back after the import


@pytest.mark.parametrize("text", ["a & b < c > d", "« 5 000 € »", "&amp;", "\"'"])
def test_markup_escape_is_saxutils_escape(text: str) -> None:
    assert base.escape(text) == sax_escape(text)


def test_a_cached_face_is_the_parsed_face(tmp_path: Path) -> None:
    parsed = face_attributes(FastTTFontFace(str(FONT)))
    first = face_attributes(FastTTFontFace(str(FONT), cache_folder=tmp_path))
    assert list(tmp_path.glob("*.tables")), "no entry written"
    second = face_attributes(FastTTFontFace(str(FONT), cache_folder=tmp_path))
    assert first == parsed and second == parsed
    assert font_tables.load(tmp_path, FONT) is not None


def _entry(folder: Path) -> Path:
    (entry,) = folder.glob("*.tables")
    return entry


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated (a run killed while writing elsewhere)
        lambda data: b"not a cache",
        lambda data: data[:-10] + bytes(10),  # the checksum no longer matches
        lambda data: b"",
    ],
)
def test_a_damaged_cache_is_ignored_and_written_again(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    FastTTFontFace(str(FONT), cache_folder=tmp_path)
    entry = _entry(tmp_path)
    entry.write_bytes(damage(entry.read_bytes()))
    assert font_tables.load(tmp_path, FONT) is None
    face = face_attributes(FastTTFontFace(str(FONT), cache_folder=tmp_path))
    assert face == face_attributes(FastTTFontFace(str(FONT)))
    assert font_tables.load(tmp_path, FONT) is not None  # rebuilt


def test_an_entry_for_another_state_of_the_font_file_is_not_used(tmp_path: Path) -> None:
    font = tmp_path / "police.ttf"
    font.write_bytes(FONT.read_bytes())
    cache = tmp_path / "cache"
    FastTTFontFace(str(font), cache_folder=cache)
    assert font_tables.load(cache, font) is not None
    stat = font.stat()
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # font replaced
    assert font_tables.load(cache, font) is None
    other = resource_path("fonts", "DejaVuSans-Bold.ttf").read_bytes()
    font.write_bytes(other)  # another font under the same name: another size and content
    face = face_attributes(FastTTFontFace(str(font), cache_folder=cache))
    expected = face_attributes(FastTTFontFace(str(font)))
    assert face["charWidths"] == expected["charWidths"] and face["glyphPos"] == expected["glyphPos"]


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    face = face_attributes(FastTTFontFace(str(FONT), cache_folder=blocked / "polices"))
    assert face == face_attributes(FastTTFontFace(str(FONT)))


def test_loading_modules_leaves_the_collector_on_and_sets_them_aside() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    try:
        with loading_modules():
            assert not gc.isenabled()  # paused while the modules load
        assert gc.isenabled()
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()

"""The shipped fonts read in bulk (FastTTFontFace) hold exactly what ReportLab's reading gives."""

from __future__ import annotations

import struct

import pytest
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from esms_desktop.reports import base
from esms_desktop.reports.ttf_face import FastTTFontFace, face_attributes
from esms_desktop.resources import resource_path


@pytest.mark.parametrize("file_name", sorted(set(base._FONT_FILES.values())))
def test_a_shipped_face_reads_as_reportlab_reads_it(file_name: str) -> None:
    path = str(resource_path("fonts", file_name))
    fast, slow = face_attributes(FastTTFontFace(path)), face_attributes(TTFontFace(path))
    assert fast.keys() == slow.keys()
    for key, value in slow.items():
        assert fast[key] == value, key
    assert len(fast["charToGlyph"]) > 3000  # the whole map, not an empty one on both sides


def test_the_format_4_map_gives_the_same_glyphs() -> None:
    """DejaVu's chosen map is format 12; its format 4 map (the BMP) gives the same glyphs."""
    face = FastTTFontFace(str(resource_path("fonts", "DejaVuSansCondensed.ttf")))
    data, cmap = face._ttf_data, face.table["cmap"]["offset"]
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    subtables = [struct.unpack_from(">HHL", data, cmap + 4 + 8 * n) for n in range(count)]
    offset = next(cmap + o for p, e, o in subtables if (p, e) == (3, 1))
    assert struct.unpack_from(">H", data, offset)[0] == 4
    c2g = dict(face._format4(offset))
    bmp = {u: g for u, g in face.charToGlyph.items() if u <= 0xFFFF and u != 0xA0}
    assert len(bmp) > 3000
    assert {u: g for u, g in c2g.items() if g and u != 0xA0} == {u: g for u, g in bmp.items() if g}


def test_a_tagged_font_is_a_ttfont_with_the_same_attributes() -> None:
    path = str(resource_path("fonts", "DejaVuSans.ttf"))
    tagged, plain = base.TaggedTTFont("X", path), TTFont("X", path)
    assert vars(tagged).keys() == vars(plain).keys()
    assert {k: v for k, v in vars(tagged).items() if k not in ("face", "state", "encoding")} == {
        k: v for k, v in vars(plain).items() if k not in ("face", "state", "encoding")
    }
    assert tagged.stringWidth("Montant : 25 000 €", 8) == plain.stringWidth("Montant : 25 000 €", 8)

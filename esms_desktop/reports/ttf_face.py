"""A TrueType face read as ReportLab reads it, with its per-glyph tables unpacked in bulk.

ReportLab reads the character map, the widths and the glyph locations of a font one number at
a time (a Python call per value): for the five DejaVu faces, some 30,000 glyphs, that is about
75 ms of every process that prints. :class:`FastTTFontFace` lets ReportLab read the font's
headers as usual, then unpacks those three tables with one ``struct`` call each and fills the
very attributes ReportLab would have (``charToGlyph``, ``glyphToChar``, ``charWidths``,
``hmetrics``, ``glyphPos``…), so measuring, subsetting and embedding are unchanged. A font whose
character map is not of the usual kind (format 12, as DejaVu's, or 4) is read by ReportLab
itself. tests/reports/test_ttf_face.py checks, for every shipped font, that both readings give
the same face.
"""

from __future__ import annotations

import struct
from typing import Any

from reportlab.pdfbase.ttfonts import TTFError, TTFontFace


class FastTTFontFace(TTFontFace):
    """:class:`TTFontFace` whose ``extractInfo`` unpacks cmap, hmtx and loca in bulk."""

    def extractInfo(self, charInfo: int = 1) -> None:  # noqa: N802, N803 (ReportLab's names)
        start: int = getattr(self, "_pos", 0)
        super().extractInfo(0)  # names, head, OS/2, post, hhea, maxp: ReportLab's own code
        if not charInfo:
            return
        if not self._fill_char_info():
            self._pos = start
            super().extractInfo(charInfo)  # an unusual font: ReportLab reads it all

    def _fill_char_info(self) -> bool:
        """The character tables, as ReportLab's ``extractInfo`` fills them; ``False`` (nothing
        set) for a character map format this reader leaves to ReportLab."""
        data: bytes = self._ttf_data
        table = self.table
        head = table["head"]["offset"]
        index_to_loc_format, glyph_data_format = struct.unpack_from(">HH", data, head + 50)
        if glyph_data_format != 0:
            raise TTFError(f"Unknown glyph data format ({glyph_data_format})")
        (hmetrics_count,) = struct.unpack_from(">H", data, table["hhea"]["offset"] + 34)
        glyphs: int = self.numGlyphs
        found = self._cmap_subtable()
        if found is None:
            return False
        fmt, offset = found
        # hmtx: (advance, left side bearing) for the first glyphs, then bearings only; past the
        # first part ReportLab keeps the last advance *scaled* (its quirk, kept as it is).
        scale = self._pdfScale
        hmtx = table["hmtx"]["offset"]
        pairs = struct.unpack_from(f">{2 * hmetrics_count}H", data, hmtx)
        bearings = struct.unpack_from(
            f">{max(0, glyphs - hmetrics_count)}H", data, hmtx + 4 * hmetrics_count
        )
        advances = pairs[0::2]
        last = scale(advances[-1])
        scaled = [scale(a) for a in advances]
        scaled += [last] * (glyphs - len(scaled))  # the advance of every glyph ReportLab sizes
        char_to_glyph: dict[int, int] = {}
        glyph_to_char: dict[int, list[int]] = {}
        widths: dict[int, float] = {}
        if fmt == 12:
            (segments,) = struct.unpack_from(">L", data, offset + 12)
            values = struct.unpack_from(f">{3 * segments}L", data, offset + 16)
            pairs_of = zip(values[0::3], values[1::3], values[2::3], strict=True)
            mapped = [
                (unichar, unichar + glyph - first)
                for first, end, glyph in pairs_of
                for unichar in range(first, end + 1)
            ]
        elif fmt == 4:
            mapped = self._format4(offset)
        else:
            return False
        for unichar, glyph in mapped:
            char_to_glyph[unichar] = glyph
            glyph_to_char.setdefault(glyph, []).append(unichar)
            if glyph < len(scaled):
                widths[unichar] = scaled[glyph]
        self.charToGlyph, self.glyphToChar, self.charWidths = char_to_glyph, glyph_to_char, widths
        self.hmetrics = list(zip(advances, pairs[1::2], strict=True))
        self.hmetrics += [(last, lsb) for lsb in bearings]
        self.defaultWidth = scale(advances[0])

        # loca: where each glyph starts (and the end of the last one)
        if "loca" not in table:
            raise TTFError("missing location table")
        loca = table["loca"]["offset"]
        if index_to_loc_format == 0:
            self.glyphPos = [p << 1 for p in struct.unpack_from(f">{glyphs + 1}H", data, loca)]
            self._pos = loca + 2 * (glyphs + 1)
        elif index_to_loc_format == 1:
            self.glyphPos = list(struct.unpack_from(f">{glyphs + 1}L", data, loca))
            self._pos = loca + 4 * (glyphs + 1)
        else:
            raise TTFError(f"Unknown location table format ({index_to_loc_format})")
        if 0x20 in char_to_glyph:
            char_to_glyph[0xA0] = char_to_glyph[0x20]
            widths[0xA0] = widths[0x20]
        elif 0xA0 in char_to_glyph:
            char_to_glyph[0x20] = char_to_glyph[0xA0]
            widths[0x20] = widths[0xA0]
        return True

    def _cmap_subtable(self) -> tuple[int, int] | None:
        """(format, file offset) of the character map ReportLab would pick."""
        data: bytes = self._ttf_data
        cmap = self.table["cmap"]["offset"]
        version, count = struct.unpack_from(">HH", data, cmap)
        if count == 0 and version != 0:
            count = version
        chosen: int | None = None
        kind = 0
        for n in range(count):
            platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
            if platform == 3:
                kind, chosen = 1, offset
            elif platform == 1 and encoding == 0 and kind != 1:
                kind, chosen = 2, offset
            elif (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
                kind, chosen = 1, offset
        if chosen is None:
            raise TTFError("could not find a suitable cmap encoding")
        (fmt,) = struct.unpack_from(">H", data, cmap + chosen)
        return fmt, cmap + chosen

    def _format4(self, offset: int) -> list[tuple[int, int]]:
        """(code, glyph) pairs of a format 4 map (segments of 16-bit codes), decoded as
        ReportLab decodes them."""
        data: bytes = self._ttf_data
        length, _lang, seg_x2 = struct.unpack_from(">HHH", data, offset + 2)
        limit = offset + length
        count = seg_x2 // 2
        ends_at = offset + 14
        ends = struct.unpack_from(f">{count}H", data, ends_at)
        starts = struct.unpack_from(f">{count}H", data, ends_at + 2 * count + 2)
        deltas = struct.unpack_from(f">{count}h", data, ends_at + 4 * count + 2)
        range_at = ends_at + 6 * count + 2
        range_offsets = struct.unpack_from(f">{count}H", data, range_at)
        mapped: list[tuple[int, int]] = []
        for n in range(count):
            first, delta, range_offset = starts[n], deltas[n], range_offsets[n]
            for unichar in range(first, ends[n] + 1):
                if range_offset == 0:
                    glyph = (unichar + delta) & 0xFFFF
                else:
                    at = range_at + 2 * n + (unichar - first) * 2 + range_offset
                    if at >= limit:
                        glyph = 0
                    else:
                        (glyph,) = struct.unpack_from(">H", data, at)
                        if glyph != 0:
                            glyph = (glyph + delta) & 0xFFFF
                mapped.append((unichar, glyph))
        return mapped


def face_attributes(face: Any) -> dict[str, Any]:
    """The state a face holds once read (its read position aside): what tests compare."""
    return {k: v for k, v in vars(face).items() if k not in ("_pos", "_pdfScale")}

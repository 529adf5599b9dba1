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
from pathlib import Path
from typing import Any

from reportlab.pdfbase.ttfonts import TTFError, TTFontFace

from esms_desktop.reports import font_tables


class FastTTFontFace(TTFontFace):
    """:class:`TTFontFace` whose ``extractInfo`` unpacks cmap, hmtx and loca in bulk, or reads
    them back from ``cache_folder`` (:mod:`~esms_desktop.reports.font_tables`) when given."""

    def __init__(
        self,
        filename: str,
        validate: int = 0,
        subfontIndex: int = 0,  # noqa: N803 (ReportLab's name)
        *,
        cache_folder: Path | None = None,
    ) -> None:
        self._cache_folder = cache_folder
        super().__init__(filename, validate, subfontIndex)

    def extractInfo(self, charInfo: int = 1) -> None:  # noqa: N802, N803 (ReportLab's names)
        start: int = getattr(self, "_pos", 0)
        super().extractInfo(0)  # names, head, OS/2, post, hhea, maxp: ReportLab's own code
        if not charInfo:
            return
        folder = getattr(self, "_cache_folder", None)
        font = Path(self.filename)
        if folder is not None:
            tables = font_tables.load(folder, font)
            if tables is not None:
                (self.charToGlyph, self.glyphToChar, self.charWidths, self.hmetrics) = tables[:4]
                self.glyphPos, self.defaultWidth, self._pos = tables[4:]
                return
        if not self._fill_char_info():
            self._pos = start
            super().extractInfo(charInfo)  # an unusual font: ReportLab reads it all
        elif folder is not None:
            font_tables.store(folder, font, self._tables())

    def _tables(self) -> font_tables.Tables:
        """What :func:`font_tables.store` keeps: every attribute the character pass sets."""
        return (
            self.charToGlyph,
            self.glyphToChar,
            self.charWidths,
            self.hmetrics,
            self.glyphPos,
            self.defaultWidth,
            self._pos,
        )

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
        scaled = list(map(scale, advances))
        scaled += [last] * (glyphs - len(scaled))  # the advance of every glyph ReportLab sizes
        if fmt == 12:
            chars, glyph_ids = self._format12(offset)
        elif fmt == 4:
            mapped = self._format4(offset)
            chars, glyph_ids = [c for c, _ in mapped], [g for _, g in mapped]
        else:
            return False
        char_to_glyph, glyph_to_char, widths = _char_tables(chars, glyph_ids, scaled)
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

    def _format12(self, offset: int) -> tuple[list[int], list[int]]:
        """Codes and glyphs of a format 12 map (segments of consecutive codes and glyphs), in
        the order ReportLab reads them."""
        (segments,) = struct.unpack_from(">L", self._ttf_data, offset + 12)
        values = struct.unpack_from(f">{3 * segments}L", self._ttf_data, offset + 16)
        chars: list[int] = []
        glyph_ids: list[int] = []
        for first, end, glyph in zip(values[0::3], values[1::3], values[2::3], strict=True):
            chars.extend(range(first, end + 1))
            glyph_ids.extend(range(glyph, glyph + end + 1 - first))
        return chars, glyph_ids

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


def _char_tables(
    chars: list[int], glyph_ids: list[int], scaled: list[float]
) -> tuple[dict[int, int], dict[int, list[int]], dict[int, float]]:
    """``charToGlyph``, ``glyphToChar`` and ``charWidths`` of the (code, glyph) pairs, as
    ReportLab's loop fills them (a later pair for a code wins; a glyph past the widths table has
    no width). A map where each code and each glyph appears once (DejaVu's) is built by dict
    constructors, without a Python step per character."""
    char_to_glyph = dict(zip(chars, glyph_ids, strict=True))
    count = len(scaled)
    if len(char_to_glyph) == len(chars) and (not glyph_ids or max(glyph_ids) < count):
        glyph_to_char = {glyph: [char] for char, glyph in zip(chars, glyph_ids, strict=True)}
        if len(glyph_to_char) == len(chars):
            widths = dict(zip(chars, map(scaled.__getitem__, glyph_ids), strict=True))
            return char_to_glyph, glyph_to_char, widths
    char_to_glyph, glyph_to_char, widths = {}, {}, {}
    for char, glyph in zip(chars, glyph_ids, strict=True):
        char_to_glyph[char] = glyph
        glyph_to_char.setdefault(glyph, []).append(char)
        if glyph < count:
            widths[char] = scaled[glyph]
    return char_to_glyph, glyph_to_char, widths


def face_attributes(face: Any) -> dict[str, Any]:
    """The state a face holds once read (its read position aside): what tests compare."""
    skipped = ("_pos", "_pdfScale", "_cache_folder")
    return {k: v for k, v in vars(face).items() if k not in skipped}

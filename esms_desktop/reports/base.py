"""The base of every printed document: geometry, fonts, styles, page templates, "page x / y".

Modelled on pretix's invoice renderer: a base class owns everything a reader sees on every page
(A4 geometry, header, footer, PDF metadata, fonts) and a document only supplies its story. The
candidature dossier is filed with the ARS and kept by each OG, so the frame matters:

* left margin of 25 mm on portrait pages and top margin of 30 mm on landscape pages, so that a
  page can be hole-punched and bound (a landscape page is bound by its top edge);
* DejaVu TrueType fonts embedded (subset), because the text is French (accents, « », ’), money
  carries ``€`` and figures use the narrow no-break space U+202F;
* "page x / y" on every page, drawn in one pass: each page draws a reference to a PDF form whose
  content (the page count) is written once the last page is known. The pretix approach of
  deferring every page would break bookmarks, which point at pages as they are emitted;
* a footer with the generation date and a short fingerprint of the data, so that two printed
  copies can be told apart at a glance ("is this the version we signed?").
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import io
import json
import re
import threading
import unicodedata
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from fnmatch import fnmatch
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph

from esms_desktop import __version__
from esms_desktop.domain.formatting import format_date
from esms_desktop.reports import font_tables
from esms_desktop.reports.paged_table import PagedTable
from esms_desktop.reports.ttf_face import FastTTFontFace
from esms_desktop.resources import resource_path

# --- fonts ---------------------------------------------------------------------------------

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_COND = "DejaVuSansCondensed"
FONT_COND_BOLD = "DejaVuSansCondensed-Bold"

_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_COND: "DejaVuSansCondensed.ttf",
    FONT_COND_BOLD: "DejaVuSansCondensed-Bold.ttf",
}


@cache
def register_fonts() -> None:
    """Register the shipped DejaVu fonts once per process (ReportLab keeps a global registry).

    The families let ``<b>`` and ``<i>`` in paragraph markup pick the right face. There is no
    condensed oblique: italic text in condensed cells falls back to the regular oblique.
    """
    cache = font_tables.default_folder()
    for name, file_name in _FONT_FILES.items():
        path = str(resource_path("fonts", file_name))
        pdfmetrics.registerFont(TaggedTTFont(name, path, cache_folder=cache))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )
    pdfmetrics.registerFontFamily(
        FONT_COND,
        normal=FONT_COND,
        bold=FONT_COND_BOLD,
        italic=FONT_ITALIC,
        boldItalic=FONT_COND_BOLD,
    )


_PATCHED_NAMES = ("_wsc", "_wsc_end_search", "split")
_patch_lock = threading.Lock()
_patch_depth = 0
_patch_originals: dict[str, Any] = {}


@contextmanager
def narrow_no_break_space_kept() -> Iterator[None]:
    """While a document renders, ReportLab's paragraphs keep U+202F as an unbreakable space.

    ReportLab lists U+202F among the characters it splits words on, so in a paragraph
    ``445 000 €`` (with narrow no-break spaces, the French norm) would be printed with plain
    spaces and could even wrap between ``445`` and ``000``. The fix rebinds module-level
    helpers of ``reportlab.platypus.paragraph``, i.e. for the whole process: so it is applied
    only for the duration of a render and the originals are put back afterwards, leaving any
    other ReportLab user in the process as it found it.

    Renders may run in background threads: a lock-guarded count makes the patch re-entrant and
    shared, installed by the first render that enters and restored by the last one that leaves.
    """
    global _patch_depth
    with _patch_lock:
        if _patch_depth == 0:
            _install_patch()
        _patch_depth += 1
    try:
        yield
    finally:
        with _patch_lock:
            _patch_depth -= 1
            if _patch_depth == 0:
                for name, value in _patch_originals.items():
                    setattr(rl_paragraph, name, value)
                _patch_originals.clear()


def _install_patch() -> None:
    """Rebuild the helpers the paragraph code calls at run time, without U+202F.

    Only U+00A0 is kept unbreakable by ReportLab itself. Tests check that U+202F survives into
    the PDF, so a ReportLab upgrade that moves these internals fails loudly instead of silently
    degrading the typography (pyproject.toml bounds ReportLab to the versions checked).
    """
    wsc = getattr(rl_paragraph, "_wsc", None)
    if not isinstance(wsc, str) or "\u202f" not in wsc:
        return
    _patch_originals.update({name: getattr(rl_paragraph, name) for name in _PATCHED_NAMES})
    wsc = wsc.replace("\u202f", "")
    breakable = re.compile(f"[{re.escape(wsc)}]+").split

    def split(text: str | bytes, delim: str | bytes | None = None) -> list[str]:
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if delim is not None:
            if isinstance(delim, bytes):
                delim = delim.decode("utf8")
            return text.split(delim)
        return [word for word in breakable(text) if word]

    rl_paragraph._wsc = wsc
    rl_paragraph._wsc_end_search = re.compile(f"[{re.escape(wsc)}]+$").search
    rl_paragraph.split = split


# --- colours and styles --------------------------------------------------------------------

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5A5A5A")
CAVEAT_SIZE = 7.5
"""The smallest text of a dossier (caveats, reasons, badges): still read on a photocopy."""
CAVEAT_LEADING = 9
ACCENT = colors.HexColor("#1F3A5F")
RULE = colors.HexColor("#9AA5B1")
ZEBRA = colors.HexColor("#F2F4F7")
GROUP = colors.HexColor("#DCE3EC")
WARN = colors.HexColor("#A84300")
ALERT = colors.HexColor("#B00020")
GOOD = colors.HexColor("#1B6E3A")
WARN_BG = colors.HexColor("#FFF1E0")
ALERT_BG = colors.HexColor("#FDE7EA")
GOOD_BG = colors.HexColor("#E5F4EA")


@cache
def stylesheet() -> StyleSheet1:
    """Every paragraph style of every document, defined once so the documents look alike."""
    register_fonts()
    ss = StyleSheet1()
    body = ParagraphStyle(
        "Body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK, spaceAfter=4
    )
    ss.add(body)
    ss.add(ParagraphStyle("BodySmall", parent=body, fontSize=8, leading=10, spaceAfter=2))
    ss.add(ParagraphStyle("Muted", parent=body, fontSize=8, leading=10, textColor=MUTED))
    ss.add(
        ParagraphStyle(
            "Title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=22,
            leading=27,
            textColor=ACCENT,
            spaceAfter=6,
        )
    )
    ss.add(
        ParagraphStyle(
            "Subtitle", parent=body, fontSize=13, leading=17, textColor=INK, spaceAfter=4
        )
    )
    ss.add(
        ParagraphStyle(
            "Kicker",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=9,
            leading=12,
            textColor=MUTED,
            spaceAfter=10,
        )
    )
    ss.add(
        ParagraphStyle(
            "H1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=6,
        )
    )
    ss.add(
        ParagraphStyle(
            "H2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=4,
        )
    )
    cell = ParagraphStyle(
        "Cell", fontName=FONT_COND, fontSize=8, leading=9.6, textColor=INK, splitLongWords=1
    )
    ss.add(cell)
    ss.add(ParagraphStyle("CellBold", parent=cell, fontName=FONT_COND_BOLD))
    ss.add(ParagraphStyle("CellRight", parent=cell, alignment=TA_RIGHT))
    ss.add(
        ParagraphStyle("CellRightBold", parent=cell, fontName=FONT_COND_BOLD, alignment=TA_RIGHT)
    )
    ss.add(ParagraphStyle("CellCenter", parent=cell, alignment=TA_CENTER))
    ss.add(
        ParagraphStyle(
            "CellSmall", parent=cell, fontSize=CAVEAT_SIZE, leading=CAVEAT_LEADING, textColor=MUTED
        )
    )
    ss.add(ParagraphStyle("CellSmallInk", parent=cell, fontSize=7.5, leading=9))
    ss.add(
        ParagraphStyle(
            "CellSmallRight",
            parent=cell,
            fontSize=CAVEAT_SIZE,
            leading=CAVEAT_LEADING,
            textColor=MUTED,
            alignment=TA_RIGHT,
        )
    )
    ss.add(
        ParagraphStyle(
            "CellHead", parent=cell, fontName=FONT_COND_BOLD, textColor=colors.white, leading=9.4
        )
    )
    ss.add(
        ParagraphStyle(
            "CellHeadRight",
            parent=cell,
            fontName=FONT_COND_BOLD,
            textColor=colors.white,
            alignment=TA_RIGHT,
        )
    )
    ss.add(ParagraphStyle("Label", parent=cell, fontName=FONT_COND_BOLD, textColor=MUTED))
    ss.add(ParagraphStyle("Value", parent=body, fontSize=9, leading=11.5, spaceAfter=0))
    ss.add(
        ParagraphStyle(
            "Missing", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=11, textColor=ALERT
        )
    )
    ss.add(
        ParagraphStyle(
            "Badge",
            parent=cell,
            fontName=FONT_COND_BOLD,
            fontSize=CAVEAT_SIZE,
            leading=CAVEAT_LEADING,
            textColor=WARN,
        )
    )
    ss.add(ParagraphStyle("Box", parent=body, fontSize=12, leading=14, alignment=TA_LEFT))
    return ss


def style(name: str) -> ParagraphStyle:
    """A style of :func:`stylesheet` by name (a typo fails loudly: KeyError)."""
    return stylesheet()[name]


# --- text helpers --------------------------------------------------------------------------

_MARKUP_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` escaped, as :func:`xml.sax.saxutils.escape` does (whose module
    imports ``urllib.request``, e-mail and HTTP: some 10 ms of every PDF command's start)."""
    return text.translate(_MARKUP_ESCAPES)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BEFORE_UNIT = re.compile(r"(?<=\d) (?=[€%])")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_AFTER_OPENING = re.compile(r"« ")
_BEFORE_CLOSING = re.compile(r" »")


def french_spacing(text: str) -> str:
    """No line break inside ``5 000 €``, ``70 %`` or ``« … »`` in text we did not format.

    Campaign notes, rules and user text are typed with plain spaces; a line must not end on
    ``5`` with ``000 €`` on the next one, nor on a lone ``«``. Digit groups get the narrow
    no-break space (U+202F) our own figures carry, units and guillemets the no-break space.
    """
    text = _THOUSANDS.sub("\u202f", text)
    text = _BEFORE_UNIT.sub("\u00a0", text)
    text = _AFTER_OPENING.sub("«\u00a0", text)
    return _BEFORE_CLOSING.sub("\u00a0»", text)


def clean(text: object) -> str:
    """User text made safe for paragraph markup: NFC, no control characters, XML-escaped.

    NFC matters: ReportLab does no glyph shaping, so a decomposed ``e`` + combining acute (what
    some Mac exports produce) would print as two glyphs. Line breaks are kept as ``<br/>``.
    """
    raw = unicodedata.normalize("NFC", "" if text is None else str(text))
    raw = _CONTROL.sub("", raw).replace("\r\n", "\n").replace("\r", "\n")
    return escape(french_spacing(raw)).replace("\n", "<br/>")


class WrappedOnceParagraph(Paragraph):
    """A paragraph that breaks its lines once per width.

    ReportLab breaks a paragraph's lines again at every measurement: a table cell is measured
    when the table is laid out and again when it is drawn, and a repeated header row (the OG's
    title over each page of its ESSMS) on every page, each time with the same width. The lines
    are kept while the width does not change and ReportLab has not dropped them (a split does).
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        known = self.__dict__
        if known.get("_wrapped_width") == availWidth and "blPara" in known:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        if "blPara" in known:
            self._wrapped_width = availWidth
        return size


def para(text: str, style_name: str = "Body", *, markup: bool = False) -> Paragraph:
    """A paragraph of plain ``text`` (escaped) or of our own ``markup``."""
    return WrappedOnceParagraph(text if markup else clean(text), style(style_name))


@lru_cache(maxsize=1024)
def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` points (headers are one line;
    cached, as the running header is fitted again on every page)."""
    text = unicodedata.normalize("NFC", _CONTROL.sub("", " ".join(text.split())))
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


def header_texts(left: str, right: str, width: float) -> tuple[str, str]:
    """The running header's two texts fitted to one line of ``width`` points: the right one
    (bold left, regular right, 7.5 pt) takes at most half, the left one all the rest, so a
    title is shortened only when the two really do not fit side by side. A left text
    « Title — detail » too long loses its detail before its title is cut."""
    gap = 4 * mm
    shown_right = fit_text(right, FONT, 7.5, width / 2 - gap)
    room = width - pdfmetrics.stringWidth(shown_right, FONT, 7.5) - gap
    shown_left = fit_text(left, FONT_BOLD, 7.5, room)
    head = left.rsplit(" — ", 1)[0]
    if shown_left != fit_text(left, FONT_BOLD, 7.5, 10**6) and head != left:
        shorter = fit_text(head, FONT_BOLD, 7.5, room)
        if not shorter.endswith("…"):
            return shorter, shown_right
    return shown_left, shown_right


# --- fingerprint ---------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (``None`` for any other type), looked up once."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind))


def canonical(value: Any) -> Any:
    """A JSON-ready, order-stable form of domain values (dataclasses, Decimal, dates, enums).

    Decimals are written without exponent and without trailing zeros, so ``25000`` and
    ``25000.00`` give the same fingerprint: they are the same amount.
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value  # the common leaves first: a 1,000-ESSMS dossier holds ~50,000 of them
    names = _field_names(kind)  # type: ignore[arg-type]  # types are hashable; typeshed says not
    if names is not None:
        return {name: canonical(getattr(value, name)) for name in names}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(canonical(v) for v in value)
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def fingerprint(data: Any, length: int = 8) -> str:
    """First ``length`` hex digits of SHA-256 over the canonical JSON of ``data``."""
    text = json.dumps(canonical(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


# --- the document --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What the header, the footer and the PDF properties say about a document."""

    title: str
    subject: str
    header_left: str
    header_right: str
    generated_on: date
    author: str = ""
    keywords: tuple[str, ...] = ()
    fingerprint: str = ""
    draft_mark: str = ""
    """When set (« PROJET — non finalisé »), every page carries it: a framed label at the top,
    the cover included, and a large diagonal watermark across the body."""
    paraphe: bool = False
    """A « Paraphe » box in every page's footer (documents whose every page is initialled)."""


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    """A built PDF and its page count (so callers need no PDF reader to report it)."""

    data: bytes
    pages: int


PORTRAIT = A4
LANDSCAPE = landscape(A4)
PAGE_COUNT_FORM = "esmsPageCount"
HEADING_PAGE_FORM = "esmsHeadingPage{}"
"""The form holding the page of the n-th first-level heading (0-based), filled once the layout
is done: a contents list shows it without laying the document out twice."""


class HeadingPage(Flowable):
    """« p. N » of the n-th first-level heading, right-aligned in its cell: drawn from a form
    the canvas fills at the end of the layout (as the footer's page count is)."""

    def __init__(self, index: int, width: float, size: float = 8) -> None:
        super().__init__()
        self.index = index
        self.width = width
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.size * 1.25

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(self.width, self.size * 0.25)
        self.canv.doForm(HEADING_PAGE_FORM.format(self.index))
        self.canv.restoreState()


class _DocTemplate(BaseDocTemplate):
    """Adds a PDF bookmark for every heading that carries an ``outline_level`` attribute, and
    notes the page of each first-level one (a contents list is built from them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.heading_pages: list[tuple[str, int]] = []
        self.heading_forms = 0
        """How many :class:`HeadingPage` forms the story draws (the canvas defines each)."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        title = getattr(flowable, "outline_title", "")
        key = f"h{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)
        if level == 0:
            self.heading_pages.append((title, self.canv.getPageNumber()))


_tag_lock = threading.Lock()


def _subset_tag(font_name: str, subset: int) -> bytes:
    """Six capital letters naming one subset of one font: unique across the fonts of a file
    (ReportLab names subset *n* of every font alike, ``AAAAAA+…``, which PDF checkers flag)."""
    digest = hashlib.sha256(f"{font_name}/{subset}".encode()).digest()
    return bytes(65 + b % 26 for b in digest[:6])


class TaggedTTFont(TTFont):
    """A TrueType font whose subsets carry their own tag (see :func:`_subset_tag`), its face
    read in bulk (:class:`~esms_desktop.reports.ttf_face.FastTTFontFace`)."""

    def __init__(self, name: str, filename: str, *, cache_folder: Path | None = None) -> None:
        # TTFont.__init__ as ReportLab 5.1 writes it, with the faster face (tests compare the
        # attributes with a plain TTFont's, so a ReportLab upgrade that adds one fails there).
        self.fontName = name
        self.face = FastTTFontFace(filename, cache_folder=cache_folder)
        self.encoding = TTEncoding()
        self.state: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (ReportLab's name)
        from reportlab.pdfbase import ttfonts

        with _tag_lock:  # the module-level namer is swapped for this font's, then put back
            original = ttfonts.SUBSETN
            ttfonts.SUBSETN = lambda n, *_: _subset_tag(self.fontName, n)
            try:
                super().addObjects(doc)
            finally:
                ttfonts.SUBSETN = original


def xmp_packet(meta: DocumentMeta, lang: str = "fr-FR") -> str:
    """The XMP metadata stream: title, subject, author, keywords, language, dates, producer."""

    def x(text: str) -> str:
        return escape(text)

    stamp = f"{meta.generated_on.isoformat()}T00:00:00Z"
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{x(meta.title)}</rdf:li>'
        "</rdf:Alt></dc:title>\n"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{x(meta.subject)}</rdf:li>'
        "</rdf:Alt></dc:description>\n"
        f"<dc:creator><rdf:Seq><rdf:li>{x(meta.author or 'esms-desktop')}</rdf:li>"
        "</rdf:Seq></dc:creator>\n"
        f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n"
        "<dc:format>application/pdf</dc:format>\n"
        f"<pdf:Keywords>{x(', '.join(meta.keywords))}</pdf:Keywords>\n"
        f"<pdf:Producer>esms-desktop {x(__version__)} (ReportLab)</pdf:Producer>\n"
        "<xmp:CreatorTool>esms-desktop</xmp:CreatorTool>\n"
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate>\n"
        f"<xmp:ModifyDate>{stamp}</xmp:ModifyDate>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


class BaseDocument:
    """Geometry, fonts, header/footer and page templates; subclasses supply ``story()``.

    Three page templates: ``cover`` (no running header), ``portrait`` and ``landscape`` (for
    wide tables). A subclass switches with :meth:`switch_to`. With ``deterministic`` the PDF
    carries no clock time (ReportLab's *invariant* mode), so two runs give the same bytes.
    """

    portrait_margins = (25 * mm, 15 * mm, 22 * mm, 20 * mm)
    """left, right, top, bottom of portrait pages: 25 mm on the left for hole punching."""
    landscape_margins = (15 * mm, 15 * mm, 30 * mm, 16 * mm)
    """left, right, top, bottom of landscape pages, bound (and punched) by their top edge."""
    first_template = "cover"

    def __init__(self, meta: DocumentMeta, *, deterministic: bool = False) -> None:
        register_fonts()
        self.meta = meta
        self.deterministic = deterministic
        self._pages = 0
        self.heading_pages: tuple[tuple[str, int], ...] = ()
        """(title, page) of each first-level heading, as of the last render."""
        self.heading_forms = 0
        """Set by a story whose contents list refers to its headings' pages (HeadingPage)."""

    # subclasses -----------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    # geometry helpers ----------------------------------------------------------------------

    @property
    def portrait_width(self) -> float:
        left, right, _, _ = self.portrait_margins
        return PORTRAIT[0] - left - right

    @property
    def landscape_width(self) -> float:
        left, right, _, _ = self.landscape_margins
        return LANDSCAPE[0] - left - right

    @staticmethod
    def switch_to(template: str) -> list[Flowable]:
        """Flowables ending the current page and continuing on ``template``."""
        return [NextPageTemplate(template), PageBreak()]

    @staticmethod
    def heading(text: str, level: int = 0, *, number: str = "") -> Paragraph:
        """A section heading that also becomes a PDF bookmark."""
        title = f"{number} {text}".strip()
        p = WrappedOnceParagraph(clean(title), style("H1" if level == 0 else "H2"))
        p.outline_level = level
        p.outline_title = title
        return p

    # rendering -------------------------------------------------------------------------------

    def _frame(self, size: tuple[float, float], margins: Sequence[float], fid: str) -> Frame:
        left, right, top, bottom = margins
        return Frame(
            left,
            bottom,
            size[0] - left - right,
            size[1] - top - bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=fid,
        )

    def _templates(self) -> list[PageTemplate]:
        def template(tid: str, size: tuple[float, float], margins: Sequence[float]) -> PageTemplate:
            return PageTemplate(
                id=tid,
                frames=[self._frame(size, margins, tid)],
                onPage=self._header(running=tid != "cover"),
                onPageEnd=self._footer,
                pagesize=size,
            )

        templates = {
            "cover": template("cover", PORTRAIT, self.portrait_margins),
            "portrait": template("portrait", PORTRAIT, self.portrait_margins),
            "landscape": template("landscape", LANDSCAPE, self.landscape_margins),
        }
        first = templates.pop(self.first_template)
        return [first, *templates.values()]

    def _geometry(self, canvas: Canvas) -> tuple[float, float, Sequence[float]]:
        width, height = canvas._pagesize
        return width, height, self.landscape_margins if width > height else self.portrait_margins

    def _header(self, *, running: bool) -> Callable[[Canvas, BaseDocTemplate], None]:
        """Drawn when a page starts, so that its text comes first in reading order: the
        running header (not on the cover) and the draft mark (on every page)."""

        def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
            width, height, (left, right, top, _bottom) = self._geometry(canvas)
            y = height - top + 6 * mm
            canvas.saveState()
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            mark = self.meta.draft_mark
            mark_w = 0.0
            if mark:
                mark_w = self._draw_mark_label(canvas, left, y, mark)
            if running:
                left_text, right_text = header_texts(
                    self.meta.header_left, self.meta.header_right, width - left - right - mark_w
                )
                canvas.setFont(FONT_BOLD, 7.5)
                canvas.setFillColor(ACCENT)
                canvas.drawString(left + mark_w, y, left_text)
                canvas.setFont(FONT, 7.5)
                canvas.setFillColor(MUTED)
                canvas.drawRightString(width - right, y, right_text)
                canvas.line(left, y - 2 * mm, width - right, y - 2 * mm)
            canvas.restoreState()

        return on_page

    @staticmethod
    def _draw_mark_label(canvas: Canvas, x: float, y: float, mark: str) -> float:
        """The draft mark as a framed label, white on dark red with a black frame (it stays a
        dark band in greyscale); returns the width it takes, gap included."""
        size = 8
        text_w = pdfmetrics.stringWidth(mark, FONT_BOLD, size)
        pad = 1.6 * mm
        canvas.setFillColor(ALERT)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        canvas.rect(x, y - 1.4 * mm, text_w + 2 * pad, size + 1.6 * mm, stroke=1, fill=1)
        canvas.setFont(FONT_BOLD, size)
        canvas.setFillColor(colors.white)
        canvas.drawString(x + pad, y, mark)
        return text_w + 2 * pad + 3 * mm

    def _footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Drawn when a page ends (after its body in reading order): the footer, the paraphe
        box, then the draft watermark over the body."""
        self._pages = canvas.getPageNumber()
        width, height, (left, right, top, bottom) = self._geometry(canvas)
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        y = bottom - 8 * mm
        canvas.line(left, y + 4 * mm, width - right, y + 4 * mm)
        canvas.setFont(FONT, 7)
        canvas.setFillColor(MUTED)
        footer = f"Généré le {format_date(self.meta.generated_on, long=True)} par esms-desktop"
        if self.meta.fingerprint:
            footer += f" · empreinte des données {self.meta.fingerprint}"
        canvas.drawString(left, y, footer)
        # "page x / " then the page count, a form filled in once the last page is known.
        reserve = pdfmetrics.stringWidth("0000", FONT_BOLD, 7.5)
        x = width - right - reserve
        text = f"page {canvas.getPageNumber()} / "
        if self.meta.paraphe:
            box_w, box_h = 16 * mm, 7 * mm
            box_x = x - pdfmetrics.stringWidth(text, FONT_BOLD, 7.5) - 6 * mm - box_w
            canvas.setStrokeColor(INK)
            canvas.setLineWidth(0.6)
            canvas.setFillColor(colors.white)
            canvas.rect(box_x, y - 2.5 * mm, box_w, box_h, stroke=1, fill=1)
            canvas.setFont(FONT, 7)
            canvas.setFillColor(MUTED)
            canvas.drawRightString(box_x - 1.5 * mm, y, "Paraphe")
        canvas.setFont(FONT_BOLD, 7.5)
        canvas.setFillColor(INK)
        canvas.drawRightString(x, y, text)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(PAGE_COUNT_FORM)
        canvas.restoreState()
        if self.meta.draft_mark:
            self._draw_watermark(canvas, width, height, (left, right, top, bottom))
        canvas.restoreState()

    def _draw_watermark(
        self, canvas: Canvas, width: float, height: float, margins: Sequence[float]
    ) -> None:
        """The draft mark across the body, outlined grey letters at 45° (seen through, and
        told from the text in greyscale by their size, angle and hollow shape)."""
        left, right, top, bottom = margins
        frame_w, frame_h = width - left - right, height - top - bottom
        mark = self.meta.draft_mark
        size = 54.0
        # fit the diagonal of the frame, so the mark never reaches a margin
        diagonal = (frame_w**2 + frame_h**2) ** 0.5 * 0.8
        text_w = pdfmetrics.stringWidth(mark, FONT_BOLD, size)
        if text_w > diagonal:
            size *= diagonal / text_w
            text_w = diagonal
        angle = 45.0 if frame_h >= frame_w else 30.0
        canvas.saveState()
        canvas.translate(left + frame_w / 2, bottom + frame_h / 2)
        canvas.rotate(angle)
        canvas.setFont(FONT_BOLD, size)
        canvas.setStrokeColor(colors.HexColor("#B0B0B0"))
        canvas.setLineWidth(0.9)
        text = canvas.beginText()
        text.setTextRenderMode(1)  # stroke only: hollow letters, the body shows through
        text.setFont(FONT_BOLD, size)
        text.setTextOrigin(-text_w / 2, -size / 3)
        text.textOut(mark)
        canvas.drawText(text)
        canvas.restoreState()

    def render(self) -> RenderedPdf:
        """Build the PDF in memory; returns its bytes and page count."""
        with narrow_no_break_space_kept():
            return self._render()

    def _render(self) -> RenderedPdf:
        buffer = io.BytesIO()
        meta = self.meta
        doc = _DocTemplate(
            buffer,
            pagesize=PORTRAIT,
            leftMargin=self.portrait_margins[0],
            rightMargin=self.portrait_margins[1],
            topMargin=self.portrait_margins[2],
            bottomMargin=self.portrait_margins[3],
            title=meta.title,
            author=meta.author or "esms-desktop",
            subject=meta.subject,
            keywords=list(meta.keywords),
            creator="esms-desktop",
            producer=f"esms-desktop {__version__} (ReportLab)",
            invariant=1 if self.deterministic else 0,
            lang="fr-FR",
            initialFontName=FONT,
            initialFontSize=9,
            displayDocTitle=1,
            pageTemplates=self._templates(),
        )
        story = self.story()
        doc.heading_forms = self.heading_forms
        self._doc_template = doc
        doc.build(story, canvasmaker=self._canvas_maker())
        self.heading_pages = tuple(doc.heading_pages)
        return RenderedPdf(buffer.getvalue(), self._pages)

    def _canvas_maker(self) -> Callable[..., Canvas]:
        document = self

        class _Canvas(Canvas):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                if document.deterministic:
                    # Invariant mode dates the file 1 January 2000; date it from the
                    # document instead (still reproducible).
                    g = document.meta.generated_on
                    stamp = getattr(self._doc, "_timeStamp", None)
                    if stamp is not None:
                        stamp.YMDhms = (g.year, g.month, g.day, 0, 0, 0)
                # Open with the bookmarks shown; title, language… also as XMP metadata.
                self.showOutline()
                meta = document.meta
                self._doc.Catalog.Metadata = XMP(
                    creator=lambda _doc: xmp_packet(meta).encode("utf-8")
                )

            def save(self) -> None:
                # The form holding the page count, referenced by every page's footer.
                self.beginForm(PAGE_COUNT_FORM)
                self.setFont(FONT_BOLD, 7.5)
                self.setFillColor(INK)
                self.drawString(0, 0, str(document._pages))
                self.endForm()
                # The page of each heading a contents list refers to (known only now).
                pages = document._doc_template.heading_pages
                for i in range(document._doc_template.heading_forms):
                    self.beginForm(HEADING_PAGE_FORM.format(i))
                    self.setFont(FONT_COND, 8)
                    self.setFillColor(INK)
                    self.drawRightString(0, 0, f"p. {pages[i][1]}" if i < len(pages) else "—")
                    self.endForm()
                super().save()

        return _Canvas


def checkbox(checked: bool) -> str:
    """☒ or ☐ (DejaVu has both glyphs, and they survive text extraction)."""
    return "\u2612" if checked else "\u2610"


class _SplitsRowsTallerThanAPage:
    """A table row taller than a whole page is split across pages instead of failing.

    ReportLab moves a row that does not fit to the next page; a row taller than a page (a
    justification of several thousand characters pasted in one field) fits nowhere, and the whole
    export failed with a ``LayoutError``. Only then — at the top of an empty frame, when nothing
    else can work — is the row split (``splitInRow``); every other layout stays as it was.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts: list[Flowable] = super().split(availWidth, availHeight)  # type: ignore[misc]
        table: Any = self
        if parts or table.splitInRow or availHeight < table._getPossibleHeight(availHeight) - 1:
            return parts
        table.splitInRow = 1
        try:
            return super().split(availWidth, availHeight)  # type: ignore[misc]
        finally:
            table.splitInRow = 0


class SplittingTable(_SplitsRowsTallerThanAPage, Table):
    """:class:`Table` whose rows may be taller than a page."""


def table_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table style starting with our font for every cell.

    ReportLab styles a cell without a ``FONT`` command in Helvetica, which is neither embedded
    nor able to print every character: even an empty cell would pull it into the PDF.
    """
    return TableStyle([("FONT", (0, 0), (-1, -1), FONT_COND, 8, 9.6), *commands])


def grid_table(
    rows: list[list[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    zebra: bool = True,
    extra: Sequence[tuple[Any, ...]] = (),
    long: bool = False,
) -> Table | PagedTable:
    """A table in the house style: dark header repeated on every page, light grid, top-aligned.

    ``long`` (a table growing with the grappe: one row per ESSMS, per line, per finding) lays
    it out a page at a time (:class:`~esms_desktop.reports.paged_table.PagedTable`): ReportLab
    alone rebuilds and re-measures every remaining row at each page, which made a 5,000-row
    table quadratic.
    """
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT_COND, 8, 9.6),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT),
            ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
            ("FONT", (0, 0), (-1, header_rows - 1), FONT_COND_BOLD, 8),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    commands += list(extra)
    if long:
        return PagedTable(
            rows,
            partial(SplittingTable, colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT"),
            commands,
            header=header_rows,
            widths=widths,
        )
    table = SplittingTable(rows, colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def signature_rows(signatory: Paragraph | str = "") -> list[list[Any]]:
    """The four rows every signed page ends with: who signs, « Fait à … le … », then the
    « Lu et approuvé » and stamp boxes (the last row is the space to sign in).

    The candidature's per-OG blocks and the partner form print the same block, so the ARS reads
    one layout whoever filled the paper.
    """
    return [
        [para("Nom et qualité du signataire", "Label"), signatory, "", ""],
        [para("Fait à", "Label"), "", para("le", "Label"), ""],
        [
            para("Mention « Lu et approuvé » et signature", "Label"),
            "",
            para("Cachet de l'organisme", "Label"),
            "",
        ],
        ["", "", "", ""],
    ]


def key_value_table(
    pairs: Sequence[tuple[str, Flowable | str]], width: float, label_width: float = 48 * mm
) -> Table:
    """Label / value rows (identity blocks); values wrap, labels stay in a narrow column."""
    rows = [
        [para(label, "Label"), value if isinstance(value, Flowable) else para(value, "Value")]
        for label, value in pairs
    ]
    table = SplittingTable(rows, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("BACKGROUND", (0, 0), (0, -1), ZEBRA),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ]
        )
    )
    return table


CELL_PADDING = 6.0
"""Left + right padding of :func:`grid_table` cells, in points."""


@lru_cache(maxsize=4096)
def wrap_words(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """Greedy line breaking on plain spaces only, cached (a rule text repeats on 1,000 rows).

    Unlike ReportLab's ``simpleSplit``, no-break spaces (U+00A0, U+202F) stay inside their word,
    so ``25 000 €`` never wraps and keeps its narrow space; a word wider than the line (a long
    URL, a name without spaces) is cut between characters rather than overflowing the cell.
    """
    register_fonts()
    lines: list[str] = []
    for paragraph_text in text.split("\n"):
        current = ""
        for word in paragraph_text.split(" "):
            if not word:
                continue
            candidate = f"{current} {word}" if current else word
            if pdfmetrics.stringWidth(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while pdfmetrics.stringWidth(current, font, size) > width and len(current) > 1:
                cut = len(current) - 1
                while cut > 1 and pdfmetrics.stringWidth(current[:cut], font, size) > width:
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class TextPart:
    """A run of text starting on its own line, in one font, size and colour."""

    text: str
    font: str = FONT_COND
    size: float = 8
    color: colors.Color = INK


class TextBlock(Flowable):
    """Lines of plain text in a few styles, laid out with :func:`wrap_words`.

    A paragraph re-parses markup and re-breaks lines at every measurement; in the budget table
    each line's rule is measured several times per page split, over 1,000 rows. This flowable
    lays out once per width (cached across rows) and draws with plain ``drawString``.
    """

    def __init__(self, parts: Sequence[TextPart]) -> None:
        super().__init__()
        self.parts = tuple(
            TextPart(_plain(p.text), p.font, p.size, p.color) for p in parts if p.text
        )
        self._lines: list[tuple[TextPart, str]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._lines = [
            (part, line)
            for part in self.parts
            for line in wrap_words(part.text, part.font, part.size, avail_width)
        ]
        self.width = avail_width
        self.height = sum(part.size * 1.2 for part, _ in self._lines)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """The lines that fit in ``avail_height``, then the rest (a table row taller than a page
        is split through its cells: see :class:`SplittingTable`); ``[]`` if no line fits."""
        # A table measures its cells without their padding but splits them with the column's
        # full width: keep the narrower width the block was laid out in.
        width = self.width if self._lines and 0 < self.width < avail_width else avail_width
        self.wrap(width, avail_height)
        fit, used = 0, 0.0
        for part, _line in self._lines:
            used += part.size * 1.2
            if used > avail_height:
                break
            fit += 1
        if fit == 0:
            return []
        pieces: list[Flowable] = []
        for lines in (self._lines[:fit], self._lines[fit:]):
            piece = copy.copy(self)  # keeps the subclass (lines drawn right-aligned…)
            piece.parts = tuple(TextPart(text, p.font, p.size, p.color) for p, text in lines)
            piece.wrap(width, avail_height)  # its own height, not the whole block's
            pieces.append(piece)
        return pieces

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        for part, line in self._lines:
            y -= part.size * 1.2
            canvas.setFont(part.font, part.size)
            canvas.setFillColor(part.color)
            canvas.drawString(0, y + part.size * 0.22, line)


def _plain(text: str) -> str:
    return french_spacing(unicodedata.normalize("NFC", _CONTROL.sub("", text)).replace("\r", ""))


@lru_cache(maxsize=8192)
def fit_cell(
    text: str,
    width: float,
    *,
    font: str = FONT_COND,
    size: float = 8,
    max_lines: int | None = None,
) -> str:
    """``text`` as a plain table string, broken into lines that fit the column ``width``.

    Plain strings are drawn as-is, about ten times cheaper than a paragraph (it matters in a
    1,000-row table), and cannot overflow since they are wrapped here. The table's own ``FONT``
    and ``ALIGN`` commands style them, so callers set ``ALIGN`` on numeric columns.
    ``max_lines`` cuts a long text (a category label after its code) with « … » on its last
    line, so that a row of a long table keeps its height. Cached: in a long table most cells
    repeat (category, sector, project…) and are then broken once.
    """
    room = width - CELL_PADDING
    lines = wrap_words(_plain(text), font, size, room)
    if max_lines is not None and len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])  # the last line takes all it can, then « … »
        lines = (*lines[: max_lines - 1], fit_text(rest, font, size, room))
    return "\n".join(lines)


TO_COMPLETE = "à compléter"
"""What a signed piece prints, in red, where the dossier does not hold a value yet."""


def noted_value(text: str, what: str, gaps: list[str]) -> str:
    """``text`` as bold markup, or a red « [what : à compléter] » with ``what`` noted in
    ``gaps`` (a document with gaps carries the draft mark on every page)."""
    if text.strip():
        return f"<b>{clean(text.strip())}</b>"
    gaps.append(what)
    return f"<font color='#B00020'><b>[{clean(what)} : {TO_COMPLETE}]</b></font>"

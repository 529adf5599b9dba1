"""Reader for the ANS FINESS "structures" JSON flux (``pmej[]`` legal entities with ``ege[]``).

Shape (schema v1.0.0), as far as the programme needs it::

    {"schemaVersion": …, "pmej": [
        {"informationsGeneralesPMEJ": {"numFinessPm", "statutJuridique", "siren", …},
         "etatObjet": "A" | "I",
         "ege": [
            {"informationsGeneralesEGE": {"numFinessEge", "nomEgeCourt", "nomEgeLong", "siret",
                                          "dateOuverture", "dateFermeture", …},
             "categorieentiteGeographiqueExercice": "500",
             "adresse": [{"usageAdresse", "ligneQuatre", "codePostal", "ligneAcheminement", …}],
             "etatObjet": "A" | "I", …}]}]}

Closed establishments are included (``etatObjet`` ``I`` and a ``dateFermeture``): they are kept
and flagged ``closed`` so the interface can say "this establishment is closed" rather than
"unknown". The flux has no capacity and no category labels (labels come from the nomenclature).

The flux is streamed, one legal entity (``pmej`` element) at a time, with ijson: a national flux
is around 1 GB of JSON, and parsing it whole took four times its size in memory. What is held at
any moment is one legal entity and one 64 kB chunk; the raw document never is. Gzip is recognised
by its magic bytes and read through the bounded decompressor of
:class:`~esms_desktop.importers.finess_common.Source`.

Each chunk is checked by :class:`_Feed` before the parser sees it:

- nesting depth (:data:`MAX_DEPTH`): ijson's C parser spends memory quadratic in depth, so 100 kB
  of ``[`` would take gigabytes; a FINESS flux nests 7 levels;
- lone surrogate escapes (``\\ud800`` without its pair), rewritten ``\\ufffd`` (same length): JSON
  lets them through, no file or database can store them, and the C parser would turn them into
  ``?``;
- the line of each ``"numFinessEge"`` key, so issues carry the line of the establishment's number
  when the flux is pretty-printed (it is); ``where`` names the legal entity and establishment
  anyway. A syntax error is located to the chunk it was found in (a range of lines): the parser
  does not say where it stopped.
"""

from __future__ import annotations

import codecs
import math
import re
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from esms_desktop.domain.finess_register import (
    EntrySink,
    FinessFileError,
    RegisterBuilder,
    RegisterImport,
    RegisterSource,
)
from esms_desktop.domain.geodesy import GeoPoint
from esms_desktop.domain.nomenclature import Nomenclature
from esms_desktop.importers.finess_common import UTF8_BOM, Source, new_builder, sniff
from esms_desktop.importers.progress import Cancelled, CancelToken, ProgressFn, Ticker

try:  # the C parser (wheels for Windows, macOS and Linux)…
    from ijson.backends import yajl2_c as ijson_backend  # type: ignore[import-untyped]
except ImportError:  # …else the pure-Python one: same results, about twenty times slower
    from ijson.backends import python as ijson_backend
from ijson.common import JSONError  # type: ignore[import-untyped]

CLOSED_STATE = "I"
"""``etatObjet`` of a closed (inactive) object; ``A`` is active."""

_ADDRESS_USAGE_ORDER = ("03", "02")
"""Preferred ``usageAdresse``: every establishment of the sample has a ``03`` address."""

CHUNK = 65536
"""Bytes the parser asks for at a time."""
MAX_DEPTH = 64
"""Deepest nesting accepted; a FINESS flux has 7 levels (document, pmej, entity, ege, …)."""
MAX_HELD = 4 * 1024**2
"""Most bytes held back waiting for a place to cut that is not inside an escape sequence."""
_ESCAPE_SPAN = 12
"""Longest escape sequence, a surrogate pair ``\\ud83d\\ude00``: a cut with no backslash in the 12
bytes before it splits none."""
_KEY_SPAN = 128
"""Bytes of the previous chunk scanned again, for a ``numFinessEge`` key cut in two."""
_MAX_KEYS = 65536
"""Lines of ``numFinessEge`` keys waiting for their establishment (read ahead, or stray)."""
_MAX_MISSES = 100
"""Establishments whose key was not found before line tracking gives up (all lines 0 after)."""

_EGE_KEY_TEXT = b'"numFinessEge"'
_EGE_KEY = re.compile(rb'"numFinessEge"\s{0,32}:\s{0,32}"([^"\\]{0,40})"')
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATES = re.compile(
    rb"(?<!\\)((?:\\\\)*)(?:(\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|\\u[dD][89a-fA-F][0-9a-fA-F]{2})"
)
"""An escape preceded by an even run of backslashes (so a real escape): a valid pair (group 2,
kept) or a lone surrogate (replaced)."""
_MARKS = bytes.maketrans(b"{}", b"[]")
_NOT_MARKS = bytes(b for b in range(256) if b not in b'"[]{}')


def _lone_to_replacement(m: re.Match[bytes]) -> bytes:
    return m.group(0) if m.group(2) else m.group(1) + b"\\ufffd"


class _Feed:
    """What the parser reads: the flux's bytes, each chunk checked before it is handed over.

    Chunks are cut where no escape sequence is split (see :data:`_ESCAPE_SPAN`), so each one can
    be checked alone; what is carried from one to the next is small (depth, in-string flag, line
    number, the tail of the previous chunk). ``every_mib`` is called about once per MiB read, so
    cancellation and progress keep going through parts of the file that hold no establishment.
    """

    def __init__(self, source: Source, every_mib: Callable[[], None] | None = None) -> None:
        self._source = source
        self._every_mib = every_mib
        self._held = b""
        self._started = False
        self._ended = False
        self._read = 0
        self.eof = False
        """The parser asked for more after the last byte: an error now means a cut file."""
        self.line = 1
        """Line number at the start of the next chunk."""
        self.chunk = b""
        """The last chunk handed over, which starts on line ``chunk_line``."""
        self.chunk_line = 1
        self.before = b""
        """The end of the chunk before ``chunk``."""
        self._depth = 0
        self._in_string = False
        self._keys: deque[tuple[str, int]] = deque(maxlen=_MAX_KEYS)
        self._misses = 0
        self.failure: FinessFileError | Cancelled | None = None
        """Why reading stopped early; the caller raises it once the parser has stopped."""

    # -- reading --------------------------------------------------------------------------------

    def read(self, size: int) -> bytes:
        """The next checked chunk: what was held back, then up to ``size`` more bytes.

        A refusal (bomb, nesting…) or a cancellation is not raised through the parser: it is
        kept in ``failure`` and the parser is told the file ends here. Raised from inside it, the
        pure-Python parser would raise again as it is garbage-collected.
        """
        if self.eof or size == 0:  # ijson reads 0 bytes to learn that this gives bytes
            return b""
        try:
            return self._next(size)
        except (FinessFileError, Cancelled) as exc:
            self.failure = exc
            self.stop()
            return b""

    def stop(self) -> None:
        """Make the parser meet the end of the file at its next read."""
        self.eof = self._ended = True
        self._held = b""

    def _next(self, size: int) -> bytes:
        data = self._held
        while True:
            more = b"" if self._ended else self._source.read(size)
            self._ended = not more
            scanned, data = len(data), data + more
            if not self._started:
                if len(data) < len(UTF8_BOM) and not self._ended:
                    continue
                self._started = True
                data = data.removeprefix(UTF8_BOM)
                scanned = 0
            cut = len(data) if self._ended else _safe_cut(data, scanned)
            if cut or self._ended:
                break
            if len(data) > MAX_HELD:
                raise FinessFileError(
                    self._source.name,
                    self.line,
                    "contenu illisible (suite de barres obliques inverses) : ce n'est pas un "
                    "flux FINESS.",
                )
        chunk, self._held = data[:cut], data[cut:]
        if not chunk:
            self.eof = True
            return b""
        self._read += len(chunk)
        if self._every_mib is not None and self._read >= 1024 * 1024:
            self._read = 0
            self._every_mib()
        return self._checked(chunk)

    def _checked(self, chunk: bytes) -> bytes:
        if b"\\" in chunk and _SURROGATE.search(chunk):
            chunk = _SURROGATES.sub(_lone_to_replacement, chunk)
        self._check_depth(chunk)
        self.before, self.chunk, self.chunk_line = self.chunk[-_KEY_SPAN:], chunk, self.line
        self.line = self._note_keys()
        return chunk

    # -- nesting --------------------------------------------------------------------------------

    def _check_depth(self, chunk: bytes) -> None:
        """Track nesting outside strings; refuse past :data:`MAX_DEPTH` before the parser sees it.

        Everything but quotes and brackets is dropped (escaped backslashes and quotes first), so
        the work is a few passes of C over the chunk. The peak is overestimated, never under.
        """
        if b"\\" in chunk:
            chunk = chunk.replace(b"\\\\", b"").replace(b'\\"', b"")
        marks = chunk.translate(_MARKS, _NOT_MARKS)
        if self._in_string:
            marks = b'"' + marks
        self._in_string = marks.count(b'"') % 2 == 1
        if self._in_string:
            marks += b'"'
        if 2 * marks.count(b'""') == marks.count(b'"'):  # no string holds a bracket (usual)…
            outside = marks.translate(None, b'"')
        else:  # …else split exactly
            outside = b"".join(marks.split(b'"')[0::2])
        passes = 0
        while b"[]" in outside:
            outside = outside.replace(b"[]", b"")
            passes += 1
            if passes > MAX_DEPTH:
                self._too_deep()
        closing = len(outside) - len(outside.lstrip(b"]"))  # what is left: "]]…[[…"
        opening = len(outside) - closing
        if self._depth + passes + opening > MAX_DEPTH:
            self._too_deep()
        self._depth = max(0, self._depth - closing) + opening

    def _too_deep(self) -> None:
        raise FinessFileError(
            self._source.name,
            0,
            f"JSON trop imbriqué (plus de {MAX_DEPTH} niveaux) : ce n'est pas un flux FINESS.",
        )

    # -- lines of the establishments ------------------------------------------------------------

    def _note_keys(self) -> int:
        """Queue the line of each ``numFinessEge`` key of the chunk; returns the line number
        after the chunk (newlines are counted once, between keys)."""
        chunk, before = self.chunk, self.before
        if self._misses > _MAX_MISSES:
            return self.chunk_line + chunk.count(b"\n")
        # A key cut by the previous chunk's end: look at the seam alone (no copy of the chunk).
        seam = before + chunk[:_KEY_SPAN]
        for cut in _EGE_KEY.finditer(seam):
            if cut.start() < len(before) < cut.end():
                line = self.chunk_line - before.count(b"\n", cut.start())
                self._keys.append((cut.group(1).decode("utf-8", "replace").strip(), line))
        line, position = self.chunk_line, 0
        at = chunk.find(_EGE_KEY_TEXT)  # find() then match(): three times faster than finditer
        while at >= 0:
            if key := _EGE_KEY.match(chunk, at):
                line += chunk.count(b"\n", position, at)
                position = at
                self._keys.append((key.group(1).decode("utf-8", "replace").strip(), line))
            at = chunk.find(_EGE_KEY_TEXT, at + len(_EGE_KEY_TEXT))
        return line + chunk.count(b"\n", position)

    def line_of(self, finess: str) -> int:
        """The line of this establishment's ``numFinessEge`` key, 0 when it was not seen.

        Keys come in document order: the one wanted is first, unless keys found elsewhere (or
        left by an establishment whose number was not a plain string) come before it; those are
        dropped.
        """
        keys = self._keys
        if not finess or self._misses > _MAX_MISSES:
            return 0
        for k, (value, line) in enumerate(keys):
            if value == finess:
                for _ in range(k + 1):
                    keys.popleft()
                return line
        self._misses += 1
        if self._misses > _MAX_MISSES:
            keys.clear()
        return 0

    # -- errors ---------------------------------------------------------------------------------

    def error(self, exc: Exception) -> FinessFileError:
        """The French error for a parser failure, which happened in the last chunk read."""
        name, chunk = self._source.name, self.chunk
        lead = self.before[-3:].lstrip(bytes(range(0x80, 0xC0)))  # a character cut by the chunk
        try:
            codecs.getincrementaldecoder("utf-8")().decode(lead + chunk, final=False)
        except UnicodeDecodeError as bad:
            at = max(0, bad.start - len(lead))
            return FinessFileError(
                name,
                self.chunk_line + chunk.count(b"\n", 0, at),
                "le flux JSON n'est pas en UTF-8 (caractère invalide).",
            )
        last = self.chunk_line + chunk.rstrip(b"\n").count(b"\n")
        if self.eof:
            return FinessFileError(
                name,
                last,
                "le fichier JSON s'arrête avant la fin : il semble coupé (téléchargement "
                "interrompu ?). Téléchargez-le à nouveau.",
            )
        lines = str(exc).strip().splitlines()
        detail = lines[0] if lines else type(exc).__name__
        for prefix in ("parse error: ", "lexical error: "):
            detail = detail.removeprefix(prefix)
        if last == self.chunk_line:
            return FinessFileError(name, last, f"JSON invalide ({detail}).")
        return FinessFileError(
            name, 0, f"JSON invalide entre les lignes {self.chunk_line} et {last} ({detail})."
        )


def _safe_cut(data: bytes, scanned: int) -> int:
    """The last offset after ``scanned`` with no backslash in the :data:`_ESCAPE_SPAN` bytes
    before it (so no escape sequence is cut), 0 when there is none.

    Offsets up to ``scanned`` were searched in vain already: the work stays linear.
    """
    end = len(data)
    while end > scanned:
        at = data.rfind(b"\\", max(0, end - _ESCAPE_SPAN), end)
        if at < 0:
            return end
        end = at
    return 0


def _text(obj: Any, key: str) -> str:
    """A string field, tolerant of null, numbers and missing keys."""
    if not isinstance(obj, dict):
        return ""
    value = obj.get(key)
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def _dict(obj: Any, key: str) -> dict[str, Any]:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, dict) else {}


def _list(obj: Any, key: str) -> list[Any]:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, list) else []


def _address(ege: dict[str, Any]) -> dict[str, Any]:
    addresses = [a for a in _list(ege, "adresse") if isinstance(a, dict)]
    for usage in _ADDRESS_USAGE_ORDER:
        for a in addresses:
            if _text(a, "usageAdresse") == usage:
                return a
    return addresses[0] if addresses else {}


def read_json_flux(
    path: Path | str,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    *,
    nomenclature: Nomenclature | None = None,
    sink: EntrySink | None = None,
) -> RegisterImport:
    """Read the ANS JSON flux (plain or gzip), streamed; :class:`FinessFileError` when unusable.

    Progress is reported in bytes of the file on disk (compressed bytes for a gzip file).
    """
    path = Path(path)
    name = path.name
    head = sniff(path)
    builder = new_builder(name, RegisterSource.JSON, nomenclature, sink)
    entities = establishments = 0
    with Source(path, head.gzip) as source:
        ticker = Ticker(progress, cancel, head.size, lambda: source.position)
        ticker.start()
        feed = _Feed(source, ticker.check)
        entities_read = ijson_backend.items(feed, "pmej.item", use_float=True, buf_size=CHUNK)
        try:
            for pm in entities_read:
                entities += 1
                establishments += _entity(builder, feed, ticker, entities, pm)
        except (JSONError, UnicodeDecodeError) as exc:
            if feed.failure is not None:
                raise feed.failure from None
            raise feed.error(exc) from None
        except BaseException:  # cancelled while adding, or a bug: stop the parser cleanly
            _abandon(feed, entities_read)
            raise
        if feed.failure is not None:  # the part read before the refusal happened to be whole
            raise feed.failure
    if entities == 0:
        raise FinessFileError(name, 0, _no_entity(path, head.gzip))
    if establishments == 0:
        raise FinessFileError(
            name, 0, f"aucun établissement (« ege ») dans les {entities} entités juridiques."
        )
    ticker.finish()
    return builder.result()


def _entity(builder: RegisterBuilder, feed: _Feed, ticker: Ticker, number: int, pm: Any) -> int:
    """Give one legal entity's establishments to the builder; returns how many it lists."""
    info = _dict(pm, "informationsGeneralesPMEJ")
    ej = _text(info, "numFinessPm")
    ej_where = f"entité juridique {ej}" if ej else f"entité juridique n° {number}"
    if not isinstance(pm, dict):
        builder.error(0, "entité juridique illisible (objet attendu)", where=ej_where)
        return 0
    eges = _list(pm, "ege")
    legal_status = _text(info, "statutJuridique")
    # The legal entity itself: its name, SIREN, seat and phone (no line: its number's key is
    # not tracked, ``where`` names it).
    seat = _address(pm)
    address, postal_code, town = _address_parts(seat)
    closing = _text(info, "dateFermeture")
    builder.add_legal_entity(
        0,
        ej,
        siren=_text(info, "siren"),
        name=_text(info, "denominationPm"),
        long_name=_text(info, "denominationLonguePmSmsse"),
        legal_status_code=legal_status,
        address=address,
        postal_code=postal_code,
        town=town,
        phone=_phone(pm),
        location=_location(seat),
        closed=_text(pm, "etatObjet") == CLOSED_STATE or bool(closing),
        where=ej_where,
    )
    for k, ege in enumerate(eges, start=1):
        ticker.tick()
        where = f"{ej_where}, établissement n° {k}"
        if not isinstance(ege, dict):
            builder.error(0, "établissement illisible (objet attendu)", where=where)
            continue
        line = feed.line_of(_text(_dict(ege, "informationsGeneralesEGE"), "numFinessEge"))
        _ege(builder, line, where, ege, ej, legal_status)
    return len(eges)


def _abandon(feed: _Feed, parser: Iterator[Any]) -> None:
    """Stop a parser before the end of the file: it meets the end at once and stops with an
    error of its own, which is not what the caller reports."""
    feed.stop()
    try:
        for _ in parser:
            pass
    except (JSONError, UnicodeDecodeError):
        pass


def _no_entity(path: Path, compressed: bool) -> str:
    """Why no legal entity came out: no ``pmej`` list at all, or an empty one.

    A second pass, on this error path only: it stops at the top-level ``pmej`` key.
    """
    with Source(path, compressed) as source:
        feed = _Feed(source)
        events = ijson_backend.parse(feed, buf_size=CHUNK)
        try:
            for prefix, event, value in events:
                if prefix == "" and event == "map_key" and value == "pmej":
                    _, kind, _ = next(events)
                    if kind == "start_array":
                        return "la liste « pmej » est vide : aucune entité juridique."
                    break
                if prefix == "" and event not in ("start_map", "map_key"):
                    break  # not an object at the top
        except (JSONError, UnicodeDecodeError, StopIteration):
            pass
        finally:
            _abandon(feed, events)
    return (
        "JSON sans liste « pmej » (entités juridiques) : ce n'est pas le flux « structures » "
        "FINESS de l'ANS."
    )


def _number(obj: dict[str, Any], key: str) -> float | None:
    """A coordinate (the flux writes them as text), None when absent or not a number."""
    value = obj.get(key)
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


_COORDINATE_KEYS = (("coordonneeY", "coordonneeX"), ("directionLatitude", "directionLongitude"))


def _location(addr: dict[str, Any]) -> GeoPoint | None:
    """The WGS84 place of an address: ``coordonneeY`` / ``coordonneeX`` (latitude, longitude).

    A few addresses of the ANS sample carry the two pairs the other way round (Lambert-93
    metres in ``coordonnee*``, degrees in ``direction*``): the pair that reads as degrees is
    taken, never metres as degrees. (0, 0) is a missing value, not a place.
    """
    coords = _dict(addr, "coordonneesGeographique")
    for lat_key, lon_key in _COORDINATE_KEYS:
        lat, lon = _number(coords, lat_key), _number(coords, lon_key)
        if lat is None or lon is None or (lat == 0 and lon == 0):
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return GeoPoint(lat, lon)
    return None


def _phone(obj: dict[str, Any]) -> str:
    """The first phone number of an object's ``contact[]`` list."""
    for contact in _list(obj, "contact"):
        phone = _text(_dict(contact, "telecom"), "telephone")
        if phone:
            return phone
    return ""


def _address_parts(addr: dict[str, Any]) -> tuple[str, str, str]:
    """An address object as (street address, postal code, town)."""
    street = _text(addr, "ligneQuatre") or " ".join(
        p
        for p in (
            _text(addr, "numeroVoie"),
            _text(addr, "complementVoie"),
            _text(addr, "typeVoie"),
            _text(addr, "libelleVoie"),
        )
        if p
    )
    address = ", ".join(
        p for p in (_text(addr, "complementPointGeographique"), street, _text(addr, "lieuDit")) if p
    )
    postal_code = _text(addr, "codePostal")
    town = _text(addr, "ligneAcheminement")
    if postal_code and town.startswith(postal_code):
        town = town[len(postal_code) :].strip()
    return address, postal_code, town


def _ege(
    builder: RegisterBuilder,
    line: int,
    where: str,
    ege: dict[str, Any],
    ej: str,
    legal_status: str,
) -> None:
    info = _dict(ege, "informationsGeneralesEGE")
    addr = _address(ege)
    address, postal_code, town = _address_parts(addr)
    closing = _text(info, "dateFermeture")
    # By position (see RegisterBuilder.add for the names): no entry object made per row.
    builder.add_values(
        line,
        _text(info, "numFinessEge"),
        ej,
        _text(info, "siret"),
        _text(info, "nomEgeCourt"),
        _text(info, "nomEgeLong"),
        _text(ege, "categorieentiteGeographiqueExercice"),
        "",
        legal_status,
        "",
        address,
        postal_code,
        town,
        _text(info, "dateOuverture"),
        _text(ege, "etatObjet") == CLOSED_STATE or bool(closing),
        closing or None,
        None,
        where,
        _phone(ege),
        _location(addr),
    )

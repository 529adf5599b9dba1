"""What the three FINESS readers share: the first bytes of a file, per-line decoding, header keys.

:func:`sniff` refuses, in French, what no FINESS reader can open (an empty download, a ZIP, an
office document renamed ``.csv``, a PDF, UTF-16 text). Encodings are decided *per line*, not per
file: FINESS exports mix them (the website writes its header in UTF-8 and its rows in Latin-1), and
a line of French text that is valid UTF-8 is UTF-8 with near certainty. :class:`LineDecoder`
records what it saw so readers can warn about mixed files, and repairs text that was UTF-8-encoded
twice (``HandicapÃ©s``).

Compressed input is read through :class:`Source`, a bounded decompressor: a small ``.json.gz``
that would expand to gigabytes (a "decompression bomb") is refused, in French, after the first
megabytes instead of filling the disk or the memory. The ZIP archives that :func:`sniff` refuses
are only listed, within bounds (entry count, directory size, a few bytes of ``mimetype``).

This module sits below the readers (``finess_web``, ``finess_etalab``, ``finess_json``) and below
:mod:`~esms_desktop.importers.finess_detect`, which picks a reader: the readers import only this
module, so the import graph has no cycle.
"""

from __future__ import annotations

import gzip
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import overload

from esms_desktop.domain.finess_register import (
    EntrySink,
    FinessFileError,
    RegisterBuilder,
    RegisterSource,
)
from esms_desktop.domain.nomenclature import Nomenclature
from esms_desktop.resources import resource_path

HEAD_BYTES = 65536
"""How much of the file detection looks at (enough for any header line)."""

UTF8_BOM = b"\xef\xbb\xbf"

MAX_UNCOMPRESSED = 4 * 1024**3
"""Most bytes a compressed register file may expand to (4 Gio).

The ANS sample (``../shared/data/finess``) is 6.6 MB for 1,753 establishments, 3.8 kB each: a
national flux (100,000 open establishments, about as many closed ones) is around 1 GB, so the cap
leaves a four-fold margin. Reading is streamed, so what this bounds is time (4 GB take 2 to 3
minutes), not memory."""
MAX_RATIO = 200
"""Most a compressed file may expand, uncompressed bytes per compressed byte.

The ANS sample expands 19.6 times (pretty-printed JSON, repeated keys); a bomb of zeros or spaces
expands about 1,000 times. Checked once :data:`RATIO_AFTER` bytes have come out, so that the small
gzip header of a tiny file does not count."""
RATIO_AFTER = 16 * 1024**2
"""Uncompressed bytes after which :data:`MAX_RATIO` is enforced."""

MAX_ZIP_ENTRIES = 10_000
"""Most entries a ZIP may list for :func:`sniff` to open it and say what it is (an ``.xlsx`` has
a dozen): a forged archive of millions of entries is refused from its end record alone."""
MAX_ZIP_DIRECTORY = 16 * 1024**2
"""Most bytes of ZIP central directory :func:`sniff` reads (same reason)."""


def _size(count: int) -> str:
    """``4 Gio``, ``2 Mio``: a size the way the messages write it."""
    for unit, name in ((1024**3, "Gio"), (1024**2, "Mio")):
        if count >= unit:
            return f"{count / unit:.3g} {name}"
    return f"{count} octets"


# --- bytes ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Head:
    """The first bytes of a file (decompressed when gzip), its size and whether it is gzip."""

    data: bytes
    size: int
    gzip: bool


def sniff(path: Path) -> Head:
    """Read the first bytes and refuse, in French, what no FINESS reader can open.

    Raises :class:`FinessFileError` for a missing or unreadable file, an empty file, a ZIP or an
    office document (``.xlsx``/``.ods`` renamed ``.csv`` are ZIPs), an old ``.xls``, a PDF, a
    UTF-16 text or any other binary content.
    """
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            data = f.read(HEAD_BYTES)
    except FileNotFoundError:
        raise FinessFileError(name, 0, "fichier introuvable.") from None
    except IsADirectoryError:
        raise FinessFileError(name, 0, "c'est un dossier, pas un fichier.") from None
    except OSError as exc:
        raise FinessFileError(name, 0, f"lecture impossible ({exc.strerror or exc}).") from None

    if not data.removeprefix(UTF8_BOM).strip():
        raise FinessFileError(name, 0, "le fichier est vide : aucun établissement à importer.")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        raise FinessFileError(name, 0, _zip_problem(path))
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise FinessFileError(
            name,
            0,
            "c'est un classeur Excel 97-2003 (.xls), pas un fichier texte : ouvrez-le dans "
            "votre tableur et enregistrez-le au format « CSV (point-virgule) ».",
        )
    if data.startswith(b"%PDF"):
        raise FinessFileError(name, 0, "c'est un document PDF, pas un fichier de données FINESS.")
    if data.startswith(b"\x1f\x8b"):  # before the text checks: compressed bytes look binary
        return Head(_gunzip_head(path), size, True)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise FinessFileError(
            name,
            1,
            "fichier en UTF-16 (« texte Unicode » d'Excel), encodage non pris en charge : "
            "enregistrez-le au format « CSV UTF-8 » ou « CSV (point-virgule) ».",
        )
    if b"\x00" in data:
        raise FinessFileError(
            name, _line_of(data, data.index(b"\x00")), "contenu binaire : ce n'est pas un texte."
        )
    return Head(data, size, False)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: every other byte is NUL in ASCII-heavy text."""
    sample = data[:400]
    return len(sample) >= 8 and sample.count(b"\x00") >= len(sample) // 3


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _zip_directory(path: Path) -> tuple[int, int] | None:
    """Entry count and central directory size from a ZIP's end record; None when not found.

    Read before :class:`zipfile.ZipFile`, which would load the whole directory to answer.
    """
    end_record = b"PK\x05\x06"
    with path.open("rb") as f:
        size = f.seek(0, 2)
        f.seek(max(0, size - (22 + 65535)))  # the record, then a comment of up to 64 kB
        tail = f.read()
    at = tail.rfind(end_record)
    if at < 0 or len(tail) - at < 22:
        return None
    entries, directory = struct.unpack_from("<HI", tail, at + 10)
    return entries, directory


def _zip_problem(path: Path) -> str:
    """Say which kind of ZIP it is: an Excel or LibreOffice workbook renamed, or a real archive.

    Nothing is extracted: the listing is bounded (:data:`MAX_ZIP_ENTRIES`,
    :data:`MAX_ZIP_DIRECTORY`) and only the first bytes of ``mimetype`` are decompressed, so a
    forged archive cannot make this answer slow or large.
    """
    try:
        directory = _zip_directory(path)
        if directory is not None and (
            directory[0] > MAX_ZIP_ENTRIES or directory[1] > MAX_ZIP_DIRECTORY
        ):
            return (
                "c'est une archive ZIP de très nombreux fichiers, pas un fichier texte : "
                "décompressez-la et choisissez le fichier qu'elle contient."
            )
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            mimetype = ""
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(256).decode("ascii", "replace")
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        KeyError,
        EOFError,
        NotImplementedError,  # a compression method zipfile does not know
        RuntimeError,  # an encrypted entry
        ValueError,
        zlib.error,
    ):
        return "c'est une archive ZIP incomplète ou abîmée, pas un fichier texte."
    if any(n.startswith("xl/") for n in names):
        return (
            "c'est un classeur Excel (.xlsx) renommé, pas un fichier CSV : ouvrez-le dans "
            "votre tableur et enregistrez-le au format « CSV (point-virgule) »."
        )
    if "spreadsheet" in mimetype:
        return (
            "c'est un classeur LibreOffice (.ods) renommé, pas un fichier CSV : enregistrez-le "
            "au format « CSV » avec le point-virgule comme séparateur."
        )
    listed = ", ".join(names[:3]) + (" …" if len(names) > 3 else "")
    return (
        f"c'est une archive ZIP ({listed}) : décompressez-la et choisissez le fichier "
        "qu'elle contient."
    )


def _gunzip_head(path: Path) -> bytes:
    name = path.name
    try:
        with gzip.open(path, "rb") as f:
            return f.read(HEAD_BYTES)
    except (OSError, EOFError, zlib.error) as exc:
        raise FinessFileError(
            name, 0, f"fichier compressé (gzip) illisible ou tronqué ({exc})."
        ) from None


# --- reading, within bounds --------------------------------------------------------------------


class Source:
    """The bytes of a register file as a reader consumes them, decompressed when gzip.

    Decompression is bounded: more than :data:`MAX_UNCOMPRESSED` bytes out, or more than
    :data:`MAX_RATIO` bytes out per byte in once :data:`RATIO_AFTER` bytes have come out, and the
    file is refused with a French :class:`FinessFileError` — after a few megabytes of work, never
    after decompressing the whole bomb. ``position`` is how far into the file on disk reading has
    gone (what a progress bar can show against the file's size).
    """

    __slots__ = ("_closed_at", "_gzip", "_raw", "name", "uncompressed")

    def __init__(self, path: Path, compressed: bool) -> None:
        self.name = path.name
        try:
            self._raw = path.open("rb")
        except OSError as exc:
            raise FinessFileError(
                self.name, 0, f"lecture impossible ({exc.strerror or exc})."
            ) from None
        self._gzip = gzip.GzipFile(fileobj=self._raw, mode="rb") if compressed else None
        self._closed_at: int | None = None
        self.uncompressed = 0

    @property
    def position(self) -> int:
        """Bytes of the file on disk read so far (compressed bytes for a gzip file)."""
        return self._raw.tell() if self._closed_at is None else self._closed_at

    def read(self, size: int) -> bytes:
        """Up to ``size`` bytes (decompressed); ``b""`` at the end of the file."""
        try:
            data = self._gzip.read(size) if self._gzip is not None else self._raw.read(size)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise FinessFileError(
                self.name, 0, f"fichier compressé (gzip) tronqué ou abîmé ({exc})."
            ) from None
        except OSError as exc:
            raise FinessFileError(
                self.name, 0, f"lecture impossible ({exc.strerror or exc})."
            ) from None
        self.uncompressed += len(data)
        if self._gzip is not None:
            self._check_expansion()
        return data

    def _check_expansion(self) -> None:
        out = self.uncompressed
        if out > MAX_UNCOMPRESSED:
            raise FinessFileError(
                self.name,
                0,
                f"fichier compressé (gzip) qui se décompresse en plus de "
                f"{_size(MAX_UNCOMPRESSED)}, bien plus qu'un flux FINESS national : "
                "refusé avant d'être décompressé en entier (fichier piégé ?).",
            )
        # ``position`` includes what gzip has read ahead: the ratio is underestimated, never over.
        if out > RATIO_AFTER and out > MAX_RATIO * max(1, self.position):
            raise FinessFileError(
                self.name,
                0,
                f"fichier compressé (gzip) anormal : il se décompresse plus de {MAX_RATIO} fois "
                "(un flux FINESS, une vingtaine de fois) ; refusé avant d'être décompressé en "
                "entier (fichier piégé ?).",
            )

    def close(self) -> None:
        if self._closed_at is not None:
            return
        self._closed_at = self._raw.tell()
        if self._gzip is not None:
            self._gzip.close()
        self._raw.close()

    def __enter__(self) -> Source:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


# --- text ----------------------------------------------------------------------------------------

UTF8 = "UTF-8"
LATIN1 = "Latin-1 (Windows-1252)"
_UTF8_PAIR = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
"""What any non-ASCII UTF-8 text contains: a lead byte followed by a continuation byte."""
_BYTE_KINDS = bytes(
    ord("L") if 0xC2 <= b <= 0xF4 else ord("C") if 0x80 <= b <= 0xBF else ord(".")
    for b in range(256)
)


def _has_utf8_pair(block: bytes) -> bool:
    """``_UTF8_PAIR.search(block)``, five times faster on a 256 KiB block: each byte becomes its
    kind (lead, continuation, other) in C, then a plain substring search."""
    return b"LC" in block.translate(_BYTE_KINDS)


_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u2122]")


@overload
def _split(data: bytes) -> list[bytes]: ...
@overload
def _split(data: str) -> list[str]: ...
def _split(data: bytes | str) -> list[bytes] | list[str]:
    """Lines as iterating over a binary file gives them: split on ``\\n`` only, kept."""
    if isinstance(data, bytes):
        parts = data.split(b"\n")
        lines = [part + b"\n" for part in parts[:-1]]
        if parts[-1]:
            lines.append(parts[-1])
        return lines
    texts = data.split("\n")
    text_lines = [part + "\n" for part in texts[:-1]]
    if texts[-1]:
        text_lines.append(texts[-1])
    return text_lines


class LineDecoder:
    """Decode each line on its own: UTF-8 when it is valid, else Windows-1252, else Latin-1.

    ``first_line`` records, for each encoding met on a non-ASCII line, the first such line, so a
    reader can warn that a file mixes encodings (and say where). ``repaired_line`` is the first line
    whose doubly-encoded text (``Ã©`` for ``é``) was repaired.
    """

    __slots__ = ("first_line", "repaired_line")

    def __init__(self) -> None:
        self.first_line: dict[str, int] = {}
        self.repaired_line = 0

    def decode(self, raw: bytes, line: int, *, track: bool = True) -> str:
        if raw.isascii():
            return raw.decode("ascii")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            if track:
                self.first_line.setdefault(LATIN1, line)
            try:
                return raw.decode("cp1252")
            except UnicodeDecodeError:
                return raw.decode("latin-1")
        if track:
            self.first_line.setdefault(UTF8, line)
        if _MOJIBAKE.search(text):
            try:
                repaired = text.encode("cp1252").decode("utf-8")
            except UnicodeError:
                return text
            if track and not self.repaired_line:
                self.repaired_line = line
            return repaired
        return text

    def decode_block(self, block: bytes, first: int) -> list[str]:
        """The lines of ``block`` (whole lines split on ``\\n``, each keeping it), decoded as
        :meth:`decode` decodes them one by one — ``first`` is the number of the first one.

        One decoding call for the whole block when that gives the same text (ASCII, or UTF-8
        without doubly-encoded accents once the encoding is recorded): a national file has
        150,000 lines, and decoding them one by one costs as much as parsing them.
        """
        text: str | None = None
        if block.isascii():
            text = block.decode("ascii")
        elif UTF8 in self.first_line:
            try:
                text = block.decode("utf-8")
            except UnicodeDecodeError:
                text = None
            if text is not None and _MOJIBAKE.search(text):
                text = None
        if text is None and LATIN1 in self.first_line and not _has_utf8_pair(block):
            # No line can be valid UTF-8 (no lead byte before a continuation byte): each
            # non-ASCII line would be read as Windows-1252.
            try:
                text = block.decode("cp1252")
            except UnicodeDecodeError:
                text = None
        if text is None:
            return [
                self.decode(raw, number) for number, raw in enumerate(_split(block), start=first)
            ]
        return _split(text)

    def report(self, builder: RegisterBuilder) -> None:
        """Add the encoding warnings (mixed encodings, repaired text) to an import."""
        if len(self.first_line) > 1:
            (enc_a, line_a), (enc_b, line_b) = sorted(self.first_line.items(), key=lambda i: i[1])
            builder.warn(
                line_b,
                f"encodage mixte : lignes en {enc_a} (dès la ligne {line_a}) et en {enc_b} "
                f"(dès la ligne {line_b}) ; chaque ligne a été lue dans son encodage, "
                "vérifiez les accents des noms",
            )
        if self.repaired_line:
            builder.warn(
                self.repaired_line,
                "accents encodés deux fois (« Ã© » au lieu de « é ») : texte corrigé, "
                "vérifiez les noms",
            )


def header_key(cell: str) -> str:
    """Compare column titles whatever their encoding: keep only ASCII letters and digits.

    ``Numéro FINESS`` read as UTF-8, as Latin-1, double-encoded or with ``?`` for a lost byte all
    become ``numrofiness``: dropping every non-ASCII character is what makes them equal.
    """
    text = cell.strip()
    if text.startswith("="):
        text = text[1:]
    return re.sub(r"[^a-z0-9]", "", text.lower())


def separator_problem(first_line: str) -> str:
    """A French hint when a header seems to use ``,`` or tab instead of ``;``; ``""`` if not."""
    if ";" in first_line:
        return ""
    for sep, label in ((",", "la virgule « , »"), ("\t", "la tabulation")):
        if first_line.count(sep) >= 2:
            return (
                f"le séparateur de colonnes semble être {label} au lieu du point-virgule « ; » "
                "attendu (fichier réenregistré par un tableur ?) : réenregistrez-le en "
                "« CSV (point-virgule) »"
            )
    return ""


# --- header of the website export -----------------------------------------------------------------

_WEB_FINESS = re.compile(r"^(?:num[a-z]*|no)?finess(?:et)?$")
_WEB_NAME = "raisonsociale"
_WEB_CATEGORY = re.compile(r"^codecat")


def is_web_header(keys: list[str]) -> bool:
    """The website export's header: a FINESS column, ``Raison sociale`` and ``Code categorie``."""
    return (
        any(_WEB_FINESS.match(k) for k in keys)
        and _WEB_NAME in keys
        and any(_WEB_CATEGORY.match(k) for k in keys)
    )


# --- building an import ---------------------------------------------------------------------------


@cache
def default_nomenclature() -> Nomenclature:
    """The program's own category list, used to flag unknown category codes."""
    return Nomenclature.load(resource_path("nomenclature", "categories.csv"))


def new_builder(
    file: str,
    source: RegisterSource,
    nomenclature: Nomenclature | None,
    sink: EntrySink | None = None,
) -> RegisterBuilder:
    """A builder that checks categories against ``nomenclature`` (the program's by default) and
    writes its entries to ``sink`` (kept in the result when ``None``)."""
    nom = nomenclature if nomenclature is not None else default_nomenclature()
    labels = _labels(nom)
    return RegisterBuilder(file, source, nom, labels, sink)


def _labels(nom: Nomenclature) -> dict[str, str]:
    return {c.code: c.label for c in nom.categories() if c.label}

"""Reader for the national FINESS extract published on data.gouv.fr ("etalab", t-finess).

The extract lists every open establishment of France (~100,000 rows, tens of MB). Layout:

- first line ``finess;etalab;<version>;<date>`` (optional in copies people make);
- ``structureet;…`` rows, 31 fields (32 in recent years, ``numuai`` appended);
- in the geolocated variant, ``geolocalisation;<finess>;<x>;<y>;<source>;<date>`` rows: the
  establishment's place, in metres of the projection the source field ends with (converted by
  :func:`~esms_desktop.domain.geodesy.from_finess_projection`; an unknown system gives no place).
  They come after the establishments: each batch of places updates the establishments already
  written (see :meth:`RegisterBuilder.locate`), so memory stays flat.

There is no capacity in this format (``capacity`` stays None) and no legal status. Encoding is
Latin-1 in older years, UTF-8 in newer ones: each line is decoded on its own.

The extract of the *legal entities* (``structureej;…`` rows, files named like
``etalab-cs1100501-stock-….csv``) is refused (:func:`legal_entities_extract_problem`): no real
file of that layout was available to confirm its columns, and guessed columns would name OGs
wrongly with full confidence.

The file is streamed: raw lines are decoded a block at a time and fed to :func:`csv.reader` (which
handles ``"quoted; names"``), so memory stays bounded by the entries kept, not by the file — and
by one batch only when a sink (the register file being written) takes them as they come. One row
of look-ahead lets a short *last* row — a cut download — refuse the whole file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from esms_desktop.domain.finess_register import (
    EntrySink,
    FinessFileError,
    RegisterBuilder,
    RegisterImport,
    RegisterSource,
)
from esms_desktop.domain.geodesy import from_finess_projection
from esms_desktop.domain.nomenclature import Nomenclature
from esms_desktop.importers.finess_common import (
    UTF8_BOM,
    LineDecoder,
    new_builder,
    separator_problem,
    sniff,
)
from esms_desktop.importers.progress import CancelToken, ProgressFn, Ticker

FIELDS: tuple[str, ...] = (
    "section",
    "nofinesset",
    "nofinessej",
    "rs",
    "rslongue",
    "complrs",
    "compldistrib",
    "numvoie",
    "typvoie",
    "voie",
    "compvoie",
    "lieuditbp",
    "commune",
    "departement",
    "libdepartement",
    "ligneacheminement",
    "telephone",
    "telecopie",
    "categetab",
    "libcategetab",
    "categagretab",
    "libcategagretab",
    "siret",
    "codeape",
    "codemft",
    "libmft",
    "codesph",
    "libsph",
    "dateouv",
    "dateautor",
    "datemaj",
)
"""Field order of a ``structureet`` row (``numuai`` may follow, as a 32nd field)."""

MIN_FIELDS = len(FIELDS)
MAX_FIELDS = MIN_FIELDS + 1
_POSTAL_TOWN = re.compile(r"^(\d{5})\s+(.*)$")


_BLOCK_BYTES = 1 << 18  # 256 KiB: progress still moves by less than 1 % of a national file
_GEO_PREFIX = "geolocalisation;"
LEGAL_ENTITY_SECTION = "structureej"


def legal_entities_extract_problem() -> str:
    """Why an etalab extract of legal entities is refused (French, for :class:`FinessFileError`,
    which names the file)."""
    return (
        "ce fichier liste les entités juridiques (lignes « structureej »), pas les "
        "établissements : sa disposition n'a pas encore pu être vérifiée sur un fichier réel, "
        "il n'est donc pas lu. Chargez plutôt l'extraction etalab des établissements (lignes "
        "« structureet ») ou le flux JSON « structures » de l'ANS, qui décrit aussi les "
        "entités juridiques."
    )


class _Places:
    """The ``geolocalisation`` rows: each one's place handed to the builder, unreadable ones
    counted (reported once)."""

    __slots__ = ("builder", "first_unreadable", "unreadable")

    def __init__(self, builder: RegisterBuilder) -> None:
        self.builder = builder
        self.unreadable = 0
        self.first_unreadable = 0

    def row(self, line: int, text: str) -> None:
        parts = text.rstrip("\r\n").split(";")
        if len(parts) < 5:
            return
        x, y = parts[2].strip().strip('"'), parts[3].strip().strip('"')
        if not x or not y:  # no place known for this establishment
            return
        try:
            location = from_finess_projection(
                float(x.replace(",", ".")), float(y.replace(",", ".")), parts[4].strip('"')
            )
        except ValueError:  # not a number
            location = None
        if location is None:
            self.unreadable += 1
            self.first_unreadable = self.first_unreadable or line
            return
        self.builder.locate(line, parts[1].strip().strip('"'), location)

    def report(self) -> None:
        if self.unreadable:
            self.builder.warn(
                self.first_unreadable,
                f"{self.unreadable} géolocalisation(s) illisible(s) (coordonnées ou projection "
                "inconnues, ou hors du territoire) : ignorée(s), la première ici",
            )


def _decoded_lines(
    f: IO[bytes], decoder: LineDecoder, counter: list[int], places: _Places
) -> Iterator[str]:
    """Each physical line decoded (line ending kept, as csv.reader wants it), read by blocks.

    ``counter`` is ``[bytes read, number of the last line given, geolocation lines read]``:
    ``geolocalisation;…`` lines (a third of a geolocated file) never reach the csv parser (they
    go to ``places``), so the line number is counted here rather than by the reader.
    """
    number = 0
    rest = b""
    start = True
    while True:
        data = f.read(_BLOCK_BYTES)
        counter[0] += len(data)
        if start:
            data, start = data.removeprefix(UTF8_BOM), False
        if data:
            data = rest + data
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                rest = data
                continue
            block, rest = data[:cut], data[cut:]
        elif rest:
            block, rest = rest, b""
        else:
            return
        for line in decoder.decode_block(block, number + 1):
            number += 1
            if line.startswith(_GEO_PREFIX):
                counter[2] += 1
                if line[26:27] != ";":  # « geolocalisation;<9 digits>;; »: no place, the usual
                    places.row(number, line)
                continue
            counter[1] = number
            yield line


def read_etalab(
    path: Path | str,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    *,
    nomenclature: Nomenclature | None = None,
    sink: EntrySink | None = None,
) -> RegisterImport:
    """Read a national etalab extract; :class:`FinessFileError` when the file is unusable."""
    path = Path(path)
    name = path.name
    head = sniff(path)
    if head.gzip:
        raise FinessFileError(name, 0, "fichier compressé (gzip) : décompressez-le d'abord.")
    builder = new_builder(name, RegisterSource.ETALAB, nomenclature, sink)
    decoder = LineDecoder()
    counter = [0, 0, 0]
    ticker = Ticker(progress, cancel, head.size, lambda: counter[0])
    ticker.start()
    other_sections: dict[str, int] = {}
    places = _Places(builder)
    # A row of the wrong shape waits for the next one: the last row short means a cut file.
    pending: tuple[int, list[str]] | None = None
    establishments = False
    with path.open("rb") as f:
        lines = _decoded_lines(f, decoder, counter, places)
        reader = csv.reader(lines, delimiter=";", quotechar='"')
        first = True
        try:
            for row in reader:
                line = counter[1]
                section = row[0] if row else ""
                if section != "structureet":  # the usual row, as written: no more checks
                    if not any(cell.strip() for cell in row):
                        continue
                    section = section.strip().lower()
                if first:
                    first = False
                    if section == "finess":
                        continue
                    if section == LEGAL_ENTITY_SECTION:
                        raise FinessFileError(name, line, legal_entities_extract_problem())
                    if section not in ("structureet", "geolocalisation"):
                        raise FinessFileError(name, line, _header_problem(row))
                ticker.tick()
                if section == "structureet":
                    establishments = True
                    if pending is not None:
                        _row(builder, *pending, last=False)
                        pending = None
                    if MIN_FIELDS <= len(row) <= MAX_FIELDS:
                        _add(builder, line, row)  # the usual row, at once
                    else:
                        pending = (line, row)
                elif section == LEGAL_ENTITY_SECTION and not establishments:
                    # The extract of legal entities (its first rows say so): refused at once.
                    raise FinessFileError(name, line, legal_entities_extract_problem())
                elif section != "geolocalisation":
                    other_sections.setdefault(section, line)
        except csv.Error as exc:
            raise FinessFileError(
                name,
                counter[1],
                f"ligne illisible ({exc}) : guillemet jamais fermé dans un nom ?",
                builder.issues,
            ) from None
    if first and not counter[2]:
        raise FinessFileError(name, 0, "le fichier est vide : aucun établissement à importer.")
    if not establishments:
        raise FinessFileError(
            name,
            1,
            "aucune ligne « structureet » : le fichier ne contient aucun établissement "
            "(en-tête seul, ou extraction des entités juridiques au lieu des établissements ?).",
        )
    if pending is not None:
        _row(builder, *pending, last=True)
    for section, line in other_sections.items():
        builder.warn(line, f"lignes de section « {section} » inconnue ignorées (première ici)")
    places.report()
    decoder.report(builder)
    ticker.finish()
    return builder.result()


def _header_problem(row: list[str]) -> str:
    text = ";".join(row)
    hint = separator_problem(text)
    if hint:
        return f"en-tête non reconnu : {hint}."
    shown = text if len(text) <= 60 else text[:57] + "…"
    return (
        f"en-tête « {shown} » non reconnu : extraction FINESS etalab attendue "
        "(première ligne « finess;etalab;… » puis lignes « structureet;… »)."
    )


def _row(builder: RegisterBuilder, line: int, row: list[str], *, last: bool) -> None:
    """Check one ``structureet`` row's shape, then give its values to the builder."""
    problem = ""
    if len(row) < MIN_FIELDS:
        problem = f"{len(row)} champs au lieu de {MIN_FIELDS}"
    elif len(row) > MAX_FIELDS:
        problem = (
            f"{len(row)} champs au lieu de {MIN_FIELDS} (point-virgule dans un nom sans "
            "guillemets ?)"
        )
    if problem:
        if last and (len(row) < MIN_FIELDS):
            # A short last row is a cut download: the rows after it are missing, unreported.
            builder.error(line, f"ligne incomplète : {problem}")
            raise FinessFileError(
                builder.file,
                line,
                f"la dernière ligne est incomplète ({problem}) : le fichier semble coupé "
                "(téléchargement interrompu ?). Téléchargez-le à nouveau.",
                builder.issues,
            )
        builder.error(line, f"ligne ignorée : {problem}")
        return
    _add(builder, line, row)


def _add(builder: RegisterBuilder, line: int, row: list[str]) -> None:
    """Give the values of a ``structureet`` row of the right shape to the builder."""
    # Fields by position (see FIELDS): numvoie 7, typvoie 8, voie 9, compvoie 10, lieuditbp 11,
    # compldistrib 6, ligneacheminement 15.
    street = " ".join([p for p in (row[7], row[10], row[8], row[9]) if p and not p.isspace()])
    address = ", ".join([p for p in (row[6], street, row[11]) if p and not p.isspace()])
    routing = " ".join(row[15].split())
    postal_code, town = "", routing
    if routing[5:6] == " " and routing[:5].isascii() and routing[:5].isdigit():
        postal_code, town = routing[:5], routing[6:]  # the usual « 01560 VERNOUX »
    elif m := _POSTAL_TOWN.match(routing):
        postal_code, town = m.group(1), m.group(2)
    # By position (see RegisterBuilder.add for the names): one call per row of a national file.
    builder.add_values(
        line,
        row[1],
        row[2],
        row[22],
        row[3],
        row[4],
        row[18],
        row[19],
        "",
        "",
        address,
        postal_code,
        town,
        row[28],
        False,
        None,
        None,
        "",
        row[16],
    )

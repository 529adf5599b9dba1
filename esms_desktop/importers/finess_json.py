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

The file is loaded with :func:`json.load`: the standard library has no streaming JSON parser, and
a regional flux is a few MB (the national one tens of MB), which fits in memory. Gzip is recognised
by its magic bytes. The flux is pretty-printed, so issues carry the line of the establishment's
``numFinessEge`` when it can be found; ``where`` names the legal entity and establishment anyway.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from pathlib import Path
from typing import Any

from esms_desktop.domain.finess_register import (
    FinessFileError,
    RegisterBuilder,
    RegisterImport,
    RegisterSource,
)
from esms_desktop.domain.nomenclature import Nomenclature
from esms_desktop.importers.finess_common import UTF8_BOM, new_builder, sniff
from esms_desktop.importers.progress import CancelToken, ProgressFn, Ticker

CLOSED_STATE = "I"
"""``etatObjet`` of a closed (inactive) object; ``A`` is active."""

_ADDRESS_USAGE_ORDER = ("03", "02")
"""Preferred ``usageAdresse``: every establishment of the sample has a ``03`` address."""

_EGE_KEY = re.compile(rb'"numFinessEge"\s*:')
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrub(value: Any) -> Any:
    """Replace lone surrogates (a ``\\ud800`` escape without its pair) by U+FFFD.

    JSON lets them through, but no file or database can store them: left in, they would crash
    the register's storage instead of showing as an odd character in one name.
    """
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


def _load(path: Path, compressed: bool) -> tuple[Any, bytes]:
    """The parsed document and its raw bytes; French :class:`FinessFileError` on any failure."""
    name = path.name
    try:
        data = path.read_bytes()
        if compressed:
            data = gzip.decompress(data)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise FinessFileError(
            name, 0, f"fichier compressé (gzip) tronqué ou abîmé ({exc})."
        ) from None
    except OSError as exc:
        raise FinessFileError(name, 0, f"lecture impossible ({exc.strerror or exc}).") from None
    data = data.removeprefix(UTF8_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FinessFileError(
            name, line, "le flux JSON n'est pas en UTF-8 (caractère invalide)."
        ) from None
    try:
        document = json.loads(text)
        if _SURROGATE_ESCAPE.search(text):  # rare: only then walk the document
            document = _scrub(document)
        return document, data
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        problem = (
            "le fichier JSON s'arrête avant la fin : il semble coupé (téléchargement "
            "interrompu ?). Téléchargez-le à nouveau."
            if cut
            else f"JSON invalide colonne {exc.colno} ({exc.msg})."
        )
        raise FinessFileError(name, exc.lineno, problem) from None
    except RecursionError:
        raise FinessFileError(
            name, 0, "JSON trop imbriqué : ce n'est pas un flux FINESS."
        ) from None


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


def _ege_lines(data: bytes, count: int) -> list[int]:
    """Line of each ``numFinessEge`` key in document order, when they match the ``ege`` count.

    Empty list when the file is on one line or the keys do not line up with the establishments
    (then issues fall back to naming the legal entity and establishment).
    """
    if data.count(b"\n") < count:
        return []
    lines: list[int] = []
    previous_pos, line = 0, 1
    for m in _EGE_KEY.finditer(data):
        line += data.count(b"\n", previous_pos, m.start())
        previous_pos = m.start()
        lines.append(line)
    return lines if len(lines) == count else []


def read_json_flux(
    path: Path | str,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    *,
    nomenclature: Nomenclature | None = None,
) -> RegisterImport:
    """Read the ANS JSON flux (plain or gzip); :class:`FinessFileError` when unusable.

    Progress is reported in establishments (``total`` = their number), after loading.
    """
    path = Path(path)
    name = path.name
    head = sniff(path)
    ticker = Ticker(progress, cancel)
    ticker.start()
    document, data = _load(path, head.gzip)
    pmej = document.get("pmej") if isinstance(document, dict) else None
    if not isinstance(pmej, list):
        raise FinessFileError(
            name,
            0,
            "JSON sans liste « pmej » (entités juridiques) : ce n'est pas le flux « structures » "
            "FINESS de l'ANS.",
        )
    if not pmej:
        raise FinessFileError(name, 0, "la liste « pmej » est vide : aucune entité juridique.")
    all_ege = [_list(pm, "ege") for pm in pmej]
    ticker.total = sum(len(e) for e in all_ege)
    lines = _ege_lines(data, ticker.total)
    builder = new_builder(name, RegisterSource.JSON, nomenclature)
    position = 0
    for i, (pm, eges) in enumerate(zip(pmej, all_ege, strict=True), start=1):
        info = _dict(pm, "informationsGeneralesPMEJ")
        ej = _text(info, "numFinessPm")
        ej_where = f"entité juridique {ej}" if ej else f"entité juridique n° {i}"
        if not isinstance(pm, dict):
            builder.error(0, "entité juridique illisible (objet attendu)", where=ej_where)
            continue
        for k, ege in enumerate(eges, start=1):
            ticker.tick()
            line = lines[position] if lines else 0
            position += 1
            where = f"{ej_where}, établissement n° {k}"
            if not isinstance(ege, dict):
                builder.error(line, "établissement illisible (objet attendu)", where=where)
                continue
            _ege(builder, line, where, ege, ej, _text(info, "statutJuridique"))
    if ticker.total == 0:
        raise FinessFileError(
            name, 0, f"aucun établissement (« ege ») dans les {len(pmej)} entités juridiques."
        )
    ticker.finish()
    return builder.result()


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
    closing = _text(info, "dateFermeture")
    builder.add(
        line,
        where=where,
        finess=_text(info, "numFinessEge"),
        finess_ej=ej,
        siret=_text(info, "siret"),
        name=_text(info, "nomEgeCourt"),
        long_name=_text(info, "nomEgeLong"),
        category=_text(ege, "categorieentiteGeographiqueExercice"),
        legal_status_code=legal_status,
        address=address,
        postal_code=postal_code,
        town=town,
        opened=_text(info, "dateOuverture"),
        closed=_text(ege, "etatObjet") == CLOSED_STATE or bool(closing),
        closed_on=closing or None,
    )

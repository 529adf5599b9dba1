"""Reader for the CSV the FINESS consultation website exports (finess.esante.gouv.fr).

A director can export their own establishments from the website; the file is peculiar:

- every cell is an Excel formula ``="…"`` (so Excel keeps leading zeros), ``;`` separator, CRLF;
- the header is UTF-8 (with some bytes lost: ``Client?le``) while the rows are Latin-1 — each line
  is decoded on its own (:class:`~esms_desktop.importers.finess_common.LineDecoder`) and columns are
  found by title with every non-ASCII character dropped (``numrofiness``), so any encoding of the
  header matches;
- dates are written ``01 octobre 2000``; SIRET with spaces (``775 544 083 00477``);
- capacities come in 5 blocks (discipline, mode de fonctionnement, clientèle, capacities): the
  establishment's capacity is the sum of the 5 ``Capacité totale`` cells;
- no legal entity is described, only its number (« FINESS juridique ») beside each
  establishment, with its legal status: a legal entity with just those is kept for each.

The same file re-saved by a spreadsheet (plain or ``"quoted"`` cells, leading zeros lost) is read
too: lost zeros then show up as 8-digit FINESS numbers, reported with the likely correct number.

The file is read line by line; the reader keeps one row of look-ahead so that a short *last* row —
a download cut in the middle — refuses the whole file instead of silently dropping the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from esms_desktop.domain.finess_register import (
    EntrySink,
    FinessFileError,
    RegisterBuilder,
    RegisterImport,
    RegisterSource,
    parse_capacity,
)
from esms_desktop.domain.identifiers import normalise
from esms_desktop.domain.nomenclature import Nomenclature
from esms_desktop.importers.finess_common import (
    UTF8_BOM,
    LineDecoder,
    header_key,
    is_web_header,
    new_builder,
    separator_problem,
    sniff,
)
from esms_desktop.importers.progress import CancelToken, ProgressFn, Ticker

# A cell: ="…" or "…" (with "" for a quote inside), or plain text not starting with a quote.
_CELL = re.compile(r'[ \t]*=?"((?:[^"]|"")*)"[ \t]*(?=;|$)|(?!=?")([^;]*)(?=;|$)')

# Column title keys (see finess_common.header_key) → our field names.
_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("finess", r"^(?:num[a-z]*|no)?finess(?:et)?$"),
        ("siret", r"^siret$"),
        ("name", r"^raisonsociale$"),
        ("long_name", r"^raisonsocialelongue$"),
        ("complement", r"^compl[a-z]*distribution$"),
        ("address", r"^adresse$"),
        ("lieudit", r"^lieudit"),
        ("postal_code", r"^codepostal$"),
        ("town", r"^libel[a-z]*routage$"),
        ("opened", r"^dateouv"),
        ("category", r"^codecat"),
        ("category_label", r"^libcat"),
        ("legal_status_code", r"^codestatut$"),
        ("legal_status_label", r"^libstatut$"),
        ("finess_ej", r"^finessjuridique$"),
        ("phone", r"^te?l(?:e?phone)?$"),  # « Tel » (accents dropped: « Tél » is « tl »)
    )
)
_CAPACITY_TOTAL = re.compile(r"^capacit[a-z]*totale(\d+)$")


def split_cells(text: str) -> list[str] | None:
    """Split one line into cell values (``="x"`` → ``x``); None when a quote is left open.

    Most lines are plain ``="x";="y";;`` cells: a split on ``;`` handles them without a regex
    (four times faster); any other quoting goes through the full cell pattern.
    """
    cells: list[str] = []
    for part in text.split(";"):
        if '"' not in part:
            cells.append(part)
        elif part.startswith('="') and part.endswith('"') and part.count('"') == 2:
            cells.append(part[2:-1])
        else:
            return _split_quoted(text)
    return cells


def _split_quoted(text: str) -> list[str] | None:
    cells: list[str] = []
    pos, end = 0, len(text)
    while True:
        m = _CELL.match(text, pos)
        if m is None:
            return None
        quoted = m.group(1)
        cells.append(quoted.replace('""', '"') if quoted is not None else m.group(2))
        pos = m.end()
        if pos >= end:
            return cells
        pos += 1  # the ';'


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where each field is in this file, and how many columns a row must have.

    ``width`` counts the titled columns (52 in the website export); ``cells`` counts the header's
    cells, one more when lines end with ``;`` as the website writes them. A row must have between
    the two: one more cell means a ``;`` inside a name has shifted every column after it.
    """

    index: dict[str, int]
    capacities: tuple[int, ...]
    width: int
    cells: int


def _layout(file: str, line: int, text: str) -> _Layout:
    cells = split_cells(text)
    keys = [header_key(c) for c in cells] if cells is not None else []
    if cells is None or not is_web_header(keys):
        hint = separator_problem(text)
        problem = (
            f"en-tête non reconnu : {hint}."
            if hint
            else "en-tête non reconnu : colonnes « Numéro FINESS », « Raison sociale » et "
            "« Code categorie » attendues (export CSV du site FINESS)."
        )
        raise FinessFileError(file, line, problem)
    index: dict[str, int] = {}
    capacities: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        for name, pattern in _COLUMNS:
            if name not in index and pattern.match(key):
                index[name] = i
                break
        if m := _CAPACITY_TOTAL.match(key):
            capacities.append((int(m.group(1)), i))
    width = max(i + 1 for i, k in enumerate(keys) if k) if any(keys) else 0
    return _Layout(index, tuple(i for _, i in sorted(capacities)), width, max(width, len(keys)))


def _lines(f: Iterator[bytes], counter: list[int]) -> Iterator[tuple[int, bytes]]:
    """Non-blank physical lines with their numbers; ``counter[0]`` tracks bytes read."""
    for number, raw in enumerate(f, start=1):
        counter[0] += len(raw)
        if number == 1:
            raw = raw.removeprefix(UTF8_BOM)
        raw = raw.rstrip(b"\r\n")
        if raw.strip(b" \t;"):
            yield number, raw


def read_web_export(
    path: Path | str,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    *,
    nomenclature: Nomenclature | None = None,
    sink: EntrySink | None = None,
) -> RegisterImport:
    """Read a FINESS website export; :class:`FinessFileError` when the file is unusable."""
    path = Path(path)
    name = path.name
    head = sniff(path)
    if head.gzip:
        raise FinessFileError(name, 0, "fichier compressé (gzip) : décompressez-le d'abord.")
    builder = new_builder(name, RegisterSource.WEB, nomenclature, sink)
    decoder = LineDecoder()
    counter = [0]
    ticker = Ticker(progress, cancel, head.size, lambda: counter[0])
    ticker.start()
    with path.open("rb") as f:
        lines = _lines(f, counter)
        first = next(lines, None)
        if first is None:
            raise FinessFileError(name, 0, "le fichier est vide : aucun établissement à importer.")
        header_line, header_raw = first
        # The header is decoded apart (its encoding differs from the rows' by design).
        layout = _layout(name, header_line, decoder.decode(header_raw, header_line, track=False))
        pending: tuple[int, list[str] | None] | None = None
        for number, raw in lines:
            ticker.tick()
            if pending is not None:
                _row(builder, layout, *pending, last=False)
            pending = (number, split_cells(decoder.decode(raw, number)))
        if pending is None:
            raise FinessFileError(
                name,
                header_line,
                "le fichier ne contient que la ligne d'en-tête : aucun établissement à importer.",
            )
        _row(builder, layout, *pending, last=True)
    decoder.report(builder)
    ticker.finish()
    return builder.result()


def _row(
    builder: RegisterBuilder, layout: _Layout, line: int, cells: list[str] | None, *, last: bool
) -> None:
    """Check one row's shape, then give its values to the builder."""
    problem = ""
    if cells is None:
        problem = "guillemet ouvert mais jamais fermé"
    elif len(cells) < layout.width:
        problem = f"{len(cells)} colonnes au lieu de {layout.width}"
    elif len(cells) > layout.cells:
        problem = (
            f"{len(cells) - (layout.cells - layout.width)} colonnes au lieu de {layout.width} "
            "(point-virgule dans un nom sans guillemets ?)"
        )
    elif any(c.strip() for c in cells[layout.width :]):
        problem = f"valeurs au-delà des {layout.width} colonnes de l'en-tête"
    if problem:
        if last and (cells is None or len(cells) < layout.width):
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
    assert cells is not None  # for the type checker: problem is set when cells is None

    def cell(field: str) -> str:
        i = layout.index.get(field)
        return cells[i].strip() if i is not None else ""

    warnings: list[str] = []
    capacity: int | None = None
    for block, i in enumerate(layout.capacities, start=1):
        try:
            value = parse_capacity(cells[i])
        except ValueError as exc:
            warnings.append(f"{exc} dans le bloc {block} : ignorée")
            continue
        if value is not None:
            capacity = (capacity or 0) + value

    address = ", ".join(p for p in (cell("complement"), cell("address"), cell("lieudit")) if p)
    # By position (see RegisterBuilder.add for the names): no entry object made per row.
    kept = builder.add_values(
        line,
        cell("finess"),
        cell("finess_ej"),
        cell("siret"),
        cell("name"),
        cell("long_name"),
        cell("category"),
        cell("category_label"),
        cell("legal_status_code"),
        cell("legal_status_label"),
        address,
        cell("postal_code"),
        cell("town"),
        cell("opened"),
        False,
        None,
        capacity,
        "",
        cell("phone"),
    )
    if kept is not None:
        for message in warnings:
            builder.warn(line, message, finess=normalise(cell("finess")))
        # The file names no legal entity, only its number beside each establishment; its
        # status (« Code statut ») is the legal entity's: that much is known of it.
        builder.add_legal_entity(
            line,
            cell("finess_ej"),
            legal_status_code=cell("legal_status_code"),
            legal_status_label=cell("legal_status_label"),
            mentioned=True,
        )

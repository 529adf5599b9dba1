"""Reading an etalab file by blocks gives what reading it line by line gave.

The national file is decoded a block at a time and its ``geolocalisation`` lines never reach the
csv parser (issue 18: the import was 5× a bare ``csv.reader``): the text, the encoding warnings
and the line numbers in the messages must not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from esms_desktop.domain.finess_register import FinessFileError
from esms_desktop.importers import finess_etalab
from esms_desktop.importers.finess_common import LineDecoder
from esms_desktop.importers.finess_etalab import read_etalab
from tests.importers.test_finess_readers import make_national_file

BLOCKS = {
    "ascii": b"a;b\nc;d\n",
    "utf-8": "ESAT Les Brosses\nFoyer Émile\nMaison d'accueil\n".encode(),
    "cp1252": "Foyer Émile\nÉtablissement\n".encode("cp1252"),
    "mixed": "Émile\n".encode() + "Élise\n".encode("cp1252") + b"plain\n",
    "double-encoded": "Ã©cole\nsimple\n".encode(),
    "cp1252 that is valid utf-8": "Ã©t\nÉté\n".encode("cp1252"),
    "no final newline": "Foyer\nÉmile".encode(),
    "undefined cp1252 byte": b"caf\xe9\nx\x81y\n",
}


def _line_by_line(block: bytes, decoder: LineDecoder) -> list[str]:
    lines = [part + b"\n" for part in block.split(b"\n")]
    if lines[-1] == b"\n":
        lines.pop()
    else:
        lines[-1] = lines[-1][:-1]
    return [decoder.decode(raw, n) for n, raw in enumerate(lines, start=1)]


@pytest.mark.parametrize("before", ["", "utf-8", "cp1252"])
@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_a_block_decodes_as_its_lines_do(name: str, before: str) -> None:
    """Whatever was met before (which decides the one-call paths), same text, same warnings."""
    by_block, by_line = LineDecoder(), LineDecoder()
    if before:
        earlier = "Déjà\n".encode(before)
        by_block.decode(earlier, 1)
        by_line.decode(earlier, 1)
    block = BLOCKS[name]
    assert by_block.decode_block(block, 1) == _line_by_line(block, by_line)
    assert by_block.first_line == by_line.first_line
    assert by_block.repaired_line == by_line.repaired_line


def test_the_national_file_reads_the_same_by_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "etalab.csv"
    make_national_file(path, 3000)
    by_blocks = read_etalab(path)
    monkeypatch.setattr(finess_etalab, "_BLOCK_BYTES", 97)  # blocks cut lines everywhere
    small_blocks = read_etalab(path)
    assert len(by_blocks.entries) == 3000
    assert small_blocks.entries == by_blocks.entries
    assert small_blocks.issues == by_blocks.issues


def test_line_numbers_count_the_skipped_geolocation_lines(tmp_path: Path) -> None:
    path = tmp_path / "etalab.csv"
    make_national_file(path, 3)
    lines = path.read_bytes().decode("cp1252").splitlines()
    # finess header, 3 structureet, 2 geolocalisation: a bad row after them is line 7
    lines.append("structureet;123;trop;court")
    path.write_bytes(("\n".join(lines[:-1]) + "\n" + lines[-1] + ";" * 40 + "\n").encode())
    result = read_etalab(path)
    [issue] = [i for i in result.issues if "refusé" in i.text or "ignorée" in i.text]
    assert issue.line == 7


def test_a_file_of_geolocation_lines_only_has_no_establishment(tmp_path: Path) -> None:
    path = tmp_path / "geo.csv"
    path.write_text("geolocalisation;010000008;1;2;x;2024-01-10\n", encoding="ascii")
    with pytest.raises(FinessFileError, match="aucune ligne « structureet »"):
        read_etalab(path)

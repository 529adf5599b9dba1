"""The shortcuts a national FINESS file goes through give the answers of the full rules (issue 18).

Each fast path is compared with the rule it stands for, over every case a table can hold or
random ones: the Luhn sum by 3-digit chunks with :func:`luhn_ok`, the byte-kind search for a UTF-8
pair with its regular expression, the positional :meth:`RegisterBuilder.add_values` with the
keyword :meth:`RegisterBuilder.add`, and entry values with the entries they stand for.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from esms_desktop.domain.finess_register import (
    RegisterBuilder,
    RegisterEntry,
    RegisterSource,
    _luhn_digits,
    entry_of_values,
    entry_values,
)
from esms_desktop.domain.identifiers import luhn_ok
from esms_desktop.importers.finess_common import _UTF8_PAIR, _has_utf8_pair
from esms_desktop.services import finess_lookup
from esms_desktop.storage import register_file
from esms_desktop.storage.store import open_store
from tests.importers.test_finess_readers import make_national_file


@pytest.mark.parametrize("length", [1, 2, 3, 8, 9, 10, 13, 14, 15])
def test_luhn_by_chunks_agrees_with_the_rule(length: int) -> None:
    rng = random.Random(length)
    numbers = ["".join(rng.choice("0123456789") for _ in range(length)) for _ in range(5000)]
    numbers += ["0" * length, "9" * length]
    assert [_luhn_digits(n) for n in numbers] == [luhn_ok(n) for n in numbers]
    assert any(_luhn_digits(n) for n in numbers) and not all(_luhn_digits(n) for n in numbers)


def test_every_pair_of_bytes_is_judged_as_the_pattern_judges_it() -> None:
    for first in range(256):
        for second in range(256):
            pair = bytes((first, second))
            assert _has_utf8_pair(pair) is bool(_UTF8_PAIR.search(pair)), pair
    assert _has_utf8_pair("ÉCOLE".encode() + b"\xe9") and not _has_utf8_pair(b"\xe9cole \xc9")


def test_values_and_entries_convert_both_ways() -> None:
    entry = RegisterEntry(
        "010000008", name="ESAT", opened=date(2000, 10, 1), closed=True, closed_on=date(2020, 1, 31)
    )
    values = entry_values(entry)
    assert values[14] == "2000-10-01" and values[16] == "2020-01-31"
    assert entry_of_values(values) == entry
    assert entry_of_values(entry_values(RegisterEntry("010000008"))) == RegisterEntry("010000008")


def test_positional_add_checks_as_the_keyword_one() -> None:
    by_name = RegisterBuilder("f.csv", RegisterSource.WEB)
    by_position = RegisterBuilder("f.csv", RegisterSource.WEB)
    rows = [
        ("010000008", "010785897", "77554408300477", "ESAT  A", "", "246", "", "01/10/2000"),
        ("010000008", "", "12345678901234", "", "ESAT B", "24x", "Lib", "31/02/2000"),
        ("01000000", "", "", "C", "", "246", "", ""),
        ("010000016", "0100012²", "7755440830047²", "D", "", "", "", "1er août 2007"),
    ]
    for line, (finess, ej, siret, name, long_name, category, label, opened) in enumerate(rows, 2):
        got = by_position.add_values(
            line, finess, ej, siret, name, long_name, category, label,
            "", "", "", "", "", opened, False, None, None, "",
        )  # fmt: skip
        entry = by_name.add(
            line,
            finess=finess,
            finess_ej=ej,
            siret=siret,
            name=name,
            long_name=long_name,
            category=category,
            category_label=label,
            opened=opened,
        )
        assert got == (None if entry is None else entry.finess)
    assert by_position.result() == by_name.result()
    assert by_name.result().duplicates_merged == 1


def test_register_file_built_with_large_pages_and_its_indexes(tmp_path: Path) -> None:
    """The bulk load writes 16 KiB pages (fewer to fill), and the indexes a look-up needs exist
    once the file is in place."""
    national = tmp_path / "etalab.csv"
    make_national_file(national, 300)
    with open_store(tmp_path / "donnees", backup_on_open=False) as store:
        loaded = finess_lookup.load_register(store.uow(), national)
        assert loaded.count == 300
        with sqlite3.connect(store.register_file) as conn:
            page = conn.execute("PRAGMA page_size").fetchone()[0]
            indexes = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")
            }
            rows = conn.execute("SELECT rowid, finess FROM repertoire_finess ORDER BY rowid")
            rowids, numbers = zip(*rows, strict=True)
        conn.close()
        assert page == register_file.PAGE_SIZE
        assert {"pk_repertoire_finess", "ix_repertoire_finess_finess_ej"} <= indexes
        # Rowids count the establishments in file order, as the sink's duplicate table says.
        assert list(rowids) == list(range(1, 301))
        in_file = [line.split(";")[1] for line in national.read_text("cp1252").splitlines()]
        assert list(numbers) == [n for n in in_file if n.isdigit()][:300]
        assert finess_lookup.lookup(store.uow(read_only=True), numbers[150]) is not None

"""The streamed import gives exactly what the builder that kept every entry gave (issue 18).

The reference is :mod:`tests.importers.legacy_finess_builder`, the previous builder verbatim. The
same files are read with both — the real public samples, the test excerpts, a generated file full
of duplicates — and must give the same entries (every field), the same issues in the same order
and the same duplicate count, whatever the batch size; a streamed load into a store must hold
those same entries. Memory is checked as a ratio (Python allocations for 10,000 and 40,000 rows),
never as a time.
"""

from __future__ import annotations

import csv
import io
import random
import sqlite3
import tracemalloc
from collections.abc import Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from esms_desktop.domain import finess_register
from esms_desktop.domain.finess_register import RegisterBuilder, RegisterImport, RegisterSource
from esms_desktop.domain.geodesy import GeoPoint
from esms_desktop.domain.nomenclature import Category, Nomenclature, Sector
from esms_desktop.importers import finess_etalab, finess_json, finess_web
from esms_desktop.importers.finess_detect import read_register
from esms_desktop.services import finess_lookup
from esms_desktop.storage.register_repository import search_key
from esms_desktop.storage.store import Store, open_store
from tests.importers import legacy_finess_builder as legacy
from tests.importers.test_finess_readers import etalab_rows_from_web, make_national_file, with_key

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "finess_files"
FIXTURES = sorted(p for p in FILES.iterdir() if p.suffix in (".csv", ".json"))
SHARED = ("finess-web-export-esat.csv", "finess-structures-sample.json.gz")
BATCHES = (1, 3, 7, 5000)
_NEW_IN_19 = ("legal_entities", "legal_streamed", "located")
"""What the legacy builder never made (issue 19): tested in test_finess_legal_entities.py."""
_FIELDS = tuple(f.name for f in fields(RegisterImport) if f.name not in ("streamed", *_NEW_IN_19))


def read_legacy(path: Path, monkeypatch: pytest.MonkeyPatch) -> RegisterImport:
    with monkeypatch.context() as patch:
        for module in (finess_etalab, finess_json, finess_web):
            patch.setattr(module, "new_builder", legacy.legacy_builder)
        return read_register(path)


def read_batched(path: Path, monkeypatch: pytest.MonkeyPatch, batch: int) -> RegisterImport:
    with monkeypatch.context() as patch:
        patch.setattr(finess_register, "BATCH_SIZE", batch)
        return read_register(path)


def assert_same(new: RegisterImport, old: RegisterImport) -> None:
    assert len(new.entries) == len(old.entries)
    for got, expected in zip(new.entries, old.entries, strict=True):
        assert got == expected
    assert list(new.issues) == list(old.issues)
    for name in _FIELDS:
        assert getattr(new, name) == getattr(old, name), name


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "donnees", backup_on_open=False) as opened:
        yield opened


def stored_entries(store: Store) -> list[finess_register.RegisterEntry]:
    """The new register file's rows in the order they were written, as entries."""
    names = list(finess_register.VALUE_NAMES)  # the fields, the place as latitude, longitude
    with sqlite3.connect(store.register_file) as conn:
        rows = conn.execute(
            f"SELECT {', '.join(names)}, nom_cle FROM repertoire_finess ORDER BY rowid"
        ).fetchall()
    conn.close()
    out = []
    for *row, key in rows:
        values = dict(zip(names, row, strict=True))
        assert key == search_key(values["name"], values["long_name"], values["town"])
        for name in ("opened", "closed_on"):
            if values[name] is not None:
                values[name] = date.fromisoformat(values[name])
        values["closed"] = bool(values["closed"])
        latitude, longitude = values.pop("latitude"), values.pop("longitude")
        location = None if latitude is None else GeoPoint(latitude, longitude)
        out.append(finess_register.RegisterEntry(**values, location=location))
    return out


def assert_loaded_like(
    store: Store, path: Path, old: RegisterImport, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(finess_register, "BATCH_SIZE", batch)
        loaded = finess_lookup.load_register(store.uow(), path)
    assert loaded.count == len(old.entries)
    assert list(loaded.issues) == list(old.issues)
    assert loaded.duplicates_merged == old.duplicates_merged
    assert stored_entries(store) == list(old.entries)
    info = finess_lookup.status(store.uow())
    assert info is not None and info.count == len(old.entries)
    assert info.rejected == len(old.errors)


# --- files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
@pytest.mark.parametrize("batch", BATCHES)
def test_fixture_files_read_as_before(
    path: Path, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = read_legacy(path, monkeypatch)
    assert old.entries  # the comparison means something
    assert_same(read_batched(path, monkeypatch, batch), old)


@pytest.mark.parametrize("name", SHARED)
def test_real_files_read_and_loaded_as_before(
    name: str, shared_finess: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = shared_finess / name
    old = read_legacy(path, monkeypatch)
    assert len(old.entries) > 1000
    assert_same(read_batched(path, monkeypatch, 500), old)
    assert_loaded_like(store, path, old, monkeypatch, 500)


def duplicates_file(path: Path, count: int = 400, seed: int = 18) -> Path:
    """An etalab file where 60 establishments come back again and again, each time with other
    values left blank, some rows refused (bad FINESS) or short of a value (bad SIRET)."""
    rng = random.Random(seed)
    base = etalab_rows_from_web()
    numbers = [with_key(f"01{i:06d}") for i in range(60)]
    blankable = (2, 3, 4, 6, 7, 8, 9, 11, 15, 19, 22, 28)  # ej, names, address, label, siret, date
    rows = []
    for _ in range(count):
        row = list(base[rng.randrange(len(base))])
        row[1] = rng.choice(numbers)
        for index in blankable:
            if rng.random() < 0.3:
                row[index] = ""
        if rng.random() < 0.03:
            row[1] = row[1][:-1] + str((int(row[1][-1]) + 1) % 10)  # wrong key: refused
        if rng.random() < 0.05:
            row[22] = "12345678901234"  # a SIRET that fails its check: dropped, warned
        rows.append(row)
    out = io.StringIO()
    out.write("finess;etalab;98;2024-01-10\n")
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("batch", BATCHES)
def test_generated_duplicates_read_and_loaded_as_before(
    batch: int, tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = duplicates_file(tmp_path / "doublons.csv")
    old = read_legacy(path, monkeypatch)
    assert old.duplicates_merged > 300 and old.errors  # duplicates and refusals both met
    assert_same(read_batched(path, monkeypatch, batch), old)
    assert_loaded_like(store, path, old, monkeypatch, batch)


# --- the builder on its own: closed and open descriptions, every batch size ----------------------

NOMENCLATURE = Nomenclature({"246": Category("246", "ESAT", Sector.PH)})


def random_rows(seed: int, count: int = 300) -> list[dict[str, object]]:
    """Rows over a few numbers with random blanks, closures, bad values and unknown categories."""
    rng = random.Random(seed)
    numbers = [with_key(f"59{i:06d}") for i in range(25)]
    rows: list[dict[str, object]] = []
    for line in range(2, count + 2):
        row: dict[str, object] = {"finess": rng.choice(numbers)}
        for name, values in (
            ("name", ("ESAT A", "ESAT B", "", "  ESAT  C ")),
            ("long_name", ("", "ESAT A LONG")),
            ("finess_ej", ("", "590000048", "590000049")),
            ("siret", ("", "73282932000074", "73282932100015")),
            ("category", ("246", "", "999", "24x")),
            ("category_label", ("", "Etab.et Serv.d'Aide par le Travail")),
            ("address", ("", "1 RUE DU PORT")),
            ("postal_code", ("", "59000")),
            ("town", ("", "LILLE", "ROUBAIX")),
            ("opened", ("", "01/10/2000", "31/02/2000", "2001-05-07")),
            ("closed_on", ("", "", "", "2020-01-31")),
            ("capacity", (None, 12, 0)),
            ("where", ("", "entité juridique 590000048")),
        ):
            row[name] = rng.choice(values)
        mostly_closed = row["finess"] in numbers[:5]  # some stay closed once merged
        row["closed"] = rng.random() < (0.95 if mostly_closed else 0.1)
        row["line"] = 0 if row["where"] else line
        if rng.random() < 0.03:
            row["finess"] = "12345"  # refused
        rows.append(row)
    return rows


def build_with(builder: object, rows: list[dict[str, object]]) -> RegisterImport:
    for row in rows:
        values = dict(row)
        line = values.pop("line")
        builder.add(line, **values)  # type: ignore[attr-defined]
    return builder.result()  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("batch", (1, 2, 3, 7, 64, 5000))
def test_builder_merges_as_before_whatever_the_batch(seed: int, batch: int) -> None:
    rows = random_rows(seed)
    labels = {"246": "ESAT"}
    old = build_with(
        legacy.RegisterBuilder("f.csv", RegisterSource.JSON, NOMENCLATURE, labels), rows
    )
    new = build_with(
        RegisterBuilder("f.csv", RegisterSource.JSON, NOMENCLATURE, labels, batch_size=batch),
        rows,
    )
    assert old.duplicates_merged > 100 and any(e.closed for e in old.entries)
    assert_same(new, old)


def test_issues_asked_mid_file_include_the_batch_duplicates() -> None:
    """A reader giving up half-way lists the issues so far: the batch's duplicates among them."""
    builder = RegisterBuilder("f.csv", RegisterSource.WEB, batch_size=1000)
    builder.add(2, finess="590000048", name="A", category="246")
    builder.add(3, finess="590000048", name="A")  # no category: its own warning first
    issues = builder.issues
    assert [i.line for i in issues] == [3, 3]
    assert "catégorie d'établissement absente" in issues[0].message
    assert "en double (déjà présent ligne 2)" in issues[1].message


# --- memory ---------------------------------------------------------------------------------------


def _traced_peak(file: Path, folder: Path) -> int:
    with open_store(folder, backup_on_open=False) as opened:
        tracemalloc.start()
        try:
            loaded = finess_lookup.load_register(opened.uow(), file)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert loaded.count > 0
    return peak


@pytest.mark.slow
def test_streamed_load_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    """Python allocations while loading 20,000 rows stay close to those for 5,000 (measured: 6.4
    and 5.6 MiB; the builder that kept every entry needed four times as much for four times the
    rows). SQLite's own page cache is not Python's and is bounded anyway."""
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    make_national_file(small, 5_000)
    make_national_file(large, 20_000)
    peak_small = _traced_peak(small, tmp_path / "a")
    peak_large = _traced_peak(large, tmp_path / "b")
    assert peak_large < 1.5 * peak_small, (peak_small, peak_large)

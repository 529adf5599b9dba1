"""The FINESS JSON flux read as a stream, and compressed files read within bounds.

A national flux is around 1 GB of JSON: the reader parses one legal entity at a time, so memory
does not grow with the file. Gzip input goes through a bounded decompressor (a 50 kB file that
expands to 50 MB, or to 4 GiB, is refused after a few megabytes), and the ZIPs ``sniff`` refuses
are only listed within bounds. Every error stays French and names the file.

Each reading test runs with both ijson parsers: the C one (what the program uses where a wheel
exists) and the pure-Python one (the fallback), which must give the same results.
"""

from __future__ import annotations

import gzip
import json
import re
import textwrap
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from esms_desktop.domain.finess_register import FinessFileError
from esms_desktop.domain.identifiers import finess_with_key
from esms_desktop.importers import finess_common, finess_json
from esms_desktop.importers.finess_detect import read_register
from esms_desktop.importers.finess_json import read_json_flux
from esms_desktop.importers.progress import Cancelled, CancelToken

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "finess_files"
JSON_EXTRACT = FILES / "finess-structures-extrait.json"
_DEPARTMENTS = [f"{d:02d}" for d in range(1, 96) if d != 20]


# --- a flux of any size ---------------------------------------------------------------------


def establishment_number(i: int) -> str:
    """The FINESS number :func:`make_json_flux` gives its ``i``-th establishment."""
    return finess_with_key(f"{_DEPARTMENTS[i % len(_DEPARTMENTS)]}{i:06d}")


def _indented(value: Any, level: int) -> bytes:
    """``value`` pretty-printed as the ANS does (2 spaces), to sit ``level`` levels deep."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return textwrap.indent(text, "  " * level).lstrip().encode("utf-8")


def make_json_flux(
    path: Path,
    count: int,
    *,
    per_entity: int = 50,
    ballast: int = 0,
    compress: bool = False,
) -> None:
    """A pretty-printed flux of ``count`` establishments, copies of the 12 real ones of the
    excerpt with fresh valid FINESS numbers, ``per_entity`` to a legal entity.

    Written as it goes: a million establishments (4.3 GB) are never in memory. ``ballast`` adds
    that many bytes of events to every establishment (a file big for the entries it holds).
    """
    document = json.loads(JSON_EXTRACT.read_text(encoding="utf-8"))
    model = next(pm for pm in document["pmej"] if pm["ege"])
    templates = []
    for ege in (e for pm in document["pmej"] for e in pm["ege"]):
        ege = json.loads(json.dumps(ege))
        ege["informationsGeneralesEGE"]["numFinessEge"] = "@N@"
        if ballast:
            ege["evenement"] = [{"codeEvenement": "x" * 90} for _ in range(ballast // 100)]
        templates.append(_indented(ege, 4).split(b'"@N@"'))
    entity = json.loads(json.dumps(model))
    entity["informationsGeneralesPMEJ"]["numFinessPm"] = "@EJ@"
    entity["ege"] = "@EGE@"
    head, tail = _indented(entity, 2).split(b'"@EGE@"')
    top = {k: v for k, v in document.items() if k != "pmej"}
    opener = gzip.open if compress else open
    with opener(path, "wb") as out:
        out.write(json.dumps(top, ensure_ascii=False, indent=2).encode()[:-2] + b',\n  "pmej": [\n')
        done = entities = 0
        while done < count:
            n = min(per_entity, count - done)
            dept = _DEPARTMENTS[entities % len(_DEPARTMENTS)]
            ej = finess_with_key(f"{dept}9{entities % 100_000:05d}").encode()
            out.write(b"    " + head.replace(b"@EJ@", ej) + b"[\n")
            for k in range(done, done + n):
                before, after = templates[k % len(templates)]
                number = establishment_number(k).encode()
                out.write(b"        " + before + b'"' + number + b'"' + after)
                out.write(b",\n" if k < done + n - 1 else b"\n")
            done += n
            entities += 1
            out.write(b"      ]" + tail + (b",\n" if done < count else b"\n"))
        out.write(b"  ]\n}\n")


@pytest.fixture(params=["yajl2_c", "python"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Each test once with the C parser, once with the pure-Python one."""
    import importlib

    module = importlib.import_module(f"ijson.backends.{request.param}")
    monkeypatch.setattr(finess_json, "ijson_backend", module, raising=False)
    yield request.param


def test_generator_makes_a_flux_the_reader_takes_whole(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "flux.json"
    make_json_flux(path, 130, per_entity=40)
    result = read_json_flux(path)
    assert result.ok and len(result.entries) == 130
    assert [e.finess for e in result.entries] == [establishment_number(i) for i in range(130)]
    assert len({e.finess_ej for e in result.entries}) == 4


# --- streamed, not parsed whole -------------------------------------------------------------


def test_the_flux_is_never_parsed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    path = tmp_path / "flux.json"
    make_json_flux(path, 300)

    def whole(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("le flux entier a été lu d'un coup")

    monkeypatch.setattr(json, "loads", whole)
    monkeypatch.setattr(json, "load", whole)
    assert len(read_json_flux(path).entries) == 300


def test_memory_of_a_read_does_not_follow_the_file_size(tmp_path: Path) -> None:
    """9 MB of flux for 400 establishments: what is held is the entries and one legal entity,
    not the document (parsed whole, it took several times the file's size)."""
    path = tmp_path / "flux.json"
    make_json_flux(path, 400, per_entity=10, ballast=20_000)
    size = path.stat().st_size
    assert size > 8_000_000
    tracemalloc.start()
    try:
        result = read_json_flux(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(result.entries) == 400
    assert peak < size / 4, f"pic {peak / 1e6:.1f} Mo pour un fichier de {size / 1e6:.1f} Mo"


def test_lines_of_establishments_far_into_the_flux(tmp_path: Path, backend: str) -> None:
    """Issues carry the exact line of the establishment's number, chunks after chunks."""
    path = tmp_path / "flux.json"
    make_json_flux(path, 400)
    text = path.read_text(encoding="utf-8")
    wrong = {establishment_number(i): establishment_number(i)[:-1] + "X" for i in (3, 250, 399)}
    for good, bad in wrong.items():
        text = text.replace(f'"{good}"', f'"{bad}"')
    # numFinessEge keys outside the establishments (before the list) must not shift the lines.
    text = text.replace('"gcc": [', '"gcc": [{"numFinessEge": "010000016"}, ', 1)
    path.write_text(text, encoding="utf-8")
    result = read_json_flux(path)
    assert len(result.entries) == 397
    expected = sorted(text[: text.index(f'"{bad}"')].count("\n") + 1 for bad in wrong.values())
    assert sorted(e.line for e in result.errors) == expected
    assert all("établissement n°" in e.where for e in result.errors)


def test_duplicate_names_the_first_line(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "flux.json"
    make_json_flux(path, 60)
    text = path.read_text(encoding="utf-8")
    first, second = establishment_number(5), establishment_number(55)
    text = text.replace(f'"{second}"', f'"{first}"')
    path.write_text(text, encoding="utf-8")
    result = read_json_flux(path)
    [merged] = [i for i in result.warnings if "en double" in i.message]
    assert f"ligne {text[: text.index(first)].count(chr(10)) + 1}" in merged.message
    assert merged.line == text[: text.rindex(first)].count("\n") + 1


# --- what the chunks are checked for --------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b'{"pmej": [' + b"[" * 200_000,
        b'{"pmej": [' + b'{"a": [' * 50_000,
        # Closing brackets hidden in strings do not hide the depth.
        b'{"pmej": [{"x": "' + b"]" * 100_000 + b'", "y": ' + b"[" * 100_000,
    ],
)
def test_deep_nesting_refused_before_the_parser_sees_it(
    tmp_path: Path, backend: str, content: bytes
) -> None:
    path = tmp_path / "profond.json"
    path.write_bytes(content)
    with pytest.raises(FinessFileError, match=r"« profond\.json ».*JSON trop imbriqué"):
        read_json_flux(path)


def test_brackets_and_escapes_in_strings_are_text(tmp_path: Path, backend: str) -> None:
    text = JSON_EXTRACT.read_text(encoding="utf-8")
    marker = '"nomEgeCourt": "'
    at = text.index(marker) + len(marker)
    odd = r"[[[{{ \"entre\" \\ud800 ]]}} \ud83d\ude00 \ud800 \\"
    path = tmp_path / "flux.json"
    path.write_text(text[:at] + odd + text[at:], encoding="utf-8")
    [entry] = [e for e in read_json_flux(path).entries if e.name.startswith("[[[")]
    assert entry.name.startswith('[[[{{ "entre" \\ud800 ]]}} \U0001f600 \ufffd \\')


def test_a_lone_surrogate_cut_by_a_chunk_is_still_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    monkeypatch.setattr(finess_json, "CHUNK", 7)  # every escape falls across a cut somewhere
    text = JSON_EXTRACT.read_text(encoding="utf-8")
    marker = '"nomEgeCourt": "'
    at = text.index(marker) + len(marker)
    path = tmp_path / "flux.json"
    path.write_text(text[:at] + r"\ud800\ud83d\ude00" + text[at:], encoding="utf-8")
    result = read_json_flux(path)
    assert any(e.name.startswith("\ufffd\U0001f600") for e in result.entries)
    assert len(result.entries) == 12


def test_tiny_chunks_give_the_same_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    path = tmp_path / "flux.json"
    make_json_flux(path, 30)
    whole = read_json_flux(path)
    monkeypatch.setattr(finess_json, "CHUNK", 5)
    assert read_json_flux(path) == whole


def test_cancel_works_in_a_part_without_establishments(tmp_path: Path, backend: str) -> None:
    text = JSON_EXTRACT.read_text(encoding="utf-8")
    padding = '"gco": [' + ", ".join(['{"pmSmsseId": "403"}'] * 60_000) + ", "  # 1.3 MB
    path = tmp_path / "flux.json"
    path.write_text(text.replace('"gco": [', padding, 1), encoding="utf-8")
    token = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done:
            token.cancel()

    with pytest.raises(Cancelled):
        read_json_flux(path, progress, token)
    assert 0 < seen[-1] < path.stat().st_size


# --- errors in the middle of a stream -------------------------------------------------------


@pytest.fixture
def big_flux(tmp_path: Path) -> bytes:
    path = tmp_path / "source.json"
    make_json_flux(path, 200)
    return path.read_bytes()


def test_cut_far_into_the_flux_is_refused(tmp_path: Path, big_flux: bytes, backend: str) -> None:
    path = tmp_path / "coupé.json"
    cut = big_flux[: len(big_flux) * 2 // 3]
    path.write_bytes(cut)
    with pytest.raises(FinessFileError, match=r"« coupé\.json ».*semble coupé") as caught:
        read_json_flux(path)
    assert caught.value.line == cut.count(b"\n") + 1


def test_invalid_json_far_into_the_flux_names_its_lines(
    tmp_path: Path, big_flux: bytes, backend: str
) -> None:
    at = big_flux.index(b'"nomEgeCourt"', len(big_flux) // 2)
    path = tmp_path / "abîmé.json"
    path.write_bytes(big_flux[:at] + b"}" + big_flux[at:])
    with pytest.raises(FinessFileError, match=r"« abîmé\.json ».*JSON invalide") as caught:
        read_json_flux(path)
    line = big_flux[:at].count(b"\n") + 1
    if m := re.search(r"entre les lignes (\d+) et (\d+)", caught.value.problem):
        assert int(m.group(1)) <= line <= int(m.group(2))
    else:
        assert caught.value.line == line


def test_not_utf8_far_into_the_flux_names_the_line(
    tmp_path: Path, big_flux: bytes, backend: str
) -> None:
    at = big_flux.index(b'"nomEgeCourt": "', len(big_flux) // 2) + len(b'"nomEgeCourt": "')
    path = tmp_path / "latin.json"
    path.write_bytes(big_flux[:at] + "é".encode("latin-1") + big_flux[at:])
    with pytest.raises(FinessFileError, match=r"« latin\.json ».*pas en UTF-8") as caught:
        read_json_flux(path)
    assert caught.value.line == big_flux[:at].count(b"\n") + 1


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'{"pmej": null}', "sans liste « pmej »"),
        (b'[{"pmej": []}]', "sans liste « pmej »"),
        (b'{"gco": [], "pmej": []}', "aucune entité juridique"),
        (b'{"pmej": [{"ege": []}, 3]}', "aucun établissement"),
        (b'{"pmej": [{"ege": [{}]}]} {}', "JSON invalide"),
        (b'{"pmej": [{"ege": [{"a": NaN}]}]}', "JSON invalide"),
        (b'{"pmej": [{"ege": [{"a": tru', "semble coupé"),
    ],
)
def test_whole_file_problems(tmp_path: Path, backend: str, content: bytes, fragment: str) -> None:
    path = tmp_path / "flux.json"
    path.write_bytes(content)
    with pytest.raises(FinessFileError, match=rf"« flux\.json ».*{fragment}.*Rien n'a été importé"):
        read_json_flux(path)


# --- compressed files within bounds ---------------------------------------------------------


def _bomb(path: Path, megabytes: int, *, real_head: bool) -> None:
    """A gzip flux that is mostly spaces: 1,000 times smaller than what it expands to.

    With ``real_head``, it starts as the real excerpt does; else its first compressed bytes are
    mostly zeros (which the UTF-16 check once took for text in UTF-16).
    """
    text = JSON_EXTRACT.read_bytes() if real_head else b'{"pmej": []}'
    at = text.index(b'"pmej": [') + len(b'"pmej": [')
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(text[:at])
        for _ in range(megabytes):
            out.write(b" " * 1024 * 1024)
        out.write(text[at:])


@pytest.fixture
def decompressed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many bytes gzip gave out, whoever asked."""
    counted = [0]
    real = gzip.GzipFile.read

    def counting(self: gzip.GzipFile, size: int = -1) -> bytes:
        data = real(self, size)
        counted[0] += len(data)
        return data

    monkeypatch.setattr(gzip.GzipFile, "read", counting)
    return counted


@pytest.mark.parametrize("real_head", [True, False])
def test_gzip_bomb_refused_in_french_without_reading_it_all(
    tmp_path: Path, decompressed: list[int], real_head: bool
) -> None:
    path = tmp_path / "flux.json.gz"
    _bomb(path, 64, real_head=real_head)
    assert path.stat().st_size < 200_000
    with pytest.raises(FinessFileError, match=r"« flux\.json\.gz ».*plus de 200 fois") as caught:
        read_register(path)
    assert "refusé avant d'être décompressé en entier" in caught.value.message
    assert decompressed[0] < 32 * 1024 * 1024


def test_gzip_beyond_the_size_cap_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, decompressed: list[int]
) -> None:
    path = tmp_path / "flux.json.gz"
    make_json_flux(path, 2000, compress=True)  # 8.5 MB, an ordinary ratio
    monkeypatch.setattr(finess_common, "MAX_UNCOMPRESSED", 2 * 1024 * 1024, raising=False)
    with pytest.raises(FinessFileError, match=r"« flux\.json\.gz ».*en plus de 2 Mio"):
        read_register(path)
    assert decompressed[0] < 3 * 1024 * 1024


def test_an_ordinary_gzip_flux_passes_the_bounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "flux.json.gz"
    make_json_flux(path, 2000, compress=True)  # expands 19 times, as the real sample does
    monkeypatch.setattr(finess_common, "RATIO_AFTER", 1024 * 1024)  # the ratio is checked
    assert len(read_register(path).entries) == 2000


def test_truncated_gzip_far_into_the_flux_refused(tmp_path: Path) -> None:
    path = tmp_path / "flux.json.gz"
    make_json_flux(path, 800, compress=True)
    path.write_bytes(path.read_bytes()[:-5000])
    with pytest.raises(FinessFileError, match=r"« flux\.json\.gz ».*gzip\) tronqué ou abîmé"):
        read_register(path)


def test_zip_with_too_many_entries_refused_from_its_end_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "finess.csv"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(50):
            archive.writestr(f"f{i}.csv", "x")
    monkeypatch.setattr(finess_common, "MAX_ZIP_ENTRIES", 20, raising=False)

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("l'archive a été ouverte")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    with pytest.raises(FinessFileError, match="archive ZIP de très nombreux fichiers"):
        read_register(path)


def test_zip_mimetype_is_read_within_bounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "finess.csv"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"\0" * 20_000_000)
    read: list[int] = []
    real = zipfile.ZipExtFile.read

    def counting(self: zipfile.ZipExtFile, n: int | None = -1) -> bytes:
        data = real(self, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    with pytest.raises(FinessFileError, match=r"archive ZIP \(mimetype\)"):
        read_register(path)
    assert sum(read) <= 256

"""FINESS register readers: the three real formats, format detection, and every kind of bad file.

Excerpts of the real files live in ``tests/fixtures/finess_files`` (see its PROVENANCE.md) so these
tests run anywhere; the full files (``shared_finess``) check the counts stated by their provenance.
Bad files are made from the real excerpts by changing one thing, so each test shows that *this*
change, and nothing else, produces the expected French message.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import time
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esms_desktop.domain.finess_register import (
    FinessFileError,
    ImportIssue,
    IssueSeverity,
    RegisterBuilder,
    RegisterEntry,
    RegisterSource,
    _luhn_digits,
    merge_entries,
    parse_capacity,
    parse_register_date,
)
from esms_desktop.domain.geodesy import GeoPoint
from esms_desktop.domain.identifiers import finess_with_key, luhn_ok
from esms_desktop.domain.nomenclature import Category, Nomenclature, Sector
from esms_desktop.importers.finess_detect import detect_format, read_register
from esms_desktop.importers.finess_etalab import read_etalab
from esms_desktop.importers.finess_json import read_json_flux
from esms_desktop.importers.finess_web import read_web_export, split_cells
from esms_desktop.importers.progress import Cancelled, CancelToken

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "finess_files"
WEB30 = FILES / "finess-web-export-esat-30.csv"
ETALAB30 = FILES / "t-finess-extrait.csv"
JSON_EXTRACT = FILES / "finess-structures-extrait.json"

# Web export columns used below (0-based).
W_FINESS, W_SIRET, W_NAME, W_DATE, W_CAT, W_EJ, W_CAP1 = 0, 1, 3, 11, 12, 20, 27


# --- building test files from the real excerpts -------------------------------------------------


def web_parts(path: Path = WEB30) -> tuple[bytes, list[bytes]]:
    """Header line and row lines (without CRLF) of a web export, as bytes."""
    lines = path.read_bytes().split(b"\r\n")
    return lines[0], [line for line in lines[1:] if line]


def cells_of(raw: bytes) -> list[str]:
    """Cells of one web row, decoded independently of the reader (Latin-1, ``="x"`` → ``x``)."""
    return [c[2:-1] if c.startswith('="') else c for c in raw.decode("latin-1").split(";")]


def web_row(cells: list[str], encoding: str = "latin-1") -> bytes:
    return ";".join('="' + c.replace('"', '""') + '"' if c else "" for c in cells).encode(encoding)


def with_cell(raw: bytes, index: int, value: str) -> bytes:
    cells = cells_of(raw)
    cells[index] = value
    return web_row(cells)


def write(tmp_path: Path, name: str, lines: list[bytes], eol: bytes = b"\r\n") -> Path:
    path = tmp_path / name
    path.write_bytes(eol.join(lines) + eol)
    return path


_MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}  # fmt: skip


def iso_of_french(text: str) -> str:
    day, month, year = text.split()
    return f"{year}-{_MONTHS[month]:02d}-{int(day):02d}"


def etalab_fields(cells: list[str], finess: str | None = None) -> list[str]:
    """One ``structureet`` row (31 fields) describing the same establishment as a web row.

    The generator the brief asks for: it turns real website rows into etalab lines, so the etalab
    reader is tested on real names, addresses and identifiers, in any quantity.
    """
    street = cells[5]
    m = re.match(r"^(\d+)\s+(\S+)\s+(.*)$", street)
    numvoie, typvoie, voie = m.groups() if m else ("", "", street)
    opened = iso_of_french(cells[W_DATE]) if cells[W_DATE] else ""
    finess = finess or cells[W_FINESS]
    return [
        "structureet", finess, cells[W_EJ], cells[W_NAME], cells[W_NAME], "", cells[4],
        numvoie, typvoie, voie, "", cells[6], "", finess[:2], "",
        f"{cells[7]} {cells[8]}", cells[9].replace(" ", ""), cells[10].replace(" ", ""),
        cells[W_CAT], cells[13], "4301", "Etablissements et Services pour Adultes Handicapés",
        cells[W_SIRET].replace(" ", ""), cells[2], cells[16], cells[17], "", "",
        opened, opened, "2024-01-10",
    ]  # fmt: skip


def etalab_text(rows: list[list[str]], geoloc: bool = True, header: bool = True) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    if header:
        out.write("finess;etalab;98;2024-01-10\n")
    writer.writerows(rows)
    if geoloc:
        for row in rows:
            out.write(f"geolocalisation;{row[1]};;;;2024-01-10\n")
    return out.getvalue()


def etalab_rows_from_web(path: Path = WEB30) -> list[list[str]]:
    _, rows = web_parts(path)
    return [etalab_fields(cells_of(r)) for r in rows]


def messages(result_or_error: object) -> str:
    issues = getattr(result_or_error, "issues", ())
    return "\n".join(i.text for i in issues)


# --- domain: values -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01 octobre 2000", date(2000, 10, 1)),
        ("09 août 2007", date(2007, 8, 9)),
        ("1er Février 1999", date(1999, 2, 1)),
        ("09 aout 2007", date(2007, 8, 9)),
        ("01/10/2000", date(2000, 10, 1)),
        ("2000-10-01", date(2000, 10, 1)),
        ("2000-10-01 00:00:00", date(2000, 10, 1)),
        ("  ", None),
        (None, None),
    ],
)
def test_register_dates(raw: str | None, expected: date | None) -> None:
    assert parse_register_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("31 février 2000", "impossible"), ("01 brumaire 2000", "brumaire"), ("hier", "illisible")],
)
def test_register_dates_refused_in_french(raw: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_register_date(raw)


def test_capacity_values() -> None:
    assert parse_capacity(" 50 ") == 50
    assert parse_capacity("50.0") == 50
    assert parse_capacity("") is None
    with pytest.raises(ValueError, match="illisible"):
        parse_capacity("12,5")


@given(st.text(alphabet="0123456789", min_size=1, max_size=20))
def test_fast_luhn_agrees_with_identifiers(digits: str) -> None:
    assert _luhn_digits(digits) == luhn_ok(digits)


def test_merge_keeps_first_fills_blanks_and_prefers_open() -> None:
    a = RegisterEntry("010001261", name="A", siret="", town="VERNOUX", closed=True)
    b = RegisterEntry("010001261", name="B", siret="77554408300477", town="")
    merged = merge_entries(a, b)
    assert merged.name == "B"  # the open one wins over the closed one
    assert merged.town == "VERNOUX"  # and blanks are filled from the other
    c = RegisterEntry("010001261", name="C", capacity=12)
    assert merge_entries(b, c) == replace(b, capacity=12)


def test_unusual_digits_are_refused_not_crashing() -> None:
    """``"²"`` passes ``str.isdigit`` but breaks ``int()``: it must give an issue, not a crash."""
    builder = RegisterBuilder("f.csv", RegisterSource.WEB)
    assert builder.add(2, finess="0100012²") is None
    entry = builder.add(3, finess="010001261", siret="7755440830047²", finess_ej="0100012²")
    assert entry is not None and (entry.siret, entry.finess_ej) == ("", "")
    unusual = [i.line for i in builder.result().issues if "caractères inattendus" in i.message]
    assert unusual == [2, 3, 3]


def test_issue_and_error_texts_name_file_and_line() -> None:
    issue = ImportIssue("export.csv", 12, "SIRET ignoré", IssueSeverity.AVERTISSEMENT)
    assert issue.text == "export.csv, ligne 12 : SIRET ignoré"
    where = ImportIssue("flux.json", 0, "catégorie", where="entité juridique 010000255")
    assert where.text == "flux.json, entité juridique 010000255 : catégorie"
    err = FinessFileError("export.csv", 3, "fichier coupé.")
    assert str(err) == "Fichier « export.csv », ligne 3 : fichier coupé. Rien n'a été importé."


# --- website export -----------------------------------------------------------------------------


def test_web_excerpt_reads_every_row_exactly() -> None:
    result = read_web_export(WEB30)
    assert len(result.entries) == 30
    assert result.issues == ()
    assert result.source == "web"
    brosses = result.by_finess()["010001261"]
    assert brosses == RegisterEntry(
        finess="010001261",
        finess_ej="010785897",
        siret="77554408300477",
        name="ESAT LES BROSSES",
        long_name="ESAT LES BROSSES",
        category="246",
        category_label="Etablissement et Service d'Aide par le Travail (E.S.A.T.)",
        legal_status_code="61",
        legal_status_label="Association Loi 1901 Reconnue d'Utilité Publique",
        address="LES BROSSES",
        postal_code="01560",
        town="VERNOUX",
        department="01",
        capacity=50,
        opened=date(2000, 10, 1),
        source="web",
        phone="0474470470",  # « 04 74 47 04 70 » (trailing space) in the file: stored alike
    )
    # Two capacity blocks (3 + 12) and a Latin-1 "août".
    viriat = result.by_finess()["010005288"]
    assert (viriat.capacity, viriat.opened) == (15, date(2007, 8, 9))
    names = {e.finess: e.name for e in result.entries}
    assert names["020004545"] == "ESAT EPHESE FONTAINE-LÈS-VERVINS"
    assert names["020008710"] == "ESAT SAVART LE NOUVION-EN-THIÉRACHE"


def test_web_full_export(shared_finess: Path) -> None:
    path = shared_finess / "finess-web-export-esat.csv"
    reports: list[tuple[int, int]] = []
    start = time.perf_counter()
    result = read_web_export(path, progress=lambda done, total: reports.append((done, total)))
    elapsed = time.perf_counter() - start
    assert len(result.entries) == 1508
    assert result.ok and result.duplicates_merged == 0
    assert result.issues == ()
    e = result.by_finess()["010001261"]
    assert (e.name, e.category, e.capacity, e.finess_ej, e.siret, e.opened) == (
        "ESAT LES BROSSES", "246", 50, "010785897", "77554408300477", date(2000, 10, 1)
    )  # fmt: skip
    # Accents right everywhere, never mojibake nor replacement characters.
    text = " ".join(f"{x.name} {x.address} {x.legal_status_label}" for x in result.entries)
    assert "é" in text and "È" in text
    assert not re.search("[Ã\ufffd]", text)
    assert {x.category for x in result.entries} == {"246"}
    assert sum(x.capacity is None for x in result.entries) == 8  # 8 rows have no capacity block
    assert sum(not x.siret for x in result.entries) == 77  # as many as blank SIRET cells
    # Progress: from 0, increasing, ending at the file size.
    size = path.stat().st_size
    assert reports[0] == (0, size) and reports[-1] == (size, size)
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    assert elapsed < 5, f"{elapsed:.2f} s pour 1 508 lignes"


def test_web_export_resaved_by_a_spreadsheet(tmp_path: Path) -> None:
    """Plain cells (no ="…"), leading zero lost: reported with the right number, not fixed."""
    header, rows = web_parts()
    plain = [";".join(cells_of(r)[:-1]).encode("latin-1") for r in rows[:5]]  # no final ;
    plain[0] = plain[0].replace(b"010001261;", b"10001261;", 1)
    plain_header = b";".join(c[2:-1] for c in header.split(b";")[:-1])
    result = read_web_export(write(tmp_path, "resave.csv", [plain_header, *plain]))
    assert len(result.entries) == 4
    assert "010001261" not in result.by_finess()
    [error] = result.errors
    assert error.line == 2
    assert "« 10001261 »" in error.message and "(010001261 ?)" in error.message
    assert result.by_finess()[cells_of(rows[1])[W_FINESS]].name  # the other rows are intact


def test_web_identifier_problems_are_reported_per_row(tmp_path: Path) -> None:
    header, rows = web_parts()
    corsica = finess_with_key("2A000001")
    bad_key = rows[1][:10] + (b"0" if rows[1][10:11] != b"0" else b"1") + rows[1][11:]
    lines = [
        header,
        with_cell(rows[0], W_SIRET, "2,601E+13"),  # SIRET in scientific notation
        bad_key,  # FINESS with a wrong key
        with_cell(rows[2], W_FINESS, f" {corsica[:2].lower()} {corsica[2:5]}-{corsica[5:]} "),
        with_cell(rows[3], W_CAT, "645"),  # unknown category
        with_cell(rows[4], W_CAT, "645"),
        with_cell(rows[5], W_EJ, "10785897"),  # 8-character FINESS juridique
        with_cell(rows[6], W_DATE, "31 février 2001"),
        with_cell(rows[7], W_CAP1, "beaucoup"),
    ]
    result = read_web_export(write(tmp_path, "export.csv", lines))
    by = result.by_finess()
    assert len(result.entries) == 7
    # Row 2: row kept, SIRET dropped, "précision perdue".
    assert by["010001261"].siret == ""
    siret = next(i for i in result.issues if "2,601E+13" in i.message)
    assert (siret.line, siret.severity) == (2, IssueSeverity.AVERTISSEMENT)
    assert "précision perdue" in siret.message
    # Row 3: rejected.
    [error] = result.errors
    assert error.line == 3 and "clé de contrôle" in error.message
    # Row 4: spaces, dash and lower-case 2a normalised.
    assert by[corsica].department == "2A"
    # Rows 5-6: accepted, flagged once with the count.
    unknown = [i for i in result.issues if "645" in i.message]
    assert len(unknown) == 1 and unknown[0].line == 5
    assert "2 établissements" in unknown[0].message
    assert unknown[0].severity is IssueSeverity.AVERTISSEMENT
    assert by[cells_of(rows[3])[W_FINESS]].category == "645"
    # Row 7: EJ dropped with the lost-zero hint; row 8: date dropped; row 9: capacity block.
    ej_row = by[cells_of(rows[5])[W_FINESS]]
    assert ej_row.finess_ej == ""
    assert any(i.line == 7 and "010785897 ?" in i.message for i in result.issues)
    assert by[cells_of(rows[6])[W_FINESS]].opened is None
    assert any(i.line == 8 and "31 février 2001" in i.message for i in result.issues)
    assert by[cells_of(rows[7])[W_FINESS]].capacity is None
    assert any(i.line == 9 and "beaucoup" in i.message for i in result.issues)


def test_web_quotes_and_semicolons_in_names(tmp_path: Path) -> None:
    header, rows = web_parts()
    lines = [header, with_cell(rows[0], W_NAME, 'ESAT "LE PONT"; ATELIERS'), rows[1]]
    result = read_web_export(write(tmp_path, "export.csv", lines))
    assert result.ok
    assert result.by_finess()["010001261"].name == 'ESAT "LE PONT"; ATELIERS'
    assert split_cells('="a;b";"c ""d""";x;') == ["a;b", 'c "d"', "x", ""]


def test_web_duplicates_merged_and_counted(tmp_path: Path) -> None:
    header, rows = web_parts()
    lines = [header, rows[0], rows[1], with_cell(rows[0], W_SIRET, ""), rows[0]]
    result = read_web_export(write(tmp_path, "export.csv", lines))
    assert len(result.entries) == 2
    assert result.duplicates_merged == 2
    dup = [i for i in result.warnings if "en double" in i.message]
    assert [i.line for i in dup] == [4, 5]
    assert "déjà présent ligne 2" in dup[0].message
    assert result.by_finess()["010001261"].siret == "77554408300477"


def test_web_row_with_missing_columns_is_refused_but_others_kept(tmp_path: Path) -> None:
    header, rows = web_parts()
    short = b";".join(rows[1].split(b";")[:20])
    result = read_web_export(write(tmp_path, "export.csv", [header, rows[0], short, rows[2]]))
    assert len(result.entries) == 2
    [error] = result.errors
    assert error.line == 3 and "20 colonnes au lieu de 52" in error.message


def test_web_file_cut_in_the_middle_is_refused(tmp_path: Path) -> None:
    data = WEB30.read_bytes()
    cut = data[: data.index(b"\r\n", 5000) + 300]  # mid-way through a row
    path = tmp_path / "coupe.csv"
    path.write_bytes(cut)
    last_line = cut.count(b"\n") + 1
    with pytest.raises(FinessFileError) as caught:
        read_web_export(path)
    err = caught.value
    assert err.file == "coupe.csv" and err.line == last_line
    assert "coupé" in str(err) and "Rien n'a été importé" in str(err)
    assert [i.line for i in err.issues] == [last_line]


def test_web_cut_inside_a_quoted_cell_is_refused(tmp_path: Path) -> None:
    data = WEB30.read_bytes()
    path = tmp_path / "coupe.csv"
    path.write_bytes(data[: data.index(b"ESAT LES BROSSES") + 4])
    with pytest.raises(FinessFileError, match=r"ligne 2 :.*guillemet"):
        read_web_export(path)


def test_web_utf8_and_latin1_give_the_same_entries(tmp_path: Path) -> None:
    header, rows = web_parts()
    utf8 = [r.decode("latin-1").encode("utf-8") for r in rows]
    assert read_web_export(write(tmp_path, "u.csv", [header, *utf8])).entries == (
        read_web_export(WEB30).entries
    )


def test_web_mixed_encodings_read_line_by_line_and_flagged(tmp_path: Path) -> None:
    header, rows = web_parts()
    mixed = [*rows[:20], *(r.decode("latin-1").encode("utf-8") for r in rows[20:])]
    result = read_web_export(write(tmp_path, "mixte.csv", [header, *mixed]))
    assert result.entries == read_web_export(WEB30).entries
    [warning] = [i for i in result.issues if "encodage mixte" in i.message]
    assert warning.severity is IssueSeverity.AVERTISSEMENT
    assert "UTF-8" in warning.message and "Latin-1" in warning.message


def test_web_double_encoded_text_repaired(tmp_path: Path) -> None:
    header, rows = web_parts()
    twice = [r.decode("latin-1").encode("utf-8").decode("cp1252").encode("utf-8") for r in rows]
    result = read_web_export(write(tmp_path, "deux-fois.csv", [header, *twice]))
    assert result.entries == read_web_export(WEB30).entries
    assert any("encodés deux fois" in i.message for i in result.warnings)


@pytest.mark.parametrize("when", ["01/10/2000", "2000-10-01", "1er octobre 2000"])
def test_web_date_formats(tmp_path: Path, when: str) -> None:
    header, rows = web_parts()
    path = write(tmp_path, "export.csv", [header, with_cell(rows[0], W_DATE, when)])
    assert read_web_export(path).entries[0].opened == date(2000, 10, 1)


# --- bad files, whatever the reader --------------------------------------------------------------

READERS = [read_web_export, read_etalab, read_json_flux, read_register]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("content", [b"", b"\r\n  \r\n", b"\xef\xbb\xbf"])
def test_empty_file_refused(tmp_path: Path, reader, content: bytes) -> None:
    path = tmp_path / "vide.csv"
    path.write_bytes(content)
    with pytest.raises(FinessFileError, match=r"« vide\.csv ».*vide.*Rien n'a été importé"):
        reader(path)


@pytest.mark.parametrize("reader", READERS)
def test_xlsx_renamed_csv_refused(tmp_path: Path, reader) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Numéro FINESS", "Raison sociale"])
    path = tmp_path / "export.csv"
    book.save(path)
    with pytest.raises(FinessFileError, match=r"classeur Excel \(\.xlsx\) renommé"):
        reader(path)


@pytest.mark.parametrize("reader", READERS)
def test_zip_refused(tmp_path: Path, reader) -> None:
    path = tmp_path / "finess.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("etalab-cs1100507.csv", "finess;etalab;98\n")
    with pytest.raises(FinessFileError, match=r"archive ZIP \(etalab-cs1100507\.csv\)"):
        reader(path)


def test_old_xls_and_utf16_refused(tmp_path: Path) -> None:
    xls = tmp_path / "a.csv"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(FinessFileError, match="Excel 97-2003"):
        read_register(xls)
    utf16 = tmp_path / "b.csv"
    utf16.write_bytes(WEB30.read_bytes().decode("latin-1").encode("utf-16"))
    with pytest.raises(FinessFileError, match="UTF-16"):
        read_web_export(utf16)
    with pytest.raises(FinessFileError, match="introuvable"):
        read_register(tmp_path / "absent.csv")


def test_web_header_only_refused(tmp_path: Path) -> None:
    header, _ = web_parts()
    with pytest.raises(FinessFileError, match=r"ligne 1 : .*que la ligne d'en-tête"):
        read_web_export(write(tmp_path, "entete.csv", [header]))


@pytest.mark.parametrize("sep", [b",", b"\t"])
def test_wrong_separator_explained(tmp_path: Path, sep: bytes) -> None:
    header, rows = web_parts()
    lines = [line.replace(b";", sep) for line in [header, *rows[:3]]]
    path = write(tmp_path, "virgule.csv", lines)
    expected = "virgule" if sep == b"," else "tabulation"
    for reader in (read_register, read_web_export):
        with pytest.raises(FinessFileError, match=f"ligne 1 : .*{expected}"):
            reader(path)


def test_unknown_text_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("nom;prenom\nDupont;Jean\n", encoding="utf-8")
    with pytest.raises(FinessFileError, match="ligne 1 : en-tête « nom;prenom » non reconnu"):
        read_register(path)


# --- etalab extract ------------------------------------------------------------------------------


def test_etalab_excerpt_matches_the_web_rows_it_was_built_from() -> None:
    etalab = read_etalab(ETALAB30)
    assert etalab.ok and etalab.issues == ()
    web = read_web_export(WEB30)
    expected = tuple(
        replace(e, capacity=None, legal_status_code="", legal_status_label="", source="etalab")
        for e in web.entries
    )
    assert etalab.entries == expected


def test_etalab_fixture_is_what_the_generator_makes() -> None:
    """The committed excerpt stays in step with the generator (regenerate it if this fails)."""
    assert ETALAB30.read_bytes() == etalab_text(etalab_rows_from_web()).encode("cp1252")


def test_etalab_variants(tmp_path: Path) -> None:
    rows = etalab_rows_from_web()
    reference = read_etalab(ETALAB30).entries
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text(etalab_text(rows, geoloc=False, header=False), encoding="utf-8")
    assert read_etalab(utf8).entries == reference
    with_uai = tmp_path / "uai.csv"
    with_uai.write_text(etalab_text([[*r, "0010001A"] for r in rows]), encoding="utf-8")
    assert read_etalab(with_uai).entries == reference


def test_etalab_quotes_semicolons_sections_and_short_rows(tmp_path: Path) -> None:
    rows = etalab_rows_from_web()
    rows[0][3] = 'ESAT "LE PONT"; ATELIERS'
    text = etalab_text(rows[:4], geoloc=False)
    lines = text.splitlines()
    lines.insert(3, "structureet;010005288;750078149")  # line 4: too short
    lines.insert(5, "autresection;1;2")
    path = tmp_path / "t-finess.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_etalab(path)
    assert result.by_finess()["010001261"].name == 'ESAT "LE PONT"; ATELIERS'
    assert len(result.entries) == 4
    [error] = result.errors
    assert error.line == 4 and "3 champs au lieu de 31" in error.message
    assert any(i.line == 6 and "autresection" in i.message for i in result.warnings)


def test_etalab_cut_in_the_middle_is_refused(tmp_path: Path) -> None:
    text = etalab_text(etalab_rows_from_web(), geoloc=False)
    path = tmp_path / "t-finess.csv"
    path.write_text(text[: text.index("ESAT EPHESE") + 5], encoding="utf-8")
    with pytest.raises(FinessFileError, match=r"ligne \d+ : la dernière ligne est incomplète"):
        read_etalab(path)


def test_etalab_header_only_and_wrong_header(tmp_path: Path) -> None:
    path = tmp_path / "t-finess.csv"
    path.write_text("finess;etalab;98;2024-01-10\n", encoding="utf-8")
    with pytest.raises(FinessFileError, match="aucune ligne « structureet »"):
        read_etalab(path)
    path.write_text(etalab_text(etalab_rows_from_web()).replace(";", ","), encoding="utf-8")
    with pytest.raises(FinessFileError, match=r"ligne 1 : .*virgule"):
        read_etalab(path)


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def with_key(body: str) -> str:
    """8 digits + their Luhn key, computed directly (``finess_with_key`` tries all ten keys)."""
    total = sum(_DOUBLED[int(c)] if i % 2 == 0 else int(c) for i, c in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def make_national_file(path: Path, count: int) -> None:
    """``count`` etalab rows made from the real excerpt rows with fresh valid FINESS numbers."""
    base = [";".join(row[2:]) for row in etalab_rows_from_web()]
    depts = [f"{d:02d}" for d in range(1, 96) if d != 20]
    numbers = [with_key(f"{depts[i % len(depts)]}{i:06d}") for i in range(count)]
    lines = ["finess;etalab;98;2024-01-10"]
    lines += [f"structureet;{n};{base[i % len(base)]}" for i, n in enumerate(numbers)]
    lines += [f"geolocalisation;{n};;;;" for n in numbers[::2]]
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))


def test_national_file_generator_makes_valid_numbers() -> None:
    assert [with_key(f"{d}123456") for d in ("01", "59", "95")] == [
        finess_with_key(f"{d}123456") for d in ("01", "59", "95")
    ]


@pytest.mark.slow
def test_etalab_national_size_in_a_few_seconds(tmp_path: Path) -> None:
    path = tmp_path / "etalab-national.csv"
    make_national_file(path, 100_000)
    calls: list[int] = []
    start = time.process_time()  # CPU time: a loaded CI machine must not make this flaky
    result = read_etalab(path, progress=lambda done, total: calls.append(done))
    elapsed = time.process_time() - start
    assert len(result.entries) == 100_000 and result.ok
    assert len(calls) >= 100  # a report every ~1,000 rows
    assert elapsed < 10, f"{elapsed:.1f} s pour 100 000 lignes"


def test_cancel_stops_promptly(tmp_path: Path) -> None:
    path = tmp_path / "etalab.csv"
    make_national_file(path, 5000)
    token = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done:
            token.cancel()

    with pytest.raises(Cancelled, match="rien n'a été importé"):
        read_register(path, progress, token)
    assert len(seen) == 2  # the start, then the first report; nothing after cancel
    already = CancelToken()
    already.cancel()
    with pytest.raises(Cancelled):
        read_web_export(WEB30, cancel=already)


# --- JSON flux -----------------------------------------------------------------------------------


def test_json_excerpt() -> None:
    result = read_json_flux(JSON_EXTRACT)
    assert result.ok and result.issues == ()
    assert len(result.entries) == 12
    assert sum(e.closed for e in result.entries) == 5
    assert all(e.closed_on is not None for e in result.entries if e.closed)
    by = result.by_finess()
    sessad = by["010011914"]
    assert sessad == RegisterEntry(
        finess="010011914",
        finess_ej="010000255",
        siret="77930919400024",
        name="SESSAD TROUBLE DU LANGAGE AFIS",
        long_name="SESSAD TROUBLE DU LANGAGE AFIS",
        category="182",
        category_label="Service d'Éducation Spéciale et de Soins à Domicile",
        legal_status_code="60",
        address="5 RUE DU LYCEE",
        postal_code="01000",
        town="BOURG EN BRESSE",
        department="01",
        opened=date(2020, 1, 1),
        source="json",
        phone="0474226685",
        location=GeoPoint(46.200985, 5.226104),
    )
    # The closed legal entity's establishments are all closed.
    closed_ej = [e for e in result.entries if e.finess_ej == "210010070"]
    assert len(closed_ej) == 4 and all(e.closed for e in closed_ej)


def test_json_gzip_same_as_plain_and_progress_in_bytes_of_the_file(tmp_path: Path) -> None:
    """Streamed, the flux's establishments are not counted before the end: progress is in bytes
    of the file on disk (compressed ones here), as for the CSV readers."""
    path = tmp_path / "flux.json.gz"
    path.write_bytes(gzip.compress(JSON_EXTRACT.read_bytes()))
    size = path.stat().st_size
    calls: list[tuple[int, int]] = []
    result = read_register(path, progress=lambda d, t: calls.append((d, t)))
    assert result.entries == read_json_flux(JSON_EXTRACT).entries
    assert calls[0] == (0, size) and calls[-1] == (size, size)


def test_json_full_sample(shared_finess: Path) -> None:
    path = shared_finess / "finess-structures-sample.json.gz"
    result = read_register(path)
    document = json.loads(gzip.decompress(path.read_bytes()))
    assert len(document["pmej"]) == 30
    assert len(result.entries) == 1753
    assert sum(e.closed for e in result.entries) == 912
    assert result.ok and result.duplicates_merged == 0
    # 29 legal entities have establishments (one has none).
    assert len({e.finess_ej for e in result.entries}) == 29
    unknown = [i for i in result.warnings if "absente de la nomenclature" in i.message]
    assert [i.finess for i in unknown] == ["350057725"]  # category 645, as PROVENANCE says


def test_json_issue_points_to_the_establishment_line(tmp_path: Path) -> None:
    text = JSON_EXTRACT.read_text(encoding="utf-8")
    bad = text.replace('"numFinessEge": "010011914"', '"numFinessEge": "010011915"')
    path = tmp_path / "flux.json"
    path.write_text(bad, encoding="utf-8")
    result = read_json_flux(path)
    [error] = result.errors
    expected_line = bad[: bad.index('"010011915"')].count("\n") + 1
    assert error.line == expected_line
    assert "entité juridique 010000255, établissement n° 1" in error.text
    assert "clé de contrôle" in error.message
    assert len(result.entries) == 11


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'{"schemaVersion": "v1", "pmej": [', "semble coupé"),
        (b'{"pmej": [], "x": 1}', "aucune entité juridique"),
        (b'{"etablissements": []}', "sans liste « pmej »"),
        ('{"pmej": [{"x": "é"}]}'.encode("latin-1"), "pas en UTF-8"),
        (b'{"pmej": [1, 2} ', "JSON invalide"),
    ],
)
def test_json_bad_files(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "flux.json"
    path.write_bytes(content)
    with pytest.raises(FinessFileError, match=fragment):
        read_json_flux(path)


def test_json_truncated_gzip_refused(tmp_path: Path) -> None:
    path = tmp_path / "flux.json.gz"
    path.write_bytes(gzip.compress(JSON_EXTRACT.read_bytes())[:3000])
    with pytest.raises(FinessFileError, match="gzip"):
        read_register(path)


# --- detection -----------------------------------------------------------------------------------


def test_detect_each_format(tmp_path: Path, example_csv: Path) -> None:
    assert detect_format(WEB30) == "web"
    assert detect_format(ETALAB30) == "etalab"
    assert detect_format(JSON_EXTRACT) == "json"
    assert detect_format(example_csv) == "grappe"
    gz = tmp_path / "flux.gz"
    gz.write_bytes(gzip.compress(JSON_EXTRACT.read_bytes()))
    assert detect_format(gz) == "json"
    with pytest.raises(FinessFileError, match=r"modèle de grappe.*Importer une grappe"):
        read_register(example_csv)


def test_read_register_dispatches_with_a_given_nomenclature() -> None:
    """A caller's nomenclature decides what is unknown (here: only 246 is known)."""
    only_esat = Nomenclature({"246": Category("246", "ESAT", Sector.PH)})
    result = read_register(JSON_EXTRACT, nomenclature=only_esat)
    unknown = [i for i in result.warnings if "absente de la nomenclature" in i.message]
    assert len(unknown) == len({e.category for e in result.entries} - {"246"})
    assert read_register(WEB30, nomenclature=only_esat).issues == ()


# --- never a traceback ---------------------------------------------------------------------------

_SOURCES = {
    "web": WEB30.read_bytes()[:6000],
    "etalab": ETALAB30.read_bytes()[:6000],
    "json": JSON_EXTRACT.read_bytes()[:6000],
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.sampled_from(sorted(_SOURCES)),
    cut=st.integers(min_value=0, max_value=6000),
    flips=st.lists(st.tuples(st.integers(0, 5999), st.integers(0, 255)), max_size=6),
)
def test_damaged_files_give_a_result_or_a_french_error(
    tmp_path_factory: pytest.TempPathFactory, source: str, cut: int, flips: list[tuple[int, int]]
) -> None:
    """Cut and corrupted real files: an import or a FinessFileError, never another exception."""
    data = bytearray(_SOURCES[source][:cut])
    for pos, value in flips:
        if pos < len(data):
            data[pos] = value
    path = tmp_path_factory.mktemp("abime") / "abime.csv"
    path.write_bytes(bytes(data))
    try:
        result = read_register(path)
    except FinessFileError as exc:
        assert "« abime.csv »" in str(exc) and "Rien n'a été importé" in str(exc)
    else:
        assert all(i.file == "abime.csv" and i.message for i in result.issues)


def test_last_row_with_extra_columns_is_a_row_error_not_a_cut(tmp_path: Path) -> None:
    header, rows = web_parts()
    extra = rows[1].replace(b'="ESAT HORS LES MURS', b'="ESAT";="HORS LES MURS', 1)
    result = read_web_export(write(tmp_path, "export.csv", [header, rows[0], extra]))
    assert len(result.entries) == 1
    [error] = result.errors
    assert error.line == 3 and "53 colonnes au lieu de 52" in error.message

"""FINESS, SIREN and SIRET validation, checked against real numbers from the FINESS register.

The excerpt in ``tests/fixtures/finess/identifiers.csv`` always runs; the full public files in
``../shared/data/finess`` run when present (``shared_finess`` skips otherwise).
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from esms_desktop.domain.geography import region_of
from esms_desktop.domain.identifiers import (
    LA_POSTE_SIREN,
    check_finess,
    finess_department,
    finess_with_key,
    is_island_or_overseas,
    luhn_ok,
    normalise,
    siren_problem,
    siret_problem,
)
from tests.conftest import FIXTURES

EXCERPT = FIXTURES / "finess" / "identifiers.csv"
ESAT_EXPORT = "finess-web-export-esat.csv"
STRUCTURES = "finess-structures-sample.json.gz"
CORSICA_AS_DIGITS = {"2A": "21", "2B": "22"}
ISLAND_PREFIXES = ("2A", "2B", "97", "98")


# ---------------------------------------------------------------------------------------------
# Data: the excerpt (always) and the full public files (when ../shared is there)


@dataclass(frozen=True)
class Row:
    kind: str
    value: str
    departement: str
    source: str


@functools.cache
def excerpt() -> tuple[Row, ...]:
    with EXCERPT.open(encoding="utf-8", newline="") as f:
        return tuple(Row(**r) for r in csv.DictReader(f, delimiter=";"))


def excerpt_values(*kinds: str) -> list[str]:
    return [r.value for r in excerpt() if r.kind in kinds]


def excerpt_finess() -> list[str]:
    return excerpt_values("FINESS_ET", "FINESS_EJ")


def _unwrap(cell: str) -> str:
    """``="010001261"`` (an Excel formula, as the FINESS website exports every cell) → text."""
    cell = cell.strip()
    if cell.startswith('="') and cell.endswith('"'):
        return cell[2:-1]
    return cell


@dataclass(frozen=True)
class FullData:
    finess_et: frozenset[str]
    finess_ej: frozenset[str]
    esat_sirets: tuple[str, ...]  # as written, with spaces
    structure_sirets: tuple[str, ...]
    sirens: frozenset[str]
    department_of_address: dict[str, str]  # FINESS → department of its address


def _postal_department(postal_code: str) -> str:
    if postal_code.startswith("97"):
        return postal_code[:3]
    if postal_code.startswith("20"):  # Corse: 200xx–201xx Corse-du-Sud, 202xx and up Haute-Corse
        return "2A" if int(postal_code) < 20200 else "2B"
    return postal_code[:2]


def _commune_department(addresses: list[dict[str, str | None]] | None) -> str:
    codes = {a["cogCommune"] for a in addresses or [] if a.get("cogCommune")}
    depts = {c[:3] if c.startswith("97") else c[:2] for c in codes if c}
    return depts.pop() if len(depts) == 1 else ""


@functools.cache
def full_data(folder: Path) -> FullData:
    header, _, body = (folder / ESAT_EXPORT).read_bytes().partition(b"\r\n")
    columns = [_unwrap(c) for c in header.decode("latin-1").split(";")]
    # The header is double-encoded; check the ASCII-only names of the columns we read.
    assert columns[1] == "SIRET" and columns[7] == "Code postal", columns
    assert columns[20] == "FINESS juridique", columns
    rows = [r for r in csv.reader(io.StringIO(body.decode("latin-1")), delimiter=";") if r]
    assert rows, "export ESAT vide"
    et = {_unwrap(r[0]) for r in rows}
    ej = {_unwrap(r[20]) for r in rows if _unwrap(r[20])}
    esat_sirets = tuple(_unwrap(r[1]) for r in rows if _unwrap(r[1]).strip())
    departments = {_unwrap(r[0]): _postal_department(_unwrap(r[7])) for r in rows}

    with gzip.open(folder / STRUCTURES, "rt", encoding="utf-8") as f:
        structures = json.load(f)
    structure_sirets: list[str] = []
    sirens: set[str] = set()
    for pm in structures["pmej"]:
        general = pm["informationsGeneralesPMEJ"]
        ej.add(general["numFinessPm"])
        departments[general["numFinessPm"]] = _commune_department(pm.get("adresse"))
        if general.get("siren"):
            sirens.add(general["siren"])
        for ege in pm.get("ege") or []:
            info = ege["informationsGeneralesEGE"]
            et.add(info["numFinessEge"])
            departments[info["numFinessEge"]] = _commune_department(ege.get("adresse"))
            if info.get("siret"):
                structure_sirets.append(info["siret"])
    return FullData(
        frozenset(et),
        frozenset(ej),
        esat_sirets,
        tuple(structure_sirets),
        frozenset(sirens),
        {k: v for k, v in departments.items() if v},
    )


# ---------------------------------------------------------------------------------------------
# Mutations


def finess_mutations(number: str) -> Iterator[str]:
    """Every single-character change of a FINESS: each position replaced by every other digit.

    On a Corsican number, the letter is also swapped for the other letter (2A ↔ 2B); replacing
    it by its own key digit (2A → 21, 2B → 22) gives another, valid, number: see
    ``test_corsican_letter_and_its_key_digit_are_interchangeable``.
    """
    for i, ch in enumerate(number):
        replacements = [d for d in string.digits if d != ch]
        if i == 1 and number[:2] in CORSICA_AS_DIGITS:
            replacements.remove(CORSICA_AS_DIGITS[number[:2]][1])
            replacements.append("B" if ch == "A" else "A")
        for new in replacements:
            yield number[:i] + new + number[i + 1 :]


def digit_mutations(number: str) -> Iterator[str]:
    for i, ch in enumerate(number):
        for d in string.digits:
            if d != ch:
                yield number[:i] + d + number[i + 1 :]


def accepted_finess_mutations(numbers: set[str] | list[str]) -> list[tuple[str, str]]:
    return [(n, m) for n in numbers for m in finess_mutations(n) if check_finess(m).ok]


def accepted_siret_mutations(sirets: set[str] | list[str]) -> list[tuple[str, str]]:
    return [(s, m) for s in sirets for m in digit_mutations(normalise(s)) if not siret_problem(m)]


# ---------------------------------------------------------------------------------------------
# The excerpt


def test_excerpt_covers_what_the_tests_need() -> None:
    finess = excerpt_finess()
    assert len(finess) >= 35
    assert len(excerpt_values("SIRET")) >= 25
    for prefix in ISLAND_PREFIXES:
        assert any(f.startswith(prefix) for f in finess), prefix
    assert any(" " in s for s in excerpt_values("SIRET")), "SIRET tels qu'exportés, avec espaces"


@pytest.mark.parametrize("number", excerpt_finess())
def test_real_finess_is_valid(number: str) -> None:
    check = check_finess(number)
    assert check.ok, check.problem
    assert check.value == number
    assert check.suggestion == ""


@pytest.mark.parametrize("siret", excerpt_values("SIRET"))
def test_real_siret_is_valid(siret: str) -> None:
    assert siret_problem(siret) == ""
    assert siren_problem(normalise(siret)[:9]) == "", "le SIREN d'un SIRET réel est valide"


@pytest.mark.parametrize("siren", excerpt_values("SIREN"))
def test_real_siren_is_valid(siren: str) -> None:
    assert siren_problem(siren) == ""


@pytest.mark.parametrize("siret", excerpt_values("SIRET_INVALIDE"))
def test_placeholder_sirets_of_the_register_are_rejected(siret: str) -> None:
    """The structures flux holds SIRETs with a wrong key (NIC 99999 placeholders): refuse them."""
    assert "clé de contrôle" in siret_problem(siret)
    assert siren_problem(siret[:9]) == "", "the SIREN part is still a real one"


def test_every_single_character_change_of_excerpt_finess_fails() -> None:
    numbers = excerpt_finess()
    tried = sum(1 for n in numbers for _ in finess_mutations(n))
    assert tried >= 9 * 9 * len(numbers)
    assert accepted_finess_mutations(numbers) == []


def test_every_single_digit_change_of_excerpt_siret_fails() -> None:
    assert accepted_siret_mutations(excerpt_values("SIRET")) == []


def test_every_single_digit_change_of_excerpt_siren_fails() -> None:
    bad = [
        (s, m) for s in excerpt_values("SIREN") for m in digit_mutations(s) if not siren_problem(m)
    ]
    assert bad == []


# ---------------------------------------------------------------------------------------------
# The full public files


def test_every_finess_of_the_public_files_is_valid(shared_finess: Path) -> None:
    data = full_data(shared_finess)
    numbers = data.finess_et | data.finess_ej
    assert len(numbers) >= 3890  # PROVENANCE.md: 3,890 distinct numbers
    assert len(data.finess_et) > len(data.finess_ej) > 0
    invalid = {n: check_finess(n).problem for n in numbers if not check_finess(n).ok}
    assert invalid == {}


def test_every_siret_of_the_esat_export_is_valid(shared_finess: Path) -> None:
    sirets = full_data(shared_finess).esat_sirets
    assert len(sirets) >= 1431  # PROVENANCE.md: 1,431 non-empty SIRET
    assert all(" " in s for s in sirets), "the export writes SIRETs with spaces"
    invalid = {s: siret_problem(s) for s in sirets if siret_problem(s)}
    assert invalid == {}


def test_sirens_and_sirets_of_the_structures_flux(shared_finess: Path) -> None:
    data = full_data(shared_finess)
    assert data.sirens, "no SIREN read"
    assert {s for s in data.sirens if siren_problem(s)} == set()

    distinct = set(data.structure_sirets)
    rejected = {s for s in distinct if siret_problem(s)}
    # Placeholders (wrong key, real SIREN) exist in the flux; they must stay a small minority
    # and be rejected for their key, not their shape.
    assert len(rejected) * 100 < len(distinct)
    for s in rejected:
        assert "clé de contrôle" in siret_problem(s), s
        assert siren_problem(s[:9]) == "", s
    assert set(excerpt_values("SIRET_INVALIDE")) <= rejected


def test_every_single_character_change_of_every_public_finess_fails(shared_finess: Path) -> None:
    data = full_data(shared_finess)
    assert accepted_finess_mutations(set(data.finess_et | data.finess_ej)) == []


def test_every_single_digit_change_of_every_public_siret_fails(shared_finess: Path) -> None:
    sirets = {normalise(s) for s in full_data(shared_finess).esat_sirets}
    sirets |= {s for s in full_data(shared_finess).structure_sirets if not siret_problem(s)}
    assert accepted_siret_mutations(sirets) == []


def test_department_of_every_public_finess_matches_its_address(shared_finess: Path) -> None:
    """The number carries the department that registered the structure, nearly always where it
    is; a few sites sit across a border (440019644 is in Maine-et-Loire). Corse and overseas,
    whose numbers are not their department code (9701… is 971), must all match."""
    data = full_data(shared_finess)
    assert len(data.department_of_address) > 3000
    wrong = {
        n: (finess_department(n), dept)
        for n, dept in data.department_of_address.items()
        if finess_department(n) != dept
    }
    assert len(wrong) * 500 < len(data.department_of_address), wrong
    islands = {n for n in data.department_of_address if is_island_or_overseas(n)}
    assert len(islands) > 50
    assert {n: wrong[n] for n in islands & wrong.keys()} == {}
    assert {data.department_of_address[n] for n in islands} >= {"2A", "2B", "971", "974", "976"}


def test_excerpt_is_taken_from_the_public_files(shared_finess: Path) -> None:
    data = full_data(shared_finess)
    assert set(excerpt_values("FINESS_ET")) <= data.finess_et
    assert set(excerpt_values("FINESS_EJ")) <= data.finess_ej
    assert set(excerpt_values("SIRET")) <= set(data.esat_sirets) | set(data.structure_sirets)
    assert set(excerpt_values("SIREN")) <= data.sirens
    for row in excerpt():
        if row.departement:
            assert data.department_of_address[row.value] == row.departement, row


# ---------------------------------------------------------------------------------------------
# Normalisation


FORMATS = {
    "espaces": lambda n: f"{n[:3]} {n[3:6]} {n[6:]}",
    "points": lambda n: f"{n[:2]}.{n[2:5]}.{n[5:]}",
    "tirets": lambda n: f"{n[:3]}-{n[3:6]}-{n[6:]}",
    "espace insécable": lambda n: f"{n[:3]}\u00a0{n[3:6]}\u00a0{n[6:]}",
    "espace fine insécable": lambda n: f"{n[:3]}\u202f{n[3:]}",
    "blancs autour": lambda n: f"  {n}\t\n",
    "minuscules": str.lower,
}


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=FORMATS.keys())
def test_finess_is_normalised_before_checking(fmt) -> None:
    for number in excerpt_finess():
        typed = fmt(number)
        check = check_finess(typed)
        assert check.ok, (typed, check.problem)
        assert check.value == number


@pytest.mark.parametrize("typed", ["2a0002861", "2a 000 286 1", "2b0003537", "2B-000-3537"])
def test_lower_case_corsican_finess_is_accepted(typed: str) -> None:
    check = check_finess(typed)
    assert check.ok, check.problem
    assert check.value == typed.upper().replace(" ", "").replace("-", "")


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=FORMATS.keys())
def test_siret_is_normalised_before_checking(fmt) -> None:
    for siret in excerpt_values("SIRET"):
        digits = normalise(siret)
        assert len(digits) == 14 and digits.isdigit()
        assert siret_problem(fmt(digits)) == ""


def test_normalise_strips_separators_and_upper_cases() -> None:
    assert normalise(" 2a.000-286\u00a01 ") == "2A0002861"
    assert normalise("") == ""


# ---------------------------------------------------------------------------------------------
# Corse


def test_corsican_key_is_computed_with_21_and_22() -> None:
    corsican = [n for n in excerpt_finess() if n[:2] in CORSICA_AS_DIGITS]
    assert len(corsican) >= 4
    assert {n[:2] for n in corsican} == {"2A", "2B"}
    for number in corsican:
        as_digits = CORSICA_AS_DIGITS[number[:2]] + number[2:]
        assert luhn_ok(as_digits), number
        assert finess_with_key(number[:8]) == number
        assert finess_with_key(number[:8].lower()) == number
        # Reading the letter as any other digit (e.g. 20) gives another key.
        for other in "0123456789":
            if other != as_digits[1]:
                assert not luhn_ok(number[0] + other + number[2:]), (number, other)


def test_corsican_letter_and_its_key_digit_are_interchangeable() -> None:
    """A limit of the key, not of the code: 2A… and 21… with the same digits are both valid."""
    for number in excerpt_finess():
        if number[:2] in CORSICA_AS_DIGITS:
            twin = CORSICA_AS_DIGITS[number[:2]] + number[2:]
            assert check_finess(twin).ok
            assert finess_department(twin) != finess_department(number)


@pytest.mark.parametrize("typed", ["2C0002861", "2Z0003537", "A20002861", "0100O1261"])
def test_letters_other_than_corsica_are_malformed(typed: str) -> None:
    check = check_finess(typed)
    assert not check.ok
    assert "mal formé" in check.problem


# ---------------------------------------------------------------------------------------------
# Other malformed FINESS


def test_eight_digits_with_a_lost_leading_zero_get_a_suggestion() -> None:
    with_zero = [n for n in excerpt_finess() if n.startswith("0")]
    assert with_zero
    for number in with_zero:
        check = check_finess(str(int(number)))  # what a spreadsheet keeps
        assert not check.ok
        assert check.value == number[1:]
        assert check.suggestion == number
        assert "8 caractères" in check.problem
        assert "zéro" in check.problem and number in check.problem


def test_eight_digits_without_a_valid_completion_get_no_suggestion() -> None:
    tried = 0
    for number in excerpt_finess():
        if not number.isdigit():
            continue
        for wrong_key in string.digits:
            eight = number[1:-1] + wrong_key
            if luhn_ok("0" + eight):
                continue
            tried += 1
            check = check_finess(eight)
            assert not check.ok
            assert check.suggestion == ""
            assert "8 caractères" in check.problem
            assert "zéro" not in check.problem
    assert tried > len(excerpt_finess())


def test_no_suggestion_towards_an_impossible_department() -> None:
    """``0`` + 8 digits may pass Luhn yet start with department 00: do not suggest it."""
    eight = finess_with_key("00000012")[1:]
    assert luhn_ok("0" + eight)
    check = check_finess(eight)
    assert not check.ok
    assert check.suggestion == ""


@settings(deadline=None)
@given(eight=st.text(alphabet=string.digits, min_size=8, max_size=8))
def test_eight_digits_suggestion_is_always_a_valid_number(eight: str) -> None:
    check = check_finess(eight)
    assert not check.ok
    candidate = "0" + eight
    assert check.suggestion in ("", candidate)
    assert bool(check.suggestion) == check_finess(candidate).ok


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "vide"),
        ("   ", "vide"),
        ("1234567", "7 caractères"),
        ("0100012610", "10 caractères"),
        ("01000126A", "mal formé"),
    ],
)
def test_malformed_finess_messages(typed: str, words: str) -> None:
    check = check_finess(typed)
    assert not check.ok
    assert words in check.problem
    assert check.suggestion == ""


@pytest.mark.parametrize("dept", ["00", "96", "99"])
def test_unknown_department_is_rejected_even_with_a_right_key(dept: str) -> None:
    number = finess_with_key(dept + "000126")
    assert luhn_ok(number)
    check = check_finess(number)
    assert not check.ok
    assert f"« {dept} »" in check.problem


def test_wrong_key_message() -> None:
    number = excerpt_finess()[0]
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert "clé de contrôle" in check_finess(wrong).problem


# ---------------------------------------------------------------------------------------------
# SIRET and SIREN


def _la_poste(nic: str) -> str:
    return LA_POSTE_SIREN + nic


def _digit_sum(text: str) -> int:
    return sum(int(c) for c in text)


def test_la_poste_siren_is_itself_a_valid_siren() -> None:
    assert siren_problem(LA_POSTE_SIREN) == ""


def test_la_poste_siret_valid_when_digit_sum_is_a_multiple_of_five() -> None:
    nics = [f"{n:05d}" for n in range(2000)]
    by_sum = [n for n in nics if _digit_sum(_la_poste(n)) % 5 == 0 and not luhn_ok(_la_poste(n))]
    neither = [n for n in nics if _digit_sum(_la_poste(n)) % 5 and not luhn_ok(_la_poste(n))]
    assert len(by_sum) > 100 and len(neither) > 100
    for nic in by_sum:
        assert siret_problem(_la_poste(nic)) == "", nic
    for nic in neither:
        assert "La Poste" in siret_problem(_la_poste(nic)), nic


def test_digit_sum_rule_is_only_for_la_poste() -> None:
    """A non-La-Poste SIRET with a wrong key is rejected even when its digits sum to 5k."""
    tried = 0
    for siret in excerpt_values("SIRET"):
        for m in digit_mutations(normalise(siret)):
            if _digit_sum(m) % 5 == 0 and not m.startswith(LA_POSTE_SIREN):
                tried += 1
                assert siret_problem(m) == "clé de contrôle du SIRET incorrecte", m
    assert tried > 20


@pytest.mark.parametrize("typed", ["2,601E+13", "2.601E+13", "2,60123e13", "7,75544E+13"])
def test_siret_in_scientific_notation_is_rejected(typed: str) -> None:
    assert "notation scientifique" in siret_problem(typed)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "14 chiffres"),
        ("7755440830047", "14 chiffres"),
        ("775544083004770", "14 chiffres"),
        ("77554408300A77", "14 chiffres"),
    ],
)
def test_malformed_siret(typed: str, words: str) -> None:
    assert words in siret_problem(typed)


@pytest.mark.parametrize("typed", ["", "77554408", "7755440830", "77554408A", "775-544-08"])
def test_malformed_siren(typed: str) -> None:
    assert siren_problem(typed) == "SIREN attendu sur 9 chiffres"


def test_siren_formatted_like_the_export_is_accepted() -> None:
    for siret in excerpt_values("SIRET"):
        if " " in siret:
            assert siren_problem(siret[:11]) == "", siret  # "775 544 083"


def test_siren_with_a_wrong_key() -> None:
    siren = excerpt_values("SIREN")[0]
    wrong = siren[:-1] + str((int(siren[-1]) + 1) % 10)
    assert siren_problem(wrong) == "clé de contrôle du SIREN incorrecte"


# ---------------------------------------------------------------------------------------------
# Properties


def _reference_luhn_ok(digits: str) -> bool:
    """Luhn written the textbook way (left to right, parity from the length)."""
    parity = len(digits) % 2
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch)
        if i % 2 == parity:
            d = sum(divmod(d * 2, 10))
        total += d
    return total % 10 == 0


DEPARTMENT_PREFIXES = st.sampled_from([f"{n:02d}" for n in range(1, 96)] + ["2A", "2B", "97", "98"])
SIX_DIGITS = st.text(alphabet=string.digits, min_size=6, max_size=6)


@given(digits=st.text(alphabet=string.digits, min_size=1, max_size=20))
def test_luhn_matches_a_reference_implementation(digits: str) -> None:
    assert luhn_ok(digits) == _reference_luhn_ok(digits)


@given(prefix=DEPARTMENT_PREFIXES, body=SIX_DIGITS)
def test_finess_with_key_always_yields_a_valid_number(prefix: str, body: str) -> None:
    number = finess_with_key(prefix + body)
    assert len(number) == 9
    assert number.startswith(prefix + body)
    check = check_finess(number)
    assert check.ok, (number, check.problem)


@given(
    prefix=DEPARTMENT_PREFIXES,
    body=SIX_DIGITS,
    position=st.integers(min_value=0, max_value=8),
    shift=st.integers(min_value=1, max_value=9),
)
def test_changing_one_digit_of_a_valid_finess_makes_it_invalid(
    prefix: str, body: str, position: int, shift: int
) -> None:
    number = finess_with_key(prefix + body)
    assume(number[position].isdigit())  # the letter of 2A/2B: see finess_mutations
    mutated = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
    assert not check_finess(mutated).ok, (number, mutated)


@given(
    siren_body=st.text(alphabet=string.digits, min_size=8, max_size=8),
    nic_body=st.text(alphabet=string.digits, min_size=4, max_size=4),
    position=st.integers(min_value=0, max_value=13),
    shift=st.integers(min_value=1, max_value=9),
)
def test_changing_one_digit_of_a_valid_siret_makes_it_invalid(
    siren_body: str, nic_body: str, position: int, shift: int
) -> None:
    siren = next(siren_body + k for k in string.digits if _reference_luhn_ok(siren_body + k))
    body = siren + nic_body  # a valid SIRET holds a valid SIREN: a Luhn key alone is not enough
    siret = next(body + k for k in string.digits if _reference_luhn_ok(body + k))
    new = str((int(siret[position]) + shift) % 10)
    mutated = siret[:position] + new + siret[position + 1 :]
    if LA_POSTE_SIREN in (siret[:9], mutated[:9]):
        return  # the La Poste rule is tested on its own
    assert siret_problem(siret) == ""
    assert siret_problem(mutated) != "", (siret, mutated)


@given(
    body=st.text(alphabet=string.digits, min_size=8, max_size=8),
    position=st.integers(min_value=0, max_value=8),
    shift=st.integers(min_value=1, max_value=9),
)
def test_changing_one_digit_of_a_valid_siren_makes_it_invalid(
    body: str, position: int, shift: int
) -> None:
    siren = next(body + k for k in string.digits if _reference_luhn_ok(body + k))
    mutated = siren[:position] + str((int(siren[position]) + shift) % 10) + siren[position + 1 :]
    assert siren_problem(siren) == ""
    assert siren_problem(mutated) == "clé de contrôle du SIREN incorrecte"


@given(nic=st.text(alphabet=string.digits, min_size=5, max_size=5))
def test_la_poste_rule_on_any_nic(nic: str) -> None:
    siret = _la_poste(nic)
    # INSEE's rule, as python-stdnum applies it: the digit sum, except for the siège (Luhn).
    if siret == "35600000000048":
        expected_valid = _reference_luhn_ok(siret)
    else:
        expected_valid = _digit_sum(siret) % 5 == 0
    assert (siret_problem(siret) == "") == expected_valid


# ---------------------------------------------------------------------------------------------
# Department and island helpers


def test_department_of_excerpt_finess_is_the_department_of_its_address() -> None:
    rows = [r for r in excerpt() if r.departement]
    assert len(rows) >= 25
    assert {r.departement for r in rows} >= {"2A", "2B", "971", "972", "973", "974", "976"}
    for row in rows:
        assert finess_department(row.value) == row.departement, row
        assert region_of(finess_department(row.value)), row


@pytest.mark.parametrize(
    ("number", "department"),
    [("590808804", "59"), ("010001261", "01"), ("2A0002408", "2A"), ("2B0002638", "2B")],
)
def test_department_of_metropolitan_and_corsican_finess(number: str, department: str) -> None:
    assert finess_department(number) == department


def test_is_island_or_overseas() -> None:
    for number in excerpt_finess():
        assert is_island_or_overseas(number) == number.startswith(ISLAND_PREFIXES), number
    assert sum(is_island_or_overseas(n) for n in excerpt_finess()) >= 10
    assert not is_island_or_overseas("200000000")  # department 20 no longer exists
    assert not is_island_or_overseas("960000000")

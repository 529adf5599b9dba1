"""SIREN/SIRET agree with python-stdnum, and the porteur's SIRET must start with its SIREN."""

from __future__ import annotations

import string
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from esms_desktop.domain.completeness import missing_items
from esms_desktop.domain.identifiers import (
    LA_POSTE_SIREN,
    luhn_ok,
    siren_problem,
    siret_problem,
    siret_siren_mismatch,
)
from tests.domain.test_completeness import budget_of, complete_dossier

DIGITS = string.digits
PORTEUR_SIREN = "732829320"  # complete_dossier()'s porteur
OTHER_SIREN = "552100554"


def _with_key(body: str) -> str:
    return next(body + k for k in DIGITS if luhn_ok(body + k))


@given(st.text(alphabet=DIGITS, min_size=14, max_size=14))
def test_siret_check_agrees_with_stdnum_on_any_14_digits(number: str) -> None:
    assert (siret_problem(number) == "") == stdnum_siret.is_valid(number), number


@given(st.text(alphabet=DIGITS, min_size=13, max_size=13))
def test_siret_check_agrees_with_stdnum_on_luhn_right_numbers(body: str) -> None:
    """Random strings rarely have a right key: these all do, so the SIREN part decides."""
    number = _with_key(body)
    assert (siret_problem(number) == "") == stdnum_siret.is_valid(number), number


@given(st.text(alphabet=DIGITS, min_size=5, max_size=5))
def test_siret_check_agrees_with_stdnum_on_la_poste(nic: str) -> None:
    number = LA_POSTE_SIREN + nic
    assert (siret_problem(number) == "") == stdnum_siret.is_valid(number), number


@given(st.text(alphabet=DIGITS, min_size=9, max_size=9))
def test_siren_check_agrees_with_stdnum(number: str) -> None:
    assert (siren_problem(number) == "") == stdnum_siren.is_valid(number), number


def test_luhn_right_siret_around_an_invalid_siren_is_refused() -> None:
    siren = "732829321"  # 732829320 with its key changed
    assert siren_problem(siren) == "clé de contrôle du SIREN incorrecte"
    number = _with_key(siren + "0001")
    assert luhn_ok(number)
    problem = siret_problem(number)
    assert problem != ""
    assert siren in problem


def test_mismatch_names_both_numbers() -> None:
    siret = _with_key(OTHER_SIREN + "0001")
    message = siret_siren_mismatch(PORTEUR_SIREN, siret)
    assert PORTEUR_SIREN in message
    assert f"{siret[:9]} {siret[9:]}" in message
    assert "ne commence pas par le SIREN" in message


def test_no_mismatch_when_the_siret_starts_with_the_siren() -> None:
    siret = _with_key(PORTEUR_SIREN + "0001")
    assert siret_siren_mismatch(PORTEUR_SIREN, siret) == ""
    typed = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"  # as the FINESS export writes
    assert siret_siren_mismatch("732 829 320", typed) == ""


def test_no_mismatch_reported_when_one_number_is_missing_or_invalid() -> None:
    siret = _with_key(OTHER_SIREN + "0001")
    assert siret_siren_mismatch("", siret) == ""
    assert siret_siren_mismatch(PORTEUR_SIREN, "") == ""
    assert siret_siren_mismatch("123", siret) == ""  # its own problem is reported instead
    assert siret_siren_mismatch(PORTEUR_SIREN, siret[:-1] + "x") == ""


def _porteur_items(siret: str) -> list[str]:
    d = complete_dossier()
    d = replace(d, porteur=replace(d.porteur, siret=siret))
    items = missing_items(d, budget_of(d), 2)
    return [i.message for i in items if i.field == "porteur.siret" and i.problem]


def test_porteur_siret_of_another_siren_is_a_problem_of_the_porteur_step() -> None:
    siret = _with_key(OTHER_SIREN + "0001")
    messages = _porteur_items(siret)
    assert len(messages) == 1
    assert messages[0].startswith("Porteur et projet — SIRET du porteur : ")
    assert PORTEUR_SIREN in messages[0] and f"{siret[:9]} {siret[9:]}" in messages[0]


def test_porteur_siret_of_its_own_siren_is_fine() -> None:
    assert _porteur_items(_with_key(PORTEUR_SIREN + "0001")) == []


def test_invalid_porteur_siret_reports_its_key_not_a_mismatch() -> None:
    siret = _with_key(OTHER_SIREN + "0001")
    wrong = siret[:-1] + str((int(siret[-1]) + 1) % 10)
    assert _porteur_items(wrong) == [
        "Porteur et projet — SIRET du porteur : clé de contrôle du SIRET incorrecte"
    ]


def test_the_register_keeps_no_siret_whose_siren_is_invalid() -> None:
    """The register's fast path agrees with the full check: a right key around a wrong SIREN
    is reported and dropped, a valid SIRET is kept."""
    from esms_desktop.domain.finess_register import RegisterBuilder, RegisterSource

    builder = RegisterBuilder("etab.csv", RegisterSource.WEB)
    builder.add(2, finess="010001261", siret="73282932100015", name="Luhn seul")
    builder.add(3, finess="590050076", siret="73282932000074", name="Valide")
    sirets = {e.finess: e.siret for e in builder.result().entries}
    assert sirets == {"010001261": "", "590050076": "73282932000074"}
    assert any("73282932100015" in i.message for i in builder.result().issues)

"""The « État des versements », read back: tranches, what remains and why, each OG's share."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from esms_desktop.domain.formatting import format_eur
from esms_desktop.domain.payments import member_statements
from esms_desktop.reports.payment_statement import render_payment_statement
from tests.reports.follow_up_example import GENERATED, INS, followed_dossier, inputs, payment_status
from tests.reports.test_candidature import Pdf, norm


def eur(amount: Decimal) -> str:
    return norm(format_eur(amount))


@pytest.fixture(scope="module")
def statement():
    dossier = followed_dossier()
    prog, budget, campaign = inputs(dossier)
    pay = payment_status(dossier.follow_up, prog)
    members = member_statements(dossier, budget, dossier.follow_up)
    data = render_payment_statement(dossier, pay, members, campaign, budget, generated_on=GENERATED)
    return dossier, pay, members, Pdf(data)


def test_tranches_expected_received_and_dates(statement) -> None:
    dossier, pay, _m, pdf = statement
    part = pdf.text[pdf.text.index("1. Tranches") : pdf.text.index("2. Ce qui reste")]
    for t in dossier.follow_up.tranches:
        assert eur(t.expected) in part
    assert "12/01/2026" in part and "20/05/2026" in part
    assert f"Reste à recevoir : {eur(pay.remaining)}" in pdf.text
    assert pay.received == Decimal(432000) and eur(pay.received) in part


def test_what_remains_says_why(statement) -> None:
    _d, _p, _m, pdf = statement
    part = pdf.text[pdf.text.index("2. Ce qui reste") : pdf.text.index("3. Reversements")]
    assert f"cible non atteinte : {norm(INS)}" in part
    assert "jalon non terminé" in part and "et 5 autres ESSMS" in part


def test_each_og_share_passed_and_owed(statement) -> None:
    _d, _p, members, pdf = statement
    part = pdf.text[pdf.text.index("3. Reversements") :]
    apei = next(m for m in members if m.og == "APEI du Littoral")
    assert apei.passed == Decimal(100000)
    for m in members:
        assert norm(m.og) in part
        assert eur(m.share) in part and eur(m.due) in part
    row = part[part.index("APEI du Littoral (membre)") :]
    assert eur(apei.owed) in row[:200]
    assert "02/02/2026" in part


def test_an_over_received_tranche_is_said_and_not_netted() -> None:
    dossier = followed_dossier()
    first, *rest = dossier.follow_up.tranches
    excess = Decimal(15000)
    over = replace(first, received=first.expected + excess)
    follow_up = replace(dossier.follow_up, tranches=(over, *rest))
    dossier = replace(dossier, follow_up=follow_up)
    prog, budget, campaign = inputs(dossier)
    pay = payment_status(follow_up, prog)
    members = member_statements(dossier, budget, follow_up)
    pdf = Pdf(
        render_payment_statement(dossier, pay, members, campaign, budget, generated_on=GENERATED)
    )
    tranches = pdf.text[pdf.text.index("1. Tranches") : pdf.text.index("2. Ce qui reste")]
    assert "reçue (trop-perçu)" in tranches
    part = pdf.text[pdf.text.index("2. Ce qui reste") : pdf.text.index("3. Reversements")]
    assert f"trop-perçu de {eur(excess)}" in part
    waiting = sum((t.tranche.expected for t in pay.waiting), Decimal(0))
    assert pay.remaining == waiting  # the excess lowers nothing that is still to come
    assert f"Reste à recevoir : {eur(pay.remaining)}" in pdf.text

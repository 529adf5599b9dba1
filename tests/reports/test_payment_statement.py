"""The « État des versements », read back: tranches, what remains and why, each OG's share."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from esms_desktop.domain.campaign import load_campaign
from esms_desktop.domain.follow_up import Amendment
from esms_desktop.domain.formatting import format_eur
from esms_desktop.domain.payments import member_statements, shares_unknown_reason, tranches_for
from esms_desktop.reports.payment_statement import condition_text, render_payment_statement
from esms_desktop.resources import resource_path
from tests.reports.follow_up_example import GENERATED, INS, followed_dossier, inputs, payment_status
from tests.reports.test_candidature import Pdf, norm


def eur(amount: Decimal) -> str:
    return norm(format_eur(amount))


def load(campaign_id: str):
    return load_campaign(resource_path("campaigns", f"{campaign_id}.toml"))


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
    assert f"non atteinte : {norm(INS)} (1 ESSMS en retard)" in part
    assert "jalon « Déploiement terminé » attendu pour 15 ESSMS sur 15" in part
    assert "– 620050708 MAS La Jetée" in part and "et 5 autres ESSMS" in part
    # each reason is said once, as a bullet, not again in a sentence above them
    assert part.count(norm(INS)) == 1


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


def _render(dossier) -> Pdf:
    prog, budget, campaign = inputs(dossier)
    pay = payment_status(dossier.follow_up, prog)
    members = member_statements(dossier, budget, dossier.follow_up)
    return Pdf(
        render_payment_statement(dossier, pay, members, campaign, budget, generated_on=GENERATED)
    )


def test_no_share_is_printed_while_the_budget_cannot_split_the_grant() -> None:
    # a call whose amounts are still to type: the budget cannot say who gets what
    dossier = replace(followed_dossier(), campaign_id="generalisation-2024")
    _prog, budget, _campaign = inputs(dossier)
    assert not budget.complete
    pdf = _render(dossier)
    part = pdf.text[pdf.text.index("3. Reversements") :]
    assert "(minimum)" not in pdf.text
    porteur = part[part.index("Association Les Hirondelles (porteur)") :]
    porteur = porteur[: porteur.index("APEI du Littoral (membre)")]
    assert porteur.count("à compléter") == 2 and "conservée" in porteur  # share, due; kept
    member = part[part.index("APEI du Littoral (membre)") :]
    member = member[: member.index("Fondation Saint-Éloi (membre)")]
    assert member.count("à compléter") == 3 and eur(Decimal(100000)) in member  # passed: known
    assert norm(shares_unknown_reason(budget)) in part
    assert "Valeurs de la campagne" in part
    assert "reste dû à compléter" in part
    assert "PROJET — non finalisé" in pdf.text


def test_condition_said_once_and_headers_apart(statement) -> None:
    assert condition_text("Cibles d'usage atteintes", True) == "Cibles d'usage atteintes"
    assert condition_text("Fin du déploiement", True) == (
        "Fin du déploiement (cibles d'usage atteintes)"
    )
    assert condition_text("Fin, une fois l'usage vérifié", True) == "Fin, une fois l'usage vérifié"
    assert condition_text("", True) == "Cibles d'usage atteintes"
    assert condition_text("", False) == "—"
    dossier = replace(followed_dossier(), campaign_id="generalisation-2024")
    follow_up = replace(
        dossier.follow_up, tranches=tranches_for(load("generalisation-2024"), Decimal(540000))
    )
    pdf = _render(replace(dossier, follow_up=follow_up))
    tranches = pdf.text[pdf.text.index("1. Tranches") : pdf.text.index("2. Ce qui reste")]
    assert "Cibles d'usage atteintes" in tranches
    assert "(cibles d'usage atteintes)" not in tranches
    assert "Attendu Prévu le Reçu Reçu le État" in tranches  # each header whole, apart


def test_the_running_header_keeps_the_whole_title(statement) -> None:
    _d, _p, _m, pdf = statement
    header = pdf.pages[1].split("\n")[0]  # was « État des versements — A… »: room was left
    assert header == "État des versements — Association Les Hirondelles"


def test_the_amendments_are_listed_when_there_is_any(statement) -> None:
    _d, _p, _m, pdf = statement
    assert "Avenants à la candidature" not in pdf.text  # none: no section
    dossier = followed_dossier()
    many = tuple(f"Ligne {i} modifiée" for i in range(15))
    amendment = Amendment(date(2026, 3, 15), many, "a" * 8, "b" * 8, "")
    dossier = replace(dossier, follow_up=replace(dossier.follow_up, amendments=(amendment,)))
    pdf = _render(dossier)
    part = pdf.text[pdf.text.index("Avenants à la candidature") : pdf.text.index("1. Tranches")]
    assert "modifiée depuis par 1 avenant :" in part and "15/03/2026" in part
    assert "Ligne 11 modifiée" in part and "Ligne 12 modifiée" not in part
    assert "et 3 autres changements" in part

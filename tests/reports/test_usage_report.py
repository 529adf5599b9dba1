"""The « Rapport d'atteinte des cibles d'usage », read back as the ARS instructor reads it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from esms_desktop.domain.dossier import UsageTarget
from esms_desktop.domain.follow_up import Amendment
from esms_desktop.domain.formatting import format_eur
from esms_desktop.reports.usage_report import render_usage_report, usage_evidence
from tests.reports.follow_up_example import (
    DMP,
    DUI,
    EVIDENCE,
    GENERATED,
    INS,
    LAGGARD,
    MSS,
    PERIODS,
    TARGETS,
    followed_dossier,
    inputs,
    payment_status,
)
from tests.reports.test_candidature import Pdf, norm


@pytest.fixture(scope="module")
def report():
    dossier = followed_dossier()
    prog, budget, campaign = inputs(dossier)
    pay = payment_status(dossier.follow_up, prog)
    data = render_usage_report(dossier, prog, pay, campaign, budget, generated_on=GENERATED)
    return dossier, prog, Pdf(data), data


def test_every_counted_essms_and_indicator_with_every_period(report) -> None:
    dossier, prog, pdf, _ = report
    detail = pdf.text[pdf.text.index("3. Détail par ESSMS") :]
    counted = {t.finess for p in prog.projects for t in p.essms}
    assert len(counted) == 15  # the 16 rows less the USLD, never counted
    for _og, e in dossier.grappe.rows():
        if e.finess in counted:
            assert f"{e.finess} — {norm(e.name)}" in detail
    for indicator in (DUI, INS, DMP, MSS):
        assert norm(indicator) in detail
    for period in PERIODS:
        assert str(period) in detail


def test_summary_thresholds_badged_until_confirmed_and_verdict(report) -> None:
    _d, _p, pdf, _ = report
    summary = pdf.text[pdf.text.index("1. Synthèse") : pdf.text.index("2. ESSMS en retard")]
    dui = summary[summary.index("DUI actif") : summary.index("Identités")]
    ins = summary[summary.index("Identités") : summary.index("Documents")]
    assert "80 %" in dui and "à confirmer" not in dui  # typed from the convention
    assert "90 %" in ins and "à confirmer" in ins
    assert "non atteinte" in ins and "atteinte" in dui
    assert "3 cibles d'usage sur 4 atteintes : 1 non atteinte" in pdf.text
    assert "PROJET — non finalisé" in pdf.text  # thresholds still to confirm


def test_blocking_essms_come_first(report) -> None:
    _d, prog, pdf, _ = report
    assert prog.blocking_essms()[0] == LAGGARD
    blocking = pdf.text[pdf.text.index("2. ESSMS en retard") : pdf.text.index("3. Détail")]
    assert LAGGARD in blocking and "MAS La Jetée" in blocking
    detail = pdf.text[pdf.text.index("3. Détail") :]
    first = detail.index("— ", detail.index("autres dans l'ordre de la grappe"))
    assert detail[first - 10 : first].strip() == LAGGARD


def test_exempt_ahi_listed_with_reason(report) -> None:
    _d, _p, pdf, _ = report
    part = pdf.text[pdf.text.index("4. ESSMS non concernés") : pdf.text.index("5. Pièces")]
    assert "590050910" in part and "CHRS L'Escale" in part
    assert "non éligible à SONS" in part


def test_since_is_printed_for_every_target_reached(report) -> None:
    _d, prog, pdf, _ = report
    summary = pdf.text[pdf.text.index("1. Synthèse") : pdf.text.index("2. ESSMS en retard")]
    rows = [DUI, INS, DMP, MSS]
    for project in prog.projects:
        indicator = project.target.indicator
        start = summary.index(norm(indicator))
        after = rows.index(indicator) + 1
        end = summary.index(norm(rows[after])) if after < len(rows) else len(summary)
        row = summary[start:end]
        if project.reached:
            assert project.since is not None and str(project.since) in row
        else:
            assert project.since is None


def test_each_exempt_essms_gets_its_own_reason() -> None:
    dossier = followed_dossier()
    pa_only = replace(TARGETS[0], sector="PA")  # the DUI target reserved to the PA sector
    dossier = replace(dossier, usage_targets=(pa_only, *TARGETS[1:]))
    prog, budget, campaign = inputs(dossier)
    pay = payment_status(dossier.follow_up, prog)
    pdf = Pdf(render_usage_report(dossier, prog, pay, campaign, budget, generated_on=GENERATED))
    part = pdf.text[pdf.text.index("4. ESSMS non concernés") : pdf.text.index("5. Pièces")]
    dui = prog.for_target(DUI)
    assert dui is not None and LAGGARD in {f for f, _ in dui.exempt}  # a PH MAS
    assert dui.exemption_of(LAGGARD) == "cible réservée au secteur PA (ESSMS du secteur PH)"
    assert norm(dui.exemption_of(LAGGARD)) in part
    # the AHI ESSMS is out of the DUI target for its sector, of MSSanté for SONS
    assert "cible réservée au secteur PA (ESSMS du secteur AHI)" in part
    assert "ESSMS AHI non éligible à SONS" in part


def test_evidence_and_signature(report) -> None:
    dossier, _p, pdf, _ = report
    assert usage_evidence(dossier) == (EVIDENCE,)  # statutes and RIB are not usage evidence
    part = pdf.text[pdf.text.index("5. Pièces justificatives") :]
    assert EVIDENCE.file_name in part and "Statuts" not in part
    assert "Je soussigné(e) Marie Dupont, Présidente" in part
    cover = pdf.pages[0]
    assert norm(format_eur(dossier.follow_up.convention.amount_granted)) in norm(cover)
    assert "de 2026-01 à 2026-06" in norm(cover)


def test_fingerprint_and_reproducible(report) -> None:
    dossier, prog, pdf, data = report
    from esms_desktop.reports.candidature.fingerprint import data_fingerprint

    _prog, budget, campaign = inputs(dossier)
    assert f"empreinte des données {data_fingerprint(dossier, budget)}" in pdf.text
    pay = payment_status(dossier.follow_up, prog)
    again = render_usage_report(dossier, prog, pay, campaign, budget, generated_on=GENERATED)
    assert again == data


def _as_the_lead_saw_it():
    """DUI typed and reached, INS measured without threshold, DMP and MSSanté not measured."""
    dossier = followed_dossier()
    targets = (TARGETS[0], UsageTarget(INS), UsageTarget(DMP), UsageTarget(MSS))
    values = tuple(v for v in dossier.follow_up.indicators if v.indicator in (DUI, INS))
    follow_up = replace(dossier.follow_up, indicators=values)
    dossier = replace(dossier, usage_targets=targets, follow_up=follow_up)
    prog, budget, campaign = inputs(dossier)
    pay = payment_status(follow_up, prog)
    return prog, Pdf(
        render_usage_report(dossier, prog, pay, campaign, budget, generated_on=GENERATED)
    )


def test_each_target_is_said_in_its_real_state_never_non_mesurable() -> None:
    prog, pdf = _as_the_lead_saw_it()
    assert "mesurable" not in pdf.text
    assert "1 cible d'usage sur 4 atteinte : 1 seuil à confirmer, 2 sans valeur" in pdf.text
    # the last tranche's reason: each state, reached targets not listed
    box = pdf.text[pdf.text.index("Dernière tranche") : pdf.text.index("1. Synthèse")]
    assert f"seuil à confirmer (saisir celui de la convention) : {norm(INS)}" in box
    assert f"aucune valeur saisie : {norm(DMP)}, {norm(MSS)}" in box
    assert "non atteinte" not in box
    summary = pdf.text[pdf.text.index("1. Synthèse") : pdf.text.index("2. ESSMS en retard")]
    ins = summary[summary.index(norm(INS)) : summary.index(norm(DMP))]
    assert "seuil à confirmer" in ins and "15 ESSMS mesurés sur 15" in ins
    dmp = summary[summary.index(norm(DMP)) : summary.index(norm(MSS))]
    assert "sans valeur" in dmp
    # only targets with a value explain how it was computed
    notes = summary[summary.index("Valeur du projet :") :]
    assert norm(DUI) in notes and norm(INS) not in notes
    blocking = pdf.text[pdf.text.index("2. ESSMS en retard") : pdf.text.index("3. Détail")]
    assert "ne peuvent pas encore être jugées" in blocking
    assert prog.for_target(DUI).laggards and "malgré ces retards" in blocking
    # the state cells and period headers are words, never cut mid-word
    detail = pdf.text[pdf.text.index("3. Détail") :]
    assert "sans valeur" in detail and "seuil à confirmer" in detail
    for period in PERIODS:
        assert detail.count(str(period)) >= len(prog.for_target(DUI).essms)


def test_the_running_header_keeps_the_whole_title(report) -> None:
    _d, _p, pdf, _ = report
    lines = pdf.pages[1].split("\n")
    assert lines[0] == "PROJET — non finalisé"
    # « Rapport d'atteinte des ci… » before; the porteur is left out when both do not fit
    assert lines[1] == "Rapport d'atteinte des cibles d'usage"


def test_the_amendments_are_listed_when_there_is_any(report) -> None:
    _d, _p, pdf, _ = report
    assert "Avenants à la candidature" not in pdf.text  # none: no section
    dossier = followed_dossier()
    amendments = (
        Amendment(
            date(2026, 3, 15),
            ("Cible « DUI actif » : seuil 80 % → 70 %", "ESSMS retiré : 620050708 MAS La Jetée"),
            "a" * 8,
            "b" * 8,
            "Avenant n° 1 signé avec l'ARS",
        ),
        Amendment(date(2026, 4, 2), ("Gouvernance modifiée",), "b" * 8, "c" * 8),
    )
    dossier = replace(dossier, follow_up=replace(dossier.follow_up, amendments=amendments))
    prog, budget, campaign = inputs(dossier)
    pay = payment_status(dossier.follow_up, prog)
    pdf = Pdf(render_usage_report(dossier, prog, pay, campaign, budget, generated_on=GENERATED))
    part = pdf.text[pdf.text.index("Avenants à la candidature") : pdf.text.index("1. Synthèse")]
    assert "modifiée depuis par 2 avenants" in part
    assert "15/03/2026" in part and "Avenant n° 1 signé avec l'ARS" in part
    assert "seuil 80 % → 70 %" in part and "ESSMS retiré : 620050708 MAS La Jetée" in part
    assert "02/04/2026" in part and "Gouvernance modifiée" in part

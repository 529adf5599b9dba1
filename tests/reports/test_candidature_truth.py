"""Issue 16, part 1 and the footer: a dossier never looks final when it is not.

Read back with pypdf as the ARS instructor reads it: an unknown amount is « à renseigner »
(never « 0 € »), the cover's verdict is green only when the dossier is eligible and complete,
every page of a dossier that is not final carries « PROJET — non finalisé », every page has a
paraphe box, the signatures close the signed part and the software's apparatus follows them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from esms_desktop.domain.campaign import ValueStatus, Window
from esms_desktop.domain.formatting import plural
from esms_desktop.reports.base import ALERT_BG, GOOD_BG, WARN_BG
from esms_desktop.reports.candidature.context import Verdict
from esms_desktop.reports.candidature.cover import verdict_box, window_text
from esms_desktop.reports.candidature.document import CandidatureDocument
from esms_desktop.services.assessment import assess, effective_campaign
from esms_desktop.services.export import dossier_from_grappe, export_candidature_pdf
from tests.domain.builders import establishments, grappe, og
from tests.reports.test_candidature import GENERATED, Pdf, example_dossier, norm, render

MARK = "PROJET — non finalisé"
ZERO_EUROS = re.compile(r"(?<![\d\u202f,])0[ \u00a0]€")
"""« 0 € » as an amount (not the end of « 10 000 € », whose groups are U+202F-separated)."""


def generalisation_dossier():
    return dossier_from_grappe(
        grappe(og("OG Généralisation", establishments(16), porteur=True, size=20), segur=True),
        "generalisation-2024",
        "Généralisation sans montants",
    )


@pytest.fixture(scope="module")
def unknown(tmp_path_factory) -> tuple[Pdf, object]:
    path = tmp_path_factory.mktemp("truth") / "gen.pdf"
    result = export_candidature_pdf(generalisation_dossier(), path, generated_on=GENERATED)
    assert not result.complete  # the campaign publishes no amount
    return Pdf(path.read_bytes()), result


def context_of(dossier, missing=()):
    budget = assess(dossier.grappe, dossier.campaign_id, dossier.overrides)
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    doc = CandidatureDocument(dossier, budget, campaign, generated_on=GENERATED, missing=missing)
    return doc.context


def box_background(ctx) -> object:
    box = verdict_box(ctx, ctx.portrait_width)
    (colour,) = [c[3] for c in box._bkgrndcmds if c[0] == "BACKGROUND"]
    return box.verdict, colour


def test_unknown_amounts_are_a_renseigner_never_zero(unknown):
    pdf, _ = unknown
    cover = norm(pdf.pages[0])
    assert "Montant total demandé (TTC) à renseigner" in cover
    assert "50 % — Signature de la convention : à renseigner" in cover
    assert "50 % — Atteinte des cibles d'usage : à renseigner" in cover
    text = pdf.text
    # nowhere in the dossier: cover, ESSMS table, budget, signature blocks, note de calcul
    assert not ZERO_EUROS.search(text), ZERO_EUROS.search(text)
    totals = pdf.text[pdf.text.index("Total et versements") :]
    assert "TOTAL DEMANDÉ à renseigner" in totals
    assert totals.count("à renseigner") >= 3  # the total and both tranches


def test_every_page_of_an_incomplete_dossier_carries_the_mark(unknown):
    pdf, _ = unknown
    for i, page in enumerate(pdf.pages, start=1):
        assert MARK in norm(page), i
    # the header band is drawn first: the mark opens each page in reading order
    assert all(norm(p).lstrip().startswith(MARK) for p in pdf.pages)


def test_the_cover_box_is_amber_for_an_eligible_incomplete_dossier(unknown):
    pdf, result = unknown
    n = len(result.missing)
    assert f"Éligible — dossier incomplet : {n} éléments à compléter" in norm(pdf.pages[0])
    ctx = context_of(generalisation_dossier(), result.missing)
    assert box_background(ctx) == (Verdict.INCOMPLETE, WARN_BG)
    # without a completeness list, the unknown amounts alone keep it amber (never green)
    assert box_background(context_of(generalisation_dossier())) == (Verdict.INCOMPLETE, WARN_BG)


def test_a_complete_dossier_is_green_and_unmarked():
    pdf, budget = render(example_dossier())
    assert budget.complete and budget.eligible
    assert all(MARK not in norm(p) for p in pdf.pages)
    assert "Projet éligible à cette campagne : OUI — dossier complet" in norm(pdf.pages[0])
    assert box_background(context_of(example_dossier())) == (Verdict.READY, GOOD_BG)


def test_an_ineligible_dossier_is_red_and_marked():
    small = dossier_from_grappe(
        grappe(og("Petit", establishments(2), porteur=True, size=2)), "amorcage-2021-t2", "Petit"
    )
    ctx = context_of(small)
    assert not ctx.budget.eligible
    assert box_background(ctx) == (Verdict.INELIGIBLE, ALERT_BG)
    pdf, _ = render(small)
    assert "Projet éligible à cette campagne : NON" in norm(pdf.pages[0])
    assert all(MARK in norm(p) for p in pdf.pages)


def test_every_page_has_a_paraphe_box(unknown):
    pdf, _ = unknown
    assert all("Paraphe" in p for p in pdf.pages)


def test_signatures_close_the_signed_part_and_the_note_follows_them(tmp_path):
    result = export_candidature_pdf(example_dossier(), tmp_path / "x.pdf", generated_on=GENERATED)
    text = Pdf(result.path.read_bytes()).text
    order = [
        "Points ouverts de l’éligibilité",
        "Pièces à joindre",
        "Attestations",
        "Signatures des organismes gestionnaires",
        "Annexe A — Détail par ESSMS",
        "Annexe B — Note de calcul et points de vigilance",
    ]
    positions = [
        text.rfind(f". {t}") if not t.startswith("Annexe") else text.rfind(t) for t in order
    ]
    assert all(p >= 0 for p in positions), dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    signed, note = text[: positions[4]], text[positions[5] :]
    # the software's apparatus is out of the signed part, in the note
    for apparatus in ("interprétation esms-desktop", "documents fondateurs", "amorcage-2021-t2"):
        assert apparatus not in signed, apparatus
        assert apparatus in note, apparatus


def test_the_detail_annex_can_be_left_out(tmp_path):
    with_detail = export_candidature_pdf(
        example_dossier(), tmp_path / "a.pdf", generated_on=GENERATED, detail=True
    )
    without = export_candidature_pdf(
        example_dossier(), tmp_path / "b.pdf", generated_on=GENERATED, detail=False
    )
    assert "Détail par ESSMS" in Pdf(with_detail.path.read_bytes()).text
    text = Pdf(without.path.read_bytes()).text
    assert "Annexe A — Détail par ESSMS" not in text
    assert "Annexe A — Note de calcul et points de vigilance" in text
    assert without.pages < with_detail.pages


def test_an_undeclared_og_size_is_printed_as_inferred():
    dossier = example_dossier()  # the worked example leaves og_nb_esms empty
    assert all(o.declared_size is None for o in dossier.grappe.organisations)
    pdf, _ = render(dossier)
    porteur = dossier.grappe.organisations[0]
    assert f"{len(porteur.establishments)} (déduit des ESSMS listés — à déclarer)" in pdf.text
    declared = replace(
        dossier.grappe,
        organisations=tuple(replace(o, declared_size=40) for o in dossier.grappe.organisations),
    )
    again, _ = render(replace(dossier, grappe=declared))
    assert "déduit des ESSMS listés" not in again.text


def test_calendar_lines_read_as_french():
    day = date(2021, 10, 20)
    assert window_text(Window("Date limite de dépôt", end=day)) == (
        "Date limite de dépôt : 20 octobre 2021"
    )
    assert window_text(Window("Dépôt", end=day)) == "Dépôt : jusqu'au 20 octobre 2021"
    closing = window_text(Window("Clôture de l'appel", status=ValueStatus.A_CONFIRMER))
    assert closing.startswith("Clôture de l'appel : date non publiée")


def test_no_2024_campaign_sends_to_a_2022_one():
    for cid in ("national-2024", "generalisation-2024"):
        campaign = effective_campaign(cid)
        assert not any("campagne national-2022" in n for n in campaign.notes), cid


def test_plural_words():
    assert plural(0, "élément", "éléments") == "0 élément"
    assert plural(1, "élément", "éléments") == "1 élément"
    assert plural(3, "élément", "éléments") == "3 éléments"
    assert plural(1000, "élément", "éléments") == "1\u202f000 éléments"
    assert plural(2, "élément", "éléments", number=False) == "éléments"

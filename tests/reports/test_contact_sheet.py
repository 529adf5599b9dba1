"""The contact sheet (PDF and CSV) and the proposal letters, read back as their readers would.

The director writes to OGs she found in the register: each name, address and phone must be
the register's, each ESSMS listed with its FINESS, category and town; the CSV must open in
Excel as columns (BOM, ``;``), one row per ESSMS; what the dossier lacks is said, in red.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

from esms_desktop.domain.dossier import Porteur
from esms_desktop.domain.finess_register import RegisterEntry
from esms_desktop.domain.partner_search import PartnerCandidate, PartnerPreview, RegisterOg
from esms_desktop.reports.contact_sheet import (
    CSV_COLUMNS,
    contact_csv,
    render_contact_sheet,
    write_contact_csv,
)
from esms_desktop.reports.partner_letter import render_partner_letters
from esms_desktop.services.assessment import assess_dossier, effective_campaign
from tests.reports.test_candidature import Pdf, example_dossier

ON = date(2026, 12, 7)


def _entry(finess: str, ej: str, name: str, town: str, category: str = "246") -> RegisterEntry:
    return RegisterEntry(
        finess=finess,
        finess_ej=ej,
        name=name,
        category=category,
        category_label="Établissement et service d'aide par le travail",
        address="3 rue des Lilas",
        postal_code="30000",
        town=town,
        department="30",
        capacity=40,
        phone="04 66 00 00 01",
    )


def candidates() -> tuple[PartnerCandidate, PartnerCandidate]:
    full = RegisterOg(
        "300000001",
        "Association Les Garrigues",
        department="30",
        town="NIMES",
        address="12 avenue Jean Jaurès",
        postal_code="30900",
        phone="04 66 12 34 56",
        establishments=(
            _entry("300000011", "300000001", "ESAT Les Garrigues", "NIMES"),
            _entry("300000029", "300000001", "Foyer Les Oliviers", "ALES", "252"),
        ),
    )
    bare = RegisterOg(  # the register gives neither address nor phone for this one
        "300000019",
        "ADAPEI du Gard",
        establishments=(replace(_entry("300000037", "300000019", "IME Le Mas", "UZES"), phone=""),),
    )
    return (
        PartnerCandidate(full, full.establishments, 2, 12.44, True),
        PartnerCandidate(bare, bare.establishments, 1, None, False),
    )


def test_pdf_lists_each_og_its_contact_and_essms() -> None:
    first, second = candidates()
    pdf = Pdf(render_contact_sheet((first, second), "ESAT de Nîmes", "Généralisation", ON).data)
    text = pdf.text
    assert "Association Les Garrigues" in text and "ADAPEI du Gard" in text
    assert "12 avenue Jean Jaurès, 30900 NIMES" in text
    assert "04 66 12 34 56" in text
    assert "12,4 km" in text
    for finess, town in (("300000011", "NIMES"), ("300000029", "ALES"), ("300000037", "UZES")):
        assert finess in text
        assert town in text
    assert "252" in text
    # the second OG has no address or phone in the register: said, not left blank
    after = text[text.index("ADAPEI du Gard") :]
    assert after.count("non renseigné") == 2
    assert "inconnue" in after


def test_csv_is_excel_ready_one_row_per_essms() -> None:
    data = contact_csv(candidates())
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]]
    assert [r["finess_essms"] for r in body] == ["300000011", "300000029", "300000037"]
    assert [r["organisme_gestionnaire"] for r in body[:2]] == ["Association Les Garrigues"] * 2
    assert body[0]["telephone_og"] == "04 66 12 34 56"
    assert body[0]["distance_km"] == "12,4" and body[2]["distance_km"] == ""
    assert body[1]["categorie"] == "252" and body[2]["commune_essms"] == "UZES"
    assert body[0]["petit_og"] == "oui"


def test_csv_written_beside_and_read_back(tmp_path) -> None:
    path = write_contact_csv(candidates(), tmp_path / "contacts.csv")
    assert path.read_bytes() == contact_csv(candidates())


def test_letters_one_per_og_with_the_grappe_standing() -> None:
    dossier = example_dossier()
    budget = assess_dossier(dossier)
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    first, second = candidates()
    preview = PartnerPreview(15, 17, True, True, (), budget.total, budget.total, True)
    pdf = Pdf(
        render_partner_letters(
            dossier, budget, campaign, (first, second), {first.finess_ej: preview}, ON
        ).data
    )
    assert len(pdf.reader.pages) == 2  # a page break between the letters
    one, two = (p.replace("\n", " ") for p in pdf.pages)
    assert "Association Les Garrigues" in one and "ADAPEI du Gard" in two
    assert campaign.title in one
    assert f"compte aujourd'hui {budget.counted_establishments} ESSMS" in one
    assert "la grappe en compterait 17" in one
    assert "300000011" in one and "300000037" in two
    assert dossier.porteur.name in one
    # the register has no address for the second OG: marked to complete
    assert "adresse de ADAPEI du Gard : à compléter" in two


def test_letters_mark_what_the_dossier_lacks() -> None:
    dossier = replace(example_dossier(), porteur=Porteur(name="ESAT du Vidourle"))
    budget = assess_dossier(dossier)
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    text = Pdf(render_partner_letters(dossier, budget, campaign, candidates()[:1], None, ON).data)
    flat = text.text
    assert "nom du chef de projet : à compléter" in flat
    assert "téléphone de contact : à compléter" in flat
    assert "PROJET — non finalisé" in flat


def test_letter_says_what_reaching_the_minimum_requires() -> None:
    full = example_dossier()
    alone = replace(full, grappe=replace(full.grappe, organisations=full.grappe.organisations[:1]))
    budget = assess_dossier(alone)
    campaign = effective_campaign(alone.campaign_id, alone.overrides)
    counted = budget.counted_establishments
    assert counted < 15
    flat = Pdf(render_partner_letters(alone, budget, campaign, candidates()[:1], None, ON).data)
    assert f"compte aujourd'hui {counted} ESSMS retenus ;" in flat.text
    assert f"au moins 15 ESSMS : il nous en manque {15 - counted}." in flat.text
    assert "ESSMSs" not in flat.text

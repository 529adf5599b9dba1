"""The blank partner form: the grappe template's columns, room to write, French instructions."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
from datetime import date

import pypdf
import pytest
from reportlab.lib.units import mm

from esms_desktop.domain.fields import ESTABLISHMENT_FIELDS
from esms_desktop.reports.partner_form import (
    FORM_COLUMNS,
    ROW_HEIGHT,
    ROWS_PER_PAGE,
    TABLE_PAGES,
    build_partner_form,
    render_partner_form,
)
from esms_desktop.services.catalog import campaign
from esms_desktop.services.export import export_partner_form

TEMPLATE_COLUMNS = tuple(f.column for f in ESTABLISHMENT_FIELDS if f.column)
"""The template's ESSMS columns, from the field table: the form must have every one."""


def test_the_form_s_columns_are_the_template_s_in_its_order() -> None:
    assert tuple(c.key for c in FORM_COLUMNS) == TEMPLATE_COLUMNS
    assert "dui_actuel" in TEMPLATE_COLUMNS and "services_socles" in TEMPLATE_COLUMNS


@pytest.fixture(scope="module")
def form() -> pypdf.PdfReader:
    return pypdf.PdfReader(
        io.BytesIO(build_partner_form(campaign("generalisation-2024"), date(2025, 3, 12)))
    )


def texts(reader: pypdf.PdfReader) -> list[str]:
    return [p.extract_text() for p in reader.pages]


def test_pages_identity_instructions_two_landscape_tables_then_signature(form):
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in form.pages]
    assert len(sizes) == 3 + TABLE_PAGES
    orientation = ["landscape" if w > h else "portrait" for w, h in sizes]
    assert orientation == ["portrait", "portrait", "landscape", "landscape", "portrait"]
    for w, h in sizes:
        assert sorted((round(w), round(h))) == [595, 842]


def test_identity_block(form):
    first = form.pages[0].extract_text()
    for label in (
        "Raison sociale de l'OG",
        "Statut juridique",
        "SIREN (9 chiffres)",
        "FINESS juridique (9 caractères)",
        "Adresse du siège",
        "Code postal et commune",
        "Représentant légal : nom",
        "Représentant légal : qualité",
        "Nombre total d'ESSMS gérés",
        "Contact : nom et fonction",
        "Courriel",
        "Téléphone",
        "Convention de grappe signée le",
    ):
        assert label in first, label
    assert "Lu et approuvé" not in first  # nothing is signed before the table it certifies
    assert "Généralisation 2024 (appel régional)" in first
    assert "generalisation-2024" in first


def test_the_signature_and_attestations_come_after_the_tables(form):
    """Issue 16: the signature certifies the table, so it follows it, with the attestations."""
    from esms_desktop.domain.dossier import DEFAULT_ATTESTATIONS

    pages = texts(form)
    signed = [i for i, t in enumerate(pages) if "Lu et approuvé" in t]
    tables = [i for i, t in enumerate(pages) if "Feuillet" in t and "services_socles" in t]
    assert tables == [2, 3] and signed == [len(pages) - 1]
    last = re.sub(r"\s+", " ", pages[-1])
    for label in ("Nom et qualité du signataire", "Fait à", "Cachet de l'organisme"):
        assert label in last, label
    for attestation in DEFAULT_ATTESTATIONS:
        label = re.sub(r"\s+", " ", attestation.label)
        assert f"☐ {label}" in last, attestation.key
    assert last.index("☐") < last.index("Lu et approuvé")


def test_table_sheets_are_numbered_by_hand_and_not_shaded(form):
    """« Feuillet __ / __ » on each sheet (for copies) and white rows to write on."""
    from esms_desktop.reports.base import ZEBRA

    for page in form.pages[2:4]:
        assert re.search(r"Feuillet _+ / _+", page.extract_text())
        content = page.get_contents().get_data().decode("latin-1")
        fills = {
            tuple(round(float(v), 3) for v in m)
            for m in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", content)
        }
        assert fills and tuple(round(c, 3) for c in ZEBRA.rgb()) not in fills  # no zebra tint


def test_instructions_cover_every_template_column_and_allowed_values(form):
    text = re.sub(r"\s+", " ", form.pages[1].extract_text())
    for key in TEMPLATE_COLUMNS:
        assert f"({key})" in text, key
    for allowed in (
        "acquisition / conformité / aucun",
        "oui / non",
        "de 0 à 100",
        "3 chiffres",
        "9 caractères",
        "« Éditeur — Produit »",
        "aucun / non référencé / référencé Ségur",
        "DMP, MSS, INS, e-prescription",
    ):
        assert allowed in text, allowed


def test_rows_are_numbered_with_room_to_write(form):
    numbers: list[int] = []
    for page in form.pages[2 : 2 + TABLE_PAGES]:
        ys: dict[int, float] = {}

        def visit(text, cm, tm, font, size, ys=ys):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            # row numbers: left column, above the footer (whose page count is a number too)
            if re.fullmatch(r"\d{1,2}", text.strip()) and x < 30 * mm and y > 15 * mm:
                ys[int(text)] = y

        text = page.extract_text(visitor_text=visit)
        for key in TEMPLATE_COLUMNS:
            assert key in text.replace("\n", ""), key
        assert "Organisme gestionnaire :" in text
        rows = sorted(ys)
        assert len(rows) == ROWS_PER_PAGE
        numbers += rows
        gaps = [ys[a] - ys[b] for a, b in itertools.pairwise(rows)]
        assert min(gaps) >= 9 * mm - 0.1  # handwriting needs 9 mm per line
    assert numbers == list(range(1, ROWS_PER_PAGE * TABLE_PAGES + 1))
    assert 9 * mm <= ROW_HEIGHT


def test_page_numbers_fonts_and_blank_campaign(form, tmp_path):
    for i, text in enumerate(texts(form), start=1):
        assert re.search(rf"page {i} / \s*{len(form.pages)}", text)
    for page in form.pages:
        for ref in page["/Resources"]["/Font"].values():
            assert "/FontFile2" in ref.get_object()["/FontDescriptor"].get_object()
    generic = pypdf.PdfReader(io.BytesIO(build_partner_form()))
    assert "Programme ESMS numérique" in generic.pages[0].extract_text()
    result = export_partner_form(tmp_path / "fiche.pdf", generated_on=date(2025, 3, 12))
    assert result.pages == len(generic.pages) == 5
    assert (tmp_path / "fiche.pdf").read_bytes() == render_partner_form(
        None, date(2025, 3, 12)
    ).data


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) absent")
def test_form_renders(tmp_path):
    path = tmp_path / "fiche.pdf"
    path.write_bytes(build_partner_form(generated_on=date(2025, 3, 12)))
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == 3 + TABLE_PAGES


def test_cli_form(tmp_path):
    from esms_desktop.cli import main

    out = io.StringIO()
    target = tmp_path / "fiche.pdf"
    assert main(["form", "-o", str(target), "--campaign", "amorcage-2021-t2"], out) == 0
    assert "Fiche partenaire écrite" in out.getvalue()
    assert "Amorçage 2021" in pypdf.PdfReader(target).pages[0].extract_text()
    assert main(["form", "-o", str(tmp_path / "absent" / "f.pdf")], out) == 3

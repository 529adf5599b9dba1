"""Issue 16, part 4: a 1,000-ESSMS dossier stays readable, and every PDF opens well.

The budget section sums the ESSMS lines by rule and by OG; the ESSMS-by-ESSMS detail is an
annex left out beyond 200 ESSMS; a long dossier's cover lists its sections with their page;
the file opens on its bookmarks, carries XMP metadata (title, fr-FR) and names each font
subset with its own tag.
"""

from __future__ import annotations

import pytest

from esms_desktop.services.export import dossier_from_grappe, export_candidature_pdf
from tests.domain.builders import split_grappe
from tests.reports.test_candidature import GENERATED, Pdf, example_dossier, norm


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> tuple[Pdf, int]:
    dossier = dossier_from_grappe(split_grappe(1000, 10, segur=True), "national-2021", "National")
    path = tmp_path_factory.mktemp("big") / "national.pdf"
    result = export_candidature_pdf(dossier, path, generated_on=GENERATED)
    return Pdf(path.read_bytes()), result.pages


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Pdf:
    path = tmp_path_factory.mktemp("ex") / "example.pdf"
    export_candidature_pdf(example_dossier(), path, generated_on=GENERATED)
    return Pdf(path.read_bytes())


def test_the_budget_is_summed_by_rule_and_by_og_not_listed_per_essms(national):
    pdf, _ = national
    budget = pdf.text[pdf.text.index("6. Budget demandé") : pdf.text.index("Total et versements")]
    assert "Lignes des ESSMS, par règle" in budget
    assert "Montants par organisme gestionnaire" in budget
    assert budget.count("Forfait par ESSMS") <= 3  # once per rule, not once per ESSMS
    assert "Annexe A — Détail par ESSMS" not in pdf.text  # 1,000 ESSMS: left out by default


def test_the_national_dossier_is_under_75_pages(national):
    _, pages = national
    assert pages < 75


def test_a_long_dossier_opens_with_a_contents_list(national, example):
    pdf, pages = national
    assert pages > 20
    cover = norm(pdf.pages[0])
    assert "Sommaire" in cover
    outline = {
        item.title: pdf.reader.get_destination_page_number(item) + 1
        for item in pdf.reader.outline
        if not isinstance(item, list)
    }
    for title, page in outline.items():
        assert f"{title} p. {page}" in cover, title
    assert "Sommaire" not in norm(example.pages[0])  # a short one does not


def test_the_pdf_opens_on_its_bookmarks_with_xmp_metadata(example):
    root = example.reader.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"
    assert root["/Lang"] == "fr-FR"
    xmp = example.reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title["x-default"].startswith("Dossier de candidature ESMS numérique — ")
    assert xmp.dc_language == ["fr-FR"]


def test_font_subset_tags_are_unique(national):
    pdf, _ = national
    names: set[str] = set()
    for page in pdf.reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            names.add(str(ref.get_object()["/BaseFont"]))
    tags = [name.split("+")[0] for name in names]
    assert len(names) >= 4
    assert len(tags) == len(set(tags)), sorted(names)


def test_the_worked_example_stays_short(example):
    assert len(example.reader.pages) <= 14

"""The candidature PDF: complete, consistent with the budget engine, printable.

The PDF is read back with pypdf as an ARS reader (or a director checking before signing) would:
every FINESS, name and amount of the dossier must be in it, formatted as the rest of the app
formats them; totals are the engine's; every page says "page x / y" with the right y; fonts are
embedded; pages are A4 (portrait or landscape) and nothing is drawn in the margins.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pypdf
import pytest

from esms_desktop.domain.autodiagnostic import load_questionnaire
from esms_desktop.domain.budget import Budget
from esms_desktop.domain.dossier import (
    AutodiagResponse,
    Dossier,
    Milestone,
    UsageTarget,
)
from esms_desktop.domain.formatting import format_eur
from esms_desktop.domain.grappe import (
    DuiSolution,
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.domain.requirements import applicable_attestations
from esms_desktop.domain.usage_threshold import UsageThreshold, percentage
from esms_desktop.reports.base import fingerprint, french_spacing, wrap_words
from esms_desktop.reports.candidature import build_candidature, render_candidature
from esms_desktop.resources import resource_path
from esms_desktop.services.assessment import assess, effective_campaign
from esms_desktop.services.export import dossier_from_grappe, export_candidature_pdf
from tests.domain.builders import establishments, finess, grappe, og, split_grappe

GENERATED = date(2025, 3, 12)
A4_W, A4_H = 595.276, 841.89
EXAMPLE_CSV = Path(__file__).resolve().parents[2] / "resources" / "examples" / "grappe-exemple.csv"


# --- building blocks ----------------------------------------------------------------------


def example_grappe() -> Grappe:
    """The worked example (resources/examples/grappe-exemple.csv), read with the importer when
    it exists, else with a direct reading of the same columns."""
    try:
        from esms_desktop.importers.grappe_sheet import import_grappe
    except ModuleNotFoundError:
        pass
    else:
        result = import_grappe(EXAMPLE_CSV)
        assert result.grappe is not None
        return result.grappe
    with EXAMPLE_CSV.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    by_og: dict[str, tuple[dict[str, str], list[Establishment]]] = {}
    for r in rows:
        by_og.setdefault(r["og_nom"], (r, []))[1].append(
            Establishment(
                finess=r["finess"],
                name=r["nom"],
                category=r["categorie"],
                capacity=int(r["capacite"]) if r["capacite"] else None,
                project=ProjectType(r["projet"]),
                equipment=r["equipement"] == "oui",
                eligible_hours_pct=Decimal(r["heures_eligibles_pct"] or 100),
                dui_solution=r["solution_dui"],
            )
        )
    ogs = tuple(
        Organisation(
            name=name,
            role=OgRole(first["og_role"]),
            siren=first["og_siren"],
            finess_ej=first["og_finess_ej"],
            establishments=tuple(ests),
        )
        for name, (first, ests) in by_og.items()
    )
    return Grappe(ogs, DuiSolution("Éditeur Exemple", "Dossier Usager"))


def example_dossier() -> Dossier:
    g = example_grappe()
    base = dossier_from_grappe(g, "amorcage-2021-t2", "Grappe Flandre-Littoral 2021")
    annexes = tuple(
        replace(a, provided=True, file_name="statuts-hirondelles.pdf")
        if a.key == "statuts_kbis"
        else a
        for a in base.annexes
    )
    attestations = tuple(
        replace(a, accepted=True) if a.key == "exactitude" else a for a in base.attestations
    )
    return replace(
        base,
        project_title="DUI partagé de la grappe Flandre-Littoral",
        porteur=replace(
            base.porteur,
            legal_status="Association loi 1901",
            address="12 rue des Arts",
            postal_code="59000",
            town="Lille",
            legal_representative="Marie Dupont",
            legal_representative_title="Présidente",
            project_lead="Jean Martin",
            contact_email="j.martin@hirondelles.example",
        ),
        milestones=(
            Milestone("Signature de la convention", date(2021, 12, 15)),
            Milestone("Fin du paramétrage", date(2022, 6, 30), "Paramétrage du DUI commun"),
        ),
        usage_targets=(
            UsageTarget("DUI actifs", "PH", percentage(80), "fin 2022", "Rapport éditeur"),
            UsageTarget("Messages MSSanté", "", UsageThreshold(Decimal(150), "messages", "mois")),
            UsageTarget("INS qualifiées", ""),
        ),
        governance="Un comité de pilotage réunit chaque trimestre les trois directeurs.",
        annexes=annexes,
        attestations=attestations,
    )


def norm(text: str) -> str:
    """Collapse line breaks and spaces (not U+202F, which must survive) for searching."""
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text)


def eur(amount: Decimal | None) -> str:
    return norm(format_eur(amount))


class Pdf:
    """A rendered PDF read back: bytes, pages, per-page text."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reader = pypdf.PdfReader(io.BytesIO(data))
        self.pages = [p.extract_text() for p in self.reader.pages]
        self.text = norm("\n".join(self.pages))


def render(dossier: Dossier, **kw: object) -> tuple[Pdf, Budget]:
    budget = assess(dossier.grappe, dossier.campaign_id, dossier.overrides)
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    data = build_candidature(dossier, budget, campaign, generated_on=GENERATED, **kw)  # type: ignore[arg-type]
    return Pdf(data), budget


@pytest.fixture(scope="module")
def example() -> tuple[Pdf, Budget, Dossier]:
    dossier = example_dossier()
    pdf, budget = render(dossier)
    return pdf, budget, dossier


# --- content ------------------------------------------------------------------------------


def test_worked_example_total_is_the_engines(example):
    pdf, budget, _ = example
    assert budget.total == Decimal("560000")
    assert f"TOTAL DEMANDÉ {eur(budget.total)}" in pdf.text
    assert "560\u202f000 €" in pdf.text  # narrow no-break space kept, even in paragraphs
    for tranche in budget.tranches:
        assert eur(tranche.amount) in pdf.text
    essms = sum((e.amount for e in budget.establishments if e.funded), Decimal(0))
    project = sum((line.amount for line in budget.project_lines), Decimal(0))
    assert essms + project == budget.total
    assert f"ESSMS financés {eur(essms)}" in pdf.text
    assert f"Lignes du projet {eur(project)}" in pdf.text


def test_every_finess_name_and_amount_is_printed(example):
    pdf, budget, dossier = example
    assert len(budget.establishments) == dossier.grappe.establishment_count == 16
    for e in budget.establishments:
        assert e.finess in pdf.text
        assert norm(e.name) in pdf.text
        if e.funded:
            assert eur(e.amount) in pdf.text
            for line in e.lines:
                assert norm(line.label) in pdf.text
                assert eur(line.amount) in pdf.text
    for og_name, subtotal in budget.subtotal_by_og().items():
        assert f"Sous-total {og_name} — " in pdf.text
        assert eur(subtotal) in pdf.text
    for line in budget.project_lines:
        assert norm(line.label) in pdf.text
    for og_row in dossier.grappe.organisations:
        assert og_row.siren in pdf.text and og_row.finess_ej in pdf.text


def test_rules_and_findings_are_printed(example):
    pdf, budget, _ = example
    # The rule behind each line, in small print under it.
    for e in budget.establishments:
        for line in e.lines:
            expected = norm(french_spacing(line.rule))  # 25 000 € → 25 000 € (U+202F)
            assert expected.replace(" ", "") in pdf.text.replace(" ", "")
    # The USLD is listed, not counted, and the finding says why.
    usld = next(e for e in budget.establishments if e.category == "362")
    assert not usld.counted
    for finding in budget.findings:
        assert finding.severity.label in pdf.text
        assert norm(french_spacing(finding.message)) in pdf.text


def test_sections_come_in_order(example):
    pdf, _, _ = example
    titles = [
        "Dossier de candidature",
        "1. Porteur du projet",
        "2. Composition de la grappe",
        "3. Établissements et services (ESSMS) du projet",
        "4. Solution DUI retenue",
        "5. Autodiagnostic de maturité",
        "6. Budget demandé",
        "7. Engagements sur les cibles d'usage",
        "8. Planning du projet",
        "9. Gouvernance du projet",
        "10. Points ouverts de l’éligibilité",
        "11. Pièces à joindre",
        "12. Attestations",
        "13. Signatures des organismes gestionnaires",
        "Annexe A — Détail par ESSMS",
        "Annexe B — Note de calcul et points de vigilance",
    ]
    positions = [pdf.text.find(t) for t in titles]
    assert all(p >= 0 for p in positions), dict(zip(titles, positions, strict=True))
    assert positions == sorted(positions)
    # Each numbered section is also a bookmark of the PDF, in the same order.
    outline = [item.title for item in pdf.reader.outline if not isinstance(item, list)]
    assert outline == titles[1:]


def test_cover_porteur_and_campaign(example):
    pdf, _, dossier = example
    cover = norm(pdf.pages[0])
    assert "Dossier de candidature" in cover
    assert dossier.project_title in cover
    assert "Association Les Hirondelles" in cover
    assert "Amorçage 2021 — temps 2 (appel régional)" in cover
    assert "du 1ᵉʳ juillet 2021 au 31 octobre 2021" in cover
    assert "Projet éligible à cette campagne : OUI" in cover
    assert "560\u202f000 €" in cover
    porteur = norm(pdf.pages[1])
    for value in ("314159260", "590088001", "Marie Dupont, Présidente", "12 rue des Arts"):
        assert value in porteur
    assert "à compléter" in porteur  # SIRET left empty, printed as missing


def test_usage_thresholds_are_printed_with_their_unit(example):
    pdf, _, _ = example
    text = norm(pdf.text)
    section = text[text.find("7. Engagements") : text.find("8. Planning")]
    assert "DUI actifs PH 80 %" in section  # norm() turns the no-break space into a space
    assert "150 messages / mois" in section
    assert "INS qualifiées" in section and "à confirmer" in section.casefold()


def test_signature_block_per_og_porteur_first_never_split(example):
    pdf, _, dossier = example
    start = next(i for i, t in enumerate(pdf.pages) if "13. Signatures" in t)
    pages = pdf.pages[start:]
    text = norm("\n".join(pages))
    signatures = text[text.index("13. Signatures") : text.index("Annexe A — Détail")]
    names = [o.name for o in dossier.grappe.organisations]
    assert signatures.index(names[0]) < min(signatures.index(n) for n in names[1:])
    assert signatures.count("Fait à") == len(names)
    assert signatures.count("Lu et approuvé") == len(names) + 1  # + the instruction sentence
    assert signatures.count("Cachet de l'organisme") == len(names)
    for page in pages:  # a block is never cut by a page break
        assert page.count("Nom et qualité du signataire") == page.count("Cachet de l'organisme")


def test_attestations_and_annexes_show_their_boxes(example):
    pdf, budget, dossier = example
    text = pdf.text
    applicable = applicable_attestations(dossier, budget)
    assert applicable  # the example asks for several
    for n, a in enumerate(applicable, start=1):
        mark = "☒" if a.accepted else "☐"
        assert f"{mark} {n}. {norm(a.label)}" in text, a.key
    for a in set(dossier.attestations) - set(applicable):  # asked of other grappes only
        assert norm(a.label) not in text, a.key
    annexes = text[text.index("11. Pièces") :]
    for a in dossier.annexes:
        assert norm(a.label) in annexes
    assert "☒ Statuts ou extrait Kbis du porteur obligatoire statuts-hirondelles.pdf" in annexes
    assert "☐ Relevé d'identité bancaire (RIB) du porteur obligatoire" in annexes


def test_justification_is_required_for_acquisitions(example):
    pdf, _, dossier = example
    assert "À COMPLÉTER — obligatoire" in pdf.text
    solution = replace(
        dossier.grappe.solution, justification="Trois éditeurs consultés ; offre la mieux notée."
    )
    with_text, _ = render(replace(dossier, grappe=replace(dossier.grappe, solution=solution)))
    assert "À COMPLÉTER — obligatoire" not in with_text.text
    assert "Trois éditeurs consultés ; offre la mieux notée." in with_text.text


# --- the PDF as a file ----------------------------------------------------------------------


def test_page_x_of_y_on_every_page(example):
    pdf, _, _ = example
    total = len(pdf.reader.pages)
    assert total >= 8
    for i, text in enumerate(pdf.pages, start=1):
        found = re.findall(r"page (\d+) / \s*(\d+)", text)
        assert found == [(str(i), str(total))], (i, found)


def test_pages_are_a4_and_the_essms_table_is_landscape(example):
    pdf, _, _ = example
    orientations = []
    for page in pdf.reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (abs(w - A4_W), abs(h - A4_H)) < (1, 1) or (abs(w - A4_H), abs(h - A4_W)) < (1, 1)
        orientations.append("landscape" if w > h else "portrait")
    assert orientations[0] == "portrait"
    essms_page = next(i for i, t in enumerate(pdf.pages) if "3. Établissements" in t)
    assert orientations[essms_page] == "landscape"
    assert "portrait" in orientations[essms_page:]


def test_fonts_are_embedded_truetype(example):
    pdf, _, _ = example
    seen = set()
    for page in pdf.reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            seen.add(name.split("+")[-1])
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), name
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSansCondensed"} <= seen


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler) absent")
def test_pdffonts_reports_every_font_embedded(example, tmp_path):
    pdf, _, _ = example
    path = tmp_path / "dossier.pdf"
    path.write_bytes(pdf.data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert "DejaVu" in row and " yes yes yes " in row, row


def test_metadata(example):
    pdf, _, dossier = example
    meta = pdf.reader.metadata
    assert meta.title == f"Dossier de candidature ESMS numérique — {dossier.project_title}"
    assert meta.author == "Association Les Hirondelles"
    assert "Amorçage 2021 — temps 2" in meta.subject
    assert "amorcage-2021-t2" in meta["/Keywords"]
    assert meta.creator == "esms-desktop"


def test_output_is_reproducible_and_fingerprinted(example):
    pdf, budget, dossier = example
    again, _ = render(dossier)
    assert again.data == pdf.data
    fp = re.search(r"empreinte des données ([0-9a-f]{8})", pdf.text)
    assert fp is not None
    assert all(fp.group(1) in t for t in pdf.pages)  # in every footer
    # Saving (id, timestamps) does not change it; a changed amount does.
    saved, _ = render(replace(dossier, id=7, created=None, updated=None))
    assert fp.group(1) in saved.text
    changed, _ = render(replace(dossier, overrides={"acquisition": Decimal("24000")}))
    assert fp.group(1) not in changed.text
    later = build_candidature(
        dossier, budget, effective_campaign(dossier.campaign_id), generated_on=date(2025, 4, 1)
    )
    assert later != pdf.data
    assert fingerprint({"a": Decimal("25000")}) == fingerprint({"a": Decimal("25000.00")})


def test_french_spacing_keeps_figures_and_guillemets_together():
    text = french_spacing("affichés à 5 000 € avec « à confirmer », 70 % ; tél. 03 20 00 00 00")
    assert text == (
        "affichés à 5\u202f000\u00a0€ avec «\u00a0à confirmer\u00a0», 70\u00a0% ; "
        "tél. 03 20 00 00 00"
    )


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) absent")
def test_pages_render_and_margins_stay_blank(example, tmp_path):
    """Every page renders; nothing is drawn in the binding margin or past the right margin."""
    from PIL import Image

    pdf, _, _ = example
    path = tmp_path / "dossier.pdf"
    path.write_bytes(pdf.data)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == len(pdf.reader.pages)
    for png in pngs:
        image = Image.open(png).convert("L")
        w, h = image.size
        px_per_mm = w / (297 if w > h else 210)
        if w > h:  # landscape: bound by its top edge, 15 mm sides
            strips = [(0, 0, w, int(20 * px_per_mm)), (0, 0, int(13 * px_per_mm), h)]
        else:  # portrait: 25 mm binding margin on the left, 15 mm on the right
            strips = [(0, 0, int(23 * px_per_mm), h), (w - int(13 * px_per_mm), 0, w, h)]
        for box in strips:
            assert image.crop(box).getextrema()[0] >= 250, (png.name, box)


# --- hard cases --------------------------------------------------------------------------


def test_long_and_odd_text_wraps_inside_cells(tmp_path):
    long_og = ("Association départementale des amis et parents d'enfants inadaptés " * 3).strip()
    assert len(long_og) >= 200
    word = "Établissement" * 8  # one 104-character word: must be cut, not overflow
    odd = "Foyer « L'Étoile » & <Cie> — e\u0301te\u0301 ✓ Ω 𝄞\x07 œuvre"
    ests = (
        *establishments(3, dept="2A", project=ProjectType.ACQUISITION),
        Establishment(finess("59", 901), word, "500", project=ProjectType.CONFORMITE),
        Establishment(finess("59", 902), odd, "246", project=ProjectType.CONFORMITE),
    )
    g = grappe(og(long_og, ests, porteur=True), og("APEI", establishments(12, start=50)))
    dossier = Dossier(
        name=long_og, campaign_id="amorcage-2021-t2", grappe=g, governance="x\u0000y\n\nz"
    )
    pdf, budget = render(dossier)
    squeezed = re.sub(r"\s+", "", pdf.text)
    assert re.sub(r"\s+", "", long_og) in squeezed
    assert word in squeezed
    assert "Foyer « L'Étoile » & <Cie> — été" in pdf.text  # escaped, composed (NFC)
    for e in budget.establishments:
        assert e.finess in pdf.text
    # The header keeps to one line: the long name is cut with an ellipsis there.
    header = pdf.pages[1].splitlines()[0]
    assert header.endswith("…") and header[:-1] in long_og
    lines = wrap_words(word, "DejaVuSansCondensed", 8, 100)
    assert len(lines) > 1 and "".join(lines) == word


def test_cap_provisional_and_missing_amounts_are_flagged():
    # amorçage T1 funds 30 ESSMS at most: the others are "non financé (plafond)".
    capped = Dossier(
        name="Plafond",
        campaign_id="amorcage-2021-t1",
        grappe=grappe(og("Grand OG", establishments(33), porteur=True, size=40)),
    )
    pdf, budget = render(capped)
    not_funded = [e for e in budget.establishments if not e.funded]
    assert len(not_funded) == 3
    assert pdf.text.count("non financé (plafond)") >= 2 * 3
    assert "30 ESSMS financés au plus par projet" in pdf.text
    assert f"TOTAL DEMANDÉ {eur(budget.total)}" in pdf.text

    # Generalisation 2024: amounts are à confirmer, so every line is "à renseigner".
    unknown = Dossier(
        name="À confirmer",
        campaign_id="generalisation-2024",
        grappe=grappe(og("OG", establishments(16), porteur=True, size=20), segur=True),
    )
    pdf, budget = render(unknown)
    assert not budget.complete
    assert "à renseigner" in pdf.text
    expected = "Total incomplet" if budget.total else "Total à renseigner"
    assert expected in pdf.text


def test_large_national_dossier(tmp_path):
    """600 ESSMS over 6 OGs: every FINESS, headers on every table page, provisional flags."""
    g = split_grappe(600, 6, segur=True)
    dossier = dossier_from_grappe(g, "national-2021", "Grappe nationale")
    result = export_candidature_pdf(dossier, tmp_path / "national.pdf", generated_on=GENERATED)
    pdf = Pdf((tmp_path / "national.pdf").read_bytes())
    budget = assess(g, "national-2021")
    assert result.pages == len(pdf.reader.pages) > 25  # one line a row beyond 200 ESSMS
    assert result.total == budget.total == Decimal(600 * 5000)
    for e in budget.establishments:
        assert e.finess in pdf.text
    assert f"TOTAL DEMANDÉ {eur(budget.total)}" in pdf.text
    provisional = [e for e in budget.establishments if any(ln.provisional for ln in e.lines)]
    assert len(provisional) == 101  # ranks 500 to 600
    # 600 ESSMS: no « Détail par ESSMS » annex by default; the ESSMS table flags each row
    assert "Annexe A — Détail par ESSMS" not in pdf.text
    assert pdf.text.count("à confirmer auprès de votre ARS") >= len(provisional)
    table_pages = [
        t for t in pdf.pages if re.search(r"^\d+ \d{9} ESSMS", t, re.M) and "FINESS" in t
    ]
    essms_pages = [t for t in pdf.pages if re.search(r"^\d+ \d{9} ESSMS", t, re.M)]
    assert table_pages == essms_pages  # the column header repeats on every page of the table
    for i, text in enumerate(pdf.pages, start=1):
        assert re.search(rf"page {i} / \s*{len(pdf.pages)}", text)


def test_autodiagnostic_scores_and_recommendations():
    questionnaire = load_questionnaire(resource_path("autodiagnostic.toml"))
    answers = {q.id: q.values[-1] for q in questionnaire.domains[0].questions}
    dossier = replace(
        example_dossier(),
        autodiagnostics=(
            AutodiagResponse("grappe", MappingProxyType(answers)),
            AutodiagResponse("590050076", MappingProxyType({"question.retiree": 2})),
        ),
    )
    pdf, _ = render(dossier, questionnaire=questionnaire)
    first = questionnaire.domains[0]
    assert f"1. {first.title}" in pdf.text
    assert "100 / 100" in pdf.text
    assert "Autodiagnostic — ensemble de la grappe" in pdf.text
    assert "Recommandations" in pdf.text
    assert "non évalué" in pdf.text
    # An answer to a question that no longer exists is left out with a note, not a crash.
    assert "Autodiagnostic — ESSMS EHPAD Les Hirondelles (590050076)" in pdf.text
    assert "questions absentes du questionnaire" in pdf.text
    assert "Score global : non calculé (aucune réponse ne correspond au questionnaire)" in pdf.text


def test_the_pdf_scores_the_autodiagnostic_as_the_screen_does():
    """An answer the question does not offer (``fonc.1`` offers 0, 2 and 4; the command line
    records any level 0–4) is left out with a note, as on screen: the PDF used to print no
    score at all for the grappe while the screen showed one."""
    questionnaire = load_questionnaire(resource_path("autodiagnostic.toml"))
    answers = {q.id: q.values[-1] for q in questionnaire.domains[0].questions}
    answers["fonc.1"] = 3
    dossier = replace(
        example_dossier(),
        autodiagnostics=(AutodiagResponse("grappe", MappingProxyType(answers)),),
    )
    pdf, _ = render(dossier, questionnaire=questionnaire)
    assert "Score global : 100 / 100" in pdf.text
    assert "hors des choix proposés" in pdf.text and "« fonc.1 » = 3" in pdf.text
    # The screen reads the same summary (ui/views/autodiag_view.py shows its ``grappe``).
    from esms_desktop.domain.autodiag_summary import summarise

    shown = summarise(questionnaire, dossier).grappe
    assert shown.score == 100 and shown.level is not None and shown.ignored == 1
    assert f"Score global : {shown.score} / 100 — {shown.level.label}" in pdf.text
    assert "Réponse invalide" not in pdf.text


def test_render_reports_the_page_count(example):
    pdf, budget, dossier = example
    rendered = render_candidature(
        dossier, budget, effective_campaign(dossier.campaign_id), generated_on=GENERATED
    )
    assert rendered.pages == len(pdf.reader.pages)
    stream = io.BytesIO()
    build_candidature(
        dossier,
        budget,
        effective_campaign(dossier.campaign_id),
        generated_on=GENERATED,
        stream=stream,
    )
    assert stream.getvalue() == pdf.data


def test_export_service_and_dossier_from_grappe(tmp_path):
    g = example_grappe()
    dossier = dossier_from_grappe(g, "amorcage-2021-t2")
    assert dossier.porteur.name == "Association Les Hirondelles"
    assert (dossier.porteur.siren, dossier.porteur.finess_ej) == ("314159260", "590088001")
    assert dossier.name == "Candidature Association Les Hirondelles"
    result = export_candidature_pdf(dossier, tmp_path / "dossier.pdf", generated_on=GENERATED)
    assert result.path == tmp_path / "dossier.pdf"
    assert result.total == Decimal("560000") and result.complete and result.eligible
    pdf = Pdf(result.path.read_bytes())
    assert result.pages == len(pdf.reader.pages)
    assert result.fingerprint in pdf.text
    # The dossier's overrides reach both the budget and the printed campaign values.
    cheaper = replace(dossier, overrides={"pilotage": Decimal("90000")})
    result = export_candidature_pdf(cheaper, tmp_path / "cheaper.pdf", generated_on=GENERATED)
    assert result.total == Decimal("550000")
    assert eur(Decimal("550000")) in Pdf(result.path.read_bytes()).text


# --- command line -----------------------------------------------------------------------


def run_cli(*argv: str) -> tuple[int, str]:
    from esms_desktop.cli import main

    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


def test_cli_pdf_from_the_example_spreadsheet(tmp_path):
    pytest.importorskip("esms_desktop.importers.grappe_sheet")
    target = tmp_path / "dossier.pdf"
    code, out = run_cli(
        "pdf", str(EXAMPLE_CSV), "--campaign", "amorcage-2021-t2", "-o", str(target)
    )
    assert code == 0, out
    assert "560\u202f000" in out and str(target) in out
    assert "560\u202f000 €" in Pdf(target.read_bytes()).text
    code, _ = run_cli(
        "pdf",
        str(EXAMPLE_CSV),
        "--campaign",
        "amorcage-2021-t2",
        "--set",
        "pilotage=90000",
        "-o",
        str(target),
    )
    assert code == 0
    assert "550\u202f000 €" in Pdf(target.read_bytes()).text


def test_cli_pdf_refuses_an_unknown_campaign(tmp_path, capsys):
    code, _ = run_cli("pdf", str(EXAMPLE_CSV), "--campaign", "nope", "-o", str(tmp_path / "x.pdf"))
    assert code == 2
    assert "Campagne inconnue" in capsys.readouterr().err


def test_cli_dossier_pdf_from_the_store(tmp_path, capsys):
    pytest.importorskip("esms_desktop.storage.store")
    data = tmp_path / "data"
    code, out = run_cli("--data-dir", str(data), "dossier", "new", "--name", "Essai", "--campaign",
                        "amorcage-2021-t2")  # fmt: skip
    if code != 0:
        pytest.skip(f"le magasin de dossiers n'est pas utilisable ici : {capsys.readouterr().err}")
    target = tmp_path / "stored.pdf"
    code, out = run_cli("dossier", "pdf", "1", "-o", str(target), "--data-dir", str(data))
    assert code == 0, capsys.readouterr().err
    assert "Dossier PDF écrit" in out
    assert "Essai" in Pdf(target.read_bytes()).text
    code, _ = run_cli("dossier", "pdf", "99", "-o", str(target), "--data-dir", str(data))
    assert code == 2


# --- completeness: a second verdict next to eligibility -------------------------------------


def test_incomplete_dossier_is_printed_as_a_draft_with_its_missing_items(tmp_path):
    dossier = example_dossier()
    result = export_candidature_pdf(dossier, tmp_path / "brouillon.pdf", generated_on=GENERATED)
    pdf = Pdf(result.path.read_bytes())
    assert result.missing, "the example dossier lacks annexes and a convention date"
    cover = norm(pdf.pages[0])
    assert "Projet éligible à cette campagne : OUI" in cover
    assert f"Éligible — dossier incomplet : {len(result.missing)} éléments à compléter" in cover
    assert f"Dossier complet : NON ({len(result.missing)} éléments à compléter" in cover
    assert "Éléments manquants" in pdf.text
    for item in result.missing:
        assert norm(item.message) in pdf.text
    assert "Pièces et export — pièce à joindre : Relevé d'identité bancaire (RIB)" in pdf.text
    # every page, the cover included, carries the draft mark
    assert all("PROJET — non finalisé" in norm(p) for p in pdf.pages)


def test_complete_dossier_says_complete_and_has_no_draft_header(example):
    _pdf, budget, dossier = example
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    rendered = render_candidature(dossier, budget, campaign, None, GENERATED, ())
    text = Pdf(rendered.data)
    assert "Dossier complet : OUI" in text.text
    assert "PROJET — non finalisé" not in text.text
    assert "Éléments manquants" not in text.text

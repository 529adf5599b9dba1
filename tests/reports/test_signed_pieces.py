"""Signatures that bind: per-OG commitments, attestations, the letter and the convention.

Read back with pypdf as the director who signs would read them: her name and quality, each OG's
ESSMS count and amount, the redistribution adding up, the pieces the ARS asks for.
"""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import pytest

from esms_desktop.domain.formatting import format_eur
from esms_desktop.domain.redistribution import redistribute
from esms_desktop.reports.candidature.common import role_label
from esms_desktop.reports.convention import render_convention
from esms_desktop.reports.letter import render_letter
from esms_desktop.services.assessment import assess_dossier, effective_campaign
from esms_desktop.services.export import export_convention_pdf, export_letter_pdf
from tests.reports.test_candidature import GENERATED, Pdf, example_dossier, norm, render


@pytest.fixture(scope="module")
def worked():
    dossier = example_dossier()
    pdf, budget = render(dossier)
    names = [o.name for o in dossier.grappe.organisations]
    shares = redistribute(budget, names, names[0])
    return dossier, budget, pdf, shares


def eur(amount: Decimal) -> str:
    return norm(format_eur(amount))


def signatures_part(pdf: Pdf) -> str:
    text = pdf.text
    return text[text.index("Signatures des organismes gestionnaires") :]


def test_each_signature_block_names_its_essms_and_amount(worked) -> None:
    dossier, budget, pdf, shares = worked
    part = signatures_part(pdf)
    assert [s.essms_count for s in shares.shares] == [5, 6, 4]  # the USLD is not counted
    roles = {o.name: role_label(o) for o in dossier.grappe.organisations}
    for share in shares.shares:
        block = part[part.index(f"{share.og} {roles[share.og]}") :]
        block = block[: block.index("Cachet de l'organisme")]
        assert f"{share.essms_count} ESSMS financés" in block
        assert f"Montant TTC : {eur(share.amount)}" in block
        for finess, _name in share.essms:
            assert finess in block
    assert sum(s.amount for s in shares.shares) == budget.total == Decimal(560000)


def test_redistribution_table_opens_the_signatures_and_adds_up(worked) -> None:
    _d, budget, pdf, shares = worked
    part = signatures_part(pdf)
    table = part[: part.index("Règle de répartition")]
    assert "Le porteur reçoit l'aide et reverse" in table
    for share in shares.shares:
        assert eur(share.amount) in table
        for amount in share.tranches:
            assert eur(amount) in table
    total_row = table[table.index("Total 15") :]
    assert eur(budget.total) in total_row
    for t in budget.tranches:
        assert eur(t.amount) in total_row


def test_attestations_are_prefilled_per_og(worked) -> None:
    dossier, _b, pdf, _s = worked
    text = pdf.text
    part = text[text.index("Attestations") :]
    assert (
        "Je soussigné(e) Marie Dupont, Présidente, représentant légal de Association Les "
        "Hirondelles, atteste que :" in part
    )
    for og in dossier.grappe.organisations[1:]:  # representatives unknown: dotted blanks
        assert f"représentant légal de {og.name}, atteste, pour cet organisme" in part
    assert "....................., représentant légal de APEI du Littoral" in part
    # ARS attestations: acquisitions and conformité here; FEDER / FSE; TTC; no PNRR in 2021
    assert "aucun contrat n'a été signé avec un éditeur" in part
    assert "commande financée à l'éditeur par le dispositif SONS" in part
    assert "(FEDER, FSE" in part and "toutes taxes comprises (TTC)" in part
    assert "PNRR" not in part


def test_pnrr_mention_in_a_generalisation_call() -> None:
    dossier = replace(example_dossier(), campaign_id="generalisation-2024")
    pdf, _ = render(dossier)
    assert "Plan national de relance et de résilience (PNRR)" in pdf.text


def test_hours_split_is_required_for_the_saad_at_70_percent(worked) -> None:
    _d, _b, pdf, _s = worked
    text = pdf.text
    annexes = text[text.index("Pièces à joindre") :]
    line = annexes[annexes.index("Répartition des heures") :][:200]
    assert "requise pour ce projet" in line


def test_letter_of_the_worked_example(worked) -> None:
    dossier, budget, _pdf, shares = worked
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    letter = Pdf(render_letter(dossier, budget, campaign, GENERATED).data)
    text = letter.text
    assert "Objet : lettre d'engagement" in text
    assert "Je soussigné(e) Marie Dupont, Présidente, représentant légal de Association Les" in text
    assert "3 organismes gestionnaires et de 15 ESSMS financés" in text
    assert f"{eur(budget.total)} TTC" in text
    for share in shares.shares:
        assert f"{share.og} {share.essms_count} {eur(share.amount)}" in text
    assert text.count("Cachet de l'organisme") == 1  # the porteur signs its letter
    assert "Marie Dupont, Présidente" in text[text.index("Nom et qualité du signataire") - 400 :]


def test_convention_of_the_worked_example(worked) -> None:
    dossier, budget, _pdf, shares = worked
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    conv = Pdf(render_convention(dossier, budget, campaign, GENERATED).data)
    text = conv.text
    assert "Entre les soussignés" in text
    for og in dossier.grappe.organisations:
        assert f"{og.name}, SIREN {og.siren}" in text
    for share in shares.shares:
        assert f"{share.essms_count} ESSMS financés" in text
        for finess, _name in share.essms:
            assert finess in text
    for title in ("Solution retenue", "Gouvernance", "Répartition de l'aide", "Durée"):
        assert title in text
    assert "Éditeur Exemple — Dossier Usager" in text
    assert "Un comité de pilotage réunit chaque trimestre" in text
    assert text.count("Cachet de l'organisme") == 3  # one block per party
    assert all("Paraphe" in page for page in conv.pages)
    # the worked example has no convention date: printed as to be signed, not invented
    assert "prend effet à sa signature par toutes les parties" in text


def test_incomplete_letter_is_marked_and_complete_data_is_not(tmp_path) -> None:
    dossier = example_dossier()
    result = export_letter_pdf(dossier, tmp_path / "l.pdf", generated_on=GENERATED)
    assert result.final and result.pages == len(Pdf(result.path.read_bytes()).pages)
    assert "non finalisé" not in Pdf(result.path.read_bytes()).text
    bare = replace(dossier, porteur=replace(dossier.porteur, legal_representative=""))
    result = export_letter_pdf(bare, tmp_path / "b.pdf", generated_on=GENERATED)
    text = Pdf(result.path.read_bytes())
    assert not result.final
    assert "[nom du représentant légal : à compléter]" in text.text
    assert all("PROJET — non finalisé" in norm(p) for p in text.pages)
    conv = export_convention_pdf(dossier, tmp_path / "c.pdf", generated_on=GENERATED)
    assert conv.path.read_bytes().startswith(b"%PDF")


def test_unknown_amounts_are_never_zero_in_the_shares(tmp_path) -> None:
    dossier = replace(example_dossier(), campaign_id="generalisation-2024")
    budget = assess_dossier(dossier)
    assert not budget.complete
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    conv = Pdf(render_convention(dossier, budget, campaign, GENERATED).data)
    table = conv.text[conv.text.index("Répartition de l'aide") :]
    assert "à renseigner" in table
    assert "Montant TTC : 0 €" not in conv.text
    assert all("PROJET — non finalisé" in norm(p) for p in conv.pages)


# --- command line ---------------------------------------------------------------------------


def run_cli(*argv: str) -> tuple[int, str]:
    from esms_desktop.cli import main

    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def test_cli_letter_and_convention_from_the_store(tmp_path, capsys, example_csv) -> None:
    data = tmp_path / "data"
    code, _ = run_cli("--data-dir", str(data), "dossier", "new", "--name", "Essai", "--campaign",
                      "amorcage-2021-t2", "--from", str(example_csv))  # fmt: skip
    assert code == 0, capsys.readouterr().err
    for command, word in (("lettre", "Lettre d'engagement écrite"), ("convention", "Convention")):
        target = tmp_path / f"{command}.pdf"
        code, out = run_cli("--data-dir", str(data), "dossier", command, "1", "-o", str(target))
        assert code == 0, capsys.readouterr().err
        assert word in out and str(target) in out
        text = Pdf(target.read_bytes()).text
        assert "Association Les Hirondelles" in text and "5 ESSMS financés" in text
        code, _ = run_cli("--data-dir", str(data), "dossier", command, "99", "-o", str(target))
        assert code == 2
        err = capsys.readouterr().err
        assert "99" in err and "Traceback" not in err

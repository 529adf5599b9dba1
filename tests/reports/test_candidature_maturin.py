"""The PDF's autodiagnostic says which source each figure comes from and prints the levels typed
from MaturiN-SMS with the date of that assessment (text read back with pypdf)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import MappingProxyType

from esms_desktop.domain.autodiagnostic import load_questionnaire
from esms_desktop.domain.dossier import AutodiagResponse
from esms_desktop.domain.maturin import TypedLevels
from esms_desktop.resources import resource_path
from tests.reports.test_candidature import example_dossier, render

QUESTIONNAIRE = load_questionnaire(resource_path("autodiagnostic.toml"))


def test_typed_levels_are_printed_with_their_date_and_source() -> None:
    answers = {q.id: q.values[-1] for q in QUESTIONNAIRE.domain("gouv").questions}
    typed = TypedLevels(
        MappingProxyType({"management": 1, "fonctionnel": 2, "qualite_service": 4}),
        date(2024, 11, 5),
    )
    dossier = replace(
        example_dossier(),
        autodiagnostics=(AutodiagResponse("grappe", MappingProxyType(answers), typed),),
    )
    pdf, _ = render(dossier, questionnaire=QUESTIONNAIRE)
    text = pdf.text
    assert "Source des scores : questionnaire et MaturiN-SMS, saisi." in text
    assert "Niveaux saisis depuis MaturiN-SMS (évaluation du 05/11/2024)" in text
    assert "4. Qualité de service niveau 4 aucun (n'oriente pas le projet)" in text
    assert "2. Adéquation fonctionnelle niveau 2" in text
    assert "5. Sécurité du SI non renseigné" in text
    # Domain 1 is answered: its typed level is shown but the questionnaire's figure is used.
    assert "(répondu : le questionnaire prime)" in text
    assert "30 / 100" in text  # level 2 stands as 30 for the functional fit
    assert "esms-desktop, inspiré de MaturiN-SMS" in text


def test_a_dossier_without_typed_levels_prints_no_maturin_table() -> None:
    answers = {q.id: q.values[-1] for q in QUESTIONNAIRE.domain("gouv").questions}
    dossier = replace(
        example_dossier(),
        autodiagnostics=(AutodiagResponse("grappe", MappingProxyType(answers)),),
    )
    pdf, _ = render(dossier, questionnaire=QUESTIONNAIRE)
    assert "Source des scores : questionnaire." in pdf.text
    assert "Niveaux saisis depuis MaturiN-SMS" not in pdf.text

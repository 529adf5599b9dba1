"""Levels typed from MaturiN-SMS: the data file's dimensions, the stand-in scores, the routing,
the summary's sources and notes, and completeness (pure, with the shipped questionnaire)."""

from __future__ import annotations

import copy
import tomllib
from dataclasses import replace
from datetime import date
from types import MappingProxyType
from typing import Any

import pytest

from esms_desktop.domain.autodiag_routing import (
    scope_answers,
    scope_typed,
    suggested_projects,
    with_scope_answers,
    with_scope_typed,
)
from esms_desktop.domain.autodiag_summary import summarise
from esms_desktop.domain.autodiagnostic import (
    FigureSource,
    QuestionnaireError,
    load_questionnaire,
    parse_questionnaire,
    recommend,
    score,
)
from esms_desktop.domain.completeness import Step, missing_items
from esms_desktop.domain.dossier import AutodiagResponse, Dossier
from esms_desktop.domain.grappe import DuiSituation, ProjectType
from esms_desktop.domain.maturin import (
    MATURIN_DIMENSION_COUNT,
    NO_TYPED_LEVELS,
    TypedLevels,
    ignored_levels,
    typed_complete,
    usable_levels,
    with_date,
    with_level,
)
from esms_desktop.resources import resource_path
from tests.domain.builders import establishments, grappe, og
from tests.domain.test_completeness import budget_of, complete_dossier

SHIPPED = resource_path("autodiagnostic.toml")
Q = load_questionnaire(SHIPPED)
RAW: dict[str, Any] = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
assert Q.maturin is not None
FRAMEWORK = Q.maturin


def _typed(**levels: int) -> TypedLevels:
    return TypedLevels(MappingProxyType(levels))


ALL_TYPED = _typed(
    management=3,
    fonctionnel=2,
    infrastructure=1,
    qualite_service=4,
    securite=4,
    ethique=5,
    performance=2,
)


# --- the data file ------------------------------------------------------------------------


def test_the_seven_dimensions_are_named_as_the_ans_names_them_and_mapped() -> None:
    assert [(d.number, d.title, d.domain_id) for d in FRAMEWORK.dimensions] == [
        (1, "Pratiques de management du SI", "gouv"),
        (2, "Adéquation fonctionnelle", "fonc"),
        (3, "Adéquation de l'infrastructure", "infra"),
        (4, "Qualité de service", None),
        (5, "Sécurité du SI", "secu"),
        (6, "Éthique et développement durable", "ethique"),
        (7, "Performance, usage et satisfaction", "usages"),
    ]
    assert len(FRAMEWORK.dimensions) == MATURIN_DIMENSION_COUNT
    # Our domain 4 has no MaturiN-SMS dimension: the one that differs.
    assert FRAMEWORK.for_domain("interop") is None
    assert FRAMEWORK.for_domain("fonc") == FRAMEWORK.dimension("fonctionnel")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: m["dimensions"].pop(), "7 dimensions attendues"),
        (lambda m: m["dimensions"][0].update(domain="nulle_part"), "« nulle_part » absent"),
        (lambda m: m["dimensions"][1].update(domain="gouv"), "déjà associé"),
        (lambda m: m["dimensions"][1].update(id="management"), "en double"),
        (lambda m: m["dimensions"][1].update(niveau=3), "clé inconnue"),
    ],
)
def test_a_malformed_maturin_table_is_refused_in_french(change: Any, expected: str) -> None:
    data = copy.deepcopy(RAW)
    change(data["maturin"])
    with pytest.raises(QuestionnaireError, match=expected):
        parse_questionnaire(data, "essai.toml")


def test_a_questionnaire_without_maturin_table_has_no_framework() -> None:
    data = copy.deepcopy(RAW)
    del data["maturin"]
    quest = parse_questionnaire(data)
    assert quest.maturin is None
    assert score(quest, {}, ALL_TYPED).score is None  # nothing to stand in for


# --- scores -------------------------------------------------------------------------------


def test_a_typed_level_stands_as_the_middle_of_our_band_of_that_rank() -> None:
    assert [Q.stand_in_score(level) for level in (1, 2, 3, 4, 5)] == [10, 30, 50, 70, 90]
    for level in (1, 2, 3, 4, 5):
        assert Q.level_for(Q.stand_in_score(level)).level == level


def test_typed_levels_fill_the_unanswered_domains_and_say_so() -> None:
    answers = {q.id: 4 for q in Q.domain("gouv").questions}
    result = score(Q, answers, ALL_TYPED)
    gouv, fonc, infra, interop = (result.domain(d) for d in ("gouv", "fonc", "infra", "interop"))
    # An answered domain keeps the questionnaire's figure even when a level is typed for it.
    assert (gouv.score, gouv.source, gouv.typed_level) == (100, FigureSource.QUESTIONNAIRE, None)
    assert (fonc.score, fonc.source, fonc.typed_level) == (30, FigureSource.MATURIN, 2)
    assert fonc.level is not None and fonc.level.level == 2
    assert fonc.figure == "niveau 2 (MaturiN-SMS, saisi)" and gouv.figure == "100/100"
    assert infra.score == 10 and infra.answered == 0
    # « Qualité de service » maps to nothing: our domain 4 stays unassessed.
    assert interop.score is None and interop.source is FigureSource.QUESTIONNAIRE
    # The overall figure is the mean of the figures shown: 100, 30, 10, 70, 90, 30.
    assert result.score == 55
    assert result.sources == {FigureSource.QUESTIONNAIRE, FigureSource.MATURIN}
    assert result.answered == len(answers)  # the progress counts answers only


def test_levels_outside_the_scale_or_of_unknown_dimensions_are_not_counted() -> None:
    typed = _typed(securite=0, ethique=6, inconnue=3, performance=4)
    assert usable_levels(FRAMEWORK, typed) == {"performance": 4}
    assert ignored_levels(FRAMEWORK, typed) == (("securite", 0), ("ethique", 6), ("inconnue", 3))
    result = score(Q, {}, typed)
    assert [d.domain.id for d in result.domains if d.score is not None] == ["usages"]


# --- routing ------------------------------------------------------------------------------


def _dui(situation: DuiSituation) -> dict[str, int]:
    question = Q.question(Q.routing.dui_question)
    value = next(v for v, s in question.dui.items() if s is situation)
    return {question.id: value}


def test_a_typed_functional_level_routes_a_non_referenced_dui() -> None:
    """The DUI stated on the ESSMS, the functional fit typed (level 2, stand-in 30 < 50)."""
    result = score(Q, {}, _typed(fonctionnel=2))
    project = recommend(result, small_og=False, current_dui=DuiSituation.NON_REFERENCE)[0]
    assert project.code == "projet.non_reference_acquisition"
    assert project.suggested_project is ProjectType.ACQUISITION
    assert "niveau 2 (MaturiN-SMS, saisi)" in project.message
    high = recommend(
        score(Q, {}, _typed(fonctionnel=3)), small_og=False, current_dui=DuiSituation.NON_REFERENCE
    )
    assert high[0].suggested_project is ProjectType.CONFORMITE  # 50 is not under 50


def test_the_dui_question_alone_does_not_replace_the_typed_functional_level() -> None:
    """The DUI question belongs to the functional domain but records which DUI is there: answered
    alone, it gives the situation and the typed level still gives the fit."""
    answers = _dui(DuiSituation.NON_REFERENCE)
    result = score(Q, answers, _typed(fonctionnel=2))
    fonc = result.domain("fonc")
    assert (fonc.source, fonc.score, fonc.answered) == (FigureSource.MATURIN, 30, 1)
    assert result.dui_situation is DuiSituation.NON_REFERENCE
    assert recommend(result, small_og=False)[0].suggested_project is ProjectType.ACQUISITION
    # One more answer in the domain: the questionnaire's figure is used from then on.
    second = Q.domain("fonc").questions[1].id
    more = score(Q, {**answers, second: 4}, _typed(fonctionnel=2)).domain("fonc")
    assert more.source is FigureSource.QUESTIONNAIRE and more.typed_level is None
    # Without a typed level, the DUI answer alone scores the domain as before.
    assert score(Q, answers).domain("fonc").source is FigureSource.QUESTIONNAIRE


def test_a_typed_infrastructure_level_asks_for_the_equipment_line_of_a_small_og() -> None:
    recs = recommend(score(Q, {}, _typed(infrastructure=2)), small_og=True)
    equipment = next(r for r in recs if r.kind == "equipement")
    assert equipment.code == "equipement.petit_og" and equipment.suggested_equipment is True
    assert "niveau 2 (MaturiN-SMS, saisi)" in equipment.message
    priorities = [r for r in recs if r.kind == "priorite"]
    assert [r.domain_id for r in priorities] == ["infra"]
    assert "niveau 2 (MaturiN-SMS, saisi), Émergence" in priorities[0].message


def test_the_unmapped_dimension_routes_nothing() -> None:
    with_quality = recommend(score(Q, {}, _typed(qualite_service=1)), small_og=True)
    without = recommend(score(Q, {}, NO_TYPED_LEVELS), small_og=True)
    assert with_quality == without


def test_suggested_projects_use_the_typed_functional_level() -> None:
    ests = tuple(replace(e, current_dui=DuiSituation.NON_REFERENCE) for e in establishments(2))
    g = grappe(og("A", ests, porteur=True))
    low = score(Q, {}, _typed(fonctionnel=1))
    assert set(suggested_projects(g, low).values()) == {ProjectType.ACQUISITION}
    high = score(Q, {}, _typed(fonctionnel=4))
    assert set(suggested_projects(g, high).values()) == {ProjectType.CONFORMITE}


# --- the dossier and the summary ----------------------------------------------------------


def test_typed_levels_and_answers_of_a_scope_are_kept_apart() -> None:
    d = Dossier("D", "c")
    d = with_scope_typed(d, with_level(NO_TYPED_LEVELS, "securite", 4))
    d = with_scope_answers(d, {"gouv.1": 2})
    d = with_scope_typed(d, with_date(scope_typed(d), date(2025, 1, 31)))
    (response,) = d.autodiagnostics
    assert dict(response.answers) == {"gouv.1": 2}
    assert response.maturin == TypedLevels(MappingProxyType({"securite": 4}), date(2025, 1, 31))
    cleared = with_scope_typed(d, with_level(scope_typed(d), "securite", None))
    assert dict(scope_typed(cleared).levels) == {} and dict(scope_answers(cleared)) == {"gouv.1": 2}


def test_the_summary_lists_every_dimension_and_the_sources() -> None:
    d = Dossier(
        "D",
        "c",
        autodiagnostics=(
            AutodiagResponse("grappe", MappingProxyType({}), _typed(qualite_service=2, ethique=9)),
            AutodiagResponse("essms:590000100", MappingProxyType({}), _typed(securite=5)),
        ),
    )
    summary = summarise(Q, d)
    grappe_summary = summary.grappe
    assert [(dim.id, level) for dim, level in grappe_summary.typed_rows][3:5] == [
        ("qualite_service", 2),
        ("securite", None),
    ]
    assert grappe_summary.has_typed
    assert grappe_summary.score is None  # « Qualité de service » alone scores nothing
    assert grappe_summary.source_label == "aucune"
    assert any("« ethique » = 9" in note for note in grappe_summary.notes)
    # A scope with typed levels only is printed, as one with answers is.
    assert [s.scope for s in summary.scopes] == ["grappe", "essms:590000100"]
    assert summary.scopes[1].source_label == "MaturiN-SMS, saisi"
    assert summary.scopes[1].score == 90


# --- completeness -------------------------------------------------------------------------


def test_the_self_assessment_is_done_with_all_answers_or_all_seven_levels() -> None:
    base = replace(complete_dossier(), autodiagnostics=())
    b = budget_of(base)

    def autodiag_items(d: Dossier) -> list[str]:
        return [i.message for i in missing_items(d, b, Q.question_count) if i.step is Step.AUTODIAG]

    assert len(autodiag_items(base)) == 1
    six = with_scope_typed(
        base, TypedLevels(MappingProxyType(dict(list(ALL_TYPED.levels.items())[:6])))
    )
    (message,) = autodiag_items(six)
    assert "niveaux MaturiN-SMS : 6 sur 7" in message
    assert autodiag_items(with_scope_typed(base, ALL_TYPED)) == []
    assert typed_complete(ALL_TYPED) and not typed_complete(scope_typed(six))
    every_answer = {q.id: max(q.values) for q in Q.questions}
    assert autodiag_items(with_scope_answers(base, every_answer)) == []
    # Levels typed for an ESSMS do not complete the grappe's self-assessment.
    other = replace(base, autodiagnostics=(AutodiagResponse("essms:1", maturin=ALL_TYPED),))
    assert len(autodiag_items(other)) == 1
    # A level outside 1–5 does not count.
    bad = with_scope_typed(base, with_level(ALL_TYPED, "ethique", 0))
    assert len(autodiag_items(bad)) == 1


def test_an_unassessed_equipment_says_a_typed_level_would_do() -> None:
    recs = recommend(score(Q, {}, NO_TYPED_LEVELS), small_og=True)
    equipment = next(r for r in recs if r.code == "equipement.a_evaluer")
    assert "ou saisissez le niveau MaturiN-SMS « Adéquation de l'infrastructure »" in (
        equipment.message
    )

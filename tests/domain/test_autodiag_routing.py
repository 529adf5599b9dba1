"""The autodiagnostic in the dossier: answers per scope, usable answers, suggestions per ESSMS.

These are the pure functions behind the self-assessment step (``autodiag_routing`` and
``autodiagnostic.usable_answers``), tested with the shipped questionnaire and without Qt.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Any

import pytest

from esms_desktop.domain.autodiag_routing import (
    GRAPPE_SCOPE,
    project_changes,
    scope_answers,
    suggested_projects,
    with_scope_answers,
)
from esms_desktop.domain.autodiagnostic import (
    RecommendationKind,
    load_questionnaire,
    recommend,
    score,
    usable_answers,
)
from esms_desktop.domain.dossier import AutodiagResponse, Dossier
from esms_desktop.domain.grappe import DuiSituation, Grappe, ProjectType
from esms_desktop.resources import resource_path
from tests.domain.builders import establishments, grappe, og

QUESTIONNAIRE = load_questionnaire(resource_path("autodiagnostic.toml"))
DUI_QUESTION = QUESTIONNAIRE.routing.dui_question
FIT = QUESTIONNAIRE.routing.functional_domain


def _dossier(*responses: AutodiagResponse) -> Dossier:
    return Dossier(name="D", campaign_id="c", autodiagnostics=responses)


def _response(scope: str, **answers: int) -> AutodiagResponse:
    return AutodiagResponse(scope, MappingProxyType(dict(answers)))


def _fit_answers(values: list[int]) -> dict[str, int]:
    """Answers to the functional-fit domain, in order (its first question is the DUI one)."""
    questions = QUESTIONNAIRE.domain(FIT).questions
    return {q.id: v for q, v in zip(questions, values, strict=False)}


# --- answers per scope ----------------------------------------------------------------------


def test_scope_answers_of_a_dossier_without_answers_are_empty() -> None:
    answers = scope_answers(_dossier())
    assert dict(answers) == {}
    with pytest.raises(TypeError):
        answers["x"] = 1  # type: ignore[index]


def test_scope_answers_reads_the_grappe_scope_by_default() -> None:
    dossier = _dossier(_response("og:1", a=1), _response(GRAPPE_SCOPE, b=2))
    assert GRAPPE_SCOPE == "grappe"
    assert dict(scope_answers(dossier)) == {"b": 2}
    assert dict(scope_answers(dossier, "og:1")) == {"a": 1}
    assert dict(scope_answers(dossier, "essms:1")) == {}


def test_with_scope_answers_appends_a_new_scope_after_the_others() -> None:
    dossier = _dossier(_response("og:1", a=1))
    changed = with_scope_answers(dossier, {"b": 2})
    assert [r.scope for r in changed.autodiagnostics] == ["og:1", GRAPPE_SCOPE]
    assert dict(scope_answers(changed)) == {"b": 2}
    assert changed.autodiagnostics[0] is dossier.autodiagnostics[0]
    assert [r.scope for r in dossier.autodiagnostics] == ["og:1"]


def test_with_scope_answers_replaces_a_scope_in_place() -> None:
    dossier = _dossier(_response(GRAPPE_SCOPE, a=1), _response("og:1", a=3))
    changed = with_scope_answers(dossier, {"a": 2, "b": 0})
    assert [r.scope for r in changed.autodiagnostics] == [GRAPPE_SCOPE, "og:1"]
    assert dict(scope_answers(changed)) == {"a": 2, "b": 0}
    assert dict(scope_answers(changed, "og:1")) == {"a": 3}
    assert dict(scope_answers(dossier)) == {"a": 1}


def test_with_scope_answers_for_another_scope_leaves_the_grappe_alone() -> None:
    dossier = _dossier(_response(GRAPPE_SCOPE, a=1))
    changed = with_scope_answers(dossier, {"c": 4}, "essms:123")
    assert dict(scope_answers(changed)) == {"a": 1}
    assert dict(scope_answers(changed, "essms:123")) == {"c": 4}


def test_with_scope_answers_keeps_a_read_only_copy() -> None:
    answers = {"a": 1}
    changed = with_scope_answers(_dossier(), answers)
    answers["a"] = 4
    stored = scope_answers(changed)
    assert dict(stored) == {"a": 1}
    with pytest.raises(TypeError):
        stored["a"] = 2  # type: ignore[index]


# --- usable answers -------------------------------------------------------------------------


def test_usable_answers_keeps_every_valid_answer() -> None:
    answers = {q.id: q.values[-1] for q in QUESTIONNAIRE.questions}
    usable, ignored = usable_answers(QUESTIONNAIRE, answers)
    assert usable == answers
    assert ignored == 0
    assert usable_answers(QUESTIONNAIRE, {}) == ({}, 0)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("ancienne.question", 2),  # removed from the questionnaire
        ("gouv.1", 5),  # above the scale
        ("gouv.1", -1),
        ("gouv.1", True),  # a bool is not an answer, even if True == 1
        ("gouv.1", "2"),
        ("gouv.1", 2.0),
        (DUI_QUESTION, 3),  # the DUI question only offers 0, 2 and 4
    ],
)
def test_usable_answers_counts_what_cannot_be_scored(question: str, value: Any) -> None:
    answers = {"gouv.2": 3, question: value}
    usable, ignored = usable_answers(QUESTIONNAIRE, answers)
    assert usable == {"gouv.2": 3}
    assert ignored == 1
    score(QUESTIONNAIRE, usable)  # what is kept always scores


# --- suggestions for the ESSMS of the grappe ----------------------------------------------------


def _rows(*situations: DuiSituation, project: ProjectType = ProjectType.AUCUN) -> Grappe:
    ests = tuple(
        replace(e, current_dui=s)
        for e, s in zip(establishments(len(situations), project=project), situations, strict=True)
    )
    return grappe(og("OG", ests, porteur=True))


def test_the_answer_for_the_grappe_routes_rows_without_a_stated_situation() -> None:
    g = _rows(DuiSituation.INCONNUE, DuiSituation.INCONNUE)
    result = score(QUESTIONNAIRE, {DUI_QUESTION: 0})
    finesses = [e.finess for _og, e in g.rows()]
    assert suggested_projects(g, result) == dict.fromkeys(finesses, ProjectType.ACQUISITION)


def test_the_situation_stated_on_a_row_wins_over_the_answer() -> None:
    g = _rows(DuiSituation.REFERENCE, DuiSituation.AUCUN, DuiSituation.INCONNUE)
    result = score(QUESTIONNAIRE, {DUI_QUESTION: 4})
    f = [e.finess for _og, e in g.rows()]
    assert suggested_projects(g, result) == {
        f[0]: ProjectType.CONFORMITE,
        f[1]: ProjectType.ACQUISITION,
        f[2]: ProjectType.CONFORMITE,
    }


def test_rows_without_any_known_situation_or_finess_are_left_out() -> None:
    g = _rows(DuiSituation.INCONNUE, DuiSituation.AUCUN)
    unanswered = score(QUESTIONNAIRE, {})
    f = [e.finess for _og, e in g.rows()]
    assert suggested_projects(g, unanswered) == {f[1]: ProjectType.ACQUISITION}
    no_finess = grappe(og("OG", (replace(establishments(1)[0], finess=""),)))
    assert suggested_projects(no_finess, score(QUESTIONNAIRE, {DUI_QUESTION: 0})) == {}
    assert suggested_projects(Grappe(), unanswered) == {}


@pytest.mark.parametrize(
    ("fit", "expected"),
    [
        ([2, 0, 0, 0], ProjectType.ACQUISITION),  # 2 / 16 → 13, under the threshold
        ([2, 3, 3, 4], ProjectType.CONFORMITE),
        ([2], ProjectType.CONFORMITE),  # 2 / 4 → 50: at the threshold
    ],
)
def test_a_non_referenced_dui_follows_the_functional_fit_as_recommend_does(
    fit: list[int], expected: ProjectType
) -> None:
    g = _rows(DuiSituation.INCONNUE)
    result = score(QUESTIONNAIRE, _fit_answers(fit))
    assert result.dui_situation is DuiSituation.NON_REFERENCE
    (suggested,) = suggested_projects(g, result).values()
    assert suggested is expected
    (project,) = (
        r for r in recommend(result, small_og=True) if r.kind is RecommendationKind.PROJET
    )
    assert project.suggested_project is expected


def test_project_changes_keeps_only_what_would_change() -> None:
    g = grappe(
        og("OG 1", establishments(2, project=ProjectType.ACQUISITION), porteur=True),
        og("OG 2", establishments(1, start=10, project=ProjectType.AUCUN)),
    )
    f = [e.finess for _og, e in g.rows()]
    suggestions = {
        f[0]: ProjectType.ACQUISITION,  # already so
        f[1]: ProjectType.CONFORMITE,
        f[2]: ProjectType.ACQUISITION,
        "999999999": ProjectType.CONFORMITE,  # not in the grappe
    }
    assert project_changes(g, suggestions) == {
        f[1]: ProjectType.CONFORMITE,
        f[2]: ProjectType.ACQUISITION,
    }
    assert project_changes(g, {}) == {}
    assert project_changes(g, {f[0]: ProjectType.ACQUISITION}) == {}

"""Autodiagnostic: the shipped questionnaire, scoring, routing to the project, file checks."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esms_desktop.domain.autodiagnostic import (
    AnswerError,
    Questionnaire,
    QuestionnaireError,
    RecommendationKind,
    dui_situation_from_answers,
    load_questionnaire,
    parse_questionnaire,
    recommend,
    score,
    suggest_project,
    unknown_question_ids,
    validate_answers,
)
from esms_desktop.domain.grappe import DuiSituation, ProjectType
from esms_desktop.resources import resource_path

SHIPPED = resource_path("autodiagnostic.toml")
QUESTIONNAIRE = load_questionnaire(SHIPPED)
RAW: dict[str, Any] = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))


def _all(value: int, q: Questionnaire = QUESTIONNAIRE) -> dict[str, int]:
    """Every question answered ``value`` (the DUI question only accepts 0, 2 and 4)."""
    return {question.id: max(v for v in question.values if v <= value) for question in q.questions}


def _domain_answers(domain_id: str, values: list[int]) -> dict[str, int]:
    questions = QUESTIONNAIRE.domain(domain_id).questions
    return {q.id: v for q, v in zip(questions, values, strict=False)}


def _codes(recs: tuple[Any, ...]) -> list[str]:
    return [r.code for r in recs]


# --- the shipped file --------------------------------------------------------------------


def test_shipped_questionnaire_has_the_seven_domains_in_order() -> None:
    assert [d.id for d in QUESTIONNAIRE.domains] == [
        "gouv",
        "fonc",
        "infra",
        "interop",
        "secu",
        "ethique",
        "usages",
    ]
    assert [d.number for d in QUESTIONNAIRE.domains] == [1, 2, 3, 4, 5, 6, 7]
    assert "MaturiN-SMS (2024)" in QUESTIONNAIRE.source
    assert QUESTIONNAIRE.version


def test_shipped_domains_hold_five_to_eight_questions_with_unique_ids() -> None:
    ids = [q.id for q in QUESTIONNAIRE.questions]
    assert len(ids) == len(set(ids)) == QUESTIONNAIRE.question_count
    for domain in QUESTIONNAIRE.domains:
        assert 5 <= len(domain.questions) <= 8, domain.id
        assert domain.title and domain.advice
        for q in domain.questions:
            assert q.id.startswith(domain.id + "."), q.id
            assert q.text.strip().endswith("?"), q.id
            assert q.help.strip(), q.id


def test_shipped_scale_and_levels_are_complete_and_labelled() -> None:
    assert [s.value for s in QUESTIONNAIRE.scale] == [0, 1, 2, 3, 4]
    assert all(s.label and s.description for s in QUESTIONNAIRE.scale)
    assert [lv.level for lv in QUESTIONNAIRE.levels] == [1, 2, 3, 4, 5]
    assert all(lv.name and lv.description for lv in QUESTIONNAIRE.levels)
    for score_value in range(101):
        matching = [lv for lv in QUESTIONNAIRE.levels if lv.contains(score_value)]
        assert len(matching) == 1, score_value
    for q in QUESTIONNAIRE.questions:
        for value in q.values:
            assert q.label(value).strip(), (q.id, value)


def test_dui_question_maps_its_answers_to_situations() -> None:
    q = QUESTIONNAIRE.question(QUESTIONNAIRE.routing.dui_question)
    assert QUESTIONNAIRE.domain_of(q.id).id == "fonc"
    assert q.values == (0, 2, 4)
    assert dict(q.dui) == {
        0: DuiSituation.AUCUN,
        2: DuiSituation.NON_REFERENCE,
        4: DuiSituation.REFERENCE,
    }
    assert "non référencé" in q.label(2)
    assert [x for x in QUESTIONNAIRE.questions if x.is_dui_question] == [q]


def test_per_question_labels_override_the_default_scale() -> None:
    q = QUESTIONNAIRE.question("usages.2")
    assert q.label(4) == "Quasiment toutes"
    assert QUESTIONNAIRE.question("gouv.1").label(4) == QUESTIONNAIRE.scale[4].label


# --- scoring -----------------------------------------------------------------------------


def test_all_zero_scores_zero_level_one_everywhere() -> None:
    result = score(QUESTIONNAIRE, _all(0))
    assert result.score == 0
    assert result.level is not None and result.level.level == 1
    assert all(d.score == 0 and d.level is not None and d.level.level == 1 for d in result.domains)
    assert result.complete and result.progress_pct == 100
    assert result.dui_situation is DuiSituation.AUCUN


def test_all_four_scores_hundred_level_five_everywhere() -> None:
    result = score(QUESTIONNAIRE, _all(4))
    assert result.score == 100
    assert result.level is not None and result.level.level == 5
    assert all(d.score == 100 for d in result.domains)
    assert result.dui_situation is DuiSituation.REFERENCE


def test_no_answer_has_no_score_at_all() -> None:
    result = score(QUESTIONNAIRE, {})
    assert result.score is None and result.level is None
    assert all(d.score is None and d.level is None and d.answered == 0 for d in result.domains)
    assert (result.answered, result.total, result.progress_pct) == (0, 45, 0)
    assert result.dui_situation is None


def test_partial_domain_scores_answered_questions_only_rounding_half_up() -> None:
    # gouv: 3 + 2 answered out of 6 questions → 5 / 8 = 62.5 → 63 (half up, not banker's 62).
    result = score(QUESTIONNAIRE, _domain_answers("gouv", [3, 2]))
    gouv = result.domain("gouv")
    assert (gouv.answered, gouv.total, gouv.score) == (2, 6, 63)
    assert gouv.level is not None and gouv.level.level == 4
    assert not gouv.complete
    assert result.progress_pct == 4  # 2 / 45 = 4.44 %


def test_unanswered_domains_are_excluded_from_the_overall_score() -> None:
    answers = _domain_answers("gouv", [4, 4]) | _domain_answers("infra", [0, 1])
    result = score(QUESTIONNAIRE, answers)
    assert result.domain("gouv").score == 100
    assert result.domain("infra").score == 13  # 1 / 8 = 12.5 → 13
    assert result.domain("secu").score is None
    # Mean of the displayed domain scores: (100 + 13) / 2 = 56.5 → 57, not diluted by 0s.
    assert result.score == 57
    assert result.level is not None and result.level.level == 3


def test_overall_weighs_domains_equally_whatever_their_size() -> None:
    # fonc has 7 questions all at 4, ethique 5 at 0: per-question mean would be 58, ours is 50.
    answers = {q.id: 4 for q in QUESTIONNAIRE.domain("fonc").questions}
    answers |= {q.id: 0 for q in QUESTIONNAIRE.domain("ethique").questions}
    assert score(QUESTIONNAIRE, answers).score == 50


@pytest.mark.parametrize(
    ("value", "level"),
    [(0, 1), (19, 1), (20, 2), (39, 2), (40, 3), (59, 3), (60, 4), (79, 4), (80, 5), (100, 5)],
)
def test_band_edges(value: int, level: int) -> None:
    assert QUESTIONNAIRE.level_for(value).level == level


def test_band_edges_reached_through_answers() -> None:
    # 3 of 5 answers at 1, others at 0 on ethique (5 questions): 3/20 = 15 → level 1;
    # all 1 → 25 → level 2; all 3 → 75 → level 4; four 3s and one 4 → 80 → level 5.
    for values, expected_score, expected_level in [
        ([1, 1, 1, 0, 0], 15, 1),
        ([1, 1, 1, 1, 1], 25, 2),
        ([2, 2, 2, 2, 2], 50, 3),
        ([3, 3, 3, 3, 3], 75, 4),
        ([3, 3, 3, 3, 4], 80, 5),
    ]:
        d = score(QUESTIONNAIRE, _domain_answers("ethique", values)).domain("ethique")
        assert d.score == expected_score
        assert d.level is not None and d.level.level == expected_level


def test_level_outside_the_bands_is_an_error() -> None:
    with pytest.raises(ValueError, match="hors de l'échelle"):
        QUESTIONNAIRE.level_for(101)


@pytest.mark.parametrize("bad", [-1, 5, 7, True, "3", 2.0, None])
def test_answers_out_of_the_scale_are_rejected(bad: object) -> None:
    with pytest.raises(AnswerError, match=r"gouv\.1"):
        score(QUESTIONNAIRE, {"gouv.1": bad})  # type: ignore[dict-item]


@pytest.mark.parametrize("bad", [1, 3])
def test_dui_question_refuses_intermediate_levels(bad: int) -> None:
    with pytest.raises(AnswerError, match="réponses possibles : 0, 2, 4"):
        score(QUESTIONNAIRE, {"fonc.1": bad})


def test_unknown_question_ids_are_rejected_and_listed() -> None:
    answers = {"gouv.1": 2, "zzz.9": 1, "ancienne.1": 0}
    assert unknown_question_ids(QUESTIONNAIRE, answers) == ("ancienne.1", "zzz.9")
    with pytest.raises(AnswerError, match=r"inconnues.*« ancienne\.1 », « zzz\.9 »"):
        score(QUESTIONNAIRE, answers)
    with pytest.raises(AnswerError, match="Question inconnue"):
        QUESTIONNAIRE.question("zzz.9")
    validate_answers(QUESTIONNAIRE, {"gouv.1": 2})  # a valid set passes silently


def test_result_keeps_a_read_only_copy_of_the_answers() -> None:
    answers = {"gouv.1": 2}
    result = score(QUESTIONNAIRE, answers)
    answers["gouv.1"] = 4
    assert result.answers["gouv.1"] == 2
    with pytest.raises(TypeError):
        result.answers["gouv.1"] = 0  # type: ignore[index]


# --- routing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("situation", "functional", "expected"),
    [
        (DuiSituation.AUCUN, None, ProjectType.ACQUISITION),
        (DuiSituation.AUCUN, 100, ProjectType.ACQUISITION),
        (DuiSituation.REFERENCE, 0, ProjectType.CONFORMITE),
        (DuiSituation.REFERENCE, None, ProjectType.CONFORMITE),
        (DuiSituation.NON_REFERENCE, 49, ProjectType.ACQUISITION),
        (DuiSituation.NON_REFERENCE, 50, ProjectType.CONFORMITE),
        (DuiSituation.NON_REFERENCE, None, ProjectType.CONFORMITE),
    ],
)
def test_suggest_project(
    situation: DuiSituation, functional: int | None, expected: ProjectType
) -> None:
    assert suggest_project(situation, functional) is expected


def test_suggest_project_threshold_is_a_parameter() -> None:
    assert suggest_project(DuiSituation.NON_REFERENCE, 60, threshold=70) is ProjectType.ACQUISITION


def test_suggest_project_refuses_an_unknown_situation() -> None:
    with pytest.raises(ValueError, match="inconnue"):
        suggest_project(DuiSituation.INCONNUE, 80)


def _project(recs: tuple[Any, ...]) -> Any:
    projects = [r for r in recs if r.kind is RecommendationKind.PROJET]
    assert len(projects) == 1
    return projects[0]


def test_no_dui_routes_to_acquisition() -> None:
    rec = _project(recommend(score(QUESTIONNAIRE, {"fonc.1": 0}), small_og=False))
    assert rec.code == "projet.sans_dui"
    assert rec.suggested_project is ProjectType.ACQUISITION
    assert "acquisition" in rec.message


def test_referenced_dui_routes_to_conformite() -> None:
    rec = _project(recommend(score(QUESTIONNAIRE, {"fonc.1": 4}), small_og=False))
    assert rec.code == "projet.reference"
    assert rec.suggested_project is ProjectType.CONFORMITE


def test_non_referenced_dui_with_poor_fit_routes_to_acquisition() -> None:
    # fonc: 2 + 0 + 0 + 0 → 2 / 16 = 12.5 → 13, under 50.
    result = score(QUESTIONNAIRE, _domain_answers("fonc", [2, 0, 0, 0]))
    rec = _project(recommend(result, small_og=False))
    assert rec.code == "projet.non_reference_acquisition"
    assert rec.suggested_project is ProjectType.ACQUISITION
    assert "13/100" in rec.message and "seuil de 50" in rec.message


def test_non_referenced_dui_with_good_fit_routes_to_conformite() -> None:
    result = score(QUESTIONNAIRE, _domain_answers("fonc", [2, 3, 3, 4]))
    rec = _project(recommend(result, small_og=False))
    assert rec.code == "projet.non_reference_conformite"
    assert rec.suggested_project is ProjectType.CONFORMITE
    assert "référencer" in rec.message


def test_non_referenced_dui_without_fit_answers_defaults_to_conformite() -> None:
    recs = recommend(
        score(QUESTIONNAIRE, {}), small_og=False, current_dui=DuiSituation.NON_REFERENCE
    )
    rec = _project(recs)
    assert rec.code == "projet.non_reference_conformite"
    assert rec.suggested_project is ProjectType.CONFORMITE
    assert "confirmer" in rec.message


def test_stated_dui_situation_wins_over_the_answer() -> None:
    result = score(QUESTIONNAIRE, {"fonc.1": 0})
    rec = _project(recommend(result, small_og=False, current_dui=DuiSituation.REFERENCE))
    assert rec.suggested_project is ProjectType.CONFORMITE
    # INCONNUE means "not stated": the answer is used.
    rec = _project(recommend(result, small_og=False, current_dui=DuiSituation.INCONNUE))
    assert rec.suggested_project is ProjectType.ACQUISITION


def test_unknown_dui_situation_suggests_nothing() -> None:
    rec = _project(recommend(score(QUESTIONNAIRE, {"gouv.1": 2}), small_og=True))
    assert rec.code == "projet.dui_inconnu"
    assert rec.suggested_project is None


def test_dui_situation_from_answers() -> None:
    assert dui_situation_from_answers(QUESTIONNAIRE, {"fonc.1": 2}) is DuiSituation.NON_REFERENCE
    assert dui_situation_from_answers(QUESTIONNAIRE, {"gouv.1": 2}) is None
    with pytest.raises(AnswerError):
        dui_situation_from_answers(QUESTIONNAIRE, {"fonc.1": 3})


def _equipment(recs: tuple[Any, ...]) -> list[Any]:
    return [r for r in recs if r.kind is RecommendationKind.EQUIPEMENT]


def test_weak_equipment_in_a_small_og_suggests_the_equipment_line() -> None:
    # infra: 2 + 2 + 1 + 2 → 7 / 16 = 43.75 → 44, under 50.
    result = score(QUESTIONNAIRE, _domain_answers("infra", [2, 2, 1, 2]))
    (rec,) = _equipment(recommend(result, small_og=True))
    assert rec.code == "equipement.petit_og"
    assert rec.suggested_equipment is True
    assert rec.suggested_project is None


def test_equipment_at_the_threshold_suggests_nothing() -> None:
    result = score(QUESTIONNAIRE, _domain_answers("infra", [2, 2, 2, 2]))
    assert result.domain("infra").score == 50
    assert _equipment(recommend(result, small_og=True)) == []


def test_weak_equipment_outside_a_small_og_explains_the_line_is_not_open() -> None:
    result = score(QUESTIONNAIRE, _domain_answers("infra", [0, 0]))
    (rec,) = _equipment(recommend(result, small_og=False))
    assert rec.code == "equipement.hors_petit_og"
    assert rec.suggested_equipment is None
    assert "petits" in rec.message


def test_small_og_without_equipment_answers_is_asked_to_answer() -> None:
    (rec,) = _equipment(recommend(score(QUESTIONNAIRE, {}), small_og=True))
    assert rec.code == "equipement.a_evaluer"
    assert rec.suggested_equipment is None
    assert _equipment(recommend(score(QUESTIONNAIRE, {}), small_og=False)) == []


def test_priorities_are_the_weakest_assessed_domains_weakest_first() -> None:
    answers = (
        _domain_answers("gouv", [4, 4])  # 100: never a priority
        | _domain_answers("infra", [1, 1])  # 25
        | _domain_answers("secu", [0, 1])  # 13
        | _domain_answers("ethique", [2, 2])  # 50
        | _domain_answers("usages", [3, 3])  # 75
    )
    recs = recommend(score(QUESTIONNAIRE, answers), small_og=False)
    priorities = [r for r in recs if r.kind is RecommendationKind.PRIORITE]
    assert [r.domain_id for r in priorities] == ["secu", "infra", "ethique"]
    assert [r.code for r in priorities] == ["priorite.secu", "priorite.infra", "priorite.ethique"]
    assert priorities[0].message.startswith("Priorité 1 — Sécurité")
    assert "13/100" in priorities[0].message
    assert QUESTIONNAIRE.domain("secu").advice in priorities[0].message


def test_priorities_skip_domains_at_or_above_priority_below_and_break_ties_in_order() -> None:
    answers = _domain_answers("interop", [2, 2]) | _domain_answers("gouv", [2, 2])
    answers |= _domain_answers("usages", [4, 3, 3, 3, 3])  # 80: at the bound, not a priority
    recs = recommend(score(QUESTIONNAIRE, answers), small_og=False)
    assert [r.domain_id for r in recs if r.kind == "priorite"] == ["gouv", "interop"]


def test_recommendations_come_project_first_then_equipment_then_priorities() -> None:
    answers = {"fonc.1": 0} | _domain_answers("infra", [0, 0, 0])
    recs = recommend(score(QUESTIONNAIRE, answers), small_og=True)
    assert [r.kind for r in recs] == ["projet", "equipement", "priorite", "priorite"]
    assert _codes(recs)[:2] == ["projet.sans_dui", "equipement.petit_og"]


# --- malformed files ---------------------------------------------------------------------


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "questionnaire-test.toml"
    path.write_text(_to_toml(data), encoding="utf-8")
    return path


def _to_toml(data: dict[str, Any]) -> str:
    """A tiny TOML writer for our shapes (the stdlib only reads TOML).

    Plain values first, then tables, then arrays of tables: TOML attaches a key to the last
    table header above it, so the order matters.
    """
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if _inline(v)]
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"[{key}]")
            lines += [f"{k} = {_toml_value(v)}" for k, v in value.items()]
    for key, value in data.items():
        if _is_tables(value):
            for table in value:
                lines.append(f"[[{key}]]")
                lines += [f"{k} = {_toml_value(v)}" for k, v in table.items() if _inline(v)]
                for sub_key, subs in table.items():
                    if _is_tables(subs):
                        for sub in subs:
                            lines.append(f"[[{key}.{sub_key}]]")
                            lines += [f"{k} = {_toml_value(v)}" for k, v in sub.items()]
    return "\n".join(lines) + "\n"


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def _inline(value: Any) -> bool:
    return not isinstance(value, dict) and not _is_tables(value)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items()) + " }"
    raise TypeError(value)


def test_round_trip_through_the_test_writer_loads() -> None:
    assert parse_questionnaire(tomllib.loads(_to_toml(RAW))) == QUESTIONNAIRE


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    change(data)
    return data


def _q(data: dict[str, Any], domain: int, question: int) -> dict[str, Any]:
    return data["domains"][domain]["questions"][question]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: _q(d, 0, 1).update(id="gouv.1"), r"« id » — identifiant « gouv.1 » en double"),
        (lambda d: _q(d, 2, 0).update(id="gouv.1"), r"« id » — identifiant « gouv.1 » en double"),
        (lambda d: d["domains"][0].update(questions=[]), r"« gouv ».*« questions » — domaine vide"),
        (lambda d: d["domains"][3].pop("questions"), r"« interop ».*« questions » — domaine vide"),
        (lambda d: d["domains"][1].update(id="gouv"), r"domaine « gouv » en double"),
        (lambda d: d["domains"][0].update(id="Gouv"), r"« id » — identifiant en minuscules"),
        (lambda d: d["scale"].pop(2), r"\[\[scale\]\] n°3 : « value » — 2 attendu"),
        (lambda d: d["scale"][0].update(label=""), r"« label » — texte non vide"),
        (lambda d: d.update(scale=d["scale"][:1]), r"« scale » — au moins deux niveaux"),
        (lambda d: d["levels"][1].update(min=21), r"n°2 : « min » — 20 attendu"),
        (lambda d: d["levels"][4].update(max=99), r"« levels » — la dernière bande"),
        (lambda d: d["levels"][2].update(max=30), r"« max » — nombre entier de 40 à 100"),
        (lambda d: d["levels"][0].update(level=2), r"« level » — 1 attendu"),
        (lambda d: _q(d, 0, 0).update(text="  "), r"« gouv.1 » : « text » — texte non vide"),
        (lambda d: _q(d, 0, 0).pop("help"), r"« gouv.1 » : « help » — texte attendu"),
        (lambda d: _q(d, 0, 0).update(hlep="x"), r"« hlep » — clé inconnue"),
        (lambda d: _q(d, 0, 0).update(choices=[0, 5]), r"« choices » — liste croissante"),
        (lambda d: _q(d, 0, 0).update(choices=[3, 1]), r"« choices » — liste croissante"),
        (lambda d: _q(d, 0, 0).update(labels={"7": "x"}), r"\[labels\] : « 7 » — réponse non"),
        (lambda d: _q(d, 0, 0).update(labels={"a": "x"}), r"\[labels\] : « a » — valeur de"),
        (lambda d: _q(d, 0, 0).update(labels={"1": ""}), r"« labels » — texte non vide"),
        (lambda d: _q(d, 1, 0)["dui"].update({"2": "peut-etre"}), r"« dui » — aucun, non_ref"),
        (lambda d: _q(d, 1, 0)["dui"].update({"2": "inconnue"}), r"« dui » — aucun, non_ref"),
        (lambda d: _q(d, 1, 0)["dui"].pop("4"), r"« dui » — une situation du DUI attendue"),
        (
            lambda d: _q(d, 1, 1).update(dui={str(v): "aucun" for v in range(5)}),
            r"« fonc.2 » a une table « dui »",
        ),
        (lambda d: d["routing"].update(dui_question="x.1"), r"« dui_question » — question « x.1 »"),
        (lambda d: d["routing"].update(dui_question="gouv.1"), r"n'a pas de table « dui »"),
        (lambda d: d["routing"].update(equipment_domain="equip"), r"domaine « equip » absent"),
        (lambda d: d["routing"].update(equipment_threshold=120), r"« equipment_threshold » —"),
        (lambda d: d["routing"].update(priority_count=8), r"« priority_count » — nombre entier"),
        (lambda d: d["routing"].pop("functional_threshold"), r"« functional_threshold »"),
        (lambda d: d.pop("routing"), r"« routing » — table attendue"),
        (lambda d: d.update(domains=[]), r"« domains » — liste vide"),
        (lambda d: d.pop("version"), r"« version » — texte attendu"),
    ],
)
def test_malformed_file_names_file_and_key(tmp_path: Path, change: Any, expected: str) -> None:
    path = _write(tmp_path, _broken(change))
    with pytest.raises(QuestionnaireError, match=expected) as info:
        load_questionnaire(path)
    assert str(info.value).startswith("questionnaire-test.toml")


def test_invalid_toml_and_missing_file_give_french_errors(tmp_path: Path) -> None:
    path = tmp_path / "casse.toml"
    path.write_text("version = \n", encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"mal formé : casse\.toml"):
        load_questionnaire(path)
    with pytest.raises(QuestionnaireError, match="illisible"):
        load_questionnaire(tmp_path / "absent.toml")


# --- properties --------------------------------------------------------------------------


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, int]:
    answers: dict[str, int] = {}
    for q in QUESTIONNAIRE.questions:
        value = draw(st.none() | st.sampled_from(q.values))
        if value is not None:
            answers[q.id] = value
    return answers


@given(answers=answer_sets())
def test_scores_always_within_bounds(answers: dict[str, int]) -> None:
    result = score(QUESTIONNAIRE, answers)
    for d in result.domains:
        assert (d.score is None) == (d.answered == 0)
        if d.score is not None:
            assert 0 <= d.score <= 100
            assert d.level is not None and d.level.contains(d.score)
    assert (result.score is None) == (not answers)
    if result.score is not None:
        assert 0 <= result.score <= 100
        scores = [d.score for d in result.domains if d.score is not None]
        assert min(scores) <= result.score <= max(scores)
    assert 0 <= result.progress_pct <= 100
    recommend(result, small_og=True)  # never raises on valid answers


@given(answers=answer_sets(), data=st.data())
def test_raising_one_answer_never_lowers_a_score(answers: dict[str, int], data: Any) -> None:
    raisable = [qid for qid, v in answers.items() if v < max(QUESTIONNAIRE.question(qid).values)]
    if not raisable:
        return
    qid = data.draw(st.sampled_from(sorted(raisable)))
    higher = [v for v in QUESTIONNAIRE.question(qid).values if v > answers[qid]]
    better = answers | {qid: data.draw(st.sampled_from(higher))}
    before, after = score(QUESTIONNAIRE, answers), score(QUESTIONNAIRE, better)
    assert before.score is not None and after.score is not None
    assert after.score >= before.score
    domain_id = QUESTIONNAIRE.domain_of(qid).id
    before_domain = before.domain(domain_id).score
    after_domain = after.domain(domain_id).score
    assert before_domain is not None and after_domain is not None
    # Strictly: one step on a domain of at most 8 questions moves its mean by >= 3.125 points.
    assert after_domain > before_domain
    for b, a in zip(before.domains, after.domains, strict=True):
        if b.domain.id != domain_id:
            assert a.score == b.score

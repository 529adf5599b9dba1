"""The one summary of a dossier's autodiagnostic (``domain/autodiag_summary.py``).

The screen shows its ``grappe``, the PDF prints its ``scopes``: what is counted, what is left
out and said so, when there is no score and why, and the advice of each scope.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from esms_desktop.domain.autodiag_summary import Unscored, summarise
from esms_desktop.domain.autodiagnostic import (
    load_questionnaire,
    recommend,
    score,
    usable_answers,
)
from esms_desktop.domain.dossier import AutodiagResponse, Dossier
from esms_desktop.domain.grappe import DuiSituation, Grappe, only_small_ogs
from esms_desktop.resources import resource_path
from tests.domain.builders import establishments, og

QUESTIONNAIRE = load_questionnaire(resource_path("autodiagnostic.toml"))
GOUV = {q.id: 4 for q in QUESTIONNAIRE.domain("gouv").questions}


def _dossier(*responses: tuple[str, dict[str, object]], grappe: Grappe | None = None) -> Dossier:
    g = grappe or Grappe((og("OG A", establishments(2), porteur=True),))
    return Dossier(
        name="d",
        campaign_id="c",
        grappe=g,
        autodiagnostics=tuple(
            AutodiagResponse(scope, MappingProxyType(answers))  # type: ignore[arg-type]
            for scope, answers in responses
        ),
    )


def test_an_answer_the_question_does_not_offer_is_left_out_and_the_rest_is_scored() -> None:
    # fonc.1 offers 0, 2 and 4: a 3 (recorded by the command line, or an older questionnaire)
    # is named and not counted; the PDF used to refuse the whole grappe for it.
    summary = summarise(QUESTIONNAIRE, _dossier(("grappe", {**GOUV, "fonc.1": 3})))
    grappe = summary.grappe
    assert (grappe.score, grappe.unscored) == (100, None)
    assert grappe.invalid == (("fonc.1", 3),) and grappe.ignored == 1
    assert grappe.domains[0].score == 100 and grappe.domains[1].score is None
    assert "« fonc.1 » = 3" in " ".join(grappe.notes)
    assert summary.scopes == (grappe,)


def test_answers_to_removed_questions_are_noted_and_may_leave_nothing_to_score() -> None:
    summary = summarise(QUESTIONNAIRE, _dossier(("grappe", {"ancienne.question": 2})))
    grappe = summary.grappe
    assert grappe.unknown == ("ancienne.question",)
    assert (grappe.score, grappe.level, grappe.unscored) == (None, None, Unscored.NOTHING_COUNTED)
    assert "questions absentes du questionnaire (version 2025.1)" in grappe.notes[0]


def test_an_unanswered_grappe_is_shown_but_not_printed() -> None:
    summary = summarise(QUESTIONNAIRE, _dossier(("grappe", {})))
    assert summary.grappe.unscored is Unscored.NO_ANSWER
    assert summary.grappe.result.answered == 0 and summary.grappe.notes == ()
    assert summary.scopes == ()
    assert summarise(QUESTIONNAIRE, _dossier()).grappe.unscored is Unscored.NO_ANSWER


def test_the_grappe_is_the_scope_the_screen_answers_and_every_scope_is_printed_in_order() -> None:
    g = Grappe(
        (
            og("OG A", establishments(2), porteur=True),
            og(
                "OG B",
                (replace(establishments(1, start=5)[0], current_dui=DuiSituation.REFERENCE),),
            ),
        )
    )
    essms = g.organisations[1].establishments[0].finess
    summary = summarise(
        QUESTIONNAIRE,
        _dossier(
            ("og:OG A", {"gouv.1": 0}),
            ("grappe", GOUV),
            (f"essms:{essms}", {"gouv.1": 2}),
            ("grappe", {"gouv.1": 1}),  # a duplicate: the screen reads the first
            grappe=g,
        ),
    )
    assert [s.scope for s in summary.scopes] == ["og:OG A", "grappe", f"essms:{essms}", "grappe"]
    assert summary.scopes[1] is summary.grappe and summary.grappe.score == 100
    assert [s.title for s in summary.scopes[:3]] == [
        "organisme gestionnaire OG A",
        "ensemble de la grappe",
        f"ESSMS ESSMS 59-6 ({essms})",
    ]
    # The ESSMS's stated DUI routes its project, the grappe's answers do not know it.
    assert summary.scopes[2].recommendations[0].code == "projet.reference"
    assert summary.grappe.recommendations[0].code == "projet.dui_inconnu"


@settings(max_examples=200, deadline=None)
@given(
    answers=st.dictionaries(
        st.sampled_from([*(q.id for q in QUESTIONNAIRE.questions), "zzz.1", "ancienne"]),
        st.one_of(st.integers(-1, 6), st.booleans(), st.text(max_size=2)),
        max_size=12,
    )
)
def test_any_recorded_answers_are_summarised_never_refused(answers: dict[str, object]) -> None:
    dossier = _dossier(("grappe", answers))
    grappe = summarise(QUESTIONNAIRE, dossier).grappe
    usable, ignored = usable_answers(QUESTIONNAIRE, answers)  # type: ignore[arg-type]
    expected = score(QUESTIONNAIRE, usable)
    assert grappe.result == expected and grappe.ignored == ignored
    assert grappe.recommendations == recommend(expected, small_og=only_small_ogs(dossier.grappe))
    assert (grappe.score is None) == (grappe.unscored is not None)
    assert len(grappe.notes) == bool(grappe.unknown) + bool(grappe.invalid)

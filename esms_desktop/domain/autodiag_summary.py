"""What the dossier's autodiagnostic says, once, for the screen and the paper alike.

The screen and the PDF used to score the answers through different code: the screen left out the
answers the questionnaire cannot count and scored the rest, the PDF refused the whole response
when one answer was not among the question's choices (a level recorded by the command line, or
by an older questionnaire) and printed « ne peut être noté » where the screen showed a score.
:func:`summarise` is now the only reading: both call it, both show what it returns.

The rule: an answer is counted when the questionnaire has the question and offers that answer
(:func:`~esms_desktop.domain.autodiagnostic.usable_answers`); the others stay in the dossier,
are named in a note and are not counted. A scope is scored from what is counted
(:func:`~esms_desktop.domain.autodiagnostic.score`) and routed with its OG's size and its ESSMS's
stated DUI (:func:`~esms_desktop.domain.autodiagnostic.recommend`). It cannot be scored only when
nothing is counted, and then it says why.

Levels typed from MaturiN-SMS count the same way (a known dimension, a level 1–5); they stand in
for the domains without answers, each figure carrying its source, and the scope lists every
dimension with its typed level (:attr:`ScopeSummary.typed_rows`), the one without a domain of
ours included.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from esms_desktop.domain.autodiag_routing import GRAPPE_SCOPE, scope_answers, scope_typed
from esms_desktop.domain.autodiagnostic import (
    AutodiagResult,
    DomainScore,
    FigureSource,
    MaturityLevel,
    Questionnaire,
    Recommendation,
    recommend,
    score,
    unknown_question_ids,
    usable_answers,
)
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.grappe import DuiSituation, only_small_ogs
from esms_desktop.domain.maturin import (
    NO_TYPED_LEVELS,
    MaturinDimension,
    TypedLevels,
    ignored_levels,
    usable_levels,
)


class Unscored(StrEnum):
    """Why a scope has no overall score."""

    NO_ANSWER = "aucune_reponse"
    """Nothing answered nor typed yet."""
    NOTHING_COUNTED = "aucune_reponse_comptee"
    """Answers are recorded, but none fits this questionnaire (removed questions, other choices)."""

    @property
    def label(self) -> str:
        return {
            "aucune_reponse": "aucune réponse",
            "aucune_reponse_comptee": "aucune réponse ne correspond au questionnaire",
        }[self.value]


@dataclass(frozen=True, slots=True)
class ScopeSummary:
    """One scope's autodiagnostic: scores, levels, recommendations and what was left out.

    ``title`` is the French heading the PDF prints (« ensemble de la grappe », an OG, an ESSMS).
    ``unknown`` lists the answers to questions the questionnaire does not have, ``invalid`` the
    answers a question does not offer (``(question id, value)``): both are kept in the dossier
    and not counted.
    """

    scope: str
    title: str
    result: AutodiagResult
    recommendations: tuple[Recommendation, ...]
    unknown: tuple[str, ...] = ()
    invalid: tuple[tuple[str, object], ...] = ()
    typed_invalid: tuple[tuple[str, object], ...] = ()
    """Typed MaturiN-SMS entries kept but not counted (unknown dimension, level outside 1–5)."""

    @property
    def typed(self) -> TypedLevels:
        return self.result.typed

    @property
    def typed_rows(self) -> tuple[tuple[MaturinDimension, int | None], ...]:
        """Every MaturiN-SMS dimension with the level typed for it (``None``: not typed)."""
        framework = self.result.questionnaire.maturin
        if framework is None:
            return ()
        levels = usable_levels(framework, self.result.typed)
        return tuple((d, levels.get(d.id)) for d in framework.dimensions)

    @property
    def has_typed(self) -> bool:
        """At least one MaturiN-SMS level counts for this scope."""
        return any(level is not None for _d, level in self.typed_rows)

    @property
    def source_label(self) -> str:
        """Which source the figures come from, in French: « questionnaire », « MaturiN-SMS,
        saisi », or both joined, or « aucune » while nothing is scored."""
        sources = self.result.sources
        ordered = [s.label for s in FigureSource if s in sources]
        return " et ".join(ordered) if ordered else "aucune"

    @property
    def score(self) -> int | None:
        return self.result.score

    @property
    def level(self) -> MaturityLevel | None:
        return self.result.level

    @property
    def domains(self) -> tuple[DomainScore, ...]:
        return self.result.domains

    @property
    def ignored(self) -> int:
        """How many recorded answers (and typed levels) are not counted."""
        return len(self.unknown) + len(self.invalid) + len(self.typed_invalid)

    @property
    def unscored(self) -> Unscored | None:
        """Why there is no overall score, ``None`` when there is one."""
        if self.result.score is not None:
            return None
        return Unscored.NOTHING_COUNTED if self.ignored else Unscored.NO_ANSWER

    @property
    def notes(self) -> tuple[str, ...]:
        """French sentences saying which recorded answers are not counted, and why."""
        version = self.result.questionnaire.version
        out = []
        if self.unknown:
            out.append(
                f"{len(self.unknown)} réponse(s) à des questions absentes du questionnaire "
                f"(version {version}) ne sont pas comptées."
            )
        if self.invalid:
            listed = ", ".join(f"« {qid} » = {value!r}" for qid, value in self.invalid)
            out.append(
                f"{len(self.invalid)} réponse(s) hors des choix proposés par le questionnaire "
                f"(version {version}) ne sont pas comptées : {listed}."
            )
        if self.typed_invalid:
            listed = ", ".join(f"« {k} » = {v!r}" for k, v in self.typed_invalid)
            out.append(
                f"{len(self.typed_invalid)} niveau(x) MaturiN-SMS saisi(s) hors des dimensions "
                f"ou des niveaux 1 à 5 ne sont pas comptés : {listed}."
            )
        return tuple(out)


@dataclass(frozen=True, slots=True)
class AutodiagSummary:
    """The whole dossier's autodiagnostic.

    ``grappe`` is the scope the screen answers and shows, answered or not; ``scopes`` are the
    scopes with answers, in the dossier's order, as the PDF prints them (``grappe`` among them
    once it has answers).
    """

    questionnaire: Questionnaire
    grappe: ScopeSummary
    scopes: tuple[ScopeSummary, ...]


def summarise(questionnaire: Questionnaire, dossier: Dossier) -> AutodiagSummary:
    """Score and route every recorded scope of ``dossier``, and the grappe's even if empty."""
    all_small = only_small_ogs(dossier.grappe)
    grappe = _summarise_scope(
        questionnaire,
        GRAPPE_SCOPE,
        scope_answers(dossier),
        _GRAPPE_TITLE,
        all_small,
        None,
        scope_typed(dossier),
    )
    scopes = []
    seen_grappe = False
    for response in dossier.autodiagnostics:
        # The first ``grappe`` response is the one the screen reads (``scope_answers``).
        is_grappe = response.scope == GRAPPE_SCOPE and not seen_grappe
        seen_grappe = seen_grappe or response.scope == GRAPPE_SCOPE
        if not response.answers and not response.maturin.levels:
            continue
        if is_grappe:
            scopes.append(grappe)
            continue
        title, small, current = _scope_context(response.scope, dossier, all_small)
        scopes.append(
            _summarise_scope(
                questionnaire,
                response.scope,
                response.answers,
                title,
                small,
                current,
                response.maturin,
            )
        )
    return AutodiagSummary(questionnaire, grappe, tuple(scopes))


_GRAPPE_TITLE = "ensemble de la grappe"


def _summarise_scope(
    questionnaire: Questionnaire,
    scope: str,
    answers: Mapping[str, int],
    title: str,
    small_og: bool,
    current_dui: DuiSituation | None,
    typed: TypedLevels = NO_TYPED_LEVELS,
) -> ScopeSummary:
    usable, _ = usable_answers(questionnaire, answers)
    unknown = unknown_question_ids(questionnaire, answers)
    invalid = tuple(
        (qid, value)
        for qid, value in answers.items()
        if qid not in usable and questionnaire.has_question(qid)
    )
    result = score(questionnaire, usable, typed)
    recs = recommend(result, small_og=small_og, current_dui=current_dui)
    typed_invalid = ignored_levels(questionnaire.maturin, typed)
    return ScopeSummary(scope, title, result, recs, unknown, invalid, typed_invalid)


def _scope_context(
    scope: str, dossier: Dossier, all_small: bool
) -> tuple[str, bool, DuiSituation | None]:
    """Printed title, small-OG flag and stated DUI of a scope: ``grappe``, an OG's name or an
    ESSMS's FINESS (optionally prefixed ``og:`` / ``essms:``)."""
    key = scope.strip()
    bare = key.split(":", 1)[1].strip() if ":" in key else key
    if key.casefold() in ("", GRAPPE_SCOPE):
        return _GRAPPE_TITLE, all_small, None
    for og in dossier.grappe.organisations:
        if og.name == bare:
            return f"organisme gestionnaire {og.name}", og.is_small, None
    for og, est in dossier.grappe.rows():
        if est.finess == bare.upper():
            return f"ESSMS {est.name} ({est.finess})", og.is_small, est.current_dui
    return key, all_small, None

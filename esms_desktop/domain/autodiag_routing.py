"""How the autodiagnostic meets the dossier: answers per scope, and its advice on the grappe.

The questionnaire, its scoring and its recommendations are in :mod:`autodiagnostic`; here are the
pure functions the GUI uses to read and record a scope's answers in a dossier and to turn the
results into project types for the ESSMS rows of the grappe (applied with
:func:`esms_desktop.domain.edits.apply_projects`, in one undoable step, never silently).

Levels typed from MaturiN-SMS (:mod:`esms_desktop.domain.maturin`) route through the same
figures: wherever the routing reads a domain score (functional fit for a non-referenced DUI,
equipment for a small OG, the weakest domains as priorities), a typed level of the dimension
mapped to that domain stands in for it while the questionnaire's domain has no answer
(:func:`~esms_desktop.domain.autodiagnostic.score` builds that figure, marked with its source).
The DUI situation is never guessed from a level: it comes from the DUI question or the ESSMS rows.
The dimension our questionnaire lacks (« Qualité de service ») is shown and printed, and routes
nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from esms_desktop.domain.autodiagnostic import AutodiagResult, suggest_project
from esms_desktop.domain.dossier import AutodiagResponse, Dossier
from esms_desktop.domain.grappe import DuiSituation, Grappe, ProjectType
from esms_desktop.domain.maturin import NO_TYPED_LEVELS, TypedLevels

GRAPPE_SCOPE = "grappe"
"""The scope of the answers given for the grappe as a whole (others name an OG or an ESSMS)."""


def scope_answers(dossier: Dossier, scope: str = GRAPPE_SCOPE) -> Mapping[str, int]:
    """The answers recorded for ``scope``, empty when there are none yet."""
    for response in dossier.autodiagnostics:
        if response.scope == scope:
            return response.answers
    return MappingProxyType({})


def scope_typed(dossier: Dossier, scope: str = GRAPPE_SCOPE) -> TypedLevels:
    """The MaturiN-SMS levels typed for ``scope``, empty when there are none."""
    for response in dossier.autodiagnostics:
        if response.scope == scope:
            return response.maturin
    return NO_TYPED_LEVELS


def with_scope_answers(
    dossier: Dossier, answers: Mapping[str, int], scope: str = GRAPPE_SCOPE
) -> Dossier:
    """``dossier`` with ``scope``'s answers replaced (in place in the order of scopes); the
    levels typed for it are kept."""
    return _with_scope(dossier, scope, answers=MappingProxyType(dict(answers)))


def with_scope_typed(dossier: Dossier, typed: TypedLevels, scope: str = GRAPPE_SCOPE) -> Dossier:
    """``dossier`` with ``scope``'s typed MaturiN-SMS levels replaced; its answers are kept."""
    return _with_scope(dossier, scope, maturin=typed)


def _with_scope(
    dossier: Dossier,
    scope: str,
    answers: Mapping[str, int] | None = None,
    maturin: TypedLevels | None = None,
) -> Dossier:
    """The first response of ``scope`` (the one the screen reads) with what is given replaced,
    or a new response added at the end."""
    responses = list(dossier.autodiagnostics)
    index = next((i for i, r in enumerate(responses) if r.scope == scope), None)
    current = AutodiagResponse(scope=scope) if index is None else responses[index]
    changed = AutodiagResponse(
        scope,
        current.answers if answers is None else answers,
        current.maturin if maturin is None else maturin,
    )
    if index is None:
        responses.append(changed)
    else:
        responses[index] = changed
    return replace(dossier, autodiagnostics=tuple(responses))


def suggested_projects(grappe: Grappe, result: AutodiagResult) -> dict[str, ProjectType]:
    """Project type per FINESS that the results suggest, for every ESSMS that can be routed.

    The situation stated on an ESSMS row wins over the questionnaire's answer for the grappe
    (as :func:`~esms_desktop.domain.autodiagnostic.recommend` does); rows without FINESS or
    without any known situation are left out, because ``suggest_project`` never guesses.
    """
    routing = result.questionnaire.routing
    fit = result.domain(routing.functional_domain).score
    out: dict[str, ProjectType] = {}
    for _og, est in grappe.rows():
        if not est.finess:
            continue
        situation = est.current_dui
        if situation is DuiSituation.INCONNUE:
            situation = result.dui_situation or DuiSituation.INCONNUE
        if situation is DuiSituation.INCONNUE:
            continue
        out[est.finess] = suggest_project(situation, fit, threshold=routing.functional_threshold)
    return out


def project_changes(
    grappe: Grappe, suggestions: Mapping[str, ProjectType]
) -> dict[str, ProjectType]:
    """The suggestions that would change something (the ESSMS has another project type)."""
    return {
        est.finess: suggestions[est.finess]
        for _og, est in grappe.rows()
        if est.finess in suggestions and est.project is not suggestions[est.finess]
    }

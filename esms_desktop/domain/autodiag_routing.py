"""How the autodiagnostic meets the dossier: answers per scope, and its advice on the grappe.

The questionnaire, its scoring and its recommendations are in :mod:`autodiagnostic`; here are the
pure functions the GUI uses to read and record a scope's answers in a dossier and to turn the
results into project types for the ESSMS rows of the grappe (applied with
:func:`esms_desktop.domain.edits.apply_projects`, in one undoable step, never silently).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from esms_desktop.domain.autodiagnostic import AutodiagResult, suggest_project
from esms_desktop.domain.dossier import AutodiagResponse, Dossier
from esms_desktop.domain.grappe import DuiSituation, Grappe, ProjectType

GRAPPE_SCOPE = "grappe"
"""The scope of the answers given for the grappe as a whole (others name an OG or an ESSMS)."""


def scope_answers(dossier: Dossier, scope: str = GRAPPE_SCOPE) -> Mapping[str, int]:
    """The answers recorded for ``scope``, empty when there are none yet."""
    for response in dossier.autodiagnostics:
        if response.scope == scope:
            return response.answers
    return MappingProxyType({})


def with_scope_answers(
    dossier: Dossier, answers: Mapping[str, int], scope: str = GRAPPE_SCOPE
) -> Dossier:
    """``dossier`` with ``scope``'s answers replaced (in place in the order of scopes)."""
    response = AutodiagResponse(scope=scope, answers=MappingProxyType(dict(answers)))
    if any(r.scope == scope for r in dossier.autodiagnostics):
        responses = tuple(response if r.scope == scope else r for r in dossier.autodiagnostics)
    else:
        responses = (*dossier.autodiagnostics, response)
    return replace(dossier, autodiagnostics=responses)


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

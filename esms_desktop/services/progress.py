"""Where each step of a dossier stands (complete / to do / problem), with what is missing.

Computed from the dossier and its budget, so the side bar and the summary never disagree with
the engine; widgets only display it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from esms_desktop.domain.autodiag_routing import GRAPPE_SCOPE
from esms_desktop.domain.budget import Budget
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.grappe import has_acquisition
from esms_desktop.domain.identifiers import check_finess, siren_problem, siret_problem


class Step(StrEnum):
    PORTEUR = "porteur"
    AUTODIAG = "autodiagnostic"
    GRAPPE = "grappe"
    SOLUTION = "solution"
    BUDGET = "budget"
    ENGAGEMENTS = "engagements"
    EXPORT = "export"


class StepState(StrEnum):
    COMPLETE = "complete"
    TODO = "a_faire"
    PROBLEM = "probleme"


@dataclass(frozen=True, slots=True)
class StepStatus:
    step: Step
    state: StepState
    issues: tuple[str, ...] = ()


def _status(step: Step, problems: list[str], todo: list[str]) -> StepStatus:
    if problems:
        return StepStatus(step, StepState.PROBLEM, tuple(problems + todo))
    if todo:
        return StepStatus(step, StepState.TODO, tuple(todo))
    return StepStatus(step, StepState.COMPLETE)


def step_statuses(dossier: Dossier, budget: Budget, question_count: int = 0) -> list[StepStatus]:
    """Every step in order; ``question_count`` is the autodiagnostic's number of questions."""
    p = dossier.porteur
    problems: list[str] = []
    todo: list[str] = []
    for label, value in (
        ("nom du porteur", p.name),
        ("statut juridique", p.legal_status),
        ("représentant légal", p.legal_representative),
        ("chef de projet", p.project_lead),
        ("courriel", p.contact_email),
    ):
        if not value.strip():
            todo.append(f"Renseigner : {label}")
    if p.siren and siren_problem(p.siren):
        problems.append(f"SIREN du porteur : {siren_problem(p.siren)}")
    if p.siret and siret_problem(p.siret):
        problems.append(f"SIRET du porteur : {siret_problem(p.siret)}")
    if p.finess_ej and not check_finess(p.finess_ej).ok:
        problems.append(f"FINESS juridique du porteur : {check_finess(p.finess_ej).problem}")
    statuses = [_status(Step.PORTEUR, problems, todo)]

    answered = sum(len(r.answers) for r in dossier.autodiagnostics if r.scope == GRAPPE_SCOPE)
    todo = []
    if question_count and answered < question_count:
        todo.append(f"Autodiagnostic : {answered} réponse(s) sur {question_count}")
    statuses.append(_status(Step.AUTODIAG, [], todo))

    grappe_problems = [f.message for f in budget.findings if f.severity is Severity.BLOQUANT]
    grappe_todo = [
        f.message for f in budget.findings if f.severity is Severity.AVERTISSEMENT and f.finess
    ]
    if not dossier.grappe.establishment_count:
        grappe_todo.insert(0, "Ajouter les ESSMS de la grappe")
    statuses.append(_status(Step.GRAPPE, grappe_problems, grappe_todo))

    s = dossier.grappe.solution
    todo = []
    if not (s.editor.strip() and s.product.strip()):
        todo.append("Renseigner l'éditeur et le produit de la solution DUI")
    if s.segur_referenced is None:
        todo.append("Indiquer le référencement Ségur de la solution")
    if has_acquisition(dossier.grappe) and not s.justification.strip():
        todo.append("Justifier le choix de la solution (obligatoire pour les acquisitions)")
    statuses.append(_status(Step.SOLUTION, [], todo))

    todo = [] if budget.complete else ["Renseigner les montants « à confirmer »"]
    if not budget.funded_count:
        todo.insert(0, "Aucun ESSMS financé : ajoutez des ESSMS avec un projet DUI")
    statuses.append(_status(Step.BUDGET, [], todo))

    todo = [f"Attestation à cocher : {a.label}" for a in dossier.attestations if not a.accepted]
    if any(t.threshold_pct is None for t in dossier.usage_targets):
        todo.append("Renseigner les seuils des cibles d'usage")
    statuses.append(_status(Step.ENGAGEMENTS, [], todo))

    todo = [
        f"Pièce à joindre : {a.label}" for a in dossier.annexes if a.required and not a.provided
    ]
    statuses.append(_status(Step.EXPORT, [], todo))
    return statuses

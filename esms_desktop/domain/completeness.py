"""What the ARS still needs to receive, step by step, kept apart from eligibility.

Eligibility answers « does the campaign accept this grappe? »; completeness answers « is every
piece the ARS asks for present? ». They are two verdicts: a dossier can be eligible and still
incomplete, and no screen or report may let « éligible » stand for « prêt ». The step statuses of
the side bar are derived from the same list of missing items, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from esms_desktop.domain.autodiag_routing import GRAPPE_SCOPE, scope_typed
from esms_desktop.domain.budget import Budget
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.grappe import has_acquisition
from esms_desktop.domain.identifiers import (
    check_finess,
    siren_problem,
    siret_problem,
    siret_siren_mismatch,
)
from esms_desktop.domain.maturin import MATURIN_DIMENSION_COUNT, is_level, typed_complete
from esms_desktop.domain.requirements import applicable_attestations, needed_annexes


class Step(StrEnum):
    PORTEUR = "porteur"
    AUTODIAG = "autodiagnostic"
    GRAPPE = "grappe"
    SOLUTION = "solution"
    BUDGET = "budget"
    ENGAGEMENTS = "engagements"
    EXPORT = "export"
    SUIVI = "suivi"
    """After the candidature: phase, convention, payments, usage (issue 20). Nothing in it is
    asked by the ARS at filing, so :func:`missing_items` lists nothing for it and it never
    counts in the candidature's completeness; its side-bar entry shows the phase instead."""


STEP_TITLES: dict[Step, str] = {
    Step.PORTEUR: "Porteur et projet",
    Step.AUTODIAG: "Autodiagnostic",
    Step.GRAPPE: "Grappe",
    Step.SOLUTION: "Solution DUI",
    Step.BUDGET: "Budget",
    Step.ENGAGEMENTS: "Engagements",
    Step.EXPORT: "Pièces et export",
    Step.SUIVI: "Suivi du projet",
}


class StepState(StrEnum):
    COMPLETE = "complete"
    TODO = "a_faire"
    PROBLEM = "probleme"


@dataclass(frozen=True, slots=True)
class StepStatus:
    step: Step
    state: StepState
    issues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MissingItem:
    """One thing the ARS needs and does not have yet.

    ``field`` is a stable key (``porteur.siren``, ``annexe.rib``, ``og[2].siren``…) that a view
    can use to focus the widget; ``problem`` marks a value present but wrong (an invalid SIREN, a
    blocking finding) rather than simply absent.
    """

    step: Step
    field: str
    message: str
    problem: bool = False


_PORTEUR_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "nom du porteur"),
    ("legal_status", "statut juridique"),
    ("siren", "SIREN du porteur"),
    ("legal_representative", "représentant légal"),
    ("project_lead", "chef de projet"),
    ("contact_email", "courriel"),
)


def _item(step: Step, key: str, what: str, problem: bool = False) -> MissingItem:
    return MissingItem(step, key, f"{STEP_TITLES[step]} — {what}", problem)


def _porteur_items(dossier: Dossier) -> list[MissingItem]:
    p = dossier.porteur
    out: list[MissingItem] = []
    step = Step.PORTEUR
    for key, label in _PORTEUR_FIELDS:
        if not str(getattr(p, key)).strip():
            out.append(_item(step, f"porteur.{key}", f"{label} : à renseigner"))
    if p.siren.strip() and siren_problem(p.siren):
        out.append(
            _item(step, "porteur.siren", f"SIREN du porteur : {siren_problem(p.siren)}", True)
        )
    if p.siret.strip() and siret_problem(p.siret):
        out.append(
            _item(step, "porteur.siret", f"SIRET du porteur : {siret_problem(p.siret)}", True)
        )
    if mismatch := siret_siren_mismatch(p.siren, p.siret):
        out.append(_item(step, "porteur.siret", f"SIRET du porteur : {mismatch}", True))
    if p.finess_ej.strip() and not check_finess(p.finess_ej).ok:
        problem = check_finess(p.finess_ej).problem
        out.append(
            _item(step, "porteur.finess_ej", f"FINESS juridique du porteur : {problem}", True)
        )
    if dossier.convention_date is None:
        out.append(
            _item(step, "convention_date", "date de signature de la convention : à renseigner")
        )
    return out


ROW_DATA_PROBLEMS = frozenset({"finess_absent", "finess_invalide", "finess_en_double"})
"""Rows left out because their data is wrong: to fix before sending. A USLD, a sanitary or an
already funded service is left out by the rules, which is not something missing (the finding
still says so on the grappe step and in the PDF)."""


def _grappe_items(dossier: Dossier, budget: Budget) -> list[MissingItem]:
    step = Step.GRAPPE
    out: list[MissingItem] = []
    if not budget.counted_establishments:
        out.append(_item(step, "grappe.essms", "aucun ESSMS compté : ajoutez les ESSMS du projet"))
    for index, og in enumerate(dossier.grappe.organisations):
        who = og.name.strip() or f"OG n° {index + 1}"
        if not og.name.strip():
            out.append(
                _item(step, f"og[{index}].name", f"nom de l'OG n° {index + 1} : à renseigner")
            )
        if not og.siren.strip():
            out.append(_item(step, f"og[{index}].siren", f"SIREN de {who} : à renseigner"))
        elif siren_problem(og.siren):
            out.append(
                _item(
                    step, f"og[{index}].siren", f"SIREN de {who} : {siren_problem(og.siren)}", True
                )
            )
    for f in budget.findings:
        if f.code == "aucun_essms_compte":
            continue  # already said above, in the wording of a to-do
        if f.severity is Severity.BLOQUANT:
            out.append(_item(step, f"finding.{f.code}", f.message, True))
        elif f.severity is Severity.AVERTISSEMENT and f.code in ROW_DATA_PROBLEMS:
            out.append(_item(step, f"essms.{f.finess}", f.message))
    return out


def _solution_items(dossier: Dossier) -> list[MissingItem]:
    step = Step.SOLUTION
    s = dossier.grappe.solution
    out: list[MissingItem] = []
    if not s.editor.strip():
        out.append(_item(step, "solution.editor", "éditeur de la solution : à renseigner"))
    if not s.product.strip():
        out.append(_item(step, "solution.product", "produit de la solution : à renseigner"))
    if s.segur_referenced is None:
        out.append(_item(step, "solution.segur", "référencement Ségur de la solution : à indiquer"))
    if has_acquisition(dossier.grappe) and not s.justification.strip():
        out.append(
            _item(
                step,
                "solution.justification",
                "justification du choix de la solution : obligatoire pour les acquisitions",
            )
        )
    return out


def missing_items(
    dossier: Dossier, budget: Budget, question_count: int = 0
) -> tuple[MissingItem, ...]:
    """Everything the ARS needs and does not have, in step order.

    ``question_count`` is the autodiagnostic's number of questions (0 when unknown: the
    self-assessment is then judged on having at least one answer). The self-assessment is also
    done when every MaturiN-SMS dimension has a typed level for the grappe: a director who
    answered MaturiN-SMS is not asked to answer twice. Only the attestations that
    apply to this grappe and this call count (:mod:`~esms_desktop.domain.requirements`). An
    optional annex this grappe needs (hours split, procurement evidence) counts as a required one.
    """
    out = _porteur_items(dossier)
    answered = sum(len(r.answers) for r in dossier.autodiagnostics if r.scope == GRAPPE_SCOPE)
    typed = scope_typed(dossier)
    questionnaire_done = answered >= question_count if question_count else bool(answered)
    if not questionnaire_done and not typed_complete(typed):
        total = f" sur {question_count}" if question_count else ""
        text = f"questionnaire : {answered} réponse(s){total}, à compléter"
        levels = sum(1 for v in typed.levels.values() if is_level(v))
        if levels:
            text += (
                f" (ou niveaux MaturiN-SMS : {levels} sur {MATURIN_DIMENSION_COUNT} saisis, "
                "à compléter)"
            )
        out.append(_item(Step.AUTODIAG, "autodiagnostic", text))
    out += _grappe_items(dossier, budget)
    out += _solution_items(dossier)
    if not budget.complete:
        out.append(_item(Step.BUDGET, "budget.montants", "montants « à confirmer » à renseigner"))
    if not budget.funded_count:  # an empty budget is never a finished step
        out.append(
            _item(
                Step.BUDGET,
                "budget.finances",
                "aucun ESSMS financé : indiquez un projet DUI sur les ESSMS"
                if budget.counted_establishments
                else "budget vide : aucun ESSMS n'est compté dans la grappe",
            )
        )
    for a in applicable_attestations(dossier, budget):
        if not a.accepted:
            out.append(
                _item(Step.ENGAGEMENTS, f"attestation.{a.key}", f"attestation à cocher : {a.label}")
            )
    for index, t in enumerate(dossier.usage_targets):
        if t.threshold is None:
            out.append(
                _item(
                    Step.ENGAGEMENTS,
                    f"cible[{index}].seuil",
                    f"seuil de la cible d'usage « {t.indicator} » : à renseigner",
                )
            )
    needed = needed_annexes(dossier, budget)
    for annex in dossier.annexes:
        if (annex.required or annex.key in needed) and not annex.provided:
            out.append(
                _item(Step.EXPORT, f"annexe.{annex.key}", f"pièce à joindre : {annex.label}")
            )
    return tuple(out)


def step_statuses(dossier: Dossier, budget: Budget, question_count: int = 0) -> list[StepStatus]:
    """Every step in order, derived from :func:`missing_items` so both always agree."""
    items = missing_items(dossier, budget, question_count)
    statuses: list[StepStatus] = []
    for step in Step:
        mine = [i for i in items if i.step is step]
        problems = [i.message for i in mine if i.problem]
        todo = [i.message for i in mine if not i.problem]
        if problems:
            statuses.append(StepStatus(step, StepState.PROBLEM, tuple(problems + todo)))
        elif todo:
            statuses.append(StepStatus(step, StepState.TODO, tuple(todo)))
        else:
            statuses.append(StepStatus(step, StepState.COMPLETE))
    return statuses


@dataclass(frozen=True, slots=True)
class Readiness:
    """The two verdicts side by side: the campaign's rules, and what the ARS must receive."""

    eligible: bool
    complete: bool
    missing_count: int
    counted_essms: int


def readiness(budget: Budget, items: tuple[MissingItem, ...]) -> Readiness:
    return Readiness(
        budget.eligible and budget.counted_establishments > 0,
        not items,
        len(items),
        budget.counted_establishments,
    )


def verdict_text(r: Readiness) -> str:
    """The short verdict in French; never « Éligible » alone while something is missing."""
    if not r.eligible:
        if r.complete:
            return "Non éligible"
        return f"Non éligible, dossier incomplet ({_missing(r.missing_count)})"
    if r.complete:
        return "Éligible et complet"
    return f"Éligible, dossier incomplet ({_missing(r.missing_count)})"


def _missing(n: int) -> str:
    return "1 élément manque" if n == 1 else f"{n} éléments manquent"

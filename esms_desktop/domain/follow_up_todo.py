"""What is left to do in a filed dossier: the follow-up's to-do, not the candidature's.

Once filed, the candidature's steps keep what the ARS received (an edit there is refused or
becomes an amendment), so listing their blanks as « à renseigner » sends a director to fields she
cannot change. What she has to do now is the project's: record the ARS's decision, start the
deployment, confirm each threshold from her convention, enter the indicators, date the
milestones, and get each tranche paid. The window's side list shows these items instead, each
opening the follow-up step at the right place (``field`` keys read by its ``focus_field``).
"""

from __future__ import annotations

from esms_desktop.domain.completeness import MissingItem, Step
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.follow_up import MilestoneKind, Phase
from esms_desktop.domain.payments import PaymentStatus, TrancheState
from esms_desktop.domain.usage_progress import UsageProgress

PHASE_FIELD = "suivi.phase"
TRANCHE_FIELD = "suivi.tranche:"
THRESHOLD_FIELD = "suivi.seuil:"
INDICATOR_FIELD = "suivi.indicateur:"
MILESTONES_FIELD = "suivi.jalons"

_NEXT_MOVE = {
    Phase.DEPOSE: (
        "Décision de l'ARS : à enregistrer (« Retenu » avec la convention, ou « Non retenu »)"
    ),
    Phase.RETENU: "Déploiement : à démarrer une fois la convention signée",
}


def _item(field: str, message: str) -> MissingItem:
    return MissingItem(Step.SUIVI, field, message)


def follow_up_items(
    dossier: Dossier, progress: UsageProgress, status: PaymentStatus
) -> tuple[MissingItem, ...]:
    """The follow-up's to-do for a filed dossier, most pressing first: the next move, the
    thresholds still « à confirmer », the targets without any value, the ESSMS not yet
    deployed, then each tranche still to come with why. Nothing once the project is closed
    or not retained (and nothing before it is filed: the candidature's list applies)."""
    follow_up = dossier.follow_up
    phase = follow_up.phase
    if phase in (Phase.CANDIDATURE, Phase.SOLDE, Phase.NON_RETENU):
        return ()
    out: list[MissingItem] = []
    if phase in _NEXT_MOVE:
        out.append(_item(PHASE_FIELD, _NEXT_MOVE[phase]))
    if phase is Phase.DEPOSE:  # nothing to follow before the ARS has decided
        return tuple(out)
    for target in progress.projects:  # one line per target: what it still lacks
        indicator = target.target.indicator
        lacks = []
        if not target.confirmed:
            lacks.append("seuil à confirmer (celui de la convention)")
        if target.essms and target.measured == 0:
            lacks.append("aucune valeur saisie")
        if lacks:
            field = (THRESHOLD_FIELD if not target.confirmed else INDICATOR_FIELD) + indicator
            out.append(_item(field, f"{indicator} : {', '.join(lacks)}"))
    if phase is Phase.DEPLOIEMENT:
        counted = _counted_essms(progress) or {
            e.finess for _og, e in dossier.grappe.rows() if e.finess
        }
        deployed = {
            m.finess
            for m in follow_up.milestones
            if m.kind is MilestoneKind.DEPLOIEMENT and m.done_on is not None
        }
        waiting = len(counted - deployed)
        if waiting:
            out.append(
                _item(
                    MILESTONES_FIELD,
                    f"Jalons : {waiting} ESSMS sans date de déploiement terminé",
                )
            )
    for index, tranche in enumerate(status.tranches):
        if tranche.state is TrancheState.RECUE:
            continue
        label = tranche.tranche.label or f"n° {index + 1}"
        out.append(_item(f"{TRANCHE_FIELD}{index}", f"Tranche « {label} » : {tranche.why}"))
    return tuple(out)


def _counted_essms(progress: UsageProgress) -> set[str]:
    """Every ESSMS a target counts, concerned or exempt: those the project funds."""
    out: set[str] = set()
    for target in progress.projects:
        out |= {p.finess for p in target.essms}
        out |= {finess for finess, _name in target.exempt}
    return out

"""Which attestations and annexes this grappe and this call need (programme.md §7, §8).

The texts live in :mod:`esms_desktop.domain.dossier` (``DEFAULT_ATTESTATIONS``,
``DEFAULT_ANNEXES``); here only the rules saying when one applies:

* attestations: « pas de contrat signé avec un éditeur » only when an ESSMS counted in the
  project is in acquisition; the SONS order question only when one is in mise en conformité; the
  PNRR mention only in calls funded by the recovery plan (the campaign file's ``pnrr``); « montants
  TTC » only when the campaign's amounts are TTC. Every other attestation always applies;
* annexes: the procurement evidence when an ESSMS is in acquisition; the hours split whenever a
  home service (sector DOMICILE) counts fewer than 100 % eligible hours — also when the call
  does not prorate by hours, since the ARS still asks how the hours split. The national-entity
  agreement would be needed when an OG is attached to a national entity, but the grappe has no
  such declaration yet: it stays « facultative, le cas échéant ».
"""

from __future__ import annotations

from decimal import Decimal

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Attestation, Dossier
from esms_desktop.domain.grappe import ProjectType

HOME_SECTOR = "DOMICILE"


def is_pnrr_funded(campaign: Campaign) -> bool:
    """Whether the call is paid from the EU recovery plan: the campaign file says so (``pnrr``)."""
    return campaign.pnrr


def _projects(budget: Budget) -> set[ProjectType]:
    return {e.project for e in budget.establishments if e.counted}


def attestation_applies(key: str, budget: Budget) -> bool:
    """Whether the attestation ``key`` is asked of this grappe in this call."""
    if key == "pas_contrat_editeur":
        return ProjectType.ACQUISITION in _projects(budget)
    if key == "commande_sons":
        return ProjectType.CONFORMITE in _projects(budget)
    if key == "mention_pnrr":
        return budget.pnrr
    if key == "montants_ttc":
        return budget.ttc
    return True


def applicable_attestations(dossier: Dossier, budget: Budget) -> tuple[Attestation, ...]:
    """The dossier's attestations that apply here, in the dossier's order."""
    return tuple(a for a in dossier.attestations if attestation_applies(a.key, budget))


def needed_annexes(dossier: Dossier, budget: Budget) -> dict[str, str]:
    """Optional annexes this grappe needs, by key, with why (« acquisitions »…)."""
    needed: dict[str, str] = {}
    if ProjectType.ACQUISITION in _projects(budget):
        needed["preuves_achat"] = "acquisitions"
    for row in budget.eligibility.rows:
        if (
            row.counted
            and row.category.sector.value == HOME_SECTOR
            and row.establishment.eligible_hours_pct < Decimal(100)
        ):
            needed["repartition_heures"] = "service à domicile à moins de 100 % d'heures éligibles"
            break
    attached = [og.name for og in dossier.grappe.organisations if og.national_entity]
    if attached:
        needed["accord_entite_nationale"] = "rattaché à une entité nationale : " + ", ".join(
            attached
        )
    return needed

"""The worked example funded and followed: a convention, two tranches received, six months of
indicators for its 16 ESSMS (built here, the way a director would type or import them)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Annex, Dossier, UsageTarget
from esms_desktop.domain.follow_up import (
    Convention,
    FiledCandidature,
    FollowUp,
    IndicatorValue,
    MemberTransfer,
    Period,
    Phase,
)
from esms_desktop.domain.nomenclature import Nomenclature
from esms_desktop.domain.payments import payment_status, tranches_for
from esms_desktop.domain.usage_progress import UsageProgress, progress
from esms_desktop.domain.usage_threshold import UsageThreshold, percentage
from esms_desktop.resources import resource_path
from esms_desktop.services.assessment import assess, effective_campaign
from tests.reports.test_candidature import example_dossier

GENERATED = date(2026, 7, 3)
DUI = "Part des personnes accompagnées disposant d'un DUI actif"
INS = "Identités qualifiées avec l'INS"
DMP = "Documents envoyés au DMP / Mon espace santé"
MSS = "Messages échangés par MSSanté"
TARGETS = (
    UsageTarget(DUI, "", percentage(80), "31/12/2026", "Export éditeur des DUI actifs"),
    UsageTarget(INS, "", percentage(90), "31/12/2026"),
    UsageTarget(DMP, "", UsageThreshold(Decimal(20), "documents", "mois")),
    UsageTarget(MSS, "", UsageThreshold(Decimal(30), "messages", "mois")),
)
PERIODS = tuple(Period(2026, m) for m in range(1, 7))
LAGGARD = "620050708"  # MAS La Jetée: stays far below the DUI and INS thresholds
SLOW = "590050845"  # MECS Saint-Éloi: reaches the DUI threshold only at the last month
EVIDENCE = Annex(
    "justificatif_usage",
    "Export des DUI actifs par ESSMS (rapport éditeur)",
    required=False,
    provided=True,
    file_name="dui-actifs-2026-06.xlsx",
)


def _values(finess: str, rank: int) -> list[IndicatorValue]:
    out = []
    for k, period in enumerate(PERIODS):
        if finess == LAGGARD:
            dui, ins = Decimal(30 + k), Decimal(40 + k)
        elif finess == SLOW:
            dui, ins = Decimal(55 + 5 * k), Decimal(91)
        else:
            dui, ins = Decimal(70 + 3 * k + rank % 3), Decimal(88 + k)
        out += [
            IndicatorValue(finess, DUI, period, dui, Decimal(40 + rank), "export éditeur"),
            IndicatorValue(finess, INS, period, ins, None, "téléservice INSi"),
            IndicatorValue(finess, DMP, period, Decimal(18 + 2 * k + rank), None, "éditeur"),
            IndicatorValue(finess, MSS, period, Decimal(25 + 3 * k), None, "opérateur MSSanté"),
        ]
    return out


def followed_dossier(*, two_received: bool = True) -> Dossier:
    base = example_dossier()
    campaign = effective_campaign(base.campaign_id, base.overrides)
    granted = Decimal(540000)  # less than the 560 000 € asked
    tranches = list(tranches_for(campaign, granted))
    if two_received:
        tranches[0] = replace(
            tranches[0],
            expected_on=date(2025, 12, 15),
            received=tranches[0].expected,
            received_on=date(2026, 1, 12),
        )
        tranches[1] = replace(
            tranches[1], received=tranches[1].expected, received_on=date(2026, 5, 20)
        )
    essms = [e for _og, e in base.grappe.rows()]
    values = [v for rank, e in enumerate(essms) for v in _values(e.finess, rank)]
    apei = next(o for o in base.grappe.organisations if o.name == "APEI du Littoral")
    follow_up = FollowUp(
        phase=Phase.DEPLOIEMENT,
        filed=FiledCandidature(date(2025, 9, 1), "", "5f3a9c21", Decimal(560000)),
        convention=Convention(date(2025, 11, 28), granted, "ARS-HDF-2025-0142"),
        tranches=tuple(tranches),
        transfers=(MemberTransfer(apei.finess_ej, apei.name, Decimal(100000), date(2026, 2, 2)),),
        indicators=tuple(values),
        confirmed_thresholds=frozenset({DUI}),
    )
    return replace(
        base, usage_targets=TARGETS, follow_up=follow_up, annexes=(*base.annexes, EVIDENCE)
    )


def inputs(dossier: Dossier) -> tuple[UsageProgress, Budget, Campaign]:
    nomenclature = Nomenclature.load(resource_path("nomenclature", "categories.csv"))
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    budget = assess(dossier.grappe, dossier.campaign_id, dossier.overrides)
    return progress(dossier, nomenclature, campaign), budget, campaign


__all__ = ["GENERATED", "followed_dossier", "inputs", "payment_status"]

"""The worked example after its candidature: its grappe, a 2024 call with amounts, a year of
indicators generated row by row as a partner's spreadsheet would hold them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from esms_desktop.domain.campaign import Campaign, load_campaign
from esms_desktop.domain.dossier import DEFAULT_USAGE_TARGETS, Dossier, UsageTarget
from esms_desktop.domain.nomenclature import Nomenclature
from esms_desktop.domain.usage_threshold import UsageThreshold, percentage
from esms_desktop.importers.grappe_sheet import import_grappe

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "grappe-exemple.csv"

DUI, INS, DMP, MSS = (t.indicator for t in DEFAULT_USAGE_TARGETS)
THRESHOLDS = {
    DUI: percentage(85),
    INS: percentage(90),
    DMP: UsageThreshold(Decimal(20), "documents", "mois"),
    MSS: UsageThreshold(Decimal(100), "messages", "mois"),
}
LAGGARD = "620050492"  # ESAT de l'Opale: its DUI share stays at 50 %, which keeps the
# project's weighted share under 85 % until it catches up
SLOW_MSS = "590050217"  # SSIAD Flandre: 60 messages a month at most
AHI = "590050910"  # CHRS L'Escale: no DMP nor MSSanté target
USLD = "590051124"  # in the grappe, never counted
MONTHS = [f"2026-{m:02d}" for m in range(1, 7)]


def nomenclature() -> Nomenclature:
    return Nomenclature.load(ROOT / "resources" / "nomenclature" / "categories.csv")


def campaign() -> Campaign:
    """generalisation-2024 (50 % at signature, 50 % on usage) with its amounts typed."""
    base = load_campaign(ROOT / "resources" / "campaigns" / "generalisation-2024.toml")
    return base.with_overrides({v.name: Decimal(10_000) for v in base.missing_values})


def dossier() -> Dossier:
    result = import_grappe(EXAMPLE)
    assert result.grappe is not None
    return Dossier("Exemple", "generalisation-2024", grappe=result.grappe)


def targets_with_thresholds() -> tuple[UsageTarget, ...]:
    return tuple(
        UsageTarget(t.indicator, threshold=THRESHOLDS[t.indicator]) for t in DEFAULT_USAGE_TARGETS
    )


def essms(d: Dossier) -> list[tuple[str, int]]:
    """(FINESS, capacity) of the 16 rows of the example, USLD included."""
    return [(e.finess, e.capacity or 10) for _og, e in d.grappe.rows()]


def indicator_rows(
    d: Dossier, months: list[str] = MONTHS, *, caught_up: bool = False
) -> list[dict[str, str]]:
    """One row per ESSMS, indicator and month, as an exported sheet has them (French commas).

    Shares climb 10 points a month from 35 %; the laggard's DUI share stays at 50 % and the slow
    SSIAD sends 60 messages a month, unless ``caught_up``.
    """
    rows = []
    for i, (finess, capacity) in enumerate(essms(d)):
        for m, month in enumerate(months):
            k = m + len(MONTHS) - len(months)  # a later file goes on from the last month
            share = min(Decimal(35 + 10 * k + i % 3), Decimal(100))
            dui = Decimal(50) if finess == LAGGARD and not caught_up else share
            messages = 60 if finess == SLOW_MSS and not caught_up else 90 + 5 * k + i
            for indicator, value, denominator in (
                (DUI, dui, str(capacity)),
                (INS, min(share + 10, Decimal(100)), ""),
                (DMP, Decimal(15 + 2 * k), ""),
                (MSS, Decimal(messages), ""),
            ):
                rows.append(
                    {
                        "FINESS": finess,
                        "Période": month,
                        "Indicateur": indicator,
                        "Valeur": f"{value}".replace(".", ","),
                        "Dénominateur": denominator,
                        "Source": "Export éditeur",
                    }
                )
    return rows

"""The program's reference data (campaigns, nomenclature), loaded once from ``resources/``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from esms_desktop.domain.autodiagnostic import Questionnaire, load_questionnaire
from esms_desktop.domain.campaign import Campaign, CampaignError, load_campaigns
from esms_desktop.domain.nomenclature import Nomenclature
from esms_desktop.resources import resource_path


@cache
def campaigns(folder: Path | None = None) -> dict[str, Campaign]:
    """Every campaign file, by identifier (``folder`` lets tests point at their own files)."""
    return load_campaigns(folder or resource_path("campaigns"))


def campaign(campaign_id: str) -> Campaign:
    """The campaign named ``campaign_id``, or a French error listing the known identifiers."""
    known = campaigns()
    if campaign_id not in known:
        raise CampaignError(
            f"Campagne inconnue : « {campaign_id} ». Campagnes disponibles : " + ", ".join(known)
        )
    return known[campaign_id]


@cache
def nomenclature() -> Nomenclature:
    return Nomenclature.load(resource_path("nomenclature", "categories.csv"))


@cache
def questionnaire() -> Questionnaire:
    """The autodiagnostic questionnaire shipped in ``resources/``."""
    return load_questionnaire(resource_path("autodiagnostic.toml"))

"""The program's reference data (campaigns, nomenclature), loaded once from ``resources/``.

Campaigns also come from the user's data folder (:mod:`~esms_desktop.services.campaign_library`):
the window and the command line name their data folder once, with :func:`use_data_folder`, and
every later look-up by identifier sees the user's campaigns too.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from esms_desktop.domain.campaign import Campaign, load_campaigns
from esms_desktop.domain.nomenclature import Nomenclature
from esms_desktop.resources import resource_path
from esms_desktop.services.campaign_library import CampaignLibrary

if TYPE_CHECKING:
    from esms_desktop.domain.autodiagnostic import Questionnaire

_library: CampaignLibrary | None = None


def library() -> CampaignLibrary:
    """The campaigns of this process: the shipped ones, and the user's once a folder is known."""
    global _library
    if _library is None:
        _library = CampaignLibrary(resource_path("campaigns"))
    return _library


def use_data_folder(campaigns_folder: Path | None) -> CampaignLibrary:
    """Look for the user's campaigns in ``campaigns_folder`` (``DataPaths.campaigns``) from now on;
    ``None`` goes back to the shipped campaigns only."""
    global _library
    current = library()
    if current.user_folder != campaigns_folder:
        _library = current.with_user_folder(campaigns_folder)
    return library()


def campaigns(folder: Path | None = None) -> dict[str, Campaign]:
    """Every campaign, by identifier (``folder`` lets tests read a folder of their own files)."""
    if folder is not None:
        return load_campaigns(folder)
    return library().campaigns()


def campaign(campaign_id: str) -> Campaign:
    """The campaign named ``campaign_id``, or a French error listing the known identifiers."""
    return library().campaign(campaign_id)


@cache
def nomenclature() -> Nomenclature:
    return Nomenclature.load(resource_path("nomenclature", "categories.csv"))


@cache
def questionnaire() -> Questionnaire:
    """The autodiagnostic questionnaire shipped in ``resources/``."""
    # Imported here: the questionnaire module is large and ``campaigns`` never reads it.
    from esms_desktop.domain.autodiagnostic import load_questionnaire

    return load_questionnaire(resource_path("autodiagnostic.toml"))

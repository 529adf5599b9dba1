"""Has the campaign file changed since a dossier was last computed with it?

A dossier records the :attr:`~esms_desktop.domain.campaign.Campaign.fingerprint` of its campaign
(:attr:`~esms_desktop.domain.dossier.Dossier.campaign_fingerprint`). A user's campaign is a file
she, or her federation, may edit or replace: the next computation then follows rules the director
never looked at, and a figure she already sent may no longer be the one printed. Nothing changes
silently: the budget carries a warning until she has checked it and accepted the new version
(:func:`esms_desktop.domain.edits.accept_campaign_version`).
"""

from __future__ import annotations

from dataclasses import replace

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.findings import Finding, Severity

CAMPAIGN_CHANGED = "campagne_modifiee"
"""The stable code of the finding (tests, the GUI and the JSON output key on it)."""


def campaign_changed(recorded: str, campaign: Campaign) -> Finding | None:
    """The warning that ``campaign``'s rules are not those of the fingerprint ``recorded``.

    ``None`` when they are, when nothing was recorded (a dossier older than the record: there is
    nothing to compare with, and a warning on every old dossier would teach users to ignore it),
    or when the campaign has no fingerprint (one built in code, not read from a file).
    """
    current = campaign.fingerprint
    if not recorded or not current or recorded == current:
        return None
    return Finding(
        CAMPAIGN_CHANGED,
        Severity.AVERTISSEMENT,
        f"Les règles de la campagne « {campaign.title} » ont changé depuis le dernier calcul de "
        "ce dossier : vérifiez le budget, puis validez la nouvelle version.",
        f"{campaign.id} · version du fichier de campagne (empreinte enregistrée {recorded}, "
        f"actuelle {current})",
    )


def with_version_check(budget: Budget, recorded: str, campaign: Campaign) -> Budget:
    """``budget`` with :func:`campaign_changed`'s warning first among its findings, if any.

    A new value (``Budget`` stays immutable); first, because every figure after it may follow
    rules the director has not seen. A warning, not a block: the dossier stays eligible as its
    rules now say, the director checks it.
    """
    finding = campaign_changed(recorded, campaign)
    if finding is None:
        return budget
    return replace(budget, findings=(finding, *budget.findings))

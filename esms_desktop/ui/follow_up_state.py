"""The follow-up's verdicts for the dossier on screen, computed once per value.

The follow-up step (each cell of its tranches table asks for its line), the side list of what is
left to do and the status bar all read the same usage progress and payment status: they are
computed by the services once per dossier value, the one on screen, and kept until it changes.
"""

from __future__ import annotations

from esms_desktop.domain.campaign import CampaignError
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.payments import MemberStatement, PaymentStatus, payment_status
from esms_desktop.domain.usage_progress import UsageProgress, progress
from esms_desktop.services import catalog
from esms_desktop.services import follow_up as service

_last: tuple[Dossier, UsageProgress, PaymentStatus] | None = None


def verdicts(dossier: Dossier) -> tuple[UsageProgress, PaymentStatus]:
    """The usage progress and payment status of ``dossier`` (the same objects while the value
    is the same one)."""
    global _last
    if _last is None or _last[0] is not dossier:
        try:
            reached = service.usage_progress(dossier)
        except CampaignError:  # campaign absent: the targets are still read, without its rules
            reached = progress(dossier, catalog.nomenclature(), None)
        _last = (dossier, reached, payment_status(dossier.follow_up, reached))
    return _last[1], _last[2]


_last_shares: tuple[Dossier, tuple[MemberStatement, ...], str] | None = None


def shares(dossier: Dossier) -> tuple[tuple[MemberStatement, ...], str]:
    """Each OG's share and the reason it is unknown ("" when known), once per value."""
    global _last_shares
    if _last_shares is None or _last_shares[0] is not dossier:
        try:
            statements, reason = service.member_shares(dossier)
        except CampaignError:  # no budget without its campaign: nothing to share out
            statements, reason = (), ""
        _last_shares = (dossier, statements, reason)
    return _last_shares[1], _last_shares[2]

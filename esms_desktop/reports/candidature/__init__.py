"""The candidature dossier (programme.md §7): what every OG prints, signs, keeps and files.

The document reads the same :class:`Budget` as the screen and the command line, never recomputes
an amount, and prints every figure with the rule it comes from. Whatever is still missing is
printed as such ("à compléter", "à renseigner", "à confirmer auprès de votre ARS") rather than left
blank: a director must see on paper what the ARS will ask for.

One module per section (each a pure ``section(ctx)`` over :mod:`.context`), assembled in order by
:mod:`.document`; this package exports what the rest of the application calls.
"""

from esms_desktop.reports.candidature.common import CAP_PREFIX, MISSING, TO_CONFIRM
from esms_desktop.reports.candidature.context import CampaignSource, CandidatureContext
from esms_desktop.reports.candidature.document import (
    CandidatureDocument,
    build_candidature,
    render_candidature,
)
from esms_desktop.reports.candidature.fingerprint import data_fingerprint

__all__ = [
    "CAP_PREFIX",
    "MISSING",
    "TO_CONFIRM",
    "CampaignSource",
    "CandidatureContext",
    "CandidatureDocument",
    "build_candidature",
    "data_fingerprint",
    "render_candidature",
]

"""The data fingerprint printed on every page of the dossier (and reported by the export).

Two printed copies bearing the same fingerprint describe exactly the same dossier.
"""

from __future__ import annotations

import dataclasses

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.dossier import Dossier
from esms_desktop.reports.base import canonical, fingerprint

_last_fingerprint: tuple[Dossier, Budget, str] | None = None
"""The last fingerprint computed: the document prints it and the export service reports it."""


def data_fingerprint(dossier: Dossier, budget: Budget) -> str:
    """Fingerprint of what the dossier says: its content and the budget, not its timestamps.

    The database id and the created/updated times are left out (saving without a change must not
    change the fingerprint), and so is the eligibility detail, derived from the grappe already in.
    Both are frozen values: the last result is kept for the same two objects (a 1,000-ESSMS
    dossier takes a tenth of a second to fingerprint, and an export asks twice).
    """
    global _last_fingerprint
    last = _last_fingerprint
    if last is not None and last[0] is dossier and last[1] is budget:
        return last[2]
    result = _compute_fingerprint(dossier, budget)
    _last_fingerprint = (dossier, budget, result)
    return result


def _compute_fingerprint(dossier: Dossier, budget: Budget) -> str:
    d = canonical(dossier)
    for key in ("id", "created", "updated"):
        d.pop(key, None)
    bud = {
        f.name: getattr(budget, f.name)
        for f in dataclasses.fields(budget)
        if f.name != "eligibility"
    }
    return fingerprint({"dossier": d, "budget": bud})

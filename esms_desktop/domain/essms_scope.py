"""Would the eligibility engine count this register establishment? One rule, asked ahead of time.

The partner search must tell, for tens of thousands of register entries, which ones a grappe
would count: not a USLD, not a sanitary category, open. That is the engine's own rule
(:mod:`esms_desktop.domain.eligibility`, which leaves a row out for a missing or invalid FINESS,
a USLD or a category outside the medico-social domain); this module asks it instead of writing
it a second time, so the search and the eligibility of the grappe can never disagree.

A register entry's FINESS is valid by construction (:class:`RegisterEntry`), so the engine's
answer depends on the category only: it is asked once per category code and remembered.
"""

from __future__ import annotations

from esms_desktop.domain.eligibility import exclusion as row_exclusion
from esms_desktop.domain.finess_register import RegisterEntry
from esms_desktop.domain.grappe import Establishment
from esms_desktop.domain.nomenclature import Nomenclature, Sector


class EssmsScope:
    """The engine's verdict on register entries under one nomenclature, cached per category."""

    __slots__ = ("_nomenclature", "_reasons", "_sectors")

    def __init__(self, nomenclature: Nomenclature) -> None:
        self._nomenclature = nomenclature
        self._reasons: dict[str, str] = {}
        self._sectors: dict[str, Sector] = {}

    def exclusion(self, entry: RegisterEntry) -> str:
        """Why the engine would leave ``entry`` out of a grappe's count (French), "" if counted.

        A closed establishment is left out too: it cannot take part in a project.
        """
        if entry.closed:
            return "établissement fermé"
        reason = self._reasons.get(entry.category)
        if reason is None:
            category = self._nomenclature.get(entry.category)
            probe = Establishment(entry.finess, entry.name, entry.category)
            excluded = row_exclusion(probe, category, {})
            reason = self._reasons[entry.category] = "" if excluded is None else excluded[1]
            self._sectors[entry.category] = category.sector
        return reason

    def counts(self, entry: RegisterEntry) -> bool:
        """True when ``entry`` is open and the engine would count it (an ESSMS of the scope)."""
        return not self.exclusion(entry)

    def sector(self, entry: RegisterEntry) -> Sector:
        """The programme sector of ``entry``'s category (AUTRE for an unknown code)."""
        sector = self._sectors.get(entry.category)
        if sector is None:
            sector = self._sectors[entry.category] = self._nomenclature.get(entry.category).sector
        return sector

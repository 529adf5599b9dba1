"""The grappe: the porteur OG, its partner OGs and the ESSMS they put in the project.

These are plain frozen values. Importers build them, the store maps them to rows, the engines read
them; nobody mutates them in place (an edit produces a new value), which keeps undo and
recomputation simple.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

SMALL_OG_LIMIT = 15
"""An OG managing fewer than 15 ESSMS is "small" (programme.md §3)."""
LARGE_OG_LIMIT = 30


class ProjectType(StrEnum):
    """What the project does for one ESSMS's DUI."""

    ACQUISITION = "acquisition"
    CONFORMITE = "conformite"
    AUCUN = "aucun"

    @property
    def label(self) -> str:
        return {
            "acquisition": "Acquisition d'un DUI",
            "conformite": "Mise en conformité du DUI",
            "aucun": "Aucun projet DUI",
        }[self.value]


class OgRole(StrEnum):
    PORTEUR = "porteur"
    MEMBRE = "membre"


class DuiSituation(StrEnum):
    """The ESSMS's current DUI, as the autodiagnostic or the user states it."""

    INCONNUE = "inconnue"
    AUCUN = "aucun"
    NON_REFERENCE = "non_reference"
    REFERENCE = "reference"

    @property
    def label(self) -> str:
        return {
            "inconnue": "Non renseignée",
            "aucun": "Pas de DUI",
            "non_reference": "DUI non référencé Ségur",
            "reference": "DUI référencé Ségur",
        }[self.value]


class CoreService(StrEnum):
    """A « service socle » of the Ségur programme an ESSMS's project aims to use."""

    DMP = "dmp"
    MSSANTE = "mssante"
    INS = "ins"
    E_PRESCRIPTION = "e_prescription"

    @property
    def label(self) -> str:
        return {
            "dmp": "DMP / Mon espace santé",
            "mssante": "MSSanté",
            "ins": "INS",
            "e_prescription": "e-prescription",
        }[self.value]

    @property
    def short(self) -> str:
        """The short name people write in a cell (« DMP, MSS, INS »)."""
        return {"dmp": "DMP", "mssante": "MSS", "ins": "INS", "e_prescription": "e-prescription"}[
            self.value
        ]


def ordered_services(services: frozenset[CoreService]) -> tuple[CoreService, ...]:
    """The services of a set in the programme's order (DMP, MSSanté, INS, e-prescription)."""
    return tuple(s for s in CoreService if s in services)


def services_text(services: frozenset[CoreService], *, short: bool = True) -> str:
    """« DMP, MSS, INS » (short) or the labels, in the programme's order; "" for none."""
    return ", ".join(s.short if short else s.label for s in ordered_services(services))


class OgSize(StrEnum):
    PETIT = "petit"
    MOYEN = "moyen"
    GRAND = "grand"

    @property
    def label(self) -> str:
        return {"petit": "petit OG", "moyen": "OG moyen", "grand": "grand OG"}[self.value]


def og_size_class(essms_count: int) -> OgSize:
    """Small < 15 ESSMS, medium 15–30, large > 30 (programme.md §3)."""
    if essms_count < SMALL_OG_LIMIT:
        return OgSize.PETIT
    if essms_count <= LARGE_OG_LIMIT:
        return OgSize.MOYEN
    return OgSize.GRAND


@dataclass(frozen=True, slots=True)
class Establishment:
    """One ESSMS of the grappe, with the columns of the grappe template and a few more.

    ``finess`` is kept as typed after normalisation, valid or not: the eligibility engine reports
    a bad key instead of the importer silently dropping the row.
    """

    finess: str
    name: str
    category: str
    capacity: int | None = None
    project: ProjectType = ProjectType.AUCUN
    equipment: bool = False
    eligible_hours_pct: Decimal = Decimal(100)
    dui_solution: str = ""
    current_dui: DuiSituation = DuiSituation.INCONNUE
    core_services: frozenset[CoreService] = frozenset()
    already_funded: bool = False
    address: str = ""
    postal_code: str = ""
    town: str = ""


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisme gestionnaire (OG) and the ESSMS it puts in the project."""

    name: str
    role: OgRole = OgRole.MEMBRE
    siren: str = ""
    finess_ej: str = ""
    declared_size: int | None = None
    establishments: tuple[Establishment, ...] = ()
    contact_name: str = ""
    contact_email: str = ""
    convention_date: date | None = None
    national_entity: bool = False
    """Declared attached to a national entity (a federation's network…): the ARS then asks for
    that entity's agreement as an annex."""

    @property
    def size(self) -> int:
        """Total ESSMS managed: declared by the user, else its rows in the grappe."""
        if self.declared_size is not None:
            return self.declared_size
        return len(self.establishments)

    @property
    def size_class(self) -> OgSize:
        return og_size_class(self.size)

    @property
    def is_small(self) -> bool:
        return self.size_class is OgSize.PETIT


@dataclass(frozen=True, slots=True)
class DuiSolution:
    """The DUI solution chosen for the project (one for the whole project in most campaigns).

    ``segur_referenced`` is ``None`` when unknown: the engine then asks to check it rather than
    assume either way.
    """

    editor: str = ""
    product: str = ""
    segur_referenced: bool | None = None
    segur_reference: str = ""
    justification: str = ""

    @property
    def label(self) -> str:
        if self.editor and self.product:
            return f"{self.editor} — {self.product}"
        return self.editor or self.product


@dataclass(frozen=True, slots=True)
class Grappe:
    """Every OG of the project, the porteur first when there is one."""

    organisations: tuple[Organisation, ...] = ()
    solution: DuiSolution = field(default_factory=DuiSolution)

    @property
    def porteur(self) -> Organisation | None:
        return next((o for o in self.organisations if o.role is OgRole.PORTEUR), None)

    def rows(self) -> Iterator[tuple[Organisation, Establishment]]:
        """Every establishment with its OG, in the order entered."""
        for og in self.organisations:
            for est in og.establishments:
                yield og, est

    @property
    def establishment_count(self) -> int:
        return sum(len(o.establishments) for o in self.organisations)


def solution_key(label: str) -> str:
    """Compare DUI solution names as people type them: case, spaces and dash style ignored."""
    return " ".join(label.casefold().replace("–", "—").replace(" - ", " — ").split())


def distinct_solutions(grappe: Grappe) -> list[tuple[str, int]]:
    """The solution names typed on ESSMS rows, as first spelt, with how many rows use each.

    Names are compared as people type them (:func:`solution_key`: case, spaces, dash style); an
    empty name is reported as ``""`` so the view can say that some rows name no solution.
    """
    seen: dict[str, tuple[str, int]] = {}
    for _og, est in grappe.rows():
        key = solution_key(est.dui_solution)
        label, count = seen.get(key, (est.dui_solution.strip(), 0))
        seen[key] = (label, count + 1)
    return list(seen.values())


def only_small_ogs(grappe: Grappe) -> bool:
    """True when the grappe has OGs and every one is small (under 15 ESSMS, programme.md §3)."""
    return bool(grappe.organisations) and all(o.is_small for o in grappe.organisations)


def has_acquisition(grappe: Grappe) -> bool:
    """True when an ESSMS acquires a DUI: the justification of the choice is then mandatory."""
    return any(e.project is ProjectType.ACQUISITION for _og, e in grappe.rows())

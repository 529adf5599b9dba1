"""« Trouver des partenaires »: the register's OGs that could complete a grappe, nearest first.

A small association needs two or three other organismes gestionnaires to reach the size a call
asks (15 ESSMS, 8 in Corse and overseas). The public FINESS register knows every OG and the
establishments it runs; this module ranks them for one porteur and one campaign. The rules:

- **what an OG brings**: its open establishments that the eligibility engine would count
  (:class:`~esms_desktop.domain.essms_scope.EssmsScope`: USLD and sanitary categories out,
  closed ones out), located in the search's territory, not already in the grappe and not
  declared already in a funded project. An OG that brings none is not a candidate;
- **territory**: the porteur's department and the departments that touch it
  (:mod:`~esms_desktop.domain.department_neighbours`), judged on each ESSMS's own department
  (a national association's seat in Paris does not make its ESAT of Lille Parisian). When the
  campaign takes no grappe spread over several regions, the porteur's region only;
- **distance**: from the porteur's point to the OG's, when both are known. A radius drops the
  candidates known to be farther; one whose distance is unknown (no coordinates loaded) is kept,
  ranked after every known distance, with ``distance_km = None``: the territory already bounds
  it, and hiding it would hide a real partner only because the geolocated file is missing;
- **size**: an OG is small under :data:`~esms_desktop.domain.grappe.SMALL_OG_LIMIT` ESSMS
  *managed* (programme.md §3: the total it manages, not only those in the project), so it is
  counted over all its open ESSMS of the register, wherever they are, not only the eligible
  ones of the territory (the register may give the total directly: ``RegisterOg.essms_managed``);
- **order**: distance (known before unknown; among unknown, same department before
  neighbours), then more ESSMS brought first, then name and FINESS juridique (a stable order).

Ranking is one pass over the OGs and one sort, O(n log n); the eligibility and budget preview
(:func:`preview`) is separate, for the rows a caller shows. Pure domain, standard library only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from esms_desktop.domain.budget import Budget, compute
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.department_neighbours import neighbours
from esms_desktop.domain.eligibility import NO_DECLARATIONS, Declarations
from esms_desktop.domain.essms_scope import EssmsScope
from esms_desktop.domain.findings import Finding, Severity
from esms_desktop.domain.finess_register import RegisterEntry
from esms_desktop.domain.geodesy import GeoPoint, distance_km
from esms_desktop.domain.geography import region_of
from esms_desktop.domain.grappe import (
    SMALL_OG_LIMIT,
    Establishment,
    Grappe,
    OgRole,
    OgSize,
    Organisation,
    ProjectType,
    og_size_class,
)
from esms_desktop.domain.identifiers import normalise, siren_problem, siret_problem
from esms_desktop.domain.nomenclature import Nomenclature, Sector


@dataclass(frozen=True, slots=True)
class RegisterOg:
    """An organisme gestionnaire (FINESS juridique) as the register knows it, with its ESSMS.

    ``location`` is the OG's own place (its seat) when coordinates are known. ``essms_managed``
    is the number of open ESSMS it manages when the register counted them already (it may then
    hand over only the establishments of the territory); ``None``: count ``establishments``.
    ``siren`` is the legal entity's own when the source gives it (the ANS flux does); the
    SIRETs of its establishments are the fallback.
    """

    finess_ej: str
    name: str
    department: str = ""
    town: str = ""
    location: GeoPoint | None = None
    establishments: tuple[RegisterEntry, ...] = ()
    siren: str = ""
    address: str = ""
    postal_code: str = ""
    phone: str = ""
    essms_managed: int | None = None


@dataclass(frozen=True, slots=True)
class PartnerOrigin:
    """Where the search starts: the porteur's department and, when known, its place."""

    department: str
    location: GeoPoint | None = None
    finess_ej: str = ""
    """The porteur's own FINESS juridique, never proposed as its own partner."""

    @classmethod
    def from_og(cls, og: RegisterOg) -> PartnerOrigin:
        """The origin of a search started from the porteur's FINESS juridique."""
        return cls(og.department, og.location, og.finess_ej)


@dataclass(frozen=True, slots=True)
class PartnerFilters:
    """What the user narrows the list to. The defaults keep every candidate.

    ``sectors``: keep an OG bringing an ESSMS of any of them (its other ESSMS stay with it).
    ``small``: True for small OGs only, False for the others, None for both.
    ``max_distance_km``: a radius (see the module's note on unknown distances).
    ``funded``: FINESS declared already in a funded project: a FINESS juridique leaves the OG
    out, a FINESS géographique that ESSMS only (no double funding).
    """

    sectors: frozenset[Sector] = frozenset()
    small: bool | None = None
    max_distance_km: float | None = None
    funded: frozenset[str] = frozenset()


NO_FILTERS = PartnerFilters()


@dataclass(frozen=True, slots=True)
class PartnerCandidate:
    """One OG that could join the grappe, with what it would bring."""

    og: RegisterOg
    essms: tuple[RegisterEntry, ...]
    """Its open, eligible ESSMS of the territory, not in the grappe nor declared funded."""
    managed: int
    """Open ESSMS it manages in the register (its size, programme.md §3)."""
    distance_km: float | None
    same_department: bool
    """One of its ESSMS is in the porteur's department (else: a neighbouring one)."""
    sectors: frozenset[Sector] = field(default_factory=frozenset)

    @property
    def finess_ej(self) -> str:
        return self.og.finess_ej

    @property
    def name(self) -> str:
        return self.og.name

    @property
    def eligible_count(self) -> int:
        return len(self.essms)

    @property
    def size_class(self) -> OgSize:
        return og_size_class(self.managed)

    @property
    def is_small(self) -> bool:
        return self.managed < SMALL_OG_LIMIT


def requires_one_region(campaign: Campaign) -> bool:
    """True when ``campaign`` takes no grappe spread over several regions (size rules)."""
    several = campaign.size.several_regions
    return several is not None and not several.accepted


def search_departments(origin: PartnerOrigin, campaign: Campaign) -> frozenset[str]:
    """The departments a search from ``origin`` looks in, for a caller that indexes the
    register by department: the porteur's and its neighbours, its region's only when the
    campaign requires one region. Empty when the porteur's department is blank."""
    own = origin.department.strip().upper()
    if not own:
        return frozenset()
    found = {own} | neighbours(own)
    if requires_one_region(campaign):
        region = region_of(own)
        found = {d for d in found if region_of(d) == region}
    return frozenset(found)


def find_partners(
    origin: PartnerOrigin,
    grappe: Grappe,
    ogs: Iterable[RegisterOg],
    campaign: Campaign,
    nomenclature: Nomenclature,
    filters: PartnerFilters = NO_FILTERS,
    *,
    scope: EssmsScope | None = None,
) -> tuple[PartnerCandidate, ...]:
    """The OGs of ``ogs`` that could complete ``grappe``, ranked (see the module's rules).

    OGs already in the grappe (by FINESS juridique, or because all their ESSMS are) and the
    porteur's own are left out. ``scope`` may be passed to share its per-category cache
    between searches.
    """
    scope = scope or EssmsScope(nomenclature)
    territory = search_departments(origin, campaign)
    if not territory:
        return ()
    own = origin.department.strip().upper()
    in_grappe = {o.finess_ej for o in grappe.organisations if o.finess_ej}
    if origin.finess_ej:
        in_grappe.add(origin.finess_ej)
    taken = {normalise(e.finess) for _o, e in grappe.rows()} | filters.funded
    found: list[PartnerCandidate] = []
    for og in ogs:
        if og.finess_ej in in_grappe or og.finess_ej in filters.funded:
            continue
        candidate = _candidate(og, origin, own, territory, taken, scope)
        if candidate is not None and _kept(candidate, filters):
            found.append(candidate)
    found.sort(key=_rank)
    return tuple(found)


def _candidate(
    og: RegisterOg,
    origin: PartnerOrigin,
    own: str,
    territory: frozenset[str],
    taken: set[str] | frozenset[str],
    scope: EssmsScope,
) -> PartnerCandidate | None:
    managed = 0
    brought: list[RegisterEntry] = []
    same = False
    for entry in og.establishments:
        if not scope.counts(entry):
            continue
        managed += 1
        if entry.department in territory and entry.finess not in taken:
            brought.append(entry)
            same = same or entry.department == own
    if not brought:
        return None
    distance = None
    if origin.location is not None and og.location is not None:
        distance = distance_km(origin.location, og.location)
    return PartnerCandidate(
        og,
        tuple(brought),
        og.essms_managed if og.essms_managed is not None else managed,
        distance,
        same,
        frozenset(scope.sector(e) for e in brought),
    )


def _kept(candidate: PartnerCandidate, filters: PartnerFilters) -> bool:
    if filters.sectors and not candidate.sectors & filters.sectors:
        return False
    if filters.small is not None and candidate.is_small is not filters.small:
        return False
    limit = filters.max_distance_km
    return limit is None or candidate.distance_km is None or candidate.distance_km <= limit


def _rank(c: PartnerCandidate) -> tuple[int, float, int, int, str, str]:
    if c.distance_km is None:
        return (1, 0.0, 0 if c.same_department else 1, -c.eligible_count, c.name, c.finess_ej)
    return (0, c.distance_km, 0, -c.eligible_count, c.name, c.finess_ej)


# --- the OG as a member of the grappe ---------------------------------------------------------


def default_project(grappe: Grappe) -> ProjectType:
    """The DUI project most of the grappe's ESSMS have (first met on a tie), AUCUN if none:
    what a new partner's ESSMS are given, so the budget shows what adding it would bring."""
    counts = Counter(e.project for _o, e in grappe.rows() if e.project is not ProjectType.AUCUN)
    return counts.most_common(1)[0][0] if counts else ProjectType.AUCUN


def organisation_from_register(
    og: RegisterOg,
    chosen: Collection[str] | None = None,
    nomenclature: Nomenclature | None = None,
    *,
    project: ProjectType = ProjectType.AUCUN,
) -> Organisation:
    """The OG as a member (role MEMBRE) of the grappe, prefilled from the register.

    ``chosen``: FINESS of the ESSMS to bring, in the register's order; None brings every open
    one the engine would count (every open one when no ``nomenclature`` is given: the engine
    will then flag any that is not an ESSMS). ``declared_size`` is the number of open ESSMS the
    register says it manages (the user may correct it); the SIREN is the OG's own, or else the
    one most of its establishments' SIRETs start with, and only a valid one.
    """
    scope = EssmsScope(nomenclature) if nomenclature is not None else None
    usable = [e for e in og.establishments if (scope.counts(e) if scope else not e.closed)]
    if chosen is not None:
        wanted = {normalise(f) for f in chosen}
        picked = [e for e in og.establishments if e.finess in wanted]
    else:
        picked = usable
    managed = og.essms_managed if og.essms_managed is not None else len(usable)
    return Organisation(
        name=og.name,
        role=OgRole.MEMBRE,
        siren=_siren(og),
        finess_ej=og.finess_ej,
        declared_size=managed,
        establishments=tuple(_establishment(e, project) for e in picked),
    )


def _establishment(entry: RegisterEntry, project: ProjectType) -> Establishment:
    return Establishment(
        finess=entry.finess,
        name=entry.long_name or entry.name,
        category=entry.category,
        capacity=entry.capacity,
        project=project,
        address=entry.address,
        postal_code=entry.postal_code,
        town=entry.town,
    )


def _siren(og: RegisterOg) -> str:
    own = normalise(og.siren)
    if own and not siren_problem(own):
        return own
    sirens = Counter(
        e.siret[:9] for e in og.establishments if e.siret and not siret_problem(e.siret)
    )
    for siren, _count in sirens.most_common():
        if not siren_problem(siren):
            return siren
    return ""


def with_partner(grappe: Grappe, member: Organisation) -> Grappe:
    """The grappe with ``member`` added after its OGs (one edit: one undo step for a caller)."""
    return replace(grappe, organisations=(*grappe.organisations, member))


# --- preview ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartnerPreview:
    """How the grappe would stand with the candidate: its count, eligibility and budget."""

    counted_before: int
    counted_after: int
    eligible_before: bool
    eligible_after: bool
    blocking: tuple[Finding, ...]
    """The blocking findings with the candidate (empty when the grappe would be eligible)."""
    total_before: Decimal
    total_after: Decimal
    complete_after: bool
    """False when some amounts stay à confirmer: the totals are then the known part."""

    @property
    def added(self) -> int:
        return self.counted_after - self.counted_before

    @property
    def difference(self) -> Decimal:
        return self.total_after - self.total_before


def preview(
    grappe: Grappe,
    candidate: PartnerCandidate,
    campaign: Campaign,
    nomenclature: Nomenclature,
    declarations: Declarations = NO_DECLARATIONS,
    *,
    chosen: Collection[str] | None = None,
    before: Budget | None = None,
) -> PartnerPreview:
    """The grappe's budget without and with ``candidate`` (its ESSMS of the search, or
    ``chosen``), computed by the budget engine itself. ``before``: the grappe's budget when
    the caller has it already (one computation for every row shown)."""
    if before is None:
        before = compute(grappe, campaign, nomenclature, declarations)
    picked = [e.finess for e in candidate.essms] if chosen is None else chosen
    member = organisation_from_register(
        candidate.og, picked, nomenclature, project=default_project(grappe)
    )
    after = compute(with_partner(grappe, member), campaign, nomenclature, declarations)
    return PartnerPreview(
        before.counted_establishments,
        after.counted_establishments,
        before.eligible,
        after.eligible,
        tuple(f for f in after.findings if f.severity is Severity.BLOQUANT),
        before.total,
        after.total,
        after.complete,
    )

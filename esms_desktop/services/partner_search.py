"""Use cases of « Trouver des partenaires »: the register's OGs that could complete a grappe.

The ranking rules are the domain's (:mod:`esms_desktop.domain.partner_search`); this module
reads what they need from the loaded FINESS register, for the window and the command line:

- **the OGs of a territory**: the open establishments of the searched departments (one indexed
  query), grouped by FINESS juridique. An OG is named and placed by its legal entity when the
  register lists it (the ANS flux does); otherwise it is « OG <FINESS EJ> (<its first
  establishment>) » and its place is the mean of its establishments' places. Its size is the
  number of open establishments the register gives it, everywhere (one grouped query);
- **the origin**: the porteur's FINESS juridique (its legal entity, else its establishments), or
  a department (distances then unknown: a department has no point);
- **declared funded**: FINESS the user declared already in a funded project, kept in the data
  folder's database (:mod:`esms_desktop.storage.partner_models`) and left out of every search.

A search of the national register (~100,000 establishments) reads a few departments, some
thousands of rows: ``python -m benchmarks --only partners`` measures it (goal < 200 ms).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.essms_scope import EssmsScope
from esms_desktop.domain.finess_register import RegisterEntry, RegisterLegalEntity
from esms_desktop.domain.geodesy import GeoPoint
from esms_desktop.domain.geography import REGION_OF_DEPARTMENT
from esms_desktop.domain.grappe import Grappe, Organisation
from esms_desktop.domain.identifiers import finess_department, normalise
from esms_desktop.domain.nomenclature import Nomenclature
from esms_desktop.domain.partner_search import (
    NO_FILTERS,
    PartnerCandidate,
    PartnerFilters,
    PartnerOrigin,
    PartnerPreview,
    RegisterOg,
    default_project,
    find_partners,
    organisation_from_register,
    preview,
    search_departments,
)
from esms_desktop.services import catalog
from esms_desktop.services.finess_lookup import (
    FinessLookupError,
    RegisterNotLoadedError,
    valid_finess,
)
from esms_desktop.services.unit_of_work import RegisterRepository, UnitOfWork

if TYPE_CHECKING:  # plain records of the storage layer (no SQLAlchemy at import time)
    from esms_desktop.storage.records import FundedDeclaration
    from esms_desktop.storage.register_repository import RegisterInfo


class UnknownLegalEntityError(FinessLookupError):
    """The FINESS juridique is valid but the loaded register knows neither it nor any of its
    establishments."""

    def __init__(self, finess_ej: str, file: str) -> None:
        super().__init__(
            f"Entité juridique {finess_ej} absente du répertoire FINESS chargé (« {file} ») : "
            "vérifiez le numéro, ou cherchez à partir d'un département (--departement)."
        )
        self.finess_ej = finess_ej


class UnknownDepartmentError(FinessLookupError):
    """A department code that is not one of France's."""

    def __init__(self, typed: str) -> None:
        super().__init__(
            f"Département « {typed} » inconnu : indiquez un code de département "
            "(« 01 », « 2A », « 974 »…)."
        )
        self.typed = typed


class NoOriginError(FinessLookupError):
    """A dossier whose porteur has no FINESS juridique and no ESSMS: nowhere to search from."""

    def __init__(self, dossier_name: str) -> None:
        super().__init__(
            f"Le dossier « {dossier_name} » n'indique ni le FINESS juridique du porteur ni un "
            "ESSMS : renseignez l'un ou l'autre pour chercher des partenaires autour de lui."
        )


# --- the result ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartnerSearch:
    """One search: where from, under which campaign, which departments, what was found.

    ``register_has_locations``: the register places some establishments or legal entities of
    the territory (else no distance can be known: the window says to load the geolocated file).
    """

    origin: PartnerOrigin
    origin_label: str
    campaign: Campaign
    departments: frozenset[str]
    candidates: tuple[PartnerCandidate, ...]
    register_has_locations: bool


def default_campaign() -> Campaign:
    """The campaign a search without one is judged under: the latest regional call (the one a
    small association answers), else the latest of any kind."""
    every = list(catalog.campaigns().values())
    if not every:  # pragma: no cover - the program ships its campaigns
        raise FinessLookupError("Aucune campagne connue : indiquez-en une (--campagne).")
    regional = [c for c in every if c.kind == "regional"] or every
    return max(regional, key=lambda c: (c.year, c.id))


def _campaign(campaign_id: str | None) -> Campaign:
    return catalog.campaign(campaign_id) if campaign_id else default_campaign()


@cache
def _scope(nomenclature: Nomenclature) -> EssmsScope:
    """One scope per nomenclature for the process: its per-category verdicts are kept."""
    return EssmsScope(nomenclature)


def department_code(typed: str) -> str:
    """``typed`` as a department code (« 1 » → « 01 », « 2a » → « 2A »), or
    :class:`UnknownDepartmentError`."""
    code = (typed or "").strip().upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    if code not in REGION_OF_DEPARTMENT:
        raise UnknownDepartmentError((typed or "").strip())
    return code


# --- from the register to RegisterOg ---------------------------------------------------------


def _mean_location(points: Iterable[GeoPoint | None]) -> GeoPoint | None:
    """The mean of the known points (an OG's establishments are close to each other)."""
    known = [p for p in points if p is not None]
    if not known:
        return None
    return GeoPoint(
        sum(p.latitude for p in known) / len(known), sum(p.longitude for p in known) / len(known)
    )


def _main_department(entries: Sequence[RegisterEntry]) -> str:
    """The department most of ``entries`` are in (the first met on a tie)."""
    counts = Counter(e.department for e in entries if e.department)
    return counts.most_common(1)[0][0] if counts else ""


def register_og(
    finess_ej: str,
    entries: Sequence[RegisterEntry],
    legal: RegisterLegalEntity | None = None,
    managed: int | None = None,
) -> RegisterOg:
    """The OG ``finess_ej`` as the domain ranks it: named, placed and addressed by its legal
    entity when the register lists one, else by its establishments (see the module's note)."""
    first = entries[0] if entries else None
    name = legal.display_name if legal is not None else ""
    if not name:
        name = f"OG {finess_ej}"
        if first is not None and (first.long_name or first.name):
            name += f" ({first.long_name or first.name})"
    location = legal.location if legal is not None else None
    if location is None:
        location = _mean_location(e.location for e in entries)
    return RegisterOg(
        finess_ej=finess_ej,
        name=name,
        department=(legal.department if legal is not None else "") or _main_department(entries),
        town=(legal.town if legal is not None else "") or (first.town if first else ""),
        location=location,
        establishments=tuple(entries),
        siren=legal.siren if legal is not None else "",
        address=legal.address if legal is not None else "",
        postal_code=legal.postal_code if legal is not None else "",
        phone=legal.phone if legal is not None else "",
        essms_managed=managed,
    )


def _territory_ogs(
    register: RegisterRepository, departments: Collection[str]
) -> tuple[list[RegisterOg], bool]:
    """The OGs with an open establishment in ``departments``, and whether any place is known.

    Establishments without a FINESS juridique belong to no OG that could sign: left out.
    """
    by_ej: dict[str, list[RegisterEntry]] = {}
    located = False
    for entry in register.open_in_departments(departments):
        if entry.finess_ej:
            by_ej.setdefault(entry.finess_ej, []).append(entry)
            located = located or entry.location is not None
    legal = register.legal_entities(by_ej)
    counts = register.essms_count_by_ej(by_ej)
    located = located or any(e.location is not None for e in legal.values())
    ogs = [register_og(ej, found, legal.get(ej), counts.get(ej)) for ej, found in by_ej.items()]
    return ogs, located


def _og_of(register: RegisterRepository, finess_ej: str) -> RegisterOg | None:
    """The whole OG ``finess_ej`` (all its open establishments), ``None`` if unknown."""
    every = register.by_ej(finess_ej, include_closed=True)
    legal = register.legal_entity(finess_ej)
    if not every and legal is None:
        return None
    entries = [e for e in every if not e.closed]
    og = register_og(finess_ej, entries, legal, len(entries))
    if not og.department and every:  # all closed: still where the porteur is
        og = replace(og, department=_main_department(every))
    return og


def _require_loaded(register: RegisterRepository) -> RegisterInfo:
    info = register.info()
    if info is None:
        raise RegisterNotLoadedError()
    return info


# --- searching --------------------------------------------------------------------------------


def _with_declared(
    uow: UnitOfWork, filters: PartnerFilters, include_funded: bool
) -> PartnerFilters:
    if include_funded:
        return filters
    declared = frozenset(d.finess for d in uow.funded_partners.all())
    return replace(filters, funded=filters.funded | declared) if declared else filters


def _run(
    uow: UnitOfWork,
    origin: PartnerOrigin,
    label: str,
    campaign: Campaign,
    grappe: Grappe,
    filters: PartnerFilters,
) -> PartnerSearch:
    """The search itself (inside ``with uow``, the register known to be loaded)."""
    departments = search_departments(origin, campaign)
    ogs, located = _territory_ogs(uow.register, departments)
    nomenclature = catalog.nomenclature()
    found = find_partners(
        origin, grappe, ogs, campaign, nomenclature, filters, scope=_scope(nomenclature)
    )
    located = located or origin.location is not None
    return PartnerSearch(origin, label, campaign, departments, found, located)


def search(
    uow: UnitOfWork,
    *,
    finess_ej: str = "",
    department: str = "",
    campaign_id: str | None = None,
    filters: PartnerFilters = NO_FILTERS,
    grappe: Grappe | None = None,
    include_funded: bool = False,
) -> PartnerSearch:
    """The OGs that could complete ``grappe`` (none yet: the porteur alone), from the porteur's
    FINESS juridique or from a department (the FINESS juridique wins when both are given),
    judged under ``campaign_id`` (the latest regional call by default).

    FINESS declared funded are left out unless ``include_funded``.

    Raises:
        RegisterNotLoadedError: no register was loaded.
        FinessNumberError: ``finess_ej`` cannot be a FINESS number.
        UnknownLegalEntityError: the register knows no such legal entity.
        UnknownDepartmentError: ``department`` is no department code.
        FinessLookupError: neither was given.
        CampaignError: no such campaign.
    """
    number = valid_finess(finess_ej) if finess_ej.strip() else ""
    code = department_code(department) if not number and department.strip() else ""
    if not number and not code:
        raise FinessLookupError(
            "Indiquez le FINESS juridique du porteur ou un département d'où chercher."
        )
    campaign = _campaign(campaign_id)
    with uow:
        register = uow.register
        info = _require_loaded(register)
        if number:
            og = _og_of(register, number)
            if og is None:
                raise UnknownLegalEntityError(number, info.file)
            origin, label = PartnerOrigin.from_og(og), og.name
        else:
            origin, label = PartnerOrigin(code), f"département {code}"
        chosen = _with_declared(uow, filters, include_funded)
        return _run(uow, origin, label, campaign, grappe or Grappe(), chosen)


def _dossier_origin(register: RegisterRepository, dossier: Dossier) -> tuple[PartnerOrigin, str]:
    """Where a dossier's search starts: its porteur's FINESS juridique when the register knows
    it, else the department (and place) of the porteur's ESSMS, else of any of its ESSMS."""
    grappe = dossier.grappe
    porteur = grappe.porteur
    ej = normalise(dossier.porteur.finess_ej or (porteur.finess_ej if porteur else ""))
    label = dossier.porteur.name or (porteur.name if porteur else "")
    og = _og_of(register, ej) if ej else None
    if og is not None:
        return PartnerOrigin.from_og(og), label or og.name
    own = porteur.establishments if porteur is not None and porteur.establishments else ()
    rows = own or tuple(e for _o, e in grappe.rows())
    numbers = [normalise(e.finess) for e in rows if normalise(e.finess)]
    if not numbers:
        raise NoOriginError(dossier.name)
    counts = Counter(finess_department(n) for n in numbers)
    department = counts.most_common(1)[0][0]
    known = [register.get(n) for n in numbers]
    location = _mean_location(e.location for e in known if e is not None)
    return PartnerOrigin(department, location, ej), label or f"département {department}"


def search_from_dossier(
    uow: UnitOfWork,
    dossier: Dossier,
    filters: PartnerFilters = NO_FILTERS,
    *,
    include_funded: bool = False,
) -> PartnerSearch:
    """:func:`search_for_dossier` on a dossier value (the window's, with its unsaved edits)."""
    campaign = catalog.campaign(dossier.campaign_id).with_overrides(dossier.overrides)
    with uow:
        register = uow.register
        _require_loaded(register)
        origin, label = _dossier_origin(register, dossier)
        chosen = _with_declared(uow, filters, include_funded)
        return _run(uow, origin, label, campaign, dossier.grappe, chosen)


def search_for_dossier(
    uow: UnitOfWork,
    dossier_id: int,
    filters: PartnerFilters = NO_FILTERS,
    *,
    include_funded: bool = False,
) -> PartnerSearch:
    """The partners of a stored dossier: from its porteur's FINESS juridique (else the
    department of its ESSMS), under its campaign, leaving out its grappe's OGs and ESSMS.

    Raises ``NotFoundError`` for no such dossier, :class:`NoOriginError` when it names neither
    a FINESS juridique nor an ESSMS, and what :func:`search` raises.
    """
    return search_from_dossier(
        uow, _dossier(uow, dossier_id), filters, include_funded=include_funded
    )


def _dossier(uow: UnitOfWork, dossier_id: int) -> Dossier:
    with uow:
        return uow.dossiers.get(dossier_id)


# --- the candidate in the grappe --------------------------------------------------------------


def preview_in(
    dossier: Dossier, candidate: PartnerCandidate, chosen: Collection[str] | None = None
) -> PartnerPreview:
    """How ``dossier``'s grappe would stand with ``candidate`` (its ESSMS of the search, or
    ``chosen``): counted ESSMS, eligibility to its campaign, budget before and after."""
    campaign = catalog.campaign(dossier.campaign_id).with_overrides(dossier.overrides)
    return preview(
        dossier.grappe,
        candidate,
        campaign,
        catalog.nomenclature(),
        dossier.declarations,
        chosen=chosen,
    )


def preview_for(
    uow: UnitOfWork,
    dossier_id: int,
    candidate: PartnerCandidate,
    chosen: Collection[str] | None = None,
) -> PartnerPreview:
    """:func:`preview_in` for a stored dossier."""
    return preview_in(_dossier(uow, dossier_id), candidate, chosen)


def member_in(
    dossier: Dossier, candidate: PartnerCandidate, chosen: Collection[str] | None = None
) -> Organisation:
    """The candidate as a member of ``dossier``'s grappe, prefilled from the register: its
    ESSMS of the search (or ``chosen``), with the DUI project most of the grappe has."""
    picked = [e.finess for e in candidate.essms] if chosen is None else chosen
    return organisation_from_register(
        candidate.og,
        picked,
        catalog.nomenclature(),
        project=default_project(dossier.grappe),
    )


def member_for(
    uow: UnitOfWork,
    dossier_id: int,
    candidate: PartnerCandidate,
    chosen: Collection[str] | None = None,
) -> Organisation:
    """:func:`member_in` for a stored dossier (the caller adds it: one undo step)."""
    return member_in(_dossier(uow, dossier_id), candidate, chosen)


# --- declared already in a funded project ------------------------------------------------------


def funded_declarations(uow: UnitOfWork) -> list[FundedDeclaration]:
    """Every FINESS declared already in a funded project, with its note and date."""
    with uow:
        return uow.funded_partners.all()


def declared_funded(uow: UnitOfWork) -> frozenset[str]:
    """The FINESS (juridique or géographique) declared already in a funded project."""
    return frozenset(d.finess for d in funded_declarations(uow))


def set_declared_funded(uow: UnitOfWork, finess: str, funded: bool, note: str = "") -> bool:
    """Declare ``finess`` already in a funded project (``funded``), or withdraw it; returns
    whether anything changed (a new declaration or note, a withdrawal).

    Raises ``FinessNumberError`` for a number that cannot be valid.
    """
    number = valid_finess(finess)
    text = (note or "").strip()
    with uow:
        repository = uow.funded_partners
        if funded:
            before = next((d for d in repository.all() if d.finess == number), None)
            if before is not None and before.note == text:
                return False
            repository.declare(number, text, datetime.now(UTC))
            changed = True
        else:
            changed = repository.withdraw(number)
        if changed:
            uow.commit()
        return changed


# --- plain data -------------------------------------------------------------------------------


def candidate_dict(candidate: PartnerCandidate) -> dict[str, Any]:
    """One candidate in the JSON contract of ``finess partenaires --json``."""
    distance = candidate.distance_km
    return {
        "finess_ej": candidate.finess_ej,
        "nom": candidate.name,
        "departement": candidate.og.department,
        "essms_eligibles": candidate.eligible_count,
        "petit_og": candidate.is_small,
        "distance_km": None if distance is None else round(distance, 1),
    }


def candidates_json(search: PartnerSearch) -> list[dict[str, Any]]:
    """The candidates as ``finess partenaires --json`` prints them: nearest first (unknown
    distances last), then the OGs bringing more ESSMS (the search's own order)."""
    return [candidate_dict(c) for c in search.candidates]


__all__ = [
    "NO_FILTERS",
    "NoOriginError",
    "PartnerFilters",
    "PartnerSearch",
    "UnknownDepartmentError",
    "UnknownLegalEntityError",
    "candidate_dict",
    "candidates_json",
    "declared_funded",
    "default_campaign",
    "department_code",
    "funded_declarations",
    "member_for",
    "member_in",
    "preview_for",
    "preview_in",
    "register_og",
    "search",
    "search_for_dossier",
    "search_from_dossier",
    "set_declared_funded",
]

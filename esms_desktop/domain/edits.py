"""Edits of a dossier as pure functions: each returns a new value, the old one stays intact.

The GUI's undo stack keeps the values before and after each edit, so an edit never has to know
how to reverse itself; typed text is parsed and checked here, not in widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.grappe import (
    DuiSituation,
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.domain.identifiers import check_finess, normalise
from esms_desktop.domain.nomenclature import normalise_category

TRUE_WORDS = {"oui", "o", "yes", "y", "1", "x", "vrai", "true"}
FALSE_WORDS = {"non", "n", "no", "0", "", "faux", "false"}


@dataclass(frozen=True, slots=True)
class Parsed:
    """A typed value turned into the model's type, or the French reason it cannot be."""

    value: Any = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def parse_bool(text: str) -> Parsed:
    word = text.strip().casefold()
    if word in TRUE_WORDS:
        return Parsed(True)
    if word in FALSE_WORDS:
        return Parsed(False)
    return Parsed(problem="oui ou non attendu")


def parse_project(text: str) -> Parsed:
    word = " ".join(text.strip().casefold().replace("é", "e").split())
    aliases = {
        "acquisition": ProjectType.ACQUISITION,
        "conformite": ProjectType.CONFORMITE,
        "mise en conformite": ProjectType.CONFORMITE,
        "aucun": ProjectType.AUCUN,
        "": ProjectType.AUCUN,
    }
    if word in aliases:
        return Parsed(aliases[word])
    return Parsed(problem="acquisition, conformite ou aucun attendu")


def parse_int(text: str, *, minimum: int = 0) -> Parsed:
    raw = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    if not raw:
        return Parsed(None)
    if raw.endswith(".0"):
        raw = raw[:-2]
    if not raw.lstrip("-").isdigit():
        return Parsed(problem="nombre entier attendu")
    value = int(raw)
    if value < minimum:
        return Parsed(problem=f"nombre entier supérieur ou égal à {minimum} attendu")
    return Parsed(value)


def parse_pct(text: str) -> Parsed:
    raw = text.strip().replace(",", ".").rstrip("%").strip()
    if not raw:
        return Parsed(Decimal(100))
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return Parsed(problem="pourcentage entre 0 et 100 attendu")
    if not value.is_finite() or not 0 <= value <= 100:
        return Parsed(problem="pourcentage entre 0 et 100 attendu")
    return Parsed(value)


def parse_finess(text: str) -> Parsed:
    """Normalise; an invalid number is *kept* (so the user can fix it) with its problem."""
    check = check_finess(text)
    return Parsed(check.value, check.problem)


def parse_category(text: str) -> Parsed:
    code = normalise_category(text)
    if not (code.isdigit() and len(code) == 3):
        return Parsed(problem="code catégorie FINESS à 3 chiffres attendu")
    return Parsed(code)


def parse_situation(text: str) -> Parsed:
    try:
        return Parsed(DuiSituation(text.strip() or "inconnue"))
    except ValueError:
        return Parsed(problem="situation du DUI inconnue")


ESTABLISHMENT_PARSERS = {
    "finess": parse_finess,
    "name": lambda t: Parsed(t.strip()) if t.strip() else Parsed(problem="nom obligatoire"),
    "category": parse_category,
    "capacity": parse_int,
    "project": parse_project,
    "equipment": parse_bool,
    "eligible_hours_pct": parse_pct,
    "dui_solution": lambda t: Parsed(t.strip()),
    "current_dui": parse_situation,
    "already_funded": parse_bool,
    "address": lambda t: Parsed(t.strip()),
    "postal_code": lambda t: Parsed(normalise(t)),
    "town": lambda t: Parsed(t.strip()),
}


def parse_establishment_field(field: str, text: str) -> Parsed:
    """Parse what the user typed in one ESSMS cell (``field`` is an Establishment attribute)."""
    return ESTABLISHMENT_PARSERS[field](text)


def _replace_at(items: tuple[Any, ...], index: int, item: Any) -> tuple[Any, ...]:
    return (*items[:index], item, *items[index + 1 :])


def _remove_at(items: tuple[Any, ...], index: int) -> tuple[Any, ...]:
    return (*items[:index], *items[index + 1 :])


def with_grappe(dossier: Dossier, grappe: Grappe) -> Dossier:
    return replace(dossier, grappe=grappe)


def set_establishment(grappe: Grappe, og_index: int, est_index: int, **changes: Any) -> Grappe:
    og = grappe.organisations[og_index]
    est = replace(og.establishments[est_index], **changes)
    og = replace(og, establishments=_replace_at(og.establishments, est_index, est))
    return replace(grappe, organisations=_replace_at(grappe.organisations, og_index, og))


def add_establishment(
    grappe: Grappe, og_index: int, est: Establishment, position: int | None = None
) -> Grappe:
    og = grappe.organisations[og_index]
    at = len(og.establishments) if position is None else position
    ests = (*og.establishments[:at], est, *og.establishments[at:])
    og = replace(og, establishments=ests)
    return replace(grappe, organisations=_replace_at(grappe.organisations, og_index, og))


def remove_establishment(grappe: Grappe, og_index: int, est_index: int) -> Grappe:
    og = grappe.organisations[og_index]
    og = replace(og, establishments=_remove_at(og.establishments, est_index))
    return replace(grappe, organisations=_replace_at(grappe.organisations, og_index, og))


def set_organisation(grappe: Grappe, og_index: int, **changes: Any) -> Grappe:
    """Change one OG; making it porteur demotes the previous porteur (one porteur per project)."""
    orgs = list(grappe.organisations)
    if changes.get("role") is OgRole.PORTEUR:
        orgs = [replace(o, role=OgRole.MEMBRE) if o.role is OgRole.PORTEUR else o for o in orgs]
    orgs[og_index] = replace(orgs[og_index], **changes)
    return replace(grappe, organisations=tuple(orgs))


def add_organisation(grappe: Grappe, og: Organisation) -> Grappe:
    if og.role is OgRole.PORTEUR and grappe.porteur is not None:
        og = replace(og, role=OgRole.MEMBRE)
    return replace(grappe, organisations=(*grappe.organisations, og))


def remove_organisation(grappe: Grappe, og_index: int) -> Grappe:
    return replace(grappe, organisations=_remove_at(grappe.organisations, og_index))


def apply_projects(grappe: Grappe, projects: dict[str, ProjectType]) -> Grappe:
    """Set the project type of the ESSMS named by FINESS (e.g. from autodiagnostic advice)."""
    orgs = []
    for og in grappe.organisations:
        ests = tuple(
            replace(e, project=projects[e.finess]) if e.finess in projects else e
            for e in og.establishments
        )
        orgs.append(replace(og, establishments=ests))
    return replace(grappe, organisations=tuple(orgs))


ESTABLISHMENT_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Establishment))

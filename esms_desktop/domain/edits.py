"""Edits of a dossier as pure functions: each returns a new value, the old one stays intact.

The GUI's undo stack keeps the values before and after each edit, so an edit never has to know
how to reverse itself; typed text is parsed and checked here, not in widgets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date
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
from esms_desktop.domain.porteur_link import (
    PorteurChoice,
    carry_identities,
    fill_organisation,
    find_organisation,
    settle_porteur,
)
from esms_desktop.domain.usage_threshold import (
    PERIOD_WORDS,
    PERIODS,
    UsageThreshold,
    percentage,
)

TRUE_WORDS = {"oui", "o", "yes", "y", "1", "x", "vrai", "true"}
FALSE_WORDS = {"non", "n", "no", "0", "", "faux", "false"}

_DATE = re.compile(r"^([0-9]{2})/([0-9]{2})/([0-9]{4})$")


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
    digits = raw.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()):  # "²" is a digit to str.isdigit, not to int
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


_THRESHOLD = re.compile(
    r"^(?P<amount>[0-9]+(?:[ \u00a0\u202f][0-9]{3})*(?:[.,][0-9]+)?)\s*(?P<rest>.*)$", re.DOTALL
)
_PER = re.compile(r"^(?P<unit>.*?)\s*(?P<sep>/|\bpar\b)\s*(?P<period>[^\s/]*)\s*$", re.IGNORECASE)
THRESHOLD_HINT = "« 80 % » pour un pourcentage, « 100 messages / mois » pour un nombre par période"


def parse_threshold(text: str) -> Parsed:
    """A usage target's threshold: a percentage or a count, optionally per period.

    Empty means "not set yet" (``None``). A number without a unit is refused rather than read as
    a percentage: the calls use both forms, and guessing printed « 100 % » for 100 messages.
    """
    raw = " ".join(text.split())
    if not raw:
        return Parsed(None)
    match = _THRESHOLD.match(raw)
    if match is None:
        return Parsed(problem=f"seuil attendu : {THRESHOLD_HINT}")
    amount = Decimal(re.sub(r"[ \u00a0\u202f]", "", match["amount"]).replace(",", "."))
    rest = match["rest"].strip()
    if not rest:
        return Parsed(problem=f"précisez l'unité : {THRESHOLD_HINT}")
    if rest.startswith("%"):
        if rest != "%":
            return Parsed(
                problem="rien après « % » : l'indicateur se décrit dans sa propre colonne"
            )
        if amount > 100:
            return Parsed(problem="un pourcentage ne dépasse pas 100 %")
        return Parsed(percentage(amount))
    unit, period = rest, ""
    per = _PER.match(rest)
    if per is not None:
        word = per["period"].casefold()
        if word in PERIOD_WORDS:
            unit, period = per["unit"].strip(), PERIOD_WORDS[word]
        elif per["sep"] == "/":  # « par » may belong to the unit (« messages envoyés par ESSMS »)
            known = ", ".join(PERIODS)
            return Parsed(problem=f"période « {per['period']} » inconnue : {known}")
    if not any(c.isalpha() for c in unit):
        return Parsed(problem=f"dites ce qui est compté : {THRESHOLD_HINT}")
    return Parsed(UsageThreshold(amount, unit, period))


def parse_due_date(text: str) -> Parsed:
    """A date typed ``jj/mm/aaaa`` exactly; empty means no date.

    Strict on purpose: ``3/4/25`` could be read several ways, and a wrong due date printed in the
    dossier is worse than asking for four more keystrokes.
    """
    raw = text.strip()
    if not raw:
        return Parsed(None)
    match = _DATE.match(raw)
    if match is None:
        return Parsed(problem="date au format jj/mm/aaaa attendue (par exemple 31/12/2025)")
    day, month, year = (int(g) for g in match.groups())
    try:
        return Parsed(date(year, month, day))
    except ValueError:
        return Parsed(problem="date inexistante : vérifiez le jour et le mois")


def parse_label(text: str) -> Parsed:
    """A row's label: kept as typed but never empty (an unnamed row prints as nothing)."""
    return Parsed(text.strip()) if text.strip() else Parsed(problem="libellé obligatoire")


def parse_text(text: str) -> Parsed:
    """Free text: any value is accepted, surrounding spaces dropped."""
    return Parsed(text.strip())


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
    "dui_solution": parse_text,
    "current_dui": parse_situation,
    "already_funded": parse_bool,
    "address": parse_text,
    "postal_code": lambda t: Parsed(normalise(t)),
    "town": parse_text,
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


def merge_grappes(
    current: Grappe, incoming: Grappe, porteur: PorteurChoice = PorteurChoice.INCOMING
) -> Grappe:
    """Add ``incoming``'s OGs to ``current``; the same organisation gets only its new ESSMS.

    OGs are matched by SIREN, else FINESS juridique, else name (case and spaces ignored); a
    matched OG keeps its own values and has its blanks filled from the file. The file's porteur
    is never silently demoted (:func:`settle_porteur`): it merges with the dossier's porteur when
    they are the same organisation, takes the place of a porteur that is only a name, and else
    ``porteur`` says which one carries the candidature (the other becomes a member). Only the
    file's first porteur counts; its other OGs come in as members.
    """
    orgs = list(current.organisations)
    ours = next((i for i, o in enumerate(orgs) if o.role is OgRole.PORTEUR), None)
    theirs: int | None = None
    for og in incoming.organisations:
        same = find_organisation(orgs, og)
        if same is not None:
            known = {e.finess for e in orgs[same].establishments}
            new = tuple(e for e in og.establishments if e.finess not in known)
            filled = fill_organisation(orgs[same], og)
            orgs[same] = replace(filled, establishments=filled.establishments + new)
        else:
            orgs.append(replace(og, role=OgRole.MEMBRE))
            same = len(orgs) - 1
        if og.role is OgRole.PORTEUR and theirs is None:
            theirs = same
    solution = current.solution if current.solution.label else incoming.solution
    return settle_porteur(Grappe(tuple(orgs), solution), ours, theirs, porteur)


def replace_grappe(current: Grappe, incoming: Grappe) -> Grappe:
    """``incoming`` in place of ``current``, the blanks of the OGs found in both filled from
    ``current`` (replacing the grappe must not erase a SIREN or FINESS juridique typed before)."""
    return carry_identities(current, incoming)


def with_solution(dossier: Dossier, **changes: Any) -> Dossier:
    """``dossier`` with some attributes of the project's DUI solution changed."""
    grappe = dossier.grappe
    solution = replace(grappe.solution, **changes)
    return replace(dossier, grappe=replace(grappe, solution=solution))


def with_solution_everywhere(grappe: Grappe, label: str) -> Grappe:
    """Every ESSMS row naming ``label`` as its DUI solution (a new grappe, the old one intact)."""
    organisations = tuple(
        replace(
            og,
            establishments=tuple(replace(e, dui_solution=label) for e in og.establishments),
        )
        for og in grappe.organisations
    )
    return replace(grappe, organisations=organisations)


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

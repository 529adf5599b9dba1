"""Edits of a dossier as pure functions: each returns a new value, the old one stays intact.

The GUI's undo stack keeps the values before and after each edit, so an edit never has to know
how to reverse itself. Typed text is parsed and checked in the domain, not in widgets: by
:mod:`esms_desktop.domain.parsing`, whose parsers are re-exported here for existing callers.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.fields import ESTABLISHMENT_PARSERS as ESTABLISHMENT_PARSERS
from esms_desktop.domain.fields import parse_establishment_field as parse_establishment_field
from esms_desktop.domain.grappe import (
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.domain.merge import merge
from esms_desktop.domain.parsing import FALSE_WORDS as FALSE_WORDS
from esms_desktop.domain.parsing import THRESHOLD_HINT as THRESHOLD_HINT
from esms_desktop.domain.parsing import TRUE_WORDS as TRUE_WORDS
from esms_desktop.domain.parsing import Parsed as Parsed
from esms_desktop.domain.parsing import parse_bool as parse_bool
from esms_desktop.domain.parsing import parse_category as parse_category
from esms_desktop.domain.parsing import parse_due_date as parse_due_date
from esms_desktop.domain.parsing import parse_finess as parse_finess
from esms_desktop.domain.parsing import parse_int as parse_int
from esms_desktop.domain.parsing import parse_label as parse_label
from esms_desktop.domain.parsing import parse_pct as parse_pct
from esms_desktop.domain.parsing import parse_project as parse_project
from esms_desktop.domain.parsing import parse_situation as parse_situation
from esms_desktop.domain.parsing import parse_text as parse_text
from esms_desktop.domain.parsing import parse_threshold as parse_threshold
from esms_desktop.domain.porteur_link import PorteurChoice, carry_identities


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
    """Add ``incoming``'s OGs and ESSMS to ``current`` (the spreadsheet import's "add").

    The same merge as a partner's ``.esms`` file (:func:`esms_desktop.domain.merge.merge`): OGs
    matched by FINESS juridique, then SIREN, then name; ESSMS by FINESS wherever they are; our
    values kept where both sides are filled, our blanks filled from the file. The file's porteur
    is never silently demoted: ``porteur`` says who carries the candidature when the user chose.
    """
    return merge(current, incoming, porteur=porteur).grappe


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

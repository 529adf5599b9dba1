"""Edits of a dossier as pure functions: each returns a new value, the old one stays intact.

The GUI's undo stack keeps the values before and after each edit, so an edit never has to know
how to reverse itself. Typed text is parsed and checked in the domain, not in widgets: by
:mod:`esms_desktop.domain.parsing`, whose parsers are re-exported here for existing callers.
"""

from __future__ import annotations

from dataclasses import fields, replace
from types import MappingProxyType
from typing import Any

from esms_desktop.domain.campaign import Campaign
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
from esms_desktop.domain.identifiers import normalise
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
from esms_desktop.domain.validation import DECLARED_FINESS


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


def switch_campaign(dossier: Dossier, campaign: Campaign) -> tuple[Dossier, tuple[str, ...]]:
    """``dossier`` under ``campaign`` (its identifier and fingerprint), and the typed values
    dropped on the way.

    A value typed for the old call is kept when the new campaign has a value of that name (the
    director typed it from her ARS's text, she should not type it again), and dropped otherwise:
    :meth:`Campaign.with_overrides <esms_desktop.domain.campaign.Campaign.with_overrides>` refuses
    unknown names, so a dossier keeping one could no longer be budgeted at all. The dropped names
    come back, in the dossier's order, for the caller to say which. Choosing the campaign is
    looking at its rules: the fingerprint recorded is the campaign's current one.
    """
    kept = {name: amount for name, amount in dossier.overrides.items() if name in campaign.values}
    dropped = tuple(name for name in dossier.overrides if name not in campaign.values)
    switched = replace(
        dossier,
        campaign_id=campaign.id,
        campaign_fingerprint=campaign.fingerprint,
        overrides=MappingProxyType(kept),
    )
    return switched, dropped


def accept_campaign_version(dossier: Dossier, campaign: Campaign) -> Dossier:
    """``dossier`` recording ``campaign``'s current fingerprint: the director has looked at the
    budget under the changed rules, so the warning of
    :func:`~esms_desktop.domain.campaign_version.campaign_changed` stops (until the file changes
    again). The typed values are left alone: the new rules may keep them."""
    return replace(dossier, campaign_fingerprint=campaign.fingerprint)


def declare_ght(dossier: Dossier, finess: str, attached: bool) -> Dossier:
    """``dossier`` declaring the ESSMS ``finess`` attached to a GHT whose DUI it keeps, or not.

    Only the user can say it (nothing in FINESS tells), and it is declared per ESSMS, by its
    FINESS géographique as the rules read it (normalised, so « 59 000 001 2 » and « 590000012 »
    are one declaration). Raises ``ValueError`` for what is no FINESS once normalised (empty,
    not nine characters): the rules count no such ESSMS, so there is nothing to declare, and
    the check of a dossier (:mod:`~esms_desktop.domain.validation`) would refuse it.
    """
    key = normalise(finess)
    if not DECLARED_FINESS.fullmatch(key):
        raise ValueError(f"declare_ght : FINESS géographique attendu, reçu {finess!r}")
    current = dossier.declarations.ght_essms
    ght = current | {key} if attached else current - {key}
    return replace(dossier, declarations=replace(dossier.declarations, ght_essms=ght))


def declare_editor_registered(dossier: Dossier, value: bool | None) -> Dossier:
    """``dossier`` declaring whether the DUI's editor is registered at the Ségur referencing
    office on the convention date (what a 2025 AHI project without a referenced DUI needs);
    ``None`` takes the declaration back, and the rule is « à vérifier » again."""
    return replace(dossier, declarations=replace(dossier.declarations, editor_registered=value))


ESTABLISHMENT_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Establishment))

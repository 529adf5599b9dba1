"""One porteur: the dossier's Porteur page and the grappe's porteur OG are one organisation.

The director may type the porteur's name on the Porteur page first, or import a spreadsheet whose
rows name it, or promote an OG in the grappe's table. Whichever side is entered first fills the
other, and an edit on one side is copied to the other, so the printed dossier never shows two
porteurs. The identity they share is the name, the SIREN and the FINESS juridique. The contacts
are not linked: an OG's contact is whoever answers for that OG, while the Porteur page's project
lead and e-mail are the people the ARS deals with. The PDF already falls back on the OG's contact
when the Porteur page leaves them empty.

Merges follow the same idea: a merge never demotes the sheet's porteur without asking.
:func:`settle_porteur` holds the rule and :func:`porteur_clash` says when the user has to choose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Protocol

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.grappe import Grappe, OgRole, Organisation
from esms_desktop.domain.identifiers import normalise

IDENTITY_FIELDS: tuple[str, ...] = ("name", "siren", "finess_ej")
"""What the Porteur page and the porteur OG share (attributes of both Porteur and Organisation)."""


class Identified(Protocol):
    """A Porteur or an Organisation: both have a name, a SIREN and a FINESS juridique."""

    @property
    def name(self) -> str: ...

    @property
    def siren(self) -> str: ...

    @property
    def finess_ej(self) -> str: ...


def _stored(field: str, value: str) -> str:
    """A value as the grappe keeps it: names without surrounding spaces, numbers normalised.

    The Porteur page keeps what was typed, half-typed SIREN included, so both sides are compared
    through this form and never character by character.
    """
    return value.strip() if field == "name" else normalise(value)


def _key(field: str, value: str) -> str:
    """How two organisations are compared: names ignore case and spacing."""
    if field == "name":
        return " ".join(value.casefold().split())
    return normalise(value)


def _match(a: Identified, b: Identified) -> bool | None:
    """Same organisation? The SIREN decides when both have one, else the FINESS juridique,
    else the name; ``None`` when nothing can be compared (one side is blank)."""
    for field in ("siren", "finess_ej", "name"):
        x, y = _key(field, getattr(a, field)), _key(field, getattr(b, field))
        if x and y:
            return x == y
    return None


def same_organisation(a: Identified, b: Identified) -> bool:
    """True when ``a`` and ``b`` are the same organisation: same SIREN, or else same FINESS
    juridique, or else the same name (case and spaces ignored)."""
    return _match(a, b) is True


def same_identity(porteur: Identified, og: Identified) -> bool:
    """True when both sides show the same name, SIREN and FINESS juridique (as the grappe keeps
    them): what :func:`sync_porteur` maintains whenever there is a porteur OG."""
    return all(
        _stored(f, getattr(porteur, f)) == _stored(f, getattr(og, f)) for f in IDENTITY_FIELDS
    )


def _blank(who: Identified) -> bool:
    return not any(_key(f, getattr(who, f)) for f in IDENTITY_FIELDS)


def _porteur_index(grappe: Grappe) -> int | None:
    return next((i for i, og in enumerate(grappe.organisations) if og.role is OgRole.PORTEUR), None)


def sync_porteur(before: Dossier, after: Dossier) -> Dossier:
    """``after`` with the Porteur page and the porteur OG showing the same identity.

    ``before`` tells which side the edit changed, field by field:

    * a field changed on the porteur OG (typed in the grid, imported, merged, another OG made
      porteur) is copied to the Porteur page; the fields only the page has (legal representative,
      project lead, address…) are never touched;
    * else a field changed on the Porteur page is copied to the porteur OG, if there is one;
    * a field left unchanged and empty on one side is filled from the other, never the reverse.

    When the porteur OG appears (first OG, import into an empty grappe, promotion, a dossier
    created from a file), the two sides are joined if they can be the same organisation (the page
    is blank, or nothing contradicts it): the page, entered first, keeps its values and fills the
    OG's blanks. If the OG is another organisation, the page takes the OG's identity: the grappe
    says who carries the candidature. Without a porteur OG the page is left as it is.
    """
    index = _porteur_index(after.grappe)
    if index is None:
        return after
    og = after.grappe.organisations[index]
    old_og = before.grappe.porteur
    page_before, page = before.porteur, after.porteur
    joined = old_og is None and (_blank(page) or _match(page, og) is not False)
    to_page: dict[str, str] = {}
    to_og: dict[str, Any] = {}
    for f in IDENTITY_FIELDS:
        og_value, page_value = getattr(og, f), getattr(page, f)
        if old_og is not None and getattr(old_og, f) != og_value:
            from_og = True  # edited on the OG side, a deliberate clearing included
        elif getattr(page_before, f) != page_value:
            from_og = False  # edited on the Porteur page
        elif _stored(f, page_value) == _stored(f, og_value):
            continue
        elif not _key(f, page_value):
            from_og = True
        elif not _key(f, og_value):
            from_og = not (old_og is not None or joined)
        elif old_og is None:
            from_og = not joined
        else:
            continue  # two values nobody edited now (an older dossier): left for the user
        if from_og:
            if page_value != og_value:
                to_page[f] = og_value
        elif _stored(f, page_value) != og_value:
            to_og[f] = _stored(f, page_value)
    if not to_page and not to_og:
        return after
    organisations = after.grappe.organisations
    if to_og:
        organisations = (
            *organisations[:index],
            replace(og, **to_og),
            *organisations[index + 1 :],
        )
    return replace(
        after,
        porteur=replace(page, **to_page) if to_page else page,
        grappe=replace(after.grappe, organisations=organisations),
    )


def link_porteur(dossier: Dossier) -> Dossier:
    """``dossier`` with its Porteur page and porteur OG joined, as when the OG first appears.

    For a dossier just created from a spreadsheet or an exchange file: the page, blank or
    partly filled, gets the porteur OG's name, SIREN and FINESS juridique.
    """
    return sync_porteur(replace(dossier, grappe=Grappe()), dossier)


def porteur_organisation(dossier: Dossier) -> Organisation | None:
    """The porteur OG the Porteur page describes, or ``None`` when the page has no name yet.

    Used when the first establishment or OG is added to an empty grappe: the organisation is the
    one the user typed, never an invented « Nouvel organisme ».
    """
    page = dossier.porteur
    if not page.name.strip():
        return None
    return Organisation(
        name=page.name.strip(),
        role=OgRole.PORTEUR,
        siren=normalise(page.siren),
        finess_ej=normalise(page.finess_ej),
    )


# --- merges -----------------------------------------------------------------------------------


class PorteurChoice(StrEnum):
    """Who carries the candidature when a file brings another porteur than the dossier's."""

    INCOMING = "incoming"
    """The file's porteur is the porteur; the dossier's becomes a member (the default)."""
    CURRENT = "current"
    """The dossier's porteur stays; the file's becomes a member (only if the user asks)."""


@dataclass(frozen=True, slots=True)
class PorteurClash:
    """The dossier has a porteur of its own and the file names another one: the user chooses."""

    current: Organisation
    incoming: Organisation


def is_placeholder(og: Organisation) -> bool:
    """An OG that is only a name: no establishment, identifier, size or contact.

    A file's porteur takes the place of such an OG without asking: nothing would be lost.
    """
    return replace(og, name="", role=OgRole.MEMBRE) == Organisation(name="")


def find_organisation(organisations: Sequence[Organisation], og: Organisation) -> int | None:
    """Index of the first OG that is the same organisation as ``og`` (see
    :func:`same_organisation`), or ``None``."""
    return next((i for i, o in enumerate(organisations) if same_organisation(o, og)), None)


def porteur_clash(current: Grappe, incoming: Grappe) -> PorteurClash | None:
    """The two porteurs when adding ``incoming`` to ``current`` needs the user's choice.

    No choice is needed when either side has no porteur, when both are the same organisation,
    or when the dossier's porteur is only a name (the file's porteur takes its place).
    """
    ours, theirs = _porteur_index(current), _porteur_index(incoming)
    if ours is None or theirs is None:
        return None
    mine, other = current.organisations[ours], incoming.organisations[theirs]
    if find_organisation(current.organisations, other) == ours or is_placeholder(mine):
        return None
    return PorteurClash(mine, other)


def settle_porteur(
    grappe: Grappe,
    current: int | None,
    incoming: int | None,
    choice: PorteurChoice = PorteurChoice.INCOMING,
) -> Grappe:
    """Give the porteur role after a merge that added OGs as members.

    ``current`` is the index of the dossier's porteur, ``incoming`` the index where the file's
    porteur ended up (merged into an OG or appended); either may be ``None``. The file's porteur
    stays porteur when it is the dossier's own, when the dossier had none, or when the dossier's
    was only a name (it then takes that OG's place). Otherwise ``choice`` decides, and the other
    one becomes a member: the file's porteur is never demoted unless the user chose so.
    """
    if incoming is None or incoming == current:
        return grappe
    orgs = list(grappe.organisations)
    promoted = replace(orgs[incoming], role=OgRole.PORTEUR)
    if current is None:
        orgs[incoming] = promoted
    elif is_placeholder(orgs[current]):
        orgs[current] = promoted
        del orgs[incoming]
    elif choice is PorteurChoice.INCOMING:
        orgs[current] = replace(orgs[current], role=OgRole.MEMBRE)
        orgs[incoming] = promoted
    return replace(grappe, organisations=tuple(orgs))


def fill_organisation(og: Organisation, other: Organisation) -> Organisation:
    """``og`` with its empty identifiers, size and contacts filled from ``other`` (the same
    organisation, read from a file): a merge fills blanks, never overwrites what was there."""
    changes: dict[str, Any] = {}
    for f in ("siren", "finess_ej", "contact_name", "contact_email"):
        if not getattr(og, f) and getattr(other, f):
            changes[f] = getattr(other, f)
    if og.declared_size is None and other.declared_size is not None:
        changes["declared_size"] = other.declared_size
    return replace(og, **changes) if changes else og


def carry_identities(current: Grappe, incoming: Grappe) -> Grappe:
    """``incoming`` (replacing ``current``) with its OGs' blanks filled from the same
    organisations in ``current``: replacing a grappe must not erase a SIREN typed before."""
    organisations = []
    for og in incoming.organisations:
        known = find_organisation(current.organisations, og)
        organisations.append(
            og if known is None else fill_organisation(og, current.organisations[known])
        )
    return replace(incoming, organisations=tuple(organisations))

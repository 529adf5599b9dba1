"""One merge of a grappe into another: the spreadsheet import and the partner's ``.esms`` file.

Both bring OGs and ESSMS that may already be in the dossier; they used to be merged by two
functions that did not agree (one matched OGs by name first and duplicated ESSMS it met under
another OG, the other matched by FINESS). There is now one rule, stated here:

* an incoming OG is the OG of the grappe with the same FINESS juridique, else the same SIREN,
  else the same name (case and spacing ignored) — by name only when no identifier contradicts
  it: two OGs of the same name but different SIREN or FINESS juridique are two organisations.
  A matched OG keeps its values and has its blanks filled (:func:`fill_organisation`); an
  unmatched one is added as a member, unless every ESSMS it lists is already in the grappe (a
  renamed OG does not come back as an empty copy; the file's porteur is always added);
* an incoming ESSMS is the ESSMS of the grappe with the same FINESS, whatever its OG
  (:func:`establishment_key`; the name when there is no FINESS); a new ESSMS goes to its OG;
* on an ESSMS present on both sides, a field where ours was never filled in (an empty text, a
  capacity not given) takes theirs; any other difference is a *conflict* — a yes/no, a
  percentage or a choice still at its default is an answer too (« non », 100 %, « aucun »), not
  a blank — settled per ESSMS by ``choices`` (``"ours"`` or ``"theirs"``) or else by
  ``default``, and reported; every change, fill or conflict, is in the report;
* a *part* file (one OG's own part, sent back by a partner: ``part=True``) may change only the
  OG it is the part of: an ESSMS it lists that belongs to another OG is not applied but reported
  (:class:`RefusedEstablishment`), and it never takes the porteur role from a real porteur;
* the file's porteur is never demoted without asking: ``porteur_link.settle_porteur`` gives the
  role and :func:`porteur_clash` says, from this very matching, when the user has to choose;
* a file may add at most ``limit`` new ESSMS (:data:`MAX_NEW_ESTABLISHMENTS` for the partner's
  file): beyond it the merge is refused (:class:`TooManyEstablishmentsError`) before anything else.

Everything is pure: the result is a new grappe and a report made of frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

from esms_desktop.domain.errors import UserError
from esms_desktop.domain.fields import ESTABLISHMENT_BY_NAME, FieldKind
from esms_desktop.domain.formatting import format_number
from esms_desktop.domain.grappe import DuiSolution, Establishment, Grappe, OgRole, Organisation
from esms_desktop.domain.identifiers import normalise
from esms_desktop.domain.porteur_link import (
    PorteurChoice,
    PorteurClash,
    fill_organisation,
    is_placeholder,
    settle_porteur,
)

Side = Literal["ours", "theirs"]
"""Whose values a conflicting ESSMS keeps: the dossier's (``"ours"``) or the file's."""

MAX_NEW_ESTABLISHMENTS = 500
"""The most ESSMS one partner's file may add. The programme's largest grappes count a few hundred
ESSMS: a file adding more is the wrong file (or a forged one), and is refused before it is
merged rather than swelling the dossier by thousands of rows."""


class TooManyEstablishmentsError(UserError):
    """A merge would add more new ESSMS than its limit: refused, nothing is changed."""

    def __init__(self, count: int, limit: int, source: str = "") -> None:
        who = f"Le fichier « {source} »" if source else "Ce fichier"
        super().__init__(
            f"{who} ajouterait {format_number(count)} ESSMS à la grappe, plus que les "
            f"{format_number(limit)} qu'une fusion peut ajouter : la fusion est refusée, rien "
            "n'a été modifié. Les plus grandes grappes du programme comptent quelques centaines "
            "d'ESSMS : vérifiez qu'il s'agit du bon fichier."
        )
        self.count = count
        self.limit = limit
        self.source = source


# --- the report ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an ESSMS that differs; ``conflict`` when ours was filled in too."""

    field: str
    label: str
    ours: str
    theirs: str
    conflict: bool


@dataclass(frozen=True, slots=True)
class EstablishmentMerge:
    """An ESSMS present on both sides (same FINESS) with different values."""

    key: str
    finess: str
    name: str
    organisation: str
    changes: tuple[FieldChange, ...]
    taken: Side = "theirs"
    """For conflicting fields: whose values were kept (non-conflicting ones always take theirs)."""

    @property
    def conflict(self) -> bool:
        return any(c.conflict for c in self.changes)


@dataclass(frozen=True, slots=True)
class AddedEstablishment:
    finess: str
    name: str
    organisation: str


@dataclass(frozen=True, slots=True)
class RefusedEstablishment:
    """An ESSMS of another OG listed in a part file: not applied, shown to the user.

    ``owner`` is the OG the ESSMS belongs to in the dossier, ``source`` the OG whose part the
    file is; ``changes`` what the file would have changed (empty when it lists it unchanged).
    """

    key: str
    finess: str
    name: str
    owner: str
    source: str
    changes: tuple[FieldChange, ...] = ()

    @property
    def message(self) -> str:
        """The French sentence the dialog and the CLI show."""
        what = f"{self.finess} ({self.name})" if self.finess else f"« {self.name} »"
        return (
            f"L'ESSMS {what} appartient à l'OG « {self.owner} » : le fichier de "
            f"« {self.source} » ne peut pas le modifier."
        )


@dataclass(frozen=True, slots=True)
class GrappeMerge:
    """The merged grappe and what the merge did to get it.

    ``porteur_clash`` is set when the file names another porteur than the dossier's and ours is
    not only a name: ``porteur_kept`` then says which one the merged grappe keeps as porteur.
    ``porteur_note`` is a French sentence when the merge changes who is porteur, else empty.
    ``refused`` lists the ESSMS of other OGs a part file listed (not applied); ``notes`` are
    French sentences about what a part file could not do or how its OG was recognised.
    """

    grappe: Grappe
    added: tuple[AddedEstablishment, ...] = ()
    changed: tuple[EstablishmentMerge, ...] = ()
    unchanged: int = 0
    added_organisations: tuple[str, ...] = ()
    porteur_clash: PorteurClash | None = None
    porteur_kept: PorteurChoice = PorteurChoice.INCOMING
    porteur_note: str = ""
    refused: tuple[RefusedEstablishment, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def conflicts(self) -> tuple[EstablishmentMerge, ...]:
        return tuple(c for c in self.changed if c.conflict)

    @property
    def resolution(self) -> Mapping[str, Side]:
        """Whose values each conflicting ESSMS kept, by :func:`establishment_key`."""
        return MappingProxyType({c.key: c.taken for c in self.conflicts})


# --- matching ------------------------------------------------------------------------------------


def establishment_key(est: Establishment) -> str:
    """FINESS (normalised) when there is one, else the name: what matches two rows."""
    finess = normalise(est.finess)
    return finess if finess else "nom:" + _name_key(est.name)


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _contradicts(a: Organisation, b: Organisation) -> bool:
    """Both sides give a SIREN, or a FINESS juridique, and they differ: two organisations."""
    for f in ("siren", "finess_ej"):
        x, y = normalise(getattr(a, f)), normalise(getattr(b, f))
        if x and y and x != y:
            return True
    return False


def match_organisation(organisations: Sequence[Organisation], og: Organisation) -> int | None:
    """Index of the OG that is ``og``: same FINESS juridique, else same SIREN, else same name
    (case and spacing ignored) with no identifier contradicting it; ``None`` when none is.

    Each key is looked for in the whole grappe before the next one is tried, so a renamed OG
    found by its FINESS juridique is never taken for a namesake listed before it.
    """
    ej, siren, name = normalise(og.finess_ej), normalise(og.siren), _name_key(og.name)
    if ej:
        for i, o in enumerate(organisations):
            if normalise(o.finess_ej) == ej:
                return i
    if siren:
        for i, o in enumerate(organisations):
            if normalise(o.siren) == siren:
                return i
    if name:
        for i, o in enumerate(organisations):
            if _name_key(o.name) == name and not _contradicts(o, og):
                return i
    return None


# --- the merge -----------------------------------------------------------------------------------

_ANSWERED_KINDS = frozenset({FieldKind.BOOLEAN, FieldKind.DECIMAL, FieldKind.CHOICE})
"""Kinds of field whose default is itself an answer: « non », 100 %, « aucun » are what someone
chose (or left as true), so they are never a blank that the other side may fill silently."""


def _blank(name: str, value: object) -> bool:
    """Ours was never filled in, so taking theirs loses nothing: a text left empty, a capacity
    not given — the field's default, for a field whose default means « not given » (decided
    from the field table, :mod:`esms_desktop.domain.fields`)."""
    spec = ESTABLISHMENT_BY_NAME[name]
    return spec.kind not in _ANSWERED_KINDS and value == spec.default


def _shown(value: object) -> str:
    """A field's value as a French reader sees it in the report."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, StrEnum):
        label = getattr(value, "label", None)
        return str(label) if label is not None else value.value
    return str(value)


def _differences(
    mine: Establishment, theirs: Establishment, labels: Mapping[str, str]
) -> list[FieldChange]:
    return [
        FieldChange(
            f.name,
            labels.get(f.name, f.name),
            _shown(getattr(mine, f.name)),
            _shown(getattr(theirs, f.name)),
            conflict=not _blank(f.name, getattr(mine, f.name)),
        )
        for f in fields(Establishment)
        if getattr(mine, f.name) != getattr(theirs, f.name)
    ]


@dataclass(slots=True)
class _Work:
    """The grappe being merged, OG by OG, with where each ESSMS already is."""

    ogs: list[Organisation]
    rows: list[list[Establishment]]
    where: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, row in enumerate(self.rows):
            for j, est in enumerate(row):
                self.where[establishment_key(est)] = (i, j)

    def add(self, target: int, est: Establishment) -> None:
        self.rows[target].append(est)
        self.where[establishment_key(est)] = (target, len(self.rows[target]) - 1)

    def brings_something(self, og: Organisation) -> bool:
        """``og`` lists no ESSMS (it is sent to be added) or at least one not in the grappe."""
        keys = [establishment_key(e) for e in og.establishments]
        return not keys or any(k not in self.where for k in keys)

    def grappe(self, solution: DuiSolution) -> Grappe:
        return Grappe(
            tuple(
                replace(og, establishments=tuple(r))
                for og, r in zip(self.ogs, self.rows, strict=True)
            ),
            solution,
        )


def merge(
    current: Grappe,
    incoming: Grappe,
    choices: Mapping[str, Side] | None = None,
    default: Side = "ours",
    porteur: PorteurChoice = PorteurChoice.INCOMING,
    labels: Mapping[str, str] | None = None,
    *,
    part: bool = False,
    limit: int | None = None,
    source: str = "",
) -> GrappeMerge:
    """Merge ``incoming`` into ``current`` by the rules of the module docstring.

    ``choices`` maps an ESSMS's :func:`establishment_key` to whose values it keeps on conflict,
    ``default`` settles the others (ours: a merge never overwrites silently). ``porteur`` decides
    a porteur clash. ``labels`` names the ESSMS fields in the report (the field name otherwise).
    The solution stays ours unless it is unnamed. Only the file's first porteur counts; its
    other OGs come in as members.

    ``part``: ``incoming`` is a part file, each of its OGs may change only the OG it is (its
    ESSMS elsewhere in the grappe are refused and reported) and may not take the porteur role
    from a real porteur. ``limit``: the most new ESSMS the merge may add, else
    :class:`TooManyEstablishmentsError` (naming ``source``, the file) is raised before anything.
    """
    choices = choices or {}
    labels = labels or {}
    work = _Work(
        list(current.organisations), [list(og.establishments) for og in current.organisations]
    )
    if limit is not None:
        count = _new_count(work, incoming)
        if count > limit:
            raise TooManyEstablishmentsError(count, limit, source)
    added: list[AddedEstablishment] = []
    changed: list[EstablishmentMerge] = []
    refused: list[RefusedEstablishment] = []
    new_ogs: list[str] = []
    notes: list[str] = []
    unchanged = 0
    ours = next((i for i, og in enumerate(work.ogs) if og.role is OgRole.PORTEUR), None)
    theirs: int | None = None
    for their_og in incoming.organisations:
        target = match_organisation(work.ogs, their_og)
        first_porteur = their_og.role is OgRole.PORTEUR and theirs is None
        refusal = _porteur_refused(work, ours, target, their_og.name) if part else ""
        if first_porteur and refusal:
            first_porteur = False  # a partner's part does not take the role from our porteur
            notes.append(refusal)
        if target is None and (first_porteur or work.brings_something(their_og)):
            work.ogs.append(replace(their_og, role=OgRole.MEMBRE, establishments=()))
            work.rows.append([])
            target = len(work.ogs) - 1
            new_ogs.append(their_og.name)
            if part:
                notes.append(
                    f"« {their_og.name} » ne correspond à aucun organisme de la grappe (FINESS "
                    "juridique, SIREN, nom) : il est ajouté comme nouveau membre."
                )
        elif target is not None:
            work.ogs[target] = fill_organisation(work.ogs[target], their_og)
        elif part:
            notes.append(
                f"« {their_og.name} » ne correspond à aucun organisme de la grappe (FINESS "
                "juridique, SIREN, nom) et n'apporte aucun ESSMS nouveau : il n'est pas ajouté."
            )
        for est in their_og.establishments:
            key = establishment_key(est)
            if key not in work.where:
                assert target is not None  # an OG bringing a new ESSMS is matched or added
                work.add(target, est)
                added.append(AddedEstablishment(est.finess, est.name, work.ogs[target].name))
                continue
            i, j = work.where[key]
            mine = work.rows[i][j]
            diffs = _differences(mine, est, labels)
            if part and i != target:  # another OG's ESSMS: the part may not touch it
                refused.append(
                    RefusedEstablishment(
                        key, mine.finess, mine.name, work.ogs[i].name, their_og.name, tuple(diffs)
                    )
                )
                continue
            if not diffs:
                unchanged += 1
                continue
            side: Side = choices.get(key, default)
            values = {
                d.field: getattr(est, d.field) for d in diffs if not d.conflict or side == "theirs"
            }
            work.rows[i][j] = replace(mine, **values)
            changed.append(
                EstablishmentMerge(
                    key, mine.finess, mine.name, work.ogs[i].name, tuple(diffs), side
                )
            )
        if first_porteur:
            theirs = target
    solution = current.solution if current.solution.label else incoming.solution
    merged = work.grappe(solution)
    clash, note = _porteur_outcome(current, merged, ours, theirs, porteur)
    return GrappeMerge(
        grappe=settle_porteur(merged, ours, theirs, porteur),
        added=tuple(added),
        changed=tuple(changed),
        unchanged=unchanged,
        added_organisations=tuple(new_ogs),
        porteur_clash=clash,
        porteur_kept=porteur,
        porteur_note=note,
        refused=tuple(refused),
        notes=tuple(notes),
    )


def _new_count(work: _Work, incoming: Grappe) -> int:
    """How many ESSMS merging ``incoming`` would add: its distinct keys not in the grappe (a
    part file's refusals are all ESSMS already there, so they never count)."""
    keys = {establishment_key(e) for og in incoming.organisations for e in og.establishments}
    return len(keys - work.where.keys())


def _porteur_refused(work: _Work, ours: int | None, target: int | None, name: str) -> str:
    """Why a part file naming its OG « ``name`` » porteur leaves the role where it is, or "" when
    it may keep it, nobody losing it: the dossier has no porteur, or one that is only a name,
    or the part is our porteur's own."""
    if ours is None or target == ours or is_placeholder(work.ogs[ours]):
        return ""
    return (
        f"Le fichier de « {name} » le désigne comme porteur : le fichier d'un seul organisme ne "
        f"change pas le porteur, « {work.ogs[ours].name} » reste le porteur du projet."
    )


def porteur_clash(current: Grappe, incoming: Grappe) -> PorteurClash | None:
    """The two porteurs when merging ``incoming`` into ``current`` needs the user's choice.

    Read from :func:`merge` itself, so the question is asked exactly when the merge would
    otherwise demote one of them: not when either side has no porteur, when the file's porteur
    is the dossier's own OG, or when the dossier's porteur is only a name.
    """
    return merge(current, incoming).porteur_clash


def _porteur_outcome(
    current: Grappe, merged: Grappe, ours: int | None, theirs: int | None, choice: PorteurChoice
) -> tuple[PorteurClash | None, str]:
    """The porteur clash if any, and the French sentence saying who is porteur after the merge
    (empty when nothing changes). ``merged`` is before ``settle_porteur``, as it decides."""
    if theirs is None or theirs == ours:
        return None, ""
    their_og = merged.organisations[theirs]
    their_name = their_og.name
    if ours is None:
        return None, f"« {their_name} » devient le porteur du projet."
    our_og = merged.organisations[ours]
    if is_placeholder(our_og):
        return None, f"« {their_name} » remplace « {our_og.name} » comme porteur du projet."
    clash = PorteurClash(current.organisations[ours], their_og)
    if choice is PorteurChoice.INCOMING:
        note = (
            f"Le fichier désigne « {their_name} » comme porteur, le dossier « {our_og.name} » : "
            f"« {their_name} » devient le porteur, « {our_og.name} » devient membre."
        )
    else:
        note = (
            f"Le fichier désigne « {their_name} » comme porteur, le dossier « {our_og.name} » : "
            f"« {our_og.name} » reste le porteur, « {their_name} » devient membre."
        )
    return clash, note

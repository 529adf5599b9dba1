"""The one merge (``domain/merge.py``) behind the spreadsheet import and the partner's file.

How an incoming OG and ESSMS are recognised, what is filled, what is a conflict and how it is
settled, and the porteur rules of ``domain/porteur_link.py`` kept through the merge.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esms_desktop.domain.errors import UserError
from esms_desktop.domain.grappe import DuiSolution, Grappe, OgRole, Organisation, ProjectType
from esms_desktop.domain.merge import (
    MAX_NEW_ESTABLISHMENTS,
    FieldChange,
    TooManyEstablishmentsError,
    establishment_key,
    match_organisation,
    merge,
    porteur_clash,
)
from esms_desktop.domain.porteur_link import PorteurChoice, is_placeholder
from tests.domain.builders import establishments, og

SIREN_A, SIREN_B = "314159260", "732829320"
EJ_A, EJ_B = "590088001", "620088013"


def _org(
    name: str, *, siren: str = "", ej: str = "", porteur: bool = False, n: int = 0, at: int = 0
):
    return replace(
        og(name, establishments(n, start=at), porteur=porteur), siren=siren, finess_ej=ej
    )


# --- which OG is which ---------------------------------------------------------------------------


def test_the_finess_juridique_is_looked_for_first_then_the_siren_then_the_name() -> None:
    ogs = [_org("Les Hirondelles"), _org("B", siren=SIREN_A), _org("Assoc. Hirondelles", ej=EJ_A)]
    # A namesake listed first does not hide the OG with the same FINESS juridique.
    assert match_organisation(ogs, _org("les  hirondelles", ej=EJ_A)) == 2
    assert match_organisation(ogs, _org("Autre", siren=SIREN_A)) == 1
    assert match_organisation(ogs, _org("  LES hirondelles ")) == 0
    assert match_organisation(ogs, _org("Inconnu")) is None


def test_a_name_is_not_enough_when_an_identifier_says_otherwise() -> None:
    ogs = [_org("APEI", siren=SIREN_A, ej=EJ_A)]
    assert match_organisation(ogs, _org("APEI", ej=EJ_B)) is None
    assert match_organisation(ogs, _org("APEI", siren=SIREN_B)) is None
    assert match_organisation(ogs, _org("apei")) == 0  # nothing to contradict it


def test_identifiers_are_compared_as_the_grappe_keeps_them() -> None:
    ogs = [_org("A", siren=SIREN_A, ej=EJ_A)]
    assert match_organisation(ogs, _org("Z", ej="59 008 800 1")) == 0
    assert match_organisation(ogs, _org("Z", siren="314 159 260")) == 0


# --- ESSMS ---------------------------------------------------------------------------------------


def test_an_essms_is_found_by_finess_in_whichever_og_it_is() -> None:
    ests = establishments(3)
    current = Grappe((og("OG A", ests[:1], porteur=True), og("OG B", ests[1:2])))
    incoming = Grappe((og("OG B", (replace(ests[0], capacity=12), ests[2])),))
    result = merge(current, incoming)
    a, b = result.grappe.organisations
    assert a.establishments == (replace(ests[0], capacity=12),)  # updated where it is
    assert b.establishments == (ests[1], ests[2])  # the new one goes to its OG
    assert [x.finess for x in result.added] == [ests[2].finess]


def test_an_essms_without_finess_is_recognised_by_its_name() -> None:
    est = replace(establishments(1)[0], finess="", name="Foyer  Soleil")
    assert establishment_key(est) == establishment_key(replace(est, name="foyer soleil"))
    current = Grappe((og("OG A", (est,)),))
    result = merge(current, Grappe((og("OG A", (replace(est, name="FOYER SOLEIL"),)),)))
    assert result.grappe.establishment_count == 1


def test_conflicts_are_data_settled_per_essms_or_by_default() -> None:
    one, two = (replace(e, capacity=10) for e in establishments(2))
    current = Grappe((og("OG A", (one, replace(two, capacity=None))),))
    incoming = Grappe(
        (og("OG A", (replace(one, name="Autre", capacity=5), replace(two, capacity=30))),)
    )
    result = merge(current, incoming, labels={"name": "nom"})
    (conflict,) = result.conflicts
    assert conflict.key == establishment_key(one)
    assert conflict.changes == (
        FieldChange("name", "nom", one.name, "Autre", True),
        FieldChange("capacity", "capacity", "10", "5", True),
    )
    assert [c.conflict for c in result.changed[1].changes] == [False]  # our blank: no conflict
    merged = result.grappe.organisations[0].establishments
    assert (merged[0].name, merged[0].capacity) == (one.name, one.capacity)  # ours by default
    assert merged[1].capacity == 30
    assert dict(result.resolution) == {conflict.key: "ours"}

    chosen = merge(current, incoming, {conflict.key: "theirs"}).grappe
    assert chosen.organisations[0].establishments[0].name == "Autre"
    assert merge(current, incoming, default="theirs").grappe == chosen


def test_an_og_that_brings_nothing_new_is_not_added_as_an_empty_copy() -> None:
    ests = establishments(2)
    current = Grappe((og("OG A", ests, porteur=True),))
    result = merge(current, Grappe((og("Autre nom", ests),)))
    assert [o.name for o in result.grappe.organisations] == ["OG A"]
    # An OG sent alone, with no ESSMS yet, is meant to be added.
    alone = merge(current, Grappe((og("Partenaire", ()),)))
    assert [o.name for o in alone.grappe.organisations] == ["OG A", "Partenaire"]
    assert alone.added_organisations == ("Partenaire",)


def test_a_matched_og_keeps_its_values_and_gets_its_blanks_filled() -> None:
    current = Grappe((_org("Assoc A", ej=EJ_A, porteur=True, n=1),))
    incoming = Grappe((replace(_org("Autre", siren=SIREN_A, ej=EJ_A), contact_name="M. Roux"),))
    (merged,) = merge(current, incoming).grappe.organisations
    assert (merged.name, merged.siren, merged.contact_name, merged.role) == (
        "Assoc A",
        SIREN_A,
        "M. Roux",
        OgRole.PORTEUR,
    )


def test_the_solution_stays_ours_unless_it_is_unnamed() -> None:
    mine, theirs = DuiSolution("Mon éditeur", "X"), DuiSolution("Autre", "Y")
    incoming = Grappe((og("OG B", establishments(1)),), theirs)
    assert merge(Grappe((), mine), incoming).grappe.solution == mine
    assert merge(Grappe(), incoming).grappe.solution == theirs


def test_ours_at_its_default_is_an_answer_their_different_value_a_conflict() -> None:
    """« non », 100 %, « aucun » were chosen (or left as true): the file may not overwrite them
    silently under « garder les nôtres »; an empty text is still a blank it fills."""
    (mine,) = establishments(1, project=ProjectType.AUCUN, hours=Decimal(100))
    assert not mine.already_funded and not mine.equipment and mine.town == ""
    theirs = replace(
        mine,
        already_funded=True,
        eligible_hours_pct=Decimal(60),
        equipment=True,
        project=ProjectType.ACQUISITION,
        town="Douai",
    )
    current = Grappe((og("OG A", (mine,), porteur=True),))
    result = merge(current, Grappe((og("OG A", (theirs,)),)))
    (change,) = result.changed
    conflicts = {c.field: (c.ours, c.theirs) for c in change.changes if c.conflict}
    assert conflicts == {
        "project": (ProjectType.AUCUN.label, ProjectType.ACQUISITION.label),
        "equipment": ("non", "oui"),
        "eligible_hours_pct": ("100", "60"),
        "already_funded": ("non", "oui"),
    }
    assert [c.field for c in change.changes if not c.conflict] == ["town"]  # listed too
    (kept,) = result.grappe.organisations[0].establishments
    assert kept == replace(mine, town="Douai")  # ours kept, the blank filled
    chosen = merge(current, Grappe((og("OG A", (theirs,)),)), {change.key: "theirs"})
    (taken,) = chosen.grappe.rows()
    assert taken[1] == theirs


# --- a partner's part file -----------------------------------------------------------------------


def test_a_part_file_changes_and_adds_only_its_own_ogs_essms_and_reports_the_others() -> None:
    ests = establishments(4)
    porteur = replace(_org("Porteur", ej=EJ_A, porteur=True), establishments=ests[:2])
    partner = replace(_org("Partenaire", ej=EJ_B), establishments=ests[2:3])
    current = Grappe((porteur, partner))
    sent = replace(
        _org("Partenaire (siège)", ej=EJ_B),
        establishments=(
            replace(ests[0], capacity=999),  # the porteur's ESSMS, listed by the partner
            replace(ests[2], town="Lens"),  # its own: filled
            ests[3],  # new: comes in under the partner
        ),
    )
    result = merge(current, Grappe((sent,)), part=True)
    a, b = result.grappe.organisations
    assert a == porteur  # untouched
    assert b.establishments == (replace(ests[2], town="Lens"), ests[3])
    (refused,) = result.refused
    assert (refused.finess, refused.owner, refused.source) == (
        ests[0].finess,
        "Porteur",
        "Partenaire (siège)",
    )
    assert [c.field for c in refused.changes] == ["capacity"]
    assert refused.message == (
        f"L'ESSMS {ests[0].finess} ({ests[0].name}) appartient à l'OG « Porteur » : le fichier "
        "de « Partenaire (siège) » ne peut pas le modifier."
    )
    assert [c.finess for c in result.changed] == [ests[2].finess]
    # The same OGs in a whole-dossier file: an ESSMS is found wherever it is, as before.
    whole = merge(current, Grappe((sent,)))
    assert whole.refused == () and whole.grappe.organisations[0].establishments[0].capacity == 999


def test_a_part_file_does_not_take_the_porteur_role_from_a_real_porteur() -> None:
    ests = establishments(2)
    porteur = replace(_org("Porteur", ej=EJ_A, porteur=True), establishments=ests[:1])
    partner = replace(_org("Partenaire", ej=EJ_B), establishments=ests[1:])
    current = Grappe((porteur, partner))
    sent = replace(partner, role=OgRole.PORTEUR, contact_name="M. Roux")
    assert porteur_clash(current, Grappe((sent,))) is not None  # a whole file would ask
    result = merge(current, Grappe((sent,)), part=True)
    assert result.porteur_clash is None and result.porteur_note == ""
    assert [(o.name, o.role) for o in result.grappe.organisations] == [
        ("Porteur", OgRole.PORTEUR),
        ("Partenaire", OgRole.MEMBRE),
    ]
    assert result.grappe.organisations[1].contact_name == "M. Roux"  # its own blanks filled
    assert result.notes == (
        "Le fichier de « Partenaire » le désigne comme porteur : le fichier d'un seul organisme "
        "ne change pas le porteur, « Porteur » reste le porteur du projet.",
    )
    # Where nobody loses the role (the dossier's porteur is only a name), it takes it, as before.
    named = Grappe((Organisation("Nouvel organisme 1", OgRole.PORTEUR),))
    taken = merge(named, Grappe((sent,)), part=True).grappe
    assert [(o.name, o.role) for o in taken.organisations] == [("Partenaire", OgRole.PORTEUR)]


def test_a_part_whose_og_matches_nothing_comes_in_as_a_new_member_and_says_so() -> None:
    ests = establishments(3)
    current = Grappe((replace(_org("Porteur", ej=EJ_A, porteur=True), establishments=ests[:1]),))
    sent = replace(_org("Inconnu", siren=SIREN_B), establishments=(ests[0], ests[1]))
    result = merge(current, Grappe((sent,)), part=True)
    assert [o.name for o in result.grappe.organisations] == ["Porteur", "Inconnu"]
    assert result.added_organisations == ("Inconnu",)
    assert result.grappe.organisations[1].establishments == (ests[1],)
    assert [r.owner for r in result.refused] == ["Porteur"]
    assert "« Inconnu » ne correspond à aucun organisme de la grappe" in result.notes[0]


# --- how many a file may add ---------------------------------------------------------------------


def test_a_merge_adding_more_than_the_limit_is_refused_in_french_before_anything() -> None:
    current = Grappe((og("Porteur", establishments(1), porteur=True),))
    many = og("Partenaire", establishments(MAX_NEW_ESTABLISHMENTS + 1, start=1))
    with pytest.raises(TooManyEstablishmentsError) as refused:
        merge(current, Grappe((many,)), limit=MAX_NEW_ESTABLISHMENTS, source="apei.esms")
    assert isinstance(refused.value, UserError)
    assert refused.value.message.startswith(
        "Le fichier « apei.esms » ajouterait 501 ESSMS à la grappe, plus que les 500 qu'une "
        "fusion peut ajouter : la fusion est refusée, rien n'a été modifié."
    )
    # Exactly the limit, or ESSMS already there, pass; the spreadsheet import has no limit.
    enough = og("Partenaire", establishments(MAX_NEW_ESTABLISHMENTS, start=1))
    assert len(merge(current, Grappe((enough,)), limit=MAX_NEW_ESTABLISHMENTS).added) == 500
    known = og("Partenaire", (*establishments(1), *establishments(500, start=1)))
    assert len(merge(current, Grappe((known,)), limit=MAX_NEW_ESTABLISHMENTS).added) == 500
    assert len(merge(current, Grappe((many,))).added) == 501


# --- the porteur ---------------------------------------------------------------------------------


def test_the_files_porteur_found_by_finess_juridique_is_our_porteur_no_question() -> None:
    current = Grappe((_org("Assoc A", siren=SIREN_A, ej=EJ_A, porteur=True, n=1),))
    incoming = Grappe((_org("A (siège)", siren=SIREN_B, ej=EJ_A, porteur=True, n=2, at=5),))
    assert porteur_clash(current, incoming) is None
    result = merge(current, incoming)
    assert result.porteur_note == ""
    assert [(o.name, o.role) for o in result.grappe.organisations] == [("Assoc A", OgRole.PORTEUR)]


def test_another_porteur_is_a_clash_the_choice_settles_and_the_note_says() -> None:
    current = Grappe((_org("Assoc A", siren=SIREN_A, porteur=True, n=1),))
    incoming = Grappe((_org("Assoc B", siren=SIREN_B, porteur=True, n=1, at=5),))
    clash = porteur_clash(current, incoming)
    assert clash is not None
    assert (clash.current, clash.incoming.name) == (current.organisations[0], "Assoc B")
    taken = merge(current, incoming)
    assert [o.role for o in taken.grappe.organisations] == [OgRole.MEMBRE, OgRole.PORTEUR]
    assert "« Assoc B » devient le porteur" in taken.porteur_note
    kept = merge(current, incoming, porteur=PorteurChoice.CURRENT)
    assert [o.role for o in kept.grappe.organisations] == [OgRole.PORTEUR, OgRole.MEMBRE]
    assert kept.porteur_kept is PorteurChoice.CURRENT
    assert "« Assoc A » reste le porteur" in kept.porteur_note


def test_a_porteur_that_is_only_a_name_gives_way_and_the_files_porteur_is_always_added() -> None:
    ests = establishments(1)
    current = Grappe((Organisation("Nouvel organisme 1", OgRole.PORTEUR), og("OG B", ests)))
    # The file's porteur lists only an ESSMS we have: it still comes in, as porteur.
    incoming = Grappe((og("Hirondelles", ests, porteur=True),))
    assert porteur_clash(current, incoming) is None
    result = merge(current, incoming)
    assert [(o.name, o.role) for o in result.grappe.organisations] == [
        ("Hirondelles", OgRole.PORTEUR),
        ("OG B", OgRole.MEMBRE),
    ]
    assert "remplace « Nouvel organisme 1 »" in result.porteur_note


# --- properties ----------------------------------------------------------------------------------

NAMES = st.sampled_from(["Assoc A", "assoc  a", "Assoc B", "C"])
SIRENS = st.sampled_from(["", SIREN_A, SIREN_B])
EJS = st.sampled_from(["", EJ_A, EJ_B])


POOL = establishments(6)


@st.composite
def grappes(draw: st.DrawFn) -> Grappe:
    """Up to three distinct OGs sharing out some ESSMS of a common pool, each listed once (as a
    file or a dossier lists them); maybe a porteur."""
    count = draw(st.integers(0, 3))
    owned: list[list[int]] = [[] for _ in range(count)]
    if count:
        for n in draw(st.lists(st.integers(0, len(POOL) - 1), unique=True, max_size=4)):
            owned[draw(st.integers(0, count - 1))].append(n)
    ogs: list[Organisation] = []
    for mine in owned:
        candidate = Organisation(
            draw(NAMES),
            siren=draw(SIRENS),
            finess_ej=draw(EJS),
            establishments=tuple(POOL[n] for n in mine),
        )
        if match_organisation(ogs, candidate) is None:  # one grappe never lists an OG twice
            ogs.append(candidate)
    if ogs and draw(st.booleans()):
        i = draw(st.integers(0, len(ogs) - 1))
        ogs[i] = replace(ogs[i], role=OgRole.PORTEUR)
    return Grappe(tuple(ogs))


@settings(max_examples=300, deadline=None)
@given(current=grappes(), incoming=grappes())
def test_the_porteur_changes_only_as_asked_and_no_essms_is_doubled(
    current: Grappe, incoming: Grappe
) -> None:
    taken = merge(current, incoming, porteur=PorteurChoice.INCOMING)
    kept = merge(current, incoming, porteur=PorteurChoice.CURRENT)
    before = {establishment_key(e) for _o, e in current.rows()}
    brought = {establishment_key(e) for _o, e in incoming.rows()}
    for result in (taken, kept):
        g = result.grappe
        assert sum(o.role is OgRole.PORTEUR for o in g.organisations) <= 1
        added = [a.finess for a in result.added]
        assert len(set(added)) == len(added) and not set(added) & before
        assert g.establishment_count == current.establishment_count + len(added)
        assert {establishment_key(e) for _o, e in g.rows()} == before | brought
    # Without a question, the answer cannot matter: nobody is demoted behind the user's back.
    if porteur_clash(current, incoming) is None:
        assert taken.grappe == kept.grappe
    # A file that names a porteur always leaves one.
    if incoming.porteur is not None:
        assert taken.grappe.porteur is not None
    # Merging the same thing again changes nothing (but a porteur that is only a name gives its
    # place to the file's porteur, once, even when the file lists it too: settle_porteur's rule).
    if current.porteur is None or not is_placeholder(current.porteur):
        assert merge(taken.grappe, incoming).grappe == taken.grappe


@settings(max_examples=200, deadline=None)
@given(current=grappes(), incoming=grappes(), which=st.integers(0, 2))
def test_a_part_file_never_touches_another_og_nor_a_real_porteur(
    current: Grappe, incoming: Grappe, which: int
) -> None:
    sent = (
        incoming.organisations[which % len(incoming.organisations)]
        if incoming.organisations
        else Organisation("Vide")
    )
    # Every ESSMS it lists differs from ours: only its OG's may change.
    sent = replace(sent, establishments=tuple(replace(e, capacity=7) for e in sent.establishments))
    result = merge(current, Grappe((sent,)), part=True)
    target = match_organisation(current.organisations, sent)
    after = {establishment_key(e): e for _o, e in result.grappe.rows()}
    others: set[str] = set()
    for i, o in enumerate(current.organisations):
        if i == target:
            continue
        others |= {establishment_key(e) for e in o.establishments}
        assert all(after[establishment_key(e)] == e for e in o.establishments)
        if not (o.role is OgRole.PORTEUR and is_placeholder(o)):  # a name only gives way
            assert o in result.grappe.organisations
    assert {r.key for r in result.refused} == {
        establishment_key(e) for e in sent.establishments
    } & others
    if current.porteur is not None and not is_placeholder(current.porteur):
        assert result.grappe.porteur is not None
        assert result.grappe.porteur.name == current.porteur.name
        assert result.porteur_clash is None

"""The one merge (``domain/merge.py``) behind the spreadsheet import and the partner's file.

How an incoming OG and ESSMS are recognised, what is filled, what is a conflict and how it is
settled, and the porteur rules of ``domain/porteur_link.py`` kept through the merge.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from esms_desktop.domain.grappe import DuiSolution, Grappe, OgRole, Organisation
from esms_desktop.domain.merge import (
    FieldChange,
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

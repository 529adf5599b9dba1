"""One porteur: the Porteur page and the porteur OG of the grappe follow each other.

Pure functions of ``domain/porteur_link.py`` and the merges of ``domain/edits.py`` that use them:
which side an edit changed, what gets copied, what is never erased, and who stays porteur when a
spreadsheet brings one.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from esms_desktop.domain.dossier import Dossier, Porteur
from esms_desktop.domain.edits import (
    add_organisation,
    merge_grappes,
    remove_organisation,
    replace_grappe,
    set_organisation,
)
from esms_desktop.domain.grappe import Grappe, OgRole, Organisation
from esms_desktop.domain.porteur_link import (
    PorteurChoice,
    is_placeholder,
    link_porteur,
    porteur_clash,
    porteur_organisation,
    same_identity,
    same_organisation,
    sync_porteur,
)
from tests.domain.builders import establishments, og

SIREN_A, SIREN_B = "314159260", "732829320"
EJ_A, EJ_B = "590088001", "620088013"


def _dossier(porteur: Porteur = Porteur(), *ogs: Organisation) -> Dossier:  # noqa: B008
    return Dossier(name="d", campaign_id="c", porteur=porteur, grappe=Grappe(tuple(ogs)))


def _org(name: str, *, porteur: bool = True, siren: str = "", ej: str = "", n: int = 0):
    return replace(og(name, establishments(n), porteur=porteur), siren=siren, finess_ej=ej)


def _with_page(d: Dossier, **changes: str) -> Dossier:
    return replace(d, porteur=replace(d.porteur, **changes))


def _with_og(d: Dossier, index: int, **changes: object) -> Dossier:
    return replace(d, grappe=set_organisation(d.grappe, index, **changes))


# --- which side changed --------------------------------------------------------------------------


def test_typing_on_the_porteur_page_renames_the_porteur_og_and_normalises_numbers() -> None:
    before = _dossier(Porteur(name="Assoc A"), _org("Assoc A", n=2))
    after = sync_porteur(before, _with_page(before, name="Assoc A ", siren="314 159 260"))
    porteur = after.grappe.organisations[0]
    assert (porteur.name, porteur.siren) == ("Assoc A", SIREN_A)
    assert after.porteur.siren == "314 159 260"  # the page keeps what was typed
    assert porteur.establishments == before.grappe.organisations[0].establishments


def test_editing_the_porteur_og_in_the_grid_updates_the_page_but_not_its_own_fields() -> None:
    page = Porteur(
        name="Assoc A",
        siren=SIREN_A,
        legal_representative="Mme Durand",
        project_lead="M. Martin",
        address="1 rue du Port",
        town="Lille",
    )
    before = _dossier(page, _org("Assoc A", siren=SIREN_A, n=1))
    after = sync_porteur(before, _with_og(before, 0, name="Association A", finess_ej=EJ_A))
    assert (after.porteur.name, after.porteur.siren, after.porteur.finess_ej) == (
        "Association A",
        SIREN_A,
        EJ_A,
    )
    assert after.porteur == replace(page, name="Association A", finess_ej=EJ_A)


def test_a_member_promoted_to_porteur_gives_the_page_its_identity() -> None:
    page = Porteur(name="Assoc A", siren=SIREN_A, legal_representative="Mme Durand")
    before = _dossier(page, _org("Assoc A", siren=SIREN_A, n=1), _org("B", porteur=False, ej=EJ_B))
    after = sync_porteur(before, _with_og(before, 1, role=OgRole.PORTEUR))
    assert after.grappe.porteur is not None and after.grappe.porteur.name == "B"
    # A's SIREN is not B's: it leaves the page, which keeps its own fields.
    assert after.porteur == Porteur(name="B", finess_ej=EJ_B, legal_representative="Mme Durand")
    assert after.grappe.organisations[0].siren == SIREN_A  # A, now a member, keeps its SIREN


def test_without_a_porteur_og_the_page_stays_as_typed() -> None:
    before = _dossier(Porteur(name="Assoc A"), _org("Assoc A", n=1))
    demoted = _with_og(before, 0, role=OgRole.MEMBRE)
    assert sync_porteur(before, demoted) == demoted
    typed = _with_page(demoted, siren=SIREN_B)
    assert sync_porteur(demoted, typed) == typed


def test_a_field_empty_on_one_side_is_filled_from_the_other_never_the_reverse() -> None:
    # An older dossier: the page has the SIREN, the OG the FINESS juridique.
    before = _dossier(Porteur(name="Assoc A", siren=SIREN_A), _org("Assoc A", ej=EJ_A, n=1))
    after = sync_porteur(before, replace(before, project_title="DUI commun"))
    assert (after.porteur.siren, after.porteur.finess_ej) == (SIREN_A, EJ_A)
    porteur = after.grappe.organisations[0]
    assert (porteur.siren, porteur.finess_ej) == (SIREN_A, EJ_A)


def test_clearing_a_number_on_one_side_clears_it_on_the_other() -> None:
    before = _dossier(Porteur(name="A", siren=SIREN_A), _org("A", siren=SIREN_A, n=1))
    after = sync_porteur(before, _with_page(before, siren=""))
    assert after.grappe.organisations[0].siren == ""
    after = sync_porteur(before, _with_og(before, 0, siren=""))
    assert after.porteur.siren == ""


def test_two_different_values_nobody_edited_now_are_left_for_the_user() -> None:
    before = _dossier(Porteur(name="A", siren=SIREN_A), _org("A", siren=SIREN_B, n=1))
    after = replace(before, project_title="x")
    assert sync_porteur(before, after) == after


# --- the porteur OG appears -----------------------------------------------------------------------


def test_a_blank_page_gets_the_identity_of_the_porteur_og_when_it_appears() -> None:
    before = _dossier(Porteur(project_lead="M. Martin"))
    after = replace(before, grappe=Grappe((_org("Assoc A", siren=SIREN_A, ej=EJ_A, n=2),)))
    synced = sync_porteur(before, after)
    assert synced.porteur == Porteur(
        "Assoc A", siren=SIREN_A, finess_ej=EJ_A, project_lead="M. Martin"
    )
    assert synced.grappe == after.grappe


def test_the_same_organisation_joins_both_sides_and_the_page_keeps_its_spelling() -> None:
    before = _dossier(Porteur(name="Association  les Hirondelles", siren=SIREN_A))
    after = replace(before, grappe=Grappe((_org("ASSOCIATION LES HIRONDELLES", ej=EJ_A, n=1),)))
    synced = sync_porteur(before, after)
    porteur = synced.grappe.organisations[0]
    assert (porteur.name, porteur.siren, porteur.finess_ej) == (
        "Association  les Hirondelles",
        SIREN_A,
        EJ_A,
    )
    assert (synced.porteur.siren, synced.porteur.finess_ej) == (SIREN_A, EJ_A)


def test_another_organisation_made_porteur_replaces_the_page_identity() -> None:
    before = _dossier(Porteur(name="Assoc A", siren=SIREN_A, town="Lille"))
    after = replace(before, grappe=Grappe((_org("Assoc B", ej=EJ_B, n=1),)))
    synced = sync_porteur(before, after)
    assert synced.porteur == Porteur(name="Assoc B", finess_ej=EJ_B, town="Lille")
    assert synced.grappe.organisations[0].siren == ""  # A's SIREN is not given to B


def test_link_porteur_fills_the_page_of_a_dossier_made_from_a_file() -> None:
    d = _dossier(Porteur(), _org("Partenaire", porteur=False, n=1), _org("Assoc A", siren=SIREN_A))
    linked = link_porteur(d)
    assert linked.porteur == Porteur(name="Assoc A", siren=SIREN_A)
    assert link_porteur(linked) == linked
    no_porteur = _dossier(Porteur(), _org("Partenaire", porteur=False, n=1))
    assert link_porteur(no_porteur) == no_porteur


def test_the_porteur_og_of_a_page_is_the_typed_organisation_or_nothing() -> None:
    d = _dossier(Porteur(name=" Assoc A ", siren="314 159 260", finess_ej="59 008 800 1"))
    assert porteur_organisation(d) == Organisation(
        "Assoc A", OgRole.PORTEUR, siren=SIREN_A, finess_ej=EJ_A
    )
    assert porteur_organisation(_dossier(Porteur(siren=SIREN_A))) is None


def test_same_organisation_by_siren_then_finess_juridique_then_name() -> None:
    a = Organisation("Assoc A", siren=SIREN_A)
    assert same_organisation(a, Organisation("Autre nom", siren="314 159 260"))
    assert not same_organisation(a, Organisation("Assoc A", siren=SIREN_B))
    assert same_organisation(Organisation("X", finess_ej=EJ_A), Porteur(name="Y", finess_ej=EJ_A))
    assert same_organisation(a, Organisation("  assoc   a"))
    assert not same_organisation(a, Organisation("Assoc B"))
    assert not same_organisation(Porteur(), Organisation("Assoc B"))


# --- merges: the sheet's porteur is never silently demoted ------------------------------------


def test_a_placeholder_porteur_gives_its_place_to_the_sheets_porteur() -> None:
    placeholder = Organisation("Nouvel organisme 1", OgRole.PORTEUR)
    assert is_placeholder(placeholder)
    current = Grappe((placeholder, _org("Partenaire", porteur=False, n=1)))
    sheet = Grappe((_org("Hirondelles", siren=SIREN_A, n=2),))
    assert porteur_clash(current, sheet) is None
    merged = merge_grappes(current, sheet)
    assert [(o.name, o.role) for o in merged.organisations] == [
        ("Hirondelles", OgRole.PORTEUR),
        ("Partenaire", OgRole.MEMBRE),
    ]
    assert merged.organisations[0].siren == SIREN_A


def test_the_same_porteur_on_both_sides_merges_and_fills_its_blanks() -> None:
    current = Grappe((Organisation("Les Hirondelles", OgRole.PORTEUR),))
    sheet = Grappe((_org("les  hirondelles", siren=SIREN_A, ej=EJ_A, n=2),))
    assert porteur_clash(current, sheet) is None
    (merged,) = merge_grappes(current, sheet).organisations
    assert (merged.name, merged.role, merged.siren, merged.finess_ej) == (
        "Les Hirondelles",
        OgRole.PORTEUR,
        SIREN_A,
        EJ_A,
    )
    assert len(merged.establishments) == 2


def test_a_different_porteur_with_establishments_is_a_clash_the_user_settles() -> None:
    current = Grappe((_org("Assoc A", siren=SIREN_A, n=2),))
    sheet = Grappe((_sheet_b(),))
    clash = porteur_clash(current, sheet)
    assert clash is not None and (clash.current.name, clash.incoming.name) == ("Assoc A", "Assoc B")
    kept = merge_grappes(current, sheet, PorteurChoice.CURRENT)
    assert [(o.name, o.role) for o in kept.organisations] == [
        ("Assoc A", OgRole.PORTEUR),
        ("Assoc B", OgRole.MEMBRE),
    ]
    taken = merge_grappes(current, sheet, PorteurChoice.INCOMING)
    assert [(o.name, o.role) for o in taken.organisations] == [
        ("Assoc A", OgRole.MEMBRE),
        ("Assoc B", OgRole.PORTEUR),
    ]


def _sheet_b() -> Organisation:
    return replace(og("Assoc B", establishments(1, start=40), porteur=True), siren=SIREN_B)


def test_the_sheets_porteur_already_a_member_of_the_dossier_is_promoted() -> None:
    member = _org("Assoc B", porteur=False)
    current = Grappe((Organisation("Nouvel organisme 1", OgRole.PORTEUR), member))
    merged = merge_grappes(current, Grappe((_sheet_b(),)))
    assert [(o.name, o.role) for o in merged.organisations] == [("Assoc B", OgRole.PORTEUR)]
    assert merged.organisations[0].siren == SIREN_B


def test_replacing_the_grappe_keeps_the_numbers_typed_for_the_same_organisation() -> None:
    current = Grappe((_org("Assoc A", siren=SIREN_A, n=1),))
    sheet = Grappe((_org("ASSOC A", ej=EJ_A, n=3),))
    (replaced,) = replace_grappe(current, sheet).organisations
    assert (replaced.name, replaced.siren, replaced.finess_ej) == ("ASSOC A", SIREN_A, EJ_A)
    assert len(replaced.establishments) == 3


# --- property: any sequence of edits keeps one porteur ------------------------------------------

NAMES = st.sampled_from(["Assoc A", "assoc  a", "Assoc B", "C", " Assoc A "])
SIRENS = st.sampled_from(["", SIREN_A, SIREN_B, "314 159 260", "12"])
EJS = st.sampled_from(["", EJ_A, EJ_B, "59 008 800 1"])


@st.composite
def organisations(draw: st.DrawFn, porteur: bool = False) -> Organisation:
    return Organisation(
        name=draw(NAMES).strip() or "X",
        role=OgRole.PORTEUR if porteur else OgRole.MEMBRE,
        siren=draw(SIRENS).replace(" ", ""),
        finess_ej=draw(EJS).replace(" ", ""),
        establishments=establishments(draw(st.integers(0, 2)), start=draw(st.integers(0, 50))),
    )


@st.composite
def grappes(draw: st.DrawFn) -> Grappe:
    ogs = draw(st.lists(organisations(), max_size=3))
    if ogs and draw(st.booleans()):
        i = draw(st.integers(0, len(ogs) - 1))
        ogs[i] = replace(ogs[i], role=OgRole.PORTEUR)
    return Grappe(tuple(ogs))


@st.composite
def edits(draw: st.DrawFn):  # a function from Dossier to Dossier
    kind = draw(
        st.sampled_from(["page", "og", "promote", "demote", "add", "remove", "merge", "replace"])
    )
    field = draw(st.sampled_from(["name", "siren", "finess_ej"]))
    value = draw({"name": NAMES, "siren": SIRENS, "finess_ej": EJS}[field])
    pick = draw(st.integers(0, 5))
    incoming = draw(grappes())
    choice = draw(st.sampled_from(list(PorteurChoice)))
    new_og = draw(organisations(porteur=draw(st.booleans())))

    def edit(d: Dossier) -> Dossier:
        orgs = d.grappe.organisations
        i = pick % len(orgs) if orgs else None
        if kind == "page":
            return _with_page(d, **{field: value})
        if kind == "og" and i is not None:  # as the grid parses: stripped, normalised
            return _with_og(
                d, i, **{field: value.strip() if field == "name" else value.replace(" ", "")}
            )
        if kind == "promote" and i is not None:
            return _with_og(d, i, role=OgRole.PORTEUR)
        if kind == "demote" and i is not None:
            return _with_og(d, i, role=OgRole.MEMBRE)
        if kind == "add":
            return replace(d, grappe=add_organisation(d.grappe, new_og))
        if kind == "remove" and i is not None:
            return replace(d, grappe=remove_organisation(d.grappe, i))
        if kind == "merge":
            return replace(d, grappe=merge_grappes(d.grappe, incoming, choice))
        if kind == "replace":
            return replace(d, grappe=replace_grappe(d.grappe, incoming))
        return replace(d, project_title=value)

    return edit


@settings(max_examples=300, deadline=None)
@given(
    page=st.builds(Porteur, name=NAMES, siren=SIRENS, finess_ej=EJS),
    start=grappes(),
    steps=st.lists(edits(), max_size=12),
)
def test_any_sequence_of_edits_keeps_one_porteur(page: Porteur, start: Grappe, steps) -> None:
    page = replace(page, legal_representative="Mme Durand", address="1 rue du Port")
    d = link_porteur(Dossier(name="d", campaign_id="c", porteur=page, grappe=start))
    for step in [None, *steps]:
        if step is not None:
            d = sync_porteur(d, step(d))
        porteur = d.grappe.porteur
        if porteur is not None:
            assert same_identity(d.porteur, porteur), (d.porteur, porteur)
        assert sum(o.role is OgRole.PORTEUR for o in d.grappe.organisations) <= 1
        # Fields only the Porteur page has are never touched by the grappe.
        assert (d.porteur.legal_representative, d.porteur.address) == (
            "Mme Durand",
            "1 rue du Port",
        )

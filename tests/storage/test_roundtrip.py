"""A dossier saved and loaded comes back exactly: every field, every order, exact decimals."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.grappe import (
    DuiSituation,
    Establishment,
    Grappe,
    OgRole,
    Organisation,
    ProjectType,
)
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import full_dossier
from tests.storage.helpers import sqlite_rows


def test_full_dossier_round_trips_exactly(store: Store) -> None:
    original = full_dossier()
    with store.uow() as uow:
        new_id = uow.dossiers.add(original)
        uow.commit()
    with store.uow(read_only=True) as uow:
        loaded = uow.dossiers.get(new_id)
    assert loaded == replace(original, id=new_id)
    # Equality of Decimal ignores the exponent; the stored text must not.
    assert str(loaded.overrides["acquisition"]) == "25000.00"
    assert str(loaded.grappe.organisations[0].establishments[0].eligible_hours_pct) == "87.50"
    assert loaded.updated is not None and loaded.updated.utcoffset() == original.updated.utcoffset()  # type: ignore[union-attr]
    assert list(loaded.autodiagnostics[0].answers) == ["q2", "q1", "q10"]  # order kept
    assert list(loaded.autodiagnostics[0].maturin.levels) == ["securite", "management"]
    assert loaded.autodiagnostics[1].maturin.assessed_on is None


def test_round_trip_survives_reopening_the_store(data_dir: Path) -> None:
    original = full_dossier()
    with open_store(data_dir) as store, store.uow() as uow:
        new_id = uow.dossiers.add(original)
        uow.commit()
    with open_store(data_dir) as store, store.uow() as uow:
        assert uow.dossiers.get(new_id) == replace(original, id=new_id)


def test_money_is_stored_as_exact_text(store: Store) -> None:
    with store.uow() as uow:
        uow.dossiers.add(full_dossier())
        uow.commit()
    rows = sqlite_rows(
        store.paths.database, "SELECT name, amount, typeof(amount) FROM campaign_override"
    )
    assert sorted(rows) == [("acquisition", "25000.00", "text"), ("pilotage", "0.10", "text")]


def test_replace_overwrites_every_part_and_keeps_nothing_stale(store: Store) -> None:
    original = full_dossier()
    with store.uow() as uow:
        new_id = uow.dossiers.add(original)
        uow.commit()
    smaller = replace(
        Dossier(name="Réduit", campaign_id="generalisation-2023"),
        id=new_id,
        usage_targets=(),
        annexes=(),
        attestations=(),
        created=original.created,
        updated=original.updated,
    )
    with store.uow() as uow:
        uow.dossiers.replace(smaller)
        uow.commit()
    with store.uow() as uow:
        assert uow.dossiers.get(new_id) == smaller
    for table in ("organisation", "establishment", "usage_target", "annex", "autodiag_answer"):
        assert sqlite_rows(store.paths.database, f"SELECT count(*) FROM {table}") == [(0,)]


def test_every_dossier_field_is_covered_by_the_factory() -> None:
    """If the domain gains a field, the round-trip factory must set it (else this fails)."""
    default = Dossier("x", "y")
    same = [
        f.name
        for f in dataclasses.fields(Dossier)
        if getattr(full_dossier(), f.name) == getattr(default, f.name)
    ]
    assert same == ["id"]


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
    lambda d: d.is_finite()
)
establishments = st.builds(
    Establishment,
    finess=texts,
    name=texts,
    category=texts,
    capacity=st.none() | st.integers(min_value=-(2**62), max_value=2**62),
    project=st.sampled_from(ProjectType),
    equipment=st.booleans(),
    eligible_hours_pct=decimals,
    dui_solution=texts,
    current_dui=st.sampled_from(DuiSituation),
    already_funded=st.booleans(),
    address=texts,
    postal_code=texts,
    town=texts,
)
organisations = st.builds(
    Organisation,
    name=texts,
    role=st.sampled_from(OgRole),
    establishments=st.lists(establishments, max_size=4).map(tuple),
    declared_size=st.none() | st.integers(min_value=0, max_value=10_000),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ogs=st.lists(organisations, max_size=3), overrides=st.dictionaries(texts, decimals, max_size=3)
)
def test_any_grappe_and_overrides_round_trip(
    store: Store, ogs: list[Organisation], overrides: dict[str, Decimal]
) -> None:
    dossier = Dossier(
        name="Propriété",
        campaign_id="c",
        grappe=Grappe(organisations=tuple(ogs)),
        overrides=overrides,
    )
    with store.uow() as uow:
        new_id = uow.dossiers.add(dossier)
        uow.commit()
    with store.uow() as uow:
        loaded = uow.dossiers.get(new_id)
        uow.dossiers.delete(new_id)
        uow.commit()
    assert loaded.grappe == dossier.grappe
    assert dict(loaded.overrides) == overrides
    for key, amount in overrides.items():
        assert str(loaded.overrides[key]) == str(amount)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.lists(organisations, max_size=3),
    second=st.lists(organisations, max_size=3),
    edits=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3), texts), max_size=4),
)
def test_replacing_any_grappe_by_any_other_loads_the_new_one(
    store: Store,
    first: list[Organisation],
    second: list[Organisation],
    edits: list[tuple[int, int, str]],
) -> None:
    """Partial rewrites (only changed OGs and rows) must still give exactly the new value."""
    # also exercise the in-place path: same shape as ``first`` with a few names changed
    edited = [list(og.establishments) for og in first]
    for og_i, est_i, name in edits:
        if og_i < len(edited) and est_i < len(edited[og_i]):
            edited[og_i][est_i] = replace(edited[og_i][est_i], name=name)
    same_shape = [replace(og, establishments=tuple(e)) for og, e in zip(first, edited, strict=True)]
    with store.uow() as uow:
        new_id = uow.dossiers.add(Dossier("P", "c", grappe=Grappe(tuple(first))))
        uow.commit()
    for target in (same_shape, second, first):
        wanted = Dossier("P", "c", id=new_id, grappe=Grappe(tuple(target)))
        with store.uow() as uow:
            current = uow.dossiers.get(new_id)
            uow.dossiers.replace(replace(wanted, created=current.created, updated=current.updated))
            uow.commit()
        with store.uow() as uow:
            assert uow.dossiers.get(new_id).grappe == wanted.grappe
    with store.uow() as uow:
        uow.dossiers.delete(new_id)
        uow.commit()


def test_partial_save_rewrites_only_what_changed(store: Store) -> None:
    original = full_dossier()
    with store.uow() as uow:
        new_id = uow.dossiers.add(original)
        uow.commit()
    ids_before = sqlite_rows(store.paths.database, "SELECT id FROM establishment ORDER BY id")
    og0 = original.grappe.organisations[0]
    est = replace(og0.establishments[1], capacity=999, eligible_hours_pct=Decimal("87.500"))
    new_og0 = replace(og0, establishments=(og0.establishments[0], est, *og0.establishments[2:]))
    changed = replace(
        original,
        id=new_id,
        governance="Autre",
        grappe=replace(
            original.grappe, organisations=(new_og0, *original.grappe.organisations[1:])
        ),
    )
    with store.uow() as uow:
        uow.dossiers.replace(changed)
        uow.commit()
    with store.uow() as uow:
        assert uow.dossiers.get(new_id) == changed
    # same rows, updated in place; the new exponent is kept
    assert (
        sqlite_rows(store.paths.database, "SELECT id FROM establishment ORDER BY id") == ids_before
    )
    rows = sqlite_rows(
        store.paths.database, "SELECT eligible_hours_pct FROM establishment WHERE capacity = 999"
    )
    assert rows == [("87.500",)]

"""Issue 19: OGs added from the register are named and identified by their legal entity."""

from __future__ import annotations

from pathlib import Path

import pytest

from esms_desktop.domain.finess_register import RegisterEntry, RegisterLegalEntity
from esms_desktop.domain.grappe import Grappe, Organisation
from esms_desktop.services import dossiers, finess_lookup
from esms_desktop.services.finess_lookup import place_entries
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import CAMPAIGN

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "finess_files"
JSON12 = FILES / "finess-structures-extrait.json"
AFIS_EJ = "010000255"
AFIS = "ASSOCIATION POUR LA FORMATION ET L'INSERTION DES PERSONNES"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "donnees", backup_on_open=False)
    yield opened  # type: ignore[misc]
    opened.close()


def test_og_name_is_the_legal_entity_name_when_listed(store: Store) -> None:
    finess_lookup.load_register(store.uow(), JSON12)
    assert finess_lookup.og_name(store.uow(), AFIS_EJ) == AFIS
    assert finess_lookup.og_name(store.uow(), "010785897") == "OG 010785897"  # not listed
    assert finess_lookup.og_name(store.uow(), "") == finess_lookup.NO_EJ_OG_NAME
    entity = finess_lookup.legal_entity(store.uow(), "010 000 255")
    assert entity is not None and entity.display_name == AFIS
    with pytest.raises(finess_lookup.FinessNumberError):
        finess_lookup.legal_entity(store.uow(), "12")


def test_adding_by_finess_names_the_new_og_after_its_legal_entity(store: Store) -> None:
    finess_lookup.load_register(store.uow(), JSON12)
    dossier_id = dossiers.create_dossier(store.uow(), "Grappe", CAMPAIGN)
    report = finess_lookup.add_by_finess(store.uow(), dossier_id, ["010011914"])
    assert report.created_organisations == (AFIS,)
    [og] = dossiers.load_dossier(store.uow(), dossier_id).grappe.organisations
    assert (og.name, og.finess_ej, og.siren) == (AFIS, AFIS_EJ, "779309194")
    [est] = og.establishments
    assert (est.address, est.postal_code, est.town) == (
        "5 RUE DU LYCEE",
        "01000",
        "BOURG EN BRESSE",
    )


def _entry(siret: str) -> RegisterEntry:
    return RegisterEntry("010011914", finess_ej=AFIS_EJ, siret=siret, name="SESSAD", category="182")


def test_place_entries_takes_the_siren_of_the_legal_entity_first() -> None:
    listed = RegisterLegalEntity(AFIS_EJ, siren="775544083", name="AFIS")

    def entity(ej: str) -> RegisterLegalEntity | None:
        return listed if ej == AFIS_EJ else None

    grappe, _, created = place_entries(
        Grappe(), [_entry("77930919400024")], None, lambda ej: "AFIS", entity
    )
    [og] = grappe.organisations
    assert (og.siren, created) == ("775544083", ["AFIS"])
    # Without the legal entity: the SIRET's SIREN, as before.
    grappe, _, _ = place_entries(Grappe(), [_entry("77930919400024")], None, lambda ej: "AFIS")
    assert grappe.organisations[0].siren == "779309194"
    # A SIREN already typed is never replaced; a blank one is filled.
    typed = Grappe(organisations=(Organisation("AFIS", siren="123456782", finess_ej=AFIS_EJ),))
    grappe, _, _ = place_entries(typed, [_entry("")], None, lambda ej: "AFIS", entity)
    assert grappe.organisations[0].siren == "123456782"
    blank = Grappe(organisations=(Organisation("AFIS", finess_ej=AFIS_EJ),))
    grappe, _, _ = place_entries(blank, [_entry("")], None, lambda ej: "AFIS", entity)
    assert grappe.organisations[0].siren == "775544083"

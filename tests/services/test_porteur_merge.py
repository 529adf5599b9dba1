"""One porteur through the services: merging a partner's file never silently demotes its porteur,
and a dossier created or merged from a file gets its Porteur page from the porteur OG."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from esms_desktop.domain.dossier import Porteur
from esms_desktop.domain.grappe import Grappe, OgRole, Organisation
from esms_desktop.domain.porteur_link import PorteurChoice
from esms_desktop.services import dossiers, exchange
from esms_desktop.services.exchange import merge_grappe
from esms_desktop.services.workspace import Workspace
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import CAMPAIGN, establishment

OURS = Organisation(
    "Les Tilleuls", OgRole.PORTEUR, siren="732829320", establishments=(establishment(1),)
)
THEIRS = Organisation(
    "Les Hirondelles",
    OgRole.PORTEUR,
    siren="314159260",
    finess_ej="590088001",
    establishments=(establishment(2),),
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "donnees")
    try:
        yield opened
    finally:
        opened.close()


def _roles(grappe: Grappe) -> dict[str, OgRole]:
    return {o.name: o.role for o in grappe.organisations}


def test_another_porteur_in_a_file_is_a_clash_and_takes_the_role_unless_we_keep_ours() -> None:
    merged, report = merge_grappe(Grappe((OURS,)), [THEIRS])
    assert report.porteur_clash == ("Les Tilleuls", "Les Hirondelles")
    assert _roles(merged) == {"Les Tilleuls": OgRole.MEMBRE, "Les Hirondelles": OgRole.PORTEUR}
    assert "« Les Hirondelles » devient le porteur" in report.summary()

    merged, report = merge_grappe(Grappe((OURS,)), [THEIRS], porteur=PorteurChoice.CURRENT)
    assert _roles(merged) == {"Les Tilleuls": OgRole.PORTEUR, "Les Hirondelles": OgRole.MEMBRE}
    assert "« Les Tilleuls » reste le porteur" in report.summary()


def test_a_porteur_that_is_only_a_name_gives_way_without_a_question() -> None:
    placeholder = Organisation("Nouvel organisme 1", OgRole.PORTEUR)
    merged, report = merge_grappe(Grappe((placeholder,)), [THEIRS])
    assert report.porteur_clash == ()
    assert [(o.name, o.role) for o in merged.organisations] == [("Les Hirondelles", OgRole.PORTEUR)]
    assert "remplace « Nouvel organisme 1 »" in report.summary()


def test_our_own_porteur_in_the_file_stays_porteur_with_nothing_to_say() -> None:
    same = replace(THEIRS, name="Les Tilleuls", siren="732829320", finess_ej="")
    merged, report = merge_grappe(Grappe((OURS,)), [same])
    assert report.porteur_clash == () and report.porteur_note == ""
    (porteur,) = merged.organisations
    assert porteur.role is OgRole.PORTEUR and len(porteur.establishments) == 2


def test_merge_into_puts_the_new_porteur_on_the_porteur_page(store: Store, tmp_path: Path) -> None:
    ours_id = dossiers.create_dossier(
        store.uow(), "Nous", CAMPAIGN, Grappe((Organisation("Nouvel organisme 1", OgRole.PORTEUR),))
    )
    partner_id = dossiers.create_dossier(store.uow(), "Eux", CAMPAIGN, Grappe((THEIRS,)))
    path = exchange.export_organisation(store.uow(), partner_id, 0, tmp_path / "eux.esms")
    exchange.merge_into(store.uow(), ours_id, path)
    merged = dossiers.load_dossier(store.uow(), ours_id)
    assert _roles(merged.grappe) == {"Les Hirondelles": OgRole.PORTEUR}
    assert (merged.porteur.name, merged.porteur.siren, merged.porteur.finess_ej) == (
        "Les Hirondelles",
        "314159260",
        "590088001",
    )


def test_a_partners_part_naming_itself_porteur_does_not_take_the_role(
    store: Store, tmp_path: Path
) -> None:
    """A part file may change only its own OG: not who carries the candidature. (A whole
    dossier file still asks: see the first test.)"""
    ours_id = dossiers.create_dossier(store.uow(), "Nous", CAMPAIGN, Grappe((OURS,)))
    partner_id = dossiers.create_dossier(store.uow(), "Eux", CAMPAIGN, Grappe((THEIRS,)))
    path = exchange.export_organisation(store.uow(), partner_id, 0, tmp_path / "eux.esms")
    preview = exchange.preview_merge(store.uow(), ours_id, path)
    assert preview.porteur_clash == () and preview.porteur_note == ""
    assert (
        "le fichier d'un seul organisme ne change pas le porteur, « Les Tilleuls » reste le "
        "porteur du projet." in preview.summary()
    )
    exchange.merge_into(store.uow(), ours_id, path)
    merged = dossiers.load_dossier(store.uow(), ours_id)
    assert _roles(merged.grappe) == {
        "Les Tilleuls": OgRole.PORTEUR,
        "Les Hirondelles": OgRole.MEMBRE,
    }


def test_a_dossier_created_from_an_esms_file_gets_its_porteur_page(
    store: Store, tmp_path: Path
) -> None:
    source_id = dossiers.create_dossier(store.uow(), "Source", CAMPAIGN, Grappe((THEIRS,)))
    path = exchange.export_organisation(store.uow(), source_id, 0, tmp_path / "og.esms")
    workspace = Workspace(store)
    new_id = workspace.create("Copie", CAMPAIGN, path)
    created = workspace.load(new_id)
    assert created.porteur == Porteur(
        name="Les Hirondelles", siren="314159260", finess_ej="590088001"
    )
    # A dossier made from nothing keeps a blank page.
    assert workspace.load(workspace.create("Vide", CAMPAIGN)).porteur == Porteur()

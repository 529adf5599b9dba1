"""A stored dossier's campaign version and declarations, through the services (issue 15, part 3).

Creation records the campaign's fingerprint; a user's campaign file that changes warns in the
budget until the new version is accepted; the declarations reach the rules; the ``.esms`` file
carries both as optional keys (older files still load).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from esms_desktop.domain.campaign_version import CAMPAIGN_CHANGED
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import (
    accept_campaign_version,
    declare_editor_registered,
    declare_ght,
)
from esms_desktop.domain.eligibility import NO_DECLARATIONS
from esms_desktop.domain.findings import Severity
from esms_desktop.resources import resource_path
from esms_desktop.services import catalog, dossiers, exchange
from esms_desktop.services.assessment import assess_dossier
from esms_desktop.services.campaign_library import CampaignLibrary, to_toml
from esms_desktop.services.exchange import ExchangeFileError, InvalidExchangeFileError
from tests.domain.builders import establishments, grappe, og
from tests.fakes import FakeUnitOfWork

USER_ID = "ars-essai-2023"


def codes(dossier: Dossier) -> set[str]:
    return {f.code for f in assess_dossier(dossier).findings}


@pytest.fixture
def user_campaigns(tmp_path: Path) -> Iterator[Path]:
    """A data folder whose ``campagnes/`` holds a user's copy of généralisation 2023."""
    folder = tmp_path / "campagnes"
    folder.mkdir()
    text = resource_path("campaigns", "generalisation-2023.toml").read_text(encoding="utf-8")
    assert 'id = "generalisation-2023"' in text
    (folder / f"{USER_ID}.toml").write_text(
        text.replace('id = "generalisation-2023"', f'id = "{USER_ID}"'), encoding="utf-8"
    )
    catalog.use_data_folder(folder)
    try:
        yield folder / f"{USER_ID}.toml"
    finally:
        catalog.use_data_folder(None)


def _edit_user_campaign(path: Path) -> None:
    """The director's federation sends a new version: the acquisition amount changes."""
    data = CampaignLibrary(path.parent).mapping(USER_ID)
    data["values"]["acquisition"]["amount"] = Decimal("7123.45")
    data["values"]["acquisition"]["status"] = "saisi"
    path.write_bytes(to_toml(data))


def _ght_grappe() -> tuple[Any, str]:
    """16 ESSMS on one DUI, but one keeps its GHT's hospital DUI."""
    ests = list(establishments(16))
    ests[3] = replace(ests[3], dui_solution="DUI de l'hôpital")
    return grappe(og("A", tuple(ests), porteur=True, size=20), segur=True), ests[3].finess


# --- recorded at creation ----------------------------------------------------------------------


def test_a_new_dossier_records_its_campaigns_fingerprint() -> None:
    uow = FakeUnitOfWork()
    new_id = dossiers.create_dossier(uow, "Nouveau", "generalisation-2023")
    stored = dossiers.load_dossier(uow, new_id)
    assert stored.campaign_fingerprint == catalog.campaign("generalisation-2023").fingerprint
    assert stored.declarations == NO_DECLARATIONS
    assert CAMPAIGN_CHANGED not in codes(stored)


def test_an_unknown_campaign_at_creation_stays_as_before() -> None:
    uow = FakeUnitOfWork()
    new_id = dossiers.create_dossier(uow, "Inconnue", "campagne-disparue")
    assert dossiers.load_dossier(uow, new_id).campaign_fingerprint == ""
    with pytest.raises(dossiers.DossierInputError):
        dossiers.create_dossier(uow, "Sans campagne", "  ")


def test_a_copy_keeps_its_sources_fingerprint_or_gets_the_current_one() -> None:
    uow = FakeUnitOfWork()
    with uow:
        recorded = uow.dossiers.add(
            Dossier("Ancien calcul", "generalisation-2023", campaign_fingerprint="0123456789abcdef")
        )
        older = uow.dossiers.add(Dossier("Sans empreinte", "generalisation-2023"))
        uow.commit()
    copy = dossiers.load_dossier(uow, dossiers.duplicate_dossier(uow, recorded))
    assert copy.campaign_fingerprint == "0123456789abcdef"  # still to check, like its source
    assert CAMPAIGN_CHANGED in codes(copy)
    fresh = dossiers.load_dossier(uow, dossiers.duplicate_dossier(uow, older))
    assert fresh.campaign_fingerprint == catalog.campaign("generalisation-2023").fingerprint


# --- a user's campaign file changes ------------------------------------------------------------


def test_a_changed_user_campaign_warns_until_accepted(user_campaigns: Path) -> None:
    uow = FakeUnitOfWork()
    g = grappe(og("A", establishments(16), porteur=True, size=20), segur=True)
    new_id = dossiers.create_dossier(uow, "Dossier ARS", USER_ID, g)
    dossier = dossiers.load_dossier(uow, new_id)
    before = assess_dossier(dossier)
    assert CAMPAIGN_CHANGED not in {f.code for f in before.findings}

    _edit_user_campaign(user_campaigns)
    changed = catalog.campaign(USER_ID)
    assert changed.fingerprint != dossier.campaign_fingerprint
    budget = assess_dossier(dossier)
    first = budget.findings[0]
    assert first.code == CAMPAIGN_CHANGED and first.severity is Severity.AVERTISSEMENT
    assert first.message == (
        f"Les règles de la campagne « {changed.title} » ont changé depuis le dernier calcul de ce "
        "dossier : vérifiez le budget, puis validez la nouvelle version."
    )
    assert budget.total != before.total  # the new rules are the ones computed
    assert budget.findings[1:] == tuple(f for f in budget.findings if f.code != CAMPAIGN_CHANGED)

    saved = dossiers.save_dossier(uow, accept_campaign_version(dossier, changed), before=dossier)
    assert saved.campaign_fingerprint == changed.fingerprint
    assert CAMPAIGN_CHANGED not in codes(dossiers.load_dossier(uow, new_id))
    assert "version de la campagne" in dossiers.history(uow, new_id)[0].summary


# --- declarations reach the rules --------------------------------------------------------------


def test_a_ght_declaration_changes_the_outcome_on_generalisation_2023() -> None:
    g, ght_finess = _ght_grappe()
    dossier = Dossier("GHT", "generalisation-2023", grappe=g)
    undeclared = assess_dossier(dossier)
    assert not undeclared.eligible
    assert "solutions_multiples" in {f.code for f in undeclared.findings}
    declared = assess_dossier(declare_ght(dossier, ght_finess, True))
    assert declared.eligible
    note = next(f for f in declared.findings if f.code == "exception_ght")
    assert note.finess == ght_finess
    # The same declaration under 2022 (no GHT exception) changes nothing.
    in_2022 = declare_ght(replace(dossier, campaign_id="generalisation-2022"), ght_finess, True)
    assert not assess_dossier(in_2022).eligible


def test_the_editor_registration_declared_lifts_the_2025_check() -> None:
    g = grappe(og("A", establishments(16, category="214"), porteur=True, size=20), segur=False)
    dossier = Dossier("AHI", "generalisation-2025", grappe=g)
    assert "inscription_editeur_a_verifier" in codes(dossier)
    assert not codes(declare_editor_registered(dossier, True)) & {
        "inscription_editeur_a_verifier",
        "editeur_non_inscrit",
    }
    refused = assess_dossier(declare_editor_registered(dossier, False))
    assert not refused.eligible and "editeur_non_inscrit" in {f.code for f in refused.findings}


# --- the .esms file -------------------------------------------------------------------------------


def _declared() -> Dossier:
    g, ght_finess = _ght_grappe()
    dossier = Dossier(
        "Envoi",
        "generalisation-2023",
        grappe=g,
        campaign_fingerprint="0123456789abcdef",
        overrides=MappingProxyType({"acquisition": Decimal("8000.00")}),
    )
    return declare_editor_registered(declare_ght(dossier, ght_finess, True), True)


def _write(path: Path, dossier_json: dict[str, Any]) -> Path:
    return exchange.write_exchange_file(path, "dossier", {"dossier": dossier_json, "files": []})


def test_the_file_carries_the_fingerprint_and_the_declarations(tmp_path: Path) -> None:
    sent = _declared()
    written = exchange.dossier_to_dict(sent)
    assert written["campaign_fingerprint"] == "0123456789abcdef"
    assert written["declarations"] == {
        "ght_essms": sorted(sent.declarations.ght_essms),
        "editor_registered": True,
    }
    path = _write(tmp_path / "envoi.esms", written)
    received = exchange.read_exchange_file(path).dossier
    assert received is not None
    assert received.campaign_fingerprint == sent.campaign_fingerprint
    assert received.declarations == sent.declarations
    # Imported under its own campaign, the sender's fingerprint is kept: the copy of the
    # campaign here differs from the one the figures were computed with, and it is said.
    uow = FakeUnitOfWork()
    stored = dossiers.load_dossier(uow, exchange.import_as_new(uow, path))
    assert (stored.campaign_fingerprint, stored.declarations) == (
        sent.campaign_fingerprint,
        sent.declarations,
    )
    assert CAMPAIGN_CHANGED in codes(stored)
    assert assess_dossier(stored).eligible  # the GHT declaration came along


def test_a_file_without_the_keys_still_loads(tmp_path: Path) -> None:
    old = exchange.dossier_to_dict(_declared())
    del old["campaign_fingerprint"], old["declarations"]
    path = _write(tmp_path / "ancien.esms", old)
    received = exchange.read_exchange_file(path).dossier
    assert received is not None
    assert received.campaign_fingerprint == "" and received.declarations == NO_DECLARATIONS
    null = exchange.dossier_to_dict(_declared()) | {"declarations": None}
    assert exchange.read_exchange_file(_write(tmp_path / "null.esms", null)).dossier is not None
    # Imported, it gets its campaign's current fingerprint, as a new dossier does.
    uow = FakeUnitOfWork()
    stored = dossiers.load_dossier(uow, exchange.import_as_new(uow, path))
    assert stored.campaign_fingerprint == catalog.campaign("generalisation-2023").fingerprint
    assert CAMPAIGN_CHANGED not in codes(stored)


def test_imported_under_another_campaign_the_dossier_switches(tmp_path: Path) -> None:
    sent = replace(
        _declared(),
        overrides=MappingProxyType({"acquisition": Decimal(8000), "accompagnement": Decimal(1)}),
    )
    path = _write(tmp_path / "envoi.esms", exchange.dossier_to_dict(sent))
    uow = FakeUnitOfWork()
    new_id = exchange.import_as_new(uow, path, campaign_id="amorcage-2021-t2")
    stored = dossiers.load_dossier(uow, new_id)
    assert stored.campaign_id == "amorcage-2021-t2"
    assert stored.campaign_fingerprint == catalog.campaign("amorcage-2021-t2").fingerprint
    assert dict(stored.overrides) == {"acquisition": Decimal(8000)}
    assert "accompagnement" in dossiers.history(uow, new_id)[0].summary
    assess_dossier(stored)  # budgeted: no value unknown to the campaign was kept


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"declarations": []}, ("declarations", "objet attendu")),
        ({"declarations": {"ght_essms": "590000012"}}, ("ght_essms", "liste attendue")),
        ({"declarations": {"ght_essms": [590000012]}}, ("ght_essms[0]", "texte attendu")),
        ({"declarations": {"ght_essms": ["5" * 41]}}, ("ght_essms[0]", "40 caractères")),
        ({"declarations": {"editor_registered": "oui"}}, ("editor_registered", "vrai/faux")),
        ({"campaign_fingerprint": 12}, ("campaign_fingerprint", "texte attendu")),
    ],
)
def test_bad_keys_are_refused_in_french(
    tmp_path: Path, change: dict[str, Any], words: tuple[str, ...]
) -> None:
    bad = exchange.dossier_to_dict(_declared()) | change
    path = _write(tmp_path / "mauvais.esms", bad)
    with pytest.raises(ExchangeFileError) as caught:
        exchange.read_exchange_file(path)
    for word in words:
        assert word in caught.value.message, caught.value.message


def test_too_many_declared_essms_are_refused_before_they_are_read(tmp_path: Path) -> None:
    many = [f"{n:09d}" for n in range(exchange.MAX_ESTABLISHMENTS + 1)]
    bad = exchange.dossier_to_dict(_declared()) | {"declarations": {"ght_essms": many}}
    with pytest.raises(ExchangeFileError, match="au plus"):
        exchange.read_exchange_file(_write(tmp_path / "beaucoup.esms", bad))


def test_values_no_door_lets_in_are_listed(tmp_path: Path) -> None:
    bad = exchange.dossier_to_dict(_declared()) | {
        "campaign_fingerprint": "<b>pas une empreinte</b>",
        "declarations": {"ght_essms": ["pas un finess"], "editor_registered": None},
    }
    with pytest.raises(InvalidExchangeFileError) as caught:
        exchange.read_exchange_file(_write(tmp_path / "valeurs.esms", bad))
    assert {p.field for p in caught.value.problems} == {"ESSMS rattaché à un GHT"}
    # The fingerprint is a text like the others: any text is kept (and printed escaped).
    odd = exchange.dossier_to_dict(_declared()) | {"campaign_fingerprint": "<b>autre</b>"}
    received = exchange.read_exchange_file(_write(tmp_path / "texte.esms", odd)).dossier
    assert received is not None and received.campaign_fingerprint == "<b>autre</b>"

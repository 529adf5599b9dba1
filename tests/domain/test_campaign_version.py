"""A dossier remembers its campaign's version and what the user declared (issue 15, part 3).

The campaign's fingerprint recorded by a dossier, the warning when the file changed since,
switching campaign (typed values kept or dropped), and the declarations edits.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import pytest

from esms_desktop.domain.budget import compute
from esms_desktop.domain.campaign import Campaign, CampaignError, parse_campaign
from esms_desktop.domain.campaign_version import (
    CAMPAIGN_CHANGED,
    campaign_changed,
    with_version_check,
)
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.edits import (
    accept_campaign_version,
    declare_editor_registered,
    declare_ght,
    switch_campaign,
)
from esms_desktop.domain.eligibility import NO_DECLARATIONS, Declarations
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.validation import dossier_problems
from esms_desktop.resources import resource_path
from esms_desktop.services import catalog
from tests.domain.builders import establishments, grappe, og

MESSAGE = (
    "Les règles de la campagne « {title} » ont changé depuis le dernier calcul de ce dossier : "
    "vérifiez le budget, puis validez la nouvelle version."
)


def _mapping(campaign_id: str) -> dict[str, Any]:
    with resource_path("campaigns", f"{campaign_id}.toml").open("rb") as stream:
        return tomllib.load(stream)


def _edited(campaign_id: str, value: str, amount: int) -> Campaign:
    """The shipped campaign as a user's copy whose file says another amount for ``value``."""
    data = _mapping(campaign_id)
    data["values"][value]["amount"] = amount
    return parse_campaign(data, f"{campaign_id}.toml")


def _dossier(campaign: Campaign, **overrides: int) -> Dossier:
    return Dossier(
        name="D",
        campaign_id=campaign.id,
        grappe=grappe(og("A", establishments(16), porteur=True, size=20), segur=True),
        overrides=MappingProxyType({k: Decimal(v) for k, v in overrides.items()}),
        campaign_fingerprint=campaign.fingerprint,
    )


# --- switching campaign ---------------------------------------------------------------------


def test_switch_keeps_the_values_the_new_campaign_has_and_returns_the_others() -> None:
    t2 = catalog.campaign("amorcage-2021-t2")
    g2023 = catalog.campaign("generalisation-2023")
    dossier = _dossier(t2, pilotage=90_000, acquisition=24_000, accompagnement_achat=1_000)
    switched, dropped = switch_campaign(dossier, g2023)
    assert switched.campaign_id == "generalisation-2023"
    assert switched.campaign_fingerprint == g2023.fingerprint != t2.fingerprint
    assert dict(switched.overrides) == {"acquisition": Decimal(24_000)}
    assert dropped == ("pilotage", "accompagnement_achat")  # in the dossier's order
    # What was kept is accepted by the new campaign: the dossier can still be budgeted.
    g2023.with_overrides(switched.overrides)
    with pytest.raises(CampaignError, match="Valeur inconnue"):
        g2023.with_overrides(dossier.overrides)
    assert dossier.campaign_id == "amorcage-2021-t2"  # the old value is intact (undo)


def test_switch_to_a_campaign_with_every_name_drops_nothing() -> None:
    t1 = catalog.campaign("amorcage-2021-t1")
    t2 = catalog.campaign("amorcage-2021-t2")
    switched, dropped = switch_campaign(_dossier(t1, acquisition=20_000, equipement=500), t2)
    assert dropped == ()
    assert dict(switched.overrides) == {"acquisition": 20_000, "equipement": 500}


# --- the campaign file changed -----------------------------------------------------------------


def test_the_same_rules_however_written_keep_the_fingerprint() -> None:
    shipped = catalog.campaign("generalisation-2023")
    assert shipped.fingerprint == parse_campaign(_mapping("generalisation-2023")).fingerprint
    assert campaign_changed(shipped.fingerprint, shipped) is None


def test_a_changed_file_warns_until_the_new_version_is_accepted() -> None:
    before = catalog.campaign("generalisation-2023")
    after = _edited("generalisation-2023", "acquisition", 7_000)
    assert after.fingerprint != before.fingerprint
    dossier = _dossier(before)

    finding = campaign_changed(dossier.campaign_fingerprint, after)
    assert finding is not None
    assert finding.code == CAMPAIGN_CHANGED and finding.severity is Severity.AVERTISSEMENT
    assert finding.message == MESSAGE.format(title=after.title)
    assert before.fingerprint in finding.rule and after.fingerprint in finding.rule

    budget = compute(dossier.grappe, after, catalog.nomenclature())
    warned = with_version_check(budget, dossier.campaign_fingerprint, after)
    assert warned.findings == (finding, *budget.findings)
    assert warned.eligible == budget.eligible  # a warning, never a block
    assert CAMPAIGN_CHANGED not in {f.code for f in budget.findings}  # the budget is intact

    accepted = accept_campaign_version(dossier, after)
    assert accepted.campaign_fingerprint == after.fingerprint
    assert campaign_changed(accepted.campaign_fingerprint, after) is None
    assert with_version_check(budget, accepted.campaign_fingerprint, after) is budget
    assert accepted.overrides == dossier.overrides and dossier.campaign_fingerprint == (
        before.fingerprint
    )


def test_nothing_is_said_when_nothing_was_recorded() -> None:
    changed = _edited("generalisation-2023", "acquisition", 7_000)
    assert campaign_changed("", changed) is None  # a dossier older than the record
    assert Dossier(name="D", campaign_id="x").campaign_fingerprint == ""
    built_in_code = replace(changed, fingerprint="")
    assert campaign_changed("0123456789abcdef", built_in_code) is None


# --- declarations -------------------------------------------------------------------------------


def test_declare_ght_per_essms_and_take_it_back() -> None:
    dossier = Dossier(name="D", campaign_id="generalisation-2023")
    assert dossier.declarations == NO_DECLARATIONS
    one = declare_ght(dossier, "59 000 001 2", True)
    assert one.declarations.ght_essms == frozenset({"590000012"})
    two = declare_ght(one, "2A0000015", True)
    assert two.declarations.ght_essms == frozenset({"590000012", "2A0000015"})
    assert declare_ght(two, "590000012", True) == two  # declared once
    back = declare_ght(two, "590000012", False)
    assert back.declarations.ght_essms == frozenset({"2A0000015"})
    assert dossier.declarations == NO_DECLARATIONS  # the old value is intact (undo)
    for no_finess in ("  ", "12345", "5900000123"):
        with pytest.raises(ValueError):
            declare_ght(dossier, no_finess, True)


def test_declare_editor_registered_yes_no_and_not_declared() -> None:
    dossier = declare_ght(Dossier(name="D", campaign_id="generalisation-2025"), "590000012", True)
    yes = declare_editor_registered(dossier, True)
    assert yes.declarations == Declarations(frozenset({"590000012"}), True)
    assert declare_editor_registered(yes, False).declarations.editor_registered is False
    assert declare_editor_registered(yes, None).declarations.editor_registered is None


def test_the_declarations_and_fingerprint_are_validated() -> None:
    sound = declare_editor_registered(
        declare_ght(_dossier(catalog.campaign("generalisation-2023")), "590000012", True), True
    )
    assert dossier_problems(sound) == ()
    bad = replace(
        sound,
        campaign_fingerprint="empreinte\x1b[31m",
        declarations=Declarations(frozenset({"590000012", "x" * 50}), "oui"),  # type: ignore[arg-type]
    )
    fields = {p.field for p in dossier_problems(bad)}
    assert fields == {
        "version de la campagne",
        "ESSMS rattaché à un GHT",
        "éditeur inscrit au guichet Ségur",
    }

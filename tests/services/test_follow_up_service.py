"""The follow-up service: filing freezes the candidature, a filed candidature is edited only as
an amendment, indicators are imported and exchanged as the grappe is."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest

from esms_desktop.domain.dossier import Dossier, UsageTarget
from esms_desktop.domain.follow_up import NO_FOLLOW_UP, IndicatorValue, Period, Phase
from esms_desktop.domain.usage_threshold import UsageThreshold
from esms_desktop.reports.candidature import data_fingerprint
from esms_desktop.services import dossiers, exchange, follow_up
from esms_desktop.services.assessment import assess_dossier
from esms_desktop.services.dossiers import FiledCandidatureError
from esms_desktop.storage.store import Store, open_store
from tests.storage.factories import (
    CAMPAIGN,
    establishment,
    full_dossier,
    full_follow_up,
    grappe,
    valid_finess,
)

SHARE = "Part des personnes accompagnées disposant d'un DUI actif"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "donnees")
    try:
        yield opened
    finally:
        opened.close()


def _stored(store: Store, dossier: Dossier | None = None) -> int:
    """A candidature (no follow-up) with a threshold on its DUI target, stored."""
    value = dossier or replace(
        full_dossier(),
        follow_up=NO_FOLLOW_UP,
        overrides=MappingProxyType({}),  # the factory's are not all this campaign's
        usage_targets=(UsageTarget(SHARE, threshold=UsageThreshold(Decimal(50))),),
    )
    with store.uow() as uow:
        new_id = uow.dossiers.add(value)
        uow.commit()
    return new_id


def test_filing_freezes_the_candidature_and_its_fingerprint(store: Store) -> None:
    dossier_id = _stored(store)
    before = dossiers.load_dossier(store.uow(), dossier_id)
    filed = follow_up.file_candidature(store.uow(), dossier_id, date(2024, 6, 1))
    record = filed.follow_up.filed
    assert filed.follow_up.phase is Phase.DEPOSE and record is not None
    assert record.filed_on == date(2024, 6, 1)
    frozen = json.loads(record.snapshot)["dossier"]
    assert frozen == exchange.dossier_to_dict(before)  # the candidature as it was
    assert record.pdf_fingerprint == data_fingerprint(before, assess_dossier(before))
    budget = assess_dossier(before)
    assert budget.complete and record.amount_asked == budget.total
    # Recording the convention afterwards leaves what was filed as it was.
    retained = follow_up.record_convention(
        store.uow(), dossier_id, date(2024, 9, 1), Decimal("100000")
    )
    assert retained.follow_up.filed == record
    assert [t.expected for t in retained.follow_up.tranches]  # from the campaign's split


def test_a_filed_candidature_is_edited_only_as_an_amendment(store: Store) -> None:
    dossier_id = _stored(store)
    filed = follow_up.file_candidature(store.uow(), dossier_id, date(2024, 6, 1))
    bigger = replace(filed, grappe=grappe(ogs=2, per_og=4))
    with pytest.raises(FiledCandidatureError) as refused:
        dossiers.save_dossier(store.uow(), bigger, filed)
    assert "avenant" in refused.value.message and refused.value.changes
    assert dossiers.load_dossier(store.uow(), dossier_id).grappe == filed.grappe  # nothing written
    # Renaming, or what follows the filing, is no amendment; an amendment asked is saved.
    renamed = dossiers.save_dossier(store.uow(), replace(filed, name="Autre nom"), filed)
    assert renamed.name == "Autre nom"
    amended = dossiers.save_dossier(store.uow(), replace(bigger, name="Autre nom"), renamed,
                                    amendment=True)  # fmt: skip
    assert amended.grappe == bigger.grappe


def test_a_candidature_still_in_preparation_is_edited_freely(store: Store) -> None:
    dossier_id = _stored(store)
    before = dossiers.load_dossier(store.uow(), dossier_id)
    after = dossiers.save_dossier(store.uow(), replace(before, grappe=grappe(1, 1)), before)
    assert after.grappe == grappe(1, 1)


def _sheet(path: Path, value: str) -> Path:
    a, b = valid_finess(1), valid_finess(2)
    path.write_text(
        f"FINESS;Période;Indicateur;Valeur\n{a};2025-01;{SHARE};{value}\n{b};2025-01;{SHARE};60\n",
        encoding="utf-8",
    )
    return path


def test_importing_again_replaces_only_when_asked(store: Store, tmp_path: Path) -> None:
    dossier_id = _stored(store)
    first = follow_up.import_indicators(
        store.uow(), dossier_id, _sheet(tmp_path / "a.csv", "40"), replace=False
    )
    assert (first.read, first.added, first.replaced, first.unchanged) == (2, 2, 0, 0)
    again = follow_up.import_indicators(
        store.uow(), dossier_id, _sheet(tmp_path / "a.csv", "40"), replace=False
    )
    assert (again.added, again.unchanged) == (0, 2)
    with pytest.raises(follow_up.FollowUpError, match="déjà saisie"):
        follow_up.import_indicators(
            store.uow(), dossier_id, _sheet(tmp_path / "b.csv", "45"), replace=False
        )
    done = follow_up.import_indicators(
        store.uow(), dossier_id, _sheet(tmp_path / "b.csv", "45"), replace=True
    )
    assert (done.replaced, done.unchanged) == (1, 1)
    values = dossiers.load_dossier(store.uow(), dossier_id).follow_up.indicators
    assert sorted(v.value for v in values) == [Decimal(45), Decimal(60)]


def test_an_esms_file_carries_the_follow_up_and_older_files_have_none(
    store: Store, tmp_path: Path
) -> None:
    dossier_id = _stored(store, replace(full_dossier(), follow_up=full_follow_up()))
    path = exchange.export_dossier(store.uow(), dossier_id, tmp_path / "d.esms")
    content = exchange.read_exchange_file(path)
    assert content.dossier is not None
    assert content.dossier.follow_up == full_follow_up()
    # A dossier without follow-up writes no key: files read by older versions are unchanged.
    plain = exchange.dossier_to_dict(replace(full_dossier(), follow_up=NO_FOLLOW_UP))
    assert "follow_up" not in plain
    assert exchange.dossier_from_dict(exchange._Reader(plain, "d")).follow_up is NO_FOLLOW_UP


def test_a_partner_s_part_brings_its_indicators_merged_as_the_grappe(
    store: Store, tmp_path: Path
) -> None:
    porteur_id = _stored(store)
    ours = dossiers.load_dossier(store.uow(), porteur_id)
    partner_og = ours.grappe.organisations[1]
    theirs_finess = partner_og.establishments[0].finess
    other_finess = ours.grappe.organisations[0].establishments[0].finess
    # The porteur already has a value for the partner's ESSMS in January.
    january = IndicatorValue(theirs_finess, SHARE, Period(2025, 1), Decimal(30))
    ours = dossiers.save_dossier(
        store.uow(), replace(ours, follow_up=replace(ours.follow_up, indicators=(january,))), ours
    )
    # The partner's part: its OG, with January (different) and February, and a value for an
    # ESSMS of another OG (not the partner's to send).
    part_values = (
        IndicatorValue(theirs_finess, SHARE, Period(2025, 1), Decimal(35)),
        IndicatorValue(theirs_finess, SHARE, Period(2025, 2), Decimal(55)),
        IndicatorValue(other_finess, SHARE, Period(2025, 2), Decimal(99)),
    )
    partner = replace(
        ours,
        follow_up=replace(NO_FOLLOW_UP, indicators=part_values),
        created=None,
        updated=None,
    )
    partner_id = _stored(store, partner)
    part = exchange.export_organisation(store.uow(), partner_id, 1, tmp_path / "part.esms")
    preview = exchange.preview_merge(store.uow(), porteur_id, part)
    assert any("Indicateurs d'usage" in n for n in preview.notes)
    report = exchange.merge_into(store.uow(), porteur_id, part)  # default: ours kept
    note = next(n for n in report.notes if "Indicateurs d'usage" in n)
    assert "1 valeur(s) fusionnée(s)" in note and "1 en conflit" in note
    sent = exchange.read_exchange_file(part).indicators
    assert {v.finess for v in sent} == {theirs_finess}  # only the partner's own ESSMS travel
    merged = dossiers.load_dossier(store.uow(), porteur_id).follow_up.indicators
    assert {(str(v.period), v.value) for v in merged} == {
        ("2025-01", Decimal(30)),
        ("2025-02", Decimal(55)),
    }
    exchange.merge_into(store.uow(), porteur_id, part, default="theirs")
    merged = dossiers.load_dossier(store.uow(), porteur_id).follow_up.indicators
    assert {(str(v.period), v.value) for v in merged} == {
        ("2025-01", Decimal(35)),
        ("2025-02", Decimal(55)),
    }
    assert establishment(1)  # the factory's ESSMS numbering is the one read above
    assert CAMPAIGN

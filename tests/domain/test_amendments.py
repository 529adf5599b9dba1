"""Amendments (avenants) to a filed candidature: recorded as part of the dossier value, so undo
and redo keep working, and fingerprinted so a change beyond the last amendment is seen."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest

from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.follow_up import Amendment, FollowUp
from esms_desktop.domain.follow_up_edits import (
    amend,
    amend_further,
    amendment_needed,
    amendment_recorded,
    candidature_fingerprint,
    confirm_threshold,
    describe_changes,
    file_candidature,
    set_amendment_note,
)
from tests.domain import follow_up_example as ex

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2025, 3, 4)


def _filed() -> Dossier:
    return file_candidature(ex.dossier(), date(2024, 9, 10), "{esms}")


def _retitled(d: Dossier, title: str) -> Dossier:
    return replace(d, project_title=title)


def test_amendment_is_the_last_field_of_the_follow_up() -> None:
    assert [f.name for f in fields(FollowUp)][-1] == "amendments"
    assert FollowUp().amendments == ()


def test_amend_records_what_changed_with_both_fingerprints() -> None:
    filed = _filed()
    after = _retitled(filed, "Projet révisé")
    amended = amend(filed, after, DAY, "Avenant n° 1 du 4 mars 2025")
    (a,) = amended.follow_up.amendments
    assert a == Amendment(
        DAY,
        tuple(describe_changes(filed, after)),
        candidature_fingerprint(filed),
        candidature_fingerprint(after),
        "Avenant n° 1 du 4 mars 2025",
    )
    assert a.changes and a.changes[0].startswith("Intitulé du projet")
    assert a.before != a.after
    assert amended.project_title == "Projet révisé"
    assert amendment_recorded(filed, amended)


def test_amend_refuses_what_needs_no_amendment_in_french() -> None:
    filed = _filed()
    with pytest.raises(ValueError, match="ne change rien de la candidature déposée"):
        amend(filed, confirm_threshold(filed, ex.DUI, ex.THRESHOLDS[ex.DUI]), DAY)
    not_filed = ex.dossier()
    with pytest.raises(ValueError, match="pas encore déposée"):
        amend(not_filed, _retitled(not_filed, "x"), DAY)


def test_amend_further_redescribes_the_last_amendment_only() -> None:
    filed = _filed()
    first = amend(filed, _retitled(filed, "A"), DAY, "n° 1")
    start = first
    second = amend(start, _retitled(start, "AB"), date(2025, 4, 1), "n° 2")
    typed_on = _retitled(second, "ABC")  # the user goes on typing in the same field
    assert not amendment_recorded(second, typed_on)
    further = amend_further(start, typed_on)
    one, two = further.follow_up.amendments
    assert one == first.follow_up.amendments[0]
    assert (two.made_on, two.note, two.before) == (
        date(2025, 4, 1),
        "n° 2",
        candidature_fingerprint(start),
    )
    assert two.after == candidature_fingerprint(typed_on)
    assert two.changes == tuple(describe_changes(start, typed_on))
    assert "ABC" in two.changes[0]
    assert amendment_recorded(second, further)
    with pytest.raises(ValueError, match="Aucun avenant"):
        amend_further(filed, _retitled(filed, "x"))


def test_an_undo_of_the_amendment_is_recorded_a_change_beyond_it_is_not() -> None:
    filed = _filed()
    amended = amend(filed, _retitled(filed, "Révisé"), DAY)
    # Undo: the window goes back to the dossier before the amendment (no amendment left).
    assert amendment_needed(amended, filed)
    assert amendment_recorded(amended, filed)
    # A change beyond the last amendment, without one of its own.
    beyond = _retitled(amended, "Révisé encore")
    assert amendment_needed(amended, beyond)
    assert not amendment_recorded(amended, beyond)
    # Removing the amendment but keeping the change is not the undo either.
    stripped = replace(amended, follow_up=replace(amended.follow_up, amendments=()))
    assert not amendment_recorded(amended, replace(stripped, project_title="Autre"))
    # No trail at all: nothing is recorded.
    assert not amendment_recorded(filed, _retitled(filed, "x"))


def test_redo_after_undo_is_recorded_too() -> None:
    filed = _filed()
    amended = amend(filed, _retitled(filed, "Révisé"), DAY)
    assert amendment_recorded(filed, amended)  # redo: the stored dossier is the undone one


def test_set_amendment_note_is_no_change_of_what_was_filed() -> None:
    filed = _filed()
    amended = amend(filed, _retitled(filed, "Révisé"), DAY)
    noted = set_amendment_note(amended, 0, "Avenant n° 1")
    assert noted.follow_up.amendments[0].note == "Avenant n° 1"
    assert not amendment_needed(amended, noted)
    assert amendment_recorded(amended, noted)
    with pytest.raises(IndexError):
        set_amendment_note(amended, 1, "x")


def test_the_fingerprint_covers_only_the_filed_parts() -> None:
    filed = _filed()
    print_ = candidature_fingerprint(filed)
    assert len(print_) == 64 and int(print_, 16) >= 0
    assert candidature_fingerprint(replace(filed, governance="autre gouvernance")) == print_
    assert candidature_fingerprint(confirm_threshold(filed, ex.DUI, ex.THRESHOLDS[ex.DUI])) == (
        print_
    )
    assert candidature_fingerprint(_retitled(filed, "x")) != print_
    og = filed.grappe.organisations[0]
    grown = replace(og, establishments=og.establishments[:-1])
    smaller = replace(filed.grappe, organisations=(grown, *filed.grappe.organisations[1:]))
    assert candidature_fingerprint(replace(filed, grappe=smaller)) != print_


def test_the_fingerprint_ignores_mapping_order_and_decimal_writing() -> None:
    d = _filed()
    one = replace(d, overrides=MappingProxyType({"a": Decimal("1.0"), "b": Decimal(2)}))
    two = replace(d, overrides=MappingProxyType({"b": Decimal("2.00"), "a": Decimal(1)}))
    assert candidature_fingerprint(one) == candidature_fingerprint(two)
    three = replace(d, overrides=MappingProxyType({"a": Decimal(1), "b": Decimal(3)}))
    assert candidature_fingerprint(three) != candidature_fingerprint(one)


def test_the_fingerprint_survives_an_esms_round_trip() -> None:
    from esms_desktop.services import exchange

    filed = _filed()
    amended = amend(filed, _retitled(filed, "Révisé"), DAY, "n° 1")
    back = exchange.dossier_from_snapshot(exchange.snapshot_bytes(amended), 1)
    assert back is not None
    assert back.follow_up.amendments == amended.follow_up.amendments
    assert candidature_fingerprint(back) == candidature_fingerprint(amended)
    assert amendment_recorded(filed, back)


_SCRIPT = """
from dataclasses import replace
from datetime import date
from esms_desktop.domain.eligibility import Declarations
from esms_desktop.domain.follow_up_edits import candidature_fingerprint, file_candidature
from tests.domain import follow_up_example as ex
d = file_candidature(ex.dossier(), date(2024, 9, 10), "{esms}")
ght = frozenset(e.finess for _og, e in d.grappe.rows())  # a set: its order follows the seed
print(candidature_fingerprint(replace(d, declarations=Declarations(ght_essms=ght))))
"""


def _with_ght(d: Dossier) -> Dossier:
    from esms_desktop.domain.eligibility import Declarations

    ght = frozenset(e.finess for _og, e in d.grappe.rows())
    return replace(d, declarations=Declarations(ght_essms=ght))


@pytest.mark.parametrize("seed", ["0", "12345"])
def test_the_fingerprint_is_the_same_in_another_process(seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == candidature_fingerprint(_with_ght(_filed()))
    assert candidature_fingerprint(_with_ght(_filed())) != candidature_fingerprint(_filed())

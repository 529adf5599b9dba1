"""A dossier holds only values some door would have let in (issue: files from strangers)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esms_desktop.domain.dossier import AutodiagResponse, Dossier, Milestone, Porteur, UsageTarget
from esms_desktop.domain.fields import ESTABLISHMENT_FIELDS, establishment_field
from esms_desktop.domain.grappe import Grappe, Organisation
from esms_desktop.domain.usage_threshold import UsageThreshold, percentage
from esms_desktop.domain.validation import (
    MAX_ESTABLISHMENTS,
    InvalidDossierError,
    check_dossier,
    dossier_problems,
    field_problem,
    shown,
)
from tests.domain.builders import establishments, grappe, og, split_grappe


def _dossier(**changes: Any) -> Dossier:
    return replace(
        Dossier("Candidature", "amorcage-2021-t2", grappe=split_grappe(20, 3)), **changes
    )


def _with_essms(**changes: Any) -> Dossier:
    d = _dossier()
    first = d.grappe.organisations[0]
    est = replace(first.establishments[0], **changes)
    organisations = (replace(first, establishments=(est, *first.establishments[1:])),)
    return replace(
        d, grappe=replace(d.grappe, organisations=organisations + d.grappe.organisations[1:])
    )


def test_an_ordinary_dossier_has_no_problem() -> None:
    assert dossier_problems(_dossier()) == ()
    assert dossier_problems(Dossier("Vide", "amorcage-2021-t2")) == ()
    assert check_dossier(_dossier(), "Le fichier") == _dossier()


def test_completeness_is_not_validity() -> None:
    """A wrong FINESS key, an empty name or an unknown category are the rules' business."""
    d = _with_essms(finess="750000000", name="", category="")
    assert dossier_problems(d) == ()


@pytest.mark.parametrize(
    ("changes", "label", "words"),
    [
        ({"eligible_hours_pct": Decimal("NaN")}, "Heures éligibles (%)", "nombre décimal"),
        ({"eligible_hours_pct": Decimal("sNaN")}, "Heures éligibles (%)", "nombre décimal"),
        ({"eligible_hours_pct": Decimal("Infinity")}, "Heures éligibles (%)", "nombre décimal"),
        ({"eligible_hours_pct": Decimal(-50)}, "Heures éligibles (%)", "entre 0 et 100"),
        ({"eligible_hours_pct": Decimal("1e30")}, "Heures éligibles (%)", "entre 0 et 100"),
        ({"eligible_hours_pct": Decimal("1e999999999")}, "Heures éligibles (%)", "entre 0 et 100"),
        ({"capacity": -5}, "Capacité", "supérieur ou égal à 0"),
        ({"capacity": 2**63}, "Capacité", "inférieur ou égal à"),
        ({"capacity": True}, "Capacité", "nombre entier"),
        ({"capacity": "12"}, "Capacité", "nombre entier"),
        ({"equipment": "oui"}, "Équipement", "oui ou non"),
        ({"project": "acquisition"}, "Projet", "valeur de la liste"),
        ({"name": "EHPAD \x1b[31mrouge"}, "Nom", "caractère de contrôle"),
        ({"town": "Lille\x00"}, "Commune", "caractère de contrôle"),
        ({"name": "a\u202eb"}, "Nom", "caractère de contrôle"),
        ({"address": "x" * 1001}, "Adresse", "1\u202f000 caractères au plus"),
    ],
)
def test_a_value_no_door_lets_in_is_a_problem(
    changes: dict[str, Any], label: str, words: str
) -> None:
    (problem,) = dossier_problems(_with_essms(**changes))
    assert problem.where.startswith("OG n°1 «") and "ESSMS n°1" in problem.where
    assert problem.field == label and words in problem.expected


def test_every_part_of_the_dossier_is_checked() -> None:
    bad = _dossier(
        name="Dossier\x07",
        porteur=Porteur(name="Asso", contact_phone="03\x1b]0;x\x07"),
        overrides=MappingProxyType(
            {
                "acquisition": Decimal("NaN"),
                "conformite": Decimal(-1),
                "equipement": Decimal("1e30"),
            }
        ),
        autodiagnostics=(
            AutodiagResponse(answers=MappingProxyType({"q1": 99_999_999, "q2": True, "q3": 2})),
        ),
        usage_targets=(
            UsageTarget("DUI actif", threshold=percentage(150)),
            UsageTarget("INS", threshold=UsageThreshold(Decimal("NaN"), "identités")),
        ),
        milestones=(Milestone("Lancement\x00", date(2025, 1, 1)),),
    )
    found = {(p.where.split(",")[0], p.field) for p in dossier_problems(bad)}
    assert found == {
        ("Dossier", "nom du dossier"),
        ("Porteur", "téléphone"),
        ("Budget", "montant"),
        ("Autodiagnostic « grappe »", "question « q1 »"),
        ("Autodiagnostic « grappe »", "question « q2 »"),
        ("Cible d'usage n°1", "seuil"),
        ("Cible d'usage n°2", "seuil"),
        ("Jalon n°1", "libellé"),
    }
    assert len([p for p in dossier_problems(bad) if p.where.startswith("Budget")]) == 3


def test_sizes_are_bounded() -> None:
    many = og("Grosse", establishments(MAX_ESTABLISHMENTS + 1))
    problems = dossier_problems(_dossier(grappe=grappe(many)))
    assert [p.field for p in problems] == ["nombre d'éléments"]


def test_the_refusal_lists_the_problems_in_french() -> None:
    with pytest.raises(InvalidDossierError) as caught:
        check_dossier(
            _with_essms(capacity=-5, eligible_hours_pct=Decimal("NaN")), "Le fichier « a.esms »"
        )
    message = str(caught.value)
    assert message.startswith("Le fichier « a.esms » contient 2 valeurs hors des limites")
    assert "rien n'a été enregistré" in message
    assert "Capacité : « -5 » (nombre entier supérieur ou égal à 0 attendu)" in message
    assert len(caught.value.problems) == 2


def test_a_value_is_shown_short_and_printable() -> None:
    assert shown("a\x1b[31mb") == "a\ufffd[31mb"
    assert len(shown("x" * 500)) == 60
    assert shown(None) == "vide" and shown(Decimal("NaN")) == "Decimal('NaN')"


@given(text=st.text(max_size=30))
def test_whatever_a_parser_accepts_is_valid(text: str) -> None:
    """The parsers and the validation state one range: a parsed value is always admissible."""
    for spec in ESTABLISHMENT_FIELDS:
        parsed = spec.parse(text)
        if parsed.value is not None or spec.kind.value in {"integer", "date"}:
            problem = field_problem(spec, parsed.value)
            if spec.kind.value == "text":
                continue  # texts are checked for control characters the parsers keep
            assert problem == "", (spec.name, text, parsed)


def test_numbers_read_back_through_their_parser() -> None:
    hours = establishment_field("eligible_hours_pct")
    assert field_problem(hours, Decimal("70.5")) == ""
    assert field_problem(hours, Decimal(100)) == ""
    assert "entre 0 et 100" in field_problem(hours, Decimal("100.01"))
    capacity = establishment_field("capacity")
    assert field_problem(capacity, None) == "" and field_problem(capacity, 1_000_000) == ""
    assert field_problem(capacity, 1_000_001) != ""


def test_an_og_that_is_not_one_is_named() -> None:
    broken = Grappe(organisations=(Organisation("A"), "pas un OG"))  # type: ignore[arg-type]
    (problem,) = dossier_problems(_dossier(grappe=broken))
    assert problem.field == "OG n°2"

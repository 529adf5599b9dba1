"""Issue 16: warnings on what the dossier collects — an undeclared OG size, a project that does
not fit the current DUI (referenced DUI + acquisition; no DUI + conformité)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from esms_desktop.domain.eligibility import evaluate
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.grappe import DuiSituation, Grappe, ProjectType
from esms_desktop.services import catalog
from tests.domain.builders import establishments, grappe, og

CAMPAIGN = "amorcage-2021-t2"


def findings(g: Grappe, code: str) -> list:
    result = evaluate(g, catalog.campaign(CAMPAIGN), catalog.nomenclature())
    return [f for f in result.findings if f.code == code]


def test_an_undeclared_og_size_is_warned_until_declared() -> None:
    undeclared = grappe(og("Asso A", establishments(5), porteur=True), og("B", establishments(
        3, start=10), size=40))  # fmt: skip
    (warning,) = findings(undeclared, "taille_og_non_declaree")
    assert warning.severity is Severity.AVERTISSEMENT and warning.og == "Asso A"
    assert "5 (déduit des ESSMS listés)" in warning.message and "petit OG" in warning.message
    declared = replace(
        undeclared,
        organisations=(replace(undeclared.organisations[0], declared_size=5),
                       undeclared.organisations[1]),
    )  # fmt: skip
    assert findings(declared, "taille_og_non_declaree") == []


@pytest.mark.parametrize(
    ("situation", "project", "code"),
    [
        (DuiSituation.REFERENCE, ProjectType.ACQUISITION, "dui_reference_acquisition"),
        (DuiSituation.AUCUN, ProjectType.CONFORMITE, "sans_dui_conformite"),
    ],
)
def test_incoherent_pairs_are_warned_on_their_row(situation, project, code) -> None:
    ests = establishments(6, project=project)
    odd = replace(ests[2], current_dui=situation)
    g = grappe(og("A", (*ests[:2], odd, *ests[3:]), porteur=True, size=6))
    (warning,) = findings(g, code)
    assert warning.severity is Severity.AVERTISSEMENT
    assert warning.finess == odd.finess and odd.name in warning.message
    fixed = grappe(og("A", (*ests[:2], replace(odd, current_dui=DuiSituation.NON_REFERENCE),
                             *ests[3:]), porteur=True, size=6))  # fmt: skip
    assert findings(fixed, code) == []


def test_coherent_pairs_say_nothing() -> None:
    pairs = [
        (DuiSituation.REFERENCE, ProjectType.CONFORMITE),
        (DuiSituation.AUCUN, ProjectType.ACQUISITION),
        (DuiSituation.NON_REFERENCE, ProjectType.ACQUISITION),
        (DuiSituation.NON_REFERENCE, ProjectType.CONFORMITE),
        (DuiSituation.INCONNUE, ProjectType.ACQUISITION),
    ]
    ests = tuple(
        replace(e, current_dui=s, project=p)
        for e, (s, p) in zip(establishments(len(pairs)), pairs, strict=True)
    )
    g = grappe(og("A", ests, porteur=True, size=5))
    assert findings(g, "dui_reference_acquisition") == findings(g, "sans_dui_conformite") == []

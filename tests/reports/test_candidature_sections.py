"""The candidature sections one by one: pure functions of a frozen context.

The whole document is checked by test_candidature.py; these tests pin what the split into one
module per section promises: a section can be built on its own, cannot change the context the
next one reads, and the ESSMS table's columns are defined in one place.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from reportlab.lib.units import mm

from esms_desktop.reports.candidature import CandidatureContext, CandidatureDocument
from esms_desktop.reports.candidature.common import SectionTitle, number_sections
from esms_desktop.reports.candidature.document import STORY, story
from esms_desktop.reports.candidature.essms import _alignments, essms_columns, essms_widths
from esms_desktop.services.assessment import assess, effective_campaign
from tests.reports.test_candidature import example_dossier


@pytest.fixture(scope="module")
def ctx() -> CandidatureContext:
    dossier = example_dossier()
    budget = assess(dossier.grappe, dossier.campaign_id, dossier.overrides)
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    return CandidatureDocument(dossier, budget, campaign, generated_on=date(2025, 3, 12)).context


def test_the_context_is_frozen(ctx):
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.missing = ()  # type: ignore[misc]


def test_every_section_builds_on_its_own_and_twice_alike(ctx):
    sections = [step for step in STORY if not isinstance(step, str)]
    # the cover, 13 numbered sections, the missing items, the two annexes after the signatures
    assert len(sections) == 17
    for section in sections:
        first, again = section(ctx), section(ctx)
        assert [type(f) for f in first] == [type(f) for f in again], section
    titles = [f.text for s in sections for f in s(ctx) if isinstance(f, SectionTitle)]
    assert titles[0] == "Porteur du projet"
    assert titles[-3:] == [
        "Signatures des organismes gestionnaires",
        "Détail par ESSMS",
        "Note de calcul et points de vigilance",
    ]


def test_headings_are_numbered_in_print_order(ctx):
    numbered = [f for f in story(ctx) if getattr(f, "outline_level", None) == 0]
    assert [f.outline_title.split(" —", 1)[0].split(" ", 1)[0] for f in numbered] == [
        *(f"{n}." for n in range(1, 14)),
        "Annexe",
        "Annexe",
    ]
    assert [f.outline_title for f in numbered[-2:]] == [
        "Annexe A — Détail par ESSMS",
        "Annexe B — Note de calcul et points de vigilance",
    ]
    assert not any(isinstance(f, SectionTitle) for f in story(ctx))


def test_an_unnumbered_section_title_fails_loudly():
    with pytest.raises(RuntimeError, match="not numbered"):
        SectionTitle("Oubli").wrap(100, 100)
    (heading,) = number_sections([SectionTitle("Seul")])
    assert heading.outline_title == "1. Seul"


def test_essms_columns_fill_the_landscape_frame_and_align_figures_right(ctx):
    columns = essms_columns()
    assert sum(essms_widths()) == pytest.approx(ctx.landscape_width)
    assert [c.title for c in columns][:3] == ["N°", "FINESS\ngéo.", "Établissement"]
    assert sum(essms_widths()) == pytest.approx(267 * mm)
    # Titles over counts and amounts, then every figure column of the body rows.
    assert _alignments(columns) == [
        ("ALIGN", (6, 0), (6, 0), "RIGHT"),
        ("ALIGN", (10, 0), (11, 0), "RIGHT"),
        ("ALIGN", (0, 2), (0, -1), "RIGHT"),
        ("ALIGN", (6, 2), (6, -1), "RIGHT"),
        ("ALIGN", (10, 2), (11, -1), "RIGHT"),
    ]

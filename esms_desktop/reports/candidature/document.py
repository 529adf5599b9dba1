"""The candidature document: the cover, then the sections in the order of programme.md §7.

Each section is a pure function of one :class:`CandidatureContext`; this module only decides
their order, the page templates between them, and numbers their headings as printed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import BinaryIO

from reportlab.platypus import Flowable, PageBreak

from esms_desktop.domain.autodiagnostic import Questionnaire
from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.completeness import MissingItem
from esms_desktop.domain.dossier import Dossier
from esms_desktop.reports.base import BaseDocument, DocumentMeta, RenderedPdf
from esms_desktop.reports.candidature import (
    annexes,
    autodiagnostic,
    commitments,
    cover,
    essms,
    grappe,
    open_points,
    porteur,
    signing,
    solution,
)
from esms_desktop.reports.candidature import budget as budget_section
from esms_desktop.reports.candidature import missing as missing_section
from esms_desktop.reports.candidature.common import number_sections
from esms_desktop.reports.candidature.context import (
    CampaignSource,
    CandidatureContext,
    build_context,
)
from esms_desktop.reports.candidature.fingerprint import data_fingerprint

Section = Callable[[CandidatureContext], list[Flowable]]

PORTRAIT, LANDSCAPE, NEW_PAGE = "portrait", "landscape", "page"
"""Layout steps between sections: continue on a portrait or landscape page, or a new page."""

STORY: tuple[Section | str, ...] = (
    cover.section,
    PORTRAIT,
    porteur.section,
    grappe.section,
    LANDSCAPE,
    essms.section,
    PORTRAIT,
    solution.section,
    autodiagnostic.section,
    NEW_PAGE,
    budget_section.section,
    commitments.usage_targets,
    commitments.planning,
    commitments.governance,
    open_points.section,
    NEW_PAGE,
    signing.attestations,
    signing.signatures,
    annexes.section,
    missing_section.section,
)
"""The dossier, in print order: sections and the page changes between them."""


class CandidatureDocument(BaseDocument):
    """The dossier: cover, then one numbered section per part of programme.md §7."""

    def __init__(
        self,
        dossier: Dossier,
        budget: Budget,
        campaign: Campaign,
        questionnaire: Questionnaire | None = None,
        generated_on: date | None = None,
        missing: Sequence[MissingItem] = (),
        source: CampaignSource | None = None,
    ) -> None:
        on = generated_on or date.today()
        fp = data_fingerprint(dossier, budget)
        # The page widths are the class's geometry: known before the base class is set up.
        self.context = build_context(
            dossier,
            budget,
            campaign,
            questionnaire,
            missing,
            generated_on=on,
            fingerprint=fp,
            portrait_width=self.portrait_width,
            landscape_width=self.landscape_width,
            source=source,
        )
        title = dossier.project_title or dossier.name
        meta = DocumentMeta(
            title=f"Dossier de candidature ESMS numérique — {title}",
            subject=f"Candidature au programme ESMS numérique — {campaign.title}",
            header_left=(
                f"BROUILLON — dossier incomplet — {dossier.name}" if missing else dossier.name
            ),
            header_right=campaign.title,
            generated_on=on,
            author=self.context.porteur.name,
            keywords=("ESMS numérique", "candidature", "DUI", campaign.id, "CNSA", "ARS"),
            fingerprint=fp,
        )
        super().__init__(meta, deterministic=generated_on is not None)

    def story(self) -> list[Flowable]:
        return story(self.context)


def story(ctx: CandidatureContext) -> list[Flowable]:
    """The flowables of the whole dossier for ``ctx``, section headings numbered."""
    flow: list[Flowable] = []
    for step in STORY:
        if step == NEW_PAGE:
            flow.append(PageBreak())
        elif isinstance(step, str):
            flow += BaseDocument.switch_to(step)
        else:
            flow += step(ctx)
    return number_sections(flow)


def render_candidature(
    dossier: Dossier,
    budget: Budget,
    campaign: Campaign,
    questionnaire: Questionnaire | None = None,
    generated_on: date | None = None,
    missing: Sequence[MissingItem] = (),
    source: CampaignSource | None = None,
) -> RenderedPdf:
    """The dossier PDF and its page count (the export service reports both).

    ``missing`` is what the ARS still needs (the export service computes it): when not empty
    the cover says « Dossier complet : NON », a last section lists it and every page header
    reads « BROUILLON — dossier incomplet ». ``source`` names the campaign's file in the
    budget's rules line (and says whether it is a user's campaign).
    """
    return CandidatureDocument(
        dossier, budget, campaign, questionnaire, generated_on, missing, source
    ).render()


def build_candidature(
    dossier: Dossier,
    budget: Budget,
    campaign: Campaign,
    questionnaire: Questionnaire | None = None,
    generated_on: date | None = None,
    stream: BinaryIO | None = None,
    source: CampaignSource | None = None,
) -> bytes:
    """The dossier PDF as bytes (also written to ``stream`` when given).

    ``generated_on`` fixes the printed date and makes the output byte-for-byte reproducible.
    """
    data = render_candidature(
        dossier, budget, campaign, questionnaire, generated_on, source=source
    ).data
    if stream is not None:
        stream.write(data)
    return data

"""The candidature document: the cover, then the sections in the order of programme.md §7.

Each section is a pure function of one :class:`CandidatureContext`; this module only decides
their order, the page templates between them, and numbers their headings as printed.

The signed part ends with the attestations and the signatures: what the OGs sign is everything
before them (the annex checklist included). After them come the unsigned annexes: the detail of
the budget ESSMS by ESSMS (optional) and the software's own apparatus (« Note de calcul et
points de vigilance »). A dossier that is not final (not eligible, or incomplete) carries the
mark « PROJET — non finalisé » on every page.
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
    detail,
    essms,
    grappe,
    note,
    open_points,
    porteur,
    signing,
    solution,
)
from esms_desktop.reports.candidature import budget as budget_section
from esms_desktop.reports.candidature import missing as missing_section
from esms_desktop.reports.candidature.common import number_sections
from esms_desktop.reports.candidature.context import (
    DRAFT_MARK,
    CampaignSource,
    CandidatureContext,
    build_context,
)
from esms_desktop.reports.candidature.cover import ContentsSlot, contents_table
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
    budget_section.section,
    commitments.usage_targets,
    commitments.planning,
    commitments.governance,
    open_points.section,
    annexes.section,
    missing_section.section,
    signing.attestations,
    signing.signatures,
    detail.section,
    note.section,
)
"""The dossier, in print order: sections and the page changes between them. The signatures
close the signed part; the annexes « Détail par ESSMS » and « Note de calcul » follow them."""

DETAIL_LIMIT = 200
"""Up to this many ESSMS the annex « Détail par ESSMS » is printed unless the caller says
otherwise: about 20 pages at most. Beyond, it would outweigh the dossier (a 1,000-ESSMS grappe
adds some 40 pages repeating the same few lines), while the ESSMS table already shows each
ESSMS's amount and the budget section each rule's count and sum."""

CONTENTS_FROM = 50
"""A dossier listing more ESSMS than this (a national call's size: some 20 pages and more) opens
with a contents list on its cover."""


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
        detail: bool | None = None,
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
            detail=(len(budget.establishments) <= DETAIL_LIMIT) if detail is None else detail,
            contents=len(budget.establishments) > CONTENTS_FROM,
        )
        title = dossier.project_title or dossier.name
        meta = DocumentMeta(
            title=f"Dossier de candidature ESMS numérique — {title}",
            subject=f"Candidature au programme ESMS numérique — {campaign.title}",
            header_left=dossier.name,
            header_right=campaign.title,
            generated_on=on,
            author=self.context.porteur.name,
            keywords=("ESMS numérique", "candidature", "DUI", campaign.id, "CNSA", "ARS"),
            fingerprint=fp,
            draft_mark="" if self.context.final else DRAFT_MARK,
            paraphe=True,
        )
        super().__init__(meta, deterministic=generated_on is not None)

    def story(self) -> list[Flowable]:
        flow = story(self.context)
        self.heading_forms = sum(1 for f in flow if getattr(f, "outline_level", None) == 0)
        return flow


def story(ctx: CandidatureContext) -> list[Flowable]:
    """The flowables of the whole dossier for ``ctx``, section headings numbered, and the
    cover's contents list (a long dossier) naming them."""
    flow: list[Flowable] = []
    for step in STORY:
        if step == NEW_PAGE:
            flow.append(PageBreak())
        elif isinstance(step, str):
            flow += BaseDocument.switch_to(step)
        else:
            flow += step(ctx)
    flow = number_sections(flow)
    titles = [f.outline_title for f in flow if getattr(f, "outline_level", None) == 0]
    return [
        contents_table(titles, f.table_width) if isinstance(f, ContentsSlot) else f for f in flow
    ]


def render_candidature(
    dossier: Dossier,
    budget: Budget,
    campaign: Campaign,
    questionnaire: Questionnaire | None = None,
    generated_on: date | None = None,
    missing: Sequence[MissingItem] = (),
    source: CampaignSource | None = None,
    detail: bool | None = None,
) -> RenderedPdf:
    """The dossier PDF and its page count (the export service reports both).

    ``missing`` is what the ARS still needs (the export service computes it): when not empty
    the cover's verdict is amber (« Éligible — dossier incomplet »), a section lists it and
    every page carries the mark « PROJET — non finalisé ». ``source`` names the campaign's file
    in the note de calcul (and says whether it is a user's campaign). ``detail`` prints the
    annex « Détail par ESSMS » or leaves it out; ``None``: printed up to
    :data:`DETAIL_LIMIT` ESSMS.
    """
    return CandidatureDocument(
        dossier, budget, campaign, questionnaire, generated_on, missing, source, detail
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

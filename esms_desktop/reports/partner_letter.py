"""« Lettres de proposition »: the porteur writes to each OG found, proposing to join the grappe.

A director who found partners in the register still has to write to people she has never met.
Each letter says who writes (the porteur, its address, whom to call), what the call is about
(the campaign's own summary, a neutral paragraph: no promise of an amount), where the grappe
stands (its counted ESSMS against the campaign's minimum) and which of the recipient's ESSMS it
would bring. One PDF, one letter per OG, each starting on a new page.

What the dossier does not hold is printed « à compléter » in red, as in the lettre d'engagement
(:mod:`esms_desktop.reports.letter`), and the document then carries the draft mark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate, PageBreak, Spacer

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier, Porteur
from esms_desktop.domain.identifiers import is_island_or_overseas
from esms_desktop.domain.partner_search import PartnerCandidate, PartnerPreview
from esms_desktop.reports.base import (
    BaseDocument,
    DocumentMeta,
    RenderedPdf,
    clean,
    fingerprint,
    narrow_no_break_space_kept,
    noted_value,
    para,
)
from esms_desktop.reports.candidature.context import porteur_identity
from esms_desktop.reports.contact_sheet import og_address
from esms_desktop.reports.letter import DRAFT_MARK


def essms_minimum(campaign: Campaign, budget: Budget) -> int | None:
    """The campaign's minimum of counted ESSMS for a grappe in one region (the lower island
    one when every counted ESSMS is in Corse or overseas); ``None`` when the call sets none."""
    size = campaign.size.for_regions(False)
    counted = [e.finess for e in budget.establishments if e.counted]
    island = bool(counted) and all(is_island_or_overseas(f) for f in counted)
    minimum = size.min_essms_island if island and size.min_essms_island else size.min_essms
    return None if minimum is None else minimum.value


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


class PartnerLetters(BaseDocument):
    """One proposal letter per candidate, from the dossier's porteur."""

    first_template = "portrait"

    def __init__(
        self,
        dossier: Dossier,
        budget: Budget,
        campaign: Campaign,
        candidates: Sequence[PartnerCandidate],
        previews: Mapping[str, PartnerPreview] | None = None,
        generated_on: date | None = None,
    ) -> None:
        self.dossier = dossier
        self.budget = budget
        self.campaign = campaign
        self.candidates = tuple(candidates)
        self.previews = dict(previews or {})
        self.porteur: Porteur = porteur_identity(dossier)
        self.gaps: list[str] = []
        on = generated_on or date.today()
        with narrow_no_break_space_kept():
            self._story = self._build()
        meta = DocumentMeta(
            title=f"Lettres de proposition — {dossier.project_title or dossier.name}",
            subject=f"Programme ESMS numérique — {campaign.title}",
            header_left=f"Proposition de grappe — {self.porteur.name or dossier.name}",
            header_right=campaign.title,
            generated_on=on,
            author=self.porteur.name,
            keywords=("ESMS numérique", "grappe", "partenaires", campaign.id),
            fingerprint=fingerprint((dossier, [c.finess_ej for c in self.candidates])),
            draft_mark=DRAFT_MARK if self.gaps else "",
        )
        super().__init__(meta, deterministic=generated_on is not None)

    def story(self) -> list[Flowable]:
        return self._story

    def value(self, text: str, what: str) -> str:
        """``text`` as bold markup, or a red « à compléter » noted among the gaps."""
        return noted_value(text, what, self.gaps)

    def _build(self) -> list[Flowable]:
        flow: list[Flowable] = [NextPageTemplate("portrait")]
        for i, candidate in enumerate(self.candidates):
            if i:
                flow.append(PageBreak())
            flow += self._letter(candidate)
        if not self.candidates:
            flow.append(para("Aucun organisme sélectionné.", "Body"))
        return flow

    def _sender(self) -> Flowable:
        p = self.porteur
        town = " ".join(x for x in (p.postal_code, p.town) if x)
        address = ", ".join(x for x in (p.address, town) if x)
        lines = [
            self.value(p.name, "raison sociale du porteur"),
            self.value(address, "adresse du porteur"),
        ]
        if p.finess_ej:
            lines.append(clean(f"FINESS juridique {p.finess_ej}"))
        return para("<br/>".join(lines), "Body", markup=True)

    def _recipient(self, c: PartnerCandidate) -> Flowable:
        lines = [f"<b>{clean(c.name or f'OG {c.finess_ej}')}</b>"]
        address = og_address(c.og)
        lines.append(self.value(address, f"adresse de {c.name or c.finess_ej}"))
        lines.append(clean(f"FINESS juridique {c.finess_ej}"))
        return para("<br/>".join(lines), "Body", markup=True)

    def _standing(self, c: PartnerCandidate) -> str:
        counted = self.budget.counted_establishments
        minimum = essms_minimum(self.campaign, self.budget)
        text = f"Notre grappe compte aujourd'hui {counted} ESSMS retenu"  # ESSMS: invariable
        text += "s" if counted > 1 else ""
        if minimum is None:
            text += "."
        elif counted >= minimum:
            text += f" : le minimum de {minimum} ESSMS demandé par la campagne est atteint."
        else:
            text += (
                f" ; la campagne demande au moins {minimum} ESSMS : il nous en manque "
                f"{minimum - counted}."
            )
        preview = self.previews.get(c.finess_ej)
        if preview is not None:
            text += f" Avec les vôtres, la grappe en compterait {preview.counted_after}" + (
                ", ce qui la rendrait éligible à la campagne."
                if preview.eligible_after and not preview.eligible_before
                else "."
            )
        return clean(text)

    def _essms_list(self, c: PartnerCandidate) -> list[Flowable]:
        n = len(c.essms)
        flow: list[Flowable] = [
            para(
                f"Vos {_plural(n, 'établissement')} que nous proposons d'associer au projet "
                "(répertoire FINESS) :"
                if n > 1
                else "Votre établissement que nous proposons d'associer au projet "
                "(répertoire FINESS) :",
                "Body",
            )
        ]
        for e in c.essms:
            where = " ".join(x for x in (e.postal_code, e.town) if x)
            label = e.category_label or e.category
            flow.append(
                para(
                    f"• {e.long_name or e.name} — FINESS {e.finess}"
                    + (f", {label}" if label else "")
                    + (f", {where}" if where else ""),
                    "BodySmall",
                )
            )
        return flow

    def _contact(self) -> str:
        p = self.porteur
        who = self.value(p.project_lead, "nom du chef de projet")
        ways = [
            self.value(p.contact_phone, "téléphone de contact"),
            self.value(p.contact_email, "courriel de contact"),
        ]
        return (
            "Nous serions heureux d'en parler avec vous et de vous présenter le projet. "
            f"Vous pouvez joindre {who} au {ways[0]} ou à l'adresse {ways[1]}."
        )

    def _letter(self, c: PartnerCandidate) -> list[Flowable]:
        p, campaign = self.porteur, self.campaign
        title = clean(campaign.title)
        flow: list[Flowable] = [
            self._sender(),
            Spacer(1, 6 * mm),
            self._recipient(c),
            Spacer(1, 6 * mm),
            para(
                f"Fait à {clean(p.town) if p.town else '....................'}, "
                "le ....................",
                "Body",
                markup=True,
            ),
            Spacer(1, 4 * mm),
            para(
                "<b>Objet : proposition de rejoindre une grappe — programme ESMS numérique, "
                f"campagne «\u00a0{title}\u00a0»</b>",
                "Body",
                markup=True,
            ),
            Spacer(1, 3 * mm),
            para("Madame, Monsieur,", "Body"),
            para(
                f"{self.value(p.name, 'raison sociale du porteur')} prépare une candidature au "
                f"programme ESMS numérique, campagne «\u00a0{title}\u00a0», et vous propose "
                "d'y prendre part en rejoignant sa grappe d'organismes gestionnaires.",
                "Body",
                markup=True,
            ),
        ]
        if campaign.summary.strip():
            flow.append(para(f"Ce que dit l'appel : {campaign.summary.strip()}", "Body"))
        flow.append(para(self._standing(c), "Body", markup=True))
        flow += self._essms_list(c)
        flow.append(Spacer(1, 2 * mm))
        flow.append(para(self._contact(), "Body", markup=True))
        rep = self.value(p.legal_representative, "nom du représentant légal")
        quality = self.value(p.legal_representative_title, "qualité du représentant légal")
        flow.append(Spacer(1, 3 * mm))
        flow.append(
            KeepTogether(
                [
                    para(
                        "Je vous prie d'agréer, Madame, Monsieur, l'expression de ma "
                        "considération distinguée.",
                        "Body",
                    ),
                    Spacer(1, 8 * mm),
                    para(f"{rep}<br/>{quality}", "Body", markup=True),
                ]
            )
        )
        return flow


def render_partner_letters(
    dossier: Dossier,
    budget: Budget,
    campaign: Campaign,
    candidates: Sequence[PartnerCandidate],
    previews: Mapping[str, PartnerPreview] | None = None,
    generated_on: date | None = None,
) -> RenderedPdf:
    """One letter per candidate; ``previews`` (by FINESS juridique) add what the grappe would
    count with each; ``generated_on`` makes the PDF reproducible."""
    return PartnerLetters(dossier, budget, campaign, candidates, previews, generated_on).render()

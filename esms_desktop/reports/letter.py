"""The porteur's « lettre d'engagement », to the grappe's members and to the ARS, as a PDF.

Made from the same data as the candidature dossier (porteur, grappe, solution, budget and the
per-OG redistribution), so that the letter cannot promise a figure the dossier does not ask for.
What the data does not hold is printed « à compléter » in red, and the document then carries the
« PROJET — non finalisé » mark on every page.

:class:`SignedPiece` is the frame shared with the convention de grappe
(:mod:`esms_desktop.reports.convention`): one context, the porteur completed from the grappe,
the OGs in signing order and each one's share of the funds.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate, Spacer

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier, Porteur
from esms_desktop.domain.formatting import format_eur
from esms_desktop.domain.grappe import OgRole, Organisation, ProjectType
from esms_desktop.domain.redistribution import Redistribution
from esms_desktop.domain.requirements import is_pnrr_funded
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
from esms_desktop.reports.candidature.signing import (
    amount_text,
    commitment_markup,
    ordered_ogs,
    redistribution_of,
    redistribution_table,
    signature_block,
)

DRAFT_MARK = "PROJET — non finalisé"


class SignedPiece(BaseDocument):
    """A document the OGs sign, built from the dossier: its data in one place for the story."""

    kind = ""

    def __init__(
        self,
        dossier: Dossier,
        budget: Budget,
        campaign: Campaign,
        generated_on: date | None = None,
        *,
        paraphe: bool = False,
    ) -> None:
        self.dossier = dossier
        self.budget = budget
        self.campaign = campaign
        self.porteur: Porteur = porteur_identity(dossier)
        self.ogs: list[Organisation] = ordered_ogs(dossier.grappe.organisations, self.porteur)
        self.redis: Redistribution = redistribution_of(budget, self.ogs)
        self.pnrr = is_pnrr_funded(campaign)
        self.gaps: list[str] = []
        """What the piece prints « à compléter » (filled in as the story is built)."""
        on = generated_on or date.today()
        title = dossier.project_title or dossier.name
        self.title = title
        with narrow_no_break_space_kept():  # paragraphs split their words when made
            self._story = self.build()
        meta = DocumentMeta(
            title=f"{self.kind} — {title}",
            subject=f"Programme ESMS numérique — {campaign.title}",
            header_left=f"{self.kind} — {self.porteur.name or dossier.name}",
            header_right=campaign.title,
            generated_on=on,
            author=self.porteur.name,
            keywords=("ESMS numérique", self.kind, campaign.id),
            fingerprint=fingerprint((dossier, budget.total)),
            draft_mark=DRAFT_MARK if self.gaps or not budget.complete else "",
            paraphe=paraphe,
        )
        super().__init__(meta, deterministic=generated_on is not None)

    # --- helpers for the stories ---------------------------------------------------------------

    def value(self, text: str, what: str) -> str:
        """``text`` as bold markup, or a red « à compléter » noted among the gaps."""
        return noted_value(text, what, self.gaps)

    def total_text(self) -> str:
        return amount_text(self.budget.total, self.budget.complete)

    def address(self) -> str:
        p = self.porteur
        town = " ".join(x for x in (p.postal_code, p.town) if x)
        return ", ".join(x for x in (p.address, town) if x)

    def solution_markup(self) -> str:
        s = self.dossier.grappe.solution
        text = self.value(s.label, "solution DUI (éditeur et produit)")
        if s.segur_referenced is True:
            text += ", référencée Ségur"
            if s.segur_reference:
                text += f" ({clean(s.segur_reference)})"
        elif s.segur_referenced is False:
            text += ", non référencée Ségur"
        return text

    def og_summary(self, og: Organisation) -> str:
        share = self.redis.share_of(og.name)
        count = share.essms_count if share else 0
        amount = amount_text(share.amount, share.complete) if share else format_eur(Decimal(0))
        essms = (
            "aucun ESSMS financé"
            if count == 0
            else f"{count} ESSMS financé" + ("s" if count > 1 else "")
        )
        return f"<b>{clean(og.name)}</b> ({clean(og_role_word(og))}) : {essms}, {clean(amount)}"

    def signature(self, og: Organisation, width: float) -> Flowable:
        commitment = commitment_markup(self.redis.share_of(og.name), self.redis, self.budget.tax)
        return KeepTogether([signature_block(og, self.porteur, width, commitment)])

    def redistribution(self) -> list[Flowable]:
        return [
            redistribution_table(self.redis, self.portrait_width, self.budget.tax),
            Spacer(1, 1.5 * mm),
            para(f"Règle de répartition : {self.redis.rule}", "Muted"),
        ]

    def build(self) -> list[Flowable]:
        raise NotImplementedError

    def story(self) -> list[Flowable]:
        return self._story


def og_role_word(og: Organisation) -> str:
    return "porteur" if og.role is OgRole.PORTEUR else "membre"


class EngagementLetter(SignedPiece):
    """The porteur's letter: who commits, to what, for which ESSMS and which amount."""

    kind = "Lettre d'engagement"

    def build(self) -> list[Flowable]:
        p, d, b = self.porteur, self.dossier, self.budget
        tax = b.tax
        flow: list[Flowable] = [NextPageTemplate("portrait")]
        sender = [self.value(p.name, "raison sociale du porteur")]
        if p.legal_status:
            sender.append(clean(p.legal_status))
        sender.append(self.value(self.address(), "adresse du porteur"))
        ids = " · ".join(
            x
            for x in (
                f"SIREN {p.siren}" if p.siren else "",
                f"FINESS juridique {p.finess_ej}" if p.finess_ej else "",
            )
            if x
        )
        if ids:
            sender.append(clean(ids))
        flow.append(para("<br/>".join(sender), "Body", markup=True))
        flow.append(Spacer(1, 6 * mm))
        flow.append(
            para(
                "À l'Agence régionale de santé, service en charge du programme ESMS numérique"
                "<br/>et aux organismes gestionnaires membres de la grappe",
                "Body",
                markup=True,
            )
        )
        flow.append(Spacer(1, 4 * mm))
        town = clean(p.town) if p.town else "...................."
        flow.append(para(f"Fait à {town}, le ....................", "Body", markup=True))
        flow.append(Spacer(1, 4 * mm))
        flow.append(
            para(
                f"<b>Objet : lettre d'engagement — candidature au programme ESMS numérique, "
                f"campagne «\u00a0{clean(self.campaign.title)}\u00a0», "
                f"projet «\u00a0{clean(self.title)}\u00a0»</b>",
                "Body",
                markup=True,
            )
        )
        flow.append(Spacer(1, 3 * mm))
        flow.append(para("Madame, Monsieur,", "Body"))
        rep = self.value(p.legal_representative, "nom du représentant légal")
        quality = self.value(p.legal_representative_title, "qualité du représentant légal")
        essms_total = sum(s.essms_count for s in self.redis.shares)
        n_ogs = len(d.grappe.organisations) or 1
        flow.append(
            para(
                f"Je soussigné(e) {rep}, {quality}, représentant légal de "
                f"{self.value(p.name, 'raison sociale du porteur')}, porteur du projet, "
                f"m'engage au nom de cet organisme, pour la grappe de {n_ogs} organisme"
                f"{'s' if n_ogs > 1 else ''} gestionnaire{'s' if n_ogs > 1 else ''} et de "
                f"{essms_total} ESSMS financé{'s' if essms_total > 1 else ''} décrite ci-dessous, "
                "à :",
                "Body",
                markup=True,
            )
        )
        items = [
            "déposer la candidature de la grappe auprès de l'ARS et en être l'interlocuteur "
            "pour toute la durée du projet ;",
            f"déployer dans les ESSMS du projet la solution de dossier usager informatisé "
            f"{self.solution_markup()} ;",
            f"recevoir l'aide demandée, <b>{clean(self.total_text())} {tax}</b>, et reverser à "
            "chaque organisme membre la part qui lui revient selon la convention de grappe "
            "(tableau ci-dessous) ;",
            "conduire le projet avec les membres selon la gouvernance prévue et rendre compte "
            "à l'ARS de son avancement ;",
            "atteindre, avec les membres, les cibles d'usage du programme, dont dépend le "
            "dernier versement, et en conserver les justificatifs ;",
            "ne solliciter, pour la même opération, aucun autre financement européen "
            "(FEDER, FSE) ;",
        ]
        if self.pnrr:
            items.append(
                "mentionner, dans la communication sur le projet, son financement par le Plan "
                "national de relance et de résilience (PNRR) — Union européenne, "
                "NextGenerationEU ;"
            )
        if any(e.project is ProjectType.ACQUISITION and e.counted for e in b.establishments):
            items.append(
                "pour les acquisitions, consulter les éditeurs et ne signer aucun contrat avec "
                "un éditeur avant le dépôt de la candidature ;"
            )
        items[-1] = items[-1].removesuffix(" ;") + "."
        for item in items:
            flow.append(para(f"• {item}", "Body", markup=True))
        flow.append(Spacer(1, 2 * mm))
        flow.append(
            para(
                f"<b>Les organismes de la grappe et la répartition de l'aide ({tax})</b>",
                "Body",
                markup=True,
            )
        )
        flow += self.redistribution()
        flow.append(Spacer(1, 3 * mm))
        porteur_og = next((o for o in self.ogs if o.role is OgRole.PORTEUR), self.ogs[0])
        flow.append(
            KeepTogether(
                [
                    para(
                        "Je vous prie d'agréer, Madame, Monsieur, l'expression de ma "
                        "considération distinguée.",
                        "Body",
                    ),
                    Spacer(1, 3 * mm),
                    self.signature(porteur_og, self.portrait_width),
                ]
            )
        )
        return flow


def render_letter(
    dossier: Dossier, budget: Budget, campaign: Campaign, generated_on: date | None = None
) -> RenderedPdf:
    """The porteur's lettre d'engagement; ``generated_on`` makes it reproducible."""
    return EngagementLetter(dossier, budget, campaign, generated_on).render()

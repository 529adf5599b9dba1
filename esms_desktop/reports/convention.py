"""A prefilled « convention de grappe » between the OGs of the project, as a PDF.

Parties, the ESSMS each puts in the project, the DUI solution, the porteur's role, governance,
the redistribution of the aid (the same per-OG shares as the dossier's signature section),
duration, then one signature block per party, the porteur first. Every page carries a
« Paraphe » box: each party initials every page of a convention. What the data does not hold is
printed « à compléter » in red and the document is marked « PROJET — non finalisé ».
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, Spacer

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.formatting import format_date, format_eur, format_pct
from esms_desktop.domain.grappe import OgRole, Organisation, ProjectType
from esms_desktop.reports.base import BaseDocument, RenderedPdf, clean, grid_table, para
from esms_desktop.reports.candidature.signing import BLANK_NAME, BLANK_TITLE
from esms_desktop.reports.letter import SignedPiece


class GrappeConvention(SignedPiece):
    """The convention: articles numbered as printed, signatures last."""

    kind = "Convention de grappe"

    def __init__(
        self,
        dossier: Dossier,
        budget: Budget,
        campaign: Campaign,
        generated_on: date | None = None,
    ) -> None:
        self._article = 0
        super().__init__(dossier, budget, campaign, generated_on, paraphe=True)

    def article(self, title: str) -> list[Flowable]:
        """The heading of the next article, never alone at the foot of a page."""
        self._article += 1
        return [
            CondPageBreak(25 * mm),
            BaseDocument.heading(f"Article {self._article} — {title}", 1),
        ]

    def party(self, og: Organisation) -> Flowable:
        ids = " · ".join(
            x
            for x in (
                f"SIREN {og.siren}" if og.siren else "SIREN : ........................",
                f"FINESS juridique {og.finess_ej}" if og.finess_ej else "",
            )
            if x
        )
        if og.role is OgRole.PORTEUR and self.porteur.legal_representative:
            rep = clean(self.porteur.legal_representative)
            if self.porteur.legal_representative_title:
                rep += f", {clean(self.porteur.legal_representative_title)}"
            rep = f"<b>{rep}</b>"
        else:
            rep = f"{BLANK_NAME}, {BLANK_TITLE}"
        role = "porteur du projet" if og.role is OgRole.PORTEUR else "membre de la grappe"
        return para(
            f"<b>{clean(og.name)}</b>, {clean(ids)}, représenté(e) par {rep}, ci-après "
            f"«\u00a0{clean(og.name)}\u00a0», {role} ;",
            "Body",
            markup=True,
        )

    def essms_table(self, og: Organisation) -> Flowable:
        rows: list[list[Any]] = [
            [
                para("FINESS", "CellHead"),
                para("ESSMS", "CellHead"),
                para("Projet", "CellHead"),
                para(f"Montant {self.budget.tax}", "CellHeadRight"),
            ]
        ]
        for e in self.budget.establishments:
            if e.og_name != og.name:
                continue
            amount = format_eur(e.amount, missing="à renseigner") if e.funded else "non financé"
            rows.append(
                [
                    para(e.finess, "Cell"),
                    para(e.name, "Cell"),
                    para(e.project.label if e.counted else "non compté", "Cell"),
                    para(amount, "CellRight"),
                ]
            )
        if len(rows) == 1:
            return para("Aucun ESSMS de cet organisme n'est inscrit au projet.", "BodySmall")
        return grid_table(rows, [24 * mm, 84 * mm, 36 * mm, 26 * mm], long=len(rows) > 60)

    def build(self) -> list[Flowable]:
        d, b = self.dossier, self.budget
        tax = b.tax
        flow: list[Flowable] = [NextPageTemplate("portrait")]
        title = para("Convention de grappe", "Title")
        title.outline_level = 0  # read by the document's bookmarks
        title.outline_title = "Convention de grappe"
        flow.append(title)
        flow.append(
            para(
                f"Programme ESMS numérique — {clean(self.campaign.title)}<br/>"
                f"Projet «\u00a0{clean(self.title)}\u00a0»",
                "Subtitle",
                markup=True,
            )
        )
        flow.append(Spacer(1, 4 * mm))
        flow.append(para("<b>Entre les soussignés :</b>", "Body", markup=True))
        for og in self.ogs:
            flow.append(self.party(og))
        flow.append(para("ci-après ensemble « les parties », il est convenu ce qui suit.", "Body"))

        flow += self.article("Objet")
        flow.append(
            para(
                "Les parties constituent une grappe pour candidater ensemble au programme ESMS "
                "numérique et déployer, dans les établissements et services sociaux et "
                "médico-sociaux (ESSMS) listés à l'article 2, un dossier usager informatisé "
                "(DUI) interopérable, puis en développer l'usage. La présente convention fixe le "
                "rôle de chacune, la répartition de l'aide et la conduite du projet.",
                "Body",
            )
        )

        flow += self.article("Parties et ESSMS du projet")
        for og in self.ogs:
            flow.append(CondPageBreak(30 * mm))
            flow.append(para(self.og_summary(og), "Body", markup=True))
            flow.append(self.essms_table(og))
            flow.append(Spacer(1, 2 * mm))

        flow += self.article("Solution retenue")
        flow.append(
            para(
                f"Les parties retiennent la solution {self.solution_markup()}, commune à tous "
                "les ESSMS du projet.",
                "Body",
                markup=True,
            )
        )

        porteur_og = next((o for o in self.ogs if o.role is OgRole.PORTEUR), self.ogs[0])
        flow += self.article("Porteur du projet")
        flow.append(
            para(
                f"<b>{clean(porteur_og.name)}</b> est désigné porteur du projet. Il dépose la "
                "candidature au nom des parties, est l'interlocuteur de l'ARS, signe avec elle "
                "la convention de financement, reçoit l'aide et reverse à chaque partie sa part "
                "selon l'article 6, dans un délai de ........ jours après chaque versement reçu.",
                "Body",
                markup=True,
            )
        )

        flow += self.article("Gouvernance")
        governance = d.governance.strip()
        if governance:
            for block in governance.split("\n\n"):
                if block.strip():
                    flow.append(para(block.strip(), "Body"))
        else:
            flow.append(
                para(
                    self.value("", "gouvernance (comité de pilotage, fréquence, rôles)"),
                    "Body",
                    markup=True,
                )
            )
        lead = self.porteur.project_lead
        flow.append(
            para(
                f"Chef de projet de la grappe : {self.value(lead, 'chef de projet')}.",
                "Body",
                markup=True,
            )
        )

        flow += self.article("Répartition de l'aide")
        flow.append(
            para(
                f"L'aide demandée s'élève à <b>{clean(self.total_text())} {tax}</b>. Elle est "
                "versée au porteur, qui reverse à chaque partie la part ci-dessous, tranche par "
                "tranche :",
                "Body",
                markup=True,
            )
        )
        flow += self.redistribution()
        for t in b.tranches:
            condition = f" — {t.condition}" if t.condition else ""
            if t.usage_targets and "cible" not in condition.casefold():
                condition += " (cibles d'usage atteintes)"
            flow.append(
                para(
                    f"• {t.label} : {format_pct(t.pct)}{condition}.",
                    "BodySmall",
                )
            )
        flow.append(
            para(
                "Si un montant notifié par l'ARS diffère de celui demandé, chaque part est "
                "ajustée dans la même proportion. Les coûts de fonctionnement (maintenance, "
                "abonnements) ne sont pas financés par le programme et restent à la charge de "
                "chaque partie.",
                "Body",
            )
        )

        flow += self.article("Engagements des parties")
        targets = ", ".join(t.indicator for t in d.usage_targets) or "cibles du programme"
        flow.append(
            para(
                "Chaque partie s'engage à déployer la solution dans ses ESSMS listés à "
                "l'article 2, à atteindre les cibles d'usage du programme "
                f"({clean(targets)}) et à en fournir les justificatifs, à ne solliciter pour la "
                "même opération aucun autre financement européen (FEDER, FSE), et à "
                "transmettre au porteur les informations que l'ARS demande.",
                "Body",
                markup=True,
            )
        )
        if self.pnrr:
            flow.append(
                para(
                    "Les parties ont connaissance que l'aide relève du Plan national de relance "
                    "et de résilience (PNRR), financé par l'Union européenne — NextGenerationEU, "
                    "et le mentionnent dans leur communication sur le projet.",
                    "Body",
                )
            )
        if any(e.project is ProjectType.ACQUISITION and e.counted for e in b.establishments):
            flow.append(
                para(
                    "Pour les acquisitions, les parties consultent les éditeurs et ne signent "
                    "aucun contrat avec un éditeur avant le dépôt de la candidature.",
                    "Body",
                )
            )

        flow += self.article("Durée")
        start = (
            f"le {format_date(d.convention_date, long=True)}"
            if d.convention_date
            else "à sa signature par toutes les parties"
        )
        flow.append(
            para(
                f"La présente convention prend effet {start}. Elle court jusqu'au versement du "
                "solde de l'aide, après vérification des cibles d'usage, et au plus tard "
                "jusqu'à la fin de la dernière période de mesure de l'usage fixée par l'ARS.",
                "Body",
            )
        )
        if d.milestones:
            for m in d.milestones:
                due = format_date(m.due, long=True) if m.due else "à dater"
                flow.append(para(f"• {m.label} : {due}", "BodySmall"))

        flow += self.article("Retrait d'une partie, litiges")
        flow.append(
            para(
                "Une partie qui se retire en informe les autres et l'ARS par écrit ; elle "
                "restitue au porteur la part reçue pour les actions non réalisées. Les parties "
                "recherchent un règlement amiable de tout différend avant toute autre voie.",
                "Body",
            )
        )

        flow.append(CondPageBreak(80 * mm))
        flow.append(BaseDocument.heading("Signatures des parties", 0))
        n = len(self.ogs)
        copies = (
            f"Fait en {n} exemplaires originaux, un par partie. Chaque partie"
            if n > 1
            else "Fait en un exemplaire original. La partie"
        )
        flow.append(
            para(
                f"{copies} paraphe chaque page et signe ci-dessous, en faisant précéder sa "
                "signature de la mention manuscrite « Lu et approuvé ».",
                "BodySmall",
            )
        )
        for og in self.ogs:
            flow.append(Spacer(1, 3 * mm))
            flow.append(self.signature(og, self.portrait_width))
        return flow


def render_convention(
    dossier: Dossier, budget: Budget, campaign: Campaign, generated_on: date | None = None
) -> RenderedPdf:
    """The prefilled convention de grappe; ``generated_on`` makes it reproducible."""
    return GrappeConvention(dossier, budget, campaign, generated_on).render()


__all__ = ["GrappeConvention", "render_convention"]

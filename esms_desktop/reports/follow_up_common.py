"""The frame shared by the follow-up documents: the usage report and the payment statement.

Both are sent to the ARS after the convention, about the same funded project: same header,
footer and data fingerprint as the candidature (so the instructor can tell which data a copy
was printed from), the same identity block (dossier, porteur, campaign, convention), and the
same signature block for the porteur's legal representative. What the data does not hold is
printed « à compléter » in red and the document then carries « PROJET — non finalisé ».

Nothing here computes a rule: amounts, states and reasons come from
:mod:`esms_desktop.domain.payments` and :mod:`esms_desktop.domain.usage_progress`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import Dossier, Porteur
from esms_desktop.domain.formatting import format_date, format_eur
from esms_desktop.domain.grappe import OgRole, Organisation
from esms_desktop.reports.base import (
    ALERT,
    ALERT_BG,
    GOOD,
    GOOD_BG,
    RULE,
    TO_COMPLETE,
    WARN,
    WARN_BG,
    BaseDocument,
    DocumentMeta,
    clean,
    grid_table,
    key_value_table,
    narrow_no_break_space_kept,
    noted_value,
    para,
    table_style,
)
from esms_desktop.reports.candidature.context import porteur_identity
from esms_desktop.reports.candidature.fingerprint import data_fingerprint
from esms_desktop.reports.candidature.signing import (
    ordered_ogs,
    signature_block,
    undersigned_markup,
)

DRAFT_MARK = "PROJET — non finalisé"
LISTED_CHANGES = 12
"""Changes listed per amendment; beyond, they are counted."""
TO_CONFIRM = "à confirmer"
"""The badge of a threshold the user has not typed from her signed convention."""


class FollowUpDocument(BaseDocument):
    """A document about a funded project: its data in one place, then the story."""

    kind = ""

    def __init__(
        self,
        dossier: Dossier,
        budget: Budget,
        campaign: Campaign,
        generated_on: date | None = None,
    ) -> None:
        self.dossier = dossier
        self.budget = budget
        self.campaign = campaign
        self.porteur: Porteur = porteur_identity(dossier)
        self.ogs: list[Organisation] = ordered_ogs(dossier.grappe.organisations, self.porteur)
        self.title = dossier.project_title or dossier.name
        self.gaps: list[str] = []
        """What the document prints « à compléter » (filled in as the story is built)."""
        on = generated_on or date.today()
        with narrow_no_break_space_kept():  # paragraphs split their words when made
            self._story = self.build()
        meta = DocumentMeta(
            title=f"{self.kind} — {self.title}",
            subject=f"Programme ESMS numérique — {campaign.title}",
            header_left=f"{self.kind} — {self.porteur.name or dossier.name}",
            header_right=campaign.title,
            generated_on=on,
            author=self.porteur.name,
            keywords=("ESMS numérique", self.kind, campaign.id, "ARS"),
            fingerprint=data_fingerprint(dossier, budget),
            draft_mark=DRAFT_MARK if self.gaps else "",
        )
        super().__init__(meta, deterministic=generated_on is not None)

    def build(self) -> list[Flowable]:
        raise NotImplementedError

    def story(self) -> list[Flowable]:
        return self._story

    # --- helpers for the stories -----------------------------------------------------------

    def value(self, text: str, what: str) -> str:
        """``text`` as bold markup, or a red « à compléter » noted among the gaps."""
        return noted_value(text, what, self.gaps)

    def blank(self, what: str) -> str:
        """A red « à compléter » alone, for a narrow table cell whose column says what is
        missing (``what`` is noted among the gaps all the same)."""
        self.gaps.append(what)
        return f"<font color='{hex_colour(ALERT)}'><b>{TO_COMPLETE}</b></font>"

    def cover(self, title: str) -> list[Flowable]:
        """Kicker, title and project, then who, which call and which convention."""
        heading = para(title, "Title")
        heading.outline_level = 0  # read by the document's bookmarks
        heading.outline_title = title
        return [
            Spacer(1, 6 * mm),
            para("PROGRAMME ESMS NUMÉRIQUE — SUIVI DU PROJET FINANCÉ", "Kicker"),
            heading,
            para(self.title, "Subtitle"),
            Spacer(1, 3 * mm),
            key_value_table(self.identity(), self.portrait_width),
        ]

    def identity(self) -> list[tuple[str, Flowable | str]]:
        d, fu = self.dossier, self.dossier.follow_up
        pairs: list[tuple[str, Flowable | str]] = [
            ("Dossier", d.name),
            (
                "Porteur du projet",
                para(
                    self.value(self.porteur.name, "raison sociale du porteur"), "Value", markup=True
                ),
            ),
            ("Campagne", self.campaign.title),
            ("Étape du projet", fu.phase.label),
        ]
        convention = fu.convention
        if convention is None:
            pairs.append(
                (
                    "Convention de financement",
                    para(self.value("", "convention signée avec l'ARS"), "Value", markup=True),
                )
            )
        else:
            signed = f"signée le {format_date(convention.signed_on, long=True)}"
            if convention.reference:
                signed += f" — référence {convention.reference}"
            pairs.append(("Convention de financement", signed))
            pairs.append(("Montant accordé", format_eur(convention.amount_granted)))
        filed = fu.filed
        if filed is not None:
            text = f"déposée le {format_date(filed.filed_on, long=True)}"
            if filed.amount_asked is not None:
                text += f", montant demandé {format_eur(filed.amount_asked)}"
            if filed.pdf_fingerprint:
                text += f", empreinte du dossier déposé {filed.pdf_fingerprint}"
            pairs.append(("Candidature", text))
        return pairs

    def amendments(self) -> list[Flowable]:
        """« Avenants à la candidature »: each amendment's date, note and what it changed, so
        the instructor sees that the commitments now differ from what was filed; nothing when
        there is none."""
        amendments = self.dossier.follow_up.amendments
        if not amendments:
            return []
        filed = self.dossier.follow_up.filed
        since = f" le {format_date(filed.filed_on, long=True)}" if filed is not None else ""
        n = len(amendments)
        flow: list[Flowable] = [
            CondPageBreak(40 * mm),
            BaseDocument.heading("Avenants à la candidature", 0),
            para(
                f"La candidature déposée{since} a été modifiée depuis par {n} avenant"
                f"{'s' if n > 1 else ''} : les engagements ci-dessous diffèrent de ceux du "
                "dossier déposé.",
                "BodySmall",
            ),
        ]
        rows: list[list[Any]] = [
            [para(h, "CellHead") for h in ("Date", "Avenant", "Ce qui change")],
        ]
        for a in amendments:
            shown = a.changes[:LISTED_CHANGES]
            lines = [clean(line) for line in shown] or ["—"]
            if len(a.changes) > len(shown):
                lines.append(f"et {len(a.changes) - len(shown)} autres changements")
            rows.append(
                [
                    para(format_date(a.made_on), "Cell"),
                    para(a.note or "—", "Cell"),
                    para("<br/>".join(lines), "Cell", markup=True),
                ]
            )
        flow.append(grid_table(rows, [w * mm for w in (22, 48, 100)], long=len(rows) > 40))
        return flow

    def porteur_og(self) -> Organisation:
        return next((o for o in self.ogs if o.role is OgRole.PORTEUR), self.ogs[0])

    def signature(self, statement: str) -> list[Flowable]:
        """« Je soussigné(e) …, atteste … » then the porteur's signature block, kept together.

        The legal representative is the one of the candidature; when not known, her name is a
        red « à compléter » in the attestation (the block keeps its blank writing line).
        """
        og = self.porteur_og()
        if not self.porteur.legal_representative.strip():
            self.value("", "représentant légal du porteur")
        intro = undersigned_markup(og, self.porteur, verb=statement)
        return [
            KeepTogether(
                [
                    para(intro, "Body", markup=True),
                    Spacer(1, 2 * mm),
                    signature_block(og, self.porteur, self.portrait_width),
                ]
            )
        ]


def verdict_box(text: str, detail: str, tone: str, width: float) -> Table:
    """A framed verdict: green (``good``), amber (``warn``) or red (``alert``)."""
    ink, background = {
        "good": (GOOD, GOOD_BG),
        "warn": (WARN, WARN_BG),
        "alert": (ALERT, ALERT_BG),
    }[tone]
    rows: list[list[Any]] = [
        [para(f"<font color='{hex_colour(ink)}'><b>{clean(text)}</b></font>", "Box", markup=True)]
    ]
    if detail:
        rows.append([para(detail, "BodySmall", markup=True)])
    table = Table(rows, colWidths=[width], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), background),
                ("BOX", (0, 0), (-1, -1), 1.2, ink),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def hex_colour(colour: Color) -> str:
    """``#RRGGBB`` of a ReportLab colour, for ``<font color>`` markup."""
    return "#" + colour.hexval()[2:].rjust(6, "0")


def bullet_list(lines: Sequence[str], style_name: str = "BodySmall") -> list[Flowable]:
    return [para(f"• {line}", style_name) for line in lines]


__all__ = [
    "DRAFT_MARK",
    "RULE",
    "TO_COMPLETE",
    "TO_CONFIRM",
    "FollowUpDocument",
    "bullet_list",
    "hex_colour",
    "verdict_box",
]

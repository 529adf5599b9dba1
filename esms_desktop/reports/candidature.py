"""The candidature dossier (programme.md §7): what every OG prints, signs, keeps and files.

The document reads the same :class:`Budget` as the screen and the command line, never recomputes
an amount, and prints every figure with the rule it comes from. Whatever is still missing is
printed as such ("à compléter", "à renseigner", "à confirmer auprès de votre ARS") rather than left
blank: a director must see on paper what the ARS will ask for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from esms_desktop.domain.autodiag_summary import ScopeSummary, summarise
from esms_desktop.domain.autodiagnostic import AutodiagResult, Questionnaire
from esms_desktop.domain.budget import Budget, BudgetLine, EstablishmentBudget
from esms_desktop.domain.campaign import Campaign, ValueStatus, Window
from esms_desktop.domain.completeness import MissingItem
from esms_desktop.domain.dossier import Dossier, Porteur
from esms_desktop.domain.eligibility import RowStatus
from esms_desktop.domain.findings import Severity
from esms_desktop.domain.formatting import (
    format_date,
    format_eur,
    format_number,
    format_pct,
    format_threshold,
)
from esms_desktop.domain.grappe import OgRole, Organisation, ProjectType
from esms_desktop.domain.identifiers import finess_department
from esms_desktop.domain.nomenclature import Sector
from esms_desktop.reports.base import (
    ACCENT,
    ALERT,
    ALERT_BG,
    FONT,
    FONT_BOLD,
    FONT_COND,
    FONT_COND_BOLD,
    GOOD,
    GOOD_BG,
    GROUP,
    INK,
    MUTED,
    RULE,
    WARN,
    WARN_BG,
    ZEBRA,
    BaseDocument,
    DocumentMeta,
    RenderedPdf,
    SplittingTable,
    TextBlock,
    TextPart,
    canonical,
    checkbox,
    clean,
    fingerprint,
    fit_cell,
    grid_table,
    key_value_table,
    para,
    table_style,
)

MISSING = "à compléter"
TO_CONFIRM = "à confirmer auprès de votre ARS"
CAP_PREFIX = "non financé (plafond)"


# --- small formatting helpers ----------------------------------------------------------------


def _window_text(w: Window) -> str:
    if w.start and w.end:
        text = f"du {format_date(w.start, long=True)} au {format_date(w.end, long=True)}"
    elif w.end:
        text = f"jusqu'au {format_date(w.end, long=True)}"
    elif w.start:
        text = f"à partir du {format_date(w.start, long=True)}"
    else:
        text = "dates non publiées"
    if w.status is ValueStatus.A_CONFIRMER:
        text += f" ({TO_CONFIRM})"
    return f"{w.label} : {text}"


def _missing(text: str = MISSING) -> Paragraph:
    return para(text, "Missing")


def _value_or_missing(value: str) -> Flowable | str:
    return value.strip() if value and value.strip() else _missing()


def _segur_text(referenced: bool | None) -> str:
    if referenced is None:
        return "à vérifier"
    return "oui" if referenced else "non"


def _role_label(og: Organisation) -> str:
    return "Porteur du projet" if og.role is OgRole.PORTEUR else "Membre de la grappe"


def _line_is_provisional(line: BudgetLine) -> bool:
    return line.provisional or line.status is ValueStatus.A_CONFIRMER


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Increasing ``numbers`` as (first, last) runs of consecutive values: 2, 3, 4, 7 → (2, 4),
    (7, 7)."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


class _RightBlock(TextBlock):
    """A :class:`TextBlock` whose lines are aligned right (an amount and its remark)."""

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        for part, line in self._lines:
            y -= part.size * 1.2
            canvas.setFont(part.font, part.size)
            canvas.setFillColor(part.color)
            canvas.drawRightString(self.width, y + part.size * 0.22, line)


def _right(parts: Sequence[TextPart]) -> TextBlock:
    """Plain lines aligned right: in a 1,000-row table, much cheaper than a paragraph."""
    return _RightBlock(parts)


def _known_sum(amounts: Sequence[Decimal | None]) -> tuple[Decimal, bool]:
    """Sum of the known amounts and whether every amount was known."""
    total = Decimal(0)
    complete = True
    for a in amounts:
        if a is None:
            complete = False
        else:
            total += a
    return total, complete


def _eur_incomplete(amount: Decimal, complete: bool) -> str:
    return format_eur(amount) if complete else f"{format_eur(amount)} + montants à renseigner"


# --- the document --------------------------------------------------------------------------


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
    ) -> None:
        self.dossier = dossier
        # What the ARS still needs (computed by the export service): the second verdict.
        self.missing = tuple(missing)
        self.budget = budget
        self.campaign = campaign
        self.questionnaire = questionnaire
        # The same reading of the answers as the screen's (domain/autodiag_summary.py).
        self.autodiag: tuple[ScopeSummary, ...] = (
            () if questionnaire is None else summarise(questionnaire, dossier).scopes
        )
        self.porteur = _porteur_identity(dossier)
        self.rows = _rows_by_budget(budget)
        title = dossier.project_title or dossier.name
        meta = DocumentMeta(
            title=f"Dossier de candidature ESMS numérique — {title}",
            subject=f"Candidature au programme ESMS numérique — {campaign.title}",
            header_left=(
                f"BROUILLON — dossier incomplet — {dossier.name}" if missing else dossier.name
            ),
            header_right=campaign.title,
            generated_on=generated_on or date.today(),
            author=self.porteur.name,
            keywords=("ESMS numérique", "candidature", "DUI", campaign.id, "CNSA", "ARS"),
            fingerprint=data_fingerprint(dossier, budget),
        )
        super().__init__(meta, deterministic=generated_on is not None)
        self._section = 0

    # structure ---------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self._cover()
        story += self.switch_to("portrait")
        story += self._porteur()
        story += self._grappe()
        story += self.switch_to("landscape")
        story += self._essms_table()
        story += self.switch_to("portrait")
        story += self._solution()
        story += self._autodiagnostic()
        story += [PageBreak()]
        story += self._budget()
        story += self._usage_targets()
        story += self._planning()
        story += self._governance()
        story += self._findings()
        story += [PageBreak()]
        story += self._attestations()
        story += self._signatures()
        story += self._annexes()
        story += self._missing_section()
        return story

    def _h1(self, text: str) -> Paragraph:
        self._section += 1
        return self.heading(text, 0, number=f"{self._section}.")

    # cover -------------------------------------------------------------------------------

    def _cover(self) -> list[Flowable]:
        d, b, c = self.dossier, self.budget, self.campaign
        width = self.portrait_width
        listed = d.grappe.establishment_count
        flow: list[Flowable] = [
            Spacer(1, 14 * mm),
            para("PROGRAMME ESMS NUMÉRIQUE — CNSA / ARS", "Kicker"),
            para("Dossier de candidature", "Title"),
            para(d.project_title or d.name, "Subtitle"),
            Spacer(1, 2 * mm),
            para(f"Porteur du projet : {self.porteur.name or MISSING}", "Body"),
            Spacer(1, 8 * mm),
        ]
        windows = [_window_text(w) for w in c.windows] or ["dates de l'appel non renseignées"]
        total_text = format_eur(b.total)
        if not b.complete:
            total_text += " (total incomplet : des montants restent à renseigner)"
        ogs = d.grappe.organisations
        pairs: list[tuple[str, Flowable | str]] = [
            ("Appel à projets", f"{c.title} ({c.id})"),
            ("Calendrier de l'appel", para("<br/>".join(clean(w) for w in windows), markup=True)),
            ("Dossier", d.name),
            (
                "Organismes gestionnaires",
                f"{len(ogs)} (dont {sum(o.is_small for o in ogs)} petits OG)",
            ),
            (
                "ESSMS",
                f"{format_number(listed)} listés · {format_number(b.counted_establishments)} "
                f"comptés · {format_number(b.funded_count)} financés",
            ),
            ("Montant total demandé", para(f"<b>{clean(total_text)}</b>", "Value", markup=True)),
            (
                "Versements",
                para(
                    "<br/>".join(
                        clean(f"{format_pct(t.pct)} — {t.label} : {format_eur(t.amount)}")
                        for t in b.tranches
                    ),
                    "Value",
                    markup=True,
                ),
            ),
        ]
        flow.append(key_value_table(pairs, width))
        flow.append(Spacer(1, 8 * mm))
        flow.append(self._verdict_box(width))
        flow.append(Spacer(1, 10 * mm))
        flow.append(
            para(
                "Ce dossier est imprimé, signé par chaque organisme gestionnaire de la grappe "
                "(section « Signatures »), conservé par chacun et joint au dépôt en ligne de la "
                "candidature. Les montants et constats proviennent du moteur de calcul "
                "d'esms-desktop pour la campagne indiquée ; chaque montant est suivi de la règle "
                "qui le fonde.",
                "Muted",
            )
        )
        flow.append(
            para(
                f"Document généré le {format_date(self.meta.generated_on, long=True)} — "
                f"empreinte des données : {self.meta.fingerprint}. Deux exemplaires portant la "
                "même empreinte décrivent exactement le même dossier.",
                "Muted",
            )
        )
        return flow

    def _verdict_box(self, width: float) -> Table:
        b = self.budget
        blocking = sum(1 for f in b.findings if f.severity is Severity.BLOQUANT)
        warnings = sum(1 for f in b.findings if f.severity is Severity.AVERTISSEMENT)
        if b.eligible:
            verdict = "Projet éligible à cette campagne : OUI"
            detail = "aucun point bloquant"
            if warnings:
                detail += f" ; {warnings} avertissement(s) à examiner (section « Points ouverts »)"
            fg, bg = GOOD, GOOD_BG
        else:
            verdict = "Projet éligible à cette campagne : NON"
            detail = f"{blocking} point(s) bloquant(s) à lever (section « Points ouverts »)"
            fg, bg = ALERT, ALERT_BG
        n = len(self.missing)
        if n:
            many = "1 élément manque" if n == 1 else f"{n} éléments manquent"
            complete = (
                f"Dossier complet : NON ({many} — voir la liste « Éléments manquants » en fin de "
                "document)"
            )
            if b.eligible:
                fg, bg = ALERT, ALERT_BG  # eligible but not ready: never a green « OUI » alone
        else:
            complete = "Dossier complet : OUI"
        cell = [
            para(f"<b>{clean(verdict)}</b>", "Subtitle", markup=True),
            para(detail, "BodySmall"),
            para(f"<b>{clean(complete)}</b>", "Body", markup=True),
        ]
        t = Table([[cell]], colWidths=[width], hAlign="LEFT")
        t.setStyle(
            table_style(
                [
                    ("BOX", (0, 0), (-1, -1), 1.2, fg),
                    ("BACKGROUND", (0, 0), (-1, -1), bg),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("TEXTCOLOR", (0, 0), (-1, -1), fg),
                ]
            )
        )
        return t

    def _missing_section(self) -> list[Flowable]:
        """« Éléments manquants »: every missing item, when the dossier is incomplete."""
        if not self.missing:
            return []
        flow: list[Flowable] = [PageBreak(), self._h1("Éléments manquants")]
        flow.append(
            para(
                f"Ce dossier est un brouillon : {len(self.missing)} élément(s) doivent encore "
                "être fournis avant le dépôt auprès de l'ARS.",
                "Body",
            )
        )
        for item in self.missing:
            flow.append(para(f"• {item.message}", "Body"))
        return flow

    # porteur and grappe --------------------------------------------------------------------

    def _porteur(self) -> list[Flowable]:
        p = self.porteur
        address = ", ".join(
            part for part in (p.address, " ".join(x for x in (p.postal_code, p.town) if x)) if part
        )
        rep = ", ".join(x for x in (p.legal_representative, p.legal_representative_title) if x)
        pairs: list[tuple[str, Flowable | str]] = [
            ("Raison sociale", _value_or_missing(p.name)),
            ("Statut juridique", _value_or_missing(p.legal_status)),
            ("SIREN", _value_or_missing(p.siren)),
            ("SIRET", _value_or_missing(p.siret)),
            ("FINESS juridique", _value_or_missing(p.finess_ej)),
            ("Adresse", _value_or_missing(address)),
            ("Représentant légal", _value_or_missing(rep)),
            ("Chef de projet", _value_or_missing(p.project_lead)),
            ("Courriel", _value_or_missing(p.contact_email)),
            ("Téléphone", _value_or_missing(p.contact_phone)),
        ]
        return [self._h1("Porteur du projet"), key_value_table(pairs, self.portrait_width)]

    def _grappe(self) -> list[Flowable]:
        d = self.dossier
        ogs = d.grappe.organisations
        flow: list[Flowable] = [self._h1("Composition de la grappe")]
        conv = format_date(d.convention_date, long=True) if d.convention_date else ""
        flow.append(
            para(
                f"{len(ogs)} organisme(s) gestionnaire(s), "
                f"{format_number(d.grappe.establishment_count)} ESSMS listés. "
                "Un OG de moins de 15 ESSMS (tous ceux qu'il gère, pas seulement ceux du projet) "
                "est un « petit OG ».",
            )
        )
        flow.append(
            key_value_table(
                [("Convention de grappe (signature)", _value_or_missing(conv))],
                self.portrait_width,
                label_width=62 * mm,
            )
        )
        flow.append(Spacer(1, 3 * mm))
        head = [
            "Organisme gestionnaire",
            "Rôle",
            "SIREN",
            "FINESS juridique",
            "ESSMS gérés",
            "Petit OG",
            "ESSMS du projet",
            "Convention",
        ]
        rows: list[list[Any]] = [[para(h, "CellHead") for h in head]]
        for og in ogs:
            name = clean(og.name)
            contact = ", ".join(x for x in (og.contact_name, og.contact_email) if x)
            if contact:
                name += f"<br/><font size='6.8' color='#5A5A5A'>{clean(contact)}</font>"
            rows.append(
                [
                    para(name, "Cell", markup=True),
                    para("Porteur" if og.role is OgRole.PORTEUR else "Membre", "Cell"),
                    para(og.siren or "—", "Cell"),
                    para(og.finess_ej or "—", "Cell"),
                    para(format_number(og.size), "CellRight"),
                    para(f"{'oui' if og.is_small else 'non'} ({og.size_class.label})", "Cell"),
                    para(format_number(len(og.establishments)), "CellRight"),
                    para(format_date(og.convention_date) or "—", "Cell"),
                ]
            )
        widths = [w * mm for w in (42, 15, 19, 19, 14, 21, 16, 24)]
        flow.append(grid_table(rows, widths))
        return flow

    # ESSMS table (landscape) ----------------------------------------------------------------

    def _essms_table(self) -> list[Flowable]:
        """One table per OG (column header and OG title repeated on every page), then a total.

        Per-OG tables keep the OG's name in sight on continuation pages and keep ReportLab's
        page splitting cheap: it only re-measures the rows of the OG being split.
        """
        flow: list[Flowable] = [self._h1("Établissements et services (ESSMS) du projet")]
        flow.append(
            para(
                "Un ESSMS est identifié par son FINESS géographique. Le montant est celui que le "
                "calcul retient pour l'ESSMS (détail et règles à la section « Budget »). "
                "La part d'heures éligibles ne concerne que les services à domicile.",
                "BodySmall",
            )
        )
        # Plain strings, broken by hand where the column is narrow: the header is drawn again
        # on each of the table's pages (the table's header style makes them bold and white).
        header = [
            "N°",
            "FINESS\ngéo.",
            "Établissement",
            "Catégorie",
            "Secteur",
            "Dép.",
            "Capa-\ncité",
            "DUI actuel",
            "Projet",
            "Heures\nélig.",
            "Montant",
        ]
        widths = self._essms_widths
        aligns: list[tuple[Any, ...]] = [
            ("ALIGN", (6, 0), (6, 0), "RIGHT"),
            ("ALIGN", (9, 0), (10, 0), "RIGHT"),
            ("ALIGN", (0, 2), (0, -1), "RIGHT"),
            ("ALIGN", (6, 2), (6, -1), "RIGHT"),
            ("ALIGN", (9, 2), (10, -1), "RIGHT"),
        ]
        number = 0
        grand: list[Decimal | None] = []
        if not self.rows:
            flow.append(_missing("À COMPLÉTER — aucun ESSMS dans la grappe."))
        for og, members in self._by_og():
            rows: list[list[Any]] = [header, [self._og_title(og), *[""] * 10]]
            og_amounts: list[Decimal | None] = []
            for row, e in members:
                number += 1
                rows.append(self._essms_row(number, row, e))
                if e.funded:
                    og_amounts.append(e.amount)
            grand += og_amounts
            sub, complete = _known_sum(og_amounts)
            rows.append(
                [
                    para(
                        f"Sous-total {og.name} — {len(members)} ESSMS listés, "
                        f"{len(og_amounts)} financés",
                        "CellBold",
                    ),
                    *[""] * 9,
                    para(_eur_incomplete(sub, complete), "CellRightBold"),
                ]
            )
            extra = [
                ("SPAN", (0, 1), (-1, 1)),
                ("BACKGROUND", (0, 1), (-1, 1), GROUP),
                ("ROWBACKGROUNDS", (0, 2), (-1, -2), [colors.white, ZEBRA]),
                ("SPAN", (0, -1), (9, -1)),
                ("BACKGROUND", (0, -1), (-1, -1), ZEBRA),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, INK),
                *aligns,
            ]
            flow.append(
                grid_table(rows, widths, header_rows=2, extra=extra, zebra=False, long=True)
            )
            flow.append(Spacer(1, 3 * mm))
        total, complete = _known_sum(grand)
        total_row = [
            para(
                f"Total des ESSMS — {format_number(number)} listés, "
                f"{format_number(self.budget.funded_count)} financés (hors lignes du projet)",
                "CellBold",
            ),
            *[""] * 9,
            para(_eur_incomplete(total, complete), "CellRightBold"),
        ]
        flow.append(
            grid_table(
                [total_row],
                widths,
                header_rows=0,
                zebra=False,
                extra=[("SPAN", (0, 0), (9, 0)), ("BACKGROUND", (0, 0), (-1, 0), GROUP)],
            )
        )
        return flow

    @staticmethod
    def _og_title(og: Organisation) -> Paragraph:
        # Repeated at the top of every page of the OG's table, this row cannot be split: a name
        # of thousands of characters is shortened here (the grappe table prints it in full).
        def short(text: str, limit: int = 300) -> str:
            return text if len(text) <= limit else text[: limit - 1] + "…"

        text = f"<b>{clean(short(og.name))}</b> — {clean(_role_label(og))}"
        if og.siren:
            text += f" · SIREN {clean(short(og.siren, 40))}"
        if og.finess_ej:
            text += f" · FINESS juridique {clean(short(og.finess_ej, 40))}"
        return para(text, "Cell", markup=True)

    @property
    def _essms_widths(self) -> list[float]:
        return [w * mm for w in (9, 18, 45, 58, 25, 9, 13, 23, 29, 13, 25)]

    def _essms_row(self, number: int, row: RowStatus | None, e: EstablishmentBudget) -> list[Any]:
        est = row.establishment if row else None
        category = row.category if row else None
        w = self._essms_widths
        name: Flowable | str
        if e.reason and not e.funded:
            name = TextBlock([TextPart(e.name), TextPart(e.reason, FONT_COND, 6.8, MUTED)])
        else:
            name = fit_cell(e.name, w[2])
        try:
            sector = Sector(e.sector).label
        except ValueError:
            sector = e.sector
        project = e.project.label
        if est is not None and est.equipment:
            project += " + équipement"
        hours = "—"
        if est is not None and e.sector == Sector.DOMICILE.value:
            hours = format_pct(est.eligible_hours_pct)
        capacity = "—"
        if est is not None and est.capacity is not None:
            capacity = format_number(est.capacity)
        return [
            str(number),
            fit_cell(e.finess, w[1]),
            name,
            fit_cell(category.display if category else e.category, w[3]),
            fit_cell(sector, w[4]),
            finess_department(e.finess) if len(e.finess) == 9 else "—",
            capacity,
            fit_cell(est.current_dui.label if est else "—", w[7]),
            fit_cell(project, w[8]),
            hours,
            self._amount_cell(e),
        ]

    def _amount_cell(self, e: EstablishmentBudget) -> Flowable | str:
        if not e.funded:
            if e.reason.startswith(CAP_PREFIX):
                return _right([TextPart(CAP_PREFIX, FONT_COND, 6.8, MUTED)])
            word = "non compté" if not e.counted else "non financé"
            return _right([TextPart(word, FONT_COND, 6.8, MUTED)])
        amount = e.amount
        if amount is None:
            return _right([TextPart("à renseigner", FONT_COND_BOLD)])
        if not any(_line_is_provisional(line) for line in e.lines):
            return format_eur(amount)
        return _right([TextPart(format_eur(amount)), TextPart(TO_CONFIRM, FONT_COND, 6.5, WARN)])

    def _by_og(
        self,
    ) -> list[tuple[Organisation, list[tuple[RowStatus | None, EstablishmentBudget]]]]:
        """Consecutive budget rows grouped by their OG (the grappe's order)."""
        groups: list[tuple[Organisation, list[tuple[RowStatus | None, EstablishmentBudget]]]] = []
        ogs = {o.name: o for o in self.dossier.grappe.organisations}
        for row, e in self.rows:
            og = row.og if row is not None else ogs.get(e.og_name, Organisation(e.og_name))
            if not groups or groups[-1][0] is not og:
                groups.append((og, []))
            groups[-1][1].append((row, e))
        return groups

    # DUI solution --------------------------------------------------------------------------

    def _solution(self) -> list[Flowable]:
        s = self.dossier.grappe.solution
        acquisitions = sum(
            1 for e in self.budget.establishments if e.project is ProjectType.ACQUISITION
        )
        justification: Flowable | str
        if s.justification.strip():
            justification = s.justification.strip()
        elif acquisitions:
            justification = _missing(
                f"À COMPLÉTER — obligatoire : le projet compte {acquisitions} acquisition(s) ; "
                "justifiez le choix de la solution après consultation des éditeurs."
            )
        else:
            justification = para("non requise (aucune acquisition)", "Muted")
        segur = _segur_text(s.segur_referenced)
        pairs: list[tuple[str, Flowable | str]] = [
            ("Éditeur", _value_or_missing(s.editor)),
            ("Produit", _value_or_missing(s.product)),
            (
                "Référencement Ségur",
                _missing("à vérifier") if s.segur_referenced is None else segur,
            ),
            ("Référence Ségur", s.segur_reference or "—"),
            ("Justification du choix", justification),
        ]
        flow: list[Flowable] = [
            CondPageBreak(60 * mm),
            self._h1("Solution DUI retenue"),
            key_value_table(pairs, self.portrait_width),
        ]
        declared: dict[str, int] = {}
        for _og, est in self.dossier.grappe.rows():
            if est.dui_solution:
                declared[est.dui_solution] = declared.get(est.dui_solution, 0) + 1
        if declared:
            text = " ; ".join(f"{name} ({n} ESSMS)" for name, n in declared.items())
            flow.append(Spacer(1, 2 * mm))
            flow.append(para(f"Solution indiquée ESSMS par ESSMS : {text}.", "BodySmall"))
        return flow

    # autodiagnostic ------------------------------------------------------------------------

    def _autodiagnostic(self) -> list[Flowable]:
        flow: list[Flowable] = [CondPageBreak(50 * mm), self._h1("Autodiagnostic de maturité")]
        if not self.autodiag:
            flow.append(
                para(
                    "Autodiagnostic non renseigné. Il n'est pas exigé sous une forme imposée, mais "
                    "il éclaire le choix entre acquisition, mise en conformité et équipement : "
                    "renseignez-le dans esms-desktop pour qu'il figure ici.",
                    "Body",
                )
            )
            return flow
        q = self.questionnaire
        if q is not None:
            flow.append(
                para(
                    f"{q.title} (version {q.version}) — {q.source} Chaque domaine est noté de "
                    f"0 à 100 (moyenne des réponses données, sur une échelle de 0 à "
                    f"{q.max_value}) ; le score global est la moyenne des domaines notés.",
                    "BodySmall",
                )
            )
        for summary in self.autodiag:
            flow += self._autodiag_block(summary)
        return flow

    def _autodiag_block(self, summary: ScopeSummary) -> list[Flowable]:
        block: list[Flowable] = [self.heading(f"Autodiagnostic — {summary.title}", 1)]
        result = summary.result
        for note in summary.notes:
            block.append(para(note, "Muted"))
        overall = "Score global : "
        if summary.unscored is not None:
            overall += f"non calculé ({summary.unscored.label})"
        else:
            overall += f"{result.score} / 100"
            if result.level is not None:
                overall += f" — {result.level.label}"
        overall += f" · {result.answered} réponse(s) sur {result.total} questions"
        block.append(para(overall, "Body"))
        rows: list[list[Any]] = [
            [
                para("Domaine", "CellHead"),
                para("Réponses", "CellHeadRight"),
                para("Score", "CellHeadRight"),
                para("Niveau", "CellHead"),
            ]
        ]
        for d in result.domains:
            rows.append(
                [
                    fit_cell(f"{d.domain.number}. {d.domain.title}", 92 * mm),
                    f"{d.answered} / {d.total}",
                    "non évalué" if d.score is None else f"{d.score} / 100",
                    fit_cell(d.level.label if d.level else "—", 42 * mm),
                ]
            )
        block.append(
            grid_table(
                rows,
                [92 * mm, 18 * mm, 18 * mm, 42 * mm],
                extra=[("ALIGN", (1, 1), (2, -1), "RIGHT")],
            )
        )
        block.append(Spacer(1, 3 * mm))
        block.append(_score_chart(result, self.portrait_width))
        flow: list[Flowable] = [KeepTogether(block)]
        if summary.recommendations:
            flow.append(CondPageBreak(25 * mm))
            flow.append(para("Recommandations", "H2"))
            for rec in summary.recommendations:
                flow.append(
                    para(
                        f"<b>{clean(rec.kind.label)}</b> — {clean(rec.message)}",
                        "BodySmall",
                        markup=True,
                    )
                )
        return flow

    # budget --------------------------------------------------------------------------------

    def _budget(self) -> list[Flowable]:
        b, c = self.budget, self.campaign
        flow: list[Flowable] = [self._h1("Budget demandé")]
        intro = (
            f"Campagne {c.title} ({c.id}). Chaque ligne est suivie de la règle qui la fonde. "
            "« à renseigner » : montant non publié, à saisir depuis le cahier des charges de "
            f"votre ARS ; « {TO_CONFIRM} » : montant affiché à titre provisoire."
        )
        flow.append(para(intro, "BodySmall"))
        cap = c.size.funded_cap
        capped = [e for e in b.establishments if not e.funded and e.reason.startswith(CAP_PREFIX)]
        if cap is not None:
            cap_text = (
                f"Plafond de la campagne : {cap.value} ESSMS financés au plus par projet ; "
                "au-delà, les ESSMS aux montants les plus élevés sont retenus (ordre de saisie "
                f"en cas d'égalité). ESSMS « {CAP_PREFIX} » : {len(capped)}."
            )
            flow.append(para(cap_text, "Body"))
        flow.append(CondPageBreak(35 * mm))
        flow.append(self.heading("Lignes par ESSMS", 1))
        flow += self._budget_lines_tables()
        flow.append(Spacer(1, 4 * mm))
        flow.append(CondPageBreak(35 * mm))
        flow.append(self.heading("Lignes du projet", 1))
        flow.append(self._project_lines_table())
        flow.append(Spacer(1, 4 * mm))
        flow.append(KeepTogether([self.heading("Total et versements", 1), self._totals_table()]))
        if c.notes:
            flow.append(CondPageBreak(25 * mm))
            flow.append(para("Interprétations retenues pour cette campagne", "H2"))
            for note in c.notes:
                flow.append(para(f"• {note}", "BodySmall"))
        return flow

    def _rule_numbers(self) -> dict[str, int]:
        """Each distinct rule of the ESSMS lines, numbered in order of first appearance."""
        numbers: dict[str, int] = {}
        for _row, e in self.rows:
            if e.funded:
                for line in e.lines:
                    numbers.setdefault(line.rule, len(numbers) + 1)
        return numbers

    def _rules_table(self, numbers: dict[str, int]) -> list[Flowable]:
        """The rules the ESSMS lines refer to by number, each printed once."""
        if not numbers:
            return []
        rows: list[list[Any]] = [[para("N°", "CellHead"), para("Règle appliquée", "CellHead")]]
        for rule, number in numbers.items():
            rows.append([f"règle n° {number}", TextBlock([TextPart(rule, FONT_COND, 7.5)])])
        return [
            para(
                "Les lignes ci-dessous renvoient par leur numéro aux règles de calcul suivantes.",
                "BodySmall",
            ),
            grid_table(rows, [22 * mm, 148 * mm], zebra=True),
            Spacer(1, 3 * mm),
        ]

    def _budget_lines_tables(self) -> list[Flowable]:
        """Budget lines, one table per OG, each line with the number of its rule below it."""
        header = ["ESSMS", "Ligne de financement et règle appliquée", "Montant"]
        widths = [40 * mm, 104 * mm, 26 * mm]
        numbers = self._rule_numbers()
        flow: list[Flowable] = self._rules_table(numbers)
        if not self.rows:
            flow.append(_missing("À COMPLÉTER — aucun ESSMS dans la grappe."))
        for og, members in self._by_og():
            rows: list[list[Any]] = [header, [self._og_title(og), "", ""]]
            extra: list[tuple[Any, ...]] = [
                ("SPAN", (0, 1), (-1, 1)),
                ("BACKGROUND", (0, 1), (-1, 1), GROUP),
                ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                ("ALIGN", (2, 2), (2, -1), "RIGHT"),
            ]
            firsts: list[int] = []
            amounts: list[Decimal | None] = []
            for _row, e in members:
                ident = fit_cell(f"{e.finess}\n{e.name}", widths[0])
                first = len(rows)
                if e.funded:
                    amounts.append(e.amount)
                    for i, line in enumerate(e.lines):
                        rows.append(
                            [
                                ident if i == 0 else "",
                                self._line_cell(line, numbers[line.rule]),
                                self._line_amount(line),
                            ]
                        )
                else:
                    rows.append([ident, self._unfunded_cell(e), "—"])
                firsts.append(first)
            # A rule above each ESSMS's first line: one command per run of consecutive rows (a
            # 1,000-row table re-applies every command each time it is split across pages).
            for start, end in _runs(firsts):
                extra.append(("LINEABOVE", (0, start), (-1, end), 0.5, RULE))
            sub, complete = _known_sum(amounts)
            rows.append(
                [
                    para(f"Sous-total {og.name} ({len(amounts)} ESSMS financés)", "CellBold"),
                    "",
                    para(_eur_incomplete(sub, complete), "CellRightBold"),
                ]
            )
            extra += [
                ("SPAN", (0, -1), (1, -1)),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, INK),
                ("BACKGROUND", (0, -1), (-1, -1), ZEBRA),
            ]
            flow.append(
                grid_table(rows, widths, header_rows=2, zebra=False, extra=extra, long=True)
            )
            flow.append(Spacer(1, 3 * mm))
        sub, complete = _known_sum([e.amount for e in self.budget.establishments if e.funded])
        total_row = [
            para(
                f"Sous-total des ESSMS financés ({format_number(self.budget.funded_count)})",
                "CellBold",
            ),
            "",
            para(_eur_incomplete(sub, complete), "CellRightBold"),
        ]
        flow.append(
            grid_table(
                [total_row],
                widths,
                header_rows=0,
                zebra=False,
                extra=[("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (-1, 0), GROUP)],
            )
        )
        return flow

    @staticmethod
    def _unfunded_cell(e: EstablishmentBudget) -> TextBlock:
        if e.reason.startswith(CAP_PREFIX):
            return TextBlock(
                [
                    TextPart(
                        f"{CAP_PREFIX} — montant qui aurait été demandé : "
                        f"{format_eur(e.requested)}",
                        FONT_COND_BOLD,
                    ),
                    TextPart(e.reason, FONT_COND, 6.8, MUTED),
                ]
            )
        return TextBlock([TextPart(e.reason or "non financé", FONT_COND, 8, MUTED)])

    @staticmethod
    def _line_cell(line: BudgetLine, rule_number: int | None = None) -> TextBlock:
        """Label in bold, the rule below in small grey, then the badge if the amount is unsure.

        With ``rule_number``, the rule is printed once in the table of rules and the line only
        refers to it by its number (a rule repeats on every ESSMS of a 1,000-ESSMS grappe).
        """
        label = line.label if line.payee == "og" else f"{line.label} (versé à : {line.payee})"
        rule = line.rule if rule_number is None else f"règle n° {rule_number}"
        parts = [TextPart(label, FONT_COND_BOLD), TextPart(rule, FONT_COND, 6.5, MUTED)]
        if _line_is_provisional(line):
            parts.append(TextPart(TO_CONFIRM, FONT_COND_BOLD, 6.8, WARN))
        elif line.status is ValueStatus.SAISI:
            parts.append(
                TextPart(
                    "montant saisi d'après le cahier des charges de l'ARS", FONT_COND, 6.8, MUTED
                )
            )
        return TextBlock(parts)

    @staticmethod
    def _line_amount(line: BudgetLine) -> TextBlock | str:
        if line.amount is None:
            return _right([TextPart("à renseigner", FONT_COND_BOLD)])
        return format_eur(line.amount)

    def _project_lines_table(self) -> Flowable:
        lines = self.budget.project_lines
        if not lines:
            return para(
                "Aucune ligne au niveau du projet pour cette grappe et cette campagne.", "BodySmall"
            )
        rows: list[list[Any]] = [
            [
                para("Ligne du projet et règle appliquée", "CellHead"),
                para("Montant", "CellHeadRight"),
            ]
        ]
        for line in lines:
            rows.append([self._line_cell(line), self._line_amount(line)])
        sub, complete = _known_sum([line.amount for line in lines])
        rows.append(
            [
                para("Sous-total des lignes du projet", "CellBold"),
                para(_eur_incomplete(sub, complete), "CellRightBold"),
            ]
        )
        return grid_table(
            rows,
            [144 * mm, 26 * mm],
            zebra=False,
            extra=[("LINEABOVE", (0, -1), (-1, -1), 1, INK), ("ALIGN", (1, 1), (1, -1), "RIGHT")],
        )

    def _totals_table(self) -> Table:
        b = self.budget
        ess, ess_ok = _known_sum([e.amount for e in b.establishments if e.funded])
        proj, proj_ok = _known_sum([line.amount for line in b.project_lines])
        rows: list[list[Any]] = [
            [para("ESSMS financés", "Cell"), "", para(_eur_incomplete(ess, ess_ok), "CellRight")],
            [
                para("Lignes du projet", "Cell"),
                "",
                para(_eur_incomplete(proj, proj_ok), "CellRight"),
            ],
            [
                para("TOTAL DEMANDÉ", "CellBold"),
                "",
                para(format_eur(b.total), "CellRightBold"),
            ],
        ]
        if not b.complete:
            rows.append(
                [
                    _missing(
                        "Total incomplet : il ne compte que les montants connus ; des montants "
                        "restent à renseigner."
                    ),
                    "",
                    "",
                ]
            )
        head = len(rows)
        rows.append(
            [
                para("Versement", "CellHead"),
                para("Part", "CellHeadRight"),
                para("Montant", "CellHeadRight"),
            ]
        )
        for i, t in enumerate(b.tranches, start=1):
            label = f"{i}. {clean(t.label)}"
            if t.status is ValueStatus.A_CONFIRMER:
                label += f" <font size='6.8' color='#A84300'><b>{clean(TO_CONFIRM)}</b></font>"
            rows.append(
                [
                    para(label, "Cell", markup=True),
                    para(format_pct(t.pct), "CellRight"),
                    para(format_eur(t.amount), "CellRight"),
                ]
            )
        extra: list[tuple[Any, ...]] = [
            ("SPAN", (0, 0), (1, 0)),
            ("SPAN", (0, 1), (1, 1)),
            ("SPAN", (0, 2), (1, 2)),
            ("BACKGROUND", (0, 2), (-1, 2), GROUP),
            ("LINEABOVE", (0, 2), (-1, 2), 1, INK),
            ("BACKGROUND", (0, head), (-1, head), ACCENT),
        ]
        if not b.complete:
            extra.append(("SPAN", (0, 3), (-1, 3)))
        return grid_table(
            rows, [112 * mm, 30 * mm, 28 * mm], header_rows=0, zebra=False, extra=extra
        )

    # commitments ---------------------------------------------------------------------------

    def _usage_targets(self) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(45 * mm),
            self._h1("Engagements sur les cibles d'usage"),
        ]
        flow.append(
            para(
                "Les organismes gestionnaires s'engagent à atteindre les cibles d'usage "
                "ci-dessous ; le dernier versement en dépend. Les seuils varient selon l'appel et "
                f"le secteur : un seuil non saisi est « {TO_CONFIRM} ».",
                "BodySmall",
            )
        )
        targets = self.dossier.usage_targets
        if not targets:
            flow.append(_missing("À COMPLÉTER — aucune cible d'usage saisie."))
            return flow
        rows: list[list[Any]] = [
            [
                para(h, "CellHeadRight" if i == 2 else "CellHead")
                for i, h in enumerate(
                    ("Indicateur", "Secteur", "Seuil", "Échéance", "Justificatif")
                )
            ]
        ]
        for t in targets:
            threshold: Flowable = (
                para(format_threshold(t.threshold), "CellRight")
                if t.threshold is not None
                else para(TO_CONFIRM, "Badge")
            )
            rows.append(
                [
                    para(t.indicator, "Cell"),
                    para(t.sector or "tous", "Cell"),
                    threshold,
                    para(t.window or "—", "Cell"),
                    para(t.evidence or "—", "Cell"),
                ]
            )
        flow.append(
            grid_table(rows, [w * mm for w in (52, 18, 36, 26, 38)])
        )  # « 100 messages / mois »
        return flow

    def _planning(self) -> list[Flowable]:
        flow: list[Flowable] = [CondPageBreak(40 * mm), self._h1("Planning du projet")]
        milestones = self.dossier.milestones
        if not milestones:
            flow.append(
                _missing("À COMPLÉTER — aucun jalon saisi (paramétrage, déploiement, usage).")
            )
            return flow
        rows: list[list[Any]] = [
            [para(h, "CellHead") for h in ("Jalon", "Échéance", "Description")]
        ]
        for m in milestones:
            rows.append(
                [
                    para(m.label, "Cell"),
                    para(format_date(m.due, long=True) if m.due else "à dater", "Cell"),
                    para(m.description or "—", "Cell"),
                ]
            )
        flow.append(grid_table(rows, [w * mm for w in (52, 30, 88)]))
        return flow

    def _governance(self) -> list[Flowable]:
        flow: list[Flowable] = [CondPageBreak(30 * mm), self._h1("Gouvernance du projet")]
        text = self.dossier.governance.strip()
        if not text:
            flow.append(
                _missing(
                    "À COMPLÉTER — décrivez le pilotage de la grappe (comité, fréquence, rôle du "
                    "porteur et des membres)."
                )
            )
            return flow
        for block in text.split("\n\n"):
            if block.strip():
                flow.append(para(block.strip(), "Body"))
        return flow

    def _findings(self) -> list[Flowable]:
        flow: list[Flowable] = [CondPageBreak(40 * mm), self._h1("Points ouverts de l'éligibilité")]
        order = {Severity.BLOQUANT: 0, Severity.AVERTISSEMENT: 1, Severity.INFO: 2}
        findings = sorted(self.budget.findings, key=lambda f: order[f.severity])
        if not findings:
            flow.append(para("Aucun point ouvert : tous les contrôles sont satisfaits.", "Body"))
            return flow
        flow.append(
            para(
                "Constats du contrôle d'éligibilité au moment de l'édition : un point « bloquant » "
                "rend le projet inéligible à cette campagne ; un « avertissement » est à vérifier "
                "ou à compléter ; une « information » explique un choix du calcul.",
                "BodySmall",
            )
        )
        rows: list[list[Any]] = [[para("Niveau", "CellHead"), para("Constat et règle", "CellHead")]]
        extra: list[tuple[Any, ...]] = []
        tones = {
            Severity.BLOQUANT: (ALERT, ALERT_BG),
            Severity.AVERTISSEMENT: (WARN, WARN_BG),
            Severity.INFO: (MUTED, colors.white),
        }
        for f in findings:
            r = len(rows)
            text = clean(f.message)
            if f.rule:
                text += f"<br/><font size='6.5' color='#5A5A5A'>{clean(f.rule)}</font>"
            rows.append(
                [
                    para(f"<b>{f.severity.label}</b>", "Cell", markup=True),
                    para(text, "Cell", markup=True),
                ]
            )
            fg, bg = tones[f.severity]
            extra += [("TEXTCOLOR", (0, r), (0, r), fg), ("BACKGROUND", (0, r), (0, r), bg)]
        flow.append(grid_table(rows, [26 * mm, 144 * mm], zebra=False, extra=extra, long=True))
        return flow

    # signing -------------------------------------------------------------------------------

    def _attestations(self) -> list[Flowable]:
        flow: list[Flowable] = [self._h1("Attestations")]
        flow.append(
            para(
                "Le porteur, au nom des organismes gestionnaires de la grappe, atteste que :",
                "Body",
            )
        )
        rows: list[list[Any]] = []
        for a in self.dossier.attestations:
            rows.append([para(checkbox(a.accepted), "Box"), para(a.label, "Body")])
        if rows:
            t = SplittingTable(
                rows, colWidths=[9 * mm, self.portrait_width - 9 * mm], hAlign="LEFT"
            )
            t.setStyle(
                table_style(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 2),
                        ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ]
                )
            )
            flow.append(t)
        if any(not a.accepted for a in self.dossier.attestations):
            flow.append(
                _missing(
                    "À COMPLÉTER — une attestation non cochée doit l'être (ou la situation "
                    "expliquée à l'ARS) avant le dépôt."
                )
            )
        return flow

    def _signatures(self) -> list[Flowable]:
        flow: list[Flowable] = [
            CondPageBreak(90 * mm),
            self._h1("Signatures des organismes gestionnaires"),
        ]
        flow.append(
            para(
                "Chaque organisme gestionnaire de la grappe signe ci-dessous, le porteur en "
                "premier, en faisant précéder sa signature de la mention manuscrite « Lu et "
                "approuvé ».",
                "BodySmall",
            )
        )
        ogs = sorted(self.dossier.grappe.organisations, key=lambda o: o.role is not OgRole.PORTEUR)
        if not ogs:
            ogs = [Organisation(self.porteur.name or "Porteur du projet", OgRole.PORTEUR)]
        for og in ogs:
            flow.append(Spacer(1, 3 * mm))
            flow.append(KeepTogether([self._signature_block(og)]))
        return flow

    def _signature_block(self, og: Organisation) -> Table:
        """Name, role, signatory, "Fait à … le …", then the signature and stamp boxes.

        Writing lines are drawn rules, not dots: dots wrap unpredictably with long names.
        """
        width = self.portrait_width
        signatory = ""
        if og.role is OgRole.PORTEUR and self.porteur.legal_representative:
            signatory = ", ".join(
                x
                for x in (
                    self.porteur.legal_representative,
                    self.porteur.legal_representative_title,
                )
                if x
            )
        ident = " · ".join(
            x
            for x in (
                f"SIREN {og.siren}" if og.siren else "SIREN : ",
                f"FINESS juridique {og.finess_ej}" if og.finess_ej else "",
            )
            if x
        )
        label_w, le_w = 46 * mm, 8 * mm
        place_w = (width - label_w - le_w) * 0.55
        widths = [label_w, place_w, le_w, width - label_w - le_w - place_w]
        rows: list[list[Any]] = [
            [
                para(f"<b>{clean(og.name)}</b>", "Body", markup=True),
                "",
                "",
                para(_role_label(og), "CellBold"),
            ],
            [para(ident, "BodySmall"), "", "", ""],
            [para("Nom et qualité du signataire", "Label"), para(signatory, "Value"), "", ""],
            [para("Fait à", "Label"), "", para("le", "Label"), ""],
            [
                para("Mention « Lu et approuvé » et signature", "Label"),
                "",
                para("Cachet de l'organisme", "Label"),
                "",
            ],
            ["", "", "", ""],
        ]
        t = SplittingTable(
            rows,
            colWidths=widths,
            rowHeights=[None, None, 10 * mm, 10 * mm, 7 * mm, 32 * mm],
            hAlign="LEFT",
        )
        t.setStyle(
            table_style(
                [
                    ("SPAN", (0, 0), (2, 0)),
                    ("SPAN", (0, 1), (3, 1)),
                    ("SPAN", (1, 2), (3, 2)),
                    ("SPAN", (0, 4), (1, 4)),
                    ("SPAN", (2, 4), (3, 4)),
                    ("SPAN", (0, 5), (1, 5)),
                    ("SPAN", (2, 5), (3, 5)),
                    ("VALIGN", (0, 0), (-1, 1), "TOP"),
                    ("VALIGN", (0, 2), (-1, 4), "BOTTOM"),
                    ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                    ("BACKGROUND", (0, 0), (-1, 0), ZEBRA),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                    # writing lines
                    ("LINEBELOW", (1, 2), (3, 2), 0.5, MUTED),
                    ("LINEBELOW", (1, 3), (1, 3), 0.5, MUTED),
                    ("LINEBELOW", (3, 3), (3, 3), 0.5, MUTED),
                    # signature and stamp boxes
                    ("BOX", (0, 5), (1, 5), 0.6, MUTED),
                    ("BOX", (2, 5), (3, 5), 0.6, MUTED),
                    ("LEFTPADDING", (0, 0), (-1, -1), 5),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return t

    def _annexes(self) -> list[Flowable]:
        flow: list[Flowable] = [CondPageBreak(60 * mm), self._h1("Pièces à joindre")]
        needed = self._annexes_needed_here()
        rows: list[list[Any]] = [
            [
                para("", "CellHead"),
                para("Pièce", "CellHead"),
                para("Caractère", "CellHead"),
                para("Fichier joint", "CellHead"),
            ]
        ]
        for a in self.dossier.annexes:
            if a.required:
                nature = "obligatoire"
            elif a.key in needed:
                nature = f"requise pour ce projet ({needed[a.key]})"
            else:
                nature = "facultative, le cas échéant"
            label = clean(a.label)
            if a.note:
                label += f"<br/><font size='6.8' color='#5A5A5A'>{clean(a.note)}</font>"
            rows.append(
                [
                    para(checkbox(a.provided), "Box"),
                    para(label, "Cell", markup=True),
                    para(nature, "Cell"),
                    para(a.file_name or ("—" if not a.provided else "fourni"), "Cell"),
                ]
            )
        flow.append(grid_table(rows, [w * mm for w in (9, 84, 38, 39)]))
        flow.append(Spacer(1, 2 * mm))
        flow.append(
            para(
                "☒ pièce jointe au dossier ; ☐ pièce à joindre. Les pièces sont déposées avec la "
                "candidature en ligne.",
                "Muted",
            )
        )
        return flow

    def _annexes_needed_here(self) -> dict[str, str]:
        """Optional annexes this grappe needs: hours split (prorated home services), purchase."""
        needed: dict[str, str] = {}
        scope = self.campaign.scope
        for row, e in self.rows:
            if e.project is ProjectType.ACQUISITION and e.counted:
                needed["preuves_achat"] = "acquisitions"
            if (
                row is not None
                and scope.hours_prorata
                and e.sector in scope.hours_prorata_sectors
                and row.establishment.eligible_hours_pct < 100
            ):
                needed["repartition_heures"] = "services à domicile au prorata"
        return needed


# --- module helpers --------------------------------------------------------------------------


def _porteur_identity(dossier: Dossier) -> Porteur:
    """The porteur as entered, completed from the porteur OG of the grappe where left empty."""
    p = dossier.porteur
    og = dossier.grappe.porteur
    if og is None:
        return p
    return Porteur(
        name=p.name or og.name,
        legal_status=p.legal_status,
        siren=p.siren or og.siren,
        siret=p.siret,
        finess_ej=p.finess_ej or og.finess_ej,
        address=p.address,
        postal_code=p.postal_code,
        town=p.town,
        legal_representative=p.legal_representative,
        legal_representative_title=p.legal_representative_title,
        project_lead=p.project_lead or og.contact_name,
        contact_email=p.contact_email or og.contact_email,
        contact_phone=p.contact_phone,
    )


def _rows_by_budget(budget: Budget) -> list[tuple[RowStatus | None, EstablishmentBudget]]:
    """Each budget row with its eligibility row (same order, one per establishment entered)."""
    rows = budget.eligibility.rows
    if len(rows) == len(budget.establishments):
        return list(zip(rows, budget.establishments, strict=True))
    by_finess = {r.finess: r for r in rows}
    return [(by_finess.get(e.finess), e) for e in budget.establishments]


_last_fingerprint: tuple[Dossier, Budget, str] | None = None
"""The last fingerprint computed: the document prints it and the export service reports it."""


def data_fingerprint(dossier: Dossier, budget: Budget) -> str:
    """Fingerprint of what the dossier says: its content and the budget, not its timestamps.

    The database id and the created/updated times are left out (saving without a change must not
    change the fingerprint), and so is the eligibility detail, derived from the grappe already in.
    Both are frozen values: the last result is kept for the same two objects (a 1,000-ESSMS
    dossier takes a tenth of a second to fingerprint, and an export asks twice).
    """
    global _last_fingerprint
    last = _last_fingerprint
    if last is not None and last[0] is dossier and last[1] is budget:
        return last[2]
    result = _compute_fingerprint(dossier, budget)
    _last_fingerprint = (dossier, budget, result)
    return result


def _compute_fingerprint(dossier: Dossier, budget: Budget) -> str:
    d = canonical(dossier)
    for key in ("id", "created", "updated"):
        d.pop(key, None)
    bud = {
        f.name: getattr(budget, f.name)
        for f in dataclasses.fields(budget)
        if f.name != "eligibility"
    }
    return fingerprint({"dossier": d, "budget": bud})


def _score_chart(result: AutodiagResult, width: float) -> Drawing:
    """Horizontal bars, one per domain, on a 0–100 scale; an unassessed domain shows no bar."""
    domains = list(reversed(result.domains))
    n = max(len(domains), 1)
    bar_zone = 6.5 * mm * n
    drawing = Drawing(width, bar_zone + 14 * mm)
    chart = HorizontalBarChart()
    label_width = 62 * mm
    chart.x = label_width
    chart.y = 8 * mm
    chart.width = width - label_width - 10 * mm
    chart.height = bar_zone
    chart.data = [[d.score or 0 for d in domains]]
    names = []
    for d in domains:
        name = f"{d.domain.number}. {d.domain.title}"
        names.append(name if len(name) <= 40 else name[:39] + "…")
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = FONT_COND
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E3E7EC")
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barWidth = 4 * mm
    drawing.add(chart)
    # Values written at the end of each bar ("non évalué" where there is none).
    step = chart.height / n
    for i, d in enumerate(domains):
        value = d.score or 0
        x = chart.x + chart.width * value / 100 + 2
        y = chart.y + step * i + step / 2 - 2.5
        text = "non évalué" if d.score is None else str(d.score)
        drawing.add(String(x, y, text, fontName=FONT_BOLD, fontSize=7, fillColor=INK))
    drawing.add(
        String(
            label_width,
            1.5 * mm,
            "Score par domaine (0 à 100)",
            fontName=FONT,
            fontSize=7,
            fillColor=MUTED,
        )
    )
    return drawing


def render_candidature(
    dossier: Dossier,
    budget: Budget,
    campaign: Campaign,
    questionnaire: Questionnaire | None = None,
    generated_on: date | None = None,
    missing: Sequence[MissingItem] = (),
) -> RenderedPdf:
    """The dossier PDF and its page count (the export service reports both).

    ``missing`` is what the ARS still needs (the export service computes it): when not empty
    the cover says « Dossier complet : NON », a last section lists it and every page header
    reads « BROUILLON — dossier incomplet ».
    """
    return CandidatureDocument(
        dossier, budget, campaign, questionnaire, generated_on, missing
    ).render()


def build_candidature(
    dossier: Dossier,
    budget: Budget,
    campaign: Campaign,
    questionnaire: Questionnaire | None = None,
    generated_on: date | None = None,
    stream: BinaryIO | None = None,
) -> bytes:
    """The dossier PDF as bytes (also written to ``stream`` when given).

    ``generated_on`` fixes the printed date and makes the output byte-for-byte reproducible.
    """
    data = render_candidature(dossier, budget, campaign, questionnaire, generated_on).data
    if stream is not None:
        stream.write(data)
    return data

"""The blank partner form: what a partner OG fills in by hand for the porteur.

Directors collect their partners' establishments long before anyone opens the software: the
porteur mails this form to each partner OG, which writes its identity and one row per
establishment, then signs what it wrote and sends it back. Its columns are exactly the grappe
template's (shared/spec/grappe-template.md), in the same order, so that typing it into the
spreadsheet or into esms-desktop is a straight copy. Boxes are sized for handwriting (rows of
9.2 mm on white, one box per character for the identifiers, whose key the software will check).

The order is the one a signature needs: identity, instructions, the table of establishments
(« feuillet __ / __ » on each sheet, for extra copies), then the attestations and the signature
that certify all of it — the signature never comes before what it signs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from esms_desktop.domain.campaign import Campaign
from esms_desktop.domain.dossier import DEFAULT_ATTESTATIONS
from esms_desktop.domain.formatting import format_date
from esms_desktop.reports.base import (
    ACCENT,
    FONT_COND,
    MUTED,
    RULE,
    BaseDocument,
    DocumentMeta,
    RenderedPdf,
    clean,
    grid_table,
    key_value_table,
    para,
    signature_rows,
    table_style,
)

ROWS_PER_PAGE = 15
TABLE_PAGES = 2
ROW_HEIGHT = 9.2 * mm
"""At least the 9 mm a handwritten line needs; 15 rows fill a landscape page."""


class CombBoxes(Flowable):
    """``count`` adjacent boxes, one per handwritten character (FINESS, SIREN, category)."""

    def __init__(self, count: int, box: float = 4.6 * mm, height: float = 6.5 * mm) -> None:
        super().__init__()
        self.count = count
        self.box = box
        self.box_height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.count * self.box, self.box_height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(MUTED)
        c.setLineWidth(0.5)
        for i in range(self.count):
            c.rect(i * self.box, 0, self.box, self.box_height, stroke=1, fill=0)
        c.restoreState()


class WritingBox(Flowable):
    """An empty framed box to write in."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.box_width = width
        self.box_height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.box_width = min(self.box_width, avail_width)
        return self.box_width, self.box_height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(MUTED)
        c.setLineWidth(0.5)
        c.rect(0, 0, self.box_width, self.box_height, stroke=1, fill=0)
        c.restoreState()


@dataclass(frozen=True, slots=True)
class FormColumn:
    """One column of the paper table: a template column, as a partner writes it by hand.

    ``key`` is the template's column (the field table's ``column``); the rest is the paper's:
    the label (instructions), headings of the rows page and of the example, what to write, the
    values admitted, the widths of the box (``None``: what is left) and the example.
    """

    key: str
    label: str
    heading: str
    short: str
    example_mm: float | None
    how: str
    values: str
    width_mm: float | None
    blank: Callable[[], Any]
    example: str


def _fit(widths_mm: list[float | None], total: float) -> list[float]:
    """Widths in points: the given ones, and what is left shared by the ``None`` ones."""
    rest = (total - sum(w * mm for w in widths_mm if w)) / max(1, widths_mm.count(None))
    return [w * mm if w else rest for w in widths_mm]


def _empty() -> str:
    return ""


def _choices(labels: tuple[str, ...]) -> Paragraph:
    """Tick boxes written as ☐ glyphs: a partner ticks one by hand."""
    return para("  ".join(f"\u2610\u00a0{label}" for label in labels), "CellSmallInk")


FORM_COLUMNS: tuple[FormColumn, ...] = (
    FormColumn(
        "finess",
        "FINESS géographique",
        "FINESS géographique",
        "FINESS",
        19,
        "Les 9 caractères du numéro FINESS de l'établissement (et non celui de l'organisme), "
        "un par case. Corse : 2A ou 2B au début.",
        "9 caractères ; le dernier chiffre est une clé de contrôle vérifiée par le logiciel.",
        46,
        lambda: CombBoxes(9),
        "590050076",
    ),
    FormColumn(
        "nom",
        "Nom de l'établissement",
        "Nom de l'établissement",
        "Nom",
        20,
        "Le nom usuel, tel qu'il figure au répertoire FINESS.",
        "texte libre",
        36,
        _empty,
        "EHPAD Les Hirondelles",
    ),
    FormColumn(
        "categorie",
        "Catégorie FINESS",
        "Catégorie",
        "Catégorie",
        16,
        "Le code de catégorie à 3 chiffres (par exemple 500 EHPAD, 354 SSIAD, 460 SAAD, "
        "246 ESAT, 183 IME, 214 CHRS).",
        "3 chiffres ; une USLD (362) relève du sanitaire et n'est pas éligible.",
        17,
        lambda: CombBoxes(3),
        "500",
    ),
    FormColumn(
        "capacite",
        "Capacité",
        "Capacité",
        "Capacité",
        13,
        "Nombre de places autorisées, ou file active pour un service.",
        "nombre entier, 0 ou plus",
        16,
        _empty,
        "84",
    ),
    FormColumn(
        "projet",
        "Projet DUI",
        "Projet DUI",
        "Projet DUI",
        17,
        "Cochez une case : acquisition d'un nouveau dossier usager informatisé, mise en "
        "conformité du DUI existant, ou aucun projet pour cet établissement.",
        "acquisition / conformité / aucun",
        30,
        lambda: _choices(("acquisition", "conformité", "aucun")),
        "acquisition",
    ),
    FormColumn(
        "equipement",
        "Équipement",
        "Équipement",
        "Équipement",
        17,
        "Cochez « oui » si l'établissement demande la ligne « équipement et infrastructure » "
        "(petits organismes, avec un projet DUI).",
        "oui / non (non par défaut)",
        20,
        lambda: _choices(("oui", "non")),
        "oui",
    ),
    FormColumn(
        "heures_eligibles_pct",
        "Heures éligibles (%)",
        "Heures élig. %",
        "Heures %",
        12,
        "Services à domicile seulement : part des heures consacrées aux activités essentielles "
        "(hors confort). Laissez vide pour les autres établissements.",
        "de 0 à 100 (100 par défaut)",
        16,
        _empty,
        "",
    ),
    FormColumn(
        "solution_dui",
        "Solution DUI",
        "Solution DUI",
        "Solution DUI",
        None,
        "L'éditeur et le produit du DUI visé, sous la forme « Éditeur — Produit ».",
        "texte libre ; une seule solution par projet dans la plupart des appels",
        None,  # the rest of the width
        _empty,
        "Éditeur Exemple — Dossier Usager",
    ),
    FormColumn(
        "dui_actuel",
        "DUI actuel",
        "DUI actuel",
        "DUI actuel",
        18,
        "Cochez le dossier usager utilisé aujourd'hui : aucun DUI, un DUI non référencé Ségur, "
        "ou un DUI référencé Ségur. Laissez vide si vous ne savez pas.",
        "aucun / non référencé / référencé Ségur (vide : inconnue)",
        24,
        lambda: _choices(("aucun", "non réf.", "réf. Ségur")),
        "non référencé",
    ),
    FormColumn(
        "services_socles",
        "Services socles visés",
        "Services socles visés",
        "Services socles",
        20,
        "Cochez les services socles que le projet fera utiliser dans l'établissement : DMP / "
        "Mon espace santé, messagerie sécurisée MSSanté, identité nationale de santé (INS), "
        "e-prescription.",
        "DMP, MSS, INS, e-prescription (plusieurs cases possibles ; aucune : aucun)",
        26,
        lambda: _choices(("DMP", "MSS", "INS", "e-presc.")),
        "DMP, MSS, INS",
    ),
)
"""The ESSMS columns of the grappe template, in its order (a test holds them to the field
table): adding a field to the template fails that test until the paper form has its column."""


class PartnerFormDocument(BaseDocument):
    """Identity, instructions, two landscape sheets of establishment rows, then the attestations
    and the signature that certify them."""

    first_template = "portrait"

    def __init__(self, campaign: Campaign | None = None, generated_on: date | None = None) -> None:
        self.campaign = campaign
        meta = DocumentMeta(
            title="Fiche partenaire — programme ESMS numérique",
            subject="Fiche à remplir par chaque organisme gestionnaire membre de la grappe",
            header_left="Fiche partenaire — ESMS numérique",
            header_right=campaign.title if campaign else "Programme ESMS numérique",
            generated_on=generated_on or date.today(),
            keywords=("ESMS numérique", "fiche partenaire", "grappe")
            + ((campaign.id,) if campaign else ()),
        )
        super().__init__(meta, deterministic=generated_on is not None)

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self._identity()
        story += self.switch_to("portrait")
        story += self._instructions()
        story += self.switch_to("landscape")
        for page in range(TABLE_PAGES):
            if page:
                story += self.switch_to("landscape")
            story += self._rows_page(page)
        story += self.switch_to("portrait")
        story += self._commitment()
        return story

    # page 1 -------------------------------------------------------------------------------

    def _identity(self) -> list[Flowable]:
        width = self.portrait_width
        flow: list[Flowable] = [
            para("PROGRAMME ESMS NUMÉRIQUE — FICHE PARTENAIRE", "Kicker"),
            para("Fiche de l'organisme gestionnaire partenaire", "Title"),
        ]
        if self.campaign is not None:
            c = self.campaign
            flow.append(para(f"Appel à projets : {c.title} ({c.id})", "Subtitle"))
            for w in c.windows:
                if w.end:
                    start = f"du {format_date(w.start, long=True)} " if w.start else ""
                    flow.append(
                        para(f"{w.label} : {start}jusqu'au {format_date(w.end, long=True)}", "Body")
                    )
        flow.append(
            para(
                "À remplir à la main par chaque organisme gestionnaire (OG) membre de la grappe, "
                "à signer et à renvoyer au porteur du projet, qui reporte ces informations dans "
                "le tableau de la grappe. Écrivez en majuscules d'imprimerie, un caractère par "
                "case pour les numéros.",
                "BodySmall",
            )
        )
        flow.append(self.heading("1. Identité de l'organisme gestionnaire"))
        pairs: list[tuple[str, Flowable | str]] = [
            ("Raison sociale de l'OG", WritingBox(width, 10 * mm)),
            ("Statut juridique (association, fondation…)", WritingBox(width, 8 * mm)),
            ("SIREN (9 chiffres)", CombBoxes(9)),
            ("FINESS juridique (9 caractères)", CombBoxes(9)),
            ("Adresse du siège", WritingBox(width, 12 * mm)),
            ("Code postal et commune", _postal_and_town(width)),
            ("Représentant légal : nom", WritingBox(width, 8 * mm)),
            ("Représentant légal : qualité", WritingBox(width, 8 * mm)),
            (
                "Nombre total d'ESSMS gérés",
                _with_note(
                    CombBoxes(4),
                    "tous les établissements et services que l'OG gère, pas seulement ceux du "
                    "projet (moins de 15 : « petit OG »)",
                ),
            ),
            ("Nombre d'ESSMS dans le projet", CombBoxes(4)),
            ("Contact : nom et fonction", WritingBox(width, 8 * mm)),
            ("Courriel", WritingBox(width, 8 * mm)),
            ("Téléphone", CombBoxes(10)),
            (
                "Convention de grappe signée le",
                _with_note(_date_boxes(), "laisser vide si elle n'est pas encore signée", 46 * mm),
            ),
        ]
        flow.append(key_value_table(pairs, width, label_width=55 * mm))
        flow.append(
            para(
                "Le tableau des établissements suit, puis les attestations et la signature du "
                "représentant légal (section 3), qui valent pour toute la fiche.",
                "BodySmall",
            )
        )
        return flow

    # page 2 -------------------------------------------------------------------------------

    def _instructions(self) -> list[Flowable]:
        flow: list[Flowable] = [
            self.heading("2. Comment remplir le tableau des établissements"),
            para(
                f"Une ligne par établissement ou service (ESSMS) de l'OG dans le projet. Le "
                f"tableau compte {ROWS_PER_PAGE * TABLE_PAGES} lignes sur {TABLE_PAGES} "
                "feuillets : au-delà, photocopiez un feuillet vierge, poursuivez la numérotation "
                "des lignes et numérotez chaque feuillet (« feuillet 3 / 4 »). "
                "Les noms de colonnes entre parenthèses sont ceux du modèle de tableur de la "
                "grappe.",
                "Body",
            ),
        ]
        rows: list[list[Any]] = [
            [para(h, "CellHead") for h in ("Colonne", "Ce qu'il faut écrire", "Valeurs admises")]
        ]
        for c in FORM_COLUMNS:
            rows.append(
                [
                    para(
                        f"<b>{clean(c.label)}</b><br/>"
                        f"<font color='#5A5A5A'>({clean(c.key)})</font>",
                        "Cell",
                        markup=True,
                    ),
                    para(c.how, "Cell"),
                    para(c.values, "Cell"),
                ]
            )
        flow.append(grid_table(rows, [40 * mm, 80 * mm, self.portrait_width - 120 * mm]))
        flow.append(Spacer(1, 4 * mm))
        flow.append(para("Exemple de ligne remplie", "H2"))
        example = [
            [para(c.short, "CellHead") for c in FORM_COLUMNS],
            [para(c.example, "Cell") for c in FORM_COLUMNS],
        ]
        widths = _fit([c.example_mm for c in FORM_COLUMNS], self.portrait_width)
        flow.append(grid_table(example, widths, zebra=False))
        flow.append(Spacer(1, 4 * mm))
        flow.append(
            para(
                "Un établissement sans FINESS géographique propre n'est pas éligible. Un service "
                "à domicile qui mêle activités essentielles et services de confort ne compte "
                "que pour sa part essentielle : joignez le justificatif de la répartition des "
                "heures.",
                "BodySmall",
            )
        )
        return flow

    # pages 3 and 4 ------------------------------------------------------------------------

    def _rows_page(self, page: int) -> list[Flowable]:
        width = self.landscape_width
        ident = Table(
            [
                [
                    para("Organisme gestionnaire :", "Label"),
                    "",
                    para("SIREN :", "Label"),
                    CombBoxes(9, 4 * mm, 5.5 * mm),
                    para("Feuillet ____ / ____", "Label"),
                ]
            ],
            colWidths=[42 * mm, 106 * mm, 14 * mm, 40 * mm, width - 202 * mm],
            hAlign="LEFT",
        )
        ident.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LINEBELOW", (1, 0), (1, 0), 0.5, MUTED),
                    ("ALIGN", (4, 0), (4, 0), "RIGHT"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        header = [para("N°", "CellHead")] + [
            para(
                f"{clean(c.heading)}<br/><font size='6'>{clean(c.key)}</font>",
                "CellHead",
                markup=True,
            )
            for c in FORM_COLUMNS
        ]
        widths = _fit([8, *(c.width_mm for c in FORM_COLUMNS)], width)
        rows: list[list[Any]] = [header]
        for i in range(ROWS_PER_PAGE):
            number = page * ROWS_PER_PAGE + i + 1
            rows.append([str(number), *(c.blank() for c in FORM_COLUMNS)])
        table = Table(
            rows,
            colWidths=widths,
            rowHeights=[None] + [ROW_HEIGHT] * ROWS_PER_PAGE,
            repeatRows=1,
            hAlign="LEFT",
        )
        table.setStyle(
            table_style(
                [
                    ("FONT", (0, 0), (-1, -1), FONT_COND, 8),
                    ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                    ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                    ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                    ("ALIGN", (0, 1), (0, -1), "RIGHT"),
                    ("GRID", (0, 0), (-1, -1), 0.5, RULE),  # white rows: ink on no shading
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return [ident, Spacer(1, 2 * mm), table]

    # last page ----------------------------------------------------------------------------

    def _commitment(self) -> list[Flowable]:
        """The attestations and the signature, after the table they certify."""
        width = self.portrait_width
        flow: list[Flowable] = [
            self.heading("3. Attestations, engagement et signature"),
            para(
                "Je soussigné(e), représentant légal de l'organisme gestionnaire désigné en "
                "section 1, certifie exactes les informations de cette fiche et de ses "
                "feuillets d'établissements (nombre de feuillets joints : ____), et atteste, "
                "pour cet organisme (cochez chaque case) :",
                "Body",
            ),
        ]
        for attestation in DEFAULT_ATTESTATIONS:
            flow.append(para(f"\u2610\u00a0{attestation.label}", "Body"))
        flow.append(
            para(
                "L'organisme gestionnaire s'engage à participer au projet de la grappe et à "
                "signer la convention de grappe avec le porteur. Les montants du programme "
                "s'entendent toutes taxes comprises (TTC).",
                "BodySmall",
            )
        )
        flow.append(Spacer(1, 3 * mm))
        flow.append(_signature_table(width))
        return flow


def _date_boxes() -> Table:
    """« __ / __ / ____ »: a date written by hand, a box per digit."""
    t = Table(
        [[CombBoxes(2), "/", CombBoxes(2), "/", CombBoxes(4)]],
        colWidths=[9.2 * mm, 3 * mm, 9.2 * mm, 3 * mm, 18.4 * mm],
        hAlign="LEFT",
    )
    t.setStyle(
        table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    )
    return t


def _postal_and_town(width: float) -> Table:
    t = Table(
        [[CombBoxes(5), WritingBox(width - 90 * mm, 8 * mm)]],
        colWidths=[27 * mm, None],
        hAlign="LEFT",
    )
    t.setStyle(
        table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    )
    return t


def _with_note(box: Flowable, note: str, box_width: float = 22 * mm) -> Table:
    t = Table([[box, para(note, "Muted")]], colWidths=[box_width, None], hAlign="LEFT")
    t.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return t


def _signature_table(width: float) -> Table:
    label_w, le_w = 46 * mm, 8 * mm
    place_w = (width - label_w - le_w) * 0.55
    rows = signature_rows()
    t = Table(
        rows,
        colWidths=[label_w, place_w, le_w, width - label_w - le_w - place_w],
        rowHeights=[10 * mm, 10 * mm, 7 * mm, 32 * mm],
        hAlign="LEFT",
    )
    t.setStyle(
        table_style(
            [
                ("SPAN", (1, 0), (3, 0)),
                ("SPAN", (0, 2), (1, 2)),
                ("SPAN", (2, 2), (3, 2)),
                ("SPAN", (0, 3), (1, 3)),
                ("SPAN", (2, 3), (3, 3)),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("LINEBELOW", (1, 0), (3, 0), 0.5, MUTED),
                ("LINEBELOW", (1, 1), (1, 1), 0.5, MUTED),
                ("LINEBELOW", (3, 1), (3, 1), 0.5, MUTED),
                ("BOX", (0, 3), (1, 3), 0.6, MUTED),
                ("BOX", (2, 3), (3, 3), 0.6, MUTED),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return t


def render_partner_form(
    campaign: Campaign | None = None, generated_on: date | None = None
) -> RenderedPdf:
    """The form and its page count (the export service reports both)."""
    return PartnerFormDocument(campaign, generated_on).render()


def build_partner_form(campaign: Campaign | None = None, generated_on: date | None = None) -> bytes:
    """The blank partner form as PDF bytes; ``generated_on`` makes the output reproducible."""
    return render_partner_form(campaign, generated_on).data

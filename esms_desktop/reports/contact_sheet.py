"""« Fiche contacts »: the partners a director chose to write to, as a PDF and as a CSV.

« Trouver des partenaires » lists organismes gestionnaires the porteur has never met; this is
what she takes away to contact them: each OG's name, address and phone as the FINESS register
gives them, the ESSMS it would bring (FINESS, category, town) and how far it is. The CSV holds
the same facts, one row per ESSMS with the OG's columns repeated, so a spreadsheet can sort and
filter them; it is written with a BOM and ``;`` so that Excel in French opens it as columns.

Only what the register says is printed; an address or phone it lacks is marked « non
renseigné » rather than left blank, so a missing value is not mistaken for a printing fault.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, NextPageTemplate, Spacer

from esms_desktop.domain.finess_register import RegisterEntry
from esms_desktop.domain.formatting import format_number
from esms_desktop.domain.partner_search import PartnerCandidate, RegisterOg
from esms_desktop.reports.base import (
    BaseDocument,
    DocumentMeta,
    RenderedPdf,
    clean,
    fingerprint,
    grid_table,
    key_value_table,
    para,
)
from esms_desktop.reports.writer import ReportWriteError, write_pdf_atomically

NOT_GIVEN = "non renseigné"

CSV_COLUMNS = (
    "finess_ej",
    "organisme_gestionnaire",
    "adresse_og",
    "code_postal_og",
    "commune_og",
    "telephone_og",
    "distance_km",
    "essms_geres",
    "petit_og",
    "finess_essms",
    "nom_essms",
    "categorie",
    "libelle_categorie",
    "adresse_essms",
    "code_postal_essms",
    "commune_essms",
    "departement_essms",
    "telephone_essms",
    "capacite",
)
"""The CSV header, in this order (snake-case French names, stable for scripts)."""


def distance_text(km: float | None) -> str:
    """« 12,4 km », or « inconnue » when a coordinate is missing."""
    if km is None:
        return "inconnue"
    return f"{format_number_1(km)}\u00a0km"


def format_number_1(value: float) -> str:
    """One decimal, French comma (``12,4``): a distance, not money."""
    return f"{value:.1f}".replace(".", ",")


def og_address(og: RegisterOg) -> str:
    """The OG's address on one line, or the empty string when the register gives none."""
    town = " ".join(x for x in (og.postal_code, og.town) if x)
    return ", ".join(x for x in (og.address, town) if x)


def og_phone(og: RegisterOg) -> str:
    """The OG's phone, else the first one of its establishments (the register often gives the
    establishments' numbers only), else empty."""
    if og.phone:
        return og.phone
    return next((e.phone for e in og.establishments if e.phone), "")


def category_text(entry: RegisterEntry) -> str:
    return f"{entry.category} — {entry.category_label}" if entry.category_label else entry.category


# --- PDF -----------------------------------------------------------------------------------


class ContactSheet(BaseDocument):
    """One block per OG: identity and contact, then the table of the ESSMS it would bring."""

    first_template = "portrait"

    def __init__(
        self,
        candidates: Sequence[PartnerCandidate],
        origin_label: str,
        campaign_title: str,
        generated_on: date | None = None,
    ) -> None:
        self.candidates = tuple(candidates)
        self.origin_label = origin_label
        self.campaign_title = campaign_title
        on = generated_on or date.today()
        meta = DocumentMeta(
            title=f"Fiche contacts — partenaires possibles de {origin_label}",
            subject=f"Programme ESMS numérique — {campaign_title}",
            header_left=f"Fiche contacts — {origin_label}",
            header_right=campaign_title,
            generated_on=on,
            keywords=("ESMS numérique", "partenaires", "FINESS"),
            fingerprint=fingerprint(
                [(c.finess_ej, [e.finess for e in c.essms]) for c in self.candidates]
            ),
        )
        super().__init__(meta, deterministic=generated_on is not None)

    def story(self) -> list[Flowable]:
        width = self.portrait_width
        n = len(self.candidates)
        flow: list[Flowable] = [
            NextPageTemplate("portrait"),
            para(f"Partenaires possibles de {self.origin_label}", "Title"),
            para(
                f"Campagne « {self.campaign_title} » — {n} organisme"
                f"{'s' if n > 1 else ''} gestionnaire{'s' if n > 1 else ''}, "
                "coordonnées du répertoire FINESS chargé sur cet ordinateur.",
                "Muted",
            ),
            Spacer(1, 4 * mm),
        ]
        for candidate in self.candidates:
            flow += self._block(candidate, width)
        return flow

    def _block(self, c: PartnerCandidate, width: float) -> list[Flowable]:
        og = c.og
        size = "petit organisme gestionnaire" if c.is_small else "organisme gestionnaire"
        pairs: list[tuple[str, Flowable | str]] = [
            ("FINESS juridique", og.finess_ej),
            ("Adresse", _or_missing(og_address(og))),
            ("Téléphone", _or_missing(og_phone(og))),
            ("Distance", distance_text(c.distance_km)),
            ("Taille", f"{c.managed} ESSMS géré{'s' if c.managed > 1 else ''} ({size})"),
        ]
        if og.siren:
            pairs.insert(1, ("SIREN", og.siren))
        head = [
            para(og.name or f"OG {og.finess_ej}", "H2"),
            key_value_table(pairs, width, 38 * mm),
            Spacer(1, 2 * mm),
        ]
        rows: list[list[object]] = [
            [para(h, "CellHead") for h in ("FINESS", "ESSMS", "Catégorie", "Commune", "Places")]
        ]
        for e in c.essms:
            rows.append(
                [
                    para(e.finess, "Cell"),
                    para(e.long_name or e.name, "Cell"),
                    para(category_text(e), "Cell"),
                    para(" ".join(x for x in (e.postal_code, e.town) if x), "Cell"),
                    para("" if e.capacity is None else format_number(e.capacity), "CellRight"),
                ]
            )
        fixed = (20 * mm, 0.34 * width, 0.27 * width, 0.2 * width)
        widths = (*fixed, width - sum(fixed))
        table = grid_table(rows, widths, long=len(rows) > 40)
        count = len(c.essms)
        caption = para(
            f"{count} ESSMS éligible{'s' if count > 1 else ''} que cet organisme pourrait "
            "apporter à la grappe",
            "Muted",
        )
        return [KeepTogether([*head, caption]), table, Spacer(1, 6 * mm)]


def _or_missing(text: str) -> Flowable | str:
    if text.strip():
        return text
    return para(f"<font color='#B00020'>{clean(NOT_GIVEN)}</font>", "Value", markup=True)


def render_contact_sheet(
    candidates: Sequence[PartnerCandidate],
    origin_label: str,
    campaign_title: str,
    generated_on: date | None = None,
) -> RenderedPdf:
    """The contact sheet of ``candidates``; ``generated_on`` makes it reproducible."""
    return ContactSheet(candidates, origin_label, campaign_title, generated_on).render()


# --- CSV -----------------------------------------------------------------------------------


def contact_rows(candidates: Sequence[PartnerCandidate]) -> list[dict[str, str]]:
    """One row per ESSMS brought, the OG's columns repeated (see :data:`CSV_COLUMNS`)."""
    rows: list[dict[str, str]] = []
    for c in candidates:
        og = c.og
        base = {
            "finess_ej": og.finess_ej,
            "organisme_gestionnaire": og.name,
            "adresse_og": og.address,
            "code_postal_og": og.postal_code,
            "commune_og": og.town,
            "telephone_og": og_phone(og),
            "distance_km": "" if c.distance_km is None else format_number_1(c.distance_km),
            "essms_geres": str(c.managed),
            "petit_og": "oui" if c.is_small else "non",
        }
        for e in c.essms:
            rows.append(
                base
                | {
                    "finess_essms": e.finess,
                    "nom_essms": e.long_name or e.name,
                    "categorie": e.category,
                    "libelle_categorie": e.category_label,
                    "adresse_essms": e.address,
                    "code_postal_essms": e.postal_code,
                    "commune_essms": e.town,
                    "departement_essms": e.department,
                    "telephone_essms": e.phone,
                    "capacite": "" if e.capacity is None else str(e.capacity),
                }
            )
    return rows


def contact_csv(candidates: Sequence[PartnerCandidate]) -> bytes:
    """The CSV as bytes: UTF-8 with a BOM, ``;`` separated, CRLF line ends (what Excel reads)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(contact_rows(candidates))
    return buffer.getvalue().encode("utf-8-sig")


def write_contact_csv(candidates: Sequence[PartnerCandidate], path: Path | str) -> Path:
    """Write the CSV atomically (an earlier file survives a failure); raises
    :class:`ReportWriteError` with a French message naming the CSV."""
    try:
        return write_pdf_atomically(contact_csv(candidates), path)
    except ReportWriteError as exc:
        message = exc.message.replace("le PDF", "le fichier CSV").replace(
            "Tout PDF", "Tout fichier"
        )
        raise ReportWriteError(message, exc.path) from exc

"""Figure 3 — the candidature PDF, against ReportLab alone printing the same rows.

``export_candidature_pdf`` (budget, layout, atomic write) for 49 ESSMS (amorçage T2) and 1,000
ESSMS (national 2021), the dossiers ``bench_pdf.py`` prints. The floor is that script's yardstick:
ReportLab alone writing one plain table of the same rows (strings, default fonts, no styling, no
computation) — what any PDF of that many lines costs. The two are run turn by turn.

Goals: 49 ESSMS under 0.3 s; 1,000 ESSMS under 1.5 s and at most twice the floor.
"""

from __future__ import annotations

import io
import tempfile
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

from benchmarks.bench_pdf import yardstick
from benchmarks.common import Figure, Settings, interleaved, median, thousands
from benchmarks.fixtures import NATIONAL, REGIONAL, dossier_of
from esms_desktop.domain.formatting import format_eur
from esms_desktop.reports.base import FONT_COND, register_fonts
from esms_desktop.services.assessment import assess
from esms_desktop.services.export import export_candidature_pdf


def floor_rows(dossier_grappe: object, campaign_id: str) -> list[list[str]]:
    """The rows of the floor table: one per ESSMS, as ``bench_pdf.py`` builds them."""
    budget = assess(dossier_grappe, campaign_id)  # type: ignore[arg-type]
    rows = [["N°", "FINESS", "Nom", "Catégorie", "OG", "Projet", "Montant"]]
    for i, e in enumerate(budget.establishments, start=1):
        rows.append(
            [str(i), e.finess, e.name, e.category, e.og_name, e.project.label, format_eur(e.amount)]
        )
    return rows


def yardstick_ttf(rows: list[list[str]]) -> bytes:
    """The floor again, in the document's embedded TrueType font (kept in the JSON only): a
    subset font costs more per string than ReportLab's built-in Helvetica."""
    buffer = io.BytesIO()
    register_fonts()
    table = LongTable(rows, repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT_COND, 8)]))
    SimpleDocTemplate(buffer, pagesize=landscape(A4)).build([table])
    return buffer.getvalue()


def run(settings: Settings) -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory(prefix="esms-bench-pdf-") as folder:
        for (count, ogs, campaign_id), runs, goal_s in (
            (REGIONAL, settings.runs(9, 3), 0.3),
            (NATIONAL, settings.runs(5, 2), 1.5),
        ):
            dossier = dossier_of(count, ogs, campaign_id)
            target = Path(folder) / f"dossier-{count}.pdf"
            rows = floor_rows(dossier.grappe, campaign_id)
            result = export_candidature_pdf(dossier, target, generated_on=date(2025, 1, 1))
            samples = interleaved(
                {
                    "ours": lambda d=dossier, t=target: export_candidature_pdf(d, t),
                    "floor": lambda r=rows: yardstick(r),
                    "floor_ttf": lambda r=rows: yardstick_ttf(r),
                },
                runs,
            )
            figure = Figure(
                key=f"pdf.candidature_{count}",
                label=f"PDF candidature, {thousands(count)} ESSMS",
                value=median(samples["ours"]),
                unit="s",
                yardstick=median(samples["floor"]),
                yardstick_label="ReportLab seul, même lignes",
                samples=samples["ours"],
                yardstick_samples=samples["floor"],
                details={
                    "pages": result.pages,
                    "bytes": target.stat().st_size,
                    "floor_truetype_s": median(samples["floor_ttf"]),
                },
            )
            if count == 1000:
                figure.goal = f"< {goal_s} s et ≤ 2 × plancher"
                figure.ok = figure.value < goal_s and (figure.ratio or 99) <= 2
            else:
                figure.goal = f"< {goal_s} s"
                figure.ok = figure.value < goal_s
            figures.append(figure)
    return figures

"""How long the candidature PDF takes, against what ReportLab alone needs for the same rows.

Not a test: run it by hand (``.venv/bin/python benchmarks/bench_pdf.py``) after changing the
documents. For 49 ESSMS (a regional grappe) and 1,000 ESSMS (a national one) it prints the time of
``export_candidature_pdf`` (budget + layout + atomic write) and a yardstick: ReportLab writing a
plain table of the same rows (strings only, one table, default fonts), so a slowdown of our own
code shows as a growing ratio rather than hiding in the machine's speed.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.platypus import LongTable, SimpleDocTemplate  # noqa: E402

from esms_desktop.domain.formatting import format_eur  # noqa: E402
from esms_desktop.services.assessment import assess  # noqa: E402
from esms_desktop.services.export import dossier_from_grappe, export_candidature_pdf  # noqa: E402
from tests.domain.builders import split_grappe  # noqa: E402

CASES = (
    ("49 ESSMS, amorçage T2", 49, 4, "amorcage-2021-t2"),
    ("1 000 ESSMS, national 2021", 1000, 10, "national-2021"),
)


def best_of(runs: int, action: Callable[[], object]) -> float:
    """Best wall time of ``runs`` runs (the least disturbed by the rest of the machine)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def yardstick(rows: list[list[str]]) -> bytes:
    """ReportLab alone: the same rows as one plain table, no styling, no computation."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4))
    doc.build([LongTable(rows, repeatRows=1)])
    return buffer.getvalue()


def main() -> None:
    print(f"{'cas':<28} {'pages':>5} {'export':>9} {'ReportLab seul':>15} {'rapport':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for label, count, ogs, campaign_id in CASES:
            grappe = split_grappe(count, ogs, segur=True)
            dossier = dossier_from_grappe(grappe, campaign_id, label)
            target = Path(folder) / "dossier.pdf"
            result = export_candidature_pdf(dossier, target, generated_on=date(2025, 1, 1))
            ours = best_of(3, lambda d=dossier, t=target: export_candidature_pdf(d, t))
            budget = assess(grappe, campaign_id)
            rows = [["N°", "FINESS", "Nom", "Catégorie", "OG", "Projet", "Montant"]]
            for i, e in enumerate(budget.establishments, start=1):
                amount = format_eur(e.amount)
                project = e.project.label
                rows.append([str(i), e.finess, e.name, e.category, e.og_name, project, amount])
            plain = best_of(3, lambda r=rows: yardstick(r))
            print(
                f"{label:<28} {result.pages:>5} {ours:>8.2f}s {plain:>14.2f}s {ours / plain:>7.1f}×"
            )


if __name__ == "__main__":
    main()

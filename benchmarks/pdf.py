"""Figure 3 — the candidature PDF, against ReportLab alone printing the same rows.

In process: ``export_candidature_pdf`` (budget, layout, atomic write) for 49 ESSMS (amorçage
T2), 1,000 ESSMS (national 2021, 10 OGs) and 5,000 ESSMS in a single OG (one table of 5,000
rows over some 350 pages: the case that was quadratic). The floor is ``bench_pdf.py``'s
yardstick: ReportLab alone writing one plain table of the same rows (strings, default fonts, no
styling, no computation) — what any PDF of that many lines costs. They are run turn by turn.

Whole process: ``python -m esms_desktop pdf GRAPPE.csv --campaign ID -o X.pdf``, what a person
waits for at the command line, for 49 ESSMS (against LibreOffice headless printing the same
rows: measured when ``soffice`` is installed, otherwise the figure of issue 18, 0.70 s), 1,000
ESSMS (against the floor), and 1,000 / 5,000 / 10,000 ESSMS in one OG: the growth from 1,000 to
10,000 must stay linear (10,000 not over 10 × the 1,000 figure; 10,000 only in a full run).

Goals (issue 18): 49 ESSMS ≥ 3 × faster than LibreOffice; 1,000 ESSMS ≤ 3 × the floor; 10,000
≤ 10 × 1,000.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

from benchmarks.bench_pdf import yardstick
from benchmarks.common import ROOT, Figure, Settings, interleaved, median, thousands
from benchmarks.fixtures import NATIONAL, REGIONAL, dossier_of, grappe_of
from esms_desktop.domain.formatting import format_eur
from esms_desktop.importers.grappe_template import write_grappe_csv
from esms_desktop.reports.base import FONT_COND, register_fonts
from esms_desktop.services.assessment import assess
from esms_desktop.services.export import export_candidature_pdf

LIBREOFFICE_49_S = 0.70
"""LibreOffice headless printing the 49 rows (issue 18, quiet machine): the yardstick when
``soffice`` is not installed here."""

ONE_OG_BIG = (5000, 1, "national-2021")
"""5,000 ESSMS in one OG: the long table that ReportLab's own splitting made quadratic."""


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


def wall(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def pdf_command(grappe_csv: Path, campaign_id: str, target: Path) -> Callable[[], object]:
    """The ``pdf`` command as a person runs it: a new interpreter, start-up included.

    Its modules' bytecode is cached (as an installed program's is), in a folder beside the
    files, never in the source tree: a shell with ``PYTHONDONTWRITEBYTECODE`` would otherwise
    compile again, on every run, each module changed since the tree's own cache was written."""
    args = [sys.executable, "-m", "esms_desktop", "pdf", str(grappe_csv)]
    args += ["--campaign", campaign_id, "-o", str(target)]
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(target.parent / "pycache")}
    for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME"):
        env.pop(name, None)
    return lambda: subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True)


def libreoffice_command(rows: list[list[str]], folder: Path) -> Callable[[], object] | None:
    """LibreOffice headless printing the same rows (a CSV) to PDF, if it is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    source = folder / "lignes.csv"
    source.write_text("\n".join(";".join(r) for r in rows), encoding="utf-8")
    args = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)]
    return lambda: subprocess.run(args, check=True, capture_output=True)


def in_process(settings: Settings, folder: Path) -> tuple[list[Figure], dict[str, float]]:
    """The three in-process figures; also returns each case's floor (for the whole process)."""
    figures, floors = [], {}
    for (count, ogs, campaign_id), runs, goal_s in (
        (REGIONAL, settings.runs(9, 3), 0.3),
        (NATIONAL, settings.runs(5, 2), 1.5),
        (ONE_OG_BIG, settings.runs(3, 1), None),
    ):
        dossier = dossier_of(count, ogs, campaign_id)
        target = folder / f"dossier-{count}-{ogs}.pdf"
        rows = floor_rows(dossier.grappe, campaign_id)
        result = export_candidature_pdf(dossier, target, generated_on=date(2025, 1, 1))
        samples = interleaved(
            {
                "ours": lambda d=dossier, t=target: export_candidature_pdf(d, t),
                "floor": lambda r=rows: yardstick(r),
                "floor_ttf": lambda r=rows: yardstick_ttf(r),
            },
            runs,
            warmup=0 if count > 1000 else 1,
        )
        floors[f"{count}-{ogs}"] = median(samples["floor"])
        figure = Figure(
            key=f"pdf.candidature_{count}" + ("" if ogs > 1 else "_one_og"),
            label=f"PDF candidature, {thousands(count)} ESSMS"
            + (" (un seul OG)" if ogs == 1 else ""),
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
            figure.ok = figure.value < (goal_s or 0) and (figure.ratio or 99) <= 2
        elif goal_s is not None:
            figure.goal = f"< {goal_s} s"
            figure.ok = figure.value < goal_s
        else:
            figure.goal = "information (croissance : voir la commande entière)"
        figures.append(figure)
    return figures, floors


def whole_process(settings: Settings, folder: Path, floors: dict[str, float]) -> list[Figure]:
    figures: list[Figure] = []
    cases = [(49, 4, "amorcage-2021-t2"), (1000, 10, "national-2021")]
    cases += [(1000, 1, "national-2021"), (5000, 1, "national-2021")]
    if not settings.quick:
        cases.append((10000, 1, "national-2021"))
    times: dict[str, float] = {}
    for count, ogs, campaign_id in cases:
        grappe = grappe_of(count, ogs)
        source = write_grappe_csv(grappe, folder / f"grappe-{count}-{ogs}.csv")
        command = pdf_command(source, campaign_id, folder / f"cli-{count}-{ogs}.pdf")
        runs = settings.runs(9, 3) if count < 1000 else settings.runs(5, 2) if count == 1000 else 1
        if count < 1000:
            rows = floor_rows(grappe, campaign_id)
            office = libreoffice_command(rows, folder)
            actions: dict[str, Callable[[], object]] = {"ours": command}
            if office is not None:
                actions["office"] = office
            samples = interleaved(actions, runs)
            office_s = median(samples["office"]) if office is not None else LIBREOFFICE_49_S
            figure = Figure(
                key=f"pdf.command_{count}",
                label=f"Commande pdf entière, {count} ESSMS",
                value=median(samples["ours"]),
                unit="s",
                yardstick=office_s,
                yardstick_label="LibreOffice headless, mêmes lignes"
                + ("" if office is not None else " (chiffre de l'issue 18, absent ici)"),
                samples=samples["ours"],
                yardstick_samples=samples.get("office", []),
                goal="≥ 3 × plus rapide que LibreOffice",
            )
            figure.ok = figure.value * 3 <= office_s
        else:
            if count == 1000:
                command()  # a first run: files in the disk cache, as for a person's second try
            samples = {"ours": [wall(command) for _ in range(runs)]}
            value = median(samples["ours"])
            times[f"{count}-{ogs}"] = value
            figure = Figure(
                key=f"pdf.command_{count}" + ("_one_og" if ogs == 1 else ""),
                label=f"Commande pdf entière, {thousands(count)} ESSMS"
                + (" (un seul OG)" if ogs == 1 else f" ({ogs} OG)"),
                value=value,
                unit="s",
                samples=samples["ours"],
            )
            floor = floors.get(f"{count}-{ogs}")
            if floor is not None and ogs > 1:
                figure.yardstick = floor
                figure.yardstick_label = "ReportLab seul, même lignes (dans le processus)"
                figure.goal = "≤ 3 × plancher"
                figure.ok = value <= 3 * floor
            elif count > 1000 and "1000-1" in times:
                figure.yardstick = times["1000-1"]
                figure.yardstick_label = "la même commande, 1 000 ESSMS (un seul OG)"
                bound = count // 1000
                figure.goal = f"≤ {bound} × le chiffre de 1 000 (croissance linéaire)"
                figure.ok = value <= bound * times["1000-1"]
            else:
                figure.goal = "information"
        figures.append(figure)
    return figures


def run(settings: Settings) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="esms-bench-pdf-") as name:
        folder = Path(name)
        figures, floors = in_process(settings, folder)
        return figures + whole_process(settings, folder, floors)

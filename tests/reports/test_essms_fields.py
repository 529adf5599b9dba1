"""Issue 16 part 3: « DUI actuel » and the core services from the spreadsheet to the PDF.

The round trip of the « Done when »: the template, filled as a partner fills it, imported, then
printed, keeps each ESSMS's current DUI and its services (instead of « Non renseignée »).
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pypdf

from esms_desktop.domain.grappe import CoreService, DuiSituation
from esms_desktop.importers.grappe_sheet import import_grappe
from esms_desktop.importers.grappe_template import write_template_csv
from esms_desktop.services.export import dossier_from_grappe, export_candidature_pdf

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "grappe-exemple.csv"
FILLED = [
    ("reference", "DMP, MSS, INS", DuiSituation.REFERENCE, "DMP, MSS, INS"),
    ("Pas de DUI", "Mon espace santé ; e-prescription", DuiSituation.AUCUN, "DMP, e-presc."),
    ("DUI non référencé Ségur", "", DuiSituation.NON_REFERENCE, "—"),
]


def fill_template(tmp_path: Path) -> Path:
    """The blank template's header, then the worked example's rows with the two new columns."""
    template = write_template_csv(tmp_path / "modele.csv")
    header = next(csv.reader(template.read_text("utf-8-sig").splitlines(), delimiter=";"))
    assert header[-3:-1] == ["dui_actuel", "services_socles"]
    with EXAMPLE.open(encoding="utf-8-sig", newline="") as fh:
        example = list(csv.DictReader(fh, delimiter=";"))
    path = tmp_path / "rempli.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        for i, row in enumerate(example[:3]):
            dui, services, _situation, _printed = FILLED[i]
            values = {**row, "dui_actuel": dui, "services_socles": services}
            writer.writerow([values.get(column, "") for column in header])
    return path


def test_template_filled_imported_and_printed_keeps_dui_and_services(tmp_path: Path) -> None:
    result = import_grappe(fill_template(tmp_path))
    assert result.errors == () and result.grappe is not None
    ests = [e for _, e in result.grappe.rows()]
    assert [e.current_dui for e in ests] == [f[2] for f in FILLED]
    assert ests[0].core_services == frozenset(
        {CoreService.DMP, CoreService.MSSANTE, CoreService.INS}
    )
    assert ests[1].core_services == frozenset({CoreService.DMP, CoreService.E_PRESCRIPTION})
    dossier = dossier_from_grappe(result.grappe, "amorcage-2021-t2", "Aller-retour")
    pdf = tmp_path / "dossier.pdf"
    export_candidature_pdf(dossier, pdf)
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    flat = re.sub(r"\s+", " ", text)
    table = flat[flat.index("Établissements et services (ESSMS) du projet") :]
    for name, (_dui, _services, situation, printed) in zip(
        ("EHPAD Les Hirondelles", "EHPAD Le Beffroi", "SSIAD Flandre"), FILLED, strict=True
    ):
        row = table[table.index(name) :]
        assert situation.label in row[:200], name
        assert printed in row[:260], name
    assert "Non renseignée" not in table[: table.index("Sous-total")]


def test_a_home_service_under_100_percent_says_not_prorated(tmp_path: Path) -> None:
    """amorcage-2021-t2 does not prorate: « non proratisé » beside the 70 % of the SAAD."""
    result = import_grappe(EXAMPLE)
    assert result.grappe is not None
    dossier = dossier_from_grappe(result.grappe, "amorcage-2021-t2", "Exemple")
    pdf = tmp_path / "d.pdf"
    export_candidature_pdf(dossier, pdf)
    flat = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
    saad = flat[flat.index("SAAD Flandre Intérieure") :][:300]
    assert re.search(r"70 % non proratisé", saad)
    ssiad = flat[flat.index("SSIAD Flandre") :][:300]
    assert "non proratisé" not in ssiad.split("SAAD")[0]  # 100 %: nothing to say
    full = replace(
        dossier,
        grappe=replace(
            dossier.grappe,
            organisations=tuple(
                replace(
                    og,
                    establishments=tuple(
                        replace(e, eligible_hours_pct=Decimal(100)) for e in og.establishments
                    ),
                )
                for og in dossier.grappe.organisations
            ),
        ),
    )
    export_candidature_pdf(full, pdf)
    flat = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
    table = flat[flat.index("Établissements et services (ESSMS) du projet") :]
    assert "% non proratisé" not in table


def test_the_team_and_the_current_values_are_printed(tmp_path: Path) -> None:
    from esms_desktop.domain.dossier import TeamMember, TeamRole, UsageTarget

    result = import_grappe(EXAMPLE)
    assert result.grappe is not None
    dossier = replace(
        dossier_from_grappe(result.grappe, "amorcage-2021-t2", "Équipe"),
        team=(
            TeamMember("Mme Martin", TeamRole.INFORMATIQUE, "DSI", "APEI du Littoral", "20 %"),
            TeamMember("M. Durand", TeamRole.METIER),
        ),
        usage_targets=(
            UsageTarget("Identités qualifiées avec l'INS", baseline="12 %"),
            UsageTarget("Messages échangés par MSSanté"),
        ),
        governance="Comité de pilotage mensuel.",
    )
    pdf = tmp_path / "d.pdf"
    export_candidature_pdf(dossier, pdf)
    flat = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
    targets = flat[flat.index("Engagements sur les cibles d'usage") :]
    assert "Valeur actuelle" in targets
    ins = targets[targets.index("Identités qualifiées avec l'INS") :][:120]
    assert "12 %" in ins
    mss = targets[targets.index("Messages échangés par MSSanté") :][:120]
    assert "non renseignée" in mss
    governance = flat[flat.rindex("Gouvernance du projet") :]
    team = governance[governance.index("Équipe projet") :]
    for text in ("Mme Martin", "Responsable informatique", "DSI", "APEI du Littoral", "20 %"):
        assert text in team, text
    assert "M. Durand Expert métier" in team and "à préciser" in team
    assert team.index("Mme Martin") < team.index("Comité de pilotage mensuel.")

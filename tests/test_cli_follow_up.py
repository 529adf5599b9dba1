"""The follow-up on the command line: the worked example from candidature to soldé.

``dossier phase``, ``versement``, ``seuil``, ``indicateurs`` and ``suivi`` drive the same
services as the window; every step is read back from the store, the report from its PDF.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from esms_desktop.cli import main
from esms_desktop.domain.follow_up import Phase
from esms_desktop.services import dossiers, follow_up
from esms_desktop.storage.store import open_store

CAMPAIGN = "generalisation-2024"  # two tranches of 50 %
DUI = "Part des personnes accompagnées disposant d'un DUI actif"
INS = "Identités qualifiées avec l'INS"
MONTHS = [f"2025-{m:02d}" for m in range(1, 7)]


def run(data: Path, *words: str) -> tuple[int, str, str]:
    out = io.StringIO()
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stderr", err)
        code = main(["--data-dir", str(data), *words], out)
    return code, out.getvalue(), err.getvalue()


def _finess_of(example_csv: Path) -> list[str]:
    with example_csv.open(encoding="utf-8-sig") as f:
        return [row["finess"] for row in csv.DictReader(f, delimiter=";")]


def _indicator_file(path: Path, finess: list[str], late: str) -> Path:
    """Six months of the two shares for every ESSMS: each reaches 50 % of active DUI in March
    and stays there, but ``late`` stays at 30 %; INS at 80 % everywhere from the start."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["FINESS", "Période", "Indicateur", "Valeur", "Dénominateur", "Source"])
        for number in finess:
            for i, month in enumerate(MONTHS):
                share = "30" if number == late else str(min(40 + 5 * i, 100))
                w.writerow([number, month, DUI, share.replace(".", ","), "100", "DUI"])
                w.writerow([number, month, INS, "80", "", "DUI"])
    return path


def test_the_worked_example_goes_from_candidature_to_solde(
    tmp_path: Path, example_csv: Path
) -> None:
    data = tmp_path / "donnees"
    code, out, err = run(
        data, "dossier", "new", "--name", "Grappe exemple", "--campaign", CAMPAIGN,
        "--from", str(example_csv),
    )  # fmt: skip
    assert code == 0, err
    number = out.strip()
    finess = _finess_of(example_csv)
    assert len(finess) == 16

    # Filed: the candidature frozen, with the PDF filed and its fingerprint.
    filed_pdf = tmp_path / "depose.pdf"
    code, out, err = run(
        data, "dossier", "phase", number, "deposer", "--date", "01/06/2024", "--pdf", str(filed_pdf)
    )
    assert code == 0, err
    assert "Dossier déposé" in out
    assert filed_pdf.read_bytes().startswith(b"%PDF")

    # Retained: the convention, its two tranches from the campaign's 50/50.
    code, out, err = run(
        data, "dossier", "phase", number, "retenu", "--date", "2024-09-15",
        "--montant", "400 000", "--reference", "ARS-HDF-2024-7",
    )  # fmt: skip
    assert code == 0, err
    code, _out, err = run(data, "dossier", "phase", number, "solder")
    assert code == 2 and "Déploiement" in err  # one step at a time
    assert run(data, "dossier", "versement", number, "--tranche", "1", "--montant", "200000",
               "--date", "2024-10-01")[0] == 0  # fmt: skip
    assert run(data, "dossier", "phase", number, "deploiement")[0] == 0
    # Closing while the last tranche is not received is refused, saying which (exit 2).
    code, _out, err = run(data, "dossier", "phase", number, "solder")
    assert code == 2 and "Atteinte des cibles d'usage" in err

    # The thresholds of the convention, then six months of indicators for the 16 ESSMS.
    assert run(data, "dossier", "seuil", number, "--indicateur", "DUI", "--valeur", "50")[0] == 0
    assert run(data, "dossier", "seuil", number, "--indicateur", "INS", "--valeur", "60")[0] == 0
    late = finess[3]
    sheet = _indicator_file(tmp_path / "indicateurs.csv", finess, late)
    code, out, err = run(data, "dossier", "indicateurs", number, "--import", str(sheet))
    assert code == 0, err
    assert "192 valeur(s) lue(s)" in out and "192 ajoutée(s)" in out

    with open_store(data) as store:
        dossier = dossiers.load_dossier(store.uow(read_only=True), int(number))
    assert dossier.follow_up.phase is Phase.DEPLOIEMENT
    assert dossier.follow_up.convention is not None
    assert dossier.follow_up.convention.amount_granted == Decimal("400000.00")
    assert dossier.follow_up.filed is not None and dossier.follow_up.filed.pdf_fingerprint
    assert len(dossier.follow_up.indicators) == 16 * 6 * 2
    assert {"Part des personnes accompagnées disposant d'un DUI actif", INS} <= (
        dossier.follow_up.confirmed_thresholds
    )
    reached = follow_up.usage_progress(dossier)
    dui, ins = reached.for_target(DUI), reached.for_target(INS)
    assert dui is not None and ins is not None
    assert ins.reached is True
    # The late ESSMS holds the DUI target back, listed first; the others reached it in March.
    assert dui.laggards and dui.laggards[0].finess == late
    on_time = next(p for p in dui.essms if p.finess != late)
    assert on_time.reached is True and str(on_time.since) == "2025-03"
    assert reached.blocking_essms()[0] == late

    # The last tranche received: the project can be closed.
    assert run(data, "dossier", "versement", number, "--tranche", "2", "--montant", "200000",
               "--date", "2025-07-15")[0] == 0  # fmt: skip
    code, out, err = run(data, "dossier", "phase", number, "solder")
    assert code == 0, err
    assert "Soldé" in out

    report, statement = tmp_path / "rapport.pdf", tmp_path / "versements.pdf"
    code, out, err = run(
        data, "dossier", "suivi", number, "-o", str(report), "--etat-versements", str(statement)
    )
    assert code == 0, err
    text = " ".join(p.extract_text() for p in PdfReader(report).pages)
    assert "cibles d'usage" in text.casefold() or "cibles d’usage" in text.casefold()
    assert late in text.replace(" ", "")
    statement_text = " ".join(p.extract_text() for p in PdfReader(statement).pages)
    assert "Association Les Hirondelles" in statement_text


def test_a_bad_indicator_file_is_refused_with_every_problem(
    tmp_path: Path, example_csv: Path
) -> None:
    data = tmp_path / "donnees"
    number = run(
        data, "dossier", "new", "--name", "G", "--campaign", CAMPAIGN, "--from", str(example_csv)
    )[1].strip()
    first = _finess_of(example_csv)[0]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "FINESS;Période;Indicateur;Valeur\n"
        f"590000999;2025-01;{INS};50\n"  # line 2: not in the grappe
        f"{first};2025-01;{INS};50\n"
        f"{first};2025-01;{INS};55\n"  # line 4: the same period twice
        f"{first};2025-02;{INS};120\n"  # line 5: above 100 %
        f"{first};2025-03;Messages échangés par MSSanté;-4\n",  # line 6: see below
        encoding="utf-8",
    )
    assert run(data, "dossier", "seuil", number, "--indicateur", "MSSanté", "--valeur", "10",
               "--unite", "messages", "--periode", "mois")[0] == 0  # fmt: skip
    code, _out, err = run(data, "dossier", "indicateurs", number, "--import", str(bad))
    assert code == 2
    assert "aucun indicateur importé" in err
    for line, column in ((2, "FINESS"), (4, "Période"), (5, "Valeur"), (6, "Valeur")):
        assert f"ligne {line}, colonne « {column} »" in err, (line, column)
    with open_store(data) as store:
        assert dossiers.load_dossier(store.uow(), int(number)).follow_up.indicators == ()


def test_wrong_steps_are_bad_input(tmp_path: Path, example_csv: Path) -> None:
    data = tmp_path / "donnees"
    number = run(
        data, "dossier", "new", "--name", "G", "--campaign", CAMPAIGN, "--from", str(example_csv)
    )[1].strip()
    code, _out, err = run(data, "dossier", "phase", number, "deploiement")
    assert code == 2 and err.strip()  # not retained yet
    code, _out, err = run(data, "dossier", "phase", "999", "deposer")
    assert code == 2 and "999" in err
    code, _out, err = run(data, "dossier", "phase", number, "retenu", "--date", "2024-09-15")
    assert code == 2 and "--montant" in err
    code, _out, err = run(data, "dossier", "versement", number, "--tranche", "1",
                          "--montant", "10", "--date", "2024-10-01")  # fmt: skip
    assert code == 2 and "tranche" in err
    assert date.today()  # the default filing date is today's
    code, out, _err = run(data, "dossier", "phase", number, "deposer")
    assert code == 0 and "déposé" in out

"""Each command line path imports only what it uses (issue 18: start in a blink).

Every command pays for its imports before doing anything: ``--version`` once took as long as a
PDF because building the parser imported SQLAlchemy, Alembic, ReportLab and openpyxl. Each case
runs the real entry point in a fresh interpreter and reads ``sys.modules`` afterwards; the time
itself is a benchmark (``python -m benchmarks --only startup``), never a test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from esms_desktop import cli
from esms_desktop.cli import finess as cli_finess
from esms_desktop.domain.errors import UserError

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "alembic", "reportlab", "openpyxl", "PySide6")

CHILD = """\
import json, sys
from esms_desktop.__main__ import main

try:
    code = main(sys.argv[2:])
except SystemExit as done:  # --version and --help end through argparse
    code = done.code
with open(sys.argv[1], "w", encoding="utf-8") as report:
    json.dump({"code": code, "modules": sorted(sys.modules)}, report)
"""


def loaded_by(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    """Exit code and the top-level names of every module loaded by ``esms-desktop args``."""
    report = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPROFILEIMPORTTIME"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(report), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert report.exists(), done.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    return data["code"], set(data["modules"])


def roots(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


@pytest.mark.parametrize("args", [["--version"], ["--help"]], ids=" ".join)
def test_version_and_help_load_no_service_and_no_heavy_library(
    tmp_path: Path, args: list[str]
) -> None:
    code, modules = loaded_by(tmp_path, *args)
    assert code == 0
    assert "esms_desktop.cli" in modules  # the parser was built, with every sub-command
    assert roots(modules) & set(HEAVY) == set()
    services = ("esms_desktop.services", "esms_desktop.storage.")
    assert sorted(m for m in modules if m.startswith(services)) == []


@pytest.mark.parametrize("json_output", [False, True], ids=["text", "json"])
def test_campaigns_reads_the_campaign_files_without_the_store(
    tmp_path: Path, json_output: bool
) -> None:
    args = ["--data-dir", str(tmp_path / "donnees"), "campaigns"]
    code, modules = loaded_by(tmp_path, *args, *(["--json"] if json_output else []))
    assert code == 0
    assert "esms_desktop.services.campaign_library" in modules
    assert roots(modules) & set(HEAVY) == set()
    assert "esms_desktop.storage.store" not in modules
    assert "esms_desktop.domain.autodiagnostic" not in modules  # the questionnaire is not read


def test_check_loads_the_importer_and_the_engine_only(tmp_path: Path, example_csv: Path) -> None:
    data_dir = tmp_path / "donnees"
    sheet = ["check", str(example_csv), "--campaign", "amorcage-2021-t2"]
    code, modules = loaded_by(tmp_path, "--data-dir", str(data_dir), *sheet)
    assert code in (cli.EXIT_OK, cli.EXIT_NOT_ELIGIBLE)
    assert {"esms_desktop.importers.grappe_sheet", "esms_desktop.domain.budget"} <= modules
    assert roots(modules) & set(HEAVY) == set()
    assert "esms_desktop.services.export" not in modules
    assert "esms_desktop.storage.store" not in modules
    assert not list(data_dir.glob("*.sqlite3"))  # no database made for a spreadsheet


def test_a_pdf_command_still_loads_reportlab_when_it_runs(tmp_path: Path) -> None:
    """The counterpart: the laziness moves imports to the handler, it does not lose them."""
    out = tmp_path / "fiche.pdf"
    code, modules = loaded_by(tmp_path, "form", "-o", str(out))
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    assert "reportlab" in modules


def test_every_error_the_table_names_is_a_user_error() -> None:
    """The table names its classes (so that it imports no service): a misspelt name would
    silently turn that error into « erreur inattendue »."""
    import importlib

    for name, _explain in cli.ERRORS:
        module, _, attribute = name.rpartition(".")
        error = getattr(importlib.import_module(module), attribute)
        assert isinstance(error, type) and issubclass(error, UserError), name
        assert cli._error_class(name) is error


def test_the_search_limit_shown_by_the_parser_is_the_services_default() -> None:
    from esms_desktop.services import finess_lookup

    assert cli_finess.SEARCH_LIMIT == finess_lookup.DEFAULT_SEARCH_LIMIT

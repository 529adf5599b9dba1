"""Import boundaries: the domain is standard library only; Qt, SQLAlchemy, ReportLab stay in
their layers (``[tool.importlinter]`` contracts in pyproject.toml).

Two independent checks: import-linter run as the CI would run it, and a plain AST scan of
``esms_desktop/domain`` that needs nothing but Python.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "esms_desktop"
DOMAIN_PACKAGE = f"{PACKAGE}.domain"
DOMAIN_DIR = ROOT / PACKAGE / "domain"


# ---------------------------------------------------------------------------------------------
# import-linter


def _lint_imports() -> Path:
    scripts = Path(sys.executable).parent
    for name in ("lint-imports", "lint-imports.exe"):
        if (scripts / name).is_file():
            return scripts / name
    pytest.fail(f"lint-imports absent de {scripts} : installer les dépendances de test")


def test_import_linter_contracts_are_kept() -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
    assert len(contracts) >= 4
    result = subprocess.run(
        [str(_lint_imports()), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )
    output = f"{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, output
    for contract in contracts:
        assert f"{contract['name']} KEPT" in result.stdout, output


# ---------------------------------------------------------------------------------------------
# Plain AST scan of the domain


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    """Absolute name of ``from <level dots><target> import …`` written in ``module``."""
    package = module if is_package else module.rpartition(".")[0]
    parts = package.split(".")
    if level - 1 >= len(parts):
        return "." * level + (target or "")  # beyond the top: reported as is
    base = ".".join(parts[: len(parts) - (level - 1)])
    return f"{base}.{target}" if target else base


def imported_modules(
    source: str, module: str, *, is_package: bool = False
) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) for every import in ``source``, including
    ``__import__("x")`` and ``importlib.import_module("x")`` with a literal name."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = (
                _resolve(module, is_package, node.level, node.module)
                if node.level
                else node.module or ""
            )
            if base in (PACKAGE, DOMAIN_PACKAGE):
                # ``from esms_desktop import storage`` imports a sub-module: check it by name.
                for alias in node.names:
                    yield node.lineno, base if alias.name == "*" else f"{base}.{alias.name}"
            else:
                yield node.lineno, base
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            first = node.args[0]
            if (
                name in ("__import__", "import_module")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                yield node.lineno, first.value


def is_allowed_in_domain(name: str) -> bool:
    if name == DOMAIN_PACKAGE or name.startswith(DOMAIN_PACKAGE + "."):
        return True
    return not name.startswith(".") and name.partition(".")[0] in sys.stdlib_module_names


def forbidden_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    return [
        f"{module}:{line} importe {name}"
        for line, name in imported_modules(source, module, is_package=is_package)
        if not is_allowed_in_domain(name)
    ]


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    files = sorted(DOMAIN_DIR.rglob("*.py"))
    assert len(files) >= 5, files
    problems: list[str] = []
    for path in files:
        problems += forbidden_imports(
            path.read_text(encoding="utf-8"),
            _module_name(path),
            is_package=path.name == "__init__.py",
        )
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6.QtCore",
        "from sqlalchemy import select",
        "from reportlab.lib import colors",
        "import platformdirs",
        "import openpyxl as xl",
        "from esms_desktop.services import catalog",
        "from esms_desktop import storage",
        "import esms_desktop.ui.views",
        "from ..storage import db",
        "from .. import reports",
        "from ... import anything",
        "def f():\n    from PySide6 import QtWidgets\n",
        "if TYPE_CHECKING:\n    from esms_desktop.storage import db\n",
        "import importlib\nimportlib.import_module('reportlab')",
        "__import__('sqlalchemy')",
    ],
)
def test_the_scan_catches_forbidden_imports(source: str) -> None:
    assert forbidden_imports(source, "esms_desktop.domain.example") != []


@pytest.mark.parametrize(
    "source",
    [
        "from __future__ import annotations",
        "import json, re, csv",
        "from collections.abc import Mapping",
        "import xml.etree.ElementTree as ET",
        "from . import grappe",
        "from .grappe import Establishment",
        "from esms_desktop.domain.identifiers import check_finess",
        "from esms_desktop.domain import nomenclature",
        "import esms_desktop.domain.budget",
        "import importlib\nimportlib.import_module('tomllib')",
    ],
)
def test_the_scan_allows_stdlib_and_domain_imports(source: str) -> None:
    assert forbidden_imports(source, "esms_desktop.domain.example") == []


def test_relative_imports_resolve_from_a_package_init() -> None:
    source = "from .grappe import Grappe\nfrom ..storage import db\n"
    names = [name for _, name in imported_modules(source, DOMAIN_PACKAGE, is_package=True)]
    assert names == ["esms_desktop.domain.grappe", "esms_desktop.storage"]

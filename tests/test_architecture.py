"""Import boundaries: the layers of ``[tool.importlinter]`` in pyproject.toml, and what
import-linter cannot say on its own.

import-linter is run as the CI would run it (layers, no cycle between siblings, Qt / SQLAlchemy /
ReportLab each in their layer). The other tests read the same import graph (grimp, which
import-linter is built on) for three things its contracts do not express: the domain uses nothing
but the standard library (a contract can only forbid packages it names), no module can reach itself
back through its imports, and no import is dynamic (a graph built from the source cannot see one).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "esms_desktop"
DOMAIN = f"{PACKAGE}.domain"


# ---------------------------------------------------------------------------------------------
# import-linter


def _lint_imports() -> Path:
    scripts = Path(sys.executable).parent
    for name in ("lint-imports", "lint-imports.exe"):
        if (scripts / name).is_file():
            return scripts / name
    pytest.fail(f"lint-imports absent de {scripts} : installer les dépendances de test")


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_import_linter_contracts_are_kept() -> None:
    contracts = _contracts()
    assert {"layers", "acyclic_siblings", "forbidden"} <= {c["type"] for c in contracts}
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
# The import graph


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # No cache: the graph of the tree under test, never one left by an earlier run.
    return grimp.build_graph(PACKAGE, include_external_packages=True, cache_dir=None)


def _ours(graph: grimp.ImportGraph) -> dict[str, set[str]]:
    """Each module of the package and the modules of the package it imports directly."""
    modules = {m for m in graph.modules if m == PACKAGE or m.startswith(PACKAGE + ".")}
    return {m: graph.find_modules_directly_imported_by(m) & modules for m in modules}


def import_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import one another, directly or not (strongly connected
    components of more than one module, or a module importing itself), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(start: str) -> None:
        # Tarjan's algorithm, iterative: a deep import chain must not hit the recursion limit.
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(edges.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1 or node in edges.get(node, ()):
                        cycles.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(cycles)


def test_no_module_reaches_itself_back_through_its_imports(graph: grimp.ImportGraph) -> None:
    cycles = import_cycles(_ours(graph))
    assert cycles == [], "\n".join(" ↔ ".join(c) for c in cycles)


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        # The two cycles the graph had: the self-test builds the window from ui.steps, not app…
        ("esms_desktop.selftest", "esms_desktop.app"),
        # …and the FINESS readers share finess_common, below the module that picks one of them.
        ("esms_desktop.importers.finess_web", "esms_desktop.importers.finess_detect"),
        ("esms_desktop.importers.finess_json", "esms_desktop.importers.finess_detect"),
        ("esms_desktop.importers.finess_etalab", "esms_desktop.importers.finess_detect"),
        ("esms_desktop.importers.finess_common", "esms_desktop.importers.finess_web"),
    ],
)
def test_imports_go_one_way(graph: grimp.ImportGraph, importer: str, imported: str) -> None:
    assert graph.find_shortest_chain(importer=imported, imported=importer) is not None
    assert graph.find_shortest_chain(importer=importer, imported=imported) is None


DOMAIN_LIBRARIES = frozenset({"stdnum"})
"""Pure-Python libraries the domain may use: python-stdnum knows the SIREN/SIRET rules (La
Poste's included) better than code of ours would; it does no I/O, no Qt, no SQL."""


def test_the_domain_imports_only_the_standard_library_and_stdnum(graph: grimp.ImportGraph) -> None:
    domain = graph.find_descendants(DOMAIN) | {DOMAIN}
    assert len(domain) >= 5, domain
    problems = sorted(
        f"{module} importe {name}"
        for module in domain
        for name in graph.find_modules_directly_imported_by(module)
        if name not in domain
        and name.partition(".")[0] not in sys.stdlib_module_names
        and name.partition(".")[0] not in DOMAIN_LIBRARIES
    )
    assert problems == [], "\n".join(problems)


def dynamic_imports(source: str) -> list[int]:
    """Lines calling ``__import__`` or ``importlib.import_module``: imports no graph can see."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in ("__import__", "import_module"):
                lines.append(node.lineno)
    return lines


def test_every_import_is_visible_to_the_contracts() -> None:
    files = sorted((ROOT / PACKAGE).rglob("*.py"))
    assert len(files) >= 50, files
    problems = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in files
        for line in dynamic_imports(path.read_text(encoding="utf-8"))
    ]
    assert problems == [], "\n".join(problems)


def test_the_cycle_finder_finds_cycles() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a", "d"}, "e": {"a"}}
    assert import_cycles(edges) == [["a", "b", "c"], ["d"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_the_dynamic_import_scan_sees_both_spellings() -> None:
    source = "import importlib\nx = __import__('a')\ny = importlib.import_module('b')\n"
    assert dynamic_imports(source) == [2, 3]
    assert dynamic_imports("import json\nfrom pathlib import Path\n") == []

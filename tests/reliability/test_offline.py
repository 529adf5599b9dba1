"""Offline for real: the whole journey, services and window, makes no network attempt.

The journey runs in a child process (``offline_journey.py``: audit hooks cannot be removed) with
a Python audit hook refusing every connection except local ``AF_UNIX`` sockets, every name
resolution and every URL opened; the hook proves it works first. Where ``strace`` is available the
child also runs under it, which sees what the audit hook cannot — system calls made by Qt's C++
code — and no ``AF_INET``/``AF_INET6`` address may appear there either. A static check completes
it: the program's code imports no networking module.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

from esms_desktop.domain.completeness import Step
from tests.reliability.procs import ROOT, child_env

STEPS = [s.value for s in Step]


def _run_journey(work: Path) -> tuple[dict, str | None]:
    """Run the journey (under strace when possible); returns (report, strace output or None)."""
    env = child_env(HOME=str(work), XDG_CONFIG_HOME=str(work / "config"))
    command = [sys.executable, "-m", "tests.reliability.offline_journey", str(work)]
    trace = work / "appels-systeme.txt"
    strace = shutil.which("strace")
    if strace is not None:
        traced = [strace, "-f", "--seccomp-bpf", "-qq", "-e", "trace=connect,sendto,sendmsg"]
        traced += ["-o", str(trace), *command]
        done = subprocess.run(
            traced, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False
        )
        if done.returncode == 0 and trace.exists():
            return _report(done), trace.read_text(encoding="utf-8", errors="replace")
        # strace refused here (ptrace forbidden in some containers): the audit hook alone
        for leftover in work.iterdir():
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr
    return _report(done), None


def _report(done: subprocess.CompletedProcess[str]) -> dict:
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    return json.loads(lines[-1])


def test_the_whole_journey_makes_no_network_attempt(tmp_path: Path) -> None:
    report, trace = _run_journey(tmp_path)
    assert "erreur" not in report, report.get("erreur")
    # the hook works: an internet address and a name look-up refused, a local socket allowed
    assert report["controle"] == {
        "internet_refuse": True,
        "resolution_refusee": True,
        "local_autorise": True,
    }
    assert report["tentatives"] == []

    services = report["services"]
    assert services["total"] == "560000.00" and services["cli_total"] == 560000.0
    assert services["pdf_ok"] and services["pdf_pages"] >= 1 and services["formulaire_pages"] >= 1
    assert services["esms_ok"] and services["copie"] != services["dossier"]
    assert services["repertoire"] == 30 and services["recherche"]
    assert services["restauration_ok"] and services["cli_budget"] == 0

    window = report["fenetre"]
    assert window["problemes"] == [] and window["dialogues"] == []
    assert window["code"] == 0
    assert window["etapes"] == STEPS  # every step visited, in order
    assert window["pdf_fenetre_ok"]

    if trace is not None:  # what the C++ side did: local sockets only
        assert "AF_INET" not in trace, trace
        assert "AF_UNIX" in trace  # the trace did record the local sockets (not an empty file)


_NETWORK_MODULES = (
    "socket",
    "ssl",
    "http",
    "urllib.request",
    "urllib3",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "webbrowser",
    "xmlrpc",
)
_LOCAL_QT_NETWORK = frozenset({"QLocalServer", "QLocalSocket"})


def test_the_program_imports_no_networking_module() -> None:
    found: list[str] = []
    for path in sorted((ROOT / "esms_desktop").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
                if node.module == "PySide6.QtNetwork":
                    extra = {a.name for a in node.names} - _LOCAL_QT_NETWORK
                    found += [f"{path.name}: QtNetwork.{n}" for n in sorted(extra)]
            for name in names:
                if any(name == m or name.startswith(m + ".") for m in _NETWORK_MODULES):
                    found.append(f"{path.relative_to(ROOT)}: {name}")
    assert found == []

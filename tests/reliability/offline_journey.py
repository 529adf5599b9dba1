"""The whole journey with every network attempt refused — run in its own process.

``python -m tests.reliability.offline_journey WORK_DIR`` installs a Python audit hook *before*
importing esms-desktop (audit hooks cannot be removed: hence a process of its own). The hook
refuses and records any connection to the network (``socket.connect``/``sendto``/``sendmsg`` on
anything but a local ``AF_UNIX`` socket), any name resolution (``socket.getaddrinfo``…) and any
URL opened by the standard library (``urllib.Request``, ``http.client.connect``, ``webbrowser``).
It first checks that it works (an internet address refused, a local socket allowed), then runs:

* through the services: create a dossier from the worked example, edit it, answer the
  self-assessment, compute the budget, load the FINESS register and look a number up, print the
  candidature and the partner form, write a ``.esms`` file and import it back, back up, change,
  restore, and the command line's ``budget``;
* the window, as ``esms-desktop --data-dir …`` starts it (``esms_desktop.app.run``: single
  instance check with Qt's local socket, store, main window, backup timer): open the dossier,
  visit every step, print the PDF from the export step, close.

The last line printed is a JSON report the test reads (``tentatives`` must be empty).
"""

from __future__ import annotations

import json
import socket
import sys
import traceback
from pathlib import Path
from typing import Any

SEEN: list[str] = []
_REFUSED_EVENTS = frozenset(
    {
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyname_ex",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
        "urllib.Request",
        "http.client.connect",
        "webbrowser.open",
        "ftplib.connect",
        "smtplib.connect",
        "imaplib.open",
        "poplib.connect",
    }
)
_SOCKET_EVENTS = frozenset({"socket.connect", "socket.sendto", "socket.sendmsg"})


class NetworkRefusedError(ConnectionRefusedError):
    pass


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event in _SOCKET_EVENTS:
        sock = args[0]
        if getattr(sock, "family", None) == getattr(socket, "AF_UNIX", object()):
            return  # a local socket (Qt's single-instance channel, D-Bus): not the network
        SEEN.append(f"{event} {args[1:]!r}")
        raise NetworkRefusedError(f"réseau interdit pendant le test : {event}")
    if event in _REFUSED_EVENTS:
        SEEN.append(f"{event} {args!r}"[:300])
        raise NetworkRefusedError(f"réseau interdit pendant le test : {event}")


sys.addaudithook(_hook)


def _control(work: Path) -> dict[str, bool]:
    """Prove the hook works before trusting its silence: refuses the internet, allows AF_UNIX."""
    result = {"internet_refuse": False, "resolution_refusee": False, "local_autorise": False}
    inet = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        inet.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anyway
    except NetworkRefusedError:
        result["internet_refuse"] = True
    except OSError:
        pass
    finally:
        inet.close()
    try:
        socket.getaddrinfo("example.org", 443)
    except NetworkRefusedError:
        result["resolution_refusee"] = True
    except OSError:
        pass
    if hasattr(socket, "AF_UNIX"):
        path = str(work / "controle.sock")
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(path)
            server.listen(1)
            client.connect(path)
            result["local_autorise"] = True
        finally:
            client.close()
            server.close()
    SEEN.clear()  # the control's own attempts are not the program's
    return result


def services_journey(work: Path, data_dir: Path, root: Path) -> dict[str, Any]:
    import dataclasses
    import io

    from esms_desktop import cli
    from esms_desktop.domain.autodiag_routing import with_scope_answers
    from esms_desktop.services import catalog, exchange
    from esms_desktop.services.assessment import assess
    from esms_desktop.services.export import export_candidature_pdf, export_partner_form
    from esms_desktop.services.workspace import Workspace
    from esms_desktop.storage.store import open_store

    example = root / "resources" / "examples" / "grappe-exemple.csv"
    register = root / "tests" / "fixtures" / "finess_files" / "finess-web-export-esat-30.csv"
    out = work / "exports"
    out.mkdir()
    with open_store(data_dir) as store:
        ws = Workspace(store)
        dossier_id = ws.create("Grappe hors ligne", "amorcage-2021-t2", example)
        d = ws.load(dossier_id)
        edited = dataclasses.replace(
            d,
            project_title="Projet préparé sans réseau",
            porteur=dataclasses.replace(d.porteur, name="Association hors ligne"),
        )
        ws.save(edited)
        question = catalog.questionnaire().questions[0].id
        answered = ws.load(dossier_id)
        ws.save(with_scope_answers(answered, {question: 3}), before=answered)
        d = ws.load(dossier_id)
        budget = assess(d.grappe, d.campaign_id, d.overrides)
        loaded = ws.load_register(register)
        entry = ws.lookup("010001261")
        pdf = export_candidature_pdf(d, out / "dossier.pdf")
        form = export_partner_form(out / "formulaire.pdf", campaign_id=d.campaign_id)
        esms = ws.export_esms(dossier_id, out / "dossier.esms")
        received = exchange.read_exchange_file(esms)
        copy_id = ws.create("", "", esms)
        backup = store.backup()
        assert backup is not None
        ws.save(dataclasses.replace(ws.load(dossier_id), project_title="Changé après"))
        ws.restore(backup)
        restored = ws.load(dossier_id)
    text = io.StringIO()
    code = cli.main(["budget", str(example), "--campaign", "amorcage-2021-t2", "--json"], text)
    return {
        "dossier": dossier_id,
        "total": str(budget.total),
        "pdf_pages": pdf.pages,
        "pdf_ok": pdf.path.read_bytes().startswith(b"%PDF"),
        "formulaire_pages": form.pages,
        "esms_ok": received.dossier is not None
        and received.dossier.project_title == "Projet préparé sans réseau",
        "copie": copy_id,
        "repertoire": loaded.count,
        "recherche": entry is not None,
        "restauration_ok": restored.project_title == "Projet préparé sans réseau",
        "cli_budget": code,
        "cli_total": json.loads(text.getvalue()).get("total_eur"),
    }


def gui_journey(work: Path, data_dir: Path, dossier_id: int) -> dict[str, Any]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from esms_desktop import app as app_module
    from esms_desktop.domain.completeness import Step
    from esms_desktop.ui.main_window import MainWindow

    dialogs: list[str] = []
    visited: list[str] = []
    problems: list[str] = []
    target = work / "depuis-la-fenetre.pdf"

    def record(kind: str) -> Any:
        def show(*args: Any, **_kwargs: Any) -> Any:
            dialogs.append(f"{kind}: {args[2] if len(args) > 2 else args}")
            return QMessageBox.StandardButton.No

        return staticmethod(show)

    for kind in ("critical", "warning", "information", "question"):
        setattr(QMessageBox, kind, record(kind))

    deadline = [200]  # polls of 100 ms

    def drive() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].isVisible():
            QTimer.singleShot(50, drive)
            return
        window = windows[0]
        try:
            window.open_dossier(dossier_id)
            view = window.dossier_view
            assert view is not None, "le dossier ne s'est pas ouvert"
            for step in view.order:
                view.show_step(step)
                QApplication.processEvents()
                assert view.current_step() is step
                visited.append(step.value)
            view.views[Step.EXPORT].export_pdf(target)
        except BaseException:
            problems.append(traceback.format_exc())
            window.close()
            return

        def wait_for_pdf() -> None:
            deadline[0] -= 1
            if target.exists() or deadline[0] <= 0 or dialogs:
                window.close()
                return
            QTimer.singleShot(100, wait_for_pdf)

        wait_for_pdf()

    QTimer.singleShot(0, drive)
    code = app_module.run(["--data-dir", str(data_dir), "--lang", "fr"])
    data = target.read_bytes() if target.exists() else b""
    return {
        "code": code,
        "etapes": visited,
        "pdf_fenetre_ok": data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"),
        "dialogues": dialogs,
        "problemes": problems,
    }


def main(argv: list[str]) -> int:
    work = Path(argv[0])
    root = Path(__file__).resolve().parents[2]
    report: dict[str, Any] = {"controle": _control(work)}
    data_dir = work / "données"
    try:
        report["services"] = services_journey(work, data_dir, root)
        report["fenetre"] = gui_journey(work, data_dir, report["services"]["dossier"])
    except BaseException:
        report["erreur"] = traceback.format_exc()
    report["tentatives"] = list(SEEN)
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

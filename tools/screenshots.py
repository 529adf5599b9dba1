"""Screenshots of every step on a 1366×768 laptop, in French, for looking at the interface.

    python -m tools.screenshots [OUT_DIR] [--scale 1.5]     # default: screenshots/ (not committed)

The window takes what such a laptop leaves it (1366×720 pixels: the taskbar takes the rest), in
logical pixels at the given scale (Windows' 150 % is ``--scale 1.5``), so the images show what a
director sees. Uses the example grappe and a 50-ESSMS grappe (readable tables with many rows).
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

SCREEN_AVAILABLE = (1366, 720)
"""A 1366×768 laptop screen less a 48-pixel taskbar (Windows 11), in device pixels."""


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = list(argv)
    scale = 1.0
    if "--scale" in args:
        at = args.index("--scale")
        scale = float(args[at + 1])
        del args[at : at + 2]
        os.environ["QT_SCALE_FACTOR"] = str(scale)
    out = Path(args[0]) if args else Path("screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from esms_desktop.domain.completeness import Step
    from esms_desktop.domain.dossier import Porteur
    from esms_desktop.domain.grappe import Establishment, Organisation, ProjectType
    from esms_desktop.domain.identifiers import finess_with_key
    from esms_desktop.resources import resource_path
    from esms_desktop.services import catalog
    from esms_desktop.services.workspace import Workspace
    from esms_desktop.storage.store import open_store
    from esms_desktop.ui.i18n import install_translators
    from esms_desktop.ui.main_window import MainWindow
    from esms_desktop.ui.steps import step_factories

    app = QApplication([sys.argv[0]])
    install_translators(app, "fr")
    tmp = Path(tempfile.mkdtemp(prefix="esms-shots-"))
    ws = Workspace(open_store(tmp / "donnees"))
    example = ws.create(
        "Grappe Flandre-Littoral",
        "amorcage-2021-t2",
        resource_path("examples", "grappe-exemple.csv"),
    )
    d = ws.load(example)
    ws.save(
        replace(
            d,
            project_title="DUI partagé pour la grappe Flandre-Littoral",
            porteur=Porteur(
                name="Association Les Hirondelles",
                legal_status="Association loi 1901",
                siren="314159260",
                legal_representative="Marie Dupont",
                project_lead="Paul Martin",
                contact_email="p.martin@hirondelles.example",
            ),
        )
    )
    big = ws.create("Grappe 50 ESSMS", "generalisation-2024", None)
    d = ws.load(big)
    orgs = []
    for o in range(5):
        ests = tuple(
            Establishment(
                finess_with_key(f"59{o * 10 + i:06d}"),
                f"Établissement {o}-{i}",
                ("500", "246", "354", "183", "214")[i % 5],
                capacity=20 + i,
                project=ProjectType.ACQUISITION,
            )
            for i in range(10)
        )
        orgs.append(Organisation(f"Organisme gestionnaire n°{o + 1}", establishments=ests))
    ws.save(replace(d, grappe=replace(d.grappe, organisations=tuple(orgs))))
    settings = QSettings(str(tmp / "reglages.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ws, step_factories(ws), settings, catalog.questionnaire().question_count)
    width, height = (round(n / scale) for n in SCREEN_AVAILABLE)
    win.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is not the laptop's
    win.resize(width, height)
    win.show()
    app.processEvents()
    win.grab().save(str(out / "00-accueil.png"))
    for dossier_id, prefix in ((example, "exemple"), (big, "50essms")):
        win.open_dossier(dossier_id)
        view = win.dossier_view
        assert view is not None
        for n, step in enumerate(view.order, start=1):
            view.show_step(step)
            app.processEvents()
            if step is Step.BUDGET:
                view.views[step].essms_table.selectRow(3)  # type: ignore[attr-defined]
                app.processEvents()
            win.grab().save(str(out / f"{prefix}-{n:02d}-{step.value}.png"))
    win.close()
    ws.close()
    print(f"captures dans {out.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

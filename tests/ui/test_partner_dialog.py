"""« Trouver des partenaires » in the real window: from an association alone to an eligible grappe.

A director opens her dossier — her association and its 5 ESSMS, nothing else — goes to the
Grappe step, opens « Trouver des partenaires… », picks two OGs from the list with the keyboard
and reaches a grappe of 15 ESSMS or more that meets the campaign's rules, without typing a
single FINESS number. Each person's action (click, key) is counted in ``actions``; the counts
are printed (``pytest -s``) for the issue's note.

Two registers: a small one made here (three partners placed around the porteur, so distances
are known), which always runs, and the real FINESS website export of every ESAT
(``../shared/data/finess``), skipped when that folder is absent.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from esms_desktop.domain.finess_register import RegisterEntry, RegisterLegalEntity
from esms_desktop.domain.geodesy import GeoPoint
from esms_desktop.domain.grappe import Grappe, OgRole, ProjectType
from esms_desktop.domain.identifiers import finess_with_key
from esms_desktop.domain.partner_search import PartnerCandidate, organisation_from_register
from esms_desktop.services import catalog, dossiers, finess_lookup
from esms_desktop.services.partner_search import register_og
from esms_desktop.services.workspace import Workspace
from esms_desktop.ui.main_window import MainWindow
from esms_desktop.ui.models.partners import CANDIDATE_ROLE, KEYS
from esms_desktop.ui.partner_dialog import PartnerDialog
from esms_desktop.ui.steps import Step
from tests.ui.driving import FileAnswers, real_window

ROOT = Path(__file__).resolve().parents[2]
REAL_EXPORT = ROOT.parent / "shared" / "data" / "finess" / "finess-web-export-esat.csv"
CAMPAIGN = "amorcage-2021-t2"  # 15 to 49 ESSMS
ESAT = "246"
ESAT_LABEL = "Etablissement et Service d'Aide par le Travail (E.S.A.T.)"

# --- a small register: the porteur in Charente-Maritime and OGs around it ---------------------

HOME = GeoPoint(45.95, -0.96)  # Rochefort


def _numbers(department: str, start: int, count: int) -> list[str]:
    return [finess_with_key(f"{department}{start + i:06d}") for i in range(count)]


def _og(
    ej: str, name: str, department: str, place: GeoPoint, count: int, start: int
) -> tuple[RegisterLegalEntity, list[RegisterEntry]]:
    legal = RegisterLegalEntity(
        finess_ej=ej,
        name=name.upper(),
        long_name=name,
        address="1 place de la Mairie",
        postal_code=f"{department}000",
        town=f"VILLE {department}",
        department=department,
        phone="05 46 00 00 00",
        location=place,
        source="json",
    )
    entries = [
        RegisterEntry(
            finess=number,
            finess_ej=ej,
            name=f"ESAT {name} {i + 1}",
            category=ESAT,
            category_label=ESAT_LABEL,
            address=f"{i + 1} rue des Ateliers",
            postal_code=f"{department}100",
            town=f"BOURG {department}",
            department=department,
            capacity=40,
            phone="05 46 11 11 11",
            location=place,
        )
        for i, number in enumerate(_numbers(department, start, count))
    ]
    return legal, entries


PORTEUR_EJ = finess_with_key("17050000")
NEAR_SMALL = finess_with_key("17050001")  # 10 km, 2 ESSMS: the nearest, too small alone
MIDDLE = finess_with_key("17050002")  # 25 km, 6 ESSMS
FAR = finess_with_key("79050000")  # 55 km (Deux-Sèvres, a neighbour), 5 ESSMS


def small_register() -> tuple[list[RegisterEntry], list[RegisterLegalEntity]]:
    ogs = [
        _og(PORTEUR_EJ, "Association Les Mouettes", "17", HOME, 5, 100),
        _og(NEAR_SMALL, "Association Le Phare", "17", GeoPoint(46.04, -0.96), 2, 200),
        _og(MIDDLE, "Association Les Salines", "17", GeoPoint(45.95, -0.64), 6, 300),
        _og(FAR, "Association du Marais", "79", GeoPoint(46.30, -0.46), 5, 400),
    ]
    return [e for _l, es in ogs for e in es], [legal for legal, _es in ogs]


def load_small_register(workspace: Workspace) -> None:
    entries, legal = small_register()
    uow = workspace.store.uow()
    with uow:
        uow.register.replace_all(
            iter(entries),
            file="registre-essai.json",
            source="json",
            loaded_at=datetime.now(UTC),
            legal_entities=legal,
        )
        uow.commit()


# --- the director's dossier: her association alone ------------------------------------------


def create_alone(workspace: Workspace, porteur_ej: str, count: int = 5) -> int:
    """A dossier whose grappe is the porteur OG and ``count`` of its ESSMS (in acquisition),
    as the Grappe step leaves it once « Ajouter depuis FINESS » took her association."""
    entries = finess_lookup.establishments_of(workspace.store.uow(read_only=True), porteur_ej)
    entries = sorted(entries, key=lambda e: (e.department != porteur_ej[:2], e.finess))[:count]
    og = register_og(porteur_ej, entries)
    porteur = organisation_from_register(
        og, None, catalog.nomenclature(), project=ProjectType.ACQUISITION
    )
    porteur = replace(porteur, role=OgRole.PORTEUR, name="Association de la directrice")
    assert len(porteur.establishments) == count
    return dossiers.create_dossier(
        workspace.store.uow(), "Grappe de la directrice", CAMPAIGN, Grappe((porteur,))
    )


@pytest.fixture
def modeless(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dialog shows without a nested event loop, so the test drives it like the window."""
    monkeypatch.setattr(PartnerDialog, "exec", lambda self: self.show() or 0)


def open_partners(qtbot, win: MainWindow, dossier_id: int, actions: list[str]) -> PartnerDialog:
    win.refresh_home()
    win.open_dossier(dossier_id)  # a double-click on the dossier in the home list
    actions.append("double-clic sur le dossier")
    view = win.dossier_view
    assert view is not None
    view.show_step(Step.GRAPPE)  # a click on « Grappe » in the steps
    actions.append("clic sur l'étape Grappe")
    grappe = view.views[Step.GRAPPE]
    assert grappe.partners_button.isEnabled()
    qtbot.mouseClick(grappe.partners_button, Qt.MouseButton.LeftButton)
    actions.append("clic sur « Trouver des partenaires… »")
    dialog = win.findChild(PartnerDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def rows(dialog: PartnerDialog) -> list[PartnerCandidate]:
    proxy = dialog.table.model()
    return [proxy.index(r, 0).data(CANDIDATE_ROLE) for r in range(proxy.rowCount())]


def move_to(qtbot, dialog: PartnerDialog, finess_ej: str, actions: list[str]) -> None:
    """Arrow keys from the current row down or up to the OG ``finess_ej`` (no typing)."""
    dialog.table.setFocus()
    target = [c.finess_ej for c in rows(dialog)].index(finess_ej)
    while dialog.table.currentIndex().row() != target:
        down = dialog.table.currentIndex().row() < target
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down if down else Qt.Key.Key_Up)
        actions.append("flèche")


def press_enter(qtbot, dialog: PartnerDialog, actions: list[str]) -> None:
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    actions.append("Entrée")


def counted(win: MainWindow) -> tuple[int, bool]:
    budget = win.session.budget
    return budget.counted_establishments, budget.eligible


def model_tr(text: str) -> str:
    """What the table shows for ``text`` (the translation, once the lead has made it)."""
    return QCoreApplication.translate("PartnersModel", text)


def dialog_tr(text: str) -> str:
    return QCoreApplication.translate("PartnerDialog", text)


def preview_cell(dialog: PartnerDialog, row: int, key: str) -> str:
    return str(dialog.table.model().index(row, KEYS.index(key)).data())


@pytest.fixture
def window(
    qtbot,
    tmp_path: Path,
    modeless: None,
) -> Iterator[tuple[MainWindow, Workspace]]:
    with real_window(qtbot, tmp_path) as (win, workspace):
        yield win, workspace


def test_from_alone_to_an_eligible_grappe_on_a_small_register(qtbot, window) -> None:
    win, workspace = window
    load_small_register(workspace)
    dossier_id = create_alone(workspace, PORTEUR_EJ)
    actions: list[str] = []
    dialog = open_partners(qtbot, win, dossier_id, actions)
    assert counted(win) == (5, False)

    # nearest first, distances known; her own association is not offered
    listed = rows(dialog)
    assert [c.finess_ej for c in listed] == [NEAR_SMALL, MIDDLE, FAR], dialog.status.text()
    assert [round(c.distance_km or 0) for c in listed] == [10, 25, 55]
    assert preview_cell(dialog, 0, "distance") == "10,0\u00a0km"
    assert preview_cell(dialog, 0, "name") == "Association Le Phare"
    # the preview columns: what the grappe would count with each OG
    assert [preview_cell(dialog, r, "counted_after") for r in range(3)] == ["7", "11", "10"]
    assert dialog.essms_list.count() == 2  # the current OG's ESSMS, all checked
    assert dialog.add_button.isDefault()

    move_to(qtbot, dialog, MIDDLE, actions)
    assert "11 ESSMS" in dialog.preview_label.text()
    press_enter(qtbot, dialog, actions)
    assert counted(win) == (11, False)
    # the added OG left the list, the previews are of the grappe as it now is
    assert [c.finess_ej for c in rows(dialog)] == [NEAR_SMALL, FAR]
    assert [preview_cell(dialog, r, "counted_after") for r in range(2)] == ["13", "16"]
    assert preview_cell(dialog, 1, "eligible_after") == model_tr("yes")

    move_to(qtbot, dialog, FAR, actions)
    press_enter(qtbot, dialog, actions)
    number, eligible = counted(win)
    assert number == 16 and eligible
    names = [o.name for o in win.session.dossier.grappe.organisations]
    assert names == [
        "Association de la directrice",
        "Association Les Salines",
        "Association du Marais",
    ]
    member = win.session.dossier.grappe.organisations[2]
    assert member.finess_ej == FAR and member.role is OgRole.MEMBRE
    assert {e.project for e in member.establishments} == {ProjectType.ACQUISITION}
    assert all(e.town and e.category == ESAT for e in member.establishments)

    # one undo step per partner: Ctrl+Z in the dialog removes the last one, and it is listed again
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    actions.append("Ctrl+Z")
    assert counted(win) == (11, False)
    assert [o.finess_ej for o in win.session.dossier.grappe.organisations][-1] == MIDDLE
    assert FAR in [c.finess_ej for c in rows(dialog)]

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    actions.append("Échap")
    assert not dialog.isVisible()
    print(f"\n{len(actions)} actions (registre d'essai) : " + ", ".join(actions))
    assert len(actions) <= 12


def test_unchecked_essms_stay_out_and_the_preview_follows(qtbot, window) -> None:
    win, workspace = window
    load_small_register(workspace)
    dialog = open_partners(qtbot, win, create_alone(workspace, PORTEUR_EJ), [])
    move_to(qtbot, dialog, MIDDLE, [])
    assert preview_cell(dialog, 1, "counted_after") == "11"
    first = dialog.essms_list.item(0)
    left_out = first.data(Qt.ItemDataRole.UserRole)
    first.setCheckState(Qt.CheckState.Unchecked)  # a click on its check box
    assert preview_cell(dialog, 1, "counted_after") == "10"
    assert "10 ESSMS" in dialog.preview_label.text()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    added = win.session.dossier.grappe.organisations[-1]
    assert len(added.establishments) == 5
    assert left_out not in {e.finess for e in added.establishments}


def test_filters_rerun_the_search(qtbot, window) -> None:
    win, workspace = window
    load_small_register(workspace)
    dialog = open_partners(qtbot, win, create_alone(workspace, PORTEUR_EJ), [])
    dialog.small_check.setChecked(True)  # all three are small (under 50 ESSMS): all stay
    assert len(rows(dialog)) == 3
    dialog.radius_spin.setValue(30)
    assert [c.finess_ej for c in rows(dialog)] == [NEAR_SMALL, MIDDLE]
    dialog.radius_spin.setValue(0)  # « sans limite »
    assert len(rows(dialog)) == 3


def test_declared_funded_leaves_the_list_and_comes_back(qtbot, window) -> None:
    win, workspace = window
    load_small_register(workspace)
    dialog = open_partners(qtbot, win, create_alone(workspace, PORTEUR_EJ), [])
    move_to(qtbot, dialog, MIDDLE, [])
    assert dialog.funded_button.isEnabled() and not dialog.funded_button.isChecked()
    qtbot.mouseClick(dialog.funded_button, Qt.MouseButton.LeftButton)
    assert MIDDLE not in [c.finess_ej for c in rows(dialog)]
    dialog.funded_check.setChecked(False)  # show them again, marked
    listed = [c.finess_ej for c in rows(dialog)]
    row = listed.index(MIDDLE)
    assert preview_cell(dialog, row, "name").endswith(model_tr(" (declared funded)"))
    move_to(qtbot, dialog, MIDDLE, [])
    assert dialog.funded_action.isChecked()
    dialog.funded_action.trigger()  # the context menu's action: withdrawn
    dialog.funded_check.setChecked(True)
    assert MIDDLE in [c.finess_ej for c in rows(dialog)]


def test_exports_of_the_selected_candidates(qtbot, window, tmp_path, monkeypatch) -> None:
    win, workspace = window
    load_small_register(workspace)
    answers = FileAnswers(tmp_path / "sorties", tmp_path)
    answers.out_dir.mkdir()
    answers.install(monkeypatch)
    dialog = open_partners(qtbot, win, create_alone(workspace, PORTEUR_EJ), [])
    dialog.table.selectAll()
    qtbot.mouseClick(dialog.csv_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.letters_button, Qt.MouseButton.LeftButton)
    written = sorted(answers.out_dir.iterdir())
    assert [p.suffix for p in written] == [".csv", ".pdf", ".pdf"]
    text = written[0].read_bytes().decode("utf-8-sig")
    body = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    assert len(body) == 2 + 6 + 5  # one row per ESSMS of the three OGs
    assert all(p.read_bytes().startswith(b"%PDF") for p in written[1:])
    assert dialog.message.text() == dialog_tr("Saved: %1").replace("%1", str(written[-1]))


def test_without_a_register_the_dialog_says_so_and_offers_to_load_one(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    win, workspace = window
    answers = FileAnswers(tmp_path, tmp_path)
    answers.install(monkeypatch)  # a FINESS file is picked
    dossier_id = dossiers.create_dossier(workspace.store.uow(), "Seule", CAMPAIGN, Grappe())
    win.refresh_home()
    win.open_dossier(dossier_id)
    view = win.dossier_view
    assert view is not None
    view.show_step(Step.GRAPPE)
    qtbot.mouseClick(view.views[Step.GRAPPE].partners_button, Qt.MouseButton.LeftButton)
    dialog = win.findChild(PartnerDialog)
    assert dialog is not None
    assert dialog.status.text() == dialog_tr(
        "No FINESS register is loaded on this computer: load the national FINESS file "
        "(export or extract) to find the organisations around you."
    )
    assert dialog.load_button.isVisible() and rows(dialog) == []
    assert not dialog.add_button.isEnabled()
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: workspace.register_status() is not None, timeout=20_000)
    QApplication.processEvents()
    # loaded; this dossier has no porteur FINESS nor ESSMS: the service's French reason
    qtbot.waitUntil(lambda: "ni le FINESS juridique" in dialog.status.text(), timeout=5_000)
    assert not dialog.load_button.isVisible()


@pytest.mark.skipif(not REAL_EXPORT.exists(), reason="../shared/data/finess absent")
def test_from_alone_to_an_eligible_grappe_on_the_real_esat_export(qtbot, window) -> None:
    win, workspace = window
    workspace.load_register(REAL_EXPORT)
    porteur = "170788632"  # an association of Charente-Maritime with 5 ESAT in the department
    dossier_id = create_alone(workspace, porteur)
    actions: list[str] = []
    dialog = open_partners(qtbot, win, dossier_id, actions)
    assert counted(win) == (5, False)
    listed = rows(dialog)
    assert porteur not in [c.finess_ej for c in listed]
    # the export has no coordinates: same department first, then the OGs bringing more ESSMS
    assert all(c.distance_km is None for c in listed)
    first, second = listed[:2]
    assert first.same_department and second.same_department
    assert (first.eligible_count, second.eligible_count) == (6, 6)
    press_enter(qtbot, dialog, actions)  # the first row is current
    assert counted(win) == (11, False)
    press_enter(qtbot, dialog, actions)  # the next one is now first
    number, eligible = counted(win)
    assert number == 17 and eligible
    assert {o.finess_ej for o in win.session.dossier.grappe.organisations[1:]} == {
        first.finess_ej,
        second.finess_ej,
    }
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    actions.append("Ctrl+Z")
    assert counted(win) == (11, False)
    assert len(win.session.dossier.grappe.organisations) == 2
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    actions.append("Échap")
    print(f"\n{len(actions)} actions (export FINESS réel) : " + ", ".join(actions))
    assert len(actions) <= 8


def test_previews_are_computed_for_the_rows_shown_only(qtbot) -> None:
    """The preview runs the budget engine twice: a list of 200 OGs asks it for the rows the
    table paints, not for all of them, and once per row until the ESSMS chosen change."""
    from decimal import Decimal

    from PySide6.QtWidgets import QTableView

    from esms_desktop.domain.partner_search import PartnerPreview, RegisterOg
    from esms_desktop.ui.models.partners import PartnersModel

    asked: list[tuple[str, frozenset[str] | None]] = []

    def preview(candidate: PartnerCandidate, chosen) -> PartnerPreview:
        asked.append((candidate.finess_ej, None if chosen is None else frozenset(chosen)))
        n = len(candidate.essms if chosen is None else chosen)
        return PartnerPreview(5, 5 + n, False, n >= 10, (), Decimal(0), Decimal(n), True)

    entries, _legal = small_register()
    candidates = [
        PartnerCandidate(
            RegisterOg(finess_with_key(f"17{k:06d}"), f"OG {k}"),
            tuple(entries[:3]),
            3,
            float(k),
            True,
        )
        for k in range(200)
    ]
    model = PartnersModel(preview)
    model.set_candidates(candidates)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().grab()  # painted as on screen
    shown = len({ej for ej, _c in asked})
    assert 0 < shown < 40  # the visible rows, not the 200
    assert len(asked) == shown  # once each, however many cells and roles were painted
    model.set_chosen(candidates[0], [entries[0].finess])
    assert model.preview(candidates[0]).counted_after == 6
    assert asked[-1] == (candidates[0].finess_ej, frozenset({entries[0].finess}))

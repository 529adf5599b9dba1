"""The step views of a dossier, in the side bar's order, as the main window asks for them.

Here rather than in :mod:`esms_desktop.app` so that everything that builds a main window (the
application, ``--self-test``, the tests, the screenshot and start-up tools) takes the same views
without importing the application's start-up code — which imports the self-test in turn.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from esms_desktop.domain.completeness import Step
from esms_desktop.services.workspace import Workspace
from esms_desktop.ui.dossier_view import ViewFactory
from esms_desktop.ui.undo import Editor


def step_factories(workspace: Workspace | None = None) -> dict[Step, ViewFactory]:
    """One view per step of the dossier, in the side bar's order.

    Each view's module is imported when its first view is built: a dossier opens on one step
    (:class:`~esms_desktop.ui.dossier_view.StepViews`), and start-up does not pay for the
    others.
    """

    def porteur(editor: Editor) -> QWidget:
        from esms_desktop.ui.views.porteur_view import PorteurView

        return PorteurView(editor)

    def autodiag(editor: Editor) -> QWidget:
        from esms_desktop.ui.views.autodiag_view import AutodiagView

        return AutodiagView(editor)

    def grappe(editor: Editor) -> QWidget:
        from esms_desktop.ui.views.grappe_view import GrappeView

        view = GrappeView(editor, workspace)
        view.import_requested.connect(lambda: _import_into(view, editor))
        return view

    def solution(editor: Editor) -> QWidget:
        from esms_desktop.ui.views.solution_view import SolutionView

        return SolutionView(editor)

    def budget(editor: Editor) -> QWidget:
        from esms_desktop.ui.views.budget_view import BudgetView

        return BudgetView(editor)

    def targets(editor: Editor) -> QWidget:
        from esms_desktop.ui.views.targets_view import TargetsView

        return TargetsView(editor)

    def export(editor: Editor) -> QWidget:
        from esms_desktop.ui.views.export_view import ExportView

        return ExportView(editor, workspace)

    def follow_up(editor: Editor) -> QWidget:
        from esms_desktop.ui.views.follow_up_view import FollowUpView

        return FollowUpView(editor)

    return {
        Step.PORTEUR: porteur,
        Step.AUTODIAG: autodiag,
        Step.GRAPPE: grappe,
        Step.SOLUTION: solution,
        Step.BUDGET: budget,
        Step.ENGAGEMENTS: targets,
        Step.EXPORT: export,
        Step.SUIVI: follow_up,
    }


def _import_into(view: QWidget, editor: Editor) -> None:
    from esms_desktop.ui.import_wizard import ImportWizard

    wizard = ImportWizard(editor, view)
    if wizard.exec() == ImportWizard.LOAD_REGISTER and wizard.register_file is not None:
        load_and_pick = getattr(view, "load_and_pick", None)
        if load_and_pick is not None:
            load_and_pick(wizard.register_file)

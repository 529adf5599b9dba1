"""The dossier being edited: its current value, its budget, and saving after every edit.

No Save button: every change goes to the store at once. When the store refuses (disk full, lock
held by another program), the change stays in memory, ``unsaved`` is set and the error goes up to
the caller (the GUI shows it); the next successful save, or :meth:`retry_save`, writes it.
"""

from __future__ import annotations

from collections.abc import Callable

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.dossier import Dossier
from esms_desktop.services.assessment import assess

Saver = Callable[[Dossier], None]
Listener = Callable[[Dossier], None]
ErrorListener = Callable[[Exception], None]


class DossierSession:
    def __init__(
        self,
        dossier: Dossier,
        save: Saver | None = None,
        save_errors: tuple[type[Exception], ...] = (OSError,),
    ) -> None:
        self._dossier = dossier
        self._save = save
        self._save_errors = save_errors
        self._budget: Budget | None = None
        self._listeners: list[Listener] = []
        self._error_listeners: list[ErrorListener] = []
        self.unsaved = False

    @property
    def dossier(self) -> Dossier:
        return self._dossier

    @property
    def budget(self) -> Budget:
        """Recomputed lazily after a change: cheap enough for every keystroke (< 16 ms)."""
        if self._budget is None:
            d = self._dossier
            self._budget = assess(d.grappe, d.campaign_id, d.overrides)
        return self._budget

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def on_save_error(self, listener: ErrorListener) -> None:
        """Who hears about a failed save; without one, the error is raised to the caller."""
        self._error_listeners.append(listener)

    def replace(self, new: Dossier) -> None:
        """Make ``new`` the current dossier, notify, then save (a failure keeps ``new``)."""
        if new == self._dossier and not self.unsaved:
            return
        self._dossier = new
        self._budget = None
        for listener in list(self._listeners):
            listener(new)
        self._write()

    def retry_save(self) -> None:
        if self.unsaved:
            self._write()

    def _write(self) -> None:
        if self._save is None:
            return
        try:
            self._save(self._dossier)
        except self._save_errors as exc:
            self.unsaved = True
            if not self._error_listeners:
                raise
            for listener in list(self._error_listeners):
                listener(exc)
        else:
            self.unsaved = False

"""The dossier being edited: its current value, its budget, and saving after every edit.

No Save button: every change goes to the store at once. When the store refuses (disk full, lock
held by another program), the change stays in memory, ``unsaved`` is set and the error goes up to
the caller (the GUI shows it); the next successful save, or :meth:`retry_save`, writes it.

The session also keeps the value last saved and hands it to the saver with the new one (when the
saver takes it, as :meth:`Workspace.save <esms_desktop.services.workspace.Workspace.save>` does):
the store then compares the two and writes the rows that differ, without reading the dossier.

A session over a dossier with ``problems`` (values no door lets in, found when it was opened) is
read-only: :meth:`DossierSession.replace` refuses every edit with the problems listed, so nothing
is saved or computed over them until the dossier is repaired.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Protocol, cast

from esms_desktop.domain.budget import Budget
from esms_desktop.domain.dossier import Dossier
from esms_desktop.domain.validation import Problem
from esms_desktop.services.assessment import assess_dossier
from esms_desktop.services.dossiers import DossierToRepairError


class EditSaver(Protocol):
    """Stores ``dossier`` knowing ``before``, the value last stored; returns what is now stored."""

    def __call__(self, dossier: Dossier, /, *, before: Dossier) -> Dossier: ...


Saver = Callable[[Dossier], object] | EditSaver
"""Either a plain callable of the new value (a test's list, a benchmark), or an :class:`EditSaver`
(any callable with a ``before`` keyword parameter)."""
Listener = Callable[[Dossier], None]
ErrorListener = Callable[[Exception], None]


def _takes_before(save: Saver) -> bool:
    """True for a saver with a ``before`` keyword parameter (:class:`EditSaver`)."""
    try:
        parameter = inspect.signature(save).parameters.get("before")
    except (TypeError, ValueError):  # no signature to read (some built-ins): a plain callable
        return False
    return parameter is not None and parameter.kind in (
        inspect.Parameter.KEYWORD_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
    )


def _storing(save: Saver) -> Callable[[Dossier, Dossier], Dossier]:
    """``save`` as one shape, ``(new, last stored) -> now stored``; a plain saver's value is taken
    as stored as given."""
    if _takes_before(save):
        edit = cast(EditSaver, save)
        return lambda dossier, before: edit(dossier, before=before)
    plain = cast(Callable[[Dossier], object], save)

    def store(dossier: Dossier, _before: Dossier) -> Dossier:
        plain(dossier)
        return dossier

    return store


class DossierSession:
    def __init__(
        self,
        dossier: Dossier,
        save: Saver | None = None,
        save_errors: tuple[type[Exception], ...] = (OSError,),
        problems: tuple[Problem, ...] = (),
    ) -> None:
        self._dossier = dossier
        self.problems = problems
        """What the dossier holds that no door lets in (the service's list): read-only if any."""
        self._saved = dossier
        """The value last stored (loaded, or returned by the last successful save)."""
        self._save = None if save is None else _storing(save)
        self._save_errors = save_errors
        self._budget: Budget | None = None
        self._listeners: list[Listener] = []
        self._error_listeners: list[ErrorListener] = []
        self.unsaved = False

    @property
    def dossier(self) -> Dossier:
        return self._dossier

    @property
    def read_only(self) -> bool:
        return bool(self.problems)

    def refusal(self) -> DossierToRepairError:
        """Why an edit is refused (the problems, how to repair)."""
        return DossierToRepairError(self._dossier, self.problems, "impossible de le modifier")

    @property
    def budget(self) -> Budget:
        """Recomputed lazily after a change: cheap enough for every keystroke (< 16 ms)."""
        if self._budget is None:
            d = self._dossier
            self._budget = assess_dossier(d)
        return self._budget

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def on_save_error(self, listener: ErrorListener) -> None:
        """Who hears about a failed save; without one, the error is raised to the caller."""
        self._error_listeners.append(listener)

    def replace(self, new: Dossier) -> None:
        """Make ``new`` the current dossier, notify, then save (a failure keeps ``new``).

        A read-only session refuses (:class:`DossierToRepairError`) and keeps its dossier.
        """
        if self.read_only:
            raise self.refusal()
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
            self._saved = self._save(self._dossier, self._saved)
        except self._save_errors as exc:
            self.unsaved = True
            if not self._error_listeners:
                raise
            for listener in list(self._error_listeners):
                listener(exc)
        else:
            self.unsaved = False

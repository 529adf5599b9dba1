"""The one base of every error meant for the user: what the interface may show as it is.

The GUI and the CLI catch :class:`UserError` and show its ``message``; anything else is a bug and
goes to the crash reporter (logged with its traceback, shown as an unexpected error). A bug must
never pass for the user's mistake: that is why no interface catches ``ValueError`` or
``Exception`` to show a message.

This module imports nothing: every layer (domain, storage, importers, services, UI, CLI) may
derive its errors from it.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can understand and act on; ``message`` is French and says what and
    where (the file, the line, the dossier…).

    Subclasses may set ``message`` in their ``__init__`` (most keep the sentence they were given);
    otherwise it is the first argument, as ``str()`` gives it for a plain exception.
    """

    _message: str | None = None

    @property
    def message(self) -> str:
        if self._message is not None:
            return self._message
        return str(self.args[0]) if self.args else ""

    @message.setter
    def message(self, value: str) -> None:
        self._message = value

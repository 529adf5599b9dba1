"""ReportLab imported without the start-up work our documents never use.

Importing ``reportlab.platypus`` compiles two regular expressions that span the whole Basic
Multilingual Plane: the URL pattern of ``platypus.paragraph`` (case-insensitive, so the compiler
folds the case of some 65,000 characters: about 30 ms, a tenth of a short PDF's whole process)
and the CJK splitter of ``lib.textsplit``. ReportLab only uses them to break long URLs
(``uriWasteReduce``) and to wrap CJK text, which our documents never ask for. While ReportLab is
first imported here, such patterns are compiled on first use instead (:class:`LazyPattern`);
every other pattern, and every other caller of :func:`re.compile`, gets what it always got.

:mod:`esms_desktop.services.export` imports this module before any report, so the PDF commands
and the window's exports pay for the patterns only if a document ever uses them. Importing
ReportLab elsewhere first is harmless: it is then simply imported as usual.
"""

from __future__ import annotations

import re
import sys
import threading
from typing import Any

_WHOLE_PLANE = "\uffff"
"""A pattern reaching the top of the BMP: the costly kind (its classes span every character)."""

_lock = threading.Lock()


class LazyPattern:
    """A compiled pattern that compiles itself the first time one of its methods is used."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:  # two threads may both compile: same result, no harm
            compiled = self._compiled = _original_compile(self._source, self._flags)
        return compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[:40]!r}…, {self._flags})"


_original_compile = re.compile


def _compile_for_reportlab(pattern: Any, flags: int = 0) -> Any:
    """:func:`re.compile`, deferred for ReportLab's whole-plane patterns (see the module)."""
    caller = sys._getframe(1).f_globals.get("__name__", "")
    if isinstance(pattern, str) and _WHOLE_PLANE in pattern and caller.startswith("reportlab."):
        return LazyPattern(pattern, flags)
    return _original_compile(pattern, flags)


def import_reportlab() -> None:
    """Import ``reportlab.platypus`` (and all it imports) with those patterns deferred."""
    with _lock:
        if "reportlab.platypus" in sys.modules:
            return
        re.compile = _compile_for_reportlab
        try:
            import reportlab.platypus  # noqa: F401  (imported for the modules it loads)
        finally:
            re.compile = _original_compile


import_reportlab()

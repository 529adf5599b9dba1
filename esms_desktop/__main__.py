"""Entry point: ``esms-desktop`` and ``python -m esms_desktop``.

With a sub-command (``check``, ``budget``, ``dossier``…) it is the command line; without one it
opens the window (``--data-dir``, ``--lang`` and ``--self-test`` apply to both). Qt's standard
arguments (``-style fusion``, ``-platform offscreen``, ``-reverse``, ``-qwindowgeometry 800x600``…)
are accepted before the sub-command: they go to ``QApplication`` and are dropped for the CLI.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

GUI_OPTIONS = {"--data-dir", "--lang", "--self-test"}
_OWN_VALUE_OPTIONS = ("--data-dir", "--lang")

# QGuiApplication / QApplication's documented command-line options (single or double dash).
QT_VALUE_OPTIONS = frozenset(
    {
        "platform",
        "platformpluginpath",
        "platformtheme",
        "plugin",
        "qmljsdebugger",
        "qwindowgeometry",
        "qwindowicon",
        "qwindowtitle",
        "session",
        "style",
        "stylesheet",
        "display",
        "geometry",
        "title",
        "name",
    }
)
QT_FLAG_OPTIONS = frozenset({"reverse", "widgetcount", "nograb", "dograb", "sync"})


def _qt_option(arg: str) -> tuple[str, bool] | None:
    """``(name, value_inline)`` when ``arg`` is one of Qt's options, else None."""
    if not arg.startswith("-") or arg.startswith("---") or arg in ("-", "--"):
        return None
    name, sep, _value = arg.lstrip("-").partition("=")
    if name in QT_VALUE_OPTIONS:
        return name, bool(sep)
    if name in QT_FLAG_OPTIONS and not sep:
        return name, False
    return None


def split_qt_args(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(qt_args, rest)``: Qt's standard arguments given before the sub-command, and the others.

    Only the arguments before the sub-command (or before an unknown option) are looked at, so a
    sub-command's own ``--name``/``--title`` options are never taken for Qt's.
    """
    args = list(argv)
    qt: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        found = _qt_option(arg)
        if found is not None:
            name, inline = found
            takes_value = name in QT_VALUE_OPTIONS and not inline
            qt.extend(args[i : i + 2] if takes_value else [arg])
            i += 2 if takes_value else 1
            continue
        if arg in _OWN_VALUE_OPTIONS:
            rest.extend(args[i : i + 2])
            i += 2
            continue
        if arg.startswith("-") or arg.lower().endswith(".esms"):
            rest.append(arg)  # --data-dir=…, --self-test, --version…, a file to open
            i += 1
            continue
        rest.extend(args[i:])  # the sub-command: everything after it is the CLI's
        break
    return qt, rest


def wants_gui(argv: Sequence[str]) -> bool:
    """No sub-command given (options and an optional .esms file to open are allowed)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--data-dir", "--lang"):
            skip = True
            continue
        if arg.startswith("--data-dir=") or arg.startswith("--lang=") or arg == "--self-test":
            continue
        if arg.lower().endswith(".esms") and not arg.startswith("-"):
            continue
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    qt_args, args = split_qt_args(sys.argv[1:] if argv is None else argv)
    if wants_gui(args):
        from esms_desktop.app import run

        return run(args, qt_args)
    from esms_desktop.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())

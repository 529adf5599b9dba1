"""Entry point: ``esms-desktop`` and ``python -m esms_desktop``.

With a sub-command (``check``, ``budget``, ``dossier``…) it is the command line; without one it
opens the window (``--data-dir``, ``--lang`` and ``--self-test`` apply to both).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

GUI_OPTIONS = {"--data-dir", "--lang", "--self-test"}


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
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_gui(args):
        from esms_desktop.app import run

        return run(args)
    from esms_desktop.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())

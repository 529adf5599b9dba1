"""Entry script of the frozen program: ``esms-desktop`` (window) and ``esms-desktop-cli`` (console).

Both executables run the same code as ``python -m esms_desktop``: the window without a
sub-command, the command line with one. A windowed Windows executable has no console, so
``sys.stdout``/``sys.stderr`` are ``None``; they are pointed at the null device so a stray
``print`` (or ``--self-test`` launched from the windowed program) cannot crash it. IT scripts use
``esms-desktop-cli.exe`` to see the output and exit codes.
"""

from __future__ import annotations

import os
import sys

from esms_desktop.__main__ import main


def _ensure_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    _ensure_streams()
    sys.exit(main())

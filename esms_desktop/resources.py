"""Where the program's own data files are (campaigns, questionnaire, nomenclature, fonts).

Resolved by a function, not at import: a frozen build keeps them under ``sys._MEIPASS``, a source
checkout or editable install beside the package.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)

"""Loading the interface's translations: French by default, English on request.

Source strings are English (Qt's convention); ``translations/esms_desktop_fr.ts`` holds the
complete French. A frozen build ships the compiled ``.qm``; a source checkout compiles the ``.ts``
once with the ``lrelease`` that PySide6 ships, into the user's cache, so nothing generated is
committed and the program still starts in French on a fresh clone.

(A Python ``QTranslator.translate`` override would avoid the compile step, but PySide6 mis-counts
references to its ``None`` arguments and crashes at exit: we use Qt's own ``.qm`` loader only.)
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

from esms_desktop.resources import resources_dir

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"


def translations_dir() -> Path:
    return resources_dir().parent / "translations"


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation for every finished message of a Qt Linguist file."""
    import xml.etree.ElementTree as ET  # here: only when a .ts must be read (no .qm shipped)

    table: dict[tuple[str, str], str] = {}
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            tr = message.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if tr.text:
                table[(name, source)] = tr.text
    return table


def lrelease_program() -> Path | None:
    """The ``lrelease`` shipped inside the PySide6 package (or on PATH as pyside6-lrelease)."""
    import PySide6

    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    bundled = Path(PySide6.__file__).resolve().parent / name
    if bundled.exists():
        return bundled
    beside = Path(sys.executable).parent / (
        "pyside6-lrelease" + (".exe" if sys.platform == "win32" else "")
    )
    return beside if beside.exists() else None


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` into ``qm`` (atomically); False when lrelease is missing or fails."""
    import subprocess  # here: only when a .qm must be compiled
    import tempfile

    program = lrelease_program()
    if program is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".qm", dir=qm.parent)
    os.close(fd)
    try:
        done = subprocess.run(
            [str(program), "-silent", str(ts), "-qm", tmp],
            capture_output=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0 or Path(tmp).stat().st_size == 0:
            return False
        os.replace(tmp, qm)
        return True
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        Path(tmp).unlink(missing_ok=True)


def qm_for(language: str) -> Path | None:
    """The compiled translation for ``language``: shipped beside the .ts, else cached."""
    ts = translations_dir() / f"esms_desktop_{language}.ts"
    shipped = ts.with_suffix(".qm")
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        return None
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    cache = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation))
    cached = cache / "traductions" / f"esms_desktop_{language}-{digest}.qm"
    if cached.exists() or compile_ts(ts, cached):
        return cached
    return None


def install_translators(
    app: QCoreApplication, language: str = DEFAULT_LANGUAGE
) -> list[QTranslator]:
    """Install our translation and Qt's own (standard buttons) for ``language``; return them."""
    installed: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.France))
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for base in ("qtbase", "qt"):
        qt = QTranslator(app)
        if qt.load(f"{base}_{language}", qt_dir) or qt.load(
            f"{base}_{language}", str(translations_dir())
        ):
            app.installTranslator(qt)
            installed.append(qt)
            break
    qm = qm_for(language)
    ours = QTranslator(app)
    if qm is not None and ours.load(str(qm)):
        app.installTranslator(ours)
        installed.append(ours)
    return installed

"""Loading the interface's translations: French by default, English on request.

Source strings are English (Qt's convention, so ``lupdate`` tooling works); ``translations/
esms_desktop_fr.ts`` holds the complete French. A frozen build ships compiled ``.qm`` files; a
source checkout reads the ``.ts`` directly through :class:`TsTranslator`, so nothing generated
has to be committed or built before the program starts.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from esms_desktop.resources import resources_dir

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"


def translations_dir() -> Path:
    return resources_dir().parent / "translations"


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation for every finished message of a Qt Linguist file."""
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


class TsTranslator(QTranslator):
    """A QTranslator fed from a ``.ts`` file (no compile step in a source checkout)."""

    def __init__(
        self, table: dict[tuple[str, str], str], parent: QCoreApplication | None = None
    ) -> None:
        super().__init__(parent)
        self._table = table

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return self._table.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self._table


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
    ours: QTranslator | None = None
    qm = translations_dir() / f"esms_desktop_{language}.qm"
    ts = translations_dir() / f"esms_desktop_{language}.ts"
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        ours = QTranslator(app)
        if not ours.load(str(qm)):
            ours = None
    if ours is None and ts.exists():
        ours = TsTranslator(read_ts(ts), app)
    if ours is not None:
        app.installTranslator(ours)
        installed.append(ours)
    return installed

"""French is complete and loaded by default; the .ts files follow the sources."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from esms_desktop.ui.i18n import install_translators, qm_for, translations_dir
from tools import translations


def test_french_translation_is_complete_and_up_to_date() -> None:
    problems = translations.problems("fr")
    assert problems == [], "\n".join(problems[:20])


def test_english_file_is_up_to_date() -> None:
    assert translations.problems("en") == []


def test_placeholder_check_catches_a_mismatch(tmp_path, monkeypatch) -> None:
    source = translations_dir() / "esms_desktop_fr.ts"
    text = source.read_text(encoding="utf-8")
    broken = text.replace(
        "<translation>Modifier %1 : %2</translation>", "<translation>Modifier %1</translation>", 1
    )
    assert broken != text
    (tmp_path / "esms_desktop_fr.ts").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(translations, "TS_DIR", tmp_path)
    assert any("marqueurs" in p for p in translations.problems("fr"))


def test_french_is_loaded_with_qt_standard_buttons(qtbot) -> None:
    app = QApplication.instance()
    installed = install_translators(app, "fr")
    try:
        assert len(installed) == 2
        assert qm_for("fr") is not None
        assert QCoreApplication.translate("MainWindow", "&File") == "&Fichier"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    finally:
        for t in installed:
            app.removeTranslator(t)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_missing_translation_falls_back_to_the_source(qtbot) -> None:
    app = QApplication.instance()
    installed = install_translators(app, "fr")
    try:
        assert QCoreApplication.translate("Nowhere", "Untranslated") == "Untranslated"
    finally:
        for t in installed:
            app.removeTranslator(t)

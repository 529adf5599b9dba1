"""The offline manual: French HTML pages of ``resources/aide/`` in a non-modal help window.

The pages are content, written in French and shipped with the program (the PyInstaller spec
copies ``resources/``). Three parts of them are filled in when a page is shown, so that they
cannot drift from the program: the columns of the grappe spreadsheet (from the template's field
table), where each value of a campaign usually sits in a cahier des charges (from
:mod:`esms_desktop.domain.campaign_guidance`, the campaign editor's own sentences), and the
keyboard shortcuts (read from the main window's actions, whatever other menus add).

A link ``action:modele`` saves the blank grappe template; other links lead to pages of the
manual. The window keeps its own history (back, forward, home) like a web browser.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from esms_desktop.domain import campaign_guidance
from esms_desktop.domain.completeness import Step
from esms_desktop.resources import resource_path
from esms_desktop.ui.file_dialogs import save_file

HOME = "accueil"
SHORTCUTS = "raccourcis"
TEMPLATE_ACTION = "action:modele"

PAGES: tuple[str, ...] = (
    HOME,
    "porteur",
    "autodiagnostic",
    "grappe",
    "solution",
    "budget",
    "engagements",
    "export",
    "suivi",
    "tableur",
    "valeurs-ars",
    "campagnes",
    "sauvegardes",
    "ligne-de-commande",
    "faq",
    SHORTCUTS,
)
"""Every page of the manual, in the order of its contents list (file ``<name>.html``)."""

STEP_PAGES: dict[Step, str] = {step: step.value for step in Step}
"""The page F1 opens from each step: named after the step (``grappe.html``…)."""

STEP_NUMBERS: dict[str, int] = {page: n for n, page in enumerate(STEP_PAGES.values(), start=1)}
"""Step pages are numbered in the contents list as in the side bar of a dossier."""

GUIDANCE_KEYS: tuple[str, ...] = (
    "title",
    "year",
    "windows.end",
    "size.min_essms",
    "size.min_essms_island",
    "size.max_essms",
    "size.several_regions",
    "size.small_og_min_ogs",
    "scope.segur_required",
    "scope.segur_exempt_sectors",
    "scope.ght_exception",
    "scope.no_double_funding",
    "scope.hours_prorata",
    "values.<nom>.amount",
    "essms_lines.bands",
    "essms_lines.island.coefficient",
    "essms_lines.requires_equipment",
    "og_lines",
    "ceilings.per_essms",
    "tranches",
    "tranches.usage_targets",
    "values.<nom>.status",
    "values.<nom>.source",
)
"""Values of a campaign the « valeurs-ars » page explains, in the order a cahier des charges
gives them (their sentences come from the campaign editor's guidance)."""

_ACCENTED: dict[str, str] = {
    "a": "aàâäá",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïí",
    "o": "oôöó",
    "u": "uùûüú",
    "y": "yÿ",
    "n": "nñ",
}
"""A letter typed without its accent also finds it with one (« segur » finds « Ségur »)."""

_GENERATED = re.compile(r"<!--\s*genere:([a-z-]+)\s*-->")

Provider = Callable[[], str]


def help_dir() -> Path:
    return resource_path("aide")


def page_file(name: str) -> Path:
    return help_dir() / f"{name}.html"


def plain_text(action_text: str) -> str:
    """A menu text as read: mnemonics (``&Fichier``) removed, ``&&`` kept as ``&``."""
    return re.sub(r"&(.)", r"\1", action_text).strip()


def fold(text: str) -> str:
    """Lower case without accents, for a search that finds « Ségur » from « segur »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- generated parts of the pages --------------------------------------------------------------


def columns_table() -> str:
    """The template's columns, each with whether it is required, its meaning and its choices."""
    from esms_desktop.importers.grappe_sheet import REQUIRED, SHEET_FIELDS

    rows = []
    for column, spec in SHEET_FIELDS.items():
        choices = ", ".join(spec.choices)
        rows.append(
            "<tr>"
            f'<td class="colonne"><code>{html.escape(column)}</code></td>'
            f"<td>{'oui' if column in REQUIRED else 'non'}</td>"
            f"<td>{html.escape(spec.help)}"
            + (f"<br/><i>Valeurs proposées : {html.escape(choices)}</i>" if choices else "")
            + "</td></tr>"
        )
    return (
        '<table class="grille" border="1" cellspacing="0" cellpadding="4" width="100%">'
        "<tr><th>Colonne</th><th>Obligatoire</th><th>Contenu</th></tr>" + "".join(rows) + "</table>"
    )


def guidance_table() -> str:
    """Where each main value of a campaign usually sits in a cahier des charges."""
    rows = []
    for key in GUIDANCE_KEYS:
        name = campaign_guidance.NAMES.get(key, key)
        path = tuple(part if part != "<nom>" else "montant" for part in key.split("."))
        rows.append(
            f"<tr><td><b>{html.escape(name)}</b></td>"
            f"<td>{html.escape(campaign_guidance.guidance(path))}</td></tr>"
        )
    return (
        '<table class="grille" border="1" cellspacing="0" cellpadding="4" width="100%">'
        "<tr><th>Valeur</th><th>Où la trouver</th></tr>" + "".join(rows) + "</table>"
    )


def window_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) of every action of the window that has a shortcut, menus first.

    Read when the page is shown, so that a shortcut another part of the program changes (or a
    menu it adds) is listed as it is, never as it was when this page was written.
    """
    found: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def keys(action: QAction) -> str:
        return _key_names(action.shortcuts())

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{where} › {plain_text(action.text())}")
            elif not action.isSeparator() and keys(action):
                seen.add(id(action))
                found.append((where, plain_text(action.text()), keys(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, plain_text(top.text()))
    for action in window.findChildren(QAction):
        owner = action.parent()
        if isinstance(owner, QWidget) and owner.window() is not window:
            continue  # the manual's own keys (listed apart) or another window's
        if id(action) not in seen and action.text() and keys(action):
            seen.add(id(action))
            found.append(("", plain_text(action.text()), keys(action)))
    return found


def shortcuts_table(rows: Iterable[tuple[str, str, str]]) -> str:
    cells = "".join(
        f"<tr><td>{html.escape(menu)}</td><td>{html.escape(command)}</td>"
        f"<td><b>{html.escape(keys)}</b></td></tr>"
        for menu, command, keys in rows
    )
    return (
        '<table class="grille" border="1" cellspacing="0" cellpadding="4" width="100%">'
        "<tr><th>Menu</th><th>Commande</th><th>Touches</th></tr>" + cells + "</table>"
    )


def render(name: str, providers: dict[str, Provider]) -> str:
    """The page's HTML with its ``<!-- genere:… -->`` parts filled in.

    A page missing from the installed program (a damaged copy) says so instead of failing.
    """
    try:
        text = page_file(name).read_text(encoding="utf-8")
    except OSError:
        return (
            f"<html><head><title>{html.escape(name)}</title></head><body><p>Cette page du "
            f"manuel est absente de l’installation ({html.escape(str(page_file(name)))}) : "
            "réinstallez le programme.</p></body></html>"
        )

    def fill(match: re.Match[str]) -> str:
        provider = providers.get(match.group(1))
        return provider() if provider is not None else ""

    return _GENERATED.sub(fill, text)


def internal_links(page_html: str) -> list[str]:
    """Every ``href`` of a page (for the manual's own link check)."""
    return re.findall(r'href="([^"]*)"', page_html)


def _key_names(keys: Iterable[QKeySequence]) -> str:
    return ", ".join(
        k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys if not k.isEmpty()
    )


def _keys(first: str, standard: QKeySequence.StandardKey) -> list[QKeySequence]:
    """``first`` on every platform, then the platform's own keys for the same command (the Back
    mouse key, Cmd+[ on macOS…), each once: a key bound twice to one action is « ambiguous »."""
    found = [QKeySequence(first)]
    for key in QKeySequence.keyBindings(standard):
        if key not in found:
            found.append(key)
    return found


# --- the window --------------------------------------------------------------------------------


class HelpBrowser(QTextBrowser):
    """A text browser reading the manual's pages (generated parts filled) and its style sheet."""

    def __init__(self, providers: dict[str, Provider], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.providers = providers
        self.setOpenLinks(False)  # links are handled by the window: pages, or the template
        self.setSearchPaths([str(help_dir())])

    def page_name(self) -> str:
        return Path(self.source().path()).stem

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 - Qt's name
        path = help_dir() / Path(QUrl(url).path()).name
        if kind == QTextDocument.ResourceType.HtmlResource.value and path.stem in PAGES:
            return render(path.stem, self.providers)
        if path.suffix == ".css" and path.is_file():
            return path.read_text(encoding="utf-8")
        return super().loadResource(kind, url)


class HelpWindow(QWidget):
    """The manual: contents on the left, the page on the right, history and search above."""

    def __init__(
        self,
        parent: QWidget | None = None,
        shortcuts: Callable[[], Sequence[tuple[str, str, str]]] | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("esms-desktop manual"))
        self._shortcuts = shortcuts or (lambda: [])
        providers: dict[str, Provider] = {
            "colonnes": columns_table,
            "valeurs-ars": guidance_table,
            "raccourcis": lambda: shortcuts_table(self._shortcuts()),
            "raccourcis-manuel": lambda: shortcuts_table(self.own_shortcuts()),
        }
        self._texts: dict[str, str] = {}
        self.saved_template: Path | None = None
        self._placed = False

        self.browser = HelpBrowser(providers)
        self.browser.setAccessibleName(self.tr("Page of the manual"))
        self.browser.anchorClicked.connect(self._follow)
        self.browser.sourceChanged.connect(self._page_shown)

        self.contents = QListWidget()
        self.contents.setAccessibleName(self.tr("Contents of the manual"))
        for name in PAGES:
            number = STEP_NUMBERS.get(name)
            title = self._title_of(name)
            item = QListWidgetItem(f"{number}. {title}" if number else title)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.contents.addItem(item)
        self.contents.itemActivated.connect(self._item_chosen)
        self.contents.itemClicked.connect(self._item_chosen)

        self.back_action = QAction(self.tr("Back"), self)
        self.back_action.setShortcuts(_keys("Alt+Left", QKeySequence.StandardKey.Back))
        self.back_action.triggered.connect(lambda _checked=False: self.browser.backward())
        self.back_action.setEnabled(False)
        self.browser.backwardAvailable.connect(self.back_action.setEnabled)
        self.forward_action = QAction(self.tr("Forward"), self)
        self.forward_action.setShortcuts(_keys("Alt+Right", QKeySequence.StandardKey.Forward))
        self.forward_action.triggered.connect(lambda _checked=False: self.browser.forward())
        self.forward_action.setEnabled(False)
        self.browser.forwardAvailable.connect(self.forward_action.setEnabled)
        self.home_action = QAction(self.tr("Contents"), self)
        self.home_action.setShortcut(QKeySequence("Alt+Home"))
        self.home_action.triggered.connect(lambda _checked=False: self.open_page(HOME))
        self.find_action = QAction(self.tr("Search the manual"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(lambda _checked=False: self._focus_search())

        bar = QHBoxLayout()
        for action in (self.back_action, self.forward_action, self.home_action):
            self.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{action.text()} ({keys})")
            bar.addWidget(button)
        self.addAction(self.find_action)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search the manual (Enter: next occurrence)"))
        self.search.setAccessibleName(self.tr("Search the manual"))
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.find_next)
        bar.addWidget(self.search, 1)

        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 760])
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self._fit_screen()

    def _place_beside_parent(self) -> None:
        """The first time: centred on the main window, inside the screen's free area."""
        self._placed = True
        parent = self.parentWidget()
        screen = self.screen() or QGuiApplication.primaryScreen()
        if parent is None or screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry()
        frame.moveCenter(parent.frameGeometry().center())
        x = max(free.left(), min(frame.left(), free.right() - frame.width()))
        y = max(free.top(), min(frame.top(), free.bottom() - frame.height()))
        self.move(x, y)

    def _fit_screen(self) -> None:
        """1000×700, or less on a small screen (a laptop at 150 % keeps its taskbar visible)."""
        width, height = 1000, 700
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            free = screen.availableGeometry()
            width, height = min(width, free.width() - 40), min(height, free.height() - 60)
        self.resize(width, height)

    def own_shortcuts(self) -> list[tuple[str, str, str]]:
        """The manual's own keys (history, search, closing), as set on its actions."""
        where = self.tr("Manual")
        rows = [
            (where, plain_text(a.text()), _key_names(a.shortcuts()))
            for a in (self.back_action, self.forward_action, self.home_action, self.find_action)
        ]
        escape = QKeySequence(Qt.Key.Key_Escape).toString(QKeySequence.SequenceFormat.NativeText)
        rows.append((where, self.tr("Close the manual"), escape))
        return rows

    # --- pages --------------------------------------------------------------------------------

    def _title_of(self, name: str) -> str:
        found = re.search(r"<title>(.*?)</title>", render(name, {}))
        return html.unescape(found.group(1)) if found else name

    def page_text(self, name: str) -> str:
        """The page as plain text (generated parts included), for the search."""
        if name not in self._texts or name == SHORTCUTS:
            document = QTextDocument()
            document.setHtml(render(name, self.browser.providers))
            self._texts[name] = document.toPlainText()
        return self._texts[name]

    def open_page(self, name: str, fragment: str = "") -> None:
        """Show ``name`` (a page of :data:`PAGES`; the home page otherwise), raised and active."""
        if name not in PAGES:
            name = HOME
        url = QUrl(f"{name}.html")
        if fragment:
            url.setFragment(fragment)
        if self.browser.page_name() == name and not fragment:
            self.browser.reload()  # shortcuts may have changed since
        else:
            self.browser.setSource(url)
        if not self._placed:
            self._place_beside_parent()
        self.show()
        self.raise_()
        self.activateWindow()

    def page_name(self) -> str:
        return self.browser.page_name()

    def _page_shown(self, url: QUrl) -> None:
        name = Path(url.path()).stem  # source() may still name the previous page here
        title = self.browser.documentTitle() or name
        self.setWindowTitle(self.tr("%1 — esms-desktop manual").replace("%1", title))
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self.contents.blockSignals(True)
                self.contents.setCurrentItem(item)
                self.contents.blockSignals(False)
        words = self.search.text().strip()
        if words:
            self.find_in_page(words)

    def _item_chosen(self, item: QListWidgetItem) -> None:
        name = str(item.data(Qt.ItemDataRole.UserRole))
        if name != self.page_name():
            self.browser.setSource(QUrl(f"{name}.html"))

    def _follow(self, url: QUrl) -> None:
        if url.toString() == TEMPLATE_ACTION:
            self.save_template()
        elif url.scheme() in ("", "file") and Path(url.path()).stem in PAGES:
            name = Path(url.path()).stem or self.page_name()
            if name == self.page_name() and url.fragment():
                self.browser.scrollToAnchor(url.fragment())
            else:
                self.open_page(name, url.fragment())
        else:  # the manual shows its sources as text: no web page is opened from here
            self.message.setText(
                self.tr("Address to open in your browser: %1").replace("%1", url.toString())
            )

    # --- search -------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find_in_page(self, words: str) -> bool:
        """Select the next occurrence of ``words`` in the page, case and accents ignored."""
        pattern = "".join(
            f"[{_ACCENTED[c]}]" if c in _ACCENTED else QRegularExpression.escape(c)
            for c in fold(" ".join(words.split()))
        )
        expression = QRegularExpression(
            pattern, QRegularExpression.PatternOption.CaseInsensitiveOption
        )
        return self.browser.find(expression)

    def matching_pages(self, words: str) -> list[str]:
        """Pages holding every word typed (case and accents ignored)."""
        wanted = fold(words).split()
        return [n for n in PAGES if all(w in fold(self.page_text(n)) for w in wanted)]

    def _filter(self, words: str) -> None:
        """Only the pages that hold the words typed stay in the contents list."""
        shown = set(self.matching_pages(words)) if words.strip() else set(PAGES)
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            item.setHidden(item.data(Qt.ItemDataRole.UserRole) not in shown)
        if words.strip() and not shown:
            self.message.setText(
                self.tr("No page of the manual contains “%1”.").replace("%1", words.strip())
            )
        else:
            self.message.clear()

    def find_next(self) -> None:
        """Enter in the search field: the next occurrence in this page, then in the next page."""
        words = self.search.text().strip()
        if not words:
            return
        if self.find_in_page(words):
            return
        pages = self.matching_pages(words)
        if not pages:
            return
        current = self.page_name()
        later = (
            [p for p in pages if PAGES.index(p) > PAGES.index(current)] if current in PAGES else []
        )
        target = (later or pages)[0]
        if target == current:  # only this page: start again from its top
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            self.find_in_page(words)
        else:
            self.browser.setSource(QUrl(f"{target}.html"))

    # --- the template -------------------------------------------------------------------------

    def save_template(self) -> None:
        """« Télécharger le modèle »: the blank grappe spreadsheet, where the user chooses."""
        from esms_desktop.importers.grappe_template import write_template_csv, write_template_xlsx

        path = save_file(
            self,
            self.tr("Save the grappe template"),
            self.tr("grappe template.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if path is None:
            return
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + ".xlsx")
        try:
            if path.suffix.lower() == ".csv":
                write_template_csv(path)
            else:
                write_template_xlsx(path)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Save the grappe template"),
                self.tr("The template could not be saved:\n\n%1").replace(
                    "%1", exc.strerror or str(exc)
                ),
            )
            return
        self.saved_template = path
        self.message.setText(self.tr("Template saved: %1").replace("%1", str(path)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.message.clear()
        event.accept()

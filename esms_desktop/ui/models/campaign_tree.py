"""A campaign file as a tree the editor shows: groups in the schema's order, one row per key.

The model holds the raw mapping (the parsed TOML, as :meth:`CampaignLibrary.mapping` gives it)
and is shaped by :data:`~esms_desktop.domain.campaign_schema.CAMPAIGN`: every key of a table has a
row, an absent optional key greyed « not set » so that it can be set; lists (windows, lines,
tranches, bands, reminders) and the named amounts have one row per element. Columns: the key's
short French name (its schema doc as tooltip), its value, its status and its source — a value,
a threshold, a coefficient, a window or a tranche shows its status and source on its own row.

``setData`` reads what was typed with the parser of the key's kind (amounts through
:func:`~esms_desktop.domain.parsing.parse_money`, integers, dates « JJ/MM/AAAA », choices,
booleans as check boxes) and refuses what does not parse: the French reason goes out through
:attr:`CampaignTreeModel.refused` and the old value stays. Rules between keys are not the model's:
after each change the editor runs :func:`~esms_desktop.domain.campaign.parse_campaign` on the
whole mapping and marks the row it names with :meth:`CampaignTreeModel.set_problem`.

A change never touches the mapping in place: the model builds the new mapping and hands it to
``commit`` (the editor pushes it on its undo stack, which calls :meth:`set_mapping`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from esms_desktop.domain.campaign import CampaignError, ValueStatus
from esms_desktop.domain.campaign_guidance import NAMES, KeyPath, pattern
from esms_desktop.domain.campaign_schema import (
    CAMPAIGN,
    COEFFICIENT,
    REMINDER,
    STATUSES,
    THRESHOLD,
    TRANCHE,
    VALUE,
    Key,
    Kind,
    Table,
    as_decimal,
)
from esms_desktop.domain.formatting import format_decimal, format_eur
from esms_desktop.domain.parsing import Parsed, fold, parse_due_date, parse_int
from esms_desktop.services.campaign_library import ID_RULE, check_id
from esms_desktop.ui.models.budget import parse_amount, status_label

Index = QModelIndex | QPersistentModelIndex
Raw = dict[str, Any]

ELEMENT, VALUE_COLUMN, STATUS, SOURCE = range(4)
IDENTITY_KEYS = ("id", "title", "kind", "year", "summary", "source", "ttc", "pnrr")
TOP_KEYS = (
    "windows",
    "size",
    "scope",
    "values",
    "essms_lines",
    "project_lines",
    "og_lines",
    "ceilings",
    "tranches",
    "reminders",
    "notes",
)
"""The groups after « Identité », in the order the brief of the editor gives (notes last)."""
HEADLINE: Mapping[int, str] = {id(VALUE): "amount", id(TRANCHE): "pct", id(REMINDER): "text"}
"""The key an element shows in the Valeur column (a value's amount, a tranche's share)."""
BOOL_DEFAULTS = {"ttc": True, "pnrr": False, "accepted": True}
"""Booleans whose absence means true (domain/campaign.py reads the others as false)."""

_MISSING = object()
_NAME = re.compile(r"^[a-z0-9_]{1,40}$")


def _t(text: str) -> str:
    return QCoreApplication.translate("CampaignTree", text)


# --- reading and writing a mapping by path -----------------------------------------------------


def get(mapping: Any, path: KeyPath) -> Any:
    """The value at ``path``, or ``_MISSING``."""
    node = mapping
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return _MISSING
            node = node[part]
        else:
            if not isinstance(node, Mapping) or part not in node:
                return _MISSING
            node = node[part]
    return node


def missing(value: Any) -> bool:
    return value is _MISSING


def _put(mapping: Raw, path: KeyPath, value: Any) -> None:
    """Set ``path`` in ``mapping``, creating the tables on the way."""
    node: Any = mapping
    for part in path[:-1]:
        if isinstance(part, int):
            node = node[part]
        else:
            if not isinstance(node.get(part), dict | list):
                node[part] = {}
            node = node[part]
    node[path[-1]] = value


def _drop(mapping: Raw, path: KeyPath) -> None:
    parent = get(mapping, path[:-1])
    last = path[-1]
    if isinstance(parent, list) and isinstance(last, int):
        del parent[last]
    elif isinstance(parent, dict):
        parent.pop(last, None)


# --- parsers --------------------------------------------------------------------------------


def _required(parsed: Parsed, key: Key) -> Parsed:
    if parsed.ok and parsed.value is None and key.required:
        return Parsed(problem=_t("this value is required"))
    return parsed


def parse_text(text: str, key: Key) -> Parsed:
    value = text.strip()
    if key.name == "id" and key.required:
        if not value:
            return Parsed(problem=_t("this value is required"))
        try:
            check_id(value)
        except CampaignError:
            return Parsed(problem=ID_RULE)
        return Parsed(value)
    return _required(Parsed(value or None), key)


def parse_percent(text: str) -> Parsed:
    """A tranche's share: 0 to 100, comma or point, an optional « % »; empty is no value."""
    raw = re.sub(r"[\s\u00a0\u202f]", "", text).removesuffix("%").replace(",", ".")
    if not raw:
        return Parsed(None)
    value = _decimal(raw)
    if value is None or value > 100:
        return Parsed(problem=_t("a percentage between 0 and 100 is expected (e.g. 50 or 33,5)"))
    return Parsed(value)


def parse_coefficient(text: str) -> Parsed:
    """A coefficient such as 1,2 (for +20 %); positive, comma or point."""
    raw = re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", ".")
    if not raw:
        return Parsed(None)
    value = _decimal(raw)
    if value is None or value > 100:
        return Parsed(problem=_t("a positive number is expected (1,2 for +20 %)"))
    return Parsed(value)


def _decimal(raw: str) -> Decimal | None:
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+", raw):
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    return value.normalize() if value == value.to_integral_value() else value


def parse_ranks(text: str) -> Parsed:
    """``50`` (from the 50th on) or ``1-49`` / ``1 à 49``; empty is no value."""
    raw = " ".join(text.replace("–", "-").split())
    if not raw:
        return Parsed(None)
    match = re.fullmatch(r"([0-9]{1,6})(?:\s*(?:-|à|a|to)\s*([0-9]{1,6})?)?", raw)
    if match is None or int(match.group(1)) < 1:
        return Parsed(problem=_t("a first rank (50) or a first and last rank (1-49) is expected"))
    first = int(match.group(1))
    if match.group(2) is None:
        return Parsed([first])
    last = int(match.group(2))
    if last < first:
        return Parsed(problem=_t("the last rank comes before the first"))
    return Parsed([first, last])


def parse_choices(text: str, key: Key) -> Parsed:
    """Comma-separated codes among the key's choices (``PA, PH``), case ignored."""
    words = [w.strip() for w in re.split(r"[,;]", text) if w.strip()]
    if not words:
        return _required(Parsed(None), key)
    known = {fold(c): c for c in key.choices}
    chosen: list[str] = []
    for word in words:
        choice = known.get(fold(word))
        if choice is None:
            return Parsed(
                problem=_t("“%1” is not one of: %2")
                .replace("%1", word)
                .replace("%2", ", ".join(key.choices))
            )
        if choice not in chosen:
            chosen.append(choice)
    return Parsed(chosen)


def parse_count(text: str, key: Key) -> Parsed:
    return _required(parse_int(text, minimum=key.minimum), key)


def parse_date(text: str) -> Parsed:
    return parse_due_date(text)


# --- the tree -------------------------------------------------------------------------------


@dataclass(eq=False)
class Node:
    """One row: a group, a key, an element of a list (or a named amount), or a note.

    ``key`` is the schema key at ``path`` (for an element, the key of its list); ``table`` the
    inner table of a group, a table key or an element.
    """

    kind: str  # "identity", "key", "table", "list", "map", "texts", "element", "note"
    path: KeyPath
    key: Key | None = None
    table: Table | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    top: bool = False

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def row(self) -> int:
        return 0 if self.parent is None else self.parent.children.index(self)

    @property
    def headline(self) -> str:
        """The key of an element shown in the Valeur column (``amount``, ``pct``, ``text``)."""
        if self.kind == "element" and self.table is not None:
            return HEADLINE.get(id(self.table), "")
        return ""

    @property
    def value_path(self) -> KeyPath:
        """Where the Valeur column reads and writes."""
        return (*self.path, self.headline) if self.headline else self.path

    @property
    def value_key(self) -> Key | None:
        if self.headline and self.table is not None:
            return self.table.by_name[self.headline]
        if self.kind == "key":
            return self.key
        return None

    @property
    def inline(self) -> bool:
        """A threshold or coefficient: value, status and source held in one key."""
        return self.kind == "key" and self.key is not None and self.key.kind in _INLINE

    @property
    def has_status(self) -> bool:
        return self.inline or (
            self.kind in ("element", "table") and _has(self.table, "status") and not self.top
        )

    @property
    def has_source(self) -> bool:
        return self.inline or (
            self.kind in ("element", "table") and _has(self.table, "source") and not self.top
        )


_INLINE = (Kind.THRESHOLD, Kind.COEFFICIENT)


def _has(table: Table | None, name: str) -> bool:
    return table is not None and name in table.by_name


def _absorbed(node: Node) -> set[str]:
    """Keys of a table shown on its own row (status, source, headline), not as children."""
    names = set()
    if node.has_status:
        names.add("status")
    if node.has_source:
        names.add("source")
    if node.headline:
        names.add(node.headline)
    return names


def build(mapping: Mapping[str, Any]) -> Node:
    """The rows for ``mapping``: every group, key and element, absent keys included."""
    root = Node("root", ())
    identity = root.add(Node("identity", (), top=True))
    for name in IDENTITY_KEYS:
        identity.add(Node("key", (name,), CAMPAIGN.by_name[name]))
    for name in TOP_KEYS:
        key = CAMPAIGN.by_name[name]
        node = _key_node(mapping, key, (name,))
        node.top = True
        root.add(node)
        _fill(mapping, node)
    return root


def _key_node(mapping: Mapping[str, Any], key: Key, path: KeyPath) -> Node:
    kind = {
        Kind.TABLE: "table",
        Kind.TABLES: "list",
        Kind.MAP: "map",
        Kind.TEXTS: "texts",
    }.get(key.kind, "key")
    return Node(kind, path, key, key.table)


def _fill(mapping: Mapping[str, Any], node: Node) -> None:
    raw = get(mapping, node.path)
    if node.kind == "table":
        assert node.table is not None
        skip = _absorbed(node)
        for key in node.table.keys:
            if key.name in skip:
                continue
            child = node.add(_key_node(mapping, key, (*node.path, key.name)))
            _fill(mapping, child)
    elif node.kind == "list":
        items = raw if isinstance(raw, list) else []
        for i in range(len(items)):
            element = node.add(Node("element", (*node.path, i), node.key, node.table))
            _fill_element(mapping, element)
    elif node.kind == "map":
        names = list(raw) if isinstance(raw, Mapping) else []
        for name in names:
            element = node.add(Node("element", (*node.path, str(name)), node.key, node.table))
            _fill_element(mapping, element)
    elif node.kind == "texts":
        items = raw if isinstance(raw, list) else []
        for i in range(len(items)):
            node.add(Node("note", (*node.path, i), node.key))


def _fill_element(mapping: Mapping[str, Any], element: Node) -> None:
    assert element.table is not None
    skip = _absorbed(element)
    for key in element.table.keys:
        if key.name in skip:
            continue
        child = element.add(_key_node(mapping, key, (*element.path, key.name)))
        _fill(mapping, child)


def _shape(root: Node) -> tuple[tuple[str, KeyPath], ...]:
    return tuple((n.kind, n.path) for n in root.walk())


# --- the model ------------------------------------------------------------------------------


class CampaignTreeModel(QAbstractItemModel):
    """The editor's tree over a campaign mapping; see the module's docstring."""

    refused = Signal(str)
    """Why the last value typed was not kept (French), or an empty text once one is."""

    def __init__(
        self,
        mapping: Mapping[str, Any],
        *,
        read_only: bool = False,
        commit: Callable[[Raw, str], None] | None = None,
    ) -> None:
        super().__init__()
        self._mapping: Raw = copy.deepcopy(dict(mapping))
        self._root = build(self._mapping)
        self.read_only = read_only
        self.commit: Callable[[Raw, str], None] = commit or (
            lambda after, _text: self.set_mapping(after)
        )
        self._problem: Node | None = None
        self._problem_path: KeyPath | None = None

    # --- the mapping ---------------------------------------------------------------------

    @property
    def mapping(self) -> Raw:
        """A copy of the campaign as it stands (the model's own is never handed out)."""
        return copy.deepcopy(self._mapping)

    def set_mapping(self, mapping: Mapping[str, Any]) -> None:
        """Show ``mapping``: row by row when the rows are the same, else from scratch."""
        new = copy.deepcopy(dict(mapping))
        root = build(new)
        if _shape(root) == _shape(self._root):
            self._mapping = new
            self._changed_everywhere(self._root)
        else:
            self.beginResetModel()
            self._mapping, self._root, self._problem = new, root, None
            self.endResetModel()
        if self._problem_path is not None:
            self.set_problem(self._problem_path)

    def _changed_everywhere(self, node: Node) -> None:
        if node.children:
            first = self.createIndex(0, 0, node.children[0])
            last = self.createIndex(len(node.children) - 1, 3, node.children[-1])
            self.dataChanged.emit(first, last)
            for child in node.children:
                self._changed_everywhere(child)

    def raw(self, path: KeyPath) -> Any:
        return get(self._mapping, path)

    # --- nodes and indexes ---------------------------------------------------------------

    def node(self, index: Index) -> Node | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, Node) else None

    def nodes(self) -> Iterator[Node]:
        for child in self._root.children:
            yield from child.walk()

    def index_of(self, node: Node, column: int = 0) -> QModelIndex:
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def find(self, path: KeyPath) -> Node | None:
        """The row showing ``path``: the deepest whose path starts it (a threshold's ``value``
        is shown on the threshold's row, a value's ``amount`` on the value's; a path outside
        every group, on « Identité »)."""
        best: Node | None = None
        for node in self.nodes():
            size = len(node.path)
            if node.path == path[:size] and (best is None or size > len(best.path)):
                best = node
        return best

    def index_for(self, path: KeyPath, column: int = 0) -> QModelIndex:
        node = self.find(path)
        return self.index_of(node, column) if node is not None else QModelIndex()

    def set_problem(self, path: KeyPath | None) -> None:
        """Mark the row of ``path`` (the validation's problem) with a warning icon."""
        old = self._problem
        self._problem_path = path
        self._problem = self.find(path) if path is not None else None
        for node in (old, self._problem):
            if node is not None and node.parent is not None:
                index = self.index_of(node)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    @property
    def problem_node(self) -> Node | None:
        return self._problem

    # --- Qt's model interface ------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        owner = self.node(parent) or self._root
        if not 0 <= row < len(owner.children) or not 0 <= column < 4:
            return QModelIndex()
        return self.createIndex(row, column, owner.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid() and parent.column() != 0:
            return 0
        owner = self.node(parent) or self._root
        return len(owner.children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 4

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_t("Item"), _t("Value"), _t("Status"), _t("Source"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return flags
        column = index.column()
        if column == VALUE_COLUMN:
            key = node.value_key
            if node.kind == "note":
                flags |= Qt.ItemFlag.ItemIsEditable
            elif key is not None and key.kind is Kind.BOOL:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            elif key is not None:
                flags |= Qt.ItemFlag.ItemIsEditable
        elif (column == STATUS and node.has_status) or (column == SOURCE and node.has_source):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(node, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == VALUE_COLUMN:
            key = node.value_key
            if key is not None and key.kind is Kind.BOOL:
                return Qt.CheckState.Checked if self._bool(node, key) else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == ELEMENT and node is self._problem:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.FontRole and node.top:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and self._greyed(node, column):
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and node is self._problem:
            return _t("this row has the problem shown under the tree")
        return None

    # --- what the cells say --------------------------------------------------------------

    def title(self, node: Node) -> str:
        """The row's name: the key's short French name, or the element's label."""
        if node.kind == "identity":
            return _t("Identity")
        if node.kind in ("element", "note"):
            return self._element_title(node)
        return NAMES.get(pattern(node.path), str(node.path[-1]))

    def _element_title(self, node: Node) -> str:
        last = node.path[-1]
        number = str(last + 1) if isinstance(last, int) else ""
        raw = self.raw(node.path)
        list_name = pattern(node.path[:-1])
        if node.kind == "note":
            return _t("Note %1").replace("%1", number)
        if list_name == "values":
            label = raw.get("label") if isinstance(raw, Mapping) else None
            return str(label) if label else str(last)
        if list_name in ("windows", "tranches"):
            label = raw.get("label") if isinstance(raw, Mapping) else None
            if label:
                return str(label)
            text = _t("Step %1") if list_name == "windows" else _t("Payment %1")
            return text.replace("%1", number)
        if list_name == "essms_lines.bands":
            return _t("Band %1").replace("%1", number)
        if list_name == "reminders":
            return _t("Reminder %1").replace("%1", number)
        return _t("Line %1").replace("%1", number)

    def _display(self, node: Node, column: int) -> str | None:
        if column == ELEMENT:
            return self.title(node)
        if column == VALUE_COLUMN:
            return self._value_text(node)
        if column == STATUS and node.has_status:
            status = self._field(node, "status")
            if missing(status):  # the format's default, once there is a value to describe
                return "" if missing(self.raw(node.path)) else status_label(ValueStatus.SEED)
            return status_label(ValueStatus(status)) if status in STATUSES else str(status)
        if column == SOURCE and node.has_source:
            source = self._field(node, "source")
            return "" if missing(source) else str(source)
        return None

    def _value_text(self, node: Node) -> str:
        if node.kind == "note":
            raw = self.raw(node.path)
            return "" if missing(raw) else str(raw)
        key = node.value_key
        if key is None:
            return self._summary(node)
        raw = self.raw(node.value_path)
        if missing(raw):
            if node.headline == "amount":
                fallback = self.raw((*node.path, "fallback"))
                if not missing(fallback) and as_decimal(fallback) is not None:
                    return _t("to be filled in (provisional: %1)").replace(
                        "%1", format_eur(as_decimal(fallback))
                    )
                return _t("to be filled in")
            if key.kind is Kind.BOOL and key.name in BOOL_DEFAULTS:
                return _t("not set (yes by default)")
            return _t("not set")
        return self.format_value(node, key, raw)

    def format_value(self, node: Node, key: Key, raw: Any) -> str:
        kind = key.kind
        if node.inline and isinstance(raw, Mapping):
            raw = raw.get("value", "")
        if kind is Kind.BOOL:
            return _t("yes") if raw else _t("no")
        if kind is Kind.AMOUNT:
            number = as_decimal(raw)
            if number is None:
                return str(raw)
            if key is TRANCHE.by_name["pct"]:
                return format_decimal(number) + "\u00a0%"
            return format_eur(number)
        if kind is Kind.COEFFICIENT:
            number = as_decimal(raw)
            return str(raw) if number is None else "× " + format_decimal(number)
        if kind is Kind.DATE and isinstance(raw, date):
            return raw.strftime("%d/%m/%Y")
        if kind in (Kind.CHOICES, Kind.TEXTS) and isinstance(raw, list):
            return ", ".join(str(x) for x in raw)
        if kind is Kind.RANKS and isinstance(raw, list) and raw:
            if len(raw) == 1:
                return _t("from %1 on").replace("%1", str(raw[0]))
            return f"{raw[0]}–{raw[1]}"
        if kind is Kind.TEXT and key.ref == "values":
            label = self.raw(("values", str(raw), "label"))
            return f"{raw} — {label}" if not missing(label) else str(raw)
        return str(raw)

    def _summary(self, node: Node) -> str:
        raw = self.raw(node.path)
        if node.top:
            return ""
        if node.kind == "table":
            return _t("not set") if missing(raw) or not raw else ""
        if node.kind in ("list", "texts", "map"):
            return _t("not set") if missing(raw) else str(len(raw))
        if node.kind != "element" or not isinstance(raw, Mapping):
            return ""
        name = pattern(node.path[:-1])
        if name == "windows":
            start, end = raw.get("start"), raw.get("end")
            days = [d.strftime("%d/%m/%Y") if isinstance(d, date) else "…" for d in (start, end)]
            if start is None and end is None:
                return _t("no date")
            if start is None:
                return _t("until %1").replace("%1", days[1])
            if end is None:
                return _t("from %1").replace("%1", days[0])
            return f"{days[0]} → {days[1]}"
        if name == "essms_lines.bands":
            to = raw.get("to")
            span = (
                f"{raw.get('from', '?')}–{to}"
                if to is not None
                else _t("from %1 on").replace("%1", str(raw.get("from", "?")))
            )
            return f"{span} : {raw.get('value', '')}"
        if name == "essms_lines":
            if "bands" in raw:
                amount = ", ".join(str(b.get("value", "")) for b in raw.get("bands", []))
            else:
                amount = str(raw.get("value", ""))
            projects = ", ".join(str(p) for p in raw.get("projects", []))
            return f"{amount} · {projects}" if projects else amount
        return str(raw.get("value", ""))

    def _tooltip(self, node: Node, column: int) -> str | None:
        if column == ELEMENT:
            if node.kind == "identity":
                return None
            key = node.key
            return key.doc if key is not None else None
        if column == VALUE_COLUMN:
            key = node.value_key
            return key.doc if key is not None else self._display(node, column)
        return self._display(node, column) or None

    def _edit_text(self, node: Node, column: int) -> Any:
        if column == STATUS:
            status = self._field(node, "status")
            return "" if missing(status) else str(status)
        if column == SOURCE:
            source = self._field(node, "source")
            return "" if missing(source) else str(source)
        if column != VALUE_COLUMN:
            return None
        if node.kind == "note":
            raw = self.raw(node.path)
            return "" if missing(raw) else str(raw)
        key = node.value_key
        if key is None:
            return None
        raw = self.raw(node.value_path)
        if missing(raw):
            return ""
        if node.inline and isinstance(raw, Mapping):
            raw = raw.get("value", "")
        if key.kind in (Kind.AMOUNT, Kind.COEFFICIENT):
            number = as_decimal(raw)
            return "" if number is None else format_decimal(number)
        if key.kind is Kind.DATE and isinstance(raw, date):
            return raw.strftime("%d/%m/%Y")
        if key.kind is Kind.CHOICES and isinstance(raw, list):
            return ", ".join(str(x) for x in raw)
        if key.kind is Kind.RANKS and isinstance(raw, list) and raw:
            return str(raw[0]) if len(raw) == 1 else f"{raw[0]}-{raw[1]}"
        return str(raw)

    def _field(self, node: Node, name: str) -> Any:
        """A status or source: inside a threshold's table, or a key of the element's table."""
        raw = self.raw(node.path)
        if node.inline:
            return raw.get(name, _MISSING) if isinstance(raw, Mapping) else _MISSING
        return get(self._mapping, (*node.path, name))

    def _bool(self, node: Node, key: Key) -> bool:
        raw = self.raw(node.value_path)
        if missing(raw):
            return BOOL_DEFAULTS.get(key.name, False)
        return bool(raw)

    def _greyed(self, node: Node, column: int) -> bool:
        if node.top or node.kind == "identity":
            return False
        if column == VALUE_COLUMN and node.value_key is not None:
            return missing(self.raw(node.value_path))
        if column == ELEMENT and node.kind in ("key", "table", "list"):
            return missing(self.raw(node.path))
        return False

    # --- editing -------------------------------------------------------------------------

    def choices(self, index: Index) -> list[tuple[str, str]] | None:
        """``(value, label)`` pairs when the cell is a choice (a combo box), else ``None``."""
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if column == STATUS and node.has_status:
            labels = [(s, status_label(ValueStatus(s))) for s in STATUSES]
            return [("", _t("(not set: founding documents)")), *labels]
        if column != VALUE_COLUMN:
            return None
        key = node.value_key
        if key is None:
            return None
        if key.kind is Kind.CHOICE:
            pairs = [(c, c) for c in key.choices]
            return pairs if key.required else [("", _t("(not set)")), *pairs]
        if key.kind is Kind.TEXT and key.ref == "values":
            values = self.raw(("values",))
            names = list(values) if isinstance(values, Mapping) else []
            pairs = [(str(n), f"{n} — {values[n].get('label', '')}") for n in names]
            return pairs if key.required else [("", _t("(not set)")), *pairs]
        return None

    def parser(self, index: Index) -> Callable[[str], Parsed] | None:
        """How the text typed in a cell is read (the line editor shows its problem live)."""
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if column == SOURCE:
            return lambda text: Parsed(text.strip() or None)
        if column != VALUE_COLUMN:
            return None
        if node.kind == "note":
            return lambda text: (
                Parsed(text.strip())
                if text.strip()
                else Parsed(problem=_t("a note cannot be empty"))
            )
        key = node.value_key
        if key is None or self.choices(index) is not None:
            return None
        return _parser_for(key)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        node = self.node(index)
        if node is None or self.read_only:
            return False
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == VALUE_COLUMN:
            key = node.value_key
            if key is None or key.kind is not Kind.BOOL:
                return False
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            return self._apply(node, "value", checked, self.title(node))
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        text = "" if value is None else str(value)
        if column == STATUS:
            if text and text not in STATUSES:
                return self._refuse(node, column, text, _t("unknown status"))
            return self._apply(node, "status", text or None, self.title(node))
        parse = self.parser(index)
        if parse is None:  # a choice: the combo box gives a valid value or ""
            return self._apply(node, "value", text or None, self.title(node))
        parsed = parse(text)
        if not parsed.ok:
            return self._refuse(node, column, text, parsed.problem)
        field_name = "source" if column == SOURCE else "value"
        return self._apply(node, field_name, parsed.value, self.title(node))

    def _refuse(self, node: Node, column: int, text: str, reason: str) -> bool:
        self.refused.emit(
            _t("“%1” was not kept (%2, %3): %4. The previous value stays.")
            .replace("%1", text.strip())
            .replace("%2", self.title(node))
            .replace("%3", str(self.headerData(column, Qt.Orientation.Horizontal)))
            .replace("%4", reason)
        )
        return False

    def _apply(self, node: Node, field_name: str, value: Any, what: str) -> bool:
        after = copy.deepcopy(self._mapping)
        if node.kind == "note":
            after.setdefault("notes", [])[node.path[-1]] = value
        elif field_name == "value":
            _write_value(after, node, _plain_number(value))
            _mark_typed(after, node, value)
        elif not _write_field(after, node, field_name, value):
            self.refused.emit(_t("Type the value first, then its status or source."))
            return False
        self.refused.emit("")
        if after != self._mapping:
            self.commit(after, _t("Change %1").replace("%1", what))
        return True


_TYPED = (Kind.AMOUNT, Kind.INT, Kind.DATE, Kind.THRESHOLD, Kind.COEFFICIENT, Kind.RANKS)
"""Kinds of values a person copies from a cahier des charges (not labels or notes)."""


def _plain_number(value: Any) -> Any:
    """Whole euros written as integers (``12500``, not ``12500.00``), cents kept."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def _mark_typed(after: Raw, node: Node, value: Any) -> None:
    """A value typed here comes from the user's cahier des charges: its status (or that of the
    window, tranche or rule holding it) becomes « saisi »; an amount emptied is « à confirmer »
    again, as the format wants of an amount without ``amount``."""
    key = node.value_key
    if key is None or key.kind not in _TYPED or key.name == "fallback":
        return
    owner = node if node.has_status else node.parent
    if owner is None or not owner.has_status:
        return
    if value is None:
        if owner.headline == "amount" and node is owner:
            _put(after, (*owner.path, "status"), "a_confirmer")
        return
    _write_field(after, owner, "status", "saisi")


def _write_value(after: Raw, node: Node, value: Any) -> None:
    path = node.value_path
    current = get(after, path)
    if value is None:  # a threshold's status and source go with the value they describe
        _drop(after, path)
        _prune(after, path[:-1])
    elif node.inline and isinstance(current, dict):
        current["value"] = value
    else:
        _put(after, path, value)


def _write_field(after: Raw, node: Node, name: str, value: Any) -> bool:
    """Set or clear the status or source of ``node``; False when there is no value yet to
    describe (a threshold not set)."""
    if node.inline:
        current = get(after, node.path)
        if missing(current):
            return value is None
        table = dict(current) if isinstance(current, Mapping) else {"value": current}
        if value is None:
            table.pop(name, None)
        else:
            table[name] = value
        _put(after, node.path, table["value"] if set(table) == {"value"} else table)
        return True
    path = (*node.path, name)
    if value is None:
        _drop(after, path)
        _prune(after, node.path)
    else:
        _put(after, path, value)
    return True


def _parser_for(key: Key) -> Callable[[str], Parsed]:
    kind = key.kind
    if kind is Kind.AMOUNT:
        if key is TRANCHE.by_name["pct"]:
            return lambda text: _required(parse_percent(text), key)
        if key is COEFFICIENT.by_name["value"]:
            return lambda text: _required(parse_coefficient(text), key)
        return lambda text: _required(parse_amount(text), key)
    if kind is Kind.COEFFICIENT:
        return parse_coefficient
    if kind is Kind.INT:
        return lambda text: parse_count(text, key)
    if kind is Kind.THRESHOLD:
        return lambda text: parse_int(text, minimum=THRESHOLD.by_name["value"].minimum)
    if kind is Kind.DATE:
        return lambda text: _required(parse_date(text), key)
    if kind is Kind.CHOICES:
        return lambda text: parse_choices(text, key)
    if kind is Kind.RANKS:
        return parse_ranks
    return lambda text: parse_text(text, key)


_OPTIONAL_TABLES = ("one_region", "several_regions", "island")


def _prune(after: Raw, path: KeyPath) -> None:
    """Remove the optional tables a clearing left empty (``[size.one_region]``, ``island``,
    ``[scope]``): an empty table says nothing, and an empty ``island`` would be refused."""
    while path:
        last = path[-1]
        optional = last in _OPTIONAL_TABLES or (
            len(path) == 1 and last in ("size", "scope", "ceilings")
        )
        raw = get(after, path)
        if not optional or not isinstance(raw, dict) or raw:
            return
        _drop(after, path)
        path = path[:-1]


# --- structure: adding and removing elements ------------------------------------------------


def list_of(node: Node | None) -> Node | None:
    """The list (or named amounts, or notes) a row belongs to, for « Add » and « Remove »."""
    while node is not None:
        if node.kind in ("list", "map", "texts"):
            return node
        node = node.parent
    return None


def new_element(mapping: Mapping[str, Any], owner: Node) -> Any:
    """A new element for the list ``owner``: only what the format requires, left empty where a
    person must type it (the validation then points at it)."""
    name = pattern(owner.path)
    if name == "notes":
        return ""
    if name == "windows":
        return {"label": "", "status": "saisi"}
    if name == "tranches":
        return {"label": "", "pct": 0, "status": "saisi"}
    if name == "reminders":
        return {"text": "", "projects": ["acquisition", "conformite"]}
    values = get(mapping, ("values",))
    first = next(iter(values), "") if isinstance(values, Mapping) else ""
    if name == "essms_lines.bands":
        bands = get(mapping, owner.path)
        tops = [b.get("to") or b.get("from", 0) for b in bands] if isinstance(bands, list) else []
        return {"from": max(tops, default=0) + 1, "value": first}
    if name == "essms_lines":
        return {"value": first, "projects": ["acquisition"]}
    return {"value": first}


def value_name_problem(mapping: Mapping[str, Any], name: str) -> str:
    """Why ``name`` cannot name a new amount ([values]), or an empty text."""
    if not _NAME.match(name):
        return _t("lower-case letters without accents, digits and _ only (e.g. acquisition_2026)")
    values = get(mapping, ("values",))
    if isinstance(values, Mapping) and name in values:
        return _t("an amount of this name already exists")
    return ""


def with_element(mapping: Mapping[str, Any], owner: Node, name: str = "") -> tuple[Raw, KeyPath]:
    """``mapping`` with a new element at the end of ``owner`` (a named one for amounts), and the
    path of that element."""
    after = copy.deepcopy(dict(mapping))
    if owner.kind == "map":
        _put(after, (*owner.path, name), {"label": "", "status": "a_confirmer"})
        return after, (*owner.path, name)
    items = get(after, owner.path)
    if not isinstance(items, list):
        items = []
        _put(after, owner.path, items)
    items.append(new_element(after, owner))
    return after, (*owner.path, len(items) - 1)


def without(mapping: Mapping[str, Any], node: Node) -> Raw:
    """``mapping`` without the element, note or optional key of ``node``."""
    after = copy.deepcopy(dict(mapping))
    if node.inline or node.kind in ("key", "table", "list", "texts"):
        _drop(after, node.path)
        _prune(after, node.path[:-1])
    else:
        _drop(after, node.path)
    return after


def is_element(node: Node | None) -> bool:
    """An element of a list, a named amount or a note: « Remove » takes it away."""
    return node is not None and node.kind in ("element", "note")


def clearable(model: CampaignTreeModel, node: Node | None) -> bool:
    """An optional key (or table) that is set: « Clear » takes it back to « not set »."""
    if node is None or model.read_only or node.top or node.kind in ("identity", "element", "note"):
        return False
    if node.key is None or node.key.required:
        return False
    return not missing(model.raw(node.path))

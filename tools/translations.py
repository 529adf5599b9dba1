"""Translation workflow: extract the interface's strings into translations/*.ts, compile .qm.

    python -m tools.translations extract   # update the .ts files from the sources
    python -m tools.translations check     # exit 1 if a .ts is out of date or French incomplete
    python -m tools.translations compile   # .ts → .qm (pyside6-lrelease), done by the build

Why our own extractor: the sources wrap ``QCoreApplication.translate`` in small ``_t`` helpers
per module, which ``lupdate`` cannot follow; reading the AST finds ``self.tr("…")``,
``QCoreApplication.translate("Context", "…")`` and ``_t("…")`` (context taken from the module's
``_t`` definition) exactly. The files written are ordinary Qt Linguist files.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "esms_desktop" / "ui", ROOT / "esms_desktop" / "app.py"]
TS_DIR = ROOT / "translations"
LANGUAGES = {"fr": "fr_FR", "en": "en_GB"}
PLACEHOLDER = re.compile(r"%\d")
Message = tuple[str, str]  # (context, source)


def _const(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _helper_context(tree: ast.Module) -> str | None:
    """The context string used by the module's ``_t`` helper, if it has one."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "_t":
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and _is_translate(call) and call.args:
                    return _const(call.args[0])
    return None


def _is_translate(call: ast.Call) -> bool:
    f = call.func
    return (isinstance(f, ast.Attribute) and f.attr == "translate") or (
        isinstance(f, ast.Name) and f.id == "t"
    )


def messages_in(path: Path) -> Iterator[Message]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    helper = _helper_context(tree)

    def visit(node: ast.AST, cls: str | None) -> Iterator[Message]:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.ClassDef) else cls
            if isinstance(child, ast.Call):
                f = child.func
                if isinstance(f, ast.Attribute) and f.attr == "tr" and child.args and cls:
                    text = _const(child.args[0])
                    if text is not None:
                        yield (cls, text)
                elif _is_translate(child) and len(child.args) >= 2:
                    ctx, text = _const(child.args[0]), _const(child.args[1])
                    if ctx is not None and text is not None:
                        yield (ctx, text)
                elif isinstance(f, ast.Name) and f.id == "_t" and child.args and helper:
                    text = _const(child.args[0])
                    if text is not None:
                        yield (helper, text)
            yield from visit(child, inner)

    yield from visit(tree, None)


def extract() -> list[Message]:
    """Every translatable (context, source) of the interface, in a stable order."""
    found: dict[Message, None] = {}
    for src in SOURCES:
        files = sorted(src.rglob("*.py")) if src.is_dir() else [src]
        for path in files:
            for message in messages_in(path):
                found.setdefault(message, None)
    return sorted(found, key=lambda m: (m[0], m[1]))


def read_ts(path: Path) -> dict[Message, str | None]:
    """(context, source) → translation (None when unfinished)."""
    table: dict[Message, str | None] = {}
    if not path.exists():
        return table
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            tr = message.find("translation")
            done = tr is not None and tr.get("type") not in ("unfinished", "obsolete", "vanished")
            table[(name, message.findtext("source", ""))] = (tr.text or "") if done else None
    return table


def write_ts(
    path: Path, language: str, messages: list[Message], translations: dict[Message, str | None]
) -> None:
    root = ET.Element("TS", version="2.1", language=LANGUAGES[language])
    by_context: dict[str, list[str]] = {}
    for ctx, source in messages:
        by_context.setdefault(ctx, []).append(source)
    for ctx, sources in by_context.items():
        c = ET.SubElement(root, "context")
        ET.SubElement(c, "name").text = ctx
        for source in sources:
            m = ET.SubElement(c, "message")
            ET.SubElement(m, "source").text = source
            text = translations.get((ctx, source))
            if language == "en" and text is None:
                text = source  # English is the source language
            tr = ET.SubElement(m, "translation")
            if text is None:
                tr.set("type", "unfinished")
            else:
                tr.text = text
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def problems(language: str = "fr") -> list[str]:
    """What is wrong with a .ts: strings missing, unfinished, obsolete or bad placeholders."""
    path = TS_DIR / f"esms_desktop_{language}.ts"
    table = read_ts(path)
    wanted = extract()
    out = [f"absent de {path.name} : [{c}] {s!r}" for c, s in wanted if (c, s) not in table]
    out += [
        f"obsolète dans {path.name} : [{c}] {s!r}" for c, s in table if (c, s) not in set(wanted)
    ]
    for (c, s), text in table.items():
        if (c, s) not in set(wanted):
            continue
        if text is None or not text.strip():
            out.append(f"non traduit dans {path.name} : [{c}] {s!r}")
        elif sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(text)):
            out.append(f"marqueurs %N différents dans {path.name} : [{c}] {s!r} → {text!r}")
    return out


def update(language: str) -> None:
    path = TS_DIR / f"esms_desktop_{language}.ts"
    TS_DIR.mkdir(exist_ok=True)
    write_ts(path, language, extract(), read_ts(path))


def compile_all(out_dir: Path | None = None) -> list[Path]:
    """Compile every .ts to .qm with pyside6-lrelease (beside the .ts unless ``out_dir``)."""
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    written = []
    for ts in sorted(TS_DIR.glob("*.ts")):
        qm = (out_dir or TS_DIR) / ts.with_suffix(".qm").name
        subprocess.run([tool, str(ts), "-qm", str(qm)], check=True, capture_output=True)
        written.append(qm)
    return written


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "extract":
        for language in LANGUAGES:
            update(language)
        print(f"{len(extract())} chaînes extraites dans {TS_DIR}")
        return 0
    if command == "compile":
        for qm in compile_all():
            print(qm)
        return 0
    found = problems("fr") + problems("en")
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

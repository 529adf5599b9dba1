"""The build files hold together (fast checks: no PyInstaller run, no Windows needed).

The PyInstaller spec names what the program reads from disk, carries exactly the Qt modules the
code imports, and keeps the plugins a Windows/Linux window needs; the Inno Setup script installs
without administrator rights, in French, with the .esms association and a data-preserving
uninstall; the version is written only in ``esms_desktop.__version__``; ``build.py`` runs and
writes a correct portable zip.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from esms_desktop import __version__
from esms_desktop.paths import PORTABLE_MARKER

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "esms-desktop.spec"
ISS = PACKAGING / "installer.iss"
BUILD = PACKAGING / "build.py"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
LINUX_WORKFLOW = ROOT / ".github" / "workflows" / "linux.yml"
RUFF = Path(sys.executable).parent / "ruff"


def load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("esms_build_script", BUILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), str(SPEC))


def spec_constant(name: str) -> object:
    for node in spec_tree().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} absent de {SPEC.name}")


def spec_filter() -> dict[str, object]:
    """``wanted`` and its tables, executed alone (the rest of the spec needs PyInstaller)."""
    keep = {
        "UNWANTED_QT_LIBRARIES",
        "UNWANTED_QT_FILES",
        "DROPPED_PLUGIN_TYPES",
        "KEPT_PLATFORMS",
        "DROPPED_PLUGINS",
        "QT_TRANSLATIONS_KEPT",
        "plugin_name",
        "wanted",
    }
    nodes = [
        node
        for node in spec_tree().body
        if (isinstance(node, ast.FunctionDef) and node.name in keep)
        or (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id in keep for t in node.targets)
        )
    ]
    namespace: dict[str, object] = {"re": re, "sys": sys, "Path": Path}
    exec(compile(ast.Module(body=nodes, type_ignores=[]), str(SPEC), "exec"), namespace)
    assert keep <= namespace.keys()
    return namespace


# --- PyInstaller spec ---------------------------------------------------------------------------


def test_spec_is_python_and_ships_what_the_program_reads_from_disk() -> None:
    text = SPEC.read_text(encoding="utf-8")
    spec_tree()  # parses
    assert '"resources"' in text
    assert '"translations"' in text and "esms_desktop_*.qm" in text and "qtbase_fr" in text
    assert '"esms_desktop/storage/migrations"' in text  # Alembic loads env.py from disk
    assert "launcher.py" in text
    assert "COLLECT(" in text and text.count("EXE(") == 2  # one folder, two executables
    assert "console=False" in text and "console=True" in text
    assert 'name="esms-desktop-cli"' in text
    assert "esms-desktop.ico" in text


@pytest.mark.skipif(not RUFF.exists(), reason="ruff n'est pas installé dans cet environnement")
@pytest.mark.parametrize("args", [["check"], ["format", "--check"]])
def test_spec_is_ruff_clean(args: list[str]) -> None:
    """Ruff skips *.spec files on its own; the spec is Python all the same."""
    proc = subprocess.run(
        [str(RUFF), *args, "--stdin-filename", "packaging/esms_desktop_spec.py", "-"],
        input=SPEC.read_bytes(),
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr).decode("utf-8", "replace")


def pyside_modules_imported() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "esms_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                found.add(node.module.split(".")[1])  # type: ignore[union-attr]
            elif isinstance(node, ast.Import):
                found.update(
                    a.name.split(".")[1] for a in node.names if a.name.startswith("PySide6.")
                )
    return found


def test_spec_keeps_exactly_the_qt_modules_the_code_imports() -> None:
    used, unused = spec_constant("QT_USED"), spec_constant("QT_UNUSED")
    assert isinstance(used, set) and isinstance(unused, list)
    imported = pyside_modules_imported()
    assert imported <= used, f"ajouter {imported - used} à QT_USED dans {SPEC.name}"
    assert not imported & set(unused), f"{imported & set(unused)} exclu mais importé"
    for heavy in ("QtQml", "QtQuick", "Qt3DCore", "QtWebEngineCore", "QtMultimedia", "QtSvg"):
        assert heavy in unused
    # the print preview and printing (ui/print_preview.py), from Addons only QtPdf
    assert {"QtPdf", "QtPdfWidgets", "QtPrintSupport"} <= imported


def test_spec_keeps_stdnum_importable() -> None:
    """python-stdnum imports pydoc at start (stdnum.util): excluding it broke every bundle."""
    excludes = next(
        node.value
        for node in spec_tree().body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "EXCLUDES" for t in node.targets)
    )
    assert isinstance(excludes, ast.BinOp)
    listed = ast.literal_eval(excludes.right)
    assert "pydoc" not in listed and "pkgutil" not in listed


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        # Windows wheel layout
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/plugins/platforms/qoffscreen.dll", True),
        ("PySide6/plugins/platforms/qdirect2d.dll", False),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/plugins/imageformats/qico.dll", True),
        ("PySide6/plugins/imageformats/qsvg.dll", False),
        ("PySide6/plugins/tls/qschannelbackend.dll", False),
        ("PySide6/Qt6Widgets.dll", True),
        ("PySide6/Qt6Qml.dll", False),
        ("PySide6/Qt6Quick.dll", False),
        ("PySide6/opengl32sw.dll", False),
        ("PySide6/Qt6Pdf.dll", True),  # print preview and printing
        ("PySide6/Qt6PdfWidgets.dll", True),
        ("PySide6/Qt6PrintSupport.dll", True),
        ("PySide6/Qt6PdfQuick.dll", False),
        ("PySide6/plugins/imageformats/qpdf.dll", False),  # PDF as an image: not the preview
        ("PySide6/translations/qtbase_fr.qm", True),
        ("PySide6/translations/qtbase_de.qm", False),
        # Linux wheel layout
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/lib/libQt6Gui.so.6", True),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
        ("PySide6/Qt/lib/libQt6PdfWidgets.so.6", True),
        ("PySide6/Qt/lib/libQt6PrintSupport.so.6", True),
        ("PySide6/Qt/lib/libQt6PdfQuick.so.6", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", False),
        ("libQt6Svg.so.6", False),
        # ours
        ("translations/esms_desktop_fr.qm", True),
        ("translations/qtbase_fr.qm", True),
        ("resources/fonts/DejaVuSans.ttf", True),
        ("esms_desktop/storage/migrations/env.py", True),
    ],
)
def test_spec_qt_file_filter(dest: str, kept: bool) -> None:
    wanted = spec_filter()["wanted"]
    assert wanted((dest, "/src/" + dest, "BINARY")) is kept  # type: ignore[operator]


def test_launcher_runs_the_same_main_as_python_m() -> None:
    text = (PACKAGING / "launcher.py").read_text(encoding="utf-8")
    assert "from esms_desktop.__main__ import main" in text
    assert "sys.exit(main())" in text


def test_icon_has_the_windows_sizes() -> None:
    data = (PACKAGING / "esms-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = {(struct.unpack_from("<B", data, 6 + 16 * i)[0] or 256) for i in range(count)}
    assert {16, 24, 32, 48, 256} <= sizes
    assert (PACKAGING / "esms-desktop.png").read_bytes().startswith(b"\x89PNG")


# --- Inno Setup ---------------------------------------------------------------------------------


def iss_text() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "installer.iss : UTF-8 avec BOM (accents)"
    return raw.decode("utf-8-sig")


def iss_setting(name: str) -> str:
    match = re.search(rf"^{name}=(.*)$", iss_text(), re.MULTILINE)
    assert match, f"{name} absent de {ISS.name}"
    return match.group(1).strip()


def test_installer_per_user_without_admin_by_default() -> None:
    assert iss_setting("PrivilegesRequired") == "lowest"
    assert set(iss_setting("PrivilegesRequiredOverridesAllowed").split()) == {
        "dialog",
        "commandline",
    }
    assert iss_setting("DefaultDirName") == r"{autopf}\{#AppName}"
    assert "/ALLUSERS" in iss_text() and "/VERYSILENT /SUPPRESSMSGBOXES /NORESTART" in iss_text()


def test_installer_in_french_with_start_menu_and_desktop_task() -> None:
    text = iss_text()
    assert re.search(r'MessagesFile: "compiler:Languages\\French\.isl"', text)
    icons = text.split("[Icons]", 1)[1].split("\n[", 1)[0]
    entries = [line for line in icons.splitlines() if line.startswith("Name:")]
    # one top-level Start-menu shortcut, no folder, no uninstall shortcut
    menu = [line for line in entries if line.startswith('Name: "{autoprograms}')]
    assert len(menu) == 1 and "ESMS numérique" in menu[0]
    assert not [line for line in entries if "{group}" in line or "{uninstallexe}" in line]
    assert re.search(r'^Name: "desktopicon".*Flags: unchecked', text, re.MULTILINE)


def test_installer_associates_esms_files() -> None:
    text = iss_text()
    assert iss_setting("ChangesAssociations") == "yes"
    assert re.search(r'Root: HKA; Subkey: "Software\\Classes\\\.esms"', text)
    assert re.search(r'shell\\open\\command".*ValueData: """\{app\}\\\{#AppExe\}"" ""%1"""', text)


def test_uninstall_keeps_data_unless_asked_interactively() -> None:
    code = iss_text().split("[Code]", 1)[1]
    assert "UninstallSilent" in code  # a silent uninstall never deletes data
    assert "MB_DEFBUTTON2" in code  # the confirmation defaults to "No"
    assert "DeleteBox.Checked := False" in code  # the option starts unticked
    assert "{localappdata}" in code
    # DelTree only once, after both the tick box and the confirmation
    assert code.count("DelTree(") == 1
    # [UninstallDelete] removes files beside the program, never the user's data folder
    section = iss_text().split("[UninstallDelete]", 1)[1].split("\n[", 1)[0]
    entries = [line for line in section.splitlines() if line.startswith("Type:")]
    assert entries and all("{app}" in line for line in entries)


def test_installer_output_name_and_version_come_from_the_build() -> None:
    text = iss_text()
    assert iss_setting("OutputBaseFilename") == "esms-desktop-setup-{#AppVersion}"
    assert iss_setting("AppVersion") == "{#AppVersion}"
    assert "#define AppVersion" not in text  # only ever /DAppVersion=… from build.py
    assert "#error" in text


# --- one version ---------------------------------------------------------------------------------


def test_version_is_written_only_in_the_package() -> None:
    assert load_build().version() == __version__
    spec = SPEC.read_text(encoding="utf-8")
    assert "from esms_desktop import __version__" in spec
    for path in (SPEC, ISS, BUILD, WORKFLOW, PACKAGING / "launcher.py"):
        literal = re.search(rf"['\"]{re.escape(__version__)}['\"]", path.read_text("utf-8-sig"))
        assert literal is None, f"version {__version__} écrite en dur dans {path.name}"


def test_build_passes_the_package_version_to_iscc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run the installer command with Inno Setup faked: the compiler gets the package's version."""
    build = load_build()
    ran: list[list[str]] = []
    monkeypatch.setattr(build, "IS_WINDOWS", True)
    monkeypatch.setattr(build, "require_bundle", lambda *a, **k: tmp_path)
    monkeypatch.setattr(build, "find_iscc", lambda: tmp_path / "ISCC.exe")
    monkeypatch.setattr(build, "DIST", tmp_path)

    def fake_run(command, cwd=None, shown=None) -> None:
        ran.append([str(c) for c in command])
        (tmp_path / f"esms-desktop-setup-{__version__}.exe").write_bytes(b"setup")

    monkeypatch.setattr(build, "run", fake_run)
    assert build.cmd_installer(None) == 0
    [command] = ran
    assert command[0].endswith("ISCC.exe")
    assert f"/DAppVersion={__version__}" in command


# --- build.py ------------------------------------------------------------------------------------


def test_build_help_runs() -> None:
    proc = subprocess.run(
        [sys.executable, str(BUILD), "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    for command in ("bundle", "portable", "installer", "selftest", "all"):
        assert command in proc.stdout


def test_bare_environment_carries_nothing_from_the_build_machine(tmp_path: Path) -> None:
    env = load_build().bare_environment(tmp_path)
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    assert not {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "LD_LIBRARY_PATH"} & env.keys()
    if sys.platform != "win32":
        assert env["PATH"] == "/usr/bin:/bin"
        assert env["HOME"] == str(tmp_path)


def test_portable_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = load_build()
    bundle = tmp_path / "dist" / "esms-desktop"
    (bundle / "_internal" / "lib").mkdir(parents=True)
    program = bundle / ("esms-desktop" + build.EXE_SUFFIX)
    program.write_bytes(b"programme")
    (bundle / "_internal" / "lib" / "libQt6Core.so.6").write_bytes(b"qt")
    if sys.platform != "win32":
        program.chmod(0o755)
        (bundle / "_internal" / "libQt6Core.so.6").symlink_to("lib/libQt6Core.so.6")
    monkeypatch.setattr(build, "BUNDLE", bundle)
    target = tmp_path / "portable.zip"
    build.write_portable_zip(target)

    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert f"esms-desktop/{PORTABLE_MARKER}" in names  # same name as esms_desktop.paths
        readme = archive.read("esms-desktop/LISEZMOI.txt").decode("utf-8-sig")
    assert f"esms-desktop/esms-desktop{build.EXE_SUFFIX}" in names
    assert __version__ in readme and PORTABLE_MARKER in readme and "donnees" in readme

    unpacked = tmp_path / "unzip"
    build.extract_with_modes(target, unpacked)
    folder = unpacked / "esms-desktop"
    assert (folder / PORTABLE_MARKER).is_file()
    if sys.platform != "win32":
        assert (folder / program.name).stat().st_mode & 0o111
        link = folder / "_internal" / "libQt6Core.so.6"
        assert link.is_symlink() and link.read_bytes() == b"qt"


def test_portable_zip_name_carries_the_version() -> None:
    assert load_build().portable_zip_path().name == f"esms-desktop-portable-{__version__}.zip"


# --- Windows workflow -----------------------------------------------------------------------------


def test_windows_workflow_builds_installs_and_self_tests() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    for needed in (
        "workflow_dispatch",
        "tags:",
        "windows-latest",
        'python-version: "3.11"',
        'pip install -e ".[test,build]"',
        "python packaging/build.py bundle",
        "python packaging/build.py installer",
        "innosetup",
        '"/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER"',
        "esms-desktop-cli.exe",
        "--self-test",
        "actions/upload-artifact",
        "esms-desktop-setup-*.exe",
        "esms-desktop-portable-*.zip",
    ):
        assert needed in text, needed


def test_qt_is_pinned_and_the_build_refuses_another_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build = load_build()
    pins = build.pinned_versions()
    assert pins["pyside6-essentials"] == pins["shiboken6"]
    assert pins["pyside6-essentials"] != "6.12.0"  # aborts the window (tests/ui/test_long_session)
    assert build.check_pinned_versions() == []  # what the tests run on is what ships

    import importlib.metadata

    real = importlib.metadata.version
    monkeypatch.setattr(
        importlib.metadata,
        "version",
        lambda name: "6.12.0" if name.lower() == "pyside6-essentials" else real(name),
    )
    problems = build.check_pinned_versions()
    assert problems == [
        f"pyside6-essentials 6.12.0 installé, {pins['pyside6-essentials']} attendu (pyproject.toml)"
    ]
    assert build.cmd_bundle(None) == 1  # refused before PyInstaller runs


# --- issue 17: Inno Setup version, version resource, publisher, signing, pins, workflows ---------


def test_installer_requires_the_inno_setup_that_has_the_four_argument_custom_form() -> None:
    text = iss_text()
    assert re.search(r"CreateCustomForm\([^)]*,[^)]*,[^)]*,[^)]*\)", text)  # 6.6.0 signature
    [guard] = re.findall(r"#if VER < EncodeVer\((\d+), (\d+), (\d+)\)", text)
    assert tuple(map(int, guard)) >= (6, 6, 0)


def test_setup_exe_carries_the_package_version() -> None:
    assert iss_setting("VersionInfoVersion") == "{#AppVersion}"
    # VersionInfoVersion takes up to 4 numbers (each at most 65535): the package version must fit
    parts = __version__.split(".")
    assert 1 <= len(parts) <= 4 and all(p.isdigit() and int(p) <= 65535 for p in parts)


def test_installer_publisher_url_and_licence_only_from_real_sources() -> None:
    text = iss_text()
    assert re.search(r"#ifdef PublisherURL\n(;.*\n)*AppPublisherURL=\{#PublisherURL\}", text)
    assert re.search(r'#if FileExists\(.*"\.\.\\LICENSE"\)\nLicenseFile=\.\.\\LICENSE', text)


def test_signing_is_used_only_when_asked() -> None:
    text = iss_text()
    block = re.search(r"#ifdef SignToolName\n(.*?)#endif", text, re.DOTALL)
    assert block and "SignTool={#SignToolName}" in block.group(1)
    assert "SignedUninstaller=yes" in block.group(1)
    outside = text.replace(block.group(0), "")
    assert "SignTool=" not in outside and "SignedUninstaller=" not in outside


def test_build_without_signing_says_so_and_passes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert load_build().signing_arguments("") == []
    assert "NON signé" in capsys.readouterr().out


def test_build_signs_both_programs_then_hands_the_tool_to_iscc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = load_build()
    monkeypatch.setattr(build, "BUNDLE", tmp_path)
    signed: list[str] = []
    monkeypatch.setattr(build.subprocess, "run", lambda command, **kw: signed.append(command))
    template = "$qsigntool.exe$q sign /p $qsecret$q $f"
    args = build.signing_arguments(template)
    assert signed == [
        f'"signtool.exe" sign /p "secret" "{tmp_path / name}"'
        for name in ("esms-desktop.exe", "esms-desktop-cli.exe")
    ]
    assert args == [f"/Sesmssign={template}", "/DSignToolName=esmssign"]
    assert build.sign_command_for("a $$f $f", Path("x")) == 'a $f "x"'


def test_build_does_not_print_the_signing_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    build = load_build()
    monkeypatch.setattr(build, "IS_WINDOWS", True)
    monkeypatch.setattr(build, "require_bundle", lambda *a, **k: tmp_path)
    monkeypatch.setattr(build, "find_iscc", lambda: tmp_path / "ISCC.exe")
    monkeypatch.setattr(build, "DIST", tmp_path)
    monkeypatch.setattr(build, "BUNDLE", tmp_path)
    monkeypatch.setenv("ESMS_SIGN_COMMAND", "signtool sign /p $qtopsecret$q $f")
    monkeypatch.setenv("ESMS_PUBLISHER_URL", "https://example.org/esms")
    ran: list[list[str]] = []

    def fake_process(command, **kw):
        ran.append([str(c) for c in command] if isinstance(command, list) else [command])
        (tmp_path / f"esms-desktop-setup-{__version__}.exe").write_bytes(b"setup")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(build.subprocess, "run", fake_process)
    assert build.cmd_installer(None) == 0
    iscc = ran[-1]
    assert "/DSignToolName=esmssign" in iscc and "/DPublisherURL=https://example.org/esms" in iscc
    assert "topsecret" not in capsys.readouterr().out


def test_pyinstaller_is_pinned_below_its_next_major() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    [pin] = [r for r in project["optional-dependencies"]["build"] if r.startswith("pyinstaller")]
    assert pin.replace(" ", "") == "pyinstaller>=6,<7"


def workflow_triggers(text: str) -> str:
    return text.split("\non:\n", 1)[1].split("\njobs:\n", 1)[0]


@pytest.mark.parametrize("path", [WORKFLOW, LINUX_WORKFLOW], ids=["windows", "linux"])
def test_workflows_run_on_every_push_and_pull_request(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    triggers = workflow_triggers(text)
    assert re.search(r"^  push:\n    branches: \[\"\*\*\"\]", triggers, re.MULTILINE)
    assert re.search(r"^  pull_request:", triggers, re.MULTILINE)
    used = re.findall(r"uses: (actions/[\w-]+)@v(\d+)", text)
    assert used
    current = {"actions/checkout": 7, "actions/setup-python": 7, "actions/upload-artifact": 7}
    for action, major in used:
        assert int(major) >= current[action], f"{action}@v{major}"


def test_windows_workflow_tests_before_it_builds() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    tests, installer = text.split("\n  tests:\n", 1)[1].split("\n  installer:\n", 1)
    assert "windows-latest" in tests and "QT_QPA_PLATFORM: offscreen" in tests
    assert 'pip install -e ".[test]"' in tests and "pytest" in tests and '-m "not slow"' in tests
    assert "needs: tests" in installer and "startsWith(github.ref, 'refs/tags/v')" in installer
    assert 'pip install -e ".[test,build]"' in installer  # the pyinstaller pin applies
    assert "secrets.WINDOWS_SIGN_PFX_BASE64" in installer and "::notice::" in installer


def test_linux_workflow_runs_the_ci_script() -> None:
    text = LINUX_WORKFLOW.read_text(encoding="utf-8")
    assert "ubuntu-latest" in text and "run: bash .ci/run" in text
    assert (ROOT / ".ci" / "run").is_file()


# --- issue 17: printing in the bundle ------------------------------------------------------------


def _fake_bundle(folder: Path, qt_files: list[str]) -> Path:
    internal = folder / "_internal"
    (internal / "translations").mkdir(parents=True)
    (internal / "translations" / "esms_desktop_fr.qm").write_bytes(b"qm")
    (internal / "translations" / "qtbase_fr.qm").write_bytes(b"qm")
    (internal / "esms_desktop" / "storage" / "migrations").mkdir(parents=True)
    (internal / "esms_desktop" / "storage" / "migrations" / "env.py").write_text("")
    for name in qt_files:
        (internal / name).parent.mkdir(parents=True, exist_ok=True)
        (internal / name).write_bytes(b"lib")
    return folder


@pytest.mark.parametrize(
    "layout",
    [
        ["Qt6Core.dll", "Qt6Pdf.dll", "Qt6PdfWidgets.dll", "Qt6PrintSupport.dll"],
        [
            "PySide6/Qt/lib/libQt6Pdf.so.6",
            "PySide6/Qt/lib/libQt6PdfWidgets.so.6",
            "PySide6/Qt/lib/libQt6PrintSupport.so.6",
        ],
    ],
    ids=["windows", "linux"],
)
def test_the_bundle_check_wants_the_printing_libraries(tmp_path: Path, layout: list[str]) -> None:
    build = load_build()
    assert build.bundle_checks(_fake_bundle(tmp_path / "ok", layout)) == []
    missing = build.bundle_checks(_fake_bundle(tmp_path / "sans", layout[:-1]))
    assert len(missing) == 1 and "PrintSupport" in missing[0]
    heavy = build.bundle_checks(_fake_bundle(tmp_path / "lourd", [*layout, "Qt6PdfQuick.dll"]))
    assert len(heavy) == 1 and "Qt6PdfQuick" in heavy[0]

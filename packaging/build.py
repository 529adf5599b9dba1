"""Build esms-desktop for people who do not have Python: bundle, portable zip, Windows installer.

    python packaging/build.py bundle      # translations to .qm, PyInstaller: dist/esms-desktop/
    python packaging/build.py selftest    # run the bundle's --self-test in a bare environment
    python packaging/build.py portable    # dist/esms-desktop-portable-<version>.zip (+ its check)
    python packaging/build.py installer   # Windows: dist/esms-desktop-setup-<version>.exe (ISCC)
    python packaging/build.py all         # all of the above (installer only on Windows)

Plain Python (no shell), the same on Windows, Linux and macOS. The version everywhere (Windows
version resource, installer, zip name) is ``esms_desktop.__version__``: nothing to edit here at
release time. Build outputs stay in ``build/`` and ``dist/``, which git ignores.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
SPEC = HERE / "esms-desktop.spec"
ISS = HERE / "installer.iss"
BUNDLE = DIST / "esms-desktop"
PORTABLE_MARKER = "esms-desktop.portable"  # esms_desktop.paths.PORTABLE_MARKER
IS_WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if IS_WINDOWS else ""
SELFTEST_TIMEOUT_S = 300

LISEZMOI = """\
{title}
{underline}

Préparer une candidature ESMS numérique (grappe, éligibilité, budget, dossier PDF), hors ligne.
Aucune installation ni droit d'administrateur : décompressez ce dossier où vous voulez (bureau,
clé USB, dossier personnel), puis lancez esms-desktop{exe}.

Vos données
  Le fichier « {marker} » placé à côté du programme garde toutes vos données (base, sauvegardes,
  journaux) dans le dossier « donnees » voisin. Pour changer d'ordinateur, copiez le dossier
  entier. Ne supprimez pas ce fichier : sans lui, le programme utiliserait le dossier de données
  de votre compte Windows.
  Évitez de travailler directement dans un dossier synchronisé (OneDrive, Dropbox…) ou sur un
  partage réseau : le programme vous préviendra.

Vérifier le programme
  esms-desktop-cli{exe} --self-test   (une ligne par vérification ; code 0 si tout va bien)

Mettre à jour
  Décompressez la nouvelle version à côté, puis déplacez-y le dossier « donnees ».
"""


def version() -> str:
    """``esms_desktop.__version__``, the one place the version is written."""
    sys.path.insert(0, str(ROOT))
    try:
        from esms_desktop import __version__
    finally:
        sys.path.remove(str(ROOT))
    return __version__


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run(command: Sequence[str | Path], cwd: Path | None = None, shown: str | None = None) -> None:
    """Run ``command``; ``shown`` replaces it in the log when it carries a secret."""
    say(shown if shown is not None else " ".join(str(part) for part in command))
    subprocess.run([str(part) for part in command], cwd=cwd, check=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def mb(n_bytes: int) -> str:
    return f"{n_bytes / 1_000_000:.1f} Mo"


def bundle_program(name: str, folder: Path = BUNDLE) -> Path:
    return folder / f"{name}{EXE_SUFFIX}"


def require_bundle(folder: Path = BUNDLE) -> Path:
    cli = bundle_program("esms-desktop-cli", folder)
    if not cli.is_file():
        raise SystemExit(f"{cli} absent : lancez d'abord « python packaging/build.py bundle ».")
    return cli


# --- bundle -------------------------------------------------------------------------------------


def compile_translations() -> None:
    run([sys.executable, "-m", "tools.translations", "compile"], cwd=ROOT)


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        run([sys.executable, "-m", "pip", "install", "pyinstaller>=6"])


def pinned_versions() -> dict[str, str]:
    """The ``name==version`` pins of pyproject.toml's dependencies (names lower-cased)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins: dict[str, str] = {}
    for requirement in project["dependencies"]:
        name, sep, pinned = requirement.partition("==")
        if sep:
            pins[name.strip().lower()] = pinned.strip()
    return pins


def check_pinned_versions() -> list[str]:
    """What is installed differs from the pins: the bundle would ship an untested Qt."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    problems = []
    for name, pinned in pinned_versions().items():
        try:
            found = installed(name)
        except PackageNotFoundError:
            found = "absent"
        if found != pinned:
            problems.append(f"{name} {found} installé, {pinned} attendu (pyproject.toml)")
    return problems


def cmd_bundle(_args: argparse.Namespace) -> int:
    problems = check_pinned_versions()
    if problems:
        for problem in problems:
            say(f"refusé : {problem}")
        say('réinstallez avec : pip install -e ".[build]"')
        return 1
    compile_translations()
    ensure_pyinstaller()
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            DIST,
            "--workpath",
            WORK,
            SPEC,
        ],
        cwd=ROOT,
    )
    require_bundle()
    say(f"{BUNDLE} : {mb(folder_size(BUNDLE))}")
    return 0


# --- self-test in a bare environment ------------------------------------------------------------


def bare_environment(home: Path) -> dict[str, str]:
    """Nothing from the build machine: no PYTHONPATH, no venv, no user site, HOME in ``home``.

    What the bundle needs must be inside it; a missing module fails here, not on a laptop.
    """
    env = {"QT_QPA_PLATFORM": "offscreen"}
    if IS_WINDOWS:
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        for name in ("USERPROFILE", "HOME", "TEMP", "TMP"):
            env[name] = str(home)
        env |= {
            "SystemRoot": system_root,
            "PATH": str(Path(system_root) / "System32"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
            "APPDATA": str(home / "AppData" / "Roaming"),
        }
    else:
        runtime = home / "run"
        runtime.mkdir(mode=0o700, exist_ok=True)
        env |= {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "TMPDIR": str(home),
            "TMP": str(home),
            "XDG_RUNTIME_DIR": str(runtime),
        }
    return env


def run_bare(command: Sequence[str | Path], cwd: Path) -> tuple[int, str, float]:
    """Run ``command`` in a bare environment from ``cwd``: (exit code, output, wall seconds)."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=bare_environment(cwd),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=SELFTEST_TIMEOUT_S,
        check=False,
    )
    elapsed = time.perf_counter() - started
    output = (done.stdout + done.stderr).decode("utf-8", errors="replace")
    return done.returncode, output, elapsed


def bundle_checks(folder: Path) -> list[str]:
    """Problems in the bundle's contents (files the self-test cannot see)."""
    internal = folder / "_internal"
    problems = []
    if not list((internal / "translations").glob("esms_desktop_fr.qm")):
        problems.append("translations/esms_desktop_fr.qm absent")
    if not list(internal.rglob("qtbase_fr.qm")):
        problems.append("qtbase_fr.qm (boutons standard de Qt en français) absent")
    if not (internal / "esms_desktop" / "storage" / "migrations" / "env.py").is_file():
        problems.append("migrations Alembic absentes")
    unwanted = ("Qt6Qml", "Qt6Quick", "Qt6WebEngine", "Qt6PdfQuick", "Qt6Multimedia", "Qt63D")
    names = set()
    for path in internal.rglob("*Qt6*"):
        names.add(path.name.removeprefix("lib").split(".")[0])
        if any(part in path.name for part in unwanted):
            problems.append(f"module Qt inutile embarqué : {path.relative_to(folder)}")
    # The print preview and printing (ui/print_preview.py) need these three.
    for needed in ("Qt6Pdf", "Qt6PdfWidgets", "Qt6PrintSupport"):
        if needed not in names:
            problems.append(f"bibliothèque Qt {needed} absente (aperçu et impression)")
    return problems


def cmd_selftest(_args: argparse.Namespace) -> int:
    cli = require_bundle()
    failures = bundle_checks(BUNDLE)
    for problem in failures:
        say(f"ÉCHEC  {problem}")
    with tempfile.TemporaryDirectory(prefix="esms-build-selftest-") as tmp:
        code, out, version_s = run_bare([cli, "--version"], Path(tmp))
        say(f"démarrage « --version » : {version_s:.2f} s ({out.strip()})")
        if code != 0 or version() not in out:
            failures.append("--version")
        code, out, selftest_s = run_bare([cli, "--self-test"], Path(tmp))
        print(out.rstrip(), flush=True)
        if code != 0:
            failures.append(f"--self-test (code {code})")
        leftovers = [p.name for p in Path(tmp).iterdir() if p.name not in ("run",)]
    say(f"taille du paquet : {mb(folder_size(BUNDLE))} ({BUNDLE})")
    say(f"auto-test : {selftest_s:.1f} s (démarrage compris), code {code}")
    if leftovers:
        say(f"(fichiers laissés dans le dossier temporaire : {', '.join(sorted(leftovers))})")
    if failures:
        say(f"ÉCHEC : {', '.join(failures)}")
        return 1
    say("auto-test du paquet RÉUSSI")
    return 0


# --- portable zip -------------------------------------------------------------------------------


def portable_zip_path() -> Path:
    return DIST / f"esms-desktop-portable-{version()}.zip"


def write_portable_zip(target: Path) -> None:
    """``esms-desktop/`` (the bundle + marker + LISEZMOI.txt) zipped; permissions kept."""
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(BUNDLE.rglob("*")):
            name = (Path("esms-desktop") / path.relative_to(BUNDLE)).as_posix()
            if path.is_symlink():  # Linux/macOS bundles link libraries; keep links, not copies
                link = zipfile.ZipInfo(name, time.localtime()[:6])
                link.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(link, os.readlink(path))
            elif path.is_file():
                archive.write(path, name)
        marker = zipfile.ZipInfo(f"esms-desktop/{PORTABLE_MARKER}", time.localtime()[:6])
        marker.external_attr = 0o644 << 16
        archive.writestr(
            marker,
            "Ce fichier met esms-desktop en mode portable : les données sont dans « donnees ».\n",
        )
        title = f"esms-desktop {version()} — version portable"
        text = LISEZMOI.format(
            title=title, underline="=" * len(title), exe=EXE_SUFFIX, marker=PORTABLE_MARKER
        )
        if IS_WINDOWS:
            text = text.replace("\n", "\r\n")
        readme = zipfile.ZipInfo("esms-desktop/LISEZMOI.txt", time.localtime()[:6])
        readme.external_attr = 0o644 << 16
        archive.writestr(readme, text.encode("utf-8-sig"))
    os.replace(tmp, target)


def extract_with_modes(archive_path: Path, dest: Path) -> None:
    """Unzip keeping permissions and symbolic links, as Info-ZIP's ``unzip`` does."""
    with zipfile.ZipFile(archive_path) as archive:
        for info in archive.infolist():
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode) and not IS_WINDOWS:
                link = dest / info.filename
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(archive.read(info).decode("utf-8"))
                continue
            extracted = Path(archive.extract(info, dest))
            if mode and not IS_WINDOWS:
                extracted.chmod(mode & 0o777)


def check_portable(archive_path: Path) -> list[str]:
    """Unzip in a temporary folder, open the store: data must land in ``donnees/`` beside it."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="esms-build-portable-") as tmp:
        unpacked = Path(tmp) / "cle-usb"
        extract_with_modes(archive_path, unpacked)
        folder = unpacked / "esms-desktop"
        home = Path(tmp) / "maison"
        home.mkdir()
        code, out, elapsed = run_bare([bundle_program("esms-desktop-cli", folder), "backup"], home)
        say(f"portable : « esms-desktop-cli backup » en {elapsed:.1f} s, code {code}")
        database = folder / "donnees" / "esms-desktop.sqlite3"
        if code != 0 or not database.is_file():
            problems.append(f"mode portable : base absente de {database.parent}\n{out}")
        stray = list(home.rglob("*esms-desktop*"))
        if stray:
            problems.append(f"mode portable : données écrites hors du dossier : {stray}")
    return problems


def cmd_portable(args: argparse.Namespace) -> int:
    require_bundle()
    target = portable_zip_path()
    write_portable_zip(target)
    say(f"{target} : {mb(target.stat().st_size)}")
    if getattr(args, "no_check", False):
        return 0
    problems = check_portable(target)
    for problem in problems:
        say(f"ÉCHEC  {problem}")
    return 1 if problems else 0


# --- Windows installer --------------------------------------------------------------------------


def find_iscc() -> Path | None:
    """Inno Setup's command-line compiler: on PATH, else where its installer puts it (7 or 6)."""
    found = shutil.which("ISCC")
    if found:
        return Path(found)
    roots = [os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")]
    local = os.environ.get("LOCALAPPDATA")
    roots.append(str(Path(local) / "Programs") if local else None)  # per-user install
    for root in filter(None, roots):
        for edition in ("Inno Setup 7", "Inno Setup 6"):
            candidate = Path(root) / edition / "ISCC.exe"
            if candidate.is_file():
                return candidate
    return None


SIGN_COMMAND_VARIABLE = "ESMS_SIGN_COMMAND"
SIGN_TOOL_NAME = "esmssign"
SIGNED_PROGRAMS = ("esms-desktop.exe", "esms-desktop-cli.exe")


def sign_command_for(template: str, path: Path) -> str:
    """Inno Setup's Sign Tool syntax: $f the quoted file, $q a quote, $$ a dollar."""
    out, i = [], 0
    while i < len(template):
        pair = template[i : i + 2]
        if pair == "$f":
            out.append(f'"{path}"')
        elif pair == "$q":
            out.append('"')
        elif pair == "$$":
            out.append("$")
        else:
            out.append(template[i])
            i += 1
            continue
        i += 2
    return "".join(out)


def signing_arguments(template: str) -> list[str]:
    """Sign the two programs of the bundle, then the ISCC options that sign setup and uninstaller.

    Nothing to sign (no ESMS_SIGN_COMMAND): say so and build an unsigned installer."""
    if not template:
        say(f"signature : {SIGN_COMMAND_VARIABLE} absent, installateur NON signé (SmartScreen).")
        return []
    if "$f" not in template:
        raise SystemExit(f"{SIGN_COMMAND_VARIABLE} : la commande doit contenir $f (le fichier).")
    for name in SIGNED_PROGRAMS:
        program = BUNDLE / name
        say(f"signature : {program}")
        # A string, not a list: the template is a whole command line, quoted with $q.
        try:
            subprocess.run(sign_command_for(template, program), check=True, shell=not IS_WINDOWS)
        except (OSError, subprocess.CalledProcessError) as error:
            # the command line may hold the certificate's password: never print it
            code = getattr(error, "returncode", "?")
            raise SystemExit(f"signature de {program} impossible (code {code}).") from None
    return [f"/S{SIGN_TOOL_NAME}={template}", f"/DSignToolName={SIGN_TOOL_NAME}"]


def cmd_installer(_args: argparse.Namespace) -> int:
    if not IS_WINDOWS:
        say("installer : Inno Setup ne fonctionne que sous Windows (voir .github/workflows).")
        return 2
    require_bundle()
    iscc = find_iscc()
    if iscc is None:
        say("ISCC.exe introuvable : installez Inno Setup (choco install innosetup -y).")
        return 2
    command: list[str | Path] = [iscc, "/Qp", f"/DAppVersion={version()}"]
    publisher_url = os.environ.get("ESMS_PUBLISHER_URL", "").strip()
    if publisher_url:
        command.append(f"/DPublisherURL={publisher_url}")
    command += signing_arguments(os.environ.get(SIGN_COMMAND_VARIABLE, "").strip())
    shown = " ".join(
        f"/S{SIGN_TOOL_NAME}=…" if str(part).startswith(f"/S{SIGN_TOOL_NAME}=") else str(part)
        for part in [*command, ISS]
    )
    run([*command, ISS], cwd=HERE, shown=shown)
    setup = DIST / f"esms-desktop-setup-{version()}.exe"
    say(f"{setup} : {mb(setup.stat().st_size)}")
    return 0


def cmd_all(args: argparse.Namespace) -> int:
    steps: list[Callable[[argparse.Namespace], int]] = [cmd_bundle, cmd_selftest, cmd_portable]
    if IS_WINDOWS:
        steps.append(cmd_installer)
    for step in steps:
        code = step(args)
        if code != 0:
            return code
    if not IS_WINDOWS:
        say("installateur Windows non construit : Inno Setup ne fonctionne que sous Windows.")
    return 0


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python packaging/build.py",
        description="Construire esms-desktop : paquet PyInstaller, zip portable, installateur.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", required=True)
    sub.add_parser("bundle", help="traductions + PyInstaller : dist/esms-desktop/").set_defaults(
        handler=cmd_bundle
    )
    sub.add_parser(
        "selftest", help="lancer --self-test du paquet dans un environnement vide"
    ).set_defaults(handler=cmd_selftest)
    p = sub.add_parser("portable", help="dist/esms-desktop-portable-<version>.zip")
    p.add_argument("--no-check", action="store_true", help="ne pas essayer le zip décompressé")
    p.set_defaults(handler=cmd_portable)
    sub.add_parser(
        "installer", help="Windows : dist/esms-desktop-setup-<version>.exe (Inno Setup 6 ou 7)"
    ).set_defaults(handler=cmd_installer)
    sub.add_parser("all", help="bundle, selftest, portable, installer").set_defaults(
        handler=cmd_all
    )
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a Windows pipe in cp1252 must not stop the build
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return int(args.handler(args))
    except subprocess.CalledProcessError as exc:
        say(f"ÉCHEC : {' '.join(str(part) for part in exc.cmd)} (code {exc.returncode})")
        return exc.returncode or 1


if __name__ == "__main__":
    sys.exit(main())

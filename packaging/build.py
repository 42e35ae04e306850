"""Build the one-folder app with PyInstaller, then run its self-test the way a new user would.

    python packaging/build.py                 # build into dist/article-summariser/
    python packaging/build.py --check         # ... and run the frozen self-test, isolated
    python packaging/build.py --check-only    # run the self-test of an existing build

Works on Linux, Windows and macOS (the spec has a section for each). The frozen self-test runs in
a clean environment: no inherited variables (as ``env -i``), HOME, the XDG folders and TMPDIR in a
fresh temporary folder, and, on Linux, in a new network namespace with no network (``unshare -n``)
and a private mount namespace in which every Python installation of the build machine is hidden.
Whatever the isolation could not do is said, never silently skipped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "article-summariser.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
NAME = "article-summariser"


def executable(bundle: Path, cli: bool) -> Path:
    """The frozen executable inside a one-folder build (or the .app on macOS)."""
    stem = f"{NAME}-cli" if cli else NAME
    if sys.platform == "win32":
        return bundle / f"{stem}.exe"
    return bundle / stem


def build(dist: Path = DIST, work: Path = WORK) -> float:
    """Run PyInstaller on the spec; return the seconds it took."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - start


def folder_size(folder: Path) -> int:
    """Bytes of every file under ``folder`` (symbolic links not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@dataclass
class Isolation:
    """How the frozen app was cut off from the build machine, and what could not be done."""

    network: bool = False
    python_hidden: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)


def python_locations() -> list[Path]:
    """Every folder of the build machine's Python (venv, base install, user site, our sources)."""
    import site
    import sysconfig

    found = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix)}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        found.add(Path(sysconfig.get_paths()[key]))
    found.update(Path(p) for p in site.getsitepackages())
    user = site.getusersitepackages()
    if user:
        found.add(Path(user))
    # The app's own sources: the bundle must use its copies of the code and the resources.
    found.update((ROOT / "desktop", ROOT / "resources"))
    for pattern in ("/usr/lib/python3*", "/usr/local/lib/python3*"):
        found.update(Path("/").glob(pattern.lstrip("/")))
    folders = sorted(p.resolve() for p in found if p.is_dir())
    # Hiding a folder hides what is inside it: keep only the outermost ones.
    return [p for p in folders if not any(p != q and p.is_relative_to(q) for q in folders)]


def clean_environment(home: Path) -> dict[str, str]:
    """The whole environment of the frozen app: nothing inherited, every user folder under home."""
    env = {
        "HOME": str(home / "home"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "TMPDIR": str(home / "tmp"),
    }
    if sys.platform == "win32":
        # Windows cannot start a process without these; everything user-specific is redirected.
        env.update(
            {
                "SYSTEMROOT": os.environ.get("SYSTEMROOT", r"C:\Windows"),
                "USERPROFILE": str(home / "home"),
                "APPDATA": str(home / "data"),
                "LOCALAPPDATA": str(home / "cache"),
                "TEMP": str(home / "tmp"),
                "TMP": str(home / "tmp"),
            }
        )
    for value in set(env.values()):
        if value.startswith(str(home)):
            Path(value).mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def isolated_command(command: list[str], bundle: Path) -> tuple[list[str], Isolation]:
    """``command`` wrapped so that it runs without network and without the build's Python."""
    isolation = Isolation()
    if not sys.platform.startswith("linux"):
        isolation.notes.append(f"no network isolation on {sys.platform}: disconnect by hand")
        return command, isolation
    unshare = shutil.which("unshare")
    if unshare is None:
        isolation.notes.append("unshare not found (util-linux): network not isolated")
        return command, isolation
    as_user = [] if os.geteuid() == 0 else ["--map-root-user"]
    probe = subprocess.run(
        [unshare, *as_user, "--net", "--mount", "true"], capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        isolation.notes.append(f"namespaces refused ({probe.stderr.strip()}): network not isolated")
        return command, isolation
    hide = [p for p in python_locations() if not bundle.is_relative_to(p)]
    # Inside the new mount namespace, an empty tmpfs over each Python folder, then the app.
    script = "".join(f'mount -t tmpfs -o ro,size=1k none "{p}" && ' for p in hide) + 'exec "$@"'
    isolation.network = True
    isolation.python_hidden = tuple(str(p) for p in hide)
    wrapped = [unshare, *as_user, "--net", "--mount", "--", "/bin/sh", "-c", script, "sh"]
    return wrapped + command, isolation


@dataclass
class FrozenRun:
    command: list[str]
    returncode: int
    output: str
    errors: str
    seconds: float
    isolation: Isolation
    #: Files the run left in the temporary HOME and XDG folders.
    written: list[str]


def run_frozen(
    bundle: Path, args: list[str], *, cli: bool = True, timeout: float = 600
) -> FrozenRun:
    """Run an executable of ``bundle`` cut off from this machine."""
    with tempfile.TemporaryDirectory(prefix="frozen-home-") as tmp:
        home = Path(tmp)
        env = clean_environment(home)
        command, isolation = isolated_command([str(executable(bundle, cli)), *args], bundle)
        start = time.perf_counter()
        result = subprocess.run(
            command,
            env=env,
            cwd=home,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        seconds = time.perf_counter() - start
        written = sorted(
            str(p.relative_to(home))
            for p in home.rglob("*")
            if p.is_file() and p.relative_to(home).parts[0] != "tmp"
        )
    return FrozenRun(
        command=command,
        returncode=result.returncode,
        output=result.stdout.decode("utf-8", "replace"),
        errors=result.stderr.decode("utf-8", "replace"),
        seconds=seconds,
        isolation=isolation,
        written=written,
    )


def check(bundle: Path) -> int:
    """Run both frozen self-tests; print what they said and how they were isolated."""
    status = 0
    for cli, args in ((True, ["self-test"]), (False, ["--self-test"])):
        run = run_frozen(bundle, args, cli=cli)
        name = executable(bundle, cli).name
        print(run.output, end="")
        print(run.errors, end="", file=sys.stderr)
        iso = run.isolation
        print(
            f"{name} {' '.join(args)}: exit {run.returncode} in {run.seconds:.2f} s; "
            f"network {'isolated' if iso.network else 'NOT isolated'}; "
            f"{len(iso.python_hidden)} Python folder(s) hidden"
        )
        for note in iso.notes:
            print(f"  note: {note}")
        if run.written:
            print(f"  wrote in the user's folders: {', '.join(run.written)}")
            status = 1
        status = status or (1 if run.returncode else 0)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=DIST, help="output folder (dist/)")
    parser.add_argument("--work", type=Path, default=WORK, help="PyInstaller's work folder")
    parser.add_argument("--check", action="store_true", help="run the frozen self-test after")
    parser.add_argument("--check-only", action="store_true", help="only run the frozen self-test")
    args = parser.parse_args(argv)
    bundle = args.dist / NAME
    if not args.check_only:
        seconds = build(args.dist, args.work)
        size = folder_size(bundle)
        print(f"built {bundle} in {seconds:.0f} s: {size / 1e6:.0f} MB")
    if args.check or args.check_only:
        return check(bundle)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

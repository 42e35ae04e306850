"""Install (or remove) the Linux desktop integration for the current user.

    python packaging/install_desktop.py                  # into ~/.local/share (or $XDG_DATA_HOME)
    python packaging/install_desktop.py --exec /opt/article-summariser/article-summariser
    python packaging/install_desktop.py --uninstall

Puts the .desktop file (menus, "Open With"), the AppStream metainfo (software centres) and the
hicolor icons (scalable SVG and every PNG size) where the freedesktop specifications look, all
named by the one app id, then refreshes the desktop and icon caches when their tools exist.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
#: The PNG sizes rendered by make_icons.py, installed as hicolor NxN icons.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_id() -> str:
    sys.path.insert(0, str(ROOT / "desktop"))
    try:
        from article_summariser import APP_ID
    finally:
        sys.path.pop(0)
    return APP_ID


def default_prefix() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME")
    return Path(data_home) if data_home else Path.home() / ".local" / "share"


def default_exec() -> str:
    """The frozen app when it has been built, else the command installed next to this Python."""
    frozen = ROOT / "dist" / "article-summariser" / "article-summariser"
    if frozen.is_file():
        return str(frozen)
    beside = Path(sys.executable).parent / "article-summariser"
    if beside.is_file():
        return str(beside.absolute())
    return "article-summariser"


def _quote_exec(program: str) -> str:
    """``program`` as the first word of an Exec key (Desktop Entry spec, "The Exec key")."""
    if not any(ch in program for ch in " \t\n\"'\\><~|&;$*?#()`"):
        return program
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in program)
    return f'"{escaped}"'


def desktop_entry(program: str) -> str:
    """The packaged .desktop file with ``Exec`` (and ``TryExec``) pointing at ``program``."""
    source = (LINUX / f"{app_id()}.desktop").read_text(encoding="utf-8")
    lines = []
    for line in source.splitlines():
        if line.startswith("Exec="):
            rest = line.split(None, 1)[1] if " " in line else ""
            line = f"Exec={_quote_exec(program)} {rest}".rstrip()
        lines.append(line)
    return "\n".join(lines) + "\n"


def targets(prefix: Path) -> dict[Path, Path | None]:
    """Every installed path, with the file it is copied from (None for the generated entry)."""
    ident = app_id()
    hicolor = prefix / "icons" / "hicolor"
    files: dict[Path, Path | None] = {
        prefix / "applications" / f"{ident}.desktop": None,
        prefix / "metainfo" / f"{ident}.metainfo.xml": LINUX / f"{ident}.metainfo.xml",
        hicolor / "scalable" / "apps" / f"{ident}.svg": ICONS / "app.svg",
    }
    for size in PNG_SIZES:
        files[hicolor / f"{size}x{size}" / "apps" / f"{ident}.png"] = ICONS / f"app-{size}.png"
    return files


def refresh_caches(prefix: Path) -> list[str]:
    """Run the cache tools that exist; return what was run."""
    ran = []
    commands = (
        ("update-desktop-database", ["-q", str(prefix / "applications")]),
        ("gtk-update-icon-cache", ["-q", "-t", "-f", str(prefix / "icons" / "hicolor")]),
    )
    for tool, args in commands:
        path = shutil.which(tool)
        if path is None:
            continue
        result = subprocess.run([path, *args], capture_output=True, text=True, check=False)
        ran.append(tool if result.returncode == 0 else f"{tool} (failed: {result.stderr.strip()})")
    return ran


def install(prefix: Path, program: str) -> list[Path]:
    written = []
    for target, source in targets(prefix).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if source is None:
            target.write_text(desktop_entry(program), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    return written


def uninstall(prefix: Path) -> list[Path]:
    removed = []
    for target in targets(prefix):
        if target.exists():
            target.unlink()
            removed.append(target)
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--prefix", type=Path, default=None, help="data folder (default ~/.local/share)"
    )
    parser.add_argument("--exec", dest="program", default=None, help="the app's executable")
    parser.add_argument("--uninstall", action="store_true", help="remove what install put there")
    args = parser.parse_args(argv)
    prefix = args.prefix or default_prefix()
    if args.uninstall:
        for path in uninstall(prefix):
            print(f"removed {path}")
    else:
        program = args.program or default_exec()
        for path in install(prefix, program):
            print(f"installed {path}")
        print(f"menu entry runs: {program}")
    for tool in refresh_caches(prefix):
        print(f"ran {tool}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Linux desktop integration and icons: valid by the freedesktop tools, one app id everywhere.

``desktop-file-validate`` (Debian package desktop-file-utils) and ``appstreamcli`` (appstream)
are the validators distributions and software centres run; .ci/run installs both.
"""

from __future__ import annotations

import ast
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

from tests.conftest import ROOT

from article_summariser import APP_ID, APP_NAME, __version__

LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

#: Every format the app opens, by its freedesktop MIME type.
FORMATS = {
    "text/plain": "plain text",
    "text/markdown": "Markdown",
    "text/html": "saved web page",
    "application/xhtml+xml": "XHTML page",
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word .docx",
    "application/vnd.oasis.opendocument.text": "OpenDocument .odt",
    "application/rtf": "RTF",
    "text/rtf": "RTF (older type name)",
    "application/epub+zip": "EPUB",
}


def run(*command: str | Path) -> subprocess.CompletedProcess:
    tool = str(command[0])
    assert shutil.which(tool), f"{tool} is missing: apt-get install desktop-file-utils appstream"
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, timeout=120, check=False
    )


def desktop_entry(path: Path = DESKTOP) -> dict[str, str]:
    parser = ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_desktop_file_is_valid() -> None:
    result = run("desktop-file-validate", DESKTOP)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # not even a hint


def test_metainfo_is_valid() -> None:
    result = run("appstreamcli", "validate", "--no-net", "--explain", METAINFO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation was successful" in result.stdout


def test_one_app_id_everywhere() -> None:
    entry = desktop_entry()
    root = metainfo()
    assert DESKTOP.name == f"{APP_ID}.desktop"
    assert METAINFO.name == f"{APP_ID}.metainfo.xml"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("icon[@type='stock']") == APP_ID
    assert entry["Icon"] == APP_ID
    assert entry["Name"] == root.findtext("name") == APP_NAME


def test_the_window_tells_the_desktop_its_app_id() -> None:
    """Wayland compositors match the window to the .desktop file through this call."""
    calls = []
    for module in (ROOT / "desktop" / "article_summariser" / "gui").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "setDesktopFileName"
            ):
                calls.append((module.name, ast.unparse(node.args[0])))
    assert calls, "the GUI never calls setDesktopFileName"
    assert all(argument == "APP_ID" for _module, argument in calls), calls


def test_every_format_the_app_opens_is_offered_to_open_with() -> None:
    mime_types = desktop_entry()["MimeType"].rstrip(";").split(";")
    assert sorted(mime_types) == sorted(FORMATS)
    assert "%F" in desktop_entry()["Exec"].split()  # several files at once


def test_metainfo_describes_the_current_release_with_a_screenshot() -> None:
    root = metainfo()
    releases = root.findall("releases/release")
    assert releases[0].get("version") == __version__
    assert releases[0].get("date")
    assert len(root.findall("description/p")) >= 2
    image = root.findtext("screenshots/screenshot[@type='default']/image")
    assert image.startswith("https://")
    assert image.endswith("/resources/screenshots/main-window.png")
    # The image the URL names is in the repository, large enough for a software centre.
    width, height = png_size(ROOT / "resources" / "screenshots" / "main-window.png")
    assert width >= 620
    assert height >= 350
    assert root.findtext("project_license") == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_icons_come_in_every_size_from_one_source() -> None:
    for size in PNG_SIZES:
        assert png_size(ICONS / f"app-{size}.png") == (size, size)
    assert ET.parse(ICONS / "app.svg").getroot().tag == "{http://www.w3.org/2000/svg}svg"
    # The committed PNGs are what the SVG renders today (Qt's renderer, as the build uses).
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "make_icons.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_windows_ico_holds_every_size_up_to_256() -> None:
    data = (ICONS / "app.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        width, height = data[6 + 16 * i], data[7 + 16 * i]
        sizes.add((width or 256, height or 256))  # 0 means 256 in an ICONDIRENTRY
    assert sizes == {(s, s) for s in (16, 24, 32, 48, 64, 128, 256)}


def test_macos_icns_holds_retina_sizes() -> None:
    data = (ICONS / "app.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, offset = set(), 8
    while offset < len(data):
        kind, length = struct.unpack(">4sI", data[offset : offset + 8])
        kinds.add(kind.decode("ascii"))
        offset += length
    # 128, 256, 512 and 1024 (512@2x) pixels, as PNG.
    assert {"ic07", "ic08", "ic09", "ic10"} <= kinds


def test_install_desktop_puts_everything_where_the_desktop_looks(tmp_path: Path) -> None:
    prefix = tmp_path / "usr" / "share"
    program = tmp_path / "My Apps" / "article-summariser"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "install_desktop.py"),
            "--prefix",
            str(prefix),
            "--exec",
            str(program),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    installed = prefix / "applications" / DESKTOP.name
    assert run("desktop-file-validate", installed).returncode == 0
    assert desktop_entry(installed)["Exec"] == f'"{program}" %F'
    assert (prefix / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    hicolor = prefix / "icons" / "hicolor"
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes() == (
        ICONS / "app.svg"
    ).read_bytes()
    for size in PNG_SIZES:
        assert png_size(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png") == (size, size)
    # The installed tree as a software centre reads it: metainfo, desktop file and icon agree.
    tree = run("appstreamcli", "validate-tree", "--no-net", tmp_path)
    assert tree.returncode == 0, tree.stdout + tree.stderr
    # update-desktop-database (desktop-file-utils) ran: "Open With" now offers the app.
    cache = (prefix / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
    for mime_type in FORMATS:
        assert f"{mime_type}={DESKTOP.name};" in cache

    removed = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "install_desktop.py"),
            "--prefix",
            str(prefix),
            "--uninstall",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert removed.returncode == 0, removed.stderr
    leftovers = [p for p in prefix.rglob(f"{APP_ID}*") if p.is_file()]
    assert leftovers == []

"""Render every app icon from the two SVG sources in ``resources/icons/``.

    python packaging/make_icons.py           # write the PNGs, app.ico and app.icns
    python packaging/make_icons.py --check   # exit 1 if a committed icon is not what the SVG gives

``app.svg`` is the icon; ``app-small.svg`` is the same design drawn on a 16-pixel grid, used at 16
and 32 pixels, where the full drawing's thin lines would blur. PNGs are rendered by Qt's
own SVG renderer (PySide6 is already a dependency of the app, so any machine that can build the app
can run this); ``.ico`` and ``.icns`` are assembled by Pillow from those PNGs (the ``package``
extra). Both are build-time tools: the app itself never imports Pillow.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication, QImage

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "app.svg"
SMALL_SOURCE = ICONS / "app-small.svg"
#: Sizes drawn from ``app-small.svg`` (whole multiples of its 16-pixel grid).
SMALL_SIZES = (16, 32)
#: PNGs shipped in resources/icons/ (and installed as hicolor icons on Linux).
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: Windows: the sizes Explorer and the task bar ask for; 256 is the largest an .ico holds.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: macOS: 16 to 512 points at 1x and 2x (1024 pixels is 512 points on a Retina screen).
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
#: Largest per-channel difference tolerated by --check (another Qt version may round differently).
TOLERANCE = 8


def png_name(size: int) -> str:
    return f"app-{size}.png"


def _application() -> QGuiApplication:
    """Qt needs an application object to paint, but never a display."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([sys.argv[0]])


def render(size: int) -> QImage:
    """The icon at ``size`` pixels, as a transparent ARGB32 image."""
    _application()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    source = SMALL_SOURCE if size in SMALL_SIZES else SOURCE
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {source} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("make_icons: Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def write_all(out: Path) -> list[Path]:
    """Write the PNGs, app.ico and app.icns into ``out``; return the files written."""
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    pngs: dict[int, bytes] = {}
    for size in sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES)):
        pngs[size] = png_bytes(render(size))
        if size in PNG_SIZES:
            target = out / png_name(size)
            target.write_bytes(pngs[size])
            written.append(target)

    def pil(size: int) -> Image.Image:
        return Image.open(io.BytesIO(pngs[size])).convert("RGBA")

    ico = out / "app.ico"
    largest = pil(max(ICO_SIZES))
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[pil(s) for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    written.append(ico)

    icns = out / "app.icns"
    pil(max(ICNS_SIZES)).save(
        icns, format="ICNS", append_images=[pil(s) for s in ICNS_SIZES if s != max(ICNS_SIZES)]
    )
    written.append(icns)
    return written


def _pixels_differ(a: QImage, b: QImage) -> int:
    """The largest per-channel difference between two ARGB32 images of one size."""
    return max(map(lambda pa, pb: abs(pa - pb), bytes(a.constBits()), bytes(b.constBits())))


def check() -> list[str]:
    """Problems with the committed icons: missing, wrong size, or not what the SVG renders."""
    _application()
    from PySide6.QtGui import QImage

    problems = []
    for size in PNG_SIZES:
        path = ICONS / png_name(size)
        committed = QImage(str(path))
        if committed.isNull():
            problems.append(f"{path.name}: missing or not a PNG")
            continue
        if (committed.width(), committed.height()) != (size, size):
            problems.append(f"{path.name}: {committed.width()}x{committed.height()}, not {size}")
            continue
        committed = committed.convertToFormat(QImage.Format.Format_ARGB32)
        diff = _pixels_differ(committed, render(size))
        if diff > TOLERANCE:
            problems.append(f"{path.name}: differs from the SVG by {diff}/255; re-run make_icons")
    for name in ("app.ico", "app.icns"):
        if not (ICONS / name).is_file():
            problems.append(f"{name}: missing; re-run make_icons")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="verify instead of writing")
    parser.add_argument("--out", type=Path, default=ICONS, help="where to write (resources/icons)")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(f"make_icons: {problem}", file=sys.stderr)
        return 1 if problems else 0
    for path in write_all(args.out):
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Icons: the desktop theme's where it has them, our own SVGs drawn in the palette's colours.

The bundled SVGs (``resources/icons/ui``) are line drawings in ``currentColor``; they are
rendered at every common size for 1x and 2x screens, in the palette's text colour (and its
disabled colour), so they stay sharp on HiDPI screens and readable in dark mode. Call
``clear_cache()`` when the palette changes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from article_summariser import resources

#: Our name → the freedesktop theme name tried first (``None``: always ours).
THEME_NAMES: dict[str, str | None] = {
    "open": "document-open",
    "new": "document-new",
    "paste": "edit-paste",
    "copy": "edit-copy",
    "save": "document-save-as",
    "close": "document-close",
    "heatmap": None,
    "about": "help-about",
    "cancel": "process-stop",
    "refresh": "view-refresh",
    "sample": None,
    "quit": "application-exit",
    "documents": None,
    "longer": "zoom-in",
    "shorter": "zoom-out",
    "keyboard": "preferences-desktop-keyboard",
    "undo": "edit-undo",
    "markdown": None,
    "quote": None,
}
SIZES = (16, 20, 22, 24, 32, 48, 64)
SCALES = (1.0, 2.0)


def _svg(name: str) -> str | None:
    try:
        return resources.read_text(f"icons/ui/{name}.svg")
    except OSError:
        return None


def _render(svg: str, colour: QColor, size: int, scale: float) -> QPixmap:
    data = QByteArray(svg.replace("currentColor", colour.name()).encode("utf-8"))
    renderer = QSvgRenderer(data)
    pixels = round(size * scale)
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(scale)
    return pixmap


@cache
def _bundled(name: str, normal: str, disabled: str) -> QIcon:
    svg = _svg(name)
    icon = QIcon()
    if svg is None:
        return icon
    for size in SIZES:
        for scale in SCALES:
            icon.addPixmap(_render(svg, QColor(normal), size, scale), QIcon.Mode.Normal)
            icon.addPixmap(_render(svg, QColor(disabled), size, scale), QIcon.Mode.Disabled)
    return icon


def icon(name: str, *, prefer_theme: bool = True) -> QIcon:
    """The icon called ``name`` (see ``THEME_NAMES``); an empty icon if there is none."""
    theme = THEME_NAMES.get(name)
    if prefer_theme and theme and QIcon.hasThemeIcon(theme):
        return QIcon.fromTheme(theme)
    palette = QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    return _bundled(name, normal.name(), disabled.name())


def app_icon() -> QIcon:
    """The application's icon: the PNG renderings (each drawn for its size), else the SVG."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        node = resources.path(f"icons/app-{size}.png")
        if node.is_file():
            icon.addFile(str(node), QSize(size, size))
    if icon.isNull():
        node = resources.path("icons/app.svg")
        if node.is_file():
            icon.addFile(str(node))
    return icon


def clear_cache() -> None:
    _bundled.cache_clear()

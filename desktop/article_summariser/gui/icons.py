"""Icons: the desktop theme's where it has them, our own SVGs drawn in the palette's colours.

The bundled SVGs (``resources/icons/ui``) are line drawings in ``currentColor``; each is drawn
when Qt first asks for it, at the size and device pixel ratio it is painted at, in the palette's
text colour (or its disabled colour), so it stays sharp on HiDPI screens and readable in dark
mode. Drawing on demand keeps start-up short: rendering every icon at every size up front cost
more than painting the whole window. Call ``clear_cache()`` when the palette changes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
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


class _SvgEngine(QIconEngine):
    """Draws one recoloured SVG at whatever size and scale it is asked for, once each."""

    def __init__(self, svg: str, normal: str, disabled: str) -> None:
        super().__init__()
        self._svg, self._normal, self._disabled = svg, normal, disabled
        self._pixmaps: dict[tuple[int, bool, float], QPixmap] = {}

    def _pixmap(self, size: QSize, mode: QIcon.Mode, scale: float) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        disabled = mode == QIcon.Mode.Disabled
        key = (side, disabled, scale)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            colour = QColor(self._disabled if disabled else self._normal)
            pixmap = self._pixmaps[key] = _render(self._svg, colour, side, scale)
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._pixmap(size, mode, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        return self._pixmap(size, mode, scale)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self._pixmap(rect.size(), mode, scale))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return _SvgEngine(self._svg, self._normal, self._disabled)


@cache
def _bundled(name: str, normal: str, disabled: str) -> QIcon:
    svg = _svg(name)
    if svg is None:
        return QIcon()
    return QIcon(_SvgEngine(svg, normal, disabled))


def icon(name: str, *, prefer_theme: bool = True) -> QIcon:
    """The icon called ``name`` (see ``THEME_NAMES``); an empty icon if there is none."""
    theme = THEME_NAMES.get(name)
    if prefer_theme and theme and QIcon.hasThemeIcon(theme):
        return QIcon.fromTheme(theme)
    palette = QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    return _bundled(name, normal.name(), disabled.name())


@cache
def app_icon() -> QIcon:
    """The application's icon: the PNG renderings (each drawn for its size), else the SVG.

    Made once: the app, the window and the empty state all show it, and each search of the
    package's files for its eight sizes cost a few milliseconds of start-up."""
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

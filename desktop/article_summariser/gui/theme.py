"""Colours derived from the system palette, so the window reads well in light and dark mode.

Nothing here is a fixed colour on a fixed background: every mark is a blend of the palette's own
base colour with an accent, so the text under it keeps the palette's contrast.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

#: The highlighter's yellow (the app icon's), for the sentences of the summary.
MARKER = QColor(255, 210, 63)
#: The heat map's hue (orange), the same in both modes; its strength grows with the score.
HEAT = QColor(255, 140, 0)
#: A flashed sentence starts at this strength and fades out.
FLASH_STRENGTH = 0.75


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def blend(base: QColor, accent: QColor, amount: float) -> QColor:
    """``accent`` laid over ``base`` with opacity ``amount`` (an opaque result)."""
    amount = max(0.0, min(1.0, amount))
    return QColor.fromRgbF(
        base.redF() + (accent.redF() - base.redF()) * amount,
        base.greenF() + (accent.greenF() - base.greenF()) * amount,
        base.blueF() + (accent.blueF() - base.blueF()) * amount,
    )


def accent(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Highlight)


def selected_background(palette: QPalette) -> QColor:
    """Behind a sentence of the summary in the original: a highlighter pen's yellow."""
    return blend(palette.color(QPalette.ColorRole.Base), MARKER, 0.30 if is_dark(palette) else 0.55)


def heat_background(palette: QPalette, score: float) -> QColor:
    """Behind a considered sentence in the heat map: faint for low scores, strong for high."""
    strength = (0.10 + 0.55 * score) * (0.85 if is_dark(palette) else 1.0)
    return blend(palette.color(QPalette.ColorRole.Base), HEAT, strength)


def flash_background(palette: QPalette, strength: float) -> QColor:
    return blend(palette.color(QPalette.ColorRole.Base), accent(palette), strength)


def muted_text(palette: QPalette) -> QColor:
    """Text that is shown but not part of the article (skipped material, notes)."""
    return blend(
        palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.5
    )


def secondary_text(palette: QPalette) -> QColor:
    return blend(
        palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.68
    )


def message_background(palette: QPalette, level: str) -> QColor:
    tint = {
        "info": accent(palette),
        "warning": QColor(230, 160, 0),
        "error": QColor(215, 50, 50),
    }.get(level, accent(palette))
    return blend(palette.color(QPalette.ColorRole.Window), tint, 0.28 if is_dark(palette) else 0.16)


def hex_colour(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexRgb)

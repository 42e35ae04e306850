"""Keep the engine's character offsets and the editor's positions in step.

The engine indexes Python strings (code points); Qt's text documents count UTF-16 units, so every
character outside the Basic Multilingual Plane (emoji, rare CJK) shifts Qt's positions by one.
Qt also turns ``\\r\\n`` and a lone ``\\r`` into one paragraph break. Documents are therefore
normalised once when they are created (offsets of loader blocks remapped), and highlights go
through ``Utf16Offsets`` so that a sentence lights up at its exact span whatever the text holds.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from typing import Any, TypeVar

_Block = TypeVar("_Block")

#: Characters outside the Basic Multilingual Plane: two UTF-16 units each.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

#: Qt's paragraph separator in ``QTextDocument.toRawText()``.
PARAGRAPH_SEPARATOR = "\u2029"


def normalise(text: str) -> str:
    """The text as a Qt text document holds it (same length unless ``\\r\\n`` occurs)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if PARAGRAPH_SEPARATOR in text:
        text = text.replace(PARAGRAPH_SEPARATOR, "\n")
    return text


def from_raw(raw: str) -> str:
    """Plain text from ``QTextDocument.toRawText()``: same offsets, no-break spaces kept."""
    return raw.replace(PARAGRAPH_SEPARATOR, "\n")


def normalise_blocks(text: str, blocks: Sequence[_Block] | None) -> tuple[str, Any]:
    """``normalise(text)`` with the blocks' ``start``/``end`` moved to the same characters."""
    if blocks is None or "\r\n" not in text:
        return normalise(text), blocks
    removed = [i for i in range(len(text) - 1) if text[i] == "\r" and text[i + 1] == "\n"]

    def move(offset: int) -> int:
        return offset - bisect.bisect_left(removed, offset)

    moved = tuple(
        dataclasses.replace(b, start=move(b.start), end=move(b.end))  # type: ignore[type-var]
        for b in blocks
    )
    return normalise(text), moved


class Utf16Offsets:
    """Converts between code-point offsets of ``text`` and Qt (UTF-16) positions."""

    def __init__(self, text: str) -> None:
        # Scans in C: ASCII has none (a 20 MB text is checked in microseconds), else one regex
        # pass instead of a Python loop over every character.
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        # Qt positions of the astral characters, for the way back.
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        if not self._astral:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        if not self._astral:
            return position
        # A position inside a surrogate pair maps to the character it splits.
        return position - bisect.bisect_left(self._astral_qt, position)

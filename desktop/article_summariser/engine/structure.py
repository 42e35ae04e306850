"""Split a text into blocks (paragraphs, headings) with exact offsets.

Paragraphs are separated by blank lines; soft-wrapped lines inside a paragraph stay together.
A line that looks like a heading (short, no closing punctuation, standing alone or opening its
paragraph) becomes a block of its own with ``Role.HEADING``: it is shown but never summarised.
Finer recognition of web-page clutter (bylines, captions, newsletter prompts) is layered on top
by ``furniture.classify``.
"""

from __future__ import annotations

import re

from article_summariser.engine.model import Block, Role

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"[^\n]*\n?")
#: Characters that end a sentence (including closing quotes and brackets after them).
_FINAL = tuple(".!?…:;。！？؟।\"'”’»)]")
HEADING_MAX_WORDS = 20
HEADING_MAX_CHARS = 160


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [_strip(text, a, b) for a, b in spans if text[a:b].strip()]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    piece = text[a:b]
    a2 = a + len(piece) - len(piece.lstrip())
    b2 = a + len(piece.rstrip())
    return a2, b2


def _line_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    lines = []
    for match in _LINE.finditer(text, a, b):
        if match.start() == match.end():
            break
        la, lb = _strip(text, match.start(), match.end())
        if lb > la:
            lines.append((la, lb))
    return lines


def looks_like_heading(line: str) -> bool:
    """Short, has letters, and does not end like a sentence."""
    stripped = line.strip()
    if not stripped or len(stripped) > HEADING_MAX_CHARS:
        return False
    if not any(ch.isalpha() for ch in stripped):
        return False
    if stripped.endswith(_FINAL):
        return False
    return len(stripped.split()) <= HEADING_MAX_WORDS


def split_blocks(text: str) -> list[Block]:
    """Paragraph and heading blocks covering every non-blank part of ``text``, in order."""
    blocks: list[Block] = []
    for pa, pb in _paragraph_spans(text):
        lines = _line_spans(text, pa, pb)
        longest = max(lb - la for la, lb in lines)
        # A paragraph made only of short unpunctuated lines (a headline over a deck, a credit
        # line, a menu) is a stack of headings, not prose.
        all_headings = all(looks_like_heading(text[la:lb]) for la, lb in lines)
        body_start: int | None = None
        body_end = pa
        for i, (la, lb) in enumerate(lines):
            line = text[la:lb]
            standalone = len(lines) == 1
            # A short unpunctuated line is a heading when it stands alone, opens the paragraph
            # and is clearly shorter than the wrapped lines under it, or sits between two
            # punctuated lines (a subheading pasted without blank lines around it).
            heading = looks_like_heading(line) and (
                standalone
                or all_headings
                or (i == 0 and (lb - la) < 0.7 * longest)
                or (i > 0 and text[lines[i - 1][0] : lines[i - 1][1]].rstrip().endswith(_FINAL))
            )
            if heading:
                if body_start is not None:
                    blocks.append(Block(body_start, body_end, Role.BODY))
                    body_start = None
                blocks.append(Block(la, lb, Role.HEADING, "heading"))
            else:
                if body_start is None:
                    body_start = la
                body_end = lb
        if body_start is not None:
            blocks.append(Block(body_start, body_end, Role.BODY))
    return blocks

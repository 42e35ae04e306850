"""Split a text into blocks (paragraphs, headings) with exact offsets.

Paragraphs are separated by blank lines; soft-wrapped lines inside a paragraph stay together.
A line that looks like a heading (short, no closing punctuation, standing alone or opening its
paragraph) becomes a block of its own with ``Role.HEADING``: it is shown but never summarised.
Web-page clutter (bylines, captions, credits, share and newsletter prompts, author blurbs) is
recognised line by line by ``furniture`` and becomes blocks with their own roles, so pasted text
gets the same cleaning as a loaded web page while every offset still indexes the text as given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from article_summariser.engine import cancel, furniture
from article_summariser.engine.model import Block, Role

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
#: A carriage return that is a line break of its own (old Mac files), not half of a CRLF.
_LONE_CR = re.compile(r"\r(?!\n)")
_LINE = re.compile(r"[^\n]*\n?")
#: Characters that end a sentence (including closing quotes and brackets after them).
_FINAL = tuple(".!?…:;。！？؟।")
#: Quotes and brackets that may close a sentence after its full stop ('... he said."').
_CLOSERS = "\"'”’»)]"
HEADING_MAX_WORDS = 20
HEADING_MAX_CHARS = 160
#: No furniture line has more words than this (``furniture.classify_line``'s rules) ...
FURNITURE_MAX_WORDS = 60
#: ... and lines longer than this many characters are checked for it before being classified.
LONG_LINE = 10_000


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


def _closed(line: str) -> bool:
    """Ends like a sentence: with its punctuation, perhaps inside closing quotes or brackets
    ('... he said."'). A headline that ends with a quoted phrase ("Ethnic producers 'face
    barriers'") does not."""
    return line.rstrip().rstrip(_CLOSERS).endswith(_FINAL)


def looks_like_heading(line: str) -> bool:
    """Short, has letters, and does not end like a sentence."""
    stripped = line.strip()
    if not stripped or len(stripped) > HEADING_MAX_CHARS:
        return False
    if not any(ch.isalpha() for ch in stripped):
        return False
    if _closed(stripped):
        return False
    return len(stripped.split()) <= HEADING_MAX_WORDS


def _not_furniture(line: str) -> bool:
    """True for a line too long to be furniture, found without reading all of it.

    Every rule of ``furniture.classify_line`` wants at most ``FURNITURE_MAX_WORDS`` words; on
    a book pasted as one line, reading it whole took seconds for that answer."""
    return len(line) > LONG_LINE and len(line.split(None, FURNITURE_MAX_WORDS)) > (
        FURNITURE_MAX_WORDS
    )


def _paragraph_blocks(
    text: str, pa: int, pb: int, progress: Callable[[float], None] | None = None
) -> list[Block]:
    """The blocks of one paragraph: furniture lines, heading lines and runs of body lines.

    ``progress`` hears the position (a fraction of the text) in a paragraph of many lines."""
    lines = _line_spans(text, pa, pb)
    if not lines:
        return []
    blocks: list[Block] = []
    longest = max(lb - la for la, lb in lines)
    # A paragraph made only of short unpunctuated lines (a headline over a deck, a credit
    # line, a menu) is a stack of headings, not prose.
    all_headings = all(looks_like_heading(text[la:lb]) for la, lb in lines)
    body_start: int | None = None
    body_end = pa
    previous_closed = True  # the line before ends a sentence, or is a heading or furniture
    for i, (la, lb) in enumerate(lines):
        if i % 4096 == 4095:  # a book whose paragraphs are single lines, no blank line between
            cancel.check()
            if progress is not None:
                progress(la / len(text))
        line = text[la:lb]
        # A soft-wrapped line that goes on with a sentence is never furniture on its own.
        continuation = not previous_closed and line[:1].islower()
        mark = None if continuation or _not_furniture(line) else furniture.classify_line(line)
        if mark is not None:
            if body_start is not None:
                blocks.append(Block(body_start, body_end, Role.BODY))
                body_start = None
            blocks.append(Block(la, lb, mark.role, mark.reason))
            previous_closed = True
            continue
        standalone = len(lines) == 1
        # A short unpunctuated line is a heading when it stands alone, opens the paragraph
        # and is clearly shorter than the wrapped lines under it, or sits between two
        # punctuated lines (a subheading pasted without blank lines around it).
        heading = looks_like_heading(line) and (
            standalone
            or all_headings
            or (i == 0 and (lb - la) < 0.7 * longest)
            or (i > 0 and previous_closed)
        )
        if heading:
            if body_start is not None:
                blocks.append(Block(body_start, body_end, Role.BODY))
                body_start = None
            blocks.append(Block(la, lb, Role.HEADING, "heading"))
            previous_closed = True
        else:
            if body_start is None:
                body_start = la
            body_end = lb
            previous_closed = _closed(line)
    if body_start is not None:
        blocks.append(Block(body_start, body_end, Role.BODY))
    return blocks


def _headline_question(line: str, text: str, following: Block) -> bool:
    """A one-sentence line ending in "?", "!" or "..." ("Can Yahoo dominate next decade?")
    over a body paragraph at least twice its length: a headline, not an opening."""
    core = line.strip().rstrip(_CLOSERS)
    if not core.endswith(("?", "!", "…", "...")) or re.search(r"[.!?]\s", core):
        return False
    return following.role is Role.BODY and (following.end - following.start) >= 2 * len(line)


def _finish(text: str, blocks: list[Block]) -> list[Block]:
    blocks = furniture.refine(text, blocks)
    # The first plain heading before any prose is the title, even under a "Skip to content".
    # A headline that ends like a sentence ("Who has the best morale?") is the title too when
    # a byline or dateline follows it straight away, or when it opens the text as a line of
    # its own that asks or exclaims, above a paragraph of prose.
    for i, block in enumerate(blocks):
        if block.role is Role.TITLE:
            break
        if block.role is Role.BODY:
            piece = text[block.start : block.end]
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if (
                "\n" not in piece
                and len(piece.split()) <= HEADING_MAX_WORDS
                and following is not None
                and (
                    following.role in (Role.BYLINE, Role.CAPTION)
                    or (i == 0 and _headline_question(piece, text, following))
                )
            ):
                blocks[i] = Block(block.start, block.end, Role.TITLE, "title")
            break
        if block.role is Role.HEADING and block.reason == "heading":
            blocks[i] = Block(block.start, block.end, Role.TITLE, "title")
            break
    return blocks


def _line_breaks_as_lf(text: str) -> str:
    """``text`` with each lone CR read as the line break it is, for finding lines.

    A CRLF already splits where its LF is (the CR is trailing whitespace); an old Mac file has
    only CRs, and without this it was one line: its title, credits and first paragraph ran
    into one "sentence". One character for one, so every offset found in the copy indexes
    ``text`` unchanged."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def split_blocks(text: str, progress: Callable[[float], None] | None = None) -> list[Block]:
    """Paragraph, heading and furniture blocks covering every non-blank part of ``text``.

    Offsets index into ``text`` unchanged: furniture is only marked, never removed.
    ``progress`` hears how far through the text the split is (a fraction), now and then.
    """
    text = _line_breaks_as_lf(text)
    blocks: list[Block] = []
    for count, (pa, pb) in enumerate(_paragraph_spans(text)):
        if count % 256 == 0:
            cancel.check()
            if progress is not None:
                progress(pa / len(text))
        blocks.extend(_paragraph_blocks(text, pa, pb, progress))
    return _finish(text, blocks)


def blocks_for(text: str, paragraphs: Sequence[tuple[int, int, Role | None, str]]) -> list[Block]:
    """Blocks for a loader's paragraphs ``(start, end, role, reason)``.

    A paragraph whose role the document states (a Word heading, an HTML caption) keeps it; one
    with ``role=None`` is read like pasted text, so clutter that a page extractor let through
    is still recognised.
    """
    text = _line_breaks_as_lf(text)
    blocks: list[Block] = []
    for start, end, role, reason in paragraphs:
        if role is None:
            blocks.extend(_paragraph_blocks(text, start, end))
        else:
            blocks.append(Block(start, end, role, reason or role.value))
    return _finish(text, blocks)

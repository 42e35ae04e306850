"""Build a ``LoadedDocument`` from the paragraphs a rich-format loader found.

Every rich format (HTML, PDF, DOCX, ODT, RTF, EPUB, Markdown) ends the same way: paragraphs
with what the format says about them (a heading style, a caption) become one clean text,
paragraphs separated by blank lines, and blocks whose offsets index into that text. Paragraphs
the format says nothing about go through the same furniture rules as pasted text, so a share
bar inside a Word file or a credit line inside an e-book is still recognised.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from article_summariser.engine.errors import InputError
from article_summariser.engine.model import Role

if TYPE_CHECKING:
    from article_summariser.engine.loading import LoadedDocument


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document; ``role=None`` lets the furniture rules decide."""

    text: str
    role: Role | None = None
    reason: str = ""


def clean(text: str) -> str:
    """One line of plain prose: every run of whitespace (line breaks too) becomes one space."""
    return " ".join(text.replace("\u00ad", "").split())


def assemble(
    paragraphs: Iterable[Paragraph],
    *,
    name: str,
    source: str,
    format: str,
    title: str = "",
    encoding: str | None = None,
) -> LoadedDocument:
    """The document made of ``paragraphs``, with ``title`` kept as its first block.

    Raises ``InputError`` when no paragraph has any text.
    """
    # Imported here: ``loading`` imports the loaders.
    from article_summariser.engine.loading import LoadedDocument
    from article_summariser.engine.structure import blocks_for

    items = [Paragraph(clean(p.text), p.role, p.reason) for p in paragraphs]
    items = [p for p in items if p.text]
    if not items:
        raise InputError(f"{name} has no text in it.")
    title = clean(title)
    if title:
        folded = title.casefold()
        first = next((k for k, p in enumerate(items[:3]) if p.text.casefold() == folded), -1)
        if first >= 0:
            items[first] = Paragraph(items[first].text, Role.TITLE, "title")
        else:
            items.insert(0, Paragraph(title, Role.TITLE, "title"))
    spans = []
    pieces = []
    pos = 0
    for p in items:
        if pieces:
            pos += 2
        spans.append((pos, pos + len(p.text), p.role, p.reason))
        pieces.append(p.text)
        pos += len(p.text)
    text = "\n\n".join(pieces)
    blocks = blocks_for(text, spans)
    if all(b.role in (Role.BOILERPLATE, Role.CAPTION, Role.BYLINE) for b in blocks):
        found = ", ".join(dict.fromkeys(b.reason for b in blocks))
        raise InputError(f"{name} has no readable text, only page furniture ({found}).")
    if not title:
        title = next((text[b.start : b.end] for b in blocks if b.role is Role.TITLE), "")
    return LoadedDocument(
        text=text,
        title=title,
        source=source,
        format=format,
        blocks=tuple(blocks),
        encoding=encoding,
    )

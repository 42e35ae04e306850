"""Markdown (``.md``) read as prose: headings stay headings, the markup itself disappears.

markdown-it-py renders the CommonMark (plus tables) to HTML, which is then read block by block
like an e-book chapter; code blocks and tables are kept visible but never summarised. A YAML
front-matter block at the top is metadata, not text: its ``title:`` becomes the title.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from article_summariser.engine.errors import InputError
from article_summariser.engine.loaders.document import assemble
from article_summariser.engine.loaders.html import SKIP_CONTENT, paragraphs_of, parse

if TYPE_CHECKING:
    from article_summariser.engine.loading import LoadedDocument

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(---|\.\.\.)[ \t]*(\r?\n|\Z)", re.DOTALL)
_TITLE = re.compile(r"^title\s*:\s*(.+?)\s*$", re.MULTILINE | re.IGNORECASE)


def from_markdown(text: str, name: str, source: str, encoding: str | None = None) -> LoadedDocument:
    from markdown_it import MarkdownIt

    title = ""
    front = _FRONT_MATTER.match(text)
    if front:
        found = _TITLE.search(front.group(1))
        if found:
            title = found.group(1).strip().strip("\"'")
        text = text[front.end() :]
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    root = parse(f"<html><body>{rendered}</body></html>")
    if root is None:
        raise InputError(f"{name} has no text in it.")
    return assemble(
        paragraphs_of(root, skip=SKIP_CONTENT),
        name=name,
        source=source,
        format="markdown",
        title=title,
        encoding=encoding,
    )


def load(data: bytes, name: str, source: str) -> LoadedDocument:
    from article_summariser.engine.loaders.text import decode

    text, encoding = decode(data, name)
    return from_markdown(text, name, source, encoding)

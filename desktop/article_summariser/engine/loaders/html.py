"""Web pages (saved files, fetched URLs, rich text from the clipboard) to clean article text.

The main article is found by trafilatura, the extractor the readability maintainers point to;
it leaves out navigation, comments, share bars and footers. Its output tree (headings,
paragraphs, lists, quotes, tables) becomes paragraphs with roles, and whatever clutter it let
through is caught by the same furniture rules as pasted text. When it finds no article (a short
fragment, a page that is all links) the page's own blocks are read instead, without the parts
that are never content (scripts, styles, navigation, forms, asides).

Nothing is executed and nothing is fetched: lxml parses the markup with network access off, and
scripts, frames and embedded objects are dropped unread.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from article_summariser.engine.errors import InputError
from article_summariser.engine.loaders.document import Paragraph, assemble, clean
from article_summariser.engine.model import Role

if TYPE_CHECKING:
    from lxml import etree

    from article_summariser.engine.loading import LoadedDocument

#: Elements never read: code, media, forms and the page's own chrome.
SKIP = frozenset(
    "script style noscript template svg math iframe frame frameset object embed canvas video "
    "audio map area form button input select option textarea label nav menu dialog head "
    "title meta link base aside footer header".split()
)
#: Elements that are never read and whose absence says nothing about the page (EPUB, Markdown).
SKIP_CONTENT = SKIP - {"header", "footer", "aside", "nav"}
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6 head".split())
BLOCKS = frozenset(
    "p div section article main body li ul ol dl dt dd blockquote figure address center "
    "details summary hgroup list item quote html fieldset caption".split()
)
CODE = frozenset(("pre", "code", "listing", "xmp"))
TABLES = frozenset(("table",))
CAPTIONS = frozenset(("figcaption",))
ROWS = frozenset(("tr", "row"))
CELLS = frozenset(("td", "th", "cell"))

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_HTML_START = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _tag(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return tag.rsplit("}", 1)[-1].lower()


class _Walker:
    """Turn an element tree into paragraphs, one per block-level element."""

    def __init__(self, skip: frozenset[str]) -> None:
        self.skip = skip
        self.paragraphs: list[Paragraph] = []
        self.buffer: list[str] = []

    def flush(self, role: Role | None = None, reason: str = "") -> None:
        text = clean("".join(self.buffer))
        self.buffer = []
        if text:
            self.paragraphs.append(Paragraph(text, role, reason))

    def inline_text(self, element: etree._Element) -> str:
        parts: list[str] = []
        for node in element.iter():
            tag = _tag(node)
            if node is not element and tag in self.skip:
                continue
            if tag in ("br", "lb"):
                parts.append(" ")
            if node.text and tag not in self.skip and tag:
                parts.append(node.text)
            if node is not element and node.tail:
                parts.append(node.tail)
            if tag in BLOCKS or tag in CELLS or tag in HEADINGS:
                parts.append(" ")
        return "".join(parts)

    def walk(self, element: etree._Element) -> None:
        tag = _tag(element)
        if tag in self.skip or not tag:
            pass
        elif tag in HEADINGS:
            self.flush()
            self.buffer.append(self.inline_text(element))
            self.flush(Role.HEADING, "heading")
        elif tag in CAPTIONS:
            self.flush()
            self.buffer.append(self.inline_text(element))
            self.flush(Role.CAPTION, "image caption")
        elif tag in CODE:
            self.flush()
            self.buffer.append(self.inline_text(element))
            self.flush(Role.BOILERPLATE, "code")
        elif tag in TABLES:
            self.flush()
            for row in element.iter():
                if _tag(row) in ROWS:
                    cells = [clean(self.inline_text(c)) for c in row if _tag(c) in CELLS]
                    self.buffer.append(" | ".join(c for c in cells if c))
                    self.flush(Role.BOILERPLATE, "table")
        elif tag in ("br", "lb"):
            self.buffer.append(" ")
        elif tag in BLOCKS:
            self.flush()
            if element.text:
                self.buffer.append(element.text)
            for child in element:
                self.walk(child)
            self.flush()
        else:
            if element.text:
                self.buffer.append(element.text)
            for child in element:
                self.walk(child)
        if element.tail and tag:
            self.buffer.append(element.tail)


def paragraphs_of(root: etree._Element, *, skip: frozenset[str] = SKIP) -> list[Paragraph]:
    """Every block of ``root`` as a paragraph, headings, captions and tables with their roles."""
    walker = _Walker(skip)
    walker.walk(root)
    walker.flush()
    return walker.paragraphs


def parse(html: str) -> etree._Element | None:
    """``html`` parsed leniently, without network access; ``None`` when nothing is left."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    # lxml refuses a str that still carries an XML encoding declaration.
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        return lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _trafilatura(html: str) -> tuple[list[Paragraph], str]:
    """The main article by trafilatura, and the page's title; ``([], "")`` when none is found."""
    import trafilatura

    # trafilatura reports pages it finds no article in through logging; that is our fallback.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            favor_recall=True,
        )
    except Exception:  # a third-party parser on hostile input: fall back to reading the blocks
        return [], ""
    if document is None or getattr(document, "body", None) is None:
        return [], getattr(document, "title", "") or ""
    return paragraphs_of(document.body, skip=SKIP_CONTENT), document.title or ""


def _first_heading_title(root: etree._Element | None) -> str:
    if root is None:
        return ""
    for element in root.iter("h1", "title"):
        text = clean(element.text_content())
        if text:
            return text
    return ""


def _merge_title(title: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Mark the heading that repeats the page title as the title."""
    folded = title.casefold()
    out = list(paragraphs)
    for i, p in enumerate(out[:3]):
        if p.text.casefold() == folded:
            out[i] = Paragraph(p.text, Role.TITLE, "title")
    return out


def _preformatted(html: str, source: str, encoding: str | None) -> LoadedDocument | None:
    """A page that is mostly one ``<pre>`` (a plain-text file as a browser shows it, copied).

    Its lines matter (a credit line under a headline, soft-wrapped paragraphs), so its text is
    read like pasted text, line by line, rather than flattened into paragraphs.
    """
    if "<pre" not in html.lower():
        return None
    from article_summariser.engine.loading import LoadedDocument
    from article_summariser.engine.structure import split_blocks

    root = parse(html)
    if root is None:
        return None
    everything = root.text_content().strip()
    text = "\n\n".join(element.text_content().strip("\n") for element in root.iter("pre"))
    if not text.strip() or len(text.strip()) < 0.5 * len(everything):
        return None
    blocks = tuple(split_blocks(text))
    title = next((text[b.start : b.end] for b in blocks if b.role is Role.TITLE), "")
    return LoadedDocument(
        text=text, title=title, source=source, format="html", blocks=blocks, encoding=encoding
    )


def from_html(
    html: str, source: str = "clipboard", *, name: str = "", encoding: str | None = None
) -> LoadedDocument:
    """The clean article text of a web page or of HTML copied to the clipboard.

    The same text comes out whether the page was saved, fetched or copied: the title as the
    first block, then the article's headings and paragraphs, clutter marked as skipped.
    """
    name = name or ("The copied text" if source == "clipboard" else "The page")
    if not isinstance(html, str) or not html.strip():
        raise InputError(f"{name} is empty.")
    html = html.replace("\x00", "")
    preformatted = _preformatted(html, source, encoding)  # before the article extractor
    if preformatted is not None:
        return preformatted
    paragraphs, title = _trafilatura(html)
    root = None
    if not any(p.role is None for p in paragraphs):
        root = parse(html)
        if root is not None:
            body = root.find("body")
            paragraphs = paragraphs_of(body if body is not None else root)
    if not title:
        title = _first_heading_title(root if root is not None else parse(html))
    if not any(p.role is None for p in paragraphs):
        raise InputError(f"{name} has no readable text in it.")
    return assemble(
        _merge_title(clean(title), paragraphs),
        name=name,
        source=source,
        format="html",
        title=title,
        encoding=encoding,
    )


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def looks_like_html(text: str) -> bool:
    """Whether ``text`` starts like an HTML document (not merely mentions a tag)."""
    return bool(_HTML_START.match(text[:4096]))


def load(data: bytes, name: str, source: str, charset: str | None = None) -> LoadedDocument:
    """A saved web page (``.html``, ``.htm``, ``.xhtml``) or a fetched one."""
    from article_summariser.engine.loaders.text import decode

    html, encoding = decode(data, name, declared=charset or declared_charset(data))
    return from_html(html, source, name=name, encoding=encoding)

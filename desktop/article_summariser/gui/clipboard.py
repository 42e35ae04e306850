"""Text in and out: the clipboard and drops in, summaries out as text, Markdown or a quote.

Pasted or dropped rich text (a web page, a word processor) becomes clean plain text through the
engine's HTML loader, which keeps the article and marks headings and clutter; plain text is
taken as it is. Copies always put plain text on the clipboard, so they paste the same anywhere.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication, QTextDocument

if TYPE_CHECKING:
    from article_summariser.engine import Summary

FORMATS = ("text", "markdown", "quote")


@dataclass(frozen=True)
class IncomingText:
    """Text that arrived by paste or drop, cleaned, with what is known of its structure."""

    text: str
    title: str = ""
    format: str = "text"
    blocks: tuple[Any, ...] | None = None


def local_files(mime: QMimeData | None) -> list[Path]:
    """The local files a drop or paste carries (remote URLs are not fetched)."""
    if mime is None or not mime.hasUrls():
        return []
    files = []
    for url in mime.urls():
        if isinstance(url, QUrl) and url.isLocalFile() and url.toLocalFile():
            files.append(Path(url.toLocalFile()))
    return files


def web_addresses(mime: QMimeData | None) -> list[str]:
    """The http(s) addresses a drop or paste carries: dropped links, or text that is one address.

    They are fetched only because the user dropped or pasted them (see ``Workspace.open_url``).
    """
    if mime is None:
        return []
    from article_summariser.engine.fetch import looks_like_url

    found = []
    if mime.hasUrls():
        for url in mime.urls():
            if isinstance(url, QUrl) and url.scheme() in ("http", "https"):
                found.append(url.toString())
    if not found and mime.hasText() and looks_like_url(mime.text().strip()):
        found.append(mime.text().strip())
    return found


def _html_to_text(html: str, source: str) -> IncomingText | None:
    """The one place rich text becomes plain text."""
    try:
        from article_summariser.engine.errors import InputError
        from article_summariser.engine.loaders.html import from_html
    except ImportError:  # pragma: no cover - the HTML loader ships with the engine
        return _qt_html_to_text(html)
    try:
        loaded = from_html(html, source)
    except InputError:
        return None
    return IncomingText(loaded.text, loaded.title, loaded.format, loaded.blocks)


def _qt_html_to_text(html: str) -> IncomingText | None:
    """Fallback when the engine has no HTML loader: Qt's own rendering, paragraphs kept apart."""
    document = QTextDocument()
    document.setHtml(html)
    paragraphs = []
    block = document.begin()
    while block.isValid():
        line = block.text().replace("\u00a0", " ").strip()
        if line:
            paragraphs.append(line)
        block = block.next()
    text = "\n\n".join(paragraphs)
    return IncomingText(text) if text.strip() else None


def incoming_text(mime: QMimeData | None, source: str = "clipboard") -> IncomingText | None:
    """Clean text from a paste or drop, or ``None`` if it carries no text.

    Text over the size limit of files raises ``InputError`` (with the sizes, for people)
    before it reaches the editor or the page cleaner; rich text over it is not cleaned, its
    plain text is taken instead.
    """
    if mime is None:
        return None
    from article_summariser.engine.errors import InputError
    from article_summariser.engine.loading import check_text_size

    plain = mime.text() if mime.hasText() else ""
    check_text_size(plain, "The dropped text" if source == "dropped" else "The pasted text")
    html = mime.html() if mime.hasHtml() else ""
    try:
        check_text_size(html)
    except InputError:
        html = ""
    if html:
        converted = _html_to_text(html, source)
        # The cleaner drops page clutter; if it dropped most of what the user selected, the
        # selection was the point, and the plain-text version of it is kept instead.
        if (
            converted is not None
            and converted.text.strip()
            and len(converted.text.split()) * 2 >= len(plain.split())
        ):
            return converted
    if plain.strip():
        return IncomingText(plain)
    return None


def clipboard_mime() -> QMimeData | None:
    return QGuiApplication.clipboard().mimeData()


def summary_as(summary: Summary, form: str, source: str = "") -> str:
    """The summary in one of ``FORMATS``."""
    from article_summariser.engine import export

    if form == "markdown":
        return export.as_markdown(summary, source)
    if form == "quote":
        return export.as_quote(summary, source)
    return export.as_text(summary)


def copy_summary(summary: Summary, form: str = "text", source: str = "") -> str:
    """Put the summary on the clipboard as plain text; returns what was copied."""
    text = summary_as(summary, form, source)
    QGuiApplication.clipboard().setText(text)
    return text


def write_summary(path: Path, summary: Summary, source: str = "") -> None:
    """Save the summary: Markdown for ``.md``, plain text otherwise. All or nothing.

    Raises ``OSError`` (the caller says why in plain words).
    """
    import os
    import tempfile

    form = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    text = summary_as(summary, form, source) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise

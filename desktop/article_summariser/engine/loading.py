"""Read a document from disk into text the summariser can work on.

``load_path`` reads a file (size-capped), decides its format from what it starts with, then its
name, and hands it to one module of ``engine/loaders`` (text, markdown, html, pdf, docx, odt,
rtf, epub). Plain text is returned exactly as decoded; the other formats return a cleaned text,
paragraphs separated by blank lines, with blocks that say what each paragraph is. Empty,
binary, oversized, damaged, password-protected or unsupported files and unreadable paths raise
``InputError`` with a message for people.

Size limits are checked before anything is read: a file by its size on disk, a stream (standard
input) as it is read, pasted text (``check_text_size``) by its size in UTF-8, the size it has as
a file, so that one limit means the same wherever the text comes from. A path that is not a
regular file (a named pipe, a device, a socket, a folder) is refused from its ``stat``, before
it is opened: opening a pipe would wait for a writer forever.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from article_summariser.engine import cancel
from article_summariser.engine.errors import InputError
from article_summariser.engine.model import Block

#: Files larger than this are refused (configurable by the caller); pasted text and standard
#: input are held to the same limit.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Streams are read in pieces of this size, so an endless one stops at the limit.
_READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class LoadedDocument:
    """What a loader returns: the text the engine reads, and what it knows of its structure."""

    text: str
    title: str = ""
    #: Where it came from: a path, a URL, ``"clipboard"``, ``"standard input"``.
    source: str = ""
    #: ``"text"``, ``"markdown"``, ``"html"``, ``"pdf"``, ...
    format: str = "text"
    #: Paragraph blocks with roles, when the loader knows them; ``None`` lets the engine split.
    blocks: tuple[Block, ...] | None = None
    #: The text encoding detected, for plain-text files.
    encoding: str | None = None

    @property
    def name(self) -> str:
        """A short name for people: the file name, or the source as is."""
        if self.source and "://" not in self.source:
            return Path(self.source).name
        return self.source


def decode_bytes(data: bytes, name: str = "the input") -> str:
    """Decode text bytes (encoding detected), or raise ``InputError`` for data that is not text."""
    return decode_with_encoding(data, name)[0]


def decode_with_encoding(data: bytes, name: str = "the input") -> tuple[str, str]:
    """``(text, encoding)`` for text bytes; see ``loaders.text.decode``."""
    from article_summariser.engine.loaders.text import decode

    return decode(data, name)


def human_size(size: float) -> str:
    """A byte count as people say it: "820 KB", "3.2 MB", "50 MB", "10 GB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    if size < 1024 * 1024 * 1024:
        megabytes = f"{size / (1024 * 1024):.1f}".removesuffix(".0")
        return f"{megabytes} MB"
    gigabytes = f"{size / (1024 * 1024 * 1024):.1f}".removesuffix(".0")
    return f"{gigabytes} GB"


def over_limit(name: str, size: int | None, max_bytes: int) -> InputError:
    """The refusal of something over the limit, with its size when it is known.

    When the two sizes round to the same words ("50 MB, over the 50 MB limit" for one byte
    more) both are given in bytes, so that the message never contradicts itself.
    """
    limit = human_size(max_bytes)
    if size is None:
        return InputError(f"{name} is over the {limit} limit.")
    if human_size(size) == limit:
        return InputError(
            f"{name} is {size:,} bytes, over the {limit} limit ({max_bytes:,} bytes)."
        )
    return InputError(f"{name} is {human_size(size)}, over the {limit} limit.")


def _not_a_file(name: str, mode: int) -> InputError | None:
    """Why a path of this ``stat`` mode cannot be read as a document (``None``: it can)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return InputError(f"{name} is a folder, not a document.")
    if stat.S_ISFIFO(mode):
        return InputError(
            f"{name} is a pipe, not a document: it has no end to read to. Save what it carries "
            "to a file and open that."
        )
    if stat.S_ISSOCK(mode):
        return InputError(f"{name} is a socket, not a document.")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return InputError(f"{name} is a device, not a document.")
    return InputError(f"{name} is not a regular file, so it cannot be read as a document.")


def open_file(
    path: Path,
    name: str,
    max_bytes: int,
    refuse: Callable[[str, int], InputError | None] | None = None,
) -> BinaryIO:
    """``path`` opened for reading, every failure a clear ``InputError`` naming it ``name``.

    Never blocks: what the path is and how big it is are known from ``stat`` before it is
    opened, and it is opened without waiting, then checked again (it may have been replaced).
    ``refuse`` says why a ``stat`` mode is not readable (default: not a regular file)."""
    refuse = refuse or _not_a_file
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{name} does not exist (was it moved or deleted?).") from None
    except OSError as error:
        raise InputError(f"{name} cannot be read: {error.strerror or error}.") from None
    refusal = refuse(name, info.st_mode)
    if refusal is not None:
        raise refusal
    if info.st_size > max_bytes:
        raise over_limit(name, info.st_size, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.fdopen(os.open(path, flags), "rb")
    except FileNotFoundError:
        raise InputError(f"{name} does not exist (was it moved or deleted?).") from None
    except PermissionError:
        raise InputError(f"{name} cannot be read: permission denied.") from None
    except OSError as error:
        raise InputError(f"{name} cannot be read: {error.strerror or error}.") from None
    refusal = refuse(name, os.fstat(handle.fileno()).st_mode)
    if refusal is not None:
        handle.close()
        raise refusal
    return handle


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of ``path`` with every failure turned into a clear ``InputError``
    (``open_file``), never more than ``max_bytes``."""
    name = f"“{path.name}”"
    try:
        with open_file(path, name, max_bytes) as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{name} cannot be read: permission denied.") from None
    except OSError as error:
        raise InputError(f"{name} cannot be read: {error.strerror or error}.") from None
    if len(data) > max_bytes:
        raise over_limit(name, None, max_bytes)
    return data


def read_stream(
    stream: BinaryIO, name: str = "The standard input", max_bytes: int = DEFAULT_MAX_BYTES
) -> bytes:
    """Everything ``stream`` holds, refused with an ``InputError`` once it passes the limit.

    A stream redirected from a file says its size at once; a pipe is read a piece at a time
    and stops one byte past the limit, however much more is coming.
    """
    try:
        info = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):
        info = None
    if info is not None and stat.S_ISREG(info.st_mode):
        try:
            remaining = info.st_size - stream.tell()
        except OSError:
            remaining = info.st_size
        if remaining > max_bytes:
            raise over_limit(name, remaining, max_bytes)
    chunks: list[bytes] = []
    total = 0
    try:
        while total <= max_bytes:
            chunk = stream.read(min(_READ_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise InputError(f"{name} cannot be read: {error.strerror or error}.") from None
    if total > max_bytes:
        raise over_limit(name, None, max_bytes)
    return b"".join(chunks)


def text_size(text: str) -> int:
    """The size of ``text`` in UTF-8 (what it takes as a file), measured a piece at a time."""
    if text.isascii():
        return len(text)
    return sum(
        len(text[start : start + _READ_CHUNK].encode("utf-8", "surrogatepass"))
        for start in range(0, len(text), _READ_CHUNK)
    )


def check_text_size(text: str, name: str = "The text", max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse text over the limit (pasted or dropped text) as a file of that size would be."""
    # A character takes one to four bytes: a text a quarter of the limit long needs no count.
    if len(text) * 4 <= max_bytes:
        return
    size = text_size(text)
    if size > max_bytes:
        raise over_limit(name, size, max_bytes)


#: What this app reads, for messages about what it does not.
SUPPORTED = (
    "plain text, Markdown, web pages (HTML), PDF, Word (.docx), OpenDocument (.odt), RTF and EPUB"
)
TEXT_SUFFIXES = frozenset(
    ".txt .text .asc .log .csv .tsv .srt .vtt .me .nfo .rst .adoc .org .tex .eml".split()
)
HTML_SUFFIXES = frozenset(".html .htm .xhtml .shtml .xht".split())
MARKDOWN_SUFFIXES = frozenset(".md .markdown .mdown .mkd .mkdn .mdwn .mdtxt".split())
#: Rich formats by suffix, for the message when the content is not what the name says.
NAMED = {
    ".pdf": ("pdf", "PDF"),
    ".docx": ("docx", "Word (.docx)"),
    ".odt": ("odt", "OpenDocument (.odt)"),
    ".epub": ("epub", "EPUB"),
    ".rtf": ("rtf", "RTF"),
}
#: Well-known files this app does not read, by what they start with.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls or .ppt)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"ID3", "an audio file"),
    (b"OggS", "an audio or video file"),
    (b"fLaC", "an audio file"),
    (b"%!PS", "a PostScript file"),
    (b"AT&TFORM", "a DjVu document"),
)
_UNSUPPORTED_SUFFIXES = {
    ".doc": "an old Word document (.doc); save it as .docx",
    ".xls": "an Excel spreadsheet",
    ".xlsx": "an Excel spreadsheet",
    ".ods": "a spreadsheet",
    ".ppt": "a PowerPoint presentation",
    ".pptx": "a PowerPoint presentation",
    ".odp": "a presentation",
    ".pages": "an Apple Pages document; export it as .docx or PDF",
    ".mobi": "a Kindle e-book (.mobi)",
    ".azw": "a Kindle e-book",
    ".azw3": "a Kindle e-book",
    ".djvu": "a DjVu document",
    ".zip": "a ZIP archive",
    ".mht": "a web archive (.mht); save the page as HTML",
    ".mhtml": "a web archive (.mhtml); save the page as HTML",
    ".webarchive": "a Safari web archive; save the page as HTML",
}
_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/pdf": "pdf",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
    "application/epub+zip": "epub",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
}


def _unsupported(name: str, kind: str) -> InputError:
    return InputError(f"{name} is {kind}, which this app cannot read. It reads {SUPPORTED}.")


def _zip_kind(data: bytes, name: str, suffix: str) -> str:
    from article_summariser.engine.loaders.archive import open_zip, read_member

    kind = NAMED.get(suffix, ("", "ZIP"))[1]
    archive = open_zip(data, name, kind)
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names:
        mimetype = read_member(archive, "mimetype", name, kind).decode("ascii", "replace").strip()
        if mimetype == "application/epub+zip":
            return "epub"
        if mimetype == "application/vnd.oasis.opendocument.text":
            return "odt"
        if "spreadsheet" in mimetype:
            raise _unsupported(name, "a spreadsheet")
        if "presentation" in mimetype:
            raise _unsupported(name, "a presentation")
    if "META-INF/container.xml" in names:
        return "epub"
    if "content.xml" in names and suffix == ".odt":
        return "odt"
    if "xl/workbook.xml" in names:
        raise _unsupported(name, "an Excel spreadsheet")
    if "ppt/presentation.xml" in names:
        raise _unsupported(name, "a PowerPoint presentation")
    if suffix in NAMED:
        raise InputError(
            f"{name} is not a valid {NAMED[suffix][1]} file: the archive lacks the parts that "
            "make one (damaged, or another kind of file renamed)."
        )
    raise _unsupported(name, "a ZIP archive")


def sniff(data: bytes, name: str, suffix: str = "", content_type: str = "") -> str:
    """The format of ``data``: what it starts with first, then its name, then the server's word.

    Returns one of ``text markdown html pdf docx odt rtf epub``; raises ``InputError`` for
    what this app cannot read.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_kind(data, name, suffix)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise _unsupported(name, kind)
    if data[60:68] in (b"BOOKMOBI", b"TEXtREAd"):
        raise _unsupported(name, "a Kindle e-book (.mobi)")
    if suffix in NAMED:
        label = NAMED[suffix][1]
        raise InputError(
            f"{name} is not a {label} file although its name says so: it is damaged, or "
            "another kind of file renamed."
        )
    if suffix in _UNSUPPORTED_SUFFIXES:
        raise _unsupported(name, _UNSUPPORTED_SUFFIXES[suffix])
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    declared = _CONTENT_TYPES.get(content_type.split(";")[0].strip().lower(), "")
    if declared in ("html", "markdown"):
        return declared
    from article_summariser.engine.loaders.html import looks_like_html

    # Plain text, unless the text turns out to be a web page saved under another name.
    if looks_like_html(head.decode("latin-1")) or looks_like_html(
        head.decode("utf-16", "ignore") if head[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
    ):
        return "html"
    return "text"


def load_bytes(
    data: bytes,
    name: str,
    source: str,
    *,
    suffix: str = "",
    content_type: str = "",
    charset: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[float], None] | None = None,
) -> LoadedDocument:
    """Load a document from its bytes, whatever supported format it is in.

    ``progress`` hears how far a long document (a PDF, page by page) has got; a cancel scope
    (``engine.cancel``) stops it between pages. ``max_bytes`` also caps the text a PDF unpacks.
    """
    if not data:
        raise InputError(f"{name} is empty (0 bytes).")
    kind = sniff(data, name, suffix.lower(), content_type)
    if kind == "pdf":
        from article_summariser.engine.loaders import pdf

        return pdf.load(data, name, source, progress=progress, max_chars=max_bytes)
    if kind == "html":
        from article_summariser.engine.loaders import html

        return html.load(data, name, source, charset=charset)
    if kind == "text" and charset:
        from article_summariser.engine.loaders.text import decode

        text, encoding = decode(data, name, declared=charset)
        if not text.strip():
            raise InputError(f"{name} has no text in it.")
        return LoadedDocument(text=text, source=source, format="text", encoding=encoding)
    return _loader(kind)(data, name, source)


def _loader(kind: str) -> Callable[[bytes, str, str], LoadedDocument]:
    """The ``load`` function of one format, imported only when needed (each pulls a library).

    Spelled out rather than imported by name so that a frozen build finds every loader.
    """
    if kind == "docx":
        from article_summariser.engine.loaders import docx as module
    elif kind == "odt":
        from article_summariser.engine.loaders import odt as module
    elif kind == "epub":
        from article_summariser.engine.loaders import epub as module
    elif kind == "rtf":
        from article_summariser.engine.loaders import rtf as module
    elif kind == "markdown":
        from article_summariser.engine.loaders import markdown as module
    else:
        from article_summariser.engine.loaders import text as module
    return module.load


def load_path(
    path: Path | str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
) -> LoadedDocument:
    """Load any supported document from disk; every failure is an ``InputError``.

    ``cancelled`` is polled between the pages of a long document (``CancelledError`` once it
    returns True); ``progress`` hears how far the loading has got, as a fraction.
    """
    path = Path(path)
    with cancel.scope(cancelled):
        data = read_bytes(path, max_bytes)
        cancel.check()
        document = load_bytes(
            data,
            f"“{path.name}”",
            str(path),
            suffix=path.suffix.lower(),
            max_bytes=max_bytes,
            progress=progress,
        )
    if progress is not None:
        progress(1.0)
    return document

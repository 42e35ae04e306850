"""Read a document from disk into text the summariser can work on.

Plain text is decoded (BOMs honoured, UTF-8 first, then the legacy single-byte encodings);
binary data, empty files, files over the size limit and unreadable paths raise ``InputError``
with a message for people. Richer formats register themselves in ``engine/loaders``.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from article_summariser.engine.errors import InputError
from article_summariser.engine.model import Block

#: Files larger than this are refused (configurable by the caller).
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


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


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f\v\x1b")
    return control > max(8, len(sample) // 100)


def decode_bytes(data: bytes, name: str = "the input") -> str:
    """Decode text bytes, or raise ``InputError`` for data that is not text."""
    return decode_with_encoding(data, name)[0]


def decode_with_encoding(data: bytes, name: str = "the input") -> tuple[str, str]:
    if not data:
        raise InputError(f"{name} is empty (0 bytes).")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(f"{name} starts like {encoding} text but is not.") from None
    if _looks_binary(data):
        raise InputError(f"{name} looks like a binary file, not text.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        return text, "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of ``path`` with every failure turned into a clear ``InputError``."""
    name = f"“{path.name}”"
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{name} does not exist (was it moved or deleted?).") from None
    except OSError as error:
        raise InputError(f"{name} cannot be read: {error.strerror or error}.") from None
    if path.is_dir():
        raise InputError(f"{name} is a folder, not a document.")
    if size > max_bytes:
        raise InputError(
            f"{name} is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit."
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{name} cannot be read: permission denied.") from None
    except OSError as error:
        raise InputError(f"{name} cannot be read: {error.strerror or error}.") from None
    if len(data) > max_bytes:
        raise InputError(f"{name} is over the {max_bytes / 1048576:.0f} MB limit.")
    return data


def load_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    data = read_bytes(path, max_bytes)
    text, encoding = decode_with_encoding(data, f"“{path.name}”")
    if not text.strip():
        raise InputError(f"“{path.name}” has no text in it.")
    return LoadedDocument(text=text, source=str(path), format="text", encoding=encoding)


def load_path(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    """Load any supported document (plain text for now)."""
    return load_text_file(Path(path), max_bytes)

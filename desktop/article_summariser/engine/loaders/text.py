"""Plain text in any common encoding, detected rather than assumed.

The order matters: a byte-order mark is certain; UTF-16 without one shows as a regular pattern
of zero bytes; UTF-8 either decodes strictly or is not UTF-8; Western European text in
Windows-1252 (a superset of Latin-1 for printable text) is by far the commonest legacy case and
is recognised by its letters; everything else (Cyrillic, Greek, Central European, Japanese,
Chinese code pages) is left to charset-normalizer. Data that is none of these is binary.

The decoded text is handed to the engine unchanged, so offsets index into it as it is.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from article_summariser.engine.errors import InputError

if TYPE_CHECKING:
    from article_summariser.engine.loading import LoadedDocument

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: The non-ASCII characters Western European prose is made of, as decoded from Windows-1252.
_WESTERN = frozenset(
    "àâäáãåæçèéêëìíîïñòóôöõøùúûüýÿœßðþÀÂÄÁÃÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÖÕØÙÚÛÜÝŸŒÐÞ"
    "«»‘’‚“”„–—…€°£¥¢§©®™·•¡¿ºª±×÷µ\u00a0"
)
_CONTROL_OK = frozenset(b"\t\n\r\f\v\x1b")


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in _CONTROL_OK)
    return control > max(8, len(sample) // 100)


def _control_heavy(text: str) -> bool:
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
    return "\x00" in sample or control > max(8, len(sample) // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: mostly ASCII, so every other byte is zero."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 0.3 and others < 0.05:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _control_heavy(text):
                return text
    return None


def _western(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if not all(ch < "\x80" or ch in _WESTERN for ch in text):
        return None
    # French or German prose has a few accented letters among many plain ones; Greek or
    # Cyrillic bytes read as Windows-1252 come out as almost nothing but accented letters.
    letters = sum(1 for ch in text if ch.isalpha())
    accented = sum(1 for ch in text if ch >= "\x80" and ch.isalpha())
    return text if accented <= 0.25 * letters else None


def decode(data: bytes, name: str = "the input", declared: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` for text bytes; ``InputError`` for empty or binary data.

    ``declared`` is an encoding the container named (an HTTP header, an HTML ``<meta>``); it is
    used when the bytes decode with it.
    """
    if not data:
        raise InputError(f"{name} is empty (0 bytes).")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(f"{name} starts like {encoding} text but is not.") from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16-le" if data[1] == 0 else "utf-16-be"
    if _looks_binary(data):
        raise InputError(f"{name} looks like a binary file, not text.")
    if declared:
        try:
            codec = codecs.lookup(declared).name
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _western(data)
    if text is not None:
        return text, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"{name} is not text in any encoding this app knows.")
    text = str(best)
    if _control_heavy(text):
        raise InputError(f"{name} looks like a binary file, not text.")
    return text, codecs.lookup(best.encoding).name


def load(data: bytes, name: str, source: str) -> LoadedDocument:
    """A plain-text document: the decoded text exactly, split into blocks by the engine."""
    from article_summariser.engine.loading import LoadedDocument

    text, encoding = decode(data, name)
    if not text.strip():
        raise InputError(f"{name} has no text in it (only spaces and line breaks).")
    return LoadedDocument(text=text, source=source, format="text", encoding=encoding)

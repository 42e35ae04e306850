"""Plain text in any common encoding, detected rather than assumed.

The order matters: a byte-order mark is certain; UTF-16 without one, in any script, has high
bytes that vary far less than its low ones and decodes into text of a few scripts; UTF-8 either
decodes strictly or is not UTF-8; Western European text in Windows-1252 (a superset of Latin-1
for printable text) is by far the commonest legacy case and is recognised by its letters;
everything else (Cyrillic, Greek, Central European, Japanese, Chinese code pages) is left to
charset-normalizer. Data that is none of these is binary.

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


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM, in any script.

    The byte order is the one whose high bytes vary least (a script lives in a few blocks of
    256 code points; the low bytes spread over all of them). The decoding must be clean and
    read like text (``_reads_like_text``). Bytes without a zero byte in them are only taken
    for UTF-16 when they are not text of their own: UTF-8 decodes them, and the spaces of
    single-byte prose (one byte in six or so) would come out as stray symbols.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:65536]
    if b"\x00" not in sample:
        if sample.count(0x20) > len(sample) // 50:
            return None
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return None
    even, odd = len(set(sample[0::2])), len(set(sample[1::2]))
    encoding = "utf-16-le" if odd < even else "utf-16-be" if even < odd else None
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding) if _reads_like_text(text[:UTF16_SAMPLE]) else None


#: How many characters of a would-be UTF-16 text are checked.
UTF16_SAMPLE = 20_000
#: The least share of those characters that must be letters, marks, digits, punctuation or
#: spaces (``_reads_like_text``) ...
UTF16_TEXT_SHARE = 0.97
#: ... and of their letters the least share in the text's four commonest scripts.
UTF16_SCRIPT_SHARE = 0.9


def _reads_like_text(text: str) -> bool:
    """Prose in any script: nearly all letters, marks, digits, punctuation and spaces, hardly a
    control character, and letters from a few scripts. Random bytes read as UTF-16 give
    unassigned and private-use code points, symbols and letters of a dozen scripts at once."""
    import unicodedata
    from collections import Counter

    if not text:
        return False
    good = 0
    control = 0
    scripts: Counter[str] = Counter()
    for ch in text:
        category = unicodedata.category(ch)
        if category[0] in "LM":
            good += 1
            # The first word of a letter's name is its script (LATIN, CYRILLIC, CJK, ...).
            scripts[unicodedata.name(ch, "?").split(" ", 1)[0]] += 1
        elif category[0] in "NPZ" or ch in "\t\n\r\f\v":
            good += 1
        elif ch < " " or ch == "\x7f":
            control += 1
    letters = sum(scripts.values())
    return (
        good >= UTF16_TEXT_SHARE * len(text)
        and control <= len(text) // 1000
        and letters > 0
        and sum(n for _, n in scripts.most_common(4)) >= UTF16_SCRIPT_SHARE * letters
    )


#: UTF-8 with at most one invalid byte sequence in this many bytes (and at least one allowed)
#: is read as UTF-8, each such sequence becoming U+FFFD, when its valid non-ASCII characters
#: outnumber the invalid sequences (``_mostly_utf8``).
UTF8_BYTES_PER_ERROR = 1000


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a stray byte or two (a file patched in another editor, a truncated copy).

    Read strictly as some other code page, one bad byte turned every curly quote of the
    article into mojibake. A legacy file's accents are all invalid UTF-8 and almost never form
    a valid sequence by chance, so it fails the second test.
    """
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    if invalid > max(1, len(data) // UTF8_BYTES_PER_ERROR):
        return None
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - invalid
    return text if non_ascii >= 2 * invalid else None


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
        return utf16
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
    text = _mostly_utf8(data)
    if text is not None:
        return text, "utf-8"
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

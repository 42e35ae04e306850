"""Rich Text Format (``.rtf``): the text without the control words, one paragraph per ``\\par``.

striprtf decodes the escapes (``\\'e9``, ``\\u8217?``) in the document's declared code page and
drops font tables, pictures and other destinations that are not text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from article_summariser.engine.errors import InputError
from article_summariser.engine.loaders.document import Paragraph, assemble

if TYPE_CHECKING:
    from article_summariser.engine.loading import LoadedDocument

_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")


def load(data: bytes, name: str, source: str) -> LoadedDocument:
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip()[:5] == b"{\\rtf":
        raise InputError(f"{name} is not an RTF document (it does not start with “{{\\rtf”).")
    match = _CODEPAGE.search(data[:4096])
    encoding = f"cp{int(match.group(1))}" if match else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except Exception:  # a third-party parser on hostile input
        raise InputError(f"{name} is a damaged RTF document.") from None
    paragraphs = [Paragraph(line) for line in text.splitlines()]
    return assemble(paragraphs, name=name, source=source, format="rtf")

"""Book-length PDFs of real prose for the tests: English dev articles typeset with fpdf2 (a test
dependency), one line at a time, so that hundreds of pages take a moment to read."""

from __future__ import annotations

import textwrap
from functools import cache
from pathlib import Path

from tests.conftest import dev_articles

#: Core PDF fonts are Latin-1: the few typographic characters outside it, spelled in it.
_LATIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


@cache
def _lines() -> tuple[str, ...]:
    """The English articles as typeset lines, a blank line between paragraphs."""
    lines: list[str] = []
    for row in dev_articles():
        if row["lang"] != "en":
            continue
        for paragraph in [row["title"], *row["text"].split("\n\n")]:
            plain = paragraph.translate(_LATIN).encode("latin-1", "replace").decode("latin-1")
            lines.extend(textwrap.wrap(plain, 95))
            lines.append("")
    return tuple(lines)


def book(path: Path, pages: int = 240) -> tuple[str, str]:
    """Write a ``pages``-page PDF of real articles; returns its first and last lines."""
    from fpdf import FPDF

    document = FPDF()
    document.set_font("helvetica", size=10)
    document.set_auto_page_break(False)
    lines = _lines()
    index = 0
    drawn: list[str] = []
    for _ in range(pages):
        document.add_page()
        for row in range(50):
            line = lines[index % len(lines)]
            index += 1
            if line:
                document.text(15, 20 + 5 * row, line)
                drawn.append(line)
    document.output(str(path))
    return drawn[0], drawn[-1]

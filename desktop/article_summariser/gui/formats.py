"""The document formats the window offers to open, as file-dialog filters.

INTEGRATION NOTE: the engine has no function listing its supported extensions yet, so the list
lives here, in this one place, mirroring ``engine.loading`` (``TEXT_SUFFIXES``,
``MARKDOWN_SUFFIXES``, ``HTML_SUFFIXES``, ``NAMED``). When the engine grows such a function,
``FORMATS`` should be built from it. A test checks that every suffix here is one the engine
loads, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

#: ``(label, suffixes)`` in the order the file dialog lists them.
FORMATS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Plain text", (".txt", ".text", ".asc", ".log", ".rst", ".adoc", ".org", ".tex")),
    ("Markdown", (".md", ".markdown", ".mdown", ".mkd", ".mkdn")),
    ("Web pages", (".html", ".htm", ".xhtml", ".shtml")),
    ("PDF", (".pdf",)),
    ("Word", (".docx",)),
    ("OpenDocument text", (".odt",)),
    ("Rich Text", (".rtf",)),
    ("EPUB e-books", (".epub",)),
)

#: For sentences such as "Reads plain text, Markdown, ...".
SUPPORTED_WORDS = "plain text, Markdown, web pages, PDF, Word, OpenDocument, RTF and EPUB"


def suffixes() -> tuple[str, ...]:
    return tuple(suffix for _label, group in FORMATS for suffix in group)


def _patterns(group: tuple[str, ...]) -> str:
    return " ".join(f"*{suffix}" for suffix in group)


def open_filters() -> list[str]:
    """Filters for ``QFileDialog``: every supported document first, then each format, then all."""
    filters = [f"All supported documents ({_patterns(suffixes())})"]
    filters += [f"{label} ({_patterns(group)})" for label, group in FORMATS]
    filters.append("All files (*)")
    return filters


def save_filters() -> list[str]:
    return ["Plain text (*.txt)", "Markdown (*.md)"]

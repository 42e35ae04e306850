"""A digest: many summaries in one file (Markdown, HTML, CSV or JSON).

Each document is one entry (title, source, language, word counts, reduction, keywords and the
summary sentences); documents that could not be summarised are listed with their reason, so a
digest never hides a file the reader asked for. Output depends only on the input: the time of
writing appears only when the caller passes it.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from article_summariser.engine.errors import InputError
from article_summariser.engine.export import markdown_inline
from article_summariser.engine.model import Summary

FORMATS = ("markdown", "html", "csv", "json")
SUFFIXES = {"markdown": ".md", "html": ".html", "csv": ".csv", "json": ".json"}
#: The columns of the CSV digest, in order.
CSV_COLUMNS = (
    "status",
    "title",
    "source",
    "language",
    "language_name",
    "algorithm",
    "words_original",
    "words_summary",
    "reduction_percent",
    "keywords",
    "summary",
    "error",
)
#: Identifies the JSON digest (and its version) for programs reading it back.
JSON_KIND = "article-summariser-digest"
JSON_VERSION = 1
#: Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Entry:
    """One summarised document of a digest."""

    title: str
    source: str
    #: ISO 639-1 code, or ``""`` when the language was not recognised.
    language: str
    #: The language in words (``"English"``), or ``"Unknown"``.
    language_name: str
    algorithm: str
    words_original: int
    words_summary: int
    keywords: tuple[str, ...]
    #: The selected sentences, in document order, each on one line.
    sentences: tuple[str, ...]

    @property
    def reduction_percent(self) -> float:
        """Share of the words removed, in per cent, to one decimal."""
        if not self.words_original:
            return 0.0
        return round(100.0 * (1 - self.words_summary / self.words_original), 1)

    @classmethod
    def from_summary(cls, summary: Summary, source: str = "") -> Entry:
        guess = summary.language
        known = guess.code is not None and summary.language_name != "generic"
        return cls(
            title=summary.title or (Path(source).name if source else ""),
            source=source,
            language=(guess.code or "") if known else "",
            language_name=summary.language_name.capitalize() if known else "Unknown",
            algorithm=summary.algorithm,
            words_original=summary.words_total,
            words_summary=summary.words_summary,
            keywords=tuple(summary.keywords),
            sentences=tuple(s.display_text for s in summary.summary),
        )


@dataclass(frozen=True)
class Failure:
    """A document that could not be summarised, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Digest:
    entries: tuple[Entry, ...]
    failures: tuple[Failure, ...] = ()
    #: When it was made (shown only when given, so that output is reproducible otherwise).
    created: datetime | None = None
    title: str = "Summaries"

    @classmethod
    def of(
        cls,
        entries: Sequence[Entry],
        failures: Sequence[Failure] = (),
        *,
        created: datetime | None = None,
        title: str = "Summaries",
    ) -> Digest:
        return cls(tuple(entries), tuple(failures), created, title)

    def heading_line(self) -> str:
        parts = [_count(len(self.entries), "document")]
        if self.failures:
            parts.append(f"{len(self.failures)} not summarised")
        if self.created is not None:
            parts.append(self.created.strftime("%Y-%m-%d %H:%M"))
        return " · ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _figures(entry: Entry) -> str:
    return (
        f"{entry.words_original} words → {entry.words_summary} "
        f"({entry.reduction_percent:g} % shorter)"
    )


def _name(source: str) -> str:
    return Path(source).name if source and "://" not in source else source


# --- Markdown ---------------------------------------------------------------------------------


def as_markdown(digest: Digest) -> str:
    lines = [f"# {markdown_inline(digest.title)}", "", digest.heading_line(), ""]
    for entry in digest.entries:
        lines += [f"## {markdown_inline(entry.title or _name(entry.source) or 'Untitled')}", ""]
        facts = []
        if entry.source:
            facts.append(f"Source: {markdown_inline(entry.source)}")
        facts.append(f"Language: {entry.language_name}")
        facts.append(_figures(entry))
        lines += [" · ".join(facts), ""]
        if entry.keywords:
            lines += ["Keywords: " + ", ".join(markdown_inline(k) for k in entry.keywords), ""]
        lines += [f"- {markdown_inline(sentence)}" for sentence in entry.sentences]
        lines.append("")
    if digest.failures:
        lines += ["## Not summarised", ""]
        lines += [
            f"- {markdown_inline(f.source)}: {markdown_inline(f.reason)}" for f in digest.failures
        ]
        lines.append("")
    return "\n".join(lines)


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
body { font-family: sans-serif; max-width: 48em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #1b1b1b; }
.facts, .keywords { color: #555; font-size: 0.9em; margin: 0.2em 0; }
article { border-bottom: 1px solid #ddd; padding-bottom: 1em; }
.failed li { color: #8a1c1c; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _source_html(source: str) -> str:
    # Only web addresses become links: a local path or anything else (``javascript:``) is text.
    if source.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(source)}">{_e(source)}</a>'
    return _e(source)


def as_html(digest: Digest) -> str:
    """A standalone HTML page; every piece of document text is escaped."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_e(digest.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(digest.title)}</h1>",
        f'<p class="facts">{_e(digest.heading_line())}</p>',
    ]
    for entry in digest.entries:
        out.append("<article>")
        out.append(f"<h2>{_e(entry.title or _name(entry.source) or 'Untitled')}</h2>")
        facts = []
        if entry.source:
            facts.append(f"Source: {_source_html(entry.source)}")
        lang = f' lang="{_e(entry.language)}"' if entry.language else ""
        facts.append(f"Language: {_e(entry.language_name)}")
        facts.append(_e(_figures(entry)))
        out.append(f'<p class="facts">{" · ".join(facts)}</p>')
        if entry.keywords:
            out.append(f'<p class="keywords">Keywords: {_e(", ".join(entry.keywords))}</p>')
        out.append(f"<ul{lang}>")
        out += [f"<li>{_e(sentence)}</li>" for sentence in entry.sentences]
        out.append("</ul>")
        out.append("</article>")
    if digest.failures:
        out.append('<section class="failed">')
        out.append("<h2>Not summarised</h2>")
        out.append("<ul>")
        out += [
            f"<li><strong>{_e(f.source)}</strong>: {_e(f.reason)}</li>" for f in digest.failures
        ]
        out.append("</ul>")
        out.append("</section>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# --- CSV --------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets a quote mark."""
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def as_csv(digest: Digest) -> str:
    """One row per document (failures too, with status ``failed``); sentences one per line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in digest.entries:
        writer.writerow(
            [
                "done",
                _cell(entry.title),
                _cell(entry.source),
                entry.language,
                entry.language_name,
                entry.algorithm,
                entry.words_original,
                entry.words_summary,
                f"{entry.reduction_percent:.1f}",
                _cell("; ".join(entry.keywords)),
                _cell("\n".join(entry.sentences)),
                "",
            ]
        )
    for failure in digest.failures:
        row = dict.fromkeys(CSV_COLUMNS, "")
        row.update(status="failed", source=_cell(failure.source), error=_cell(failure.reason))
        writer.writerow([row[c] for c in CSV_COLUMNS])
    return buffer.getvalue()


# --- JSON -------------------------------------------------------------------------------------


def as_dict(digest: Digest) -> dict[str, Any]:
    """The JSON digest: ``{"kind", "version", "title", "created", "documents", "failed"}``."""
    return {
        "kind": JSON_KIND,
        "version": JSON_VERSION,
        "title": digest.title,
        "created": digest.created.isoformat() if digest.created is not None else None,
        "documents": [
            {
                "title": e.title,
                "source": e.source,
                "language": e.language,
                "language_name": e.language_name,
                "algorithm": e.algorithm,
                "words": {
                    "original": e.words_original,
                    "summary": e.words_summary,
                    "reduction_percent": e.reduction_percent,
                },
                "keywords": list(e.keywords),
                "summary": list(e.sentences),
            }
            for e in digest.entries
        ],
        "failed": [{"source": f.source, "reason": f.reason} for f in digest.failures],
    }


def as_json(digest: Digest) -> str:
    return json.dumps(as_dict(digest), ensure_ascii=False, indent=2) + "\n"


# --- files ------------------------------------------------------------------------------------

_WRITERS = {"markdown": as_markdown, "html": as_html, "csv": as_csv, "json": as_json}


def render(digest: Digest, format: str) -> str:
    try:
        return _WRITERS[format](digest)
    except KeyError:
        raise InputError(
            f"“{format}” is not a digest format; choose one of {', '.join(FORMATS)}."
        ) from None


def format_for(path: Path | str) -> str:
    """The digest format a file name asks for (by its extension)."""
    suffix = Path(path).suffix.lower()
    known = {**{s: f for f, s in SUFFIXES.items()}, ".markdown": "markdown", ".htm": "html"}
    if suffix in known:
        return known[suffix]
    raise InputError(
        f"“{Path(path).name}”: choose a file ending in "
        + ", ".join(SUFFIXES.values())
        + " to pick the digest format."
    )


def write(digest: Digest, path: Path | str, format: str | None = None) -> Path:
    """Write the digest to ``path`` (format from the extension unless given).

    The file is written beside the target and moved into place, so a failed export never
    leaves half a digest where a good one was.
    """
    path = Path(path)
    text = render(digest, format or format_for(path))
    temporary = path.with_name(f".{path.name}.part")
    try:
        # newline="" keeps the CSV's CRLF row ends as they are on every platform; a lone
        # surrogate (from a broken paste) becomes "?" rather than failing the export.
        with temporary.open("w", encoding="utf-8", errors="replace", newline="") as handle:
            handle.write(text)
        temporary.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise InputError(
            f"The digest could not be saved to “{path.name}”: {error.strerror or error}."
        ) from None
    return path

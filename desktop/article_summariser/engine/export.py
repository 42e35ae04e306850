"""Summaries as text, Markdown and JSON (the CLI's formats, the window's copy actions)."""

from __future__ import annotations

import json
import re
from typing import Any

from article_summariser.engine.model import Sentence, Summary

#: Reading speed used for "reading time saved" (words per minute, Brysbaert 2019).
READING_WPM = 238


def as_text(summary: Summary) -> str:
    """One paragraph per selected sentence: readable in a terminal, pasteable anywhere."""
    return "\n".join(s.display_text for s in summary.summary)


def markdown_inline(text: str) -> str:
    """Text on one line, shown as is: Markdown's markup characters escaped.

    A leading ``-``, ``+`` or ``1.`` would start a nested list inside the bullet, so it is
    escaped too.
    """
    text = " ".join(text.split())
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    if text[:1] in ("-", "+"):
        text = "\\" + text
    return re.sub(r"^(\d{1,9})([.)])(?=\s|$)", r"\1\\\2", text)


def as_markdown(summary: Summary, source: str = "") -> str:
    """A Markdown bullet list, with the title (or source) as a heading when known. The text
    is shown as it is: what Markdown would read as markup is escaped."""
    lines = []
    heading = summary.title or source
    if heading:
        lines += [f"## {markdown_inline(heading)}", ""]
    lines += [f"- {markdown_inline(s.display_text)}" for s in summary.summary]
    return "\n".join(lines)


def as_quote(summary: Summary, source: str = "") -> str:
    """A Markdown block quote followed by its source, escaped like ``as_markdown``."""
    body = "\n>\n".join(f"> {markdown_inline(s.display_text)}" for s in summary.summary)
    origin = summary.title or source
    return f"{body}\n\n— {markdown_inline(origin)}" if origin else body


def _sentence(s: Sentence) -> dict[str, Any]:
    return {
        "index": s.index,
        "text": s.text,
        "start": s.start,
        "end": s.end,
        "score": round(s.score, 6),
        "selected": s.selected,
        "role": s.role.value,
        "words": s.words,
    }


def as_dict(summary: Summary, source: str = "") -> dict[str, Any]:
    """The documented JSON schema (see README, "JSON output")."""
    guess = summary.language
    timings = summary.timings
    return {
        "source": source,
        "title": summary.title,
        "language": {
            "code": guess.code,
            "probability": round(guess.probability, 6),
            "source": guess.source,
            "name": summary.language_name,
            "mode": summary.language_mode,
            "detected": guess.detected_code,
            "reason": guess.reason,
            "candidates": [{"code": c, "probability": p} for c, p in guess.candidates],
        },
        "algorithm": summary.algorithm,
        "length": {"unit": summary.length.unit.value, "value": summary.length.value},
        "words": {
            "original": summary.words_total,
            "summary": summary.words_summary,
            "reduction": round(summary.reduction, 6),
            "minutes_saved": round((summary.words_total - summary.words_summary) / READING_WPM, 2),
        },
        "keywords": list(summary.keywords),
        "sentences": [_sentence(s) for s in summary.sentences],
        "summary": [_sentence(s) for s in summary.summary],
        "notes": list(summary.notes),
        "timings": {
            "detect": round(timings.detect, 6),
            "tokenise": round(timings.tokenise, 6),
            "rank": round(timings.rank, 6),
            "select": round(timings.select, 6),
            "total": round(timings.total, 6),
        },
    }


def as_json(summary: Summary, source: str = "") -> str:
    return json.dumps(as_dict(summary, source), ensure_ascii=False, indent=2)

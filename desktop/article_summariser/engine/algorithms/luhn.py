"""Luhn (1958) as sumy computes it, in one vectorised pass over the words.

sumy's Luhn: the significant stems are the non-stop stems seen more than once in the document;
in each sentence, runs of significant words with gaps of at most three other words are chunks;
a chunk with k significant words spanning w words scores k² / w (0 when k is 1); a sentence
scores its best chunk. sumy tests membership in a tuple of stems and calls its stemmer for
every word; here each word is looked up once in a set and the chunks are found with numpy.
"""

from __future__ import annotations

from collections import Counter

from article_summariser.engine.algorithms import termmatrix
from article_summariser.engine.algorithms.base import RankInput
from article_summariser.engine.algorithms.termmatrix import np

#: A chunk ends after this many non-significant words in a row.
MAX_GAP = 4


def significant_stems(doc: RankInput) -> frozenset[str]:
    stems = [s for sentence in termmatrix.content_stems(doc) for s in sentence]
    counts = Counter(s.lower() for s in stems)
    return frozenset(term for term, count in counts.items() if count > 1)


def rank(doc: RankInput) -> list[float]:
    n = len(doc)
    if n == 0:
        return []
    numpy = np()
    significant = significant_stems(doc)
    flags = [s in significant for stems in doc.stems for s in stems]
    lengths = numpy.fromiter((len(s) for s in doc.stems), dtype=numpy.int64, count=n)
    sentence = numpy.repeat(numpy.arange(n), lengths)
    position = numpy.arange(len(flags)) - numpy.repeat(numpy.cumsum(lengths) - lengths, lengths)
    hits = numpy.flatnonzero(numpy.fromiter(flags, dtype=bool, count=len(flags)))
    if hits.size == 0:
        return [0.0] * n
    where = sentence[hits]
    at = position[hits]
    starts = numpy.ones(hits.size, dtype=bool)
    starts[1:] = (where[1:] != where[:-1]) | (at[1:] - at[:-1] > MAX_GAP)
    first = numpy.flatnonzero(starts)
    last = numpy.append(first[1:], hits.size) - 1
    significant_words = (last - first + 1).astype(numpy.float64)
    span = (at[last] - at[first] + 1).astype(numpy.float64)
    ratings = numpy.where(significant_words > 1, significant_words**2 / span, 0.0)
    best = numpy.zeros(n)
    numpy.maximum.at(best, where[first], ratings)
    return best.tolist()

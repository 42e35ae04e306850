"""SumBasic (Nenkova & Vanderwende, 2005) as sumy computes it, with lazy re-evaluation.

sumy's SumBasic ranks by greedy choice: the sentence with the highest average probability of
its stemmed non-stop words (repeats counted) is chosen, then the probability of each of its
words is squared, once per occurrence; a sentence's rating is minus the step it was chosen at.
sumy re-averages every sentence at every step: quadratic in sentences times their length.

Probabilities only ever shrink (squaring a number in [0, 1]), so a sentence's average never
grows: the sentences wait in a heap by their last known average, and only the one on top is
re-averaged, when one of its words changed since. Averages are computed exactly as sumy
computes them (same words, same order, Python's ``sum``), so ties break the same way: the
earlier sentence first.
"""

from __future__ import annotations

import heapq

from article_summariser.engine import cancel
from article_summariser.engine.algorithms import termmatrix
from article_summariser.engine.algorithms.base import RankInput
from article_summariser.engine.algorithms.termmatrix import np


def rank(doc: RankInput) -> list[float]:
    n = len(doc)
    if n == 0:
        return []
    return termmatrix.greedy_ratings(doc, picks(termmatrix.build(termmatrix.content_stems(doc))))


def picks(m: termmatrix.Terms) -> list[int]:
    numpy = np()
    total = sum(len(ids) for ids in m.token_ids)
    counts = [0] * m.size
    for ids in m.token_ids:
        for t in ids:
            counts[t] += 1
    probability = [c / total for c in counts]
    sentences = m.token_ids

    def average(i: int) -> float:
        ids = sentences[i]
        if not ids:
            return 0
        return sum([probability[t] for t in ids]) / len(ids)

    postings = m.postings()
    stale = numpy.zeros(m.n, dtype=bool)
    heap = [(-average(i), i) for i in range(m.n)]
    heapq.heapify(heap)
    order: list[int] = []
    while heap:
        if len(order) % 64 == 0:
            cancel.check()
        _, i = heap[0]
        if stale[i]:
            stale[i] = False
            heapq.heapreplace(heap, (-average(i), i))
            continue
        heapq.heappop(heap)
        order.append(i)
        for t in sentences[i]:
            probability[t] *= probability[t]
        terms = m.terms[m.indptr[i] : m.indptr[i + 1]]
        stale[postings.rows[postings.ranges(terms)]] = True
        stale[i] = False
    return order

"""Reduction (after Adam Fabish's Reduction) as sumy computes it, in linear time and memory.

sumy's Reduction: a sentence's rating is the sum of its edge weights to every other sentence,
an edge being the number of equal word pairs between the two stemmed non-stop word lists,
divided by the sum of the logs of their lengths (0 for two one-word sentences). sumy compares
every word of every pair of sentences in Python; here ``overlap.OverlapGraph`` gives every
row sum at once, in time linear in the number of words, and the self-edges are taken off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from article_summariser.engine.algorithms import termmatrix
from article_summariser.engine.algorithms.base import RankInput
from article_summariser.engine.algorithms.overlap import OverlapGraph
from article_summariser.engine.algorithms.termmatrix import np

if TYPE_CHECKING:
    import numpy
    from numpy.typing import NDArray


def edge_weight(a: NDArray[numpy.float64], b: NDArray[numpy.float64]) -> NDArray[numpy.float64]:
    """``1 / (log L_a + log L_b)``; 0 for two one-word sentences, as in sumy."""
    numpy = np()
    norm = numpy.log(a) + numpy.log(b)
    zero = norm == 0.0
    return numpy.where(zero, 0.0, 1.0 / numpy.where(zero, 1.0, norm))


def rank(doc: RankInput) -> list[float]:
    n = len(doc)
    if n == 0:
        return []
    numpy = np()
    graph = OverlapGraph(termmatrix.build(termmatrix.content_stems(doc)), edge_weight)
    own = graph.dot(numpy.ones(n)) - graph.diagonal()
    # sumy adds each pair's weight to both sentences' entry in a dict keyed by text: a
    # repeated text collects the ratings of all its copies.
    keys = termmatrix.sentence_keys(doc)
    totals: dict[str, float] = {}
    for key, value in zip(keys, own.tolist(), strict=True):
        totals[key] = totals.get(key, 0.0) + value
    return [totals[key] for key in keys]

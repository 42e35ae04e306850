"""TextRank (Mihalcea & Tarau, 2004) as sumy computes it, in linear time and memory.

sumy's TextRank: sentences are lists of stemmed non-stop words; the edge between two sentences
(each with itself too) is the number of shared words counted with repeats, divided by the sum
of the logs of their lengths (two one-word sentences: the count itself); rows are divided by
their sums (plus 1e-7); then PageRank with damping 0.85 and a uniform jump of 0.15 / n, by the
power method until the step is at most 1e-4.

sumy fills the dense n × n matrix with ``list.count`` for every pair. Here the matrix is never
built: ``overlap.OverlapGraph`` multiplies by it in time linear in the number of words, and the
uniform jump is a scalar.
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

EPSILON = 1e-4
DAMPING = 0.85
#: sumy adds this to every row sum (its issue #112: a sentence sharing no word with any).
ZERO_DIVISION_PREVENTION = 1e-7


def edge_weight(a: NDArray[numpy.float64], b: NDArray[numpy.float64]) -> NDArray[numpy.float64]:
    """``1 / (log L_a + log L_b)``; 1 for two one-word sentences, as in sumy."""
    numpy = np()
    norm = numpy.log(a) + numpy.log(b)
    close = numpy.isclose(norm, 0.0)
    return numpy.where(close, 1.0, 1.0 / numpy.where(close, 1.0, norm))


def rank(doc: RankInput) -> list[float]:
    n = len(doc)
    if n == 0:
        return []
    numpy = np()
    graph = OverlapGraph(termmatrix.build(termmatrix.content_stems(doc)), edge_weight)
    row_sums = graph.dot(numpy.ones(n)) + ZERO_DIVISION_PREVENTION
    jump = (1.0 - DAMPING) / n
    p = numpy.full(n, 1.0 / n)
    step = 1.0
    while step > EPSILON:
        following = jump * p.sum() + DAMPING * graph.dot(p / row_sums)
        step = numpy.linalg.norm(following - p)
        p = following
    return termmatrix.as_stored_by_text(doc, p)

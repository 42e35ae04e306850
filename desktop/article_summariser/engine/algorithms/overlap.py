"""Products with the word-overlap graph of TextRank and Reduction, without building it.

Both weigh the edge between sentences ``i`` and ``j`` as their shared words (with repeats:
``c_i · c_j`` for term-count vectors) divided by ``log L_i + log L_j``, where ``L`` is a
sentence's number of words. Unlike LexRank's, this graph has no threshold: two sentences that
share any word are joined, so at 500,000 words it has hundreds of millions of edges.

The edge weight is ``(c_i · c_j) · h(L_i, L_j)``, and ``L`` takes few distinct values (one
per sentence length). Grouping sentences by length ``g`` turns a product with the graph into

    (W q)_i = Σ_t c_i[t] · Z[t, g_i],   Z = U H,   U[t, g] = Σ_{j in g} c_j[t] q_j,

that is two passes over the (sentence, term) entries and a small matrix product (terms ×
lengths × lengths). Exact, linear in the number of words, and no n × n array anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from article_summariser.engine.algorithms.termmatrix import Terms, np

if TYPE_CHECKING:
    import numpy
    from numpy.typing import NDArray

#: ``h(L_a, L_b)`` for arrays of lengths (both at least 1), broadcasting.
PairWeight = Callable[
    ["NDArray[numpy.float64]", "NDArray[numpy.float64]"], "NDArray[numpy.float64]"
]


class OverlapGraph:
    """The symmetric matrix ``W[i, j] = (c_i · c_j) · h(L_i, L_j)`` of a term matrix."""

    def __init__(self, m: Terms, weight: PairWeight) -> None:
        numpy = np()
        self._m = m
        used = m.lengths[m.nonempty]
        self._lengths, group = numpy.unique(used, return_inverse=True)
        groups = numpy.zeros(m.n, dtype=numpy.int64)
        groups[m.nonempty] = group
        self._groups = len(self._lengths)
        length = self._lengths.astype(numpy.float64)
        self._h = weight(length[:, None], length[None, :])
        #: Term and length group of each entry's sentence, as one key (the group alone is the
        #: key modulo the number of groups: one array of the document's size, not two).
        self._entry_group_key = m.terms * self._groups + groups[m.rows]

    def dot(self, q: NDArray[numpy.float64]) -> NDArray[numpy.float64]:
        """``W @ q``."""
        numpy = np()
        m = self._m
        if m.size == 0:
            return numpy.zeros(m.n)
        u = numpy.bincount(
            self._entry_group_key,
            weights=m.counts * q[m.rows],
            minlength=m.size * self._groups,
        ).reshape(m.size, self._groups)
        z = u @ self._h
        return m.row_sum(m.counts * z.ravel()[self._entry_group_key])

    def diagonal(self) -> NDArray[numpy.float64]:
        """``W[i, i]`` for every sentence (its overlap with itself)."""
        numpy = np()
        m = self._m
        if m.size == 0:
            return numpy.zeros(m.n)
        group = self._entry_group_key % self._groups
        own = self._h[group, group]
        return m.row_sum(m.counts * m.counts * own)

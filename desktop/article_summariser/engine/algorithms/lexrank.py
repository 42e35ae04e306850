"""LexRank (Erkan & Radev, 2004) as sumy computes it, without its n² Python loops.

sumy's LexRank: TF (count / the sentence's largest count) × IDF (``log(n / (1 + df))``) over
stemmed non-stop words; an edge wherever the idf-modified cosine of two sentences (itself
included) exceeds 0.1; each row divided by its degree; then the power method with
normalisation until the step is at most 0.1. We compute the same numbers.

Cost: sumy recomputes both sentence norms for every pair in Python (n² pairs). Here the
vectors are normalised once, and the cosines come from an inverted index: for each block of
rows, every (sentence, term) entry meets only the sentences that share its term, and the
products are summed into one dense block of the upper triangle, thresholded and dropped. Work
grows with Σ df² + n²/2 cheap comparisons.

Memory: on prose the graph is sparse and kept as its edges (two 4-byte ids each). Sentences
alike, as in a log, make it dense: 30,000 lines of 16 templates are 197 million edges, which
took 8.3 GB as int64 pairs and their two directions. So sentences with the same vector are
ranked once, as one node weighted by how many they are (they have the same row and column of
the matrix, so sumy gives them the same score). A dense block of the remaining graph is kept
as one bit per cell. When the graph would still take more than ``MAX_BYTES``, none of it is
kept: each step of the power method recomputes the cosines block by block, trading time for
memory. Ranking then needs the graph (at most 64 MB), one block of work (about 110 MB) and a
few arrays per sentence and entry, whatever the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from article_summariser.engine import cancel
from article_summariser.engine.algorithms import termmatrix
from article_summariser.engine.algorithms.base import RankInput
from article_summariser.engine.algorithms.termmatrix import np

if TYPE_CHECKING:
    import numpy
    from numpy.typing import NDArray

THRESHOLD = 0.1
EPSILON = 0.1
#: Cells of the dense block of cosines built at once (float64: 16 MB). Small enough that the
#: allocator reuses the same memory block after block: fresh 64 MB blocks cost a page fault per
#: 4 KB, a third of the time at 100,000 words.
BLOCK_CELLS = 2_000_000
#: Term matches expanded at once (each costs about 24 bytes while a block is built).
BLOCK_PAIRS = 4_000_000
#: Memory the graph may take. A sparse block is kept as its edges (8 bytes each), a dense one
#: as one bit per cell. Past this, the cosines are recomputed at every step of the power method.
MAX_BYTES = 64_000_000


def rank(doc: RankInput) -> list[float]:
    n = len(doc)
    if n == 0:
        return []
    m = termmatrix.build(termmatrix.content_stems(doc))
    vectors, node = distinct_vectors(m)
    graph = Graph.of(vectors)
    scores = power_method(graph)[node]
    return termmatrix.as_stored_by_text(doc, scores)


@dataclass(frozen=True)
class Vectors:
    """The distinct unit TF-IDF vectors of a document, in compressed-row order (only the
    entries that are not 0), and how many sentences have each."""

    indptr: NDArray[numpy.int64]
    terms: NDArray[numpy.int64]
    values: NDArray[numpy.float64]
    sizes: NDArray[numpy.float64]

    @property
    def n(self) -> int:
        return len(self.sizes)


def unit_vectors(m: termmatrix.Terms) -> NDArray[numpy.float64]:
    """Each entry's TF-IDF weight divided by its sentence's norm (0 for a sentence whose
    norm is 0: sumy gives it a cosine of 0 with everything, itself included)."""
    numpy = np()
    tf = m.counts / m.row_max(m.counts)[m.rows]
    df = numpy.bincount(m.terms, minlength=m.size)
    idf = numpy.log(m.n / (1.0 + df))
    weights = tf * idf[m.terms]
    norms = numpy.sqrt(m.row_sum(weights * weights))
    safe = numpy.where(norms > 0, norms, 1.0)
    return numpy.where(norms[m.rows] > 0, weights / safe[m.rows], 0.0)


def distinct_vectors(m: termmatrix.Terms) -> tuple[Vectors, NDArray[numpy.int64]]:
    """The distinct unit vectors (first appearance first) and the one of each sentence.

    Vectors are compared exactly, entry by entry: two sentences share a node only when sumy
    computes the same numbers for both.
    """
    numpy = np()
    x = unit_vectors(m)
    kept = numpy.flatnonzero(x != 0)
    terms, values = m.terms[kept], x[kept]
    indptr = numpy.zeros(m.n + 1, dtype=numpy.int64)
    numpy.cumsum(numpy.bincount(m.rows[kept], minlength=m.n), out=indptr[1:])
    term_bytes, value_bytes = terms.tobytes(), values.tobytes()
    seen: dict[bytes, int] = {}
    node = numpy.empty(m.n, dtype=numpy.int64)
    for i, (a, b) in enumerate(pairwise(indptr.tolist())):
        if i % 65536 == 0:
            cancel.check()
        key = term_bytes[8 * a : 8 * b] + value_bytes[8 * a : 8 * b]
        node[i] = seen.setdefault(key, len(seen))
    if len(seen) == m.n:
        sizes = numpy.ones(m.n)
        return Vectors(indptr, terms, values, sizes), node
    first = numpy.full(len(seen), m.n, dtype=numpy.int64)
    numpy.minimum.at(first, node, numpy.arange(m.n))
    lengths = numpy.diff(indptr)[first]
    at = termmatrix.spans(indptr[first], indptr[first + 1])
    distinct_indptr = numpy.zeros(len(seen) + 1, dtype=numpy.int64)
    numpy.cumsum(lengths, out=distinct_indptr[1:])
    sizes = numpy.bincount(node, minlength=len(seen)).astype(numpy.float64)
    return Vectors(distinct_indptr, terms[at], values[at], sizes), node


def edge_blocks(v: Vectors) -> Iterator[tuple[int, NDArray[numpy.bool_]]]:
    """The graph a block of rows at a time: ``(start, mask)`` where ``mask[r, c]`` says
    whether the cosine of vectors ``start + r`` and ``start + c`` exceeds the threshold, for
    ``c >= r`` only (the graph is symmetric; the diagonal is included)."""
    numpy = np()
    n = v.n
    rows = numpy.repeat(numpy.arange(n, dtype=numpy.int64), numpy.diff(v.indptr))
    order = numpy.argsort(v.terms, kind="stable")
    post_rows = rows[order]
    post_x = v.values[order]
    size = int(v.terms.max()) + 1 if v.terms.size else 0
    post_indptr = numpy.zeros(size + 1, dtype=numpy.int64)
    numpy.cumsum(numpy.bincount(v.terms, minlength=size), out=post_indptr[1:])
    # Key of each posting: term, then sentence; sorted, so the postings of a term from row r
    # onwards start at searchsorted(key, term * n + r).
    post_key = v.terms[order] * n + post_rows
    df = numpy.diff(post_indptr)
    pairs_per_row = numpy.bincount(rows, weights=df[v.terms], minlength=n)

    start = 0
    while start < n:
        cancel.check()
        stop = _block_end(start, n, pairs_per_row)
        a, b = v.indptr[start], v.indptr[stop]
        if b > a:
            terms = v.terms[a:b]
            lo = numpy.searchsorted(post_key, terms * n + start)
            hi = post_indptr[terms + 1]
            at = termmatrix.spans(lo, hi)
            width = n - start
            lengths = hi - lo
            local = numpy.repeat(rows[a:b] - start, lengths)
            values = numpy.repeat(v.values[a:b], lengths) * post_x[at]
            block = numpy.bincount(
                local * width + (post_rows[at] - start),
                weights=values,
                minlength=(stop - start) * width,
            )
            del values, local, at
            mask = (block > THRESHOLD).reshape(stop - start, width)
            del block
            # Each row met the sentences from the block's first one on: the cells left of
            # the diagonal are pairs an earlier row of the block has already.
            mask &= numpy.arange(width) >= numpy.arange(stop - start)[:, None]
            yield start, mask
        start = stop


def _block_end(start: int, n: int, pairs_per_row: NDArray[numpy.float64]) -> int:
    """The end of a block of rows from ``start`` that keeps both budgets (at least one row)."""
    numpy = np()
    width = n - start
    by_cells = max(1, BLOCK_CELLS // width)
    stop = min(n, start + by_cells)
    cumulative = numpy.cumsum(pairs_per_row[start:stop])
    by_pairs = int(numpy.searchsorted(cumulative, BLOCK_PAIRS, side="right"))
    return start + max(1, min(stop - start, by_pairs))


@dataclass(frozen=True)
class Pairs:
    """A sparse block of the graph: its edges ``i <= j`` (4 bytes per id)."""

    i: NDArray[numpy.int32]
    j: NDArray[numpy.int32]

    @property
    def nbytes(self) -> int:
        return int(self.i.nbytes + self.j.nbytes)

    def spread(self, weights: NDArray[numpy.float64], out: NDArray[numpy.float64]) -> None:
        """Add to each node the sum of ``weights`` over its neighbours in this block."""
        numpy = np()
        n = len(out)
        out += numpy.bincount(self.j, weights=weights[self.i], minlength=n)
        off = self.i != self.j
        out += numpy.bincount(self.i[off], weights=weights[self.j[off]], minlength=n)


@dataclass(frozen=True)
class Bits:
    """A dense block of the graph: its mask, one bit per cell."""

    start: int
    shape: tuple[int, int]
    packed: NDArray[numpy.uint8]

    @property
    def nbytes(self) -> int:
        return int(self.packed.nbytes)

    def spread(self, weights: NDArray[numpy.float64], out: NDArray[numpy.float64]) -> None:
        count = self.shape[0] * self.shape[1]
        mask = np().unpackbits(self.packed, count=count).view(bool).reshape(self.shape)
        _dense_spread(self.start, mask, weights, out)


def _dense_spread(
    start: int,
    mask: NDArray[numpy.bool_],
    weights: NDArray[numpy.float64],
    out: NDArray[numpy.float64],
) -> None:
    """``Pairs.spread`` for the block ``mask`` of rows from ``start``: two matrix-vector
    products, the diagonal taken back once."""
    numpy = np()
    stop = start + mask.shape[0]
    cells = mask.astype(numpy.float64)
    out[start:stop] += cells @ weights[start:]
    out[start:] += weights[start:stop] @ cells
    diagonal = numpy.arange(stop - start)
    out[start:stop] -= cells[diagonal, diagonal] * weights[start:stop]


def _stored(start: int, mask: NDArray[numpy.bool_]) -> Pairs | Bits:
    """The block in its smaller form: 8 bytes per edge, or one bit per cell."""
    numpy = np()
    if numpy.count_nonzero(mask) * 64 < mask.size:
        hits = numpy.flatnonzero(mask)
        width = mask.shape[1]
        i = (hits // width + start).astype(numpy.int32)
        j = (hits % width + start).astype(numpy.int32)
        return Pairs(i, j)
    return Bits(start, mask.shape, numpy.packbits(mask, axis=None))


@dataclass
class Graph:
    """The thresholded cosine graph of the distinct vectors, with each node's degree counted
    in sentences. ``blocks`` holds it, or is ``None`` when it would take more than
    ``MAX_BYTES``: then it is recomputed for every product."""

    vectors: Vectors
    degrees: NDArray[numpy.float64]
    blocks: list[Pairs | Bits] | None

    @classmethod
    def of(cls, v: Vectors, max_bytes: int | None = None) -> Graph:
        numpy = np()
        budget = MAX_BYTES if max_bytes is None else max_bytes
        degrees = numpy.zeros(v.n)
        kept: list[Pairs | Bits] | None = []
        held = 0
        for start, mask in edge_blocks(v):
            block = _stored(start, mask)
            block.spread(v.sizes, degrees)
            if kept is not None:
                held += block.nbytes
                kept.append(block)
                if held > budget:
                    kept = None
        return cls(v, degrees, kept)

    @property
    def nbytes(self) -> int:
        """Memory the stored graph takes (0 when it is recomputed)."""
        return sum(block.nbytes for block in self.blocks or ())

    def product(self, weights: NDArray[numpy.float64]) -> NDArray[numpy.float64]:
        """For each node, the sum of ``weights`` over its neighbours (itself included when it
        is its own neighbour)."""
        numpy = np()
        out = numpy.zeros(self.vectors.n)
        if self.blocks is not None:
            for block in self.blocks:
                block.spread(weights, out)
        else:
            for start, mask in edge_blocks(self.vectors):
                _dense_spread(start, mask, weights, out)
        return out


def power_method(graph: Graph) -> NDArray[numpy.float64]:
    """sumy's power method on the degree-normalised 0/1 matrix, over the distinct vectors:
    every sentence of a node has the node's score, so a node passes on its score times the
    number of its sentences, and norms count each node that many times."""
    numpy = np()
    v = graph.vectors
    n = float(v.sizes.sum())
    degrees = numpy.where(graph.degrees > 0, graph.degrees, 1.0)
    p = numpy.full(v.n, 1.0 / n)
    step = 1.0
    while step > EPSILON:
        cancel.check()
        following = graph.product(v.sizes * p / degrees)
        norm = numpy.sqrt(numpy.dot(v.sizes, following * following))
        if norm == 0:
            # No sentence has a weighted word: sumy divides 0 by 0 and every score is NaN.
            return numpy.zeros(v.n)
        following /= norm
        difference = following - p
        step = numpy.sqrt(numpy.dot(v.sizes, difference * difference))
        p = following
    return p

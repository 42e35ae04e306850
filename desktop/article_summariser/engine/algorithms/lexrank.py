"""LexRank (Erkan & Radev, 2004) as sumy computes it, without its n² Python loops.

sumy's LexRank: TF (count / the sentence's largest count) × IDF (``log(n / (1 + df))``) over
stemmed non-stop words; an edge wherever the idf-modified cosine of two sentences (itself
included) exceeds 0.1; each row divided by its degree; then the power method with
normalisation until the step is at most 0.1. We compute the same numbers.

Cost: sumy recomputes both sentence norms for every pair in Python (n² pairs). Here the
vectors are normalised once, and the cosines come from an inverted index: for each block of
rows, every (sentence, term) entry meets only the sentences that share its term, and the
products are summed into one dense block of the upper triangle, thresholded and dropped. Work
grows with Σ df² + n²/2 cheap comparisons, memory with the block (bounded) plus the edges
kept. The graph is stored as its edges; the power method is a few ``bincount`` calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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


def rank(doc: RankInput) -> list[float]:
    n = len(doc)
    if n == 0:
        return []
    m = termmatrix.build(termmatrix.content_stems(doc))
    rows, cols = edges(m)
    scores = power_method(n, rows, cols)
    return termmatrix.as_stored_by_text(doc, scores)


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


def edges(m: termmatrix.Terms) -> tuple[NDArray[numpy.int64], NDArray[numpy.int64]]:
    """The pairs ``i <= j`` whose cosine exceeds the threshold (the graph is symmetric)."""
    numpy = np()
    n = m.n
    x = unit_vectors(m)
    keep = x != 0
    postings = m.postings()
    post_x = x[postings.entry]
    # Key of each posting: term, then sentence; sorted, so the postings of a term from row r
    # onwards start at searchsorted(key, term * n + r).
    post_key = m.terms[postings.entry] * n + postings.rows
    df = numpy.diff(postings.indptr)
    pairs_per_row = m.row_sum(numpy.where(keep, df[m.terms], 0))

    found_rows: list[Any] = []
    found_cols: list[Any] = []
    start = 0
    while start < n:
        cancel.check()
        stop = _block_end(start, n, pairs_per_row)
        a, b = m.indptr[start], m.indptr[stop]
        sel = numpy.flatnonzero(keep[a:b]) + a
        if sel.size:
            terms = m.terms[sel]
            lo = numpy.searchsorted(post_key, terms * n + start)
            hi = postings.indptr[terms + 1]
            at = termmatrix.spans(lo, hi)
            width = n - start
            lengths = hi - lo
            local = numpy.repeat(m.rows[sel] - start, lengths)
            values = numpy.repeat(x[sel], lengths) * post_x[at]
            block = numpy.bincount(
                local * width + (postings.rows[at] - start),
                weights=values,
                minlength=(stop - start) * width,
            )
            hits = numpy.flatnonzero(block > THRESHOLD)
            del block, values, local, at
            i = hits // width + start
            j = hits % width + start
            upper = j >= i
            found_rows.append(i[upper])
            found_cols.append(j[upper])
        start = stop
    if not found_rows:
        empty = numpy.zeros(0, dtype=numpy.int64)
        return empty, empty
    return numpy.concatenate(found_rows), numpy.concatenate(found_cols)


def _block_end(start: int, n: int, pairs_per_row: NDArray[numpy.float64]) -> int:
    """The end of a block of rows from ``start`` that keeps both budgets (at least one row)."""
    numpy = np()
    width = n - start
    by_cells = max(1, BLOCK_CELLS // width)
    stop = min(n, start + by_cells)
    cumulative = numpy.cumsum(pairs_per_row[start:stop])
    by_pairs = int(numpy.searchsorted(cumulative, BLOCK_PAIRS, side="right"))
    return start + max(1, min(stop - start, by_pairs))


def power_method(
    n: int, rows: NDArray[numpy.int64], cols: NDArray[numpy.int64]
) -> NDArray[numpy.float64]:
    """sumy's power method on the degree-normalised 0/1 matrix given by its edges."""
    numpy = np()
    off = rows != cols
    # Both directions of every edge, the diagonal once.
    src = numpy.concatenate([rows, cols[off]])
    dst = numpy.concatenate([cols, rows[off]])
    degrees = numpy.bincount(src, minlength=n).astype(numpy.float64)
    degrees[degrees == 0] = 1.0
    p = numpy.full(n, 1.0 / n)
    step = 1.0
    while step > EPSILON:
        cancel.check()
        following = numpy.bincount(dst, weights=(p / degrees)[src], minlength=n)
        norm = numpy.linalg.norm(following)
        if norm == 0:
            # No sentence has a weighted word: sumy divides 0 by 0 and every score is NaN.
            return numpy.zeros(n)
        following /= norm
        step = numpy.linalg.norm(following - p)
        p = following
    return p

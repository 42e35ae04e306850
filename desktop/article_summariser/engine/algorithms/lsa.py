"""LSA (Steinberger & Ježek, 2004) as sumy computes it, without the SVD.

sumy's LSA: a term × sentence matrix of counts of stems (every word of the sentence is stemmed
and counted when its stem belongs to the document's non-stop stems), each column smoothed to
``0.4 + 0.6 · count / max count`` (every cell of a non-empty column, zeros included); then a
full SVD, and a sentence's rating ``sqrt(Σ_k σ_k² v_k²)`` over the dimensions it keeps.

sumy keeps ``max(3, len(σ) · 1)`` dimensions, that is all of them. With every dimension kept,
``Σ_k σ_k² v_k² = ‖A e_j‖²``: the rating is exactly the Euclidean length of the sentence's
column. So instead of an SVD of a dense (terms × sentences) matrix, cubic in time and
quadratic in memory, this computes the column lengths from the sparse counts: linear in the
number of words, same ratings to rounding (sumy's SVD adds noise near 1e-13 that can reorder
sentences whose ratings are exactly equal; here they stay equal, the earlier one first).
"""

from __future__ import annotations

from article_summariser.engine.algorithms import termmatrix
from article_summariser.engine.algorithms.base import RankInput
from article_summariser.engine.algorithms.termmatrix import np

SMOOTH = 0.4


def rank(doc: RankInput) -> list[float]:
    n = len(doc)
    if n == 0:
        return []
    numpy = np()
    stop = termmatrix.normalised_stop_words(doc)
    dictionary = {
        s
        for words, stems in zip(doc.words, doc.stems, strict=True)
        for w, s in zip(words, stems, strict=True)
        if w not in stop
    }
    if not dictionary:
        return [0.0] * n
    counted = [[s for s in stems if s in dictionary] for stems in doc.stems]
    m = termmatrix.build(counted)
    top = m.row_max(m.counts)
    frequency = m.counts / top[m.rows]
    cells = SMOOTH + (1.0 - SMOOTH) * frequency
    zero_cells = len(dictionary) - (m.indptr[1:] - m.indptr[:-1])
    squares = m.row_sum(cells * cells) + zero_cells * SMOOTH * SMOOTH
    return numpy.where(m.nonempty, numpy.sqrt(squares), 0.0).tolist()

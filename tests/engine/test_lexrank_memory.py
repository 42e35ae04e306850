"""LexRank's memory stays bounded when sentences are alike (logs, repeated lines).

Every pair of alike sentences is an edge of LexRank's graph: 30,000 log lines of 16 templates
made 197 million of them, and keeping them took 8.3 GB. The graph is now kept per distinct
sentence vector, dense parts as bits, and recomputed when even that passes its budget; the
scores stay sumy's.
"""

from __future__ import annotations

import math
import random
import string
import tracemalloc
import warnings

import pytest
from tests.bench import corpus

from article_summariser.engine import CancelledError, cancel, prepare
from article_summariser.engine.algorithms import lexrank, termmatrix
from article_summariser.engine.algorithms.base import RankInput
from article_summariser.engine.algorithms.sumy_adapter import rank_with_sumy

NAMES = ("Anna", "Ben", "Carla", "Dev")
ACTIONS = (
    "opened a ticket about the login page",
    "asked for a refund on order",
    "confirmed the delivery of order",
    "said the mobile app crashed on startup",
)
MB = 1_000_000


def _log(lines: int, tags: int = 0, seed: int = 3) -> str:
    """Support-desk log lines from 16 templates, each with an order number; with ``tags``, a
    word drawn from that many made-up words as well, so that hardly two lines are the same
    and yet most pairs stay alike."""
    rng = random.Random(seed)
    words = ["".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(tags)]
    rows = []
    for _ in range(lines):
        tag = f" {rng.choice(words)}" if words else ""
        rows.append(f"{rng.choice(NAMES)} {rng.choice(ACTIONS)}{tag} {rng.randint(1000, 9999)}.")
    return "\n".join(rows)


def _graph(doc: RankInput, max_bytes: int | None = None) -> lexrank.Graph:
    m = termmatrix.build(termmatrix.content_stems(doc))
    vectors, _ = lexrank.distinct_vectors(m)
    return lexrank.Graph.of(vectors, max_bytes)


def _joined_pairs(graph: lexrank.Graph) -> int:
    """Ordered pairs of sentences the graph joins: what the power method used to hold as
    edges (about 40 bytes each, with the pairs kept and their two directions)."""
    return int(graph.vectors.sizes @ graph.degrees)


def _peak_while_ranking(doc: RankInput) -> tuple[list[float], int]:
    tracemalloc.start()
    try:
        scores = lexrank.rank(doc)
        return scores, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _assert_sumys_ratings(doc: RankInput, ours: list[float]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        theirs = rank_with_sumy("lexrank", doc)
    assert len(ours) == len(theirs) == len(doc)
    for i, (a, b) in enumerate(zip(ours, theirs, strict=True)):
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), f"sentence {i}: {a} != {b}"


def test_a_log_of_alike_lines_is_ranked_in_little_memory() -> None:
    doc = prepare(_log(12_000), "en").rank_input
    graph = _graph(doc)
    # 12,000 lines, 16 distinct vectors, and tens of millions of edges: gigabytes as before.
    assert graph.vectors.n == 16
    assert _joined_pairs(graph) > 40_000_000
    assert graph.nbytes < 1_000
    scores, peak = _peak_while_ranking(doc)
    assert peak < 20 * MB
    # Lines of one template score alike (sumy gives them the same row of the matrix).
    assert len({round(s, 12) for s in scores}) <= 16


def test_one_sentence_repeated_fifty_thousand_times_is_one_node() -> None:
    doc = prepare(" ".join(["Ab cat."] * 20_000), "en").rank_input
    assert len(doc) == 20_000
    graph = _graph(doc)
    assert graph.vectors.n == 1
    scores, peak = _peak_while_ranking(doc)
    assert peak < 20 * MB
    assert len(set(scores)) == 1


def test_alike_lines_that_all_differ_keep_their_graph_as_bits() -> None:
    doc = prepare(_log(6_000, tags=1_000), "en").rank_input
    graph = _graph(doc)
    assert graph.vectors.n > 5_000
    edges = _joined_pairs(graph)
    assert edges > 5_000_000
    # Dense blocks take a bit per cell: far less than the 8 bytes of an edge.
    assert graph.blocks is not None
    assert any(isinstance(block, lexrank.Bits) for block in graph.blocks)
    assert graph.nbytes * 20 < 8 * edges
    _, peak = _peak_while_ranking(doc)
    assert peak < 150 * MB


def test_past_its_budget_the_graph_is_recomputed_with_the_same_scores(monkeypatch) -> None:
    doc = prepare(_log(3_000, tags=500), "en").rank_input
    kept = lexrank.rank(doc)
    assert _graph(doc).blocks is not None
    monkeypatch.setattr(lexrank, "MAX_BYTES", 100_000)
    recomputed_graph = _graph(doc)
    assert recomputed_graph.blocks is None
    assert recomputed_graph.nbytes == 0
    recomputed = lexrank.rank(doc)
    for a, b in zip(kept, recomputed, strict=True):
        assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)


def _polls(doc: RankInput, stop_at: int = 0) -> int:
    """How often ranking ``doc`` asks whether it is cancelled (cancelled at poll ``stop_at``)."""
    polls = 0

    def cancelled() -> bool:
        nonlocal polls
        polls += 1
        return polls == stop_at

    with cancel.scope(cancelled):
        lexrank.rank(doc)
    return polls


def test_recomputing_the_graph_hears_a_cancel(monkeypatch) -> None:
    doc = prepare(_log(3_000, tags=500), "en").rank_input
    kept = _polls(doc)
    monkeypatch.setattr(lexrank, "MAX_BYTES", 0)
    recomputed = _polls(doc)
    # Every step of the power method walks the blocks again, and asks in each.
    assert recomputed > kept
    with pytest.raises(CancelledError):
        _polls(doc, stop_at=recomputed)


@pytest.mark.parametrize(
    ("lines", "tags", "max_bytes"),
    [
        (300, 0, None),  # many sentences per vector
        (300, 40, None),  # alike but distinct: dense blocks kept as bits
        (300, 40, 0),  # the same, recomputed at every step
    ],
)
def test_alike_lines_get_sumys_ratings(monkeypatch, lines: int, tags: int, max_bytes) -> None:
    if max_bytes is not None:
        monkeypatch.setattr(lexrank, "MAX_BYTES", max_bytes)
    doc = prepare(_log(lines, tags=tags), "en").rank_input
    _assert_sumys_ratings(doc, lexrank.rank(doc))


def test_prose_keeps_its_graph_as_edges() -> None:
    doc = prepare(corpus.document(20_000), "en").rank_input
    graph = _graph(doc)
    assert graph.vectors.n > 0.95 * len(doc)
    assert graph.blocks
    assert all(isinstance(block, lexrank.Pairs) for block in graph.blocks)
    assert graph.nbytes < MB

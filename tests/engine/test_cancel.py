"""Cancelling reaches into paragraph splitting and the long loops of the algorithms."""

from __future__ import annotations

import threading
import time

import pytest
from tests.conftest import dev_articles

from article_summariser.engine import CancelledError, cancel, prepare, rank


def _book(words: int) -> str:
    english = [row["text"] for row in dev_articles() if row["lang"] == "en"]
    text = "\n\n".join(english)
    return " ".join(text.split(" ")[:words])


@pytest.fixture(scope="module")
def book():
    return prepare(_book(120_000), "en")


@pytest.mark.parametrize("algorithm", ["kl", "sumbasic", "lexrank", "positional"])
def test_a_ranking_stops_soon_after_it_is_cancelled(book, algorithm: str) -> None:
    started = time.perf_counter()
    full = rank(book, algorithm)
    full_time = time.perf_counter() - started
    stop = threading.Event()
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        if calls == 3:
            stop.set()
        return stop.is_set()

    with pytest.raises(CancelledError):
        rank(book, algorithm, cancelled=cancelled)
    assert calls == 3  # polled inside the loop, and stopped at the first True
    # The same work runs to the end when nobody cancels (and gives the same scores).
    assert rank(book, algorithm, cancelled=lambda: False).scores == full.scores
    assert full_time > 0


def test_paragraph_splitting_polls_the_caller() -> None:
    text = "\n\n".join(f"Paragraph number {i} has a sentence in it." for i in range(2_000))
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(CancelledError):
        prepare(text, "en", cancelled=cancelled)
    assert len(asked) == 3


def test_the_scope_belongs_to_one_thread() -> None:
    with cancel.scope(lambda: True):
        seen = []
        worker = threading.Thread(target=lambda: seen.append(cancel.check()))
        worker.start()
        worker.join()
        assert seen == [None]  # the other thread has no cancelled scope
        with pytest.raises(CancelledError):
            cancel.check()
    cancel.check()  # outside the scope nothing is cancelled

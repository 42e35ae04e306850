"""The summary worker: a real thread running the real engine, driven through its service."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from tests.conftest import SEED_ARTICLE, dev_article

from article_summariser.gui.options import SummaryOptions
from article_summariser.gui.worker import SummaryResult, SummaryService


@pytest.fixture
def service(qtbot) -> Iterator[SummaryService]:
    service = SummaryService()
    with qtbot.waitSignal(service.ready, timeout=30_000):
        service.start()
    yield service
    assert service.shutdown()
    assert not service.running


def run(qtbot, service: SummaryService, text: str, options: SummaryOptions, document: int = 1):
    with qtbot.waitSignal(service.summarised, timeout=60_000) as blocker:
        service.summarise(document, 0, text, options)
    result: SummaryResult = blocker.args[0]
    return result


def test_the_engine_runs_in_the_worker_thread_and_tells_what_it_offers(qtbot, service):
    catalogue = service.catalogue
    assert catalogue is not None
    names = [name for name, _label, _description in catalogue.algorithms]
    assert "lead" in names
    assert "lexrank" in names
    assert "textrank" in names
    from article_summariser.engine.algorithms import DEFAULT

    assert catalogue.default_algorithm == DEFAULT
    assert DEFAULT in names
    codes = dict(catalogue.languages)
    assert codes["en"] == "English"
    assert codes["fr"] == "French"
    worker_thread = service._worker.thread()
    assert worker_thread is service._thread
    assert worker_thread is not QThread.currentThread()
    assert worker_thread.isRunning()
    result = run(qtbot, service, SEED_ARTICLE.read_text(encoding="utf-8"), SummaryOptions())
    assert result.ok


def test_a_length_change_reuses_the_ranking_and_an_algorithm_change_the_sentences(qtbot, service):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    first = run(qtbot, service, text, SummaryOptions(sentences=3))
    assert first.ok
    assert first.reused == ""
    assert len(first.summary.summary) == 3
    longer = run(qtbot, service, text, SummaryOptions(sentences=6))
    assert longer.reused == "rank"
    assert len(longer.summary.summary) == 6
    # The three best sentences are still in: the ranking was not recomputed differently.
    assert {s.index for s in first.summary.summary} <= {s.index for s in longer.summary.summary}
    other = run(qtbot, service, text, SummaryOptions(algorithm="luhn", sentences=6))
    assert other.reused == "prepare"
    assert other.summary.algorithm == "luhn"
    percent = run(qtbot, service, text, SummaryOptions(unit="percent", percent=25))
    assert percent.reused == "rank"
    assert percent.summary.length.value == pytest.approx(0.25)


def test_only_the_latest_request_of_a_document_is_answered(qtbot, service):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    answered: list[SummaryResult] = []
    service.summarised.connect(answered.append)
    raw: list[SummaryResult] = []
    service.dropped.connect(raw.append)
    old = service.summarise(1, 0, text, SummaryOptions(sentences=2))
    new = service.summarise(1, 1, text, SummaryOptions(sentences=4))
    assert old.cancel.is_set()
    qtbot.waitUntil(lambda: len(raw) == 1 and len(answered) == 1, timeout=60_000)
    assert [r.request.id for r in answered] == [new.id]
    assert len(answered[0].summary.summary) == 4
    assert raw[0].request is old
    assert raw[0].kind == "cancelled"


def test_documents_do_not_supersede_each_other(qtbot, service):
    answered: list[SummaryResult] = []
    service.summarised.connect(answered.append)
    service.summarise(1, 0, SEED_ARTICLE.read_text(encoding="utf-8"), SummaryOptions())
    service.summarise(2, 0, dev_article("orangesum")["text"], SummaryOptions())
    qtbot.waitUntil(lambda: len(answered) == 2, timeout=60_000)
    languages = {r.request.document: r.summary.language.code for r in answered}
    assert languages == {1: "en", 2: "fr"}


def test_errors_come_back_as_data_in_plain_words(qtbot, service):
    empty = run(qtbot, service, "   \n\n ", SummaryOptions())
    assert empty.kind == "input"
    assert empty.summary is None
    assert empty.error == "The text is empty: paste or open an article to summarise."
    unknown = run(qtbot, service, "One sentence. Two sentences.", SummaryOptions(algorithm="gpt"))
    assert unknown.kind == "input"
    assert unknown.error.startswith("“gpt” is not an algorithm of the summariser.")
    binary = run(qtbot, service, "\x00\x01\x02" * 200, SummaryOptions())
    assert binary.kind == "input"
    assert "binary" in binary.error


def test_loading_files_in_the_worker(qtbot, service, tmp_path):
    good = tmp_path / "kim.txt"
    good.write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    with qtbot.waitSignal(service.loaded, timeout=30_000) as blocker:
        service.load(str(good))
    assert blocker.args[0].ok
    assert blocker.args[0].document.text == good.read_text(encoding="utf-8")
    with qtbot.waitSignal(service.loaded, timeout=30_000) as blocker:
        service.load(str(tmp_path / "gone.txt"))
    assert blocker.args[0].kind == "input"
    assert blocker.args[0].error == "“gone.txt” does not exist (was it moved or deleted?)."


def test_cancel_stops_a_long_preparation_early(qtbot, service):
    text = "\n\n".join(
        r["text"] for r in __import__("tests.conftest").conftest.dev_articles()[:300]
    )
    raw: list[SummaryResult] = []
    service.dropped.connect(raw.append)
    started = threading.Event()
    service.progress.connect(lambda _doc, _id, _f: started.set())
    request = service.summarise(7, 0, text, SummaryOptions())
    qtbot.waitUntil(started.is_set, timeout=60_000)
    assert service.cancel(7)
    qtbot.waitUntil(lambda: bool(raw), timeout=60_000)
    assert raw[0].request is request
    assert raw[0].kind == "cancelled"
    assert service.pending(7) is None


def test_a_slow_algorithm_is_announced_before_it_starts_with_a_fast_one_offered(qtbot, service):
    from tests.conftest import dev_articles

    english = [row["text"] for row in dev_articles() if row["lang"] == "en"]
    text = "\n\n".join(english)
    words = text.split()
    assert len(words) > 160_000
    book = " ".join(words[:160_000])
    with qtbot.waitSignal(service.slow, timeout=60_000) as warned:
        service.summarise(7, 0, book, SummaryOptions(algorithm="kl", sentences=3))
    warning = warned.args[0]
    assert warning.algorithm == "KL-Sum"
    assert warning.alternative == "SumBasic"
    assert warning.words >= 150_000
    assert "SumBasic ranks it in moments" in warning.text
    with qtbot.waitSignal(service.summarised, timeout=120_000) as done:
        pass
    assert done.args[0].ok
    # A short document with the same algorithm is not warned about.
    with qtbot.assertNotEmitted(service.slow, wait=200):
        run(
            qtbot, service, SEED_ARTICLE.read_text(encoding="utf-8"), SummaryOptions(algorithm="kl")
        )


def test_the_caches_are_bounded_by_the_size_of_the_texts_not_only_their_count(qtbot, monkeypatch):
    # Four news articles of 2-4 KB each fit the default budget; with a budget of 8,000
    # characters only the newest ones stay, so an older article is prepared again from scratch
    # while the newest still re-selects from its ranking.
    from article_summariser.gui import worker

    monkeypatch.setattr(worker, "CACHE_CHARS", 8_000)
    service = SummaryService()
    with qtbot.waitSignal(service.ready, timeout=30_000):
        service.start()
    try:
        texts = [dev_article("cnndm", i)["text"] for i in range(1, 5)]
        assert all(2_000 < len(t) < 8_000 for t in texts)
        assert sum(len(t) for t in texts) > 8_000
        for n, text in enumerate(texts):
            assert run(qtbot, service, text, SummaryOptions(), document=n).reused == ""
        cache = service._worker._prepared
        assert cache.size <= 8_000 or len(cache) == 1
        assert len(cache) < 4
        assert run(qtbot, service, texts[-1], SummaryOptions(sentences=5), 3).reused == "rank"
        assert run(qtbot, service, texts[0], SummaryOptions(sentences=5), 0).reused == ""
    finally:
        assert service.shutdown()


def test_a_text_bigger_than_the_whole_budget_is_still_kept_for_the_length_slider(
    qtbot, monkeypatch
):
    from article_summariser.gui import worker

    monkeypatch.setattr(worker, "CACHE_CHARS", 1_000)
    service = SummaryService()
    with qtbot.waitSignal(service.ready, timeout=30_000):
        service.start()
    try:
        text = SEED_ARTICLE.read_text(encoding="utf-8")
        assert len(text) > 1_000
        assert run(qtbot, service, text, SummaryOptions(sentences=3)).reused == ""
        assert run(qtbot, service, text, SummaryOptions(sentences=4)).reused == "rank"
        assert len(service._worker._ranked) == 1
    finally:
        assert service.shutdown()

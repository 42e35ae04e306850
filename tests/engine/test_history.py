"""The history file: real summaries stored in SQLite, searched, capped, deleted, turned off."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.conftest import SEED_ARTICLE, dev_article

from article_summariser import paths
from article_summariser.engine import Length, Options, Summary, algorithms, summarise
from article_summariser.engine.history import History, HistoryError, fold

OPTIONS = Options(length=Length.sentences(3))


@pytest.fixture(scope="module")
def summaries() -> dict[str, Summary]:
    """Real articles: the AFP story, a BBC report, a French and a German one."""
    return {
        "seed": summarise(SEED_ARTICLE.read_text(encoding="utf-8"), OPTIONS),
        "bbc": summarise(dev_article("bbc", 7)["text"], OPTIONS),
        "french": summarise(dev_article("orangesum", 9)["text"], OPTIONS),
        "german": summarise(dev_article("klexikon", 3)["text"], OPTIONS),
    }


class Clock:
    """A clock that ticks one minute per reading, so entries have a clear order."""

    def __init__(self) -> None:
        self.now = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture(params=[True, False], ids=["fts5", "fallback"])
def history(request: pytest.FixtureRequest, tmp_path: Path) -> History:
    return History(tmp_path / "history.sqlite3", fts=request.param, clock=Clock())


def _fill(history: History, summaries: dict[str, Summary]) -> dict[str, int]:
    ids = {}
    for name, summary in summaries.items():
        entry_id = history.add(summary, source=f"/home/reader/{name}.txt")
        assert entry_id is not None
        ids[name] = entry_id
    return ids


def test_an_entry_keeps_source_settings_time_and_text(
    history: History, summaries: dict[str, Summary]
) -> None:
    ids = _fill(history, summaries)
    entry = history.get(ids["seed"])
    seed = summaries["seed"]
    assert entry is not None
    assert entry.title == "North Korea’s Kim in Russia for Putin talks as US warns on arms deal"
    assert entry.source == "/home/reader/seed.txt"
    assert (entry.language, entry.language_setting, entry.algorithm) == (
        "en",
        "auto",
        algorithms.DEFAULT,
    )
    assert entry.length == Length.sentences(3)
    assert entry.words_original == seed.words_total
    assert entry.words_summary == seed.words_summary
    assert entry.keywords == seed.keywords
    assert entry.summary.split("\n") == [s.display_text for s in seed.summary]
    assert entry.text == seed.text
    assert entry.summarised_at == datetime(2024, 3, 1, 8, 1, tzinfo=UTC)
    assert history.count() == 4
    assert history.get(99999) is None


def test_search_finds_words_anywhere_in_the_text(
    history: History, summaries: dict[str, Summary]
) -> None:
    ids = _fill(history, summaries)

    def found(query: str) -> set[int]:
        return {e.id for e in history.search(query)}

    # Newest first without a query; the listing leaves the full text out.
    listing = history.search("")
    assert [e.id for e in listing] == [ids["german"], ids["french"], ids["bbc"], ids["seed"]]
    assert all(e.text == "" for e in listing)
    # A word deep in the body of the AFP story, not in its title or summary.
    assert "Peskov" not in summaries["seed"].summary_text()
    assert found("Peskov") == {ids["seed"]}
    # Every word must match; prefixes count; case does not matter.
    assert found("pesk putin") == {ids["seed"]}
    assert found("peskov zebra") == set()
    assert found("PUTI") >= {ids["seed"]}
    # Accents are folded both ways.
    accented = next(w for w in summaries["french"].text.split() if w.isalpha() and "é" in w)
    assert ids["french"] in found(accented.replace("é", "e"))
    # By source path too.
    assert found("reader german") == {ids["german"]}


def test_search_treats_query_syntax_as_words(
    history: History, summaries: dict[str, Summary]
) -> None:
    _fill(history, summaries)
    for query in ('"', "NEAR(", "*", "a OR", "-x", "title:", "')", "%", "_"):
        history.search(query)  # no error, whatever the characters
    assert history.search('Peskov"') == history.search("Peskov")


def test_fts5_and_fallback_find_the_same_entries(
    tmp_path: Path, summaries: dict[str, Summary]
) -> None:
    fast = History(tmp_path / "fts.sqlite3", fts=True, clock=Clock())
    slow = History(tmp_path / "like.sqlite3", fts=False, clock=Clock())
    _fill(fast, summaries)
    _fill(slow, summaries)
    assert fast.uses_fts
    assert not slow.uses_fts
    for query in ("Peskov", "russia", "the", "reader", "putin kim", "nothingatall"):
        assert {e.title for e in fast.search(query)} == {e.title for e in slow.search(query)}


def test_summarising_the_same_text_again_updates_its_entry(
    history: History, summaries: dict[str, Summary]
) -> None:
    ids = _fill(history, summaries)
    shorter = summarise(summaries["seed"].text, Options(algorithm="lead", length=Length.ratio(0.1)))
    again = history.add(shorter, source="/elsewhere/copy.txt", language_setting="en")
    assert again == ids["seed"]
    assert history.count() == 4
    entry = history.get(again)
    assert entry is not None
    assert (entry.algorithm, entry.length, entry.source) == (
        "lead",
        Length.ratio(0.1),
        "/elsewhere/copy.txt",
    )
    assert entry.language_setting == "en"
    assert history.search("")[0].id == again  # moved to the top
    assert {e.id for e in history.search("elsewhere")} == {again}
    assert history.search("reader seed") == []  # the old source is no longer indexed


def test_delete_and_clear(history: History, summaries: dict[str, Summary]) -> None:
    ids = _fill(history, summaries)
    assert history.delete(ids["seed"]) is True
    assert history.delete(ids["seed"]) is False
    assert history.get(ids["seed"]) is None
    assert history.search("Peskov") == []
    assert history.count() == 3
    assert history.clear() == 3
    assert history.count() == 0
    assert history.search("") == []
    assert history.search("reader") == []


def test_the_oldest_entries_go_beyond_the_entry_cap(
    tmp_path: Path, summaries: dict[str, Summary]
) -> None:
    history = History(tmp_path / "h.sqlite3", max_entries=2, clock=Clock())
    ids = _fill(history, summaries)
    assert [e.id for e in history.search("")] == [ids["german"], ids["french"]]
    assert history.search("Peskov") == []


def test_the_oldest_entries_go_beyond_the_size_cap(
    tmp_path: Path, summaries: dict[str, Summary]
) -> None:
    sizes = {
        n: len(s.text.encode()) + len(s.summary_text("\n").encode()) for n, s in summaries.items()
    }
    cap = sizes["german"] + sizes["french"] + sizes["bbc"] - 1  # the newest three do not fit
    history = History(tmp_path / "h.sqlite3", max_bytes=cap, clock=Clock())
    ids = _fill(history, summaries)
    assert [e.id for e in history.search("")] == [ids["german"], ids["french"]]
    # The newest entry is kept even when it alone is over the cap.
    tiny = History(tmp_path / "tiny.sqlite3", max_bytes=10, clock=Clock())
    _fill(tiny, summaries)
    assert [e.title for e in tiny.search("")] == [summaries["german"].title]


def test_a_history_turned_off_writes_nothing(tmp_path: Path, summaries: dict[str, Summary]) -> None:
    folder = tmp_path / "data"
    history = History(folder / "history.sqlite3", enabled=False)
    assert history.add(summaries["seed"], source="a.txt") is None
    assert not folder.exists()
    assert history.search("") == []
    assert history.count() == 0
    assert history.get(1) is None
    assert history.delete(1) is False
    assert history.clear() == 0
    assert not folder.exists()
    # Turned on, it records; turned off again, an add changes nothing on disk.
    history.enabled = True
    history.add(summaries["seed"], source="a.txt")
    before = (folder / "history.sqlite3").read_bytes()
    history.enabled = False
    assert history.add(summaries["bbc"], source="b.txt") is None
    assert (folder / "history.sqlite3").read_bytes() == before
    assert history.count() == 1  # still readable, so it can be searched or cleared


def test_the_default_file_is_in_the_app_data_folder(
    app_dirs: Path, summaries: dict[str, Summary]
) -> None:
    history = History()
    history.add(summaries["bbc"])
    assert history.path == paths.get().history_db
    assert history.path.is_relative_to(app_dirs)
    assert history.path.exists()


def test_entries_added_while_fts5_was_missing_are_indexed_when_it_returns(
    tmp_path: Path, summaries: dict[str, Summary]
) -> None:
    path = tmp_path / "h.sqlite3"
    clock = Clock()
    History(path, fts=True, clock=clock).add(summaries["seed"], source="seed.txt")
    without = History(path, fts=False, clock=clock)
    without.add(summaries["bbc"], source="bbc.txt")
    assert {e.source for e in without.search("txt")} == {"seed.txt", "bbc.txt"}
    with_fts = History(path, fts=True, clock=clock)
    assert {e.source for e in with_fts.search("txt")} == {"seed.txt", "bbc.txt"}
    assert {e.source for e in with_fts.search("Peskov")} == {"seed.txt"}


def test_a_damaged_file_is_reported_and_clearing_starts_afresh(
    tmp_path: Path, summaries: dict[str, Summary]
) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not an SQLite database, it is a damaged file " * 100)
    history = History(path)
    with pytest.raises(HistoryError, match="is damaged; clear the history"):
        history.search("")
    with pytest.raises(HistoryError, match="is damaged"):
        history.add(summaries["seed"])
    assert history.clear() == 0
    assert history.add(summaries["seed"]) == 1
    assert history.count() == 1


def test_a_full_disk_is_a_clear_error(tmp_path: Path, summaries: dict[str, Summary]) -> None:
    from faults import disk_full

    history = History(tmp_path / "h.sqlite3")
    with disk_full(), pytest.raises(HistoryError):
        history.add(summaries["seed"])
    history.add(summaries["bbc"])  # fine again afterwards
    assert history.count() == 1


def test_threads_can_add_at_the_same_time(tmp_path: Path, summaries: dict[str, Summary]) -> None:
    history = History(tmp_path / "h.sqlite3")
    errors: list[BaseException] = []

    def add(summary: Summary) -> None:
        try:
            history.add(summary)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=add, args=(s,)) for s in summaries.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert history.count() == 4


def test_fold_removes_case_and_accents() -> None:
    assert fold("Crème BRÛLÉE Straße") == "creme brulee strasse"


def test_the_file_is_plain_sqlite(tmp_path: Path, summaries: dict[str, Summary]) -> None:
    history = History(tmp_path / "h.sqlite3")
    history.add(summaries["seed"], source="seed.txt")
    with sqlite3.connect(tmp_path / "h.sqlite3") as connection:
        (title,) = connection.execute("SELECT title FROM entries").fetchone()
    assert title.startswith("North Korea")

"""The worker's cache on its own: least recently used, bounded by count and by size."""

from __future__ import annotations

from article_summariser.gui.result_cache import ResultCache


def test_the_oldest_entries_go_once_the_count_or_the_size_is_over():
    cache: ResultCache[str] = ResultCache(max_entries=3, max_size=100)
    for key in "abc":
        cache.put(key, key.upper(), 10)
    assert len(cache) == 3
    assert cache.size == 30
    cache.put("d", "D", 10)  # over the count: "a" goes
    assert "a" not in cache
    assert cache.get("b") == "B"  # "b" is now the most recently used
    cache.put("e", "E", 85)  # over count and size: "c" and "d" go, "b" stays (10 + 85 ≤ 100)
    assert [k for k in "abcde" if k in cache] == ["b", "e"]
    assert cache.size == 95


def test_the_newest_entry_stays_however_big_and_a_replaced_key_is_counted_once():
    cache: ResultCache[int] = ResultCache(max_entries=4, max_size=100)
    cache.put("small", 1, 40)
    cache.put("huge", 2, 5_000)
    assert len(cache) == 1
    assert cache.get("huge") == 2
    assert cache.get("small") is None
    cache.put("huge", 3, 50)
    assert cache.size == 50
    assert cache.get("huge") == 3

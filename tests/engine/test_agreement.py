"""The fast algorithms choose the sentences sumy itself chooses.

Each fast module re-implements one of sumy's summarizers; ``sumy_adapter`` runs sumy's own
code on the same tokens. On real dev articles of every source and language, up to 5,000
words, both must pick the same sentences for every summary length; they may differ only
where sumy's own ratings tie within 1e-9 (then either choice is sumy's choice, up to
rounding). The ratings themselves must match too: to 1e-9 for the scoring algorithms, exactly
for the greedy ones (KL-Sum, SumBasic), whose ratings are the order of choice.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import pytest
from tests.conftest import SEED_ARTICLE, dev_articles

from article_summariser.engine import prepare
from article_summariser.engine.algorithms import ALGORITHMS, RankInput
from article_summariser.engine.algorithms.sumy_adapter import rank_with_sumy

SUMY = sorted(name for name, algorithm in ALGORITHMS.items() if algorithm.from_sumy)
GREEDY = {"kl", "sumbasic"}
TIE = 1e-9
MAX_WORDS = 5000


def _sample(points: int) -> list[dict]:
    """Articles of each source at evenly spaced lengths, shortest to longest (≤ 5,000 words)."""
    by_source: dict[str, list[dict]] = {}
    for row in dev_articles():
        if len(row["text"].split()) <= MAX_WORDS:
            by_source.setdefault(row["source"], []).append(row)
    chosen: dict[str, dict] = {}
    for rows in by_source.values():
        rows.sort(key=lambda row: (len(row["text"].split()), row["id"]))
        for k in range(points):
            row = rows[round(k * (len(rows) - 1) / (points - 1))]
            chosen[row["id"]] = row
    return sorted(chosen.values(), key=lambda row: row["id"])


#: 11 lengths per source; sumy's own KL-Sum is cubic (14 s at 5,000 words), so it gets 5.
ARTICLES = _sample(11)
KL_ARTICLES = _sample(5)


def _rank_input(row: dict) -> RankInput:
    return prepare(row["text"], row["lang"], title=row["title"]).rank_input


def _sumy(name: str, doc: RankInput) -> list[float]:
    with warnings.catch_warnings():
        # sumy's LSA warns when a text has fewer distinct words than sentences.
        warnings.simplefilter("ignore", UserWarning)
        return rank_with_sumy(name, doc)


def _best_first(scores: Sequence[float]) -> list[int]:
    """Best first, ties to the earlier sentence: the order sumy and the engine both use."""
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i))


def _selection_differences(ours: Sequence[float], theirs: Sequence[float]) -> list[str]:
    """For every summary length, sentences chosen by one and not the other, unless sumy's
    ratings of them tie (within 1e-9) with the last sentence sumy chose."""
    problems = []
    order_ours, order_theirs = _best_first(ours), _best_first(theirs)
    n = len(theirs)
    for k in sorted({1, 2, 3, 5, 10, max(1, n // 5), max(1, n // 2)} & set(range(1, n + 1))):
        boundary = theirs[order_theirs[k - 1]]
        picked = set(order_ours[:k])
        for i in range(n):
            if theirs[i] > boundary + TIE and i not in picked:
                problems.append(f"top {k}: sumy chooses sentence {i}, we do not")
            if theirs[i] < boundary - TIE and i in picked:
                problems.append(f"top {k}: we choose sentence {i}, sumy does not")
    return problems


def _check(name: str, doc: RankInput, where: str) -> None:
    ours = list(ALGORITHMS[name].rank(doc))
    theirs = _sumy(name, doc)
    assert len(ours) == len(theirs) == len(doc)
    assert _selection_differences(ours, theirs) == [], where
    if name in GREEDY:
        assert ours == theirs, where
    else:
        for i, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), f"{where}: sentence {i}"


@pytest.mark.parametrize("name", SUMY)
def test_same_sentences_as_sumy_on_dev_articles(name: str) -> None:
    articles = KL_ARTICLES if name == "kl" else ARTICLES
    languages = {row["lang"] for row in articles}
    assert languages == {"en", "fr", "de"}
    assert max(len(row["text"].split()) for row in articles) > 4000
    for row in articles:
        _check(name, _rank_input(row), row["id"])


@pytest.mark.parametrize("name", SUMY)
def test_same_sentences_as_sumy_on_the_seed_article(name: str) -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    _check(name, prepare(text, "en").rank_input, "seed article")


@pytest.mark.parametrize("name", SUMY)
def test_repeated_sentences_are_rated_as_sumy_rates_them(name: str) -> None:
    """sumy files ratings by sentence text: copies of a sentence share one rating (the last
    copy's, or for Reduction the sum over copies). A real article with two of its sentences
    quoted again as closing paragraphs."""
    row = next(r for r in ARTICLES if r["source"] == "bbc_news_summary" and "\n\n" in r["text"])
    doc = _rank_input(row)
    text = row["text"] + "\n\n" + doc.sentences[0] + "\n\n" + doc.sentences[2]
    repeated = prepare(text, row["lang"], title=row["title"]).rank_input
    assert len(repeated) == len(doc) + 2
    assert repeated.sentences[-2] == repeated.sentences[0]
    _check(name, repeated, "repeated sentences")


def test_the_sample_covers_short_and_long_articles_of_every_source() -> None:
    sources = {row["source"] for row in ARTICLES}
    assert len(sources) == 5
    assert len(ARTICLES) >= 45
    assert min(len(row["text"].split()) for row in ARTICLES) < 150

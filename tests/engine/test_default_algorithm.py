"""The default algorithm, positional centrality: registered as the default, sensible on real
articles, deterministic, and at work in every language the summariser knows.

How well it summarises is measured by ``article-summariser-cli evaluate`` on the whole
development split (README, "Quality"); here the behaviour each of its parts promises is checked
on real text.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache

import pytest
from tests.conftest import EVAL, dev_article

from article_summariser.engine import Length, Options, prepare, rank, select, summarise
from article_summariser.engine.algorithms import ALGORITHMS, DEFAULT, get, positional_centrality
from article_summariser.engine.languages import all_languages

#: langid.dev.jsonl has sentences in every language of the summariser but Malayalam.
LANGUAGES = sorted(language.code for language in all_languages() if language.code != "ml")


@cache
def sentences_in(code: str, count: int = 12) -> tuple[str, ...]:
    """The first ``count`` sentences of ``code`` in the language-identification samples."""
    found: list[str] = []
    with (EVAL / "langid.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["kind"] == "sentence" and row["lang"] == code:
                found.append(row["text"])
                if len(found) == count:
                    break
    return tuple(found)


def test_it_is_the_default() -> None:
    assert DEFAULT == "positional"
    assert get("default") is ALGORITHMS["positional"]
    article = dev_article("cnndm", 0)
    assert summarise(article["text"]).algorithm == "positional"


def test_news_opens_with_its_lead() -> None:
    # On a news-length text the lead prior decides, unless a sentence is a bare quote or
    # question: every CNN/Daily Mail test article's summary starts with its first sentence.
    for index in range(10):
        article = dev_article("cnndm", index)
        summary = summarise(article["text"], Options(length=Length.sentences(3)))
        first = summary.candidates[0]
        assert summary.summary[0].index == first.index, article["id"]


def test_a_long_text_is_not_summarised_by_its_first_sentences() -> None:
    # A Wikipedia article of over 100 sentences: centrality and length count more than position.
    article = dev_article("klexikon", 0)
    prepared = prepare(article["text"], title=article["title"])
    assert len(prepared.candidates) > 100
    chosen = [s.index for s in select(rank(prepared, "positional"), Length.sentences(3)).summary]
    lead = [s.index for s in select(rank(prepared, "lead"), Length.sentences(3)).summary]
    assert chosen != lead
    assert max(chosen) > lead[-1]


def test_the_title_draws_sentences_that_share_its_words() -> None:
    article = dev_article("orangesum", 7)
    doc = prepare(article["text"]).rank_input
    without = positional_centrality.rank(doc)
    with_title = positional_centrality.rank(replace(doc, title=article["title"]))
    title_words = positional_centrality.title_words(replace(doc, title=article["title"]))
    assert title_words
    for i, words in enumerate(doc.words):
        shared = len(title_words.intersection(words))
        gain = with_title[i] - without[i]
        assert gain == pytest.approx(positional_centrality.TITLE * shared / len(title_words))


def test_quotes_and_questions_count_a_little_less() -> None:
    text = dev_article("cnndm", 0)["text"]
    doc = prepare(text).rank_input
    plain = positional_centrality.rank(doc)
    sentences = list(doc.sentences)
    sentences[5] = "“" + sentences[5]
    sentences[6] = sentences[6].rstrip(".") + "?"
    marked = positional_centrality.rank(replace(doc, sentences=tuple(sentences)))
    assert marked[5] == pytest.approx(plain[5] + positional_centrality.QUOTE)
    assert marked[6] == pytest.approx(plain[6] + positional_centrality.QUESTION)
    assert marked[7] == plain[7]


def test_the_lead_prior_fades_with_length() -> None:
    g = positional_centrality.news_likeness
    assert g(20) == pytest.approx(0.9)
    assert g(positional_centrality.NEWS_LENGTH) == pytest.approx(0.5)
    assert g(240) < 0.06


def test_scores_are_deterministic_and_one_per_candidate() -> None:
    article = dev_article("bbc", 4)
    doc = prepare(article["text"], title=article["title"]).rank_input
    first = positional_centrality.rank(doc)
    assert len(first) == len(doc)
    assert positional_centrality.rank(doc) == first
    central = positional_centrality.centrality(doc)
    assert min(central) == 0.0
    assert max(central) == 1.0


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language(code: str) -> None:
    text = " ".join(sentences_in(code))
    for language in (code, "auto"):
        summary = summarise(text, Options(language=language, length=Length.sentences(3)))
        assert summary.algorithm == "positional"
        assert len(summary.summary) == 3, (code, language)
        assert all(s.text in text for s in summary.summary)

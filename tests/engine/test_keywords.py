"""Keywords on real articles: content words, never function words, in every language.

sumy's French and German stop-word lists are short, so "une", "plus", "ont", "wurde", "war"
used to top the keywords, and French elisions made "d'habitants" and "d'un" words of their own.
The full lists here are built from the packages directly (sumy's list and stopwords-iso's), not
from the engine, so that these tests say what a reader would call a stop word.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import pytest
import stopwordsiso
from tests.conftest import dev_articles

from article_summariser.engine import languages, prepare, rank
from article_summariser.engine.keywords import bare

#: Dev-set sources by language, and how many articles of each are checked.
SOURCES = {"fr": ("orangesum", 150), "de": ("klexikon", 120), "en": ("bbc", 150)}
_NAMES = {"fr": "french", "de": "german", "en": "english"}
#: A French word that still carries an elided article or pronoun.
_ELIDED = re.compile(r"^(c|d|j|l|m|n|s|t|qu|jusqu|lorsqu|puisqu)['’]")


def _sumy_list(name: str) -> frozenset[str]:
    data = resources.files("sumy").joinpath("data", "stopwords", f"{name}.txt").read_text("utf-8")
    return frozenset(w.strip() for w in data.splitlines() if w.strip())


@cache
def full_stop_words(code: str) -> frozenset[str]:
    """sumy's list with stopwords-iso's; for English sumy's alone, which is already full (580
    words) while stopwords-iso's English list holds content words ("computer", "research")."""
    words = _sumy_list(_NAMES[code])
    if code != "en":
        words |= {w.strip().lower() for w in stopwordsiso.stopwords(code)}
    return words | {w.replace("'", "’") for w in words}


def _article(article_id: str) -> dict:
    return next(r for r in dev_articles() if r["id"] == article_id)


def _keywords(record: dict) -> tuple[str, ...]:
    prepared = prepare(record["text"], record["lang"], title=record.get("title") or "")
    return rank(prepared, "lead").keywords


@pytest.mark.parametrize("code", sorted(SOURCES))
def test_no_keyword_of_real_articles_is_a_stop_word(code: str) -> None:
    source, count = SOURCES[code]
    records = [r for r in dev_articles() if r["source"].startswith(source)][:count]
    assert len(records) == count
    stop = full_stop_words(code)
    found: list[tuple[str, str]] = []
    for record in records:
        keywords = _keywords(record)
        assert keywords, record["id"]
        found += [(record["id"], k) for k in keywords if k in stop or _ELIDED.match(k)]
    assert found == []


def test_french_keywords_are_the_story_not_its_grammar() -> None:
    """The coronavirus round-up of June 2020: Beijing's new cluster, deaths and inhabitants
    ("21 millions d'habitants"), not "plus, ont, une, d'un"."""
    keywords = _keywords(_article("orangesum/1008"))
    assert {"pékin", "habitants", "morts", "pandémie", "millions"} <= set(keywords)
    assert not {"plus", "ont", "une", "d'un", "d'habitants"} & set(keywords)


def test_german_keywords_are_the_story_not_its_grammar() -> None:
    """Klexikon's AC/DC: the band, its albums and the Young and Scott names, not "wurde, war"."""
    keywords = _keywords(_article("klexikon/AC_DC"))
    assert {"band", "album", "rock", "angus", "malcolm", "young", "scott"} <= set(keywords)
    assert not {"wurde", "war", "jahr"} & set(keywords)


def test_english_keywords_keep_their_content_words() -> None:
    """English had a full list already: a BBC story on the dollar keeps its subject."""
    keywords = _keywords(_article("bbc/business/002"))
    assert {"deficit", "dollar", "currency", "chinese", "account"} <= set(keywords)


def test_the_ranking_keeps_sumy_stop_words_so_summaries_do_not_change() -> None:
    prepared = prepare(_article("orangesum/1008")["text"], "fr")
    assert prepared.rank_input.stop_words == _sumy_list("french")
    assert languages.stop_words("german") == _sumy_list("german")
    assert "une" not in prepared.rank_input.stop_words
    assert "une" in languages.keyword_stop_words("french")


@pytest.mark.parametrize(
    ("language", "word", "expected"),
    [
        ("french", "d'habitants", "habitants"),
        ("french", "l’état", "état"),
        ("french", "d’habitants", "habitants"),
        ("french", "qu'il", "il"),
        ("french", "jusqu'à", "à"),
        ("french", "a-t-il", "a"),
        ("french", "explique-t-elle", "explique"),
        ("french", "est-ce", "est"),
        ("french", "aujourd'hui", "aujourd'hui"),
        ("french", "presqu'île", "presqu'île"),
        ("french", "jean-michel", "jean-michel"),
        ("french", "rendez-vous", "rendez-vous"),
        ("italian", "dell'anno", "anno"),
        ("italian", "un'altra", "altra"),
        ("italian", "l'italia", "italia"),
        ("catalan", "l'ajuntament", "ajuntament"),
        ("english", "o'neill", "o'neill"),
        ("english", "don't", "don't"),
    ],
)
def test_elided_and_joined_pronouns_are_stripped(language: str, word: str, expected: str) -> None:
    elided = languages.ELIDED.get(language, frozenset())
    enclitics = languages.ENCLITICS.get(language, ())
    assert bare(word, elided, enclitics) == expected


def test_elided_spellings_of_one_word_count_together() -> None:
    """ "l'armée" twice and "armée" once are one keyword seen three times, shown bare."""
    from article_summariser.engine.keywords import keywords

    sentences = [("l'armée", "dit"), ("l’armée", "vote"), ("armée", "vote"), ("d'un", "vote")]
    result = keywords(
        sentences,
        languages.keyword_stop_words("french"),
        str.lower,
        elided=languages.ELIDED["french"],
    )
    assert result == ("armée", "vote")

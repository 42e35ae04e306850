"""Readable extracts: no near-duplicate pairs, no sentence that leans on a missing predecessor.

The arithmetic of ``choose`` is pinned on small hand-made orders; the rules themselves are
checked on real articles from the development split, for every algorithm.
"""

from __future__ import annotations

import pytest
from tests.conftest import dev_article, dev_articles

from article_summariser.engine import Length, Options, prepare, rank, select, summarise
from article_summariser.engine.algorithms import ALGORITHMS
from article_summariser.engine.select import choose, distinct_order, fingerprint, needs_previous

ALL = sorted(ALGORITHMS)


# Which openings lean on the sentence before -----------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "leans"),
    [
        ("en", "He said the talks would resume on Monday.", True),
        ("en", "He's got a very strong constitution.", True),
        ("en", "However, the court disagreed.", True),
        ("en", "This was the third attempt in a year.", True),
        ("en", "The latter was never found.", True),
        ("en", "On the other hand, prices fell.", True),
        ("en", "Hello from the coast guard, said the officer.", False),
        ("en", "Thisbe is a character in Ovid.", False),
        ("en", "The court rejected the claim.", False),
        ("en", '"This is a great day," she said.', False),
        ("fr", "Il a ensuite quitté la salle.", True),
        ("fr", "Cependant, la loi n'est pas promulguée.", True),
        ("fr", "Le gouvernement a annoncé mardi de nouvelles mesures.", False),
        ("de", "Er wurde 1958 in Glasgow geboren.", True),
        ("de", "Das Adjektiv ist eine Wortart.", False),
        ("es", "Sin embargo, el juez no aceptó.", True),
        ("fi", "Hän sanoi niin.", False),  # no list for Finnish: never flagged
    ],
)
def test_openings(language: str, sentence: str, leans: bool) -> None:
    assert needs_previous(["The first sentence.", sentence], language) == [False, leans]


def test_the_first_sentence_never_leans_on_anything() -> None:
    assert needs_previous(["He said so.", "She agreed."], "en") == [False, True]
    assert needs_previous([], "en") == []


# choose: the arithmetic ---------------------------------------------------------------------------

F, T = False, True


def test_a_leaning_sentence_gives_way_until_its_predecessor_is_in() -> None:
    # Candidate 2 ranks first but leans on 1, which is not chosen yet.
    order = [2, 0, 1, 3]
    flags = [F, F, T, F]
    words = [10, 10, 10, 10]
    assert choose(order, words, Length.sentences(1), 40, flags) == [0]
    assert choose(order, words, Length.sentences(2), 40, flags) == [0, 1]
    # As soon as 1 is in, 2 comes back at its own (first) rank, before 3.
    assert choose(order, words, Length.sentences(3), 40, flags) == [0, 1, 2]
    # Without the rule the order is followed as it is.
    assert choose(order, words, Length.sentences(2), 40) == [0, 2]


def test_the_length_wins_when_only_leaning_sentences_are_left() -> None:
    # 2 leans on 1, which was removed as a repeat: it is chosen last, on its own.
    order = [2, 3]
    flags = [F, F, T, F]
    words = [10, 10, 10, 10]
    assert choose(order, words, Length.sentences(1), 40, flags) == [3]
    assert choose(order, words, Length.sentences(2), 40, flags) == [2, 3]


def test_chains_resolve_one_link_at_a_time() -> None:
    order = [2, 1, 0]
    flags = [F, T, T]
    words = [5, 5, 5]
    assert choose(order, words, Length.sentences(1), 15, flags) == [0]
    assert choose(order, words, Length.sentences(2), 15, flags) == [0, 1]
    assert choose(order, words, Length.sentences(3), 15, flags) == [0, 1, 2]


def test_words_and_ratio_keep_their_promises_with_the_rule() -> None:
    order = [2, 0, 1, 3]
    flags = [F, F, T, F]
    words = [12, 7, 9, 20]
    assert choose(order, words, Length.words(20), 48, flags) == [0, 1]  # 19 words
    assert choose(order, words, Length.words(28), 48, flags) == [0, 1, 2]  # 28 words
    # Ratio 0.5 of 48 = 24: 0 (12 words), 1 (19), then 2, back in line (28): 28 is closer.
    assert choose(order, words, Length.ratio(0.5), 48, flags) == [0, 1, 2]


# Near-duplicates --------------------------------------------------------------------------------


def test_near_duplicates_go_to_the_end_of_the_order() -> None:
    texts = [
        "The minister said the plan would cost three billion pounds over five years.",
        '"We will win this election," the prime minister told supporters in Leeds.',
        "The prime minister told supporters in Leeds: we will win this election.",
        "Turnout is expected to be lower than at the last general election.",
        "The minister said.",
        "The minister said!",
    ]
    assert distinct_order([0, 1, 2, 3, 4, 5], texts) == [0, 1, 3, 4, 2]
    assert distinct_order([2, 1, 0, 3], texts) == [2, 0, 3, 1]
    # Short sentences are compared as exact repeats only.
    assert fingerprint(texts[4]) == fingerprint(texts[5]) == "the minister said"


def test_a_repeated_quote_is_not_chosen_twice() -> None:
    # Real story, with its key quote repeated further down with another attribution.
    article = dev_article("cnndm", 1)
    assert '"I thought I lost you," the relieved father said.' in article["text"]
    text = article["text"] + "\n\nThe relieved father told his son: I thought I lost you."
    for algorithm in ALL:
        summary = summarise(text, Options(algorithm=algorithm, length=Length.sentences(6)))
        chosen = [s.display_text for s in summary.summary]
        repeats = [s for s in chosen if "I thought I lost you" in s]
        assert len(repeats) <= 1, (algorithm, repeats)


def test_real_near_duplicates_are_never_both_chosen() -> None:
    # Daily Mail stories whose first sentence is a caption glued to a restatement of the second.
    articles = [a for a in dev_articles() if a["id"] in DAILY_MAIL_REPEATS]
    assert len(articles) == len(DAILY_MAIL_REPEATS)
    for article in articles:
        prepared = prepare(article["text"])
        first, second = prepared.rank_input.sentences[:2]
        for algorithm in ("lead", "textrank", "luhn"):
            ranked = rank(prepared, algorithm)
            chosen = select(ranked, Length.sentences(5)).summary
            texts = {s.display_text for s in chosen}
            assert not {first, second} <= texts, (article["id"], algorithm)


DAILY_MAIL_REPEATS = {
    "cnndm/dm-test-068f529825cc39af930a462c5e9685cbd7961fa5",
    "cnndm/dm-test-6376b5504e830e72c0ac87b0bce76dc12261a3a1",
}


# The context rule on real articles ----------------------------------------------------------------


@pytest.mark.parametrize("algorithm", ALL)
def test_no_chosen_sentence_leans_on_a_missing_predecessor(algorithm: str) -> None:
    for source, index in [("cnndm", 1), ("cnndm", 5), ("bbc", 2), ("orangesum", 3)]:
        article = dev_article(source, index)
        ranked = rank(prepare(article["text"], title=article["title"]), algorithm)
        summary = select(ranked, Length.sentences(3))
        candidates = list(ranked.prepared.candidates)
        flags = ranked.needs_previous
        for sentence in summary.summary:
            k = candidates.index(sentence.index)
            if flags[k]:
                previous = summary.sentences[candidates[k - 1]]
                assert previous.selected, (algorithm, source, sentence.text)


def test_the_rule_can_be_switched_off_for_measuring() -> None:
    article = dev_article("cnndm", 1)
    ranked = rank(prepare(article["text"]), "luhn")
    with_rule = [s.index for s in select(ranked, Length.sentences(3)).summary]
    without = [s.index for s in select(ranked, Length.sentences(3), context=False).summary]
    assert with_rule != without
    leaning = set(without) - set(with_rule)
    assert all(ranked.needs_previous[ranked.prepared.candidates.index(i)] for i in leaning)

"""The summarise call on real articles: spans, order, lengths, repeats, headings, shouting."""

from __future__ import annotations

import pytest
from tests.conftest import dev_article, dev_articles

from article_summariser.engine import (
    InputError,
    Length,
    Options,
    Role,
    UnknownAlgorithmError,
    UnsupportedLanguageError,
    summarise,
)
from article_summariser.engine.algorithms import ALGORITHMS
from article_summariser.engine.select import needs_previous

ALL = sorted(ALGORITHMS)
REAL = [
    ("bbc", 3),
    ("cnndm", 0),
    ("orangesum", 5),
    ("klexikon", 1),
]


def _check_spans(text: str, summary) -> None:
    previous_end = 0
    for i, sentence in enumerate(summary.sentences):
        assert sentence.index == i
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.start >= previous_end, "sentences overlap or go backwards"
        previous_end = sentence.end


@pytest.mark.parametrize(("source", "index"), REAL)
def test_every_sentence_is_the_input_at_its_span(source: str, index: int) -> None:
    article = dev_article(source, index)
    summary = summarise(article["text"], Options(length=Length.sentences(4)))
    assert summary.language.code == article["lang"]
    _check_spans(article["text"], summary)
    # Together the sentences cover every letter of the article.
    covered = "".join(s.text for s in summary.sentences)
    assert sum(c.isalpha() for c in covered) == sum(c.isalpha() for c in article["text"])


def test_seed_article_spans_and_headings(seed_text: str) -> None:
    summary = summarise(seed_text, Options(length=Length.sentences(40)))
    _check_spans(seed_text, summary)
    assert summary.title == "North Korea’s Kim in Russia for Putin talks as US warns on arms deal"
    skipped = {s.text for s in summary.sentences if not s.considered}
    assert "– Steadfast allies –" in skipped
    assert "– ‘Begging’ for help –" in skipped
    assert "About the author" in skipped
    assert all(s.considered for s in summary.summary)
    assert not skipped & {s.text for s in summary.summary}


@pytest.mark.parametrize("algorithm", ALL)
def test_summary_is_in_document_order_and_has_the_length_asked(algorithm: str) -> None:
    article = dev_article("cnndm", 1)
    summary = summarise(article["text"], Options(algorithm=algorithm, length=Length.sentences(3)))
    indices = [s.index for s in summary.summary]
    assert len(indices) == 3
    assert indices == sorted(indices)
    assert summary.algorithm == algorithm
    assert max(s.score for s in summary.sentences) == pytest.approx(1.0)
    assert all(0.0 <= s.score <= 1.0 for s in summary.sentences)
    # The chosen ones are the best-scored distinct candidates, but for a sentence that leans on
    # the one before it ("He said...") and waits for it.
    worst_chosen = min(s.score for s in summary.summary)
    candidates = summary.candidates
    leans = needs_previous([s.display_text for s in candidates], summary.language.code or "")
    for k, sentence in enumerate(candidates):
        if not sentence.selected and sentence.score > worst_chosen + 1e-12:
            assert leans[k], sentence.text
            assert not candidates[k - 1].selected


def test_lead_takes_the_first_sentences() -> None:
    article = dev_article("cnndm", 2)
    summary = summarise(article["text"], Options(algorithm="lead", length=Length.sentences(3)))
    assert [s.index for s in summary.summary] == [s.index for s in summary.candidates[:3]]


def test_all_sentences_when_fewer_than_asked() -> None:
    text = "The river rose overnight. Roads were closed in the valley. Schools will open late."
    summary = summarise(text, Options(length=Length.sentences(10)))
    assert [s.text for s in summary.summary] == [
        "The river rose overnight.",
        "Roads were closed in the valley.",
        "Schools will open late.",
    ]


@pytest.mark.parametrize("budget", [1, 25, 60, 140, 400])
def test_word_budget_is_never_exceeded(budget: int) -> None:
    article = dev_article("bbc", 10)
    summary = summarise(article["text"], Options(length=Length.words(budget)))
    assert summary.words_summary <= budget
    if budget >= 60:
        assert summary.words_summary > 0
    if not summary.summary:
        assert any("longer than" in note for note in summary.notes)


def test_a_one_word_budget_is_said_in_the_singular() -> None:
    summary = summarise(dev_article("bbc", 10)["text"], Options(length=Length.words(1)))
    assert not summary.summary
    (note,) = [n for n in summary.notes if "longer than" in n]
    assert note.startswith("Every sentence is longer than 1 word (the shortest has ")


@pytest.mark.parametrize("ratio", [0.05, 0.2, 0.35, 0.5, 1.0])
@pytest.mark.parametrize("algorithm", ["lead", "lexrank", "luhn"])
def test_ratio_is_within_one_sentence_of_the_target(ratio: float, algorithm: str) -> None:
    article = dev_article("klexikon", 0)
    summary = summarise(article["text"], Options(algorithm=algorithm, length=Length.ratio(ratio)))
    target = ratio * summary.words_total
    longest = max(s.words for s in summary.summary)
    assert abs(summary.words_summary - target) <= longest


def test_the_same_sentence_text_is_never_selected_twice() -> None:
    repeated = (
        "The council approved the budget on Monday. "
        "Officials said taxes would not rise. "
        "The council approved the budget on Monday. "
        "Residents welcomed the news at a meeting. "
        "THE COUNCIL APPROVED THE BUDGET ON MONDAY! "
        "The mayor thanked staff for their work on the plan."
    )
    for algorithm in ALL:
        summary = summarise(repeated, Options(algorithm=algorithm, length=Length.sentences(6)))
        texts = [s.text.casefold().rstrip(".!") for s in summary.summary]
        assert len(texts) == len(set(texts)) == 4, algorithm


def test_all_caps_text_summarises_like_the_original() -> None:
    article = dev_article("cnndm", 3)
    shouted = article["text"].upper()
    calm = summarise(article["text"], Options(algorithm="lexrank", length=Length.sentences(3)))
    loud = summarise(shouted, Options(algorithm="lexrank", length=Length.sentences(3)))
    assert len(loud.summary) == 3
    assert [s.text for s in loud.summary] == [s.text.upper() for s in calm.summary]


def test_headings_are_never_summary_sentences() -> None:
    text = (
        "Flood warning for the valley\n\n"
        "Heavy rain is expected across the region on Thursday. The river could burst its banks "
        "near the old mill.\n\n"
        "What residents should do\n\n"
        "Residents are asked to move cars to higher ground. Sandbags are available at the town "
        "hall until eight in the evening.\n\n"
        "Schools and roads\n"
        "Two schools will stay closed. The main road to the coast is already shut."
    )
    summary = summarise(text, Options(length=Length.sentences(20)))
    headings = [s.text for s in summary.sentences if s.role in (Role.TITLE, Role.HEADING)]
    assert headings == [
        "Flood warning for the valley",
        "What residents should do",
        "Schools and roads",
    ]
    assert all(s.role is Role.BODY for s in summary.summary)
    assert len(summary.summary) == 6


@pytest.mark.parametrize("ending", ["'", "?"])
def test_a_headline_ending_in_a_quote_or_a_question_is_the_title(ending: str) -> None:
    """BBC writes headlines such as "Ethnic producers 'face barriers'" (a closing quote after
    a word, not after a full stop) and "Can Smith work Scottish wonders?". Pasted with its
    article, each is the title, never a sentence of the summary."""
    rows = [
        row
        for row in dev_articles()
        if row["source"].startswith("bbc") and row["title"].rstrip().endswith(ending)
    ]
    assert len(rows) >= 8
    for row in rows[:20]:
        text = f"{row['title']}\n\n{row['text']}"
        summary = summarise(text, Options(length=Length.sentences(3)))
        assert summary.title == row["title"], row["id"]
        assert row["title"] not in [s.text for s in summary.summary], row["id"]


def test_a_quotation_closing_a_sentence_still_ends_it() -> None:
    text = (
        'The minister spoke to reporters on Monday. "We will not give up."\n'
        "Later the opposition replied with a statement of its own about the plan.\n\n"
        "It was the third debate this year."
    )
    summary = summarise(text, Options(length=Length.sentences(10)))
    assert [s.role for s in summary.sentences] == [Role.BODY] * 4


def test_forced_language_and_unknown_names() -> None:
    article = dev_article("orangesum", 0)
    forced = summarise(article["text"], Options(language="fr"))
    assert forced.language.source == "forced"
    assert forced.language.code == "fr"
    assert forced.language_name == "french"
    with pytest.raises(UnsupportedLanguageError, match="not a language"):
        summarise(article["text"], Options(language="xx"))
    with pytest.raises(UnknownAlgorithmError, match="lexrank"):
        summarise(article["text"], Options(algorithm="magic"))


def test_result_reports_words_keywords_and_timings() -> None:
    article = dev_article("cnndm", 0)
    summary = summarise(article["text"], Options(length=Length.sentences(3)))
    assert summary.words_total == pytest.approx(len(article["text"].split()), rel=0.1)
    assert summary.words_summary == sum(s.words for s in summary.summary)
    assert 0 < summary.reduction < 1
    assert len(summary.keywords) == 8
    assert all(k == k.lower() and k.isalpha() for k in summary.keywords)
    assert summary.timings.total > 0
    assert summary.language.probability > 0.9
    assert summary.language.candidates[0][0] == "en"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t  \n", "empty"),
        ("Hello", "no complete sentence"),
        ("12345 678 90.", "no words"),
        ("😀 🎉 🚀 👍", "no words"),
        ("\x00\x01\x02binary\x00\x03" * 50, "binary"),
    ],
)
def test_bad_input_gets_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        summarise(text)


def test_a_ten_megabyte_single_word_line() -> None:
    text = ("lorem" * 2_100_000)[: 10 * 1024 * 1024]
    summary = summarise(text, Options(algorithm="lexrank", length=Length.sentences(3)))
    assert [(s.start, s.end) for s in summary.summary] == [(0, len(text))]


@pytest.mark.slow
def test_a_ten_megabyte_line_of_real_prose() -> None:
    articles = [" ".join(row["text"].split()) for row in dev_articles() if row["lang"] == "en"]
    line = " ".join(articles)
    text = (line * (1 + 10 * 1024 * 1024 // len(line)))[: 10 * 1024 * 1024]
    assert "\n" not in text
    summary = summarise(text, Options(algorithm="lead", length=Length.sentences(3)))
    assert [s.text for s in summary.summary] == [s.text for s in summary.candidates[:3]]
    assert summary.summary[0].text.startswith("The dollar has hit its highest level")
    assert summary.words_total > 1_500_000

"""A long text: one size limit wherever it comes from, compact words, and progress and cancel
through every stage of ``prepare``.

The size limit of files (50 MB) holds for text too, measured in UTF-8 as the same text saved
to a file, so that Russian text of 30 million characters is as over it as a 52 MB file. Words
are held as 4-byte ids with each distinct word stored once; read back they are the words
``tokenise`` finds in each sentence, so every algorithm sees what it saw before.
"""

from __future__ import annotations

import json
import re
import threading
from functools import cache

import pytest
from tests.conftest import EVAL, SEED_ARTICLE, dev_article
from tests.engine.test_huge import big_text

from article_summariser.engine import (
    CancelledError,
    InputError,
    algorithms,
    languages,
    prepare,
    rank,
    tokenise,
)
from article_summariser.engine.algorithms import termmatrix
from article_summariser.engine.loading import DEFAULT_MAX_BYTES, check_text_size
from article_summariser.engine.summarise import COUNT_SHARE, SPLIT_SHARE

MB = 1024 * 1024


@cache
def russian(size: int) -> str:
    """Russian sentences of the language-identification set, repeated to ``size`` UTF-8 bytes."""
    with (EVAL / "langid.dev.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    sentences = [row["text"] for row in rows if row["lang"] == "ru"]
    parts: list[str] = []
    total = 0
    index = 0
    while total < size:
        part = sentences[index % len(sentences)] + (" " if index % 5 else "\n\n")
        parts.append(part)
        total += len(part.encode("utf-8"))
        index += 1
    return "".join(parts)


def test_text_over_the_limit_in_utf8_is_refused_with_its_size() -> None:
    """Fewer characters than the limit has bytes, but more bytes: refused, as its file is."""
    text = russian(52 * MB)
    assert len(text) < DEFAULT_MAX_BYTES < len(text.encode("utf-8"))
    with pytest.raises(InputError) as refused:
        prepare(text)
    assert refused.value.message == "The text is 52 MB, over the 50 MB limit."
    with pytest.raises(InputError) as pasted:
        check_text_size(text, "The pasted text")
    assert pasted.value.message == "The pasted text is 52 MB, over the 50 MB limit."


def test_the_limit_holds_to_the_byte() -> None:
    text = big_text(DEFAULT_MAX_BYTES + 64)
    data = text.encode("utf-8")[:DEFAULT_MAX_BYTES]
    at_limit = data.decode("utf-8", "ignore")
    at_limit += " " * (DEFAULT_MAX_BYTES - len(at_limit.encode("utf-8")))
    check_text_size(at_limit, "The pasted text")  # no error
    with pytest.raises(InputError) as refused:
        check_text_size(at_limit + "é", "The pasted text")
    assert refused.value.message == (
        "The pasted text is 52,428,802 bytes, over the 50 MB limit (52,428,800 bytes)."
    )


def _articles() -> list[tuple[str, str]]:
    texts = [(SEED_ARTICLE.read_text(encoding="utf-8"), "en")]
    for source in ("bbc", "cnndm", "orangesum", "klexikon"):
        article = dev_article(source)
        texts.append((article["text"], article["lang"]))
    return texts


@pytest.mark.parametrize(("text", "code"), _articles())
def test_prepared_words_are_compact_and_read_as_each_sentence_is_tokenised(
    text: str, code: str
) -> None:
    prepared = prepare(text, code)
    doc = prepared.rank_input
    language = languages.get(code)
    stem = languages.stemmer(language.name) or str.lower
    expected = [tokenise.words(sentence, language) for sentence in doc.sentences]
    assert list(doc.words) == expected
    assert [doc.words[i] for i in range(len(doc))] == expected
    assert doc.words[-1] == expected[-1]
    assert doc.words[1:3] == tuple(expected[1:3])
    assert list(doc.stems) == [tuple(map(stem, words)) for words in expected]
    # 4 bytes a word, and each distinct word one string shared by all its occurrences.
    assert doc.words.ids.itemsize == 4
    assert len(doc.words.ids) == sum(map(len, expected))
    every = [word for words in doc.words for word in words]
    assert len({id(word) for word in every}) == len(set(every)) == len(doc.words.vocabulary)


def test_the_term_matrix_is_the_same_from_compact_words_or_tuples() -> None:
    doc = prepare(SEED_ARTICLE.read_text(encoding="utf-8"), "en").rank_input
    compact = termmatrix.build(termmatrix.content_stems(doc))
    plain = termmatrix.build(tuple(tuple(s) for s in termmatrix.content_stems(doc)))
    assert compact.vocabulary == plain.vocabulary
    for field in ("lengths", "indptr", "rows", "terms", "counts"):
        assert getattr(compact, field).tolist() == getattr(plain, field).tolist(), field
    stems = termmatrix.content_stems(doc)
    ids = [[compact.vocabulary[s] for s in sentence] for sentence in stems]
    assert [list(t) for t in compact.token_ids] == ids
    assert [list(compact.token_ids[i]) for i in range(len(ids))] == ids


@pytest.mark.parametrize("chunk", [1, 97, 4096])
def test_words_are_counted_the_same_a_piece_at_a_time(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8") + "\n\n" + dev_article("bbc")["text"]
    text += " " + "word" * 5000 + " end"  # a run longer than a piece, with no space in it
    whole = len(re.findall(r"\w+(?:['’\-.,]\w+)*", text))
    monkeypatch.setattr(tokenise, "COUNT_CHUNK", chunk)
    assert tokenise.count_words(text) == whole


@pytest.mark.slow
def test_progress_covers_paragraphs_sentences_and_the_word_count() -> None:
    text = big_text(5 * MB)
    seen: list[float] = []
    prepared = prepare(text, progress=seen.append)
    assert prepared.words_total == len(re.findall(r"\w+(?:['’\-.,]\w+)*", text))
    assert seen == sorted(seen)
    splitting = [f for f in seen if f < SPLIT_SHARE]
    counting = [f for f in seen if f >= 1 - COUNT_SHARE]
    assert len(splitting) >= 10  # paragraphs are reported on as they are found
    assert len(seen) - len(splitting) - len(counting) >= 100  # sentences too
    assert len(counting) >= 4  # a report a megabyte
    assert counting[0] == 1 - COUNT_SHARE


def _cancelled_when(condition, text: str = "") -> list[float]:
    """Prepare ``text`` (5 MB of articles), cancelling from the progress callback when
    ``condition(fraction)``; returns every fraction reported."""
    text = text or big_text(5 * MB)
    cancel = threading.Event()
    seen: list[float] = []

    def progress(fraction: float) -> None:
        seen.append(fraction)
        if condition(fraction):
            cancel.set()

    with pytest.raises(CancelledError):
        prepare(text, cancelled=cancel.is_set, progress=progress)
    return seen


@pytest.mark.slow
def test_cancel_while_paragraphs_are_split_stops_there() -> None:
    seen = _cancelled_when(lambda f: f > SPLIT_SHARE / 3)
    assert seen[-1] < SPLIT_SHARE  # it never reached the sentences


@pytest.mark.slow
def test_cancel_while_words_are_counted_stops_there() -> None:
    seen = _cancelled_when(lambda f: f >= 1 - COUNT_SHARE)
    assert seen[-1] == 1 - COUNT_SHARE  # the count stopped before its next piece


def test_a_cancel_heard_after_the_scores_stops_the_ranking() -> None:
    """On a book, ordering, de-duplicating and finding keywords take seconds after the
    algorithm returns: a cancel asked while the algorithm ran is honoured before them."""
    prepared = prepare(big_text(200_000))
    flag = threading.Event()
    default = algorithms.get("default")

    def rank_then_cancel(doc: algorithms.RankInput) -> list[float]:
        scores = list(default.rank(doc))
        flag.set()  # the user presses Cancel as the last score is computed
        return scores

    probe = algorithms.Algorithm("probe", "Probe", "The default, then a cancel.", rank_then_cancel)
    with pytest.raises(CancelledError):
        rank(prepared, probe, cancelled=flag.is_set)
    assert rank(prepared, probe).order  # the same, not cancelled, runs through


def _one_paragraph(code: str, size: int) -> str:
    """Articles in one language run together as a single paragraph of ``size`` characters."""
    with (EVAL / "summaries.dev.jsonl").open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if f'"lang": "{code}"' in line]
    return " ".join(" ".join(text.split()) for text in texts)[:size]


@pytest.mark.parametrize("code", ["en", "fr", "de"])
def test_a_paragraph_longer_than_the_window_splits_as_in_one_pass(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Punkt reads a book-long paragraph a window at a time; the sentences are those of one
    pass over all of it, whatever the window (German ordinals such as "19. Jahrhundert" cut
    by a window's end once made a break that one pass does not)."""
    text = _one_paragraph(code, 300_000)
    language = languages.get(code)
    monkeypatch.setattr(tokenise, "WINDOW", len(text) + 1)
    whole = tokenise.sentence_spans(text, 0, len(text), language)
    assert len(whole) > 1000
    for window in (100_000, 5_000, 700):
        monkeypatch.setattr(tokenise, "WINDOW", window)
        assert tokenise.sentence_spans(text, 0, len(text), language) == whole, window


@pytest.mark.slow
def test_a_book_as_one_paragraph_reports_progress_and_stops_when_cancelled() -> None:
    text = _one_paragraph("en", 3 * MB)
    seen: list[float] = []
    prepared = prepare(text, "en", progress=seen.append)
    assert len(prepared.blocks) == 1
    assert seen == sorted(seen)
    inside = [f for f in seen if SPLIT_SHARE < f < 1 - COUNT_SHARE]
    assert len(inside) >= 20  # windows, then every 1,024 sentences, all in one paragraph
    # Cancelled half-way through the paragraph: it stops there.
    stopped = _cancelled_when(lambda f: f >= 0.5, text)
    assert stopped[-1] < 0.6


def test_a_line_too_long_for_furniture_is_prose_without_being_read_whole() -> None:
    from article_summariser.engine.structure import split_blocks

    text = _one_paragraph("en", 1 * MB)
    (block,) = split_blocks(text)
    assert (block.start, block.end, block.role.value) == (0, len(text), "body")

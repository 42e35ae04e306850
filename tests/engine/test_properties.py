"""Properties of the engine over random input (hypothesis).

Whatever the text, the engine either returns a summary whose invariants hold or raises one of
its documented errors (``EngineError`` subclasses, each with a message for people):

- every sentence is the input at its exact span, sentences are in order and do not overlap;
- the summary is a subset of the sentences, in document order, with no repeated text;
- the length asked for is honoured: N sentences (or all distinct ones), never more words than
  a budget, a ratio within one sentence of its target;
- the same input gives the same output, in this process and in another with another hash seed.

Texts are drawn from three sources: arbitrary Unicode, "prose" assembled from the words of real
articles in several languages (so that many examples reach the rankers), and tricky shapes
(only punctuation, only numbers, giant sentences, repeated sentences, stray control characters).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from article_summariser.engine import (
    CancelledError,
    EngineError,
    Length,
    LengthUnit,
    Options,
    Summary,
    algorithms,
    loading,
    prepare,
    rank,
    select,
    summarise,
)
from article_summariser.engine.select import fingerprint

T = TypeVar("T")
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ALGORITHM_NAMES = sorted(algorithms.ALGORITHMS)

PROPERTY = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def vocabulary() -> dict[str, tuple[str, ...]]:
    """Words of real articles per language (the seed article, French and German dev data)."""
    words: dict[str, list[str]] = {"en": [], "fr": [], "de": []}
    words["en"] = re.findall(r"\w+", (SHARED / "seed-article.txt").read_text(encoding="utf-8"))
    with (SHARED / "eval" / "summaries.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["lang"] in ("fr", "de") and len(words[row["lang"]]) < 5000:
                words[row["lang"]].extend(re.findall(r"\w+", row["text"]))
    return {lang: tuple(dict.fromkeys(found))[:3000] for lang, found in words.items()}


@st.composite
def prose(draw: st.DrawFn) -> str:
    """Paragraphs of sentences made of real words, with the punctuation of real text."""
    lang = draw(st.sampled_from(sorted(vocabulary())))
    words = vocabulary()[lang]
    paragraphs = []
    for _ in range(draw(st.integers(1, 5))):
        sentences = []
        for _ in range(draw(st.integers(1, 6))):
            picked = draw(st.lists(st.sampled_from(words), min_size=1, max_size=25))
            end = draw(st.sampled_from([".", ".", ".", "!", "?", "…", '."', ""]))
            sentence = " ".join(picked)
            sentences.append(sentence[:1].upper() + sentence[1:] + end)
        paragraphs.append(" ".join(sentences))
    separator = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n\n\n  "]))
    return separator.join(paragraphs)


@st.composite
def tricky(draw: st.DrawFn) -> str:
    """Shapes that break naive summarisers."""
    kind = draw(st.sampled_from(["repeat", "numbers", "punct", "long", "controls", "mixed"]))
    base = draw(prose())
    if kind == "repeat":
        return "\n\n".join([base] * draw(st.integers(2, 4)))
    if kind == "numbers":
        return " ".join(str(n) + "." for n in draw(st.lists(st.integers(), min_size=1)))
    if kind == "punct":
        return draw(st.text(alphabet=".,;:!?…—-()[]\"' \n", min_size=1))
    if kind == "long":
        return " ".join([base.replace(".", ",")] * 20) + "."
    if kind == "controls":
        noise = draw(st.text(alphabet="\x00\x01\x07\x1b\x7f\u200b\ufeff\u202e", max_size=30))
        position = draw(st.integers(0, len(base)))
        return base[:position] + noise + base[position:]
    return base + "\n\n" + draw(st.text(max_size=200))


any_text = st.one_of(st.text(max_size=400), prose(), prose(), tricky())

lengths = st.one_of(
    st.integers(1, 12).map(Length.sentences),
    st.integers(1, 200).map(Length.words),
    st.floats(0.01, 1.0).map(Length.ratio),
)


def check_invariants(text: str, summary: Summary) -> None:
    """Everything the engine promises about a summary of ``text``."""
    assert summary.text == text
    previous_end = 0
    for index, sentence in enumerate(summary.sentences):
        assert sentence.index == index
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end
        assert sentence.text.strip() == sentence.text
        previous_end = sentence.end
        assert 0.0 <= sentence.score <= 1.0
        assert not sentence.selected or sentence.considered

    chosen = summary.summary
    assert [s.start for s in chosen] == sorted(s.start for s in chosen)
    prints = [fingerprint(s.display_text) for s in chosen]
    assert len(prints) == len(set(prints)), "a sentence text was chosen twice"

    candidates = summary.candidates
    distinct = {fingerprint(s.display_text) for s in candidates}
    length = summary.length
    if length.unit is LengthUnit.SENTENCES:
        assert len(chosen) == min(int(length.value), len(distinct))
    elif length.unit is LengthUnit.WORDS:
        assert summary.words_summary <= length.value
        if not chosen:
            assert min(s.words for s in candidates) > length.value
            assert any("longer than" in note for note in summary.notes)
    else:
        # Within one sentence of the target, unless every candidate is already in (headings
        # and figures count in the original's words but are never chosen).
        target = length.value * summary.words_total
        longest = max(s.words for s in candidates)
        assert chosen
        assert len(chosen) == len(distinct) or abs(summary.words_summary - target) <= longest


def attempt(call: Callable[[], T]) -> tuple[T | None, EngineError | None]:
    """``(result, None)`` or ``(None, error)`` for a documented error; anything else raises."""
    try:
        return call(), None
    except EngineError as error:
        return None, error


def documented(error: EngineError) -> None:
    assert error.message.strip(), "an engine error without a message"
    assert "Traceback" not in error.message
    assert "\n" not in error.message.strip()


def run(text: str, options: Options) -> Summary | None:
    summary, error = attempt(lambda: summarise(text, options))
    if error is not None:
        documented(error)
    return summary


@PROPERTY
@given(text=any_text, algorithm=st.sampled_from(ALGORITHM_NAMES), length=lengths)
def test_any_text_gives_a_valid_summary_or_a_documented_error(
    text: str, algorithm: str, length: Length
) -> None:
    summary = run(text, Options(algorithm, "auto", length))
    if summary is not None:
        check_invariants(text, summary)


@PROPERTY
@given(text=prose(), algorithm=st.sampled_from(ALGORITHM_NAMES), length=lengths)
def test_same_input_same_output_and_stages_agree(text: str, algorithm: str, length: Length) -> None:
    first = run(text, Options(algorithm, "auto", length))
    assume(first is not None)
    assert first is not None
    second = summarise(text, Options(algorithm, "auto", length))
    assert second.sentences == first.sentences
    assert second.keywords == first.keywords
    assert second.language == first.language
    staged = select(rank(prepare(text), algorithm), length)
    assert staged.sentences == first.sentences
    check_invariants(text, first)


@PROPERTY
@given(text=prose(), lengths=st.lists(lengths, min_size=2, max_size=8))
def test_moving_the_length_slider_reuses_one_ranking(text: str, lengths: list[Length]) -> None:
    """``select`` alone answers every length, exactly as a full run would."""
    try:
        ranked = rank(prepare(text), "lexrank")
    except EngineError:
        return
    for length in lengths:
        fast = select(ranked, length)
        check_invariants(text, fast)
        assert fast.sentences == summarise(text, Options("lexrank", "auto", length)).sentences


@PROPERTY
@given(text=any_text, language=st.sampled_from(["en", "fr", "de", "ja", "zh", "xx", "", "auto"]))
def test_forced_languages_work_or_are_refused(text: str, language: str) -> None:
    summary = run(text, Options("luhn", language, Length.sentences(3)))
    if summary is not None:
        check_invariants(text, summary)


@PROPERTY
@given(text=any_text)
def test_cancel_always_stops_with_cancelled_or_an_input_error(text: str) -> None:
    seen: list[float] = []
    summary, error = attempt(lambda: summarise(text, cancelled=lambda: True, progress=seen.append))
    assert summary is None, "a cancelled run returned a summary"
    assert error is not None
    if isinstance(error, CancelledError):
        assert error.message == "Cancelled."
    else:
        documented(error)
    assert all(0.0 <= value <= 1.0 for value in seen)
    assert seen == sorted(seen)


@PROPERTY
@given(text=prose())
def test_progress_is_a_rising_fraction(text: str) -> None:
    seen: list[float] = []
    try:
        summarise(text, progress=seen.append)
    except EngineError:
        return
    assert seen
    assert seen == sorted(seen)
    assert all(0.0 <= value <= 1.0 for value in seen)


@PROPERTY
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.tuples(any_text, st.sampled_from(["utf-16", "utf-8-sig", "cp1252", "latin-1"])).map(
            lambda pair: pair[0].encode(pair[1], "replace")
        ),
    )
)
def test_any_bytes_decode_or_are_refused(data: bytes) -> None:
    text, error = attempt(lambda: loading.decode_bytes(data, "“sample.txt”"))
    if error is not None:
        documented(error)
        return
    assert isinstance(text, str)
    summary = run(text, Options("lead", "auto", Length.sentences(2)))
    if summary is not None:
        check_invariants(text, summary)


SUFFIXES = [".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".odt", ".rtf", ".epub", ".xyz", ""]


@PROPERTY
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"{\\rtf1 ", b"<html><body>"]).flatmap(
            lambda head: st.binary(max_size=2000).map(lambda tail: head + tail)
        ),
    ),
    suffix=st.sampled_from(SUFFIXES),
)
def test_every_loader_survives_random_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    """Whatever a file holds and whatever its name says, opening it gives a document or a
    documented error; a document it gives can be summarised or is refused politely."""
    path = tmp_path_factory.mktemp("random") / f"random{suffix}"
    path.write_bytes(data)
    document, error = attempt(lambda: loading.load_path(path))
    if error is not None:
        documented(error)
        return
    assert document is not None
    assert isinstance(document.text, str)
    summary, error = attempt(
        lambda: summarise(
            document.text, Options("lexrank", "auto", Length.sentences(3)), blocks=document.blocks
        )
    )
    if error is not None:
        documented(error)
        return
    assert summary is not None
    check_invariants(document.text, summary)


def test_oversized_files_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Sentence one is here. " * 100)
    with pytest.raises(EngineError, match=r"is 2 KB, over the 1 KB limit"):
        loading.load_path(path, max_bytes=1000)


_DETERMINISM = textwrap.dedent(
    """
    import json, sys
    from article_summariser.engine import Length, Options, summarise, EngineError
    out = []
    for text, algorithm in json.loads(sys.stdin.read()):
        try:
            summary = summarise(text, Options(algorithm, "auto", Length.ratio(0.3)))
        except EngineError as error:
            out.append(["error", type(error).__name__, error.message])
            continue
        out.append([
            summary.language.code,
            [[s.start, s.end, round(s.score, 9), s.selected] for s in summary.sentences],
            list(summary.keywords),
        ])
    print(json.dumps(out))
    """
)


@pytest.mark.slow
def test_same_output_in_processes_with_different_hash_seeds() -> None:
    """Set iteration order, dict order and langdetect's randomness must not leak into results."""
    rng = random.Random(8)
    words = vocabulary()
    cases = []
    for i in range(36):
        lang = sorted(words)[i % 3]
        sentences = [
            " ".join(rng.choice(words[lang]) for _ in range(rng.randint(4, 18))).capitalize() + "."
            for _ in range(rng.randint(3, 14))
        ]
        cases.append(("\n\n".join(sentences), ALGORITHM_NAMES[i % len(ALGORITHM_NAMES)]))
    cases.append(((SHARED / "seed-article.txt").read_text(encoding="utf-8"), "lexrank"))
    outputs = []
    for seed in ("0", "1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-c", _DETERMINISM],
            input=json.dumps(cases),
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
    assert sum(1 for row in outputs[0] if row[0] != "error") >= 30

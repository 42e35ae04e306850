"""The one call that summarises a text, in three cacheable stages.

``prepare`` (language, blocks, sentences, tokens) → ``rank`` (scores for one algorithm) →
``select`` (the sentences for one length). ``summarise`` runs all three. A caller that only
changes the length re-runs ``select`` alone, which takes microseconds.
"""

from __future__ import annotations

import gc
import math
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property, partial
from pathlib import Path

from article_summariser.engine import algorithms, cancel, detect, languages, tokenise
from article_summariser.engine import select as selection
from article_summariser.engine.algorithms.base import TokensBuilder
from article_summariser.engine.errors import CancelledError, InputError
from article_summariser.engine.keywords import keywords as find_keywords
from article_summariser.engine.languages import Language
from article_summariser.engine.loading import DEFAULT_MAX_BYTES, check_text_size
from article_summariser.engine.model import (
    Block,
    LanguageGuess,
    Length,
    Options,
    Role,
    Sentence,
    Summary,
    Timings,
)
from article_summariser.engine.structure import split_blocks

#: Called with a fraction in [0, 1]; may raise nothing.
Progress = Callable[[float], None]
#: Returns True when the caller no longer wants the result.
Cancelled = Callable[[], bool]

#: The longest text summarised, in UTF-8 bytes: the size limit of files.
MAX_TEXT_BYTES = DEFAULT_MAX_BYTES
#: Shares of ``prepare``'s progress for splitting the paragraphs and for counting the words
#: (the rest is sentences and words), roughly as their time divides on a long text.
SPLIT_SHARE = 0.15
COUNT_SHARE = 0.03
#: Characters that are not text: a string full of them is binary data decoded by mistake.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f", "\v"}
#: The same characters as a pattern: counted in C, not one Python step per character.
_CONTROL_RE = re.compile("[" + re.escape("".join(sorted(_CONTROL))) + "]")


@dataclass(frozen=True)
class Prepared:
    """A text split into blocks and sentences and tokenised, for one language."""

    text: str
    title: str
    guess: LanguageGuess
    language: Language
    mode: str
    blocks: tuple[Block, ...]
    #: Every sentence of the text (candidates and skipped material), scores not yet set.
    sentences: tuple[Sentence, ...]
    #: Indices (into ``sentences``) of the summary candidates.
    candidates: tuple[int, ...]
    rank_input: algorithms.RankInput
    words_total: int
    timings: Timings
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Ranked:
    """A prepared text with every candidate scored by one algorithm."""

    prepared: Prepared
    algorithm: str
    #: Normalised scores, one per candidate (same order as ``prepared.candidates``).
    scores: tuple[float, ...]
    #: Candidate positions (into ``prepared.candidates``), best first, repeats removed.
    order: tuple[int, ...]
    keywords: tuple[str, ...]
    timings: Timings

    @cached_property
    def needs_previous(self) -> tuple[bool, ...]:
        """Per candidate: does it open with a reference to the sentence before?"""
        doc = self.prepared.rank_input
        return tuple(selection.needs_previous(doc.sentences, self.prepared.language.code))

    @cached_property
    def scored_sentences(self) -> tuple[Sentence, ...]:
        """Every sentence with its score, not selected. Built on the first ``select``; every
        later one (the length slider) copies only the sentences it chooses."""
        score_of = dict(zip(self.prepared.candidates, self.scores, strict=True))
        with _collector_paused():
            return tuple(
                _copy(s, score=score_of.get(s.index, 0.0)) for s in self.prepared.sentences
            )


def _copy(sentence: Sentence, **changes: object) -> Sentence:
    """``dataclasses.replace`` for ``Sentence`` (a plain dataclass: no ``__post_init__``, no
    slots) at an eighth of the cost; the first ``select`` of a 500,000-word text copies
    50,000 sentences."""
    copy = object.__new__(Sentence)
    copy.__dict__.update(sentence.__dict__, **changes)
    return copy


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a burst of objects is made.

    Each full collection walks every object alive, and a burst of hundreds of thousands of
    sentences triggers one after another as they pile up: on a 20 MB text they took four
    fifths of the first ``select``. Nothing made in these bursts forms a cycle, so reference
    counting frees it all the same. A collector someone else turned off stays off.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_text(text: str) -> None:
    if not isinstance(text, str):
        raise InputError("The input is not text.")
    if not text.strip():
        raise InputError("The text is empty: paste or open an article to summarise.")
    # The limit of files holds for text from anywhere (typed, pasted in pieces, restored).
    check_text_size(text, "The text", MAX_TEXT_BYTES)
    sample = text[:100_000]
    control = len(_CONTROL_RE.findall(sample))
    if "\x00" in sample or control > max(8, len(sample) // 100):
        raise InputError("This looks like binary data, not text. Open a text document instead.")


def _guess(text: str, language: str) -> tuple[LanguageGuess, Language]:
    if language and language.lower() != "auto":
        guess = detect.forced(language)
        return guess, languages.chosen(language)
    guess = detect.detect(text)
    if guess.code is None:
        return guess, languages.GENERIC
    return guess, languages.get(guess.code)


def prepare(
    text: str,
    language: str = "auto",
    *,
    title: str = "",
    blocks: Sequence[Block] | None = None,
    cancelled: Cancelled | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Detect the language, split ``text`` into blocks and sentences, and tokenise them.

    ``blocks`` may come from a loader that knows the document's structure; by default the text
    is split into paragraphs and headings here. Raises ``InputError`` for text that cannot be
    summarised and ``UnsupportedLanguageError`` for an unknown forced language.
    """
    _check_text(text)
    t0 = time.perf_counter()
    guess, lang = _guess(text, language)
    t1 = time.perf_counter()
    notes: list[str] = []
    mode = languages.mode(lang)
    if guess.source == "unknown":
        notes.append(f"{guess.reason} Summarised in generic mode (no stemming, no stop words).")
    elif mode == "generic":
        label = languages.GENERIC_LANGUAGES.get(lang.code, lang.code).capitalize()
        notes.append(f"{label} is summarised in generic mode (no stemming, no stop words).")
    elif mode != "full":
        notes.append(
            f"{lang.label} is summarised with partial language data ({languages.describe(lang)})."
        )

    # Progress through the text: paragraphs first (unless the loader found them), then
    # sentences and words, then the word count.
    split_share = 0.0 if blocks is not None else SPLIT_SHARE
    tokenise_share = 1.0 - split_share - COUNT_SHARE
    if blocks is None:
        with cancel.scope(cancelled):
            blocks = split_blocks(
                text, None if progress is None else lambda f: progress(f * split_share)
            )
    blocks = _mark_title(list(blocks))
    if not title:
        title = next((text[b.start : b.end] for b in blocks if b.role is Role.TITLE), "")

    stop_words = languages.stop_words(lang.name)
    stem = languages.stemmer(lang.name) or str.lower
    sentences: list[Sentence] = []
    candidates: list[int] = []
    # Words as 4-byte ids, each distinct word kept once (``Tokens``): a tuple of strings per
    # sentence cost over a gigabyte for 50 MB of text.
    cand_words = TokensBuilder()
    cand_text: list[str] = []
    cand_para: list[int] = []
    heading_words: list[str] = []
    body_index = -1

    def tokenising(position: float) -> None:
        """Progress at a character position while sentences are split and tokenised."""
        if progress is not None:
            progress(split_share + tokenise_share * position / len(text))

    reported = 0
    for block_index, block in enumerate(blocks):
        if cancelled is not None and cancelled():
            raise CancelledError("Cancelled.")
        # Every 64 paragraphs, and every 1/256 of the text when paragraphs are long.
        if progress is not None and (
            block_index % 64 == 0 or block.start - reported > len(text) >> 8
        ):
            reported = block.start
            tokenising(block.start)
        if block.role is not Role.BODY:
            piece = text[block.start : block.end]
            if block.role in (Role.TITLE, Role.HEADING):
                heading_words.extend(tokenise.words(piece, lang))
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=piece,
                    start=block.start,
                    end=block.end,
                    block=block_index,
                    role=block.role,
                    words=tokenise.count_words(piece, lang),
                )
            )
            continue
        body_index += 1
        long = block.end - block.start > tokenise.WINDOW
        halfway = (block.start + block.end) / 2
        if long:
            # Longer than Punkt's window (a book pasted as one paragraph): its progress and a
            # cancel are heard between windows (first half), then between sentences.
            inside = partial(_within, tokenising, block.start, halfway)
            with cancel.scope(cancelled):
                spans = tokenise.sentence_spans(text, block.start, block.end, lang, inside)
        else:
            spans = tokenise.sentence_spans(text, block.start, block.end, lang)
        for number, (start, end) in enumerate(spans, 1):
            if long and number % 1024 == 0:
                if cancelled is not None and cancelled():
                    raise CancelledError("Cancelled.")
                tokenising(halfway + (start - block.start) / 2)
            piece = text[start:end]
            sentence = Sentence(
                index=len(sentences),
                text=piece,
                start=start,
                end=end,
                block=block_index,
                role=Role.BODY,
                words=tokenise.count_words(piece, lang),
            )
            words = tokenise.words(piece, lang)
            sentences.append(sentence)
            if not words:
                # Digits or symbols only: shown, but there is nothing in it to rank.
                sentences[-1] = replace(sentence, role=Role.BOILERPLATE)
                continue
            candidates.append(sentence.index)
            cand_words.add(words)
            display = sentence.display_text
            # The sentence's own string when nothing was collapsed: one copy of the text, not two.
            cand_text.append(piece if display == piece else display)
            cand_para.append(body_index)
    t2 = time.perf_counter()

    if not candidates:
        if any(s.role in (Role.TITLE, Role.HEADING) for s in sentences):
            raise InputError(
                "There is no complete sentence to summarise: the text is only a heading or "
                "short lines without punctuation."
            )
        raise InputError("There are no words to summarise: the text is only numbers or symbols.")

    with cancel.scope(cancelled):
        words_total = tokenise.count_words(
            text,
            lang,
            None if progress is None else lambda f: progress(1.0 - COUNT_SHARE * (1.0 - f)),
        )
    tokens = cand_words.build()
    rank_input = algorithms.RankInput(
        language=lang.name,
        sentences=tuple(cand_text),
        words=tokens,
        # A word has one stem: each distinct word is stemmed once, tokens share the ids.
        stems=tokens.with_vocabulary(list(map(stem, tokens.vocabulary))),
        stop_words=stop_words,
        paragraphs=tuple(cand_para),
        heading_words=tuple(heading_words),
        title=title,
        stem=stem,
    )
    return Prepared(
        text=text,
        title=title,
        guess=guess,
        language=lang,
        mode=mode,
        blocks=tuple(blocks),
        sentences=tuple(sentences),
        candidates=tuple(candidates),
        rank_input=rank_input,
        words_total=words_total,
        timings=Timings(detect=t1 - t0, tokenise=t2 - t1),
        notes=tuple(notes),
    )


def _within(report: Progress, start: int, end: int, fraction: float) -> None:
    """``report`` the position ``fraction`` of the way from ``start`` to ``end``."""
    report(start + fraction * (end - start))


def _mark_title(blocks: list[Block]) -> list[Block]:
    """A heading that opens the text is its title."""
    if blocks and blocks[0].role is Role.HEADING:
        blocks[0] = replace(blocks[0], role=Role.TITLE, reason="title")
    return blocks


def normalise(raw: Sequence[float]) -> list[float]:
    """Scores mapped to [0, 1] (best = 1); non-finite scores count as the worst."""
    values = [float(v) if math.isfinite(v) else -math.inf for v in raw]
    finite = [v for v in values if v != -math.inf]
    if not finite:
        return [0.0] * len(values)
    low, high = min(finite), max(finite)
    if high - low <= 1e-12:
        return [1.0 if v != -math.inf else 0.0 for v in values]
    return [0.0 if v == -math.inf else (v - low) / (high - low) for v in values]


def rank(
    prepared: Prepared,
    algorithm: str | algorithms.Algorithm = "default",
    *,
    cancelled: Cancelled | None = None,
) -> Ranked:
    """Score every candidate of ``prepared`` with ``algorithm`` (a registry name, or an
    ``Algorithm`` not in the registry, such as sumy's stock one in an evaluation).

    ``cancelled`` is polled inside the long loops of the algorithms (``engine.cancel``);
    ``CancelledError`` is raised once it returns True."""
    algo = algorithm if isinstance(algorithm, algorithms.Algorithm) else algorithms.get(algorithm)
    doc = prepared.rank_input
    t0 = time.perf_counter()
    with cancel.scope(cancelled):
        cancel.check()
        raw = list(algo.rank(doc))
        if len(raw) != len(doc):  # pragma: no cover - a broken algorithm is a programming error
            raise RuntimeError(f"{algo.name} returned {len(raw)} scores for {len(doc)} sentences")
        # Each step below takes seconds on a book: a cancel is heard between them.
        cancel.check()
        scores = normalise(raw)
        # Best first; ties go to the earlier sentence (the sort is stable), so the order is the
        # same on every run. Keyed by a list: a (score, index) tuple per sentence cost 30 MB
        # at 50 MB of text.
        negated = [-score for score in scores]
        order = sorted(range(len(scores)), key=negated.__getitem__)
        cancel.check()
        order = selection.distinct_order(order, doc.sentences)
        elapsed = time.perf_counter() - t0
        cancel.check()
        # Keywords take the fuller stop-word list; the ranking above kept ``doc.stop_words``.
        kw = find_keywords(
            doc.words,
            languages.keyword_stop_words(doc.language),
            doc.stem,
            boost=doc.heading_words,
            elided=languages.ELIDED.get(doc.language, frozenset()),
            enclitics=languages.ENCLITICS.get(doc.language, ()),
        )
    return Ranked(
        prepared=prepared,
        algorithm=algo.name,
        scores=tuple(scores),
        order=tuple(order),
        keywords=kw,
        timings=replace(prepared.timings, rank=elapsed),
    )


def select(ranked: Ranked, length: Length, *, context: bool = True) -> Summary:
    """The summary of ``length`` from an already ranked text. With ``context`` (always, in
    the app) a sentence that leans on the one before waits for it (``select.needs_previous``)."""
    t0 = time.perf_counter()
    prepared = ranked.prepared
    cand_words = [prepared.sentences[i].words for i in prepared.candidates]
    flags = ranked.needs_previous if context else None
    chosen = selection.choose(ranked.order, cand_words, length, prepared.words_total, flags)
    sentences_list = list(ranked.scored_sentences)
    for i in chosen:
        index = prepared.candidates[i]
        sentences_list[index] = _copy(sentences_list[index], selected=True)
    sentences = tuple(sentences_list)
    notes = list(prepared.notes)
    if not chosen and length.unit.value == "words":
        shortest = min(cand_words)
        notes.append(
            f"Every sentence is longer than {_words(int(length.value))} (the shortest has "
            f"{shortest}); raise the word budget."
        )
    return Summary(
        text=prepared.text,
        language=prepared.guess,
        language_mode=prepared.mode,
        language_name=prepared.language.name,
        algorithm=ranked.algorithm,
        length=length,
        blocks=prepared.blocks,
        sentences=sentences,
        keywords=ranked.keywords,
        words_total=prepared.words_total,
        timings=replace(ranked.timings, select=time.perf_counter() - t0),
        notes=tuple(notes),
        title=prepared.title,
    )


def summarise(
    text: str,
    options: Options | None = None,
    *,
    title: str = "",
    blocks: Sequence[Block] | None = None,
    cancelled: Cancelled | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Summarise ``text`` as ``options`` ask (language, algorithm, length)."""
    options = options or Options()
    algorithms.get(options.algorithm)  # fail fast on a bad name, before any work
    prepared = prepare(
        text, options.language, title=title, blocks=blocks, cancelled=cancelled, progress=progress
    )
    if cancelled is not None and cancelled():
        raise CancelledError("Cancelled.")
    return select(rank(prepared, options.algorithm, cancelled=cancelled), options.length)


def warm_up(language: str = "en", cache_dir: str | Path | None = None) -> None:
    """Load, once, everything a first summary needs: langdetect's profiles, the sentence model,
    stemmer and stop words of ``language``, and numpy for the ranking (about a second of CPU,
    mostly ``import nltk`` and the profiles). For a worker thread once the window is shown, so
    that the first document costs only its own work. ``cache_dir``: see ``detect.warm_up``."""
    detect.warm_up(cache_dir)
    rank(prepare("The summariser starts. It loads its models once.", language))


def _words(count: int) -> str:
    return f"{count} word" if count == 1 else f"{count} words"

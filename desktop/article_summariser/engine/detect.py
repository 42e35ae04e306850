"""Language detection with langdetect, made deterministic and exception-free, then checked
against the text's words where langdetect's n-grams cannot tell close languages apart.

langdetect samples n-grams at random: unseeded it can answer differently from run to run. Our
factory has a fixed seed, loads its profiles once (lazily, off the start-up path), and every
failure becomes an ``unknown`` answer with a reason instead of an exception.

On a sentence, langdetect's one- to three-letter n-grams confuse close languages (Catalan and
Spanish, Danish and Norwegian, Czech and Slovak, Croatian and Slovene, Bulgarian and
Macedonian, Hindi and Marathi: about 2 % of the development sentences). So langdetect's answer
gets a second opinion from its runners-up: each of its next ``CANDIDATES`` languages is weighed
against it by what the text's words and letters say (``language_evidence``: ranked word lists
and alphabets the app ships), and wins when that evidence, in log10 odds, outweighs
``PROFILE_WEIGHT`` times langdetect's own n-gram log-likelihood ratio for the two. A text
without Hangul is never Korean. The weights were chosen on one half of the development
sentences (ids whose SHA-1 starts with an even byte) and hold on the other half; the README's
language-quality table has the figures. Everything is lookups and sums: deterministic.
"""

from __future__ import annotations

import gc
import math
import threading
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from article_summariser.engine import language_evidence, languages
from article_summariser.engine.model import LanguageGuess

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

SEED = 0
#: Fewer letters than this and no detector can tell; we say so rather than guess.
MIN_LETTERS = 3
#: langdetect reads this many characters at most. Its cost grows with the text (CPU for a
#: 1,000-word article: 7 ms at 2,000 characters, 4.5 ms at 1,000, 50 ms at 10,000) while its
#: answer does not: every article of the summaries development set (en, fr, de) is recognised
#: alike from 500, 1,000, 2,000 or 10,000 characters; at 300 a German one is not.
MAX_CHARS = 1_000
#: How many of langdetect's runners-up are weighed against its answer.
CANDIDATES = 5
#: A letter that one alphabet writes and the other lacks, in log10 odds (100 to 1).
LETTER_WEIGHT = 2.0
#: The share of langdetect's n-gram log-likelihood ratio the words must outweigh. It is well
#: below 1 because every letter stands in three overlapping n-grams (of one, two and three
#: letters), so the ratio counts the same evidence several times over.
PROFILE_WEIGHT = 0.25

_lock = threading.Lock()
#: Where ``langprofiles`` may keep the profiles between runs (``warm_up`` sets it).
_profile_cache: Path | None = None


@cache
def _factory() -> DetectorFactory:
    from langdetect.detector_factory import DetectorFactory

    from article_summariser.engine import langprofiles

    factory = DetectorFactory()
    langprofiles.load(factory, cache_dir=_profile_cache)  # langdetect's own profiles, faster
    factory.set_seed(SEED)
    # Everything loaded so far (the engine's modules, the profiles' rows as langdetect reads
    # them, the word lists) lives as long as the process: freezing keeps full collections
    # from walking it again on every summary.
    gc.freeze()
    return factory


def warm_up(cache_dir: str | Path | None = None) -> None:
    """Load the profiles now (e.g. in a worker thread after the window is shown), and the
    word lists most texts are weighed with (stopwords-iso's table, English's ranks).

    ``cache_dir``: a folder where the profiles are kept once read, so that the next start
    loads them in a third of the time (the app gives its cache folder; without one, nothing
    is written anywhere)."""
    global _profile_cache
    with _lock:
        if cache_dir is not None and _profile_cache is None:
            _profile_cache = Path(cache_dir)
        _factory()
    language_evidence.word_ranks("en")


def detect(text: str, *, refine: bool = True) -> LanguageGuess:
    """Guess the language of ``text``. Never raises for any string.

    ``refine=False`` gives langdetect's own answer (to measure what the second opinion adds).
    """
    sample = text[:MAX_CHARS]
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters == 0:
        return LanguageGuess(None, 0.0, source="unknown", reason="The text has no letters.")
    if letters < MIN_LETTERS:
        return LanguageGuess(
            None, 0.0, source="unknown", reason="The text is too short to tell its language."
        )
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:
        factory = _factory()
    try:
        detector = factory.create()
        detector.append(sample)
        ranked = detector.get_probabilities()
    except LangDetectException:
        return LanguageGuess(
            None, 0.0, source="unknown", reason="The text has no words to tell its language by."
        )
    candidates = tuple((c.lang, round(float(c.prob), 6)) for c in ranked)
    if not candidates:
        return LanguageGuess(
            None, 0.0, source="unknown", reason="The language could not be recognised."
        )
    raw, probability = candidates[0]
    if refine:
        told, odds = second_opinion(sample, _Profile(detector))
        if told != raw:
            probability = round(odds, 6)
            candidates = _promote(candidates, told, probability)
            raw = told
    code = languages.normalise_code(raw)
    if not languages.is_known(code):
        return LanguageGuess(
            None,
            probability,
            candidates,
            source="unknown",
            reason=f"The text looks like “{raw}”, which the summariser has no language data for.",
            detected_code=raw,
        )
    return LanguageGuess(code, probability, candidates, source="detected", detected_code=raw)


def forced(code: str) -> LanguageGuess:
    """The guess for a language the user chose (raises ``UnsupportedLanguageError``)."""
    language = languages.chosen(code)
    return LanguageGuess(language.code, 1.0, ((language.code, 1.0),), source="forced")


class _Profile:
    """langdetect's view of one text: every language's probability, and (computed only when
    asked) the log10 likelihood of the text's n-grams in a language, smoothed as langdetect
    smooths them."""

    def __init__(self, detector: Any) -> None:
        self._detector = detector
        self.probabilities: dict[str, float] = dict(
            zip(detector.langlist, detector.langprob, strict=True)
        )
        self._ngrams: list[str] | None = None
        self._likelihood: dict[str, float] = {}

    def log10_likelihood(self, code: str) -> float:
        value = self._likelihood.get(code)
        if value is None:
            detector = self._detector
            if self._ngrams is None:
                # The n-grams langdetect drew its samples from (of the text it cleaned).
                self._ngrams = detector._extract_ngrams()
            column = detector.langlist.index(code)
            table = detector.word_lang_prob_map
            smoothing = detector.ALPHA_DEFAULT / detector.BASE_FREQ
            value = sum(math.log10(smoothing + table[gram][column]) for gram in self._ngrams)
            self._likelihood[code] = value
        return value


def second_opinion(text: str, profile: _Profile) -> tuple[str, float]:
    """langdetect's answer, or the runner-up whose words and letters outweigh it; with the odds
    (0.5-1) the evidence gives it over langdetect's answer, or langdetect's probability when
    nothing changed. Returns a langdetect code (``"zh-cn"``, ``"no"``, ...)."""
    order = sorted(profile.probabilities.items(), key=lambda item: (-item[1], item[0]))
    if order[0][0] == "ko" and not language_evidence.has_hangul(text):
        dropped = order.pop(0)[1]
        if dropped < 1.0:
            order = [(code, p / (1.0 - dropped)) for code, p in order]
    incumbent, probability = order[0]
    words = Counter(language_evidence.words(text))
    letters = set(text.lower())
    best, lead = incumbent, 0.0
    for code, _ in order[1 : CANDIDATES + 1]:
        if languages.normalise_code(code) == languages.normalise_code(incumbent):
            continue  # zh-cn and zh-tw are both Chinese
        evidence = language_evidence.word_evidence(words, code, incumbent)
        evidence += LETTER_WEIGHT * language_evidence.letter_evidence(letters, code, incumbent)
        if evidence <= 0:
            continue
        margin = profile.log10_likelihood(incumbent) - profile.log10_likelihood(code)
        score = evidence - PROFILE_WEIGHT * margin
        if score > lead:
            best, lead = code, score
    if best == incumbent:
        return incumbent, probability
    return best, 1.0 / (1.0 + 10.0 ** (-lead))


def _promote(
    candidates: Sequence[tuple[str, float]], code: str, probability: float
) -> tuple[tuple[str, float], ...]:
    """``code`` first with ``probability``; the others share the rest in their old proportions."""
    rest = [(c, p) for c, p in candidates if c != code]
    total = sum(p for _, p in rest)
    scale = (1.0 - probability) / total if total > 0 else 0.0
    return ((code, probability), *((c, round(p * scale, 6)) for c, p in rest))

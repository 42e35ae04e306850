"""Language detection with langdetect, made deterministic and exception-free.

langdetect samples n-grams at random: unseeded it can answer differently from run to run. Our
factory has a fixed seed, loads its profiles once (lazily, off the start-up path), and every
failure becomes an ``unknown`` answer with a reason instead of an exception.
"""

from __future__ import annotations

import gc
import threading
from functools import cache
from typing import TYPE_CHECKING

from article_summariser.engine import languages
from article_summariser.engine.model import LanguageGuess

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

SEED = 0
#: Fewer letters than this and no detector can tell; we say so rather than guess.
MIN_LETTERS = 3
#: langdetect reads this many characters at most. Its cost grows with the text (50 ms of CPU at
#: 10,000 characters, 14 ms at 2,000: most of a warm 1,000-word summary) while its answer does
#: not: the dev articles (en, fr, de) are recognised alike from 2,000 or 10,000 characters.
MAX_CHARS = 2_000

_lock = threading.Lock()


@cache
def _factory() -> DetectorFactory:
    from langdetect.detector_factory import DetectorFactory

    from article_summariser.engine import langprofiles

    factory = DetectorFactory()
    langprofiles.load(factory)  # langdetect's own profiles, in half the time
    factory.set_seed(SEED)
    # The profiles are about 90,000 objects that live as long as the process. Left to the
    # garbage collector, every full collection walks them again: 50-100 ms, half the time of
    # a 5,000-word summary. Freezing moves everything loaded so far out of its sight.
    gc.freeze()
    return factory


def warm_up() -> None:
    """Load the profiles now (e.g. in a worker thread after the window is shown)."""
    with _lock:
        _factory()


def detect(text: str) -> LanguageGuess:
    """Guess the language of ``text``. Never raises for any string."""
    letters = sum(1 for ch in text[:MAX_CHARS] if ch.isalpha())
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
        detector.append(text[:MAX_CHARS])
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
    language = languages.get(code)
    return LanguageGuess(language.code, 1.0, ((language.code, 1.0),), source="forced")

"""The summarisation engine: pure Python, no Qt. Plain data in, plain data out.

Heavy libraries (sumy, nltk, numpy, langdetect's profiles) load on first use, never at import.
"""

from article_summariser.engine.errors import (
    CancelledError,
    EngineError,
    InputError,
    LengthError,
    UnknownAlgorithmError,
    UnsupportedLanguageError,
)
from article_summariser.engine.model import (
    Block,
    LanguageGuess,
    Length,
    LengthUnit,
    Options,
    Role,
    Sentence,
    Summary,
    Timings,
)
from article_summariser.engine.summarise import Prepared, Ranked, prepare, rank, select, summarise

__all__ = [
    "Block",
    "CancelledError",
    "EngineError",
    "InputError",
    "LanguageGuess",
    "Length",
    "LengthError",
    "LengthUnit",
    "Options",
    "Prepared",
    "Ranked",
    "Role",
    "Sentence",
    "Summary",
    "Timings",
    "UnknownAlgorithmError",
    "UnsupportedLanguageError",
    "prepare",
    "rank",
    "select",
    "summarise",
]

"""The summarisation engine: pure Python, no Qt. Plain data in, plain data out.

Heavy libraries (sumy, nltk, numpy, langdetect's profiles) load on first use, never at import.
The names below are resolved lazily (PEP 562), so that importing a small module such as
``article_summariser.engine.model`` on the window's start-up path does not load the rest.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "CancelledError": "errors",
    "EngineError": "errors",
    "InputError": "errors",
    "LengthError": "errors",
    "UnknownAlgorithmError": "errors",
    "UnsupportedLanguageError": "errors",
    "Block": "model",
    "LanguageGuess": "model",
    "Length": "model",
    "LengthUnit": "model",
    "Options": "model",
    "Role": "model",
    "Sentence": "model",
    "Summary": "model",
    "Timings": "model",
    "Prepared": "summarise",
    "Ranked": "summarise",
    "prepare": "summarise",
    "rank": "summarise",
    "select": "summarise",
    "summarise": "summarise",
}

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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        try:  # a submodule used as an attribute (``engine.algorithms``)
            return import_module(f"{__name__}.{name}")
        except ModuleNotFoundError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
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
    from article_summariser.engine.summarise import (
        Prepared,
        Ranked,
        prepare,
        rank,
        select,
        summarise,
    )

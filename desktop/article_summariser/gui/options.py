"""What the user chose for one summary: algorithm, language and length.

Plain data shared by the controls, the documents, the preferences and the worker. Kept free of
engine imports so the window can start before the engine is loaded; the worker turns it into the
engine's ``Options`` and ``Length``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

#: Length units as the window names them (``percent`` is the engine's ``ratio`` times 100).
UNITS = ("sentences", "percent", "words")
#: Bounds the controls allow for each unit: (minimum, maximum when the document is unknown).
BOUNDS = {"sentences": (1, 30), "percent": (1, 100), "words": (10, 1000)}
DEFAULTS = {"sentences": 5, "percent": 20, "words": 150}


def _whole(value: Any, unit: str) -> int:
    low = BOUNDS[unit][0]
    high = 100 if unit == "percent" else 1_000_000
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return DEFAULTS[unit]
    return max(low, min(high, int(value)))


@dataclass(frozen=True)
class SummaryOptions:
    """One summary's settings. Each unit remembers its own value, so switching units is free."""

    algorithm: str = "default"
    #: ``"auto"`` or an ISO 639-1 code.
    language: str = "auto"
    unit: str = "sentences"
    sentences: int = DEFAULTS["sentences"]
    percent: int = DEFAULTS["percent"]
    words: int = DEFAULTS["words"]

    @property
    def value(self) -> int:
        """The length in the current unit."""
        return int(getattr(self, self.unit))

    def with_value(self, value: int) -> SummaryOptions:
        return replace(self, **{self.unit: _whole(value, self.unit)})

    def with_unit(self, unit: str) -> SummaryOptions:
        return replace(self, unit=unit if unit in UNITS else "sentences")

    def same_ranking(self, other: SummaryOptions) -> bool:
        """True when ``other`` differs at most in length: only the selection must be redone."""
        return self.algorithm == other.algorithm and self.language == other.language

    def describe_length(self) -> str:
        if self.unit == "percent":
            return f"{self.percent} % of the words"
        if self.unit == "words":
            return f"at most {self.words} words"
        return f"{self.sentences} sentences" if self.sentences != 1 else "1 sentence"

    def to_dict(self) -> dict[str, Any]:
        return {
            "algorithm": self.algorithm,
            "language": self.language,
            "unit": self.unit,
            "sentences": self.sentences,
            "percent": self.percent,
            "words": self.words,
        }

    @classmethod
    def from_dict(cls, data: Any) -> SummaryOptions:
        """Options from stored JSON; anything missing or malformed falls back to the default."""
        if not isinstance(data, dict):
            return cls()
        algorithm = data.get("algorithm")
        language = data.get("language")
        unit = data.get("unit")
        return cls(
            algorithm=algorithm if isinstance(algorithm, str) and algorithm else "default",
            language=language if isinstance(language, str) and language else "auto",
            unit=unit if unit in UNITS else "sentences",
            sentences=_whole(data.get("sentences"), "sentences"),
            percent=_whole(data.get("percent"), "percent"),
            words=_whole(data.get("words"), "words"),
        )

"""Plain data passed in and out of the engine. No behaviour beyond small conveniences."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from article_summariser.engine.errors import LengthError


class Role(StrEnum):
    """What a block of the input is. Only ``BODY`` sentences are summary candidates."""

    BODY = "body"
    TITLE = "title"
    HEADING = "heading"
    BYLINE = "byline"
    CAPTION = "caption"
    BOILERPLATE = "boilerplate"

    @property
    def considered(self) -> bool:
        return self is Role.BODY


@dataclass(frozen=True)
class Block:
    """A paragraph-like run of the input text, ``text[start:end]``, with its role."""

    start: int
    end: int
    role: Role
    #: Why the block was not considered (``"heading"``, ``"image credit"``, ...), for the UI.
    reason: str = ""


class LengthUnit(StrEnum):
    SENTENCES = "sentences"
    RATIO = "ratio"
    WORDS = "words"


@dataclass(frozen=True)
class Length:
    """How long the summary should be.

    ``SENTENCES``: exactly N sentences (all if the document has fewer).
    ``RATIO``: about that fraction of the original's words (within one sentence of the target).
    ``WORDS``: at most that many words.
    """

    unit: LengthUnit
    value: float

    def __post_init__(self) -> None:
        if self.unit is LengthUnit.SENTENCES:
            if self.value < 1 or int(self.value) != self.value:
                raise LengthError("The number of sentences must be a whole number of at least 1.")
        elif self.unit is LengthUnit.RATIO:
            if not 0 < self.value <= 1:
                raise LengthError("The ratio must be above 0 and at most 1 (e.g. 0.2 for 20 %).")
        elif self.value < 1 or int(self.value) != self.value:
            raise LengthError("The word budget must be a whole number of at least 1.")

    @classmethod
    def sentences(cls, n: int) -> Length:
        return cls(LengthUnit.SENTENCES, n)

    @classmethod
    def ratio(cls, r: float) -> Length:
        return cls(LengthUnit.RATIO, r)

    @classmethod
    def words(cls, n: int) -> Length:
        return cls(LengthUnit.WORDS, n)

    def describe(self) -> str:
        if self.unit is LengthUnit.SENTENCES:
            return f"{int(self.value)} sentences"
        if self.unit is LengthUnit.RATIO:
            return f"{self.value * 100:g} % of the words"
        return f"at most {int(self.value)} words"


@dataclass(frozen=True)
class LanguageGuess:
    """The language the engine used, and how it got there."""

    #: ISO 639-1 code of the language summarised with, or ``None`` when unknown.
    code: str | None
    #: The detector's probability for ``code`` (1.0 when forced by the user).
    probability: float
    #: Every candidate the detector considered, best first: ``((code, probability), ...)``.
    candidates: tuple[tuple[str, float], ...] = ()
    #: ``"detected"``, ``"forced"`` or ``"unknown"``.
    source: str = "detected"
    #: For ``unknown``: why (too short, no letters, not a supported language, ...).
    reason: str = ""
    #: The raw detector code when it is not a language we summarise in (``"sw"``, ...).
    detected_code: str | None = None


@dataclass(frozen=True)
class Sentence:
    """One sentence of the input. ``input_text[start:end] == text`` always holds."""

    index: int
    text: str
    start: int
    end: int
    #: Index of the block (paragraph) it stands in.
    block: int
    role: Role
    words: int
    #: Normalised score in [0, 1]: 1 for the best candidate; 0 for material not considered.
    score: float = 0.0
    selected: bool = False

    @property
    def considered(self) -> bool:
        return self.role.considered

    @property
    def display_text(self) -> str:
        """The sentence with its internal line breaks and runs of spaces collapsed."""
        return " ".join(self.text.split())


@dataclass(frozen=True)
class Timings:
    """Seconds spent in each stage."""

    detect: float = 0.0
    tokenise: float = 0.0
    rank: float = 0.0
    select: float = 0.0

    @property
    def total(self) -> float:
        return self.detect + self.tokenise + self.rank + self.select


@dataclass(frozen=True)
class Summary:
    """Everything the engine knows about one summarised text."""

    #: The text the engine read (offsets index into it).
    text: str
    language: LanguageGuess
    #: The language settings used: ``"full"`` (stemmer and stop words), ``"partial"`` or
    #: ``"generic"`` (plain splitting, no stemming, no stop words).
    language_mode: str
    #: The summariser's language name (``"english"``) or ``"generic"``.
    language_name: str
    algorithm: str
    length: Length
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    keywords: tuple[str, ...]
    words_total: int
    timings: Timings
    notes: tuple[str, ...] = ()
    title: str = ""

    # Worked out once: a book has hundreds of thousands of sentences, and the window asks often.

    @cached_property
    def summary(self) -> tuple[Sentence, ...]:
        """The selected sentences, in document order."""
        return tuple(s for s in self.sentences if s.selected)

    @cached_property
    def candidates(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.considered)

    @cached_property
    def words_summary(self) -> int:
        return sum(s.words for s in self.sentences if s.selected)

    @property
    def reduction(self) -> float:
        """Fraction of the words removed (0.8 for a summary a fifth as long)."""
        if not self.words_total:
            return 0.0
        return 1.0 - self.words_summary / self.words_total

    def summary_text(self, separator: str = " ") -> str:
        return separator.join(s.display_text for s in self.summary)


@dataclass(frozen=True)
class Options:
    """What the caller asks for."""

    algorithm: str = "default"
    #: ``"auto"`` or an ISO 639-1 code.
    language: str = "auto"
    length: Length = field(default_factory=lambda: Length.sentences(5))

"""What every ranking algorithm receives and returns.

An algorithm is one callable: ``rank(doc: RankInput) -> list[float]``, one raw score per
candidate sentence (higher is better). Selection, de-duplication and length handling happen
once, elsewhere, for all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RankInput:
    """The candidate sentences of one document, tokenised for ranking."""

    #: The summariser's language name (``"english"``) or ``"generic"``.
    language: str
    #: Candidate sentences (display text), in document order.
    sentences: tuple[str, ...]
    #: Lowercased words of each sentence (letters only, stop words kept).
    words: tuple[tuple[str, ...], ...]
    #: Stems of those words (the words themselves when the language has no stemmer).
    stems: tuple[tuple[str, ...], ...]
    stop_words: frozenset[str]
    #: Index of the paragraph each sentence stands in (0-based, counting body blocks).
    paragraphs: tuple[int, ...]
    #: Lowercased words of the title and headings (sumy's Edmundson "bonus" words).
    heading_words: tuple[str, ...] = ()
    #: The document's title, when known.
    title: str = ""
    #: The stemmer used for ``stems`` (sumy's summarizers need it); identity-lowercase if none.
    stem: Callable[[str], str] = field(default=str.lower, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.sentences)


Ranker = Callable[[RankInput], Sequence[float]]


@dataclass(frozen=True)
class Algorithm:
    name: str
    label: str
    description: str
    rank: Ranker
    #: Cost growth with document length, for warnings ("n", "n^2", ...).
    complexity: str = "n"
    #: True for the algorithms of sumy (same choice of sentences as sumy would make).
    from_sumy: bool = False
    #: Above this many words ranking takes more than a few seconds on a modest 2-core machine
    #: (measured by ``make bench``); ``None`` when it stays fast at any length the app accepts.
    slow_above: int | None = None
    #: The registry name of a fast algorithm to offer instead when this one would be slow.
    fast_alternative: str = ""

    def is_slow_for(self, words: int) -> bool:
        """True when a document of ``words`` words deserves a warning before ranking."""
        return self.slow_above is not None and words > self.slow_above

"""What every ranking algorithm receives and returns.

An algorithm is one callable: ``rank(doc: RankInput) -> list[float]``, one raw score per
candidate sentence (higher is better). Selection, de-duplication and length handling happen
once, elsewhere, for all of them.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import overload

from article_summariser.engine import cancel


class Tokens(Sequence[tuple[str, ...]]):
    """Each sentence's tokens, read like a tuple of tuples of strings but held compactly.

    Why: a book-length text has millions of words. As a tuple of strings per sentence, every
    word costs its own string object (about 60 bytes) and a pointer; 50 MB of text took over a
    gigabyte that way. Here each distinct string is kept once and every token is a 4-byte id
    (``ids``), with ``offsets[i]:offsets[i + 1]`` the tokens of sentence ``i``. A sentence's tuple
    is made when it is asked for, so every algorithm reads ``doc.words[i]`` as before.
    Stems share the ids of the words (``with_vocabulary``): a word always has the same stem.
    """

    __slots__ = ("ids", "offsets", "vocabulary")

    def __init__(self, vocabulary: Sequence[str], ids: array, offsets: array) -> None:
        #: The string of each id.
        self.vocabulary = vocabulary
        #: Token ids, sentence after sentence (``array("i")``).
        self.ids = ids
        #: Where each sentence's tokens start in ``ids``, and where the last one ends.
        self.offsets = offsets

    @classmethod
    def of(cls, sentences: Iterable[Iterable[str]]) -> Tokens:
        """The compact form of token lists (ids follow first appearance)."""
        builder = TokensBuilder()
        for count, tokens in enumerate(sentences):
            if count % 4096 == 0:
                cancel.check()  # a book's worth of sentences takes seconds
            builder.add(tokens)
        return builder.build()

    def with_vocabulary(self, vocabulary: Sequence[str]) -> Tokens:
        """The same token ids read through another vocabulary (each word's stem, say)."""
        return Tokens(vocabulary, self.ids, self.offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[str, ...], ...]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, ...] | tuple[tuple[str, ...], ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("sentence index out of range")
        start, stop = self.offsets[index], self.offsets[index + 1]
        return tuple(map(self.vocabulary.__getitem__, self.ids[start:stop]))

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        word = self.vocabulary.__getitem__
        ids = self.ids
        for a, b in pairwise(self.offsets):
            yield tuple(map(word, ids[a:b]))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tokens | tuple | list):
            return len(self) == len(other) and all(
                a == tuple(b) for a, b in zip(self, other, strict=True)
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Tokens({len(self)} sentences, {len(self.ids)} tokens)"


class TokensBuilder:
    """Collects the tokens of one sentence after another into ``Tokens``."""

    __slots__ = ("_id", "_ids", "_offsets", "_vocabulary")

    def __init__(self) -> None:
        # A dict whose missing keys get the next id: ``map`` then runs the lookups in C.
        self._vocabulary: defaultdict[str, int] = defaultdict()
        self._vocabulary.default_factory = self._vocabulary.__len__
        self._id = self._vocabulary.__getitem__
        self._ids = array("i")
        self._offsets = array("q", [0])

    def add(self, tokens: Iterable[str]) -> None:
        self._ids.extend(map(self._id, tokens))
        self._offsets.append(len(self._ids))

    def build(self) -> Tokens:
        return Tokens(list(self._vocabulary), self._ids, self._offsets)


@dataclass(frozen=True)
class RankInput:
    """The candidate sentences of one document, tokenised for ranking."""

    #: The summariser's language name (``"english"``) or ``"generic"``.
    language: str
    #: Candidate sentences (display text), in document order.
    sentences: tuple[str, ...]
    #: Lowercased words of each sentence (letters only, stop words kept): a tuple of tuples,
    #: or the same held compactly (``Tokens``, what ``prepare`` gives).
    words: Sequence[tuple[str, ...]]
    #: Stems of those words (the words themselves when the language has no stemmer).
    stems: Sequence[tuple[str, ...]]
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

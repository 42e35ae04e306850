"""Choose sentences from ranked candidates so that the length asked for is honoured exactly.

- ``SENTENCES``: the N best distinct sentences (all of them when there are fewer).
- ``WORDS``: the best sentences that fit; never more words than the budget.
- ``RATIO``: best sentences until the target word count is reached, then the closer of the
  two last totals: the summary is within one sentence of the target.

Two rules keep an extract readable, for every algorithm:

- Repeats. The same sentence text (compared without case, spacing or punctuation) is never
  chosen twice, and a *near* duplicate (a quote repeated with another attribution, a caption
  that restates the first sentence: at least 80 % of the shorter sentence's words are in the
  other) goes to the end of the order, after every other sentence; so the two are never both
  chosen unless the length asks for nearly the whole text.
- Context. A sentence that opens with a reference to what came before ("He said...",
  "This...", "However, ...") means little on its own. It is chosen only once the sentence
  before it is chosen; until then it gives way to the next best sentence, and it takes its
  place again as soon as its predecessor is in. When nothing else is left it is chosen anyway:
  the length asked for always wins. The openings are listed for the languages we can vouch
  for (``OPENINGS``); other languages are not checked.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import chain

from article_summariser.engine.model import Length, LengthUnit

_NOT_WORD = re.compile(r"[\W_]+")

#: A shorter sentence with at least this share of its words in another one repeats it.
NEAR_DUPLICATE = 0.8
#: Sentences with fewer distinct words than this are compared only as exact repeats.
NEAR_DUPLICATE_MIN_WORDS = 5
#: Near-duplicates are looked for among this many best-ranked sentences.
NEAR_DUPLICATE_SCOPE = 2000
#: Words in more sentences than this are too common to find repeats by.
_PROBE_MAX_SENTENCES = 16
#: How many of a sentence's rarest words are looked up.
_PROBES = 4

#: Sentence openings that lean on the sentence before (pronouns, demonstratives, connectives),
#: by ISO 639-1 code, comma-separated. Matched case-insensitively against the first words (not
#: inside quotes). Articles that double as pronouns ("Das", "Die", "Het", "Le") are left out.
OPENINGS: dict[str, str] = {
    "en": (
        "he, she, they, it, its, his, her, their, them, this, these, those, that, such, however, "
        "but, and, also, moreover, furthermore, nevertheless, nonetheless, still, yet, instead, "
        "therefore, thus, hence, so, then, besides, likewise, similarly, otherwise, consequently, "
        "accordingly, indeed, meanwhile, in addition, as a result, for example, for instance, on "
        "the other hand, in contrast, even so, the latter, the former, the same"
    ),
    "fr": (
        "il, elle, ils, elles, cela, ceci, ça, ce, cette, cet, ces, celui, celle, ceux, celles, "
        "lui, leur, leurs, son, sa, ses, mais, cependant, toutefois, pourtant, néanmoins, donc, "
        "ainsi, alors, aussi, en revanche, par ailleurs, de plus, en outre, en effet, par "
        "conséquent, de même, or"
    ),
    "de": (
        "er, sie, es, ihm, ihn, ihr, ihre, ihren, ihrem, ihrer, sein, seine, seinen, seinem, "
        "seiner, dies, diese, dieser, dieses, diesem, diesen, dabei, daher, deshalb, deswegen, "
        "darum, dadurch, dazu, davon, darüber, damit, dort, doch, aber, jedoch, allerdings, "
        "außerdem, zudem, trotzdem, dennoch, also, auch"
    ),
    "es": (
        "él, ella, ellos, ellas, esto, esta, este, estos, estas, eso, esa, ese, esos, esas, su, "
        "sus, pero, sin embargo, además, también, por lo tanto, por eso, así, entonces, no "
        "obstante"
    ),
    "it": (
        "egli, ella, lui, lei, essi, esse, loro, questo, questa, questi, queste, ciò, suo, sua, "
        "suoi, sue, ma, però, tuttavia, inoltre, anche, quindi, dunque, così, infatti"
    ),
    "pt": (
        "ele, ela, eles, elas, isso, isto, este, esta, esse, essa, estes, estas, esses, essas, "
        "seu, sua, seus, suas, mas, porém, contudo, entretanto, além disso, também, portanto, "
        "assim, então"
    ),
    "nl": (
        "hij, zij, ze, dit, deze, dat, zijn, haar, hun, maar, echter, toch, daarom, dus, ook, "
        "bovendien, daarnaast"
    ),
}


def fingerprint(text: str) -> str:
    """The sentence reduced to its words, for spotting repeats."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def _opening_pattern(code: str) -> re.Pattern[str] | None:
    if code not in OPENINGS:
        return None
    words = [w.strip() for w in OPENINGS[code].split(",")]
    # Longest first, so that "the latter" is tried before "the".
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?![^\W_])", re.IGNORECASE)


_PATTERNS: dict[str, re.Pattern[str] | None] = {}


def needs_previous(sentences: Sequence[str], language: str) -> list[bool]:
    """For each sentence: does it open with a reference to the sentence before?

    ``language`` is an ISO 639-1 code; for a language without a list every answer is False.
    The first sentence has nothing before it and never needs anything.
    """
    if language not in _PATTERNS:
        _PATTERNS[language] = _opening_pattern(language)
    pattern = _PATTERNS[language]
    if pattern is None:
        return [False] * len(sentences)
    flags = [pattern.match(s.lstrip()) is not None for s in sentences]
    if flags:
        flags[0] = False
    return flags


def distinct_order(order: Sequence[int], texts: Sequence[str]) -> list[int]:
    """``order`` without exact repeats, and with near-duplicates moved to the end.

    Near-duplicates are looked for among the ``NEAR_DUPLICATE_SCOPE`` best sentences (more
    than any summary a person reads), and a sentence is compared only with the better-ranked
    ones that share its most distinctive words (seen in 2 to ``_PROBE_MAX_SENTENCES``
    sentences), so a 500,000-word text costs a fraction of a second, not minutes.
    """
    scope = order[:NEAR_DUPLICATE_SCOPE]
    keys = {i: fingerprint(texts[i]) for i in scope}
    words = {i: frozenset(key.split()) for i, key in keys.items()}
    seen_in = Counter(chain.from_iterable(words.values()))
    seen: set[str] = set()
    kept: list[int] = []
    demoted: list[int] = []
    index: dict[str, list[int]] = {}
    for i in order:
        key = keys[i] if i in keys else fingerprint(texts[i])
        if key in seen:
            continue
        seen.add(key)
        sentence_words = words.get(i)
        if sentence_words is None or len(sentence_words) < NEAR_DUPLICATE_MIN_WORDS:
            kept.append(i)
            continue
        distinctive = [w for w in sentence_words if 2 <= seen_in[w] <= _PROBE_MAX_SENTENCES]
        if _repeats_a_kept_sentence(sentence_words, distinctive, seen_in, words, index):
            demoted.append(i)
            continue
        kept.append(i)
        for word in distinctive:
            index.setdefault(word, []).append(i)
    return kept + demoted


def _repeats_a_kept_sentence(
    sentence_words: frozenset[str],
    distinctive: list[str],
    seen_in: dict[str, int],
    words: dict[int, frozenset[str]],
    index: dict[str, list[int]],
) -> bool:
    if not distinctive:
        return False
    probes = sorted(distinctive, key=lambda w: (seen_in[w], w))[:_PROBES]
    shared: dict[int, int] = {}
    for word in probes:
        for other in index.get(word, ()):
            shared[other] = shared.get(other, 0) + 1
    needed = min(2, len(probes))
    for other, hits in shared.items():
        if hits < needed:
            continue
        other_words = words[other]
        smaller = min(len(sentence_words), len(other_words))
        common = len(sentence_words & other_words)
        if smaller >= NEAR_DUPLICATE_MIN_WORDS and common >= NEAR_DUPLICATE * smaller:
            return True
    return False


def choose(
    order: Sequence[int],
    word_counts: Sequence[int],
    length: Length,
    words_total: int,
    needs_previous: Sequence[bool] | None = None,
) -> list[int]:
    """Indices of the chosen sentences, in document order.

    ``order`` lists candidate indices best first (already without repeats); ``needs_previous``
    flags the candidates that should not stand without the candidate before them.
    """
    unit = length.unit
    queue = _Queue(order, needs_previous)
    chosen: list[int] = []
    used = 0
    if unit is LengthUnit.SENTENCES:
        wanted = int(length.value)
        for i in queue:
            if len(chosen) >= wanted:
                break
            chosen.append(i)
            queue.take(i)
    elif unit is LengthUnit.WORDS:
        budget = int(length.value)
        for i in queue:
            if used + word_counts[i] <= budget:
                chosen.append(i)
                queue.take(i)
                used += word_counts[i]
            if used == budget:
                break
    else:
        target = length.value * words_total
        for i in queue:
            if used >= target:
                break
            chosen.append(i)
            queue.take(i)
            used += word_counts[i]
        if len(chosen) > 1:
            without_last = used - word_counts[chosen[-1]]
            if abs(without_last - target) < abs(used - target):
                chosen.pop()
    return sorted(chosen)


class _Queue:
    """The candidates in the order they are offered: best first, but a sentence that leans on
    its predecessor waits until the predecessor is taken (then it comes back at its own rank,
    ahead of anything ranked below it), and whatever still waits at the end comes last."""

    def __init__(self, order: Sequence[int], needs_previous: Sequence[bool] | None) -> None:
        self._order = order
        self._flags = needs_previous if needs_previous is not None and any(needs_previous) else None
        self._taken: set[int] = set()
        self._ready: list[tuple[int, int]] = []  # heap of (rank, candidate)
        self._blocked: dict[int, list[tuple[int, int]]] = {}  # predecessor -> waiting ones

    def take(self, i: int) -> None:
        self._taken.add(i)
        for item in self._blocked.pop(i, ()):
            heapq.heappush(self._ready, item)

    def __iter__(self) -> Iterator[int]:
        if self._flags is None:
            yield from self._order
            return
        flags, taken = self._flags, self._taken
        for rank, i in enumerate(self._order):
            while self._ready:
                yield heapq.heappop(self._ready)[1]
            if flags[i] and i - 1 not in taken:
                self._blocked.setdefault(i - 1, []).append((rank, i))
                continue
            yield i
        # Whatever still waits stands on its own now: the length asked for wins.
        while self._ready or self._blocked:
            while self._ready:
                yield heapq.heappop(self._ready)[1]
            left = sorted(item for items in self._blocked.values() for item in items)
            self._blocked.clear()
            self._ready = [item for item in left if item[1] not in taken]
            heapq.heapify(self._ready)

"""Choose sentences from ranked candidates so that the length asked for is honoured exactly.

- ``SENTENCES``: the N best distinct sentences (all of them when there are fewer).
- ``WORDS``: the best sentences that fit; never more words than the budget.
- ``RATIO``: best sentences until the target word count is reached, then the closer of the
  two last totals: the summary is within one sentence of the target.

The same sentence text (compared without case, spacing or punctuation) is never chosen twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from article_summariser.engine.model import Length, LengthUnit

_NOT_WORD = re.compile(r"[\W_]+")


def fingerprint(text: str) -> str:
    """The sentence reduced to its words, for spotting repeats."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def distinct_order(order: Sequence[int], texts: Sequence[str]) -> list[int]:
    """``order`` without the sentences whose text repeats an earlier one's."""
    seen: set[str] = set()
    kept = []
    for i in order:
        key = fingerprint(texts[i])
        if key in seen:
            continue
        seen.add(key)
        kept.append(i)
    return kept


def choose(
    order: Sequence[int],
    word_counts: Sequence[int],
    length: Length,
    words_total: int,
) -> list[int]:
    """Indices of the chosen sentences, in document order.

    ``order`` lists candidate indices best first (already without repeats).
    """
    if length.unit is LengthUnit.SENTENCES:
        chosen = list(order[: int(length.value)])
    elif length.unit is LengthUnit.WORDS:
        budget = int(length.value)
        chosen = []
        used = 0
        for i in order:
            if used + word_counts[i] <= budget:
                chosen.append(i)
                used += word_counts[i]
            if used == budget:
                break
    else:
        target = length.value * words_total
        chosen = []
        used = 0
        for i in order:
            if used >= target:
                break
            chosen.append(i)
            used += word_counts[i]
        if len(chosen) > 1:
            without_last = used - word_counts[chosen[-1]]
            if abs(without_last - target) < abs(used - target):
                chosen.pop()
    return sorted(chosen)

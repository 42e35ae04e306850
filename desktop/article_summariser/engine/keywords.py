"""Keywords: the content words that carry the document, grouped by stem."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain


def keywords(
    sentences: Sequence[Sequence[str]],
    stop_words: frozenset[str],
    stem: Callable[[str], str],
    *,
    boost: Sequence[str] = (),
    limit: int = 8,
) -> tuple[str, ...]:
    """The ``limit`` most frequent content words (stems counted together, shown in their most
    common form). Words of the title count double. Ties break alphabetically, so the result is
    the same every time."""
    stem_counts: Counter[str] = Counter()
    forms: dict[str, dict[str, int]] = {}
    # Count every word once in C, then stem and group the distinct words only: at 100,000
    # words that is a tenth of the Python work of a per-word loop.
    for word, count in Counter(chain.from_iterable(sentences)).items():
        if len(word) < 3 or word in stop_words:
            continue
        key = stem(word)
        stem_counts[key] += count
        forms.setdefault(key, {})[word] = count  # each word comes once
    for word in boost:
        key = stem(word)
        if key in stem_counts:
            stem_counts[key] += 1
    # Words seen once are noise in anything longer than a paragraph.
    minimum = 2 if sum(stem_counts.values()) > 60 else 1
    ranked = sorted(
        (key for key, count in stem_counts.items() if count >= minimum),
        key=lambda key: (-stem_counts[key], key),
    )
    result = []
    for key in ranked[:limit]:
        form = sorted(forms[key].items(), key=lambda item: (-item[1], item[0]))[0][0]
        result.append(form)
    return tuple(result)

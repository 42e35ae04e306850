"""Keywords: the content words that carry the document, grouped by stem."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain


def bare(word: str, elided: frozenset[str] = frozenset(), enclitics: Sequence[str] = ()) -> str:
    """``word`` without an elided article or pronoun before it ("d'habitants" is "habitants")
    or a subject pronoun joined after it ("a-t-il" is "a"): those would count the same noun
    under several spellings, and a function word under many."""
    if elided:
        for apostrophe in "'’":
            head, found, tail = word.partition(apostrophe)
            if found and head in elided:
                word = tail
                break
    for suffix in enclitics:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def keywords(
    sentences: Sequence[Sequence[str]],
    stop_words: frozenset[str],
    stem: Callable[[str], str],
    *,
    boost: Sequence[str] = (),
    limit: int = 8,
    elided: frozenset[str] = frozenset(),
    enclitics: Sequence[str] = (),
) -> tuple[str, ...]:
    """The ``limit`` most frequent content words (stems counted together, shown in their most
    common form). Words of the title count double. Ties break alphabetically, so the result is
    the same every time. ``elided`` and ``enclitics`` are the language's (see ``bare``)."""
    stem_counts: Counter[str] = Counter()
    forms: dict[str, dict[str, int]] = {}
    # Count every word once in C, then stem and group the distinct words only: at 100,000
    # words that is a tenth of the Python work of a per-word loop.
    for word, count in Counter(chain.from_iterable(sentences)).items():
        if word in stop_words:
            continue
        word = bare(word, elided, enclitics)
        if len(word) < 3 or word in stop_words:
            continue
        key = stem(word)
        stem_counts[key] += count
        # "l'état" and "état" are one form: a bare word can come more than once.
        spellings = forms.setdefault(key, {})
        spellings[word] = spellings.get(word, 0) + count
    for word in boost:
        key = stem(bare(word, elided, enclitics))
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

"""Edmundson (1969) as sumy computes it with its default weights, in one pass over the words.

sumy's Edmundson sums, per sentence, the cue method (bonus words minus stigma words, compared
by stem), the title method (words of the document's headings) and the location method (the
heading words again, plus one point for the first or last paragraph and one for the first or
last sentence of a paragraph); the key method has weight 0. Our documents reach sumy without
heading sentences (titles and headings are not candidates), so the title method and the
heading part of the location method give 0 there as here. Bonus words are the title and
heading words, else the most frequent content words (``sumy_adapter.bonus_words``).

sumy stems every word once per method and keeps ratings in dicts keyed by sentence text; here
each word's stem is looked up once, and repeated texts are handled as sumy's dicts handle them.
"""

from __future__ import annotations

from article_summariser.engine.algorithms import termmatrix
from article_summariser.engine.algorithms.base import RankInput
from article_summariser.engine.algorithms.sumy_adapter import bonus_words

#: What the sumy adapter passes as stigma words (sumy refuses an empty set).
NO_STIGMA_WORD = "__no_stigma_word__"


def cue_ratings(doc: RankInput) -> list[int]:
    bonus = frozenset(doc.stem(w.lower()) for w in bonus_words(doc))
    stigma = frozenset({doc.stem(NO_STIGMA_WORD)})
    return [
        sum(1 for s in stems if s in bonus) - sum(1 for s in stems if s in stigma)
        for stems in doc.stems
    ]


def location_ratings(doc: RankInput) -> list[int]:
    """One point for the first (else the last) paragraph, one for the first (else the last)
    sentence of its paragraph."""
    runs: list[list[int]] = []
    last = None
    for i, paragraph in enumerate(doc.paragraphs):
        if paragraph != last or not runs:
            runs.append([])
            last = paragraph
        runs[-1].append(i)
    ratings = [0] * len(doc)
    for order, run in enumerate(runs):
        for position, i in enumerate(run):
            # sumy: "if first: +1 elif last: +1", for the paragraph and for the sentence.
            in_paragraph = int(order in (0, len(runs) - 1))
            in_sentence = int(position in (0, len(run) - 1))
            ratings[i] = in_paragraph + in_sentence
    return ratings


def rank(doc: RankInput) -> list[float]:
    if len(doc) == 0:
        return []
    cue = cue_ratings(doc)
    # The location method's dict keeps, for a repeated text, the rating of its last copy.
    location = termmatrix.as_stored_by_text(doc, location_ratings(doc))
    return [float(c + p) for c, p in zip(cue, location, strict=True)]

"""Positional centrality: where a sentence stands, weighed with what it shares with the rest.

News is written lead-first, and no graph method of sumy comes near the first three sentences on
news (``article-summariser-cli evaluate``; README, "Quality"). So position is the main evidence
here, and the other evidence decides where position is unsure:

- **Lead prior** ``A·exp(−i/τ)`` for the i-th candidate, scaled by ``g(n) = 1 / (1 + (n/n₀)²)``:
  about 1 for a news-length text (n ≤ 40 sentences), small for a long one (an encyclopedia
  article of 200 sentences is not written as an inverted pyramid, and three sentences must
  cover more of it).
- **Centrality**: a sentence's degree in the word-overlap graph of content words (TextRank's
  edge weight, shared words over the sum of the log lengths), scaled to [0, 1].
- **Title words**: the share of the title's content words the sentence contains, when the text
  has a title (a loaded document's, or a first line the structure step took for one).
- **Length**: ``log(words)``; on news a shorter sentence is preferred (the references are
  crisp), on a long text a longer one (it carries more of the text).
- **Shape**: a sentence that opens with a quotation mark or a dash, or asks a question, is
  usually colour, not the news: a small penalty.

The weights were chosen on the development split (half of it, checked on the other half), one
set for every language; unsupervised (nothing is learnt from references at run time), offline
and deterministic. Linear in the length of the text: the overlap graph's degrees come from
``OverlapGraph`` without building the graph.
"""

from __future__ import annotations

import math

from article_summariser.engine import cancel, languages, tokenise
from article_summariser.engine.algorithms import termmatrix
from article_summariser.engine.algorithms.base import RankInput
from article_summariser.engine.algorithms.overlap import OverlapGraph
from article_summariser.engine.algorithms.reduction import edge_weight
from article_summariser.engine.algorithms.termmatrix import np
from article_summariser.engine.errors import UnsupportedLanguageError

#: Weight of the lead prior on a news-length text, and its decay (in sentences).
LEAD = 4.0
DECAY = 1.0
#: The text length (in candidate sentences) at which the lead prior has halved.
NEWS_LENGTH = 60.0
CENTRALITY = 0.2
TITLE = 2.0
#: Weight of log(words) on a news-length text and on a long text.
LENGTH_NEWS = -0.3
LENGTH_LONG = 0.25
QUOTE = -0.25
QUESTION = -0.25

#: A cancel is heard every this many sentences (a 50 MB text has about 460,000).
CANCEL_EVERY = 4096

_QUOTE_OPENINGS = tuple("\"'“”‘’«»„‚‹›-–—")
_QUESTION_MARKS = ("?", "？", "¿")


def content_words(doc: RankInput) -> list[list[str]]:
    """Each sentence's words without its stop words."""
    stop = doc.stop_words
    return [[w for w in words if w not in stop] for words in doc.words]


def title_words(doc: RankInput) -> frozenset[str]:
    """The title's content words, tokenised as the sentences are."""
    if not doc.title.strip():
        return frozenset()
    try:
        language = languages.get(doc.language)
    except UnsupportedLanguageError:
        language = languages.GENERIC
    return frozenset(tokenise.words(doc.title, language)) - doc.stop_words


def centrality(doc: RankInput) -> list[float]:
    """Degree of each sentence in the content-word overlap graph, scaled to [0, 1]."""
    numpy = np()
    n = len(doc)
    graph = OverlapGraph(termmatrix.build(content_words(doc)), edge_weight)
    degree = graph.dot(numpy.ones(n)) - graph.diagonal()
    low, high = float(degree.min()), float(degree.max())
    if high - low <= 1e-12:
        return [0.0] * n
    return ((degree - low) / (high - low)).tolist()


def news_likeness(n: int) -> float:
    """``g(n)``: 1 for a short text, ½ at ``NEWS_LENGTH`` sentences, → 0 for a long one."""
    return 1.0 / (1.0 + (n / NEWS_LENGTH) ** 2)


def rank(doc: RankInput) -> list[float]:
    n = len(doc)
    if n == 0:
        return []
    g = news_likeness(n)
    length_weight = LENGTH_NEWS * g + LENGTH_LONG * (1.0 - g)
    central = centrality(doc)
    cancel.check()
    title = title_words(doc)
    scores = []
    for i, (sentence, words) in enumerate(zip(doc.sentences, doc.words, strict=True)):
        if i % CANCEL_EVERY == 0:
            cancel.check()
        # exp(-i) underflows to 0.0 past i ≈ 745: harmless, the prior is long gone by then.
        score = LEAD * g * math.exp(-i / DECAY) + CENTRALITY * central[i]
        if title:
            score += TITLE * len(title.intersection(words)) / len(title)
        score += length_weight * math.log(max(len(words), 1))
        opening = sentence.lstrip()[:1]
        if opening and opening in _QUOTE_OPENINGS:
            score += QUOTE
        if any(mark in sentence for mark in _QUESTION_MARKS):
            score += QUESTION
        scores.append(score)
    return scores

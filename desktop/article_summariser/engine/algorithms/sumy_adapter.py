"""Run sumy's own summarizers on our tokenisation and read back every sentence's rating.

sumy returns only the top sentences; we subclass each summarizer so that its final call to
``_get_best_sentences`` records the rating of every sentence instead. Sentences are fed as
sumy ``Sentence`` objects built from our tokens, so no NLTK data is ever needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from article_summariser.engine.algorithms.base import RankInput


class _PreTokenised:
    """The tokenizer sumy's ``Sentence.words`` calls: returns the words we already found."""

    def __init__(self, language: str, words: dict[str, tuple[str, ...]]) -> None:
        self.language = language
        self._words = words

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return self._words[sentence]

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:  # pragma: no cover - unused
        raise NotImplementedError


def build_document(doc: RankInput) -> Any:
    """A sumy ``ObjectDocumentModel`` with one sumy ``Paragraph`` per paragraph of ``doc``."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = _PreTokenised(doc.language, dict(zip(doc.sentences, doc.words, strict=True)))
    paragraphs: list[list[Any]] = []
    last = None
    for text, para in zip(doc.sentences, doc.paragraphs, strict=True):
        if para != last:
            paragraphs.append([])
            last = para
        paragraphs[-1].append(Sentence(text, tokenizer))
    return ObjectDocumentModel([Paragraph(p) for p in paragraphs])


def _capturing(cls: type) -> type:
    class Capturing(cls):  # type: ignore[misc, valid-type]
        captured: list[float]

        def _get_best_sentences(self, sentences, count, rating, *args, **kwargs):
            if isinstance(rating, dict):
                self.captured = [float(rating[s]) for s in sentences]
            else:
                self.captured = [float(rating(s, *args, **kwargs)) for s in sentences]
            return ()

    Capturing.__name__ = f"Capturing{cls.__name__}"
    return Capturing


def sumy_summarizer(name: str, doc: RankInput) -> Any:
    """A configured sumy summarizer, set up as sumy's own command line sets it up."""
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "edmundson": EdmundsonSummarizer,
        "kl": KLSummarizer,
        "sumbasic": SumBasicSummarizer,
        "reduction": ReductionSummarizer,
    }
    cls = _capturing(classes[name])
    summarizer = cls(doc.stem)
    if name == "edmundson":
        summarizer.null_words = doc.stop_words
        summarizer.bonus_words = bonus_words(doc)
        summarizer.stigma_words = ("__no_stigma_word__",)
    else:
        summarizer.stop_words = doc.stop_words
    return summarizer


def bonus_words(doc: RankInput) -> tuple[str, ...]:
    """Edmundson's cue words: the heading words, else the document's most frequent content words."""
    if doc.heading_words:
        return doc.heading_words
    counts: dict[str, int] = {}
    for sentence in doc.words:
        for word in sentence:
            if word not in doc.stop_words and len(word) > 2:
                counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return tuple(ranked[:10]) or ("__no_bonus_word__",)


def rank_with_sumy(name: str, doc: RankInput) -> list[float]:
    """sumy's rating of every sentence of ``doc`` (sumy's own, slow implementation)."""
    if len(doc) == 0:
        return []
    summarizer = sumy_summarizer(name, doc)
    summarizer(build_document(doc), len(doc))
    return summarizer.captured


def ranker(name: str) -> Callable[[RankInput], list[float]]:
    def rank(doc: RankInput) -> list[float]:
        return rank_with_sumy(name, doc)

    rank.__name__ = f"rank_{name}"
    return rank

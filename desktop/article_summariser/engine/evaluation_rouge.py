"""ROUGE F1 of a summary against a human reference, with Google's ``rouge-score``.

``rouge-score`` reproduces ROUGE-1.5.5; we use it rather than a home-made ROUGE so that our
figures compare with the literature's. It is an optional extra (``pip install .[eval]``), imported
only when a score is asked for.

Its default tokenizer keeps ``[a-z0-9]`` only, which would cut "été" into "t" and silently
inflate or deflate every non-English score. So English keeps the default tokenizer with the
Porter stemmer (exactly ROUGE-1.5.5 ``-m``), and every other language gets a Unicode tokenizer:
lowercased runs of letters and digits, accents kept, no stemming (there is no agreed stemmer
for ROUGE outside English); Chinese and Japanese characters count one token each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from article_summariser.engine.errors import EngineError

#: The ROUGE variants reported, in table order. ``rougeLsum`` reads one sentence a line.
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")

_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")
_STEMMED_LANGUAGES = frozenset({"en"})


class MissingExtraError(EngineError):
    """An optional extra the command needs is not installed."""


class UnicodeTokenizer:
    """A rouge-score tokenizer that keeps every letter: ``"L'été 2024"`` → ``l, été, 2024``."""

    def tokenize(self, text: str) -> list[str]:
        return _TOKEN.findall(text.casefold())


def _rouge_scorer_module() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise MissingExtraError(
            "Evaluation needs the optional ROUGE package (Google's rouge-score). Install it with "
            "pip install 'article-summariser[eval]' (or pip install rouge-score)."
        ) from None
    return rouge_scorer


@cache
def _scorer(stemmed: bool) -> Any:
    rouge_scorer = _rouge_scorer_module()
    if stemmed:
        return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=UnicodeTokenizer())


def check_available() -> None:
    """Raise ``MissingExtraError`` now (before any long run) when rouge-score is missing."""
    _rouge_scorer_module()


@dataclass(frozen=True)
class RougeScore:
    """F1 of ROUGE-1, ROUGE-2 and ROUGE-Lsum, each in [0, 1]."""

    rouge1: float
    rouge2: float
    rougeLsum: float

    def get(self, rouge_type: str) -> float:
        return float(getattr(self, rouge_type))


def rouge(reference: str, candidate: str, language: str) -> RougeScore:
    """ROUGE F1 of ``candidate`` against ``reference`` (both one sentence a line).

    ``language`` is an ISO 639-1 code: ``"en"`` is stemmed as ROUGE-1.5.5 does; anything else is
    tokenised with accents kept and no stemming.
    """
    scorer = _scorer(language.lower() in _STEMMED_LANGUAGES)
    scores = scorer.score(reference, candidate)
    return RougeScore(*(float(scores[t].fmeasure) for t in ROUGE_TYPES))

"""Lead: the first sentences. The baseline every news summariser is measured against."""

from __future__ import annotations

from article_summariser.engine.algorithms.base import RankInput


def rank(doc: RankInput) -> list[float]:
    n = len(doc)
    return [float(n - i) for i in range(n)]

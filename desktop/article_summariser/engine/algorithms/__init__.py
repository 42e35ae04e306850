"""The registry of ranking algorithms, by name.

Importing this module is cheap: sumy and numpy are imported only when an algorithm runs.
"""

from __future__ import annotations

from article_summariser.engine.algorithms import (
    edmundson,
    kl,
    lead,
    lexrank,
    lsa,
    luhn,
    positional_centrality,
    reduction,
    sumbasic,
    textrank,
)
from article_summariser.engine.algorithms.base import Algorithm, Ranker, RankInput
from article_summariser.engine.errors import UnknownAlgorithmError

__all__ = ["ALGORITHMS", "DEFAULT", "Algorithm", "RankInput", "Ranker", "get", "names"]

# sumy's algorithms, re-implemented to choose the same sentences as sumy at any length
# (``sumy_adapter`` runs sumy itself: the reference the agreement tests compare against).
# Complexity is the growth ``make bench`` measured from 20,000 to 500,000 words; the slow
# threshold is where ranking passes about 2.5 s of CPU (KL-Sum: 2.0 s at 100,000 words).
_SUMY = (
    (
        lexrank,
        "LexRank",
        "Graph centrality over TF-IDF cosine similarity (Erkan & Radev).",
        "n^1.4",
    ),
    (textrank, "TextRank", "PageRank over sentence word overlap (Mihalcea & Tarau).", "n"),
    (lsa, "LSA", "Latent semantic analysis: sentences strong in the main topics.", "n"),
    (luhn, "Luhn", "Sentences with clusters of significant words (Luhn, 1958).", "n"),
    (edmundson, "Edmundson", "Cue, key, title and location evidence (Edmundson, 1969).", "n"),
    (kl, "KL-Sum", "Greedy choice keeping the summary's word distribution close.", "n^1.5"),
    (sumbasic, "SumBasic", "Word probabilities, down-weighted once used (Nenkova).", "n^1.2"),
    (reduction, "Reduction", "Graph of sentence overlap, sum of edge weights.", "n"),
)
#: Algorithms that get slow on long documents: (words above which they are, what to offer).
_SLOW = {"kl": (150_000, "sumbasic")}

ALGORITHMS: dict[str, Algorithm] = {
    "positional": Algorithm(
        "positional",
        "Positional centrality",
        "Lead position weighed with centrality, title words and sentence length; for long "
        "texts centrality counts more. Beats Lead-3 on news (README, Quality).",
        positional_centrality.rank,
    ),
    "lead": Algorithm(
        "lead",
        "Lead",
        "The first sentences: the baseline news summaries are measured against.",
        lead.rank,
    ),
}
for _module, _label, _description, _complexity in _SUMY:
    _name = _module.__name__.rpartition(".")[2]
    _slow_above, _alternative = _SLOW.get(_name, (None, ""))
    ALGORITHMS[_name] = Algorithm(
        _name,
        _label,
        _description,
        _module.rank,
        _complexity,
        from_sumy=True,
        slow_above=_slow_above,
        fast_alternative=_alternative,
    )

#: The algorithm used when none is named.
DEFAULT = "positional"


def names() -> tuple[str, ...]:
    return tuple(ALGORITHMS)


def get(name: str) -> Algorithm:
    key = (name or "").strip().lower()
    if key == "default":
        key = DEFAULT
    try:
        return ALGORITHMS[key]
    except KeyError:
        raise UnknownAlgorithmError(
            f"“{name}” is not an algorithm of the summariser. Choose one of: "
            + ", ".join(ALGORITHMS)
            + "."
        ) from None

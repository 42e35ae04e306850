"""The registry of ranking algorithms, by name.

Importing this module is cheap: sumy and numpy are imported only when an algorithm runs.
"""

from __future__ import annotations

from article_summariser.engine.algorithms import lead, sumy_adapter
from article_summariser.engine.algorithms.base import Algorithm, RankInput, Ranker
from article_summariser.engine.errors import UnknownAlgorithmError

__all__ = ["ALGORITHMS", "DEFAULT", "Algorithm", "RankInput", "Ranker", "get", "names"]

_SUMY = (
    ("lexrank", "LexRank", "Graph centrality over TF-IDF cosine similarity (Erkan & Radev).", "n^2"),
    ("textrank", "TextRank", "PageRank over sentence word overlap (Mihalcea & Tarau).", "n^2"),
    ("lsa", "LSA", "Latent semantic analysis: sentences strong in the main topics.", "n^2"),
    ("luhn", "Luhn", "Sentences with clusters of significant words (Luhn, 1958).", "n"),
    ("edmundson", "Edmundson", "Cue, key, title and location evidence (Edmundson, 1969).", "n"),
    ("kl", "KL-Sum", "Greedy choice keeping the summary's word distribution close.", "n^3"),
    ("sumbasic", "SumBasic", "Word probabilities, down-weighted once used (Nenkova).", "n^2"),
    ("reduction", "Reduction", "Graph of sentence overlap, sum of edge weights.", "n^2"),
)

ALGORITHMS: dict[str, Algorithm] = {
    "lead": Algorithm(
        "lead",
        "Lead",
        "The first sentences: the baseline news summaries are measured against.",
        lead.rank,
    ),
}
for _name, _label, _description, _complexity in _SUMY:
    ALGORITHMS[_name] = Algorithm(
        _name, _label, _description, sumy_adapter.ranker(_name), _complexity, from_sumy=True
    )

#: The algorithm used when none is named.
DEFAULT = "lexrank"


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

"""KL-Sum (Haghighi & Vanderwende, 2009) as sumy computes it, incrementally.

sumy's KL-Sum ranks by greedy choice: at each step it adds the sentence whose words, joined
with the words already chosen, give the smallest divergence ``Σ_w p(w) log(p(w) / q(w))``,
``p`` being the document's distribution of non-stop words (not stemmed) and ``q`` the joint
one, over the joint's words. A sentence's rating is minus the step it was chosen at. sumy
rebuilds every joint distribution at every step: n steps × n sentences × the summary's
growing vocabulary, cubic (13.6 s at 5,000 words, hours at 100,000).

Here each candidate's divergence is kept as a few running sums. With ``K`` the summary's
vocabulary, ``c_S`` its counts and ``T`` its length (stop words included, as in sumy),

    KL(s) = A − B + R_s + log(L_s + T) · (P + M_s)

where ``A, B, P`` sum ``p log p``, ``p log c_S`` and ``p`` over ``K``, and ``R_s, M_s`` hold
the sentence's own words (those outside ``K`` and the corrections for those inside). Choosing
a sentence changes ``R, M`` only for the sentences that share one of its words, so a step costs
one pass over those postings plus a few vector operations over the sentences: quadratic with
a tiny constant instead of cubic. When two candidates come within 1e-9 of each other, sumy's
own arithmetic decides between them (for the first 20,000 words of the summary), so rounding
does not reorder them.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from article_summariser.engine import cancel
from article_summariser.engine.algorithms import termmatrix
from article_summariser.engine.algorithms.base import RankInput
from article_summariser.engine.algorithms.termmatrix import np

if TYPE_CHECKING:
    import numpy
    from numpy.typing import NDArray

#: Candidates this close to the best are compared with sumy's exact formula ...
TIE = 1e-9
#: ... while the summary has at most this many words (the part of the ranking a reader sees;
#: sumy's formula walks the summary's whole vocabulary, so further down ties go to the earlier
#: sentence, as they do in sumy when the values are exactly equal).
EXACT_UNTIL = 20_000


def rank(doc: RankInput) -> list[float]:
    n = len(doc)
    if n == 0:
        return []
    content = [[w for w in words if w not in doc.stop_words] for words in doc.words]
    if not any(content):
        # sumy's divergences are all 0: it takes the sentences in document order.
        return termmatrix.greedy_ratings(doc, range(n))
    return termmatrix.greedy_ratings(doc, _Greedy(doc, content).picks())


class _Greedy:
    def __init__(self, doc: RankInput, content: list[list[str]]) -> None:
        numpy = np()
        self.doc = doc
        self.content = content
        m = self.m = termmatrix.build(content)
        self.postings = m.postings()
        self.df = numpy.diff(self.postings.indptr)
        totals = numpy.bincount(m.terms, weights=m.counts, minlength=m.size)
        self.p = totals / totals.sum()
        self.plogp = self.p * numpy.log(self.p)
        p_entry = self.p[m.terms]
        #: Each entry's share of R while its word is outside the summary.
        self.initial = self.plogp[m.terms] - p_entry * numpy.log(m.counts)
        self.R = m.row_sum(self.initial)
        self.M = m.row_sum(p_entry)
        self.summary_counts = numpy.zeros(m.size)
        self.A = self.B = self.P = 0.0
        self.T = 0
        self.lengths, self.length_group = numpy.unique(m.lengths, return_inverse=True)
        self.all_words = [len(words) for words in doc.words]
        # For sumy's exact arithmetic on near-ties.
        self.summary_word_counts: dict[str, int] = {}
        self._p_by_word: dict[str, float] | None = None

    def picks(self) -> list[int]:
        numpy = np()
        n = self.m.n
        penalty = numpy.zeros(n)
        order: list[int] = []
        for step in range(n):
            if step % 32 == 0:
                cancel.check()
            kl = self.divergences() + penalty
            best = int(numpy.argmin(kl))
            if self.T <= EXACT_UNTIL:
                near = numpy.flatnonzero(kl <= kl[best] + TIE * max(1.0, abs(kl[best])))
                if near.size > 1:
                    best = self.exact_choice(near.tolist())
            order.append(best)
            penalty[best] = numpy.inf
            self.add(best)
        return order

    def divergences(self) -> NDArray[numpy.float64]:
        numpy = np()
        if self.T == 0:
            # A sentence without content words has an empty joint distribution: sumy's sum is 0.
            with numpy.errstate(divide="ignore", invalid="ignore"):
                logs = numpy.log(self.lengths.astype(numpy.float64))[self.length_group]
                kl = self.R + logs * self.M
            kl[self.m.lengths == 0] = 0.0
            return kl
        logs = numpy.log(self.lengths + float(self.T))[self.length_group]
        return (self.A - self.B) + self.R + logs * (self.P + self.M)

    def add(self, chosen: int) -> None:
        """Put sentence ``chosen`` into the summary and update every running sum."""
        numpy = np()
        m = self.m
        a, b = m.indptr[chosen], m.indptr[chosen + 1]
        terms = m.terms[a:b]
        old = self.summary_counts[terms]
        new = old + m.counts[a:b]
        fresh = old == 0
        known = numpy.where(fresh, 1.0, old)  # log(old) only where old > 0
        p_terms = self.p[terms]
        at = self.postings.ranges(terms)
        if at.size:
            of_term = numpy.repeat(numpy.arange(terms.size), self.df[terms])
            entries = self.postings.entry[at]
            c = m.counts[entries]
            p = p_terms[of_term]
            was_fresh = fresh[of_term]
            before = numpy.where(
                was_fresh, self.initial[entries], -p * numpy.log1p(c / known[of_term])
            )
            after = -p * numpy.log1p(c / new[of_term])
            rows = self.postings.rows[at]
            numpy.add.at(self.R, rows, after - before)
            numpy.add.at(self.M, rows, numpy.where(was_fresh, -p, 0.0))
        self.A += float(self.plogp[terms][fresh].sum())
        self.P += float(p_terms[fresh].sum())
        self.B += float(
            (p_terms * (numpy.log(new) - numpy.where(fresh, 0.0, numpy.log(known)))).sum()
        )
        self.summary_counts[terms] = new
        self.T += self.all_words[chosen]
        if self.T <= EXACT_UNTIL:
            for word in self.doc.words[chosen]:
                self.summary_word_counts[word] = self.summary_word_counts.get(word, 0) + 1

    def exact_choice(self, candidates: list[int]) -> int:
        """The first candidate with the smallest divergence by sumy's own arithmetic."""
        first = self.content[candidates[0]]
        if all(self.content[i] == first for i in candidates[1:]):
            return candidates[0]  # same words in the same order: sumy's values are equal
        values = [self.exact(i) for i in candidates]
        return candidates[values.index(min(values))]

    def exact(self, i: int) -> float:
        """sumy's ``_kl_divergence(_joint_freq(words, summary), word_freq)``, step by step."""
        if self._p_by_word is None:
            counts = Counter(w for words in self.content for w in words)
            total = sum(counts.values())
            self._p_by_word = {w: f / total for w, f in counts.items()}
        words = self.content[i]
        joint: dict[str, float] = {}
        for w in words:
            joint[w] = joint.get(w, 0) + 1
        for w, count in self.summary_word_counts.items():
            joint[w] = joint[w] + count if w in joint else count
        total_len = float(len(words) + self.T)
        value = 0.0
        for w in joint:
            frequency = self._p_by_word.get(w)
            if frequency:
                value += frequency * math.log(frequency / (joint[w] / total_len))
        return value

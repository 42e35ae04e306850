"""Bootstrap confidence intervals: how far a mean over a few hundred articles can be trusted.

A percentile bootstrap over articles (resample the articles with replacement, take the mean,
repeat): the 2.5th and 97.5th percentiles of those means bound the 95 % interval. The random
generator is seeded, so the same scores always give the same interval. A *paired* bootstrap
resamples the same articles for two methods, which is the right test for "A beats B" when both
ran on the same articles: the interval of the mean difference.

On a handful of articles the bootstrap says nothing: resampling one article gives it back every
time (an interval of zero width), and two articles that both favour a method give an interval
wholly above zero however much chance there is in it. A difference is only called significant
(``significant``) over at least ``MIN_SAMPLE`` articles and with an interval of some width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

RESAMPLES = 1000
SEED = 0
CONFIDENCE = 0.95
#: Fewer articles than this get intervals but never a verdict: below about ten values the
#: percentile bootstrap's interval is far narrower than the truth (it cannot see the spread
#: the few articles did not happen to show).
MIN_SAMPLE = 10


@dataclass(frozen=True)
class Interval:
    """A mean and its bootstrap confidence interval (same unit as the values)."""

    mean: float
    low: float
    high: float

    def scaled(self, factor: float) -> Interval:
        return Interval(self.mean * factor, self.low * factor, self.high * factor)


def _resample_indices(n: int, resamples: int, seed: int):  # -> numpy array
    import numpy as np

    rng = np.random.default_rng(seed)
    return rng.integers(0, n, size=(resamples, n))


def _interval(mean: float, means, confidence: float) -> Interval:
    import numpy as np

    tail = (1.0 - confidence) / 2.0 * 100.0
    low, high = np.percentile(means, [tail, 100.0 - tail])
    return Interval(float(mean), float(low), float(high))


def bootstrap(
    values: Sequence[float],
    *,
    resamples: int = RESAMPLES,
    seed: int = SEED,
    confidence: float = CONFIDENCE,
) -> Interval:
    """The mean of ``values`` with its percentile-bootstrap interval.

    An empty sample has no mean: ``ValueError``. One value is its own interval.
    """
    import numpy as np

    data = np.asarray(values, dtype=float)
    if data.size == 0:
        raise ValueError("no values to bootstrap")
    means = data[_resample_indices(data.size, resamples, seed)].mean(axis=1)
    return _interval(float(data.mean()), means, confidence)


def paired_difference(
    values: Sequence[float],
    baseline: Sequence[float],
    *,
    resamples: int = RESAMPLES,
    seed: int = SEED,
    confidence: float = CONFIDENCE,
) -> Interval:
    """Mean of ``values - baseline`` (same articles, same order) with its bootstrap interval."""
    import numpy as np

    a = np.asarray(values, dtype=float)
    b = np.asarray(baseline, dtype=float)
    if a.shape != b.shape:
        raise ValueError("paired samples must have the same length")
    return bootstrap(a - b, resamples=resamples, seed=seed, confidence=confidence)


def significant(difference: Interval, n: int) -> bool:
    """Whether a paired difference over ``n`` articles excludes zero in a way worth saying:
    enough articles, an interval of some width, and zero outside it."""
    if n < MIN_SAMPLE or difference.high <= difference.low:
        return False
    return difference.low > 0 or difference.high < 0

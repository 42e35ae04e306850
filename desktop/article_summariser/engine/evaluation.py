"""How good are the summaries? ROUGE against human references, per source and language.

Each article goes through the engine exactly as in the app: ``prepare`` once (language detected
automatically, the title passed when the data has one, as a loaded document passes its title),
then ``rank`` and ``select`` for every method. The summary (selected sentences, one a line) is
scored against the reference with ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (``evaluation_rouge``), and
every mean comes with a 95 % bootstrap interval (``evaluation_stats``). Lead-N, the first N
sentences, always runs next to the methods asked for: it is the bar news summaries are measured
against, and each method's difference from it gets a paired bootstrap interval.

A method is an algorithm name from the registry (``default`` included) or ``sumy:NAME`` for the
stock sumy implementation of NAME, for comparing against sumy itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from article_summariser.engine import algorithms
from article_summariser.engine.errors import EngineError, UnknownAlgorithmError
from article_summariser.engine.evaluation_data import Article
from article_summariser.engine.evaluation_rouge import (
    ROUGE_TYPES,
    RougeScore,
    check_available,
    rouge,
)
from article_summariser.engine.evaluation_stats import (
    MIN_SAMPLE,
    Interval,
    bootstrap,
    paired_difference,
    significant,
)
from article_summariser.engine.model import Length, LengthUnit

BASELINE = "lead"
SUMY_PREFIX = "sumy:"
#: Marks a method run without the readable-extract rule (``plain_too``).
PLAIN_SUFFIX = "+plain"
ROUGE_LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeLsum": "R-Lsum"}

#: Called after each article with (articles done, articles in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class MethodResult:
    """One method on one group of articles. Scores and intervals in percent."""

    method: str
    label: str
    n: int
    rouge: dict[str, Interval]
    #: Mean seconds per article: preparing (shared by all methods) + ranking + selecting.
    seconds: float
    #: Paired difference from Lead-N (``None`` for Lead-N itself).
    vs_baseline: dict[str, Interval] | None = None
    failures: int = 0


@dataclass(frozen=True)
class GroupResult:
    source: str
    lang: str
    n: int
    methods: tuple[MethodResult, ...]
    #: Articles whose language the engine detected as something else (code → count).
    misdetected: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    length: Length
    use_title: bool
    baseline: str
    groups: tuple[GroupResult, ...]


@dataclass(frozen=True)
class _Method:
    name: str
    label: str
    algorithm: Any  # str (registry name) or an Algorithm
    #: Select with the readable-extract rule (a sentence that leans on the one before brings
    #: it or gives way), as the app does; ``False`` measures what the rule costs.
    context: bool = True


def resolve_methods(names: Sequence[str], *, plain_too: bool = False) -> list[_Method]:
    """The methods to run, Lead first, without repeats; unknown names raise. With
    ``plain_too`` every method but Lead also runs without the readable-extract rule."""
    from article_summariser.engine.algorithms import sumy_adapter
    from article_summariser.engine.algorithms.base import Algorithm

    resolved: list[_Method] = []
    seen: set[str] = set()
    for raw in [BASELINE, *names]:
        name = raw.strip().lower()
        expanded = list(algorithms.names()) if name == "all" else [name]
        for item in expanded:
            if item.startswith(SUMY_PREFIX):
                stock = item[len(SUMY_PREFIX) :]
                if stock not in _STOCK:
                    raise UnknownAlgorithmError(
                        f"sumy has no algorithm “{stock}”. Choose one of: "
                        + ", ".join(_STOCK)
                        + "."
                    )
                key = f"{SUMY_PREFIX}{stock}"
                ranker = sumy_adapter.ranker(stock)
                method = _Method(
                    key, f"{_STOCK[stock]} (sumy)", Algorithm(key, _STOCK[stock], "", ranker)
                )
            else:
                algo = algorithms.get(item)
                key = algo.name
                label = algo.label + (" (default)" if key == algorithms.DEFAULT else "")
                method = _Method(key, label, key)
            if key not in seen:
                seen.add(key)
                resolved.append(method)
    if plain_too:
        resolved = [resolved[0]] + [
            variant
            for method in resolved[1:]
            for variant in (
                method,
                replace(
                    method,
                    name=f"{method.name}{PLAIN_SUFFIX}",
                    label=f"{method.label}, without the context rule",
                    context=False,
                ),
            )
        ]
    return resolved


_STOCK = {
    "lexrank": "LexRank",
    "textrank": "TextRank",
    "lsa": "LSA",
    "luhn": "Luhn",
    "edmundson": "Edmundson",
    "kl": "KL-Sum",
    "sumbasic": "SumBasic",
    "reduction": "Reduction",
}


def baseline_label(length: Length) -> str:
    if length.unit is LengthUnit.SENTENCES:
        return f"Lead-{int(length.value)}"
    return f"Lead ({length.describe()})"


def summary_lines(summary: Any) -> str:
    """The summary as ROUGE-Lsum reads it: one selected sentence a line, document order."""
    return "\n".join(s.display_text for s in summary.summary)


def evaluate(
    articles: Sequence[Article],
    methods: Sequence[str] = ("default",),
    length: Length | None = None,
    *,
    use_title: bool = True,
    plain_too: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Summarise every article with every method and score the summaries (``plain_too``:
    each method also without the readable-extract rule, to measure what the rule costs)."""
    from article_summariser.engine.summarise import prepare, rank, select

    check_available()
    length = length or Length.sentences(3)
    plan = resolve_methods(methods, plain_too=plain_too)
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for done, article in enumerate(articles, 1):
        group = groups.setdefault(
            (article.source, article.lang),
            {
                "scores": {m.name: [] for m in plan},
                "seconds": {m.name: [] for m in plan},
                "failures": {m.name: 0 for m in plan},
                "misdetected": {},
            },
        )
        t0 = time.perf_counter()
        try:
            prepared = prepare(article.text, "auto", title=article.title if use_title else "")
        except EngineError:
            prepared = None
        prepare_seconds = time.perf_counter() - t0
        if prepared is not None and prepared.guess.code != article.lang:
            code = prepared.guess.code or "unknown"
            group["misdetected"][code] = group["misdetected"].get(code, 0) + 1
        for method in plan:
            t1 = time.perf_counter()
            try:
                if prepared is None:
                    raise EngineError("not summarisable")
                summary = select(rank(prepared, method.algorithm), length, context=method.context)
                candidate = summary_lines(summary)
            except EngineError:
                # Counted as an empty summary: skipping it would flatter the method.
                candidate = ""
                group["failures"][method.name] += 1
            except Exception:
                # sumy's own code raises on some inputs the engine handles (Edmundson on a
                # language without stop words): a failed summary, not a failed evaluation.
                if not method.name.startswith(SUMY_PREFIX):
                    raise
                candidate = ""
                group["failures"][method.name] += 1
            group["seconds"][method.name].append(prepare_seconds + time.perf_counter() - t1)
            group["scores"][method.name].append(rouge(article.summary, candidate, article.lang))
        if progress is not None:
            progress(done, len(articles))
    return Report(
        length=length,
        use_title=use_title,
        baseline=baseline_label(length),
        groups=tuple(
            _group_result(source, lang, data, plan) for (source, lang), data in groups.items()
        ),
    )


def _group_result(source: str, lang: str, data: dict[str, Any], plan: list[_Method]) -> GroupResult:
    baseline_scores: list[RougeScore] = data["scores"][plan[0].name]
    results = []
    for method in plan:
        scores: list[RougeScore] = data["scores"][method.name]
        intervals = {t: bootstrap([s.get(t) for s in scores]).scaled(100.0) for t in ROUGE_TYPES}
        versus = None
        if method is not plan[0]:
            versus = {
                t: paired_difference(
                    [s.get(t) for s in scores], [s.get(t) for s in baseline_scores]
                ).scaled(100.0)
                for t in ROUGE_TYPES
            }
        seconds = data["seconds"][method.name]
        results.append(
            MethodResult(
                method=method.name,
                label=method.label,
                n=len(scores),
                rouge=intervals,
                seconds=sum(seconds) / len(seconds),
                vs_baseline=versus,
                failures=data["failures"][method.name],
            )
        )
    n = len(baseline_scores)
    return GroupResult(source, lang, n, tuple(results), dict(sorted(data["misdetected"].items())))


def _interval_json(interval: Interval) -> dict[str, float]:
    return {
        "f": round(interval.mean, 2),
        "low": round(interval.low, 2),
        "high": round(interval.high, 2),
    }


def _difference_json(interval: Interval, n: int) -> dict[str, Any]:
    return {**_interval_json(interval), "significant": significant(interval, n)}


def _too_few(n: int) -> str:
    """Why a group's differences get no verdict, or "" when they can."""
    if n >= MIN_SAMPLE:
        return ""
    return (
        f"n too small for intervals ({_articles(n)}, fewer than {MIN_SAMPLE}): no "
        "difference is marked significant."
    )


def _articles(n: int) -> str:
    return "1 article" if n == 1 else f"{n} articles"


def report_json(report: Report) -> dict[str, Any]:
    """The report as plain data: per source, language and method, ``n`` and ROUGE in percent."""
    return {
        "length": report.length.describe(),
        "baseline": report.baseline,
        "title_used": report.use_title,
        "confidence": 0.95,
        "min_n_for_significance": MIN_SAMPLE,
        "groups": [
            {
                "source": g.source,
                "lang": g.lang,
                "n": g.n,
                "note": _too_few(g.n),
                "language_misdetected": g.misdetected,
                "methods": [
                    {
                        "method": m.method,
                        "label": m.label,
                        "n": m.n,
                        **{t: _interval_json(m.rouge[t]) for t in ROUGE_TYPES},
                        "ms_per_article": round(m.seconds * 1000.0, 1),
                        "failures": m.failures,
                        "vs_baseline": (
                            None
                            if m.vs_baseline is None
                            else {t: _difference_json(m.vs_baseline[t], m.n) for t in ROUGE_TYPES}
                        ),
                    }
                    for m in g.methods
                ],
            }
            for g in report.groups
        ],
    }


def _cell(interval: Interval) -> str:
    return f"{interval.mean:.1f} [{interval.low:.1f}–{interval.high:.1f}]"


def _delta(interval: Interval, n: int) -> str:
    # "+" marks a difference whose whole interval is above zero, "−" one wholly below; only
    # over enough articles for the interval to mean it (``significant``).
    mark = ("+" if interval.low > 0 else "−") if significant(interval, n) else ""
    return f"{interval.mean:+.1f}{mark}"


def report_text(report: Report) -> str:
    """Markdown tables, one per source and language."""
    out = [
        f"ROUGE F1 (%) with 95 % bootstrap intervals; summaries of {report.length.describe()}; "
        f"title {'given' if report.use_title else 'not given'} to the engine. "
        f"Δ: paired difference from {report.baseline}, marked + or − when its 95 % interval "
        f"excludes zero (over at least {MIN_SAMPLE} articles).",
    ]
    for g in report.groups:
        out.append("")
        heading = f"### {g.source or 'articles'} ({g.lang}, {_articles(g.n)})"
        out.append(heading)
        if _too_few(g.n):
            out.append(_too_few(g.n))
        if g.misdetected:
            wrong = ", ".join(f"{code} ×{count}" for code, count in g.misdetected.items())
            out.append(f"Language detected otherwise: {wrong}.")
        out.append("")
        out.append(
            f"| method | R-1 | R-2 | R-Lsum | Δ vs {report.baseline} (R-1 / R-2 / R-Lsum) "
            "| ms/article |"
        )
        out.append("|---|---|---|---|---|---:|")
        for m in g.methods:
            delta = (
                "—"
                if m.vs_baseline is None
                else " / ".join(_delta(m.vs_baseline[t], m.n) for t in ROUGE_TYPES)
            )
            label = report.baseline if m.method == BASELINE else m.label
            failed = f" ({m.failures} failed)" if m.failures else ""
            out.append(
                f"| {label}{failed} | "
                + " | ".join(_cell(m.rouge[t]) for t in ROUGE_TYPES)
                + f" | {delta} | {m.seconds * 1000:.0f} |"
            )
    return "\n".join(out)

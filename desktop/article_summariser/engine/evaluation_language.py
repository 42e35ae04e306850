"""How often is the language detected right? Accuracy per kind of text and per language.

Each sample goes through ``detect.detect`` exactly as a pasted text does. What is scored is the
detector's answer (``LanguageGuess.detected_code``), so a language the detector recognises but
the summariser has no data for (Macedonian, say) still counts as recognised; ``zh-cn`` and
``zh-tw`` both count as ``zh``, ``nb`` as ``no``.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from article_summariser.engine import detect, languages
from article_summariser.engine.evaluation_data import LanguageSample

#: Called after each sample with (samples done, samples in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Accuracy:
    n: int
    correct: int

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.n if self.n else 0.0


@dataclass(frozen=True)
class LanguageReport:
    overall: Accuracy
    by_kind: dict[str, Accuracy]
    by_language: dict[str, Accuracy]
    #: Per kind, per language.
    by_kind_language: dict[str, dict[str, Accuracy]]
    #: The most frequent mistakes: ((expected, answered), count), most frequent first.
    confusions: tuple[tuple[tuple[str, str], int], ...]
    seconds_per_sample: float


#: The two halves of a sample set: weights are chosen on the first and checked on the second.
HALVES = ("tuning", "held-out")


def half(sample_id: str) -> str:
    """``"tuning"`` or ``"held-out"``, by the first byte of the id's SHA-1 (even or odd): a
    split that never changes and does not follow language or source."""
    return HALVES[hashlib.sha1(sample_id.encode("utf-8")).digest()[0] % 2]


def answer(text: str, *, refine: bool = True) -> str:
    """The detector's language code for ``text`` (``"unknown"`` when it cannot tell)."""
    guess = detect.detect(text, refine=refine)
    raw = guess.detected_code or guess.code
    return languages.normalise_code(raw) if raw else "unknown"


def evaluate_language(
    samples: Sequence[LanguageSample],
    *,
    refine: bool = True,
    progress: Progress | None = None,
) -> LanguageReport:
    """Detect the language of every sample and count the right answers. ``refine=False``
    measures langdetect alone."""
    totals: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    for done, sample in enumerate(samples, 1):
        expected = languages.normalise_code(sample.lang)
        got = answer(sample.text, refine=refine)
        key = (sample.kind, expected)
        totals[key] += 1
        if got == expected:
            right[key] += 1
        else:
            confusions[(expected, got)] += 1
        if progress is not None:
            progress(done, len(samples))
    elapsed = time.perf_counter() - started

    def accuracy(keys: list[tuple[str, str]]) -> Accuracy:
        return Accuracy(sum(totals[k] for k in keys), sum(right[k] for k in keys))

    kinds = sorted({kind for kind, _ in totals}, key=_kind_order)
    langs = sorted({lang for _, lang in totals})
    return LanguageReport(
        overall=accuracy(list(totals)),
        by_kind={kind: accuracy([k for k in totals if k[0] == kind]) for kind in kinds},
        by_language={lang: accuracy([k for k in totals if k[1] == lang]) for lang in langs},
        by_kind_language={
            kind: {lang: accuracy([(kind, lang)]) for lang in langs if (kind, lang) in totals}
            for kind in kinds
        },
        confusions=tuple(sorted(confusions.items(), key=lambda item: (-item[1], item[0]))),
        seconds_per_sample=elapsed / max(1, len(samples)),
    )


_KINDS = ("sentence", "word_pair", "word")


def _kind_order(kind: str) -> tuple[int, str]:
    return (_KINDS.index(kind) if kind in _KINDS else len(_KINDS), kind)


def _json(accuracy: Accuracy) -> dict[str, Any]:
    return {"n": accuracy.n, "accuracy": round(accuracy.percent, 2)}


def language_report_json(report: LanguageReport) -> dict[str, Any]:
    """``by_kind`` and ``by_language``: each ``{n, accuracy}`` with accuracy in percent."""
    return {
        "overall": _json(report.overall),
        "by_kind": {kind: _json(a) for kind, a in report.by_kind.items()},
        "by_language": {lang: _json(a) for lang, a in report.by_language.items()},
        "by_kind_language": {
            kind: {lang: _json(a) for lang, a in table.items()}
            for kind, table in report.by_kind_language.items()
        },
        "confusions": [
            {"expected": expected, "detected": got, "count": count}
            for (expected, got), count in report.confusions[:30]
        ],
        "ms_per_sample": round(report.seconds_per_sample * 1000.0, 3),
    }


def language_report_text(report: LanguageReport) -> str:
    """Markdown: accuracy per kind, then per language and kind, then the usual mistakes."""
    kinds = list(report.by_kind)
    out = [
        f"Language detection: {report.overall.correct} of {report.overall.n} samples right "
        f"({report.overall.percent:.2f} %), {report.seconds_per_sample * 1000:.2f} ms a sample.",
        "",
        "| kind | samples | accuracy |",
        "|---|---:|---:|",
    ]
    out += [f"| {k} | {a.n} | {a.percent:.2f} % |" for k, a in report.by_kind.items()]
    out += ["", "| language | " + " | ".join(kinds) + " | all |"]
    out.append("|---|" + "---:|" * (len(kinds) + 1))
    for lang, overall in report.by_language.items():
        cells = []
        for kind in kinds:
            accuracy = report.by_kind_language[kind].get(lang)
            cells.append(f"{accuracy.percent:.1f}" if accuracy else "—")
        out.append(f"| {lang} | " + " | ".join(cells) + f" | {overall.percent:.1f} |")
    if report.confusions:
        out += ["", "Most frequent mistakes (expected → detected: count): "]
        out[-1] += ", ".join(f"{e} → {g}: {c}" for (e, g), c in report.confusions[:15]) + "."
    return "\n".join(out)

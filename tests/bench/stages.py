"""One document through the engine, stage by stage, in a fresh process: prints JSON.

``python -m tests.bench.stages FILE ALGORITHM [ALGORITHM ...]``

The process first does what the app does at start-up (import the engine, load langdetect's
profiles, numpy, the stemmer and the sentence model), then measures the document cold: nothing
of it is cached yet (the stemmer's memo of its words included). The stages are the calls
``summarise`` makes, timed one by one; the first algorithm named runs the whole pipeline, the
others are ranked afterwards.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from typing import Any


def _rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(call: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main(path: str, algorithms: list[str]) -> dict[str, Any]:
    from article_summariser.engine import Length, detect, loading, prepare, rank, select
    from article_summariser.engine.structure import split_blocks
    from article_summariser.engine.summarise import warm_up

    # What the app has done by the time a document arrives: models and libraries loaded.
    warm_up()
    result: dict[str, Any] = {"rss_start_mb": _rss_mb()}
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}

    doc, wall["load"], cpu["load"] = _timed(lambda: loading.load_path(path))
    text = doc.text
    blocks, wall["clean"], cpu["clean"] = _timed(
        lambda: list(doc.blocks) if doc.blocks is not None else split_blocks(text)
    )
    guess, wall["detect"], cpu["detect"] = _timed(lambda: detect.detect(text))
    language = guess.code or "en"
    prepared, wall["tokenise"], cpu["tokenise"] = _timed(
        lambda: prepare(text, language, title=doc.title, blocks=blocks)
    )
    first = algorithms[0]
    ranked, wall["rank"], cpu["rank"] = _timed(lambda: rank(prepared, first))
    summary, wall["select"], cpu["select"] = _timed(lambda: select(ranked, Length.sentences(5)))
    result["total"] = sum(wall.values())
    result["total_cpu"] = sum(cpu.values())
    result["rss_peak_mb"] = _rss_mb()

    # The length slider: re-selecting from the cached scores.
    reselect, reselect_cpu = [], []
    for length in (Length.ratio(0.1), Length.sentences(10), Length.words(200), Length.ratio(0.3)):
        _, seconds, cpu_seconds = _timed(lambda length=length: select(ranked, length))
        reselect.append(seconds)
        reselect_cpu.append(cpu_seconds)
    wall["reselect"] = sorted(reselect)[len(reselect) // 2]
    cpu["reselect"] = sorted(reselect_cpu)[len(reselect_cpu) // 2]

    result.update(
        words=prepared.words_total,
        sentences=len(prepared.sentences),
        candidates=len(prepared.candidates),
        language=language,
        summary_sentences=len(summary.summary),
        stages=wall,
        stages_cpu=cpu,
    )
    ranks = {first: {"wall": wall["rank"], "cpu": cpu["rank"]}}
    for name in algorithms[1:]:
        _, seconds, cpu_seconds = _timed(lambda name=name: rank(prepared, name))
        ranks[name] = {"wall": seconds, "cpu": cpu_seconds}
    result["algorithms"] = ranks
    result["rss_peak_all_mb"] = _rss_mb()
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2:])))

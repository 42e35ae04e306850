"""A warm app summarising 1,000-word articles, and the length slider: prints JSON.

``python -m tests.bench.warm FOLDER``

Warm means what an app that has been open a while has done: engine imported, langdetect's
profiles and numpy loaded, one document summarised. Each measured article is new to it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from tests.bench import corpus


def main(folder: str) -> dict[str, Any]:
    from article_summariser.engine import Length, Options, loading, rank, select, summarise
    from article_summariser.engine.summarise import prepare, warm_up

    warm_up()
    here = Path(folder)
    summarise(corpus.document(1_000, start=500), Options())
    totals, cpu, reselects, reselects_cpu = [], [], [], []
    for start in (0, 100, 200, 300, 400):
        path = corpus.write(here, 1_000, start)
        t0, c0 = time.perf_counter(), time.process_time()
        doc = loading.load_path(path)
        summary = summarise(doc.text, Options(), title=doc.title, blocks=doc.blocks)
        totals.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        assert summary.summary
        ranked = rank(prepare(doc.text, "en", title=doc.title, blocks=doc.blocks))
        select(ranked, Length.sentences(5))
        for length in (Length.ratio(0.2), Length.sentences(3), Length.words(150)):
            t0, c0 = time.perf_counter(), time.process_time()
            select(ranked, length)
            reselects.append(time.perf_counter() - t0)
            reselects_cpu.append(time.process_time() - c0)

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    return {
        "summary_1k_median": median(totals),
        "summary_1k_median_cpu": median(cpu),
        "summary_1k_all": totals,
        "reselect_1k_median": median(reselects),
        "reselect_1k_median_cpu": median(reselects_cpu),
        "reselect_1k_max": max(reselects),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))

"""sumy's own summarizers on one document, one JSON line per algorithm as each finishes.

``python -m tests.bench.sumy_child FILE ALGORITHM [ALGORITHM ...]``

sumy gets our sentences and words (through ``sumy_adapter``): sumy's own parser needs NLTK
data the app does not ship, and would only add to sumy's time. The parent kills this process
when an algorithm runs past its time limit.
"""

from __future__ import annotations

import json
import sys
import time
import warnings


def main(path: str, algorithms: list[str]) -> None:
    from article_summariser.engine import loading, prepare
    from article_summariser.engine.algorithms.sumy_adapter import rank_with_sumy

    doc = loading.load_path(path)
    prepared = prepare(doc.text, "en", title=doc.title, blocks=doc.blocks)
    # Import each summarizer's modules first, so the first one timed does not pay for sumy's.
    tiny = prepare("sumy starts here. It imports its modules.", "en").rank_input
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in algorithms:
            rank_with_sumy(name, tiny)
    print(json.dumps({"ready": True}), flush=True)
    for name in algorithms:
        wall, cpu = time.perf_counter(), time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rank_with_sumy(name, prepared.rank_input)
        print(
            json.dumps(
                {
                    "algorithm": name,
                    "wall": time.perf_counter() - wall,
                    "cpu": time.process_time() - cpu,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])

"""One measurement of ``tests.bench.huge``, in a fresh process, printed as one JSON line.

    python -m tests.bench.huge_child pipeline PATH [ALGORITHM]
    python -m tests.bench.huge_child cancel PATH FRACTION
    python -m tests.bench.huge_child pdf PATH [CANCEL_AT]
    python -m tests.bench.huge_child refuse PATH

Peak memory is the process's ``VmHWM`` after each stage (``ru_maxrss`` would include the
parent's peak, which Linux carries across fork and exec). Times are wall and CPU seconds; the
work is one thread, so on an idle machine the two agree.
"""

from __future__ import annotations

import json
import resource
import sys
import threading
import time
from itertools import pairwise
from pathlib import Path
from typing import Any


def peak_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stage:
    """Times one stage and notes the peak memory once it is over."""

    def __init__(self, record: dict[str, Any], name: str) -> None:
        self.record = record
        self.name = name

    def __enter__(self) -> Stage:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.record[self.name] = {
            "wall_s": round(time.perf_counter() - self.wall, 3),
            "cpu_s": round(time.process_time() - self.cpu, 3),
            "peak_mb": round(peak_mb()),
        }


class Reports:
    """The progress callback: how many reports came, and the longest silence between them."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.fractions: list[float] = []

    def __call__(self, fraction: float) -> None:
        self.times.append(time.perf_counter())
        self.fractions.append(fraction)

    def summary(self, start: float, end: float) -> dict[str, Any]:
        moments = [start, *self.times, end]
        return {
            "reports": len(self.times),
            "longest_silence_s": round(max(b - a for a, b in pairwise(moments)), 3),
            "rising": self.fractions == sorted(self.fractions),
        }


def pipeline(path: Path, algorithm: str) -> dict[str, Any]:
    from article_summariser.engine import Length, loading, prepare, rank, select

    result: dict[str, Any] = {"baseline_mb": round(peak_mb())}
    stages: dict[str, Any] = {}
    with Stage(stages, "load"):
        document = loading.load_path(path)
    reports = Reports()
    start = time.perf_counter()
    with Stage(stages, "prepare"):
        prepared = prepare(document.text, blocks=document.blocks, progress=reports)
    result["progress"] = reports.summary(start, time.perf_counter())
    with Stage(stages, "rank"):
        ranked = rank(prepared, algorithm)
    with Stage(stages, "select"):
        summary = select(ranked, Length.sentences(10))
    with Stage(stages, "reselect"):
        select(ranked, Length.ratio(0.01))
    result.update(
        characters=len(document.text),
        sentences=len(prepared.sentences),
        words=prepared.words_total,
        algorithm=ranked.algorithm,
        chosen=len(summary.summary),
        stages=stages,
        wall_s=round(sum(s["wall_s"] for n, s in stages.items() if n != "reselect"), 2),
        cpu_s=round(sum(s["cpu_s"] for n, s in stages.items() if n != "reselect"), 2),
        peak_mb=round(peak_mb()),
    )
    return result


def cancel(path: Path, fraction: float) -> dict[str, Any]:
    """Cancel ``prepare`` from the progress callback once it passes ``fraction``; how long
    until it stops (the callback returns at once, as the window's does)."""
    from article_summariser.engine import CancelledError, loading, prepare

    document = loading.load_path(path)
    flag = threading.Event()
    asked: list[float] = []

    def progress(done: float) -> None:
        if done >= fraction and not flag.is_set():
            asked.append(time.perf_counter())
            flag.set()

    try:
        prepare(document.text, blocks=document.blocks, cancelled=flag.is_set, progress=progress)
    except CancelledError:
        return {"fraction": fraction, "latency_s": round(time.perf_counter() - asked[0], 4)}
    return {"fraction": fraction, "latency_s": None, "note": "finished before the cancel"}


def pdf(path: Path, cancel_at: float | None) -> dict[str, Any]:
    from article_summariser.engine import CancelledError, loading
    from article_summariser.engine.loaders import pdf as reader

    flag = threading.Event()
    asked: list[float] = []
    reports = Reports()

    def progress(done: float) -> None:
        reports(done)
        if cancel_at is not None and done >= cancel_at * reader.READ_SHARE and not flag.is_set():
            asked.append(time.perf_counter())
            flag.set()

    from pypdf import PdfReader

    pages = len(PdfReader(path).pages)
    stages: dict[str, Any] = {}
    start = time.perf_counter()
    try:
        with Stage(stages, "load"):
            document = loading.load_path(path, cancelled=flag.is_set, progress=progress)
    except CancelledError:
        return {"pages": pages, "cancel_latency_s": round(time.perf_counter() - asked[0], 4)}
    load = stages["load"]
    return {
        "pages": pages,
        "characters": len(document.text),
        "pages_per_s": round(pages / load["wall_s"], 1),
        "pages_per_cpu_s": round(pages / load["cpu_s"], 1),
        "progress": reports.summary(start, time.perf_counter()),
        **load,
    }


def refuse(path: Path) -> dict[str, Any]:
    from article_summariser.engine import InputError, loading

    start = time.perf_counter()
    try:
        loading.load_path(path)
        message = ""
    except InputError as error:
        message = error.message
    return {"message": message, "wall_s": round(time.perf_counter() - start, 4)}


def main(argv: list[str]) -> int:
    step, path = argv[0], Path(argv[1])
    if step == "pipeline":
        result = pipeline(path, argv[2] if len(argv) > 2 else "default")
    elif step == "cancel":
        result = cancel(path, float(argv[2]))
    elif step == "pdf":
        result = pdf(path, float(argv[2]) if len(argv) > 2 else None)
    else:
        result = refuse(path)
    result["peak_mb"] = round(peak_mb())
    print(json.dumps({"step": step, **result}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Huge input: time and peak memory for a 50 MB text, and for refusing what is over the limit.

    python -m tests.bench.huge [--mb 50] [--algorithms luhn lexrank] [--timeout 1800]

Each figure comes from a fresh process (peak memory is its ``VmHWM``): loading the file,
preparing it (language, blocks, sentences, words), summarising it with each algorithm asked
for (a run over the time limit is reported as such), refusing a sparse 10 GB file, and how
long a cancel takes to be honoured while the text is prepared. The text is real English
articles, each under a numbered heading, repeated until the size is reached. A 50 MB run
takes several minutes and a few GB of memory, which is why it is not part of ``make bench``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from tests.bench import corpus

_CHILD = textwrap.dedent(
    """
    import json, resource, sys, threading, time
    from pathlib import Path

    def peak_mb():
        # VmHWM: the peak of this process image. ru_maxrss would include the parent's peak,
        # which Linux carries across fork and exec.
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    from article_summariser.engine import (
        CancelledError, InputError, Length, Options, loading, prepare, summarise,
    )
    step, path = sys.argv[1], Path(sys.argv[2])
    base = peak_mb()
    result = {"step": step}
    start = time.perf_counter()
    if step == "refuse":
        try:
            loading.load_path(path)
        except InputError as error:
            result["message"] = error.message
    else:
        document = loading.load_path(path)
        text = document.text
        result["characters"] = len(text)
        if step == "prepare":
            prepared = prepare(text, blocks=document.blocks)
            result["sentences"] = len(prepared.sentences)
            result["words"] = prepared.words_total
        elif step == "cancel":
            cancel = threading.Event()
            timer = threading.Timer(2.0, cancel.set)
            timer.start()
            try:
                prepare(text, cancelled=cancel.is_set)
            except CancelledError:
                result["cancel_latency_s"] = round(time.perf_counter() - start - 2.0, 3)
        elif step.startswith("summarise:"):
            summary = summarise(text, Options(step.split(":", 1)[1], "auto", Length.sentences(10)))
            result["sentences"] = len(summary.sentences)
            result["chosen"] = len(summary.summary)
    result["seconds"] = round(time.perf_counter() - start, 2)
    result["peak_mb"] = round(peak_mb())
    result["baseline_mb"] = round(base)
    print(json.dumps(result))
    """
)


def build(folder: Path, megabytes: float) -> Path:
    """A text file of ``megabytes`` MB of real articles."""
    size = int(megabytes * 1024 * 1024)
    articles = corpus._articles()
    parts: list[bytes] = []
    total = 0
    index = 0
    while total < size:
        part = f"Part {index}\n\n{articles[index % len(articles)]}\n\n".encode()
        parts.append(part)
        total += len(part)
        index += 1
    data = b"".join(parts)[:size]
    data = data.decode("utf-8", "ignore").encode("utf-8")
    path = folder / f"articles-{megabytes:g}mb.txt"
    path.write_bytes(data)
    return path


def build_pdf(folder: Path, pages: int) -> Path:
    """A ``pages``-page PDF of real articles (fpdf2, a test dependency), one article a page."""
    from fpdf import FPDF

    articles = corpus._articles()
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for page in range(pages):
        pdf.add_page()
        text = articles[page % len(articles)][:2500]
        pdf.multi_cell(0, 5, text.encode("latin-1", "replace").decode("latin-1"))
    path = folder / f"book-{pages}-pages.pdf"
    pdf.output(str(path))
    return path


def run(step: str, path: Path, timeout: float) -> dict:
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, step, str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return {"step": step, "seconds": None, "note": f"not finished in {timeout:g} s"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--algorithms", nargs="*", default=["luhn"])
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument(
        "--pdf-pages", type=int, default=0, help="also load a PDF of this many pages (slow to make)"
    )
    parser.add_argument("--pdf", type=Path, help="an existing PDF to load instead")
    parser.add_argument("--json", type=Path, default=corpus.ROOT / "bench-results-huge.json")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        text = build(Path(folder), args.mb)
        sparse = Path(folder) / "sparse-10gb.txt"
        with sparse.open("wb") as handle:
            handle.truncate(10 * 1024**3)
        steps = [("refuse", sparse), ("load", text), ("prepare", text), ("cancel", text)]
        steps += [(f"summarise:{name}", text) for name in args.algorithms]
        if args.pdf or args.pdf_pages:
            pdf = args.pdf or build_pdf(Path(folder), args.pdf_pages)
            steps += [("load", pdf), ("prepare", pdf)]
        for step, path in steps:
            started = time.perf_counter()
            result = run(step, path, args.timeout)
            result["size_mb"] = round(path.stat().st_size / 1024**2, 1)
            result["kind"] = "PDF" if path.suffix == ".pdf" else "text"
            results.append(result)
            print(
                f"{step:<20} {result.get('seconds')!s:>8} s  peak {result.get('peak_mb', '-')} MB"
                f"  ({time.perf_counter() - started:.0f} s wall) {json.dumps(result)}",
                flush=True,
            )
    args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print()
    print("| step | input | time | peak memory |")
    print("|---|---|---|---|")
    for r in results:
        seconds = f"{r['seconds']} s" if r.get("seconds") is not None else r.get("note", "")
        size = "10 GB (sparse)" if r["step"] == "refuse" else f"{r['size_mb']} MB {r['kind']}"
        print(f"| {r['step']} | {size} | {seconds} | {r.get('peak_mb', '–')} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

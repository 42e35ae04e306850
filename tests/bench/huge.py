"""Huge input: the whole pipeline on a 50 MB text, cancels, refusals and a many-page PDF.

    python -m tests.bench.huge [--mb 50] [--pdf-pages 1000] [--algorithms default lexrank]

``make bench`` runs it (``tests.bench.run``) with the defaults; alone it writes
``bench-results-huge.json``. Each figure comes from a fresh process (``tests.bench.huge_child``):

- the pipeline, load → prepare → rank → select, with the time (wall and CPU) and peak memory
  of each stage, and how often ``prepare`` reported progress (the longest silence between two
  reports is what a progress bar would show as a stall);
- how soon a cancel is honoured, asked from the progress callback while paragraphs are split
  and while sentences are tokenised;
- refusing a sparse 10 GB file and a many-page PDF's pages per second, with a cancel half-way.

The text is the English development articles, each under a numbered heading, repeated until the
size is reached (real prose; the cost of each stage depends on the number of words and
sentences, not on whether they are new). The PDF is the same articles typeset one line at a time
with fpdf2 (a test dependency).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench import corpus


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
    """A ``pages``-page PDF of real articles, 50 lines a page (about a second per 500 pages)."""
    from tests.books import book

    path = folder / f"book-{pages}-pages.pdf"
    book(path, pages)
    return path


def run(args: list[str], timeout: float) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.bench.huge_child", *args],
            cwd=corpus.ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"step": args[0], "note": f"not finished in {timeout:g} s"}
    if done.returncode != 0:
        return {"step": args[0], "note": f"failed: {done.stderr.strip().splitlines()[-1:]}"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = round(time.perf_counter() - started, 1)
    return result


def measure(
    folder: Path,
    megabytes: float = 50,
    algorithms: tuple[str, ...] = ("default",),
    pdf_pages: int = 1000,
    timeout: float = 900,
) -> dict[str, Any]:
    """Every huge-input figure, as a dict for the JSON report; what it is doing goes to
    stderr."""

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    text = build(folder, megabytes)
    sparse = folder / "sparse-10gb.txt"
    with sparse.open("wb") as handle:
        handle.truncate(10 * 1024**3)
    results: dict[str, Any] = {"megabytes": megabytes, "pipeline": {}, "cancel": []}
    results["refuse"] = run(["refuse", str(sparse)], 60)
    for name in algorithms:
        say(f"  huge input: {megabytes:g} MB through the pipeline ({name}) ...")
        results["pipeline"][name] = run(["pipeline", str(text), name], timeout)
    from article_summariser.engine.summarise import SPLIT_SHARE

    # Once a few paragraphs are split; once tokenising is well under way.
    for fraction in (SPLIT_SHARE / 4, SPLIT_SHARE + 0.05):
        say(f"  huge input: cancel at {fraction:.0%} of prepare ...")
        results["cancel"].append(run(["cancel", str(text), f"{fraction:.4f}"], timeout))
    if pdf_pages:
        say(f"  huge input: a {pdf_pages}-page PDF ...")
        book = build_pdf(folder, pdf_pages)
        results["pdf"] = run(["pdf", str(book)], timeout)
        results["pdf"]["size_mb"] = round(book.stat().st_size / 1024**2, 1)
        results["pdf_cancel"] = run(["pdf", str(book), "0.5"], timeout)
    return results


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s" if value < 10 else f"{value:.0f} s"


def report(results: dict[str, Any]) -> list[str]:
    """Markdown lines for the figures of ``measure``."""
    mb = results["megabytes"]
    out = [f"### Huge input ({mb:g} MB of real articles as one text)\n"]
    for name, r in results["pipeline"].items():
        if "stages" not in r:
            out.append(f"{name}: {r.get('note', 'no result')}\n")
            continue
        out.append(
            f"{r['words']:,} words, {r['sentences']:,} sentences; algorithm {r['algorithm']}.\n"
        )
        out.append("| stage | wall | CPU | peak memory after it |")
        out.append("|---|---|---|---|")
        for stage, s in r["stages"].items():
            out.append(f"| {stage} | {_s(s['wall_s'])} | {_s(s['cpu_s'])} | {s['peak_mb']} MB |")
        out.append(
            f"| **total** | **{_s(r['wall_s'])}** | **{_s(r['cpu_s'])}** | "
            f"**{r['peak_mb']} MB** |\n"
        )
        p = r["progress"]
        out.append(
            f"Progress: {p['reports']:,} reports during prepare, longest silence "
            f"{_s(p['longest_silence_s'])}, {'rising' if p['rising'] else 'NOT rising'}.\n"
        )
    for c in results["cancel"]:
        latency = c.get("latency_s")
        out.append(
            f"- Cancel at {c.get('fraction', 0):.0%} of prepare: stopped after "
            f"{_s(latency) if latency is not None else c.get('note', '–')}"
        )
    refuse = results["refuse"]
    wall = _s(refuse.get("wall_s"))
    out.append(f"- Sparse 10 GB file refused in {wall}: {refuse.get('message')}")
    pdf = results.get("pdf")
    if pdf and "pages" in pdf and "pages_per_s" in pdf:
        out.append(
            f"- {pdf['pages']:,}-page PDF ({pdf['size_mb']} MB, {pdf['characters']:,} characters):"
            f" {_s(pdf['wall_s'])} wall, {pdf['pages_per_s']} pages/s "
            f"({pdf['pages_per_cpu_s']} per CPU second), peak {pdf['peak_mb']} MB, "
            f"{pdf['progress']['reports']:,} progress reports"
        )
    elif pdf:
        out.append(f"- PDF: {pdf.get('note')}")
    cancel = results.get("pdf_cancel")
    if cancel and "cancel_latency_s" in cancel:
        out.append(f"- PDF cancelled half-way: stopped after {_s(cancel['cancel_latency_s'])}")
    out.append("")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--algorithms", nargs="+", default=["default"])
    parser.add_argument("--pdf-pages", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--json", type=Path, default=corpus.ROOT / "bench-results-huge.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="article-summariser-huge-") as folder:
        folder_path, names = Path(folder), tuple(args.algorithms)
        results = measure(folder_path, args.mb, names, args.pdf_pages, args.timeout)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print("\n".join(report(results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

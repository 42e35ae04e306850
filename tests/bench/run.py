"""``make bench``: speed and memory of the engine and the app, against sumy and a bare window.

Measures, on real prose (``corpus``) of 1k to 500k words:

- each stage of our pipeline (load, clean, detect, tokenise, rank, select) in a fresh
  process per size (the faster of two), its peak memory, and every algorithm's ranking time;
- sumy's own implementation of every algorithm on the same sentences, in a child process
  killed after a minute; runs predicted (from the smaller sizes) to take longer are skipped;
- a warm 1,000-word summary and the length slider's re-select;
- start-up side by side: a bare PySide6 window with two text panes, the app's window and its
  first summary of the sample, and the command line;
- huge input (``tests.bench.huge``): a 50 MB text through the whole pipeline with each stage's
  time and peak memory, cancels, refusals, and a 1,000-page PDF (``--huge-mb 0`` skips it).

Prints Markdown tables and writes every figure as JSON (default ``bench-results.json`` at the
project's root, which git ignores). Finishes in about three to five minutes on two cores, plus
two to three for the huge input.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.bench import corpus, huge

ROOT = corpus.ROOT
PYTHON = sys.executable
BIN = Path(sys.executable).parent
SAMPLE = ROOT / "resources" / "sample-article.txt"
ALGORITHMS = ("lexrank", "textrank", "lsa", "luhn", "edmundson", "kl", "sumbasic", "reduction")
#: The pipeline runs with the algorithm sumy is compared with (the issue's yardstick); the
#: default, positional centrality, has no sumy counterpart and is timed in the ranking table.
PIPELINE = "lexrank"
OURS_ONLY = ("positional",)
#: How a sumy run's time grows with words, until two sizes have been measured.
SUMY_GROWTH = {"kl": 3.0, "luhn": 1.2, "edmundson": 1.2}
STARTUP_RUNS = 3


# -- child processes ---------------------------------------------------------------------------


def _child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


def _json_child(args: Sequence[str], timeout: float) -> dict[str, Any]:
    done = subprocess.run(
        [PYTHON, *args],
        cwd=ROOT,
        env=_child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _stream_child(args: Sequence[str]) -> tuple[subprocess.Popen[str], queue.Queue[str | None]]:
    process = subprocess.Popen(
        [PYTHON, *args],
        cwd=ROOT,
        env=_child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return process, lines


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()


# -- our engine --------------------------------------------------------------------------------


def measure_ours(paths: dict[int, Path]) -> dict[int, Any]:
    results = {}
    for size, path in paths.items():
        names = [PIPELINE] + [a for a in ALGORITHMS + OURS_ONLY if a != PIPELINE]
        print(f"  ours, {size:,} words ...", file=sys.stderr, flush=True)
        result = _json_child(["-m", "tests.bench.stages", str(path), *names], 600)
        # The pipeline once more in another fresh process; the faster run counts (a busy
        # machine only ever adds time). Every algorithm's ranking comes from the first run.
        again = _json_child(["-m", "tests.bench.stages", str(path), PIPELINE], 600)
        if again["total_cpu"] < result["total_cpu"]:
            again["algorithms"] = {
                **result["algorithms"],
                PIPELINE: again["algorithms"][PIPELINE],
            }
            again["rss_peak_all_mb"] = result["rss_peak_all_mb"]
            result = again
        results[size] = result
    return results


# -- sumy --------------------------------------------------------------------------------------


def _predict(history: list[tuple[int, float]], name: str, words: int) -> float:
    """sumy's time at ``words`` from its times at smaller sizes (0 when nothing is known)."""
    usable = [(w, t) for w, t in history if t >= 0.05]
    if not history:
        return 0.0
    w1, t1 = history[-1]
    growth = SUMY_GROWTH.get(name, 2.0)
    if len(usable) >= 2:
        (wa, ta), (wb, tb) = usable[-2], usable[-1]
        growth = min(3.5, max(1.0, math.log(tb / ta) / math.log(wb / wa)))
    return max(t1, 1e-3) * (words / w1) ** growth


def measure_sumy(
    paths: dict[int, Path], words: dict[int, int], limit: float, budget: float
) -> dict[int, dict[str, Any]]:
    """sumy's time per size and algorithm: measured, timed out, or skipped with a prediction."""
    results: dict[int, dict[str, Any]] = {}
    history: dict[str, list[tuple[int, float]]] = {a: [] for a in ALGORITHMS}
    dead: set[str] = set()
    started = time.perf_counter()
    for size, path in paths.items():
        results[size] = {}
        plan = []
        for name in ALGORITHMS:
            guess = _predict(history[name], name, words[size])
            if name in dead:
                results[size][name] = {"skipped": True, "predicted": guess or None}
            elif guess > limit / 2:  # a busy machine can take twice as long: no wasted minute
                results[size][name] = {"skipped": True, "predicted": guess}
            else:
                plan.append((guess, name))
        plan.sort()
        spent = time.perf_counter() - started
        affordable = []
        for guess, name in plan:
            spent += guess
            if spent <= budget:
                affordable.append(name)
            else:
                results[size][name] = {"skipped": True, "predicted": guess, "budget": True}
        if not affordable:
            continue
        print(f"  sumy, {size:,} words: {', '.join(affordable)}", file=sys.stderr, flush=True)
        pending = list(affordable)
        while pending:
            process, lines = _stream_child(["-m", "tests.bench.sumy_child", str(path), *pending])
            try:
                if lines.get(timeout=600) is None:
                    raise RuntimeError(f"sumy child failed on {path}")
                while pending:
                    name = pending[0]
                    try:
                        line = lines.get(timeout=limit)
                    except queue.Empty:
                        results[size][name] = {"timeout": limit}
                        dead.add(name)
                        pending.pop(0)
                        break
                    if line is None:
                        raise RuntimeError(f"sumy child died on {name} at {size} words")
                    record = json.loads(line)
                    results[size][name] = record
                    history[name].append((words[size], record["cpu"]))
                    pending.pop(0)
            finally:
                _stop(process)
    return results


# -- start-up ----------------------------------------------------------------------------------


def _probe(command: Sequence[str], env: dict[str, str], timeout: float = 60) -> dict[str, float]:
    """Run a start-up probe; its ``event seconds`` lines, plus the whole run's wall time."""
    t0 = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    events: dict[str, float] = {"exit": elapsed}
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and (
            parts[0] in ("window-shown", "first-summary") or parts[0].startswith("phase:")
        ):
            events[parts[0]] = float(parts[1])
    return events


def measure_qt_types(env: dict[str, str], runs: int) -> dict[str, Any] | None:
    """PySide6's own time to make the types of the Qt classes the app's window names before its
    first paint (``tests.bench.qt_types``): the median of ``runs`` fresh processes."""
    child = [PYTHON, "-m", "tests.bench.qt_types"]
    try:
        names = subprocess.run(
            [*child, "names"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        if names.returncode != 0:
            raise RuntimeError(names.stderr[-2000:])
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            handle.write(names.stdout)
        timings = []
        for _ in range(max(1, runs)):
            done = subprocess.run(
                [*child, "time", handle.name],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            if done.returncode != 0:
                raise RuntimeError(done.stderr[-2000:])
            timings.append(json.loads(done.stdout))
        os.unlink(handle.name)
    except (RuntimeError, OSError, ValueError, subprocess.TimeoutExpired) as error:
        print(f"  timing PySide6's types failed: {error}", file=sys.stderr, flush=True)
        return None
    timings.sort(key=lambda t: t["seconds"])
    return timings[len(timings) // 2]


def cache_bytecode() -> bool:
    """Compile the package's modules into ``__pycache__``, as installing a wheel does (and as
    the frozen app ships them), so that start-up is timed as people start the app. Without it,
    where ``PYTHONDONTWRITEBYTECODE`` is set and the install is editable, every start compiles
    the window's ~35 modules before the first paint and the engine's before the first summary
    (the bare window has nothing of its own to compile). Returns whether it worked."""
    import compileall

    package = ROOT / "desktop" / "article_summariser"
    return bool(compileall.compile_dir(str(package), quiet=1))


def measure_startup(
    home: Path, runs_each: int = STARTUP_RUNS, compiled: bool = True
) -> dict[str, Any]:
    bytecode = cache_bytecode() if compiled else False
    env = _child_env(
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
    )
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "app": [], "cli": [], "cli_summary": []}
    app = [str(BIN / "article-summariser"), "--benchmark-startup", str(SAMPLE)]
    cli = str(BIN / "article-summariser-cli")
    commands = {
        "bare": [PYTHON, str(ROOT / "tests/bench/bare_window.py")],
        "app": app,
        "cli": [cli, "--version"],
        "cli_summary": [cli, "summarise", str(SAMPLE)],
    }
    errors: dict[str, str] = {}
    for _ in range(runs_each):  # interleaved, so that a busy moment hits all alike
        for kind, command in commands.items():
            if kind in errors:
                continue
            try:
                runs[kind].append(_probe(command, env))
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                errors[kind] = str(error)[-2000:]
                print(f"  start-up of {kind} failed: {error}", file=sys.stderr, flush=True)

    def median(kind: str, event: str) -> float | None:
        values = sorted(r[event] for r in runs[kind] if event in r)
        return values[len(values) // 2] if values else None

    qt_types = measure_qt_types(env, runs_each)

    def spread(kind: str, event: str) -> list[float] | None:
        values = [r[event] for r in runs[kind] if event in r]
        return [min(values), max(values)] if values else None

    return {
        "bare_window_shown": median("bare", "window-shown"),
        "app_window_shown": median("app", "window-shown"),
        "app_first_summary": median("app", "first-summary"),
        "cli_version": median("cli", "exit"),
        "cli_summary_of_sample": median("cli_summary", "exit"),
        "ranges": {
            "bare_window_shown": spread("bare", "window-shown"),
            "app_window_shown": spread("app", "window-shown"),
            "app_first_summary": spread("app", "first-summary"),
            "cli_version": spread("cli", "exit"),
            "cli_summary_of_sample": spread("cli_summary", "exit"),
        },
        "phases": {
            kind: {
                event.removeprefix("phase:"): median(kind, event)
                for event in PHASES
                if any(event in r for r in runs[kind])
            }
            for kind in ("bare", "app")
        },
        "qt_types": qt_types,
        "runs_each": runs_each,
        "bytecode_cached": bytecode,
        "runs": runs,
        "errors": errors,
        "platform": env["QT_QPA_PLATFORM"],
    }


# -- report ------------------------------------------------------------------------------------


def _s(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def _sumy_cell(record: dict[str, Any] | None) -> tuple[str, float | None, str]:
    """Text, seconds, and how sure: ``""`` measured, ``"≥ "`` a time-out, ``"≈ "`` predicted."""
    if not record:
        return "–", None, "≈ "
    if "cpu" in record:
        return _s(record["cpu"]), record["cpu"], ""
    if "timeout" in record:
        return f"> {record['timeout']:.0f} s", record["timeout"], "≥ "
    guess = record.get("predicted")
    return (f"≈ {_s(guess)} (est.)" if guess else "not run"), guess, "≈ "


def _ratio(theirs: float | None, ours: float | None, sure: str) -> str:
    if not theirs or not ours:
        return "–"
    value = theirs / ours
    return sure + (f"{value:,.0f}×" if value >= 10 else f"{value:.1f}×")


def growth(points: list[tuple[float, float]]) -> float | None:
    """Least-squares exponent k in time ∝ words^k over the points."""
    usable = [(math.log(w), math.log(t)) for w, t in points if t > 0]
    if len(usable) < 2:
        return None
    mx = sum(x for x, _ in usable) / len(usable)
    my = sum(y for _, y in usable) / len(usable)
    sxx = sum((x - mx) ** 2 for x, _ in usable)
    return sum((x - mx) * (y - my) for x, y in usable) / sxx if sxx else None


#: The steps both windows mark on the way to their first paint, and what they mean.
PHASES = {
    "phase:qt-imported": "Python started, PySide6's QtCore and QtWidgets imported",
    "phase:modules-imported": "the window's own modules imported (the app only)",
    "phase:window-built": "application and window built, not yet shown",
    "window-shown": "first paint done",
}


def phase_report(start: dict[str, Any]) -> list[str]:
    """Where the time goes before the first paint: each window's steps (medians), and what
    each step adds."""
    phases = start.get("phases") or {}
    bare, app = dict(phases.get("bare", {})), dict(phases.get("app", {}))
    bare["window-shown"] = start.get("bare_window_shown")
    app["window-shown"] = start.get("app_window_shown")
    if not any(bare.values()) or not any(app.values()):
        return []
    out = [
        "Where the time goes (medians, since the process started; the step's own time in "
        "brackets):\n",
        "| step | bare window | the app's window |",
        "|---|---|---|",
    ]
    last = {"bare": 0.0, "app": 0.0}
    for event, meaning in PHASES.items():
        key = event.removeprefix("phase:")
        cells = []
        for kind, marks in (("bare", bare), ("app", app)):
            seconds = marks.get(key)
            if seconds is None:
                cells.append("–")
                continue
            cells.append(f"{_s(seconds)} (+{_s(seconds - last[kind])})")
            last[kind] = seconds
        out.append(f"| {meaning} | {cells[0]} | {cells[1]} |")
    out.append("")
    qt_types = start.get("qt_types")
    if qt_types:
        out.append(
            f"Within the app's module step, PySide6 itself takes {_s(qt_types['seconds'])} "
            f"to make the Python types of the {qt_types['names']} Qt classes the window's "
            f"modules name, with their {qt_types['enums']} enums (timed alone in a fresh "
            "process, `tests/bench/qt_types.py`).\n"
        )
    return out


def startup_report(start: dict[str, Any]) -> list[str]:
    """The start-up table: medians and ranges of the interleaved runs."""
    out: list[str] = []
    platform_name = start["platform"]
    runs_each = start.get("runs_each", STARTUP_RUNS)
    bytecode = "cached" if start.get("bytecode_cached") else "compiled at each start"
    out.append(
        f"### Start-up (since process start; median [range] of {runs_each} interleaved runs; "
        f"Qt {platform_name}; the app's bytecode {bytecode})\n"
    )
    out.append("| what | time |")
    out.append("|---|---|")
    ranges = start.get("ranges", {})

    def cell(key: str) -> str:
        spread = ranges.get(key)
        extent = f" [{_s(spread[0])}–{_s(spread[1])}]" if spread else ""
        return _s(start[key]) + extent

    out.append(f"| bare PySide6 window, two text panes, painted | {cell('bare_window_shown')} |")
    out.append(f"| the app's window painted | {cell('app_window_shown')} |")
    out.append(f"| the app's first summary of the sample | {cell('app_first_summary')} |")
    out.append(f"| `article-summariser-cli --version` | {cell('cli_version')} |")
    out.append(
        f"| `article-summariser-cli summarise` the sample | {cell('cli_summary_of_sample')} |"
    )
    for kind, error in start.get("errors", {}).items():
        last = error.strip().splitlines()[-1] if error.strip() else "no output"
        out.append(f"\n{kind} did not start: {last}")
    out.append("")
    out.extend(phase_report(start))
    return out


def report(results: dict[str, Any]) -> str:
    ours: dict[int, Any] = results["ours"]
    sumy: dict[int, Any] = results.get("sumy", {})
    sizes = sorted(ours)
    out = []
    out.append(f"Machine: {results['machine']}\n")
    out.append(
        "### Pipeline, `.txt` to summary (LexRank, the algorithm compared with sumy's; CPU time "
        "per stage, "
        "fresh process)\n"
    )
    stages = ("load", "clean", "detect", "tokenise", "rank", "select")
    out.append(
        "| words | sentences | "
        + " | ".join(stages)
        + " | total CPU | total wall | sumy's LexRank | sumy ÷ our total | peak memory |"
    )
    out.append("|" + "---|" * (len(stages) + 7))
    for size in sizes:
        r = ours[size]
        text, theirs, bound = _sumy_cell(sumy.get(size, {}).get(PIPELINE))
        out.append(
            f"| {r['words']:,} | {r['sentences']:,} | "
            + " | ".join(_s(r["stages_cpu"][s]) for s in stages)
            + f" | **{_s(r['total_cpu'])}** | {_s(r['total'])} | {text}"
            + f" | {_ratio(theirs, r['total_cpu'], bound)} | {r['rss_peak_mb']:.0f} MB |"
        )
    points = [(ours[s]["words"], ours[s]["total_cpu"]) for s in sizes if s >= 20_000]
    k = growth(points)
    if k is not None:
        out.append(f"\nTotal CPU time grows as words^{k:.2f} from 20,000 words up.")
    out.append("")
    out.append(
        "### Ranking alone, every algorithm (CPU time; sumy's own code on the same sentences)\n"
    )
    out.append(
        "| algorithm | " + " | ".join(f"{ours[s]['words']:,} words" for s in sizes) + " | growth |"
    )
    out.append("|---|" + "---|" * (len(sizes) + 1))
    for name in ALGORITHMS + OURS_ONLY:
        cells = []
        points = []
        for size in sizes:
            mine = ours[size]["algorithms"].get(name, {})
            text, theirs, bound = _sumy_cell(sumy.get(size, {}).get(name))
            if "cpu" in mine:
                ours_text, value = _s(mine["cpu"]), mine["cpu"]
                points.append((ours[size]["words"], value))
            elif "estimate" in mine:
                ours_text, value = f"≈ {_s(mine['estimate'])} (est.)", mine["estimate"]
            else:
                ours_text, value = "–", None
            if size in sumy:
                cells.append(f"{ours_text} / {text} ({_ratio(theirs, value, bound)})")
            else:
                cells.append(ours_text)
        k = growth([p for p in points if p[0] >= 20_000]) or growth(points)
        grows = f"n^{k:.1f}" if k is not None else "–"
        out.append(f"| {name} | " + " | ".join(cells) + f" | {grows} |")
    out.append("")
    out.append("Cells: ours / sumy (sumy ÷ ours). Growth: fitted over 20k words and up.\n")

    warm = results.get("warm")
    if warm:
        out.append("### Warm app (median)\n")
        out.append("| what | CPU | wall |")
        out.append("|---|---|---|")
        out.append(
            f"| summary of a new 1,000-word article | {_s(warm['summary_1k_median_cpu'])} | "
            f"{_s(warm['summary_1k_median'])} |"
        )
        out.append(
            f"| new length, cached scores (1,000 words) | {_s(warm['reselect_1k_median_cpu'])} | "
            f"{_s(warm['reselect_1k_median'])} |"
        )
        for size in sizes:
            out.append(
                f"| new length, cached scores ({ours[size]['words']:,} words) | "
                f"{_s(ours[size]['stages_cpu']['reselect'])} | "
                f"{_s(ours[size]['stages']['reselect'])} |"
            )
        out.append("")
    start = results.get("startup")
    if start:
        out.extend(startup_report(start))
    if results.get("huge"):
        out.extend(huge.report(results["huge"]))
    out.append("### Targets\n")
    out.append(
        "Judged on CPU time, which is the wall time of an idle machine (the work is one thread); "
        "start-up figures are wall time since the process started.\n"
    )
    out.extend(f"- {line}" for line in targets(results))
    return "\n".join(out)


def startup_targets(start: dict[str, Any] | None) -> list[str]:
    """The two start-up targets of issue #6, judged on the medians."""
    lines: list[str] = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    if start and start["bare_window_shown"] and start["app_window_shown"]:
        ratio = start["app_window_shown"] / start["bare_window_shown"]
        lines.append(f"Window ≤ 1.5 × bare window: {ratio:.2f}× — {verdict(ratio <= 1.5)}")
    if start and start["app_first_summary"]:
        lines.append(
            f"First summary of the sample within 1 s of launch: {_s(start['app_first_summary'])} — "
            f"{verdict(start['app_first_summary'] <= 1.0)}"
        )
    return lines


def targets(results: dict[str, Any]) -> list[str]:
    ours: dict[int, Any] = results["ours"]
    sumy: dict[int, Any] = results.get("sumy", {})
    lines = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    if 100_000 in ours:
        r = ours[100_000]
        text, theirs, bound = _sumy_cell(sumy.get(100_000, {}).get(PIPELINE))
        lines.append(
            f"100k words, .txt to summary ≤ 1.5 s: {_s(r['total_cpu'])} CPU "
            f"({_s(r['total'])} wall) — {verdict(r['total_cpu'] <= 1.5)}"
        )
        if theirs:
            ratio = theirs / r["total_cpu"]
            lines.append(
                f"≥ 100× sumy's LexRank at 100k words: sumy {text} ÷ our {_s(r['total_cpu'])} = "
                f"{bound}{ratio:,.0f}× — {verdict(ratio >= 100)}"
                + {
                    "≈ ": " (sumy's time extrapolated from its measured smaller sizes)",
                    "≥ ": " (sumy timed out: a lower bound)",
                }.get(bound, "")
            )
        slow = [
            f"{name} {_s(v.get('cpu', v.get('estimate')))}"
            for name, v in r["algorithms"].items()
            if v.get("cpu", v.get("estimate", 0)) > 2.0
        ]
        lines.append(
            "Every algorithm ranks 100k words in ≤ 2 s: "
            + (verdict(not slow) if not slow else f"NOT met for {', '.join(slow)}")
        )
        for name, warning in results.get("warnings", {}).items():
            lines.append(
                f"{name}: the app warns above {warning['slow_above']:,} words and offers "
                f"{warning['offer']}"
            )
    if 500_000 in ours:
        r = ours[500_000]
        ok = r["total_cpu"] <= 10 and r["rss_peak_mb"] < 1024
        lines.append(
            f"500k words ≤ 10 s, peak < 1 GB: {_s(r['total_cpu'])} CPU ({_s(r['total'])} wall), "
            f"{r['rss_peak_mb']:.0f} MB "
            f"(all algorithms: {r['rss_peak_all_mb']:.0f} MB) — {verdict(ok)}"
        )
    big = results.get("huge", {}).get("pipeline", {}).get("default", {})
    if "peak_mb" in big and "cpu_s" in big:
        mb = results["huge"]["megabytes"]
        lines.append(
            f"{mb:g} MB text, load to summary with peak < 1 GB: {big['peak_mb']} MB, "
            f"{_s(big['cpu_s'])} CPU ({_s(big['wall_s'])} wall) — {verdict(big['peak_mb'] < 1024)}"
        )
    latencies = [c.get("latency_s") for c in results.get("huge", {}).get("cancel", [])]
    if latencies and None not in latencies:
        lines.append(
            f"Cancel honoured within 0.5 s on the huge text: worst {_s(max(latencies))} — "
            f"{verdict(max(latencies) <= 0.5)}"
        )
    warm = results.get("warm")
    if warm:
        lines.append(
            f"Warm 1k-word summary ≤ 30 ms: {_s(warm['summary_1k_median_cpu'])} CPU — "
            f"{verdict(warm['summary_1k_median_cpu'] <= 0.030)}"
        )
        worst = max(
            [warm["reselect_1k_median_cpu"]]
            + [ours[s]["stages_cpu"]["reselect"] for s in ours if s <= 100_000]
        )
        lines.append(
            f"Re-select ≤ 5 ms (up to 100k words): worst {_s(worst)} — {verdict(worst <= 0.005)}"
        )
    lines.extend(startup_targets(results.get("startup")))
    return lines


def _startup_only(runs_each: int, out: Path, compiled: bool) -> int:
    """``--startup-only``: the start-up table and its two targets, in a minute or two."""
    started = time.perf_counter()
    print(f"Start-up, {runs_each} interleaved runs ...", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="article-summariser-bench-") as tmp:
        start = measure_startup(Path(tmp) / "home", runs_each, compiled)
    load = os.getloadavg()[0]
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {load:.1f} at the end\n",
        *startup_report(start),
        *(f"- {line}" for line in startup_targets(start)),
    ]
    print("\n".join(lines))
    print(f"\n({time.perf_counter() - started:.0f} s; JSON in {out})")
    results = {"startup": start, "seconds": time.perf_counter() - started}
    out.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results.json")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(corpus.SIZES))
    parser.add_argument("--sumy-limit", type=float, default=60.0, help="seconds per sumy run")
    parser.add_argument("--sumy-budget", type=float, default=120.0, help="seconds for all of sumy")
    parser.add_argument("--no-sumy", action="store_true")
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument(
        "--startup-only",
        action="store_true",
        help="time start-up alone (bare window, app, CLI), skipping every other measurement",
    )
    parser.add_argument(
        "--startup-uncompiled",
        action="store_true",
        help="time start-up without compiling the package's bytecode first (where "
        "PYTHONDONTWRITEBYTECODE is set, each start then compiles the app's modules)",
    )
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=STARTUP_RUNS,
        metavar="N",
        help=f"interleaved runs of each start-up probe (default {STARTUP_RUNS})",
    )
    parser.add_argument(
        "--huge-mb", type=float, default=50, help="size of the huge-input text (0: skip it)"
    )
    args = parser.parse_args(argv)
    if args.startup_only:
        return _startup_only(args.startup_runs, args.out, not args.startup_uncompiled)

    from article_summariser.engine.algorithms import ALGORITHMS as REGISTRY

    started = time.perf_counter()
    load = os.getloadavg()
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {load[0]:.1f} at start",
        "sizes": args.sizes,
        "warnings": {
            name: {"slow_above": a.slow_above, "offer": a.fast_alternative}
            for name, a in REGISTRY.items()
            if a.slow_above is not None
        },
    }
    with tempfile.TemporaryDirectory(prefix="article-summariser-bench-") as tmp:
        folder = Path(tmp)
        paths = {size: corpus.write(folder, size) for size in sorted(args.sizes)}
        print("Benchmarking (about five minutes) ...", file=sys.stderr, flush=True)
        section = time.perf_counter()
        results["ours"] = measure_ours(paths)
        results["section_seconds"] = {"ours": time.perf_counter() - section}
        words = {size: results["ours"][size]["words"] for size in paths}
        if not args.no_sumy:
            sumy_paths = {s: p for s, p in paths.items() if s <= 100_000}
            section = time.perf_counter()
            results["sumy"] = measure_sumy(sumy_paths, words, args.sumy_limit, args.sumy_budget)
            results["section_seconds"]["sumy"] = time.perf_counter() - section
        print("  warm app ...", file=sys.stderr, flush=True)
        section = time.perf_counter()
        results["warm"] = _json_child(["-m", "tests.bench.warm", str(folder)], 300)
        results["section_seconds"]["warm"] = time.perf_counter() - section
        if not args.no_startup:
            print("  start-up ...", file=sys.stderr, flush=True)
            section = time.perf_counter()
            results["startup"] = measure_startup(
                folder / "home", args.startup_runs, not args.startup_uncompiled
            )
            results["section_seconds"]["startup"] = time.perf_counter() - section
        if args.huge_mb:
            section = time.perf_counter()
            results["huge"] = huge.measure(folder, args.huge_mb)
            results["section_seconds"]["huge"] = time.perf_counter() - section
    results["load_average_end"] = os.getloadavg()[0]
    results["seconds"] = time.perf_counter() - started
    text = report(results)
    print(text)
    print(f"\n({results['seconds']:.0f} s; JSON in {args.out})")
    args.out.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Huge input: over the limit is refused with a message before anything is read, a big text
reports progress and stops soon after it is cancelled.

Real sizes, real files: a sparse 10 GB file, an endless device, the limit to the byte, and a
5 MB text built from real articles. How long and how much memory the biggest runs take is a
benchmark figure (``python -m tests.bench.huge``), not a test.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from functools import cache
from pathlib import Path

import pytest

from article_summariser.engine import CancelledError, EngineError, InputError, loading, summarise

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
LIMIT = loading.DEFAULT_MAX_BYTES


@cache
def big_text(size: int) -> str:
    """About ``size`` bytes of real English articles, each under a numbered heading."""
    with (SHARED / "eval" / "summaries.dev.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rows = [row for row in rows if row["lang"] == "en"]
    parts: list[str] = []
    total = 0
    index = 0
    while total < size:
        row = rows[index % len(rows)]
        part = f"Part {index}: {row['title']}\n\n{row['text']}\n\n"
        parts.append(part)
        total += len(part.encode("utf-8"))
        index += 1
    return "".join(parts)


_PEAK = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from article_summariser.engine import InputError, loading
    start = time.perf_counter()
    try:
        loading.load_path(Path(sys.argv[1]), int(sys.argv[2]))
        outcome = "loaded"
    except InputError as error:
        outcome = error.message
    # VmHWM, the peak of this process image (ru_maxrss would carry the parent's peak over).
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
    print(outcome)
    print(round(peak), round(time.perf_counter() - start, 3))
    """
)


def load_in_child(path: Path | str, max_bytes: int = LIMIT) -> tuple[str, float]:
    """``(outcome, peak MB)`` of loading ``path`` in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path), str(max_bytes)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    outcome, figures = done.stdout.strip().rsplit("\n", 1)
    return outcome, float(figures.split()[0])


def baseline_peak() -> float:
    """Peak memory of a child that only imports the engine and refuses a missing file."""
    return load_in_child("/nonexistent/none.txt")[1]


def test_a_10_gb_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024**3)  # sparse: 10 GB that take no disk
    outcome, peak = load_in_child(path)
    assert outcome == "“huge.txt” is 10 GB, over the 50 MB limit."
    assert peak < baseline_peak() + 20  # nothing of it was read


def test_an_endless_device_is_refused_unread() -> None:
    """``/dev/zero`` says it is empty and never ends: it is a device, refused from its
    ``stat`` before a byte is read."""
    outcome, peak = load_in_child("/dev/zero", 1024 * 1024)
    assert outcome == "“zero” is a device, not a document."
    assert peak < baseline_peak() + 20


@pytest.mark.slow
def test_the_limit_holds_to_the_byte(tmp_path: Path) -> None:
    text = big_text(LIMIT)
    data = text.encode("utf-8")[:LIMIT]
    data = data[: len(data.decode("utf-8", "ignore").encode("utf-8"))]  # whole characters
    at_limit = tmp_path / "at-limit.txt"
    at_limit.write_bytes(data + b" " * (LIMIT - len(data)))
    over = tmp_path / "over-limit.txt"
    over.write_bytes(at_limit.read_bytes() + b".")
    document = loading.load_path(at_limit)
    assert len(document.text) == len(at_limit.read_text(encoding="utf-8"))
    with pytest.raises(InputError) as refused:
        loading.load_path(over)
    # One byte over: in MB both would read "50 MB", so the message gives bytes.
    assert refused.value.message == (
        "“over-limit.txt” is 52,428,801 bytes, over the 50 MB limit (52,428,800 bytes)."
    )


def test_a_lower_limit_from_the_caller_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(big_text(300_000)[:300_000], encoding="utf-8")
    with pytest.raises(InputError, match=r"^“article.txt” is 29\d KB, over the 200 KB limit\.$"):
        loading.load_path(path, max_bytes=200 * 1024)


@pytest.mark.slow
def test_a_big_text_reports_progress_and_stops_when_cancelled() -> None:
    """5 MB of articles (about 45,000 sentences): progress rises from the start, and a cancel
    is honoured within a fraction of a second while the text is being prepared."""
    text = big_text(5 * 1024 * 1024)
    cancel = threading.Event()
    seen: list[tuple[float, float]] = []
    outcome: list[BaseException] = []

    def work() -> None:
        try:
            summarise(
                text, cancelled=cancel.is_set, progress=lambda f: seen.append((time.monotonic(), f))
            )
        except BaseException as error:  # handed to the test thread
            outcome.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    deadline = time.monotonic() + 60
    while len(seen) < 20 and time.monotonic() < deadline:
        time.sleep(0.01)
    cancelled_at = time.monotonic()
    cancel.set()
    worker.join(timeout=60)
    stopped_after = time.monotonic() - cancelled_at
    assert not worker.is_alive()
    assert len(outcome) == 1
    assert isinstance(outcome[0], CancelledError)
    assert isinstance(outcome[0], EngineError)
    fractions = [f for _, f in seen]
    assert len(fractions) >= 20
    assert fractions == sorted(fractions)
    assert 0 <= fractions[0] < fractions[-1] < 1
    assert stopped_after < 5, f"the cancel took {stopped_after:.1f} s to be honoured"

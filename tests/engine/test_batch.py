"""Many documents at once: real files, real worker processes, real failures."""

from __future__ import annotations

import functools
import html
import os
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tests.conftest import SEED_ARTICLE, dev_article

from article_summariser.engine import InputError, Length, Options, summarise
from article_summariser.engine.batch import (
    CRASH_REASON,
    BatchItem,
    Status,
    expand_sources,
    run_batch,
    summarise_file,
)

OPTIONS = Options(length=Length.sentences(3))
Cancelled = Callable[[], bool] | None


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def mixed(tmp_path: Path) -> list[Path]:
    """Good articles in three languages between an empty, a binary and a missing file."""
    empty_folder = tmp_path / "nothing-here"
    empty_folder.mkdir()
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)
    return [
        _write(tmp_path / "bbc.txt", dev_article("bbc", 3)["text"]),
        tmp_path / "empty.txt",
        _write(tmp_path / "orange.txt", dev_article("orangesum", 5)["text"]),
        tmp_path / "photo.txt",
        _write(tmp_path / "klexikon.txt", dev_article("klexikon", 1)["text"]),
        tmp_path / "gone.txt",
        empty_folder,
        _write(tmp_path / "title-only.txt", "A headline without a sentence\n"),
        SEED_ARTICLE,
    ]


REASONS = {
    "empty.txt": "“empty.txt” is empty (0 bytes).",
    "photo.txt": "“photo.txt” looks like a binary file, not text.",
    "gone.txt": "“gone.txt” does not exist (was it moved or deleted?).",
    "nothing-here": "“nothing-here” holds no documents to summarise",
    "title-only.txt": "There is no complete sentence to summarise",
}


def _check_mixed(items: tuple[BatchItem, ...], files: list[Path]) -> None:
    assert [item.source for item in items] == [str(f) for f in files]
    assert [item.index for item in items] == list(range(len(files)))
    for item in items:
        if item.name in REASONS:
            assert item.status is Status.FAILED
            assert item.error.startswith(REASONS[item.name])
            assert item.summary is None
        else:
            assert item.status is Status.DONE, item.error
            assert item.error == ""
            # The same summary the engine gives for the file's text in this process.
            text = Path(item.source).read_text(encoding="utf-8")
            expected = summarise(text, OPTIONS)
            assert item.summary is not None
            assert item.summary.summary_text() == expected.summary_text()
            assert item.summary.keywords == expected.keywords
            assert len(item.summary.summary) == 3
    languages = [i.summary.language.code for i in items if i.summary is not None]
    assert languages == ["en", "fr", "de", "en"]


def test_mixed_batch_on_two_processes_keeps_input_order_and_reports_each_failure(
    mixed: list[Path],
) -> None:
    seen: list[tuple[str, int, int]] = []
    result = run_batch(
        mixed, OPTIONS, workers=2, on_item=lambda item, n, total: seen.append((item.name, n, total))
    )
    assert result.workers == 2
    assert not result.cancelled
    assert (len(result.done), len(result.failed)) == (4, 5)
    _check_mixed(result.items, mixed)
    # One call per document, counting up, whatever order they finished in.
    assert [n for _, n, _ in seen] == list(range(1, len(mixed) + 1))
    assert {total for _, _, total in seen} == {len(mixed)}
    assert sorted(name for name, _, _ in seen) == sorted(Path(f).name for f in mixed)


def test_one_worker_runs_here_and_gives_the_same_items(mixed: list[Path]) -> None:
    serial = run_batch(mixed, OPTIONS, workers=1)
    assert serial.workers == 1
    _check_mixed(serial.items, mixed)


def test_more_workers_than_files_are_not_started(tmp_path: Path) -> None:
    one = _write(tmp_path / "one.txt", dev_article("cnndm", 2)["text"])
    assert run_batch([one], OPTIONS, workers=8).workers == 1
    assert run_batch([], OPTIONS).items == ()


def _articles(folder: Path, count: int) -> list[Path]:
    return [
        _write(folder / f"{i:02d}.txt", dev_article("bbc", 20 + i)["text"]) for i in range(count)
    ]


def test_cancel_stops_the_rest_serially(tmp_path: Path) -> None:
    files = _articles(tmp_path, 5)
    finished: list[str] = []
    result = run_batch(
        files,
        OPTIONS,
        workers=1,
        on_item=lambda item, n, total: finished.append(item.name),
        cancelled=lambda: len(finished) >= 2,
    )
    assert result.cancelled
    assert [i.status for i in result.items] == [Status.DONE] * 2 + [Status.CANCELLED] * 3
    assert all(i.error == "Cancelled." for i in result.items[2:])


def test_cancel_stops_the_worker_processes(tmp_path: Path) -> None:
    files = _articles(tmp_path, 14)
    finished: list[str] = []
    result = run_batch(
        files,
        OPTIONS,
        workers=2,
        on_item=lambda item, n, total: finished.append(item.name),
        cancelled=lambda: bool(finished),
    )
    assert result.cancelled
    statuses = [i.status for i in result.items]
    assert set(statuses) == {Status.DONE, Status.CANCELLED}
    # Only what was already running or queued in a worker may finish after the cancel.
    assert statuses.count(Status.CANCELLED) >= 14 - 2 * 2
    assert [i.source for i in result.items] == [str(f) for f in files]


def test_cancel_reaches_into_a_running_summary(tmp_path: Path) -> None:
    # The engine polls ``cancelled`` between paragraphs; a long article stops part-way.
    long = _write(tmp_path / "long.txt", "\n\n".join(a["text"] for a in _bbc(12)))
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    item = summarise_file(str(long), OPTIONS, cancelled=cancelled)
    assert item.status is Status.CANCELLED
    assert item.summary is None


def _bbc(count: int) -> list[dict]:
    return [dev_article("bbc", 40 + i) for i in range(count)]


def crash_on_bomb(source: str, options: Options, max_bytes: int, cancelled: Cancelled) -> BatchItem:
    """A worker that dies outright (as one killed for memory would) on one file."""
    if Path(source).name == "bomb.txt":
        os._exit(3)
    return summarise_file(source, options, max_bytes, cancelled)


def raise_on_bug(source: str, options: Options, max_bytes: int, cancelled: Cancelled) -> BatchItem:
    if Path(source).name == "bug.txt":
        raise RuntimeError("a bug in a worker")
    return summarise_file(source, options, max_bytes, cancelled)


@pytest.mark.slow
def test_a_worker_that_dies_costs_only_its_document(tmp_path: Path) -> None:
    files = _articles(tmp_path, 4)
    bomb = _write(tmp_path / "bomb.txt", dev_article("bbc", 60)["text"])
    files.insert(1, bomb)
    result = run_batch(files, OPTIONS, workers=2, worker=crash_on_bomb)
    assert [i.status for i in result.items] == [
        Status.DONE,
        Status.FAILED,
        Status.DONE,
        Status.DONE,
        Status.DONE,
    ]
    assert result.items[1].error == CRASH_REASON
    assert [i.source for i in result.items] == [str(f) for f in files]


def test_an_exception_in_a_worker_is_a_failed_item(tmp_path: Path) -> None:
    files = _articles(tmp_path, 2)
    bug = _write(tmp_path / "bug.txt", dev_article("bbc", 61)["text"])
    result = run_batch([files[0], bug, files[1]], OPTIONS, workers=2, worker=raise_on_bug)
    assert [i.status for i in result.items] == [Status.DONE, Status.FAILED, Status.DONE]
    assert result.items[1].error == "Unexpected error (RuntimeError: a bug in a worker)."


def test_an_engine_error_is_a_failed_item_with_its_message(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", dev_article("bbc", 62)["text"])
    item = summarise_file(str(good), Options(algorithm="nonsense"))
    assert item.status is Status.FAILED
    assert item.error.startswith("“nonsense” is not an algorithm")


def test_folders_expand_to_their_documents_sorted_and_without_hidden_files(
    tmp_path: Path,
) -> None:
    root = tmp_path / "reports"
    for name in ("b.txt", "A.md", "c.html", "notes.rst", "image.png", ".hidden.txt"):
        _write(root / name, "x")
    for name in ("sub/z.txt", "sub/a.TXT", ".git/config.txt", "Sub2/readme.markdown"):
        _write(root / name, "x")
    (root / "empty-sub").mkdir()
    single = _write(tmp_path / "loose.pdf", "x")
    found = expand_sources([single, root])
    relative = [Path(p).relative_to(tmp_path).as_posix() for p in found]
    assert relative == [
        "loose.pdf",  # named on its own: always tried
        "reports/A.md",
        "reports/b.txt",
        "reports/c.html",
        "reports/notes.rst",
        "reports/sub/a.TXT",
        "reports/sub/z.txt",
        "reports/Sub2/readme.markdown",
    ]
    assert expand_sources([root / "empty-sub"]) == [str(root / "empty-sub")]


def test_too_many_documents_are_refused(tmp_path: Path) -> None:
    for i in range(4):
        _write(tmp_path / f"{i}.txt", "x")
    with pytest.raises(InputError, match="more than 3 documents"):
        expand_sources([tmp_path], limit=3)


@pytest.fixture
def web(tmp_path: Path) -> Iterator[str]:
    """A web server on this machine, serving ``tmp_path/site``."""
    site = tmp_path / "site"
    site.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_web_addresses_are_fetched_beside_files(tmp_path: Path, web: str) -> None:
    article = dev_article("bbc", 70)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article["text"].split("\n\n"))
    page = (
        "<html><head><title>Report</title></head>"
        f"<body><article>{paragraphs}</article></body></html>"
    )
    (tmp_path / "site" / "report.html").write_text(page, encoding="utf-8")
    local = _write(tmp_path / "local.txt", dev_article("bbc", 71)["text"])
    sources = expand_sources([f"{web}/report.html", local, f"{web}/gone.html"])
    assert sources[0] == f"{web}/report.html"  # kept as typed, not turned into a path
    result = run_batch(sources, OPTIONS, workers=2)
    assert [i.status for i in result.items] == [Status.DONE, Status.DONE, Status.FAILED]
    fetched, page_document = result.items[0].summary, result.items[0].document
    assert fetched is not None
    assert page_document is not None
    assert page_document.source == f"{web}/report.html"
    again = summarise(
        page_document.text, OPTIONS, title=page_document.title, blocks=page_document.blocks
    )
    assert fetched.summary_text() == again.summary_text()
    assert all(s.display_text in " ".join(article["text"].split()) for s in fetched.summary)
    assert (
        result.items[2].error
        == "The server at 127.0.0.1 answered 404 File not found: the page does not exist."
    )

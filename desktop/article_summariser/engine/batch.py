"""Summarise many documents at once, on every core.

A batch is a list of files. Each one is loaded and summarised in a worker process (a process
pool, because the ranking is pure-Python CPU work that threads cannot spread over cores). The
result lists the documents in the order they were given, whatever order they finished in, and a
document that fails becomes a failed item with a human reason: it never stops the others. Even a
worker process that dies (out of memory, say) only costs the document it was reading: the rest is
retried in a fresh pool, one at a time, so the culprit is found and reported.

Workers are started with ``spawn`` on every platform: forking a process that runs threads (the
window does) is unsafe, and ``spawn`` is what macOS and Windows use anyway. A frozen build must
call ``multiprocessing.freeze_support()`` first thing in its entry point.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures import CancelledError as FutureCancelled
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from article_summariser.engine.errors import CancelledError, EngineError, InputError
from article_summariser.engine.loading import (
    DEFAULT_MAX_BYTES,
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    NAMED,
    LoadedDocument,
    load_path,
)
from article_summariser.engine.model import Options, Summary

#: What a folder is searched for: documents people read. Files named on their own are always
#: tried, whatever their name; data and logs (.csv, .log) in a folder are left alone.
DOCUMENT_SUFFIXES = frozenset(
    {".txt", ".text", ".rst", ".adoc", ".org", *HTML_SUFFIXES, *MARKDOWN_SUFFIXES, *NAMED}
)
#: A dropped folder with more documents than this is refused rather than queued for hours.
MAX_DOCUMENTS = 5000
#: How often (seconds) the waiting loop looks at ``cancelled()``.
_POLL = 0.05

CRASH_REASON = (
    "The summariser stopped unexpectedly while reading this document "
    "(it may be too large for the memory available)."
)


class Status(StrEnum):
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class BatchItem:
    """The outcome for one document of a batch: a summary, or the reason there is none."""

    index: int
    source: str
    status: Status
    summary: Summary | None = None
    document: LoadedDocument | None = None
    #: Why it failed, for people (empty when it did not).
    error: str = ""
    #: A traceback for the log when the failure was a bug rather than a bad input.
    detail: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status is Status.DONE

    @property
    def name(self) -> str:
        """The file name, for lists and messages."""
        return Path(self.source).name or self.source

    @property
    def title(self) -> str:
        if self.summary is not None and self.summary.title:
            return self.summary.title
        if self.document is not None and self.document.title:
            return self.document.title
        return self.name


@dataclass(frozen=True)
class BatchResult:
    """Every item of a batch, in input order."""

    items: tuple[BatchItem, ...]
    seconds: float
    workers: int
    cancelled: bool = False

    @property
    def done(self) -> tuple[BatchItem, ...]:
        return tuple(i for i in self.items if i.status is Status.DONE)

    @property
    def failed(self) -> tuple[BatchItem, ...]:
        return tuple(i for i in self.items if i.status is Status.FAILED)


#: ``on_item(item, finished, total)``: called once per document as it finishes (in the order
#: they finish, on the thread that called ``run_batch``).
OnItem = Callable[[BatchItem, int, int], None]
#: ``worker(source, options, max_bytes, cancelled) -> BatchItem``; must be a module-level
#: function (it is sent to the worker processes by reference).
Worker = Callable[[str, Options, int, "Callable[[], bool] | None"], BatchItem]


def expand_sources(
    sources: Iterable[str | os.PathLike[str]], *, limit: int = MAX_DOCUMENTS
) -> list[str]:
    """Files named as they are, folders replaced by the documents inside them (recursively).

    Folder contents are sorted by path (case-insensitively), hidden files and folders skipped,
    symbolic links to folders not followed (no loops). A folder without any document stays in
    the list as itself, so that it is reported ("holds no documents") instead of vanishing; so
    does a folder inside that cannot be entered, so that it is reported as unreadable. A path
    whose own folder cannot be entered stays as it is: reading it says why it cannot be read.
    Web addresses pass through as they are. Raises ``InputError`` above ``limit`` documents.
    """
    found: list[str] = []
    for source in sources:
        name = os.fspath(source)
        path = Path(name)
        if is_folder(path):
            inside = _documents_in(path)
            found.extend(inside or [name])
        else:
            found.append(name)
        if len(found) > limit:
            raise InputError(
                f"That is more than {limit} documents at once; choose a smaller folder."
            )
    return found


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; ``False`` when that cannot be told (its own folder cannot
    be entered): reading it then reports the reason, as for any unreadable file."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _documents_in(folder: Path) -> list[str]:
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        # A folder that cannot be listed stays in as itself, to be reported as unreadable.
        if error.filename is not None and Path(error.filename) != folder:
            found.append(Path(error.filename))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                found.append(Path(root, name))
    found.sort(key=lambda p: (tuple(part.casefold() for part in p.parts), str(p)))
    return [str(p) for p in found]


def _folder_refusal(path: Path) -> InputError:
    """Why a folder named (or found) in a batch gives nothing to summarise."""
    try:
        with os.scandir(path):
            pass
    except OSError as error:
        return InputError(f"“{path.name}” cannot be read: {error.strerror or error}.")
    return InputError(
        f"“{path.name}” holds no documents to summarise (text, Markdown, HTML, PDF, "
        "Word, OpenDocument, RTF or EPUB files)."
    )


def summarise_file(
    source: str,
    options: Options,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cancelled: Callable[[], bool] | None = None,
) -> BatchItem:
    """Load (or download) and summarise one document; every failure comes back as a failed
    item, never raised."""
    from article_summariser.engine.fetch import is_page_to_fetch
    from article_summariser.engine.summarise import summarise

    t0 = time.perf_counter()
    document = None
    try:
        path = Path(source)
        if is_folder(path):
            raise _folder_refusal(path)
        if is_page_to_fetch(source):
            from article_summariser.engine.fetch import fetch_url

            document = fetch_url(source.strip(), max_bytes=max_bytes)
        else:
            document = load_path(path, max_bytes)
        summary = summarise(
            document.text,
            options,
            title=document.title,
            blocks=document.blocks,
            cancelled=cancelled,
        )
    except CancelledError:
        return BatchItem(0, source, Status.CANCELLED, document=document, error="Cancelled.")
    except EngineError as error:
        return BatchItem(
            0,
            source,
            Status.FAILED,
            document=document,
            error=error.message,
            seconds=time.perf_counter() - t0,
        )
    except Exception as error:  # a bug must cost one document, not the batch
        return BatchItem(
            0,
            source,
            Status.FAILED,
            document=document,
            error=f"Unexpected error ({type(error).__name__}: {error}).",
            detail=traceback.format_exc(),
            seconds=time.perf_counter() - t0,
        )
    return BatchItem(
        0,
        source,
        Status.DONE,
        summary=summary,
        document=document,
        seconds=time.perf_counter() - t0,
    )


def default_workers() -> int:
    """The cores this process may use."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        count = os.process_cpu_count()
    elif hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    else:
        count = os.cpu_count()
    count = count or 1
    # ProcessPoolExecutor's limit on Windows.
    return min(count, 61) if sys.platform == "win32" else count


def run_batch(
    sources: Sequence[str | os.PathLike[str]],
    options: Options | None = None,
    *,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_item: OnItem | None = None,
    cancelled: Callable[[], bool] | None = None,
    worker: Worker = summarise_file,
) -> BatchResult:
    """Summarise every file of ``sources`` and return the items in input order.

    ``workers``: processes to use (default: every core; never more than there are files).
    With one worker the documents are summarised here, in this thread, one after another.
    ``cancelled`` is polled while waiting; once it returns True the documents not yet finished
    are stopped and come back as ``Status.CANCELLED``.
    """
    options = options or Options()
    names = [str(s) for s in sources]
    total = len(names)
    count = max(1, min(workers or default_workers(), total or 1))
    t0 = time.perf_counter()
    run = _Run(names, options, max_bytes, on_item, cancelled or (lambda: False), worker)
    if count == 1:
        run.serial()
    else:
        run.parallel(count)
    items = tuple(
        item if item is not None else BatchItem(i, names[i], Status.CANCELLED, error="Cancelled.")
        for i, item in enumerate(run.results)
    )
    return BatchResult(items, time.perf_counter() - t0, count, cancelled=run.stopped)


class _Run:
    """The state of one ``run_batch`` call."""

    def __init__(
        self,
        names: list[str],
        options: Options,
        max_bytes: int,
        on_item: OnItem | None,
        cancelled: Callable[[], bool],
        worker: Worker,
    ) -> None:
        self.names = names
        self.options = options
        self.max_bytes = max_bytes
        self.on_item = on_item
        self.cancelled = cancelled
        self.worker = worker
        self.results: list[BatchItem | None] = [None] * len(names)
        self.finished = 0
        self.stopped = False

    def record(self, index: int, item: BatchItem) -> None:
        item = replace(item, index=index, source=self.names[index])
        self.results[index] = item
        self.finished += 1
        if self.on_item is not None:
            self.on_item(item, self.finished, len(self.names))

    def check_cancel(self) -> bool:
        if not self.stopped and self.cancelled():
            self.stopped = True
        return self.stopped

    def serial(self, indices: Iterable[int] | None = None) -> None:
        for index in range(len(self.names)) if indices is None else indices:
            if self.check_cancel():
                return
            item = self.worker(self.names[index], self.options, self.max_bytes, self.check_cancel)
            self.record(index, item)

    def parallel(self, count: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        stop = context.Event()
        try:
            crashed = self._together(context, stop, list(range(len(self.names))), count)
            if crashed:
                self._one_by_one(context, stop, crashed)
        finally:
            stop.set()

    def _pool(self, context: Any, stop: Any, count: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=count,
            mp_context=context,
            initializer=_init_worker,
            initargs=(stop, _logger_levels()),
        )

    def _submit(self, pool: ProcessPoolExecutor, index: int) -> Future[BatchItem]:
        return pool.submit(_work, self.worker, self.names[index], self.options, self.max_bytes)

    def _collect(self, future: Future[BatchItem], index: int) -> bool:
        """Record a finished future; False when its worker died (nothing recorded)."""
        try:
            item = future.result()
        except FutureCancelled:
            return True
        except BrokenProcessPool:
            return False
        except Exception as error:  # e.g. a result that could not be sent back
            item = BatchItem(
                index,
                self.names[index],
                Status.FAILED,
                error=f"Unexpected error ({type(error).__name__}: {error}).",
            )
        self.record(index, item)
        return True

    def _together(self, context: Any, stop: Any, indices: list[int], count: int) -> list[int]:
        """Run ``indices`` on ``count`` workers; return those lost to a worker that died."""
        crashed: list[int] = []
        pool = self._pool(context, stop, min(count, len(indices)))
        try:
            futures = {self._submit(pool, index): index for index in indices}
            waiting = set(futures)
            while waiting:
                done, waiting = wait(waiting, timeout=_POLL, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=futures.__getitem__):
                    if not self._collect(future, futures[future]):
                        crashed.append(futures[future])
                if self.check_cancel():
                    stop.set()
                    for future in waiting:
                        future.cancel()
        except BaseException:
            stop.set()  # Ctrl+C: let the running documents stop early
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return sorted(crashed)

    def _one_by_one(self, context: Any, stop: Any, indices: list[int]) -> None:
        """After a worker died: one document at a time, so that only the culprit fails.

        One pool serves until the next death (a new pool costs a process start and the
        engine's warm-up, so it is not made per document).
        """
        queue = list(indices)
        while queue and not self.check_cancel():
            pool = self._pool(context, stop, 1)
            try:
                if not _starts(pool):
                    # Workers cannot start at all (a frozen build without freeze_support, a
                    # main module that cannot be re-imported): do the rest here instead.
                    self.serial(queue)
                    return
                while queue and not self.check_cancel():
                    index = queue[0]
                    future = self._submit(pool, index)
                    while not wait([future], timeout=_POLL)[0]:
                        if self.check_cancel():
                            stop.set()
                    queue.pop(0)
                    if not self._collect(future, index):
                        self.record(
                            index,
                            BatchItem(index, self.names[index], Status.FAILED, error=CRASH_REASON),
                        )
                        break  # this pool is broken: start another for the rest
            except BaseException:
                stop.set()
                raise
            finally:
                pool.shutdown(wait=True, cancel_futures=True)


_STOP: Any = None


def _logger_levels() -> dict[str, int]:
    """The levels set on named loggers here, for the workers: a spawned process starts with
    none, so a library the caller quietened (the CLI quietens pypdf) would talk again."""
    import logging

    return {
        name: logger.level
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger) and logger.level != logging.NOTSET
    }


def _init_worker(stop: Any, levels: dict[str, int] | None = None) -> None:
    """Runs once in each worker process."""
    import logging
    import signal

    global _STOP
    _STOP = stop
    for name, level in (levels or {}).items():
        logging.getLogger(name).setLevel(level)
    # Ctrl+C is the parent's to handle; it tells the workers through ``stop``.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _starts(pool: ProcessPoolExecutor) -> bool:
    """Whether the pool's worker process comes up and answers."""
    try:
        return pool.submit(os.getpid).result() > 0
    except BrokenProcessPool:
        return False


def _work(worker: Worker, source: str, options: Options, max_bytes: int) -> BatchItem:
    stop = _STOP
    cancelled = stop.is_set if stop is not None else None
    if cancelled is not None and cancelled():
        return BatchItem(0, source, Status.CANCELLED, error="Cancelled.")
    return worker(source, options, max_bytes, cancelled)

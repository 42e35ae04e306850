"""Engine work off the GUI thread: a worker ``QObject`` moved to a ``QThread``.

The window never waits for the engine. ``SummaryService`` (GUI thread) hands tagged requests to a
``Worker`` (its own thread) through queued signals and gets results back the same way; the worker
never touches a widget. Every request carries a cancel flag: a newer request for the same
document sets it, so work queued behind it is skipped and a running ``prepare`` stops early.
Results of superseded requests are dropped here, before the window sees them. Every failure
comes back as data (``kind`` and a sentence for people), never as an exception.

The engine itself is imported in the worker thread, after the window is shown, and langdetect's
profiles are loaded there too, so start-up pays for neither. ``prepare`` and ``rank`` results are
cached: changing only the length runs ``engine.select`` alone, which takes microseconds. The caches
are bounded by the size of the texts behind them as well as by count, so a few huge documents
never pile up gigabytes.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from article_summariser.gui.options import SummaryOptions
from article_summariser.gui.result_cache import ResultCache

if TYPE_CHECKING:
    from article_summariser.engine import Prepared, Ranked, Summary
    from article_summariser.engine.loading import LoadedDocument

log = logging.getLogger(__name__)

#: Prepared texts and rankings kept for quick re-use: a few documents' worth...
CACHE_ENTRIES = 4
#: ...and no more text than this (characters) in each cache, besides the newest entry. A prepared
#: text takes roughly 15-20 bytes of memory per character (words, stems, spans, scores), so this
#: keeps each cache near 100 MB; a 50 MB document is kept alone, as the newest entry.
CACHE_CHARS = 6_000_000
#: Share of the progress bar given to ``prepare`` (the rest is ranking).
PREPARE_SHARE = 0.6


@dataclass(frozen=True)
class Catalogue:
    """What the engine offers, for the controls (sent once the engine is loaded)."""

    #: ``(name, label, description)`` of each algorithm, in the registry's order.
    algorithms: tuple[tuple[str, str, str], ...]
    default_algorithm: str
    #: ``(code, label)`` of each supported language, by label.
    languages: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SummaryRequest:
    id: int
    document: int
    #: The document's edit count when the text was read: results for older texts are stale.
    revision: int
    text: str
    options: SummaryOptions
    title: str = ""
    blocks: tuple[Any, ...] | None = None
    cancel: threading.Event = field(default_factory=threading.Event, compare=False, repr=False)


@dataclass(frozen=True)
class SummaryResult:
    request: SummaryRequest
    summary: Summary | None = None
    #: ``ok``, ``input`` (the text cannot be summarised as asked), ``cancelled`` or ``bug``.
    kind: str = "ok"
    #: For people.
    error: str = ""
    #: For the log (a traceback).
    details: str = ""
    #: Which stages were re-used: ``""``, ``"prepare"`` or ``"rank"``.
    reused: str = ""

    @property
    def ok(self) -> bool:
        return self.summary is not None


@dataclass(frozen=True)
class SlowWarning:
    """Said before an algorithm starts on a document too long for it to be quick."""

    request: SummaryRequest
    algorithm: str
    words: int
    #: The label of the fast algorithm to offer instead ("" when there is none).
    alternative: str

    @property
    def text(self) -> str:
        offer = (
            f" {self.alternative} ranks it in moments: choose it under Algorithm."
            if (self.alternative)
            else ""
        )
        return (
            f"{self.algorithm} is slow on a document of {self.words:,} words and may take a "
            f"while.{offer}"
        )


@dataclass(frozen=True)
class LoadRequest:
    id: int
    path: str
    #: Requests opened together (one drop, one dialog) share a batch number.
    batch: int = 0
    cancel: threading.Event = field(default_factory=threading.Event, compare=False, repr=False)

    @property
    def is_url(self) -> bool:
        return self.path.startswith(("http://", "https://"))


@dataclass(frozen=True)
class LoadResult:
    request: LoadRequest
    document: LoadedDocument | None = None
    kind: str = "ok"
    error: str = ""
    details: str = ""

    @property
    def ok(self) -> bool:
        return self.document is not None


def _failure(error: BaseException) -> tuple[str, str, str]:
    """``(kind, message, details)`` for an exception raised by engine work."""
    from article_summariser.engine.errors import CancelledError, EngineError

    if isinstance(error, CancelledError):
        return "cancelled", "Cancelled.", ""
    if isinstance(error, EngineError):
        return "input", error.message, ""
    if isinstance(error, MemoryError):
        return (
            "input",
            "The document is too large to work on with the memory available.",
            "MemoryError",
        )
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return "bug", f"Something went wrong inside the summariser ({type(error).__name__}).", details


class Worker(QObject):
    """Runs in the worker thread. Slots are called through queued connections only."""

    ready = Signal(object)  # Catalogue
    progress = Signal(int, float)  # request id, fraction done
    summarised = Signal(object)  # SummaryResult
    loaded = Signal(object)  # LoadResult
    #: How far a load has got: request id, fraction done (a long PDF, page by page).
    loadProgress = Signal(int, float)
    #: Before a ranking known to be slow for this length starts: a SlowWarning.
    slow = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._prepared: ResultCache[Prepared] = ResultCache(CACHE_ENTRIES, CACHE_CHARS)
        self._ranked: ResultCache[Ranked] = ResultCache(CACHE_ENTRIES, CACHE_CHARS)

    @Slot()
    def start(self) -> None:
        """Load the engine and tell the window what it offers; then warm up the detector."""
        try:
            from article_summariser.engine import algorithms, languages

            catalogue = Catalogue(
                algorithms=tuple(
                    (a.name, a.label, a.description) for a in algorithms.ALGORITHMS.values()
                ),
                default_algorithm=algorithms.DEFAULT,
                languages=tuple(
                    sorted(
                        ((lang.code, lang.label) for lang in languages.all_languages()),
                        key=lambda item: item[1],
                    )
                ),
            )
        except Exception:  # pragma: no cover - a broken installation
            log.exception("The summariser could not be loaded")
            catalogue = Catalogue((), "positional", ())
        self.ready.emit(catalogue)
        try:
            from article_summariser import paths
            from article_summariser.engine.summarise import warm_up

            # langdetect's profiles (kept in the cache folder between runs, which loads them in
            # a third of the time), a sentence model and numpy: off the first document.
            warm_up(cache_dir=paths.get().cache)
        except Exception:  # pragma: no cover - detection then fails per request, with a reason
            log.exception("The summariser could not be prepared")

    @Slot(object)
    def summarise(self, request: SummaryRequest) -> None:
        if request.cancel.is_set():
            self.summarised.emit(SummaryResult(request, kind="cancelled", error="Cancelled."))
            return
        try:
            summary, reused = self._summarise(request)
        except Exception as error:  # every failure becomes data for the window
            kind, message, details = _failure(error)
            self.summarised.emit(SummaryResult(request, None, kind, message, details))
            return
        self.summarised.emit(SummaryResult(request, summary, reused=reused))

    def _summarise(self, request: SummaryRequest) -> tuple[Summary, str]:
        from article_summariser import engine
        from article_summariser.engine import CancelledError

        options = request.options
        if options.unit == "percent":
            length = engine.Length.ratio(options.percent / 100)
        elif options.unit == "words":
            length = engine.Length.words(options.words)
        else:
            length = engine.Length.sentences(options.sentences)

        def cancelled() -> bool:
            return request.cancel.is_set()

        def progress(fraction: float) -> None:
            self.progress.emit(request.id, fraction * PREPARE_SHARE)

        algorithm = engine.algorithms.get(options.algorithm).name  # a bad name fails first
        prepare_key = (request.text, options.language.lower(), request.title, request.blocks)
        rank_key = (*prepare_key, algorithm)
        size = len(request.text)
        reused = ""
        ranked = self._ranked.get(rank_key)
        if ranked is not None:
            reused = "rank"
        else:
            prepared = self._prepared.get(prepare_key)
            if prepared is not None:
                reused = "prepare"
            else:
                prepared = engine.prepare(
                    request.text,
                    options.language,
                    title=request.title,
                    blocks=request.blocks,
                    cancelled=cancelled,
                    progress=progress,
                )
                self._prepared.put(prepare_key, prepared, size)
            if cancelled():
                raise CancelledError("Cancelled.")
            self.progress.emit(request.id, PREPARE_SHARE)
            algo = engine.algorithms.get(algorithm)
            if algo.is_slow_for(prepared.words_total):
                alternative = engine.algorithms.ALGORITHMS.get(algo.fast_alternative)
                self.slow.emit(
                    SlowWarning(
                        request,
                        algo.label,
                        prepared.words_total,
                        alternative.label if alternative else "",
                    )
                )
            ranked = engine.rank(prepared, algorithm, cancelled=cancelled)
            self._ranked.put(rank_key, ranked, size)
        if cancelled():
            raise CancelledError("Cancelled.")
        summary = engine.select(ranked, length)
        self.progress.emit(request.id, 1.0)
        return summary, reused

    @Slot(object)
    def load(self, request: LoadRequest) -> None:
        if request.cancel.is_set():
            self.loaded.emit(LoadResult(request, kind="cancelled", error="Cancelled."))
            return
        reported = -1

        def progress(fraction: float) -> None:
            nonlocal reported
            percent = int(fraction * 100)
            if percent != reported:  # a signal per percent, not per page
                reported = percent
                self.loadProgress.emit(request.id, fraction)

        try:
            if request.is_url:
                from article_summariser.engine.fetch import fetch_url

                document = fetch_url(request.path)
            else:
                from article_summariser.engine.loading import load_path

                # A long PDF reports page by page and stops between pages once the window no
                # longer wants it.
                document = load_path(
                    request.path, cancelled=request.cancel.is_set, progress=progress
                )
        except Exception as error:
            kind, message, details = _failure(error)
            self.loaded.emit(LoadResult(request, None, kind, message, details))
            return
        self.loaded.emit(LoadResult(request, document))


class SummaryService(QObject):
    """The GUI thread's handle on the worker: submit, cancel, and results of current requests."""

    ready = Signal(object)  # Catalogue
    progress = Signal(int, int, float)  # document id, request id, fraction
    summarised = Signal(object)  # SummaryResult of the latest request for its document
    #: A result that came back for a superseded or cancelled request and was not passed on.
    dropped = Signal(object)  # SummaryResult
    loaded = Signal(object)  # LoadResult
    #: A load still wanted has got this far: the LoadRequest, fraction done.
    loadProgress = Signal(object, float)
    #: A SlowWarning for the latest request of a document.
    slow = Signal(object)

    _submit_summary = Signal(object)
    _submit_load = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._next_id = 0
        #: The latest summary request of each document; anything else is stale.
        self._latest: dict[int, SummaryRequest] = {}
        self._loads: dict[int, LoadRequest] = {}
        self.catalogue: Catalogue | None = None
        self._thread: QThread | None = QThread(self)
        self._thread.setObjectName("summary-worker")
        self._worker: Worker | None = Worker()
        self._worker.moveToThread(self._thread)
        # Mu-style wiring: the thread starts the worker; when it stops, the worker is deleted in
        # its own thread. Requests and results cross threads as queued signals only.
        self._thread.started.connect(self._worker.start)
        self._thread.finished.connect(self._worker.deleteLater)
        self._submit_summary.connect(self._worker.summarise)
        self._submit_load.connect(self._worker.load)
        self._worker.ready.connect(self._on_ready)
        self._worker.progress.connect(self._on_progress)
        self._worker.summarised.connect(self._on_summarised)
        self._worker.loaded.connect(self._on_loaded)
        self._worker.loadProgress.connect(self._on_load_progress)
        self._worker.slow.connect(self._on_slow)
        self.started_at = 0.0

    def start(self) -> None:
        if self._thread is not None and not self._thread.isRunning():
            self.started_at = time.perf_counter()
            self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def summarise(
        self,
        document: int,
        revision: int,
        text: str,
        options: SummaryOptions,
        *,
        title: str = "",
        blocks: tuple[Any, ...] | None = None,
    ) -> SummaryRequest:
        """Queue a summary; any earlier request for ``document`` is cancelled and its result
        will be dropped."""
        self.cancel(document)
        request = SummaryRequest(
            self._new_id(), document, revision, text, options, title=title, blocks=blocks
        )
        self._latest[document] = request
        self._submit_summary.emit(request)
        return request

    def cancel(self, document: int) -> bool:
        """Stop the document's pending summary. True if there was one."""
        request = self._latest.pop(document, None)
        if request is None:
            return False
        request.cancel.set()
        return True

    def pending(self, document: int) -> SummaryRequest | None:
        return self._latest.get(document)

    def _on_slow(self, warning: SlowWarning) -> None:
        if self._latest.get(warning.request.document) is warning.request:
            self.slow.emit(warning)

    def load(self, path: str, batch: int = 0) -> LoadRequest:
        request = LoadRequest(self._new_id(), str(path), batch)
        self._loads[request.id] = request
        self._submit_load.emit(request)
        return request

    @property
    def loading(self) -> int:
        return len(self._loads)

    @property
    def loads(self) -> tuple[LoadRequest, ...]:
        """The loads still wanted, oldest first."""
        return tuple(self._loads.values())

    def cancel_loads(self) -> int:
        """Stop every pending load (a long PDF stops at its next page); their results are
        dropped. Returns how many there were."""
        loads, self._loads = self._loads, {}
        for request in loads.values():
            request.cancel.set()
        return len(loads)

    @Slot(int, float)
    def _on_load_progress(self, request_id: int, fraction: float) -> None:
        request = self._loads.get(request_id)
        if request is not None:
            self.loadProgress.emit(request, fraction)

    @Slot(object)
    def _on_ready(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        log.info("Engine ready in %.3f s", time.perf_counter() - self.started_at)
        self.ready.emit(catalogue)

    @Slot(int, float)
    def _on_progress(self, request_id: int, fraction: float) -> None:
        for document, request in self._latest.items():
            if request.id == request_id:
                self.progress.emit(document, request_id, fraction)
                return

    @Slot(object)
    def _on_summarised(self, result: SummaryResult) -> None:
        request = result.request
        if self._latest.get(request.document) is not request:
            self.dropped.emit(result)  # superseded or cancelled: never shown
            return
        del self._latest[request.document]
        if result.kind == "bug":
            log.error("Summary failed: %s", result.details)
        self.summarised.emit(result)

    @Slot(object)
    def _on_loaded(self, result: LoadResult) -> None:
        if self._loads.pop(result.request.id, None) is None:
            return
        self.loaded.emit(result)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel everything and stop the thread. False if it is still busy after the timeout."""
        for request in self._latest.values():
            request.cancel.set()
        for load in self._loads.values():
            load.cancel.set()
        self._latest.clear()
        self._loads.clear()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        thread.quit()
        stopped = thread.wait(timeout_ms)
        if stopped:
            self._worker = None
        else:
            log.warning("The summary worker did not stop within %d ms", timeout_ms)
            self._thread = thread
        return stopped

"""Many documents at once in the window: a dropped folder or several files, with progress.

``BatchController`` (GUI thread) hands the paths to a runner in its own ``QThread``, which walks
folders and calls ``engine.batch.run_batch``: a process pool on every core for a big batch, the
runner's own thread for a smaller one (no process start-up to pay). Each document is
reported as it finishes; summarised files become documents in the workspace in the order given,
failures stay listed in the panel with their reason, and nothing one file does stops the rest.

``BatchPanel`` (in a dock) shows the progress bar, Cancel, and every file's state.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from article_summariser.gui.messages import funnel
from article_summariser.gui.options import SummaryOptions

if TYPE_CHECKING:
    from article_summariser.engine import Options, Summary
    from article_summariser.engine.batch import BatchItem, BatchResult
    from article_summariser.engine.loading import LoadedDocument
    from article_summariser.gui.documents import Document
    from article_summariser.gui.workspace import Workspace

log = logging.getLogger(__name__)

#: Below this much input (bytes on disk) a batch runs in the runner's own thread. Each worker
#: process pays about 3 s of CPU to load the engine, while this process has it loaded already:
#: at some 35,000 words a second per core, two cores only win beyond about 200,000 words.
POOL_MIN_BYTES = 1_500_000
#: How long closing the window waits for a batch to stop.
STOP_TIMEOUT_MS = 15_000


def engine_options(options: SummaryOptions) -> Options:
    """The engine's options for the window's settings (the same mapping as the worker's)."""
    from article_summariser import engine

    if options.unit == "percent":
        length = engine.Length.ratio(options.percent / 100)
    elif options.unit == "words":
        length = engine.Length.words(options.words)
    else:
        length = engine.Length.sentences(options.sentences)
    return engine.Options(algorithm=options.algorithm, language=options.language, length=length)


def _size(files: list[str]) -> int:
    total = 0
    for name in files:
        with contextlib.suppress(OSError):  # it fails with its reason when its turn comes
            total += os.stat(name).st_size
    return total


@dataclass
class _Job:
    paths: list[str]
    options: SummaryOptions
    cancel: threading.Event = field(default_factory=threading.Event)


class _Runner(QObject):
    """Lives in the batch thread; reports through queued signals only."""

    planned = Signal(object)  # list[str]: the files, folders expanded
    itemFinished = Signal(object, int, int)  # BatchItem, finished, total
    finished = Signal(object)  # BatchResult
    failed = Signal(str, str)  # message, details

    def __init__(self, job: _Job) -> None:
        super().__init__()
        self.job = job

    @Slot()
    def run(self) -> None:
        try:
            from article_summariser.engine.batch import expand_sources, run_batch
            from article_summariser.engine.errors import EngineError

            try:
                files = expand_sources(self.job.paths)
            except EngineError as error:
                self.failed.emit(error.message, "")
                return
            self.planned.emit(files)
            result = run_batch(
                files,
                engine_options(self.job.options),
                workers=None if _size(files) >= POOL_MIN_BYTES else 1,
                on_item=lambda item, done, total: self.itemFinished.emit(item, done, total),
                cancelled=self.job.cancel.is_set,
            )
        except Exception as error:  # every failure reaches the window as data
            self.failed.emit(
                f"The documents could not be summarised ({type(error).__name__}).",
                traceback.format_exc(),
            )
            return
        self.finished.emit(result)


class BatchController(QObject):
    """Runs one batch at a time (later drops wait their turn) and fills the workspace."""

    #: The files of the batch now running (folders expanded), in order.
    planned = Signal(object)
    #: One file finished: ``(index, item)``; ``item.status`` says how.
    itemFinished = Signal(int, object)
    #: Counts for the progress bar: ``(finished, total)``.
    progress = Signal(int, int)
    #: The batch is over (finished or cancelled): its ``BatchResult``.
    finished = Signal(object)
    #: A file of the batch was opened as a document (or was open already).
    documentOpened = Signal(int, object)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._queue: list[_Job] = []
        self._job: _Job | None = None
        self._thread: QThread | None = None
        self._runner: _Runner | None = None
        self._files: list[str] = []
        self._waiting: dict[int, BatchItem] = {}
        self._released = 0
        self._shown_first = False
        self._last_document: Document | None = None
        #: The documents of the current or last batch, by file index.
        self.documents: dict[int, Document] = {}
        #: Indices of files that were open already (shown, not opened twice).
        self.already_open: set[int] = set()
        #: Files of the last batch that could not be summarised.
        self.failures: list[BatchItem] = []
        self.result: BatchResult | None = None
        #: The panel showing this controller's batches (set by ``install``).
        self.dock: BatchDock | None = None
        self._closed = False

    @property
    def running(self) -> bool:
        return self._job is not None

    def thread_running(self) -> bool:
        """Whether the batch thread is still alive (it must not outlive the window)."""
        return self._thread is not None and self._thread.isRunning()

    def start(self, paths: Iterable[Path | str]) -> int:
        """Queue a batch of files and folders; returns how many paths it holds."""
        if self._closed:
            return 0
        resolved = []
        for raw in paths:
            path = Path(raw).expanduser()
            try:
                path = path.resolve()
            except OSError:
                path = path.absolute()
            resolved.append(str(path))
        if not resolved:
            return 0
        self._queue.append(_Job(resolved, self.workspace.preferences.options))
        if not self.running:
            self._next()
        return len(resolved)

    def cancel(self) -> bool:
        """Stop the running batch (and drop those waiting). True if there was one."""
        self._queue.clear()
        if self._job is None:
            return False
        self._job.cancel.set()
        return True

    def shutdown(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
        """Cancel and wait for the batch thread to end (the window is closing).

        Results still on their way are ignored from now on: the workspace is closing too.
        """
        self._closed = True
        self.cancel()
        thread = self._thread
        if thread is None:
            return True
        thread.quit()
        stopped = thread.wait(timeout_ms)
        if not stopped:
            log.warning("The batch did not stop within %d ms", timeout_ms)
        return stopped

    def _next(self) -> None:
        if not self._queue:
            return
        job = self._queue.pop(0)
        self._job = job
        self._files = []
        self._waiting = {}
        self._released = 0
        self._shown_first = False
        self._last_document = None
        self.documents = {}
        self.already_open = set()
        self.failures = []
        self.result = None
        thread = QThread()
        thread.setObjectName("batch")
        runner = _Runner(job)
        runner.moveToThread(thread)
        # Mu-style wiring: the thread starts the runner; when it ends, both are deleted.
        thread.started.connect(runner.run)
        runner.planned.connect(self._on_planned)
        runner.itemFinished.connect(self._on_item)
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        runner.finished.connect(thread.quit)
        runner.failed.connect(thread.quit)
        thread.finished.connect(runner.deleteLater)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._runner = thread, runner
        thread.start()

    @Slot(object)
    def _on_planned(self, files: list[str]) -> None:
        if self._closed:
            return
        self._files = list(files)
        self.planned.emit(self._files)
        self.progress.emit(0, len(self._files))

    @Slot(object, int, int)
    def _on_item(self, item: BatchItem, finished: int, total: int) -> None:
        if self._closed:
            return
        self._waiting[item.index] = item
        # Documents join the list in the order given, whatever order they finished in.
        while self._released in self._waiting:
            self._release(self._waiting.pop(self._released))
            self._released += 1
        self.progress.emit(finished, total)

    def _release(self, item: BatchItem) -> None:
        if item.ok and item.summary is not None and item.document is not None:
            document = self._open(item, item.document, item.summary)
            self.documents[item.index] = document
            self.documentOpened.emit(item.index, document)
        elif item.status.value == "failed":
            self.failures.append(item)
            if item.detail:
                log.error("Batch: %s failed: %s", item.source, item.detail)
        self.itemFinished.emit(item.index, item)

    def _open(self, item: BatchItem, loaded: LoadedDocument, summary: Summary) -> Document:
        ws = self.workspace
        existing = ws.model.find_source(item.source)
        if existing is not None:
            self.already_open.add(item.index)
            return existing
        first = not self._shown_first
        self._shown_first = True
        current = ws.current
        if first and current is not None and current.is_empty and current.origin == "typed":
            ws.close(current)  # an empty, untouched document makes way (nothing to reopen)
        assert self._job is not None
        document = ws.new_document(
            loaded.text,
            origin="file",
            name=ws.model.unique_name(Path(item.source).name),
            source=item.source,
            title=loaded.title,
            format=loaded.format,
            blocks=loaded.blocks,
            options=self._job.options,
            make_current=first,
        )
        self._place_after_previous(document)
        self._adopt(document, summary, self._job.options)
        self._last_document = document
        return document

    def _place_after_previous(self, document: Document) -> None:
        """Keep the batch's documents in the order given.

        The workspace puts a new document after the current one (the batch's first); later ones
        are moved to follow the batch's previous document instead.
        """
        model = self.workspace.model
        previous = self._last_document
        if previous is None or model.row_of(previous) < 0:
            return
        if model.row_of(document) == model.row_of(previous) + 1:
            return
        model.remove(document)
        model.add(document, model.row_of(previous) + 1)

    def _adopt(self, document: Document, summary: Summary, options: SummaryOptions) -> None:
        """Show the batch's summary instead of making it again.

        Only when it is exactly the summary the window would make: same text (the window
        normalises line breaks) and same settings; otherwise the window's own request stands.
        """
        ws = self.workspace
        if document.text != summary.text or document.options != options:
            return
        ws.service.cancel(document.id)
        document.summary = summary
        document.summary_revision = document.revision
        document.summary_options = options
        document.busy = False
        document.progress = 1.0
        document.error = ""
        document.error_kind = ""
        ws.model.refresh(document)
        ws.documentUpdated.emit(document)

    @Slot(object)
    def _on_finished(self, result: BatchResult) -> None:
        if self._closed:
            return
        # Documents that never started (cancelled) were not reported one by one: the rest,
        # finished after them, waits behind them until now.
        for item in result.items[self._released :]:
            self._release(self._waiting.pop(item.index, item))
        self._released = len(result.items)
        self.result = result
        done, failed = len(result.done), len(result.failed)
        if failed:
            funnel().warning(
                f"{done} of {len(result.items)} documents were summarised; {failed} could not "
                "be (their reasons are in the batch list).",
                "\n".join(f"{i.source}: {i.error}" for i in result.failed),
            )
        self.finished.emit(result)

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        if self._closed:
            return
        if details:
            funnel().error(message, details)
        else:
            funnel().warning(message)
        from article_summariser.engine.batch import BatchResult

        self.result = BatchResult((), 0.0, 0)
        self.finished.emit(self.result)

    @Slot()
    def _on_thread_finished(self) -> None:
        thread, self._thread, self._runner, self._job = self._thread, None, None, None
        if thread is not None:
            thread.deleteLater()
        if not self._closed:
            self._next()


# The panel ------------------------------------------------------------------------------------


def _state_text(item: BatchItem | None, already_open: bool = False) -> str:
    if item is None:
        return "Waiting…"
    if item.status.value == "done" and item.summary is not None:
        s = item.summary
        prefix = "Already open" if already_open else "Summarised"
        return f"{prefix}: {s.words_total:,} → {s.words_summary:,} words"
    if item.status.value == "cancelled":
        return "Cancelled"
    return f"Failed: {item.error}"


class BatchPanel(QWidget):
    """Progress, Cancel, and one row per file with its state."""

    #: A row was activated (double-click or Enter): the file's index in the batch.
    activated = Signal(int)
    cancelRequested = Signal()
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchPanel")
        self.status = QLabel("", self)
        self.status.setObjectName("batchStatus")
        self.status.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("batchProgress")
        self.bar.setAccessibleName("Batch progress")
        self.bar.setTextVisible(True)
        self.bar.setFormat("%v of %m")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("batchCancel")
        self.cancel_button.setAccessibleName("Cancel the batch")
        self.close_button = QPushButton("Close", self)
        self.close_button.setObjectName("batchClose")
        self.list = QListWidget(self)
        self.list.setObjectName("batchList")
        self.list.setAccessibleName("Files of the batch")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        top = QHBoxLayout()
        top.addWidget(self.bar, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.status)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.close_button.clicked.connect(self.closeRequested)
        self.list.itemActivated.connect(lambda item: self.activated.emit(self.list.row(item)))
        self._icons = {
            "waiting": self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload),
            "done": self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
            "failed": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "cancelled": self.style().standardIcon(QStyle.StandardPixmap.SP_DialogCancelButton),
        }
        self._names: list[str] = []
        self._running = False
        self.begin_waiting()

    def begin_waiting(self) -> None:
        self._running = True
        self._names = []
        self.list.clear()
        self.status.setText("Looking for documents…")
        self.bar.setRange(0, 0)  # busy until the files are known
        self.cancel_button.setEnabled(True)
        self.close_button.setEnabled(False)

    def begin(self, files: list[str]) -> None:
        self._running = True
        self.list.clear()
        self._names = [Path(f).name or f for f in files]
        for name, path in zip(self._names, files, strict=True):
            row = QListWidgetItem(self._icons["waiting"], f"{name} — Waiting…")
            row.setToolTip(path)
            row.setData(Qt.ItemDataRole.UserRole, "waiting")
            self.list.addItem(row)
        self.bar.setRange(0, max(1, len(files)))
        self.bar.setValue(0)
        self.status.setText(self._counting(0, len(files)))
        self.cancel_button.setEnabled(True)
        self.close_button.setEnabled(False)

    @staticmethod
    def _counting(finished: int, total: int) -> str:
        noun = "document" if total == 1 else "documents"
        return f"Summarising {total} {noun}: {finished} done…"

    def set_progress(self, finished: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(finished)
        if self._running:
            self.status.setText(self._counting(finished, total))

    def show_item(self, index: int, item: BatchItem, already_open: bool = False) -> None:
        row = self.list.item(index)
        if row is None:
            return
        state = item.status.value
        row.setIcon(self._icons.get(state, self._icons["failed"]))
        row.setText(f"{self._names[index]} — {_state_text(item, already_open)}")
        row.setData(Qt.ItemDataRole.UserRole, state)
        tip = item.source if not item.error else f"{item.source}\n{item.error}"
        row.setToolTip(tip)

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.status.setText("Cancelling…")

    def end(self, result: BatchResult) -> None:
        self._running = False
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        total = len(result.items)
        done, failed = len(result.done), len(result.failed)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == "waiting":
                item.setIcon(self._icons["cancelled"])
                item.setText(f"{self._names[row]} — Cancelled")
                item.setData(Qt.ItemDataRole.UserRole, "cancelled")
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
        if result.cancelled:
            text = f"Cancelled: {done} of {total} summarised"
        else:
            text = f"{done} of {total} summarised"
        if failed:
            text += f", {failed} failed"
        self.status.setText(text + ".")

    def states(self) -> list[str]:
        """Each row's state (``waiting``, ``done``, ``failed``, ``cancelled``), for tests and
        accessibility checks."""
        return [
            self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())
        ]

    def texts(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]


class BatchDock(QDockWidget):
    """The panel in a dock at the bottom of the window, shown when a batch starts."""

    def __init__(self, controller: BatchController, window: QMainWindow) -> None:
        super().__init__("Documents Being Summarised", window)
        self.setObjectName("batchDock")
        self.controller = controller
        self.panel = BatchPanel(self)
        self.setWidget(self.panel)
        self.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.hide()
        controller.planned.connect(self.panel.begin)
        controller.progress.connect(self.panel.set_progress)
        controller.itemFinished.connect(self._item)
        controller.finished.connect(self.panel.end)
        self.panel.cancelRequested.connect(self._cancel)
        self.panel.closeRequested.connect(self.hide)
        self.panel.activated.connect(self._show_document)

    def starting(self, *, queued: bool) -> None:
        """Show the panel; a batch waiting behind another one keeps the running one shown."""
        if not queued:
            self.panel.begin_waiting()
        self.show()
        self.raise_()

    def _item(self, index: int, item: Any) -> None:
        self.panel.show_item(index, item, already_open=index in self.controller.already_open)

    def _cancel(self) -> None:
        if self.controller.cancel():
            self.panel.cancelling()

    def _show_document(self, index: int) -> None:
        document = self.controller.documents.get(index)
        if document is not None and self.controller.workspace.model.row_of(document) >= 0:
            self.controller.workspace.set_current(document)


class _CloseWatcher(QObject):
    """Stops the batch when its window closes, so no thread outlives the window."""

    def __init__(self, controller: BatchController, window: QWidget) -> None:
        super().__init__(window)
        self.controller = controller
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.controller.shutdown()
        return False


def install(window: Any) -> BatchController:
    """Give the main window batches: a controller on its workspace and the dock."""
    controller = BatchController(window.workspace, window)
    dock = BatchDock(controller, window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    controller.dock = dock
    _CloseWatcher(controller, window)
    return controller


def open_batch(window: Any, controller: BatchController, paths: Sequence[Path | str]) -> int:
    """Start a batch for ``paths`` and show its panel; returns how many paths it holds."""
    queued = controller.running
    count = controller.start(paths)
    if count and controller.dock is not None:
        controller.dock.starting(queued=queued)
    return count

"""The history in the window: every summary remembered, searchable, reopenable; or none at all.

``HistoryService`` runs every history operation (write, search, delete, clear) in its own
thread, so a slow disk or a big history never freezes the window; results come back as queued
signals. ``HistoryRecorder`` remembers a document's summary once it has stopped changing for a
moment (dragging the length slider makes dozens), and ``HistoryDialog`` searches, reopens,
deletes and clears, with the setting that turns the history off.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from article_summariser.gui import dialogs
from article_summariser.gui.messages import funnel
from article_summariser.gui.options import SummaryOptions

if TYPE_CHECKING:
    from article_summariser.engine import Summary
    from article_summariser.engine.history import History, HistoryEntry
    from article_summariser.gui.documents import Document
    from article_summariser.gui.workspace import Workspace

log = logging.getLogger(__name__)

#: Quiet time after a document's last new summary before it is written to the history.
RECORD_DELAY_MS = 1500
#: Quiet time after typing in the search box before searching.
SEARCH_DELAY_MS = 200


class _HistoryWorker(QObject):
    """Lives in the history thread and owns every call into the SQLite file.

    The engine's history module is imported here, on first use, so that opening the window
    loads no engine code.
    """

    done = Signal(int, str, object)  # request id, operation, result
    failed = Signal(int, str, str)  # request id, operation, message

    def __init__(self, enabled: bool, path: Path | None = None) -> None:
        super().__init__()
        self._enabled = enabled
        self._path = path
        self._history: History | None = None

    @property
    def history(self) -> History:
        if self._history is None:
            from article_summariser.engine.history import History

            self._history = History(self._path, enabled=self._enabled)
        return self._history

    @Slot(int, str, object)
    def run(self, request: int, operation: str, args: tuple) -> None:
        from article_summariser.engine.errors import EngineError

        if operation == "stop":
            # Queued behind every request made before it, so nothing asked for is lost.
            thread = QThread.currentThread()
            if thread is not None:
                thread.quit()
            return
        if operation == "enable":
            self._enabled = args[0]
            if self._history is not None:
                self._history.enabled = args[0]
            return
        try:
            if operation == "add":
                summary, source, language, title = args
                result: Any = self.history.add(
                    summary, source=source, language_setting=language, title=title
                )
            else:
                result = getattr(self.history, operation)(*args)
        except EngineError as error:
            self.failed.emit(request, operation, error.message)
            return
        except Exception as error:  # a bug: reported as data, never lost in a thread
            log.exception("History %s failed", operation)
            self.failed.emit(request, operation, f"The history failed ({type(error).__name__}).")
            return
        self.done.emit(request, operation, result)


class HistoryService(QObject):
    """The window's handle on the history file; every call returns at once."""

    #: Search results: ``(request id, [HistoryEntry, ...])``.
    searched = Signal(int, object)
    #: One whole entry (text included) or ``None``: ``(request id, entry)``.
    fetched = Signal(int, object)
    #: Entries were added, deleted or cleared.
    changed = Signal()
    #: An operation failed: ``(operation, message)``.
    failed = Signal(str, str)

    _submit = Signal(int, str, object)

    def __init__(
        self, *, enabled: bool = True, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._enabled = enabled
        self._next = 0
        self._write_reported = False
        self._thread: QThread | None = QThread()
        self._thread.setObjectName("history")
        self._worker: _HistoryWorker | None = _HistoryWorker(enabled, path)
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._submit.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        """Turn recording on or off (the history file is still searched and can be cleared).

        Off takes effect at once: ``record`` sends nothing more, and the worker's history, told
        in turn, refuses any write still on its way.
        """
        self._enabled = on
        self._call("enable", on)

    def _call(self, operation: str, *args: Any) -> int:
        self._next += 1
        if self._thread is not None:
            self._submit.emit(self._next, operation, args)
        return self._next

    def record(
        self, summary: Summary, *, source: str = "", language_setting: str = "auto", title: str
    ) -> int | None:
        if not self.enabled:
            return None
        return self._call("add", summary, source, language_setting, title)

    def search(self, query: str) -> int:
        return self._call("search", query)

    def get(self, entry_id: int) -> int:
        return self._call("get", entry_id)

    def delete(self, entry_id: int) -> int:
        return self._call("delete", entry_id)

    def clear(self) -> int:
        return self._call("clear")

    @Slot(int, str, object)
    def _on_done(self, request: int, operation: str, result: object) -> None:
        if operation == "search":
            self.searched.emit(request, result)
        elif operation == "get":
            self.fetched.emit(request, result)
        elif operation == "clear" or (operation in ("add", "delete") and result):
            self.changed.emit()

    @Slot(int, str, str)
    def _on_failed(self, request: int, operation: str, message: str) -> None:
        if operation == "add":
            # Said once per session: a full disk should not interrupt every summary.
            if not self._write_reported:
                self._write_reported = True
                funnel().warning(message)
        else:
            funnel().warning(message)
        self.failed.emit(operation, message)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Finish the writes already asked for, then stop the thread."""
        if self._thread is None:
            return True
        self._call("stop")
        thread, self._thread = self._thread, None
        stopped = thread.wait(timeout_ms)
        if stopped:
            self._worker = None
        else:
            log.warning("The history did not stop within %d ms", timeout_ms)
        return stopped


class HistoryRecorder(QObject):
    """Writes each document's summary to the history once it has settled."""

    def __init__(
        self, workspace: Workspace, service: HistoryService, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.service = service
        self._pending: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECORD_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        workspace.documentUpdated.connect(self._updated)

    def _updated(self, document: Document) -> None:
        if self.service.enabled and document.has_current_summary:
            self._pending.add(document.id)
            self._timer.start()

    def flush(self) -> int:
        """Write the settled summaries now; returns how many were sent."""
        self._timer.stop()
        pending, self._pending = self._pending, set()
        sent = 0
        for document_id in sorted(pending):
            document = self.workspace.model.by_id(document_id)
            if document is None or not document.has_current_summary or document.summary is None:
                continue
            summary = document.summary
            # Without a title the entry goes by its file name or its first words, which say
            # more than "Pasted text".
            title = document.title or summary.title
            source = document.source if document.origin == "file" else ""
            requested = self.service.record(
                summary, source=source, language_setting=document.options.language, title=title
            )
            sent += requested is not None
        return sent


def options_of(entry: HistoryEntry) -> SummaryOptions:
    """The window's settings for a remembered summary."""
    unit = entry.length.unit.value
    options = SummaryOptions(algorithm=entry.algorithm, language=entry.language_setting or "auto")
    if unit == "ratio":
        return options.with_unit("percent").with_value(round(entry.length.value * 100))
    if unit == "words":
        return options.with_unit("words").with_value(int(entry.length.value))
    return options.with_unit("sentences").with_value(int(entry.length.value))


def reopen(workspace: Workspace, entry: HistoryEntry) -> Document | None:
    """Open a remembered document again, with the settings it was summarised with."""
    if not entry.text:
        return None
    if entry.source:
        existing = workspace.model.find_source(entry.source)
        if existing is not None and existing.text == entry.text:
            workspace.set_current(existing)
            return existing
    origin = "file" if entry.source else "clipboard"
    name = Path(entry.source).name if entry.source else entry.display_title
    return workspace.new_document(
        entry.text,
        origin=origin,
        name=workspace.model.unique_name(name),
        source=entry.source,
        title=entry.title,
        options=options_of(entry),
    )


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class HistoryDialog(QDialog):
    """Search the history, reopen or delete an entry, clear it all, or turn it off."""

    #: A remembered document was opened again.
    reopened = Signal(object)

    def __init__(
        self,
        service: HistoryService,
        workspace: Workspace,
        settings: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle("History")
        self.service = service
        self.workspace = workspace
        self.settings = settings
        self._search_request = -1
        self._fetch_request = -1
        self._entries: list[HistoryEntry] = []

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("historySearch")
        self.search_box.setPlaceholderText("Search titles, sources and full texts")
        self.search_box.setAccessibleName("Search the history")
        self.search_box.setClearButtonEnabled(True)
        self.results = QTreeWidget(self)
        self.results.setObjectName("historyResults")
        self.results.setAccessibleName("Remembered summaries")
        self.results.setHeaderLabels(["Title", "Summarised", "Source", "Words"])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("historyPreview")
        self.preview.setAccessibleName("Summary of the selected entry")
        self.preview.setReadOnly(True)
        self.count_label = QLabel("", self)
        self.count_label.setObjectName("historyCount")
        self.keep = QCheckBox("&Keep a history of summaries", self)
        self.keep.setObjectName("historyKeep")
        self.keep.setChecked(service.enabled)
        self.reopen_button = QPushButton("&Reopen", self)
        self.reopen_button.setObjectName("historyReopen")
        self.delete_button = QPushButton("&Delete", self)
        self.delete_button.setObjectName("historyDelete")
        self.clear_button = QPushButton("Clear &All…", self)
        self.clear_button.setObjectName("historyClear")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.reopen_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.rejected.connect(self.close)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.results)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.keep)
        bottom.addStretch(1)
        bottom.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        layout.addWidget(buttons)
        self.resize(760, 560)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.results.currentItemChanged.connect(self._selected)
        self.results.itemActivated.connect(lambda _item, _column: self.reopen_selected())
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.clear_button.clicked.connect(self.ask_clear)
        self.keep.toggled.connect(self.set_keep)
        service.searched.connect(self._show_results)
        service.fetched.connect(self._fetched)
        service.changed.connect(self.refresh)
        self._selected(None, None)

    # Searching -------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._search_timer.stop()
        self._search_request = self.service.search(self.search_box.text())

    def _show_results(self, request: int, entries: list[HistoryEntry]) -> None:
        if request != self._search_request:
            return  # an older search, overtaken by typing
        selected = self.selected_id()
        self._entries = list(entries)
        self.results.clear()
        for entry in entries:
            words = f"{entry.words_original:,} → {entry.words_summary:,}"
            row = QTreeWidgetItem(
                [entry.display_title, _when(entry.summarised_at), entry.source, words]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            row.setToolTip(0, entry.display_title)
            row.setToolTip(2, entry.source)
            self.results.addTopLevelItem(row)
        for column in range(3):
            self.results.resizeColumnToContents(column)
        keep = next((r for r in range(len(entries)) if entries[r].id == selected), 0)
        if entries:
            self.results.setCurrentItem(self.results.topLevelItem(keep))
        self._update_count()

    def _update_count(self) -> None:
        n = len(self._entries)
        if self.search_box.text().strip():
            text = f"{n} found" if n != 1 else "1 found"
        else:
            text = f"{n} remembered" if n != 1 else "1 remembered"
        if not self.service.enabled:
            text += " · history is off"
        self.count_label.setText(text)

    def _selected(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        entry = self.entry(current)
        self.preview.setPlainText(entry.summary if entry is not None else "")
        self.reopen_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)

    def entry(self, row: QTreeWidgetItem | None = None) -> HistoryEntry | None:
        row = row if row is not None else self.results.currentItem()
        if row is None:
            return None
        entry_id = row.data(0, Qt.ItemDataRole.UserRole)
        return next((e for e in self._entries if e.id == entry_id), None)

    def selected_id(self) -> int | None:
        entry = self.entry()
        return entry.id if entry is not None else None

    def titles(self) -> list[str]:
        return [
            self.results.topLevelItem(i).text(0) for i in range(self.results.topLevelItemCount())
        ]

    # Acting ------------------------------------------------------------------------------------

    def reopen_selected(self) -> None:
        entry = self.entry()
        if entry is not None:
            self._fetch_request = self.service.get(entry.id)

    def _fetched(self, request: int, entry: HistoryEntry | None) -> None:
        if request != self._fetch_request:
            return
        if entry is None:
            funnel().info("That entry is no longer in the history.")
            self.refresh()
            return
        document = reopen(self.workspace, entry)
        if document is not None:
            self.reopened.emit(document)

    def delete_selected(self) -> None:
        entry = self.entry()
        if entry is not None:
            self.service.delete(entry.id)

    def ask_clear(self) -> None:
        if dialogs.confirm(
            self,
            "Clear the History",
            "Forget every remembered summary? The documents themselves are not touched.",
        ):
            self.service.clear()

    def set_keep(self, on: bool) -> None:
        self.service.set_enabled(on)
        preferences = self.settings.preferences
        if preferences.keep_history != on:
            preferences.keep_history = on
            self.settings.changed()
        self._update_count()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self.keep.setChecked(self.service.enabled)
        self.refresh()


class _CloseWatcher(QObject):
    """Writes what is pending and stops the history thread when the window closes."""

    def __init__(self, recorder: HistoryRecorder, service: HistoryService, window: QWidget):
        super().__init__(window)
        self.recorder = recorder
        self.service = service
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.recorder.flush()
            self.service.shutdown()
        return False


class HistoryFeature(QObject):
    """What ``install`` adds to a window: the service, the recorder, the action, the dialog."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service = HistoryService(enabled=window.settings.preferences.keep_history, parent=self)
        self.recorder = HistoryRecorder(window.workspace, self.service, self)
        self.dialog: HistoryDialog | None = None
        self.action = QAction("&History…", window)
        self.action.setObjectName("history")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.action.setStatusTip("Search, reopen or clear the summaries made before")
        self.action.setProperty("accessibleName", "History")
        self.action.triggered.connect(self.show_dialog)
        window.addAction(self.action)
        _CloseWatcher(self.recorder, self.service, window)

    def show_dialog(self) -> HistoryDialog:
        if self.dialog is None:
            self.dialog = HistoryDialog(
                self.service, self.window.workspace, self.window.settings, self.window
            )
        if self.dialog.isVisible():  # already open, perhaps behind the window: bring it up
            self.dialog.raise_()
            self.dialog.activateWindow()
        else:
            self.dialog.show()
        return self.dialog


def install(window: Any) -> HistoryFeature:
    """Give the main window its history: File ▸ History… and the recorder behind it."""
    feature = HistoryFeature(window)
    file_menu = window.menus["file"]
    before = window.commands.paste_new
    file_menu.insertAction(before, feature.action)
    return feature

"""What the window does with documents, independent of how it draws them.

Opening, pasting and closing documents; which one is current; when to ask the worker for a
summary (debounced after typing, at once for settings); which results to keep. Widgets call
these methods and listen to the signals; no widget is touched here, so the behaviour is tested
without a window and the main window stays a thin assembly of views.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from article_summariser.gui.documents import Document, DocumentListModel
from article_summariser.gui.messages import funnel
from article_summariser.gui.options import SummaryOptions
from article_summariser.gui.settings import SettingsStore
from article_summariser.gui.worker import (
    LoadRequest,
    LoadResult,
    SlowWarning,
    SummaryResult,
    SummaryService,
)

log = logging.getLogger(__name__)

#: Quiet time after the last keystroke before the text is summarised again.
EDIT_DELAY_MS = 450
#: Closed documents that Reopen can bring back.
CLOSED_MAX = 20
#: The longest name a pasted text gets from its title.
NAME_MAX = 80


def _name_from_title(title: str) -> str:
    title = " ".join(title.split())
    if len(title) <= NAME_MAX:
        return title
    cut = title[: NAME_MAX - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:-–—") + "…"


@dataclass(frozen=True)
class Loading:
    """Files or web pages being opened, for the status line."""

    #: ``Opening “report.pdf”…``, ``Opening 2 files…``, ``Fetching https://…``.
    text: str
    #: Done so far, in [0, 1]; ``None`` while nothing has reported progress.
    fraction: float | None


def _load_name(request: LoadRequest) -> str:
    return request.path if request.is_url else Path(request.path).name


class Workspace(QObject):
    """The open documents and the summaries being made for them."""

    #: The current document changed (``None``: no document is open).
    currentChanged = Signal(object)
    #: A document's summary, error, busy state or name changed.
    documentUpdated = Signal(object)
    #: Progress of the document's summary (fraction in [0, 1]).
    documentProgress = Signal(object, float)
    #: The text of a document changed; its summary is now out of date.
    documentEdited = Signal(object)
    #: The engine is loaded; its algorithms and languages are known.
    catalogueReady = Signal(object)
    #: Anything worth autosaving changed (documents opened, closed, edited, re-set).
    changed = Signal()
    #: Files or pages are being opened (a ``Loading``), or no longer (``None``).
    loadingChanged = Signal(object)

    def __init__(
        self,
        settings: SettingsStore,
        service: SummaryService | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.model = DocumentListModel(self)
        self.service = service or SummaryService(self)
        self.current: Document | None = None
        self._closed: list[dict[str, Any]] = []
        self._batches: dict[int, bool] = {}
        self._next_batch = 0
        self._edit_timer = QTimer(self)
        self._edit_timer.setSingleShot(True)
        self._edit_timer.setInterval(EDIT_DELAY_MS)
        self._edit_timer.timeout.connect(self._flush_edits)
        self._edited: set[int] = set()
        self.service.ready.connect(self.catalogueReady)
        self.service.summarised.connect(self._on_summarised)
        self.service.loaded.connect(self._on_loaded)
        self.service.loadProgress.connect(self._on_load_progress)
        self._load_fractions: dict[int, float] = {}
        self.service.progress.connect(self._on_progress)
        self.service.slow.connect(self._on_slow)

    @property
    def preferences(self):
        return self.settings.preferences

    @property
    def catalogue(self):
        return self.service.catalogue

    def start(self) -> None:
        self.service.start()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        self._edit_timer.stop()
        return self.service.shutdown(timeout_ms)

    # Documents -----------------------------------------------------------------------------

    def documents(self) -> tuple[Document, ...]:
        return tuple(self.model)

    def new_document(
        self,
        text: str = "",
        *,
        origin: str = "typed",
        name: str = "",
        source: str = "",
        title: str = "",
        format: str = "text",
        blocks: tuple[Any, ...] | None = None,
        options: SummaryOptions | None = None,
        make_current: bool = True,
    ) -> Document:
        """Add a document and (by default) show it; it is summarised at once if it has text."""
        if not name:
            name = {
                "clipboard": "Pasted text",
                "dropped": "Dropped text",
                "sample": "Sample article",
            }.get(origin, "Untitled")
            if title and origin != "file":
                name = _name_from_title(title)
            name = self.model.unique_name(name)
        document = Document(
            text,
            name=name,
            origin=origin,
            source=source,
            title=title,
            format=format,
            blocks=blocks,
            options=options or self.preferences.options,
            parent=self,
        )
        document.edited.connect(lambda d=document: self._on_edited(d))
        row = self.model.row_of(self.current) + 1 if self.current is not None else None
        self.model.add(document, row)
        if not document.is_empty:
            self.summarise(document)
        if make_current or self.current is None:
            self.set_current(document)
        self.changed.emit()
        return document

    def open_text(
        self,
        text: str,
        *,
        origin: str = "clipboard",
        title: str = "",
        format: str = "text",
        blocks: tuple[Any, ...] | None = None,
    ) -> Document | None:
        """Pasted or dropped text: into the current document if it is empty, else a new one."""
        if not text.strip():
            funnel().info("There is no text to summarise in what was pasted or dropped.")
            return None
        target = self.current
        if target is not None and target.is_empty and target.origin == "typed":
            self._discard(target)
        return self.new_document(text, origin=origin, title=title, format=format, blocks=blocks)

    def open_paths(self, paths: Iterable[Path | str]) -> int:
        """Load files in the worker; each becomes a document. Returns how many are loading.

        A file already open is shown instead of being opened twice. The first file of the batch
        becomes the current document once it is loaded.
        """
        self._next_batch += 1
        batch = self._next_batch
        queued = 0
        for raw in paths:
            path = Path(raw).expanduser()
            try:
                path = path.resolve()
            except OSError:
                path = path.absolute()
            existing = self.model.find_source(str(path))
            if existing is not None:
                if queued == 0 and not self._batches.get(batch):
                    self.set_current(existing)
                    self._batches[batch] = True
                continue
            self.service.load(str(path), batch)
            queued += 1
        self._batches.setdefault(batch, False)
        if queued:
            self._loading_changed()
        return queued

    def open_url(self, url: str) -> None:
        """Fetch a web page in the worker (timeout and size cap in the engine); it becomes a
        document like a saved page. A page already open is shown instead."""
        existing = self.model.find_source(url)
        if existing is not None:
            self.set_current(existing)
            return
        self._next_batch += 1
        self._batches[self._next_batch] = False
        self.service.load(url, self._next_batch)
        funnel().info(f"Fetching {url} …")
        self._loading_changed()

    # Loading ---------------------------------------------------------------------------------

    def loading(self) -> Loading | None:
        """What is being opened, or ``None``."""
        loads = self.service.loads
        if not loads:
            return None
        if len(loads) > 1:
            text = f"Opening {len(loads)} files…"
        elif loads[0].is_url:
            text = f"Fetching {loads[0].path}…"
        else:
            text = f"Opening “{_load_name(loads[0])}”…"
        known = [self._load_fractions[r.id] for r in loads if r.id in self._load_fractions]
        fraction = sum(known) / len(loads) if known else None
        return Loading(text, fraction)

    def cancel_loads(self) -> bool:
        """Stop opening whatever is being opened. True if anything was."""
        loads = self.service.loads
        if not self.service.cancel_loads():
            return False
        self._load_fractions.clear()
        what = f"“{_load_name(loads[0])}”" if len(loads) == 1 else f"{len(loads)} files"
        funnel().info(f"Stopped opening {what}.")
        self._loading_changed()
        return True

    def _loading_changed(self) -> None:
        self.loadingChanged.emit(self.loading())

    def _on_load_progress(self, request: LoadRequest, fraction: float) -> None:
        self._load_fractions[request.id] = fraction
        self._loading_changed()

    def open_sample(self) -> Document | None:
        from article_summariser import resources

        try:
            text = resources.sample_article()
        except OSError as error:
            funnel().error("The sample article is missing from this installation.", str(error))
            return None
        return self.new_document(text, origin="sample")

    def set_current(self, document: Document | None) -> None:
        if document is self.current:
            return
        if self.current is not None and self.current.id in self._edited:
            self._flush_edits()
        self.current = document
        self.currentChanged.emit(document)

    def close(self, document: Document | None = None) -> Document | None:
        """Close a document (it can be reopened); returns the document shown next."""
        document = document or self.current
        if document is None:
            return self.current
        self.service.cancel(document.id)
        self._edited.discard(document.id)
        if not document.is_empty:
            self._closed.append(self.snapshot(document))
            del self._closed[:-CLOSED_MAX]
        row = self.model.row_of(document)
        if document is self.current:
            following = self.model.at(row + 1) or self.model.at(row - 1)
            self.set_current(following)
        self.model.remove(document)
        document.deleteLater()
        self.changed.emit()
        return self.current

    def _discard(self, document: Document) -> None:
        """Drop an empty, untouched document that new text replaces (nothing to reopen)."""
        self.service.cancel(document.id)
        self._edited.discard(document.id)
        if document is self.current:
            self.current = None
        self.model.remove(document)
        document.deleteLater()

    @property
    def can_reopen(self) -> bool:
        return bool(self._closed)

    def reopen_closed(self) -> Document | None:
        if not self._closed:
            return None
        return self.new_document(**self._closed.pop())

    @staticmethod
    def snapshot(document: Document) -> dict[str, Any]:
        """What it takes to open the document again as it is (its text, origin and settings)."""
        return {
            "text": document.text,
            "name": document.name,
            "origin": document.origin,
            "source": document.source,
            "title": document.title,
            "format": document.format,
            "options": document.options,
        }

    # Settings --------------------------------------------------------------------------------

    def set_options(self, options: SummaryOptions, document: Document | None = None) -> None:
        """New settings for a document (the current one); they also become the defaults."""
        document = document or self.current
        self.preferences.options = options
        self.settings.changed()
        if document is None or options == document.options:
            return
        document.options = options
        self.summarise(document)
        self.changed.emit()

    # Summaries -------------------------------------------------------------------------------

    def summarise(self, document: Document | None = None) -> None:
        """Ask for a summary of the document's text as it is now."""
        document = document or self.current
        if document is None:
            return
        self._edited.discard(document.id)
        if document.is_empty:
            self.service.cancel(document.id)
            document.summary = None
            document.summary_revision = -1
            document.busy = False
            document.error = ""
            document.error_kind = ""
            self._updated(document)
            return
        self.service.summarise(
            document.id,
            document.revision,
            document.text,
            document.options,
            title=document.title if document.revision == 0 else "",
            blocks=document.blocks,
        )
        document.busy = True
        document.progress = 0.0
        self._updated(document)

    def cancel(self, document: Document | None = None) -> bool:
        document = document or self.current
        if document is None or not self.service.cancel(document.id):
            return False
        document.busy = False
        document.error = "Summarising was cancelled. Change a setting or press F5 to try again."
        document.error_kind = "cancelled"
        self._updated(document)
        return True

    def _updated(self, document: Document) -> None:
        self.model.refresh(document)
        self.documentUpdated.emit(document)

    def _on_edited(self, document: Document) -> None:
        # A result for the old text must never be shown: cancel it now, and wait for typing to
        # pause before asking again.
        self.service.cancel(document.id)
        document.busy = False
        self._edited.add(document.id)
        self._edit_timer.start()
        self.model.refresh(document)
        self.documentEdited.emit(document)
        self.changed.emit()

    def _flush_edits(self) -> None:
        self._edit_timer.stop()
        pending, self._edited = self._edited, set()
        for document_id in pending:
            document = self.model.by_id(document_id)
            if document is not None:
                self.summarise(document)

    @property
    def edit_pending(self) -> bool:
        return bool(self._edited)

    def _on_progress(self, document_id: int, request_id: int, fraction: float) -> None:
        document = self.model.by_id(document_id)
        if document is not None and document.busy:
            document.progress = fraction
            self.documentProgress.emit(document, fraction)

    def _on_page_loaded(self, result: LoadResult) -> None:
        url = result.request.path
        if not result.ok or result.document is None:
            if result.kind == "bug":
                funnel().error(f"{url} could not be opened. {result.error}", result.details)
            elif result.kind != "cancelled":
                funnel().warning(result.error)
            return
        loaded = result.document
        name = loaded.title or url.rstrip("/").rsplit("/", 1)[-1] or url
        self.new_document(
            loaded.text,
            origin="web",
            name=self.model.unique_name(_name_from_title(name)),
            source=url,
            title=loaded.title,
            format=loaded.format,
            blocks=loaded.blocks,
        )

    def _on_slow(self, warning: SlowWarning) -> None:
        funnel().warning(warning.text)

    def _on_summarised(self, result: SummaryResult) -> None:
        request = result.request
        document = self.model.by_id(request.document)
        if document is None or request.revision != document.revision:
            return  # closed, or the text changed since: the result is stale
        document.busy = False
        if result.ok:
            document.summary = result.summary
            document.summary_revision = request.revision
            document.summary_options = request.options
            document.error = ""
            document.error_kind = ""
            summary = result.summary
            renamable = document.origin in ("clipboard", "dropped", "sample")
            if summary is not None and summary.title and renamable and document.revision == 0:
                name = _name_from_title(summary.title)
                if name != document.name:
                    document.name = self.model.unique_name(name)
        else:
            document.error = result.error
            document.error_kind = result.kind
            if result.kind != "cancelled":
                document.summary = None
                document.summary_revision = -1
            if result.kind == "bug":
                funnel().error(result.error, result.details)
        self._updated(document)

    def _on_loaded(self, result: LoadResult) -> None:
        self._load_fractions.pop(result.request.id, None)
        self._loading_changed()
        request = result.request
        if request.is_url:
            self._on_page_loaded(result)
            return
        path = Path(request.path)
        if not result.ok or result.document is None:
            if result.kind == "cancelled":
                return
            if result.kind == "bug":
                funnel().error(f"“{path.name}” could not be opened. {result.error}", result.details)
            else:
                funnel().warning(result.error)
            if not path.exists():
                self.preferences.remove_recent(path)
            self.settings.changed()
            return
        loaded = result.document
        make_current = not self._batches.get(request.batch, False)
        self._batches[request.batch] = True
        current = self.current
        if make_current and current is not None and current.is_empty and current.origin == "typed":
            self._discard(current)
        self.new_document(
            loaded.text,
            origin="file",
            name=self.model.unique_name(path.name),
            source=str(path),
            title=loaded.title,
            format=loaded.format,
            blocks=loaded.blocks,
            make_current=make_current,
        )
        self.preferences.add_recent(path)
        self.settings.changed()

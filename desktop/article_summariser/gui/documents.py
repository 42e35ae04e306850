"""The open documents: each keeps its own text (with its undo history), settings and summary.

``Document`` owns a ``QTextDocument`` that the editor shows while the document is current, so
switching documents keeps every text's undo stack, and nothing is copied on a switch.
``DocumentListModel`` is a plain Qt list model, testable without a window; the side list that
shows it (``document_list.DocumentListView``) is built only once a second document opens.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from article_summariser.gui import textmap
from article_summariser.gui.options import SummaryOptions

if TYPE_CHECKING:
    from article_summariser.engine import Summary

_ids = itertools.count(1)

#: Where a document's text came from (shapes its name and the quote's source line).
ORIGINS = ("file", "web", "clipboard", "dropped", "typed", "sample")
#: Space around the text in the editor (pixels).
DOCUMENT_MARGIN = 18


class Document(QObject):
    """One open text and everything the window knows about it."""

    #: The text changed (typing, paste, undo); ``revision`` has been bumped.
    edited = Signal()

    def __init__(
        self,
        text: str = "",
        *,
        name: str = "",
        origin: str = "typed",
        source: str = "",
        title: str = "",
        format: str = "text",
        blocks: tuple[Any, ...] | None = None,
        options: SummaryOptions | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.id = next(_ids)
        text, blocks = textmap.normalise_blocks(text, blocks)
        self.name = name or "Untitled"
        self.origin = origin if origin in ORIGINS else "typed"
        #: A path for files; empty for pasted or typed text.
        self.source = source
        self.title = title
        self.format = format
        self.options = options or SummaryOptions()
        self.qdoc = QTextDocument(self)
        self.qdoc.setDocumentLayout(QPlainTextDocumentLayout(self.qdoc))
        self.qdoc.setPlainText(text)
        # Set before edits are counted: Qt reports a margin change as a change of the contents.
        self.qdoc.setDocumentMargin(DOCUMENT_MARGIN)
        self.qdoc.setModified(False)
        self.revision = 0
        self._text = text
        self._text_revision = 0
        self._blocks = blocks
        self.summary: Summary | None = None
        #: The revision the summary was made from (it is current only if equal to ``revision``).
        self.summary_revision = -1
        #: The settings the summary was made with.
        self.summary_options: SummaryOptions | None = None
        self.error = ""
        #: ``""``, ``input``, ``cancelled`` or ``bug``: why there is no summary.
        self.error_kind = ""
        self.busy = False
        self.progress = 0.0
        #: Editor scroll position and cursor, restored when the document is shown again.
        self.view_state: tuple[int, int] = (0, 0)
        self.qdoc.contentsChanged.connect(self._changed)

    def _changed(self) -> None:
        self.revision += 1
        self.edited.emit()

    @property
    def text(self) -> str:
        """The current text (read from the editor's document once per revision)."""
        if self._text_revision != self.revision:
            self._text = textmap.from_raw(self.qdoc.toRawText())
            self._text_revision = self.revision
        return self._text

    def set_text(self, text: str) -> None:
        """Replace the whole text as one undoable edit."""
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.qdoc)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(textmap.normalise(text))

    @property
    def blocks(self) -> tuple[Any, ...] | None:
        """The loader's blocks, valid only for the text as loaded (offsets move with edits)."""
        return self._blocks if self.revision == 0 else None

    @property
    def is_empty(self) -> bool:
        """No text, or only white space (checked without copying a long text)."""
        if self.qdoc.isEmpty():
            return True
        text = self.text
        return not text or text.isspace()

    @property
    def has_current_summary(self) -> bool:
        return self.summary is not None and self.summary_revision == self.revision

    @property
    def summary_fits_options(self) -> bool:
        """The summary was made with the document's settings as they are now."""
        return self.summary_options == self.options

    @property
    def display_source(self) -> str:
        """Where the text came from, for a quote's source line and tooltips."""
        if self.title:
            return self.title
        if self.summary is not None and self.summary.title:
            return self.summary.title
        if self.origin in ("file", "web") and self.source:
            return self.name
        return ""

    def subtitle(self) -> str:
        if self.busy:
            return "Summarising…"
        if self.error and self.error_kind != "cancelled":
            return "Cannot summarise"
        if self.has_current_summary and self.summary is not None:
            s = self.summary
            return f"{s.words_total:,} words → {s.words_summary:,}"
        if self.is_empty:
            return "Empty"
        return "Edited" if self.summary is not None else "Not summarised yet"


class DocumentListModel(QAbstractListModel):
    """The open documents in the order they were opened."""

    DocumentRole = Qt.ItemDataRole.UserRole + 1
    SubtitleRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: list[Document] = []

    # Qt model interface
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._documents)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._documents):
            return None
        document = self._documents[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return document.name
        if role == Qt.ItemDataRole.ToolTipRole:
            where = document.source if document.origin in ("file", "web") else document.origin
            return f"{document.name}\n{where}" if where else document.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{document.name}, {document.subtitle()}"
        if role == self.DocumentRole:
            return document
        if role == self.SubtitleRole:
            return document.subtitle()
        return None

    # The documents
    def __len__(self) -> int:
        return len(self._documents)

    def __iter__(self):
        return iter(tuple(self._documents))

    def add(self, document: Document, row: int | None = None) -> int:
        row = len(self._documents) if row is None else max(0, min(row, len(self._documents)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._documents.insert(row, document)
        self.endInsertRows()
        return row

    def remove(self, document: Document) -> int:
        row = self.row_of(document)
        if row < 0:
            return -1
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._documents[row]
        self.endRemoveRows()
        return row

    def at(self, row: int) -> Document | None:
        return self._documents[row] if 0 <= row < len(self._documents) else None

    def row_of(self, document: Document | None) -> int:
        for row, candidate in enumerate(self._documents):
            if candidate is document:
                return row
        return -1

    def by_id(self, document_id: int) -> Document | None:
        return next((d for d in self._documents if d.id == document_id), None)

    def find_source(self, source: str) -> Document | None:
        return next(
            (d for d in self._documents if d.origin in ("file", "web") and d.source == source), None
        )

    def refresh(self, document: Document) -> None:
        """Tell the views that a document's name or state changed."""
        row = self.row_of(document)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def unique_name(self, base: str) -> str:
        """``base``, or ``base (2)``, ... if a document of that name is open."""
        names = {d.name for d in self._documents}
        if base not in names:
            return base
        for n in itertools.count(2):
            candidate = f"{base} ({n})"
            if candidate not in names:
                return candidate
        raise AssertionError("unreachable")  # pragma: no cover

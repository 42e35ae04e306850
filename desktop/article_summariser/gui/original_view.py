"""The original text: editable, with the summary's sentences highlighted where they stand.

Marks are extra selections over the editor's document, never formatting in it, so they do not
enter the undo history and the text stays exactly what the user typed. Three kinds:

* sentences of the summary, on the palette's highlight colour (underlined in heat-map mode);
* the heat map: every considered sentence tinted by its score;
* skipped material (title, headings, captions, boilerplate): in grey, with a tooltip
  saying why it was not considered.

Clicking a sentence in the summary scrolls here and flashes it. Files dropped or pasted onto the
editor are handed to the window (``filesDropped``) instead of inserting their paths; pasted rich
text is inserted as clean plain text.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QMimeData,
    QPoint,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QHelpEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from article_summariser.gui import clipboard, theme
from article_summariser.gui.elided_label import ElidedLabel
from article_summariser.gui.messages import funnel
from article_summariser.gui.textmap import Utf16Offsets

if TYPE_CHECKING:
    from article_summariser.engine import Sentence, Summary
    from article_summariser.gui.documents import Document

#: Why material was skipped, in words (the engine's roles and reasons).
ROLE_WORDS = {
    "title": "the title",
    "heading": "a heading",
    "byline": "a byline",
    "caption": "a caption or credit",
    "boilerplate": "page furniture (sharing, sign-up or navigation text)",
}
FLASH_MS = 1400
#: Format property naming what a mark shows.
MARK = QTextFormat.Property.UserProperty + 1
#: A summary with up to this many marks has them all set on the editor. A longer one (a book in
#: heat-map mode has tens of thousands) has those of the visible part and ``MARGIN_CHARS``
#: around it set, and they follow the view as it scrolls: setting them all would stall the
#: window for seconds, and every flash or repaint would pay for them again.
ALL_MARKS = 3000
MARGIN_CHARS = 20_000
#: Heat-map colours are shared between marks, in this many steps of score.
HEAT_STEPS = 64


class OriginalView(QPlainTextEdit):
    """The editor of the current document's text."""

    #: Local files dropped or pasted onto the editor.
    filesDropped = Signal(list)
    #: A drag carrying files entered (count) or left (0) the editor, for the drop overlay.
    fileDragChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("originalView")
        self.setAccessibleName("Original text")
        self.setAccessibleDescription(
            "The article. Sentences of the summary are highlighted; skipped material is dimmed."
        )
        self.setPlaceholderText("Paste or type an article here…")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTabChangesFocus(True)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.1)
        self.setFont(font)
        self._document: Document | None = None
        self._summary: Summary | None = None
        self._offsets = Utf16Offsets("")
        self._starts: list[int] = []
        self._heat_map = False
        self._base: list[QTextEdit.ExtraSelection] = []
        #: Every mark of the summary as ``(start, end, kind, score)``, by start.
        self._marks: list[tuple[int, int, str, float]] = []
        self._mark_starts: list[int] = []
        self._mark_reach: list[int] = []
        #: The text span whose marks are set, on a long document.
        self._window = (0, 0)
        self._formats: dict[tuple[str, int], QTextCharFormat] = {}
        self._rank_of: dict[int, int] | None = None
        # The marks follow a scroll once it is over: laying out paragraphs from inside one
        # (to find what is on screen) would move the scroll bar under it, and Ctrl+End would
        # stop short of the end.
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(0)
        self._follow_timer.timeout.connect(self._follow_view)
        self._flash_sentence: Sentence | None = None
        self._flash_strength = 0.0
        self._flash = QVariantAnimation(self)
        self._flash.setDuration(FLASH_MS)
        self._flash.setStartValue(theme.FLASH_STRENGTH)
        self._flash.setEndValue(0.0)
        self._flash.setEasingCurve(QEasingCurve.Type.InQuad)
        self._flash.valueChanged.connect(self._flash_step)
        self._flash.finished.connect(self._flash_done)

    # Documents ---------------------------------------------------------------------------

    def show_document(self, document: Document | None) -> None:
        """Show ``document``'s text (its own undo history comes with it)."""
        if self._document is not None and self._document is not document:
            with contextlib.suppress(RuntimeError):  # the document was already deleted
                self._document.view_state = (
                    self.verticalScrollBar().value(),
                    self.textCursor().position(),
                )
        self.clear_marks()
        self._document = document
        if document is None:
            self.setReadOnly(True)
            return
        self.setReadOnly(False)
        document.qdoc.setDefaultFont(self.font())
        self.setDocument(document.qdoc)
        scroll, position = document.view_state
        cursor = self.textCursor()
        cursor.setPosition(min(position, max(0, document.qdoc.characterCount() - 1)))
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)

    # Marks -------------------------------------------------------------------------------

    def show_summary(self, summary: Summary | None) -> None:
        """Mark ``summary`` (made from exactly the text shown) in the editor."""
        self._summary = summary
        self._rank_of = None
        self._flash.stop()
        self._flash_sentence = None
        if summary is None:
            self._offsets = Utf16Offsets("")
            self._starts = []
        else:
            self._offsets = Utf16Offsets(summary.text)
            self._starts = [s.start for s in summary.sentences]
        self._rebuild()

    def clear_marks(self) -> None:
        self.show_summary(None)

    @property
    def heat_map(self) -> bool:
        return self._heat_map

    def set_heat_map(self, on: bool) -> None:
        if on != self._heat_map:
            self._heat_map = on
            self._rebuild()

    @property
    def marks_follow_the_view(self) -> bool:
        """True when only the marks on and around the visible part are set (a long document)."""
        return len(self._marks) > ALL_MARKS

    def _rebuild(self) -> None:
        """Work out every mark as plain numbers; ``_apply`` turns (some of) them into Qt's."""
        summary = self._summary
        marks: list[tuple[int, int, str, float]] = []
        if summary is not None:
            heat_map = self._heat_map
            blocks = summary.blocks
            marks.extend(
                (block.start, block.end, "skipped", 0.0)
                for block in blocks
                if not block.role.considered
            )
            for sentence in summary.sentences:
                if sentence.role.considered:
                    if sentence.selected:
                        marks.append((sentence.start, sentence.end, "chosen", sentence.score))
                    elif heat_map:
                        marks.append((sentence.start, sentence.end, "heat", sentence.score))
                elif blocks[sentence.block].role.considered:
                    # Inside the body but nothing to rank (only digits or symbols).
                    marks.append((sentence.start, sentence.end, "skipped", 0.0))
            marks.sort()
        self._marks = marks
        self._mark_starts = [mark[0] for mark in marks]
        self._mark_reach = list(itertools.accumulate((mark[1] for mark in marks), max))
        self._formats = {}
        self._window = (0, 0)
        self._base = []
        if len(marks) <= ALL_MARKS:
            self._base = [self._mark(*mark) for mark in marks]
            self._apply()
        else:
            self._follow_view(force=True)

    def _format(self, kind: str, score: float) -> QTextCharFormat:
        """The look of a mark; shared between marks (heat colours in 64 steps)."""
        heat = self._heat_map and kind != "skipped"
        level = round(score * HEAT_STEPS) if heat else 0
        key = (kind, level)
        fmt = self._formats.get(key)
        if fmt is None:
            palette = self.palette()
            fmt = QTextCharFormat()
            if kind == "skipped":
                fmt.setForeground(theme.muted_text(palette))
            elif kind == "chosen":
                if self._heat_map:
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                    fmt.setUnderlineColor(theme.accent(palette))
                else:
                    fmt.setBackground(theme.selected_background(palette))
            if heat:
                fmt.setBackground(theme.heat_background(palette, level / HEAT_STEPS))
            fmt.setProperty(MARK, kind)
            self._formats[key] = fmt
        return fmt

    def _mark(self, start: int, end: int, kind: str, score: float) -> QTextEdit.ExtraSelection:
        return self._selection(start, end, self._format(kind, score))

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        # Extra selections paint colours and underlines only (no font changes): marks are
        # drawn over the text as it is laid out.
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _visible_span(self) -> tuple[int, int]:
        """Text offsets of the paragraphs on screen, from the first one's start to the last
        one's end (``cursorForPosition`` misses the scroll inside one long paragraph)."""
        block = self.firstVisibleBlock()
        first = last = block.position()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        while block.isValid():
            if self.blockBoundingGeometry(block).translated(offset).top() > bottom:
                break
            last = block.position() + block.length()
            block = block.next()
        return self._offsets.from_qt(first), self._offsets.from_qt(last)

    def _follow_view(self, force: bool = False) -> None:
        """On a long document, set the marks of the visible part and a margin around it, once
        the view has moved out of the part already marked."""
        if not self.marks_follow_the_view:
            return
        first, last = self._visible_span()
        low, high = self._window
        if not force and low <= first and last <= high:
            return
        margin = max(MARGIN_CHARS, 2 * (last - first))
        low, high = max(0, first - margin), last + margin
        marks = self._marks
        # Marks sorted by start; ``reach`` (the furthest end so far) finds any long mark, such
        # as a skipped block, that starts before the window and reaches into it.
        i = bisect.bisect_left(self._mark_starts, low)
        while i > 0 and self._mark_reach[i - 1] > low:
            i -= 1
        chosen = []
        while i < len(marks) and marks[i][0] < high:
            if marks[i][1] > low:
                chosen.append(self._mark(*marks[i]))
            i += 1
        self._window = (low, high)
        self._base = chosen
        self._apply()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dy and self.marks_follow_the_view:
            self._follow_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.marks_follow_the_view:
            self._follow_timer.start()

    def _apply(self) -> None:
        selections = list(self._base)
        sentence = self._flash_sentence
        if sentence is not None and self._flash_strength > 0:
            fmt = QTextCharFormat()
            fmt.setBackground(theme.flash_background(self.palette(), self._flash_strength))
            fmt.setProperty(MARK, "flash")
            selections.append(self._selection(sentence.start, sentence.end, fmt))
        self.setExtraSelections(selections)

    def marked_ranges(self, kind: str) -> list[tuple[int, int]]:
        """``(start, end)`` text offsets of the marks of one kind set on the editor: ``chosen``
        (sentences of the summary), ``heat``, ``skipped`` or ``flash``. On a long document
        (``marks_follow_the_view``) these are the marks on and around the visible part."""
        ranges = {
            (
                self._offsets.from_qt(s.cursor.selectionStart()),
                self._offsets.from_qt(s.cursor.selectionEnd()),
            )
            for s in self.extraSelections()
            if s.format.property(MARK) == kind
        }
        return sorted(ranges)

    def highlighted_ranges(self) -> list[tuple[int, int]]:
        """The sentences of the summary as marked in the text."""
        return self.marked_ranges("chosen")

    def skipped_ranges(self) -> list[tuple[int, int]]:
        """Material shown as not considered."""
        return self.marked_ranges("skipped")

    # Revealing a sentence ------------------------------------------------------------------

    def reveal(self, sentence_index: int) -> bool:
        """Scroll to a sentence of the summary shown and flash it."""
        summary = self._summary
        if summary is None or not 0 <= sentence_index < len(summary.sentences):
            return False
        sentence = summary.sentences[sentence_index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(sentence.start))
        self.setTextCursor(cursor)
        self.centerCursor()
        self._flash.stop()
        self._flash_sentence = sentence
        self._flash_strength = theme.FLASH_STRENGTH
        self._apply()
        self._flash.start()
        return True

    @property
    def flashing(self) -> Sentence | None:
        return self._flash_sentence if self._flash_strength > 0 else None

    def _flash_step(self, value: object) -> None:
        self._flash_strength = float(value)  # type: ignore[arg-type]
        self._apply()

    def _flash_done(self) -> None:
        self._flash_strength = 0.0
        self._flash_sentence = None
        self._apply()

    # Tooltips ------------------------------------------------------------------------------

    def sentence_at(self, point: QPoint) -> Sentence | None:
        """The sentence under a point of the viewport."""
        summary = self._summary
        if summary is None or not self._starts:
            return None
        position = self._offsets.from_qt(self.cursorForPosition(point).position())
        i = bisect.bisect_right(self._starts, position) - 1
        if i < 0:
            return None
        sentence = summary.sentences[i]
        return sentence if sentence.start <= position < sentence.end else None

    def describe(self, sentence: Sentence) -> str:
        if not sentence.considered:
            what = ROLE_WORDS.get(sentence.role.value, "not part of the article's body")
            return f"Not considered for the summary: {what}."
        rank = ""
        if self._summary is not None:
            if self._rank_of is None:  # once per summary, not per tooltip: a book has 100,000s
                order = sorted(
                    (s for s in self._summary.sentences if s.considered),
                    key=lambda s: (-s.score, s.index),
                )
                self._rank_of = {s.index: n for n, s in enumerate(order, 1)}
            position = self._rank_of.get(sentence.index)
            if position is not None:
                rank = f" Ranked {position} of {len(self._rank_of)}."
        state = "In the summary." if sentence.selected else "Not in the summary."
        return f"{state} Score {sentence.score:.2f}.{rank}"

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            sentence = self.sentence_at(event.pos())
            if sentence is not None:
                QToolTip.showText(event.globalPos(), self.describe(sentence), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._rebuild()

    # Paste and drop ------------------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return bool(clipboard.local_files(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = clipboard.local_files(source)
        if files:
            self.filesDropped.emit(files)
            return
        from article_summariser.engine.errors import InputError

        try:
            incoming = clipboard.incoming_text(source)
        except InputError as error:  # over the size limit: said, and the text stays as it was
            funnel().warning(error.message)
            return
        if incoming is not None:
            self.insertPlainText(incoming.text)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        files = clipboard.local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.fileDragChanged.emit(len(files))
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if clipboard.local_files(event.mimeData()):
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dragLeaveEvent(self, event: QEvent) -> None:
        self.fileDragChanged.emit(0)
        super().dragLeaveEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        files = clipboard.local_files(event.mimeData())
        self.fileDragChanged.emit(0)
        if files:
            event.acceptProposedAction()
            self.filesDropped.emit([Path(f) for f in files])
            return
        super().dropEvent(event)


class OriginalPane(QWidget):
    """The editor under a heading naming the document, with a legend of the marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("originalPane")
        self.view = OriginalView(self)
        self.heading = ElidedLabel(self)
        self.heading.setObjectName("originalHeading")
        self.heading.setAccessibleName("Document name")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.heading.setText("Original")
        self.heading.setMinimumWidth(80)
        self.legend = QLabel(self)
        self.legend.setObjectName("legend")
        self.legend.setAccessibleName("Legend")
        self.legend.setMinimumWidth(1)  # never widens the pane; hidden when it does not fit
        header = QHBoxLayout()
        header.setContentsMargins(18, 10, 12, 6)
        header.setSpacing(8)
        header.addWidget(self.heading, 1)
        header.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        self._name = ""
        self._legend_wanted = True
        self.update_legend()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_legend()

    def _fit_legend(self) -> None:
        name = self.heading.fontMetrics().horizontalAdvance(self._name)
        room = self.width() - 48 - min(name, 160)
        self.legend.setVisible(self._legend_wanted and self.legend.sizeHint().width() <= room)

    def set_name(self, name: str) -> None:
        self._name = name
        self.heading.setText(name or "Original")
        self.heading.setToolTip(name)

    def update_legend(self, visible: bool = True) -> None:
        palette = self.palette()
        swatch = "&nbsp;&nbsp;&nbsp;&nbsp;"
        muted = theme.hex_colour(theme.secondary_text(palette))
        skipped = theme.hex_colour(theme.muted_text(palette))
        if self.view.heat_map:
            low = theme.hex_colour(theme.heat_background(palette, 0.0))
            mid = theme.hex_colour(theme.heat_background(palette, 0.5))
            high = theme.hex_colour(theme.heat_background(palette, 1.0))
            marks = (
                f"<span style='color:{muted}'>score</span> "
                f"<span style='background:{low}'>{swatch}</span>"
                f"<span style='background:{mid}'>{swatch}</span>"
                f"<span style='background:{high}'>{swatch}</span>"
                f" <span style='color:{muted}'>low → high</span>"
            )
        else:
            chosen = theme.hex_colour(theme.selected_background(palette))
            marks = (
                f"<span style='background:{chosen}'>{swatch}</span>"
                f" <span style='color:{muted}'>in the summary</span>"
            )
        marks += (
            f"&nbsp;&nbsp;&nbsp;<span style='color:{skipped}'>Grey</span>"
            f" <span style='color:{muted}'>not considered</span>"
        )
        self.legend.setText(marks)
        self._legend_wanted = visible
        self._fit_legend()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.update_legend(self._legend_wanted)

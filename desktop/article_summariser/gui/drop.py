"""Drag and drop onto the window: files open as documents, dropped text becomes one.

The whole window accepts drops. Local files (one or many) are opened; a dropped web address
(http or https) is fetched, on that explicit action only, and read like a saved page. Text
dropped anywhere but into the editor becomes a new document (in the editor it is inserted where
it falls, as any editor does). While files are dragged over the window an overlay says what
will happen, so the user knows the drop will land.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from article_summariser.gui import clipboard, theme
from article_summariser.gui.messages import funnel


class DropOverlay(QWidget):
    """A translucent sheet over the panes while a drag is over the window."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dropOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._text = ""
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def show_for(self, files: int) -> None:
        if files > 1:
            self._text = f"Drop to open {files} documents"
        elif files == 1:
            self._text = "Drop to open the document"
        else:
            self._text = "Drop to summarise this text"
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.update()

    @property
    def text(self) -> str:
        return self._text if self.isVisible() else ""

    def paintEvent(self, event: QEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        accent = theme.accent(palette)
        sheet = QColor(palette.color(palette.ColorRole.Window))
        sheet.setAlphaF(0.86)
        painter.fillRect(self.rect(), sheet)
        pen = QPen(accent, 2.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        tint = QColor(accent)
        tint.setAlphaF(0.08)
        painter.setBrush(tint)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(16, 16, -16, -16), 14, 14)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(palette.color(palette.ColorRole.WindowText))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._text)
        painter.end()


class WindowDrops(QObject):
    """Drop handling for the window (the editor hands its file drops here too)."""

    filesDropped = Signal(list)  # list[Path]
    textDropped = Signal(object)  # clipboard.IncomingText
    urlsDropped = Signal(list)  # list[str]: http(s) addresses

    def __init__(self, overlay: DropOverlay, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.overlay = overlay

    @staticmethod
    def _acceptable(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> tuple[int, bool]:
        mime = event.mimeData()
        files = len(clipboard.local_files(mime))
        has_text = mime is not None and (mime.hasText() or mime.hasHtml() or mime.hasUrls())
        return files, has_text

    def enter(self, event: QDragEnterEvent) -> None:
        files, has_text = self._acceptable(event)
        if files or has_text:
            event.acceptProposedAction()
            self.overlay.show_for(files)
        else:
            event.ignore()

    def move(self, event: QDragMoveEvent) -> None:
        files, has_text = self._acceptable(event)
        if files or has_text:
            event.acceptProposedAction()
        else:
            event.ignore()

    def leave(self) -> None:
        self.overlay.hide()

    def drop(self, event: QDropEvent) -> None:
        self.overlay.hide()
        mime = event.mimeData()
        files = clipboard.local_files(mime)
        if files:
            event.acceptProposedAction()
            self.filesDropped.emit(files)
            return
        addresses = clipboard.web_addresses(mime)
        if addresses:
            event.acceptProposedAction()
            self.urlsDropped.emit(addresses)
            return
        from article_summariser.engine.errors import InputError

        try:
            incoming = clipboard.incoming_text(mime, source="dropped")
        except InputError as error:  # over the size limit: said, and nothing is opened
            event.acceptProposedAction()
            funnel().warning(error.message)
            return
        if incoming is not None:
            event.acceptProposedAction()
            self.textDropped.emit(incoming)
            return
        event.ignore()

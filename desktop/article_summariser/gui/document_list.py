"""The side list of open documents: each one's name and state, in two lines.

It shows ``documents.DocumentListModel``; the window builds it when a second document opens
(or right after the first paint), so a start with one document never pays for it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from article_summariser.gui.documents import DocumentListModel


class _DocumentDelegate(QStyledItemDelegate):
    """Two lines per document: its name, and its state in the window's muted text colour."""

    PADDING = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        metrics = option.fontMetrics
        return QSize(160, metrics.height() * 2 + self.PADDING * 2 + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # Here, not at the top: PySide makes QStyle's ~30 enums the first time it is named,
        # 5 ms that the first paint does not need (the list shows from two documents on).
        from PySide6.QtWidgets import QStyle

        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text, option.text = option.text, ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(self.PADDING + 4, self.PADDING, -self.PADDING, -self.PADDING)
        line = option.fontMetrics.height()
        painter.save()
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(option.palette.color(group, text_role))
        name = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), 0, name)
        painter.setFont(option.font)
        muted = option.palette.color(group, text_role)
        muted.setAlphaF(0.65)
        painter.setPen(muted)
        subtitle = option.fontMetrics.elidedText(
            str(index.data(DocumentListModel.SubtitleRole) or ""),
            Qt.TextElideMode.ElideRight,
            rect.width(),
        )
        painter.drawText(QRect(rect.left(), rect.top() + line + 2, rect.width(), line), 0, subtitle)
        painter.restore()


class DocumentListView(QListView):
    """The side list of open documents."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentList")
        self.setAccessibleName("Open documents")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setItemDelegate(_DocumentDelegate(self))
        self.setMinimumWidth(150)
        self.setFrameShape(QListView.Shape.NoFrame)

    def sizeHint(self) -> QSize:
        return QSize(200, 300)

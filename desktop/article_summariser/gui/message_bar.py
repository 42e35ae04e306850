"""The in-window message bar: where the message funnel speaks to the user.

Messages appear above the panes, tinted by level, never as a modal dialog (which would block
typing and tests). Information fades after a few seconds; warnings and errors stay until
dismissed (the close button, or Esc when nothing is being cancelled), and a newer message does
not lose them: "+2 more" says how many wait behind it, each shown when the one above goes.
Technical details (a traceback) can be copied from the bar for a bug report.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QHideEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from article_summariser.gui import icons, theme
from article_summariser.gui.messages import Level, Message

INFO_MS = 6000


class MessageBar(QFrame):
    #: The bar was shown (``True``) or hidden.
    visibilityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName("Message")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.text = QLabel(self)
        self.text.setObjectName("messageText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count = QLabel(self)
        self.count.setObjectName("messageCount")
        self.count.setToolTip("Close this message to read the others")
        self.details_button = QToolButton(self)
        self.details_button.setText("Copy details")
        self.details_button.setAccessibleName("Copy the technical details")
        self.details_button.setAutoRaise(True)
        self.details_button.clicked.connect(self._copy_details)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("messageClose")
        self.close_button.setAccessibleName("Dismiss message")
        self.close_button.setToolTip("Dismiss (Esc)")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.details_button)
        layout.addWidget(self.close_button)
        self._message: Message | None = None
        #: Warnings and errors not dismissed yet, under the one shown (the newest last).
        self._waiting: list[Message] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    @property
    def message(self) -> Message | None:
        return self._message if self.isVisibleTo(self.parentWidget() or self) else None

    def show_message(self, message: Message) -> None:
        shown = self.message
        if shown is not None and shown.level is not Level.INFO:
            self._waiting.append(shown)  # information fades anyway; the rest waits its turn
        self._show(message)

    def _show(self, message: Message) -> None:
        self._message = message
        self.text.setText(message.text)
        self.count.setText(f"+{len(self._waiting)} more" if self._waiting else "")
        self.count.setVisible(bool(self._waiting))
        self.details_button.setVisible(bool(message.details))
        self._style()
        self.show()
        if message.level is Level.INFO:
            self._timer.start(INFO_MS)
        else:
            self._timer.stop()

    def dismiss(self) -> None:
        """Close the message shown; the one waiting under it, if any, takes its place."""
        self._timer.stop()
        if self._waiting:
            self._show(self._waiting.pop())
        else:
            self.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def _copy_details(self) -> None:
        if self._message is not None:
            QGuiApplication.clipboard().setText(f"{self._message.text}\n\n{self._message.details}")
            self.details_button.setText("Copied")

    def _style(self) -> None:
        palette = self.palette()
        level = self._message.level.value if self._message else "info"
        palette.setColor(self.backgroundRole(), theme.message_background(palette, level))
        self.setPalette(palette)
        self.close_button.setIcon(icons.icon("close"))
        self.details_button.setText("Copy details")

    def refresh_palette(self) -> None:
        """The system palette changed (the bar keeps its own palette, so the window says so)."""
        self.setPalette(QGuiApplication.palette())
        if self._message is not None:
            self._style()

"""What the window shows with no document open: what to do, and a one-click way to try it.

While files are being opened into an empty window (a file named at launch, a file chosen from
here), it says what is being opened instead, so that nobody is invited to open a file that is
already on its way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from article_summariser.gui import icons, theme
from article_summariser.gui.formats import SUPPORTED_WORDS
from article_summariser.gui.status_bar import BUSY_DELAY_MS

RECENT_SHOWN = 5
TITLE = "Summarise an article"
#: Pixels for "Opening “file name”…" in the title (a long name is shortened in the middle).
OPENING_WIDTH = 640


class EmptyState(QWidget):
    """Drop, paste or open; the sample article; the files opened lately."""

    recentChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setAccessibleName("No document open")
        self.logo = QLabel(self)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        logo = icons.app_icon()
        if not logo.isNull():
            self.logo.setPixmap(logo.pixmap(QSize(96, 96), self.devicePixelRatioF()))
        self.title = QLabel(TITLE, self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.hint = QLabel(
            "Drop a file or some text anywhere on this window, paste with Ctrl+V, or open a file."
            "\nThe summary appears beside the text, its sentences highlighted where they stand.",
            self,
        )
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.formats = QLabel(f"Reads {SUPPORTED_WORDS}.", self)
        self.formats.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.formats.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(10)
        self.buttons.addStretch(1)
        self._button_row_end = self.buttons.count()
        self.buttons.addStretch(1)
        self.recent_title = QLabel("Recent files", self)
        self.recent_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recent = QVBoxLayout()
        self.recent.setSpacing(2)

        column = QVBoxLayout()
        column.setSpacing(12)
        column.addStretch(2)
        column.addWidget(self.logo)
        column.addWidget(self.title)
        column.addWidget(self.hint)
        column.addSpacing(8)
        column.addLayout(self.buttons)
        column.addWidget(self.formats)
        column.addSpacing(18)
        column.addWidget(self.recent_title)
        column.addLayout(self.recent)
        column.addStretch(3)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        inner = QWidget(self)
        inner.setLayout(column)
        inner.setMaximumWidth(720)
        inner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        outer.addWidget(inner, 4)
        outer.addStretch(1)
        self._recent_buttons: list[QPushButton] = []
        self._action_buttons: list[QPushButton] = []
        self._primary: QPushButton | None = None
        self._opening: str | None = None
        self._showing_opening = False
        self._opening_timer = QTimer(self)
        self._opening_timer.setSingleShot(True)
        self._opening_timer.setInterval(BUSY_DELAY_MS)
        self._opening_timer.timeout.connect(self._show_opening)
        self.set_recent(())
        self._style()

    def add_action(self, action: QAction, *, primary: bool = False) -> QPushButton:
        """A button that triggers ``action`` (its text without the menu's ellipsis rules)."""
        button = QPushButton(action.icon(), action.iconText(), self)
        button.setObjectName(f"empty_{action.objectName()}")
        button.setAccessibleName(action.iconText())
        button.setToolTip(action.toolTip())
        button.setMinimumHeight(34)
        button.setDefault(primary)
        button.clicked.connect(action.trigger)
        action.changed.connect(lambda b=button, a=action: b.setIcon(a.icon()))
        self.buttons.insertWidget(self._button_row_end, button)
        self._button_row_end += 1
        self._action_buttons.append(button)
        button.setVisible(not self.is_opening)
        if primary:
            self._primary = button
        return button

    def focus_primary(self) -> None:
        """Keyboard focus to the main button (Open…), so that Return does what it shows."""
        if self._primary is not None:
            self._primary.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_recent(self, files: tuple[str, ...]) -> None:
        for button in self._recent_buttons:
            self.recent.removeWidget(button)
            button.deleteLater()
        self._recent_buttons = []
        shown = [f for f in files if Path(f).exists()][:RECENT_SHOWN]
        self.recent_title.setVisible(bool(shown) and not self.is_opening)
        for path in shown:
            button = QPushButton(Path(path).name, self)
            button.setFlat(True)
            button.setToolTip(path)
            button.setAccessibleName(f"Open recent file {Path(path).name}")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, p=path: self.recentChosen.emit(p))
            self.recent.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            button.setVisible(not self.is_opening)
            self._recent_buttons.append(button)

    @property
    def is_opening(self) -> bool:
        """It says what is being opened (rather than how to open something)."""
        return self._showing_opening

    def set_opening(self, text: str | None, *, at_once: bool = False) -> None:
        """Say ``text`` (``Opening “report.pdf”…``) while something is being opened, or go back
        to the welcome with ``None``. Shown after ``BUSY_DELAY_MS``, so that a quick load never
        flashes it, or ``at_once`` (before the window's first paint: a file named at launch)."""
        self._opening = text
        if text is None:
            self._opening_timer.stop()
            self._show_welcome()
        elif at_once or self.is_opening:
            self._show_opening()
        elif not self._opening_timer.isActive():
            self._opening_timer.start()

    def _show_opening(self) -> None:
        if self._opening is None:
            return
        metrics = self.title.fontMetrics()
        self.title.setText(
            metrics.elidedText(self._opening, Qt.TextElideMode.ElideMiddle, OPENING_WIDTH)
        )
        self.title.setToolTip(self._opening)
        self._showing_opening = True
        self._set_invitation_visible(False)

    def _show_welcome(self) -> None:
        if self.is_opening:
            self.title.setText(TITLE)
            self.title.setToolTip("")
            self._showing_opening = False
            self._set_invitation_visible(True)

    def _set_invitation_visible(self, visible: bool) -> None:
        for widget in (self.hint, self.formats, *self._action_buttons, *self._recent_buttons):
            widget.setVisible(visible)
        self.recent_title.setVisible(visible and bool(self._recent_buttons))

    def _style(self) -> None:
        muted = theme.hex_colour(theme.secondary_text(self.palette()))
        for label in (self.hint, self.formats, self.recent_title):
            label.setStyleSheet(f"color: {muted}")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style()

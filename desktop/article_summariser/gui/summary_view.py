"""The summary pane: the chosen sentences, each a link to where it stands in the original.

The view only renders what the engine returned. While the text is being edited the last summary
stays visible but dimmed and unlinked (it no longer matches the text), and problems are shown in
the pane in plain words, so the pane always says what state it is in.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from article_summariser.gui import theme
from article_summariser.gui.elided_label import ElidedLabel

if TYPE_CHECKING:
    from article_summariser.engine import Summary

LINK_SCHEME = "sentence"


class SummaryView(QTextBrowser):
    """Read-only rendering of a summary; activating a sentence emits its index."""

    sentenceActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryView")
        self.setAccessibleName("Summary")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(False)  # drops go to the window, which opens them
        self.document().setDocumentMargin(18)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        self.setFont(font)
        self.anchorClicked.connect(self._clicked)
        self._state = "empty"
        self._summary: Summary | None = None
        self._message = ""
        self._tint()
        self.show_placeholder()

    def _tint(self) -> None:
        """A faint tint sets the summary apart from the original beside it.

        The view keeps its own palette for this, so Qt no longer tells it when the system
        palette changes: the window calls ``refresh_palette()`` then.
        """
        palette = self.palette()
        app = QGuiApplication.palette()
        palette.setColor(
            QPalette.ColorRole.Base,
            theme.blend(
                app.color(QPalette.ColorRole.Base), app.color(QPalette.ColorRole.AlternateBase), 0.7
            ),
        )
        self.setPalette(palette)

    def refresh_palette(self) -> None:
        self._tint()

    @property
    def state(self) -> str:
        """``empty``, ``summary``, ``updating`` or ``message``."""
        return self._state

    @property
    def summary(self) -> Summary | None:
        return self._summary

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == LINK_SCHEME and url.path().isdigit():
            self.sentenceActivated.emit(int(url.path()))

    def _colours(self) -> tuple[str, str]:
        palette = self.palette()
        text = theme.hex_colour(palette.color(QPalette.ColorRole.Text))
        muted = theme.hex_colour(theme.muted_text(palette))
        return text, muted

    def _render_sentences(self, summary: Summary, *, linked: bool) -> str:
        text, muted = self._colours()
        colour = text if linked else muted
        parts = []
        for sentence in summary.summary:
            body = html.escape(sentence.display_text)
            if linked:
                body = (
                    f'<a href="{LINK_SCHEME}:{sentence.index}" '
                    f'style="color:{colour}; text-decoration:none">{body}</a>'
                )
            parts.append(
                f'<p style="margin-top:0; margin-bottom:14px; line-height:145%; '
                f'color:{colour}">{body}</p>'
            )
        if not parts:
            parts.append(
                f'<p style="color:{muted}">No sentence fits this length. '
                "Make the summary longer.</p>"
            )
        for note in summary.notes:
            parts.append(
                f'<p style="margin-top:10px; color:{muted}"><i>{html.escape(note)}</i></p>'
            )
        return "".join(parts)

    def show_summary(self, summary: Summary) -> None:
        self._summary = summary
        self._state = "summary"
        self.setHtml(self._render_sentences(summary, linked=True))

    def show_updating(self) -> None:
        """The text changed: keep the last summary in sight, dimmed and without links."""
        if self._summary is None:
            self.show_placeholder("Summarising…")
            self._state = "updating"
            return
        self._state = "updating"
        self.setHtml(self._render_sentences(self._summary, linked=False))

    def show_message(self, message: str) -> None:
        """Why there is no summary, in the pane where the summary would be."""
        self._summary = None
        self._state = "message"
        self._message = message
        text, _muted = self._colours()
        self.setHtml(f'<p style="color:{text}; line-height:140%">{html.escape(message)}</p>')

    def show_placeholder(self, message: str = "The summary appears here.") -> None:
        self._summary = None
        self._state = "empty"
        _text, muted = self._colours()
        self.setHtml(f'<p style="color:{muted}">{html.escape(message)}</p>')

    def plain_text(self) -> str:
        return self.toPlainText()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            if self._state == "summary" and self._summary is not None:
                self.show_summary(self._summary)
            elif self._state == "message":
                self.show_message(self._message)


class SummaryPane(QWidget):
    """The summary with its heading, its figures and the copy and save buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryPane")
        self.view = SummaryView(self)
        self.heading = QLabel("Summary", self)
        self.heading.setObjectName("summaryHeading")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.figures = ElidedLabel(self)
        self.figures.setObjectName("summaryFigures")
        self.figures.setAccessibleName("Summary length")
        self.copy_button = QToolButton(self)
        self.copy_button.setObjectName("copySummaryButton")
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.copy_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.save_button = QToolButton(self)
        self.save_button.setObjectName("saveSummaryButton")
        self.save_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.save_button.setAutoRaise(True)
        self.copy_button.setAutoRaise(True)

        header = QHBoxLayout()
        header.setContentsMargins(18, 10, 10, 6)
        header.setSpacing(8)
        header.addWidget(self.heading)
        header.addWidget(self.figures, 1)
        header.addWidget(self.copy_button)
        header.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        self._update_figures()

    def set_actions(self, copy: QAction, more: list[QAction], save: QAction) -> None:
        from PySide6.QtWidgets import QMenu

        self.copy_button.setDefaultAction(copy)
        menu = QMenu(self.copy_button)
        for action in more:
            menu.addAction(action)
        self.copy_button.setMenu(menu)
        self.copy_button.setAccessibleName("Copy summary")
        self.save_button.setDefaultAction(save)
        self.save_button.setAccessibleName("Save summary")
        # Short labels here; the menus carry the full ones.
        self.copy_button.setText("Copy")
        self.save_button.setText("Save…")

    def show_summary(self, summary: Summary) -> None:
        self.view.show_summary(summary)
        self._update_figures(summary)

    def show_updating(self) -> None:
        self.view.show_updating()
        self.figures.setText("Updating…")

    def show_message(self, message: str) -> None:
        self.view.show_message(message)
        self._update_figures()

    def show_placeholder(self, message: str = "The summary appears here.") -> None:
        self.view.show_placeholder(message)
        self._update_figures()

    def _update_figures(self, summary: Summary | None = None) -> None:
        palette = self.palette()
        self.figures.setStyleSheet(f"color: {theme.hex_colour(theme.secondary_text(palette))}")
        if summary is None:
            self.figures.setText("")
            return
        chosen = len(summary.summary)
        total = len(summary.candidates)
        sentences = "sentence" if total == 1 else "sentences"  # "1 of 14 sentences"
        words = "word" if summary.words_summary == 1 else "words"
        self.figures.setText(
            f"{chosen:,} of {total:,} {sentences} · {summary.words_summary:,} {words}"
        )

"""The status line: what the summary did, in figures a reader cares about.

Language and how sure the detector was; words in the original and in the summary; the
reduction; the reading time saved (at ``READING_WPM`` words a minute); how long the summary
took; the keywords. While a long document is summarised it shows progress and a Cancel button,
and while a file is opened (a long PDF, page by page) likewise, each only after a short delay,
so quick work never flashes a progress bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from article_summariser.gui import theme
from article_summariser.gui.elided_label import ElidedLabel

if TYPE_CHECKING:
    from article_summariser.engine import Summary
    from article_summariser.gui.workspace import Loading

#: Words a minute, as in ``engine.export.READING_WPM`` (kept here so start-up needs no engine).
READING_WPM = 238
#: A summary running longer than this shows its progress.
BUSY_DELAY_MS = 300
#: Pixels for "Opening “file name”…" (a long name is shortened in the middle).
LOAD_TEXT_WIDTH = 320


def reading_time(words: int) -> str:
    """``"40 s"``, ``"3.4 min"``, ``"12 min"``, ``"1 h 5 min"`` for ``words`` at READING_WPM."""
    minutes = words / READING_WPM
    if minutes < 1:
        return f"{round(minutes * 60)} s"
    if minutes < 10:
        return f"{minutes:.1f} min"
    if minutes < 60:
        return f"{round(minutes)} min"
    return f"{int(minutes // 60)} h {round(minutes % 60)} min"


def duration(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def language_text(summary: Summary) -> tuple[str, str]:
    """``(shown, tooltip)`` for the language the summary used."""
    guess = summary.language
    name = summary.language_name.capitalize()
    mode = {
        "full": "sentence model, stemmer and stop words",
        "partial": "partial language data",
        "generic": "generic mode: no stemming, no stop words",
    }.get(summary.language_mode, summary.language_mode)
    if guess.source == "forced":
        return f"{name} (chosen)", f"Summarised as {name}, as chosen ({mode})."
    if guess.code is None:
        return "Language unknown", f"{guess.reason} Summarised in {mode}."
    others = ", ".join(f"{code} {p:.0%}" for code, p in guess.candidates[1:4])
    tip = f"Detected {name} with {guess.probability:.1%} confidence ({mode})."
    if others:
        tip += f" Other candidates: {others}."
    return f"{name} {guess.probability:.0%}", tip


class SummaryStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setSizeGripEnabled(False)
        self.language = self._label("statusLanguage", "Language")
        self.words = self._label("statusWords", "Words in the original and the summary")
        self.reduction = self._label("statusReduction", "Reduction")
        self.saved = self._label("statusSaved", "Reading time saved")
        self.took = self._label("statusTime", "Time taken")
        self.keywords = ElidedLabel(self)
        self.keywords.setObjectName("statusKeywords")
        self.keywords.setAccessibleName("Keywords")
        self.keywords.setMinimumWidth(80)
        self._keywords: tuple[str, ...] = ()
        self._separators: list[QLabel] = []
        for n, label in enumerate(
            (self.language, self.words, self.reduction, self.saved, self.took, self.keywords)
        ):
            if n:
                separator = QLabel("·", self)
                separator.setAccessibleName("")
                self._separators.append(separator)
                self.addWidget(separator)
            self.addWidget(label, 1 if label is self.keywords else 0)

        self.progress = self._progress_bar("summaryProgress", "Summary progress")
        self.cancel_button = QToolButton(self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoRaise(True)
        self.busy_label = QLabel("Summarising…", self)
        self.load_label = QLabel(self)
        self.load_label.setObjectName("loadLabel")
        self.load_label.setAccessibleName("Opening")
        self.load_progress = self._progress_bar("loadProgress", "Opening progress")
        self.load_cancel = QToolButton(self)
        self.load_cancel.setObjectName("loadCancelButton")
        self.load_cancel.setAutoRaise(True)
        self.load_cancel.setText("Cancel")
        self.load_cancel.setAccessibleName("Cancel opening")
        self.load_cancel.setToolTip("Stop opening (Esc)")
        for widget in (self.load_label, self.load_progress, self.load_cancel):
            self.addPermanentWidget(widget)
        self._loading: Loading | None = None
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(BUSY_DELAY_MS)
        self._load_timer.timeout.connect(self._show_loading)
        self._set_loading_visible(False)
        self.addPermanentWidget(self.busy_label)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        self._set_busy_visible(False)
        self._style_separators()
        self.clear_summary()

    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _progress_bar(self, name: str, accessible: str) -> QProgressBar:
        bar = QProgressBar(self)
        bar.setObjectName(name)
        bar.setAccessibleName(accessible)
        bar.setRange(0, 100)
        bar.setMaximumWidth(160)
        bar.setMaximumHeight(14)
        bar.setTextVisible(False)
        return bar

    def set_cancel_action(self, action: QAction) -> None:
        self.cancel_button.setDefaultAction(action)
        self.cancel_button.setAccessibleName("Cancel summary")

    # Figures -------------------------------------------------------------------------------

    def show_summary(self, summary: Summary) -> None:
        shown, tip = language_text(summary)
        self.language.setText(shown)
        self.language.setToolTip(tip)
        total, kept = summary.words_total, summary.words_summary
        self.words.setText(f"{total:,} → {kept:,} words")
        self.words.setToolTip(f"{total:,} words in the original, {kept:,} in the summary")
        self.reduction.setText(f"−{summary.reduction:.0%}")
        self.reduction.setToolTip("How much shorter the summary is than the original")
        self.saved.setText(f"{reading_time(total - kept)} saved")
        self.saved.setToolTip(
            f"Reading time saved at {READING_WPM} words a minute: "
            f"{reading_time(total)} for the original, {reading_time(kept)} for the summary"
        )
        timings = summary.timings
        self.took.setText(duration(timings.total))
        self.took.setToolTip(
            "Time the summary took: language "
            f"{duration(timings.detect)}, sentences {duration(timings.tokenise)}, "
            f"ranking {duration(timings.rank)}, selection {duration(timings.select)}"
        )
        self._keywords = tuple(summary.keywords)
        self.keywords.setToolTip("Keywords: " + ", ".join(self._keywords))
        self.keywords.setText("Keywords: " + ", ".join(self._keywords) if self._keywords else "")
        self._set_figures_visible(True)

    def clear_summary(self) -> None:
        for label in (self.language, self.words, self.reduction, self.saved, self.took):
            label.clear()
        self._keywords = ()
        self.keywords.clear()
        self._set_figures_visible(False)

    def _set_figures_visible(self, visible: bool) -> None:
        for widget in (self.language, self.words, self.reduction, self.saved, self.took):
            widget.setVisible(visible)
        self.keywords.setVisible(visible and bool(self._keywords))
        for n, separator in enumerate(self._separators):
            separator.setVisible(visible and (n < 4 or bool(self._keywords)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_separators()

    def _style_separators(self) -> None:
        muted = theme.hex_colour(theme.secondary_text(self.palette()))
        for separator in self._separators:
            separator.setStyleSheet(f"color: {muted}")

    # Busy ----------------------------------------------------------------------------------

    @property
    def busy_visible(self) -> bool:
        return self.progress.isVisibleTo(self)

    def set_busy(self, busy: bool, fraction: float = 0.0) -> None:
        if not busy:
            self._busy_timer.stop()
            self._set_busy_visible(False)
            return
        self.progress.setValue(round(fraction * 100))
        if not self.busy_visible and not self._busy_timer.isActive():
            self._busy_timer.start()

    def set_progress(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    def _show_busy(self) -> None:
        self._set_busy_visible(True)

    # Opening --------------------------------------------------------------------------------

    @property
    def loading_visible(self) -> bool:
        return self.load_progress.isVisibleTo(self)

    def set_loading(self, loading: Loading | None) -> None:
        """Show what is being opened and how far it has got (after ``BUSY_DELAY_MS``)."""
        self._loading = loading
        if loading is None:
            self._load_timer.stop()
            self._set_loading_visible(False)
            return
        if loading.fraction is None:
            self.load_progress.setRange(0, 0)  # moving to and fro: no figure yet
        else:
            self.load_progress.setRange(0, 100)
            self.load_progress.setValue(round(loading.fraction * 100))
        percent = "" if loading.fraction is None else f" {loading.fraction:.0%}"
        shown = self.load_label.fontMetrics().elidedText(
            loading.text, Qt.TextElideMode.ElideMiddle, LOAD_TEXT_WIDTH
        )
        self.load_label.setText(shown + percent)
        self.load_label.setToolTip(loading.text)
        if not self.loading_visible and not self._load_timer.isActive():
            self._load_timer.start()

    def _show_loading(self) -> None:
        self._set_loading_visible(self._loading is not None)

    def _set_loading_visible(self, visible: bool) -> None:
        for widget in (self.load_label, self.load_progress, self.load_cancel):
            widget.setVisible(visible)

    def _set_busy_visible(self, visible: bool) -> None:
        for widget in (self.busy_label, self.progress, self.cancel_button):
            widget.setVisible(visible)

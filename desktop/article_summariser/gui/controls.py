"""The summary's settings: length (slider, number and unit), algorithm and language.

Every change is emitted at once as a complete ``SummaryOptions``; the workspace decides what
must be recomputed (a length change only re-selects sentences, which is instant). Until the
engine has loaded, the algorithm and language lists hold just the current choice.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QSpacerItem,
    QSpinBox,
    QWidget,
)

from article_summariser.gui.options import BOUNDS, UNITS, SummaryOptions

if TYPE_CHECKING:
    from article_summariser.engine import Summary
    from article_summariser.gui.worker import Catalogue

UNIT_LABELS = {"sentences": "sentences", "percent": "% of words", "words": "words"}
#: The slider's least width, and the space between the three groups, roomy (``False``) and
#: compact (``True``: a narrow window).
SLIDER_WIDTH = {False: 150, True: 100}
GROUP_SPACE = {False: 14, True: 4}
WORD_STEP = 10


class Controls(QWidget):
    """Length, algorithm and language of the current document's summary."""

    optionsChanged = Signal(object)  # SummaryOptions

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("controls")
        self._options = SummaryOptions()
        self.compact = False
        #: Candidate sentences and words of the current document (0: unknown).
        self._limits = (0, 0)

        self.length_label = QLabel("&Length", self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("lengthSlider")
        self.slider.setAccessibleName("Summary length")
        self.slider.setMinimumWidth(SLIDER_WIDTH[False])
        self.slider.setMaximumWidth(260)
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.length_label.setBuddy(self.slider)
        self.spin = QSpinBox(self)
        self.spin.setObjectName("lengthValue")
        self.spin.setAccessibleName("Summary length value")
        self.spin.setKeyboardTracking(False)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.unit = QComboBox(self)
        self.unit.setObjectName("lengthUnit")
        self.unit.setAccessibleName("Length unit")
        for unit in UNITS:
            self.unit.addItem(UNIT_LABELS[unit], unit)

        self.algorithm_label = QLabel("&Algorithm", self)
        self.algorithm = QComboBox(self)
        self.algorithm.setObjectName("algorithm")
        self.algorithm.setAccessibleName("Algorithm")
        self.algorithm.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.algorithm_label.setBuddy(self.algorithm)

        self.language_label = QLabel("La&nguage", self)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.setAccessibleName("Language")
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.language.setMaxVisibleItems(20)
        self.language_label.setBuddy(self.language)
        self.language.addItem("Auto", "auto")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self.length_label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        layout.addWidget(self.unit)
        self._gaps = [QSpacerItem(GROUP_SPACE[False], 0) for _ in range(2)]
        layout.addItem(self._gaps[0])
        layout.addWidget(self.algorithm_label)
        layout.addWidget(self.algorithm)
        layout.addItem(self._gaps[1])
        layout.addWidget(self.language_label)
        layout.addWidget(self.language)

        self.slider.valueChanged.connect(self._value_changed)
        self.spin.valueChanged.connect(self._value_changed)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.algorithm.currentIndexChanged.connect(self._algorithm_changed)
        self.language.currentIndexChanged.connect(self._language_changed)
        self.set_options(self._options)

    # From the window ----------------------------------------------------------------------

    def set_compact(self, compact: bool) -> None:
        """Narrow window: a shorter least width for the slider, less space between groups."""
        if compact == self.compact:
            return
        self.compact = compact
        self.slider.setMinimumWidth(SLIDER_WIDTH[compact])
        for gap in self._gaps:
            gap.changeSize(GROUP_SPACE[compact], 0)
        self.layout().invalidate()

    @property
    def options(self) -> SummaryOptions:
        return self._options

    def set_options(self, options: SummaryOptions) -> None:
        """Show ``options`` without emitting ``optionsChanged``."""
        self._options = options
        blockers = [QSignalBlocker(w) for w in (self.slider, self.spin, self.unit)]
        blockers += [QSignalBlocker(self.algorithm), QSignalBlocker(self.language)]
        self.unit.setCurrentIndex(max(0, self.unit.findData(options.unit)))
        self._apply_range()
        self._select_algorithm(options.algorithm)
        self._select_language(options.language)
        del blockers

    def set_catalogue(self, catalogue: Catalogue) -> None:
        """Fill the lists with what the engine offers."""
        blockers = [QSignalBlocker(self.algorithm), QSignalBlocker(self.language)]
        self.algorithm.clear()
        for name, label, description in catalogue.algorithms:
            mark = " (default)" if name == catalogue.default_algorithm else ""
            self.algorithm.addItem(label, name)
            self.algorithm.setItemData(
                self.algorithm.count() - 1,
                f"{label}{mark}: {description}",
                Qt.ItemDataRole.ToolTipRole,
            )
        self._default_algorithm = catalogue.default_algorithm
        auto = self.language.itemText(0)
        self.language.clear()
        self.language.addItem(auto, "auto")
        self.language.insertSeparator(1)
        for code, label in catalogue.languages:
            self.language.addItem(label, code)
        self._select_algorithm(self._options.algorithm)
        self._select_language(self._options.language)
        del blockers

    def set_limits(self, candidates: int, words: int) -> None:
        """The current document's size, which bounds the slider."""
        if (candidates, words) != self._limits:
            self._limits = (candidates, words)
            blockers = [QSignalBlocker(self.slider), QSignalBlocker(self.spin)]
            self._apply_range()
            del blockers

    def show_detected(self, summary: Summary | None) -> None:
        """Say in the Auto entry which language was detected, and how sure the detector is."""
        text = "Auto"
        if summary is not None and summary.language.source != "forced":
            guess = summary.language
            if guess.code:
                label = summary.language_name.capitalize()
                text = f"Auto: {label} ({guess.probability:.0%})"
            else:
                text = "Auto: unknown"
        self.language.setItemText(0, text)
        self.language.setItemData(
            0,
            "Detect the language of the text"
            + (f" (now: {text.removeprefix('Auto: ')})" if text != "Auto" else ""),
            Qt.ItemDataRole.ToolTipRole,
        )

    # Internals ------------------------------------------------------------------------------

    _default_algorithm = "positional"  # until the engine's catalogue names its default

    def _select_algorithm(self, name: str) -> None:
        key = name.lower()
        if key == "default":
            key = self._default_algorithm
        index = self.algorithm.findData(key)
        if index < 0:
            self.algorithm.addItem(key.capitalize() if key else "Default", key)
            index = self.algorithm.count() - 1
        self.algorithm.setCurrentIndex(index)

    def _select_language(self, code: str) -> None:
        index = self.language.findData(code.lower())
        if index < 0:
            self.language.addItem(code, code.lower())
            index = self.language.count() - 1
        self.language.setCurrentIndex(index)

    def _range(self) -> tuple[int, int, int]:
        """``(minimum, maximum, step)`` for the current unit and document."""
        unit = self._options.unit
        low, high = BOUNDS[unit]
        candidates, words = self._limits
        if unit == "sentences" and candidates:
            high = max(candidates, 1)
        elif unit == "words" and words:
            high = max(low, -(-words // WORD_STEP) * WORD_STEP)
        high = max(high, self._options.value)
        return low, high, WORD_STEP if unit == "words" else 1

    def _apply_range(self) -> None:
        low, high, step = self._range()
        value = self._options.value
        self.slider.setRange(low, high)
        self.slider.setSingleStep(step)
        self.slider.setPageStep(step * 5 if self._options.unit != "percent" else 10)
        self.spin.setRange(low, high)
        self.spin.setSingleStep(step)
        self.spin.setSuffix(" %" if self._options.unit == "percent" else "")
        self.slider.setValue(value)
        self.spin.setValue(value)
        self.slider.setToolTip(f"Summary length: {self._options.describe_length()}")

    def _emit(self, options: SummaryOptions) -> None:
        if options != self._options:
            self._options = options
            self.optionsChanged.emit(options)

    def _value_changed(self, value: int) -> None:
        if self._options.unit == "words" and self.sender() is self.slider:
            value = max(BOUNDS["words"][0], round(value / WORD_STEP) * WORD_STEP)
        for widget in (self.slider, self.spin):
            if widget.value() != value:
                with QSignalBlocker(widget):
                    widget.setValue(value)
        self.slider.setToolTip(
            f"Summary length: {self._options.with_value(value).describe_length()}"
        )
        self._emit(self._options.with_value(value))

    def _unit_changed(self, index: int) -> None:
        unit = self.unit.itemData(index)
        options = self._options.with_unit(unit)
        self._options = options
        blockers = [QSignalBlocker(self.slider), QSignalBlocker(self.spin)]
        self._apply_range()
        del blockers
        self.optionsChanged.emit(options)

    def _algorithm_changed(self, index: int) -> None:
        name = self.algorithm.itemData(index)
        if name:
            self._emit(replace(self._options, algorithm=name))

    def _language_changed(self, index: int) -> None:
        code = self.language.itemData(index)
        if code:
            self._emit(replace(self._options, language=code))

"""Rapid interaction: hundreds of quick edits, slider moves, algorithm changes and document
switches in the real window, with the real worker thread.

Whenever the window draws a summary it must be the summary of the document on screen, of its
text as it is now, with the settings shown; at the end every document's summary is exactly
what the engine makes of its text; nothing crashes and no thread outlives the window.
"""

from __future__ import annotations

import gc
import json
import random
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtTest import QTest

from article_summariser import engine
from article_summariser.gui import autosave

pytestmark = pytest.mark.gui

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def dev_texts(count: int) -> list[str]:
    texts = []
    with (SHARED / "eval" / "summaries.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["source"].startswith(("bbc", "orangesum")) and len(row["text"]) > 1500:
                texts.append(row["text"])
            if len(texts) == count:
                return texts
    return texts


def engine_options(options) -> tuple[engine.Options, engine.Length]:
    """The engine's reading of the window's settings (as the worker makes it)."""
    if options.unit == "percent":
        length = engine.Length.ratio(options.percent / 100)
    elif options.unit == "words":
        length = engine.Length.words(options.words)
    else:
        length = engine.Length.sentences(options.sentences)
    return engine.Options(options.algorithm, options.language, length), length


def check_shown(window, document) -> None:
    """The summary drawn now belongs to ``document``, its text now and its settings now."""
    assert document is window.workspace.current, "a summary of another document was drawn"
    summary = document.summary
    assert document.has_current_summary
    assert summary.text == document.text, "a summary of an older text was drawn"
    _, length = engine_options(document.options)
    assert summary.length == length, "a summary of older settings was drawn"
    assert engine.algorithms.get(document.options.algorithm).name == summary.algorithm
    chosen = [(s.start, s.end) for s in summary.summary]
    assert window.original.highlighted_ranges() == chosen
    assert window.controls.options == document.options


@pytest.mark.slow
def test_hundreds_of_quick_actions_never_show_a_stale_summary(
    qtbot, window, wait_summary, seed_text: str
) -> None:
    saver = autosave.Autosaver(window.workspace)
    saver.restore()
    for text in [seed_text, *dev_texts(2)]:
        window.workspace.new_document(text, origin="clipboard")
    wait_summary(window)
    drawn: list[int] = []

    def on_drawn(document) -> None:
        check_shown(window, document)
        drawn.append(document.id)

    window.summaryRendered.connect(on_drawn)
    rng = random.Random(8)
    editor = window.original
    slider = window.controls.slider
    algorithms = window.controls.algorithm
    counts = dict.fromkeys(("type", "erase", "slider", "algorithm", "switch", "pause"), 0)
    for _ in range(600):
        action = rng.choices(list(counts), weights=(30, 8, 25, 8, 12, 6))[0]
        counts[action] += 1
        if action == "type":
            editor.setFocus()
            piece = rng.choice(["a", " word", ". New sentence", "paragraph"])
            if piece == "paragraph":
                QTest.keyClick(editor, Qt.Key.Key_Return)
                QTest.keyClick(editor, Qt.Key.Key_Return)
            else:
                QTest.keyClicks(editor, piece)
        elif action == "erase":
            editor.setFocus()
            QTest.keyClick(editor, Qt.Key.Key_Backspace)
        elif action == "slider":
            slider.setFocus()
            QTest.keyClick(slider, rng.choice([Qt.Key.Key_Left, Qt.Key.Key_Right]))
        elif action == "algorithm":
            algorithms.setFocus()
            QTest.keyClick(algorithms, rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down]))
        elif action == "switch":
            listing = window.document_list
            row = rng.randrange(len(window.workspace.model))
            rect = listing.visualRect(listing.model().index(row, 0))
            QTest.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        else:
            qtbot.wait(rng.randrange(5, 120))  # let some results come back mid-storm
        if rng.random() < 0.3:
            QTest.qWait(1)

    # Every document, once the storm is over, shows what the engine makes of it now.
    for row in range(len(window.workspace.model)):
        window.workspace.set_current(window.workspace.model.at(row))
        document = wait_summary(window)
        check_shown(window, document)
        options, _ = engine_options(document.options)
        fresh = engine.summarise(
            document.text,
            options,
            title=document.title if document.revision == 0 else "",
            blocks=document.blocks,
        )
        assert [(s.start, s.end) for s in document.summary.summary] == [
            (s.start, s.end) for s in fresh.summary
        ]
    assert min(counts.values()) > 10
    assert len(drawn) > 10
    print(f"actions: {counts}; summaries drawn (each checked): {len(drawn)}")

    assert saver.stop()
    window.close()
    assert not window.workspace.service.running
    leftover = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
    assert not [name for name in leftover if name in ("autosave", "summary-worker")]


def test_closing_in_the_middle_of_work_leaves_no_thread(qtbot, window, seed_text: str) -> None:
    """Close while a long text is being summarised and documents keep changing."""
    for _ in range(5):
        window.workspace.new_document(seed_text * 20, origin="clipboard")
    QTest.keyClicks(window.original, "more text")
    assert window.current.busy or window.workspace.edit_pending
    window.close()
    assert not window.workspace.service.running
    assert "summary-worker" not in [t.name for t in threading.enumerate()]


class _Emitter(QObject):
    fired = Signal()
    value = Signal(int)


def test_emitting_signals_does_not_corrupt_reference_counts(qtbot) -> None:
    """PySide6 6.12.0 dropped a reference to True on every emit(); on Python < 3.12 the app
    then aborts after a few thousand signals. 100,000 emits must leave the counts as they were."""
    emitter = _Emitter()
    received = []
    emitter.fired.connect(lambda: received.append(1))
    emitter.value.connect(received.append)
    gc.collect()
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for i in range(50_000):
        emitter.fired.emit()
        emitter.value.emit(i)
    gc.collect()
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    assert len(received) == 100_000
    assert [abs(a - b) < 100 for a, b in zip(after, before, strict=True)] == [True] * 3

"""The main window as a user drives it: real widgets, real events, the real worker and engine."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QPushButton
from tests.conftest import SEED_ARTICLE, dev_article
from tests.gui.helpers import drop

from article_summariser import paths, resources
from article_summariser.engine import export
from article_summariser.gui import about, textmap
from article_summariser.gui.original_view import ALL_MARKS, MARK


def seed() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def press(qtbot, window, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the user's focus is (shortcuts go through Qt's shortcut map)."""
    window.activateWindow()
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifiers)


def file_mime(*files: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    return mime


def summary_spans(document) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in document.summary.summary]


# Start-up and the empty state -------------------------------------------------------------


def test_the_window_opens_empty_and_the_sample_is_one_click_away(qtbot, window, wait_summary):
    assert window.stack.currentWidget() is window.empty
    assert window.windowTitle() == "Article Summariser"
    button = window.empty.findChild(QPushButton, "empty_open_sample")
    assert button is not None
    assert button.text() == "Try the Sample Article"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    document = wait_summary(window)
    assert window.stack.currentWidget() is window.sidebar
    assert document.origin == "sample"
    assert document.text == textmap.normalise(resources.sample_article())
    assert document.name.startswith("Night trains are back in Europe")
    assert window.windowTitle() == f"{document.name} — Article Summariser"
    assert len(document.summary.summary) == 5


def test_a_file_named_at_launch_is_announced_not_invited(
    qtbot, make_window, wait_summary, tmp_path
):
    """Opened before the first paint (as ``article-summariser FILE`` does), the empty window
    says what it is opening instead of inviting the user to open a file."""
    article = write(tmp_path, "kim.txt", seed())
    window = make_window(start=False, show=False)
    window.open_paths([article])  # the worker is not running yet: the file waits
    window.show()
    qtbot.waitExposed(window)
    empty = window.empty
    assert window.stack.currentWidget() is empty
    assert empty.title.text() == "Opening “kim.txt”…"
    assert not empty.hint.isVisible()
    assert not empty.findChild(QPushButton, "empty_open").isVisible()
    window.workspace.start()
    document = wait_summary(window)
    assert document.name == "kim.txt"
    window.commands.close_document.trigger()
    assert window.stack.currentWidget() is empty
    assert empty.title.text() == "Summarise an article"  # the welcome again
    assert empty.hint.isVisible()
    assert empty.findChild(QPushButton, "empty_open").isVisible()


def test_opening_from_the_welcome_says_so_only_if_it_takes_a_while(qtbot, make_window, tmp_path):
    article = write(tmp_path, "slow.txt", seed())
    window = make_window(start=False)  # no worker: the file stays on its way
    qtbot.waitUntil(lambda: window.painted)
    empty = window.empty
    window.open_paths([article])
    assert empty.title.text() == "Summarise an article"  # a quick load would never flash it
    qtbot.waitUntil(lambda: empty.title.text() == "Opening “slow.txt”…", timeout=2_000)
    assert not empty.hint.isVisible()
    press(qtbot, window, Qt.Key.Key_Escape)  # stop opening it
    assert empty.title.text() == "Summarise an article"
    assert empty.hint.isVisible()
    assert window.message_bar.text.text() == "Stopped opening “slow.txt”."


def test_start_up_does_not_load_the_engine(tmp_path: Path) -> None:
    """The window is built with Qt alone; the engine is the worker thread's business."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from article_summariser import paths\n"
        f"paths.init({str(tmp_path)!r})\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['x', '-platform', 'offscreen'])\n"
        "from article_summariser.gui.main_window import MainWindow\n"
        "from article_summariser.gui.settings import SettingsStore\n"
        "window = MainWindow(SettingsStore.open())\n"
        "window.show()\n"
        "app.processEvents()\n"
        "heavy = [m for m in ('article_summariser.engine', 'sumy', 'numpy', 'langdetect', 'nltk')"
        " if m in sys.modules]\n"
        "print(','.join(heavy) or 'none')\n"
        "window.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "none"


# Input: typing, pasting, opening, dropping -------------------------------------------------


def test_typed_text_is_summarised_after_a_pause(qtbot, window, wait_summary):
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    document = window.workspace.current
    assert document is not None
    assert document.is_empty
    assert window.original.hasFocus() or window.original.setFocus() is None
    # Typed key by key (QTest types ASCII only): the first ASCII BBC article, 900 characters.
    article = next(
        r["text"][:900]
        for r in __import__("tests.conftest").conftest.dev_articles()
        if r["source"].startswith("bbc") and r["text"][:900].isascii()
    )
    for n, line in enumerate(article.split("\n")):
        if n:
            qtbot.keyClick(window.original, Qt.Key.Key_Return)
        qtbot.keyClicks(window.original, line)
    # While typing nothing is summarised; after the pause exactly this text is.
    assert window.workspace.edit_pending
    document = wait_summary(window)
    assert document.text == article
    assert document.summary.text == article
    assert all(article[s.start : s.end] == s.text for s in document.summary.summary)


def test_ctrl_v_pastes_plain_text_as_a_document(qtbot, window, wait_summary):
    QGuiApplication.clipboard().setText(seed())
    window.empty.setFocus()
    press(qtbot, window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    document = wait_summary(window)
    assert document.origin == "clipboard"
    assert document.text == seed()
    assert document.name == "North Korea’s Kim in Russia for Putin talks as US warns on arms deal"
    assert len(document.summary.summary) == 5


RICH = """<html><head><title>Night trains return</title>
<script>document.write('tracking pixel')</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Night trains return to Europe</h1>
<p>Europe&rsquo;s night trains are enjoying a revival that has surprised even the railway
companies that run them. New routes have opened across the continent this year.</p>
<p>Operators say passengers are trading short-haul flights for a bunk, and that sleeping cars
on the busiest routes now sell out weeks in advance during the summer.</p>
<p>Governments have helped with subsidies, arguing that a night on a train emits a fraction
of the carbon of the same journey by air.</p></article></body></html>"""


def test_pasted_rich_text_becomes_clean_plain_text(qtbot, window, wait_summary):
    mime = QMimeData()
    mime.setHtml(RICH)
    QGuiApplication.clipboard().setMimeData(mime)
    window.commands.paste_new.trigger()
    document = wait_summary(window)
    text = document.text
    assert "<" not in text
    assert "tracking pixel" not in text
    assert "color: red" not in text
    assert "Europe’s night trains are enjoying a revival" in text
    assert "\n\n" in text  # paragraphs kept apart
    # The heading is shown, but marked as not considered.
    heading = text.index("Night trains return to Europe")
    assert any(a <= heading < b for a, b in window.original.skipped_ranges())
    assert all(s.considered for s in document.summary.summary)


def test_ctrl_v_in_the_editor_inserts_clean_text_at_the_cursor(qtbot, window):
    window.commands.new_document.trigger()
    editor = window.original
    editor.setFocus()
    qtbot.keyClicks(editor, "Before. ")
    mime = QMimeData()
    mime.setHtml("<p>Pasted <b>bold</b> words.</p><script>alert(1)</script>")
    QGuiApplication.clipboard().setMimeData(mime)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.current.text == "Before. Pasted bold words."
    assert len(window.workspace.model) == 1


def test_open_a_file(qtbot, window, wait_summary, tmp_path):
    path = write(tmp_path, "kim.txt", seed())
    assert window.open_paths([path]) == 1
    document = wait_summary(window)
    assert document.origin == "file"
    assert document.name == "kim.txt"
    assert document.source == str(path.resolve())
    assert window.settings.preferences.recent_files[0] == str(path.resolve())
    window.recent_menu.aboutToShow.emit()  # the menu is filled when it opens
    assert window.recent_menu.files() == [str(path.resolve())]
    # Opening it again shows it instead of opening a second copy.
    assert window.open_paths([path]) == 0
    assert len(window.workspace.model) == 1


def test_open_recent_tells_same_named_files_apart(window, tmp_path):
    (tmp_path / "spring").mkdir()
    (tmp_path / "autumn").mkdir()
    first = write(tmp_path / "spring", "notes.txt", seed())
    second = write(tmp_path / "autumn", "notes.txt", seed())
    other = write(tmp_path, "kim.txt", seed())
    window.recent_menu.set_files((str(second), str(first), str(other)))
    texts = [a.text() for a in window.recent_menu.actions() if a.data()]
    assert texts == ["&1 notes.txt — autumn", "&2 notes.txt — spring", "&3 kim.txt"]


def test_a_file_that_cannot_be_read_is_explained(qtbot, window, tmp_path, no_dialogs):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    window.open_paths([path])
    qtbot.waitUntil(lambda: window.message_bar.isVisible())
    assert "photo.png" in window.message_bar.text.text()
    assert "PNG image" in window.message_bar.text.text()
    assert no_dialogs.history[-1].level.value == "warning"
    assert len(window.workspace.model) == 0
    assert window.stack.currentWidget() is window.empty


def test_dropping_one_file_onto_the_editor_opens_it(qtbot, window, wait_summary, tmp_path):
    window.commands.new_document.trigger()
    path = write(tmp_path, "kim.txt", seed())
    event = drop(window.original.viewport(), file_mime(path))
    assert event.isAccepted()
    document = wait_summary(window)
    assert document.name == "kim.txt"
    # The empty document it was dropped onto made way for it; no path was typed into it.
    assert len(window.workspace.model) == 1
    assert "file://" not in document.text


def test_dropping_several_files_anywhere_opens_each(qtbot, window, wait_summary, tmp_path):
    english = dev_article("bbc_news_summary")
    french = dev_article("orangesum")
    files = [
        write(tmp_path, "kim.txt", seed()),
        write(tmp_path, "dollar.txt", english["text"]),
        write(tmp_path, "lyon.txt", french["text"]),
    ]
    event = drop(window.empty, file_mime(*files))
    assert event.isAccepted()
    qtbot.waitUntil(lambda: len(window.workspace.model) == 3, timeout=30_000)
    names = [d.name for d in window.workspace.documents()]
    assert sorted(names) == ["dollar.txt", "kim.txt", "lyon.txt"]
    assert window.workspace.current.name == "kim.txt"  # the first of the drop is shown
    assert window.document_list.isVisible()
    wait_summary(window)
    # Each document got its own summary in its own language.
    window.workspace.set_current(window.workspace.model.find_source(str(files[2].resolve())))
    french_doc = wait_summary(window)
    assert french_doc.summary.language.code == "fr"
    assert window.status.language.text().startswith("French")


def test_dropped_text_becomes_a_document(qtbot, window, wait_summary):
    mime = QMimeData()
    mime.setText(seed())
    drop(
        window.summary_pane if window.stack.currentWidget() is window.sidebar else window.empty,
        mime,
    )
    document = wait_summary(window)
    assert document.origin == "dropped"
    assert document.text == seed()


def test_the_drop_overlay_says_what_will_happen(qtbot, window, tmp_path):
    files = [write(tmp_path, "a.txt", "One. Two."), write(tmp_path, "b.txt", "Three. Four.")]
    mime = file_mime(*files)
    enter = QDragEnterEvent(
        window.empty.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.empty, enter)
    assert window.overlay.text == "Drop to open 2 documents"
    window.drops.leave()
    assert not window.overlay.isVisible()


# What is shown -----------------------------------------------------------------------------


def test_highlights_sit_exactly_on_the_summary_sentences(qtbot, window, wait_summary):
    # Characters outside the BMP count twice in Qt's positions; the marks must not drift.
    text = "Emoji first 😀🎉 to shift every offset.\n\n" + seed()
    document = window.workspace.new_document(text, origin="typed")
    document = wait_summary(window, document)
    assert window.original.highlighted_ranges() == summary_spans(document)
    for selection in window.original.extraSelections():
        if selection.format.property(MARK) != "chosen":
            continue
        shown = selection.cursor.selectedText().replace("\u2029", "\n")
        assert any(shown == s.text for s in document.summary.summary)
    skipped = {(b.start, b.end) for b in document.summary.blocks if not b.role.considered}
    assert skipped <= set(window.original.skipped_ranges())
    assert window.summary.toPlainText().split("\n")[0] in {
        s.display_text for s in document.summary.summary
    }


def test_heat_map_tints_every_considered_sentence(qtbot, window, wait_summary):
    window.workspace.new_document(seed())
    document = wait_summary(window)
    plain = len(window.original.extraSelections())
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.commands.heat_map.isChecked()
    considered = [s for s in document.summary.sentences if s.considered]
    skipped_blocks = [b for b in document.summary.blocks if not b.role.considered]
    assert len(window.original.extraSelections()) >= len(considered) + len(skipped_blocks)
    assert len(window.original.extraSelections()) > plain
    assert window.original.highlighted_ranges() == summary_spans(document)
    assert "low → high" in window.original_pane.legend.text()
    assert len(window.original.marked_ranges("heat")) == len(considered) - len(
        document.summary.summary
    )
    backgrounds = {
        s.format.background().color().name()
        for s in window.original.extraSelections()
        if s.format.property(MARK) in ("heat", "chosen")
    }
    assert len(backgrounds) > 5  # a scale, not one colour


def test_clicking_a_summary_sentence_scrolls_to_it_and_flashes_it(qtbot, window, wait_summary):
    long_text = "\n\n".join([seed(), dev_article("bbc_news_summary", 3)["text"]])
    window.workspace.new_document(long_text)
    document = wait_summary(window)
    target = document.summary.summary[-1]
    view = window.summary
    cursor = view.document().find(target.display_text[:30])
    assert not cursor.isNull()
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() - QPoint(4, 0))
    qtbot.waitUntil(lambda: window.original.flashing is not None)
    assert window.original.flashing.index == target.index
    offsets = textmap.Utf16Offsets(document.text)
    assert window.original.textCursor().position() == offsets.to_qt(target.start)
    first_visible = window.original.cursorForPosition(QPoint(0, 0)).position()
    assert first_visible > 0  # scrolled down to it
    qtbot.waitUntil(lambda: window.original.flashing is None, timeout=5000)


def test_status_line_tells_the_figures(qtbot, window, wait_summary):
    window.workspace.new_document(seed())
    document = wait_summary(window)
    summary = document.summary
    status = window.status
    assert status.language.text() == f"English {summary.language.probability:.0%}"
    assert status.words.text() == f"{summary.words_total:,} → {summary.words_summary:,} words"
    assert status.reduction.text() == f"−{summary.reduction:.0%}"
    minutes = (summary.words_total - summary.words_summary) / export.READING_WPM
    assert status.saved.text() == f"{minutes:.1f} min saved"
    assert status.took.text()
    assert status.keywords.full_text() == "Keywords: " + ", ".join(summary.keywords)
    assert "kim" in summary.keywords or "putin" in summary.keywords


# Controls ----------------------------------------------------------------------------------


def test_slider_and_unit_change_the_summary_live(qtbot, window, wait_summary):
    window.workspace.new_document(seed())
    document = wait_summary(window)
    assert len(document.summary.summary) == 5
    slider = window.controls.slider
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: document.has_current_summary and len(document.summary.summary) == 7)
    assert window.controls.spin.value() == 7
    assert document.options.sentences == 7
    assert window.original.highlighted_ranges() == summary_spans(document)

    unit = window.controls.unit
    unit.setCurrentIndex(unit.findData("percent"))
    qtbot.waitUntil(
        lambda: document.has_current_summary and document.summary.length.unit.value == "ratio"
    )
    summary = document.summary
    assert window.controls.spin.suffix() == " %"
    assert summary.length.value == pytest.approx(0.20)
    assert abs(summary.words_summary - 0.2 * summary.words_total) <= max(
        s.words for s in summary.summary
    )

    unit.setCurrentIndex(unit.findData("words"))
    window.controls.spin.setValue(120)
    qtbot.waitUntil(lambda: document.has_current_summary and document.summary.length.value == 120)
    assert 0 < document.summary.words_summary <= 120
    # Alt+Down: one step shorter.
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: document.has_current_summary and document.summary.length.value == 110)


def test_language_can_be_forced_and_auto_shows_the_detection(qtbot, window, wait_summary):
    window.workspace.new_document(seed())
    document = wait_summary(window)
    combo = window.controls.language
    qtbot.waitUntil(lambda: combo.count() > 10)
    assert combo.itemText(0) == f"Auto: English ({document.summary.language.probability:.0%})"
    combo.setCurrentIndex(combo.findData("fr"))
    qtbot.waitUntil(
        lambda: document.has_current_summary and document.summary.language.source == "forced"
    )
    assert document.summary.language.code == "fr"
    assert document.summary.language_name == "french"
    assert window.status.language.text() == "French (chosen)"
    assert document.options.language == "fr"
    combo.setCurrentIndex(0)
    qtbot.waitUntil(
        lambda: document.has_current_summary and document.summary.language.source == "detected"
    )
    assert document.summary.language.code == "en"


def test_algorithm_choice_changes_the_ranking(qtbot, window, wait_summary):
    window.workspace.new_document(seed())
    document = wait_summary(window)
    combo = window.controls.algorithm
    qtbot.waitUntil(lambda: combo.findData("lead") >= 0)
    combo.setCurrentIndex(combo.findData("lead"))
    qtbot.waitUntil(lambda: document.has_current_summary and document.summary.algorithm == "lead")
    considered = [s for s in document.summary.sentences if s.considered]
    assert [s.index for s in document.summary.summary] == [s.index for s in considered[:5]]


def test_each_document_keeps_its_own_text_settings_and_summary(qtbot, window, wait_summary):
    ws = window.workspace
    first = ws.new_document(seed())
    wait_summary(window, first)
    window.controls.spin.setValue(3)
    qtbot.waitUntil(lambda: first.has_current_summary and len(first.summary.summary) == 3)
    second = ws.new_document(dev_article("bbc_news_summary")["text"])
    wait_summary(window, second)
    assert window.controls.spin.value() == 3  # new documents start from the last settings
    window.controls.spin.setValue(2)
    qtbot.waitUntil(lambda: second.has_current_summary and len(second.summary.summary) == 2)
    press(qtbot, window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert ws.current is first
    assert window.controls.spin.value() == 3
    assert window.original.toPlainText() == first.text
    assert window.original.highlighted_ranges() == summary_spans(first)
    window.document_list.setCurrentIndex(ws.model.index(ws.model.row_of(second)))
    assert ws.current is second
    assert window.controls.spin.value() == 2
    assert window.original.highlighted_ranges() == summary_spans(second)


def test_closed_documents_can_be_reopened(qtbot, window, wait_summary):
    ws = window.workspace
    ws.new_document(seed())
    wait_summary(window)
    window.controls.spin.setValue(4)
    qtbot.waitUntil(lambda: len(ws.current.summary.summary) == 4)
    press(qtbot, window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert len(ws.model) == 0
    assert window.stack.currentWidget() is window.empty
    press(
        qtbot,
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    document = wait_summary(window)
    assert document.text == seed()
    assert document.options.sentences == 4


# Output ------------------------------------------------------------------------------------


def test_copy_actions_put_plain_text_on_the_clipboard(qtbot, window, wait_summary, tmp_path):
    window.open_paths([write(tmp_path, "kim.txt", seed())])
    document = wait_summary(window)
    sentences = [s.display_text for s in document.summary.summary]
    title = document.summary.title
    clipboard = QGuiApplication.clipboard()

    press(
        qtbot,
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert clipboard.text() == "\n".join(sentences)
    assert not clipboard.mimeData().hasHtml()

    clipboard.clear()
    qtbot.mouseClick(window.summary_pane.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == "\n".join(sentences)

    window.commands.copy_markdown.trigger()
    assert clipboard.text() == "\n".join([f"## {title}", "", *[f"- {s}" for s in sentences]])

    window.commands.copy_quote.trigger()
    quote = clipboard.text()
    assert quote == "\n>\n".join(f"> {s}" for s in sentences) + f"\n\n— {title}"


def test_quote_source_is_the_file_name_when_there_is_no_title(
    qtbot, window, wait_summary, tmp_path
):
    article = dev_article("bbc_news_summary")["text"]
    window.open_paths([write(tmp_path, "dollar.txt", article)])
    document = wait_summary(window)
    assert document.summary.title == ""
    window.commands.copy_quote.trigger()
    assert QGuiApplication.clipboard().text().endswith("\n\n— dollar.txt")


def test_save_summary_as_text_and_markdown(qtbot, window, wait_summary, tmp_path):
    window.workspace.new_document(seed())
    document = wait_summary(window)
    assert window.save_summary(tmp_path / "s.txt")
    assert window.save_summary(tmp_path / "s.md")
    assert (tmp_path / "s.txt").read_text(encoding="utf-8") == export.as_text(
        document.summary
    ) + "\n"
    assert (tmp_path / "s.md").read_text(encoding="utf-8") == (
        export.as_markdown(document.summary, document.display_source) + "\n"
    )
    assert not window.save_summary(tmp_path / "missing-folder" / "s.txt")
    assert "could not be saved" in window.message_bar.text.text()


def test_the_suggested_file_name_keeps_a_title_whole(qtbot, window, wait_summary, tmp_path):
    ws = window.workspace
    ws.new_document(seed(), name="AC/DC return to the stage after 8.5 years")
    assert window.suggested_save_path().name == (
        "AC-DC return to the stage after 8.5 years – summary.txt"
    )
    ws.new_document(seed(), name="Shares rise 2.5%: what next?")
    assert window.suggested_save_path().name == "Shares rise 2.5%- what next- – summary.txt"
    article = write(tmp_path, "report.txt", seed())
    window.open_paths([article])
    qtbot.waitUntil(lambda: ws.current.name == "report.txt", timeout=30_000)
    assert window.suggested_save_path().name == "report – summary.txt"
    ws.new_document(seed(), name=ws.model.unique_name("report.txt"))  # "report.txt (2)"
    assert window.suggested_save_path().name == "report (2) – summary.txt"


def test_language_box_says_auto_until_the_document_is_detected(qtbot, window, wait_summary):
    french = dev_article("orangesum")["text"]
    window.workspace.new_document(french)
    wait_summary(window)
    combo = window.controls.language
    assert combo.itemText(0).startswith("Auto: French")
    window.commands.new_document.trigger()  # an empty document: nothing detected yet
    assert combo.itemText(0) == "Auto"
    window.commands.previous_document.trigger()  # back to the French one
    assert combo.itemText(0).startswith("Auto: French")
    while window.workspace.current is not None:
        window.commands.close_document.trigger()
    assert combo.itemText(0) == "Auto"


def test_the_summary_heading_counts_in_good_english(qtbot, window, wait_summary):
    window.workspace.new_document(seed())
    document = wait_summary(window)
    total = len(document.summary.candidates)
    window.controls.spin.setValue(1)
    qtbot.waitUntil(lambda: document.has_current_summary and len(document.summary.summary) == 1)
    words = document.summary.words_summary
    assert window.summary_pane.figures.text() == f"1 of {total} sentences · {words} words"
    window.workspace.new_document("Only this one sentence is here.")
    one = wait_summary(window)
    assert window.summary_pane.figures.text() == (
        f"1 of 1 sentence · {one.summary.words_summary} words"
    )


def test_a_keyboard_user_starts_on_open_and_lands_in_the_text(qtbot, window, wait_summary):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    open_button = window.empty.findChild(QPushButton, "empty_open")
    assert QApplication.focusWidget() is open_button  # Return opens a file, as it shows
    sample = window.empty.findChild(QPushButton, "empty_open_sample")
    sample.setFocus()
    qtbot.keyClick(sample, Qt.Key.Key_Space)  # the sample, from the keyboard
    wait_summary(window)
    assert QApplication.focusWidget() is window.original  # not the length slider
    window.commands.close_document.trigger()
    assert QApplication.focusWidget() is open_button


def test_messages_wait_their_turn_and_esc_closes_them(qtbot, window, tmp_path):
    bar = window.message_bar
    empty = write(tmp_path, "empty.txt", "")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    window.open_paths([empty])
    qtbot.waitUntil(lambda: "empty.txt" in bar.text.text(), timeout=30_000)
    first = bar.text.text()
    window.open_paths([binary])
    qtbot.waitUntil(lambda: "binary.txt" in bar.text.text(), timeout=30_000)
    assert bar.count.text() == "+1 more"
    press(qtbot, window, Qt.Key.Key_Escape)  # nothing to cancel: Esc closes the message
    assert bar.isVisible()
    assert bar.text.text() == first  # the one it had covered
    assert not bar.count.isVisible()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_the_settings_stay_whole_in_a_narrow_window(qtbot, window, wait_summary):
    window.workspace.open_sample()
    wait_summary(window)
    controls = window.controls
    qtbot.waitUntil(lambda: controls.algorithm.currentText() == "Positional centrality")
    shown = (controls.slider, controls.spin, controls.unit, controls.algorithm, controls.language)
    heat = window.settings_toolbar.widgetForAction(window.commands.heat_map)
    for width, two_rows in ((1280, False), (1024, True), (800, True)):
        window.resize(width, 700)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        assert window.toolBarBreak(window.settings_toolbar) is two_rows, width
        qtbot.waitUntil(lambda: heat.isVisible() and controls.isVisible())  # none in the » menu
        for widget in shown:  # every list shows its whole choice: none squeezed to clip it
            qtbot.waitUntil(lambda w=widget: w.width() >= w.sizeHint().width() - 1)
            assert widget.visibleRegion().boundingRect().width() >= widget.width() - 1, width
    window.resize(1280, 700)  # and back to one row
    qtbot.waitUntil(lambda: not window.toolBarBreak(window.settings_toolbar))


def test_the_shortcuts_list_has_every_command_with_keys(window):
    from article_summariser.gui import dialogs

    rows = dict(dialogs.shortcut_rows(window.shortcut_actions()))
    assert rows["History"] == "Ctrl+Shift+H"
    assert rows["Open"] == "Ctrl+O"
    assert rows["Dismiss Message"] == "Esc"


# Responsiveness and stale results ----------------------------------------------------------


def long_article() -> str:
    rows = [r["text"] for r in __import__("tests.conftest").conftest.dev_articles()]
    english = [r for r in rows if r.isascii()]
    return "\n\n".join(english[:220])


def book_length_article() -> str:
    """Every English development article in one text (1.4 MB): a warm engine on an idle machine
    summarises ``long_article`` in less than the busy indicator's delay, this one never."""
    rows = [r["text"] for r in __import__("tests.conftest").conftest.dev_articles()]
    return "\n\n".join(r for r in rows if r.isascii())


def on_screen(view, sentences) -> list[tuple[int, int]]:
    """Spans of the sentences in the paragraphs that show on screen in the editor."""
    block = view.firstVisibleBlock()
    first = last = block.position()
    while block.isValid():
        if view.blockBoundingGeometry(block).translated(view.contentOffset()).top() > (
            view.viewport().height()
        ):
            break
        last = block.position() + block.length()
        block = block.next()
    return [(s.start, s.end) for s in sentences if s.start < last and s.end > first]


def test_a_book_length_heat_map_marks_what_is_on_screen_and_follows_the_view(
    qtbot, window, wait_summary
):
    # Tens of thousands of marks would stall the window for seconds at every change: on a long
    # document only those on and around the visible part are set, and they follow the view.
    english = [r["text"] for r in __import__("tests.conftest").conftest.dev_articles()]
    text = "\n\n".join([r for r in english if r.isascii()][:300])
    document = wait_summary(window, window.workspace.new_document(text), timeout=120_000)
    view = window.original
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    considered = [s for s in document.summary.sentences if s.considered]
    assert len(considered) > 4000
    assert view.marks_follow_the_view
    assert 0 < len(view.extraSelections()) < ALL_MARKS

    def marked() -> set[tuple[int, int]]:
        return set(view.marked_ranges("heat")) | set(view.highlighted_ranges())

    top = on_screen(view, considered)
    assert top
    assert set(top) <= marked()
    # The reader jumps to the end: its sentences are tinted, the first ones no longer held.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    # The end is on screen (following the view must not move the scroll under it)...
    assert view.textCursor().atEnd()
    assert view.viewport().rect().contains(view.cursorRect())
    bottom = on_screen(view, considered)
    assert bottom[-1] == (considered[-1].start, considered[-1].end)
    # ...and its sentences are marked once the scroll is over.
    qtbot.waitUntil(lambda: set(bottom) <= marked(), timeout=2_000)
    assert top[0] not in marked()
    assert 0 < len(view.extraSelections()) < ALL_MARKS
    # Clicking the first sentence of the summary brings the view back to it, marked and flashed.
    first_chosen = document.summary.summary[0]
    span = (first_chosen.start, first_chosen.end)
    assert view.reveal(first_chosen.index)
    assert view.marked_ranges("flash") == [span]
    assert view.viewport().rect().contains(view.cursorRect())
    qtbot.waitUntil(lambda: span in view.highlighted_ranges(), timeout=2_000)
    # Back to the plain marks: the few chosen sentences and skipped headings are all set again.
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert not view.marks_follow_the_view
    assert view.highlighted_ranges() == summary_spans(document)


def test_the_window_keeps_working_while_a_long_document_is_summarised(qtbot, window, wait_summary):
    text = long_article()
    assert len(text) > 300_000
    import time

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    # Opening the document (the editor takes the text, the highlights are laid out) runs on
    # the GUI thread and counts too: on an idle machine the worker may finish before it ends.
    document = window.workspace.new_document(text)
    assert document.busy
    while document.busy:
        qtbot.wait(50)
    ended = time.perf_counter()
    busy_ticks = len(ticks)
    timer.stop()
    wait_summary(window, document, timeout=120_000)
    gaps = [b - a for a, b in itertools.pairwise([started, *ticks[:busy_ticks], ended])]
    assert busy_ticks >= 1  # the event loop ran while the worker summarised
    assert max(gaps) < 1.0  # and never froze, opening the document included
    assert window.status.progress.value() >= 0


def test_a_long_summary_shows_progress_and_can_be_cancelled(qtbot, window):
    document = window.workspace.new_document(book_length_article())
    qtbot.waitUntil(lambda: window.status.busy_visible, timeout=10_000)
    assert window.commands.cancel.isEnabled()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not document.busy
    assert document.error_kind == "cancelled"
    assert not window.status.busy_visible
    assert window.summary.state == "message"
    assert "cancelled" in window.summary.toPlainText()
    qtbot.wait(300)
    assert document.summary is None  # the late result of the cancelled work was dropped


def test_a_stale_result_is_never_shown_after_the_text_changed(qtbot, window, wait_summary):
    shown: list[bool] = []
    window.summaryRendered.connect(
        lambda doc: shown.append(doc.summary.text == doc.text and doc.has_current_summary)
    )
    document = window.workspace.new_document(long_article())
    assert document.busy
    dropped: list[object] = []
    window.workspace.service.dropped.connect(dropped.append)
    replacement = seed()
    document.set_text(replacement)  # the user pastes over everything while it is working
    assert not document.busy
    assert window.summary.state != "summary"
    document = wait_summary(window, document, timeout=120_000)
    qtbot.waitUntil(lambda: bool(dropped), timeout=120_000)
    assert document.summary.text == replacement
    assert shown
    assert all(shown)
    # The result for the old text did come back, and was dropped.
    assert [r.request.text == replacement for r in dropped] == [False]


def test_typing_during_a_summary_drops_the_old_result(qtbot, window, wait_summary):
    window.workspace.new_document(seed())
    document = wait_summary(window)
    window.original.setFocus()
    window.original.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.original, " The talks ended without a deal.")
    assert window.summary.state == "updating"
    assert window.original.highlighted_ranges() == []
    assert not window.commands.copy_summary.isEnabled()
    document = wait_summary(window)
    assert document.summary.text.endswith("The talks ended without a deal.")


# Settings, actions, About ------------------------------------------------------------------


def test_preferences_survive_a_restart(qtbot, make_window, wait_summary):
    window = make_window()
    window.workspace.new_document(seed())
    wait_summary(window)
    controls = window.controls
    qtbot.waitUntil(lambda: controls.algorithm.findData("textrank") >= 0)
    controls.algorithm.setCurrentIndex(controls.algorithm.findData("textrank"))
    controls.unit.setCurrentIndex(controls.unit.findData("percent"))
    controls.spin.setValue(30)
    window.commands.heat_map.setChecked(True)
    window.resize(780, 540)  # within the headless screen (800 × 600)
    window.panes.setSizes([700, 300])
    window.settings.preferences.add_recent(SEED_ARTICLE)
    window.close()

    stored = json.loads(paths.get().settings_file.read_text(encoding="utf-8"))
    assert stored["summary"]["algorithm"] == "textrank"
    assert stored["summary"]["unit"] == "percent"
    assert stored["summary"]["percent"] == 30
    assert stored["heat_map"] is True
    assert stored["recent_files"] == [str(SEED_ARTICLE.absolute())]

    again = make_window()
    assert again.controls.options.algorithm == "textrank"
    assert again.controls.options.unit == "percent"
    assert again.controls.spin.value() == 30
    assert again.commands.heat_map.isChecked()
    assert (again.width(), again.height()) == (780, 540)
    assert stored["window"]["splitter"][0] > stored["window"]["splitter"][1]
    again.workspace.new_document(seed())
    qtbot.waitUntil(lambda: again.panes.isVisible())
    sizes = again.panes.sizes()
    assert sizes[0] > 1.5 * sizes[1]
    assert again.empty.findChild(QPushButton) is not None
    assert SEED_ARTICLE.name in [b.text() for b in again.empty.findChildren(QPushButton)]


def test_a_damaged_settings_file_gives_defaults_and_one_message(qtbot, make_window, no_dialogs):
    settings_file = paths.get().settings_file
    settings_file.write_text("{not json", encoding="utf-8")
    window = make_window()
    assert window.controls.options.sentences == 5
    assert window.message_bar.isVisible()
    assert "preferences could not be restored" in window.message_bar.text.text()
    assert list(settings_file.parent.glob("settings.json.corrupt-*"))


def test_every_action_has_a_shortcut_and_an_accessible_name(window):
    shortcuts = {}
    for action in window.commands.all():
        assert action.shortcuts(), action.objectName()
        assert action.property("accessibleName"), action.objectName()
        assert action.toolTip(), action.objectName()
        for key in action.shortcuts():
            text = key.toString()
            assert text not in shortcuts, (
                f"{text} used by {shortcuts.get(text)} and {action.objectName()}"
            )
            shortcuts[text] = action.objectName()
    assert shortcuts["Ctrl+O"] == "open"
    assert shortcuts["Ctrl+Shift+C"] == "copy_summary"
    assert shortcuts["Ctrl+V"] == "paste"
    for widget in (
        window.controls.slider,
        window.controls.unit,
        window.controls.language,
        window.controls.algorithm,
        window.original,
        window.summary,
        window.document_list,
        window.summary_pane.copy_button,
    ):
        assert widget.accessibleName(), widget.objectName()


def test_open_dialog_filters_list_every_format_the_engine_reads():
    from article_summariser.engine import loading
    from article_summariser.engine.errors import InputError
    from article_summariser.gui import formats

    filters = formats.open_filters()
    assert filters[0].startswith("All supported documents (*.txt ")
    assert any(f.startswith("PDF (*.pdf)") for f in filters)
    refused = []
    for suffix in formats.suffixes():
        try:
            loading.sniff(b"Plain words in a file.", "x", suffix)
        except InputError as error:  # a named format whose content is wrong: still supported
            if "cannot read" in error.message:
                refused.append(suffix)
    assert refused == []


def test_about_names_the_versions_of_the_app_and_its_libraries():
    import PySide6
    import sumy

    text = about.about_text()
    assert text.startswith("Article Summariser 0.1.0")
    assert f"Qt: {PySide6.QtCore.qVersion()}" in text
    assert "PySide6-Essentials: " in text
    assert "sumy: " in text
    assert sumy.__version__.split(".")[0] in text
    assert "langdetect: 1.0" in text


def test_ctrl_v_outside_the_editor_opens_the_clipboard_as_a_document(qtbot, window, wait_summary):
    first = window.workspace.new_document(seed())
    wait_summary(window, first)
    window.summary.setFocus()
    QGuiApplication.clipboard().setText(dev_article("bbc_news_summary")["text"])
    press(qtbot, window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(window.workspace.model) == 2
    assert window.workspace.current.origin == "clipboard"
    assert first.text == seed()  # the open document was not touched


def test_closing_the_window_mid_summary_stops_the_worker(qtbot, make_window):
    window = make_window()
    document = window.workspace.new_document(book_length_article())
    qtbot.waitUntil(lambda: document.progress > 0, timeout=30_000)
    window.close()
    assert not window.workspace.service.running


def test_the_window_follows_a_switch_to_a_dark_palette(qtbot, window, wait_summary):
    from PySide6.QtGui import QColor, QPalette

    window.workspace.new_document(seed())
    wait_summary(window)

    def chosen_lightness() -> int:
        marks = [
            s for s in window.original.extraSelections() if s.format.property(MARK) == "chosen"
        ]
        return marks[0].format.background().color().lightness()

    app = QApplication.instance()
    light = app.palette()
    assert chosen_lightness() > 128
    dark = QPalette(light)
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#333333"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
    ):
        dark.setColor(role, QColor(colour))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: chosen_lightness() < 100)
        assert window.summary.palette().color(QPalette.ColorRole.Base).lightness() < 60
        icon = window.commands.open.icon().pixmap(24, 24).toImage()
        inked = [
            icon.pixelColor(x, y)
            for x in range(24)
            for y in range(24)
            if icon.pixelColor(x, y).alpha() > 200
        ]
        assert inked
        assert all(c.lightness() > 150 for c in inked)  # drawn in the dark theme's light ink
    finally:
        app.setPalette(light)


# Opening a long file --------------------------------------------------------------------------


def test_a_long_pdf_shows_how_far_it_has_got_while_it_opens(qtbot, window, tmp_path):
    from tests.books import book

    path = tmp_path / "book.pdf"
    first_line, _last = book(path, 600)
    seen: list[float | None] = []
    window.workspace.loadingChanged.connect(
        lambda loading: seen.append(None if loading is None else loading.fraction)
    )
    drop(window.original, file_mime(path))
    qtbot.waitUntil(lambda: window.status.loading_visible, timeout=10_000)
    assert window.status.load_label.text().startswith("Opening “book.pdf”…")
    assert window.commands.cancel.isEnabled()
    qtbot.waitUntil(lambda: len(window.workspace.documents()) == 1, timeout=60_000)
    document = window.workspace.documents()[0]
    assert document.name == "book.pdf"
    assert first_line in document.text
    # Page by page: the fraction only grew, and the indicator went once the book was open.
    fractions = [f for f in seen if f is not None]
    assert len(fractions) > 10
    assert fractions == sorted(fractions)
    assert seen[-1] is None
    assert window.workspace.loading() is None
    assert not window.status.loading_visible


def test_esc_stops_opening_a_long_pdf_and_nothing_half_read_appears(
    qtbot, window, tmp_path, no_dialogs
):
    from tests.books import book

    path = tmp_path / "novel.pdf"
    book(path, 1500)  # several seconds to read even on an idle machine
    window.open_paths([path])
    qtbot.waitUntil(
        lambda: window.status.loading_visible and window.status.load_progress.value() > 0,
        timeout=30_000,
    )
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.workspace.loading() is None
    assert not window.status.loading_visible
    assert no_dialogs.history[-1].text == "Stopped opening “novel.pdf”."
    qtbot.wait(1500)  # the worker stops at its next page; its late result is dropped
    assert window.workspace.documents() == ()
    assert window.stack.currentWidget() is window.empty
    assert not window.commands.cancel.isEnabled()


def test_coming_back_to_a_document_whose_new_settings_are_still_working_never_shows_the_old(
    qtbot, window, wait_summary
):
    # Found by the rapid-interaction test in CI: a new algorithm chosen for a long document,
    # a switch to another document and back before the new ranking was ready, and the summary
    # of the old algorithm was drawn again under the new setting.
    long = wait_summary(window, window.workspace.new_document(book_length_article()), 120_000)
    short = wait_summary(window, window.workspace.new_document(seed()))
    drawn: list[tuple[str, str]] = []
    window.summaryRendered.connect(
        lambda doc: drawn.append((doc.options.algorithm, doc.summary.algorithm))
    )
    press(qtbot, window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.current is long
    old_algorithm = long.summary.algorithm
    window.controls.algorithm.setFocus()
    qtbot.keyClick(window.controls.algorithm, Qt.Key.Key_Down)  # a new ranking: a second or two
    assert long.busy
    assert long.options.algorithm != old_algorithm
    press(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.current is short
    press(qtbot, window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.current is long
    assert long.busy  # still ranking: what is shown says so
    assert window.summary.state == "updating"
    assert window.original.highlighted_ranges() == []
    wait_summary(window, long, 120_000)
    assert long.summary.algorithm == long.options.algorithm != old_algorithm
    # Every summary drawn matched the settings of its document at that moment.
    assert drawn
    from article_summariser.engine import algorithms

    assert all(algorithms.get(chosen).name == made for chosen, made in drawn)

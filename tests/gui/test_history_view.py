"""The history in the window: summaries remembered, searched, reopened, deleted; or turned off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from tests.conftest import SEED_ARTICLE, dev_article

from article_summariser import paths
from article_summariser.engine.history import History

TITLE = "North Korea’s Kim in Russia for Putin talks as US warns on arms deal"


def seed() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def record_now(qtbot, window) -> None:
    """Write the settled summaries at once and wait until the history has them."""
    with qtbot.waitSignal(window.history.service.changed, timeout=20_000):
        assert window.history.recorder.flush() >= 1


def search(qtbot, dialog, text: str) -> list[str]:
    with qtbot.waitSignal(dialog.service.searched, timeout=20_000):
        dialog.search_box.setText(text)
    return dialog.titles()


def stored() -> History:
    return History(paths.get().history_db)


def test_every_summary_made_is_remembered_with_its_source_and_settings(
    qtbot, window, wait_summary, tmp_path
):
    path = write(tmp_path, "kim.txt", seed())
    window.open_paths([path])
    document = wait_summary(window)
    window.workspace.set_options(document.options.with_unit("sentences").with_value(3))
    wait_summary(window)
    record_now(qtbot, window)
    entries = stored().search("")
    assert len(entries) == 1
    entry = stored().get(entries[0].id)
    assert entry.title == TITLE
    assert entry.source == str(path.resolve())
    assert entry.text == document.text
    assert (entry.length.unit.value, entry.length.value) == ("sentences", 3)
    assert entry.summary.split("\n") == [s.display_text for s in document.summary.summary]


def test_pasted_text_is_remembered_under_its_first_words(qtbot, window, wait_summary):
    article = dev_article("bbc", 5)
    window.workspace.open_text(article["text"])
    document = wait_summary(window)
    record_now(qtbot, window)
    (entry,) = stored().search("")
    assert entry.source == ""
    first = document.summary.summary[0].display_text.split()
    assert entry.display_title == " ".join(first[:10]) + "…"


def test_the_dialog_searches_reopens_deletes_and_clears(qtbot, window, wait_summary, tmp_path):
    window.open_paths([write(tmp_path, "kim.txt", seed())])
    wait_summary(window)
    window.open_paths([write(tmp_path, "lyon.txt", dev_article("orangesum", 3)["text"])])
    wait_summary(window)
    record_now(qtbot, window)
    window.history.action.trigger()  # File ▸ History…
    dialog = window.history.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and len(dialog.titles()) == 2)
    assert dialog.count_label.text() == "2 remembered"
    # Full-text search: a word from deep inside the AFP story.
    assert search(qtbot, dialog, "peskov") == [TITLE]
    assert dialog.count_label.text() == "1 found"
    assert dialog.preview.toPlainText().startswith(dialog.entry().summary.split("\n")[0])
    # Reopen it after closing the document: same text, same settings.
    kim = window.workspace.model.find_source(str((tmp_path / "kim.txt").resolve()))
    window.workspace.close(kim)
    with qtbot.waitSignal(dialog.reopened, timeout=20_000) as reopened:
        qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    document = reopened.args[0]
    assert document.text == seed()
    assert document.name == "kim.txt"
    assert window.workspace.current is document
    assert wait_summary(window, document).summary.title == TITLE
    # Delete it: the search no longer finds it.
    with qtbot.waitSignal(dialog.service.searched, timeout=20_000):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.titles() == []
    assert [e.source for e in stored().search("")] == [str((tmp_path / "lyon.txt").resolve())]
    # Clear everything (the confirmation says yes when dialogs are off).
    assert search(qtbot, dialog, "") == [e.display_title for e in stored().search("")]
    assert len(dialog.titles()) == 1
    with qtbot.waitSignal(dialog.service.searched, timeout=20_000):
        qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.titles() == []
    assert stored().count() == 0


def test_turning_history_off_writes_nothing_and_is_remembered(
    qtbot, make_window, wait_summary, tmp_path
):
    window = make_window()
    window.history.show_dialog()
    dialog = window.history.dialog
    assert dialog.keep.isChecked()
    qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)
    assert not dialog.keep.isChecked()
    assert "history is off" in dialog.count_label.text()
    window.open_paths([write(tmp_path, "kim.txt", seed())])
    wait_summary(window)
    assert window.history.recorder.flush() == 0
    window.close()
    assert not paths.get().history_db.exists()
    saved = json.loads(paths.get().settings_file.read_text(encoding="utf-8"))
    assert saved["keep_history"] is False
    # The next window starts with the history off.
    again = make_window()
    assert not again.history.service.enabled
    again.open_paths([write(tmp_path, "dollar.txt", dev_article("bbc", 2)["text"])])
    wait_summary(again)
    assert again.history.recorder.flush() == 0
    again.close()
    assert not paths.get().history_db.exists()


def test_closing_the_window_writes_the_last_summary(qtbot, make_window, wait_summary, tmp_path):
    window = make_window()
    window.open_paths([write(tmp_path, "kim.txt", seed())])
    wait_summary(window)
    window.close()  # before the quiet time is over: written on the way out
    assert [e.title for e in stored().search("")] == [TITLE]


def test_a_damaged_history_is_explained_and_clearing_repairs_it(
    qtbot, window, wait_summary, tmp_path, no_dialogs
):
    paths.get().history_db.write_bytes(b"not a database " * 200)
    window.history.show_dialog()
    dialog = window.history.dialog
    qtbot.waitUntil(lambda: any("damaged" in m.text for m in no_dialogs.history), timeout=20_000)
    with qtbot.waitSignal(dialog.service.searched, timeout=20_000):
        qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    window.open_paths([write(tmp_path, "kim.txt", seed())])
    wait_summary(window)
    record_now(qtbot, window)
    assert [e.title for e in stored().search("")] == [TITLE]


@pytest.mark.parametrize("shortcut", ["Ctrl+Shift+H"])
def test_history_is_in_the_file_menu(window, shortcut):
    actions = window.menus["file"].actions()
    history = window.history.action
    assert history in actions
    assert actions.index(history) == actions.index(window.commands.paste_new) - 1
    assert history.shortcut().toString() == shortcut

"""Start-up builds the window's secondary parts after the first paint; they must still exist.

The side list of documents, batches (their panel), the digest export, the history, "Forget
Autosaved Text" and the toolbar buttons' accessible names are built right after the window is
first painted
(``MainWindow.finish_startup``, called by the app), or on first use when something needs them
earlier. These tests fail if that step never runs, or
puts the File menu in another order than building them up front did.
"""

from __future__ import annotations

from pathlib import Path

from app_process import Folders, report
from PySide6.QtCore import Qt

#: The File menu as it was when everything was built before the window was shown.
FILE_MENU = [
    "new_document",
    "open",
    "Open &Recent",
    "history",
    "forgetAutosave",
    "paste_new",
    "open_sample",
    "",
    "save_summary",
    "exportDigest",
    "",
    "close_document",
    "reopen",
    "",
    "quit",
]


def test_the_app_completes_its_menus_and_batch_panel_after_the_first_paint(
    tmp_path: Path,
) -> None:
    state = report(Folders(tmp_path / "app"))
    assert state["file_menu"] == FILE_MENU
    assert state["docks"] == ["batchDock"]


def test_a_window_builds_its_secondary_parts_on_first_use(make_window) -> None:
    window = make_window(start=False, show=False)
    assert window._extras is None  # nothing built before the first paint
    names = [a.objectName() for a in window.menus["file"].actions()]
    assert "history" not in names
    assert "exportDigest" not in names
    batch = window.batch  # first use: everything is built, once
    assert window.history is window.history
    assert window.digest is window.digest
    assert batch is window.batch
    names = [a.objectName() for a in window.menus["file"].actions()]
    assert names.index("history") < names.index("paste_new")
    assert names.index("exportDigest") == names.index("save_summary") + 1
    assert batch.dock is not None
    assert batch.dock.objectName() == "batchDock"
    for name in ("open", "paste_new", "heat_map"):  # named for screen readers too
        action = window.commands[name]
        toolbar = window.settings_toolbar if name == "heat_map" else window.toolbar
        button = toolbar.widgetForAction(action)
        assert button.accessibleName() == action.property("accessibleName")
    window.finish_startup()  # the app's call after the first paint: nothing built twice
    assert [a.objectName() for a in window.menus["file"].actions()] == names


def test_the_deferred_actions_work_once_built(make_window, qtbot) -> None:
    window = make_window()
    window.finish_startup()
    history = next(a for a in window.menus["file"].actions() if a.objectName() == "history")
    history.trigger()
    qtbot.waitUntil(lambda: window.history.dialog is not None and window.history.dialog.isVisible())
    window.history.dialog.close()


def test_the_side_list_appears_with_a_second_document_before_the_rest_is_built(
    make_window, qtbot
) -> None:
    from PySide6.QtWidgets import QListView

    window = make_window(start=False, show=False)
    window.show()
    qtbot.waitExposed(window)
    ws = window.workspace
    first = ws.new_document("The first text. It has two sentences.")
    assert window.findChild(QListView, "documentList") is None  # one document: no list yet
    second = ws.new_document("The second text. It has two sentences too.")
    listing = window.findChild(QListView, "documentList")
    assert listing is not None
    assert listing.isVisible()
    assert listing.model().rowCount() == 2
    assert listing.currentIndex().row() == 1  # the new document is the current one
    assert ws.current is second
    rect = listing.visualRect(listing.model().index(0, 0))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert ws.current is first
    assert window.original.toPlainText() == first.text
    window.finish_startup()  # the app's call after the first paint: the same list stays
    assert window.findChildren(QListView, "documentList") == [listing]

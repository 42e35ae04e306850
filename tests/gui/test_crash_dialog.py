"""Uncaught exceptions anywhere become one dialog with a copyable report, logged first."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from article_summariser import __version__, logs, paths
from article_summariser.gui import crash_dialog

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_no_exception_capture,
    # The headless (offscreen) platform cannot pass a dialog's minimum size to a window manager.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def handler(qtbot) -> Iterator[crash_dialog.ExceptionHandler]:
    logs.setup()
    handler = crash_dialog.install()
    yield handler
    handler.uninstall()
    if handler.dialog is not None:
        handler.dialog.done(0)
    logs.shutdown()


def boom() -> None:
    raise ZeroDivisionError("the summary length went to zero")


def test_an_exception_in_a_slot_opens_the_dialog(qtbot, handler) -> None:
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    dialog = handler.dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Article Summariser – unexpected error"
    assert dialog.message.text().splitlines()[0] == (
        "Something went wrong inside Article Summariser: "
        "ZeroDivisionError: the summary length went to zero"
    )
    report = dialog.details.toPlainText()
    assert report.startswith(
        f"Article Summariser {__version__}: unexpected error in the main thread\n"
    )
    assert "in boom\n" in report
    assert 'raise ZeroDivisionError("the summary length went to zero")' in report
    assert "\nQt " in report

    qtbot.mouseClick(dialog.findChild(QPushButton, "copy"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == report
    assert dialog.copy_button.text() == "Copied"


def test_the_error_is_logged_first_and_the_report_kept(qtbot, handler) -> None:
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: handler.dialog is not None)
    log_text = paths.get().log_file.read_text(encoding="utf-8")
    assert (
        "CRITICAL article_summariser.gui.crash_dialog: Uncaught exception in the main" in log_text
    )
    assert "ZeroDivisionError: the summary length went to zero" in log_text
    kept = list(paths.get().log.glob("crash-*.txt"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == handler.dialog.details.toPlainText()
    assert f"A copy is in {kept[0]}." in handler.dialog.message.text()


def test_a_worker_thread_exception_is_shown_on_the_gui_thread(qtbot, handler) -> None:
    shown_in = []
    handler.crashed.connect(lambda _report: shown_in.append(threading.current_thread()))
    worker = threading.Thread(target=boom, name="Summariser-7")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: handler.dialog is not None)
    assert shown_in == [threading.main_thread()]
    assert handler.reports[0].where == "thread Summariser-7"
    assert "unexpected error in the thread Summariser-7" in handler.dialog.details.toPlainText()


def test_a_qthread_exception_is_caught(qtbot, handler) -> None:
    class Failing(QThread):
        def run(self) -> None:
            boom()

    thread = Failing()
    with qtbot.waitSignal(thread.finished):
        thread.start()
    qtbot.waitUntil(lambda: handler.dialog is not None)
    assert handler.reports[0].headline == "ZeroDivisionError: the summary length went to zero"
    assert handler.reports[0].where.startswith("thread ")
    thread.wait()


def test_a_burst_of_errors_opens_one_dialog(qtbot, handler) -> None:
    for _ in range(60):
        QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: len(handler.reports) == 60)
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.extra_errors == 59)
    dialogs = [w for w in QGuiApplication.topLevelWindows() if w.isVisible()]
    assert len(dialogs) == 1
    assert handler.dialog.more.text() == (
        "59 more error(s) since: ZeroDivisionError: the summary length went to zero (see the log)."
    )


def test_documents_are_saved_before_the_dialog(qtbot, handler) -> None:
    calls = []

    def save() -> bool:
        calls.append(handler.dialog)
        return True

    handler.add_emergency_save(save)
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: handler.dialog is not None)
    assert calls == [None]
    assert "Your documents are saved and will reopen next time." in handler.dialog.message.text()


def test_a_failed_emergency_save_is_said_plainly(qtbot, handler) -> None:
    def broken_save() -> bool:
        raise OSError(28, "No space left on device")

    handler.add_emergency_save(lambda: True)
    handler.add_emergency_save(broken_save)
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: handler.dialog is not None)
    assert (
        "Your documents could not be saved; copy your text elsewhere."
        in handler.dialog.message.text()
    )
    assert "Emergency save failed" in paths.get().log_file.read_text(encoding="utf-8")


def test_escape_keeps_working_and_quit_ends_with_quit(qtbot, handler) -> None:
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: handler.dialog is not None)
    first = handler.dialog
    with qtbot.waitSignal(first.finished) as finished:
        first.reject()
    assert finished.args == [0]
    assert handler.dialog is None

    dialog = crash_dialog.CrashDialog(handler.reports[0])
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert finished.args == [crash_dialog.CrashDialog.QUIT]


def test_keyboard_interrupt_goes_to_the_previous_hook(qtbot, handler, capsys) -> None:
    import sys

    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt:
        sys.excepthook(*sys.exc_info())
    assert handler.reports == []
    assert "KeyboardInterrupt" in capsys.readouterr().err


def test_without_dialogs_the_report_goes_to_stderr(qtbot, capsys, caplog) -> None:
    handler = crash_dialog.install(dialogs=False)
    try:
        with caplog.at_level(logging.CRITICAL), qtbot.waitSignal(handler.crashed):
            QTimer.singleShot(0, boom)
        qtbot.wait(10)
    finally:
        handler.uninstall()
    assert handler.dialog is None
    err = capsys.readouterr().err
    assert err.startswith(f"Article Summariser {__version__}: unexpected error in the main thread")
    assert err.rstrip().endswith("ZeroDivisionError: the summary length went to zero")
    assert [r.getMessage() for r in caplog.records] == ["Uncaught exception in the main thread"]


def test_uninstall_restores_the_previous_hooks(qtbot) -> None:
    import sys

    before = (sys.excepthook, threading.excepthook)
    handler = crash_dialog.install(dialogs=False)
    assert sys.excepthook != before[0]
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before

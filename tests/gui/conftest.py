"""Fixtures for the window's tests: real widgets, real worker thread, no modal dialogs.

Every test here is marked ``gui`` (so ``pytest -m "not gui"`` runs the engine alone). The app
folders come from ``tests/conftest.py`` (a fresh temporary set per test), the message funnel is
reset and its no-dialogs mode switched on, and every window is closed the normal way at the end
(settings written, worker thread stopped), so a test that leaves a thread running fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from article_summariser.gui import messages

GUI_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).resolve().parent == GUI_DIR:
            item.add_marker(pytest.mark.gui)
            # The headless (offscreen) platform cannot pass a window's minimum size on to a
            # window manager and says so; that is the platform's limit, not a fault of ours.
            item.add_marker(
                pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
            )


@pytest.fixture(autouse=True)
def no_dialogs() -> Iterator[messages.MessageFunnel]:
    funnel = messages.reset()
    messages.set_dialogs(False)
    yield funnel
    messages.reset()


@pytest.fixture
def make_window(qtbot) -> Iterator[Callable[..., object]]:
    """Build (and show) main windows; all are closed and their workers stopped afterwards."""
    from article_summariser.gui.main_window import MainWindow
    from article_summariser.gui.settings import SettingsStore

    windows: list[MainWindow] = []

    def make(*, start: bool = True, show: bool = True) -> MainWindow:
        window = MainWindow(SettingsStore.open())
        qtbot.addWidget(window)
        windows.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
            window.finish_startup()  # as the app does right after the first paint
        if start:
            window.workspace.start()
        return window

    yield make
    for window in windows:
        window.close()
        assert not window.workspace.service.running, "the worker thread outlived its window"


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def wait_summary(qtbot) -> Callable[..., object]:
    """``wait_summary(window)``: wait until the current document shows a summary of its
    present text, and return that document."""

    def wait(window, document=None, timeout: int = 30_000):
        def shown() -> bool:
            doc = window.workspace.current
            return (
                doc is not None
                and (document is None or doc is document)
                and doc.has_current_summary
                and not doc.busy
                and window.summary.state == "summary"
            )

        qtbot.waitUntil(shown, timeout=timeout)
        return window.workspace.current

    return wait

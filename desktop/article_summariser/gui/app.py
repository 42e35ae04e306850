"""Start the desktop app: ``article-summariser [FILE ...]``.

Start-up stays light: Qt and the window's own modules only. The engine (sumy, numpy, the
language profiles) is imported by the worker thread once the window has been painted, so the
window appears at once and files named on the command line are loaded as soon as it can.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Sequence

from article_summariser import APP_ID, APP_NAME, __version__

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="article-summariser",
        description=f"{APP_NAME}: paste, open or drop an article and read its summary beside it.",
        epilog="Qt's own options (-platform, -style, ...) are accepted too.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="documents to open")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--benchmark-startup",
        action="store_true",
        help="print when the window is shown and the first summary appears, then quit",
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check the installation headless, then quit"
    )
    return parser


def _close_on_signals(window) -> None:
    """SIGINT and SIGTERM close the window the normal way (settings saved, worker stopped)."""
    from PySide6.QtCore import QTimer

    def close(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window.close)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, close)


def _wake_on_signals(window) -> None:
    """Let a signal wake Qt's event loop, so that Python runs its handler at once. After the
    first paint (with ``socket``): until then, Python code runs all the time anyway."""
    import socket

    from PySide6.QtCore import QSocketNotifier

    try:
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        signal.set_wakeup_fd(writer.fileno())
    except (OSError, ValueError):  # not the main thread, or no socketpair: keep the defaults
        return
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    window._signal_sockets = (reader, writer, notifier)  # kept alive with the window


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(argv if argv is not None else sys.argv)
    if "--self-test" in args_in[1:]:  # headless, no window
        from article_summariser.commands import selftest

        return selftest.main(gui=True)
    parser = build_parser()
    if {"-h", "--help", "--version"} & set(args_in[1:]):
        parser.parse_args(args_in[1:])  # prints and exits, without needing a display

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from article_summariser.gui import startup_probe

    startup_probe.mark("qt-imported")
    from article_summariser import logs, paths
    from article_summariser.gui import icons, messages
    from article_summariser.gui.main_window import MainWindow
    from article_summariser.gui.settings import SettingsStore

    startup_probe.mark("modules-imported")

    # Qt takes its own options (-platform, -style, -qwindowgeometry, ...) out of the list.
    existing = QApplication.instance()
    app = existing or QApplication([args_in[0] if args_in else APP_NAME, *args_in[1:]])
    args = parser.parse_args(args_in[1:] if existing is not None else app.arguments()[1:])
    probe_mode = "exit" if args.benchmark_startup else startup_probe.requested(args_in)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(icons.app_icon())

    paths.get()
    funnel = messages.funnel()
    logs.hold()  # the log file opens after the first paint (see ``logs``)
    try:
        from article_summariser.gui import crash_dialog

        crash_handler = crash_dialog.install(dialogs=messages.dialogs_enabled())
    except ImportError:  # pragma: no cover
        crash_handler = None

    settings = SettingsStore.open()
    window = MainWindow(settings)
    if crash_handler is not None:
        window.crash_handler = crash_handler
    from article_summariser.gui import autosave

    # Before any file is opened: the last session's documents come back first.
    window.autosave = autosave.install(window.workspace, crash_handler)
    if probe_mode:  # connected first: it reports the paint before anything below runs
        startup_probe.StartupProbe(
            window, wait_for_summary=bool(args.files), stay=probe_mode == "stay"
        )
    finished = False

    def after_first_paint() -> None:
        """The worker, then what the first paint does not show (see ``finish_startup``)."""
        nonlocal finished
        if finished:
            return
        finished = True
        problem = logs.setup()  # before the worker starts logging from its thread
        if problem:
            funnel.warning(problem)
        window.workspace.start()
        _wake_on_signals(window)
        window.finish_startup()
        autosave.add_forget_action(window, window.autosave)  # after the history's entry

    window.firstPainted.connect(after_first_paint)
    _close_on_signals(window)
    startup_probe.mark("window-built")
    window.show()
    if args.files:
        window.open_paths(args.files)
    # A window that is never painted (a minimised start) must still start its worker.
    QTimer.singleShot(1500, after_first_paint)

    status = app.exec()
    window.close()  # after QApplication.quit() from elsewhere: save and stop the worker too
    if window.workspace.service.running:
        log.error("The summary worker was still busy at exit; leaving without waiting for it")
        logging.shutdown()
        sys.stdout.flush()
        os._exit(status)
    return status

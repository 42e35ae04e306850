"""The last line of defence: an uncaught exception becomes a dialog with a copyable report.

``install()`` replaces ``sys.excepthook`` and ``threading.excepthook``. An exception raised in
any thread (a slot, a worker, a timer) is logged first, the open documents are saved by the
emergency savers the window registered, a report is written to the log folder, and the report
is shown in a dialog on the GUI thread. A burst of errors opens one dialog, not a hundred.
With ``dialogs=False`` (tests, ``--self-test``) everything happens except the dialog: the
report goes to standard error instead.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from article_summariser import APP_NAME, crashreport, logs

log = logging.getLogger(__name__)

#: Called before the report is shown (the window's autosave flush); returns True on success.
EmergencySave = Callable[[], bool]


class CrashDialog(QDialog):
    """Says what happened in one sentence and offers the full report to copy.

    Closing it (Escape, "Keep working") returns to the app; "Quit" ends it with ``QUIT``.
    """

    QUIT = 2

    def __init__(
        self,
        report: crashreport.CrashReport,
        *,
        saved_to: Path | None = None,
        documents_saved: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("{app} – unexpected error").format(app=APP_NAME))
        self.resize(720, 480)

        lines = [
            self.tr("Something went wrong inside {app}: {problem}").format(
                app=APP_NAME, problem=report.headline
            )
        ]
        if documents_saved is True:
            lines.append(self.tr("Your documents are saved and will reopen next time."))
        elif documents_saved is False:
            lines.append(self.tr("Your documents could not be saved; copy your text elsewhere."))
        lines.append(self.tr("Please copy this report into a bug report."))
        if saved_to is not None:
            lines.append(self.tr("A copy is in {path}.").format(path=saved_to))
        self.message = QLabel("\n".join(lines), self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.more = QLabel(self)
        self.more.setObjectName("more")
        self.more.hide()
        self.extra_errors = 0

        self.details = QPlainTextEdit(self)
        self.details.setObjectName("report")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setPlainText(report.text)

        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("&Copy report"), self)
        self.copy_button.setObjectName("copy")
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = QPushButton(self.tr("&Quit"), self)
        self.quit_button.setObjectName("quit")
        self.quit_button.clicked.connect(lambda: self.done(self.QUIT))
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.continue_button = buttons.addButton(
            self.tr("&Keep working"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setObjectName("continue")
        self.continue_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.more)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    @Slot()
    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.text)
        self.copy_button.setText(self.tr("Copied"))

    def add_error(self, report: crashreport.CrashReport) -> None:
        """Another error while this dialog is open: counted here, its report in the log."""
        self.extra_errors += 1
        self.more.setText(
            self.tr("{count} more error(s) since: {problem} (see the log).").format(
                count=self.extra_errors, problem=report.headline
            )
        )
        self.more.show()


class ExceptionHandler(QObject):
    """Owns the hooks; lives in the GUI thread so that dialogs open there."""

    #: Emitted (from any thread) for each uncaught exception, with its ``CrashReport``.
    crashed = Signal(object)

    def __init__(self, *, dialogs: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialogs = dialogs
        self.reports: list[crashreport.CrashReport] = []
        self.dialog: CrashDialog | None = None
        self._savers: list[EmergencySave] = []
        self._previous: tuple | None = None
        self._lock = threading.Lock()
        self._handling = threading.local()
        self._last_saved_to: Path | None = None
        self._documents_saved: bool | None = None
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def add_emergency_save(self, save: EmergencySave) -> None:
        self._savers.append(save)

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _sys_hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt) and self._previous is not None:
            self._previous[0](exc_type, exc, tb)
            return
        thread = threading.current_thread()
        where = "main thread" if thread is threading.main_thread() else f"thread {thread.name}"
        self.handle(exc_type, exc, tb, where=where)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "unknown"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, where=f"thread {name}")

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
        *,
        where: str = "main thread",
    ) -> crashreport.CrashReport | None:
        """Log, save, report; safe to call from any thread, never raises."""
        if getattr(self._handling, "active", False):
            # The handler itself failed: do the simplest thing that cannot fail again.
            sys.__excepthook__(exc_type, exc or exc_type(), tb)
            return None
        self._handling.active = True
        try:
            return self._handle(exc_type, exc, tb, where)
        except Exception:
            sys.__excepthook__(*sys.exc_info())  # type: ignore[arg-type]
            sys.__excepthook__(exc_type, exc or exc_type(), tb)
            return None
        finally:
            self._handling.active = False

    def _handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
        where: str,
    ) -> crashreport.CrashReport:
        log.critical("Uncaught exception in the %s", where, exc_info=(exc_type, exc, tb))
        with self._lock:
            saved_all: bool | None = None
            for save in self._savers:
                try:
                    ok = bool(save())
                except Exception:
                    log.exception("Emergency save failed")
                    ok = False
                saved_all = ok if saved_all is None else saved_all and ok
            report = crashreport.build(exc_type, exc, tb, where=where, log_lines=logs.tail())
            from article_summariser import paths

            saved_to = crashreport.save(report, paths.get().log)
            self.reports.append(report)
            self._last_saved_to = saved_to
            self._documents_saved = saved_all
        if not self.dialogs:
            sys.stderr.write(report.text)
            sys.stderr.flush()
        self.crashed.emit(report)
        return report

    @Slot(object)
    def _show(self, report: crashreport.CrashReport) -> None:
        if not self.dialogs or QApplication.instance() is None:
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_error(report)
            return
        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(
            report,
            saved_to=self._last_saved_to,
            documents_saved=self._documents_saved,
            parent=parent,
        )
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    @Slot(int)
    def _closed(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result == CrashDialog.QUIT:
            QApplication.quit()


def install(*, dialogs: bool = True, parent: QObject | None = None) -> ExceptionHandler:
    """Route every uncaught exception (any thread) through the crash handler.

    Call once the ``QApplication`` exists; keep the returned handler to register emergency
    savers (``autosave.install`` adds ``Autosaver.emergency_save``) and to ``uninstall()`` in
    tests.
    """
    handler = ExceptionHandler(dialogs=dialogs, parent=parent or QApplication.instance())
    handler.install()
    return handler

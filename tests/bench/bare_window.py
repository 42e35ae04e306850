"""The yardstick for the app's start-up: a bare PySide6 window with two text panes.

Prints ``window-shown <seconds since the process started>`` after its first paint, measured
the way the app's ``--benchmark-startup`` measures it, then quits. Before it, like the app, the
steps on the way: ``phase:qt-imported`` and ``phase:window-built``.
"""

from __future__ import annotations

import os
import sys
import time


def _process_age() -> float:
    with open("/proc/self/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return time.clock_gettime(time.CLOCK_BOOTTIME) - int(fields[19]) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter

    phases = [("qt-imported", _process_age())]

    class Window(QMainWindow):
        painted = False

        def paintEvent(self, event: QPaintEvent) -> None:
            super().paintEvent(event)
            if not self.painted:
                self.painted = True
                QTimer.singleShot(0, self.shown)

        def shown(self) -> None:
            for phase, seconds in phases:
                print(f"phase:{phase} {seconds:.3f}")
            print(f"window-shown {_process_age():.3f}", flush=True)
            QTimer.singleShot(0, self.close)

    app = QApplication(sys.argv[:1])
    window = Window()
    splitter = QSplitter()
    splitter.addWidget(QPlainTextEdit())
    splitter.addWidget(QPlainTextEdit())
    window.setCentralWidget(splitter)
    window.resize(1100, 700)
    phases.append(("window-built", _process_age()))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

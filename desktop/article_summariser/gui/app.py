"""Start the desktop app (placeholder window until the full window lands)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    if "--self-test" in list(argv if argv is not None else sys.argv)[1:]:  # headless, no window
        from article_summariser.commands import selftest

        return selftest.main(gui=True)
    from PySide6.QtWidgets import QApplication, QPlainTextEdit, QSplitter

    from article_summariser import APP_ID, APP_NAME

    app = QApplication(list(argv if argv is not None else sys.argv))
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    splitter = QSplitter()
    splitter.addWidget(QPlainTextEdit())
    splitter.addWidget(QPlainTextEdit())
    splitter.setWindowTitle(APP_NAME)
    splitter.show()
    return app.exec()

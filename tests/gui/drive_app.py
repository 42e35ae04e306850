"""Run the real app (``article_summariser.gui.app.main``) and drive it like a person would.

Used by the tests that need a real process (kill -9 and restore, broken folders, privacy).
The driver makes the ``QApplication`` first, so that ``main()`` adopts it, queues its steps on
the event loop, then hands over to ``main()``: start-up, logging, the crash handler, settings,
autosave and restore are the app's own. It talks to the test through standard output, one JSON
object a line: ``{"event": ..., ...}``.

    python drive_app.py MODE [FILE ...]

Modes:
    report   report the documents and messages once started, then close the window.
    type     open FILE, type a document key by key, paste another, change its settings,
             switch back; report the expected state and keep running (the test kills it).
    typing   type one character every ``DRIVE_INTERVAL_MS`` forever, reporting each one.
    fiddle   type and move the length slider with pauses (several saves), report, close.
    privacy  open FILE, paste rich HTML, type markup, summarise all; report sockets, close.
    crash    type, then a slot raises: report the crash dialog and keep running.
    idle     report once started and keep running (the test kills or inspects it).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget

TYPED = "Typed by hand, key by key: café, naïve, 42 % — nothing may be lost."
TYPED_2 = "A second paragraph. It is short!"
PASTED = (
    "Night trains return to Europe\n\n"
    "Sleeper trains are coming back across Europe. Operators have ordered new carriages and "
    "opened routes that closed decades ago. Travellers say they prefer waking up in a city "
    "centre to queuing at an airport. Rail companies still struggle with high track fees. "
    "Governments have promised subsidies for the busiest lines. Critics say the tickets "
    "remain too expensive for families.\n\n"
    "The first new line opened in December. It links three capitals overnight. Demand has "
    "exceeded the forecasts of every operator."
)


#: Network-related audit events seen in this process (``DRIVE_AUDIT=1``): ``[event, origin]``.
NETWORK_EVENTS: list[list[str]] = []
_NETWORK = (
    "socket.",
    "urllib.Request",
    "http.client.connect",
    "ftplib.",
    "smtplib.",
    "webbrowser.",
)


def _audit(event: str, args: tuple) -> None:
    if event.startswith(_NETWORK):
        origin = ""
        frame = sys._getframe(1)
        while frame is not None:
            code = frame.f_code
            if code.co_name == "_has_ipv6" and "urllib3" in code.co_filename:
                origin = "urllib3 IPv6 probe"
            elif code.co_name == "socketpair" and code.co_filename.endswith("socket.py"):
                origin = "local socket pair"
            frame = frame.f_back
        NETWORK_EVENTS.append([event, origin, repr(args)[:160]])


def inet_sockets() -> list[str]:
    """Internet sockets this process holds open (whoever opened them, C code included)."""
    inodes: set[str] = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        try:
            with open(f"/proc/self/net/{table}", encoding="ascii") as handle:
                inodes |= {line.split()[9] for line in list(handle)[1:]}
        except OSError:
            pass
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            link = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if link.startswith("socket:[") and link[8:-1] in inodes:
            found.append(link)
    return found


def emit(event: str, **data: object) -> None:
    print(json.dumps({"event": event, "time": time.time(), **data}), flush=True)


def window():  # the app's MainWindow
    from article_summariser.gui.main_window import MainWindow

    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def state() -> dict[str, object]:
    from article_summariser.gui import messages

    w = window()
    documents = w.workspace.documents()
    return {
        "documents": [
            {
                "text": d.text,
                "name": d.name,
                "origin": d.origin,
                "source": d.source,
                "format": d.format,
                "options": d.options.to_dict(),
                "blocks": None if d.blocks is None else len(d.blocks),
            }
            for d in documents
        ],
        "current": documents.index(w.workspace.current) if w.workspace.current else None,
        "messages": [[m.level.value, m.text] for m in messages.funnel().history],
        "editor": w.original.toPlainText(),
        "controls": w.controls.options.to_dict(),
        # What start-up builds after the first paint: the menu entries and the batch panel.
        "file_menu": [a.objectName() or a.text() for a in w.menus["file"].actions()],
        "docks": [d.objectName() for d in w.findChildren(QDockWidget)],
    }


def run_steps(steps: Iterator[Callable[[], bool] | int | None]) -> None:
    """Advance ``steps``: a callable is a condition to wait for, an int a pause in ms."""

    def advance() -> None:
        try:
            item = next(steps)
        except StopIteration:
            return
        if callable(item):
            wait(item)
        else:
            QTimer.singleShot(item or 0, advance)

    def wait(condition: Callable[[], bool]) -> None:
        if condition():
            QTimer.singleShot(0, advance)
        else:
            QTimer.singleShot(20, lambda: wait(condition))

    QTimer.singleShot(0, advance)


def report() -> Iterator:
    w = window()
    yield lambda: w.workspace.service.loading == 0  # files named on the command line are in
    yield 200
    emit("state", **state())
    window().close()


def idle() -> Iterator:
    yield 100
    emit("state", **state())


def type_text(widget, text: str) -> None:
    """Real key events, one per character (QTest only knows ASCII keys; others are sent as
    the key events an input method produces: text, no key code)."""
    for char in text:
        if char.isascii() and char.isprintable():
            QTest.keyClick(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)


def click_document(row: int) -> None:
    listing = window().document_list
    rect = listing.visualRect(listing.model().index(row, 0))
    QTest.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_and_paste() -> Iterator:
    w = window()
    yield lambda: len(w.workspace.documents()) == 1 and w.workspace.catalogue is not None
    w.commands.new_document.trigger()
    yield 50
    w.original.setFocus()
    type_text(w.original, TYPED)
    QTest.keyClick(w.original, Qt.Key.Key_Return)
    QTest.keyClick(w.original, Qt.Key.Key_Return)
    type_text(w.original, TYPED_2)
    yield 50
    QGuiApplication.clipboard().setText(PASTED)
    w.commands.paste_new.trigger()
    yield lambda: len(w.workspace.documents()) == 3
    w.controls.slider.setFocus()
    for _ in range(3):
        QTest.keyClick(w.controls.slider, Qt.Key.Key_Right)
    w.controls.algorithm.setFocus()
    QTest.keyClick(w.controls.algorithm, Qt.Key.Key_Down)
    yield 50
    typed_row = next(
        i for i, d in enumerate(w.workspace.documents()) if d.text.startswith("Typed by hand")
    )
    click_document(typed_row)
    yield lambda: w.workspace.current is w.workspace.documents()[typed_row]
    # Every summary in: a pasted document takes its name from its summary's title, and a late
    # one would rename it after this snapshot.
    yield (
        lambda: (
            all(d.has_current_summary or d.error for d in w.workspace.documents())
            and not w.workspace.edit_pending
        )
    )
    emit("typed", **state())


def fiddle() -> Iterator:
    """Type, pause, move the length slider, pause: enough for several autosaves and settings
    writes to be attempted; then report and close."""
    w = window()
    yield lambda: w.workspace.catalogue is not None
    w.commands.new_document.trigger()
    yield 50
    w.original.setFocus()
    for round_ in range(3):
        type_text(w.original, f"Round {round_} of typing. ")
        yield 1400  # past the autosave's quiet time
        w.controls.slider.setFocus()
        QTest.keyClick(w.controls.slider, Qt.Key.Key_Right)
        yield 1100  # past the settings' quiet time
        w.original.setFocus()
    emit("state", **state())
    w.close()


HOSTILE_PASTE = (
    "<html><head><script src='http://192.0.2.1/t.js'></script>"
    "<link rel='stylesheet' href='http://192.0.2.1/s.css'></head><body>"
    "<h1>Harbour news</h1><img src='http://192.0.2.1/pixel.gif'>"
    "<p>The harbour opened a new pier. Fishing boats moor there at night. The town paid for"
    " it with a grant.</p><p>Ferries will use it from May. Tickets go on sale next week.</p>"
    "<iframe src='http://192.0.2.1/frame'></iframe></body></html>"
)
LITERAL_TAGS = (
    "Markup is only text here. <img src='http://192.0.2.1/x.png'> stays as typed. "
    "<script>alert(1)</script> is shown, never run."
)


def privacy() -> Iterator:
    """Everything a session does without a URL: open a page, paste rich text, type markup."""
    from PySide6.QtCore import QMimeData

    w = window()
    yield lambda: len(w.workspace.documents()) == 1 and w.workspace.catalogue is not None
    mime = QMimeData()
    mime.setHtml(HOSTILE_PASTE)
    mime.setText("Harbour news")
    QGuiApplication.clipboard().setMimeData(mime)
    w.commands.paste_new.trigger()
    yield lambda: len(w.workspace.documents()) == 2
    w.commands.new_document.trigger()
    yield 50
    w.original.setFocus()
    type_text(w.original, LITERAL_TAGS)
    yield 50
    for row in range(3):
        click_document(row)
        yield (
            lambda: (
                all(d.has_current_summary or d.error for d in w.workspace.documents())
                and not w.workspace.edit_pending
            )
        )
    emit(
        "state",
        **state(),
        summary_pane=w.summary.toPlainText(),
        network=NETWORK_EVENTS,
        inet=inet_sockets(),
    )
    QGuiApplication.clipboard().clear()  # it owns the mime data: let it go before the app does
    w.close()


CRASH_TEXT = "Typed a moment before the crash. Not a word may go."


def crash() -> Iterator:
    """Type, then at once (well inside autosave's quiet time) a slot raises an exception."""
    from article_summariser.gui.crash_dialog import CrashDialog

    w = window()
    yield lambda: w.workspace.catalogue is not None
    w.commands.new_document.trigger()
    yield 50
    w.original.setFocus()
    type_text(w.original, CRASH_TEXT)

    def boom() -> None:
        raise RuntimeError("a bug in a slot")

    QTimer.singleShot(0, boom)

    def dialog() -> CrashDialog | None:
        return next((d for d in QApplication.topLevelWidgets() if isinstance(d, CrashDialog)), None)

    yield lambda: dialog() is not None and dialog().isVisible()
    emit(
        "crashed",
        message=dialog().message.text(),
        report=dialog().details.toPlainText(),
        **state(),
    )


def keep_typing() -> Iterator:
    w = window()
    yield lambda: w.workspace.catalogue is not None
    w.commands.new_document.trigger()
    yield 50
    w.original.setFocus()
    interval = int(os.environ.get("DRIVE_INTERVAL_MS", "40"))
    count = 0
    while True:
        char = "abcdefghij"[count % 10] if count % 11 else " "
        QTest.keyClick(w.original, char)
        count += 1
        emit("key", count=count, text=w.workspace.current.text)
        yield interval


def main() -> int:
    if os.environ.get("DRIVE_AUDIT") == "1":
        sys.addaudithook(_audit)
    mode = sys.argv[1]
    files = sys.argv[2:]
    app = QApplication(["article-summariser"])  # main() adopts it
    assert app is QApplication.instance()
    steps = {
        "report": report,
        "type": type_and_paste,
        "typing": keep_typing,
        "idle": idle,
        "fiddle": fiddle,
        "privacy": privacy,
        "crash": crash,
    }[mode]
    QTimer.singleShot(0, lambda: run_steps(steps()))
    from article_summariser.gui.app import main as app_main

    status = app_main(["article-summariser", *files])
    emit("exit", status=status)
    return status


if __name__ == "__main__":
    sys.exit(main())

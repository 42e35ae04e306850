"""Text over the size limit of files is refused wherever it comes in: pasted as a new
document, dropped on the window, or pasted into the editor. The message gives the size and
the limit; nothing is opened, and the text already in the editor stays as it was.

Real clipboard, real drop events, real widgets; the text is real articles, 51 MB of them.
"""

from __future__ import annotations

from functools import cache

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from tests.engine.test_huge import big_text
from tests.gui.helpers import drop

from article_summariser.gui import messages

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@cache
def over_limit() -> str:
    """51 MB of articles (UTF-8), cut on a character boundary."""
    data = big_text(52 * 1024 * 1024).encode("utf-8")[: 51 * 1024 * 1024]
    return data.decode("utf-8", "ignore")


def warnings() -> list[str]:
    return [m.text for m in messages.funnel().history if m.level.value == "warning"]


def test_a_paste_over_the_limit_opens_nothing_and_says_why(qtbot, window) -> None:
    QGuiApplication.clipboard().setText(over_limit())
    window.commands.paste_new.trigger()
    assert warnings() == ["The pasted text is 51 MB, over the 50 MB limit."]
    assert window.workspace.documents() == ()


def test_a_drop_over_the_limit_opens_nothing_and_says_why(qtbot, window) -> None:
    mime = QMimeData()
    mime.setText(over_limit())
    drop(window.empty, mime)
    assert warnings() == ["The dropped text is 51 MB, over the 50 MB limit."]
    assert window.workspace.documents() == ()


def test_a_paste_into_the_editor_over_the_limit_leaves_its_text(qtbot, window) -> None:
    window.commands.new_document.trigger()
    editor = window.original
    editor.setFocus()
    qtbot.keyClicks(editor, "Before. ")
    QGuiApplication.clipboard().setText(over_limit())
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert warnings() == ["The pasted text is 51 MB, over the 50 MB limit."]
    assert window.workspace.current.text == "Before. "
    assert len(window.workspace.model) == 1


def test_rich_text_too_big_to_clean_is_taken_as_its_plain_text(qtbot, window, wait_summary):
    """A selection whose markup is over the limit but whose text is not: the page cleaner is
    skipped, the plain text is opened."""
    article = big_text(20_000)
    mime = QMimeData()
    mime.setText(article)
    mime.setHtml("<p>" + article + "</p>" + "<span></span>" * (5 * 1024 * 1024))
    QGuiApplication.clipboard().setMimeData(mime)
    window.commands.paste_new.trigger()
    document = wait_summary(window)
    assert document.text == article
    assert warnings() == []

"""Documents and their summaries without a window: the model the window draws."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from tests.conftest import SEED_ARTICLE, dev_article

from article_summariser.gui import textmap
from article_summariser.gui.documents import Document, DocumentListModel
from article_summariser.gui.options import SummaryOptions
from article_summariser.gui.settings import Preferences, SettingsStore
from article_summariser.gui.workspace import Workspace


@pytest.fixture
def workspace(qtbot) -> Iterator[Workspace]:
    workspace = Workspace(SettingsStore(Preferences()))
    workspace.start()
    yield workspace
    assert workspace.shutdown()


def summarised(qtbot, document: Document) -> Document:
    qtbot.waitUntil(lambda: document.has_current_summary and not document.busy, timeout=60_000)
    return document


def test_the_model_lists_documents_with_their_state(qtbot, workspace):
    model = workspace.model
    first = workspace.new_document(SEED_ARTICLE.read_text(encoding="utf-8"), origin="clipboard")
    second = workspace.new_document("", origin="typed")
    assert len(model) == 2
    assert model.rowCount() == 2
    assert model.data(model.index(0), Qt.ItemDataRole.DisplayRole) == "Pasted text"
    assert model.data(model.index(1), Qt.ItemDataRole.DisplayRole) == "Untitled"
    assert model.data(model.index(1), DocumentListModel.SubtitleRole) == "Empty"
    assert model.data(model.index(0), DocumentListModel.SubtitleRole) == "Summarising…"
    summarised(qtbot, first)
    # A pasted article is named after its title once the engine has found it.
    assert first.name == "North Korea’s Kim in Russia for Putin talks as US warns on arms deal"
    s = first.summary
    subtitle = model.data(model.index(0), DocumentListModel.SubtitleRole)
    assert subtitle == f"{s.words_total:,} words → {s.words_summary:,}"
    assert model.data(model.index(0), DocumentListModel.DocumentRole) is first
    assert workspace.current is second


def test_each_document_has_its_own_settings(qtbot, workspace):
    a = workspace.new_document(SEED_ARTICLE.read_text(encoding="utf-8"))
    workspace.set_options(SummaryOptions(sentences=2))
    b = workspace.new_document(dev_article("bbc_news_summary")["text"])
    assert b.options.sentences == 2  # the last settings are the new default
    workspace.set_options(SummaryOptions(unit="percent", percent=40))
    summarised(qtbot, a)
    summarised(qtbot, b)
    assert len(a.summary.summary) == 2
    assert b.summary.length.value == pytest.approx(0.4)
    assert workspace.preferences.options.unit == "percent"


def test_editing_drops_the_old_summary_and_waits_for_a_pause(qtbot, workspace):
    document = summarised(qtbot, workspace.new_document(SEED_ARTICLE.read_text(encoding="utf-8")))
    old = document.summary
    QTextCursor(document.qdoc).insertText("Breaking: ")
    assert document.revision == 1
    assert not document.has_current_summary
    assert workspace.edit_pending
    summarised(qtbot, document)
    assert document.summary is not old
    assert document.summary.text.startswith("Breaking: ")
    assert all(document.text[s.start : s.end] == s.text for s in document.summary.sentences)


def test_undo_history_belongs_to_each_document(qtbot, workspace):
    a = workspace.new_document("First text.")
    b = workspace.new_document("Second text.")
    QTextCursor(a.qdoc).insertText("More. ")
    QTextCursor(b.qdoc).insertText("Other. ")
    a.qdoc.undo()
    assert a.text == "First text."
    assert b.text == "Other. Second text."


def test_closed_documents_come_back_with_their_settings(qtbot, workspace):
    document = workspace.new_document("One sentence here. Another one there.", origin="clipboard")
    workspace.set_options(SummaryOptions(sentences=1, algorithm="luhn"))
    workspace.close(document)
    assert len(workspace.model) == 0
    assert workspace.current is None
    assert workspace.can_reopen
    back = workspace.reopen_closed()
    assert back.text == "One sentence here. Another one there."
    assert back.options == SummaryOptions(sentences=1, algorithm="luhn")
    assert back.origin == "clipboard"
    assert not workspace.can_reopen


def test_pasted_text_replaces_an_empty_untouched_document(qtbot, workspace):
    workspace.new_document()
    pasted = workspace.open_text("Pasted words. More of them.", origin="clipboard")
    assert workspace.documents() == (pasted,)
    typed = workspace.new_document("Typed already.")
    workspace.open_text("Dropped words.", origin="dropped")
    assert len(workspace.documents()) == 3
    assert typed in workspace.documents()


def test_windows_line_ends_are_normalised_and_loader_blocks_stay_on_their_text(qtbot, workspace):
    from dataclasses import replace

    from article_summariser.engine.loaders.html import from_html

    loaded = from_html(
        "<h1>Title here</h1><p>First paragraph, with a sentence.</p>"
        "<p>Second paragraph follows it.</p>",
        "clipboard",
    )
    # The same document as a loader reading a file with Windows line ends would return it.
    crlf_text = loaded.text.replace("\n", "\r\n")
    crlf_blocks = tuple(
        replace(b, start=_crlf(loaded.text, b.start), end=_crlf(loaded.text, b.end))
        for b in loaded.blocks
    )
    document = workspace.new_document(crlf_text, blocks=crlf_blocks, origin="clipboard")
    assert document.text == loaded.text
    assert document.blocks == loaded.blocks
    summary = summarised(qtbot, document).summary
    assert [(b.start, b.end, b.role) for b in summary.blocks] == [
        (b.start, b.end, b.role) for b in loaded.blocks
    ]


def _crlf(text: str, offset: int) -> int:
    """``offset`` of ``text`` once every ``\\n`` is written ``\\r\\n``."""
    return offset + text[:offset].count("\n")


def test_utf16_offsets_round_trip_through_a_qt_document(qapp):
    text = "a😀b\n\nc𝄞d e\u00a0f"
    document = Document(text)
    assert document.text == text
    offsets = textmap.Utf16Offsets(text)
    cursor = QTextCursor(document.qdoc)
    for start in range(len(text)):
        cursor.setPosition(offsets.to_qt(start))
        cursor.setPosition(offsets.to_qt(start + 1), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText().replace("\u2029", "\n") == text[start]
        assert offsets.from_qt(offsets.to_qt(start)) == start

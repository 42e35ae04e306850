"""Many documents in the window: real drops of folders and files, real worker processes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from tests.conftest import SEED_ARTICLE, dev_article
from tests.gui.helpers import drop

from article_summariser.engine import summarise
from article_summariser.engine.batch import default_workers
from article_summariser.gui import batch_progress, digest_export

BATCH_TIMEOUT = 180_000


def urls(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def reading(tmp_path: Path) -> Path:
    """A folder as people have them: articles in three languages, and files that cannot work."""
    root = tmp_path / "reading"
    write(root / "1-kim.txt", SEED_ARTICLE.read_text(encoding="utf-8"))
    (root / "2-empty.txt").parent.mkdir(parents=True, exist_ok=True)
    (root / "2-empty.txt").write_bytes(b"")
    write(root / "3-dollar.txt", dev_article("bbc", 0)["text"])
    (root / "4-photo.md").write_bytes(bytes(range(256)) * 40)
    write(root / "5-lyon.txt", dev_article("orangesum", 0)["text"])
    write(root / "6-more" / "wiki.txt", dev_article("klexikon", 0)["text"])
    (root / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")  # data: not a document
    return root


def wait_batch(qtbot, window) -> None:
    qtbot.waitUntil(
        lambda: window.batch.result is not None and not window.batch.running,
        timeout=BATCH_TIMEOUT,
    )


@pytest.mark.parametrize("processes", [False, True], ids=["in-thread", "processes"])
def test_dropping_a_folder_summarises_every_document_and_lists_each_failure(
    qtbot, window, wait_summary, reading, no_dialogs, monkeypatch, processes
):
    if processes:  # a small folder too, to run the worker processes a big one would get
        monkeypatch.setattr(batch_progress, "POOL_MIN_BYTES", 0)
    event = drop(window.empty, urls(reading))
    assert event.isAccepted()
    panel = window.batch.dock.panel
    qtbot.waitUntil(window.batch.dock.isVisible)
    wait_batch(qtbot, window)
    names = ["1-kim.txt", "2-empty.txt", "3-dollar.txt", "4-photo.md", "5-lyon.txt", "wiki.txt"]
    assert [text.split(" — ")[0] for text in panel.texts()] == names
    assert panel.states() == ["done", "failed", "done", "failed", "done", "done"]
    texts = panel.texts()
    assert texts[1] == "2-empty.txt — Failed: “2-empty.txt” is empty (0 bytes)."
    assert texts[3].startswith("4-photo.md — Failed: “4-photo.md”")
    assert texts[0].startswith("1-kim.txt — Summarised: ")
    assert panel.status.text() == "4 of 6 summarised, 2 failed."
    assert panel.bar.value() == panel.bar.maximum() == 6
    assert window.batch.result.workers == (min(6, default_workers()) if processes else 1)
    assert not panel.cancel_button.isEnabled()
    # The summarised files are documents, in the order of the folder, the first one shown.
    documents = window.workspace.documents()
    assert [d.name for d in documents] == ["1-kim.txt", "3-dollar.txt", "5-lyon.txt", "wiki.txt"]
    assert window.document_list.isVisible()
    shown = wait_summary(window)
    assert shown.name == "1-kim.txt"
    assert shown.source == str(reading / "1-kim.txt")
    # Each carries the summary the engine makes for its text, in its own language.
    assert [d.summary.language.code for d in documents] == ["en", "en", "fr", "de"]
    for document in documents:
        assert document.has_current_summary
        expected = summarise(document.text, batch_progress.engine_options(document.options))
        assert document.summary.summary_text() == expected.summary_text()
    # The failures reached the message bar as one warning.
    assert no_dialogs.history[-1].level.value == "warning"
    assert "4 of 6 documents were summarised; 2 could not be" in no_dialogs.history[-1].text


def test_dropping_several_files_keeps_their_order(qtbot, window, wait_summary, reading):
    files = [reading / "5-lyon.txt", reading / "2-empty.txt", reading / "1-kim.txt"]
    drop(window.empty, urls(*files))
    wait_batch(qtbot, window)
    assert window.batch.dock.panel.states() == ["done", "failed", "done"]
    assert [d.name for d in window.workspace.documents()] == ["5-lyon.txt", "1-kim.txt"]
    assert wait_summary(window).name == "5-lyon.txt"
    # Activating a row shows its document.
    panel = window.batch.dock.panel
    panel.list.setCurrentRow(2)
    panel.activated.emit(2)
    assert window.workspace.current.name == "1-kim.txt"


def test_a_file_already_open_is_shown_not_opened_twice(qtbot, window, wait_summary, reading):
    window.open_paths([reading / "1-kim.txt"])
    wait_summary(window)
    window.open_paths([reading / "1-kim.txt", reading / "3-dollar.txt"])
    wait_batch(qtbot, window)
    assert [d.name for d in window.workspace.documents()] == ["1-kim.txt", "3-dollar.txt"]
    assert window.batch.dock.panel.texts()[0].startswith("1-kim.txt — Already open: ")


def test_cancel_stops_the_batch_and_keeps_what_was_done(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(batch_progress, "POOL_MIN_BYTES", 0)
    # Long enough (six encyclopedia articles, about 17,000 words) that the few documents the
    # workers finish while the window handles the first one and the click cannot pass the
    # bound below: with three articles, 5 were done once in 10 runs of the suite.
    long_text = "\n\n".join(dev_article("klexikon", i)["text"] for i in range(6))
    folder = tmp_path / "many"
    for i in range(16):
        write(folder / f"{i:02d}.txt", f"Teil {i}.\n\n{long_text}")
    panel = window.batch.dock.panel
    at_click: list[int] = []

    def cancel_after_the_first(finished: int, _total: int) -> None:
        if finished >= 1 and not at_click:
            at_click.append(finished)
            qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)

    window.batch.progress.connect(cancel_after_the_first)
    window.open_paths([folder])
    wait_batch(qtbot, window)
    states = panel.states()
    assert set(states) == {"done", "cancelled"}
    # Only the documents the workers were reading when Cancel was clicked may still finish.
    workers = window.batch.result.workers
    assert states.count("done") <= at_click[0] + workers
    assert states.count("cancelled") >= 16 - at_click[0] - workers
    assert panel.status.text().startswith(f"Cancelled: {states.count('done')} of 16 summarised")
    assert not panel.cancel_button.isEnabled()
    # What was done before the cancel is open, in the folder's order.
    done = [f"{i:02d}.txt" for i, state in enumerate(states) if state == "done"]
    assert [d.name for d in window.workspace.documents()] == done


def test_closing_the_window_during_a_batch_stops_it(qtbot, make_window, tmp_path):
    window = make_window()
    folder = tmp_path / "many"
    for i in range(8):
        write(folder / f"{i:02d}.txt", dev_article("bbc", 200 + i)["text"])
    window.open_paths([folder])
    qtbot.waitUntil(lambda: window.batch.running)
    assert window.batch.thread_running()
    window.close()
    assert not window.batch.thread_running()
    assert window.batch.dock.panel.states().count("done") < 8


def test_export_digest_of_the_open_documents(qtbot, window, reading, tmp_path):
    window.open_paths([reading])
    wait_batch(qtbot, window)
    documents = window.workspace.documents()
    target = tmp_path / "out" / "digest.json"
    target.parent.mkdir()
    assert window.digest.export_to(target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [d["source"] for d in data["documents"]] == [doc.source for doc in documents]
    assert data["documents"][0]["title"].startswith("North Korea’s Kim")
    assert [d["summary"] for d in data["documents"]] == [
        [s.display_text for s in doc.summary.summary] for doc in documents
    ]
    assert data["created"] is not None
    assert [(Path(f["source"]).name, f["reason"]) for f in data["failed"]] == [
        ("2-empty.txt", "“2-empty.txt” is empty (0 bytes)."),
        ("4-photo.md", window.batch.failures[1].error),
    ]
    assert window.settings.preferences.last_folder == str(target.parent)
    # The same digest as a spreadsheet.
    sheet = tmp_path / "out" / "digest.csv"
    assert window.digest.export_to(sheet)
    with sheet.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["status"] for r in rows] == ["done"] * 4 + ["failed"] * 2
    assert rows[2]["language_name"] == "French"


def test_export_is_in_the_file_menu_and_needs_documents(window, tmp_path, no_dialogs):
    file_menu = window.menus["file"]
    actions = file_menu.actions()
    export = window.digest.action
    assert actions.index(export) == actions.index(window.commands.save_summary) + 1
    assert not export.isEnabled()
    window.workspace.open_text("One sentence here. Another sentence there.")
    assert export.isEnabled()
    export.trigger()  # the file dialog is off in tests: nothing is written, nothing breaks
    assert list(tmp_path.iterdir()) == []


def test_the_digest_lists_documents_without_a_summary(qtbot, window, wait_summary, tmp_path):
    window.workspace.open_text(SEED_ARTICLE.read_text(encoding="utf-8"))
    wait_summary(window)
    window.workspace.open_text("Hello")  # a heading only: no sentence to summarise
    qtbot.waitUntil(lambda: window.workspace.current.error != "")
    content = digest_export.collect(window.workspace, window.batch)
    assert [e.title for e in content.entries] == [
        "North Korea’s Kim in Russia for Putin talks as US warns on arms deal"
    ]
    assert len(content.failures) == 1
    assert content.failures[0].reason.startswith("There is no complete sentence")

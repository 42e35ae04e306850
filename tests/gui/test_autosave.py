"""Autosave of the open documents, and their restore at the next launch.

The real ``Workspace`` (documents, settings, worker) and real editors are used; "the next
launch" is a second workspace restoring from the same folders, and the multi-window cases use
a second, real process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from article_summariser import paths, session
from article_summariser.engine import loading
from article_summariser.gui import autosave, messages
from article_summariser.gui.options import SummaryOptions
from article_summariser.gui.settings import Preferences, SettingsStore
from article_summariser.gui.workspace import Workspace

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _quick_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(autosave, "DELAY_MS", 150)
    monkeypatch.setattr(autosave, "MAX_DELAY_MS", 600)
    messages.reset()
    messages.set_dialogs(False)


@pytest.fixture
def launch(qtbot) -> Iterator:
    """Start "the app" (a workspace with autosave) as often as a test needs; all are shut down."""
    started: list[tuple[Workspace, autosave.Autosaver]] = []

    def start() -> tuple[Workspace, autosave.Autosaver]:
        workspace = Workspace(SettingsStore(Preferences()))
        saver = autosave.Autosaver(workspace)
        saver.restore()
        started.append((workspace, saver))
        return workspace, saver

    yield start
    for workspace, saver in started:
        saver.stop()
        workspace.shutdown()


def saved_texts(path: Path | None = None) -> list[str]:
    data = json.loads((path or paths.get().session_file).read_text(encoding="utf-8"))
    return [d["text"] for d in data["documents"]]


def type_into(qtbot, workspace: Workspace, text: str) -> QPlainTextEdit:
    """Type ``text`` with real key events into an editor showing the current document."""
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setDocument(workspace.current.qdoc)
    editor.show()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)
    return editor


def test_typed_text_and_settings_come_back(qtbot, launch, seed_text: str) -> None:
    workspace, saver = launch()
    assert workspace.documents() == ()
    first = workspace.new_document()
    type_into(qtbot, workspace, "Typed by hand, key by key. Nothing may be lost!")
    second = workspace.new_document(seed_text, origin="clipboard")
    workspace.set_options(SummaryOptions(algorithm="luhn", unit="percent", percent=35), second)
    workspace.set_current(first)
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)
    assert saved_texts() == ["Typed by hand, key by key. Nothing may be lost!", seed_text]

    again, _ = launch()  # the next launch (the first still holds its file: see below)
    assert [d.text for d in again.documents()] == []  # a second window starts empty
    saver.stop()
    workspace.shutdown()

    restored, _ = launch()
    docs = restored.documents()
    assert [d.text for d in docs] == [first.text, seed_text]
    assert [d.name for d in docs] == [first.name, second.name]
    assert [d.origin for d in docs] == ["typed", "clipboard"]
    assert docs[1].options == SummaryOptions(algorithm="luhn", unit="percent", percent=35)
    assert restored.current is docs[0]


def test_edits_are_debounced_into_few_writes(qtbot, launch) -> None:
    workspace, saver = launch()
    workspace.new_document()
    writes = []
    saver.written.connect(writes.append)
    editor = type_into(qtbot, workspace, "a" * 40)  # 40 key presses, no pause
    qtbot.waitUntil(lambda: bool(writes) and not saver.pending, timeout=5000)
    assert writes == [""]
    assert saved_texts() == ["a" * 40]
    qtbot.keyClicks(editor, "b")
    qtbot.waitUntil(lambda: len(writes) == 2 and not saver.pending, timeout=5000)
    assert saved_texts() == ["a" * 40 + "b"]


def test_someone_who_never_pauses_is_still_saved(qtbot, launch) -> None:
    workspace, saver = launch()
    workspace.new_document()
    editor = type_into(qtbot, workspace, "")
    seen_while_typing = set()
    for i in range(24):  # a key every 60 ms for ~1.5 s: the quiet time (150 ms) never comes
        qtbot.keyClicks(editor, str(i % 10))
        qtbot.wait(60)
        if paths.get().session_file.exists():
            seen_while_typing.add(saved_texts()[0])
    assert len(seen_while_typing) >= 1  # saved by the deadline, typing still going on
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)
    assert saved_texts() == [editor.toPlainText()]


def test_nothing_unchanged_is_written_again(qtbot, launch, seed_text: str) -> None:
    workspace, saver = launch()
    workspace.new_document(seed_text, origin="clipboard")
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)
    stamp = paths.get().session_file.stat().st_mtime_ns
    writes = []
    saver.written.connect(writes.append)
    saver.schedule()
    saver.save()
    assert saver.flush()
    assert writes == []
    assert paths.get().session_file.stat().st_mtime_ns == stamp


def test_closing_every_document_is_remembered(qtbot, launch, seed_text: str) -> None:
    workspace, saver = launch()
    workspace.new_document(seed_text, origin="clipboard")
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)
    workspace.close()
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)
    assert saved_texts() == []


def test_a_loaded_page_keeps_its_structure(qtbot, launch, tmp_path: Path) -> None:
    page = tmp_path / "tides.html"
    page.write_text(
        "<html><head><title>Tides</title></head><body><h1>Tides</h1><p>The sea rises twice"
        " a day. The moon pulls it.</p><p>Sailors plan around the tides.</p></body></html>",
        encoding="utf-8",
    )
    loaded = loading.load_path(page)
    workspace, saver = launch()
    workspace.new_document(
        loaded.text,
        origin="file",
        name="tides.html",
        source=str(page),
        title=loaded.title,
        format=loaded.format,
        blocks=loaded.blocks,
    )
    assert saver.flush()
    saver.stop()
    restored, _ = launch()
    (document,) = restored.documents()
    assert document.blocks == loaded.blocks
    assert (document.source, document.format, document.title) == (
        str(page),
        loaded.format,
        loaded.title,
    )


def test_a_failing_disk_is_reported_once_then_recovers(qtbot, launch, tmp_path: Path) -> None:
    state = paths.get().state
    state.rmdir()
    state.write_text("a file where the state folder should be")  # nothing can be written
    workspace, saver = launch()
    workspace.new_document()
    editor = type_into(qtbot, workspace, "first")
    for word in (" second", " third", " fourth"):
        qtbot.waitUntil(lambda: not saver.pending, timeout=5000)
        qtbot.keyClicks(editor, word)
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)
    warnings = [m.text for m in messages.funnel().history if "could not be saved" in m.text]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "Your open documents could not be saved for the next launch; keep this window open or "
        "save the text elsewhere. Cannot write "
    )

    state.unlink()  # the disk is back
    qtbot.keyClicks(editor, " fifth")
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)
    assert saved_texts() == ["first second third fourth fifth"]
    assert messages.funnel().history[-1].text == "Autosave works again: your documents are saved."


def test_a_damaged_session_is_reported_and_kept_aside(qtbot, launch) -> None:
    file = paths.get().session_file
    file.write_text('{"documents": [{"text": "half a wo', encoding="utf-8")
    workspace, saver = launch()
    assert workspace.documents() == ()
    (warning,) = messages.funnel().history
    assert warning.text.startswith("The last session could not be restored: session.json was")
    kept = list(file.parent.glob("session.json.corrupt-*"))
    assert [k.read_text(encoding="utf-8") for k in kept] == ['{"documents": [{"text": "half a wo']
    workspace.new_document("New text after the damage.", origin="clipboard")
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)
    assert saved_texts() == ["New text after the damage."]


def test_emergency_save_from_another_thread_writes_the_last_snapshot(qtbot, launch) -> None:
    workspace, saver = launch()
    workspace.new_document("Saved before the crash.", origin="clipboard")
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)
    paths.get().session_file.unlink()
    results = []
    thread = threading.Thread(target=lambda: results.append(saver.emergency_save()))
    thread.start()
    thread.join()
    assert results == [True]
    assert saved_texts() == ["Saved before the crash."]


def test_two_windows_keep_separate_files(qtbot, launch) -> None:
    first, first_saver = launch()
    second, second_saver = launch()
    assert first_saver.path == paths.get().session_file
    assert second_saver.path == session.instance_file(paths.get().session_file, 2)
    first.new_document("Text of the first window.", origin="clipboard")
    second.new_document("Text of the second window.", origin="clipboard")
    assert first_saver.flush()
    assert second_saver.flush()
    assert saved_texts(first_saver.path) == ["Text of the first window."]
    assert saved_texts(second_saver.path) == ["Text of the second window."]


_DEAD_WINDOW = textwrap.dedent(
    """
    import json, os, sys
    from PySide6.QtCore import QLockFile
    path = sys.argv[1]
    lock = QLockFile(path + ".lock")
    assert lock.tryLock(0)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"format": 1, "current": 0, "documents": [{"text": sys.argv[2]}]}, handle)
    os._exit(0)  # dies holding its lock, as after kill -9
    """
)


def test_files_of_windows_that_died_are_adopted(qtbot, launch) -> None:
    primary = paths.get().session_file
    session.save(session.Session((session.DocumentState("From the main window."),)), primary)
    for number, text in ((2, "From a second window."), (3, "From a third window.")):
        file = session.instance_file(primary, number)
        subprocess.run([sys.executable, "-c", _DEAD_WINDOW, str(file), text], check=True)
        assert Path(str(file) + ".lock").exists()
    workspace, saver = launch()
    assert [d.text for d in workspace.documents()] == [
        "From the main window.",
        "From a second window.",
        "From a third window.",
    ]
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)
    assert saved_texts() == [d.text for d in workspace.documents()]
    assert not session.instance_file(primary, 2).exists()
    assert not session.instance_file(primary, 3).exists()


def test_clear_deletes_the_autosaved_text(qtbot, launch, seed_text: str) -> None:
    workspace, saver = launch()
    workspace.new_document(seed_text, origin="clipboard")
    assert saver.flush()
    assert autosave.clear() == []
    assert list(paths.get().state.glob("session*.json")) == []


def test_keys_typed_in_a_restored_document_are_saved_too(qtbot, launch) -> None:
    workspace, saver = launch()
    workspace.new_document("Restored text.", origin="clipboard")
    saver.stop()
    workspace.shutdown()
    restored, saver = launch()
    editor = type_into(qtbot, restored, " More.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not saver.pending and saved_texts() != ["Restored text."])
    assert saved_texts() == ["Restored text. More.\n"]


def test_the_user_can_forget_the_autosaved_text(qtbot, launch, window) -> None:
    """File ▸ Forget Autosaved Text deletes every copy; the open document stays open."""
    workspace, saver = launch()
    workspace.new_document()
    type_into(qtbot, workspace, "A private note that should not stay on disk.")
    qtbot.waitUntil(lambda: not saver.pending and paths.get().session_file.exists(), timeout=5000)
    assert autosave.forget(saver, confirm=False)
    assert session.files() == []
    assert not paths.get().session_file.exists()
    assert workspace.current.text == "A private note that should not stay on disk."
    assert any("autosaved copies" in m.text for m in messages.funnel().history)
    # The window offers it in the File menu, with an accessible name.
    action = autosave.add_forget_action(window, None)
    assert action in window.menus["file"].actions()
    assert action.property("accessibleName") == "Forget autosaved text"

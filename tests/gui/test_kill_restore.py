"""``kill -9`` the real app and start it again: every document comes back with its settings.

The app runs in its own process (``drive_app.py`` types into it with real key events, pastes
through the real clipboard and moves the real controls); the test waits for autosave, kills it
with SIGKILL (no clean-up of any kind), starts it again and compares.
"""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest
from app_process import Folders, report, start
from drive_app import CRASH_TEXT, PASTED, TYPED, TYPED_2

pytestmark = [pytest.mark.gui, pytest.mark.slow]

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed-article.txt"


def saved(folders: Folders) -> dict | None:
    try:
        return json.loads(folders.session_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def matches(data: dict | None, expected: dict) -> bool:
    """True when the session file holds exactly the documents the app reported."""
    if data is None:
        return False
    docs = data["documents"]
    return data["current"] == expected["current"] and [
        (d["text"], d["name"], d["settings"]) for d in docs
    ] == [(d["text"], d["name"], d["options"]) for d in expected["documents"]]


def wait_until_saved(folders: Folders, expected: dict, timeout: float = 15) -> float:
    deadline = time.monotonic() + timeout
    while not matches(saved(folders), expected):
        assert time.monotonic() < deadline, f"not autosaved in {timeout} s: {saved(folders)}"
        time.sleep(0.02)
    return time.time()


def test_kill_9_then_restart_restores_every_document(tmp_path: Path) -> None:
    folders = Folders(tmp_path)
    app = start(folders, "type", SEED)
    try:
        typed = app.wait_for("typed")
        documents = typed["documents"]
        # What was done through the window really is in its documents.
        assert [d["text"] for d in documents] == [
            SEED.read_text(encoding="utf-8"),
            f"{TYPED}\n\n{TYPED_2}",
            PASTED,
        ]
        assert [d["origin"] for d in documents] == ["file", "typed", "clipboard"]
        pasted_options = documents[2]["options"]
        assert pasted_options["sentences"] == 8  # three steps right on the slider
        assert pasted_options["algorithm"] not in ("default", documents[0]["options"]["algorithm"])
        assert typed["current"] == 1

        saved_at = wait_until_saved(folders, typed)
        assert saved_at - typed["time"] < 5  # at most the debounce after the last change
        print(f"on disk {saved_at - typed['time']:.2f} s after the last change")
        assert app.kill() == -signal.SIGKILL
    finally:
        app.stop()
    assert (folders.state / "session.json.lock").exists()  # the dead app's lock is stale now

    restored = report(folders)
    assert [
        {k: d[k] for k in ("text", "name", "origin", "source", "format", "options")}
        for d in restored["documents"]
    ] == [
        {k: d[k] for k in ("text", "name", "origin", "source", "format", "options")}
        for d in documents
    ]
    assert restored["current"] == 1
    assert restored["editor"] == f"{TYPED}\n\n{TYPED_2}"  # the current one is on screen
    assert restored["controls"] == documents[1]["options"]
    assert restored["messages"] == []  # nothing to apologise for
    assert not (folders.state / "session.json.lock").exists()  # released at the normal exit


def test_kill_9_while_typing_loses_at_most_the_last_seconds(tmp_path: Path) -> None:
    """Killed at a random moment of non-stop typing (a key every 40 ms), the restored text is
    exactly what had been typed up to some moment at most ``MAX_DELAY_MS`` (5 s) before."""
    folders = Folders(tmp_path)
    app = start(folders, "typing")
    try:
        app.wait_for("key")
        time.sleep(7.3)
        killed_at = time.time()
        assert app.kill() == -signal.SIGKILL
    finally:
        app.stop()
    keys = [e for e in app.drain() if e["event"] == "key"]
    typed = {e["text"]: e["time"] for e in keys}
    assert len(typed) > 100

    restored = report(folders)
    (document,) = restored["documents"]
    assert document["text"] in typed, "the restored text is not a state the user saw"
    lost = killed_at - typed[document["text"]]
    assert lost < 5.5
    print(f"typed {len(keys)} keys, restored the text of {lost:.2f} s before the kill")


def test_a_crash_saves_at_once_and_the_next_start_restores(tmp_path: Path) -> None:
    """An uncaught exception right after typing: the crash handler saves before the dialog
    opens (no debounce wait), the dialog offers the report, and after kill -9 all is back."""
    folders = Folders(tmp_path)
    app = start(folders, "crash")
    try:
        crashed = app.wait_for("crashed")
        # Saved by the crash handler itself: autosave's quiet time had not passed.
        assert [d["text"] for d in saved(folders)["documents"]] == [CRASH_TEXT]
        assert crashed["message"].startswith(
            "Something went wrong inside Article Summariser: RuntimeError: a bug in a slot\n"
            "Your documents are saved and will reopen next time."
        )
        assert "RuntimeError: a bug in a slot" in crashed["report"]
        (kept,) = folders.log.glob("crash-*.txt")
        assert kept.read_text(encoding="utf-8").rstrip() == crashed["report"].rstrip()
        assert app.kill() == -signal.SIGKILL
    finally:
        app.stop()
    restored = report(folders)
    assert [d["text"] for d in restored["documents"]] == [CRASH_TEXT]
    assert restored["messages"] == []

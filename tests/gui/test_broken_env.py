"""A broken environment never stops the real app: it starts with defaults, says what happened
once, and keeps the bad file aside.

Each case runs the app in its own process. Permission faults are real: the folders get the
modes a person's machine would have, and as root the app runs under ``setpriv`` without the
capabilities that let root ignore modes. A full disk is a file-size limit of zero (every
write fails with EFBIG), which holds for every user.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_process import Folders, full_disk, report, without_privileges

pytestmark = [pytest.mark.gui, pytest.mark.slow]

DEFAULTS = {
    "algorithm": "default",
    "language": "auto",
    "unit": "sentences",
    "sentences": 5,
    "percent": 20,
    "words": 150,
}
GOOD_SETTINGS = {"version": 1, "summary": {"algorithm": "luhn", "unit": "words", "words": 90}}


@pytest.fixture
def folders(tmp_path: Path) -> Iterator[Folders]:
    folders = Folders(tmp_path / "app")
    folders.config.mkdir(parents=True)
    yield folders
    for path in [tmp_path, *tmp_path.rglob("*")]:  # give back what a test took away
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)


def shown(state: dict) -> list[str]:
    return [text for level, text in state["messages"] if level in ("warning", "error")]


def logged_problems(folders: Folders) -> list[str]:
    log = folders.log / "article-summariser.log"
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return [line.split(": ", 1)[1] for line in lines if " WARNING " in line or " ERROR " in line]


def kept_aside(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f"{name}.corrupt-*"))


@pytest.mark.parametrize(
    "content",
    [b'{"summary": {"algorithm": "luhn"', b"\x00\xff\xfe binary", b"[1, 2]", b""],
    ids=["truncated", "binary", "not-an-object", "empty"],
)
def test_damaged_settings(folders: Folders, content: bytes) -> None:
    folders.settings_file.write_bytes(content)
    state = report(folders)
    assert state["controls"] == DEFAULTS
    (kept,) = kept_aside(folders.config, "settings.json")
    assert kept.read_bytes() == content
    (message,) = shown(state)
    assert message.startswith("Your preferences could not be restored: settings.json ")
    assert message.endswith(f"It was kept as {kept.name}.")
    assert logged_problems(folders) == [message]  # logged before it was shown

    again = report(folders)  # the next start is clean: good settings were written at exit
    assert shown(again) == []
    assert json.loads(folders.settings_file.read_text(encoding="utf-8"))["version"] == 1


def test_unreadable_settings(folders: Folders) -> None:
    folders.settings_file.write_text(json.dumps(GOOD_SETTINGS), encoding="utf-8")
    folders.settings_file.chmod(0)
    state = report(folders, prefix=without_privileges())
    assert state["controls"] == DEFAULTS
    (kept,) = kept_aside(folders.config, "settings.json")
    assert shown(state) == [
        "Your preferences could not be restored: settings.json could not be read (Permission "
        f"denied); using defaults. It was kept as {kept.name}."
    ]
    kept.chmod(0o644)
    assert json.loads(kept.read_text(encoding="utf-8")) == GOOD_SETTINGS  # nothing lost


def test_settings_file_replaced_by_a_folder(folders: Folders) -> None:
    folders.settings_file.mkdir()
    state = report(folders)
    assert state["controls"] == DEFAULTS
    assert len(shown(state)) == 1
    assert "could not be read (Is a directory)" in shown(state)[0]
    assert kept_aside(folders.config, "settings.json")[0].is_dir()
    assert folders.settings_file.is_file()  # and the app could write its own at exit


def test_missing_config_folder_is_created(folders: Folders) -> None:
    shutil.rmtree(folders.base / "config")
    state = report(folders)
    assert state["controls"] == DEFAULTS
    assert shown(state) == []
    assert folders.settings_file.is_file()


def test_read_only_config_folder(folders: Folders) -> None:
    """Settings are read; the failing writes (several slider moves) are said once."""
    folders.settings_file.write_text(json.dumps(GOOD_SETTINGS), encoding="utf-8")
    folders.config.chmod(0o555)
    state = report(folders, mode="fiddle", prefix=without_privileges())
    assert state["documents"][0]["options"]["algorithm"] == "luhn"  # the settings were used
    assert shown(state) == [
        f"Your preferences could not be saved. Cannot write {folders.settings_file}: "
        "Permission denied."
    ]
    assert json.loads(folders.settings_file.read_text(encoding="utf-8")) == GOOD_SETTINGS


def test_config_folder_that_cannot_be_created(folders: Folders) -> None:
    shutil.rmtree(folders.config)
    folders.config.write_text("a file where the folder should be")
    state = report(folders, mode="fiddle")
    assert state["documents"][0]["text"].startswith("Round 0 of typing.")
    problems = shown(state)
    assert len(problems) == 2  # reading and writing preferences, each said once
    assert problems[0].startswith("Your preferences could not be restored: settings.json could")
    assert problems[1].startswith("Your preferences could not be saved. Cannot write ")
    assert folders.config.read_text() == "a file where the folder should be"


def test_read_only_state_folder_keeps_the_last_session(folders: Folders) -> None:
    """The last session is restored; autosave failing (several tries) is said once."""
    folders.state.mkdir(parents=True)
    session = {"format": 1, "current": 0, "documents": [{"text": "Saved last time.", "id": "a"}]}
    folders.session_file.write_text(json.dumps(session), encoding="utf-8")
    folders.log.mkdir()
    folders.state.chmod(0o555)
    state = report(folders, mode="fiddle", prefix=without_privileges())
    texts = [d["text"] for d in state["documents"]]
    assert texts[0] == "Saved last time."
    assert texts[1].startswith("Round 0 of typing.")
    assert shown(state) == [
        "Your open documents could not be saved for the next launch; keep this window open or "
        f"save the text elsewhere. Cannot write {folders.session_file}: Permission denied."
    ]
    assert json.loads(folders.session_file.read_text(encoding="utf-8")) == session


def test_damaged_session_is_kept_aside(folders: Folders) -> None:
    folders.state.mkdir(parents=True)
    folders.session_file.write_text('{"documents": [{"text": "half', encoding="utf-8")
    state = report(folders)
    assert state["documents"] == []
    (kept,) = kept_aside(folders.state, "session.json")
    assert kept.read_text(encoding="utf-8") == '{"documents": [{"text": "half'
    assert shown(state) == [
        "The last session could not be restored: session.json was damaged and has been reset. "
        f"It was kept as {kept.name}."
    ]


def test_full_disk(folders: Folders) -> None:
    """Nothing can be written anywhere: the app works on, and says so once per kind of data."""
    state = report(folders, mode="fiddle", preexec_fn=full_disk)
    assert state["documents"][0]["text"] == (
        "Round 0 of typing. Round 1 of typing. Round 2 of typing. "
    )
    problems = shown(state)
    assert len(problems) == len(set(problems))  # nothing said twice
    assert (
        f"Your preferences could not be saved. Cannot write {folders.settings_file}: "
        "File too large."
    ) in problems
    assert (
        "Your open documents could not be saved for the next launch; keep this window open or "
        f"save the text elsewhere. Cannot write {folders.session_file}: File too large."
    ) in problems
    assert not folders.session_file.exists()
    assert not list(folders.state.glob(".*.tmp"))  # no half-written files left behind

"""Atomic JSON files under real faults: kill -9 mid-write, a full disk, blocked folders."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from faults import disk_full

from article_summariser import storage


def test_round_trip_keeps_every_character(tmp_path: Path, seed_text: str) -> None:
    data = {"text": seed_text, "other": "naïve — 日本語 🙂\r\n\x0b", "n": [1, 2.5, None]}
    path = tmp_path / "deep" / "er" / "file.json"
    storage.write_json_atomic(path, data)
    assert storage.read_json(path, {}) == (data, None)
    assert [p.name for p in path.parent.iterdir()] == ["file.json"]


def test_missing_file_is_the_default_without_a_problem(tmp_path: Path) -> None:
    assert storage.read_json(tmp_path / "none.json", {"a": 1}) == ({"a": 1}, None)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"text": "half a fi', "was damaged"),
        (b"\xff\xfe\x00garbage", "was damaged"),
        (b"", "was damaged"),
        (b"[1, 2, 3]", "had unexpected content"),
    ],
)
def test_corrupt_file_is_kept_aside_and_reported(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    data, problem = storage.read_json(path, {"default": True})
    assert data == {"default": True}
    assert problem is not None
    assert problem.startswith(f"settings.json {reason} and has been reset. It was kept as ")
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("settings.json.corrupt-")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == content
    assert kept[0].name in problem
    assert not path.exists()


def test_unreadable_file_is_reported_and_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()  # a folder where the file should be: unreadable for every user, root too
    (path / "inside.txt").write_text("kept")
    data, problem = storage.read_json(path, {})
    assert data == {}
    (kept,) = tmp_path.glob("settings.json.corrupt-*")
    assert problem == (
        f"settings.json could not be read (Is a directory); using defaults. It was kept as "
        f"{kept.name}."
    )
    assert (kept / "inside.txt").read_text() == "kept"
    storage.write_json_atomic(path, {"a": 1})  # the next save works
    assert storage.read_json(path, {}) == ({"a": 1}, None)


def test_unreadable_file_in_a_folder_that_cannot_change_is_left_alone(tmp_path: Path) -> None:
    """Nothing to move it with: reported, nothing else."""
    path = tmp_path / "blocker" / "settings.json"
    path.parent.write_text("a file")
    data, problem = storage.read_json(path, {"x": 1})
    assert data == {"x": 1}
    assert problem == "settings.json could not be read (Not a directory); using defaults."


def test_write_into_a_blocked_folder_raises_a_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("not a folder")
    with pytest.raises(storage.StorageError, match=r"^Cannot write .*settings\.json: "):
        storage.write_json_atomic(blocker / "settings.json", {"a": 1})
    assert blocker.read_text() == "not a folder"


def test_failed_replace_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "session.json"
    target.mkdir()  # os.replace(file, folder) fails for every user
    with pytest.raises(storage.StorageError, match="Is a directory"):
        storage.write_json_atomic(target, {"a": 1})
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]


def test_full_disk_keeps_the_good_file(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    storage.write_json_atomic(path, {"version": "good"})
    with disk_full(), pytest.raises(storage.StorageError, match="File too large"):
        storage.write_json_atomic(path, {"version": "new", "text": "x" * 100_000})
    assert json.loads(path.read_text()) == {"version": "good"}
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from article_summariser.storage import write_json_atomic

    path = Path(sys.argv[1])
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        write_json_atomic(path, {"n": n, "text": str(n % 10) * 400_000})
    """
)


@pytest.mark.slow
def test_kill_during_writes_never_leaves_a_broken_file(tmp_path: Path) -> None:
    """A writer rewriting a 400 kB file as fast as it can is killed at 25 random moments; the
    file left behind is always one complete version."""
    path = tmp_path / "session.json"
    seen = set()
    for attempt in range(25):
        process = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n"
        time.sleep(0.05 + (attempt % 7) * 0.013)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["text"] == str(data["n"] % 10) * 400_000
        seen.add(data["n"])
    assert len(seen) > 1  # the writes really were interrupted at different points


def test_lone_surrogates_round_trip(tmp_path: Path) -> None:
    """Text pasted from a broken source can hold half a UTF-16 pair; it is kept as it was."""
    path = tmp_path / "session.json"
    data = {"text": "before \ud83d after, café \udc00"}
    storage.write_json_atomic(path, data)
    assert storage.read_json(path, {}) == (data, None)


def test_an_unexpected_error_mid_write_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    storage.write_json_atomic(path, {"good": True})
    with pytest.raises(TypeError):
        storage.write_json_atomic(path, {"bad": object()})
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]
    assert storage.read_json(path, {}) == ({"good": True}, None)

"""The installed app as a user starts it: a real process on a real (virtual) X server.

``xvfb-run`` gives the app an X display, so Qt's xcb platform is used exactly as on a desktop
(this is where missing X libraries such as libxcb-cursor0 show up). The start-up probe reports
when the window is painted and when the opened file's summary is shown; the app then closes its
window the normal way. A second run is ended with SIGTERM, as a session logout would.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tests.conftest import SEED_ARTICLE

pytestmark = pytest.mark.slow

APP_DIR = "article-summariser"
#: What must never appear on the app's standard error.
FORBIDDEN = (
    "Traceback",
    "QThread: Destroyed",
    "Could not load the Qt platform plugin",
    "Fatal Python error",
)


def command() -> list[str]:
    xvfb_run = shutil.which("xvfb-run")
    app = Path(sys.executable).with_name("article-summariser")
    assert xvfb_run, "xvfb-run is missing: install xvfb (see .ci/run)"
    assert app.exists(), f"the app is not installed in this environment ({app})"
    return [xvfb_run, "-a", "-s", "-screen 0 1280x800x24", str(app)]


def environment(base: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "ARTICLE_SUMMARISER_", "QT_QPA_PLATFORM"))
    }
    home = base / "home"
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(base / "config"),
        XDG_STATE_HOME=str(base / "state"),
        XDG_DATA_HOME=str(base / "data"),
        XDG_CACHE_HOME=str(base / "cache"),
    )
    env.update(extra)
    return env


def settings_file(base: Path) -> Path:
    return base / "config" / APP_DIR / "settings.json"


def test_the_installed_app_shows_its_window_and_quits_cleanly(tmp_path: Path) -> None:
    article = tmp_path / "kim.txt"
    article.write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [*command(), "--benchmark-startup", str(article)],
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    events = dict(line.split() for line in result.stdout.splitlines() if line.strip())
    # The steps on the way to the first paint come first, in order (``make bench`` shows them).
    assert list(events) == [
        "phase:qt-imported",
        "phase:modules-imported",
        "phase:window-built",
        "window-shown",
        "first-summary",
    ], result.stdout
    seconds = [float(value) for value in events.values()]
    assert seconds[0] > 0
    assert seconds == sorted(seconds)
    for problem in FORBIDDEN:
        assert problem not in result.stderr
    # It closed the normal way: the preferences and the recent file were written.
    assert str(article) in settings_file(tmp_path).read_text(encoding="utf-8")


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _app_pid(runner: int) -> int | None:
    for pid in _descendants(runner):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(part.endswith(b"article-summariser") for part in cmdline[:2]):
            return pid
    return None


def test_sigterm_closes_the_window_the_normal_way(tmp_path: Path) -> None:
    process = subprocess.Popen(
        command(),
        env=environment(tmp_path, ARTICLE_SUMMARISER_STARTUP_PROBE="stay"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(process.stderr), daemon=True)
    reader.start()
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # blocks until the window is painted
        while line.startswith("phase:"):  # the steps on the way to it
            line = process.stdout.readline()
        assert line.startswith("window-shown "), "".join(errors)
        deadline = time.monotonic() + 30
        pid = _app_pid(process.pid)
        while pid is None and time.monotonic() < deadline:
            time.sleep(0.1)
            pid = _app_pid(process.pid)
        assert pid is not None
        os.kill(pid, signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert settings_file(tmp_path).exists()
    for problem in FORBIDDEN:
        assert problem not in "".join(errors)

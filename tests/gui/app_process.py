"""Start the real app in its own process (driven by ``drive_app.py``) and read what it reports.

Every folder the app uses (config, data, state, cache, logs, and ``$HOME`` itself) is under the
test's temporary folder, through the XDG variables platformdirs reads on Linux.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DRIVER = Path(__file__).with_name("drive_app.py")
APP_DIR = "article-summariser"


@dataclass(frozen=True)
class Folders:
    base: Path

    @property
    def config(self) -> Path:
        return self.base / "config" / APP_DIR

    @property
    def state(self) -> Path:
        return self.base / "state" / APP_DIR

    @property
    def data(self) -> Path:
        return self.base / "data" / APP_DIR

    @property
    def log(self) -> Path:
        return self.state / "log"

    @property
    def session_file(self) -> Path:
        return self.state / "session.json"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("XDG_", "ARTICLE_SUMMARISER_"))
        }
        home = self.base / "home"
        home.mkdir(parents=True, exist_ok=True)
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(self.base / "config"),
            XDG_STATE_HOME=str(self.base / "state"),
            XDG_DATA_HOME=str(self.base / "data"),
            XDG_CACHE_HOME=str(self.base / "cache"),
            QT_QPA_PLATFORM="offscreen",
            PYTHONFAULTHANDLER="1",
        )
        env.update(extra)
        return env


@dataclass
class AppProcess:
    """A running app; ``events`` are the JSON lines the driver printed."""

    process: subprocess.Popen
    events: list[dict[str, Any]] = field(default_factory=list)
    _lines: queue.Queue = field(default_factory=queue.Queue)
    _errors: list[str] = field(default_factory=list)
    _readers: list[threading.Thread] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Both pipes are drained all the time: a full pipe would block the app.
        for target in (self._read, self._read_errors):
            reader = threading.Thread(target=target, daemon=True)
            reader.start()
            self._readers.append(reader)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._errors.append(line)

    def wait_for(self, event: str, timeout: float = 60) -> dict[str, Any]:
        """The next ``event`` the driver reports (earlier ones are kept in ``events``)."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no {event!r} from the app in {timeout} s: {self.stderr()}")
            try:
                line = self._lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                raise RuntimeError(f"the app ended before {event!r}: {self.stderr()}")
            if not line.startswith("{"):
                continue
            record = json.loads(line)
            self.events.append(record)
            if record["event"] == event:
                return record

    def drain(self) -> list[dict[str, Any]]:
        """Every event reported so far (call after ``stop()`` to get them all)."""
        while True:
            try:
                line = self._lines.get_nowait()
            except queue.Empty:
                return self.events
            if line is not None and line.startswith("{"):
                self.events.append(json.loads(line))

    def kill(self) -> int:
        """``kill -9``: no clean-up of any kind runs in the app."""
        os.kill(self.process.pid, signal.SIGKILL)
        return self.process.wait(timeout=30)

    def finish(self, timeout: float = 60) -> int:
        return self.process.wait(timeout=timeout)

    def stderr(self) -> str:
        """What the app wrote on standard error, without the headless platform's notices."""
        return "".join(line for line in self._errors if "propagateSizeHints" not in line)

    def stop(self) -> None:
        """Kill the app if it still runs; close the pipes once everything is read."""
        if self.process.poll() is None:
            self.kill()
        for reader in self._readers:
            reader.join(timeout=10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def without_privileges() -> list[str]:
    """A command prefix under which file permissions hold: as root, ``setpriv`` (util-linux)
    drops the capabilities that let root read and write everything."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def full_disk() -> None:
    """``preexec_fn``: every write of the app fails with EFBIG, as on a full disk."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))


def start(
    folders: Folders,
    mode: str,
    *files: str | Path,
    prefix: Sequence[str] = (),
    preexec_fn: Callable[[], None] | None = None,
    **env: str,
) -> AppProcess:
    process = subprocess.Popen(
        [*prefix, sys.executable, str(DRIVER), mode, *map(str, files)],
        preexec_fn=preexec_fn,
        env=folders.env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    return AppProcess(process)


def report(
    folders: Folders, *files: str | Path, mode: str = "report", **options: Any
) -> dict[str, Any]:
    """Start the app, take its state once it is up (and driven), close it normally."""
    app = start(folders, mode, *files, **options)
    try:
        state = app.wait_for("state")
        assert app.finish() == 0, app.stderr()
    finally:
        app.stop()
    return state

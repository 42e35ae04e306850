"""Logging for the app: one rotating file in the platform's log folder.

Nothing is configured at import time; the app calls ``setup()`` once it knows its folders. A log
folder that cannot be written (read-only home, full disk) must not stop the app: ``setup()``
then logs to standard error only and returns a sentence saying so, for the message funnel.
Writing the log never raises either: a record that cannot be written is dropped.

The window opens the file only after its first paint: the rotating handler needs
``logging.handlers``, whose imports (socket, pickle, queue) take about 7 ms. Until then ``hold()``
keeps the records in memory; ``setup()`` writes them first, and ``tail()`` reads them if the app
fails before that.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections import deque
from pathlib import Path

#: The package logger; modules log through ``logging.getLogger(__name__)`` below it.
LOGGER = "article_summariser"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
#: One log file is at most this big; ``BACKUPS`` older ones are kept (``.1``, ``.2``, ...).
MAX_BYTES = 1_000_000
BACKUPS = 3

_MARK = "_article_summariser_handler"
#: Records ``hold()`` keeps at most (the oldest go first).
HELD_MAX = 1000


def _rotating_file_handler(log_file: Path, max_bytes: int, backups: int) -> logging.Handler:
    """A rotating file handler that drops a record it cannot write instead of printing a
    traceback on standard error (a full disk is not a reason to spam the terminal)."""
    import logging.handlers

    class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def handleError(self, record: logging.LogRecord) -> None:
            pass

    return QuietRotatingFileHandler(
        log_file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )


class _Held(logging.Handler):
    """Keeps records in memory until the log file is open."""

    def __init__(self) -> None:
        super().__init__()
        self.records: deque[logging.LogRecord] = deque(maxlen=HELD_MAX)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _installed(logger: logging.Logger) -> list[logging.Handler]:
    return [h for h in logger.handlers if getattr(h, _MARK, False)]


def hold(level: int = logging.INFO) -> None:
    """Keep the app's records (from ``level`` up) in memory until ``setup()`` opens the log."""
    logger = logging.getLogger(LOGGER)
    shutdown()
    logger.setLevel(level)
    handler = _Held()
    handler.setFormatter(logging.Formatter(FORMAT))
    setattr(handler, _MARK, True)
    logger.addHandler(handler)


def _held() -> list[logging.LogRecord]:
    held = [h for h in _installed(logging.getLogger(LOGGER)) if isinstance(h, _Held)]
    return [record for handler in held for record in handler.records]


def setup(
    log_file: Path | None = None,
    *,
    level: int = logging.INFO,
    stderr: bool = False,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
) -> str | None:
    """Send the app's log records to ``log_file`` (default: the platform log folder).

    Calling it again replaces what an earlier call installed; records ``hold()`` kept are
    written first. Returns ``None`` when the file is in use, or a sentence for people when it
    could not be opened (records then go to stderr).
    """
    if log_file is None:
        from article_summariser import paths

        log_file = paths.get().log_file
    logger = logging.getLogger(LOGGER)
    held = _held()
    shutdown()
    logger.setLevel(level)
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = []
    problem = None
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(_rotating_file_handler(log_file, max_bytes, backups))
    except OSError as error:
        problem = (
            f"The log file {log_file} cannot be written ({error.strerror or error}); "
            "messages go to the terminal only."
        )
    if stderr or problem:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        setattr(handler, _MARK, True)
        logger.addHandler(handler)
    for record in held:
        for handler in handlers:
            if record.levelno >= max(level, handler.level):
                handler.handle(record)
    if problem:
        logger.warning("%s", problem)
    return problem


def shutdown() -> None:
    """Remove and close the handlers ``setup()`` installed (tests, and before deleting logs)."""
    logger = logging.getLogger(LOGGER)
    for handler in _installed(logger):
        logger.removeHandler(handler)
        handler.close()


def current_file() -> Path | None:
    """The log file in use, if any."""
    for handler in _installed(logging.getLogger(LOGGER)):
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def log_files(log_file: Path | None = None) -> list[Path]:
    """The log file and its rotated predecessors that exist on disk."""
    if log_file is None:
        from article_summariser import paths

        log_file = paths.get().log_file
    rotated = [
        path
        for path in log_file.parent.glob(f"{log_file.name}.*")
        if path.suffix[1:].isdigit() and path.is_file()
    ]
    rotated.sort(key=lambda path: int(path.suffix[1:]))
    return ([log_file] if log_file.is_file() else []) + rotated


def tail(lines: int = 40, log_file: Path | None = None) -> list[str]:
    """The last lines of the log in use (for crash reports), or of the records ``hold()``
    keeps while the file is not open yet; empty when there are none."""
    path = log_file or current_file()
    if path is None:
        formatter = logging.Formatter(FORMAT)
        return [formatter.format(record) for record in _held()[-lines:]] if lines > 0 else []
    for handler in _installed(logging.getLogger(LOGGER)):
        # A full disk: the lines already written are still worth reading.
        with contextlib.suppress(OSError):
            handler.flush()
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return [line.rstrip("\n") for line in deque(handle, maxlen=lines)]
    except OSError:
        return []

"""Logging for the app: one rotating file in the platform's log folder.

Nothing is configured at import time; the app calls ``setup()`` once it knows its folders. A log
folder that cannot be written (read-only home, full disk) must not stop the app: ``setup()``
then logs to standard error only and returns a sentence saying so, for the message funnel.
Writing the log never raises either: a record that cannot be written is dropped.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
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


class _QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler that drops a record it cannot write instead of printing a
    traceback on standard error (a full disk is not a reason to spam the terminal)."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def _installed(logger: logging.Logger) -> list[logging.Handler]:
    return [h for h in logger.handlers if getattr(h, _MARK, False)]


def setup(
    log_file: Path | None = None,
    *,
    level: int = logging.INFO,
    stderr: bool = False,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
) -> str | None:
    """Send the app's log records to ``log_file`` (default: the platform log folder).

    Calling it again replaces what an earlier call installed. Returns ``None`` when the file is
    in use, or a sentence for people when it could not be opened (records then go to stderr).
    """
    if log_file is None:
        from article_summariser import paths

        log_file = paths.get().log_file
    logger = logging.getLogger(LOGGER)
    shutdown()
    logger.setLevel(level)
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = []
    problem = None
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = _QuietRotatingFileHandler(
            log_file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
        )
        handlers.append(handler)
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
    """The last lines of the log in use (for crash reports); empty when there is none."""
    path = log_file or current_file()
    if path is None:
        return []
    for handler in _installed(logging.getLogger(LOGGER)):
        # A full disk: the lines already written are still worth reading.
        with contextlib.suppress(OSError):
            handler.flush()
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return [line.rstrip("\n") for line in deque(handle, maxlen=lines)]
    except OSError:
        return []

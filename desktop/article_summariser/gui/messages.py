"""The one way anything reaches the user: logged first, then shown in plain words.

Every part of the window (and the crash handler) calls ``funnel()``'s ``info``, ``warning`` or
``error``. The message is written to the log before anything else, so nothing the user saw is
missing from a bug report. Messages posted before the window exists (a damaged settings file
found at start-up) are buffered and shown once a sink is attached. Tests switch dialogs off:
messages then only go to the in-window bar and to ``history``, and no modal window ever blocks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

log = logging.getLogger("article_summariser")


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def logging_level(self) -> int:
        return {"info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}[
            self.value
        ]


@dataclass(frozen=True)
class Message:
    level: Level
    #: One or two sentences for people; no jargon, no traceback.
    text: str
    #: Technical details (a traceback, a path) offered on request, and always logged.
    details: str = ""


Sink = Callable[[Message], None]


class MessageFunnel:
    """Logs, buffers until a sink exists, then forwards every message to it."""

    #: Messages kept for tests and for the crash report.
    HISTORY = 200

    def __init__(self) -> None:
        self._sink: Sink | None = None
        self._buffer: list[Message] = []
        self.history: list[Message] = []
        self.dialogs = True

    def post(self, level: Level, text: str, details: str = "") -> Message:
        message = Message(level, text, details)
        log.log(level.logging_level, "%s%s", text, f"\n{details}" if details else "")
        self.history.append(message)
        del self.history[: -self.HISTORY]
        if self._sink is None:
            self._buffer.append(message)
        else:
            self._sink(message)
        return message

    def info(self, text: str, details: str = "") -> Message:
        return self.post(Level.INFO, text, details)

    def warning(self, text: str, details: str = "") -> Message:
        return self.post(Level.WARNING, text, details)

    def error(self, text: str, details: str = "") -> Message:
        return self.post(Level.ERROR, text, details)

    def attach(self, sink: Sink) -> None:
        """Show messages through ``sink`` from now on, starting with those buffered so far."""
        self._sink = sink
        pending, self._buffer = self._buffer, []
        for message in pending:
            sink(message)

    def detach(self, sink: Sink | None = None) -> None:
        """Buffer again (the window is closing). With ``sink``, only if it is the one attached."""
        if sink is None or self._sink == sink:
            self._sink = None

    @property
    def pending(self) -> tuple[Message, ...]:
        return tuple(self._buffer)


_funnel: MessageFunnel | None = None


def funnel() -> MessageFunnel:
    """The process's funnel, created on first use (nothing happens at import)."""
    global _funnel
    if _funnel is None:
        _funnel = MessageFunnel()
    return _funnel


def reset() -> MessageFunnel:
    """A fresh funnel, history and buffer emptied (tests)."""
    global _funnel
    _funnel = MessageFunnel()
    return _funnel


def dialogs_enabled() -> bool:
    """False in tests: no modal dialog (file choosers, About, error details) may open."""
    return funnel().dialogs


def set_dialogs(enabled: bool) -> None:
    funnel().dialogs = enabled

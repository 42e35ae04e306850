"""The engine's error types: every failure a user can cause is one of these.

Each carries a message written for people (shown as is by the CLI and the window).
"""

from __future__ import annotations


class EngineError(Exception):
    """Base of every documented engine failure."""

    @property
    def message(self) -> str:
        return str(self)


class InputError(EngineError):
    """The input cannot be summarised (empty, binary, unreadable, too large, ...)."""


class UnsupportedLanguageError(EngineError):
    """A language was asked for that the summariser does not know."""


class UnknownAlgorithmError(EngineError):
    """An algorithm name that is not in the registry."""


class LengthError(EngineError):
    """A summary length that makes no sense (negative, zero ratio, ...)."""


class CancelledError(EngineError):
    """The caller cancelled a long computation."""

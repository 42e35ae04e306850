"""Cancellation that reaches into long loops without threading a callback through every call.

``prepare`` and ``rank`` open a ``scope`` with the caller's ``cancelled`` callable; loops deep
inside (paragraph splitting, the greedy and iterative algorithms) call ``check()`` now and then,
which raises ``CancelledError`` once the caller has given up. The scope is per thread, so a
worker thread's cancellation never touches another thread's work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from article_summariser.engine.errors import CancelledError

_local = threading.local()


@contextmanager
def scope(cancelled: Callable[[], bool] | None) -> Iterator[None]:
    previous = getattr(_local, "cancelled", None)
    _local.cancelled = cancelled
    try:
        yield
    finally:
        _local.cancelled = previous


def check() -> None:
    """Raise ``CancelledError`` when the current scope's caller no longer wants the result."""
    cancelled = getattr(_local, "cancelled", None)
    if cancelled is not None and cancelled():
        raise CancelledError("Cancelled.")

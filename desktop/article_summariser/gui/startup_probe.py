"""Start-up timing for the benchmarks: ``article-summariser --benchmark-startup [FILE]``.

Prints ``window-shown <seconds>`` when the window is first painted and, if a file was given,
``first-summary <seconds>`` when its summary is first shown, both counted from the start of the
process (the kernel's record of it on Linux, so interpreter start-up and imports are included),
then quits the app normally (exit status 0). The environment variable
``ARTICLE_SUMMARISER_STARTUP_PROBE=1`` does the same; ``=stay`` prints without quitting.

Before ``window-shown`` it prints the steps the app marked on its way (``phase:<name> <seconds>``):
Qt imported, the window's modules imported, the window built. ``make bench`` sets them beside a
bare window's, so that it shows where the time goes.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QObject, QTimer

ENV = "ARTICLE_SUMMARISER_STARTUP_PROBE"
FLAG = "--benchmark-startup"

#: Fallback origin where the kernel's start time is unavailable: when this module was imported.
_IMPORTED = time.monotonic()
#: Step → seconds since the process started, as the app marked them (the latest of each).
_phases: dict[str, float] = {}


def _process_age() -> float | None:
    """Seconds since this process started, from ``/proc`` (Linux), else ``None``."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        started = int(fields[19]) / ticks
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def elapsed() -> float:
    age = _process_age()
    return age if age is not None else time.monotonic() - _IMPORTED


def mark(phase: str) -> None:
    """Note that start-up reached ``phase`` (printed with ``window-shown`` by a probe)."""
    _phases[phase] = elapsed()


def requested(argv: list[str]) -> str:
    """``""`` (off), ``"exit"`` or ``"stay"``."""
    if FLAG in argv:
        return "exit"
    value = os.environ.get(ENV, "").strip().lower()
    if value in ("1", "true", "yes", "exit"):
        return "exit"
    if value == "stay":
        return "stay"
    return ""


class StartupProbe(QObject):
    def __init__(self, window, *, wait_for_summary: bool, stay: bool = False) -> None:
        super().__init__(window)
        self._wait = wait_for_summary
        self._stay = stay
        self._shown = False
        self._summarised = False
        window.firstPainted.connect(self._window_shown)
        window.summaryRendered.connect(self._summary_shown)

    @staticmethod
    def _say(event: str, seconds: float | None = None) -> None:
        sys.stdout.write(f"{event} {elapsed() if seconds is None else seconds:.3f}\n")
        sys.stdout.flush()

    def _window_shown(self) -> None:
        if not self._shown:
            self._shown = True
            for phase, seconds in _phases.items():
                self._say(f"phase:{phase}", seconds)
            self._say("window-shown")
            self._maybe_quit()

    def _summary_shown(self, _document: object) -> None:
        if self._wait and not self._summarised:
            self._summarised = True
            if not self._shown:
                self._window_shown()
            self._say("first-summary")
            self._maybe_quit()

    def _maybe_quit(self) -> None:
        if self._stay or not self._shown or (self._wait and not self._summarised):
            return
        window = self.parent()
        QTimer.singleShot(0, window.close)  # the normal way out: settings saved, worker stopped

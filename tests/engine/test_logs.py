"""Logging: a rotating file in the log folder, nothing at import, never fatal."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from faults import disk_full

from article_summariser import logs, paths

log = logging.getLogger("article_summariser.tests")


@pytest.fixture(autouse=True)
def _remove_handlers() -> Iterator[None]:
    yield
    logs.shutdown()


def test_records_go_to_the_log_folder(app_dirs: Path) -> None:
    assert logs.setup() is None
    log.info("opened %s", "article.txt")
    log.debug("not at the default level")
    assert logs.current_file() == app_dirs / "log" / "article-summariser.log"
    lines = logs.tail()
    assert len(lines) == 1
    assert lines[0].endswith(" INFO    article_summariser.tests: opened article.txt")


def test_setup_twice_does_not_double_every_line() -> None:
    logs.setup()
    logs.setup(level=logging.DEBUG)
    log.debug("once")
    assert [line.split(": ", 1)[1] for line in logs.tail()] == ["once"]
    ours = [h for h in logging.getLogger(logs.LOGGER).handlers if h.get_name() != "caplog"]
    assert len([h for h in ours if isinstance(h, logging.FileHandler)]) == 1


def test_logs_rotate_and_keep_a_bounded_number_of_files() -> None:
    logs.setup(max_bytes=2_000)
    for i in range(400):
        log.info("line %04d %s", i, "x" * 40)
    files = logs.log_files()
    assert [f.name for f in files] == [
        "article-summariser.log",
        "article-summariser.log.1",
        "article-summariser.log.2",
        "article-summariser.log.3",
    ]
    assert all(f.stat().st_size <= 2_000 for f in files)
    assert logs.tail(1)[0].endswith("line 0399 " + "x" * 40)


def test_unwritable_log_folder_falls_back_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "log"
    blocker.write_text("a file where the log folder should be")
    problem = logs.setup(blocker / "article-summariser.log")
    assert problem is not None
    assert problem.startswith(
        f"The log file {blocker / 'article-summariser.log'} cannot be written"
    )
    assert problem.endswith("messages go to the terminal only.")
    log.error("still heard")
    err = capsys.readouterr().err
    assert "cannot be written" in err
    assert "ERROR   article_summariser.tests: still heard" in err
    assert logs.current_file() is None


def test_full_disk_drops_records_silently(capsys: pytest.CaptureFixture[str]) -> None:
    logs.setup()
    log.info("before")
    with disk_full():
        for _ in range(50):
            log.info("while the disk is full %s", "y" * 200)
    log.info("after")
    assert capsys.readouterr().err == ""
    assert logs.tail()[0].endswith("before")


def test_importing_every_module_configures_and_creates_nothing(tmp_path: Path) -> None:
    """No handlers, no folders at import time: the app decides when logging starts."""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), QT_QPA_PLATFORM="offscreen")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env.pop(var, None)
    code = textwrap.dedent(
        """
        import importlib, logging, pkgutil
        import article_summariser
        for module in pkgutil.walk_packages(article_summariser.__path__, "article_summariser."):
            if module.name != "article_summariser.__main__":
                importlib.import_module(module.name)
        handlers = logging.getLogger("article_summariser").handlers + logging.getLogger().handlers
        print(len(handlers))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout == "0\n"
    assert list(home.iterdir()) == []


def test_log_files_lists_only_ours() -> None:
    folder = paths.get().log
    (folder / "article-summariser.log").write_text("current\n")
    (folder / "article-summariser.log.2").write_text("older\n")
    (folder / "article-summariser.log.1").write_text("old\n")
    (folder / "article-summariser.log.bak").write_text("not a rotation\n")
    assert [f.name for f in logs.log_files()] == [
        "article-summariser.log",
        "article-summariser.log.1",
        "article-summariser.log.2",
    ]


def test_records_held_before_the_log_opens_are_written_first(app_dirs: Path) -> None:
    logs.hold()
    log.info("restored %d documents", 3)
    log.debug("below the level")
    assert logs.current_file() is None
    assert not (app_dirs / "log" / "article-summariser.log").exists()
    assert [line.split(": ", 1)[1] for line in logs.tail()] == ["restored 3 documents"]
    assert logs.setup() is None
    log.info("after the paint")
    assert [line.split(": ", 1)[1] for line in logs.tail()] == [
        "restored 3 documents",
        "after the paint",
    ]


def test_opening_the_app_log_module_leaves_logging_handlers_for_later() -> None:
    code = textwrap.dedent(
        """
        import sys
        from article_summariser import logs
        logs.hold()
        print("logging.handlers" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"

"""``article-summariser-cli self-test``: passes on a complete install, fails loudly on a broken one.

Each broken install is made for real in a fresh process: a Punkt model module or a format's
library that cannot be imported (what PyInstaller leaves behind when it misses an import),
langdetect's profiles folder empty (uncollected data files), and a copy of the app's package with
a resource deleted.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import ROOT

from article_summariser.commands import selftest
from article_summariser.engine import algorithms, languages

pytestmark = pytest.mark.slow


def self_test(prelude: str = "", *, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the self-test in a new interpreter, after ``prelude`` has broken something."""
    run = "from article_summariser.cli import main\nraise SystemExit(main(['self-test']))"
    code = f"{prelude}\n{run}"
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=cwd,
        check=False,
    )


def lines(output: str, status: str) -> set[str]:
    """The names of the checks reported with ``status`` (``ok`` or ``FAIL``)."""
    return {
        line[6:].split(":", 1)[0] for line in output.splitlines() if line.startswith(f"{status}  ")
    }


def all_check_names() -> set[str]:
    return {name for name, _check in selftest.checks()}


def test_every_language_algorithm_and_resource_is_checked_and_passes() -> None:
    result = self_test()
    assert result.returncode == 0, result.stdout + result.stderr
    names = all_check_names()
    assert lines(result.stdout, "ok") == names
    assert lines(result.stdout, "FAIL") == set()
    for language in languages.all_languages():
        assert f"language {language.code} {language.name}" in names
    for name in algorithms.names():
        assert f"algorithm {name}" in names
    assert {"resource sample article", "resource icons", "language detection"} <= names
    for suffix in (".txt", ".md", ".html", ".rtf", ".docx", ".odt", ".epub", ".pdf"):
        assert f"format {suffix}" in names
    assert result.stdout.splitlines()[-1].startswith(f"self-test passed: {len(names)} checks")
    # Every Punkt model the summariser uses was loaded and shown to change the splitting.
    for model in sorted({lang.sentence_model for lang in languages.all_languages()} - {None}):
        from punkt.data import is_bundled

        if is_bundled(model):
            assert f"Punkt {model} (" in result.stdout


def test_a_missing_model_or_format_library_fails_exactly_what_needs_it() -> None:
    result = self_test(
        "import sys; sys.modules['punkt.data.czech'] = None; sys.modules['pypdf'] = None"
    )
    assert result.returncode == 1
    # Czech and Slovak (split with the Czech model) and PDF files fail; nothing else does.
    failed = {"language cs czech", "language sk slovak", "format .pdf"}
    assert lines(result.stdout, "FAIL") == failed
    assert "FAIL  language cs czech: ModuleNotFoundError" in result.stdout
    assert "FAIL  format .pdf: ModuleNotFoundError" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        f"self-test FAILED: 3 of {len(all_check_names())} checks failed "
        "(language cs czech, language sk slovak, format .pdf)"
    )


def test_missing_langdetect_profiles_fail_detection_and_every_auto_summary(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "profiles"
    empty.mkdir()
    result = self_test(
        f"import langdetect.detector_factory as f; f.PROFILES_DIRECTORY = {str(empty)!r}"
    )
    assert result.returncode == 1
    failed = lines(result.stdout, "FAIL")
    assert "language detection" in failed
    assert {f"algorithm {name}" for name in algorithms.names()} <= failed
    assert "FAIL  language detection: no profile for en, de" in result.stdout


def copy_of_the_app(target: Path) -> Path:
    """The app's package with its resources, laid out as an installed wheel lays it out."""
    package = target / "article_summariser"
    shutil.copytree(
        ROOT / "desktop" / "article_summariser",
        package,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copytree(
        ROOT / "resources", package / "resources", ignore=shutil.ignore_patterns("__pycache__")
    )
    return package


def test_missing_resources_are_named(tmp_path: Path) -> None:
    package = copy_of_the_app(tmp_path / "site")
    (package / "resources" / "sample-article.txt").unlink()
    (package / "resources" / "icons" / "app-48.png").unlink()
    prelude = (
        f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r})\n"
        "import article_summariser.resources as r\n"
        f"assert r.__file__.startswith({str(tmp_path)!r}), r.__file__"
    )
    result = self_test(prelude, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    failed = lines(result.stdout, "FAIL")
    assert "FAIL  resource icons: icons/app-48.png is missing" in result.stdout
    assert "FAIL  resource sample article: FileNotFoundError" in result.stdout
    # The algorithms are tried on the sample article, so they cannot pass without it.
    assert {f"algorithm {name}" for name in algorithms.names()} <= failed
    assert "ok    language en english" in result.stdout

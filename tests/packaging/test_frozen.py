"""The frozen app, built for real with PyInstaller and started the way a new user's machine would.

The bundle is built once for this module, moved to a folder whose name has a space (it must not
depend on where it was built), and every run is cut off from this machine by
``packaging/build.py``: an empty environment (as ``env -i``), HOME and the XDG folders in a fresh
temporary folder, no network (a new network namespace) and every Python installation of this
machine hidden behind an empty mount. Building takes minutes: the module is marked slow.
"""

from __future__ import annotations

import faulthandler
import importlib.util
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from tests.conftest import ROOT, SEED_ARTICLE

from article_summariser.commands import selftest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


def _load_build() -> ModuleType:
    """packaging/build.py, the script `make package` runs (not a package: loaded by path)."""
    path = ROOT / "packaging" / "build.py"
    spec = importlib.util.spec_from_file_location("packaging_build", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _load_build()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    # Building takes minutes by nature: no "test seems stuck" stack dump (faulthandler_timeout)
    # for it. The test's own timeout (above) still applies.
    faulthandler.cancel_dump_traceback_later()
    base = tmp_path_factory.mktemp("frozen")
    build.build(dist=base / "dist", work=base / "work")
    moved = base / "Article Summariser copy"
    shutil.move(base / "dist" / build.NAME, moved)
    shutil.rmtree(base / "work")
    yield moved
    shutil.rmtree(base, ignore_errors=True)


def require_isolation(run: object) -> None:
    """Skip, saying why, only when this OS refuses the namespaces that cut the network."""
    isolation = run.isolation
    if not isolation.network:
        pytest.skip("cannot isolate the network here: " + "; ".join(isolation.notes))


def test_the_isolation_is_real(tmp_path: Path) -> None:
    """What the frozen runs below get: only loopback, and no Python of this machine."""
    venv = ROOT / ".venv"
    command, isolation = build.isolated_command(
        ["/bin/sh", "-c", f'cat /proc/net/dev; echo "venv: $(ls -A "{venv}" | wc -l)"'],
        tmp_path,
    )
    if not isolation.network:
        pytest.skip("cannot isolate the network here: " + "; ".join(isolation.notes))
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    interfaces = [line.split(":")[0].strip() for line in result.stdout.splitlines() if ":" in line]
    assert interfaces[:-1] == ["lo"]  # the last line is our "venv: N"
    assert result.stdout.rstrip().endswith("venv: 0")
    assert str(venv.resolve()) in isolation.python_hidden


def test_frozen_cli_self_test_passes_offline_on_an_empty_home(bundle: Path) -> None:
    run = build.run_frozen(bundle, ["self-test"], cli=True)
    require_isolation(run)
    assert run.returncode == 0, run.output + run.errors
    lines = run.output.splitlines()
    assert "(frozen, " in lines[0]
    names = [name for name, _check in selftest.checks()]
    assert [line for line in lines if line.startswith("FAIL")] == []
    assert len([line for line in lines if line.startswith("ok    ")]) == len(names)
    assert lines[-1].startswith(f"self-test passed: {len(names)} checks")
    assert run.written == []  # nothing in HOME or the XDG folders


def test_frozen_window_self_test_checks_qt_without_a_display(bundle: Path) -> None:
    run = build.run_frozen(bundle, ["--self-test"], cli=False)
    require_isolation(run)
    assert run.returncode == 0, run.output + run.errors
    assert "ok    qt: PySide6 " in run.output
    assert run.output.splitlines()[-1].startswith(
        f"self-test passed: {len(list(selftest.checks(gui=True)))} checks"
    )
    assert run.written == []


def test_frozen_cli_summarises_a_real_article(bundle: Path, tmp_path: Path) -> None:
    article = tmp_path / "seed article.txt"
    shutil.copyfile(SEED_ARTICLE, article)
    run = build.run_frozen(
        bundle, ["summarise", str(article), "--sentences", "3", "--format", "json"], cli=True
    )
    require_isolation(run)
    assert run.returncode == 0, run.errors
    data = json.loads(run.output)
    assert data["language"]["code"] == "en"
    assert len(data["summary"]) == 3
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    for sentence in data["summary"]:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_bundle_leaves_out_what_the_app_never_runs(bundle: Path) -> None:
    internal = bundle / "_internal"
    for name in ("tkinter", "scipy", "PIL", "matplotlib", "pytest", "PyInstaller", "setuptools"):
        assert not (internal / name).exists(), name
    # Data trimmed by packaging/hooks: jieba keeps its dictionary only, babel its root locale.
    assert (internal / "jieba" / "dict.txt").is_file()
    assert not (internal / "jieba" / "analyse" / "idf.txt").exists()
    assert sorted(p.name for p in (internal / "babel" / "locale-data").iterdir()) == [
        "en.dat",
        "root.dat",
    ]

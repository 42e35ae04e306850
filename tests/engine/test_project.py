"""The project's own wiring: packages listed, resources reachable, engine free of Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib

from tests.conftest import ROOT

PACKAGE = ROOT / "desktop" / "article_summariser"


def test_every_package_folder_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT / "desktop").parts)
        for init in PACKAGE.rglob("__init__.py")
    }
    on_disk.add("article_summariser.resources")
    assert listed == on_disk


def test_the_engine_never_imports_qt() -> None:
    for module in (PACKAGE / "engine").rglob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("PySide6", "shiboken6", "article_summariser.gui")), (
                    f"{module.relative_to(ROOT)} imports {name}"
                )


def test_importing_the_engine_loads_no_heavy_library_and_creates_nothing(tmp_path) -> None:
    code = (
        "import sys\n"
        "import article_summariser.engine, article_summariser.paths, article_summariser.cli\n"
        "heavy = [m for m in ('PySide6', 'sumy', 'nltk', 'numpy', 'langdetect', 'punkt')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == ""
    assert list(tmp_path.iterdir()) == []


def test_sample_article_ships_and_is_ours() -> None:
    from article_summariser import resources

    text = resources.sample_article()
    assert 750 <= len(text.split()) <= 950
    assert "Written for the Article Summariser project" in text
    assert "AFP" not in text

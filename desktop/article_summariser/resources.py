"""The one way to read bundled files (``resources/`` in the source tree).

Uses ``importlib.resources`` so it works from a source checkout, an installed wheel and a
PyInstaller bundle alike.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

PACKAGE = "article_summariser.resources"


def path(name: str) -> Traversable:
    """A bundled file by its path relative to ``resources/`` (``"sample-article.txt"``)."""
    node = resources.files(PACKAGE)
    for part in name.split("/"):
        node = node.joinpath(part)
    return node


def read_text(name: str) -> str:
    return path(name).read_text(encoding="utf-8")


def read_bytes(name: str) -> bytes:
    return path(name).read_bytes()


def sample_article() -> str:
    """The bundled sample article (written for this project, same licence as the code)."""
    return read_text("sample-article.txt")

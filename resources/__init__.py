"""The app's bundled files, and the one way to read them.

This package is both the data (``resources/`` in the source tree, installed as
``article_summariser.resources``) and its loader. It used to be split into a loader module
``article_summariser/resources.py`` and this data package, but a module and a package cannot share
one dotted name: the module won, and ``importlib.resources.files()`` refused the module as "not a
package". Reading goes through ``importlib.resources`` so it works from a source checkout, an
installed wheel and a PyInstaller bundle alike.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

PACKAGE = __name__


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

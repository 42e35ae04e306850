"""Fixtures shared by every test: isolated app folders and the shared evaluation data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "seed-article.txt"
EVAL = SHARED / "eval"


@cache
def dev_articles() -> tuple[dict, ...]:
    """The development split of real articles with reference summaries."""
    with (EVAL / "summaries.dev.jsonl").open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle)


def dev_article(source: str, index: int = 0) -> dict:
    rows = [row for row in dev_articles() if row["source"].startswith(source)]
    return rows[index]


@pytest.fixture(autouse=True)
def app_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test gets its own config/data/state/cache/log folders: nothing touches $HOME."""
    from article_summariser import paths

    base = tmp_path_factory.mktemp("appdirs")
    paths.init(base)
    yield base
    paths.reset()


@pytest.fixture
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")

"""A book-length PDF: read page by page with progress, stopped between pages when cancelled,
and refused when it has more pages than the cap or more text than the limit.

The book is real English articles typeset with fpdf2 (a test dependency), one line at a time
so that hundreds of pages take a moment to write. How many pages a second are read is a
benchmark figure (``python -m tests.bench.huge --pdf-pages 2000``), not a test.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from tests.books import book

from article_summariser.engine import CancelledError, InputError, loading
from article_summariser.engine.loaders import pdf

PAGES = 240


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    path = tmp_path_factory.mktemp("book") / "book.pdf"
    first, last = book(path, PAGES)
    return path, first, last


def test_a_book_is_read_page_by_page_with_progress(big_pdf: tuple[Path, str, str]) -> None:
    path, first, last = big_pdf
    seen: list[float] = []
    document = loading.load_path(path, progress=seen.append)
    assert document.format == "pdf"
    assert first in document.text
    assert last.rsplit(" ", 1)[0] in document.text  # its last word may join the next line's
    reading = [f for f in seen if f < pdf.READ_SHARE]
    assert len(reading) == PAGES  # one report as each page is read
    assert seen == sorted(seen)
    assert seen[0] == 0.0
    assert seen[-1] == 1.0


def test_cancel_stops_a_book_between_pages(big_pdf: tuple[Path, str, str]) -> None:
    """Cancelled when a quarter of the pages are read: the next page is not started."""
    path, _, _ = big_pdf
    cancel = threading.Event()
    seen: list[float] = []

    def progress(fraction: float) -> None:
        seen.append(fraction)
        if fraction >= 0.25 * pdf.READ_SHARE:
            cancel.set()

    with pytest.raises(CancelledError):
        loading.load_path(path, cancelled=cancel.is_set, progress=progress)
    pages_read = len(seen)
    assert pages_read == round(0.25 * PAGES) + 1
    assert seen[-1] < 0.3


def test_more_pages_than_the_cap_are_refused_before_any_is_read(
    big_pdf: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _, _ = big_pdf
    monkeypatch.setattr(pdf, "MAX_PAGES", 200)
    seen: list[float] = []
    with pytest.raises(InputError) as refused:
        loading.load_path(path, progress=seen.append)
    assert refused.value.message == (
        "“book.pdf” has 240 pages, over the 200-page limit. Split it, or open the chapters "
        "you want."
    )
    assert seen == []


def test_text_past_the_limit_stops_the_reading(big_pdf: tuple[Path, str, str]) -> None:
    """A PDF small enough on disk whose text unpacks past the limit is refused at the page
    where it does, not after the last one."""
    path, _, _ = big_pdf
    limit = path.stat().st_size + 1
    with pytest.raises(
        InputError,
        match=r"^“book\.pdf” holds more than \d+ KB of text \(page "
        r"(\d+) of 240\), over the limit\.$",
    ) as refused:
        loading.load_path(path, max_bytes=limit)
    page = int(refused.value.message.split("(page ")[1].split(" ")[0])
    assert page < PAGES

"""A big document in the window: its progress shows, Cancel (the real button) stops it, the
window keeps answering, and a file over the limit is refused with a message, not opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from article_summariser.gui import messages

pytestmark = pytest.mark.gui

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def big_text(size: int) -> str:
    with (SHARED / "eval" / "summaries.dev.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if '"lang": "en"' in line]
    parts, total, index = [], 0, 0
    while total < size:
        row = rows[index % len(rows)]
        part = f"Part {index}: {row['title']}\n\n{row['text']}\n\n"
        parts.append(part)
        total += len(part)
        index += 1
    return "".join(parts)


@pytest.mark.slow
def test_a_big_file_shows_progress_and_can_be_cancelled(
    qtbot, window, wait_summary, tmp_path: Path
) -> None:
    path = tmp_path / "collection.txt"
    path.write_text(big_text(4 * 1024 * 1024), encoding="utf-8")
    window.open_paths([path])
    qtbot.waitUntil(lambda: window.current is not None and window.current.busy, timeout=60_000)
    document = window.current
    qtbot.waitUntil(lambda: window.status.progress.isVisible(), timeout=30_000)
    qtbot.waitUntil(lambda: window.status.progress.value() > 0, timeout=30_000)
    button = window.status.cancel_button
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not document.busy
    assert document.error_kind == "cancelled"
    assert not window.status.progress.isVisible()

    # The worker is free again at once: a small text is summarised while the big one waits.
    small = window.workspace.new_document(
        "The worker is free again. It summarises this short text. Nothing waits for the big"
        " file. Cancel really stopped it.",
        origin="clipboard",
    )
    assert wait_summary(window, small, timeout=30_000) is small
    assert document.summary is None


def test_a_file_over_the_limit_is_refused_with_a_message(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "enormous.txt"
    with path.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse
    window.open_paths([path])
    qtbot.waitUntil(lambda: bool(messages.funnel().history), timeout=30_000)
    (message,) = messages.funnel().history
    assert message.text == "“enormous.txt” is 3 GB, over the 50 MB limit."
    assert window.workspace.documents() == ()

"""Privacy of the real app: a whole session without a URL opens no network connection, web
content is read as text (no script runs, no remote resource loads), and everything the app
keeps stays in the user's own folders, where it can be cleared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_process import Folders, report
from drive_app import LITERAL_TAGS

pytestmark = [pytest.mark.gui, pytest.mark.slow]

PAGE = """<!DOCTYPE html><html><head><title>Tides</title>
<script src="http://192.0.2.1/tracker.js"></script>
<link rel="stylesheet" href="http://192.0.2.1/style.css">
<meta http-equiv="refresh" content="0; url=http://192.0.2.1/"></head>
<body><h1>Tides</h1><img src="http://192.0.2.1/pixel.gif">
<p>The sea rises and falls twice a day. The moon pulls the water towards it. Sailors plan
their journeys around the tides.</p>
<p>Spring tides come at full and new moon. Neap tides come in between.</p>
<iframe src="http://192.0.2.1/frame"></iframe></body></html>
"""


def test_a_session_without_a_url_opens_no_connection(tmp_path: Path) -> None:
    folders = Folders(tmp_path / "app")
    page = tmp_path / "tides.html"
    page.write_text(PAGE, encoding="utf-8")
    state = report(folders, page, mode="privacy", DRIVE_AUDIT="1")

    texts = [d["text"] for d in state["documents"]]
    assert texts[0].startswith("Tides\n\nThe sea rises and falls twice a day.")
    assert texts[1].startswith("Harbour news\n\nThe harbour opened a new pier.")
    assert texts[2] == LITERAL_TAGS
    for text in texts[:2]:  # the pages' markup and addresses did not become text
        assert "192.0.2.1" not in text
        assert "<" not in text
    # Typed markup is shown as the text it is, in the summary pane too.
    assert "<img src='http://192.0.2.1/x.png'>" in state["summary_pane"]
    assert "<script>alert(1)</script>" in state["summary_pane"]

    # Allowed: urllib3's import-time IPv6 check (a socket bound to ::1 and closed: no lookup,
    # no connection, nothing sent) and the app's local socket pair that wakes the event loop
    # for Ctrl+C (AF_UNIX, within the process). Nothing else.
    allowed = {"urllib3 IPv6 probe", "local socket pair"}
    assert [e for e in state["network"] if e[1] not in allowed] == []
    pairs = [e for e in state["network"] if e[1] == "local socket pair"]
    assert all(", 1, 1, 0)" in e[2] for e in pairs)  # AF_UNIX, SOCK_STREAM
    assert state["inet"] == []

    # What the app keeps is in its own folders; the home folder is untouched.
    home = folders.base / "home"
    assert list(home.iterdir()) == []
    ours = {"config", "state", "data", "cache"}
    outside = [
        p
        for p in folders.base.rglob("*")
        if p.is_file()
        and not (p.relative_to(folders.base).parts[0] in ours and "article-summariser" in p.parts)
    ]
    assert outside == []
    session = json.loads(folders.session_file.read_text(encoding="utf-8"))
    assert [d["text"] for d in session["documents"]] == texts


def test_autosaved_text_can_be_cleared(tmp_path: Path) -> None:
    """The app keeps the open documents for next time; clearing removes every copy, including
    copies kept aside, and the next start has nothing."""
    from article_summariser import session

    folders = Folders(tmp_path / "app")
    page = tmp_path / "tides.html"
    page.write_text(PAGE, encoding="utf-8")
    assert report(folders, page)["documents"]
    assert folders.session_file.exists()
    (folders.state / "session.json.corrupt-20260101-000000").write_text("an old copy")
    assert session.clear(folders.session_file) == []
    assert list(folders.state.glob("*session*")) == []
    assert report(folders)["documents"] == []

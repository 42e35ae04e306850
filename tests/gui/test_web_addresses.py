"""A web address dropped on the window or pasted as a new document is fetched and opened;
a failing address gets a message. Pages are served by a local server on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication
from tests.gui.helpers import drop

from article_summariser.gui.messages import funnel

ARTICLE = (
    "<html><head><title>Night trains return to Europe</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/travel'>Travel</a></nav>"
    "<article><h1>Night trains return to Europe</h1>"
    "<p>Europe's night trains, written off a decade ago, are enjoying a revival that has "
    "surprised the railway companies that run them.</p>"
    "<p>New routes have opened across the continent, and many sleeping cars now sell out "
    "weeks ahead during the holidays.</p>"
    "<p>Passengers say they like arriving in the centre of a city, rested, with a full day "
    "ahead of them, and many say the climate is the main reason they travel by rail.</p>"
    "<p>Operators plan to add more carriages over the next few years as cities bid to join "
    "the growing network.</p></article>"
    "<footer>Sign up for our newsletter</footer></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/article":
            body = ARTICLE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        else:
            body = b"not here"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


def test_a_dropped_link_is_fetched_and_summarised(qtbot, window, wait_summary, site):
    mime = QMimeData()
    mime.setUrls([QUrl(f"{site}/article")])
    event = drop(window, mime)
    assert event.isAccepted()
    document = wait_summary(window)
    assert document.origin == "web"
    assert document.source == f"{site}/article"
    assert document.title == "Night trains return to Europe"
    assert "Home" not in document.text
    assert "newsletter" not in document.text
    assert document.summary is not None
    assert all("revival" in s.text or s.considered for s in document.summary.summary)
    # Dropping the same address again shows the open document instead of fetching it twice.
    drop(window, mime)
    assert len(window.workspace.model) == 1


def test_a_pasted_address_opens_as_a_page_and_a_dead_one_says_why(
    qtbot, window, wait_summary, site
):
    QGuiApplication.clipboard().setText(f"{site}/article")
    window.paste_new()
    document = wait_summary(window)
    assert document.origin == "web"
    assert "sleeping cars" in document.text
    QGuiApplication.clipboard().setText(f"{site}/missing")
    window.paste_new()
    qtbot.waitUntil(
        lambda: any("404" in m.text or "not found" in m.text.lower() for m in funnel().history),
        timeout=30_000,
    )
    QGuiApplication.clipboard().clear()

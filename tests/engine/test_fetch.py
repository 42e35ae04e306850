"""Fetching a URL on request, against a real HTTP server on 127.0.0.1.

The server runs in a thread for the module, serves a handful of fixed routes, and is shut down
at the end; every request has a short timeout, so nothing here can hang.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from tests.conftest import SHARED

from article_summariser.engine.errors import InputError
from article_summariser.engine.fetch import fetch_url, looks_like_address, looks_like_url
from article_summariser.engine.model import Role

SEED = (SHARED / "seed-article.txt").read_text(encoding="utf-8")
PARAGRAPHS = [p for p in SEED.split("\n\n") if p.strip()]
TITLE = PARAGRAPHS[0]
BODY = [p for p in PARAGRAPHS[2:-3] if not p.startswith("–") and "\n" not in p]

PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'>"
    f"<title>{TITLE} | World News</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
    f"<article><h1>{TITLE}</h1><p>By Agence France-Presse</p>"
    + "".join(f"<p>{p}</p>" for p in BODY)
    + "<div class='share'>Share on Facebook</div></article>"
    "<footer>© 2023 World News. All rights reserved.</footer>"
    "<img src='http://192.0.2.1/never-fetched.png'></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep the test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        server: _Server = self.server  # type: ignore[assignment]
        server.requests.append(self.path)
        if self.path == "/article":
            self._send(200, PAGE.encode("utf-8"), "text/html; charset=utf-8")
        elif self.path == "/latin1":
            page = PAGE.replace("charset='utf-8'", "").replace("’", "'").replace("“", '"')
            page = page.replace("”", '"').replace("‘", "'").replace("–", "-")
            self._send(200, page.encode("cp1252"), "text/html; charset=windows-1252")
        elif self.path == "/plain.txt":
            self._send(200, SEED.encode("utf-16"), "text/plain")
        elif self.path == "/moved":
            self._send(301, b"", "text/html", Location="/article")
        elif self.path == "/loop":
            self._send(302, b"", "text/html", Location="/loop")
        elif self.path == "/to-file":
            self._send(302, b"", "text/html", Location="file:///etc/passwd")
        elif self.path == "/huge":
            self._send(200, b"<p>" + b"x" * 300_000 + b"</p>", "text/html")
        elif self.path == "/slow":
            server.release.wait(5)
            self._send(200, PAGE.encode("utf-8"), "text/html")
        elif self.path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        elif self.path == "/error":
            self._send(500, b"oops", "text/plain")
        else:
            self._send(404, b"not here", "text/plain")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[str] = []
        self.release = threading.Event()


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield httpd
    finally:
        httpd.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Talk to the local server directly, whatever proxy the machine is configured with."""
    for name in (
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)


def _url(server: _Server, path: str) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}{path}"


def test_a_page_is_fetched_and_extracted_like_a_saved_one(server: _Server) -> None:
    document = fetch_url(_url(server, "/article"), timeout=5)
    assert document.format == "html"
    assert document.source == _url(server, "/article")
    assert document.title == TITLE
    body = [document.text[b.start : b.end] for b in document.blocks if b.role is Role.BODY]
    assert body == BODY
    for clutter in ("Home", "Sport", "Share on", "©", "World News"):
        assert clutter not in document.text
    # Only the page itself was requested: nothing it refers to.
    assert server.requests.count("/article") >= 1
    assert not any("never-fetched" in r for r in server.requests)


def test_charset_from_the_http_header(server: _Server) -> None:
    document = fetch_url(_url(server, "/latin1"), timeout=5)
    assert document.title == TITLE.replace("’", "'")
    assert "Moscow's assault" in document.text


def test_plain_text_answer_is_text(server: _Server) -> None:
    document = fetch_url(_url(server, "/plain.txt"), timeout=5)
    assert document.format == "text"
    assert document.text == SEED


def test_redirects_are_followed_to_http_only(server: _Server) -> None:
    assert fetch_url(_url(server, "/moved"), timeout=5).title == TITLE
    with pytest.raises(InputError, match="redirects to a file: address"):
        fetch_url(_url(server, "/to-file"), timeout=5)


def test_a_redirect_loop_is_one_plain_sentence(server: _Server) -> None:
    with pytest.raises(InputError) as caught:
        fetch_url(_url(server, "/loop"), timeout=5)
    assert str(caught.value) == (
        "The page at 127.0.0.1 redirects too many times (a redirect loop), so it cannot be "
        "downloaded."
    )


def test_size_cap(server: _Server) -> None:
    with pytest.raises(InputError) as caught:
        fetch_url(_url(server, "/huge"), timeout=5, max_bytes=100_000)
    assert str(caught.value) == "The page at 127.0.0.1 is 293 KB, over the 98 KB limit."


def test_timeout(server: _Server) -> None:
    with pytest.raises(InputError) as caught:
        fetch_url(_url(server, "/slow"), timeout=0.5)
    assert str(caught.value) == "127.0.0.1 did not answer within 0.5 seconds."


def test_http_errors(server: _Server) -> None:
    with pytest.raises(InputError) as caught:
        fetch_url(_url(server, "/missing"), timeout=5)
    assert (
        str(caught.value)
        == "The server at 127.0.0.1 answered 404 Not Found: the page does not exist."
    )
    with pytest.raises(InputError) as caught:
        fetch_url(_url(server, "/error"), timeout=5)
    assert str(caught.value) == "The server at 127.0.0.1 answered 500 Internal Server Error."


def test_an_image_url_is_unsupported(server: _Server) -> None:
    with pytest.raises(InputError, match="is a PNG image, which this app cannot read"):
        fetch_url(_url(server, "/image"), timeout=5)


def test_refused_connection() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError) as caught:
        fetch_url(f"http://127.0.0.1:{port}/article", timeout=2)
    assert str(caught.value) == "127.0.0.1 refused the connection."


def test_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No network at all: name resolution fails, as it does on a machine that is offline."""

    def offline(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    with pytest.raises(InputError) as caught:
        fetch_url("https://news.example.org/world/kim-putin", timeout=2)
    assert str(caught.value) == (
        "Could not find news.example.org: you may be offline, or the address is mistyped. "
        "Check the connection and the address, or save the page and open the file."
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "only http:// and https:// pages can be fetched"),
        ("ftp://example.org/a.txt", "only http:// and https:// pages can be fetched"),
        ("javascript:alert(1)", "only http:// and https:// pages can be fetched"),
        ("http:///path-only", "has no host name"),
        ("https://", "“https://” is an incomplete web address: it has no host name."),
        ("https://exa mple.org/", "is not a valid web address: it has a space in it"),
    ],
)
def test_only_web_addresses(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        fetch_url(url, timeout=1)


def test_what_counts_as_a_url() -> None:
    assert looks_like_url("https://www.example.org/news/1")
    assert looks_like_url("  http://example.org  ")
    assert not looks_like_url("see https://example.org for more")
    assert not looks_like_url("https://a.org\nhttps://b.org")
    assert not looks_like_url("C:\\Users\\me\\article.txt")
    assert not looks_like_url("https://")
    assert looks_like_address("https://")
    assert looks_like_address("FTP://example.org")
    assert not looks_like_address("notes/https:/x.txt")

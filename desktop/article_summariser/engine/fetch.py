"""Fetch a web page the user explicitly asked for (a URL pasted or dropped), then extract it.

The app is offline by design: this is the only code that opens a network connection, and only
when called for one URL the user gave. Only http and https are followed (redirects included),
the answer is capped in size, the connection has a timeout, and every failure (offline, no such
host, refused, timed out, an HTTP error, an unsupported kind of document) is an ``InputError``
with a message that says which.
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

from article_summariser import __version__
from article_summariser.engine.errors import InputError
from article_summariser.engine.loading import DEFAULT_MAX_BYTES, human_size, over_limit

if TYPE_CHECKING:
    from article_summariser.engine.loading import LoadedDocument

#: Seconds to wait for the server, for the connection and for each read.
DEFAULT_TIMEOUT = 20.0
SCHEMES = ("http", "https")
USER_AGENT = f"ArticleSummariser/{__version__} (+offline desktop app; fetches one page on request)"
_URL = re.compile(r"^\s*https?://\S+\s*$", re.IGNORECASE)
_ADDRESS = re.compile(r"^\s*[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def looks_like_url(text: str) -> bool:
    """Whether ``text`` is one http(s) URL and nothing else (what a pasted or dropped link is)."""
    return bool(_URL.match(text)) and "\n" not in text.strip()


def looks_like_address(text: str) -> bool:
    """Whether ``text`` is meant as a web address (``scheme://`` first), complete or not: one
    that is not a valid http(s) URL is then refused as an address ("https://" has no host),
    not looked for as a file called "https:"."""
    return bool(_ADDRESS.match(text))


def is_page_to_fetch(source: str) -> bool:
    """Whether ``source`` (a command-line argument, a batch item) is a web address to fetch
    rather than a file: it starts like an address and no file of that name is here."""
    if not looks_like_address(source):
        return False
    try:
        return not Path(source.strip()).exists()
    except OSError:
        return True


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only (never to file:, ftp: or data:)."""

    max_redirections = 10

    def http_error_302(self, req, fp, code, msg, headers):
        target = headers.get("Location") or headers.get("URI") or ""
        scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, target)).scheme.lower()
        if scheme not in SCHEMES:
            fp.close()
            raise InputError(f"The page redirects to a {scheme}: address, which is not followed.")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _check(url: str) -> tuple[str, str]:
    url = url.strip()
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        raise InputError(f"“{url}” is not a valid web address.") from None
    if parts.scheme.lower() not in SCHEMES:
        raise InputError(
            f"“{url}” is not a web address: only http:// and https:// pages can be fetched."
        )
    if not parts.hostname:
        raise InputError(f"“{url}” is an incomplete web address: it has no host name.")
    if any(c.isspace() for c in url):
        raise InputError(f"“{url}” is not a valid web address: it has a space in it.")
    return url, parts.hostname


def fetch_url(
    url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES
) -> LoadedDocument:
    """Download ``url`` and load it like a file of the same type (most often a web page)."""
    from article_summariser.engine.loading import load_bytes

    url, host = _check(url)
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5",
        },
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl() or url
            content_type = response.headers.get_content_type() or ""
            charset = response.headers.get_content_charset()
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise over_limit(f"The page at {host}", int(length), max_bytes)
            data = response.read(max_bytes + 1)
    except InputError:
        raise
    except urllib.error.HTTPError as error:
        error.close()
        if 300 <= error.code < 400:
            # urllib's own text here is three lines quoting the last redirect.
            raise InputError(
                f"The page at {host} redirects too many times (a redirect loop), so it "
                "cannot be downloaded."
            ) from None
        raise InputError(
            f"The server at {host} answered {error.code} {error.reason or ''}".rstrip()
            + (": the page does not exist." if error.code in (404, 410) else ".")
        ) from None
    except urllib.error.URLError as error:
        raise InputError(_network_message(host, error.reason, timeout)) from None
    except TimeoutError:
        raise InputError(f"{host} did not answer within {timeout:g} seconds.") from None
    except (http.client.HTTPException, ConnectionError, OSError, ValueError) as error:
        raise InputError(f"The page at {host} could not be downloaded ({error}).") from None
    if len(data) > max_bytes:
        raise InputError(f"The page at {host} is over the {human_size(max_bytes)} limit.")
    if not data:
        raise InputError(f"The page at {host} is empty.")
    path = urllib.parse.urlsplit(final_url).path
    suffix = ""
    if "." in path.rsplit("/", 1)[-1]:
        suffix = "." + path.rsplit(".", 1)[-1].lower()
    return load_bytes(
        data,
        f"The page at {host}",
        final_url,
        suffix=suffix if content_type in ("", "application/octet-stream") else "",
        content_type=content_type,
        charset=charset,
    )


def _network_message(host: str, reason: object, timeout: float) -> str:
    if isinstance(reason, socket.gaierror):
        return (
            f"Could not find {host}: you may be offline, or the address is mistyped. "
            "Check the connection and the address, or save the page and open the file."
        )
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"{host} did not answer within {timeout:g} seconds."
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection."
    if isinstance(reason, ssl.SSLError):
        return f"The secure connection to {host} failed ({reason.reason or reason})."
    if isinstance(reason, OSError) and reason.errno in (101, 113, 65, 51):  # unreachable
        return f"Could not reach {host}: you seem to be offline."
    return f"Could not download the page at {host} ({reason})."

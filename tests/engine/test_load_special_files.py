"""Paths that are not documents: a named pipe, a device, a socket, a folder.

Each is refused from its ``stat`` with a message that says what it is, before it is opened:
opening a pipe with no writer waits forever, and reading a device never ends. Every load runs
in a thread with a deadline, so a regression fails here instead of hanging the test run.
Standard input, the one stream the command line reads on purpose, is held to the size limit of
files while it is read.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from tests.conftest import dev_articles

from article_summariser.engine import InputError, loading

PIPE_MESSAGE = (
    "is a pipe, not a document: it has no end to read to. Save what it carries to a file and "
    "open that."
)


def refusal(path: Path | str, deadline: float = 20) -> str:
    """The message ``load_path`` refuses ``path`` with; fails if it blocks or loads."""
    outcome: list[BaseException | object] = []

    def load() -> None:
        try:
            outcome.append(loading.load_path(path))
        except BaseException as error:  # handed to the test thread
            outcome.append(error)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(deadline)
    assert not worker.is_alive(), f"load_path({path}) blocked"
    (error,) = outcome
    assert isinstance(error, InputError), error
    return error.message


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    assert refusal(fifo) == f"“feed.txt” {PIPE_MESSAGE}"


def test_a_link_to_a_pipe_is_refused_as_the_pipe(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "feed")
    link = tmp_path / "article.txt"
    link.symlink_to(tmp_path / "feed")
    assert refusal(link) == f"“article.txt” {PIPE_MESSAGE}"


def test_devices_are_refused_unread() -> None:
    assert refusal("/dev/null") == "“null” is a device, not a document."
    assert refusal("/dev/urandom") == "“urandom” is a device, not a document."


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "app.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen()
        assert refusal(path) == "“app.sock” is a socket, not a document."


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    assert refusal(tmp_path / "articles") == "“articles” is a folder, not a document."


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "article_summariser.cli", *args],
        capture_output=True,
        timeout=120,
        check=False,
        **kwargs,
    )


def test_the_command_line_refuses_a_pipe_path_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    done = cli("summarise", str(fifo))
    assert done.returncode == 1
    assert done.stdout == b""
    assert done.stderr.decode() == f"article-summariser-cli: “feed” {PIPE_MESSAGE}\n"


def prose() -> bytes:
    """Real English articles, joined: about 4 MB."""
    return "\n\n".join(r["text"] for r in dev_articles() if r["lang"] == "en").encode()


def test_standard_input_past_the_limit_is_refused_while_it_is_read() -> None:
    """A pipe has no size to check first: reading stops one byte past the limit, however
    much more the writer has, and the command says so."""
    chunk = prose()
    process = subprocess.Popen(
        [sys.executable, "-m", "article_summariser.cli", "summarise", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    written = 0
    assert process.stdin is not None
    try:
        while written < 200 * 1024 * 1024:  # four times the limit, unless refused first
            process.stdin.write(chunk)
            written += len(chunk)
        process.stdin.close()
    except BrokenPipeError:
        pass  # the reader stopped reading and left: what this test wants
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert out == b""
    assert err.decode() == ("article-summariser-cli: The standard input is over the 50 MB limit.\n")
    assert written < 200 * 1024 * 1024


def test_standard_input_from_a_big_file_is_refused_by_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GB that take no disk
    with big.open("rb") as stdin:
        done = cli("summarise", "-", stdin=stdin)
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "article-summariser-cli: The standard input is 3 GB, over the 50 MB limit.\n"
    )


class Endless(io.RawIOBase):
    """A stream of real prose that never ends, counting what it hands out."""

    def __init__(self) -> None:
        self.text = prose()
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        start = self.served % len(self.text)
        piece = self.text[start : start + len(buffer)]
        buffer[: len(piece)] = piece
        self.served += len(piece)
        return len(piece)


def test_reading_a_stream_stops_one_byte_past_the_limit() -> None:
    stream = Endless()
    with pytest.raises(InputError) as refused:
        loading.read_stream(stream, "The feed", max_bytes=3 * 1024 * 1024)
    assert refused.value.message == "The feed is over the 3 MB limit."
    assert stream.served == 3 * 1024 * 1024 + 1


def test_a_stream_within_the_limit_is_read_whole() -> None:
    data = prose()
    assert loading.read_stream(io.BytesIO(data), max_bytes=len(data)) == data


@pytest.mark.parametrize(
    ("size", "limit", "words"),
    [
        (
            50 * 2**20 + 1,
            50 * 2**20,
            "is 52,428,801 bytes, over the 50 MB limit (52,428,800 bytes).",
        ),
        (10 * 2**30, 50 * 2**20, "is 10 GB, over the 50 MB limit."),
        (int(1.5 * 2**30), 2**30, "is 1.5 GB, over the 1 GB limit."),
        (300 * 1024, 200 * 1024, "is 300 KB, over the 200 KB limit."),
    ],
)
def test_a_size_over_the_limit_never_reads_as_the_limit(size: int, limit: int, words: str) -> None:
    assert loading.over_limit("“a.txt”", size, limit).message == f"“a.txt” {words}"


def test_one_byte_over_the_limit_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(1025)  # sparse
    with pytest.raises(InputError) as refused:
        loading.load_path(path, max_bytes=1024)
    assert refused.value.message == "“big.txt” is 1,025 bytes, over the 1 KB limit (1,024 bytes)."

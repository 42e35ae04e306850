"""``summarise FILE...`` as a user runs it: real processes, real files, outputs parsed back."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import SEED_ARTICLE, dev_article


def cli(*args: str, stderr: int | None = subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "article_summariser.cli", *args],
        stdout=subprocess.PIPE,
        stderr=stderr,
        timeout=240,
        check=False,
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reading list: articles in three languages, a sub-folder, and files that cannot work."""
    root = tmp_path_factory.mktemp("reading")
    (root / "a-bbc.txt").write_text(dev_article("bbc", 11)["text"], encoding="utf-8")
    (root / "b-empty.txt").write_bytes(b"")
    (root / "c-lemonde.txt").write_text(dev_article("orangesum", 4)["text"], encoding="utf-8")
    (root / "d-binary.md").write_bytes(bytes(range(256)) * 40)
    (root / "e-more").mkdir()
    (root / "e-more" / "wiki.txt").write_text(dev_article("klexikon", 6)["text"], encoding="utf-8")
    (root / "e-more" / "photo.png").write_bytes(b"\x89PNG not a document")
    return root


def _expected_order(folder: Path) -> list[str]:
    return [
        str(folder / "a-bbc.txt"),
        str(folder / "b-empty.txt"),
        str(folder / "c-lemonde.txt"),
        str(folder / "d-binary.md"),
        str(folder / "e-more" / "wiki.txt"),
        str(SEED_ARTICLE),
        str(folder / "missing.txt"),
    ]


@pytest.fixture(scope="module")
def json_run(folder: Path) -> subprocess.CompletedProcess:
    return cli(
        "summarise", str(folder), str(SEED_ARTICLE), str(folder / "missing.txt"),
        "--format", "json", "--sentences", "2", "--jobs", "2",
    )  # fmt: skip


def test_many_files_make_one_json_digest_in_input_order(
    json_run: subprocess.CompletedProcess, folder: Path
) -> None:
    assert json_run.returncode == 1  # some failed
    data = json.loads(json_run.stdout)
    order = _expected_order(folder)
    assert [d["source"] for d in data["documents"]] == [order[0], order[2], order[4], order[5]]
    assert [d["language"] for d in data["documents"]] == ["en", "fr", "de", "en"]
    assert all(len(d["summary"]) == 2 for d in data["documents"])
    assert data["documents"][3]["title"].startswith("North Korea’s Kim in Russia")
    for document in data["documents"]:
        words = document["words"]
        assert words["original"] > words["summary"] > 0
        assert words["reduction_percent"] == round(
            100 * (1 - words["summary"] / words["original"]), 1
        )
        assert 1 <= len(document["keywords"]) <= 8
    assert [f["source"] for f in data["failed"]] == [order[1], order[3], order[6]]
    assert data["failed"][0]["reason"] == "“b-empty.txt” is empty (0 bytes)."
    assert "missing.txt” does not exist" in data["failed"][2]["reason"]


def test_failures_are_one_line_each_on_stderr_and_no_progress_when_piped(
    json_run: subprocess.CompletedProcess, folder: Path
) -> None:
    lines = json_run.stderr.decode().splitlines()
    assert lines == [
        f"article-summariser-cli: {folder / 'b-empty.txt'}: “b-empty.txt” is empty (0 bytes).",
        f"article-summariser-cli: {folder / 'd-binary.md'}: “d-binary.md” looks like a binary "
        "file, not text.",
        f"article-summariser-cli: {folder / 'missing.txt'}: “missing.txt” does not exist (was "
        "it moved or deleted?).",
    ]
    assert "\r" not in json_run.stderr.decode()
    assert "Traceback" not in json_run.stderr.decode()


def test_the_digest_is_the_same_summary_as_one_file_at_a_time(
    json_run: subprocess.CompletedProcess, folder: Path
) -> None:
    single = cli("summarise", str(folder / "c-lemonde.txt"), "--format", "json", "--sentences", "2")
    assert single.returncode == 0
    one = json.loads(single.stdout)
    # The one-file schema is unchanged: the full document with sentence offsets.
    assert set(one) == {
        "source", "title", "language", "algorithm", "length", "words", "keywords",
        "sentences", "summary", "notes", "timings",
    }  # fmt: skip
    assert one["source"] == "c-lemonde.txt"
    entry = json.loads(json_run.stdout)["documents"][1]
    assert entry["summary"] == [" ".join(s["text"].split()) for s in one["summary"]]
    assert entry["keywords"] == one["keywords"]
    assert entry["words"]["original"] == one["words"]["original"]


def test_csv_digest_of_a_folder(folder: Path) -> None:
    result = cli("summarise", str(folder), "--format", "csv", "--ratio", "0.2", "-j", "2")
    assert result.returncode == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode(), newline="")))
    assert [(Path(r["source"]).name, r["status"]) for r in rows] == [
        ("a-bbc.txt", "done"),
        ("c-lemonde.txt", "done"),
        ("wiki.txt", "done"),
        ("b-empty.txt", "failed"),
        ("d-binary.md", "failed"),
    ]
    for row in rows[:3]:
        assert 50 < float(row["reduction_percent"]) < 100
        assert row["summary"]
        assert row["keywords"]
    assert rows[4]["error"] == "“d-binary.md” looks like a binary file, not text."


def test_jsonl_is_the_one_file_schema_per_line(folder: Path) -> None:
    result = cli(
        "summarise", str(folder / "a-bbc.txt"), str(SEED_ARTICLE), str(folder / "b-empty.txt"),
        "--format", "jsonl", "--sentences", "3", "-j", "2",
    )  # fmt: skip
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line["source"] for line in lines] == [
        str(folder / "a-bbc.txt"),
        str(SEED_ARTICLE),
        str(folder / "b-empty.txt"),
    ]
    assert len(lines[1]["summary"]) == 3
    seed_text = SEED_ARTICLE.read_text(encoding="utf-8")
    for sentence in lines[1]["sentences"]:
        assert seed_text[sentence["start"] : sentence["end"]] == sentence["text"]
    assert lines[2] == {"source": str(folder / "b-empty.txt"), "error": lines[2]["error"]}


def test_text_and_markdown_for_many_files(folder: Path) -> None:
    files = [str(folder / "a-bbc.txt"), str(SEED_ARTICLE)]
    text = cli("summarise", *files, "--sentences", "2", "-j", "1")
    assert text.returncode == 0
    assert text.stderr == b""
    blocks = text.stdout.decode().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [f"==> {f} <==" for f in files]
    assert [len(b.strip().splitlines()) for b in blocks] == [3, 3]
    markdown = cli("summarise", *files, "--format", "markdown", "--sentences", "2", "-j", "1")
    lines = markdown.stdout.decode().splitlines()
    assert lines[:3] == ["# Summaries", "", "2 documents"]
    assert [line for line in lines if line.startswith("## ")][1].startswith("## North Korea")
    assert sum(line.startswith("- ") for line in lines) == 4


def test_a_terminal_sees_a_progress_line(folder: Path) -> None:
    parent, child = pty.openpty()
    try:
        result = cli(
            "summarise", str(folder / "a-bbc.txt"), str(folder / "b-empty.txt"),
            str(SEED_ARTICLE), "--format", "json", "-j", "2",
            stderr=child,
        )  # fmt: skip
    finally:
        os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # the terminal closed: everything has been read
            break
        if not chunk:
            break
        shown += chunk
    os.close(parent)
    screen = shown.decode()
    assert screen.startswith("[0/3] starting 2 processes…")
    assert "\r\x1b[2K[3/3] " in screen
    assert "failed: b-empty.txt" in screen
    assert re.search(r"\r\n2 summarised, 1 failed \(\d+\.\d s, 2 processes\)\r\n$", screen)
    assert len(json.loads(result.stdout)["documents"]) == 2  # stdout is untouched


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-", "x.txt"], "- (standard input) cannot be combined"),
        (["a.txt", "b.txt", "--jobs", "0"], "--jobs must be at least 1"),
        (["a.txt", "b.txt", "--algorithm", "magic"], "not an algorithm"),
    ],
)
def test_usage_problems_with_many_files(args: list[str], message: str) -> None:
    result = cli("summarise", *args)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert result.stdout == b""


def test_all_good_files_exit_0(folder: Path) -> None:
    result = cli(
        "summarise",
        str(folder / "a-bbc.txt"),
        str(folder / "e-more"),
        "--format",
        "html",
        "-j",
        "2",
    )
    assert result.returncode == 0
    page = result.stdout.decode()
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<article>") == 2
    assert "Not summarised" not in page


# Folders that cannot be entered ------------------------------------------------------------------


def _unprivileged(*args: str) -> subprocess.CompletedProcess:
    """The CLI as a user without root's power to read anything: a ``chmod 000`` folder is then
    really unreadable (root reads it anyway, so the capabilities are dropped for the run)."""
    command = [sys.executable, "-m", "article_summariser.cli", *args]
    if os.geteuid() == 0:
        import shutil

        setpriv = shutil.which("setpriv")
        assert setpriv is not None, "as root, setpriv (util-linux; .ci/run installs it) is needed"
        command = [setpriv, "--inh-caps=-all", "--bounding-set=-all", *command]
    return subprocess.run(command, capture_output=True, timeout=240, check=False)


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """``tmp_path`` with ``ok.txt`` readable and ``locked/a.txt`` in a folder nobody may enter."""
    (tmp_path / "ok.txt").write_bytes(SEED_ARTICLE.read_bytes())
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED_ARTICLE.read_bytes())
    folder.chmod(0)
    try:
        yield tmp_path
    finally:
        folder.chmod(0o755)


UNREADABLE = "cannot be read: Permission denied."


def test_a_file_in_a_folder_that_cannot_be_entered_is_one_line(locked: Path) -> None:
    result = _unprivileged("summarise", str(locked / "locked" / "a.txt"))
    assert result.returncode == 1
    assert result.stderr.decode().strip() == f"article-summariser-cli: “a.txt” {UNREADABLE}"
    assert result.stdout == b""


def test_an_unreadable_file_does_not_stop_the_others(locked: Path) -> None:
    bad = str(locked / "locked" / "a.txt")
    result = _unprivileged("summarise", str(locked / "ok.txt"), bad, "--format", "jsonl")
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert err.strip() == f"article-summariser-cli: {bad}: “a.txt” {UNREADABLE}"
    done, failed = (json.loads(line) for line in result.stdout.decode().splitlines())
    assert done["source"] == str(locked / "ok.txt")
    assert done["summary"]
    assert failed == {"source": bad, "error": f"“a.txt” {UNREADABLE}"}


def test_a_folder_that_cannot_be_read_says_so(locked: Path) -> None:
    folder = str(locked / "locked")
    result = _unprivileged("summarise", folder)
    assert result.returncode == 1
    assert (
        result.stderr.decode().strip() == f"article-summariser-cli: {folder}: “locked” {UNREADABLE}"
    )


def test_an_unreadable_folder_inside_is_listed_as_failed(locked: Path) -> None:
    result = _unprivileged("summarise", str(locked), "--format", "json")
    assert result.returncode == 1
    digest = json.loads(result.stdout)
    assert [d["source"] for d in digest["documents"]] == [str(locked / "ok.txt")]
    assert digest["failed"] == [
        {"source": str(locked / "locked"), "reason": f"“locked” {UNREADABLE}"}
    ]

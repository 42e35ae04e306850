"""``article-summariser-cli extract`` and ``summarise`` on real documents, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tests.conftest import SEED_ARTICLE

import article_summariser

SEED = SEED_ARTICLE.read_text(encoding="utf-8")
PARAGRAPHS = [p for p in SEED.split("\n\n") if p.strip()]
TITLE = PARAGRAPHS[0]
BODY = [p for p in PARAGRAPHS[2:-3] if not p.startswith("–") and "\n" not in p]


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "article_summariser.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONIOENCODING": "utf-8",
            "NO_PROXY": "*",
            # The package this test imported, not whichever one the interpreter would find.
            "PYTHONPATH": str(Path(article_summariser.__file__).parents[1]),
        },
    )


def _page() -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
        "<nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
        f"<article><h1>{TITLE}</h1><p>By Agence France-Presse</p>"
        "<figure><img src='k.jpg'><figcaption>Source: Video Screenshot</figcaption></figure>"
        + "".join(f"<p>{p}</p>" for p in BODY)
        + "<p>Share this article</p></article><footer>© AFP 2023</footer></body></html>"
    )


def test_extract_text_of_pasted_article_is_the_text_itself() -> None:
    result = cli("extract", str(SEED_ARTICLE))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == SEED + "\n"


def test_extract_json_marks_the_seed_furniture() -> None:
    result = cli("extract", str(SEED_ARTICLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == TITLE
    assert data["text"] == SEED
    assert data["format"] == "text"
    assert data["encoding"] == "utf-8"
    for paragraph in data["paragraphs"]:
        assert SEED[paragraph["start"] : paragraph["end"]] == paragraph["text"]
    skipped = {
        p["text"]: (p["role"], p["reason"]) for p in data["paragraphs"] if p["role"] != "body"
    }
    assert skipped == {
        TITLE: ("title", "title"),
        PARAGRAPHS[1].splitlines()[0]: ("heading", "heading"),
        "Source: Video Screenshot": ("caption", "image credit"),
        "– Steadfast allies –": ("heading", "section break"),
        "– ‘Begging’ for help –": ("heading", "section break"),
        "About the author": ("boilerplate", "author blurb"),
        PARAGRAPHS[-2].strip(): ("boilerplate", "author blurb"),
        "Daily Newsletter": ("boilerplate", "newsletter prompt"),
    }


def test_extract_and_summarise_a_word_document(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading(TITLE, 0)
    for paragraph in BODY:
        document.add_paragraph(paragraph)
    document.add_paragraph("Sign up for our daily newsletter")
    path = tmp_path / "kim.docx"
    document.save(path)

    extracted = cli("extract", str(path), "--format", "json")
    assert extracted.returncode == 0, extracted.stderr
    data = json.loads(extracted.stdout)
    assert data["title"] == TITLE
    assert data["text"] == "\n\n".join([TITLE, *BODY, "Sign up for our daily newsletter"])
    roles = [(p["role"], p["text"]) for p in data["paragraphs"]]
    assert roles[0] == ("title", TITLE)
    assert roles[-1] == ("boilerplate", "Sign up for our daily newsletter")
    assert [t for r, t in roles if r == "body"] == BODY

    summary = cli("summarise", str(path), "--sentences", "4", "--format", "json")
    assert summary.returncode == 0, summary.stderr
    result = json.loads(summary.stdout)
    assert len(result["summary"]) == 4
    for sentence in result["summary"]:
        assert data["text"][sentence["start"] : sentence["end"]] == sentence["text"]
        assert "newsletter" not in sentence["text"]


def test_extract_a_saved_page_from_standard_input() -> None:
    result = cli("extract", "-", stdin=_page().encode("utf-8"))
    assert result.returncode == 0, result.stderr
    # The byline and the share prompt stay in the text, marked as skipped (see the JSON).
    assert (
        result.stdout.decode("utf-8")
        == "\n\n".join([TITLE, "By Agence France-Presse", *BODY, "Share this article"]) + "\n"
    )


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "kim.html").write_text(_page(), encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_extract_and_summarise_a_url(site: str) -> None:
    result = cli("extract", f"{site}/kim.html", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == TITLE
    assert data["source"] == f"{site}/kim.html"
    assert [p["text"] for p in data["paragraphs"] if p["role"] == "body"] == BODY
    summary = cli("summarise", f"{site}/kim.html", "--sentences", "2")
    assert summary.returncode == 0, summary.stderr
    assert "Share" not in summary.stdout.decode("utf-8")
    missing = cli("extract", f"{site}/gone.html")
    assert missing.returncode == 1
    assert missing.stderr.decode("utf-8") == (
        "article-summariser-cli: The server at 127.0.0.1 answered 404 File not found: the page "
        "does not exist.\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "“empty.txt” is empty (0 bytes)."),
        ("data.txt", bytes(range(256)) * 8, "“data.txt” looks like a binary file, not text."),
        (
            "fake.docx",
            b"not a zip at all",
            "“fake.docx” is not a Word (.docx) file although its name says so: it is damaged, or "
            "another kind of file renamed.",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("extract", str(path))
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode("utf-8") == f"article-summariser-cli: {message}\n"


@pytest.mark.parametrize("command", ["extract", "detect", "summarise"])
def test_an_incomplete_address_is_called_one(command: str) -> None:
    result = cli(command, "https://")
    assert result.returncode == 1
    assert result.stderr.decode("utf-8") == (
        "article-summariser-cli: “https://” is an incomplete web address: it has no host name.\n"
    )


def _truncated_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "", 12)
    pdf.cell(0, 10, "The board met on Tuesday and agreed the budget.")
    data = bytes(pdf.output())
    path.write_bytes(data[: data.rindex(b"%%EOF") - 40])  # cut before the end marker


def test_a_truncated_pdf_is_only_our_message(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    _truncated_pdf(path)
    result = cli("summarise", str(path))
    assert result.returncode == 1
    (line,) = result.stderr.decode("utf-8").splitlines()
    assert line.startswith("article-summariser-cli: “cut.pdf” ")
    good = tmp_path / "good.txt"
    good.write_bytes(SEED_ARTICLE.read_bytes())
    batch = cli("summarise", str(good), str(path), "--jobs", "2")
    assert batch.returncode == 1
    (line,) = batch.stderr.decode("utf-8").splitlines()  # the workers keep quiet too
    assert line.startswith(f"article-summariser-cli: {path}: “cut.pdf” ")

"""Digests of real summaries, written to disk in every format and read back."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from faults import disk_full
from tests.conftest import SEED_ARTICLE, dev_article

from article_summariser.engine import InputError, Length, Options, algorithms, summarise
from article_summariser.engine import digest as dg

OPTIONS = Options(length=Length.sentences(3))
HOSTILE = '<script>alert("x")</script> & <b>bold</b> *stars* [link](javascript:alert(1))'


@pytest.fixture(scope="module")
def entries() -> list[dg.Entry]:
    seed = summarise(SEED_ARTICLE.read_text(encoding="utf-8"), OPTIONS)
    french = summarise(dev_article("orangesum", 2)["text"], OPTIONS)
    german = dev_article("klexikon", 0)
    german_summary = summarise(german["text"], OPTIONS, title=HOSTILE)
    return [
        dg.Entry.from_summary(seed, "news/seed-article.txt"),
        dg.Entry.from_summary(french, "https://example.org/a?x=1&y=2"),
        dg.Entry.from_summary(german_summary, "javascript:alert(1)"),
    ]


FAILURES = [
    dg.Failure("reports/empty.txt", "“empty.txt” is empty (0 bytes)."),
    dg.Failure("reports/<img src=x>.txt", "“<img src=x>.txt” looks like a binary file, not text."),
]


def test_entries_carry_the_summary_figures(entries: list[dg.Entry]) -> None:
    seed = entries[0]
    assert seed.title == "North Korea’s Kim in Russia for Putin talks as US warns on arms deal"
    assert (seed.language, seed.language_name, seed.algorithm) == (
        "en",
        "English",
        algorithms.DEFAULT,
    )
    assert len(seed.sentences) == 3
    assert seed.words_original > seed.words_summary > 0
    expected = round(100 * (1 - seed.words_summary / seed.words_original), 1)
    assert seed.reduction_percent == expected
    assert 80 < seed.reduction_percent < 100
    assert len(seed.keywords) == 8
    assert entries[1].language_name == "French"
    assert entries[2].language == "de"


def test_json_digest_round_trips(entries: list[dg.Entry], tmp_path: Path) -> None:
    path = dg.write(dg.Digest.of(entries, FAILURES), tmp_path / "digest.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["kind"] == "article-summariser-digest"
    assert data["version"] == 1
    assert data["created"] is None
    assert len(data["documents"]) == 3
    for entry, document in zip(entries, data["documents"], strict=True):
        assert document["title"] == entry.title
        assert document["source"] == entry.source
        assert document["language"] == entry.language
        assert document["summary"] == list(entry.sentences)
        assert document["keywords"] == list(entry.keywords)
        assert document["words"] == {
            "original": entry.words_original,
            "summary": entry.words_summary,
            "reduction_percent": entry.reduction_percent,
        }
    assert data["failed"] == [{"source": f.source, "reason": f.reason} for f in FAILURES]


def test_csv_digest_round_trips(entries: list[dg.Entry], tmp_path: Path) -> None:
    path = dg.write(dg.Digest.of(entries, FAILURES), tmp_path / "digest.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(dg.CSV_COLUMNS)
    assert [r["status"] for r in rows] == ["done", "done", "done", "failed", "failed"]
    for entry, row in zip(entries, rows, strict=False):
        assert row["summary"].split("\n") == list(entry.sentences)
        assert row["keywords"].split("; ") == list(entry.keywords)
        assert int(row["words_original"]) == entry.words_original
        assert float(row["reduction_percent"]) == entry.reduction_percent
        assert row["language_name"] == entry.language_name
        assert row["error"] == ""
    assert rows[0]["title"] == entries[0].title
    assert rows[2]["title"] == HOSTILE  # "<" is no formula: kept as it is
    assert [(r["source"], r["error"]) for r in rows[3:]] == [(f.source, f.reason) for f in FAILURES]


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(tmp_path: Path) -> None:
    entry = dg.Entry(
        title='=HYPERLINK("http://evil.example","click")',
        source="@SUM(A1)",
        language="en",
        language_name="English",
        algorithm="lead",
        words_original=10,
        words_summary=5,
        keywords=("+1",),
        sentences=("-2 degrees tonight.", "Fine tomorrow."),
    )
    text = dg.render(dg.Digest.of([entry]), "csv")
    row = next(csv.DictReader(text.splitlines(keepends=True)))
    assert row["title"] == "'" + entry.title
    assert row["source"] == "'@SUM(A1)"
    assert row["keywords"] == "'+1"
    assert row["summary"] == "'-2 degrees tonight.\nFine tomorrow."
    assert row["reduction_percent"] == "50.0"


class _Page(HTMLParser):
    """Collects what a browser would show, by element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._open.append(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._open and data.strip():
            self.text.setdefault(self._open[-1], []).append(data)


def test_html_digest_escapes_everything_from_the_documents(
    entries: list[dg.Entry], tmp_path: Path
) -> None:
    created = datetime(2024, 5, 17, 9, 30, tzinfo=UTC)
    path = dg.write(dg.Digest.of(entries, FAILURES, created=created), tmp_path / "digest.html")
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    # The hostile title is text in a heading, not markup.
    assert page.text["h2"] == [e.title for e in entries] + ["Not summarised"]
    assert not {"script", "b", "img"} & set(page.tags)
    # Only the web address became a link; "javascript:" stayed text.
    assert page.links == ["https://example.org/a?x=1&y=2"]
    sentences = [s for e in entries for s in e.sentences]
    assert page.text["li"][: len(sentences)] == sentences
    assert page.text["strong"] == ["reports/empty.txt", "reports/<img src=x>.txt"]
    assert "3 documents · 2 not summarised · 2024-05-17 09:30" in page.text["p"]


def test_markdown_digest_reads_back(entries: list[dg.Entry], tmp_path: Path) -> None:
    path = dg.write(dg.Digest.of(entries, FAILURES), tmp_path / "digest.md")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Summaries"
    assert lines[2] == "3 documents · 2 not summarised"
    headings = [line[3:] for line in lines if line.startswith("## ")]
    assert headings[0] == entries[0].title
    assert headings[2] == (
        r'\<script\>alert("x")\</script\> & \<b\>bold\</b\> \*stars\* '
        r"\[link\](javascript:alert(1))"
    )
    assert headings[-1] == "Not summarised"
    bullets = [line[2:] for line in lines if line.startswith("- ")]
    assert len(bullets) == 3 * 3 + 2
    assert "Language: English" in lines[lines.index(f"## {entries[0].title}") + 2]
    assert bullets[-2] == "reports/empty.txt: “empty.txt” is empty (0 bytes)."


def test_markdown_escapes_what_would_start_a_list_inside_a_bullet() -> None:
    entry = dg.Entry("T", "", "en", "English", "lead", 9, 3, (), ("1. First", "- dash", "a_b"))
    bullets = [
        line for line in dg.render(dg.Digest.of([entry]), "markdown").splitlines()
        if line.startswith("- ")
    ]  # fmt: skip
    assert bullets == [r"- 1\. First", r"- \- dash", r"- a\_b"]


def test_output_is_reproducible_without_a_date(entries: list[dg.Entry]) -> None:
    for format in dg.FORMATS:
        first = dg.render(dg.Digest.of(entries, FAILURES), format)
        assert first == dg.render(dg.Digest.of(entries, FAILURES), format)


def test_the_file_name_picks_the_format(tmp_path: Path) -> None:
    assert [dg.format_for(n) for n in ("a.md", "b.MARKDOWN", "c.htm", "d.html", "e.csv")] == [
        "markdown",
        "markdown",
        "html",
        "html",
        "csv",
    ]
    with pytest.raises(InputError, match=r"ending in \.md, \.html, \.csv, \.json"):
        dg.format_for(tmp_path / "digest.docx")
    with pytest.raises(InputError, match="not a digest format"):
        dg.render(dg.Digest.of([]), "pdf")


def test_a_failed_write_keeps_the_old_file_and_leaves_no_debris(
    entries: list[dg.Entry], tmp_path: Path
) -> None:
    target = dg.write(dg.Digest.of(entries[:1]), tmp_path / "digest.json")
    before = target.read_bytes()
    with disk_full(), pytest.raises(InputError, match=r"could not be saved to “digest\.json”"):
        dg.write(dg.Digest.of(entries), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["digest.json"]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    with pytest.raises(InputError, match="could not be saved"):
        dg.write(dg.Digest.of(entries), blocker / "digest.json")


def test_text_with_a_broken_character_still_exports(tmp_path: Path) -> None:
    entry = dg.Entry("Broken \ud800 paste", "", "", "Unknown", "lead", 4, 2, (), ("A b.",))
    path = dg.write(dg.Digest.of([entry]), tmp_path / "digest.md")
    assert "## Broken ? paste" in path.read_text(encoding="utf-8")

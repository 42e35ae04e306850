"""Every supported format, written by a real writer inside the test, read back clean.

Word files come from python-docx, OpenDocument from odfpy, e-books from ebooklib, PDFs from
fpdf2; the text is the seed article (an AFP story) and real French and German articles from the
evaluation set. Each test checks what a reader would notice: the title, the paragraphs in
order, headings and captions kept out of the summary, clutter gone, offsets into the cleaned text.
"""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import pytest
from tests.conftest import SHARED

from article_summariser.engine import Length, Options, Role, summarise
from article_summariser.engine.loaders.html import from_html
from article_summariser.engine.loading import LoadedDocument, load_path

SEED = (SHARED / "seed-article.txt").read_text(encoding="utf-8")
SEED_PARAGRAPHS = [p for p in SEED.split("\n\n") if p.strip()]
TITLE = SEED_PARAGRAPHS[0]
#: The seed's prose paragraphs (no headline, deck, credit, section breaks or footer).
BODY = [
    p
    for p in SEED_PARAGRAPHS[2:-3]
    if not p.startswith("–") and "Source:" not in p and "\n" not in p
]
BREAKS = [p for p in SEED_PARAGRAPHS if p.startswith("–")]


def _dev(source: str) -> dict:
    with (SHARED / "eval" / "summaries.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["source"] == source and record["title"] and record["text"].count("\n\n") > 8:
                return record
    raise AssertionError(source)


def _roles(document: LoadedDocument) -> list[tuple[str, str]]:
    assert document.blocks is not None
    return [(b.role.value, document.text[b.start : b.end]) for b in document.blocks]


def _body(document: LoadedDocument) -> list[str]:
    return [text for role, text in _roles(document) if role == "body"]


def _check_offsets(document: LoadedDocument) -> None:
    """Blocks index the cleaned text exactly, in order, paragraphs separated by blank lines."""
    blocks = document.blocks
    assert blocks
    for a, b in itertools.pairwise(blocks):
        assert a.end <= b.start
    pieces = [document.text[b.start : b.end] for b in blocks]
    assert "\n\n".join(pieces) == document.text


def _summary_is_body_only(document: LoadedDocument) -> None:
    summary = summarise(
        document.text,
        Options(length=Length.sentences(8)),
        title=document.title,
        blocks=document.blocks,
    )
    assert len(summary.summary) == 8
    body_spans = [(b.start, b.end) for b in summary.blocks if b.role is Role.BODY]
    for sentence in summary.summary:
        assert document.text[sentence.start : sentence.end] == sentence.text
        assert any(a <= sentence.start and sentence.end <= b for a, b in body_spans)


# --- Word ---------------------------------------------------------------------------------


def test_docx_title_headings_body_table_and_byline(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading(TITLE, 0)
    document.add_paragraph("By Agence France-Presse")
    for paragraph in SEED_PARAGRAPHS[3:-3]:
        if paragraph.startswith("–"):
            document.add_heading(paragraph.strip("– "), 2)
        else:
            document.add_paragraph(paragraph)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Country"
    table.cell(0, 1).text = "Shells supplied"
    table.cell(1, 0).text = "North Korea"
    table.cell(1, 1).text = "unknown"
    path = tmp_path / "kim.docx"
    document.save(path)

    loaded = load_path(path)
    assert loaded.format == "docx"
    assert loaded.title == TITLE
    roles = _roles(loaded)
    assert roles[0] == ("title", TITLE)
    assert roles[1] == ("byline", "By Agence France-Presse")
    assert ("heading", "Steadfast allies") in roles
    assert ("heading", "‘Begging’ for help") in roles
    assert roles[-2:] == [
        ("boilerplate", "Country | Shells supplied"),
        ("boilerplate", "North Korea | unknown"),
    ]
    assert _body(loaded) == BODY[1:]  # the first body paragraph of the seed is SEED[2]
    _check_offsets(loaded)
    _summary_is_body_only(loaded)


# --- OpenDocument -------------------------------------------------------------------------


def test_odt_from_odfpy_german_article(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import H, P, Span

    record = _dev("klexikon_test")
    paragraphs = [" ".join(p.split()) for p in record["text"].split("\n\n") if p.strip()]
    document = OpenDocumentText()
    title_style = Style(name="Title", family="paragraph")
    title_style.addElement(TextProperties(fontsize="24pt"))
    document.styles.addElement(title_style)
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    document.text.addElement(P(stylename=title_style, text=record["title"]))
    expected_body = []
    expected_headings = []
    for paragraph in paragraphs:
        if not paragraph.endswith((".", "!", "?", '"')):
            document.text.addElement(H(outlinelevel=2, text=paragraph))
            expected_headings.append(paragraph)
        else:
            element = P(text=paragraph[:20])
            element.addElement(Span(stylename=bold, text=paragraph[20:]))
            document.text.addElement(element)
            expected_body.append(paragraph)
    document.text.addElement(P(text="Foto: dpa/Kay Nietfeld"))
    path = tmp_path / "artikel.odt"
    document.save(str(path))

    loaded = load_path(path)
    assert loaded.format == "odt"
    assert loaded.title == record["title"]
    roles = _roles(loaded)
    assert roles[0] == ("title", record["title"])
    assert roles[-1] == ("caption", "Foto: dpa/Kay Nietfeld")
    assert _body(loaded) == expected_body
    assert [t for r, t in roles if r == "heading"] == expected_headings
    _check_offsets(loaded)
    _summary_is_body_only(loaded)


# --- EPUB ---------------------------------------------------------------------------------


def test_epub_chapters_in_spine_order_without_navigation(tmp_path: Path) -> None:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("seed-article-test")
    book.set_title("Kim in Russia")
    book.set_language("en")
    chapters = []
    thirds = [BODY[0:8], BODY[8:16], BODY[16:]]
    for number, part in enumerate(thirds, 1):
        chapter = epub.EpubHtml(title=f"Part {number}", file_name=f"part{number}.xhtml", lang="en")
        chapter.content = (
            f"<html><body><h1>Part {number}</h1>"
            + "".join(f"<p>{p}</p>" for p in part)
            + "<script>document.write('never run')</script></body></html>"
        )
        book.add_item(chapter)
        chapters.append(chapter)
    # Files added in one order, read in the spine's: part 3 must come last.
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *chapters]
    path = tmp_path / "kim.epub"
    epub.write_epub(str(path), book)

    loaded = load_path(path)
    assert loaded.format == "epub"
    assert loaded.title == "Kim in Russia"
    roles = _roles(loaded)
    assert roles[0] == ("title", "Kim in Russia")
    assert [t for r, t in roles if r == "heading"] == ["Part 1", "Part 2", "Part 3"]
    assert _body(loaded) == BODY
    assert "never run" not in loaded.text
    _check_offsets(loaded)
    _summary_is_body_only(loaded)


# --- PDF ----------------------------------------------------------------------------------


def _latin1(text: str) -> str:
    """fpdf2's core fonts cover Latin-1: typographic quotes become straight ones."""
    return (
        text.replace("’", "'")
        .replace("‘", "'")
        .replace("“", '"')
        .replace("”", '"')
        .replace("–", "-")
    )


def _report_pdf(paragraphs: list[str], title: str) -> bytes:
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", "", 9)
            self.cell(0, 8, "AFP World Service - September 2023", align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", "", 9)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Report()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.multi_cell(0, 9, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for paragraph in paragraphs:
        if paragraph.startswith("–"):
            pdf.set_font("helvetica", "B", 14)
            pdf.multi_cell(0, 8, _latin1(paragraph.strip("– ")), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("helvetica", "", 11)
            pdf.multi_cell(0, 6, _latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


def test_pdf_paragraphs_headings_and_no_running_heads(tmp_path: Path) -> None:
    paragraphs = [p for p in SEED_PARAGRAPHS[3:-3] if "\n" not in p] * 2  # several pages
    path = tmp_path / "report.pdf"
    path.write_bytes(_report_pdf(paragraphs, TITLE))

    loaded = load_path(path)
    assert loaded.format == "pdf"
    assert loaded.title == _latin1(TITLE)
    roles = _roles(loaded)
    assert roles[0] == ("title", _latin1(TITLE))
    assert [t for r, t in roles if r == "heading"] == [
        "Steadfast allies",
        "'Begging' for help",
    ] * 2
    assert _body(loaded) == [_latin1(p) for p in paragraphs if not p.startswith("–")]
    assert "AFP World Service" not in loaded.text
    assert "Page " not in loaded.text
    _check_offsets(loaded)
    _summary_is_body_only(loaded)


def _lines_pdf(pages: list[list[str]]) -> bytes:
    """Lines placed one by one, as a typesetter that hyphenates would place them."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for page_number, lines in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("helvetica", "", 9)
        pdf.text(100, 12, "Quarterly Review")
        pdf.text(104, 290, str(page_number))
        pdf.set_font("helvetica", "", 11)
        y = 40.0
        for line in lines:
            if line:
                pdf.text(20, y, line)
            y += 6
    return bytes(pdf.output())


def test_pdf_hyphenation_and_paragraph_across_page_break() -> None:
    from article_summariser.engine.loaders import pdf

    data = _lines_pdf(
        [
            [
                "The committee met on Tuesday to discuss the govern-",
                "ment's plans for a well-",
                "known programme of reforms.",
                "",
                "A second paragraph begins here, and it continues over the",
                "page break without any closing",
            ],
            [
                "punctuation until this line ends it.",
                "",
                "The last paragraph is short. It repeats a well-known fact.",
            ],
            ["A third page keeps the running head and the page number away."],
        ]
    )
    loaded = pdf.load(data, "“review.pdf”", "review.pdf")
    assert loaded.text == (
        "The committee met on Tuesday to discuss the government's plans for a well-known "
        "programme of reforms.\n\n"
        "A second paragraph begins here, and it continues over the page break without any "
        "closing punctuation until this line ends it.\n\n"
        "The last paragraph is short. It repeats a well-known fact.\n\n"
        "A third page keeps the running head and the page number away."
    )


def test_pdf_that_only_restricts_printing_opens_without_a_password() -> None:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    from article_summariser.engine.loaders import pdf

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", "", 12)
    document.multi_cell(0, 8, _latin1(BODY[0]))
    document.set_encryption(owner_password="owner", encryption_method=EncryptionMethod.AES_256)
    loaded = pdf.load(bytes(document.output()), "“locked.pdf”", "locked.pdf")
    assert loaded.text == _latin1(BODY[0])


# --- RTF, Markdown, HTML ------------------------------------------------------------------


def _rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                out.append(f"\\'{ch.encode('cp1252')[0]:02x}")
            except UnicodeEncodeError:
                out.append(f"\\u{ord(ch)}?")
    return "".join(out)


def test_rtf_with_code_page_escapes_keeps_the_pasted_page_cleaning(tmp_path: Path) -> None:
    body = "\\par\n".join(_rtf_escape(line) for line in SEED.splitlines())
    rtf = (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}}"
        "{\\info{\\title Kim}}\\f0\\fs24 " + body + "\\par}"
    )
    path = tmp_path / "kim.rtf"
    path.write_bytes(rtf.encode("ascii"))
    loaded = load_path(path)
    assert loaded.format == "rtf"
    assert loaded.title == TITLE
    roles = dict((text, role) for role, text in _roles(loaded))
    assert roles["Source: Video Screenshot"] == "caption"
    assert roles["– Steadfast allies –"] == "heading"
    assert roles["About the author"] == "boilerplate"
    assert roles["Daily Newsletter"] == "boilerplate"
    assert _body(loaded) == BODY
    _check_offsets(loaded)


def test_markdown_reads_as_prose_without_markup(tmp_path: Path) -> None:
    lines = [
        "---",
        "title: Kim in Russia",
        "author: AFP",
        "---",
        f"# {TITLE}",
        "",
        "**North Korean** leader " + BODY[0].removeprefix("North Korean leader "),
        "",
        "## Steadfast allies",
        "",
        f"> {BODY[1]}",
        "",
        f"- {BODY[2]}",
        f"- [{BODY[3][:30]}](https://example.org/x){BODY[3][30:]}",
        "",
        "```python",
        "print('not prose')",
        "```",
        "",
        "| Country | Shells |",
        "|---|---|",
        "| North Korea | unknown |",
    ]
    path = tmp_path / "kim.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    loaded = load_path(path)
    assert loaded.format == "markdown"
    assert loaded.title == "Kim in Russia"
    assert _roles(loaded) == [
        ("title", "Kim in Russia"),
        ("heading", TITLE),
        ("body", BODY[0]),
        ("heading", "Steadfast allies"),
        ("body", BODY[1]),
        ("body", BODY[2]),
        ("body", BODY[3]),
        ("boilerplate", "print('not prose')"),
        ("boilerplate", "Country | Shells"),
        ("boilerplate", "North Korea | unknown"),
    ]
    for markup in ("#", "*", "](", "```", "|---"):
        assert markup not in loaded.text.replace("North Korea | unknown", "").replace(
            "Country | Shells", ""
        )


def _saved_page(title: str, paragraphs: list[str], language: str = "en") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{language}"><head><meta charset="utf-8">
<title>{title} | The Daily Planet</title>
<meta property="og:title" content="{title}">
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<script src="https://cdn.example.com/tracker.js"></script>
</head><body>
<header><a href="/">The Daily Planet</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<main><article>
<h1>{title}</h1>
<p class="byline">By Agence France-Presse</p>
<figure><img src="https://cdn.example.com/kim.jpg" alt="Kim">
<figcaption>Kim Jong Un arrives in Russia. Source: Video Screenshot</figcaption></figure>
{body}
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<section class="comments"><h2>Comments</h2><p>First! Great article, thanks.</p></section>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Putin visits spaceport</a></li>
<li><a href="/b">Seoul warns Moscow</a></li></ul></aside></main>
<footer><p>Daily Newsletter: sign up for our newsletter.</p>
<p>© 2023 The Daily Planet. All rights reserved.</p><a href="/privacy">Privacy policy</a>
</footer>
<script>document.body.innerHTML = "REPLACED BY SCRIPT";</script>
</body></html>"""


def test_saved_web_page_keeps_the_article_and_drops_the_page(tmp_path: Path) -> None:
    path = tmp_path / "kim.html"
    path.write_text(_saved_page(TITLE, BODY), encoding="utf-8")
    loaded = load_path(path)
    assert loaded.format == "html"
    assert loaded.title == TITLE
    assert _roles(loaded)[0] == ("title", TITLE)
    assert _body(loaded) == BODY
    for clutter in (
        "Daily Planet",
        "cookies",
        "Share on",
        "Putin visits spaceport",
        "First! Great article",
        "newsletter",
        "©",
        "REPLACED BY SCRIPT",
        "Politics",
    ):
        assert clutter not in loaded.text, clutter
    _check_offsets(loaded)
    _summary_is_body_only(loaded)


def test_french_page_in_windows_1252_declared_by_meta(tmp_path: Path) -> None:
    french = [
        "Le gouvernement a présenté mercredi un projet de loi très attendu sur l'énergie, "
        "après des mois de débats au sein de la majorité.",
        "Selon le ministre, le texte doit permettre de réduire la facture des ménages dès "
        "l'hiver prochain, grâce à un bouclier tarifaire prolongé.",
        "Les syndicats ont déjà annoncé une journée de mobilisation, estimant que les "
        "mesures « ne répondent pas à l'urgence sociale ».",
    ]
    page = _saved_page("Énergie : le projet de loi présenté en Conseil des ministres", french)
    page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    path = tmp_path / "energie.htm"
    path.write_bytes(page.encode("cp1252"))
    loaded = load_path(path)
    assert loaded.encoding == "cp1252"
    assert loaded.title == "Énergie : le projet de loi présenté en Conseil des ministres"
    assert _body(loaded) == french


def test_clipboard_html_gives_the_same_text_as_the_saved_page(tmp_path: Path) -> None:
    page = _saved_page(TITLE, BODY)
    path = tmp_path / "kim.html"
    path.write_text(page, encoding="utf-8")
    from_file = load_path(path)
    from_clipboard = from_html(page)
    assert from_clipboard.source == "clipboard"
    assert from_clipboard.text == from_file.text
    assert from_clipboard.blocks == from_file.blocks
    # A fragment copied from the middle of a page: every paragraph, nothing else.
    fragment = "<meta charset='utf-8'>" + "".join(f"<p>{p}</p>" for p in BODY[:3])
    assert _body(from_html(fragment)) == BODY[:3]
    # A plain-text page as a browser shows it, copied: the blank lines are the paragraphs.
    preformatted = from_html(f"<html><body><pre>{SEED}</pre></body></html>")
    assert preformatted.title == TITLE
    assert preformatted.text == SEED.strip("\n")
    assert _body(preformatted) == BODY


def test_html_named_txt_and_text_without_extension_are_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "saved-page.txt"
    page.write_text(_saved_page(TITLE, BODY), encoding="utf-8")
    assert load_path(page).format == "html"
    plain = tmp_path / "README"
    plain.write_text(SEED, encoding="utf-8")
    loaded = load_path(plain)
    assert loaded.format == "text"
    assert loaded.text == SEED


def test_pdf_bytes_named_txt_are_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(_report_pdf(BODY[:3], TITLE))
    loaded = load_path(path)
    assert loaded.format == "pdf"
    assert _body(loaded) == [_latin1(p) for p in BODY[:3]]


def test_every_format_feeds_summarise_with_offsets_into_the_clean_text(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for paragraph in BODY:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "plain.docx"
    path.write_bytes(buffer.getvalue())
    loaded = load_path(path)
    assert loaded.text == "\n\n".join(BODY)
    summary = summarise(loaded.text, Options(length=Length.sentences(3)), blocks=loaded.blocks)
    for sentence in summary.summary:
        assert loaded.text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize("suffix", [".html", ".md", ".rtf"])
def test_documents_with_only_markup_say_they_have_no_text(tmp_path: Path, suffix: str) -> None:
    from article_summariser.engine.errors import InputError

    content = {
        ".html": "<html><body><script>x()</script><nav><a>Home</a></nav></body></html>",
        ".md": "---\ntitle: x\n---\n\n",
        ".rtf": "{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}}",
    }[suffix]
    path = tmp_path / f"empty{suffix}"
    path.write_text(content, encoding="ascii")
    with pytest.raises(InputError, match=r"no (readable )?text"):
        load_path(path)

"""Random and damaged bytes into every loader: a document or an ``InputError``, nothing else.

Two kinds of input: pure random bytes (with the format's magic prefix, so the parser really gets
to work on them), and real documents with random bytes overwritten, which reach much deeper
into the parsers.
"""

from __future__ import annotations

import io
from importlib import import_module

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_summariser.engine.errors import InputError
from article_summariser.engine.loading import LoadedDocument, load_bytes

LOADERS = ("text", "markdown", "html", "pdf", "docx", "odt", "rtf", "epub")
PREFIXES = {
    "text": b"",
    "markdown": b"# ",
    "html": b"<!DOCTYPE html><html><body>",
    "pdf": b"%PDF-1.7\n",
    "docx": b"PK\x03\x04",
    "odt": b"PK\x03\x04",
    "rtf": b"{\\rtf1\\ansi ",
    "epub": b"PK\x03\x04",
}
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _outcome(load, data: bytes) -> None:
    outcome: LoadedDocument | InputError
    try:
        outcome = load(data)
    except InputError as error:
        outcome = error
    if isinstance(outcome, InputError):
        assert str(outcome)
        assert "Traceback" not in str(outcome)
        return
    document = outcome
    assert isinstance(document, LoadedDocument)
    assert isinstance(document.text, str)
    for block in document.blocks or ():
        assert 0 <= block.start <= block.end <= len(document.text)


@pytest.mark.parametrize("kind", LOADERS)
@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes_into_each_loader(kind: str, data: bytes) -> None:
    module = import_module(f"article_summariser.engine.loaders.{kind}")
    _outcome(lambda d: module.load(d, "“fuzz”", "fuzz"), PREFIXES[kind] + data)


@FUZZ
@given(
    data=st.binary(max_size=4096),
    suffix=st.sampled_from(
        ["", ".txt", ".pdf", ".docx", ".html", ".md", ".odt", ".epub", ".rtf", ".xyz"]
    ),
)
def test_random_bytes_through_the_dispatcher(data: bytes, suffix: str) -> None:
    _outcome(lambda d: load_bytes(d, "“fuzz”", "fuzz", suffix=suffix), data)


def _real_documents() -> dict[str, bytes]:
    import docx
    from ebooklib import epub
    from fpdf import FPDF
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    sentences = [
        "The council approved the new budget on Monday after a long debate.",
        "Critics said the plan would raise local taxes for most households.",
        "The mayor promised a review of spending before the end of the year.",
    ]
    documents: dict[str, bytes] = {}
    word = docx.Document()
    word.add_heading("Budget approved", 0)
    for sentence in sentences:
        word.add_paragraph(sentence)
    buffer = io.BytesIO()
    word.save(buffer)
    documents["docx"] = buffer.getvalue()

    odt = OpenDocumentText()
    odt.text.addElement(H(outlinelevel=1, text="Budget approved"))
    for sentence in sentences:
        odt.text.addElement(P(text=sentence))
    buffer = io.BytesIO()
    odt.write(buffer)
    documents["odt"] = buffer.getvalue()

    book = epub.EpubBook()
    book.set_identifier("fuzz")
    book.set_title("Budget approved")
    chapter = epub.EpubHtml(title="One", file_name="one.xhtml", lang="en")
    chapter.content = "<html><body>" + "".join(f"<p>{s}</p>" for s in sentences) + "</body></html>"
    book.add_item(chapter)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [chapter]
    buffer = io.BytesIO()
    epub.write_epub(buffer, book)
    documents["epub"] = buffer.getvalue()

    pdf = FPDF()
    pdf.set_compression(False)  # so that overwritten bytes land in text, not only in zlib data
    pdf.add_page()
    pdf.set_font("helvetica", "", 12)
    for sentence in sentences:
        pdf.multi_cell(0, 8, sentence, new_x="LMARGIN", new_y="NEXT")
    documents["pdf"] = bytes(pdf.output())

    documents["rtf"] = ("{\\rtf1\\ansi " + "\\par ".join(sentences) + "}").encode("ascii")
    documents["html"] = (
        "<html><head><title>Budget</title></head><body><article>"
        + "".join(f"<p>{s}</p>" for s in sentences)
        + "</article></body></html>"
    ).encode("utf-8")
    return documents


DOCUMENTS = _real_documents()


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
@FUZZ
@given(data=st.data())
def test_damaged_real_documents(kind: str, data: st.DataObject) -> None:
    original = bytearray(DOCUMENTS[kind])
    for _ in range(data.draw(st.integers(1, 8), label="damages")):
        start = data.draw(st.integers(0, len(original) - 1), label="at")
        chunk = data.draw(st.binary(min_size=1, max_size=64), label="bytes")
        original[start : start + len(chunk)] = chunk
    if data.draw(st.booleans(), label="truncate"):
        original = original[: data.draw(st.integers(0, len(original)), label="length")]
    module = import_module(f"article_summariser.engine.loaders.{kind}")
    _outcome(lambda d: module.load(d, "“fuzz”", "fuzz"), bytes(original))

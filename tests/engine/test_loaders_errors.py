"""Every kind of bad input gets its own clear message, as an ``InputError``, never a crash."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from tests.conftest import SHARED

from article_summariser.engine.errors import InputError
from article_summariser.engine.loaders import archive
from article_summariser.engine.loading import load_path

SEED = (SHARED / "seed-article.txt").read_text(encoding="utf-8")


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    for paragraph in SEED.split("\n\n")[2:8]:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return buffer.getvalue()


def _error(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        load_path(path, **kwargs)
    return str(caught.value)


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _error(path) == "“empty.txt” is empty (0 bytes)."


def test_only_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\r\n\t\n")
    assert _error(path) == "“blank.txt” has no text in it (only spaces and line breaks)."


def test_binary_file_renamed_txt(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert _error(path) == "“data.txt” looks like a binary file, not text."


def test_image_renamed_txt_is_named_for_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    message = _error(path)
    assert message.startswith("“photo.txt” is a PNG image, which this app cannot read.")
    assert "PDF, Word (.docx)" in message


def test_over_the_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(SEED, encoding="utf-8")
    assert load_path(path).text == SEED
    assert _error(path, max_bytes=1024) == "“seed.txt” is 5 KB, over the 1 KB limit."
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.seek(3 * 1024 * 1024)
        handle.write(b"x")
    assert _error(big, max_bytes=2 * 1024 * 1024) == "“big.txt” is 3 MB, over the 2 MB limit."


def test_file_that_vanished(tmp_path: Path) -> None:
    path = tmp_path / "gone.pdf"
    path.write_bytes(b"%PDF-1.4")
    path.unlink()
    assert _error(path) == "“gone.pdf” does not exist (was it moved or deleted?)."


def test_file_that_cannot_be_read(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    message = _error(blocker / "article.txt")
    assert message.startswith("“article.txt” cannot be read: ")
    assert _error(tmp_path) == f"“{tmp_path.name}” is a folder, not a document."


def test_dangling_link(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    os.symlink(tmp_path / "missing.txt", link)
    assert _error(link) == "“link.txt” does not exist (was it moved or deleted?)."


def test_password_protected_pdf(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "", 12)
    pdf.cell(0, 10, "Confidential minutes of the board meeting.")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    path = tmp_path / "minutes.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert _error(path).startswith("“minutes.pdf” is password-protected")


def test_image_only_pdf(tmp_path: Path) -> None:
    from fpdf import FPDF
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(image, "PNG")
    image.seek(0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=180)
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert _error(path).startswith("“scan.pdf” has no text layer: its pages are images (a scan).")


def test_truncated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    message = _error(path)
    assert message.startswith("“cut.pdf” ")
    assert "PDF" in message


@pytest.mark.parametrize(
    ("suffix", "kind"),
    [(".docx", "Word (.docx)"), (".odt", "OpenDocument (.odt)"), (".epub", "EPUB")],
)
def test_truncated_zip_documents(tmp_path: Path, suffix: str, kind: str) -> None:
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(_docx_bytes()[:3000])
    assert _error(path) == (
        f"“cut{suffix}” is not a readable {kind} file: the file is damaged or incomplete."
    )


@pytest.mark.parametrize(
    ("suffix", "kind"),
    [
        (".docx", "Word (.docx)"),
        (".odt", "OpenDocument (.odt)"),
        (".epub", "EPUB"),
        (".pdf", "PDF"),
    ],
)
def test_other_data_named_as_a_document(tmp_path: Path, suffix: str, kind: str) -> None:
    path = tmp_path / f"fake{suffix}"
    path.write_text(SEED, encoding="utf-8")
    assert _error(path) == (
        f"“fake{suffix}” is not a {kind} file although its name says so: it is damaged, or "
        "another kind of file renamed."
    )


def test_zip_without_the_parts_of_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "holiday.docx"
    path.write_bytes(_zip({"photos/beach.txt": b"sand"}))
    assert _error(path) == (
        "“holiday.docx” is not a valid Word (.docx) file: the archive lacks the parts that make "
        "one (damaged, or another kind of file renamed)."
    )


def test_docx_with_damaged_xml(tmp_path: Path) -> None:
    good = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    members = {name: good.read(name) for name in good.namelist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>unclosed"
    path = tmp_path / "broken.docx"
    path.write_bytes(_zip(members))
    assert _error(path) == (
        "“broken.docx” is not a readable Word document: the file is damaged, or it is another "
        "kind of file renamed .docx."
    )


def test_epub_without_its_container(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    path.write_bytes(_zip({"mimetype": b"application/epub+zip", "OEBPS/ch1.xhtml": b"<p>x</p>"}))
    assert _error(path) == (
        "“book.epub” is not a valid EPUB file: “META-INF/container.xml” is missing."
    )


def test_odt_with_damaged_content(tmp_path: Path) -> None:
    path = tmp_path / "notes.odt"
    path.write_bytes(
        _zip(
            {
                "mimetype": b"application/vnd.oasis.opendocument.text",
                "content.xml": b"<office:document-content><oops",
            }
        )
    )
    assert _error(path) == (
        "“notes.odt” is not a readable OpenDocument (.odt) file: its XML is damaged."
    )


def test_spreadsheet_and_old_word_files_are_unsupported(tmp_path: Path) -> None:
    sheet = tmp_path / "budget.ods"
    sheet.write_bytes(
        _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""})
    )
    assert _error(sheet).startswith("“budget.ods” is a spreadsheet, which this app cannot read.")
    old = tmp_path / "letter.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    assert _error(old).startswith(
        "“letter.doc” is an old Microsoft Office file (.doc, .xls or .ppt), which this app "
        "cannot read."
    )


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    members = {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": b"<a/>",
        "Pictures/zeros.bin": bytes(8 * 1024 * 1024),  # 8 MB that pack to a few kB
    }
    path = tmp_path / "bomb.odt"
    path.write_bytes(_zip(members))
    assert path.stat().st_size < 64 * 1024
    assert _error(path) == (
        "“bomb.odt” would unpack to 8 MB: refused, as it looks like a zip bomb rather than a "
        "document."
    )


def test_zip_bomb_caps_in_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Many members that each look harmless, together past the cap (lowered for the test).
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1024 * 1024)
    members = {f"word/part{i}.xml": os.urandom(64 * 1024) for i in range(20)}
    members["word/document.xml"] = b"<w:document/>"
    path = tmp_path / "many.docx"
    path.write_bytes(_zip(members))
    assert _error(path) == (
        "“many.docx” would unpack to 1.3 MB: refused, as it looks like a zip bomb rather than a "
        "document."
    )

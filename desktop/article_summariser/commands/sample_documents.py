"""The smallest real document of every format the app opens, built in memory for the self-test.

Each loader leans on a library and, for some, on that library's data files (python-docx's
template, trafilatura's settings, jusText's stop lists): a frozen bundle that left one out fails
only when a user opens that kind of file. Opening one small document of each kind at self-test
time finds that first. The documents are assembled here byte by byte (zip members, PDF objects)
so that building them needs nothing the app does not already ship.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

TITLE = "Night trains"
SENTENCE = "Night trains are back in Europe, and travellers are filling the sleeping cars."
SECOND = (
    "Operators have added routes from Paris, Vienna and Brussels since 2020, and many sleeping "
    "cars now sell out weeks ahead during the holidays."
)


def text() -> bytes:
    return f"{TITLE}\n\n{SENTENCE} {SECOND}\n".encode()


def markdown() -> bytes:
    return f"# {TITLE}\n\n{SENTENCE} {SECOND.replace('Paris', '**Paris**')}\n".encode()


def html() -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in (SENTENCE, SECOND, SECOND, SECOND))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{TITLE}</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{TITLE}</h1>{paragraphs}</article>"
        "<footer>Sign up for our daily newsletter</footer></body></html>"
    ).encode()


def rtf() -> bytes:
    return (
        r"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}\f0\fs24 "
        f"{TITLE}\\par\\par {SENTENCE} {SECOND}\\par}}"
    ).encode("ascii")


def _zip(members: list[tuple[str, str]]) -> bytes:
    """A zip as office formats want it: ``mimetype`` first and stored, the rest deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members:
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content.encode("utf-8"), compress_type=method)
    return buffer.getvalue()


def docx() -> bytes:
    word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    body = "".join(
        f"<w:p><w:r><w:t xml:space='preserve'>{p}</w:t></w:r></w:p>"
        for p in (TITLE, f"{SENTENCE} {SECOND}")
    )
    return _zip(
        [
            (
                "[Content_Types].xml",
                "<?xml version='1.0' encoding='UTF-8'?>"
                "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
                "<Default Extension='rels' "
                "ContentType='application/vnd.openxmlformats-package.relationships+xml'/>"
                "<Default Extension='xml' ContentType='application/xml'/>"
                "<Override PartName='/word/document.xml' ContentType='application/"
                "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'/>"
                "</Types>",
            ),
            (
                "_rels/.rels",
                "<?xml version='1.0' encoding='UTF-8'?>"
                "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/"
                f"relationships'><Relationship Id='rId1' Type='{rels}' "
                "Target='word/document.xml'/></Relationships>",
            ),
            (
                "word/document.xml",
                "<?xml version='1.0' encoding='UTF-8'?>"
                f"<w:document xmlns:w='{word}'><w:body>{body}</w:body></w:document>",
            ),
        ]
    )


def odt() -> bytes:
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    manifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    return _zip(
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            (
                "META-INF/manifest.xml",
                "<?xml version='1.0' encoding='UTF-8'?>"
                f"<manifest:manifest xmlns:manifest='{manifest}' manifest:version='1.2'>"
                "<manifest:file-entry manifest:full-path='/' manifest:media-type="
                "'application/vnd.oasis.opendocument.text'/>"
                "<manifest:file-entry manifest:full-path='content.xml' "
                "manifest:media-type='text/xml'/></manifest:manifest>",
            ),
            (
                "content.xml",
                "<?xml version='1.0' encoding='UTF-8'?>"
                f"<office:document-content xmlns:office='{office}' xmlns:text='{text_ns}' "
                "office:version='1.2'><office:body><office:text>"
                f"<text:h text:outline-level='1'>{TITLE}</text:h>"
                f"<text:p>{SENTENCE} {SECOND}</text:p>"
                "</office:text></office:body></office:document-content>",
            ),
        ]
    )


def epub() -> bytes:
    chapter = (
        "<?xml version='1.0' encoding='UTF-8'?><html xmlns='http://www.w3.org/1999/xhtml'>"
        f"<head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
        f"<p>{SENTENCE}</p><p>{SECOND}</p></body></html>"
    )
    return _zip(
        [
            ("mimetype", "application/epub+zip"),
            (
                "META-INF/container.xml",
                "<?xml version='1.0' encoding='UTF-8'?><container version='1.0' "
                "xmlns='urn:oasis:names:tc:opendocument:xmlns:container'><rootfiles>"
                "<rootfile full-path='OEBPS/content.opf' "
                "media-type='application/oebps-package+xml'/></rootfiles></container>",
            ),
            (
                "OEBPS/content.opf",
                "<?xml version='1.0' encoding='UTF-8'?><package version='3.0' "
                "xmlns='http://www.idpf.org/2007/opf' unique-identifier='id'>"
                "<metadata xmlns:dc='http://purl.org/dc/elements/1.1/'>"
                f"<dc:identifier id='id'>self-test</dc:identifier><dc:title>{TITLE}</dc:title>"
                "<dc:language>en</dc:language></metadata><manifest>"
                "<item id='c1' href='chapter1.xhtml' media-type='application/xhtml+xml'/>"
                "</manifest><spine><itemref idref='c1'/></spine></package>",
            ),
            ("OEBPS/chapter1.xhtml", chapter),
        ]
    )


def pdf() -> bytes:
    """A one-page PDF whose text layer holds the title and the two sentences."""
    lines = [TITLE, SENTENCE, SECOND[:70], SECOND[70:]]
    stream = "BT /F1 11 Tf 14 TL 72 720 Td " + " T* ".join(f"({line}) Tj" for line in lines)
    stream += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


#: Every format, by the suffix its files carry: the format name the loader reports, the maker.
DOCUMENTS: dict[str, tuple[str, Callable[[], bytes]]] = {
    ".txt": ("text", text),
    ".md": ("markdown", markdown),
    ".html": ("html", html),
    ".rtf": ("rtf", rtf),
    ".docx": ("docx", docx),
    ".odt": ("odt", odt),
    ".epub": ("epub", epub),
    ".pdf": ("pdf", pdf),
}

"""Word documents (``.docx``) through python-docx, body paragraphs and tables in order.

Paragraph styles say what a paragraph is: "Title" is the title, "Heading n" and "Subtitle" are
headings, "Caption" is a caption. Page headers, footers and footnotes live outside the body and
are left out. Legacy ``.doc`` files are a different (binary) format and are refused by the
dispatcher with their own message.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from article_summariser.engine.errors import InputError
from article_summariser.engine.loaders.archive import open_zip
from article_summariser.engine.loaders.document import Paragraph, assemble, clean
from article_summariser.engine.model import Role

if TYPE_CHECKING:
    from article_summariser.engine.loading import LoadedDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _role(style: str) -> tuple[Role | None, str]:
    style = style.casefold().replace(" ", "")
    if style == "title":
        return Role.TITLE, "title"
    if style == "subtitle" or style.startswith(("heading", "überschrift", "titre")):
        return Role.HEADING, "heading"
    if style in ("caption", "beschriftung", "légende"):
        return Role.CAPTION, "image caption"
    return None, ""


def _paragraphs(document) -> list[Paragraph]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    out: list[Paragraph] = []
    # Style ids to names once: python-docx's ``paragraph.style`` searches every style for the
    # default each time, which takes seconds on a book-length document.
    names = {style.style_id: style.name or "" for style in document.styles}
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            paragraph = DocxParagraph(child, document)
            style_id = (
                child.pPr.pStyle.val
                if child.pPr is not None and child.pPr.pStyle is not None
                else None
            )
            role, reason = _role(names.get(style_id, "") if style_id else "")
            out.append(Paragraph(paragraph.text, role, reason))
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    text = clean(cell.text)
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                out.append(Paragraph(" | ".join(cells), Role.BOILERPLATE, "table"))
    return out


def load(data: bytes, name: str, source: str) -> LoadedDocument:
    import docx

    open_zip(data, name, "Word (.docx)")
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = _paragraphs(document)
        title = document.core_properties.title or ""
    except InputError:
        raise
    except Exception:  # python-docx raises many types on a damaged package
        raise InputError(
            f"{name} is not a readable Word document: the file is damaged, or it is another "
            "kind of file renamed .docx."
        ) from None
    if not any(p.text.strip() for p in paragraphs):
        raise InputError(f"{name} has no text in it.")
    first_title = next((p.text for p in paragraphs if p.role is Role.TITLE), "")
    return assemble(paragraphs, name=name, source=source, format="docx", title=first_title or title)

"""OpenDocument text (``.odt``): headings and paragraphs of ``content.xml`` in order.

Read with lxml straight from the archive (entities and network access off) rather than through
odfpy: the format is a small, documented XML vocabulary, and reading it directly keeps the
zip-bomb caps of ``archive`` in force for every byte.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from article_summariser.engine.errors import InputError
from article_summariser.engine.loaders.archive import open_zip, read_member
from article_summariser.engine.loaders.document import Paragraph, assemble
from article_summariser.engine.model import Role

if TYPE_CHECKING:
    from lxml import etree

    from article_summariser.engine.loading import LoadedDocument

KIND = "OpenDocument (.odt)"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_T = f"{{{_TEXT}}}"
#: Not part of the running text: notes, the index and tables of contents, tracked deletions.
_SKIP = {
    f"{_T}note",
    f"{_T}tracked-changes",
    f"{_T}table-of-content",
    f"{_T}alphabetical-index",
    f"{_T}bibliography",
    f"{_T}sequence-decls",
    f"{_T}variable-decls",
}


def xml(data: bytes, name: str, kind: str) -> etree._Element:
    """Parse XML safely: no entity expansion, no DTD, no network."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        raise InputError(f"{name} is not a readable {kind} file: its XML is damaged.")
    return root


def _inline(element: etree._Element) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == f"{_T}s":
            parts.append(" " * int(child.get(f"{_T}c", "1") or 1))
        elif tag in (f"{_T}tab", f"{_T}line-break"):
            parts.append(" ")
        elif tag not in _SKIP:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _styles(root: etree._Element) -> dict[str, str]:
    """Automatic style name -> the named style it derives from ("P1" -> "Title")."""
    parents = {}
    for style in root.iter(f"{{{_STYLE}}}style"):
        name = style.get(f"{{{_STYLE}}}name")
        parent = style.get(f"{{{_STYLE}}}parent-style-name")
        if name and parent:
            parents[name] = parent
    return parents


def _role(style: str, parents: dict[str, str]) -> tuple[Role | None, str]:
    seen = set()
    while style and style not in seen:
        seen.add(style)
        folded = style.casefold().replace("_20_", "").replace(" ", "")
        if folded == "title":
            return Role.TITLE, "title"
        if folded in ("subtitle",) or folded.startswith("heading"):
            return Role.HEADING, "heading"
        if folded in ("caption", "illustration", "figure", "table", "drawing"):
            return Role.CAPTION, "image caption"
        style = parents.get(style, "")
    return None, ""


def _walk(element: etree._Element, parents: dict[str, str], out: list[Paragraph]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == f"{_T}h":
            out.append(Paragraph(_inline(child), Role.HEADING, "heading"))
        elif tag == f"{_T}p":
            role, reason = _role(child.get(f"{_T}style-name", ""), parents)
            out.append(Paragraph(_inline(child), role, reason))
        elif tag == f"{{{_TABLE}}}table-row":
            cells = [
                " ".join(_inline(p) for p in cell.iter(f"{_T}p", f"{_T}h"))
                for cell in child
                if cell.tag == f"{{{_TABLE}}}table-cell"
            ]
            out.append(
                Paragraph(" | ".join(c for c in cells if c.strip()), Role.BOILERPLATE, "table")
            )
        else:
            _walk(child, parents, out)


def load(data: bytes, name: str, source: str) -> LoadedDocument:
    archive = open_zip(data, name, KIND)
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = read_member(archive, "mimetype", name, KIND).decode("ascii", "replace")
        if mimetype.strip() != "application/vnd.oasis.opendocument.text":
            raise InputError(
                f"{name} is an OpenDocument file of another kind ({mimetype.strip()}), not text."
            )
    content = xml(read_member(archive, "content.xml", name, KIND), name, KIND)
    parents = _styles(content)
    if "styles.xml" in names:
        parents.update(_styles(xml(read_member(archive, "styles.xml", name, KIND), name, KIND)))
    body = content.find(f"{{{_OFFICE}}}body")
    paragraphs: list[Paragraph] = []
    _walk(body if body is not None else content, parents, paragraphs)
    title = ""
    if "meta.xml" in names:
        meta = xml(read_member(archive, "meta.xml", name, KIND), name, KIND)
        found = meta.find(f".//{{{_DC}}}title")
        title = (found.text or "") if found is not None else ""
    first_title = next((p.text for p in paragraphs if p.role is Role.TITLE), "")
    return assemble(paragraphs, name=name, source=source, format="odt", title=first_title or title)

"""E-books (``.epub``): the chapters in reading order, as the package's spine lists them.

``META-INF/container.xml`` names the package document; its manifest maps ids to files and its
spine gives the reading order. Each chapter (XHTML) is read block by block, like a web page
whose every part is content; the EPUB 3 navigation document and non-linear items (notes,
pop-ups) are left out. Read with zipfile and lxml, so the zip-bomb caps hold for every chapter.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from article_summariser.engine.errors import InputError
from article_summariser.engine.loaders.archive import open_zip, read_member
from article_summariser.engine.loaders.document import Paragraph, assemble
from article_summariser.engine.loaders.html import SKIP_CONTENT, paragraphs_of
from article_summariser.engine.loaders.odt import xml

if TYPE_CHECKING:
    from article_summariser.engine.loading import LoadedDocument

KIND = "EPUB"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CHAPTER_TYPES = ("application/xhtml+xml", "text/html", "application/x-dtbook+xml")


def _package_path(archive, name: str) -> str:
    container = xml(read_member(archive, "META-INF/container.xml", name, KIND), name, KIND)
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    path = rootfile.get("full-path") if rootfile is not None else None
    if not path:
        raise InputError(f"{name} is not a valid EPUB file: it names no package document.")
    return path


def load(data: bytes, name: str, source: str) -> LoadedDocument:
    archive = open_zip(data, name, KIND)
    package_path = _package_path(archive, name)
    package = xml(read_member(archive, package_path, name, KIND), name, KIND)
    base = posixpath.dirname(package_path)
    manifest = {}
    for item in package.iter(f"{_OPF}item"):
        href = item.get("href")
        if item.get("id") and href:
            manifest[item.get("id")] = (
                posixpath.normpath(posixpath.join(base, unquote(href))),
                item.get("media-type", ""),
                item.get("properties", ""),
            )
    title_element = package.find(f".//{_DC}title")
    title = (title_element.text or "") if title_element is not None else ""
    paragraphs: list[Paragraph] = []
    chapters = 0
    for itemref in package.iter(f"{_OPF}itemref"):
        entry = manifest.get(itemref.get("idref", ""))
        if entry is None or itemref.get("linear", "yes") == "no":
            continue
        path, media_type, properties = entry
        if media_type not in _CHAPTER_TYPES or "nav" in properties.split():
            continue
        chapter = _chapter(read_member(archive, path, name, KIND))
        if chapter:
            chapters += 1
            paragraphs.extend(chapter)
    if not chapters:
        raise InputError(f"{name} has no readable chapters (is it an image-only e-book?).")
    return assemble(paragraphs, name=name, source=source, format="epub", title=title)


def _chapter(data: bytes) -> list[Paragraph]:
    from article_summariser.engine.loaders.html import parse
    from article_summariser.engine.loaders.text import decode

    try:
        text, _ = decode(data, "chapter", declared="utf-8")
    except InputError:
        return []
    root = parse(text)
    if root is None:
        return []
    body = root.find("body")
    return paragraphs_of(body if body is not None else root, skip=SKIP_CONTENT)

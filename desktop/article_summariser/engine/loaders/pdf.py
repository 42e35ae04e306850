"""PDF documents with a text layer, read with pypdf.

pypdf is pure Python and caps how far any compressed stream may inflate, so a hostile PDF fails
with a message instead of exhausting memory. It reports each run of text with its position;
from those this module rebuilds lines and paragraphs:

* reading order is the order the text is drawn in, which is the reading order for the PDFs
  word processors and typesetters write (columns one after the other);
* lines are grouped into paragraphs by vertical gaps and font size; a paragraph cut by a page
  break is joined again;
* a word hyphenated at a line end is joined ("govern-" + "ment" → "government") unless the
  document itself spells it with the hyphen elsewhere ("well-known");
* running headers and footers (the same line, numbers aside, in the top or bottom margin of
  many pages) and page numbers are dropped;
* larger type makes a heading.

A PDF of scanned pages has no text to read and says so; a password-protected one says so too.
A book is read page by page: the caller hears the progress and can cancel between pages
(``engine.cancel``), and a PDF of more than ``MAX_PAGES`` pages, or one whose text passes the
caller's size limit, is refused as soon as that is known.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from article_summariser.engine import cancel
from article_summariser.engine.errors import EngineError, InputError
from article_summariser.engine.loaders.document import Paragraph, assemble, clean
from article_summariser.engine.model import Role

if TYPE_CHECKING:
    from article_summariser.engine.loading import LoadedDocument

#: More pages than this are refused before any is read (a 2,000-page book reads in seconds).
MAX_PAGES = 10_000
#: Share of the progress for reading the pages' text (the rest is rebuilding paragraphs).
READ_SHARE = 0.9
#: Share of the page height, at the top and at the bottom, where running heads live.
MARGIN = 0.12
#: A line seen in the margin of at least this share of pages (and two) is a running head.
RUNNING_SHARE = 0.4
#: Type this much larger than the body text makes a heading.
HEADING_SCALE = 1.2
HEADING_MAX_WORDS = 25

_FINAL = tuple(".!?…:;\"'”’»)]")
_PAGE_NUMBER = re.compile(
    r"^(page|p\.|seite|s\.|pág\.?)?\s*[-–—]?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*[-–—]?"
    r"(\s*(/|of|sur|von|de|aus)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_HYPHENATED_END = re.compile(r"(\w+)[-\u00ad]$")
_LOWER_START = re.compile(r"^([^\W\d_][\w'’]*)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass
class _Line:
    text: str
    x: float
    y: float | None
    size: float


def _page_lines(page) -> list[_Line]:
    lines: list[_Line] = []
    current: list[str] = []
    position: list[float | None] = [None, None, 0.0]

    def close() -> None:
        text = "".join(current).strip()
        if text:
            x, y, size = position
            lines.append(_Line(text, x or 0.0, y, size or 0.0))
        current.clear()
        position[:] = [None, None, 0.0]

    def visit(text: str, cm, tm, font_dict, font_size) -> None:
        if not text:
            return
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                close()
            if piece.strip() and position[1] is None:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
                position[:] = [x, y, abs(float(font_size or 0) * (scale or 1.0))]
            current.append(piece)

    page.extract_text(visitor_text=visit)
    close()
    return lines


def _norm(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.casefold().split()))


def _drop_running_heads(pages: list[tuple[list[_Line], float, float]]) -> list[list[_Line]]:
    """Lines without running headers, footers and page numbers, page by page."""

    def in_margin(line: _Line, bottom: float, height: float) -> bool:
        if line.y is None or height <= 0:
            return False
        return line.y > bottom + (1 - MARGIN) * height or line.y < bottom + MARGIN * height

    seen: dict[str, int] = {}
    for lines, bottom, height in pages:
        for key in {_norm(line.text) for line in lines if in_margin(line, bottom, height)}:
            seen[key] = seen.get(key, 0) + 1
    threshold = max(2, math.ceil(RUNNING_SHARE * len(pages)))
    kept = []
    for lines, bottom, height in pages:
        kept.append(
            [
                line
                for line in lines
                if not (
                    in_margin(line, bottom, height)
                    and (seen[_norm(line.text)] >= threshold or _PAGE_NUMBER.match(line.text))
                )
            ]
        )
    return kept


def _join(a: str, b: str, vocabulary: set[str]) -> str:
    """Two lines of a paragraph as one, a word hyphenated across them joined again."""
    end = _HYPHENATED_END.search(a[-80:])  # the tail only: ``a`` grows line by line
    start = _LOWER_START.match(b)
    if end and start and b[:1].islower():
        left, right = end.group(1), start.group(1)
        hyphenated = f"{left}-{right}".casefold() in vocabulary
        if a.endswith("-") and hyphenated and f"{left}{right}".casefold() not in vocabulary:
            return f"{a}{b}"
        return f"{a[:-1]}{b}"
    return f"{a.rstrip()} {b.lstrip()}"


@dataclass
class _Block:
    lines: list[_Line]

    @property
    def size(self) -> float:
        return statistics.median(line.size for line in self.lines)


def _blocks(lines: list[_Line], body_size: float, spacing: dict[int, float]) -> list[_Block]:
    blocks: list[_Block] = []
    typical_length = statistics.median(len(line.text) for line in lines) if lines else 0
    for line in lines:
        if blocks:
            previous = blocks[-1].lines[-1]
            size = max(previous.size, 0.1)
            usual = spacing.get(round(size), size * 1.25)
            gap = (previous.y - line.y) if previous.y is not None and line.y is not None else 0
            short_last = (
                previous.text.endswith(_FINAL) and len(previous.text) < 0.7 * typical_length
            )
            new_font = abs(line.size - previous.size) > 0.15 * size
            if not (new_font or gap <= 0 or gap > 1.45 * usual or short_last):
                blocks[-1].lines.append(line)
                continue
        blocks.append(_Block([line]))
    return blocks


def _spacing(pages: list[list[_Line]]) -> dict[int, float]:
    """The usual distance between the baselines of two lines of one paragraph, per font size."""
    gaps: dict[int, list[float]] = {}
    for lines in pages:
        for a, b in itertools.pairwise(lines):
            if a.y is None or b.y is None or abs(a.size - b.size) > 0.1 * max(a.size, 0.1):
                continue
            gap = a.y - b.y
            if 0 < gap < 3 * max(a.size, 1):
                gaps.setdefault(round(a.size), []).append(gap)
    return {
        size: min(values) * 1.0 if len(values) < 3 else statistics.median(values)
        for size, values in gaps.items()
    }


def _open(data: bytes, name: str):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                raise InputError(
                    f"{name} is encrypted in a way this app cannot open; save an unprotected "
                    "copy and open that."
                ) from None
            if not unlocked:
                raise InputError(
                    f"{name} is password-protected: open it in a PDF reader, save a copy "
                    "without the password, and open that."
                )
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise InputError(
                f"{name} has {count:,} pages, over the {MAX_PAGES:,}-page limit. Split it, "
                "or open the chapters you want."
            )
        pages = list(reader.pages)
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError(f"{name} is password-protected.") from None
    except (PyPdfError, Exception):
        raise InputError(
            f"{name} is not a readable PDF: the file is damaged, or it is another kind of file."
        ) from None
    return reader, pages


def load(
    data: bytes,
    name: str,
    source: str,
    *,
    progress: Callable[[float], None] | None = None,
    max_chars: int | None = None,
) -> LoadedDocument:
    """The document of a PDF's text layer. ``progress`` hears the share of pages read so far;
    an ``InputError`` refuses a PDF whose text passes ``max_chars`` characters."""
    from pypdf.errors import LimitReachedError

    from article_summariser.engine.loading import human_size

    reader, page_objects = _open(data, name)
    if not page_objects:
        raise InputError(f"{name} has no pages.")
    raw: list[tuple[list[_Line], float, float]] = []
    characters = 0
    try:
        for number, page in enumerate(page_objects):
            cancel.check()
            if progress is not None:
                progress(READ_SHARE * number / len(page_objects))
            box = page.mediabox
            lines = _page_lines(page)
            characters += sum(len(line.text) + 1 for line in lines)
            if max_chars is not None and characters > max_chars:
                raise InputError(
                    f"{name} holds more than {human_size(max_chars)} of text (page "
                    f"{number + 1:,} of {len(page_objects):,}), over the limit."
                )
            raw.append((lines, float(box.bottom), float(box.height)))
    except EngineError:
        raise  # refused, or cancelled
    except LimitReachedError:
        raise InputError(
            f"{name} holds a stream that would unpack to an unreasonable size; refused as a "
            "possible decompression bomb."
        ) from None
    except Exception:  # pypdf raises many types on a damaged file
        raise InputError(f"{name} is a damaged PDF: its pages cannot be read.") from None
    if not any(line.text.strip() for lines, _, _ in raw for line in lines):
        raise InputError(
            f"{name} has no text layer: its pages are images (a scan). Run it through text "
            "recognition (OCR) first, then open the result."
        )
    pages = _drop_running_heads(raw)
    every = [line for lines in pages for line in lines]
    if not every:
        raise InputError(f"{name} has no text apart from page headers and numbers.")
    body_size = statistics.median(line.size for line in every if line.text)
    vocabulary = {w.casefold() for line in every for w in _WORD.findall(line.text)}
    spacing = _spacing(pages)

    paragraphs: list[Paragraph] = []
    for page_index, lines in enumerate(pages):
        cancel.check()
        if progress is not None and page_index % 16 == 0:
            progress(READ_SHARE + (1 - READ_SHARE) * page_index / len(pages))
        for k, block in enumerate(_blocks(lines, body_size, spacing)):
            text = block.lines[0].text
            for line in block.lines[1:]:
                text = _join(text, line.text, vocabulary)
            words = len(text.split())
            heading = (
                body_size > 0
                and block.size >= HEADING_SCALE * body_size
                and words <= HEADING_MAX_WORDS
            )
            role, reason = (Role.HEADING, "heading") if heading else (None, "")
            previous = paragraphs[-1] if paragraphs else None
            # A paragraph cut by the page break: no closing punctuation, lower-case go-on.
            if (
                k == 0
                and page_index > 0
                and previous is not None
                and previous.role is None
                and role is None
                and not previous.text.endswith(_FINAL)
                and text[:1].islower()
            ):
                paragraphs[-1] = Paragraph(_join(previous.text, text, vocabulary))
                continue
            paragraphs.append(Paragraph(clean(text), role, reason))
    title = _title(reader, paragraphs)
    return assemble(paragraphs, name=name, source=source, format="pdf", title=title)


def _title(reader, paragraphs: list[Paragraph]) -> str:
    """The first large-type heading, else the document's own title when it is not a file name."""
    if paragraphs and paragraphs[0].role is Role.HEADING:
        return paragraphs[0].text
    try:
        meta = reader.metadata
        title = clean(str(meta.title)) if meta is not None and meta.title else ""
    except Exception:  # pypdf raises many types on a damaged file
        return ""
    if re.search(r"\.(docx?|odt|pdf|rtf|tex|indd|pages)$|^microsoft word|^untitled", title, re.I):
        return ""
    return title

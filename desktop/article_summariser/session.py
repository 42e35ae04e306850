"""The open documents, kept on disk so that a crash or a ``kill -9`` loses nothing.

Qt-free: the window turns its documents into a ``Session`` and back; this module reads and
writes it, atomically, as ``session.json`` in the platform's state folder (never anywhere
else). A damaged file is moved aside and reported, never fatal; a damaged document entry is
skipped and counted, so one bad entry does not cost the others.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from article_summariser import storage

if TYPE_CHECKING:
    from article_summariser.engine.model import Block

#: The format written; a file without a version, or with a newer one, is read as far as it goes.
FORMAT = 1


def new_id() -> str:
    """A random id of 32 hex digits (``uuid`` would pull ``platform`` into the start-up)."""
    return os.urandom(16).hex()


@dataclass(frozen=True)
class DocumentState:
    """One open document: its text as the user last left it, where it came from, its settings."""

    text: str
    #: A path or a URL, or ``""`` for pasted or typed text.
    source: str = ""
    title: str = ""
    #: JSON-ready summary settings (algorithm, language, length); kept as they are.
    settings: Mapping[str, Any] = field(default_factory=dict)
    #: Unique within one session file.
    id: str = field(default_factory=new_id)
    #: The name shown in the document list.
    name: str = ""
    #: How the text arrived: ``file``, ``clipboard``, ``dropped``, ``typed``, ``sample``.
    origin: str = ""
    #: The loader's format (``text``, ``pdf``, ``html``...).
    format: str = ""
    #: The loader's paragraph blocks while the text is unedited (headings, captions...), so a
    #: restored document is summarised exactly as before; ``None`` lets the engine split it.
    blocks: tuple[Block, ...] | None = None


@dataclass(frozen=True)
class Session:
    documents: tuple[DocumentState, ...] = ()
    #: Index of the document shown (clamped into range when read).
    current: int = 0


def to_json(session: Session) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "current": session.current,
        "documents": [
            {
                "id": doc.id,
                "text": doc.text,
                "source": doc.source,
                "title": doc.title,
                "settings": dict(doc.settings),
                "name": doc.name,
                "origin": doc.origin,
                "format": doc.format,
                "blocks": _blocks_to_json(doc.blocks),
            }
            for doc in session.documents
        ],
    }


def _blocks_to_json(blocks: tuple[Block, ...] | None) -> list[list[Any]] | None:
    if blocks is None:
        return None
    return [[b.start, b.end, b.role.value, b.reason] for b in blocks]


def _blocks_from_json(raw: Any, text: str) -> tuple[Block, ...] | None:
    """Blocks back from JSON; anything out of place drops them all (the engine re-splits)."""
    if not isinstance(raw, list):
        return None
    # Imported here, not at the top: the window imports this module before its first paint,
    # and the engine package is loaded in the worker thread after it.
    from article_summariser.engine.model import Block, Role

    blocks = []
    previous_end = 0
    for item in raw:
        if not (isinstance(item, list) and len(item) == 4):
            return None
        start, end, role, reason = item
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            return None
        if not previous_end <= start <= end <= len(text) or not isinstance(reason, str):
            return None
        try:
            blocks.append(Block(start, end, Role(role), reason))
        except ValueError:
            return None
        previous_end = end
    return tuple(blocks)


def from_json(data: Mapping[str, Any]) -> tuple[Session, int]:
    """``(session, skipped)``: the documents that could be read, and how many could not."""
    raw_docs = data.get("documents")
    if not isinstance(raw_docs, list):
        raise ValueError("no document list")
    documents = []
    skipped = 0
    seen: set[str] = set()
    for raw in raw_docs:
        if not isinstance(raw, Mapping) or not isinstance(raw.get("text"), str):
            skipped += 1
            continue
        doc_id = raw.get("id")
        if not isinstance(doc_id, str) or not doc_id or doc_id in seen:
            doc_id = new_id()
        seen.add(doc_id)
        settings = raw.get("settings")
        documents.append(
            DocumentState(
                text=raw["text"],
                source=_string(raw.get("source")),
                title=_string(raw.get("title")),
                settings=dict(settings) if isinstance(settings, Mapping) else {},
                id=doc_id,
                name=_string(raw.get("name")),
                origin=_string(raw.get("origin")),
                format=_string(raw.get("format")),
                blocks=_blocks_from_json(raw.get("blocks"), raw["text"]),
            )
        )
    current = data.get("current")
    if not isinstance(current, int) or isinstance(current, bool):
        current = 0
    current = max(0, min(current, len(documents) - 1)) if documents else 0
    return Session(tuple(documents), current), skipped


def _string(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _path(path: Path | None) -> Path:
    if path is not None:
        return Path(path)
    from article_summariser import paths

    return paths.get().session_file


def save(session: Session, path: Path | None = None) -> None:
    """Write ``session`` atomically; raises ``storage.StorageError`` (a message for people)."""
    storage.write_json_atomic(_path(path), to_json(session))


def load(path: Path | None = None) -> tuple[Session | None, str | None]:
    """``(session, problem)``: the last saved session (``None`` if there is none) and a
    sentence for people when something could not be restored."""
    path = _path(path)
    data, problem = storage.read_json(path, None)
    if data is None:
        return None, f"The last session could not be restored: {problem}" if problem else None
    try:
        session, skipped = from_json(data)
    except ValueError:
        moved = storage.quarantine(path)
        where = f" It was kept as {moved.name}." if moved else ""
        return (
            None,
            f"The last session could not be restored: {path.name} had unexpected content.{where}",
        )
    if skipped:
        noun = "document" if skipped == 1 else "documents"
        return session, f"{skipped} damaged {noun} of the last session could not be restored."
    return session, None


def files(path: Path | None = None) -> list[Path]:
    """Every file holding autosaved text: the session, those of other running instances
    (``session-2.json``...), copies kept aside, unfinished writes."""
    path = _path(path)
    folder = path.parent
    if not folder.is_dir():
        return []
    found = [path] if path.is_file() else []
    found += sorted(p for p in folder.glob(f"{path.stem}-*{path.suffix}") if p.is_file())
    for name in sorted({path.name} | {p.name for p in found}):
        found += sorted(folder.glob(f"{name}.corrupt-*"))
        found += sorted(folder.glob(f".{name}.*.tmp"))
    return found


def instance_file(path: Path, number: int) -> Path:
    """The session file of the ``number``-th app running at once (1 is ``path`` itself)."""
    return path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")


def clear(path: Path | None = None) -> list[Path]:
    """Delete the autosaved text (all of ``files()``); returns what could not be deleted."""
    left = []
    for file in files(path):
        try:
            os.unlink(file)
        except FileNotFoundError:
            pass
        except OSError:
            left.append(file)
    return left

"""Atomic, forgiving JSON files for settings, sessions and autosave.

Writes go to a temporary file in the same folder, are flushed to disk and then renamed over the
target, so a crash mid-write never replaces a good file with half of one. Reading never raises:
an unreadable or corrupt file yields the default, is moved aside (``name.corrupt-<time>``) for
inspection when the folder allows it, and the problem comes back as a sentence to tell the user
once.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any


class StorageError(Exception):
    """A write failed (read-only folder, full disk, ...). The message is for people."""


def write_json_atomic(path: Path, data: Any) -> None:
    """Replace ``path`` with ``data`` as JSON, all or nothing."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (pasted from a broken source) has no UTF-8 form; escaped as \udxxx
        # it still round-trips exactly, so the text is kept as the user saw it.
        raw = json.dumps(data, ensure_ascii=True, indent=2, sort_keys=True).encode("ascii")
    write_bytes_atomic(path, raw)


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` as UTF-8 (unencodable characters become ``?``)."""
    write_bytes_atomic(path, text.encode("utf-8", errors="replace"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``, all or nothing: a temporary file in the same folder,
    flushed to disk, then renamed over the target (atomic on POSIX and Windows)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise StorageError(f"Cannot write {path}: {error.strerror or error}.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError):
            raise StorageError(f"Cannot write {path}: {error.strerror or error}.") from None
        raise


def quarantine(path: Path) -> Path | None:
    """Move a bad file aside and return its new name (``None`` if it could not be moved)."""
    target = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def read_json(path: Path, default: Any, *, expect: type = dict) -> tuple[Any, str | None]:
    """``(data, problem)``: the file's content, or ``default`` and a sentence saying why not."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return default, None
    except OSError as error:
        # Moved aside too: the next save would replace it, and it may hold what someone wants.
        moved = quarantine(path)
        where = f" It was kept as {moved.name}." if moved else ""
        reason = error.strerror or str(error)
        return default, f"{path.name} could not be read ({reason}); using defaults.{where}"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        moved = quarantine(path)
        where = f" It was kept as {moved.name}." if moved else ""
        return default, f"{path.name} was damaged and has been reset.{where}"
    if not isinstance(data, expect):
        moved = quarantine(path)
        where = f" It was kept as {moved.name}." if moved else ""
        return default, f"{path.name} had unexpected content and has been reset.{where}"
    return data, None

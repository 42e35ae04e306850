"""The local history of summaries: an SQLite file in the app's data folder, searchable.

One entry per document text (found again by a hash of the text): summarising the same article
again, with another length or algorithm, updates its entry and moves it to the top instead of
filling the history with near-copies, which dragging the length slider would otherwise do.
Each entry keeps the full text, so that it can be reopened exactly; the history is capped in
entries and in bytes and the oldest entries go first.

Full-text search uses SQLite's FTS5 (with diacritics folded: "cafe" finds "café"). SQLite
builds without FTS5 exist, so the same search falls back to a plain scan with the same folding.

Every method opens its own short-lived connection: the history can be used from any thread, and
a history that is turned off (``enabled=False``) never creates or writes its file.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from article_summariser.engine.errors import EngineError
from article_summariser.engine.model import Length, LengthUnit, Summary

#: Defaults for the size cap (the newest entry is always kept, however large).
MAX_ENTRIES = 1000
MAX_BYTES = 200 * 1024 * 1024
#: Longest search result list.
SEARCH_LIMIT = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    summarised_at TEXT NOT NULL,
    text_hash TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    language TEXT NOT NULL,
    language_setting TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    length_unit TEXT NOT NULL,
    length_value REAL NOT NULL,
    words_original INTEGER NOT NULL,
    words_summary INTEGER NOT NULL,
    keywords TEXT NOT NULL,
    summary TEXT NOT NULL,
    text TEXT NOT NULL,
    size INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_by_time ON entries (summarised_at, id);
"""
_FTS_COLUMNS = ("title", "source", "keywords", "summary", "text")
_FTS_TABLE = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS entries_fts USING fts5(
    {", ".join(_FTS_COLUMNS)},
    content='entries', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
"""
_NEW = ", ".join(f"new.{c}" for c in _FTS_COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in _FTS_COLUMNS)
_COLS = ", ".join(_FTS_COLUMNS)
_TRIGGERS = {
    "entries_fts_insert": f"""
        CREATE TRIGGER IF NOT EXISTS entries_fts_insert AFTER INSERT ON entries BEGIN
            INSERT INTO entries_fts (rowid, {_COLS}) VALUES (new.id, {_NEW});
        END""",
    "entries_fts_delete": f"""
        CREATE TRIGGER IF NOT EXISTS entries_fts_delete AFTER DELETE ON entries BEGIN
            INSERT INTO entries_fts (entries_fts, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD});
        END""",
    "entries_fts_update": f"""
        CREATE TRIGGER IF NOT EXISTS entries_fts_update AFTER UPDATE ON entries BEGIN
            INSERT INTO entries_fts (entries_fts, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD});
            INSERT INTO entries_fts (rowid, {_COLS}) VALUES (new.id, {_NEW});
        END""",
}
_LIST_COLUMNS = (
    "id, summarised_at, title, source, language, language_setting, algorithm, length_unit, "
    "length_value, words_original, words_summary, keywords, summary"
)


_SCHEMA_LOCK = threading.Lock()


class HistoryError(EngineError):
    """The history file cannot be read or written (disk full, damaged file, ...)."""


@dataclass(frozen=True)
class HistoryEntry:
    """One remembered summary: where it came from, how it was made, and when."""

    id: int
    summarised_at: datetime
    title: str
    source: str
    #: The language summarised in (ISO code, ``""`` when unknown).
    language: str
    #: What the user asked for: ``"auto"`` or a code.
    language_setting: str
    algorithm: str
    length: Length
    words_original: int
    words_summary: int
    keywords: tuple[str, ...]
    #: The summary sentences, one per line.
    summary: str
    #: The full original text; empty in search results (``History.get`` has it).
    text: str = ""

    @property
    def display_title(self) -> str:
        """The title, else the file name, else the summary's first words (pasted text)."""
        if self.title:
            return self.title
        if self.source:
            return Path(self.source).name or self.source
        first = " ".join(self.summary.split("\n", 1)[0].split()[:10])
        return first + "…" if first else "Untitled"


def fold(text: str) -> str:
    """Lower case without diacritics, the way the search compares words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _terms(query: str) -> list[str]:
    return re.findall(r"\w+", query)


def _fts_query(terms: list[str]) -> str:
    # Every term quoted (no FTS syntax from the user can break the query) and matched as a
    # prefix, all of them required.
    return " ".join('"' + term.replace('"', '""') + '"*' for term in terms)


class History:
    """The history file, with search. Cheap to create: nothing is opened until used."""

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        enabled: bool = True,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
        fts: bool | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """``path`` defaults to ``paths.get().history_db``; ``fts=False`` forces the fallback
        search (``None``: FTS5 when this SQLite has it)."""
        self._path = Path(path) if path is not None else None
        self.enabled = enabled
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._want_fts = fts
        self._fts: bool | None = None
        self._prepared_for: tuple[int, int] | None = None
        self._clock = clock or (lambda: datetime.now(UTC))

    @property
    def path(self) -> Path:
        if self._path is None:
            from article_summariser import paths

            self._path = paths.get().history_db
        return self._path

    @property
    def uses_fts(self) -> bool:
        """Whether searches run on FTS5 (known once the file has been opened)."""
        return bool(self._fts)

    # --- connections --------------------------------------------------------------------------

    def _file_key(self) -> tuple[int, int] | None:
        """The file's identity (device, inode), or ``None`` when it does not exist."""
        try:
            info = self.path.stat()
        except OSError:
            return None
        return (info.st_dev, info.st_ino)

    @contextmanager
    def _connect(self, *, write: bool) -> Iterator[sqlite3.Connection | None]:
        """A connection with the schema in place; ``None`` when there is nothing to read."""
        if not write and not self.path.exists():
            yield None
            return
        connection = None
        try:
            if write:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            # The schema is checked once per file: a file created since (or removed) again.
            key = self._file_key()
            connection = sqlite3.connect(self.path, timeout=10)
            connection.create_function("fold", 1, fold, deterministic=True)
            connection.row_factory = sqlite3.Row
            if key is None or key != self._prepared_for:
                # Two threads adding the first entries at once must not both create the schema.
                with _SCHEMA_LOCK:
                    self._prepare(connection)
                self._prepared_for = self._file_key()
            with connection:
                yield connection
        except sqlite3.DatabaseError as error:
            raise self._error(error) from None
        except OSError as error:
            raise HistoryError(
                f"The history cannot be saved in “{self.path.parent}”: {error.strerror or error}."
            ) from None
        finally:
            if connection is not None:
                connection.close()

    def _error(self, error: sqlite3.DatabaseError) -> HistoryError:
        message = str(error)
        if "not a database" in message or "malformed" in message:
            return HistoryError(
                f"The history file “{self.path.name}” is damaged; clear the history to start "
                "a new one."
            )
        if "full" in message:
            return HistoryError("The history cannot be saved: the disk is full.")
        return HistoryError(f"The history cannot be used: {message}.")

    def _prepare(self, connection: sqlite3.Connection) -> None:
        # Shrink the file as entries go (must be set before the first table exists).
        connection.execute("PRAGMA auto_vacuum = FULL")
        connection.executescript(_SCHEMA)
        available = self._fts_available(connection) if self._want_fts is not False else False
        existing = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'entries_fts%'"
            )
        }
        if available:
            connection.executescript(_FTS_TABLE)
            if len(existing) < len(_TRIGGERS):
                # New file, or entries added while FTS5 was off: index everything again.
                with connection:
                    for name, sql in _TRIGGERS.items():
                        if name not in existing:
                            connection.execute(sql)
                    connection.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
        elif existing:
            # The triggers would fail without FTS5; the stale index is rebuilt when it returns.
            with connection:
                for name in existing:
                    connection.execute(f"DROP TRIGGER IF EXISTS {name}")
        self._fts = available

    @staticmethod
    def _fts_available(connection: sqlite3.Connection) -> bool:
        try:
            connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts5_probe USING fts5(x)")
        except sqlite3.OperationalError:
            return False
        connection.execute("DROP TABLE IF EXISTS temp.fts5_probe")
        return True

    # --- writing ------------------------------------------------------------------------------

    def add(
        self,
        summary: Summary,
        *,
        source: str = "",
        language_setting: str = "auto",
        title: str | None = None,
    ) -> int | None:
        """Remember ``summary``; returns the entry id, or ``None`` when the history is off.

        ``title`` replaces the summary's own (a document the user renamed, say).
        """
        if not self.enabled:
            return None
        text_hash = hashlib.sha256(summary.text.encode("utf-8", "surrogatepass")).hexdigest()
        sentences = "\n".join(s.display_text for s in summary.summary)
        values = {
            "summarised_at": self._clock().astimezone(UTC).isoformat(),
            "text_hash": text_hash,
            "title": summary.title if title is None else title,
            "source": source,
            "language": summary.language.code or "",
            "language_setting": language_setting,
            "algorithm": summary.algorithm,
            "length_unit": summary.length.unit.value,
            "length_value": float(summary.length.value),
            "words_original": summary.words_total,
            "words_summary": summary.words_summary,
            "keywords": json.dumps(list(summary.keywords), ensure_ascii=False),
            "summary": sentences,
            "text": summary.text,
            "size": len(summary.text.encode("utf-8", "surrogatepass"))
            + len(sentences.encode("utf-8", "surrogatepass")),
        }
        with self._connect(write=True) as connection:
            assert connection is not None
            # Not an UPSERT with RETURNING: that needs SQLite 3.35, older systems have less.
            row = connection.execute(
                "SELECT id FROM entries WHERE text_hash = ?", (text_hash,)
            ).fetchone()
            if row is None:
                columns = ", ".join(values)
                marks = ", ".join(f":{c}" for c in values)
                cursor = connection.execute(
                    f"INSERT INTO entries ({columns}) VALUES ({marks})", values
                )
                entry_id = int(cursor.lastrowid or 0)
            else:
                entry_id = int(row[0])
                updates = ", ".join(f"{c} = :{c}" for c in values)
                connection.execute(
                    f"UPDATE entries SET {updates} WHERE id = :id", {**values, "id": entry_id}
                )
            self._prune(connection)
        return entry_id

    def _prune(self, connection: sqlite3.Connection) -> None:
        """Drop the oldest entries beyond the caps (never the newest one)."""
        rows = connection.execute(
            "SELECT id, size FROM entries ORDER BY summarised_at DESC, id DESC"
        ).fetchall()
        total = 0
        doomed = []
        for position, (entry_id, size) in enumerate(rows):
            total += size
            if position > 0 and (position >= self.max_entries or total > self.max_bytes):
                doomed.append((entry_id,))
        connection.executemany("DELETE FROM entries WHERE id = ?", doomed)

    def delete(self, entry_id: int) -> bool:
        """Forget one entry; False when there was no such entry."""
        with self._connect(write=False) as connection:
            if connection is None:
                return False
            return connection.execute("DELETE FROM entries WHERE id = ?", (entry_id,)).rowcount > 0

    def clear(self) -> int:
        """Forget everything; returns how many entries there were.

        A damaged file is removed outright, which is how the user recovers from one.
        """
        try:
            with self._connect(write=False) as connection:
                if connection is None:
                    return 0
                count = connection.execute("DELETE FROM entries").rowcount
        except HistoryError:
            try:
                self.path.unlink(missing_ok=True)
            except OSError as error:
                raise HistoryError(
                    f"The history file cannot be removed: {error.strerror or error}."
                ) from None
            return 0
        try:
            with sqlite3.connect(self.path) as connection:
                connection.execute("VACUUM")  # give the space back now, not on the next write
        except sqlite3.Error:
            pass
        return count

    # --- reading ------------------------------------------------------------------------------

    def count(self) -> int:
        with self._connect(write=False) as connection:
            if connection is None:
                return 0
            return int(connection.execute("SELECT count(*) FROM entries").fetchone()[0])

    def get(self, entry_id: int) -> HistoryEntry | None:
        """The whole entry, original text included."""
        with self._connect(write=False) as connection:
            if connection is None:
                return None
            row = connection.execute(
                f"SELECT {_LIST_COLUMNS}, text FROM entries WHERE id = ?", (entry_id,)
            ).fetchone()
        return _entry(row, with_text=True) if row is not None else None

    def search(self, query: str = "", limit: int = SEARCH_LIMIT) -> list[HistoryEntry]:
        """Entries matching every word of ``query`` (prefixes count), best match first.

        An empty query lists the most recent entries first.
        """
        terms = _terms(query)
        with self._connect(write=False) as connection:
            if connection is None:
                return []
            if not terms:
                rows = connection.execute(
                    f"SELECT {_LIST_COLUMNS} FROM entries "
                    "ORDER BY summarised_at DESC, id DESC LIMIT ?",
                    (limit,),
                ).fetchall()
            elif self._fts:
                columns = ", ".join(f"e.{c.strip()}" for c in _LIST_COLUMNS.split(","))
                rows = connection.execute(
                    f"SELECT {columns} FROM entries_fts JOIN entries AS e ON e.id = "
                    "entries_fts.rowid WHERE entries_fts MATCH ? "
                    "ORDER BY bm25(entries_fts, 10.0, 5.0, 5.0, 2.0, 1.0), "
                    "e.summarised_at DESC LIMIT ?",
                    (_fts_query(terms), limit),
                ).fetchall()
            else:
                haystack = " || ' ' || ".join(_FTS_COLUMNS)
                condition = " AND ".join(["instr(fold(" + haystack + "), ?) > 0"] * len(terms))
                rows = connection.execute(
                    f"SELECT {_LIST_COLUMNS} FROM entries WHERE {condition} "
                    "ORDER BY summarised_at DESC, id DESC LIMIT ?",
                    (*(fold(t) for t in terms), limit),
                ).fetchall()
        return [_entry(row) for row in rows]


def _entry(row: sqlite3.Row, with_text: bool = False) -> HistoryEntry:
    unit = LengthUnit(row["length_unit"])
    value = row["length_value"]
    return HistoryEntry(
        id=row["id"],
        summarised_at=datetime.fromisoformat(row["summarised_at"]),
        title=row["title"],
        source=row["source"],
        language=row["language"],
        language_setting=row["language_setting"],
        algorithm=row["algorithm"],
        length=Length(unit, value if unit is LengthUnit.RATIO else int(value)),
        words_original=row["words_original"],
        words_summary=row["words_summary"],
        keywords=tuple(json.loads(row["keywords"])),
        summary=row["summary"],
        text=row["text"] if with_text else "",
    )

"""The user's preferences, kept in the platformdirs config folder as JSON.

What is remembered: the summary settings last used (algorithm, language, length and unit), the
heat-map and document-list toggles, window geometry and splitter, the last folder and the
recent files. Reading never fails: a missing, damaged or odd file gives the defaults (field by
field) and one sentence for the message funnel. Writes are atomic and debounced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from article_summariser import paths
from article_summariser.gui.options import SummaryOptions
from article_summariser.storage import StorageError, read_json, write_json_atomic

RECENT_MAX = 10
#: Bumped when the file's layout changes incompatibly.
VERSION = 1


@dataclass
class Preferences:
    options: SummaryOptions = field(default_factory=SummaryOptions)
    heat_map: bool = False
    show_documents: bool = True
    #: ``QWidget.saveGeometry()`` / ``QMainWindow.saveState()`` as base64 text.
    geometry: str = ""
    window_state: str = ""
    #: Widths of the original and summary panes.
    splitter: tuple[int, ...] = ()
    last_folder: str = ""
    recent_files: tuple[str, ...] = ()
    #: Whether summaries are remembered in the history (File ▸ History…).
    keep_history: bool = True

    def add_recent(self, path: Path | str) -> None:
        entry = str(Path(path).absolute())
        rest = [p for p in self.recent_files if p != entry]
        self.recent_files = (entry, *rest)[:RECENT_MAX]
        self.last_folder = str(Path(entry).parent)

    def remove_recent(self, path: Path | str) -> None:
        entry = str(path)
        self.recent_files = tuple(p for p in self.recent_files if p != entry)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "summary": self.options.to_dict(),
            "heat_map": self.heat_map,
            "show_documents": self.show_documents,
            "window": {
                "geometry": self.geometry,
                "state": self.window_state,
                "splitter": list(self.splitter),
            },
            "last_folder": self.last_folder,
            "recent_files": list(self.recent_files),
            "keep_history": self.keep_history,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Preferences:
        """Preferences from stored JSON; each malformed field alone falls back to its default."""
        window = data.get("window") if isinstance(data.get("window"), dict) else {}
        splitter = window.get("splitter")
        recent = data.get("recent_files")

        def text(value: Any) -> str:
            return value if isinstance(value, str) else ""

        def flag(value: Any, default: bool) -> bool:
            return value if isinstance(value, bool) else default

        return cls(
            options=SummaryOptions.from_dict(data.get("summary")),
            heat_map=flag(data.get("heat_map"), False),
            show_documents=flag(data.get("show_documents"), True),
            keep_history=flag(data.get("keep_history"), True),
            geometry=text(window.get("geometry")),
            window_state=text(window.get("state")),
            splitter=tuple(
                int(v)
                for v in (splitter if isinstance(splitter, list) else [])
                if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 100_000
            )[:2],
            last_folder=text(data.get("last_folder")),
            recent_files=tuple(
                p for p in (recent if isinstance(recent, list) else []) if isinstance(p, str) and p
            )[:RECENT_MAX],
        )


def load(path: Path | None = None) -> tuple[Preferences, str | None]:
    """``(preferences, problem)``: the stored preferences, or defaults and why."""
    data, problem = read_json(path or paths.get().settings_file, {})
    return Preferences.from_dict(data), problem


def save(preferences: Preferences, path: Path | None = None) -> None:
    """Write the preferences atomically. Raises ``StorageError`` with a sentence for people."""
    write_json_atomic(path or paths.get().settings_file, preferences.to_dict())


class SettingsStore(QObject):
    """The preferences of the running app, written a moment after each change and at exit.

    A failed write is told to the user once per session (through the message funnel), not on
    every slider move.
    """

    #: Milliseconds to wait for more changes before writing.
    DELAY_MS = 800

    def __init__(self, preferences: Preferences, path: Path | None = None, parent=None) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self._path = path
        self._reported = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self.save_now)

    @classmethod
    def open(cls, path: Path | None = None, parent=None) -> SettingsStore:
        """Load the stored preferences; a problem reading them goes to the message funnel."""
        from article_summariser.gui.messages import funnel

        preferences, problem = load(path)
        if problem:
            funnel().warning(f"Your preferences could not be restored: {problem}")
        return cls(preferences, path, parent)

    def changed(self) -> None:
        self._timer.start()

    def save_now(self) -> bool:
        self._timer.stop()
        try:
            save(self.preferences, self._path)
        except StorageError as error:
            if not self._reported:
                from article_summariser.gui.messages import funnel

                self._reported = True
                funnel().warning(f"Your preferences could not be saved. {error}")
            return False
        return True


__all__ = ["RECENT_MAX", "Preferences", "SettingsStore", "StorageError", "load", "save"]

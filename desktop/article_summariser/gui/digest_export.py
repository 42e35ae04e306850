"""File ▸ Export Digest…: every open document's summary in one Markdown, HTML, CSV or JSON file.

Documents without a summary are listed with their reason, and so are the files of the last
batch that could not be summarised, so the digest of a folder accounts for every file in it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from article_summariser.gui.messages import dialogs_enabled, funnel

if TYPE_CHECKING:
    from article_summariser.engine.digest import Digest
    from article_summariser.gui.batch_progress import BatchController
    from article_summariser.gui.workspace import Workspace

#: ``(filter, suffix)`` in the order the save dialog lists them.
FILTERS = (
    ("Markdown (*.md)", ".md"),
    ("Web page (*.html)", ".html"),
    ("CSV spreadsheet (*.csv)", ".csv"),
    ("JSON (*.json)", ".json"),
)


def collect(workspace: Workspace, batch: BatchController | None = None) -> Digest:
    """The digest of the open documents, in the document list's order."""
    from article_summariser.engine import digest

    entries = []
    failures = []
    for document in workspace.documents():
        source = document.source if document.origin == "file" else ""
        if document.has_current_summary and document.summary is not None:
            entry = digest.Entry.from_summary(document.summary, source)
            title = document.title or document.summary.title or document.name
            entries.append(replace(entry, title=title))
        elif document.is_empty:
            continue
        else:
            reason = document.error if document.error else "Not summarised yet."
            failures.append(digest.Failure(source or document.name, reason))
    if batch is not None:
        failures += [digest.Failure(item.source, item.error) for item in batch.failures]
    return digest.Digest.of(entries, failures, created=datetime.now().astimezone())


def export(workspace: Workspace, path: Path, batch: BatchController | None = None) -> bool:
    """Write the digest to ``path`` (format from its extension); problems go to the funnel."""
    from article_summariser.engine import digest
    from article_summariser.engine.errors import InputError

    content = collect(workspace, batch)
    if not content.entries and not content.failures:
        funnel().info("There is nothing to export yet: open or paste some articles first.")
        return False
    try:
        digest.write(content, path)
    except InputError as error:
        funnel().warning(error.message)
        return False
    return True


def choose_path(parent: QWidget, folder: str) -> Path | None:
    """Where to write the digest; the chosen filter adds its extension when none is typed."""
    if not dialogs_enabled():
        return None
    filters = [f for f, _suffix in FILTERS]
    suggested = Path(folder or Path.home()) / "Summaries.md"
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export Digest", str(suggested), ";;".join(filters), filters[0]
    )
    if not name:
        return None
    path = Path(name)
    known = {suffix for _f, suffix in FILTERS} | {".markdown", ".htm"}
    if path.suffix.lower() not in known:
        suffix = dict(FILTERS).get(chosen, ".md")
        path = path.with_name(path.name + suffix)
    return path


class DigestExport:
    """The action and what it does, for one window."""

    def __init__(self, window: Any, batch: BatchController | None = None) -> None:
        self.window = window
        self.batch = batch
        self.action = QAction("&Export Digest…", window)
        self.action.setObjectName("exportDigest")
        self.action.setStatusTip(
            "Save the summaries of all open documents in one Markdown, HTML, CSV or JSON file"
        )
        self.action.setProperty("accessibleName", "Export Digest")
        self.action.triggered.connect(self.run)
        workspace = window.workspace
        workspace.model.rowsInserted.connect(self._update)
        workspace.model.rowsRemoved.connect(self._update)
        self._update()

    def _update(self, *_args: object) -> None:
        self.action.setEnabled(len(self.window.workspace.model) > 0)

    def run(self) -> bool:
        prefs = self.window.settings.preferences
        path = choose_path(self.window, prefs.last_folder)
        return path is not None and self.export_to(path)

    def export_to(self, path: Path) -> bool:
        if not export(self.window.workspace, path, self.batch):
            return False
        self.window.settings.preferences.last_folder = str(path.parent)
        self.window.settings.changed()
        self.window.statusBar().showMessage(f"Digest saved to {path.name}.", 3000)
        return True


def install(window: Any, batch: BatchController | None = None) -> DigestExport:
    """File ▸ Export Digest…, placed right after Save Summary As…."""
    feature = DigestExport(window, batch)
    file_menu = window.menus["file"]
    actions = file_menu.actions()
    save = window.commands.save_summary
    following = actions[actions.index(save) + 1] if save in actions else None
    if following is not None:
        file_menu.insertAction(following, feature.action)
    else:
        file_menu.addAction(feature.action)
    return feature

"""The window's modal dialogs, each behind one function that honours the no-dialogs mode.

With dialogs off (tests), choosers return nothing and information dialogs do not open, so no
test can hang on a window waiting for a click; tests call what the dialogs would have led to.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from article_summariser import APP_NAME
from article_summariser.gui import formats, icons
from article_summariser.gui.actions import plain
from article_summariser.gui.messages import dialogs_enabled


def choose_files(parent: QWidget, folder: str = "") -> list[Path]:
    """File ▸ Open: one or more documents of any supported format."""
    if not dialogs_enabled():
        return []
    filters = formats.open_filters()
    names, _chosen = QFileDialog.getOpenFileNames(
        parent, "Open Documents", folder or str(Path.home()), ";;".join(filters), filters[0]
    )
    return [Path(n) for n in names]


def choose_save_path(parent: QWidget, suggested: Path) -> Path | None:
    """Where to save the summary; the suffix (``.txt`` or ``.md``) decides the format."""
    if not dialogs_enabled():
        return None
    filters = formats.save_filters()
    initial = filters[1] if suggested.suffix == ".md" else filters[0]
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Save Summary", str(suggested), ";;".join(filters), initial
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".txt", ".md"):
        path = path.with_name(path.name + (".md" if chosen.startswith("Markdown") else ".txt"))
    return path


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from article_summariser.gui import about  # reads package metadata: only when shown

        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        logo = QLabel(self)
        logo.setPixmap(icons.app_icon().pixmap(64, 64))
        text = QLabel(about.about_html(), self)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton("&Copy Versions", self)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(about.about_text()))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(logo, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(text)
        layout.addWidget(buttons)


def show_about(parent: QWidget) -> QDialog | None:
    if not dialogs_enabled():
        return None
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """``(command, keys)`` for every action that has a shortcut."""
    rows = []
    for action in actions:
        texts = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        # Dedicated keys some keyboards have ("Copy", "Paste", "Close") are left out: the
        # combinations are what people type.
        typed = [t for t in texts if "+" in t or t in ("Esc", "Del") or t[1:].isdigit()]
        keys = ", ".join(typed or texts)
        if keys:
            rows.append((plain(action.text()), keys))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        rows = shortcut_rows(actions)
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels(["Command", "Shortcut"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setAccessibleName("Keyboard shortcuts")
        for row, (command, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(command))
            table.setItem(row, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(520, 560)


def show_shortcuts(parent: QWidget, actions: list[QAction]) -> QDialog | None:
    if not dialogs_enabled():
        return None
    dialog = ShortcutsDialog(actions, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes/No; ``True`` without asking when dialogs are off."""
    if not dialogs_enabled():
        return True
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes

"""Every command of the window, with its shortcut, icon and accessible name, and the menus.

Actions are declared once (``SPECS``) so that the menus, the toolbar, the buttons, the keyboard
shortcuts dialog and the tests all see the same list. What an action does is wired by the main
window; this module only says what exists.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from article_summariser.gui import icons

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class Spec:
    name: str
    text: str
    #: Shortcuts: strings in portable form, or standard keys (the platform's own binding).
    keys: tuple[str | QKeySequence.StandardKey, ...]
    icon: str = ""
    tip: str = ""
    checkable: bool = False
    #: Shorter text for buttons (the toolbar, the empty state).
    short: str = ""
    #: Shortcuts on macOS where ``keys`` would collide with the system's (Ctrl is ⌘ there:
    #: ⌘H hides the app, ⇧⌘Q logs out).
    mac_keys: tuple[str, ...] = ()


SPECS: tuple[Spec, ...] = (
    Spec(
        "new_document",
        "&New Document",
        (Key.New,),
        "new",
        "Start an empty document to type or paste into",
        short="New",
    ),
    Spec("open", "&Open…", (Key.Open,), "open", "Open one or more documents", short="Open…"),
    Spec(
        "paste_new",
        "New from &Clipboard",
        ("Ctrl+Shift+V",),
        "paste",
        "Summarise the text on the clipboard as a new document",
        short="Paste",
    ),
    Spec(
        "open_sample",
        "Open &Sample Article",
        ("Ctrl+Shift+O",),
        "sample",
        "Open the article that comes with the app",
        short="Try the Sample Article",
    ),
    Spec(
        "save_summary",
        "&Save Summary As…",
        (Key.Save,),
        "save",
        "Save the summary as a text or Markdown file",
        short="Save…",
    ),
    Spec(
        "close_document",
        "&Close Document",
        (Key.Close,),
        "close",
        "Close the current document (it can be reopened)",
    ),
    Spec(
        "reopen",
        "&Reopen Closed Document",
        ("Ctrl+Shift+T",),
        "undo",
        "Open the last closed document again",
    ),
    Spec("quit", "&Quit", (Key.Quit, "Ctrl+Q"), "quit", "Quit the app"),
    Spec(
        "paste",
        "&Paste Article",
        (Key.Paste,),
        "paste",
        "Paste the clipboard's text (into the editor when it has the focus, else as a document)",
        short="Paste",
    ),
    Spec(
        "copy_summary",
        "&Copy Summary",
        ("Ctrl+Shift+C",),
        "copy",
        "Copy the summary as plain text",
        short="Copy",
    ),
    Spec(
        "copy_markdown",
        "Copy Summary as &Markdown",
        ("Ctrl+Shift+M",),
        "markdown",
        "Copy the summary as a Markdown bullet list",
    ),
    Spec(
        "copy_quote",
        "Copy Summary as &Quote",
        ("Ctrl+Shift+Q",),
        "quote",
        "Copy the summary as a quotation with its source",
        mac_keys=("Ctrl+Alt+Q",),
    ),
    Spec("longer", "&Longer Summary", ("Alt+Up",), "longer", "One step longer"),
    Spec("shorter", "&Shorter Summary", ("Alt+Down",), "shorter", "One step shorter"),
    Spec(
        "focus_length",
        "Change &Length…",
        ("Ctrl+L",),
        "",
        "Move the keyboard focus to the length slider",
    ),
    Spec("resummarise", "Summarise &Again", ("F5",), "refresh", "Run the summary again"),
    Spec("cancel", "Ca&ncel", ("Esc",), "cancel", "Stop summarising this document"),
    Spec(
        "heat_map",
        "&Heat Map",
        ("Ctrl+H",),
        "heatmap",
        "Tint every sentence by its score",
        checkable=True,
        short="Heat map",
        mac_keys=("Ctrl+Shift+H",),
    ),
    Spec(
        "show_documents",
        "&Document List",
        ("Ctrl+Shift+D",),
        "documents",
        "Show the list of open documents",
        checkable=True,
    ),
    Spec("next_document", "&Next Document", ("Ctrl+PgDown",), "", "Show the next open document"),
    Spec(
        "previous_document",
        "&Previous Document",
        ("Ctrl+PgUp",),
        "",
        "Show the previous open document",
    ),
    Spec(
        "shortcuts",
        "&Keyboard Shortcuts",
        ("F1", "Ctrl+/"),
        "keyboard",
        "List every keyboard shortcut",
    ),
    Spec(
        "about",
        "&About Article Summariser",
        ("Shift+F1",),
        "about",
        "Versions of the app and its libraries",
    ),
)


def plain(text: str) -> str:
    """Menu text without its mnemonic marker or ellipsis, for accessible names and buttons."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…")


class Actions(QObject):
    """The window's ``QAction`` objects, by name (``actions.open``, ``actions["open"]``)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._actions: dict[str, QAction] = {}
        self._specs = {spec.name: spec for spec in SPECS}
        for spec in SPECS:
            action = QAction(spec.text, window)
            action.setObjectName(spec.name)
            keys: list[QKeySequence] = []
            for key in spec.mac_keys if spec.mac_keys and sys.platform == "darwin" else spec.keys:
                if isinstance(key, str):
                    keys.append(QKeySequence(key))
                else:
                    keys.extend(QKeySequence.keyBindings(key))
            unique: list[QKeySequence] = []
            for key in keys:
                if not key.isEmpty() and key not in unique:
                    unique.append(key)
            action.setShortcuts(unique)
            name = plain(spec.text)
            action.setIconText(spec.short or name)
            shortcut = unique[0].toString(QKeySequence.SequenceFormat.NativeText) if unique else ""
            action.setToolTip(f"{spec.tip} ({shortcut})" if shortcut else spec.tip)
            action.setStatusTip(spec.tip)
            action.setWhatsThis(spec.tip)
            # QAction has no accessible name of its own; widgets made for it read this property.
            action.setProperty("accessibleName", name)
            action.setCheckable(spec.checkable)
            if spec.name == "quit":
                action.setMenuRole(QAction.MenuRole.QuitRole)
            elif spec.name == "about":
                action.setMenuRole(QAction.MenuRole.AboutRole)
            else:
                action.setMenuRole(QAction.MenuRole.NoRole)
            window.addAction(action)
            self._actions[spec.name] = action
        self.refresh_icons()

    def __getattr__(self, name: str) -> QAction:
        actions = self.__dict__.get("_actions", {})
        if name in actions:
            return actions[name]
        raise AttributeError(name)

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def all(self) -> list[QAction]:
        return list(self._actions.values())

    def spec(self, name: str) -> Spec:
        return self._specs[name]

    def refresh_icons(self) -> None:
        """Icons again in the palette's colours (after a light/dark switch)."""
        icons.clear_cache()
        for spec in SPECS:
            if spec.icon:
                self._actions[spec.name].setIcon(icons.icon(spec.icon))


class RecentMenu(QMenu):
    """File ▸ Open Recent: the last documents opened, newest first."""

    chosen = Signal(str)
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Open &Recent", parent)
        self.setObjectName("recentMenu")
        self.setAccessibleName("Open recent")
        self.set_files(())

    def set_files(self, files: tuple[str, ...]) -> None:
        self.clear()
        names = [Path(path).name for path in files]
        for n, path in enumerate(files, 1):
            name = Path(path).name
            if names.count(name) > 1:  # two "notes.txt": say which folder each is in
                name = f"{name} — {Path(path).parent.name or path}"
            name = name.replace("&", "&&")
            action = self.addAction(f"&{n} {name}" if n < 10 else name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            action.triggered.connect(lambda _checked=False, p=path: self.chosen.emit(p))
        if files:
            self.addSeparator()
        clear = self.addAction("&Clear Recent Files")
        clear.setObjectName("clearRecent")
        clear.setEnabled(bool(files))
        clear.triggered.connect(self.cleared)
        self.setEnabled(True)

    def files(self) -> list[str]:
        return [a.data() for a in self.actions() if isinstance(a.data(), str) and a.data()]


def build_menus(menubar: QMenuBar, actions: Actions, recent: RecentMenu) -> dict[str, QMenu]:
    menus = {}
    file = menubar.addMenu("&File")
    for name in ("new_document", "open"):
        file.addAction(actions[name])
    file.addMenu(recent)
    for name in ("paste_new", "open_sample"):
        file.addAction(actions[name])
    file.addSeparator()
    file.addAction(actions.save_summary)
    file.addSeparator()
    file.addAction(actions.close_document)
    file.addAction(actions.reopen)
    file.addSeparator()
    file.addAction(actions.quit)
    menus["file"] = file

    edit = menubar.addMenu("&Edit")
    edit.addAction(actions.paste)
    edit.addSeparator()
    for name in ("copy_summary", "copy_markdown", "copy_quote"):
        edit.addAction(actions[name])
    menus["edit"] = edit

    summary = menubar.addMenu("&Summary")
    for name in ("longer", "shorter", "focus_length"):
        summary.addAction(actions[name])
    summary.addSeparator()
    summary.addAction(actions.resummarise)
    summary.addAction(actions.cancel)
    menus["summary"] = summary

    view = menubar.addMenu("&View")
    view.addAction(actions.heat_map)
    view.addAction(actions.show_documents)
    view.addSeparator()
    view.addAction(actions.next_document)
    view.addAction(actions.previous_document)
    menus["view"] = view

    help_menu = menubar.addMenu("&Help")
    help_menu.addAction(actions.shortcuts)
    help_menu.addAction(actions.about)
    menus["help"] = help_menu
    return menus

"""The main window: puts the views together and connects them to the workspace.

It holds no summarising logic: documents, requests and results live in ``Workspace``; each view
draws one thing. What is here is layout, the translation of actions into workspace calls, and
``_render``, which shows the current document's state in every view at once.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from article_summariser import APP_NAME
from article_summariser.gui import clipboard, formats, icons
from article_summariser.gui.actions import Actions, RecentMenu, build_menus
from article_summariser.gui.controls import Controls
from article_summariser.gui.documents import Document
from article_summariser.gui.drop import DropOverlay, WindowDrops
from article_summariser.gui.empty_state import EmptyState
from article_summariser.gui.message_bar import MessageBar
from article_summariser.gui.messages import Message, funnel
from article_summariser.gui.original_view import OriginalPane
from article_summariser.gui.settings import SettingsStore
from article_summariser.gui.status_bar import SummaryStatusBar
from article_summariser.gui.summary_view import SummaryPane
from article_summariser.gui.workspace import Loading, Workspace

if TYPE_CHECKING:
    from article_summariser.gui.batch_progress import BatchController
    from article_summariser.gui.digest_export import DigestExport
    from article_summariser.gui.document_list import DocumentListView
    from article_summariser.gui.history_view import HistoryFeature

log = logging.getLogger(__name__)

#: How much Longer/Shorter change the length, per unit.
STEPS = {"sentences": 1, "percent": 5, "words": 10}
DEFAULT_SIZE = QSize(1280, 800)
#: Pixels the toolbar area keeps beyond its toolbars' own widths (its frame and gaps).
TOOLBAR_SLACK = 8
#: Ways to lay the toolbars out, best first: (settings on a second row, compact, heat map icon).
TOOLBAR_STEPS = (
    (False, False, False),
    (False, True, False),
    (True, False, False),
    (True, True, False),
    (True, True, True),
)


def _row_width(toolbar: QToolBar) -> int:
    """The width ``toolbar`` needs for all it holds, from its items' size hints (its own hint
    is updated only once Qt has laid it out again)."""
    layout = toolbar.layout()
    margins = layout.contentsMargins()
    widths = [
        max(0, widget.sizeHint().width())
        for action in toolbar.actions()
        if (widget := toolbar.widgetForAction(action)) is not None  # also those in its » menu
    ]
    spacing = layout.spacing() * max(0, len(widths) - 1)
    return margins.left() + margins.right() + sum(widths) + spacing


def save_stem(name: str) -> str:
    """A document's name as the start of a file name: a document format's suffix goes (also
    before a " (2)" that tells same-named documents apart), and what no file system takes
    (``/``, ``\\``, ``:``, ...) becomes a hyphen. "AC/DC live 8.5 years" stays itself but for
    its slash; "report.pdf (2)" becomes "report (2)"."""
    match = re.fullmatch(r"(.*?)(\.[A-Za-z0-9]{1,9})((?: \(\d+\))?)", name)
    if match and match.group(2).lower() in formats.suffixes():
        name = match.group(1) + match.group(3)
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", name).strip(" .")
    return name or "summary"


def is_batch(paths: list[Path] | list[str]) -> bool:
    """Whether opening ``paths`` is a batch (a folder, or more than one file)."""
    return len(paths) > 1 or any(Path(p).is_dir() for p in paths)


class MainWindow(QMainWindow):
    #: A summary was drawn for the current document (the start-up probe waits for the first).
    summaryRendered = Signal(object)
    #: The window was painted for the first time.
    firstPainted = Signal()

    def __init__(self, settings: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icons.app_icon())
        self.setAcceptDrops(True)
        self.settings = settings
        self.workspace = Workspace(settings, parent=self)
        self.commands = Actions(self)
        self._painted = False
        self._shown: tuple[object, bool] | None = None

        # Views
        self.controls = Controls(self)
        self.original_pane = OriginalPane(self)
        self.original = self.original_pane.view
        self.summary_pane = SummaryPane(self)
        self.summary = self.summary_pane.view
        self.empty = EmptyState(self)
        self.message_bar = MessageBar(self)
        self.status = SummaryStatusBar(self)
        self.setStatusBar(self.status)
        self.recent_menu = RecentMenu(self)
        self.menus = build_menus(self.menuBar(), self.commands, self.recent_menu)
        self.toolbar = self._build_toolbar()
        self.summary_pane.set_actions(
            self.commands.copy_summary,
            [self.commands.copy_summary, self.commands.copy_markdown, self.commands.copy_quote],
            self.commands.save_summary,
        )
        self.status.set_cancel_action(self.commands.cancel)
        # Esc closes a message, when it has nothing to cancel (two actions on one key would
        # make Qt run neither, so only one of them is ever enabled).
        self.dismiss_message = QAction("Dismiss Message", self)
        self.dismiss_message.setObjectName("dismissMessage")
        self.dismiss_message.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.dismiss_message.setEnabled(False)
        self.dismiss_message.triggered.connect(self.message_bar.dismiss)
        self.addAction(self.dismiss_message)
        for name, primary in (("open", True), ("paste_new", False), ("open_sample", False)):
            self.empty.add_action(self.commands[name], primary=primary)
        self.empty.add_action(self.commands.new_document).setText("Start Typing")

        # Layout
        self.panes = QSplitter(Qt.Orientation.Horizontal, self)
        self.panes.setObjectName("panes")
        self.panes.addWidget(self.original_pane)
        self.panes.addWidget(self.summary_pane)
        self.panes.setChildrenCollapsible(False)
        self.panes.setStretchFactor(0, 3)
        self.panes.setStretchFactor(1, 2)
        # The side list of documents joins on the left once it is built (``document_list``).
        self.sidebar = QSplitter(Qt.Orientation.Horizontal, self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.addWidget(self.panes)
        self._document_list: DocumentListView | None = None
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.sidebar)
        central = QWidget(self)
        central.setObjectName("central")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.message_bar)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.overlay = DropOverlay(central)
        self.drops = WindowDrops(self.overlay, self)

        self._connect()
        self._restore()
        self._extras: tuple[BatchController, DigestExport, HistoryFeature] | None = None
        funnel().attach(self._show_message)
        self._show_document(None)

    # Building ------------------------------------------------------------------------------

    def finish_startup(self) -> None:
        """Build what the first paint does not show: the side list of documents, batches with
        their panel, the digest export and the history (File menu entries, a dock that starts
        hidden, the history's recorder), and the toolbar buttons' accessible names. The app
        calls this right after the first paint, before the worker can deliver a summary;
        anything that needs one of them earlier builds them on first use."""
        if self._extras is not None:
            return
        from article_summariser.gui import batch_progress, digest_export, history_view

        self._name_toolbar_buttons()
        if self._document_list is None:
            self._build_document_list()
        batch = batch_progress.install(self)
        self._extras = (batch, digest_export.install(self, batch), history_view.install(self))

    @property
    def document_list(self) -> DocumentListView:
        """The side list of open documents, built on first use: when a second document opens
        or right after the first paint. A start with one document does not wait for it."""
        if self._document_list is None:
            return self._build_document_list()
        return self._document_list

    def _build_document_list(self) -> DocumentListView:
        from article_summariser.gui.document_list import DocumentListView

        view = DocumentListView(self)
        view.setModel(self.workspace.model)
        self.sidebar.insertWidget(0, view)
        self.sidebar.setStretchFactor(1, 1)
        self.sidebar.setCollapsible(1, False)
        self.sidebar.setSizes([210, 1000])
        view.selectionModel().currentChanged.connect(self._list_current_changed)
        self._document_list = view
        self._select_in_list(self.current)
        self._documents_changed()
        return view

    @property
    def batch(self) -> BatchController:
        """Many documents at once: the controller, with its panel."""
        self.finish_startup()
        return self._extras[0]  # type: ignore[index]

    @property
    def digest(self) -> DigestExport:
        self.finish_startup()
        return self._extras[1]  # type: ignore[index]

    @property
    def history(self) -> HistoryFeature:
        self.finish_startup()
        return self._extras[2]  # type: ignore[index]

    def _add_toolbar(self, title: str, name: str) -> QToolBar:
        toolbar = QToolBar(title, self)
        toolbar.setObjectName(name)
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(toolbar)
        return toolbar

    def _build_toolbar(self) -> QToolBar:
        """Open and Paste; then, in a toolbar of their own, the summary's settings and the heat
        map, which move to a second row when one row is too narrow for all of them."""
        toolbar = self._add_toolbar("Main toolbar", "mainToolBar")
        toolbar.addAction(self.commands.open)
        toolbar.addAction(self.commands.paste_new)
        settings = self._add_toolbar("Summary settings", "settingsToolBar")
        # A toolbar is never narrower than its first item: this empty one lets the window
        # stay as narrow as before (the settings then go to the toolbar's » menu).
        settings.addWidget(QWidget(settings))
        settings.addWidget(self.controls)
        spacer = QWidget(settings)
        spacer.setSizePolicy(
            spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred
        )
        settings.addWidget(spacer)
        settings.addAction(self.commands.heat_map)
        self.settings_toolbar = settings
        return toolbar

    def _fit_toolbars(self) -> None:
        """The first of these that fits the window's width: one row; one row with the length
        controls drawn closer; the settings on a second row, roomy, then close; then with the
        heat map as an icon (its name stays in its tooltip and the View menu). Below that, Qt
        moves what is left over into the toolbar's » menu."""
        width = self.width() - TOOLBAR_SLACK
        settings = self.settings_toolbar
        main = _row_width(self.toolbar)
        for wrapped, compact, icon in TOOLBAR_STEPS:
            self.controls.set_compact(compact)
            settings.setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonIconOnly
                if icon
                else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            )
            row = _row_width(settings)
            if (row if wrapped else main + row) <= width:
                break
        if self.toolBarBreak(settings) != wrapped:
            if wrapped:
                self.insertToolBarBreak(settings)
            else:
                self.removeToolBarBreak(settings)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_toolbars()

    def _name_toolbar_buttons(self) -> None:
        """The toolbars' buttons get their actions' accessible names. After the first paint:
        the buttons' Python types (and their enums) cost 8 ms to make, and nothing shows it."""
        for toolbar in (self.toolbar, self.settings_toolbar):
            for action in toolbar.actions():
                button = toolbar.widgetForAction(action)
                if button is not None and action.property("accessibleName"):
                    button.setAccessibleName(action.property("accessibleName"))

    def _connect(self) -> None:
        ws = self.workspace
        a = self.commands
        ws.currentChanged.connect(self._show_document)
        ws.documentUpdated.connect(self._document_updated)
        ws.documentEdited.connect(self._document_edited)
        ws.documentProgress.connect(self._document_progress)
        ws.loadingChanged.connect(self._loading_changed)
        self.status.load_cancel.clicked.connect(ws.cancel_loads)
        self.message_bar.visibilityChanged.connect(self._update_dismiss)
        ws.catalogueReady.connect(self.controls.set_catalogue)
        ws.catalogueReady.connect(self._fit_toolbars)  # the lists got their full names
        ws.model.rowsInserted.connect(self._documents_changed)
        ws.model.rowsRemoved.connect(self._documents_changed)
        self.controls.optionsChanged.connect(ws.set_options)
        self.original.filesDropped.connect(self.open_paths)
        self.original.fileDragChanged.connect(self._editor_drag)
        self.summary.sentenceActivated.connect(self.original.reveal)
        self.drops.filesDropped.connect(self.open_paths)
        self.drops.urlsDropped.connect(self.open_urls)
        self.drops.textDropped.connect(
            lambda incoming: self._open_incoming(incoming, origin="dropped")
        )
        self.recent_menu.chosen.connect(lambda path: self.open_paths([path]))
        self.recent_menu.cleared.connect(self._clear_recent)
        self.recent_menu.aboutToShow.connect(self._update_recent)
        self.empty.recentChosen.connect(lambda path: self.open_paths([path]))

        a.new_document.triggered.connect(lambda: ws.new_document())
        a.open.triggered.connect(self.open_dialog)
        a.paste_new.triggered.connect(self.paste_new)
        a.open_sample.triggered.connect(ws.open_sample)
        a.save_summary.triggered.connect(self.save_dialog)
        a.close_document.triggered.connect(lambda: ws.close())
        a.reopen.triggered.connect(ws.reopen_closed)
        a.quit.triggered.connect(self.close)
        a.paste.triggered.connect(self.paste)
        a.copy_summary.triggered.connect(lambda: self.copy("text"))
        a.copy_markdown.triggered.connect(lambda: self.copy("markdown"))
        a.copy_quote.triggered.connect(lambda: self.copy("quote"))
        a.longer.triggered.connect(lambda: self.step_length(+1))
        a.shorter.triggered.connect(lambda: self.step_length(-1))
        a.focus_length.triggered.connect(self.controls.slider.setFocus)
        a.resummarise.triggered.connect(lambda: ws.summarise())
        # Esc stops what the user waits for first: a file being opened, else the summary.
        a.cancel.triggered.connect(lambda: ws.cancel_loads() or ws.cancel())
        a.heat_map.toggled.connect(self.set_heat_map)
        a.show_documents.toggled.connect(self._show_documents_toggled)
        a.next_document.triggered.connect(lambda: self.cycle_document(+1))
        a.previous_document.triggered.connect(lambda: self.cycle_document(-1))
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self.show_about)

    def _restore(self) -> None:
        prefs = self.settings.preferences
        self.controls.set_options(prefs.options)
        restored = False
        if prefs.geometry:
            restored = self.restoreGeometry(QByteArray.fromBase64(prefs.geometry.encode("ascii")))
        if not restored:
            self.resize(DEFAULT_SIZE)
        if prefs.window_state:
            self.restoreState(QByteArray.fromBase64(prefs.window_state.encode("ascii")))
        if len(prefs.splitter) == 2 and all(prefs.splitter):
            self.panes.setSizes(list(prefs.splitter))
        else:
            self.panes.setSizes([600, 420])
        self.commands.heat_map.setChecked(prefs.heat_map)
        self.original.set_heat_map(prefs.heat_map)
        self.original_pane.update_legend()
        self.commands.show_documents.setChecked(prefs.show_documents)
        self.recent_menu.set_files(prefs.recent_files)
        self.empty.set_recent(prefs.recent_files)

    def remember_layout(self) -> None:
        """Put the window's geometry and splitter into the preferences."""
        prefs = self.settings.preferences
        prefs.geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        prefs.window_state = bytes(self.saveState().toBase64().data()).decode("ascii")
        sizes = self.panes.sizes()
        if len(sizes) == 2 and all(sizes):
            prefs.splitter = tuple(sizes)

    # Showing state ---------------------------------------------------------------------------

    @property
    def current(self) -> Document | None:
        return self.workspace.current

    def _show_document(self, document: Document | None) -> None:
        self._shown = None
        focus = QApplication.focusWidget()
        focus_on_welcome = focus is None or focus is self.empty or self.empty.isAncestorOf(focus)
        self.original.show_document(document)
        self.stack.setCurrentWidget(self.sidebar if document is not None else self.empty)
        # The keyboard goes where the work is: the welcome's Open… button, or the text that
        # replaced the welcome (never the length slider, the first control in the tab chain).
        if document is None:
            self.empty.focus_primary()
        elif focus_on_welcome:
            self.original.setFocus(Qt.FocusReason.OtherFocusReason)
        # The language detected in this document (plain "Auto" until it has been).
        self.controls.show_detected(document.summary if document is not None else None)
        if document is not None:
            self.controls.set_options(document.options)
            summary = document.summary
            if summary is not None:
                self.controls.set_limits(len(summary.candidates), summary.words_total)
            else:
                self.controls.set_limits(0, 0)
            self._select_in_list(document)
        else:
            self.empty.set_recent(self.settings.preferences.recent_files)
        self._render(document)

    def _select_in_list(self, document: Document | None) -> None:
        if self._document_list is None or document is None:
            return
        index = self.workspace.model.index(self.workspace.model.row_of(document))
        selection = self._document_list.selectionModel()
        if selection.currentIndex() != index:
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _render(self, document: Document | None) -> None:
        """Show the document's summary, progress or problem in every view."""
        a = self.commands
        has_summary = document is not None and document.has_current_summary
        for action in (a.copy_summary, a.copy_markdown, a.copy_quote, a.save_summary):
            action.setEnabled(has_summary and bool(document.summary.summary))  # type: ignore[union-attr]
        self._update_cancel()
        a.resummarise.setEnabled(document is not None and not document.is_empty)
        a.close_document.setEnabled(document is not None)
        a.reopen.setEnabled(self.workspace.can_reopen)
        self._update_title(document)
        if document is None:
            self.status.clear_summary()
            self.status.set_busy(False)
            self.summary_pane.show_placeholder()
            self.original_pane.set_name("")
            return
        self.original_pane.set_name(document.name)
        self.status.set_busy(document.busy, document.progress)
        if has_summary and document.summary is not None:
            summary = document.summary
            shown = self._shown
            if shown is not None and shown[0] is summary and shown[1] == self.original.heat_map:
                # Already on screen; while one for new settings is on its way (a slider step)
                # it stays there rather than flicker.
                return
            if document.summary_fits_options:
                self._shown = (summary, self.original.heat_map)
                self.original.show_summary(summary)
                self.summary_pane.show_summary(summary)
                self.status.show_summary(summary)
                self.controls.show_detected(summary)
                self.controls.set_limits(len(summary.candidates), summary.words_total)
                self._fit_toolbars()  # "Auto: English (98 %)" is wider than "Auto"
                self.summaryRendered.emit(document)
                return
            # A summary of the document's older settings (shown again after a switch of
            # documents) is never drawn: the new one is on its way.
        self._shown = None
        self.original.clear_marks()
        if document.busy or self.workspace.edit_pending:
            self.summary_pane.show_updating()
        elif document.error:
            self.summary_pane.show_message(document.error)
            self.status.clear_summary()
        elif document.is_empty:
            self.summary_pane.show_placeholder(
                "Type or paste an article on the left to summarise it."
            )
            self.status.clear_summary()
        else:
            self.summary_pane.show_placeholder()

    def _update_title(self, document: Document | None) -> None:
        self.setWindowTitle(f"{document.name} — {APP_NAME}" if document else APP_NAME)

    def _document_updated(self, document: Document) -> None:
        if document is self.current:
            self._render(document)

    def _document_edited(self, document: Document) -> None:
        if document is self.current and self._shown is not None:
            self._shown = None
            self.original.clear_marks()
            self.summary_pane.show_updating()
            for name in ("copy_summary", "copy_markdown", "copy_quote", "save_summary"):
                self.commands[name].setEnabled(False)

    def _update_cancel(self) -> None:
        document = self.current
        busy = document is not None and document.busy
        self.commands.cancel.setEnabled(busy or self.workspace.service.loading > 0)
        self._update_dismiss()

    def _update_dismiss(self) -> None:
        can = self.message_bar.isVisibleTo(self) and not self.commands.cancel.isEnabled()
        self.dismiss_message.setEnabled(can)

    def _loading_changed(self, loading: Loading | None) -> None:
        self.status.set_loading(loading)
        # Before the first paint, a file named at launch is on its way: never invite the user
        # to open one meanwhile.
        self.empty.set_opening(loading.text if loading else None, at_once=not self.painted)
        self._update_cancel()

    def _document_progress(self, document: Document, fraction: float) -> None:
        if document is self.current:
            self.status.set_progress(fraction)

    def _documents_changed(self) -> None:
        count = len(self.workspace.model)
        self.commands.show_documents.setEnabled(count >= 2)
        self.commands.next_document.setEnabled(count >= 2)
        self.commands.previous_document.setEnabled(count >= 2)
        if count >= 2 or self._document_list is not None:
            self.document_list.setVisible(count >= 2 and self.commands.show_documents.isChecked())

    def _list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        document = self.workspace.model.at(current.row()) if current.isValid() else None
        if document is not None and document is not self.current:
            self.workspace.set_current(document)

    def _show_message(self, message: Message) -> None:
        self.message_bar.show_message(message)

    # Commands ------------------------------------------------------------------------------

    def open_dialog(self) -> None:
        from article_summariser.gui import dialogs

        files = dialogs.choose_files(self, self.settings.preferences.last_folder)
        if files:
            self.open_paths(files)

    def open_paths(self, paths: list[Path] | list[str]) -> int:
        if is_batch(paths):  # a folder or several files: summarised in parallel
            from article_summariser.gui import batch_progress

            return batch_progress.open_batch(self, self.batch, paths)
        return self.workspace.open_paths(paths)

    def open_urls(self, urls: list[str]) -> int:
        """Fetch web pages (only ever on the user's drop or paste) and open them as documents."""
        for url in urls:
            self.workspace.open_url(url)
        return len(urls)

    def _open_incoming(self, incoming: clipboard.IncomingText, origin: str) -> Document | None:
        return self.workspace.open_text(
            incoming.text,
            origin=origin,
            title=incoming.title,
            format=incoming.format,
            blocks=incoming.blocks,
        )

    def paste(self) -> None:
        """Ctrl+V outside the editor: the clipboard's files or text become a document."""
        if self.original.hasFocus() and self.current is not None:
            self.original.paste()
            return
        self.paste_new()

    def paste_new(self) -> Document | None:
        mime = clipboard.clipboard_mime()
        files = clipboard.local_files(mime)
        if files:
            self.open_paths(files)
            return None
        addresses = clipboard.web_addresses(mime)
        if addresses:
            self.open_urls(addresses)
            return None
        from article_summariser.engine.errors import InputError

        try:
            incoming = clipboard.incoming_text(mime)
        except InputError as error:
            funnel().warning(error.message)
            return None
        if incoming is None:
            funnel().info("The clipboard holds no text to summarise. Copy an article first.")
            return None
        return self._open_incoming(incoming, origin="clipboard")

    def copy(self, form: str) -> str:
        document = self.current
        if document is None or not document.has_current_summary or document.summary is None:
            return ""
        text = clipboard.copy_summary(document.summary, form, document.display_source)
        what = {"text": "as plain text", "markdown": "as Markdown", "quote": "as a quote"}[form]
        self.status.showMessage(f"Summary copied {what}.", 2500)
        return text

    def suggested_save_path(self) -> Path:
        document = self.current
        folder = Path(self.settings.preferences.last_folder or Path.home())
        stem = save_stem(document.name) if document is not None else "summary"
        return folder / f"{stem} – summary.txt"

    def save_dialog(self) -> None:
        from article_summariser.gui import dialogs

        path = dialogs.choose_save_path(self, self.suggested_save_path())
        if path is not None:
            self.save_summary(path)

    def save_summary(self, path: Path) -> bool:
        document = self.current
        if document is None or not document.has_current_summary or document.summary is None:
            return False
        try:
            clipboard.write_summary(path, document.summary, document.display_source)
        except OSError as error:
            funnel().error(
                f"The summary could not be saved to “{path.name}”: {error.strerror or error}.",
                str(error),
            )
            return False
        self.settings.preferences.last_folder = str(path.parent)
        self.settings.changed()
        self.status.showMessage(f"Summary saved to {path.name}.", 3000)
        return True

    def show_shortcuts(self) -> None:
        from article_summariser.gui import dialogs

        dialogs.show_shortcuts(self, self.shortcut_actions())

    def shortcut_actions(self) -> list[QAction]:
        """Every command with a shortcut: the window's own, then those its parts add (History)."""
        self.finish_startup()
        commands = self.commands.all()
        extras = [a for a in self.findChildren(QAction) if a not in commands]
        return commands + [a for a in extras if not a.shortcut().isEmpty()]

    def show_about(self) -> None:
        from article_summariser.gui import dialogs

        dialogs.show_about(self)

    def step_length(self, direction: int) -> None:
        options = self.controls.options
        step = STEPS.get(options.unit, 1)
        low = self.controls.slider.minimum()
        high = self.controls.slider.maximum()
        value = max(low, min(high, options.value + direction * step))
        if value != options.value:
            updated = options.with_value(value)
            self.controls.set_options(updated)
            self.workspace.set_options(updated)

    def set_heat_map(self, on: bool) -> None:
        self.original.set_heat_map(on)
        self.original_pane.update_legend()
        self._shown = None
        self._render(self.current)
        if self.settings.preferences.heat_map != on:
            self.settings.preferences.heat_map = on
            self.settings.changed()

    def _show_documents_toggled(self, on: bool) -> None:
        self.settings.preferences.show_documents = on
        self.settings.changed()
        self._documents_changed()

    def cycle_document(self, direction: int) -> None:
        count = len(self.workspace.model)
        if count < 2:
            return
        row = self.workspace.model.row_of(self.current)
        self.workspace.set_current(self.workspace.model.at((row + direction) % count))

    def _update_recent(self) -> None:
        self.recent_menu.set_files(self.settings.preferences.recent_files)

    def _clear_recent(self) -> None:
        self.settings.preferences.recent_files = ()
        self.settings.changed()
        self._update_recent()
        self.empty.set_recent(())

    # Events --------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.drops.enter(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.drops.move(event)

    def dragLeaveEvent(self, event: QEvent) -> None:
        self.drops.leave()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drops.drop(event)

    def _editor_drag(self, files: int) -> None:
        if files:
            self.overlay.show_for(files)
        else:
            self.overlay.hide()

    @property
    def painted(self) -> bool:
        """The window has been painted at least once."""
        return self._painted

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.commands.refresh_icons()
            self.summary.refresh_palette()
            self.message_bar.refresh_palette()
            self._shown = None
            self._render(self.current)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.remember_layout()
        self.settings.save_now()
        funnel().detach(self._show_message)
        self.workspace.shutdown()
        super().closeEvent(event)

"""Autosave: the open documents are written to the session file soon after every change, and
put back on the next launch, so that a crash, a power cut or ``kill -9`` loses at most the last
second or so of typing.

- Debounced: a save comes ``DELAY_MS`` after the last change, and at the latest ``MAX_DELAY_MS``
  after the first unsaved one, so someone who never stops typing is still saved.
- Off the GUI thread: the documents are copied into a ``session.Session`` (immutable strings)
  on the GUI thread; turning that into JSON and writing it (a 50 MB article takes a moment)
  happens in a writer thread. Nothing unchanged is written again.
- One session file per running app: the first app owns ``session.json``; a second one started
  meanwhile writes ``session-2.json``. The app that owns ``session.json`` also adopts the files
  left by apps that are no longer running, so nothing is lost when two windows were open.
- A failed write (read-only folder, full disk) is said once through the message funnel, and
  again only after a later write has worked.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLockFile, QObject, QThread, QTimer, Signal, Slot

from article_summariser import paths, session
from article_summariser.gui.messages import funnel
from article_summariser.gui.options import SummaryOptions
from article_summariser.storage import StorageError

if TYPE_CHECKING:
    from article_summariser.gui.documents import Document
    from article_summariser.gui.workspace import Workspace

log = logging.getLogger(__name__)

#: Quiet time after the last change before saving.
DELAY_MS = 1000
#: Longest time a change stays unsaved while changes keep coming.
MAX_DELAY_MS = 5000
#: How many apps may run at once, each with its own session file.
MAX_INSTANCES = 16


def _claim(primary: Path) -> tuple[Path, QLockFile | None, list[Path]]:
    """``(own file, its lock, files to adopt)``: the first session file no running app holds.

    Files to adopt: the other apps' files that nobody holds any more (only the owner of the
    primary file adopts them, so two new apps never take the same one).
    """
    for number in range(1, MAX_INSTANCES + 1):
        path = session.instance_file(primary, number)
        lock = QLockFile(str(path) + ".lock")
        lock.setStaleLockTime(0)  # stale only when its process is gone, however old
        if lock.tryLock(0):
            break
        if lock.error() != QLockFile.LockError.LockFailedError:
            # The folder cannot hold a lock file (read-only, missing): work unlocked.
            return primary, None, []
    else:
        return primary, None, []
    if number != 1:
        return path, lock, []
    orphans = []
    for other in range(2, MAX_INSTANCES + 1):
        candidate = session.instance_file(primary, other)
        if not candidate.exists():
            continue
        probe = QLockFile(str(candidate) + ".lock")
        probe.setStaleLockTime(0)
        if probe.tryLock(0):
            probe.unlock()
            orphans.append(candidate)
    return path, lock, orphans


def document_state(document: Document) -> session.DocumentState:
    return session.DocumentState(
        text=document.text,
        source=document.source,
        title=document.title,
        settings=document.options.to_dict(),
        id=str(document.id),
        name=document.name,
        origin=document.origin,
        format=document.format,
        blocks=document.blocks,
    )


class Autosaver(QObject):
    """Keeps ``session.json`` in step with a ``Workspace``'s documents."""

    #: A save finished (emitted in the GUI thread): ``""`` if it worked, else the problem.
    written = Signal(str)
    _done = Signal(str)

    def __init__(
        self, workspace: Workspace, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent if parent is not None else workspace)
        self.workspace = workspace
        self.primary = Path(path) if path is not None else paths.get().session_file
        self.path = self.primary
        self._lock: QLockFile | None = None
        self._adopted: list[Path] = []
        self._started = False
        self._reported = False
        self._saved_signature: Any = None
        self._last: session.Session | None = None
        self._writer: threading.Thread | None = None
        self._pending: session.Session | None = None
        self._guard = threading.Lock()
        self._write_lock = threading.Lock()
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(DELAY_MS)
        self._quiet.timeout.connect(self.save)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(MAX_DELAY_MS)
        self._deadline.timeout.connect(self.save)
        self._done.connect(self._on_done)

    # Restore -------------------------------------------------------------------------------

    def restore(self) -> int:
        """Reopen the documents of the last session (and of apps that did not get to close);
        returns how many. Autosaving starts afterwards, never before: an empty window must not
        overwrite the text it has not restored yet."""
        self.path, self._lock, self._adopted = _claim(self.primary)
        if self.path != self.primary:
            log.info("Another window holds %s; this one saves to %s", self.primary, self.path)
        restored: list[session.DocumentState] = []
        current: session.DocumentState | None = None
        for number, file in enumerate([self.path, *self._adopted]):
            saved, problem = session.load(file)
            if problem:
                funnel().warning(problem)
            if saved is None:
                continue
            restored.extend(saved.documents)
            if number == 0 and saved.documents:
                current = saved.documents[saved.current]
        shown = None
        for state in restored:
            document = self.workspace.new_document(  # each goes after the current one
                state.text,
                origin=state.origin or "typed",
                name=state.name,
                source=state.source,
                title=state.title,
                format=state.format or "text",
                blocks=state.blocks,
                options=SummaryOptions.from_dict(state.settings),
            )
            if state is current:
                shown = document
        if shown is not None:
            self.workspace.set_current(shown)
        if restored:
            log.info("Restored %d document(s) from the last session", len(restored))
        self.start()
        if self._adopted:
            self.save()  # fold the adopted files into ours at once, then drop them
        return len(restored)

    def start(self) -> None:
        """Save from now on whenever the workspace changes."""
        if not self._started:
            self._started = True
            self.workspace.changed.connect(self.schedule)
            self._saved_signature = self._signature()

    # Saving --------------------------------------------------------------------------------

    @Slot()
    def schedule(self) -> None:
        if not self._started:
            return
        self._quiet.start()
        if not self._deadline.isActive():
            self._deadline.start()

    @property
    def pending(self) -> bool:
        """True while a change is waiting to be saved or being written."""
        writer = self._writer
        return (
            self._quiet.isActive()
            or self._deadline.isActive()
            or (writer is not None and writer.is_alive())
        )

    def _signature(self) -> Any:
        """Everything that is saved, cheaply: equal signatures mean nothing to write."""
        documents = self.workspace.documents()
        current = self.workspace.current
        return (
            tuple(
                (d.id, d.revision, d.name, d.source, d.title, d.format, d.origin, d.options)
                for d in documents
            ),
            documents.index(current) if current in documents else 0,
        )

    def snapshot(self) -> session.Session:
        """The documents as they are now (GUI thread only: it reads the editors' texts)."""
        documents = self.workspace.documents()
        current = self.workspace.current
        return session.Session(
            tuple(document_state(d) for d in documents),
            documents.index(current) if current in documents else 0,
        )

    @Slot()
    def save(self) -> None:
        """Hand the current documents to the writer thread (nothing if unchanged)."""
        self._quiet.stop()
        self._deadline.stop()
        signature = self._signature()
        if signature == self._saved_signature and not self._adopted:
            return
        self._last = snapshot = self.snapshot()
        self._saved_signature = signature
        with self._guard:
            self._pending = snapshot
            if self._writer is not None and self._writer.is_alive():
                return  # the running writer takes the newest snapshot when it is done
            self._writer = threading.Thread(
                target=self._write_pending, name="autosave", daemon=False
            )
            self._writer.start()

    def _write_pending(self) -> None:
        while True:
            with self._guard:
                snapshot, self._pending = self._pending, None
            if snapshot is None:
                return
            self._done.emit(self._write(snapshot))

    def _write(self, snapshot: session.Session) -> str:
        """Write ``snapshot``; ``""`` or the problem, as a sentence."""
        with self._write_lock:
            try:
                session.save(snapshot, self.path)
            except StorageError as error:
                return str(error)
            adopted, self._adopted = self._adopted, []
            for file in adopted:
                session.clear(file)  # its documents are in ours now
            return ""

    @Slot(str)
    def _on_done(self, problem: str) -> None:
        if not problem:
            if self._reported:
                funnel().info("Autosave works again: your documents are saved.")
            self._reported = False
        else:
            self._saved_signature = None  # try again at the next change
            if not self._reported:
                self._reported = True
                funnel().warning(
                    "Your open documents could not be saved for the next launch; keep this "
                    f"window open or save the text elsewhere. {problem}"
                )
        self.written.emit(problem)

    def flush(self) -> bool:
        """Save now and wait until it is on disk (at exit). True if everything is saved."""
        if QThread.currentThread() is not self.thread():
            return self.emergency_save()
        self._quiet.stop()
        self._deadline.stop()
        self._join()
        if self._signature() == self._saved_signature and not self._adopted:
            return not self._reported
        self._last = snapshot = self.snapshot()
        self._saved_signature = self._signature()
        problem = self._write(snapshot)
        self._on_done(problem)
        return not problem

    def emergency_save(self) -> bool:
        """For the crash handler, from any thread: the GUI thread saves what is open now;
        another thread writes the last snapshot taken (it must not touch the editors)."""
        if QThread.currentThread() is self.thread():
            return self.flush()
        snapshot = self._last
        if snapshot is None:
            return True
        return not self._write(snapshot)

    def _join(self) -> None:
        writer = self._writer
        if writer is not None:
            writer.join()
            self._writer = None

    def stop(self) -> bool:
        """Final save and release of the session file (the app is quitting)."""
        ok = self.flush()
        if self._started:
            self.workspace.changed.disconnect(self.schedule)
            self._started = False
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        return ok


def install(workspace: Workspace, crash_handler: Any = None) -> Autosaver:
    """Restore the last session into ``workspace`` and keep it saved until the app quits.

    Call after the workspace exists and before anything opens documents of its own; register
    with the crash handler (``gui.crash_dialog``) so that a crash saves first.
    """
    from PySide6.QtCore import QCoreApplication

    autosaver = Autosaver(workspace)
    autosaver.restore()
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(autosaver.stop)
    if crash_handler is not None:
        crash_handler.add_emergency_save(autosaver.emergency_save)
    return autosaver


def clear() -> list[Path]:
    """Delete every autosaved text (privacy); returns the files that could not be deleted."""
    return session.clear()


def forget(autosaver: Autosaver | None, *, confirm: bool = True, parent: Any = None) -> bool:
    """Delete the autosaved copies of the documents (privacy), after asking when dialogs are on.

    The open documents stay open; an edit saves them again. Returns True when they were deleted.
    """
    from article_summariser.gui.messages import dialogs_enabled

    if confirm and dialogs_enabled():
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent,
            "Forget Autosaved Text",
            "Delete the copies of your documents that are kept in case the app is closed or "
            "crashes? The documents that are open stay open.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    if autosaver is not None:
        autosaver.flush()  # no write in flight may bring a file back after the deletion
    left = clear()
    if left:
        funnel().warning(
            "Some autosaved copies could not be deleted: " + ", ".join(str(p) for p in left)
        )
        return False
    funnel().info("The autosaved copies of your documents were deleted.")
    return True


def add_forget_action(window: Any, autosaver: Autosaver | None) -> Any:
    """File ▸ Forget Autosaved Text…, placed after the history in the File menu."""
    from PySide6.QtGui import QAction

    action = QAction("&Forget Autosaved Text…", window)
    action.setObjectName("forgetAutosave")
    action.setStatusTip("Delete the copies of your documents kept in case of a crash")
    action.setProperty("accessibleName", "Forget autosaved text")
    action.triggered.connect(lambda: forget(autosaver, parent=window))
    window.addAction(action)
    window.menus["file"].insertAction(window.commands.paste_new, action)
    return action

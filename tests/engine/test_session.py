"""The session file: every open document with its settings, restored exactly or reported."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_summariser import paths, session
from article_summariser.engine import loading
from article_summariser.engine.model import Block, Role

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def dev_article(source: str) -> dict:
    with (SHARED / "eval" / "summaries.dev.jsonl").open(encoding="utf-8") as handle:
        return next(row for row in map(json.loads, handle) if row["source"].startswith(source))


SETTINGS = {"algorithm": "textrank", "language": "en", "unit": "percent", "percent": 25}


def _two_documents(seed_text: str) -> session.Session:
    """Three documents, really: a file, a pasted article, and an HTML page with its blocks."""
    article = dev_article("cnn")
    html = (
        "<html><head><title>Tides</title></head><body><h1>Tides</h1><p>The sea rises twice a"
        " day. The moon pulls it.</p><p>Sailors plan around the tides.</p></body></html>"
    )
    path = Path(tempfile.mkdtemp()) / "tides.html"
    path.write_text(html, encoding="utf-8")
    loaded = loading.load_path(path)
    assert loaded.blocks
    return session.Session(
        documents=(
            session.DocumentState(
                text=seed_text,
                source="/home/someone/article.txt",
                title="Seed",
                settings=SETTINGS,
                name="article.txt",
                origin="file",
                format="text",
            ),
            session.DocumentState(
                text=article["text"] + "\n\n  trailing spaces and\ttabs  \r\n",
                settings={"algorithm": "lead", "unit": "words", "words": 80},
                name="Pasted text",
                origin="clipboard",
            ),
            session.DocumentState(
                text=loaded.text,
                source=str(path),
                title=loaded.title,
                name="tides.html",
                origin="file",
                format=loaded.format,
                blocks=loaded.blocks,
            ),
        ),
        current=1,
    )


def test_save_and_load_restore_every_document_exactly(seed_text: str) -> None:
    saved = _two_documents(seed_text)
    session.save(saved)
    assert paths.get().session_file.is_file()
    restored, problem = session.load()
    assert problem is None
    assert restored == saved
    assert restored.documents[0].settings == SETTINGS
    assert restored.documents[2].blocks == saved.documents[2].blocks
    assert {b.role for b in restored.documents[2].blocks} >= {Role.TITLE, Role.BODY}


def test_no_session_yet() -> None:
    assert session.load() == (None, None)


def test_corrupt_session_is_kept_aside_and_reported(seed_text: str) -> None:
    file = paths.get().session_file
    session.save(_two_documents(seed_text))
    good = file.read_bytes()
    file.write_bytes(good[: len(good) // 2])  # what a torn write would look like
    restored, problem = session.load()
    assert restored is None
    assert problem is not None
    assert problem.startswith(
        "The last session could not be restored: session.json was damaged and has been reset. "
        "It was kept as session.json.corrupt-"
    )
    kept = list(file.parent.glob("session.json.corrupt-*"))
    assert [k.read_bytes() for k in kept] == [good[: len(good) // 2]]


def test_unexpected_structure_is_kept_aside() -> None:
    file = paths.get().session_file
    file.write_text(json.dumps({"format": 1, "documents": "not a list"}))
    restored, problem = session.load()
    assert restored is None
    assert problem is not None
    assert "session.json had unexpected content" in problem
    assert len(list(file.parent.glob("session.json.corrupt-*"))) == 1


def test_damaged_entries_are_skipped_and_counted(seed_text: str) -> None:
    file = paths.get().session_file
    data = session.to_json(_two_documents(seed_text))
    data["documents"].insert(0, {"text": 42})
    data["documents"].append("nonsense")
    data["documents"].append({"text": "Kept.", "id": data["documents"][1]["id"], "settings": 3})
    data["current"] = 99
    file.write_text(json.dumps(data), encoding="utf-8")
    restored, problem = session.load()
    assert problem == "2 damaged documents of the last session could not be restored."
    assert restored is not None
    assert [d.text for d in restored.documents][:1] == [seed_text]
    assert restored.documents[3].text == "Kept."
    assert restored.documents[3].settings == {}
    assert len({d.id for d in restored.documents}) == 4  # a repeated id was replaced
    assert restored.current == 3


@pytest.mark.parametrize(
    "blocks",
    [
        [[0, 5, "title", "title"], [3, 9, "body", ""]],  # overlapping
        [[0, 5, "title", "title"], [7, 10_000, "body", ""]],  # past the end
        [[0, 5, "sidebar", ""]],  # unknown role
        [[0, 5, "body"]],  # too short
        [[0, True, "body", ""]],
        "nonsense",
    ],
)
def test_blocks_that_do_not_fit_the_text_are_dropped(blocks: object) -> None:
    file = paths.get().session_file
    doc = {"text": "Title\n\nBody text here.", "blocks": blocks}
    file.write_text(json.dumps({"documents": [doc]}), encoding="utf-8")
    restored, problem = session.load()
    assert problem is None
    assert restored is not None
    assert restored.documents[0].text == doc["text"]
    assert restored.documents[0].blocks is None


def test_blocks_are_restored_when_they_fit() -> None:
    file = paths.get().session_file
    doc = {
        "text": "Title\n\nBody text here.",
        "blocks": [[0, 5, "title", "t"], [7, 22, "body", ""]],
    }
    file.write_text(json.dumps({"documents": [doc]}), encoding="utf-8")
    restored, _ = session.load()
    assert restored is not None
    assert restored.documents[0].blocks == (
        Block(0, 5, Role.TITLE, "t"),
        Block(7, 22, Role.BODY, ""),
    )


def test_clear_removes_every_copy_of_the_text(seed_text: str) -> None:
    file = paths.get().session_file
    session.save(_two_documents(seed_text))
    (file.parent / "session.json.corrupt-20260101-000000").write_text(seed_text)
    (file.parent / ".session.json.abc123.tmp").write_text(seed_text[:100])
    session.save(_two_documents(seed_text), session.instance_file(file, 2))
    (file.parent / "session-2.json.corrupt-20260101-000000").write_text(seed_text)
    (file.parent / "unrelated.txt").write_text("not ours")
    assert len(session.files()) == 5
    assert session.clear() == []
    assert session.files() == []
    assert [p.name for p in file.parent.iterdir()] == ["unrelated.txt"]
    assert session.load() == (None, None)


def test_session_lives_in_the_state_folder_only(app_dirs: Path, seed_text: str) -> None:
    session.save(_two_documents(seed_text))
    written = [p for p in app_dirs.rglob("*") if p.is_file()]
    assert written == [app_dirs / "state" / "session.json"]


_ANY_TEXT = st.text(
    st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
    max_size=300,
)
_SETTINGS = st.dictionaries(
    st.text(max_size=10),
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    max_size=4,
)


@settings(max_examples=150, deadline=None)
@given(
    documents=st.lists(
        st.builds(
            session.DocumentState,
            text=_ANY_TEXT,
            source=_ANY_TEXT,
            title=_ANY_TEXT,
            settings=_SETTINGS,
        ),
        max_size=5,
        unique_by=lambda d: d.id,
    ),
    current=st.integers(0, 4),
)
def test_any_session_round_trips_exactly(documents: list, current: int) -> None:
    """Any text at all (control characters, lone surrogates, RTL marks...) comes back as is."""
    current = min(current, max(0, len(documents) - 1))
    saved = session.Session(tuple(documents), current)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "session.json"
        session.save(saved, path)
        assert session.load(path) == (saved, None)

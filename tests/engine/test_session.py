"""The session file: every open document with its settings, restored exactly or reported."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from article_summariser import paths, session
from article_summariser.engine.model import Length, Options

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def dev_article(source: str) -> dict:
    with (SHARED / "eval" / "summaries.dev.jsonl").open(encoding="utf-8") as handle:
        return next(row for row in map(json.loads, handle) if row["source"].startswith(source))


def _two_documents(seed_text: str) -> session.Session:
    article = dev_article("cnn")
    return session.Session(
        documents=(
            session.DocumentState(
                text=seed_text,
                source="/home/someone/article.txt",
                title="Seed",
                settings=session.options_to_settings(Options("textrank", "en", Length.ratio(0.25))),
            ),
            session.DocumentState(
                text=article["text"] + "\n\n  trailing spaces and\ttabs  \r\n",
                source="clipboard",
                settings=session.options_to_settings(Options("lead", "auto", Length.words(80))),
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
    options = [session.options_from_settings(d.settings) for d in restored.documents]
    assert options == [
        Options("textrank", "en", Length.ratio(0.25)),
        Options("lead", "auto", Length.words(80)),
    ]


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
    assert restored.documents[2].text == "Kept."
    assert restored.documents[2].settings == {}
    assert len({d.id for d in restored.documents}) == 3  # a repeated id was replaced
    assert restored.current == 2


def test_invalid_settings_fall_back_to_defaults_one_by_one() -> None:
    default = Options("lexrank", "auto", Length.sentences(5))
    bad_length = {"algorithm": "luhn", "language": 7, "length": {"unit": "ratio", "value": 3}}
    assert session.options_from_settings(bad_length, default) == Options(
        "luhn", "auto", Length.sentences(5)
    )
    assert session.options_from_settings({"length": {"unit": "sentences", "value": True}}) == (
        Options()
    )
    assert session.options_from_settings({}, default) == default


def test_clear_removes_every_copy_of_the_text(seed_text: str) -> None:
    file = paths.get().session_file
    session.save(_two_documents(seed_text))
    (file.parent / "session.json.corrupt-20260101-000000").write_text(seed_text)
    (file.parent / ".session.json.abc123.tmp").write_text(seed_text[:100])
    (file.parent / "unrelated.txt").write_text("not ours")
    assert len(session.files()) == 3
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

"""langdetect's profiles loaded by ``langprofiles.load`` are langdetect's own, to the bit, and
the detector gives the same answers with them (samples from ``langid.dev.jsonl``)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from tests.conftest import EVAL

from article_summariser.engine import langprofiles


@pytest.fixture(scope="module")
def factories() -> tuple[DetectorFactory, DetectorFactory]:
    theirs = DetectorFactory()
    theirs.load_profile(PROFILES_DIRECTORY)
    ours = DetectorFactory()
    langprofiles.load(ours)
    return theirs, ours


def test_every_probability_is_langdetects(factories) -> None:
    theirs, ours = factories
    assert sorted(ours.langlist) == sorted(theirs.langlist)
    assert len(ours.langlist) == 55
    assert set(ours.word_lang_prob_map) == set(theirs.word_lang_prob_map)
    words = list(theirs.word_lang_prob_map)
    columns = [theirs.langlist.index(name) for name in ours.langlist]
    expected = np.array([theirs.word_lang_prob_map[w] for w in words])[:, columns]
    got = np.array([ours.word_lang_prob_map[w] for w in words])
    assert np.array_equal(got, expected)  # exact: the same division, the same bits
    assert "the" in ours.word_lang_prob_map
    assert "zzzz" not in ours.word_lang_prob_map


def test_the_detector_answers_alike(factories) -> None:
    theirs, ours = factories
    samples = []
    with (EVAL / "langid.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["kind"] != "word":
                samples.append(row["text"])
            if len(samples) == 300:
                break
    for factory in factories:
        factory.set_seed(0)
    for text in samples:
        answers = []
        for factory in (theirs, ours):
            detector = factory.create()
            detector.append(text)
            answers.append({p.lang: p.prob for p in detector.get_probabilities()})
        # langdetect takes its files in directory order, we in sorted order: the sums that
        # normalise the probabilities run in another order, so the last bit may differ.
        assert answers[0].keys() == answers[1].keys(), text
        for lang, prob in answers[0].items():
            assert answers[1][lang] == pytest.approx(prob, abs=1e-12), text


def test_an_empty_or_broken_folder_is_langdetects_error(tmp_path) -> None:
    with pytest.raises(LangDetectException):
        langprofiles.load(DetectorFactory(), str(tmp_path))
    for name in ("en", "de"):
        (tmp_path / name).write_text("{not json", encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        langprofiles.load(DetectorFactory(), str(tmp_path))


def _same(one: DetectorFactory, other: DetectorFactory) -> bool:
    return (
        one.langlist == other.langlist
        and dict(one.word_lang_prob_map) == dict(other.word_lang_prob_map)  # n-gram → row
        and np.array_equal(one.word_lang_prob_map._matrix, other.word_lang_prob_map._matrix)
    )


def test_the_cache_gives_the_same_profiles_to_the_bit(factories, tmp_path) -> None:
    _theirs, ours = factories
    written, read = DetectorFactory(), DetectorFactory()
    langprofiles.load(written, cache_dir=tmp_path)  # reads the JSON files, keeps them
    [cache] = tmp_path.glob("langdetect-profiles-*.npz")
    langprofiles.load(read, cache_dir=tmp_path)  # reads the cache
    assert _same(written, ours)
    assert _same(read, ours)
    assert read.word_lang_prob_map["the"] == ours.word_lang_prob_map["the"]
    assert cache.stat().st_size < 5_000_000


def test_a_damaged_or_foreign_cache_is_rebuilt(factories, tmp_path) -> None:
    _theirs, ours = factories
    langprofiles.load(DetectorFactory(), cache_dir=tmp_path)
    [cache] = tmp_path.glob("langdetect-profiles-*.npz")
    for junk in (b"", b"not a zip file", cache.read_bytes()[:1000]):
        cache.write_bytes(junk)
        again = DetectorFactory()
        langprofiles.load(again, cache_dir=tmp_path)
        assert _same(again, ours)
        reread = DetectorFactory()
        langprofiles.load(reread, cache_dir=tmp_path)  # the rebuilt cache is whole again
        assert _same(reread, ours)


def test_a_cache_folder_that_cannot_be_written_is_no_error(factories, tmp_path) -> None:
    _theirs, ours = factories
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x")
    loaded = DetectorFactory()
    langprofiles.load(loaded, cache_dir=blocked)
    assert _same(loaded, ours)

"""Every supported language summarises offline, with the tokenisers that ship in the install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from tests.conftest import EVAL

from article_summariser.engine import Length, Options, languages, summarise
from article_summariser.engine.detect import detect

#: Malayalam is not in the language-identification data: three plain sentences written here.
MALAYALAM = "ഇന്ന് നല്ല മഴ പെയ്തു. കുട്ടികൾ സ്കൂളിൽ പോയില്ല. നാളെ വെയിൽ ഉണ്ടാകും."


#: Languages with a sentence model, a stemmer (or a word segmenter) and stop words.
FULL = set("en de fr es it pt nl cs sk pl sv da no fi et el tr ru uk zh ja hi".split())
OFFLINE_LANGUAGES = ("en", "de", "fr", "cs", "pl", "zh", "ja", "uk", "el", "ru")


@cache
def sentences_by_language() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    with (EVAL / "langid.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["kind"] == "sentence":
                code = languages.normalise_code(row["lang"])
                found.setdefault(code, []).append(row["text"])
    return found


def sample(code: str) -> str:
    if code == "ml":
        return MALAYALAM
    sentences = sentences_by_language()[code][:8]
    return " ".join(s if s.rstrip()[-1:] in ".!?。！？" else s + "." for s in sentences)


PUNKT_LANGUAGES = [
    lang.code for lang in languages.all_languages() if lang.sentence_model is not None
]


@pytest.mark.parametrize("code", PUNKT_LANGUAGES)
def test_each_language_summarises_with_its_own_data(code: str) -> None:
    text = sample(code)
    summary = summarise(
        text, Options(language=code, algorithm="lexrank", length=Length.sentences(2))
    )
    assert summary.language.code == code
    assert len(summary.summary) == 2
    assert len(summary.sentences) >= 3
    for sentence in summary.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    assert summary.language_mode == ("full" if code in FULL else "partial")


def test_punkt_languages_are_the_ones_promised() -> None:
    assert set(PUNKT_LANGUAGES) >= {
        "en", "de", "fr", "es", "it", "pt", "nl", "cs", "sk", "pl", "sv", "da", "no", "fi",
        "et", "el", "tr", "sl", "ru", "ml", "uk", "zh", "ja",
    }  # fmt: skip


def test_chinese_and_japanese_words_are_segmented() -> None:
    from article_summariser.engine import tokenise

    zh = languages.get("zh")
    assert tokenise.words("我们今天去北京大学。", zh) == ("我们", "今天", "去", "北京大学")
    ja = languages.get("ja")
    assert len(tokenise.words("私は東京に住んでいます。", ja)) >= 4


def test_language_without_data_gets_generic_mode() -> None:
    # Welsh: langdetect knows it, we have no stemmer, stop words or sentence model for it.
    text = " ".join(sentences_by_language()["cy"][:6])
    summary = summarise(text, Options(length=Length.sentences(2)))
    assert summary.language.code is None
    assert summary.language.detected_code == "cy"
    assert summary.language_mode == "generic"
    assert any("generic mode" in note for note in summary.notes)
    assert len(summary.summary) == 2


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "no letters"), ("42 17", "no letters"), ("🙂🙂", "no letters"), ("ab", "too short")],
)
def test_detection_says_unknown_with_a_reason(text: str, reason: str) -> None:
    guess = detect(text)
    assert guess.code is None
    assert guess.source == "unknown"
    assert reason in guess.reason


def test_detection_maps_variants_to_our_codes() -> None:
    assert detect(sentences_by_language()["zh"][0] * 3).code == "zh"
    assert detect(sample("no")).code == "no"


def test_works_offline_without_any_nltk_data(tmp_path: Path) -> None:
    """A fresh HOME, an empty NLTK_DATA, and sockets that refuse to open: still summarises."""
    script = tmp_path / "offline.py"
    script.write_text(
        "import socket, sys\n"
        "def refuse(event, args):\n"
        "    if event in ('socket.connect', 'socket.getaddrinfo', 'socket.__new__'):\n"
        "        raise RuntimeError(f'network used: {event}')\n"
        "sys.addaudithook(refuse)\n"
        "import json\n"
        "from article_summariser.engine import summarise, Options, Length\n"
        "import nltk.data\n"
        "samples = json.loads(sys.stdin.read())\n"
        "for algorithm in ('lexrank', 'textrank', 'lsa', 'luhn', 'edmundson', 'kl', 'sumbasic',"
        " 'reduction', 'lead', 'default'):\n"
        "    for code, text in samples.items():\n"
        "        for language in ('auto', code):\n"
        "            s = summarise(text, Options(algorithm=algorithm, language=language,"
        " length=Length.sentences(2)))\n"
        "            assert len(s.summary) == 2, (algorithm, code)\n"
        "print('ok', nltk.data.path)\n",
        encoding="utf-8",
    )
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "NLTK_DATA": str(empty),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
    }
    result = subprocess.run(
        [sys.executable, str(script)],
        input=json.dumps({c: sample(c) for c in OFFLINE_LANGUAGES}).encode(),
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert result.stdout.startswith(b"ok")


#: Scripts whose vowel signs, viramas or points are combining marks.
MARKED = ["hi", "mr", "bn", "gu", "pa", "ta", "te", "ar", "fa", "ur", "he"]


@pytest.mark.parametrize("code", MARKED)
def test_words_keep_their_vowel_signs_and_points(code: str) -> None:
    # No letter or mark of a sentence is dropped or split off: the words hold every one of
    # them. Before, "शाळेत" came out as "श", "ळ", "त" and the stop words never matched.
    import unicodedata

    from article_summariser.engine import tokenise

    try:
        language = languages.get(code)
    except languages.UnsupportedLanguageError:  # summarised in generic mode
        language = languages.GENERIC
    samples = sentences_by_language()[code][:20]
    assert len(samples) == 20
    for sentence in samples:
        words = tokenise.words(sentence, language)
        kept = sum(1 for ch in sentence if unicodedata.category(ch)[0] in "LM")
        assert sum(len(w) for w in words) - sum(w.count("'") + w.count("-") for w in words) >= kept
    marathi = languages.get("mr")
    assert tokenise.words("मुलगा शाळेत जातो, 2024 मध्ये.", marathi) == (
        "मुलगा",
        "शाळेत",
        "जातो",
        "मध्ये",
    )

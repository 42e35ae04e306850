"""Sentences of the languages split without a Punkt model end where their script ends them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import EVAL

from article_summariser.engine import Length, Options, languages, summarise, tokenise


def _punjabi(count: int = 10) -> list[str]:
    """Real Punjabi sentences, each ending in a danda."""
    found = []
    with (EVAL / "langid.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["lang"] == "pa" and record["text"].endswith("।"):
                found.append(record["text"])
                if len(found) == count:
                    return found
    raise AssertionError("too few Punjabi sentences")


#: Two or three sentences in each script, as its writers end them.
SCRIPTS = {
    "danda": ["ਅੱਜ ਮੌਸਮ ਬਹੁਤ ਵਧੀਆ ਹੈ।", "ਅਸੀਂ ਪਾਰਕ ਵਿੱਚ ਜਾਵਾਂਗੇ।", "ਬੱਚੇ ਬਹੁਤ ਖੁਸ਼ ਹਨ।"],
    "double danda": ["धर्मो रक्षति रक्षितः॥", "सत्यमेव जयते॥"],
    "arabic question": ["هل ستذهب إلى السوق غدا؟", "نعم سأذهب في الصباح الباكر."],
    "urdu full stop": ["پاکستان ایک خوبصورت ملک ہے۔", "لاہور ایک بڑا اور پرانا شہر ہے۔"],
    "ethiopic": ["ኢትዮጵያ ታሪካዊ ሀገር ናት።", "አዲስ አበባ ዋና ከተማዋ ናት።", "ዛሬ ትመጣለህ፧"],
    "ideographic": ["今天天气很好。", "我们去公园吧！", "你也来吗？"],
    "armenian": ["Երևանը Հայաստանի մայրաքաղաքն է։", "Այն շատ հին քաղաք է։"],
    "myanmar": ["မြန်မာနိုင်ငံသည် အရှေ့တောင်အာရှတွင် တည်ရှိသည်။", "ရန်ကုန်သည် အကြီးဆုံးမြို့ ဖြစ်သည်။"],
    "khmer": ["កម្ពុជាជាប្រទេសមួយនៅអាស៊ីអាគ្នេយ៍។", "ភ្នំពេញជារាជធានីនៃកម្ពុជា។"],
    "tibetan": ["བོད་ནི་ས་མཐོ་པོ་ཡིན། ", "ལྷ་ས་ནི་གྲོང་ཁྱེར་ཆེན་པོ་ཡིན།"],
}


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("separator", [" ", ""])
def test_each_script_ends_its_sentences(script: str, separator: str) -> None:
    sentences = [s.strip() for s in SCRIPTS[script]]
    text = separator.join(sentences)
    spans = tokenise.sentence_spans(text, 0, len(text), languages.GENERIC)
    assert [text[a:b] for a, b in spans] == sentences


def test_a_closing_quote_stays_with_its_sentence() -> None:
    text = "他说：“今天很好。”我们走吧。"
    spans = tokenise.sentence_spans(text, 0, len(text), languages.GENERIC)
    assert [text[a:b] for a, b in spans] == ["他说：“今天很好。”", "我们走吧。"]


def test_ten_punjabi_sentences_are_ten_sentences() -> None:
    sentences = _punjabi()
    summary = summarise(" ".join(sentences), Options(length=Length.sentences(3)))
    assert summary.language_mode == "generic"
    assert [s.text for s in summary.sentences] == sentences
    assert len(summary.summary) == 3


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "article_summariser.cli", *args],
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_a_word_budget_is_filled_with_whole_sentences(tmp_path: Path) -> None:
    path = tmp_path / "pa.txt"
    path.write_text(" ".join(_punjabi()), encoding="utf-8")
    result = _cli("summarise", str(path), "--words", "60")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().split("\n")
    assert lines[0].endswith("।")
    assert 0 < len(result.stdout.decode().split()) <= 60


def test_a_word_budget_no_sentence_fits_is_an_error_not_an_empty_summary(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pa.txt"
    path.write_text(" ".join(_punjabi()), encoding="utf-8")
    result = _cli("summarise", str(path), "--words", "5")
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode().splitlines()[-1] == (
        "article-summariser-cli: Every sentence is longer than 5 words (the shortest has 13); "
        "raise the word budget."
    )

"""Plain text in any common encoding: detected, decoded, and handed on exactly as it was."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from tests.conftest import ROOT, SHARED

from article_summariser.engine import Length, Options, summarise
from article_summariser.engine.errors import InputError
from article_summariser.engine.loading import decode_bytes, load_path

SEED = (SHARED / "seed-article.txt").read_text(encoding="utf-8")


def _sentences(lang: str, count: int = 12) -> str:
    """Real sentences in ``lang`` from the language-identification samples."""
    found = []
    with (SHARED / "eval" / "langid.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["lang"] == lang and record["kind"] == "sentence":
                found.append(record["text"])
                if len(found) == count:
                    break
    assert len(found) == count
    return "\n\n".join(found)


def _article(source: str) -> str:
    with (SHARED / "eval" / "summaries.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["source"] == source:
                return record["text"]
    raise AssertionError(source)


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32"),
    ],
)
def test_unicode_encodings_with_and_without_bom(
    tmp_path: Path, encoding: str, bom: bytes, expected: str
) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(bom + SEED.encode(encoding))
    loaded = load_path(path)
    assert loaded.text == SEED
    assert loaded.encoding == expected
    assert loaded.format == "text"
    assert loaded.blocks is None  # the engine splits plain text itself, offsets unchanged


@pytest.mark.parametrize("lang", ["ru", "zh", "ja", "ar", "el", "he", "hi", "th", "ko", "pl"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_in_any_script(tmp_path: Path, lang: str, encoding: str) -> None:
    text = _sentences(lang)
    path = tmp_path / f"{lang}.txt"
    path.write_bytes(text.encode(encoding))
    loaded = load_path(path)
    assert loaded.text == text
    assert loaded.encoding == encoding


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_and_without_any_ascii(encoding: str) -> None:
    """Chinese with no space or line break has no zero byte in UTF-16 at all."""
    text = "".join(_sentences("zh").split())
    assert decode_bytes(text.encode(encoding)) == text


def test_utf16_of_a_short_russian_paragraph_is_summarised(tmp_path: Path) -> None:
    text = "Москва объявила о новых мерах поддержки экономики. Правительство выделит средства. "
    path = tmp_path / "ru16.txt"
    path.write_bytes((text * 5).encode("utf-16-le"))
    loaded = load_path(path)
    summary = summarise(loaded.text, Options(length=Length.sentences(1)))
    assert summary.summary_text() == "Москва объявила о новых мерах поддержки экономики."


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("size", [256, 4096, 65536])
def test_random_bytes_are_still_binary(seed: int, size: int) -> None:
    import random

    data = random.Random(seed).randbytes(size)
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "“noise.txt”")


@pytest.mark.parametrize("icon", ["app-32.png", "app-256.png"])
def test_a_png_is_still_binary_even_without_its_signature(icon: str) -> None:
    data = (ROOT / "resources" / "icons" / icon).read_bytes()
    for piece in (data, data[8:], data[8 : 8 + len(data[8:]) // 2 * 2]):
        with pytest.raises(InputError, match="binary"):
            decode_bytes(piece, "“icon.txt”")


@pytest.mark.parametrize(
    ("text_of", "encoding", "expected"),
    [
        (lambda: _article("orangesum_abstract_test"), "cp1252", "cp1252"),
        (lambda: _article("orangesum_abstract_test"), "latin-1", "cp1252"),
        (lambda: _article("klexikon_test")[:4000], "cp1252", "cp1252"),
        (lambda: _sentences("ru"), "cp1251", "cp1251"),
        (lambda: _sentences("el"), "iso-8859-7", None),
        (lambda: _sentences("pl"), "cp1250", "cp1250"),
        (lambda: _sentences("ja"), "shift_jis", None),
        (lambda: _sentences("zh"), "gb18030", None),
    ],
)
def test_legacy_encodings_are_detected_not_assumed(
    tmp_path: Path, text_of, encoding: str, expected: str | None
) -> None:
    text = text_of()
    # Characters the legacy code page lacks (typographic quotes in Greek, say) are dropped from
    # the sample: the file must be writable in that encoding, as a real one would be.
    text = text.encode(encoding, "ignore").decode(encoding)
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    loaded = load_path(path)
    assert loaded.text == text
    if expected is not None:
        assert loaded.encoding == expected
    assert codecs.lookup(loaded.encoding).name


def test_one_stray_byte_in_utf8_is_replaced_not_a_reason_to_guess_again(tmp_path: Path) -> None:
    """A Latin-1 "é" patched into a UTF-8 article: the article stays UTF-8, the byte becomes
    U+FFFD, and its curly quotes stay curly quotes (not "‚Äô" from a Mac code page)."""
    data = SEED.encode("utf-8").replace(b"Natural Resources", b"Natural R\xe9sources", 1)
    path = tmp_path / "patched.txt"
    path.write_bytes(data)
    loaded = load_path(path)
    assert loaded.encoding == "utf-8"
    assert loaded.text == SEED.replace("Natural Resources", "Natural R\ufffdsources", 1)
    summary = summarise(loaded.text, Options(length=Length.sentences(3)))
    assert "’" in summary.summary_text()
    assert "Äô" not in loaded.text


def test_utf8_with_many_bad_bytes_is_not_utf8() -> None:
    """Over one invalid sequence per 1,000 bytes, the file is taken for some other encoding."""
    data = SEED.encode("utf-8").replace(b"e", b"\xe9", 20)
    assert len(data) < 20 * 1000
    assert "\ufffd" not in decode_bytes(data)


def test_a_legacy_file_with_one_accent_stays_legacy() -> None:
    """Its one accent is its only non-ASCII byte: no valid UTF-8 beside it, so not UTF-8."""
    text = SEED.replace("’", "'").replace("Natural Resources", "Natural Résources")
    assert decode_bytes(text.encode("cp1252")) == text


def test_line_endings_and_offsets_are_untouched(tmp_path: Path) -> None:
    text = SEED.replace("\n", "\r\n")
    path = tmp_path / "windows.txt"
    path.write_bytes(text.encode("utf-8"))
    loaded = load_path(path)
    assert loaded.text == text
    summary = summarise(loaded.text, Options(length=Length.sentences(4)))
    for sentence in summary.summary:
        assert text[sentence.start : sentence.end] == sentence.text
    assert "Source: Video Screenshot" not in summary.summary_text()


def test_old_mac_line_endings_are_cleaned_like_any_other(tmp_path: Path) -> None:
    """CR-only line breaks: the title, subheading and image credit are found as with LF, and
    every offset indexes the file's own text, CRs and all."""
    text = SEED.replace("\n", "\r")
    path = tmp_path / "mac.txt"
    path.write_bytes(text.encode("utf-8"))
    loaded = load_path(path)
    assert loaded.text == text
    options = Options(length=Length.sentences(4))
    mac, unix = summarise(loaded.text, options), summarise(SEED, options)
    assert mac.title == "North Korea’s Kim in Russia for Putin talks as US warns on arms deal"
    assert [(s.start, s.end, s.role) for s in mac.sentences] == [
        (s.start, s.end, s.role) for s in unix.sentences
    ]
    assert mac.summary_text() == unix.summary_text()
    for sentence in mac.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    assert "Source: Video Screenshot" not in mac.summary_text()


def test_decode_bytes_keeps_its_contract() -> None:
    assert decode_bytes("Grüße aus Köln.".encode("cp1252")) == "Grüße aus Köln."
    assert decode_bytes(SEED.encode("utf-16")) == SEED

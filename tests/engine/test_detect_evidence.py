"""The word and letter evidence the detector weighs: ranked lists the app ships, read as Zipf
likelihoods, and alphabets."""

from __future__ import annotations

from collections import Counter

import pytest

from article_summariser.engine import language_evidence as evidence


def counts(text: str) -> Counter[str]:
    return Counter(evidence.words(text))


def test_words_keep_indic_vowel_signs_and_elisions_whole() -> None:
    assert evidence.words("मी आज शाळेत गेलो आणि") == ["मी", "आज", "शाळेत", "गेलो", "आणि"]
    assert evidence.words("L’any d'una FONT") == ["l'any", "d'una", "font"]
    assert evidence.words("2014, 3.5 – ok") == ["ok"]


def test_ranked_lists_come_from_the_installed_stop_lists() -> None:
    catalan = evidence.word_ranks("ca")
    assert catalan is not None
    assert catalan.ranks["de"] == 1  # jusText's Catalan list starts with "de"
    assert catalan.ranks["amb"] < catalan.length
    norwegian = evidence.word_ranks("no")
    assert norwegian is not None
    assert "ikkje" in norwegian.ranks  # Nynorsk as well as Bokmål
    assert "deg" in norwegian.ranks  # a function word from stopwords-iso
    czech = evidence.word_ranks("cs")
    assert czech is not None
    assert czech.ranks["nekolik"] == czech.ranks["několik"]  # typed without accents


@pytest.mark.parametrize("code", ["zh-cn", "zh-tw", "ja", "th", "xx"])
def test_no_list_where_words_are_not_spaced_or_unknown(code: str) -> None:
    assert evidence.word_ranks(code) is None
    assert evidence.word_evidence(counts("de la"), code, "es") == 0.0


def test_function_words_favour_their_language() -> None:
    catalan = counts("El govern va aprovar ahir la llei amb el suport de tots els grups.")
    spanish = counts("El gobierno aprobó ayer la ley con el apoyo de todos los grupos.")
    assert evidence.word_evidence(catalan, "ca", "es") > 1
    assert evidence.word_evidence(spanish, "es", "ca") > 1
    assert evidence.word_evidence(catalan, "ca", "es") == -evidence.word_evidence(
        catalan, "es", "ca"
    )


def test_shared_and_unlisted_words_say_nothing() -> None:
    assert evidence.word_evidence(counts("de de"), "ca", "es") == 0.0  # rank 1 in both
    assert evidence.word_evidence(counts("xyzzyq"), "ca", "es") == 0.0


def test_absence_from_a_short_list_is_no_evidence_for_a_rarer_word() -> None:
    hindi = evidence.word_ranks("hi")
    nepali = evidence.word_ranks("ne")
    assert hindi is not None
    assert nepali is not None
    # Ranked by Nepali beyond the end of Hindi's shorter list: Hindi's list could not have
    # held it, so its absence there says nothing.
    rare = next(w for w, r in nepali.ranks.items() if r > hindi.length and w not in hindi.ranks)
    assert evidence.word_evidence({rare: 1}, "ne", "hi") == 0.0
    # Ranked by Nepali within Hindi's list length, and missing from Hindi's list: evidence.
    common = next(w for w, r in nepali.ranks.items() if r < 50 and w not in hindi.ranks)
    assert evidence.word_evidence({common: 1}, "ne", "hi") > 1
    assert evidence.word_evidence({common: 3}, "ne", "hi") == pytest.approx(
        3 * evidence.word_evidence({common: 1}, "ne", "hi")
    )


@pytest.mark.parametrize(
    ("text", "candidate", "incumbent", "expected"),
    [
        ("viděli jsme řeku", "cs", "sk", 2),  # ě ř
        ("ľudia išli", "sk", "cs", 1),  # ľ
        ("дэн", "ru", "bg", 1),  # э
        ("ѓубре", "mk", "bg", 1),
        ("що", "bg", "mk", 1),  # щ is not Macedonian
        ("skönt", "sv", "da", 1),
        ("næste", "sv", "da", -1),
        ("hello", "en", "de", 0),
        ("дэн", "ru", "en", 0),  # different scripts: no comparison
        ("дэн", "ru", "zh-cn", 0),  # no table
    ],
)
def test_letters_only_one_alphabet_has(
    text: str, candidate: str, incumbent: str, expected: int
) -> None:
    assert evidence.letter_evidence(text, candidate, incumbent) == expected


def test_hangul() -> None:
    assert evidence.has_hangul("한국어 문장입니다.")
    assert not evidence.has_hangul("最主要的是耳机戴着很舒适。")

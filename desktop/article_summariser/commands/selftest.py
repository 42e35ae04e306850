"""``self-test``: prove that everything the app needs at run time is here and works.

A frozen bundle fails in ways a source checkout never does: a data file PyInstaller did not
collect, a module imported by name that its analysis could not see (the Punkt models are such
modules), a shared library left behind. Each of those surfaces only when a user opens a document in
that language. This command exercises every one of them up front, headless and offline, prints one
line per check and exits 1 if any failed, so a build can be judged before anyone ships it:

    article-summariser-cli self-test        # engine, language data, formats, resources
    article-summariser --self-test          # the same, plus the Qt plugins the window needs

Nothing is written anywhere (no settings, no logs) and no window is created.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TextIO

NAME = "self-test"
ALIASES = ("selftest",)
HELP = "check that every language model, file format, resource and algorithm works"

#: Languages that no installed package has stop words for: summarised without them, by design.
#: Every other language of the summariser must have a non-empty list.
NO_STOP_WORDS = frozenset({"malayalam"})

#: Two sentences in the language's own script, for the languages split by rules, not a model.
_SPLIT_SAMPLES = {
    "zh": "今天天气很好。我们去公园散步吧。",
    "ja": "今日は晴れです。公園に行きましょう。",
    "hi": "आज मौसम अच्छा है। चलो पार्क चलते हैं।",
    "ko": "오늘은 날씨가 좋습니다. 공원에 갑시다.",
}
_SPLIT_DEFAULT = "The first sentence ends here. The second one follows it."

#: Dictionary segmentation of Chinese (jieba) and Japanese (tinysegmenter): exact known answers.
_SEGMENTATION = {
    "zh": ("我们在北京大学学习。", ("我们", "在", "北京大学", "学习")),
    "ja": (
        "私はその人を常に先生と呼んでいた。",
        ("私", "は", "その", "人", "を", "常", "に", "先生", "と", "呼ん", "で", "い", "た"),
    ),
}

#: Short texts langdetect must recognise (besides the English sample article).
_DETECT_SAMPLES = {
    "de": "Die Nachtzüge kehren nach Europa zurück, und viele Schlafwagen sind wochenlang "
    "im Voraus ausgebucht, weil immer mehr Reisende das Flugzeug meiden.",
    "fr": "Les trains de nuit reviennent en Europe et de nombreuses voitures-lits affichent "
    "complet des semaines à l'avance, car les voyageurs délaissent l'avion.",
    "ru": "Ночные поезда возвращаются в Европу, и многие спальные вагоны распроданы за "
    "несколько недель, потому что пассажиры отказываются от самолётов.",
    "zh": "夜间列车重返欧洲，许多卧铺车厢提前数周售罄，因为越来越多的旅客放弃了飞机。",
}

#: The PNG sizes shipped in resources/icons/ (see packaging/make_icons.py).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: Sentences every algorithm must pick from the sample article.
SAMPLE_SENTENCES = 3

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")


@dataclass(frozen=True)
class Result:
    name: str
    ok: bool
    detail: str
    seconds: float


class CheckFailed(Exception):
    """A check found something missing or wrong; the message says what."""


Check = Callable[[], str]


def _require(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# -- resources -------------------------------------------------------------------------------


def _check_sample() -> str:
    from article_summariser import resources

    text = resources.sample_article()
    words = len(text.split())
    _require(words >= 300, f"the sample article has only {words} words")
    return f"{words} words"


def _png_size(data: bytes) -> tuple[int, int]:
    _require(data[:8] == _PNG_MAGIC and data[12:16] == b"IHDR", "not a PNG file")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _check_icons() -> str:
    from article_summariser import resources

    svg = resources.read_text("icons/app.svg")
    _require("<svg" in svg, "icons/app.svg is not an SVG")
    for size in ICON_SIZES:
        name = f"icons/app-{size}.png"
        try:
            data = resources.read_bytes(name)
        except FileNotFoundError:
            raise CheckFailed(f"{name} is missing") from None
        got = _png_size(data)
        _require(got == (size, size), f"{name} is {got[0]}x{got[1]}, not {size}x{size}")
    return f"app.svg and {len(ICON_SIZES)} PNG sizes ({ICON_SIZES[0]} to {ICON_SIZES[-1]} px)"


def _check_translations() -> str:
    from article_summariser import resources

    folder = resources.path("translations")
    if not folder.is_dir():
        return "none bundled (English only)"
    files = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".qm"))
    for name in files:
        data = folder.joinpath(name).read_bytes()
        _require(data[:16] == _QM_MAGIC, f"translations/{name} is not a Qt translation")
    return f"{len(files)} catalogue(s)" + (f": {', '.join(files)}" if files else "")


# -- languages -------------------------------------------------------------------------------


def _language_check(code: str) -> Check:
    def check() -> str:
        from article_summariser.engine import languages, tokenise

        language = languages.get(code)
        parts = []
        model = language.sentence_model
        if model is not None:
            import punkt
            from punkt.data import is_bundled

            if is_bundled(model):
                params = punkt.load_model(model)
                abbreviations = sorted(
                    a for a in params.abbrev_types if a.isalpha() and len(a) >= 3
                )
                _require(abbreviations, f"the Punkt model {model} has no abbreviations")
                # Without the model "abbr." ends a sentence; with it, the text is two sentences.
                text = f"Word {abbreviations[0]}. next words here. Final sentence."
                spans = tokenise.sentence_spans(text, 0, len(text), language)
                _require(
                    len(spans) == 2,
                    f"the Punkt model {model} did not keep “{abbreviations[0]}.” inside a sentence",
                )
                parts.append(f"Punkt {model} ({len(params.abbrev_types)} abbreviations)")
            else:
                parts.append(f"{model} rules")
        text = _SPLIT_SAMPLES.get(code, _SPLIT_DEFAULT)
        spans = tokenise.sentence_spans(text, 0, len(text), language)
        _require(len(spans) == 2, f"split a two-sentence text into {len(spans)}")

        stem = languages.stemmer(language.name)
        if stem is not None:
            stemmed = stem("summaries")
            _require(isinstance(stemmed, str) and stemmed, "the stemmer returned nothing")
            parts.append("stemmer")
        stop = languages.stop_words(language.name)
        if language.name not in NO_STOP_WORDS:
            _require(stop, f"no stop words for {language.name}")
        parts.append(f"{len(stop)} stop words")

        if code in _SEGMENTATION:
            sample, expected = _SEGMENTATION[code]
            got = tokenise.words(sample, language)
            _require(got == expected, f"segmented {sample} as {' '.join(got)}")
            parts.append("jieba" if code == "zh" else "tinysegmenter")
        parts.append(languages.mode(language))
        return ", ".join(parts)

    return check


def _check_langdetect() -> str:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    from article_summariser import resources
    from article_summariser.engine import languages
    from article_summariser.engine.detect import detect

    try:
        profiles = sorted(os.listdir(PROFILES_DIRECTORY))
    except OSError:
        raise CheckFailed(f"no profiles folder at {PROFILES_DIRECTORY}") from None
    known = {languages.normalise_code(p) for p in profiles}
    missing = [lang.code for lang in languages.all_languages() if lang.code not in known]
    _require(not missing, f"no profile for {', '.join(missing)}")
    guess = detect(resources.sample_article())
    _require(guess.code == "en", f"the sample article was detected as {guess.code!r}")
    _require(guess.probability > 0.9, f"English with only {guess.probability:.2f}")
    for code, text in _DETECT_SAMPLES.items():
        got = detect(text).code
        _require(got == code, f"a {code} text was detected as {got!r}")
    return f"{len(profiles)} profiles; sample article: en {guess.probability:.3f}"


# -- document formats ------------------------------------------------------------------------


def _format_check(suffix: str) -> Check:
    def check() -> str:
        from article_summariser.commands import sample_documents
        from article_summariser.engine.loading import load_bytes

        kind, make = sample_documents.DOCUMENTS[suffix]
        data = make()
        name = f"sample{suffix}"
        document = load_bytes(data, name, name, suffix=suffix)
        _require(document.format == kind, f"read as {document.format!r}, not {kind!r}")
        _require(
            sample_documents.SENTENCE in " ".join(document.text.split()),
            f"the text read from a {suffix} file lacks its first sentence",
        )
        return f"{len(data)} bytes read as {kind}"

    return check


# -- algorithms ------------------------------------------------------------------------------


def _algorithm_check(name: str) -> Check:
    def check() -> str:
        from article_summariser import resources
        from article_summariser.engine import Length, Options, Role, summarise

        summary = summarise(
            resources.sample_article(),
            Options(algorithm=name, length=Length.sentences(SAMPLE_SENTENCES)),
        )
        chosen = summary.summary
        _require(
            len(chosen) == SAMPLE_SENTENCES,
            f"chose {len(chosen)} sentences, not {SAMPLE_SENTENCES}",
        )
        _require(all(s.role is Role.BODY for s in chosen), "chose a sentence that is not body text")
        _require(summary.language.code == "en", f"language {summary.language.code!r}")
        _require(summary.language_mode == "full", f"English in {summary.language_mode} mode")
        return f"{SAMPLE_SENTENCES} sentences: {', '.join(str(s.index) for s in chosen)}"

    return check


# -- Qt (the window) -------------------------------------------------------------------------

#: Qt platform plugins the window needs, by platform (file name stems, without lib/.so/.dll).
_PLATFORM_PLUGINS = {
    "linux": ("qxcb", "qwayland", "qoffscreen"),
    "win32": ("qwindows",),
    "darwin": ("qcocoa",),
}


def _check_qt() -> str:
    import PySide6
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtGui import QImage

    from article_summariser import resources

    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    platform_dir = os.path.join(plugins, "platforms")
    try:
        present = {os.path.splitext(f)[0].removeprefix("lib") for f in os.listdir(platform_dir)}
    except OSError:
        raise CheckFailed(f"no Qt platform plugins in {platform_dir}") from None
    wanted = _PLATFORM_PLUGINS.get(sys.platform.rstrip("0123456789"), ())
    missing = [w for w in wanted if not any(p.startswith(w) for p in present)]
    _require(not missing, f"Qt platform plugin(s) missing: {', '.join(missing)}")
    # Loading the SVG icon goes through Qt's SVG image plugin, which the window's icons need.
    with resources.path("icons/app.svg").open("rb") as handle:
        image = QImage.fromData(handle.read(), "SVG")
    _require(not image.isNull(), "Qt cannot read SVG images (imageformats plugin missing)")
    return f"PySide6 {PySide6.__version__}, platforms: {', '.join(sorted(present))}"


# -- running ---------------------------------------------------------------------------------


def checks(gui: bool = False) -> Iterator[tuple[str, Check]]:
    """Every check, by name, in the order they run."""
    from article_summariser.engine import algorithms, languages

    yield "resource sample article", _check_sample
    yield "resource icons", _check_icons
    yield "resource translations", _check_translations
    for language in languages.all_languages():
        yield f"language {language.code} {language.name}", _language_check(language.code)
    yield "language detection", _check_langdetect
    from article_summariser.commands.sample_documents import DOCUMENTS

    for suffix in DOCUMENTS:
        yield f"format {suffix}", _format_check(suffix)
    for name in algorithms.names():
        yield f"algorithm {name}", _algorithm_check(name)
    if gui:
        yield "qt", _check_qt


def run_checks(gui: bool = False, out: TextIO | None = None) -> list[Result]:
    """Run every check, printing one line each to ``out``; a failing check never stops the rest."""
    results = []
    for name, check in checks(gui):
        start = time.perf_counter()
        try:
            detail, ok = check(), True
        except CheckFailed as error:
            detail, ok = str(error), False
        except Exception as error:  # a broken bundle fails in any way at all
            detail, ok = f"{type(error).__name__}: {error}", False
        result = Result(name, ok, detail, time.perf_counter() - start)
        results.append(result)
        if out is not None:
            took = f" ({result.seconds:.1f} s)" if result.seconds >= 0.1 else ""
            print(f"{'ok  ' if ok else 'FAIL'}  {name}: {detail}{took}", file=out, flush=True)
    return results


def main(gui: bool = False, out: TextIO | None = None) -> int:
    """Run the self-test and report; 0 when everything passed, 1 otherwise."""
    from article_summariser import APP_NAME, __version__

    out = out if out is not None else sys.stdout
    where = (
        f"frozen, {getattr(sys, '_MEIPASS', '?')}" if getattr(sys, "frozen", False) else "source"
    )
    print(
        f"{APP_NAME} {__version__} self-test ({where}; Python {sys.version.split()[0]}, "
        f"{sys.platform})",
        file=out,
    )
    start = time.perf_counter()
    results = run_checks(gui, out)
    failed = [r for r in results if not r.ok]
    elapsed = time.perf_counter() - start
    if failed:
        print(
            f"self-test FAILED: {len(failed)} of {len(results)} checks failed "
            f"({', '.join(r.name for r in failed)})",
            file=out,
        )
        return 1
    print(f"self-test passed: {len(results)} checks in {elapsed:.2f} s", file=out)
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gui", action="store_true", help="also check the Qt plugins the window needs"
    )


def run(args: argparse.Namespace) -> int:
    return main(gui=args.gui)

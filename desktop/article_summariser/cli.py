"""``article-summariser-cli``: the engine from a terminal.

Exit codes: 0 success, 1 an input problem (unreadable file, empty text, unknown language...)
or output that could not be written (a full disk), 2 a usage error, 141 when the reader of the
output went away (``| head``), as for any program a closed pipe stops. Problems are one line on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any, TextIO

from article_summariser import __version__

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
#: 128 + SIGPIPE: what a shell reports for a program stopped by a closed pipe (``yes | head``).
EXIT_PIPE = 141
#: Libraries that log their own account of a problem the CLI already reports in one line
#: (pypdf's "EOF marker not found" before "… is damaged"): quiet below ERROR, in the CLI only.
QUIET_LOGGERS = ("pypdf", "trafilatura", "htmldate", "courlan", "charset_normalizer")


class _ReaderGone(Exception):
    """Standard output is a pipe whose reader has gone."""


class OutputError(Exception):
    """Standard output cannot be written (a full disk, a closed file)."""


class _GuardedOutput:
    """Standard output that turns a failed write into one of the two errors above.

    Without it an ``OSError`` from ``print`` could not be told from one of reading a file,
    and a write that fails only when Python flushes at exit gives a traceback after ``main``.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def _guard(self, call: Any, *args: Any) -> Any:
        try:
            return call(*args)
        except BrokenPipeError:
            raise _ReaderGone from None
        except OSError as error:
            raise OutputError(error.strerror or str(error)) from None

    def write(self, text: str) -> int:
        return self._guard(self._stream.write, text)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the flush at exit has nowhere to fail
    (what Python's documentation advises after a broken pipe)."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
        os.close(descriptor)
    except (AttributeError, OSError, ValueError):
        pass  # not a real file (a test's capture): nothing will be flushed at exit


def _quiet_libraries() -> None:
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


def _commands() -> list[ModuleType]:
    from article_summariser.commands import (
        detect,
        evaluate,
        evaluate_language,
        extract,
        selftest,
        summarise,
    )

    return [summarise, detect, evaluate, evaluate_language, selftest, extract]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as argparse does, but no usage dump
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="article-summariser-cli",
        description="Offline extractive summaries of articles.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--list-algorithms", action="store_true", help="list the algorithms and exit"
    )
    parser.add_argument("--list-languages", action="store_true", help="list the languages and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in _commands():
        command = sub.add_parser(module.NAME, aliases=list(module.ALIASES), help=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def _list_algorithms() -> None:
    from article_summariser.engine import algorithms

    for algo in algorithms.ALGORITHMS.values():
        mark = " (default)" if algo.name == algorithms.DEFAULT else ""
        print(f"{algo.name:<10} {algo.label}{mark}: {algo.description}")


def _list_languages() -> None:
    from article_summariser.engine import languages

    for language in languages.all_languages():
        print(
            f"{language.code:<3} {language.label:<11} {languages.mode(language):<8} "
            f"{languages.describe(language)}"
        )
    for code, name in languages.GENERIC_LANGUAGES.items():
        print(f"{code:<3} {name.capitalize():<11} {'generic':<8} sentences: punctuation")
    print("Any other language is summarised in generic mode (no stemming, no stop words).")


def main(argv: Sequence[str] | None = None) -> int:
    real = sys.stdout
    sys.stdout = _GuardedOutput(real)  # type: ignore[assignment]
    try:
        code = _main(argv)
        sys.stdout.flush()
        return code
    except _ReaderGone:
        # The reader went away (``| head``): it has what it wanted; nothing to say.
        _silence_stdout()
        return EXIT_PIPE
    except OutputError as error:
        _silence_stdout()
        print(f"article-summariser-cli: Could not write the output: {error}.", file=sys.stderr)
        return EXIT_INPUT
    finally:
        sys.stdout = real


def _main(argv: Sequence[str] | None) -> int:
    from article_summariser.commands import UsageError
    from article_summariser.engine.errors import (
        EngineError,
        LengthError,
        UnknownAlgorithmError,
    )

    parser = build_parser()
    args = parser.parse_args(argv)
    _quiet_libraries()
    if args.list_algorithms:
        _list_algorithms()
        return EXIT_OK
    if args.list_languages:
        _list_languages()
        return EXIT_OK
    if not getattr(args, "run", None):
        parser.print_usage(sys.stderr)
        print("article-summariser-cli: error: a command is required", file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except (UsageError, UnknownAlgorithmError, LengthError) as error:
        print(f"article-summariser-cli: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except EngineError as error:
        print(f"article-summariser-cli: {error}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())

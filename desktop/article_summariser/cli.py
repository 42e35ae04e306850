"""``article-summariser-cli``: the engine from a terminal.

Exit codes: 0 success, 1 an input problem (unreadable file, empty text, unknown language...),
2 a usage error. Problems are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from article_summariser import __version__

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2


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
    from article_summariser.commands import UsageError
    from article_summariser.engine.errors import (
        EngineError,
        LengthError,
        UnknownAlgorithmError,
    )

    parser = build_parser()
    args = parser.parse_args(argv)
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
    except BrokenPipeError:
        # The reader went away (``| head``): not an error of ours.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())

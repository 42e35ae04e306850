"""Helpers shared by the subcommands: reading input, length options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from article_summariser.commands import UsageError
from article_summariser.engine.errors import InputError
from article_summariser.engine.loading import LoadedDocument
from article_summariser.engine.model import Length


def add_length_arguments(parser: argparse.ArgumentParser, default_sentences: int = 5) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--sentences", type=int, metavar="N", help=f"N sentences (default {default_sentences})"
    )
    group.add_argument("--ratio", type=float, metavar="R", help="about R of the words (0 < R ≤ 1)")
    group.add_argument("--words", type=int, metavar="N", help="at most N words")
    parser.set_defaults(default_sentences=default_sentences)


def length_from(args: argparse.Namespace) -> Length:
    from article_summariser.engine.errors import LengthError

    try:
        if args.ratio is not None:
            return Length.ratio(args.ratio)
        if args.words is not None:
            return Length.words(args.words)
        return Length.sentences(
            args.sentences if args.sentences is not None else args.default_sentences
        )
    except LengthError as error:
        raise UsageError(str(error)) from None


def read_input(source: str) -> LoadedDocument:
    """The document at ``source``: a path, an http(s) URL (fetched), or ``-`` for stdin."""
    from article_summariser.engine.fetch import fetch_url, is_page_to_fetch
    from article_summariser.engine.loading import load_bytes, load_path, read_stream

    if source == "-":
        data = read_stream(sys.stdin.buffer, "The standard input")
        return load_bytes(data, "The standard input", "-")
    if is_page_to_fetch(source):
        return fetch_url(source)
    return load_path(Path(source))


__all__ = ["InputError", "add_length_arguments", "length_from", "read_input"]

"""``summarise``: the summary of one document."""

from __future__ import annotations

import argparse
import sys

from article_summariser.commands.common import add_length_arguments, length_from, read_input

NAME = "summarise"
ALIASES = ("summarize",)
HELP = "summarise a document (a file, or - for standard input)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH|-", help="a text file, or - to read standard input")
    add_length_arguments(parser)
    parser.add_argument(
        "--algorithm", "-a", default="default", metavar="A", help="see --list-algorithms"
    )
    parser.add_argument(
        "--language", "-l", default="auto", metavar="auto|CODE", help="ISO 639-1 code, or auto"
    )
    parser.add_argument(
        "--format", "-f", choices=("text", "markdown", "json"), default="text", help="output format"
    )


def run(args: argparse.Namespace) -> int:
    from article_summariser.engine import Options, summarise
    from article_summariser.engine import export

    length = length_from(args)
    document = read_input(args.path)
    summary = summarise(
        document.text,
        Options(algorithm=args.algorithm, language=args.language, length=length),
        title=document.title,
        blocks=document.blocks,
    )
    source = document.name if args.path != "-" else ""
    if args.format == "json":
        out = export.as_json(summary, source)
    elif args.format == "markdown":
        out = export.as_markdown(summary, source)
    else:
        out = export.as_text(summary)
    for note in summary.notes:
        print(f"note: {note}", file=sys.stderr)
    print(out)
    return 0

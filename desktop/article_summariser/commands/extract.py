"""``extract``: the cleaned text the summariser reads, and what each paragraph is.

Useful to check what a PDF, a saved page or a URL turns into before summarising it. The JSON
lists every paragraph with its role (body, title, heading, byline, caption, boilerplate), the
reason it is skipped, and its ``start``/``end`` offsets into ``text``: the same offsets the
``summarise`` JSON gives for sentences.
"""

from __future__ import annotations

import argparse
import json

from article_summariser.commands.common import read_input

NAME = "extract"
ALIASES = ()
HELP = "print the cleaned text of a document or web page (a file, a URL, or - for stdin)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", metavar="PATH|URL|-", help="a document, an http(s) URL, or - for standard input"
    )
    parser.add_argument("--format", "-f", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from article_summariser.engine.structure import split_blocks

    document = read_input(args.path)
    if args.format == "text":
        print(document.text)
        return 0
    blocks = document.blocks if document.blocks is not None else tuple(split_blocks(document.text))
    title = document.title or next(
        (document.text[b.start : b.end] for b in blocks if b.role.value == "title"), ""
    )
    print(
        json.dumps(
            {
                "source": document.source,
                "format": document.format,
                "encoding": document.encoding,
                "title": title,
                "text": document.text,
                "paragraphs": [
                    {
                        "text": document.text[b.start : b.end],
                        "role": b.role.value,
                        "reason": b.reason,
                        "start": b.start,
                        "end": b.end,
                    }
                    for b in blocks
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    return 0

"""``detect``: the language of a document and the detector's probabilities."""

from __future__ import annotations

import argparse
import json

from article_summariser.commands.common import read_input

NAME = "detect"
ALIASES = ()
HELP = "detect the language of a document"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH|-", help="a text file, or - to read standard input")
    parser.add_argument("--format", "-f", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from article_summariser.engine import languages
    from article_summariser.engine.detect import detect

    document = read_input(args.path)
    guess = detect(document.text)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "code": guess.code,
                    "probability": guess.probability,
                    "name": languages.get(guess.code).name if guess.code else None,
                    "detected": guess.detected_code,
                    "reason": guess.reason,
                    "candidates": [{"code": c, "probability": p} for c, p in guess.candidates],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if guess.code is None:
        print(f"unknown\t{guess.reason}")
    else:
        print(f"{guess.code}\t{guess.probability:.4f}\t{languages.get(guess.code).label}")
    for code, probability in guess.candidates[1:]:
        print(f"  {code}\t{probability:.4f}")
    return 0

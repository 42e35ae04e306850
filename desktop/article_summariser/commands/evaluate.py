"""``evaluate``: ROUGE of the summaries against human references, next to Lead-N."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from article_summariser.commands.common import add_length_arguments, length_from

NAME = "evaluate"
ALIASES = ()
HELP = "score summaries of JSONL articles against their references (ROUGE, needs the eval extra)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "data", metavar="DATA.jsonl", help="one {id, lang, text, summary} object a line"
    )
    parser.add_argument(
        "--algorithm",
        "-a",
        action="append",
        metavar="A",
        help="an algorithm (repeatable; 'all' for every one, 'sumy:NAME' for sumy's stock "
        "NAME; default: the default algorithm). Lead-N always runs as the baseline.",
    )
    add_length_arguments(parser, default_sentences=3)
    parser.add_argument(
        "--source", action="append", metavar="S", help="only articles of this source (repeatable)"
    )
    parser.add_argument(
        "--limit", type=int, metavar="N", help="only the first N articles of each source"
    )
    parser.add_argument(
        "--half",
        type=int,
        choices=(1, 2),
        metavar="H",
        help="only the articles in half H (1 or 2) by a hash of their id: tune on one half, "
        "check on the other",
    )
    parser.add_argument(
        "--no-title", action="store_true", help="do not give the articles' titles to the engine"
    )
    parser.add_argument(
        "--plain-too",
        action="store_true",
        help="also run every method without the readable-extract rule (what the rule costs)",
    )
    parser.add_argument("--format", "-f", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from article_summariser.commands import UsageError
    from article_summariser.engine.errors import InputError
    from article_summariser.engine.evaluation import evaluate, report_json, report_text
    from article_summariser.engine.evaluation_data import half, read_articles
    from article_summariser.engine.evaluation_rouge import check_available

    length = length_from(args)
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1.")
    check_available()
    articles = read_articles(Path(args.data))
    if args.source:
        wanted = set(args.source)
        articles = [a for a in articles if a.source in wanted]
        if not articles:
            raise InputError(f"No article of source {', '.join(sorted(wanted))} in {args.data}.")
    if args.half is not None:
        articles = [a for a in articles if half(a.id) == args.half]
    if args.limit is not None:
        taken: dict[str, int] = {}
        kept = []
        for article in articles:
            taken[article.source] = taken.get(article.source, 0) + 1
            if taken[article.source] <= args.limit:
                kept.append(article)
        articles = kept

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total} articles", end="" if done < total else "\n", file=sys.stderr)

    report = evaluate(
        articles,
        args.algorithm or ["default"],
        length,
        use_title=not args.no_title,
        plain_too=args.plain_too,
        progress=progress if sys.stderr.isatty() else None,
    )
    if args.format == "json":
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        print(report_text(report))
    return 0

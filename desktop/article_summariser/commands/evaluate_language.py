"""``evaluate-language``: how often the language of a text is detected right."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "evaluate-language"
ALIASES = ()
HELP = "measure language detection on JSONL samples of known language"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data", metavar="DATA.jsonl", help="one {lang, text, kind} object a line")
    parser.add_argument(
        "--kind", action="append", metavar="K", help="only samples of this kind (repeatable)"
    )
    parser.add_argument(
        "--limit", type=int, metavar="N", help="only the first N samples of each kind and language"
    )
    parser.add_argument(
        "--half",
        choices=("tuning", "held-out"),
        help="only the half of the samples the detector's weights were chosen on, or the other",
    )
    parser.add_argument(
        "--langdetect-only",
        action="store_true",
        help="langdetect's answers alone, without the second opinion of words and letters",
    )
    parser.add_argument("--format", "-f", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from article_summariser.commands import UsageError
    from article_summariser.engine.errors import InputError
    from article_summariser.engine.evaluation_data import read_language_samples
    from article_summariser.engine.evaluation_language import (
        evaluate_language,
        half,
        language_report_json,
        language_report_text,
    )

    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1.")
    samples = read_language_samples(Path(args.data))
    if args.kind:
        wanted = set(args.kind)
        samples = [s for s in samples if s.kind in wanted]
        if not samples:
            raise InputError(f"No sample of kind {', '.join(sorted(wanted))} in {args.data}.")
    if args.half:
        samples = [s for s in samples if half(s.id) == args.half]
    if args.limit is not None:
        taken: dict[tuple[str, str], int] = {}
        kept = []
        for sample in samples:
            key = (sample.kind, sample.lang)
            taken[key] = taken.get(key, 0) + 1
            if taken[key] <= args.limit:
                kept.append(sample)
        samples = kept

    def progress(done: int, total: int) -> None:
        if done % 500 == 0 or done == total:
            end = "\n" if done == total else ""
            print(f"\r{done}/{total} samples", end=end, file=sys.stderr)

    report = evaluate_language(
        samples,
        refine=not args.langdetect_only,
        progress=progress if sys.stderr.isatty() else None,
    )
    if args.format == "json":
        print(json.dumps(language_report_json(report), ensure_ascii=False, indent=2))
    else:
        print(language_report_text(report))
    return 0

"""``summarise``: the summary of one document, or a digest of many.

One file (or ``-``) prints that document's summary exactly as before (the JSON schema of a single
document is documented and relied on). Several files or a folder are summarised in parallel on
every core and printed as one digest; a file that fails is reported on stderr and never stops
the others (exit code 1 when any failed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from article_summariser.commands import UsageError
from article_summariser.commands.common import add_length_arguments, length_from, read_input

if TYPE_CHECKING:
    from article_summariser.engine.batch import BatchItem, BatchResult
    from article_summariser.engine.model import Options, Summary

NAME = "summarise"
ALIASES = ("summarize",)
HELP = "summarise documents (files, folders, or - for standard input)"
FORMATS = ("text", "markdown", "json", "jsonl", "csv", "html")
PROG = "article-summariser-cli"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="FILE",
        help="documents, folders (searched for documents), web addresses, or - to read "
        "standard input",
    )
    add_length_arguments(parser)
    parser.add_argument(
        "--algorithm", "-a", default="default", metavar="A", help="see --list-algorithms"
    )
    parser.add_argument(
        "--language", "-l", default="auto", metavar="auto|CODE", help="ISO 639-1 code, or auto"
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="text",
        help="output format; for many files json, markdown, csv and html are one digest "
        "and jsonl is one document's JSON per line",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="processes for many files (default: every core)",
    )


def run(args: argparse.Namespace) -> int:
    from article_summariser.engine import Options, algorithms
    from article_summariser.engine.batch import is_folder

    length = length_from(args)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1.")
    options = Options(algorithm=args.algorithm, language=args.language, length=length)
    algorithms.get(options.algorithm)  # a bad name is a usage error, before any file is read
    if "-" in args.paths and len(args.paths) > 1:
        raise UsageError("- (standard input) cannot be combined with other files.")
    if len(args.paths) == 1 and not is_folder(Path(args.paths[0])):
        return _one(args.paths[0], options, args.format)
    return _many(args.paths, options, args.format, args.jobs)


def _one(source: str, options: Options, format: str) -> int:
    from article_summariser.engine import export, summarise
    from article_summariser.engine.errors import InputError

    document = read_input(source)
    summary = summarise(document.text, options, title=document.title, blocks=document.blocks)
    if not summary.summary and summary.notes:
        # Only a word budget shorter than every sentence leaves nothing: an empty line and
        # exit 0 read as a summary. The engine's last note says which budget and why.
        for note in summary.notes[:-1]:
            print(f"note: {note}", file=sys.stderr)
        raise InputError(summary.notes[-1])
    name = document.name if source != "-" else ""
    if format == "json":
        out = export.as_json(summary, name)
    elif format == "jsonl":
        out = json.dumps(export.as_dict(summary, name), ensure_ascii=False)
    elif format == "markdown":
        out = export.as_markdown(summary, name)
    elif format in ("csv", "html"):
        out = _digest_text([(name, summary)], [], format).rstrip("\n")
    else:
        out = export.as_text(summary)
    for note in summary.notes:
        print(f"note: {note}", file=sys.stderr)
    print(out)
    return 0


def _many(sources: list[str], options: Options, format: str, jobs: int | None) -> int:
    from article_summariser.engine.batch import default_workers, expand_sources, run_batch

    files = expand_sources(sources)
    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    if progress is not None:
        progress.start(len(files), min(jobs or default_workers(), len(files)))
    try:
        result = run_batch(
            files, options, workers=jobs, on_item=progress.item if progress else None
        )
    finally:
        if progress is not None:
            progress.clear()
    for item in result.items:
        if item.summary is not None:
            for note in item.summary.notes:
                print(f"note: {item.source}: {note}", file=sys.stderr)
        elif item.error:
            print(f"{PROG}: {item.source}: {item.error}", file=sys.stderr)
    if progress is not None:
        progress.finish(result)
    print(_render_many(result, format), end="")
    return 1 if result.failed else 0


def _render_many(result: BatchResult, format: str) -> str:
    from article_summariser.engine import export

    done = [(item.source, item.summary) for item in result.items if item.summary is not None]
    failed = [(item.source, item.error) for item in result.items if item.summary is None]
    if format == "text":
        blocks = [f"==> {source} <==\n{export.as_text(summary)}\n" for source, summary in done]
        return "\n".join(blocks)
    if format == "jsonl":
        lines = [
            json.dumps(export.as_dict(summary, source), ensure_ascii=False)
            for source, summary in done
        ]
        lines += [
            json.dumps({"source": source, "error": reason}, ensure_ascii=False)
            for source, reason in failed
        ]
        return "".join(line + "\n" for line in lines)
    return _digest_text(done, failed, format)


def _digest_text(
    done: list[tuple[str, Summary]], failed: list[tuple[str, str]], format: str
) -> str:
    from article_summariser.engine import digest

    entries = [digest.Entry.from_summary(summary, source) for source, summary in done]
    failures = [digest.Failure(source, reason) for source, reason in failed]
    return digest.render(digest.Digest.of(entries, failures), format)


class _Progress:
    """One self-overwriting line on a terminal: how far the batch is, and the last file."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self, total: int, processes: int) -> None:
        noun = "process" if processes == 1 else "processes"
        self.stream.write(f"[0/{total}] starting {processes} {noun}…")
        self.stream.flush()

    def item(self, item: BatchItem, finished: int, total: int) -> None:
        width = len(str(total))
        name = item.name if len(item.name) <= 40 else item.name[:39] + "…"
        state = "failed" if item.error and item.summary is None else "done"
        self.stream.write(f"\r\x1b[2K[{finished:>{width}}/{total}] {state}: {name}")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[2K")
        self.stream.flush()

    def finish(self, result: BatchResult) -> None:
        failed = len(result.failed)
        self.stream.write(
            f"{len(result.done)} summarised, {failed} failed "
            f"({result.seconds:.1f} s, {result.workers} processes)\n"
        )
        self.stream.flush()

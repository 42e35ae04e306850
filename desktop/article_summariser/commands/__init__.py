"""Subcommands of ``article-summariser-cli``, one module each.

Each module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``; ``cli.py``
lists them. Commands print results on stdout and raise ``EngineError`` (or ``UsageError``) for
problems, which ``cli.main`` turns into one line on stderr and an exit code.
"""


class UsageError(Exception):
    """The command line itself is wrong (exit code 2)."""

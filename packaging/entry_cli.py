"""Frozen entry point of the command line: ``article-summariser-cli COMMAND ...``."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a worker process re-enters here when frozen
    from article_summariser.cli import main

    raise SystemExit(main())

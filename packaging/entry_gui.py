"""Frozen entry point of the window: ``article-summariser [FILE ...]`` (and ``--self-test``)."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a worker process re-enters here when frozen
    from article_summariser.gui.app import main

    raise SystemExit(main())

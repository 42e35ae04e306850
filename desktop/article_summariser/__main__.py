"""``python -m article_summariser`` starts the desktop app."""

from article_summariser.gui.app import main

raise SystemExit(main())

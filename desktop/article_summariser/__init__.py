"""Article Summariser: offline extractive summaries of long articles.

Importing this package has no side effects: no folders are created, no models loaded.
"""

__version__ = "0.1.0"

APP_NAME = "Article Summariser"
#: One reverse-DNS id for the .desktop file, the AppStream metainfo, the icon and Qt.
APP_ID = "io.github.article_summariser.ArticleSummariser"
#: Folder name used under the platform's config/data/state/cache/log locations.
APP_DIRNAME = "article-summariser"

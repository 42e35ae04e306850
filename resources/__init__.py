"""Bundled data files of Article Summariser (read through ``article_summariser.resources``)."""

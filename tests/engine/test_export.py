"""Copy and save formats: Markdown and quotes show the article's text as it is."""

from __future__ import annotations

from article_summariser.engine import Length, Options, export, summarise

TEXT = (
    "Patch notes for the *beta* build\n\n"
    "The installer now refuses <script>alert(1)</script> tags pasted into the name field. "
    "- Dashes at the start of a sentence are kept as written. "
    "Users of the old_config file must rename it before upgrading."
)


def test_markdown_escapes_what_markdown_would_read_as_markup() -> None:
    summary = summarise(TEXT, Options(length=Length.sentences(10)))
    assert export.as_markdown(summary).splitlines() == [
        "## Patch notes for the \\*beta\\* build",
        "",
        "- The installer now refuses \\<script\\>alert(1)\\</script\\> tags pasted into the "
        "name field.",
        "- \\- Dashes at the start of a sentence are kept as written.",
        "- Users of the old\\_config file must rename it before upgrading.",
    ]


def test_a_quote_is_escaped_the_same_way() -> None:
    summary = summarise(TEXT, Options(length=Length.sentences(1), algorithm="lead"))
    assert export.as_quote(summary) == (
        "> The installer now refuses \\<script\\>alert(1)\\</script\\> tags pasted into the "
        "name field.\n\n— Patch notes for the \\*beta\\* build"
    )


def test_plain_text_stays_as_written() -> None:
    summary = summarise(TEXT, Options(length=Length.sentences(10)))
    assert "<script>alert(1)</script>" in export.as_text(summary)
    assert "old_config" in export.as_text(summary)

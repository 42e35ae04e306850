"""Every language the README names can be chosen by the user, generic ones included."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import EVAL, ROOT

from article_summariser.engine import Length, Options, languages, summarise
from article_summariser.engine.errors import UnsupportedLanguageError

UNKNOWN = (
    "“{code}” is not a language the summariser knows. "
    "Use --list-languages to see the supported ones, or let it detect the language."
)


def _readme_languages() -> dict[str, list[str]]:
    """Mode → the language names of the README's table, without their notes in brackets."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Languages", 1)[1].split("\n#", 1)[0]
    table: dict[str, list[str]] = {}
    for row in section.splitlines():
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if cells[0] in ("full", "partial", "generic"):
            names = cells[2].split("; and any")[0].split(":", 1)[-1]
            names = re.sub(r"\([^)]*\)", "", names)
            table[cells[0]] = [n.strip() for n in re.split(r"[,;]", names) if n.strip()]
    return table


def _sentences(code: str, count: int = 8) -> str:
    found = []
    with (EVAL / "langid.dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["lang"] == code and row["kind"] == "sentence":
                found.append(row["text"])
                if len(found) == count:
                    break
    return "\n\n".join(found)


def test_the_readme_table_is_read() -> None:
    table = _readme_languages()
    assert "English" in table["full"]
    assert "Gujarati" in table["partial"]
    assert {"Welsh", "Albanian", "Macedonian"} <= set(table["generic"])


@pytest.mark.parametrize(
    ("mode", "name"),
    [(mode, name) for mode, names in _readme_languages().items() for name in names],
)
def test_every_language_the_readme_names_can_be_chosen(mode: str, name: str) -> None:
    language = languages.chosen(name)
    assert languages.mode(language) == mode
    assert languages.chosen(language.code) == language


@pytest.mark.parametrize("code", ["cy", "sq", "mk", "pa", "ta", "th"])
def test_a_generic_language_chosen_in_the_options(code: str) -> None:
    text = _sentences(code)
    summary = summarise(text, Options(language=code, length=Length.sentences(2)))
    assert summary.language.code == code
    assert summary.language.source == "forced"
    assert summary.language_mode == "generic"
    assert summary.language_name == "generic"
    assert len(summary.summary) == 2
    assert any("generic mode" in note for note in summary.notes)


@pytest.mark.parametrize("code", ["xx", "klingon", "zz-zz"])
def test_unknown_codes_are_still_refused(code: str) -> None:
    with pytest.raises(UnsupportedLanguageError) as error:
        summarise("Ein kurzer Satz. Noch einer.", Options(language=code))
    assert str(error.value) == UNKNOWN.format(code=code)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "article_summariser.cli", *args],
        capture_output=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("code", ["cy", "sq", "mk"])
def test_the_cli_accepts_a_generic_language(tmp_path: Path, code: str) -> None:
    path = tmp_path / "x.txt"
    path.write_text(_sentences(code), encoding="utf-8")
    result = _cli("summarise", str(path), "-l", code, "--sentences", "2", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["language"]["code"] == code
    assert data["language"]["source"] == "forced"
    assert data["language"]["mode"] == "generic"
    assert len(data["summary"]) == 2


def test_the_cli_still_refuses_an_unknown_code(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(_sentences("cy"), encoding="utf-8")
    result = _cli("summarise", str(path), "-l", "xx")
    assert result.returncode == 1
    assert result.stderr.decode().strip() == "article-summariser-cli: " + UNKNOWN.format(code="xx")


def test_the_generic_languages_are_listed() -> None:
    listing = _cli("--list-languages").stdout.decode()
    for code in ("cy", "sq", "mk"):
        assert f"\n{code} " in "\n" + listing

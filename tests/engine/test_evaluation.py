"""The evaluation arithmetic, pinned on cases small enough to check by hand.

ROUGE comes from Google's rouge-score (the ``eval`` extra, installed by ``make test``); what is
ours is the tokenisation for non-English text, the bootstrap, the grouping and the report.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import EVAL, dev_article

from article_summariser.cli import main
from article_summariser.engine import InputError, Length, Options, prepare, rank, select, summarise
from article_summariser.engine.errors import UnknownAlgorithmError
from article_summariser.engine.evaluation import (
    evaluate,
    report_json,
    report_text,
    resolve_methods,
    summary_lines,
)
from article_summariser.engine.evaluation_data import (
    MAX_DATA_BYTES,
    Article,
    half,
    read_articles,
    read_language_samples,
)
from article_summariser.engine.evaluation_rouge import UnicodeTokenizer, rouge
from article_summariser.engine.evaluation_stats import (
    MIN_SAMPLE,
    Interval,
    bootstrap,
    paired_difference,
    significant,
)

DEV = EVAL / "summaries.dev.jsonl"


# ROUGE of known pairs ---------------------------------------------------------------------------


def test_rouge_of_a_prefix_by_hand() -> None:
    # Reference: 6 tokens, 5 bigrams. Candidate: its first 3 tokens, 2 of its bigrams.
    score = rouge("the cat sat on the mat", "the cat sat", "en")
    assert score.rouge1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)  # P 3/3, R 3/6
    assert score.rouge2 == pytest.approx(2 * 1.0 * 0.4 / 1.4)  # P 2/2, R 2/5
    assert score.rougeLsum == pytest.approx(2 / 3)  # LCS 3


def test_rouge_lsum_takes_the_union_of_matches_per_reference_sentence() -> None:
    # Each reference line finds 2 of its 3 tokens in the candidate lines: hits 4, P 4/4, R 4/6.
    score = rouge("alpha beta gamma\ndelta epsilon zeta", "alpha beta\ndelta epsilon", "en")
    assert score.rougeLsum == pytest.approx(2 * 1.0 * (4 / 6) / (1 + 4 / 6))
    # R-2 reads the lines as one sequence: 2 of the candidate's 3 bigrams (alpha beta, delta
    # epsilon) are among the reference's 5: P 2/3, R 2/5.
    assert score.rouge2 == pytest.approx(0.5)


def test_english_is_stemmed_as_rouge_1_5_5() -> None:
    assert rouge("the cats were running", "the cat was running", "en").rouge1 == pytest.approx(0.75)
    assert rouge("identical words", "identical words", "en").rouge2 == pytest.approx(1.0)


def test_accented_letters_are_kept_outside_english() -> None:
    assert UnicodeTokenizer().tokenize("L'été 2024, à Zürich: ÉLAN_vital") == [
        "l",
        "été",
        "2024",
        "à",
        "zürich",
        "élan",
        "vital",
    ]
    # "été" and "ôté" are different words; rouge-score's ASCII tokenizer makes both "t".
    assert rouge("un été chaud", "un ôté chaud", "fr").rouge1 == pytest.approx(2 / 3)
    assert rouge("un été chaud", "un ôté chaud", "en").rouge1 == pytest.approx(1.0)
    # No stemming outside English: "chaude" is not "chaud".
    assert rouge("chaud", "chaude", "fr").rouge1 == 0.0


def test_an_empty_summary_scores_zero() -> None:
    score = rouge("Something was said.", "", "en")
    assert (score.rouge1, score.rouge2, score.rougeLsum) == (0.0, 0.0, 0.0)


# Bootstrap ---------------------------------------------------------------------------------------


def test_one_value_and_constant_values_are_their_own_interval() -> None:
    single = bootstrap([0.4])
    assert (single.mean, single.low, single.high) == pytest.approx((0.4, 0.4, 0.4))
    constant = bootstrap([0.25] * 7)
    assert (constant.mean, constant.low, constant.high) == pytest.approx((0.25, 0.25, 0.25))


def test_bootstrap_percentiles_by_hand() -> None:
    # Nine zeros and a one: a resampled mean is k/10 with k ~ Binomial(10, 0.1), so
    # P(k = 0) = 0.35 (the 2.5th percentile is 0) and P(k <= 2) = 0.93 < 0.975 < P(k <= 3) = 0.99
    # (the 97.5th percentile is 0.3).
    interval = bootstrap([0.0] * 9 + [1.0])
    assert interval.mean == pytest.approx(0.1)
    assert interval.low == pytest.approx(0.0)
    assert interval.high == pytest.approx(0.3)


def test_bootstrap_is_seeded() -> None:
    values = [0.1, 0.5, 0.2, 0.9, 0.3, 0.35, 0.6]
    assert bootstrap(values) == bootstrap(values)
    assert bootstrap(values, seed=1) != bootstrap(values, seed=2)


def test_paired_difference() -> None:
    base = [0.1, 0.5, 0.2, 0.9]
    shifted = paired_difference([v + 0.05 for v in base], base)
    assert (shifted.mean, shifted.low, shifted.high) == pytest.approx((0.05, 0.05, 0.05))
    with pytest.raises(ValueError, match="same length"):
        paired_difference([0.1], [0.1, 0.2])
    with pytest.raises(ValueError, match="no values"):
        bootstrap([])


def test_too_few_articles_or_a_zero_width_interval_is_never_significant() -> None:
    assert MIN_SAMPLE == 10
    # Two articles that both favour a method: the bootstrap interval is wholly above zero.
    two = paired_difference([0.5, 0.6], [0.1, 0.2])
    assert two.low > 0
    assert not significant(two, 2)
    assert not significant(Interval(-4.1, -4.1, -4.1), 1)
    assert not significant(Interval(2.0, 2.0, 2.0), 50)  # zero width: nothing was resampled
    assert significant(Interval(2.0, 1.0, 3.0), 10)
    assert significant(Interval(-2.0, -3.0, -1.0), 10)
    assert not significant(Interval(0.5, -1.0, 2.0), 100)


def test_one_article_gets_no_significance_mark_and_says_why() -> None:
    report = evaluate([_article("klexikon", 0)], ["all"], Length.sentences(3))
    text = report_text(report)
    assert "n too small for intervals (1 article, fewer than 10)" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "—" not in line]
    deltas = [row.split(" | ")[-2] for row in rows[1:]]
    assert deltas
    # A mark follows the number ("-4.1−"); unmarked, every difference ends with its digits.
    assert all(part[-1].isdigit() for delta in deltas for part in delta.split(" / "))
    data = report_json(report)
    (group,) = data["groups"]
    assert group["note"].startswith("n too small for intervals")
    for method in group["methods"][1:]:
        assert not any(d["significant"] for d in method["vs_baseline"].values())


# Running the engine and grouping -----------------------------------------------------------------


def _article(source: str, index: int) -> Article:
    row = dev_article(source, index)
    return Article(row["id"], row["lang"], row["text"], row["summary"], row["source"], row["title"])


def test_evaluate_scores_the_summaries_the_app_would_show() -> None:
    articles = [_article("cnndm", 0), _article("cnndm", 1), _article("orangesum", 0)]
    report = evaluate(articles, ["lexrank"], Length.sentences(3))
    assert report.baseline == "Lead-3"
    assert [(g.source, g.lang, g.n) for g in report.groups] == [
        ("cnndm_test(frank)", "en", 2),
        ("orangesum_abstract_test", "fr", 1),
    ]
    cnndm = report.groups[0]
    assert [m.method for m in cnndm.methods] == ["lead", "lexrank"]
    for method in cnndm.methods:
        expected = []
        for article in articles[:2]:
            summary = summarise(
                article.text,
                Options(method.method, "auto", Length.sentences(3)),
                title=article.title,
            )
            assert len(summary.summary) == 3
            expected.append(rouge(article.summary, summary_lines(summary), "en").rouge1)
        assert method.rouge["rouge1"].mean == pytest.approx(100 * sum(expected) / 2)
        assert method.seconds > 0
    assert cnndm.methods[0].vs_baseline is None
    lexrank = cnndm.methods[1]
    assert lexrank.vs_baseline["rouge1"].mean == pytest.approx(
        lexrank.rouge["rouge1"].mean - cnndm.methods[0].rouge["rouge1"].mean
    )


def test_report_json_shape() -> None:
    report = evaluate([_article("xsum", 0)], ["default"], Length.sentences(1))
    data = report_json(report)
    assert data["baseline"] == "Lead-1"
    (group,) = data["groups"]
    assert group["source"] == "xsum_test(frank)"
    assert group["lang"] == "en"
    assert group["n"] == 1
    methods = {m["method"]: m for m in group["methods"]}
    assert set(methods) == {"lead", resolve_methods(["default"])[1].name}
    for method in methods.values():
        assert method["n"] == 1
        for kind in ("rouge1", "rouge2", "rougeLsum"):
            assert set(method[kind]) == {"f", "low", "high"}
            # One article: its interval is its score, in percent.
            assert method[kind]["low"] == method[kind]["f"] == method[kind]["high"]
            assert 0.0 <= method[kind]["f"] <= 100.0
        assert method["ms_per_article"] > 0
    text = report_text(report)
    assert "### xsum_test(frank) (en, 1 article)" in text
    assert "| Lead-1 |" in text


def test_methods_are_resolved_with_lead_first_and_unknown_names_refused() -> None:
    names = [m.name for m in resolve_methods(["lexrank", "lead", "sumy:kl", "lexrank"])]
    assert names == ["lead", "lexrank", "sumy:kl"]
    with pytest.raises(UnknownAlgorithmError):
        resolve_methods(["nonsense"])
    with pytest.raises(UnknownAlgorithmError, match="sumy has no algorithm"):
        resolve_methods(["sumy:lead"])


def test_plain_too_measures_the_context_rule() -> None:
    # Each method runs twice, with and without the readable-extract rule; Lead once.
    names = [m.name for m in resolve_methods(["positional", "lexrank"], plain_too=True)]
    assert names == ["lead", "positional", "positional+plain", "lexrank", "lexrank+plain"]
    # On this article LexRank's third pick leans on the sentence before it: the rule swaps it.
    article = _article("cnndm", 0)
    report = evaluate([article], ["lexrank"], Length.sentences(3), plain_too=True)
    scores = {m.method: m.rouge["rouge1"].mean for m in report.groups[0].methods}
    ranked = rank(prepare(article.text, "auto", title=article.title), "lexrank")
    summaries = {}
    for name, context in (("lexrank", True), ("lexrank+plain", False)):
        lines = summaries[name] = summary_lines(
            select(ranked, Length.sentences(3), context=context)
        )
        assert scores[name] == pytest.approx(100 * rouge(article.summary, lines, "en").rouge1)
    assert summaries["lexrank"] != summaries["lexrank+plain"]


def test_stock_sumy_runs_next_to_our_own() -> None:
    report = evaluate([_article("cnndm", 3)], ["sumy:luhn", "luhn"], Length.sentences(3))
    methods = {m.method: m for m in report.groups[0].methods}
    # The re-implementation chooses the sentences sumy chooses.
    assert methods["sumy:luhn"].rouge["rouge1"].mean == pytest.approx(
        methods["luhn"].rouge["rouge1"].mean
    )


# Reading data ------------------------------------------------------------------------------------


def test_reading_the_dev_split() -> None:
    articles = read_articles(DEV)
    assert len(articles) == 1752
    assert {a.lang for a in articles} == {"en", "fr", "de"}
    first = articles[0]
    assert first.source == "bbc_news_summary"
    assert first.title
    assert "\n" in first.summary


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "holds no articles"),
        ('{"id": "a", "lang": "en", "text": "x"}\n', "line 1: “summary” is missing"),
        ('{"id": "a", "lang": "en", "text": "x", "summary": "y"}\nnot json\n', "line 2: not valid"),
        ("[1, 2]\n", "line 1: expected a JSON object"),
        ('{"lang": "en", "text": 3, "summary": "y"}\n', "“text” must be a string"),
    ],
)
def test_bad_data_is_an_input_error(tmp_path, content: str, message: str) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_articles(path)


def test_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_articles(tmp_path / "nothing.jsonl")
    with pytest.raises(InputError, match="is a folder"):
        read_articles(tmp_path)


def _refusal(read: Callable[[Path], object], path: Path, deadline: float = 20) -> str:
    """The message ``read`` refuses ``path`` with; fails if it blocks or returns."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(read(path))
        except BaseException as error:  # handed to the test thread
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(deadline)
    assert not worker.is_alive(), f"reading {path} blocked"
    (error,) = outcome
    assert isinstance(error, InputError), error
    return error.message


@pytest.mark.parametrize("read", [read_articles, read_language_samples])
def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path, read) -> None:
    fifo = tmp_path / "data.jsonl"
    os.mkfifo(fifo)
    assert "is a pipe, not a document" in _refusal(read, fifo)


@pytest.mark.parametrize("read", [read_articles, read_language_samples])
def test_a_device_is_refused_unread(read) -> None:
    assert _refusal(read, Path("/dev/zero")) == "“/dev/zero” is a device, not a document."


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert "is a socket" in _refusal(read_articles, path)


def test_data_over_the_limit_is_refused(tmp_path: Path) -> None:
    assert MAX_DATA_BYTES == 500 * 1024 * 1024
    line = json.dumps({"id": "a", "lang": "en", "text": "Some text.", "summary": "Text."})
    path = tmp_path / "data.jsonl"
    path.write_text((line + "\n") * 3, encoding="utf-8")
    size = path.stat().st_size
    assert len(read_articles(path, max_bytes=size)) == 3
    with pytest.raises(InputError) as refused:
        read_articles(path, max_bytes=size - 1)
    assert refused.value.message == (
        f"“{path}” is {size} bytes, over the 1 KB limit ({size - 1} bytes)."
    )


# The command ------------------------------------------------------------------------------------


def test_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "evaluate",
            str(DEV),
            "--source",
            "cnndm_test(frank)",
            "--limit",
            "2",
            "-a",
            "textrank",
            "--sentences",
            "2",
            "--format",
            "json",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["baseline"] == "Lead-2"
    (group,) = data["groups"]
    assert group["n"] == 2
    assert [m["method"] for m in group["methods"]] == ["lead", "textrank"]


def test_halves_split_every_source_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    articles = read_articles(DEV)
    cnn = [a for a in articles if a.source == "cnndm_test(frank)"]
    # A fixed function of the id: the same article is always in the same half.
    assert [half(a.id) for a in cnn[:3]] == [1, 2, 2]
    assert sum(half(a.id) == 1 for a in cnn) == 49
    assert sum(half(a.id) == 2 for a in articles) == 848  # of 1,752: both halves are fair
    for wanted, n in ((1, 49), (2, 38)):
        only = ["--source", "cnndm_test(frank)", "--half", str(wanted)]
        code = main(["evaluate", str(DEV), *only, "-a", "lead", "--format", "json"])
        assert code == 0
        (group,) = json.loads(capsys.readouterr().out)["groups"]
        assert group["n"] == n


def test_command_refuses_a_bad_source_and_a_bad_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(DEV), "--source", "nowhere"]) == 1
    assert "No article of source nowhere" in capsys.readouterr().err
    assert main(["evaluate", str(DEV), "--limit", "0"]) == 2
    assert "--limit must be at least 1" in capsys.readouterr().err


def test_without_rouge_score_the_command_says_what_to_install() -> None:
    # sys.modules[name] = None is how Python spells "this package is not installed".
    code = (
        "import sys; sys.modules['rouge_score'] = None\n"
        "from article_summariser.cli import main\n"
        f"raise SystemExit(main(['evaluate', {str(DEV)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "pip install 'article-summariser[eval]'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["evaluate", "evaluate-language"])
def test_the_commands_refuse_a_pipe_and_a_device_at_once(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    for path, message in ((fifo, "is a pipe"), (Path("/dev/zero"), "is a device")):
        result = subprocess.run(
            [sys.executable, "-m", "article_summariser.cli", command, str(path)],
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 1
        (line,) = result.stderr.decode().splitlines()
        assert message in line

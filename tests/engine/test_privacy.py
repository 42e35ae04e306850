"""Privacy: the engine, the loaders, the history and the CLI open no network connection unless
a web address is asked for, and keep what they store in the user's own folders.

The work runs in a fresh process with a Python audit hook recording every socket, name
lookup and URL request, and, at the end, a look at the process's open descriptors for any
internet socket (which would catch one opened by C code too). A control run proves the hook
sees a connection when a URL is fetched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from article_summariser.engine import algorithms

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

#: A page full of remote resources: none of them may be fetched.
HOSTILE_HTML = """<!DOCTYPE html>
<html><head><title>Tides</title>
<link rel="stylesheet" href="http://192.0.2.1/style.css">
<script src="http://192.0.2.1/tracker.js"></script>
<script>fetch("http://192.0.2.1/beacon")</script>
<meta http-equiv="refresh" content="0; url=http://192.0.2.1/">
</head><body>
<h1>Tides</h1>
<img src="http://192.0.2.1/pixel.gif" width="1" height="1">
<iframe src="http://192.0.2.1/frame"></iframe>
<p>The sea rises and falls twice a day. The moon pulls the water towards it. Sailors plan
their journeys around the tides.</p>
<p>Spring tides come at full and new moon. Neap tides come in between. Harbours publish
tables of the times.</p>
<object data="http://192.0.2.1/object.swf"></object>
</body></html>
"""
#: XHTML naming an external DTD and entity: an XML parser must not fetch them.
HOSTILE_XHTML = """<?xml version="1.0"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://192.0.2.1/xhtml1.dtd" [
<!ENTITY remote SYSTEM "http://192.0.2.1/entity.txt">
]>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Moon</title></head><body>
<p>The moon has phases. They follow a cycle of about a month. &remote;</p>
<p>Eclipses happen when the sun, the earth and the moon line up.</p>
</body></html>
"""
RTF = (
    r"{\rtf1\ansi{\field{\*\fldinst HYPERLINK http://192.0.2.1/}{\fldrslt link}}"
    r" The river floods every spring. Farmers wait for the water to retreat.\par"
    r" The soil is rich after the flood. Crops grow fast.\par}"
)

_WORK = textwrap.dedent(
    """
    import json, os, sys
    events = []
    NETWORK = ("socket.", "urllib.Request", "http.client.connect", "ftplib.", "smtplib.",
               "webbrowser.open")

    def origin():
        frame = sys._getframe(2)
        while frame is not None:
            code = frame.f_code
            if code.co_name == "_has_ipv6" and code.co_filename.endswith(
                os.path.join("urllib3", "util", "connection.py")
            ):
                return "urllib3 IPv6 probe"
            frame = frame.f_back
        return ""

    def hook(event, args):
        if event.startswith(NETWORK):
            events.append([event, origin(), repr(args)[:160]])

    sys.addaudithook(hook)

    def inet_sockets():
        inodes = set()
        for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
            try:
                with open(f"/proc/self/net/{table}") as handle:
                    inodes |= {line.split()[9] for line in list(handle)[1:]}
            except OSError:
                pass
        found = []
        for fd in os.listdir("/proc/self/fd"):
            try:
                link = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if link.startswith("socket:[") and link[8:-1] in inodes:
                found.append(link)
        return found

    from pathlib import Path
    work = Path(sys.argv[1])
    shared = Path(sys.argv[2])
    from article_summariser import paths, session
    paths.init(work / "appdirs")
    from article_summariser import cli
    from article_summariser.engine import Length, Options, algorithms, loading, summarise
    from article_summariser.engine.detect import detect
    from article_summariser.engine.history import History

    done = []
    text = (shared / "seed-article.txt").read_text(encoding="utf-8")
    history = History()
    for name in algorithms.ALGORITHMS:
        summary = summarise(text, Options(name, "auto", Length.sentences(3)))
        history.add(summary, source="seed-article.txt")
        done.append(f"summarise:{name}")
    history.search("Kim")
    with open(shared / "eval" / "langid.dev.jsonl", encoding="utf-8") as handle:
        for line in list(handle)[::2000]:
            detect(json.loads(line)["text"])
    done.append("detect")
    for file in sorted((work / "documents").iterdir()):
        document = loading.load_path(file)
        summarise(document.text, Options(), blocks=document.blocks)
        done.append(f"load:{file.suffix}")
    session.save(session.Session((session.DocumentState(text),)))
    session.load()
    status = cli.main(["summarise", str(shared / "seed-article.txt"), "--format", "json"])
    done.append(f"cli:{status}")
    result = {"done": done, "events": list(events), "inet": inet_sockets()}

    if len(sys.argv) > 3:  # the control: a URL is asked for, so a connection is attempted
        from article_summariser.engine.errors import InputError
        from article_summariser.engine.fetch import fetch_url
        events.clear()
        try:
            fetch_url(sys.argv[3], timeout=2)
        except InputError as error:
            result["fetch_error"] = error.message
        result["url_events"] = [event for event, _, _ in events]
    sys.stdout.flush()
    print("RESULT " + json.dumps(result))
    """
)


def documents(folder: Path) -> None:
    import docx
    from fpdf import FPDF

    folder.mkdir()
    (folder / "page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (folder / "page.xhtml").write_text(HOSTILE_XHTML, encoding="utf-8")
    (folder / "note.rtf").write_text(RTF, encoding="ascii")
    (folder / "notes.md").write_text(
        "# Rivers\n\nRivers carry water to the sea. ![map](http://192.0.2.1/map.png) "
        "They shape valleys over time.\n\nDeltas form where rivers slow down.\n",
        encoding="utf-8",
    )
    (folder / "plain.txt").write_text(
        "Glaciers move slowly. They carve valleys. Their ice is thousands of years old.\n",
        encoding="utf-8",
    )
    word = docx.Document()
    word.add_heading("Forests", level=1)
    word.add_paragraph("Forests cover a third of the land. They store carbon for centuries.")
    word.add_paragraph("Old trees shelter many species. Fires renew some forests.")
    word.save(folder / "forests.docx")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Deserts receive little rain. Their nights are cold. Dunes move.")
    pdf.link(10, 10, 50, 10, "http://192.0.2.1/")
    pdf.output(str(folder / "deserts.pdf"))


def run(tmp_path: Path, *url: str) -> dict:
    documents(tmp_path / "documents")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "HTTP", "http"))}
    env["HOME"] = str(tmp_path / "home")
    (tmp_path / "home").mkdir()
    done = subprocess.run(
        [sys.executable, "-c", _WORK, str(tmp_path), str(SHARED), *url],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


@pytest.mark.slow
def test_no_socket_without_a_url(tmp_path: Path) -> None:
    result = run(tmp_path)
    summarised = [name for name in result["done"] if name.startswith("summarise:")]
    assert sorted(summarised) == sorted(f"summarise:{name}" for name in algorithms.names())
    assert len(result["done"]) == len(summarised) + 1 + 7 + 1  # + detection, 7 formats, the CLI
    assert "cli:0" in result["done"]
    # urllib3 (imported by the HTML extractor) checks at import time whether IPv6 exists by
    # binding a socket to ::1, port 0, and closing it: no address is looked up, nothing is
    # connected or sent. Anything else is a leak.
    probes = [e for e in result["events"] if e[1] == "urllib3 IPv6 probe"]
    assert [e for e in result["events"] if e not in probes] == []
    assert [e[0] for e in probes] in ([], ["socket.__new__", "socket.bind"])
    assert result["inet"] == []
    # What was kept stayed in the app's own folders; nothing went to the home folder.
    written = sorted(
        str(p.relative_to(tmp_path / "appdirs")) for p in (tmp_path / "appdirs").rglob("*.*")
    )
    assert written == ["data/history.sqlite3", "state/session.json"]
    assert list((tmp_path / "home").iterdir()) == []


@pytest.mark.slow
def test_the_hook_sees_a_connection_when_a_url_is_asked_for(tmp_path: Path) -> None:
    """The control: the same run, then one URL (a closed local port) is fetched."""
    result = run(tmp_path, "http://127.0.0.1:9/article.html")
    assert [e for e in result["events"] if e[1] != "urllib3 IPv6 probe"] == []
    assert "socket.connect" in result["url_events"]
    assert result["fetch_error"].startswith("127.0.0.1 ")  # refused, said plainly

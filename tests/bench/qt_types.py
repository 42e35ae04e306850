"""What PySide6 itself spends, before the app's first paint, on the Qt classes the window uses.

PySide6 makes a class's Python type, with every enum in it, the first time a program names it:
``Qt`` alone brings about a hundred enums. The bare two-pane window names a handful of classes;
the app's window, with its toolbar, menus, controls and status bar, names many more. This
measures that share of the app's start-up in a fresh process, apart from the app's own code:

- ``python -m tests.bench.qt_types names`` imports the modules the app imports before its first
  paint and prints, as JSON, every name they import from PySide6 (read from their source);
- ``python -m tests.bench.qt_types time NAMES.json`` imports PySide6's modules, then times
  naming those classes (each once) and counts the enums made; it prints JSON.
"""

from __future__ import annotations

import ast
import enum
import importlib
import json
import sys
import time
from pathlib import Path

#: What ``article_summariser.gui.app.main`` imports before the window is shown.
BEFORE_THE_PAINT = (
    "article_summariser.gui.app",
    "article_summariser.logs",
    "article_summariser.paths",
    "article_summariser.gui.icons",
    "article_summariser.gui.messages",
    "article_summariser.gui.main_window",
    "article_summariser.gui.settings",
    "article_summariser.gui.crash_dialog",
    "article_summariser.gui.autosave",
)


def qt_names() -> list[tuple[str, str]]:
    """``(PySide6 module, name)`` imported at the top of any app module loaded before the paint."""
    for name in BEFORE_THE_PAINT:
        importlib.import_module(name)
    found: set[tuple[str, str]] = set()
    for name, module in list(sys.modules.items()):
        source = getattr(module, "__file__", None)
        if not name.startswith("article_summariser") or not source:
            continue
        tree = ast.parse(Path(source).read_text(encoding="utf-8"))
        for node in tree.body:  # module level only: what importing the module names
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                found.update((node.module, alias.name) for alias in node.names)
    return sorted(found)


def time_names(names: list[tuple[str, str]]) -> dict[str, float | int]:
    for module in sorted({module for module, _ in names}):
        importlib.import_module(module)
    made = [0]
    create = enum.EnumType._create_

    def counting(*args: object, **kwargs: object) -> type:
        made[0] += 1
        return create(*args, **kwargs)

    enum.EnumType._create_ = counting  # type: ignore[method-assign]
    started = time.perf_counter()
    for module, name in names:
        getattr(sys.modules[module], name)
    seconds = time.perf_counter() - started
    enum.EnumType._create_ = create  # type: ignore[method-assign]
    return {"names": len(names), "enums": made[0], "seconds": seconds}


def main(argv: list[str]) -> int:
    if argv[:1] == ["names"]:
        print(json.dumps(qt_names()))
        return 0
    if argv[:1] == ["time"] and len(argv) == 2:
        names = [tuple(pair) for pair in json.loads(Path(argv[1]).read_text(encoding="utf-8"))]
        print(json.dumps(time_names(names)))  # type: ignore[arg-type]
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

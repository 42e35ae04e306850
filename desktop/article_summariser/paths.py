"""Every on-disk location the app uses, over platformdirs.

Nothing is created at import time. ``init()`` resolves (and creates) the folders once; tests and
the ``--self-test`` mode pass ``base`` so that everything lands in one temporary folder.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from article_summariser import APP_DIRNAME


@dataclass(frozen=True)
class AppPaths:
    config: Path
    data: Path
    state: Path
    cache: Path
    log: Path

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def session_file(self) -> Path:
        return self.state / "session.json"

    @property
    def history_db(self) -> Path:
        return self.data / "history.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.log / "article-summariser.log"

    def all(self) -> tuple[Path, ...]:
        return (self.config, self.data, self.state, self.cache, self.log)


_current: AppPaths | None = None


def _platform_paths() -> AppPaths:
    import platformdirs

    dirs = platformdirs.PlatformDirs(APP_DIRNAME, appauthor=False)
    return AppPaths(
        config=Path(dirs.user_config_dir),
        data=Path(dirs.user_data_dir),
        state=Path(dirs.user_state_dir),
        cache=Path(dirs.user_cache_dir),
        log=Path(dirs.user_log_dir),
    )


def init(base: Path | None = None, *, create: bool = True) -> AppPaths:
    """Resolve the app's folders (under ``base`` when given) and create them.

    A folder that cannot be created is left missing; callers that write there report the error
    through the message funnel instead of failing at start-up.
    """
    global _current
    if base is None:
        paths = _platform_paths()
    else:
        base = Path(base)
        paths = AppPaths(
            config=base / "config",
            data=base / "data",
            state=base / "state",
            cache=base / "cache",
            log=base / "log",
        )
    if create:
        for folder in paths.all():
            with contextlib.suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
    _current = paths
    return paths


def get() -> AppPaths:
    """The paths set by ``init()``; calls ``init()`` with the platform defaults if needed."""
    return _current if _current is not None else init()


def reset() -> None:
    """Forget the resolved paths (tests)."""
    global _current
    _current = None

"""The worker's memory of recent work: least recently used, bounded by count and by size.

A count alone is not a bound: four prepared 50 MB documents take gigabytes. Each entry says how
big it is (the characters of its text); the oldest entries go once the count or the total size
is over its limit. The newest entry always stays, however big, because it is the one the length
slider re-selects from.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

_V = TypeVar("_V")


class ResultCache(Generic[_V]):
    def __init__(self, max_entries: int, max_size: int) -> None:
        self.max_entries = max_entries
        self.max_size = max_size
        self._entries: OrderedDict[Hashable, tuple[_V, int]] = OrderedDict()
        self._size = 0

    def get(self, key: Hashable) -> _V | None:
        """The value for ``key`` (now the most recently used), or ``None``."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry[0]

    def put(self, key: Hashable, value: _V, size: int) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._size -= old[1]
        self._entries[key] = (value, size)
        self._size += size
        while len(self._entries) > 1 and (
            len(self._entries) > self.max_entries or self._size > self.max_size
        ):
            _key, (_value, dropped) = self._entries.popitem(last=False)
            self._size -= dropped

    @property
    def size(self) -> int:
        """The total size of the entries kept."""
        return self._size

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

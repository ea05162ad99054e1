"""Keys remembered for a while, in memory and bounded: a "no" from Telegram is not asked again
at once, a write done a moment ago is not done again, and a flood of distinct keys cannot grow
the memory without limit (the cost of forgetting early is one more call or write)."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar, cast

K = TypeVar("K", bound=Hashable)


class Expiring(Generic[K]):
    def __init__(
        self, ttl: float, *, limit: int = 50_000, now: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.limit = limit
        self._now = now
        self._until: dict[K, float] = {}

    def __contains__(self, key: object) -> bool:
        # Any object may be asked about; one of another type is simply not there.
        until = self._until.get(cast(K, key))
        return until is not None and until > self._now()

    def __len__(self) -> int:
        return len(self._until)

    def add(self, key: K) -> None:
        now = self._now()
        self._until.pop(key, None)  # re-inserted: the dict's order stays the order of age
        self._until[key] = now + self.ttl
        if len(self._until) > self.limit:
            self._until = {k: t for k, t in self._until.items() if t > now}
        if len(self._until) > self.limit:
            # Still full of live keys: forget the older half.
            keys = list(self._until)
            for stale in keys[: len(keys) // 2]:
                del self._until[stale]

    def discard(self, key: K) -> None:
        self._until.pop(key, None)

    def discard_where(self, matches: Callable[[K], bool]) -> None:
        for key in [k for k in self._until if matches(k)]:
            del self._until[key]

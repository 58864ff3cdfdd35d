"""The results kept in memory, each under an unguessable token, so that a result's pages and
downloads can be opened again without the upload kept anywhere: the newest few, for an hour.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

import attrs

from .._outcomes import Outcome


@attrs.frozen
class Checked:
    """What one upload came to: each file's outcome, in the order sent; the language its
    pages show the findings' messages in; the first page, made once; its weight in bytes
    (what was uploaded and the page: about what it holds in memory)."""

    outcomes: tuple[Outcome, ...]
    lang: str
    page: str
    size: int


class ResultStore:
    """At most ``most`` results weighing ``budget`` bytes together, each for ``seconds``;
    the oldest go first."""

    def __init__(
        self,
        most: int,
        seconds: float,
        budget: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.most, self.seconds, self.budget, self.clock = most, seconds, budget, clock
        self._kept: OrderedDict[str, tuple[float, Checked]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    def add(self, checked: Checked) -> str:
        """Keep ``checked``; return its token (128 random bits, URL-safe)."""
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._kept[token] = (self.clock(), checked)
            self._weight += checked.size
            self._forget()
        return token

    def get(self, token: str) -> Checked | None:
        """The result kept under ``token``, or ``None`` (never kept, or gone)."""
        with self._lock:
            self._forget()
            kept = self._kept.get(token)
        return None if kept is None else kept[1]

    def __len__(self) -> int:
        with self._lock:
            self._forget()
            return len(self._kept)

    def _forget(self) -> None:
        """Drop the expired results, then the oldest while there are too many or too much."""
        now = self.clock()
        while self._kept:
            made, _ = next(iter(self._kept.values()))
            expired = now - made > self.seconds
            if not (expired or len(self._kept) > self.most or self._weight > self.budget):
                return
            self._weight -= self._kept.popitem(last=False)[1][1].size

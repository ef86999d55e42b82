"""Working out an authority's latest scorecards as soon as a load through the Data page finishes,
in a thread of its own, so that the first look at its scorecard after the load is served at once.

Each scorecard is computed as a request would compute it (`results.card_scorecard`: one
computation per scorecard, kept in memory and, for the latest period, in the store by
compare/prepared.py), so a request that comes before it is done waits for it rather than
computing it again. One preparation runs at a time; closing the application stops it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import duckdb

from cscperf.outputs.web import results
from cscperf.outputs.web.errors import log


class Preparing:
    def __init__(self, web):
        self.web = web
        self._one_at_a_time = threading.Lock()
        self._state = threading.Lock()
        self._waiting: dict[str, int] = {}  # la -> preparations asked for and not yet done
        self._threads: list[threading.Thread] = []
        self._cursor = None
        self._closed = False

    def after_load(self, las: Iterable[str]) -> None:
        """Prepare these authorities' scorecards (their latest period, members' and analysts')."""
        las = sorted(set(las))
        thread = threading.Thread(target=self._prepare, args=(las,), name="cscperf-prepare", daemon=True)
        with self._state:
            for la in las:
                self._waiting[la] = self._waiting.get(la, 0) + 1
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def busy(self, la: str) -> bool:
        """Whether the authority's scorecards are still being worked out."""
        with self._state:
            return la in self._waiting

    def _prepare(self, las: list[str]) -> None:
        with self._one_at_a_time:
            try:
                if not self._closed:
                    self._cursor = self.web.store.cursor()
                    at = self.web.results.at(self._cursor)
                    chosen = results.choices(at)
                    for la in las:
                        for internal in (False, True):
                            if la in chosen.covered and not self._closed:
                                results.card_scorecard(at, la, chosen.default_period(la), internal)
            except Exception as error:  # its type only: the message may hold a child's details
                log.warning("preparing the scorecards after a load stopped: %s", type(error).__name__)
            finally:
                if self._cursor is not None:
                    self._cursor.close()
                    self._cursor = None
                with self._state:
                    for la in las:
                        self._waiting[la] -= 1
                        if not self._waiting[la]:
                            del self._waiting[la]

    def wait(self, timeout: float | None = None) -> None:
        """Until the preparations asked for so far are done (tests and benchmarks)."""
        with self._state:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)

    def close(self) -> None:
        """Stop: interrupt a computation under way and wait for it to end."""
        self._closed = True
        cursor = self._cursor
        if cursor is not None:
            try:
                cursor.interrupt()
            except duckdb.Error:
                pass  # it finished in the meantime
        self.wait(30)

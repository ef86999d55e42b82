"""Making an authority's first scorecard after a load before anyone asks for it, in a thread of
its own, so that it is served at once.

After an upload through the Data page, the authority's scorecards for its latest period are
worked out (members' and analysts', as a request would: one computation per scorecard, kept in
memory and in the store by compare/prepared.py, so a request that comes first waits for it rather
than computing it again) and made into each role's page and JSON twin. When the server starts, the
scorecards `cscperf load` kept in the store are made into pages the same way; authorities with none
kept are left to their first look. One preparation runs at a time; closing the application stops it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import duckdb

from cscperf.compare import prepared
from cscperf.outputs.web import results
from cscperf.outputs.web.errors import log
from cscperf.outputs.web.pages import scorecard as scorecard_pages


class Preparing:
    def __init__(self, web):
        self.web = web
        self._one_at_a_time = threading.Lock()
        self._state = threading.Lock()
        self._waiting: dict[str, int] = {}  # la -> preparations asked for and not yet done
        self._starting = False  # making the kept scorecards into pages, for any authority
        self._threads: list[threading.Thread] = []
        self._cursor = None
        self._closed = False

    def after_load(self, las: Iterable[str]) -> None:
        """Work out these authorities' scorecards and make their pages."""
        self._start(sorted(set(las)), only_kept=False)

    def at_start(self) -> None:
        """Make pages of the scorecards kept in the store (by `cscperf load`) for every authority."""
        self._starting = True
        self._start(None, only_kept=True)

    def busy(self, la: str) -> bool:
        """Whether the authority's scorecards are still being worked out or made into pages."""
        with self._state:
            return self._starting or la in self._waiting

    def _start(self, las: list[str] | None, only_kept: bool) -> None:
        thread = threading.Thread(target=self._prepare, args=(las, only_kept), name="cscperf-prepare", daemon=True)
        with self._state:
            for la in las or ():
                self._waiting[la] = self._waiting.get(la, 0) + 1
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _prepare(self, las: list[str] | None, only_kept: bool) -> None:
        with self._one_at_a_time:
            try:
                if not self._closed:
                    self.web.templates.get_template("kept.html")  # compiled once: the frame of every page
                    self._cursor = self.web.store.cursor()
                    at = self.web.results.at(self._cursor)
                    found = results.choices(at)
                    for la in found.authorities if las is None else las:
                        if la in found.covered and not self._closed and (
                                not only_kept or self._kept(la, found.default_period(la))):
                            scorecard_pages.prepare(self.web, at, found, la)
            except Exception as error:  # its type only: the message may hold a child's details
                log.warning("preparing the scorecards stopped: %s", type(error).__name__)
            finally:
                if self._cursor is not None:
                    self._cursor.close()
                    self._cursor = None
                with self._state:
                    if las is None:
                        self._starting = False
                    for la in las or ():
                        self._waiting[la] -= 1
                        if not self._waiting[la]:
                            del self._waiting[la]

    def _kept(self, la: str, period) -> bool:
        return all(prepared.holds(self._cursor, self.web.store_path, la, period, internal)
                   for internal in (False, True))

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

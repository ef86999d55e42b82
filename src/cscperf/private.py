"""Files holding child-level data are readable by their owner only, whatever the umask.

The store, its write-ahead log, the application database (and SQLite's files beside it), internal
reports, exports and `cscperf validate`'s lists of breaches are written by cscperf and by the
databases it drives, some of them later and in any thread (DuckDB makes its write-ahead log when it
next needs one). So the first time a process opens a store, the application database or the
in-memory store of returns it checks, its umask is tightened to 077 (never loosened): every file it
creates from then on is readable by its owner only (0600), every folder 0700.
"""

from __future__ import annotations

import os

OWNER_ONLY = 0o077


def owner_only() -> None:
    """Tighten the process's umask so new files are 0600 and folders 0700."""
    previous = os.umask(OWNER_ONLY)  # set at once: never a moment with a looser umask
    if previous & ~OWNER_ONLY:  # keep any stricter bits the person had set
        os.umask(previous | OWNER_ONLY)

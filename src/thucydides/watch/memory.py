"""Memory a poll freed, handed back to the system before the watcher waits for the next."""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache


@cache
def _trim():
    """glibc's malloc_trim, or None where the C library has none (macOS, musl)."""
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


def hand_back_freed_memory() -> None:
    """A poll's threads (DuckDB's, the parser's) allocate in glibc arenas of their own, and
    glibc keeps what they free there, resident: a watcher grew about 4 MB a poll with it kept
    and 1.5 MB with it handed back (`bench/watch.py --in-process`, polls 6 to 12)."""
    trim = _trim()
    if trim is not None:
        trim(0)

"""Each poll of a long watch in a process of its own, forked from the watcher.

A process that reads news for days grows: the allocator keeps what it freed, DuckDB what it
read, and the parser what it memoised (about 3 MB a poll on a real stream, bench/watch.py).
A poll's process starts with the watcher's loaded models (fork shares their pages) and gives
back everything it took when it ends, so the watcher stays the size it was after loading.
What the next poll needs from this one comes back over a pipe: each host's robots.txt and
the time of its next request, so politeness holds across polls.

Signals stay with the watcher: the poll's process ignores SIGINT and SIGTERM (a terminal's
Ctrl-C reaches the whole process group), stops after the batch in hand once the watcher says
so, stops at once on SIGUSR1 (the watcher's second signal), and is killed with the watcher
(a poll left running would hold the database a restart needs).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from multiprocessing.synchronize import Event

from thucydides.watch.fetch import Fetcher

_PR_SET_PDEATHSIG = 1
_CHECK_STOP_S = 0.2


class PollFailed(Exception):
    """The poll's process ended without a result (an uncaught error, or killed)."""


def can_isolate() -> bool:
    """Fork, and a child killed with its parent, are what this needs: Linux."""
    return sys.platform == "linux"


def poll_in_own_process(
    poll: Callable[[Event], int], fetcher: Fetcher, stop: threading.Event
) -> int:
    """`poll(stop)` run in a forked process; its result (an exit code). Raises PollFailed
    where the process gave none, and KeyboardInterrupt (after the poll's process has ended)
    where the watcher was interrupted twice."""
    context = multiprocessing.get_context("fork")
    stop_poll = context.Event()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(
        target=_run_poll, args=(poll, fetcher, stop_poll, send, os.getpid()), name="poll"
    )
    process.start()
    send.close()
    try:
        result = _await(process, receive, stop, stop_poll)
    except KeyboardInterrupt:
        if process.is_alive():
            os.kill(process.pid, signal.SIGUSR1)
        process.join()
        raise
    finally:
        receive.close()
    process.join()
    if result is None:
        raise PollFailed(f"the poll's process ended with exit code {process.exitcode}")
    code, memory = result
    fetcher.remember(memory)
    return code


def _await(process, receive: Connection, stop: threading.Event, stop_poll: Event):
    while True:
        if stop.is_set():
            stop_poll.set()
        ready = wait([receive, process.sentinel], timeout=_CHECK_STOP_S)
        if receive in ready:
            try:
                return receive.recv()
            except EOFError:
                return None
        if ready:
            return None


def _run_poll(
    poll: Callable[[Event], int], fetcher: Fetcher, stop: Event, send: Connection, watcher: int
) -> None:
    _die_with_parent(watcher)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGUSR1, signal.default_int_handler)
    code = poll(stop)
    send.send((code, fetcher.memory()))
    send.close()


def _die_with_parent(parent: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # the watcher died before the line above
        os._exit(1)

"""Worker processes end quietly with their parent, never with a traceback of their own.

When ``ingest`` is killed (kill -9, the OOM killer), its extraction workers would finish their
batch, fail to send it back (BrokenPipeError) and print that traceback onto the user's terminal.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


def exit_with_parent(*, poll: float = 0.5) -> None:
    """Make this (worker) process end as soon as the process that started it is gone.

    On Linux the kernel sends SIGKILL at the parent's death (no window for a traceback);
    elsewhere a daemon thread notices the new parent within ``poll`` seconds and exits.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the call took effect
                    os._exit(0)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while True:
            time.sleep(poll)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True, name="claimgraph-orphan-watch").start()

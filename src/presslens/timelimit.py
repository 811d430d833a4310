"""A per-document limit on CPU time that works in any thread.

``with time_limit(seconds):`` raises ``TimeLimitExceeded`` in the calling thread once the thread
has used ``seconds`` of CPU time inside the block. How:

* **CPU time, not wall time.** A document's budget is measured on its own thread's CPU clock
  (``time.pthread_getcpuclockid``), so a machine busy with other work makes an analysis slower but
  never makes it fail: time spent waiting for a core does not count. Where the platform has no
  per-thread CPU clock (not Linux, the BSDs or similar), the wall clock is used instead.
* **One watchdog thread per process** keeps the alarms. A thread's CPU clock advances at most one
  second per second, so the watchdog sleeps for the smallest remaining budget and then reads the
  clocks again; it never polls faster than budgets run out.
* **Delivery**: when a budget is spent the watchdog raises ``TimeLimitExceeded`` in the analysing
  thread with CPython's ``PyThreadState_SetAsyncExc``. Unlike SIGALRM this works in any thread (a
  web server's pool, Dask's worker threads, the CLI) and never takes over a handler or timer the
  host program (or pytest-timeout) uses. The exception arrives at the thread's next Python
  bytecode; C code (one spaCy component on one chunk, one regex match) finishes first. Callers can
  also check cooperatively between steps with ``Alarm.check()``.
* ``TimeLimitExceeded`` derives from ``BaseException``, so an ``except Exception`` cannot swallow
  it. The watchdog fires and the thread disarms under one lock, and a fired-but-undelivered
  exception is cleared on disarm, so the exception never escapes the ``with`` block's caller.

Not stopped: a thread blocked without using CPU (waiting on a lock or a socket); analysis does no
such waiting.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

__all__ = ["Alarm", "TimeLimitExceeded", "cpu_clock", "describe", "time_limit"]


class TimeLimitExceeded(BaseException):  # noqa: N818 (a signal, like KeyboardInterrupt, not an error)
    """Raised in the thread analysing a document whose CPU budget ran out; becomes an InputError."""


def cpu_clock(thread_id: int | None = None) -> Callable[[], float]:
    """A function reading the CPU time (seconds) of thread ``thread_id`` (default: the calling thread).

    Falls back to the wall clock (``time.monotonic``) where per-thread CPU clocks are missing.
    """
    ident = threading.get_ident() if thread_id is None else thread_id
    try:
        clock_id = time.pthread_getcpuclockid(ident)
        time.clock_gettime(clock_id)
    except (AttributeError, OSError):
        return time.monotonic
    return partial(time.clock_gettime, clock_id)


def measures_cpu_time() -> bool:
    """Whether limits on this platform count CPU time (True on Linux) rather than wall time."""
    return cpu_clock() is not time.monotonic


@dataclass(eq=False, slots=True)
class Alarm:
    """One armed limit: the thread, its clock and the clock reading at which the budget is spent."""

    thread_id: int
    clock: Callable[[], float]
    deadline: float
    armed: bool = True
    fired: bool = False

    def remaining(self) -> float:
        """Budget left in seconds (negative once spent; -inf when the thread's clock is gone)."""
        try:
            return self.deadline - self.clock()
        except OSError:  # the thread has ended: nothing left to stop
            return float("-inf")

    def check(self) -> None:
        """Raise TimeLimitExceeded when the budget is spent (the cooperative check)."""
        if self.remaining() <= 0:
            raise TimeLimitExceeded


def _raise_in_thread(thread_id: int, exc: type[BaseException] | None) -> None:
    """Schedule ``exc`` in the thread (None clears a scheduled, undelivered exception)."""
    try:
        set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except AttributeError:  # not CPython: only the cooperative checks apply
        return
    set_async_exc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None)


class _Watchdog:
    """The alarms of the threads of this process, watched by one daemon thread."""

    def __init__(self) -> None:
        # Analysing threads take the bare lock: its ``with`` runs no Python code of its own, so an
        # exception delivered to that thread cannot land between acquiring and releasing it (it can
        # inside Condition.__exit__, which then never releases the lock: a deadlock seen in tests).
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._alarms: list[Alarm] = []
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> Alarm:
        """Start a budget of ``seconds`` of CPU time for the calling thread."""
        clock = cpu_clock()
        alarm = Alarm(threading.get_ident(), clock, clock() + seconds)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="presslens-time-limit", daemon=True)
                self._thread.start()
            self._alarms.append(alarm)
            self._cond.notify()
        return alarm

    def disarm(self, alarm: Alarm) -> None:
        """Stop the alarm; clear its exception if it was scheduled but not yet delivered."""
        with self._lock:
            alarm.armed = False
            fired = alarm.fired
        if fired:
            _raise_in_thread(alarm.thread_id, None)

    def _run(self) -> None:
        with self._cond:
            while True:
                self._alarms = [a for a in self._alarms if a.armed]
                if not self._alarms:
                    self._cond.wait()
                    continue
                wait = float("inf")
                for alarm in self._alarms:
                    left = alarm.remaining()
                    if left > 0:
                        wait = min(wait, left)
                    elif left == float("-inf"):
                        alarm.armed = False
                    else:
                        alarm.armed, alarm.fired = False, True
                        _raise_in_thread(alarm.thread_id, TimeLimitExceeded)
                if wait != float("inf"):
                    # A thread's CPU clock runs at most as fast as the wall clock: sleeping for the
                    # smallest remaining budget cannot miss a deadline. (+1 ms: avoid a spin at 0.)
                    self._cond.wait(wait + 0.001)


_WATCHDOG = _Watchdog()


class time_limit:  # noqa: N801 (used like a function: ``with time_limit(5):``)
    """Context manager: raise TimeLimitExceeded in this thread once the block has used ``seconds`` of CPU.

    ``seconds=None`` means no limit. The exception can surface while the block is being left, so
    catch it around the ``with`` statement, not inside it.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.alarm: Alarm | None = None

    def __enter__(self) -> Alarm | None:
        if self.seconds is not None:
            self.alarm = _WATCHDOG.arm(self.seconds)
        return self.alarm

    def __exit__(self, *exc: object) -> None:
        if self.alarm is not None:
            _WATCHDOG.disarm(self.alarm)


def describe(seconds: float) -> str:
    """A budget as written in messages: whole seconds from 10 s up, two significant digits below."""
    return f"{seconds:.0f}" if seconds >= 10 else f"{seconds:.2g}"

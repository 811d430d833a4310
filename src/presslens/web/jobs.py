"""Bounded, cancellable lanes for the server's heavy work (analyses, URL fetches).

Each lane owns a few threads of its own, so this work never takes a thread from the pool that
serves ordinary ``GET`` requests (anyio's pool, used by FastAPI's synchronous endpoints). A lane
admits at most ``workers`` running plus ``waiting`` queued jobs; a job beyond that is refused
at once with ``LaneFull`` (the routes answer 503 with ``Retry-After``) instead of queueing
without bound.

A job whose client goes away is cancelled: a queued job is dropped before it starts; a running
job gets its ``cancel`` hook (a fetch closes its socket) or, by default, ``JobCancelled`` raised
in its thread with CPython's ``PyThreadState_SetAsyncExc``, delivered at the next Python bytecode
(C code, such as one spaCy component, finishes first), and again every ``RESEND_S`` until the
job ends (one delivered while a finalizer runs in that thread is swallowed by Python). The
exception is only ever scheduled while the thread runs that job's function; once the function
has returned a scheduled but undelivered one is cleared, and the lane's threads absorb any stray
exception, so a cancellation never escapes into other work.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import math
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("presslens.web")
RESEND_S = 0.5  # how often a cancellation is raised again while the job still runs


class JobCancelled(BaseException):  # noqa: N818 (a signal like KeyboardInterrupt, not an error)
    """Raised inside a running job whose client went away."""


class JobDropped(Exception):
    """The job was cancelled while running (what its awaiting request, if any, receives)."""


class LaneFull(Exception):
    """The lane's queue is full; ``retry_after`` is a suggested wait in whole seconds."""

    def __init__(self, lane: str, retry_after: int) -> None:
        super().__init__(f"the {lane} queue is full")
        self.lane = lane
        self.retry_after = retry_after


def _raise_in_thread(thread_id: int, exc: type[BaseException] | None) -> None:
    try:
        set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except AttributeError:  # not CPython: a running job then runs to its end (its result is dropped)
        return
    set_async_exc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None)


@dataclass(eq=False)
class _Job:
    fn: Callable[[], Any]
    cancel_hook: Callable[[], None] | None
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]
    state: str = "queued"  # queued -> running -> done | cancelled (dropped before it started)
    thread_id: int = 0
    interrupted: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class Lane:
    """``workers`` threads running jobs in arrival order, with room for ``waiting`` more."""

    def __init__(self, name: str, *, workers: int = 1, waiting: int = 4) -> None:
        self.name = name
        self.workers = workers
        self.capacity = workers + waiting
        self._queue: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._admitted = 0  # queued + running jobs
        self._mean_s = 2.0  # running mean of job durations, for Retry-After
        self._threads: list[threading.Thread] = []
        self.stats = {"done": 0, "refused": 0, "cancelled_queued": 0, "cancelled_running": 0}

    # ------------------------------------------------------------------ public

    @property
    def admitted(self) -> int:
        """Jobs queued or running now."""
        return self._admitted

    async def run(self, fn: Callable[[], Any], *, cancel: Callable[[], None] | None = None) -> Any:
        """Run ``fn()`` in the lane and return its result; LaneFull when full.

        Cancelling the awaiting task (the client went away) cancels the job as described above.
        """
        with self._lock:
            if self._admitted >= self.capacity:
                self.stats["refused"] += 1
                raise LaneFull(self.name, self.retry_after())
            self._admitted += 1
            self._start_threads()
        loop = asyncio.get_running_loop()
        job = _Job(fn, cancel, loop, loop.create_future())
        self._queue.put(job)
        try:
            return await asyncio.shield(job.future)
        except asyncio.CancelledError:
            job.future.add_done_callback(_retrieve)  # nobody awaits it any more
            self._cancel(job)
            raise

    def retry_after(self) -> int:
        """Seconds a refused client should wait: the time to work through the current queue."""
        return max(1, min(120, math.ceil(self._mean_s * self._admitted / self.workers)))

    # ------------------------------------------------------------------ internals

    def _start_threads(self) -> None:
        while len(self._threads) < self.workers:
            thread = threading.Thread(target=self._serve, name=f"presslens-{self.name}-{len(self._threads)}",
                                      daemon=True)
            self._threads.append(thread)
            thread.start()

    def _cancel(self, job: _Job) -> None:
        with job.lock:
            if job.state == "queued":
                job.state = "cancelled"  # the thread that takes it skips it
                self.stats["cancelled_queued"] += 1
                self._release()  # its place in the queue is free at once
                return
            if job.state != "running":
                return
            job.interrupted = True
            self.stats["cancelled_running"] += 1
            log.info("%s job cancelled while running: its client went away", self.name)
            if job.cancel_hook is None:
                _raise_in_thread(job.thread_id, JobCancelled)
                job.loop.call_later(RESEND_S, self._resend, job)
        if job.cancel_hook is not None:
            try:
                job.cancel_hook()
            except Exception:  # noqa: BLE001 (a failing hook must not break the event loop)
                log.debug("cancel hook failed", exc_info=True)

    def _resend(self, job: _Job) -> None:
        """Raise JobCancelled again while the job still runs: a finalizer (``__del__``) running in
        that thread when it arrived would have swallowed it."""
        with job.lock:
            if job.state != "running":
                return
            _raise_in_thread(job.thread_id, JobCancelled)
        job.loop.call_later(RESEND_S, self._resend, job)

    def _serve(self) -> None:
        while True:  # a stray asynchronous exception must never end a lane thread
            try:
                self._serve_jobs()
            except BaseException:  # noqa: BLE001, S110
                pass

    def _serve_jobs(self) -> None:
        while True:
            job = self._queue.get()
            settled = False
            try:
                settled = self._run(job)
            finally:
                if not settled:
                    self._release()

    def _release(self) -> None:
        with self._lock:
            self._admitted -= 1

    def _run(self, job: _Job) -> bool:
        """Run one job; True once its slot is released (by the canceller, for a dropped job)."""
        with job.lock:
            if job.state == "cancelled":
                return True
            job.state, job.thread_id = "running", threading.get_ident()
        started = time.monotonic()
        outcome: tuple[bool, Any] = (False, JobDropped())
        try:
            try:
                outcome = (True, job.fn())
            finally:
                with job.lock:
                    job.state = "done"
                    interrupted = job.interrupted
                if interrupted:
                    _raise_in_thread(job.thread_id, None)  # clear one scheduled but not delivered
        except JobCancelled:
            outcome = (False, JobDropped())
        except Exception as exc:  # noqa: BLE001 (handed to the awaiting request)
            outcome = (False, exc)
        except BaseException as exc:  # noqa: BLE001 (e.g. a time-limit signal: not for the event loop)
            outcome = (False, RuntimeError(f"job interrupted: {type(exc).__name__}"))
        elapsed = time.monotonic() - started
        if job.interrupted:
            log.info("%s job stopped %.1f s after it started", self.name, elapsed)
        if not job.interrupted:
            self._mean_s = 0.8 * self._mean_s + 0.2 * elapsed
        self.stats["done"] += 1
        self._release()  # before the waiter wakes up, so it sees the lane as it now is
        try:
            job.loop.call_soon_threadsafe(_settle, job.future, outcome)
        except RuntimeError:  # the event loop is closed (server shutting down)
            pass
        return True


def _retrieve(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()


def _settle(future: asyncio.Future[Any], outcome: tuple[bool, Any]) -> None:
    if future.done():
        return
    ok, value = outcome
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)

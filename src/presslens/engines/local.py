"""Run the pipeline in local worker processes, each loading spaCy once.

Articles go out in small batches with a bounded number in flight, so memory stays flat
however long the input stream is; results come back in input order.

No worker outlives the run: a finished run shuts the pool down and waits for it; a run left
early (an error, Ctrl-C, a closed output pipe, the generator closed) terminates the workers at
once; and on Linux each worker asks the kernel for SIGTERM when its parent dies, so even a
``kill -9`` of the parent leaves none behind.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from presslens.pipeline import Options, Pipeline
from presslens.schema import Analysis, Article, InputError

Item = Article | InputError
Result = Analysis | InputError

_WORKER_PIPELINE: Pipeline | None = None
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Linux: have the kernel send this process SIGTERM when ``parent`` ends (also after kill -9)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def _init_worker(options: Options, batch_size: int, parent: int) -> None:
    global _WORKER_PIPELINE
    _die_with_parent(parent)
    _WORKER_PIPELINE = Pipeline(options=options, batch_size=batch_size)


def _run_batch(batch: list[Item]) -> list[Result]:
    assert _WORKER_PIPELINE is not None, "worker not initialised"
    return list(_WORKER_PIPELINE.analyze_many(batch))


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued, terminate the workers now, and wait until the pool's thread has ended.

    A worker killed while sending a result leaves half a message in the result pipe; the pool's
    manager thread would wait for the rest forever, and so would interpreter exit, which joins
    that thread. Once the workers are gone, closing this process's end of the result pipe ends
    that read with an error, which the pool treats as a broken pool and cleans up after.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
            process.join(timeout=10)
    if manager is None:
        return
    manager.join(timeout=2)
    if manager.is_alive() and results is not None:
        results._writer.close()
        manager.join(timeout=30)


def run_local(
    items: Iterable[Item], *, workers: int = 1, options: Options | None = None, batch_size: int = 16
) -> Iterator[Result]:
    """Analyse ``items`` with ``workers`` processes (1 = in this process), yielding results in order."""
    options = options or Options()
    if workers <= 1:
        yield from Pipeline(options=options, batch_size=batch_size).analyze_many(items)
        return
    if "framing" in options.extractors:  # a missing encoder is reported here, not by each worker
        from presslens.extract import framing

        framing.require(options.framing_model)
    if "claims" in options.extractors:  # likewise an opt-in check-worthiness model
        from presslens.extract import claims

        claims.require_model(options.claims_model)
    context = multiprocessing.get_context("spawn")
    stream = iter(items)
    in_flight: deque[Future[list[Result]]] = deque()
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                               initargs=(options, batch_size, os.getpid()))
    finished = False
    try:
        while True:
            while len(in_flight) < workers * 2:
                batch = list(islice(stream, batch_size))
                if not batch:
                    break
                in_flight.append(pool.submit(_run_batch, batch))
            if not in_flight:
                finished = True
                return
            yield from in_flight.popleft().result()
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _stop(pool)

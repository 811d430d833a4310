"""Run the pipeline in local worker processes, each loading spaCy once.

Articles go out in small batches with a bounded number in flight, so memory stays flat
however long the input stream is; results come back in input order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from presslens.pipeline import Options, Pipeline
from presslens.schema import Analysis, Article, InputError

Item = Article | InputError
Result = Analysis | InputError

_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(options: Options, batch_size: int) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(options=options, batch_size=batch_size)


def _run_batch(batch: list[Item]) -> list[Result]:
    assert _WORKER_PIPELINE is not None, "worker not initialised"
    return list(_WORKER_PIPELINE.analyze_many(batch))


def run_local(
    items: Iterable[Item], *, workers: int = 1, options: Options | None = None, batch_size: int = 16
) -> Iterator[Result]:
    """Analyse ``items`` with ``workers`` processes (1 = in this process), yielding results in order."""
    options = options or Options()
    if workers <= 1:
        yield from Pipeline(options=options, batch_size=batch_size).analyze_many(items)
        return
    context = multiprocessing.get_context("spawn")
    stream = iter(items)
    in_flight: deque[Future[list[Result]]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(options, batch_size)) as pool:
        while True:
            while len(in_flight) < workers * 2:
                batch = list(islice(stream, batch_size))
                if not batch:
                    break
                in_flight.append(pool.submit(_run_batch, batch))
            if not in_flight:
                return
            yield from in_flight.popleft().result()

"""The local engine's stop: no thread or process of the pool outlives it, however the workers die."""

from __future__ import annotations

import multiprocessing
import struct
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from presslens.engines.local import _stop


def _send_half_a_result(flag: str) -> None:
    """In a pool worker: start a 1,000-byte result message, send 10 bytes of it, then hang."""
    result_queue = sys._getframe(1).f_locals["result_queue"]  # the worker loop's own queue
    result_queue._writer._send(struct.pack("!i", 1000) + b"x" * 10)
    Path(flag).write_text("sent", encoding="utf-8")
    time.sleep(600)


def test_stop_ends_the_pool_thread_when_a_worker_dies_mid_result(tmp_path):
    """The CI hang of session 11: a worker killed while sending left exit waiting forever."""
    flag = tmp_path / "sent"
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    future = pool.submit(_send_half_a_result, str(flag))
    deadline = time.monotonic() + 60
    while not flag.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert flag.exists(), "the worker never started"
    time.sleep(0.5)  # the pool's thread is now reading the unfinished message
    manager = pool._executor_manager_thread
    assert manager.is_alive()
    _stop(pool)
    assert not manager.is_alive(), "the pool's thread is still waiting for the rest of the message"
    with pytest.raises(BrokenProcessPool):
        future.result(timeout=1)

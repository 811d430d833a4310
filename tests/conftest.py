"""Shared fixtures: one spaCy pipeline per test session, and a runner for the real CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def nlp():
    from presslens.nlp import load

    return load()


@pytest.fixture(scope="session")
def pipeline(nlp):
    from presslens.pipeline import Pipeline

    return Pipeline(nlp)


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``python -m presslens ARGS`` as a user would and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "presslens", *args],
        input=stdin, capture_output=True, timeout=timeout, cwd=ROOT,
    )

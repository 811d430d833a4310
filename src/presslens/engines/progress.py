"""Progress of a run (``ingest`` or ``analyze``): the running totals and the ways of showing them.

``RunStats`` counts each document once, as new (analysed), skipped (already stored), updated
(metadata refreshed only) or failed. The speed and the ETA count only the documents that were
analysed, over the time since the run started, so a run that begins by skipping thousands of
stored articles, or gets its results in bursts of a batch, still shows an honest estimate.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO


@dataclass(slots=True)
class RunStats:
    """Running totals of one ingest or analyze run."""

    total: int | None = None  # documents expected, when it can be known cheaply
    done: int = 0  # documents handled: analysed, skipped, updated or failed
    analysed: int = 0  # documents analysed (new), committed or not
    added: int = 0  # articles newly stored (committed)
    skipped: int = 0  # articles already stored, or repeated in this run
    updated: int = 0  # articles already stored whose metadata was refreshed (``--update``)
    stale: int = 0  # skipped articles whose stored metadata differs from what was read (no ``--update``)
    replaced: int = 0  # stored articles removed for a new analysis (new publication date, edited file)
    errors: int = 0  # documents that could not be read or analysed
    words: int = 0  # words of the articles analysed
    batches: int = 0  # batches committed (or Parquet parts written)
    speakers: int = 0  # speakers after the final recomputation
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None

    @property
    def seconds(self) -> float:
        """Elapsed (or total) wall time."""
        return (self.finished or time.perf_counter()) - self.started

    @property
    def docs_per_second(self) -> float:
        """Documents analysed (or failed) per second: skipped and updated ones are not counted."""
        worked = self.done - self.skipped - self.updated
        return worked / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        """Seconds left at the present speed; None while unknown (no total, nothing analysed yet)."""
        if self.total is None:
            return None
        left = max(0, self.total - self.done)
        if left == 0:
            return 0.0
        rate = self.docs_per_second
        return left / rate if rate > 0 else None


def clock(seconds: float | None) -> str:
    """``H:MM:SS``, or ``-:--:--`` when unknown."""
    if seconds is None:
        return "-:--:--"
    whole = int(round(seconds))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class Reporter(Protocol):
    """Receives progress: ``update`` after each document, ``commit`` after each stored batch."""

    def start(self, stats: RunStats) -> None: ...
    def update(self, stats: RunStats) -> None: ...
    def commit(self, stats: RunStats) -> None: ...
    def finish(self, stats: RunStats) -> None: ...


class NullReporter:
    """Reports nothing."""

    def start(self, stats: RunStats) -> None:
        """Nothing to show."""

    def update(self, stats: RunStats) -> None:
        """Nothing to show."""

    def commit(self, stats: RunStats) -> None:
        """Nothing to show."""

    def finish(self, stats: RunStats) -> None:
        """Nothing to show."""


class LineReporter(NullReporter):
    """One plain line per committed batch (for logs and pipes)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr

    def commit(self, stats: RunStats) -> None:
        """Print the totals after a batch is durable."""
        total = f"/{stats.total}" if stats.total is not None else ""
        updated = f"{stats.updated} updated, " if stats.updated else ""
        eta = f", ETA {clock(stats.eta_seconds)}" if stats.total is not None else ""
        print(f"committed batch {stats.batches}: {stats.done}{total} docs, {stats.added} added, "
              f"{stats.skipped} skipped, {updated}{stats.errors} errors, {stats.docs_per_second:.1f} docs/s{eta}",
              file=self.stream, flush=True)


class RichReporter(NullReporter):
    """A rich progress bar on a terminal: docs, new/skipped/failed apart, docs/s, ETA, elapsed.

    ``label`` names the run (``ingest``, ``analyze``); ``transient`` removes the bar at the end;
    ``redirect_stdout`` prints what the run writes to stdout above the bar (when both are the
    same terminal).
    """

    def __init__(self, console: Any | None = None, *, label: str = "ingest", transient: bool = False,
                 redirect_stdout: bool = False) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn(f"[bold]{label}"), BarColumn(), TextColumn("{task.fields[count]}"),
            TextColumn("{task.fields[new]} new"), TextColumn("{task.fields[skipped]}"),
            TextColumn("[red]{task.fields[errors]} errors"), TextColumn("{task.fields[rate]:.1f} docs/s"),
            TextColumn("ETA {task.fields[eta]}"), TimeElapsedColumn(),
            console=console or Console(stderr=True), transient=transient, redirect_stdout=redirect_stdout,
            redirect_stderr=False,
        )
        self.task: Any = None

    def start(self, stats: RunStats) -> None:
        """Show the bar."""
        self.progress.start()
        self.task = self.progress.add_task("run", total=stats.total, **self._fields(stats))

    def update(self, stats: RunStats) -> None:
        """Move the bar (called once per document)."""
        self.progress.update(self.task, completed=stats.done, **self._fields(stats))

    commit = update

    def finish(self, stats: RunStats) -> None:
        """Leave the final bar on screen (unless transient)."""
        if stats.total is None or stats.total != stats.done:
            self.progress.update(self.task, total=stats.done)
        self.update(stats)
        self.progress.stop()

    @staticmethod
    def _fields(stats: RunStats) -> dict[str, Any]:
        total = f"/{stats.total}" if stats.total is not None else ""
        skipped = f"{stats.skipped} skipped" + (f", {stats.updated} updated" if stats.updated else "")
        return {"count": f"{stats.done}{total} docs", "new": stats.analysed, "skipped": skipped,
                "errors": stats.errors, "rate": stats.docs_per_second, "eta": clock(stats.eta_seconds)}


__all__ = ["LineReporter", "NullReporter", "Reporter", "RichReporter", "RunStats", "clock"]

"""Batch Articles through ``nlp.pipe`` once, then through the extractors, yielding Analyses.

Each article is parsed exactly once. Texts longer than ``nlp.CHUNK_CHARS`` are parsed in
paragraph-aligned chunks and joined back with ``Doc.from_docs``, so offsets stay those of the
original text. A failure inside one article becomes an ``InputError`` for that article; the
batch goes on.

Per-document time limit (``Options.time_limit_s``, by default 60 s plus 2 s per 10,000
characters): a document still being analysed when its budget runs out becomes
``InputError(origin, "analysis exceeded the N s time limit")`` and the batch goes on. How:

* The budget covers the document's extraction and, for a text longer than one chunk, its parse.
  Single-chunk texts are parsed together in ``nlp.pipe`` batches as before: a parse of at most
  ``chunk_chars`` characters takes time linear in its length, since ``split_text`` also cuts runs
  of non-space characters longer than ``MAX_RUN_CHARS``, on which spaCy's tokenizer is quadratic.
  Longer texts are parsed on their own, one chunk at a time, inside their budget.
* One daemon thread per process (``_Watchdog``) keeps the deadlines. When one passes, it raises
  ``TimeLimitExceeded`` in the thread doing that document with CPython's
  ``PyThreadState_SetAsyncExc``. Unlike SIGALRM this works in any thread (the web server's thread
  pool, Dask's worker threads) as well as in the main thread of the CLI and of the local worker
  processes, and it never takes over a SIGALRM handler or timer the host program (or
  pytest-timeout) uses. The exception is delivered at the next Python bytecode, so an extractor's
  Python loop is stopped at once; C code (one spaCy component on one chunk, one regex match)
  finishes first, which bounds the overshoot by one component's pass over one chunk. The parse
  loop also checks the deadline between chunks.
* ``TimeLimitExceeded`` derives from ``BaseException``, so the ``except Exception`` of an
  extractor that must never raise on odd input cannot swallow it. The watchdog fires and the
  analysing thread disarms under one lock, and a fired-but-undelivered exception is cleared on
  disarm, so the exception never escapes the guarded block.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import logging
import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from presslens import nlp as nlp_mod
from presslens.language import english_warning
from presslens.schema import Analysis, Article, InputError

log = logging.getLogger(__name__)

ALL_EXTRACTORS = ("attributions", "dates", "claims", "framing")
_SURROGATE = re.compile("[\ud800-\udfff]")  # not characters; spaCy, Arrow and DuckDB refuse them


@dataclass(frozen=True, slots=True)
class Options:
    """What to extract (every extractor is on by default) and the per-document time budget.

    A document gets ``time_limit_s + time_limit_s_per_10k_chars * len(text) / 10_000`` seconds;
    ``time_limit_s=None`` (or 0) turns the limit off.
    """

    extractors: tuple[str, ...] = ALL_EXTRACTORS
    claim_threshold: float = 0.5
    time_limit_s: float | None = 60.0
    time_limit_s_per_10k_chars: float = 2.0

    def time_limit_for(self, chars: int) -> float | None:
        """Seconds allowed for a text of ``chars`` characters, or None when there is no limit."""
        if not self.time_limit_s or self.time_limit_s <= 0:
            return None
        return self.time_limit_s + max(0.0, self.time_limit_s_per_10k_chars) * chars / 10_000


class TimeLimitExceeded(BaseException):  # noqa: N818 (a signal, like KeyboardInterrupt, not an error)
    """Raised in the thread analysing a document whose time budget ran out; becomes an InputError."""


@dataclass(eq=False, slots=True)
class _Alarm:
    thread_id: int
    deadline: float
    armed: bool = True
    fired: bool = False

    def check(self) -> None:
        """Raise TimeLimitExceeded when the deadline has passed (the cooperative check)."""
        if time.monotonic() >= self.deadline:
            raise TimeLimitExceeded


def _raise_in_thread(thread_id: int, exc: type[BaseException] | None) -> None:
    """Schedule ``exc`` in the thread (None clears a scheduled, undelivered exception)."""
    try:
        set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except AttributeError:  # not CPython: only the cooperative checks apply
        return
    set_async_exc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None)


class _Watchdog:
    """Deadlines of the documents being analysed in this process, watched by one daemon thread."""

    def __init__(self) -> None:
        # The analysing threads take the bare lock: its ``with`` runs no Python code of its own, so
        # an alarm delivered to that thread cannot land between acquiring and releasing it (it can
        # inside Condition.__exit__, which then never releases the lock: a deadlock seen in tests).
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._heap: list[tuple[float, int, _Alarm]] = []
        self._counter = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> _Alarm:
        """Start a deadline ``seconds`` from now for the calling thread."""
        alarm = _Alarm(threading.get_ident(), time.monotonic() + seconds)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="presslens-time-limit", daemon=True)
                self._thread.start()
            heapq.heappush(self._heap, (alarm.deadline, next(self._counter), alarm))
            self._cond.notify()
        return alarm

    def disarm(self, alarm: _Alarm) -> None:
        """Stop the deadline; clear its exception if it was scheduled but not yet delivered."""
        with self._lock:
            alarm.armed = False
            fired = alarm.fired
        if fired:
            _raise_in_thread(alarm.thread_id, None)

    def _run(self) -> None:
        with self._cond:
            while True:
                while self._heap and not self._heap[0][2].armed:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cond.wait()
                    continue
                deadline, _, alarm = self._heap[0]
                wait = deadline - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
                alarm.armed, alarm.fired = False, True
                _raise_in_thread(alarm.thread_id, TimeLimitExceeded)


_WATCHDOG = _Watchdog()


class time_limit:  # noqa: N801 (used like a function: ``with time_limit(5):``)
    """Context manager: raise TimeLimitExceeded in this thread if the block runs past ``seconds``.

    ``seconds=None`` means no limit. The exception can surface while the block is being left, so
    catch it around the ``with`` statement, not inside it.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.alarm: _Alarm | None = None

    def __enter__(self) -> _Alarm | None:
        if self.seconds is not None:
            self.alarm = _WATCHDOG.arm(self.seconds)
        return self.alarm

    def __exit__(self, *exc: object) -> None:
        if self.alarm is not None:
            _WATCHDOG.disarm(self.alarm)


def _seconds(limit: float) -> str:
    return f"{limit:.0f}" if limit >= 10 else f"{limit:.2g}"


def extract(doc: Doc, article: Article, options: Options = Options()) -> Analysis:  # noqa: B008
    """Run the extractors over one parsed Doc and collect their records."""
    from presslens.extract import attributions, entities, speakers

    analysis = Analysis(article=article)
    wanted = set(options.extractors)
    found_entities = entities.find_entities(doc)
    found = attributions.find_attributions(doc) if "attributions" in wanted else []
    analysis.attributions = speakers.resolve_speakers(doc, found, found_entities)
    analysis.entities = found_entities
    if "dates" in wanted:
        from presslens.extract import dates

        analysis.dates = dates.find_dates(doc, article.published)
        dates.date_attributions(doc, analysis.attributions, analysis.dates, article.published)
    if "claims" in wanted:
        from presslens.extract import claims

        analysis.claims = claims.find_claims(doc, analysis.attributions, threshold=options.claim_threshold)
    if "framing" in wanted:
        from presslens.extract import framing

        analysis.framing = framing.find_framing(doc)
    return analysis


# spaCy's tokenizer strips affixes from a run of non-space characters one at a time, in time
# quadratic in the run's length: 20,000 quote marks in a row take about two minutes, in C code no
# time limit can interrupt. Runs longer than this are cut into pieces of this size, each parsed as
# a chunk of its own, which keeps tokenizing linear (normal words and URLs are far shorter).
MAX_RUN_CHARS = 1000


def split_text(text: str, limit: int = nlp_mod.CHUNK_CHARS, max_run: int = MAX_RUN_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most about ``limit`` characters at paragraph or sentence ends.

    A run of more than ``max_run`` non-space characters is cut into pieces of ``max_run``. The
    pieces concatenate back to ``text`` exactly.
    """
    pieces: list[str] = []
    done = 0
    # The look-behind makes a match start only where a run starts, so the scan stays linear.
    for run in re.finditer(rf"(?<!\S)\S{{{max_run + 1},}}", text):
        pieces += _split_at_breaks(text[done : run.start()], limit)
        pieces += [text[i : min(i + max_run, run.end())] for i in range(run.start(), run.end(), max_run)]
        done = run.end()
    pieces += _split_at_breaks(text[done:], limit)
    return [piece for piece in pieces if piece] or [text]


def _split_at_breaks(text: str, limit: int) -> list[str]:
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        cut = start + (cut + 1 if cut > limit // 4 else limit)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


class Pipeline:
    """Parse and analyse articles; load once, reuse for many."""

    def __init__(self, nlp: Language | None = None, *, batch_size: int = 16, options: Options | None = None,
                 chunk_chars: int = nlp_mod.CHUNK_CHARS):
        self.nlp = nlp or nlp_mod.load()
        self.batch_size = batch_size
        self.options = options or Options()
        self.chunk_chars = chunk_chars

    def analyze(self, article: Article) -> Analysis:
        """Analyse one article; raises InputError when it cannot be analysed."""
        (result,) = self.analyze_many([article])
        if isinstance(result, InputError):
            raise result
        return result

    def analyze_many(self, items: Iterable[Article | InputError]) -> Iterator[Analysis | InputError]:
        """Yield one Analysis (or the InputError) per item, in input order, streaming in batches."""
        pending: list[tuple[Article, list[str]]] = []
        passthrough: dict[int, InputError] = {}
        order = 0
        for item in items:
            if isinstance(item, Article):
                item = _refuse_unusable(item)
            if isinstance(item, InputError):
                passthrough[order] = item
            else:
                pending.append((item, split_text(item.text, self.chunk_chars)))
            order += 1
            if len(pending) >= self.batch_size:
                yield from self._flush(pending, passthrough, order)
                pending, passthrough = [], {}
        yield from self._flush(pending, passthrough, order)

    def _flush(
        self, pending: list[tuple[Article, list[str]]], errors: dict[int, InputError], end: int
    ) -> Iterator[Analysis | InputError]:
        """Parse the pending articles and yield them interleaved with the errors, in input order."""
        start = end - len(pending) - len(errors)
        analyses = iter(self._parse_and_extract(pending))
        for position in range(start, end):
            yield errors[position] if position in errors else next(analyses)

    def _parse_and_extract(self, pending: list[tuple[Article, list[str]]]) -> Iterator[Analysis | InputError]:
        """Parse the single-chunk texts together, then each article (longer ones parsed alone) in its budget."""
        short = [(pieces[0], index) for index, (_, pieces) in enumerate(pending) if len(pieces) == 1]
        parsed: dict[int, Doc | InputError] = {}
        try:
            for doc, index in self.nlp.pipe(short, as_tuples=True, batch_size=self.batch_size):
                parsed[index] = doc
        except Exception:  # noqa: BLE001 (one text spaCy cannot take must not sink the others: one by one)
            log.debug("batch parse failed; parsing one by one", exc_info=True)
            for text, index in short:
                try:
                    parsed[index] = self.nlp(text)
                except Exception as exc:  # noqa: BLE001
                    origin = pending[index][0].origin or pending[index][0].id or "<article>"
                    parsed[index] = InputError(origin, f"internal error while parsing: {type(exc).__name__}: {exc}")
        for index, (article, pieces) in enumerate(pending):
            doc = parsed.pop(index, None)
            yield doc if isinstance(doc, InputError) else self._analyze_one(article, pieces, doc)

    def _analyze_one(self, article: Article, pieces: list[str], doc: Doc | None) -> Analysis | InputError:
        """Parse (when ``doc`` is None) and extract one article inside its time budget."""
        origin = article.origin or article.id or "<article>"
        limit = self.options.time_limit_for(len(article.text))
        try:
            with time_limit(limit) as alarm:
                if doc is None:
                    doc = self._parse_long(pieces, alarm, origin)
                    if isinstance(doc, InputError):
                        return doc
                return self._extract_safely(doc, article)
        except TimeLimitExceeded:
            log.debug("time limit exceeded for %s", origin)
            return InputError(origin, f"analysis exceeded the {_seconds(limit or 0)} s time limit")

    def _parse_long(self, pieces: list[str], alarm: _Alarm | None, origin: str) -> Doc | InputError:
        """Parse a text longer than one chunk, chunk by chunk, and join the Docs with offsets unchanged."""
        docs: list[Doc] = []
        try:
            for doc in self.nlp.pipe(pieces, batch_size=1):
                docs.append(doc)
                if alarm is not None:
                    alarm.check()
            return Doc.from_docs(docs, ensure_whitespace=False)
        except Exception as exc:  # noqa: BLE001 (one bad article must not stop the batch)
            log.debug("parse failed for %s", origin, exc_info=True)
            return InputError(origin, f"internal error while parsing: {type(exc).__name__}: {exc}")

    def _extract_safely(self, doc: Doc, article: Article) -> Analysis | InputError:
        origin = article.origin or article.id or "<article>"
        try:
            analysis = extract(doc, article, self.options)
        except Exception as exc:  # one bad article must not stop the batch
            log.debug("extraction failed for %s", origin, exc_info=True)
            return InputError(origin, f"internal error while analysing: {type(exc).__name__}: {exc}")
        warning = english_warning(doc)
        if warning:
            analysis.warnings.append(warning)
        return analysis


def _refuse_unusable(article: Article) -> Article | InputError:
    """The article, or an InputError when its text is empty or is not valid Unicode."""
    origin = article.origin or article.id or "<article>"
    if not article.text.strip():
        return InputError(origin, "empty document")
    bad = _SURROGATE.search(article.text)
    if bad:
        return InputError(origin, f"text is not valid Unicode: unpaired surrogate U+{ord(bad.group()):04X} "
                                  f"at character {bad.start()}")
    return article


def analyze(text: str | Article, **meta: str | None) -> Analysis:
    """Analyse one article given as text (plus metadata keywords) or as an Article."""
    article = text if isinstance(text, Article) else Article(text=text, **meta)
    return default_pipeline().analyze(article)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide Pipeline, created on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT

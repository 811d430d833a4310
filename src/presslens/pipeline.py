"""Batch Articles through ``nlp.pipe`` once, then through the extractors, yielding Analyses.

Each article is parsed exactly once. Texts longer than ``nlp.CHUNK_CHARS`` are parsed in
paragraph-aligned chunks and joined back with ``Doc.from_docs``, so offsets stay those of the
original text. A failure inside one article becomes an ``InputError`` for that article; the
batch goes on.

Per-document time limit (``Options``: by default 60 s plus 2 s per 10,000 characters, at most
600 s): a document that uses more CPU time than its budget becomes
``InputError(origin, "analysis used more than N s of CPU time …")`` and the batch goes on.
The budget covers the document's extraction and, for a text longer than one chunk, its parse
(chunk by chunk, checked between chunks). Single-chunk texts are parsed together in
``nlp.pipe`` batches, in time linear in their length since ``split_text`` also cuts runs of
non-space characters longer than ``MAX_RUN_CHARS`` (spaCy's tokenizer is quadratic on them).
How the limit is enforced in any thread: ``presslens.timelimit``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from presslens import nlp as nlp_mod
from presslens import settings
from presslens.extract import registry
from presslens.language import english_warning
from presslens.schema import Analysis, Article, InputError
from presslens.timelimit import Alarm, TimeLimitExceeded, describe, time_limit

__all__ = ["ALL_EXTRACTORS", "FRAMING_MODELS", "MAX_RUN_CHARS", "Options", "Pipeline", "TimeLimitExceeded",
           "analyze", "default_pipeline", "extract", "split_text", "time_limit"]

log = logging.getLogger(__name__)

ALL_EXTRACTORS: tuple[str, ...] = registry.BUILTIN  # ("attributions", "dates", "quantities", "claims", "framing")
RECORD_FIELDS = ("attributions", "entities", "dates", "claims", "framing")  # the Analysis lists extractors fill
_SURROGATE = re.compile("[\ud800-\udfff]")  # not characters; spaCy, Arrow and DuckDB refuse them


FRAMING_MODELS = settings.FRAMING_MODELS
TIME_LIMIT_MAX_S = 600.0
# Parsing takes about 0.8 MB of memory per 1,000 characters (spaCy's Docs), so the text analysed
# as one document is bounded like spaCy's own ``nlp.max_length``.
MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Options:
    """What to extract (every extractor is on by default), with which framing and claims models, and the time budget.

    A document gets ``time_limit_s + time_limit_s_per_10k_chars * len(text) / 10_000`` seconds of
    CPU time, at most ``time_limit_max_s`` (unless ``time_limit_s`` alone is more); ``time_limit_s``
    None (or 0) turns the limit off. ``framing_model`` is ``"base"``, ``"minilm"`` or ``"mpnet"``;
    None means the ``PRESSLENS_FRAMING_MODEL`` setting (``presslens.settings``), else ``"base"``.
    ``claims_model`` is the check-worthiness model, ``"base"`` or ``"minilm"``; None means the
    ``PRESSLENS_CLAIMS_MODEL`` setting, else ``"base"``. A text of more than ``max_chars`` characters
    (None or 0: no limit) is refused with an InputError.
    """

    extractors: tuple[str, ...] = ALL_EXTRACTORS
    claim_threshold: float = 0.5
    time_limit_s: float | None = 60.0
    time_limit_s_per_10k_chars: float = 2.0
    time_limit_max_s: float | None = TIME_LIMIT_MAX_S
    framing_model: str | None = None
    max_chars: int | None = MAX_CHARS
    claims_model: str | None = None

    def time_limit_for(self, chars: int) -> float | None:
        """CPU seconds allowed for a text of ``chars`` characters, or None when there is no limit."""
        if not self.time_limit_s or self.time_limit_s <= 0:
            return None
        limit = self.time_limit_s + max(0.0, self.time_limit_s_per_10k_chars) * chars / 10_000
        if self.time_limit_max_s and self.time_limit_max_s > 0:
            limit = min(limit, max(self.time_limit_max_s, self.time_limit_s))
        return limit


def extract(doc: Doc, article: Article, options: Options = Options()) -> Analysis:  # noqa: B008
    """Run the extractors over one parsed Doc (``presslens.extract.registry``) and collect their records."""
    analysis = Analysis(article=article)
    for name, found in registry.run(doc, article, options).items():
        if name in RECORD_FIELDS:
            setattr(analysis, name, found)
        else:
            analysis.extra[name] = found
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
        self.options = options or Options()
        # An unknown extractor or a need nobody provides fails here, and so does a missing encoder:
        # once, not per document.
        self._extractors = registry.plan(self.options.extractors)
        for extractor in self._extractors:
            if extractor.prepare is not None:
                extractor.prepare(self.options)
        self.nlp = nlp or nlp_mod.load()
        self.batch_size = batch_size
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
                item = _refuse_unusable(item, self.options.max_chars)
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
            return InputError(origin, time_limit_message(limit or 0, len(article.text)))

    def _parse_long(self, pieces: list[str], alarm: Alarm | None, origin: str) -> Doc | InputError:
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


def time_limit_message(limit: float, chars: int) -> str:
    """The reason given for a document stopped by its time limit, naming the options that change it."""
    return (f"analysis exceeded the {describe(limit)} s time limit (CPU time for {chars:,} characters; "
            "--time-limit and --time-limit-max change it, 0 turns it off)")


def _refuse_unusable(article: Article, max_chars: int | None = MAX_CHARS) -> Article | InputError:
    """The article, or an InputError when its text is empty, too long or not valid Unicode."""
    origin = article.origin or article.id or "<article>"
    if max_chars and len(article.text) > max_chars:
        return InputError(origin, f"text has {len(article.text):,} characters, more than the {max_chars:,} "
                                  "allowed per document (--max-chars changes it)")
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

"""Batch Articles through ``nlp.pipe`` once, then through the extractors, yielding Analyses.

Each article is parsed exactly once. Texts longer than ``nlp.CHUNK_CHARS`` are parsed in
paragraph-aligned chunks and joined back with ``Doc.from_docs``, so offsets stay those of the
original text. A failure inside one article becomes an ``InputError`` for that article; the
batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from presslens import nlp as nlp_mod
from presslens.language import english_warning
from presslens.schema import Analysis, Article, InputError

log = logging.getLogger(__name__)

ALL_EXTRACTORS = ("attributions", "dates", "claims", "framing")


@dataclass(frozen=True, slots=True)
class Options:
    """What to extract; every extractor is on by default."""

    extractors: tuple[str, ...] = ALL_EXTRACTORS
    claim_threshold: float = 0.5


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


def split_text(text: str, limit: int = nlp_mod.CHUNK_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most about ``limit`` characters at paragraph or sentence ends.

    The pieces concatenate back to ``text`` exactly.
    """
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
            if isinstance(item, Article) and not item.text.strip():
                item = InputError(item.origin or item.id or "<article>", "empty document")
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
        chunks = ((piece, index) for index, (_, pieces) in enumerate(pending) for piece in pieces)
        parsed: list[list[Doc]] = [[] for _ in pending]
        for doc, index in self.nlp.pipe(chunks, as_tuples=True, batch_size=self.batch_size):
            parsed[index].append(doc)
        for (article, _), docs in zip(pending, parsed, strict=True):
            doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
            yield self._extract_safely(doc, article)

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

"""spaCy parses of training texts, kept between runs (the training scripts' ``--parse-cache DIR``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin


def parsed(nlp: Language, texts: list[str], cache: Path | None) -> list[Doc]:
    """The parses of ``texts``; with ``cache``, read from (or written to) a DocBin keyed by the texts, the
    tokenizer's special cases and infixes and the pipeline's components, so a change of any parses again."""
    if cache is None:
        return list(nlp.pipe(texts, batch_size=16))
    infixes = getattr(getattr(nlp.tokenizer.infix_finditer, "__self__", None), "pattern", "")
    rules = "\x01".join([*sorted(nlp.tokenizer.rules or {}), infixes, *nlp.pipe_names])
    key = hashlib.sha256(("\x00".join(texts) + rules).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    path = cache / f"{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(path)
    return docs

"""presslens: who said what, about whom, when, in news text.

    import presslens
    a = presslens.analyze(text, published="2017-09-25")      # text: str, or bytes as read from a file
    for q in a.attributions:
        print(q.source.name, q.cue.text if q.cue else None, q.content.text)
    presslens.to_json(a)                                      # the JSON record contract

The spaCy component ``presslens`` is found by spaCy through its ``spacy_factories`` entry point
(``nlp.add_pipe("presslens")`` needs no import). The names below are imported on first use, so
``import presslens`` (which spaCy does when it builds a pipeline) stays cheap.
"""

from __future__ import annotations

import importlib
import json
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from presslens.corpus import Corpus
    from presslens.pipeline import Options, Pipeline
    from presslens.schema import (
        Analysis,
        Article,
        Attribution,
        Claim,
        DateMention,
        Entity,
        FramingSpan,
        InputError,
        Quantity,
        Source,
        Span,
    )

__version__ = "0.1.0"

_LAZY_TYPES = {
    "Corpus": "presslens.corpus", "Options": "presslens.pipeline", "Pipeline": "presslens.pipeline",
    **{name: "presslens.schema" for name in ("Analysis", "Article", "Attribution", "Claim", "DateMention", "Entity",
                                             "FramingSpan", "InputError", "Quantity", "Source", "Span")},
}

__all__ = ["Analysis", "Article", "Attribution", "Claim", "Corpus", "DateMention", "Entity", "FramingSpan",
           "InputError", "Options", "Pipeline", "Quantity", "Source", "Span", "analyze", "to_json"]


def __getattr__(name: str) -> Any:
    if name in _LAZY_TYPES:
        value = getattr(importlib.import_module(_LAZY_TYPES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'presslens' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def analyze(text: str | bytes | Article, **meta: str | None) -> Analysis:
    """Analyse one article: ``str`` text, ``bytes`` (decoded and, if HTML, extracted as the file readers
    do), or an ``Article``; metadata keywords (``published``, ``outlet``, ``title``, ``url``, ``author``)
    set the article's fields. Raises ``TypeError`` for anything else, ``InputError`` for unusable input.
    """
    from presslens.pipeline import default_pipeline
    from presslens.schema import Article

    if isinstance(text, Article):
        if meta:
            raise TypeError("give metadata keywords with a str or bytes text, or set them on the Article")
        article = text
    elif isinstance(text, str):
        article = Article(text=text, **meta)
    elif isinstance(text, bytes | bytearray | memoryview):
        from presslens.sources import article_from_bytes

        article = article_from_bytes(bytes(text), "<bytes>")
        for key, value in meta.items():
            if not hasattr(article, key) or key in ("text", "id"):
                raise TypeError(f"analyze() got an unexpected keyword argument {key!r}")
            if value is not None:
                setattr(article, key, value)
    else:
        raise TypeError(_refusal(text))
    return default_pipeline().analyze(article)


def _refusal(value: object) -> str:
    kind = type(value).__name__
    if isinstance(value, PurePath):
        return (f"analyze() takes the text (str or bytes), not a path: use presslens.analyze(path.read_bytes()) "
                f"or `presslens analyze {value}`")
    if hasattr(value, "read"):
        return "analyze() takes the text (str or bytes), not a file object: pass handle.read()"
    if isinstance(value, list | tuple) or hasattr(value, "__iter__"):
        return (f"analyze() takes one text (str or bytes), not a {kind}; for many, use "
                "presslens.Pipeline().analyze_many(Article(text=t) for t in texts)")
    return f"analyze() takes a str, bytes or presslens.Article, not {kind}"


def to_json(analysis: Analysis, *, indent: int | None = None) -> str:
    """The JSON record contract of one Analysis (``Analysis.to_dict()``) as a string, non-ASCII kept."""
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=indent)

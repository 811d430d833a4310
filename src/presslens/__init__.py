"""presslens: who said what, about whom, when, in news text.

    import presslens
    a = presslens.analyze(text, published="2017-09-25")
    for q in a.attributions:
        print(q.source.name, q.cue.text if q.cue else None, q.content.text)

``import presslens`` also registers the spaCy component ``presslens`` (``nlp.add_pipe("presslens")``).
"""

from presslens import component as _component  # noqa: F401  (registers the spaCy factory)
from presslens.corpus import Corpus
from presslens.pipeline import Options, Pipeline, analyze
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

__all__ = [
    "Analysis", "Article", "Attribution", "Claim", "Corpus", "DateMention", "Entity", "FramingSpan",
    "InputError", "Options", "Pipeline", "Quantity", "Source", "Span", "analyze",
]

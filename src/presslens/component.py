"""presslens as a spaCy pipeline component: ``nlp.add_pipe("presslens")``.

After the component runs, ``doc._.attributions``, ``doc._.entities``, ``doc._.dates``,
``doc._.claims`` and ``doc._.framing`` hold the records, and ``doc._.presslens`` the whole
Analysis. Set ``doc._.published`` (ISO date) before the component runs to anchor relative dates,
or pass ``published`` in the component config.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from presslens.pipeline import ALL_EXTRACTORS, Options, extract
from presslens.schema import Article

RECORD_FIELDS = ("attributions", "entities", "dates", "claims", "framing")

for _name in (*RECORD_FIELDS, "presslens", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class PresslensComponent:
    """Runs the presslens extractors on a parsed Doc (needs a tagger, parser and NER before it)."""

    def __init__(self, extractors: tuple[str, ...], published: str | None) -> None:
        self.options = Options(extractors=extractors)
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        article = Article(text=doc.text, published=doc._.published or self.published)
        analysis = extract(doc, article, self.options)
        for name in RECORD_FIELDS:
            setattr(doc._, name, getattr(analysis, name))
        doc._.presslens = analysis
        return doc


@Language.factory(
    "presslens",
    default_config={"extractors": list(ALL_EXTRACTORS), "published": None},
    requires=["token.dep", "token.pos", "doc.ents"],
    assigns=[f"doc._.{name}" for name in (*RECORD_FIELDS, "presslens")],
)
def make_presslens(nlp: Language, name: str, extractors: list[str], published: str | None) -> PresslensComponent:
    """Factory registered with spaCy under the name ``presslens``."""
    return PresslensComponent(tuple(extractors), published)

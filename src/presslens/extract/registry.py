"""The extractors the pipeline runs: one contract, what each needs and provides, and the order that follows.

Every extractor is a function ``(doc, article, context) -> records``: ``doc`` the parsed spaCy
Doc, ``article`` the Article, ``context`` the options and the records of the extractors run before
it; ``records`` maps each name the extractor ``provides`` to a list. An extractor declares

* ``needs``: records it reads (their providers run first);
* ``updates``: records of another extractor it changes in place (every reader of them runs after
  it: ``dates`` fills ``Attribution.said_on``, so ``claims``, which copies ``said_on``, runs
  after ``dates``);
* ``always``: it runs whatever ``Options.extractors`` names (entities; the others are chosen).

A record whose provider is registered but not chosen is an empty list to the extractors that need
it (``--extract claims`` runs claims over no attributions). A need nobody provides, an unknown
name or a cycle raises ``ExtractorError`` when the pipeline is built.

Adding an extractor: one module with its function, one ``register(Extractor(...))`` line below.
Records named like an ``Analysis`` field fill that field; others go to ``Analysis.extra``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from presslens.pipeline import Options
    from presslens.schema import Article

__all__ = [
    "BUILTIN",
    "Context",
    "Extractor",
    "ExtractorError",
    "chosen_names",
    "plan",
    "register",
    "run",
    "unregister",
]

Records = Mapping[str, list[Any]]


class ExtractorError(ValueError):
    """The chosen extractors cannot run: an unknown name, a need nobody provides, or a cycle."""


@dataclass(slots=True)
class Context:
    """What an extractor gets besides the Doc and the Article: the options and the records so far."""

    options: Options
    records: dict[str, list[Any]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> list[Any]:
        return self.records[name]


@dataclass(frozen=True, slots=True)
class Extractor:
    """One extractor: its function and what it needs, provides and updates (see the module docstring)."""

    name: str
    run: Callable[[Doc, Article, Context], Records]
    provides: tuple[str, ...]
    needs: tuple[str, ...] = ()
    updates: tuple[str, ...] = ()
    always: bool = False
    prepare: Callable[[Options], object] | None = None  # run once when a Pipeline is built (load a model)


_REGISTRY: dict[str, Extractor] = {}


def register(extractor: Extractor) -> Extractor:
    """Add ``extractor`` (after the ones already registered); ExtractorError on a clash of names."""
    if extractor.name in _REGISTRY:
        raise ExtractorError(f"an extractor named {extractor.name!r} is already registered")
    for other in _REGISTRY.values():
        clash = set(other.provides) & set(extractor.provides)
        if clash:
            raise ExtractorError(
                f"{extractor.name!r} and {other.name!r} both provide {', '.join(sorted(clash))}"
            )
    _REGISTRY[extractor.name] = extractor
    return extractor


def unregister(name: str) -> None:
    """Remove the extractor called ``name`` (nothing when there is none)."""
    _REGISTRY.pop(name, None)


def chosen_names() -> tuple[str, ...]:
    """The names ``Options.extractors`` may hold, in registration order."""
    return tuple(name for name, e in _REGISTRY.items() if not e.always)


def plan(names: Iterable[str]) -> list[Extractor]:
    """The extractors to run for the chosen ``names`` (plus the ``always`` ones), in dependency order.

    Among extractors free to run, registration order decides, so the order is stable.
    """
    wanted = set(names)
    unknown = sorted(wanted - set(_REGISTRY))
    if unknown:
        raise ExtractorError(
            f"unknown extractor(s) {', '.join(unknown)}; choose from {', '.join(chosen_names())}"
        )
    selected = [e for e in _REGISTRY.values() if e.always or e.name in wanted]
    provider = {record: e for e in _REGISTRY.values() for record in e.provides}
    position = {e.name: i for i, e in enumerate(_REGISTRY.values())}
    before: dict[str, set[str]] = {e.name: set() for e in selected}
    for e in selected:
        for record in e.needs:
            if record not in provider:
                raise ExtractorError(
                    f"extractor {e.name!r} needs {record!r}, which no registered extractor provides"
                )
            if provider[record].name in before and provider[record] is not e:
                before[e.name].add(provider[record].name)
            for other in selected:  # whoever changes the record in place goes first
                if (
                    other is not e
                    and record in other.updates
                    and (record not in e.updates or position[other.name] < position[e.name])
                ):
                    before[e.name].add(other.name)
    return _in_order(selected, before)


def _in_order(selected: list[Extractor], before: dict[str, set[str]]) -> list[Extractor]:
    ordered: list[Extractor] = []
    done: set[str] = set()
    pending = list(selected)
    while pending:
        ready = next((e for e in pending if before[e.name] <= done), None)
        if ready is None:
            raise ExtractorError(f"extractors wait on each other: {', '.join(e.name for e in pending)}")
        ordered.append(ready)
        done.add(ready.name)
        pending.remove(ready)
    return ordered


def run(
    doc: Doc, article: Article, options: Options, extractors: list[Extractor] | None = None
) -> dict[str, Any]:
    """Run the planned extractors (``plan(options.extractors)`` by default); the records they provide, by name."""
    steps = plan(options.extractors) if extractors is None else extractors
    context = Context(options)
    for record in {r for e in _REGISTRY.values() for r in e.provides}:
        context.records[record] = []
    for extractor in steps:
        found = extractor.run(doc, article, context)
        missing = set(extractor.provides) - set(found)
        if missing:
            raise ExtractorError(f"extractor {extractor.name!r} did not return {', '.join(sorted(missing))}")
        context.records.update({name: found[name] for name in extractor.provides})
    return {name: context.records[name] for extractor in steps for name in extractor.provides}


# --------------------------------------------------------------------------- the built-in extractors
# Adapters around the extractor modules' own functions, whose signatures stay theirs.


def _entities(doc: Doc, article: Article, context: Context) -> Records:
    from presslens.extract import entities

    return {"entities": entities.find_entities(doc)}


def _attributions(doc: Doc, article: Article, context: Context) -> Records:
    """Attributions with resolved speakers; resolving adds source mentions and aliases to the entities."""
    from presslens.extract import speakers
    from presslens.extract.attribution import find_attributions

    found = find_attributions(doc)
    return {"attributions": speakers.resolve_speakers(doc, found, context["entities"], article=article)}


def _dates(doc: Doc, article: Article, context: Context) -> Records:
    """Date expressions; each attribution's ``said_on`` is set from them (or the publication date)."""
    from presslens.extract import dates

    found = dates.find_dates(doc, article.published)
    dates.date_attributions(doc, context["attributions"], found, article.published)
    return {"dates": found}


def _quantities(doc: Doc, article: Article, context: Context) -> Records:
    from presslens.extract.quantities import find_quantities

    return {"quantities": find_quantities(doc)}


def _claims(doc: Doc, article: Article, context: Context) -> Records:
    """Claims; each quantity inside one gets the claim's index (``Quantity.claim``)."""
    from presslens.extract import claims

    return {
        "claims": claims.find_claims(
            doc,
            context["attributions"],
            threshold=context.options.claim_threshold,
            quantities=context["quantities"],
            model=_claims_model(context.options),
        )
    }


def _claims_model(options: Options) -> object:
    """The check-worthiness model of ``options.claims_model`` (else the setting); an error when it cannot run."""
    from presslens.extract import claims

    return claims.claims_model(options.claims_model)


def _framing_model(options: Options) -> object:
    from presslens.extract import framing

    return framing.load_model(name=options.framing_model)


def _framing(doc: Doc, article: Article, context: Context) -> Records:
    from presslens.extract import framing

    return {"framing": framing.find_framing(doc, model=_framing_model(context.options))}


register(Extractor("entities", _entities, provides=("entities",), always=True))
register(
    Extractor(
        "attributions", _attributions, provides=("attributions",), needs=("entities",), updates=("entities",)
    )
)
register(Extractor("dates", _dates, provides=("dates",), needs=("attributions",), updates=("attributions",)))
register(Extractor("quantities", _quantities, provides=("quantities",)))
register(
    Extractor(
        "claims",
        _claims,
        provides=("claims",),
        needs=("attributions", "quantities"),
        updates=("quantities",),
        prepare=_claims_model,
    )
)
register(Extractor("framing", _framing, provides=("framing",), prepare=_framing_model))

# The names presslens ships, which ``Options.extractors`` holds by default (``pipeline.ALL_EXTRACTORS``).
BUILTIN: tuple[str, ...] = chosen_names()

"""A learned second look at sources the rules leave unnamed.

The rules of ``speakers`` settle most sources, and leave a source unnamed when no rule names it: a
generic source ("officials"), but also "the finance minister" when the article named the minister
under another title, "The report" of a body named earlier, or "she" when the resolver's probability
fell short. This model looks again at those, and only those: it scores the entities a reading of the
mention could refer to (``features.candidates``, as a person and as an organisation for a mention
the resolver does not read) with the resolver's pair features, the resolver's own probability and
the shape of the mention, and names the best one when its probability reaches the threshold. It is
trained on our own outlet gold (model card ``presslens/models/unnamed-sources.md``, rebuilt by
``training/train_unnamed_sources.py``) and runs in numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from presslens.extract.speakers.features import (
    FEATURES,
    RESOLVABLE,
    Anaphor,
    candidates,
    classify,
    in_headline,
    pair_features,
)
from presslens.extract.speakers.graph import EntityGraph, Mention, Node
from presslens.extract.speakers.lead import LEAD_SENTENCES
from presslens.extract.speakers.model import ResolverModel
from presslens.lexicon import speakers as lexicon

STEM = "unnamed-sources"
FORMAT = "presslens-unnamed-sources/1"

# Mention types the rules may leave unnamed, as ``features.classify`` gives them.
MENTION_TYPES = ("he", "she", "it", "they", "desc_person", "desc_org", "generic", "document", "proper", "unknown")
_SHAPE_FEATURES = (
    *(f"mention={t}" for t in MENTION_TYPES),
    *(f"read_as={t}" for t in RESOLVABLE),
    "definite", "indefinite", "possessed", "plural_mention", "quantified",
    "resolver_p", "resolver_best", "resolver_margin", "log_candidates",
    "later", "first_later", "later_speaks", "later_sentences", "headline", "lead",
)
UNNAMED_FEATURES: tuple[str, ...] = (*FEATURES, *_SHAPE_FEATURES)
_SHAPE_INDEX = {name: i for i, name in enumerate(_SHAPE_FEATURES)}
# Pair features that tie a description to an entity by its words: a role, a describing word, a word of
# the name, an organisation's class, an age.
_LINKS = [FEATURES.index(f) for f in ("role_match", "descriptor_match", "name_word_in_mention", "org_class_match", "age_match")]
_PRONOUN_TYPES = frozenset(("he", "she", "it", "they"))
FORWARD_SENTENCES = 4  # sentences after the mention where an entity it introduces may first be named
_READING_KINDS = {
    "he": ("person",), "she": ("person",), "desc_person": ("person",), "it": ("organization", "place"),
    "desc_org": ("organization", "place"), "they": ("organization", "group", "place"),
}


@dataclass(slots=True)
class Option:
    """One entity an unnamed source could be, with its feature row."""

    node: Node
    row: np.ndarray


def readings_of(anaphor: Anaphor) -> list[Anaphor]:
    """The resolver's readings of a mention: its own type when the resolver reads it, else as a person
    and as an organisation ("the monitor", "The report")."""
    if anaphor.type in RESOLVABLE:
        return [anaphor]
    return [replace(anaphor, type="desc_person"), replace(anaphor, type="desc_org")]


def _introduced_later(graph: EntityGraph, anaphor: Anaphor, found: list[tuple[Node, Mention, bool]]) -> list:
    """``found`` and the entities first mentioned in the next ``FORWARD_SENTENCES`` sentences, of a kind
    the reading may mean ("Canal authority says …" over "The Suez Canal Authority said …")."""
    kinds = _READING_KINDS.get(anaphor.type, ())
    have = {node.entity.id for node, _, _ in found}
    out = list(found)
    for node in graph.nodes_in_sentence_after(anaphor.end - 1, FORWARD_SENTENCES):
        first = node.mentions[0] if node.mentions else None
        if node.entity.id in have or first is None or first.start < anaphor.end or node.kind not in kinds:
            continue
        out.append((node, first, True))
    return out


def options(graph: EntityGraph, anaphor: Anaphor, resolver: ResolverModel) -> list[Option]:
    """Every entity a reading of ``anaphor`` could refer to, once, with its feature row."""
    seen: dict[str, tuple[Anaphor, Node, Mention, bool, float, np.ndarray]] = {}
    for reading in readings_of(anaphor):
        found = _introduced_later(graph, reading, candidates(graph, reading))
        if not found:
            continue
        x = pair_features(graph, reading, found)
        probs = resolver.probabilities(x)
        for (node, mention, cataphor), row, p in zip(found, x, probs, strict=True):
            key = node.entity.id
            if key not in seen or p > seen[key][4]:
                seen[key] = (reading, node, mention, cataphor, float(p), row)
    if not seen:
        return []
    ranked = sorted(seen.values(), key=lambda item: -item[4])
    best = ranked[0][4]
    second = ranked[1][4] if len(ranked) > 1 else 0.0
    later = sorted((m.start, node.entity.id) for _, node, m, _, _, _ in ranked if m.start >= anaphor.end)
    order = {node_id: k for k, (_, node_id) in enumerate(later)}
    headline, lead = float(in_headline(anaphor.head, graph.text)), float(anaphor.sent <= LEAD_SENTENCES + 1)
    out = []
    for reading, node, mention, _, p, row in ranked:
        if anaphor.type not in _PRONOUN_TYPES and anaphor.type != "document" and not row[_LINKS].any():
            continue  # a description names only someone the article describes with one of its words
        shape = _shape(anaphor, reading, p, best, second, len(ranked))
        if node.entity.id in order:  # a new entity after the mention: how soon, and whether it speaks there
            shape[_SHAPE_INDEX["later"]] = 1.0
            shape[_SHAPE_INDEX["first_later"]] = float(order[node.entity.id] == 0)
            shape[_SHAPE_INDEX["later_speaks"]] = float(mention.speaker)
            shape[_SHAPE_INDEX["later_sentences"]] = min(mention.sent - anaphor.sent, 6) / 6
        shape[_SHAPE_INDEX["headline"]], shape[_SHAPE_INDEX["lead"]] = headline, lead
        out.append(Option(node, np.concatenate([row, shape])))
    return out


def second_look(
    graph: EntityGraph, span: SpacySpan, resolver: ResolverModel, review: UnnamedModel
) -> tuple[Node | None, float]:
    """The entity ``review`` names for a source mention the rules left unnamed, with its probability.

    Not looked at again: a part of a group ("The majority of residents"), and an indefinite description
    after the headline and lead ("A spokesman said …" in the fifth paragraph: an unnamed source)."""
    anaphor = classify(span, graph)
    if anaphor.type not in MENTION_TYPES or _partitive(anaphor.head):
        return None, 0.0
    if anaphor.type not in _PRONOUN_TYPES and _indefinite(anaphor.head) and anaphor.sent > LEAD_SENTENCES + 1:
        return None, 0.0
    inner = [n for n in graph.nodes.values() if _inside(n, anaphor)]
    found = [o for o in options(graph, anaphor, resolver) if _fits(o.node, inner)]
    return review.choose(found)


def _inside(node: Node, anaphor: Anaphor) -> bool:
    return any(anaphor.start <= m.start and m.end <= anaphor.end for m in node.mentions)


def _fits(node: Node, inner: list[Node]) -> bool:
    """Whether an option may be the source whose mention names ``inner`` entities: not one of them ("A
    spokeswoman for presidential candidate Hillary Clinton"), and a person only one the article describes
    with a word of their names ("The head of the Tokyo Stock Exchange": "Tokyo Stock Exchange President
    Naoki Fujimura"; not "A spokesperson for the Grain Growers Association": another body's spokesperson)."""
    if any(node is n for n in inner):
        return False
    if node.kind != "person" or not inner:
        return True
    words = {w.lower() for n in inner for w in n.entity.name.split()}
    return bool(words & (node.descriptors | node.roles))


def _partitive(head: Token) -> bool:
    """ "The majority of residents", "half of the workers": a part of a plural group."""
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.tag_ == "NNS" for o in c.children)
        for c in head.children
    )


def _indefinite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.lefts)


def _shape(anaphor: Anaphor, reading: Anaphor, p: float, best: float, second: float, n: int) -> np.ndarray:
    f = np.zeros(len(_SHAPE_FEATURES), dtype=np.float32)
    if anaphor.type in MENTION_TYPES:
        f[_SHAPE_INDEX[f"mention={anaphor.type}"]] = 1.0
    f[_SHAPE_INDEX[f"read_as={reading.type}"]] = 1.0
    head = anaphor.head
    dets = {c.lower_ for c in head.lefts if c.dep_ in ("det", "nummod", "amod", "quantmod")}
    f[_SHAPE_INDEX["definite"]] = float("the" in dets or any(c.dep_ == "poss" for c in head.lefts))
    f[_SHAPE_INDEX["indefinite"]] = float(bool(dets & lexicon.INDEFINITE_DETERMINERS))
    f[_SHAPE_INDEX["possessed"]] = float(any(c.dep_ == "poss" for c in head.lefts))
    f[_SHAPE_INDEX["plural_mention"]] = float(head.tag_ in ("NNS", "NNPS"))
    f[_SHAPE_INDEX["quantified"]] = float(any(c.like_num for c in head.lefts))
    f[_SHAPE_INDEX["resolver_p"]] = p
    f[_SHAPE_INDEX["resolver_best"]] = float(p >= best)
    f[_SHAPE_INDEX["resolver_margin"]] = p - (second if p >= best else best)
    f[_SHAPE_INDEX["log_candidates"]] = math.log1p(n) / 3
    return f


class UnnamedModel(ResolverModel):
    """``sigmoid(x @ weights + bias)`` for each option (the resolver's kind of model, with its own
    features and file); the best option is taken at or above ``threshold``."""

    format = FORMAT
    feature_names = UNNAMED_FEATURES
    stem = STEM
    rebuild = "training/train_unnamed_sources.py"

    def choose(self, found: list[Option]) -> tuple[Node | None, float]:
        """The likeliest option and its probability when it reaches the threshold, else (None, p)."""
        if not found:
            return None, 0.0
        probs = self.probabilities(np.stack([o.row for o in found]))
        k = int(probs.argmax())
        p = float(probs[k])
        return (found[k].node, p) if p >= self.threshold else (None, p)


@lru_cache(maxsize=1)
def load_unnamed_model() -> UnnamedModel:
    """The shipped model, loaded once per process."""
    return UnnamedModel.load()

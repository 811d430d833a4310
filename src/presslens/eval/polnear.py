"""Score attribution extraction against PolNeAR (Newell, Margolin & Ruths, LREC 2018).

PolNeAR ships brat standoff files: ``T`` lines are labelled character spans (``Source``, ``Cue``,
``Content``, ``Attribution``, ``Discard``, ``Discuss``) whose offsets may list several fragments
separated by ``;`` and whose surface text may run over several physical lines; ``E`` lines tie one
attribution's spans together. Articles annotated by several people are scored against the first
annotator listed in ``metadata.tsv``.

Matching follows the usual overlap scoring for attribution relations (Pareti 2016; PolNeAR's own
evaluation): a predicted content matches a gold content when the character Jaccard of their
(fragment-union) sets of word characters is at least ``threshold`` (quote marks, punctuation and
spaces are left out, so whether a span includes its quotation marks does not matter); pairs are matched one-to-one, greedily by
descending Jaccard. Because PolNeAR annotates one attribution per cue ("Part one," he said, "part
two." is one discontinuous content), predictions that share a cue span are merged before matching.
A matched prediction has the right source when its source mention overlaps the gold source span.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from presslens.extract import cues
from presslens.lexicon.evaluation import BELIEF_CUES, CUE_FILLER, DOCUMENT_CUES
from presslens.schema import Attribution

Fragments = tuple[tuple[int, int], ...]

# Stance and evaluation cues ("endorsed", "criticized", "called X Y") and speech cues, for the breakdown.
STANCE_CUES = (
    cues.OBJECT_CONTENT_VERBS | cues.PARC_ONLY_VERBS | cues.NOUN_PREP_CONTENT.keys()
) - cues.SPEECH_OBJECT_VERBS
SPEECH_CUES = cues.SPEECH_VERBS | cues.SPEECH_OBJECT_VERBS | cues.NOUN_CUES
_WORD = re.compile(r"[A-Za-z]+")
_SPACE = re.compile(r"\s")


@dataclass(slots=True)
class GoldAttribution:
    """One PolNeAR attribution: fragment offsets of its content, cue and (optional) source."""

    content: Fragments
    cue: Fragments
    source: Fragments
    cue_text: str = ""
    source_text: str = ""


@dataclass(slots=True)
class PredItem:
    """A prediction reduced to what scoring needs: content fragments, cue and source offsets."""

    content: Fragments
    cue: Fragments
    source: Fragments
    cue_text: str = ""
    attribution: Attribution | None = None  # the first prediction merged into this item


@dataclass(slots=True)
class Miss:
    """A gold attribution the extractor did not find."""

    article: str
    content: str
    cue: str
    source: str
    category: str
    lemma: str = ""


@dataclass(slots=True)
class Scores:
    """Running counts over a corpus."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    source_ok: int = 0
    source_gold: int = 0
    misses: list[Miss] = field(default_factory=list)
    predicted_by_cue: Counter[str] = field(default_factory=Counter)
    matched_by_cue: Counter[str] = field(default_factory=Counter)
    false_alarms: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def source_accuracy(self) -> float:
        return self.source_ok / self.source_gold if self.source_gold else 0.0

    def miss_breakdown(self) -> Counter[str]:
        return Counter(m.category for m in self.misses)


def _parse_offsets(field_: str) -> Fragments:
    frags = []
    for part in field_.split(";"):
        a, b = part.split()
        frags.append((int(a), int(b)))
    return tuple(frags)


def read_ann(path: Path, text: str) -> list[GoldAttribution]:
    """Parse one brat ``.ann`` file into gold attributions (surface text is re-read from ``text``)."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        # Continuation lines of a multi-line surface text carry no tab-separated id; skip them.
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        ident, body = parts[0], parts[1]
        if ident.startswith("T") and ident[1:].isdigit():
            label, _, offsets = body.partition(" ")
            try:
                spans[ident] = (label, _parse_offsets(offsets))
            except ValueError:
                continue
        elif ident.startswith("E") and ident[1:].isdigit():
            roles = dict(arg.split(":", 1) for arg in body.split() if ":" in arg)
            events.append(roles)
    gold = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        cue = spans.get(roles.get("Cue", ""), ("", ()))[1]
        source = spans.get(roles.get("Source", ""), ("", ()))[1]
        gold.append(
            GoldAttribution(
                content=content[1],
                cue=cue,
                source=source,
                cue_text=_frag_text(text, cue),
                source_text=_frag_text(text, source),
            )
        )
    return gold


def _frag_text(text: str, frags: Fragments) -> str:
    return " … ".join(text[a:b] for a, b in frags)


def first_annotators(root: Path) -> dict[str, str]:
    """Map article name → first listed annotator id, from ``metadata.tsv``."""
    out: dict[str, str] = {}
    with open(root / "metadata.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            name = row["filename"].removesuffix(".txt")
            out[name] = row["annotators"].split("|")[0]
    return out


def load_split(
    root: Path, split: str, limit: int | None = None, names: Collection[str] | None = None
) -> Iterator[tuple[str, str, list[GoldAttribution]]]:
    """Yield ``(article name, text, gold attributions)`` for one split, sorted by name.

    ``names`` keeps only those articles (``limit`` counts the split's files before that filter).
    """
    first = first_annotators(root)
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    for i, path in enumerate(sorted(text_dir.glob("*.txt"))):
        if limit is not None and i >= limit:
            return
        name = path.stem
        if names is not None and name not in names:
            continue
        text = _read_text(path)
        ann = ann_dir / f"{name}_{first.get(name, '')}.ann"
        if not ann.exists():
            candidates = sorted(ann_dir.glob(f"{name}_*.ann"))
            if not candidates:
                continue
            ann = candidates[0]
        yield name, text, read_ann(ann, text)


def _read_text(path: Path) -> str:
    # newline="" keeps "\r" characters so brat offsets stay code-point exact.
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def to_pred_items(attributions: Iterable[Attribution], merge_continuations: bool = True) -> list[PredItem]:
    """Reduce predictions to scoring items, PolNeAR style: one item per cue.

    Predictions sharing a cue span are merged, and a cue-less quote that continues the previous
    item's speaker (same source mention) is merged into it, unless ``merge_continuations`` is false
    (our own gold annotates a quote continued in a new paragraph as an attribution of its own).
    """
    by_cue: dict[tuple[int, int], PredItem] = {}
    items: list[PredItem] = []
    for a in attributions:
        src = ((a.source.mention.start, a.source.mention.end),) if a.source.mention else ()
        content = ((a.content.start, a.content.end),)
        if a.cue is None:
            # a quote paragraph continuing the previous speaker: PolNeAR makes it part of that content
            if merge_continuations and items and src and items[-1].source == src:
                items[-1].content = tuple(sorted(items[-1].content + content))
            else:
                items.append(PredItem(content, (), src, attribution=a))
            continue
        key = (a.cue.start, a.cue.end)
        if key in by_cue:
            prev = by_cue[key]
            prev.content = tuple(sorted(prev.content + content))
            continue
        item = PredItem(content, (key,), src, a.cue.text, a)
        by_cue[key] = item
        items.append(item)
    return items


def charset(text: str, frags: Fragments) -> set[int]:
    """Offsets of the word characters of a span: quote marks, punctuation and spaces do not count."""
    out: set[int] = set()
    for a, b in frags:
        out.update(i for i in range(a, min(b, len(text))) if text[i].isalnum())
    return out


def jaccard(a: set[int], b: set[int]) -> float:
    """Jaccard index of two character-offset sets."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(x < d and c < y for x, y in a for c, d in b)


def cue_lemma(cue_text: str) -> str:
    """A crude lemma of a cue string, good enough to bucket misses."""
    words = [w.lower() for w in _WORD.findall(cue_text)]
    if not words:
        return cue_text.strip() or "(none)"
    if words[:2] == ["according", "to"]:
        return "according to"
    content = [w for w in words if w not in CUE_FILLER] or words
    for w in content:
        base = _crude_lemma(w)
        if base in BELIEF_CUES or base in DOCUMENT_CUES:
            return base
    return _crude_lemma(content[0])


def _crude_lemma(word: str) -> str:
    irregular = {
        "said": "say",
        "says": "say",
        "told": "tell",
        "thought": "think",
        "felt": "feel",
        "knew": "know",
        "known": "know",
        "wrote": "write",
        "written": "write",
        "saw": "see",
        "found": "find",
        "shown": "show",
        "believed": "believe",
        "hoped": "hope",
        "feared": "fear",
    }
    if word in irregular:
        return irregular[word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("es", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            if stem + "e" in BELIEF_CUES or stem + "e" in DOCUMENT_CUES:
                return stem + "e"
            return stem
    return word


def miss_category(g: GoldAttribution, lemma: str | None = None) -> str:
    """Bucket a missed gold attribution by its cue: belief/thought, poll/document, stance, speech, other.

    ``lemma`` is the cue's head lemma when a parse is at hand; otherwise it is guessed from the text.
    """
    lemma = lemma or cue_lemma(g.cue_text)
    if lemma in BELIEF_CUES:
        return "belief/thought"
    src_words = {_crude_lemma(w.lower()) for w in _WORD.findall(g.source_text)}
    if lemma in DOCUMENT_CUES or src_words & DOCUMENT_CUES:
        return "poll/document"
    if lemma in STANCE_CUES:
        return "stance/evaluation"
    if lemma in SPEECH_CUES or lemma == "according to" or not g.cue_text.strip(" :"):
        return "speech"
    return "other"


def gold_cue_lemma(doc: Doc, g: GoldAttribution) -> str | None:
    """Lemma of the head word of a gold cue, read from the parsed article."""
    if not g.cue:
        return None
    span = doc.char_span(g.cue[0][0], g.cue[0][1], alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if t.pos_ in ("VERB", "NOUN", "ADJ") and t.lemma_.lower() not in CUE_FILLER]
    if not words:
        return None
    if span[0].lower_ == "according":
        return "according to"
    return words[0].lemma_.lower()


def match_items(
    text: str, gold_contents: Sequence[Fragments], preds: Sequence[PredItem], threshold: float = 0.5
) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, prediction index)`` pairs, greedily by descending content Jaccard."""
    gsets = [charset(text, g) for g in gold_contents]
    psets = [charset(text, p.content) for p in preds]
    pairs = []
    for gi, gs in enumerate(gsets):
        for pi, ps in enumerate(psets):
            if gs & ps:
                j = jaccard(gs, ps)
                if j >= threshold:
                    pairs.append((j, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def score_article(
    name: str,
    text: str,
    gold: Sequence[GoldAttribution],
    predicted: Iterable[Attribution],
    scores: Scores,
    threshold: float = 0.5,
    doc: Doc | None = None,
) -> None:
    """Match one article's predictions to its gold attributions and add the counts to ``scores``."""
    preds = to_pred_items(predicted)
    matched = match_items(text, [g.content for g in gold], preds, threshold)
    used_g = {gi for gi, _ in matched}
    used_p = {pi for _, pi in matched}
    for gi, pi in matched:
        g, p = gold[gi], preds[pi]
        if g.source:
            scores.source_gold += 1
            if p.source and _overlaps(g.source, p.source):
                scores.source_ok += 1
    scores.gold += len(gold)
    scores.predicted += len(preds)
    scores.matched += len(used_g)
    for gi, g in enumerate(gold):
        if gi not in used_g:
            lemma = gold_cue_lemma(doc, g) if doc is not None else None
            scores.misses.append(
                Miss(
                    name,
                    _frag_text(text, g.content),
                    g.cue_text,
                    g.source_text,
                    miss_category(g, lemma),
                    lemma or cue_lemma(g.cue_text),
                )
            )
    for pi, p in enumerate(preds):
        lemma = cue_lemma(p.cue_text) if p.cue_text else "(none)"
        scores.predicted_by_cue[lemma] += 1
        if pi in used_p:
            scores.matched_by_cue[lemma] += 1
        else:
            scores.false_alarms.append((name, _frag_text(text, p.content), p.cue_text))

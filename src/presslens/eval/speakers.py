"""Canonical-speaker gold (``benchmarks/data/speakers*``): reading it and judging a predicted name.

Shared by ``benchmarks/eval_speakers.py`` (scoring) and ``training/train_speaker_resolver.py``
(which learns from the gold articles of the training folds).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from presslens.eval.polnear import load_split
from presslens.extract import cues
from presslens.lexicon.evaluation import PRONOUN_MENTIONS

_PUNCT = re.compile(r"[^\w\s]")
OWN_SPLIT = "own"  # gold of articles the team wrote, text beside the gold file


def normalise(name: str | None) -> str | None:
    """A comparable form of a speaker name (None stays None)."""
    if name is None:
        return None
    s = name.replace("’", "'").replace("'s ", " ").removesuffix("'s").lower()
    words = _PUNCT.sub(" ", s).split()
    while len(words) > 1 and (words[0] == "the" or words[0] in cues.TITLES):
        words = words[1:]
    return " ".join(words) or None


def mention_shape(source_text: str) -> str:
    """Bucket a gold source mention: pronoun, name, description, none."""
    words = source_text.split()
    if not words:
        return "none"
    if len(words) == 1 and words[0].lower() in PRONOUN_MENTIONS:
        return "pronoun"
    content = [w for w in words if w.lower() not in ("the", "a", "an")]
    if content and all(w[:1].isupper() for w in content):
        return "name"
    return "description"


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Article name → gold record, for every finished file (no "TODO" left)."""
    out = {}
    for path in sorted(gold_dir.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if any(r.get("name") == "TODO" or r.get("kind") == "TODO" for r in record["attributions"]):
            continue
        if record.get("split") == OWN_SPLIT:
            record["text"] = path.with_suffix(".txt").read_text(encoding="utf-8")
        out[record["article"]] = record
    return out


def gold_articles(data: Path, gold_by_article: dict[str, dict]) -> list[tuple[str, str, list]]:
    """The ``(name, text, PolNeAR gold attributions)`` of a speaker gold, sorted by split and name.

    Each gold file names its PolNeAR split in ``split`` ("dev" when absent); an article we wrote
    ourselves (``split`` "own", ``benchmarks/own_gold.py``) brings its text and has no PolNeAR gold.
    """
    by_split: dict[str, set[str]] = {}
    for name, record in gold_by_article.items():
        by_split.setdefault(record.get("split", "dev"), set()).add(name)
    own = sorted(by_split.pop(OWN_SPLIT, ()))
    polnear = [a for split in sorted(by_split) for a in load_split(data, split, names=by_split[split])]
    return polnear + [(name, gold_by_article[name]["text"], []) for name in own]


def judge(gold: dict, predicted: str | None) -> tuple[bool, bool, str]:
    """(strictly right, leniently right, error cause) for one matched attribution."""
    want = normalise(gold["name"])
    got = normalise(predicted)
    if want is None:
        return got is None, got is None, "" if got is None else "spurious"
    if got is None:
        return False, False, "missing"
    strict = got == want
    lenient = strict or got in {normalise(a) for a in gold.get("aliases", [])}
    return strict, lenient, "" if lenient else "wrong"

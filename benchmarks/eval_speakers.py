"""Score speaker resolution against our canonical-speaker gold for PolNeAR dev (benchmarks/data/speakers).

Each article is parsed once; attributions are found and resolved as ``presslens analyze`` does
(``find_attributions`` with the speech profile by default, ``find_entities``, ``resolve_speakers``).
Predictions are matched to gold attributions by content exactly as in ``eval_polnear.py``
(character Jaccard ≥ 0.5, one-to-one). On matched pairs, the speaker is right when:

* the gold ``name`` is null (a generic or unnamed source) and presslens gives no name, or
* the normalised predicted name equals the normalised gold name (strict), or one of its
  ``aliases`` (lenient).

Normalisation ignores case, punctuation, possessives, a leading "the" and titles ("Sen.", "Mr.").
Errors are broken down by cause: ``missing`` (gold named, none predicted), ``wrong`` (another
name), ``spurious`` (gold generic, a name predicted), and by the shape of the gold source mention.

    .venv/bin/python benchmarks/eval_speakers.py
    .venv/bin/python benchmarks/eval_speakers.py --show-errors 40 --profile parc
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from presslens import nlp as presslens_nlp
from presslens.eval.polnear import load_split, match_items, to_pred_items
from presslens.extract import cues
from presslens.extract.attributions import find_attributions
from presslens.extract.entities import find_entities
from presslens.extract.speakers import resolve_speakers
from presslens.schema import Article

DEFAULT_DATA = Path("/work/shared/data/polnear")
GOLD_DIR = Path(__file__).parent / "data" / "speakers"
_PUNCT = re.compile(r"[^\w\s]")
_PRONOUNS = frozenset("he she him her his hers they them their it its i we you who which that".split())


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
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
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
        out[record["article"]] = record
    return out


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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR root (with metadata.tsv)")
    p.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of speaker gold files")
    p.add_argument("--profile", choices=("speech", "parc"), default="speech", help="attribution profile")
    p.add_argument("--show-errors", type=int, default=0, metavar="K", help="print K errors")
    p.add_argument("--threshold", type=float, default=0.5, help="content Jaccard needed for a match")
    args = p.parse_args(argv)
    if not (args.data / "dev").is_dir():
        print(f"PolNeAR data not found under {args.data}; skipping.")
        return 0
    gold_by_article = load_gold(args.gold)
    if not gold_by_article:
        print(f"No finished speaker gold under {args.gold}; skipping.")
        return 0
    articles = [a for a in load_split(args.data, "dev") if a[0] in gold_by_article]
    nlp = presslens_nlp.load()
    counts: Counter[str] = Counter()
    shapes: Counter[tuple[str, bool]] = Counter()
    errors: list[tuple[str, str, str, str | None, str | None]] = []
    parse_s = resolve_s = 0.0
    docs = nlp.pipe((text for _, text, _ in articles), batch_size=16)
    for name, text, _ in articles:
        t0 = time.perf_counter()
        doc = next(docs)
        t1 = time.perf_counter()
        predicted = find_attributions(doc, profile=args.profile)
        t2 = time.perf_counter()
        resolve_speakers(doc, predicted, find_entities(doc), article=Article(text=text))
        resolve_s += time.perf_counter() - t2
        parse_s += t1 - t0
        rows = gold_by_article[name]["attributions"]
        items = to_pred_items(predicted)
        contents = [tuple(tuple(f) for f in r["content"]) for r in rows]
        for gi, pi in match_items(text, contents, items, args.threshold):
            row, attribution = rows[gi], items[pi].attribution
            got = attribution.source.name if attribution else None
            strict, lenient, cause = judge(row, got)
            counts["matched"] += 1
            counts["strict"] += strict
            counts["lenient"] += lenient
            counts[cause or "ok"] += 1
            shapes[(mention_shape(row["source_text"]), lenient)] += 1
            if cause:
                errors.append((name, cause, row["source_text"], row["name"], got))
        counts["gold"] += len(rows)
    n = counts["matched"]
    print(f"speaker gold: {len(articles)} articles, {counts['gold']} gold attributions, {n} matched")
    if n:
        print(f"speaker accuracy: strict {counts['strict'] / n:.3f}, lenient {counts['lenient'] / n:.3f}")
        print(
            "errors: "
            + ", ".join(f"{k} {counts[k]}" for k in ("missing", "wrong", "spurious"))
            + " | by gold mention: "
            + ", ".join(
                f"{s} {shapes[(s, True)]}/{shapes[(s, True)] + shapes[(s, False)]}"
                for s in ("name", "pronoun", "description", "none")
            )
        )
    print(f"resolution (entities + speakers) adds {resolve_s / max(parse_s, 1e-9):.1%} to the parse")
    for name, cause, mention, want, got in errors[: args.show_errors]:
        print(f"{cause:8} {name[:40]:40} {mention!r:30} gold={want!r} got={got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

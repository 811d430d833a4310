"""Score speaker resolution against our canonical-speaker gold (benchmarks/data/speakers*, outlets-*).

The gold folders annotate PolNeAR articles (``speakers*``) or articles the team wrote in the styles
of other outlets (``outlets-*``, text beside the gold; ``own_gold.py``). For the latter, which
annotate every reported statement with its type, a ``content:`` line adds precision and recall of
the statements found, overall and by type (precision by the predicted type).

Each article is parsed once; attributions are found and resolved as ``presslens analyze`` does
(``find_attributions`` with the speech profile by default, ``find_entities``, ``resolve_speakers``).
Predictions are matched to gold attributions by content exactly as in ``eval_polnear.py``
(character Jaccard ≥ 0.5, one-to-one), except that on our own articles a quote continued in a new
paragraph stays a statement of its own, as their gold annotates it. On matched pairs, the speaker is right when:

* the gold ``name`` is null (a generic or unnamed source) and presslens gives no name, or
* the normalised predicted name equals the normalised gold name (strict), or one of its
  ``aliases`` (lenient).

Normalisation ignores case, punctuation, possessives, a leading "the" and titles ("Sen.", "Mr.").
Joint sources ("Mr. King and Mr. Schultz"; gold ``joint`` lists the members) are counted apart, as
presslens gives one speaker per attribution. Errors are broken down by cause: ``missing`` (gold named, none predicted), ``wrong`` (another
name), ``spurious`` (gold generic, a name predicted), and by the shape of the gold source mention.

    .venv/bin/python benchmarks/eval_speakers.py
    .venv/bin/python benchmarks/eval_speakers.py --show-errors 40 --profile parc
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from presslens import nlp as presslens_nlp
from presslens.eval.polnear import match_items, to_pred_items
from presslens.eval.speakers import OWN_SPLIT, gold_articles, judge, load_gold, mention_shape, normalise
from presslens.extract.attributions import find_attributions
from presslens.extract.entities import find_entities
from presslens.extract.speakers import resolve_speakers
from presslens.extract.speakers.model import ResolverModel
from presslens.schema import Article

DEFAULT_DATA = Path("/work/shared/data/polnear")
GOLD_DIR = Path(__file__).parent / "data" / "speakers"


class ContentScores:
    """Content precision and recall by statement type, for gold that annotates every statement with
    its ``type`` (our own articles; PolNeAR's figures come from ``eval_polnear.py``). A gold
    statement is found when a prediction matches it; a prediction is right when it matches a gold
    statement, whatever the two types."""

    def __init__(self) -> None:
        self.gold: Counter[str] = Counter()
        self.found: Counter[str] = Counter()
        self.predicted: Counter[str] = Counter()
        self.right: Counter[str] = Counter()
        self.typed = False

    def add(self, rows: list[dict], items: list, pairs: list[tuple[int, int]]) -> None:
        if not rows or not all("type" in r for r in rows):
            return
        self.typed = True
        matched = dict(pairs)
        right = set(matched.values())
        for gi, row in enumerate(rows):
            self.gold[row["type"]] += 1
            self.found[row["type"]] += gi in matched
        for pi, item in enumerate(items):
            kind = item.attribution.type if item.attribution else "direct"
            self.predicted[kind] += 1
            self.right[kind] += pi in right

    def summary(self) -> str:
        parts = []
        for kind in ("all", "direct", "indirect", "mixed"):
            gold, found, predicted, right = (
                sum(c.values()) if kind == "all" else c[kind]
                for c in (self.gold, self.found, self.predicted, self.right)
            )
            p, r = right / max(predicted, 1), found / max(gold, 1)
            f = 2 * p * r / (p + r) if p + r else 0.0
            parts.append(f"{kind} P {p:.3f} R {r:.3f} F1 {f:.3f} ({gold} gold, {predicted} found)")
        return "content: " + "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR root (with metadata.tsv)")
    p.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of speaker gold files")
    p.add_argument("--profile", choices=("speech", "parc"), default="speech", help="attribution profile")
    p.add_argument(
        "--model", type=Path, default=None, help="folder of another speaker-resolver model to score"
    )
    p.add_argument("--show-errors", type=int, default=0, metavar="K", help="print K errors")
    p.add_argument("--threshold", type=float, default=0.5, help="content Jaccard needed for a match")
    args = p.parse_args(argv)
    gold_by_article = load_gold(args.gold)
    if not gold_by_article:
        print(f"No finished speaker gold under {args.gold}; skipping.")
        return 0
    if not (args.data / "dev").is_dir() and any(
        r.get("split") != OWN_SPLIT for r in gold_by_article.values()
    ):
        print(f"PolNeAR data not found under {args.data}; skipping.")
        return 0
    articles = gold_articles(args.data, gold_by_article)
    nlp = presslens_nlp.load()
    model = ResolverModel.load(args.model) if args.model else None
    counts: Counter[str] = Counter()
    shapes: Counter[tuple[str, bool]] = Counter()
    errors: list[tuple[str, str, str, str | None, str | None]] = []
    partial: list[tuple[str, str, str, str | None, str | None]] = []  # leniently right only
    parse_s = resolve_s = 0.0
    content = ContentScores()
    docs = nlp.pipe((text for _, text, _ in articles), batch_size=16)
    for name, text, _ in articles:
        t0 = time.perf_counter()
        doc = next(docs)
        t1 = time.perf_counter()
        predicted = find_attributions(doc, profile=args.profile)
        t2 = time.perf_counter()
        resolve_speakers(doc, predicted, find_entities(doc), article=Article(text=text), model=model)
        resolve_s += time.perf_counter() - t2
        parse_s += t1 - t0
        rows = gold_by_article[name]["attributions"]
        items = to_pred_items(predicted, merge_continuations=gold_by_article[name].get("split") != OWN_SPLIT)
        contents = [tuple(tuple(f) for f in r["content"]) for r in rows]
        pairs = match_items(text, contents, items, args.threshold)
        content.add(rows, items, pairs)
        for gi, pi in pairs:
            row, attribution = rows[gi], items[pi].attribution
            got = attribution.source.name if attribution else None
            counts["matched"] += 1
            if row.get("joint"):
                counts["joint"] += 1
                counts["joint_member"] += normalise(got) in {normalise(m) for m in row["joint"]}
                continue
            strict, lenient, cause = judge(row, got)
            mention = attribution.source.mention if attribution else None
            if (
                cause
                and row["source"]
                and not (mention and any(a < mention.end and mention.start < b for a, b in row["source"]))
            ):
                cause += " (other source mention)"  # the extractor picked another mention: not the resolver's
                got = f"{got!r} from {mention.text if mention else None!r}"
            counts["strict"] += strict
            counts["lenient"] += lenient
            counts[cause or "ok"] += 1
            shapes[(mention_shape(row["source_text"]), lenient)] += 1
            if cause:
                errors.append((name, cause, row["source_text"], row["name"], got))
            elif not strict:
                partial.append((name, "partial", row["source_text"], row["name"], got))
        counts["gold"] += len(rows)
    n = counts["matched"] - counts["joint"]
    print(
        f"speaker gold: {len(articles)} articles, {counts['gold']} gold attributions, "
        f"{counts['matched']} matched, {n} scored"
    )
    if n:
        print(f"speaker accuracy: strict {counts['strict'] / n:.3f}, lenient {counts['lenient'] / n:.3f}")
        print(
            "errors: "
            + ", ".join(
                f"{k} {v}"
                for k, v in sorted(counts.items())
                if k.startswith(("missing", "wrong", "spurious"))
            )
            + " | by gold mention: "
            + ", ".join(
                f"{s} {shapes[(s, True)]}/{shapes[(s, True)] + shapes[(s, False)]}"
                for s in ("name", "pronoun", "description", "none")
            )
        )
    if content.typed:
        print(content.summary())
    print(f"joint sources (not scored): {counts['joint']}, one member named in {counts['joint_member']}")
    print(f"resolution (entities + speakers) adds {resolve_s / max(parse_s, 1e-9):.1%} to the parse")
    for name, cause, mention, want, got in [*errors, *partial][: args.show_errors]:
        print(
            f"{cause:8} {name[:40]:40} {mention!r:30} gold={want!r} got={got if ' from ' in str(got) else repr(got)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

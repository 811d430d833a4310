"""Score quantities and dates against the hand-annotated gold in ``benchmarks/data/quantities/``.

Each gold file is one article (see that folder's README for the annotation rules). Articles written
for the benchmark carry their text; PolNeAR dev articles carry only offsets, the file name and the
text's SHA-256, and are read from ``--polnear`` (skipped with a note when absent or changed).

Each article is analysed by the default pipeline (``Pipeline.analyze``, the same record
``presslens analyze`` prints); quantities are read from the record's top-level ``quantities`` or,
for a record without that layer, gathered from its claims. Gold and predicted spans are paired one
to one by largest character overlap. Reported:

* quantities: span F1 with overlap matching (the headline figure) and with exact offsets; on the
  overlapping pairs, the accuracy of ``value`` (and ``value_high``; relative tolerance 1e-3),
  ``comparator``, ``unit`` (case-insensitive) and ``measures`` (right when it shares a content word
  with the gold);
* dates: span F1 (overlap and exact) and the accuracy of the normalised ``value`` on the pairs.

Usage: ``.venv/bin/python benchmarks/eval_quantities.py [--gold DIR] [--polnear DIR] [--json] [--errors]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "benchmarks" / "data" / "quantities"
POLNEAR = Path("/work/shared/data/polnear")
_STOP = frozenset("a an the of in to for and or by on at with from as its his her their".split())


def load_gold(gold_dir: Path, polnear: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The gold articles with their text, and notes on the ones skipped."""
    articles, notes = [], []
    for path in sorted(gold_dir.glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        if "text" not in rec:
            src = polnear / rec["file"]
            if not src.is_file():
                notes.append(f"{rec['id']}: {src} not found, skipped")
                continue
            text = src.read_text(encoding="utf-8")
            if hashlib.sha256(text.encode()).hexdigest() != rec["sha256"]:
                notes.append(f"{rec['id']}: {src} differs from the annotated text, skipped")
                continue
            rec["text"] = text
        articles.append(rec)
    return articles, notes


def _as_dict(x: Any) -> dict[str, Any]:
    return asdict(x) if is_dataclass(x) and not isinstance(x, type) else dict(x)


def predicted_quantities(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's quantities: its top-level layer, else those inside its claims (older records)."""
    if "quantities" in record:
        return [q for q in record["quantities"] if q.get("start") is not None]
    found = {}
    for claim in record.get("claims") or []:
        for q in claim.get("quantities") or []:
            if isinstance(q, dict) and q.get("start") is not None:
                found[(q["start"], q["end"])] = q
    return [found[k] for k in sorted(found)]


def pair(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans, largest overlap first."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > 0:
                cands.append((-ov, i, j))
    used_g, used_p, out = set(), set(), []
    for _, i, j in sorted(cands):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-3, abs_tol=1e-9)


def _words(s: str | None) -> set[str]:
    return {w for w in (s or "").lower().replace("’", "'").split() if w not in _STOP}


def _measures(q: dict[str, Any]) -> str | None:
    """What a predicted quantity measures (``measured`` in records written before the quantities layer)."""
    return q.get("measures", q.get("measured"))


def _f1(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


class Tally:
    """Counts for one layer across articles."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        self.gold = self.pred = self.tp = self.exact = 0
        self.right = dict.fromkeys(fields, 0)
        self.errors: list[str] = []

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.gold, "predicted": self.pred, "overlap": _f1(self.tp, self.gold, self.pred),
                               "exact": _f1(self.exact, self.gold, self.pred)}
        for name, n in self.right.items():
            out[f"{name}_accuracy"] = round(n / self.tp, 3) if self.tp else 0.0
        return out


def _matched(t: Tally, gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Pair gold and predicted spans and count them (gold, predicted, matched, exact) in ``t``."""
    t.gold, t.pred = t.gold + len(gold), t.pred + len(pred)
    pairs = pair(gold, pred)
    t.tp += len(pairs)
    t.exact += sum((gold[i]["start"], gold[i]["end"]) == (pred[j]["start"], pred[j]["end"]) for i, j in pairs)
    return pairs


def _unmatched(t: Tally, text: str, gold: list[dict], pred: list[dict], pairs: list[tuple[int, int]],
               aid: str, kind: str = "") -> None:
    """Record each gold span without a match as missed, each predicted one as extra ("missed date …")."""
    matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
    t.errors += [f"{aid}: missed {kind}{text[g['start']:g['end']]!r}" for i, g in enumerate(gold) if i not in matched_g]
    t.errors += [f"{aid}: extra {kind}{text[p['start']:p['end']]!r}" for j, p in enumerate(pred) if j not in matched_p]


def score_quantities(t: Tally, text: str, gold: list[dict], pred: list[dict], aid: str) -> None:
    pairs = _matched(t, gold, pred)
    for i, j in pairs:
        g, p = gold[i], pred[j]
        checks = {
            "value": _same_number(g["value"], p.get("value")) and _same_number(g.get("value_high"), p.get("value_high")),
            "comparator": g["comparator"] == p.get("comparator"),
            "unit": (g.get("unit") or "").lower() == (p.get("unit") or "").lower(),
            "measures": not g.get("measures") or bool(_words(g["measures"]) & _words(_measures(p))),
        }
        for name, ok in checks.items():
            t.right[name] += ok
        bad = [n for n in ("value", "comparator", "unit") if not checks[n]]
        if bad:
            t.errors.append(f"{aid}: {text[g['start']:g['end']]!r} gold {[g[n] for n in ('value', 'value_high', 'comparator', 'unit')]} "
                            f"got {[p.get(n) for n in ('value', 'value_high', 'comparator', 'unit')]}")
    _unmatched(t, text, gold, pred, pairs, aid)


def score_dates(t: Tally, text: str, gold: list[dict], pred: list[dict], aid: str) -> None:
    pairs = _matched(t, gold, pred)
    for i, j in pairs:
        g, p = gold[i], pred[j]
        ok = g["value"] == p.get("value")
        t.right["value"] += ok
        if not ok:
            t.errors.append(f"{aid}: {text[g['start']:g['end']]!r} gold {g['value']} got {p.get('value')}")
    _unmatched(t, text, gold, pred, pairs, aid, "date ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD, help="folder of gold .json files")
    parser.add_argument("--polnear", type=Path, default=POLNEAR, help="PolNeAR folder (holds dev/text)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true", help="list every miss, extra and wrong field")
    args = parser.parse_args(argv)
    articles, notes = load_gold(args.gold, args.polnear)
    for note in notes:
        print(note, file=sys.stderr)
    if not articles:
        print(f"no gold articles under {args.gold}")
        return 1

    sys.path.insert(0, str(REPO / "src"))
    from presslens.pipeline import Pipeline
    from presslens.schema import Article

    pipeline = Pipeline()
    quantities = Tally(("value", "comparator", "unit", "measures"))
    dates = Tally(("value",))
    for rec in articles:
        analysis = pipeline.analyze(Article(text=rec["text"], published=rec["published"]))
        record = analysis.to_dict() if hasattr(analysis, "to_dict") else _as_dict(analysis)
        score_quantities(quantities, rec["text"], rec["quantities"], predicted_quantities(record), rec["id"])
        score_dates(dates, rec["text"], rec["dates"], record.get("dates") or [], rec["id"])
    result = {"articles": len(articles), "quantities": quantities.figures(), "dates": dates.figures()}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        q, d = result["quantities"], result["dates"]
        print(f"{len(articles)} articles, {q['gold']} gold quantities, {d['gold']} gold dates")
        print(f"quantities  F1 {q['overlap']['f1']:.3f} (P {q['overlap']['precision']:.3f} R {q['overlap']['recall']:.3f}),"
              f" exact-span F1 {q['exact']['f1']:.3f}; value {q['value_accuracy']:.3f}, comparator "
              f"{q['comparator_accuracy']:.3f}, unit {q['unit_accuracy']:.3f}, measures {q['measures_accuracy']:.3f}")
        print(f"dates       F1 {d['overlap']['f1']:.3f} (P {d['overlap']['precision']:.3f} R {d['overlap']['recall']:.3f}),"
              f" exact-span F1 {d['exact']['f1']:.3f}; normalised value {d['value_accuracy']:.3f}")
    if args.errors:
        for line in quantities.errors + dates.errors:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Tools for the canonical-speaker gold of PolNeAR dev articles (``benchmarks/data/speakers/``).

PolNeAR marks each attribution's source as written ("he", "a spokesman", "the Trump campaign") and
does not resolve it. The speaker gold adds, for every gold attribution of a selected dev article,
the canonical speaker a careful reader would name. One JSON file per article:

    {"article": "<name>", "annotation": "<the PolNeAR .ann file used>",
     "attributions": [{"content": [[s, e], ...], "source": [[s, e]], "source_text": "he",
                       "name": "Donald Trump", "aliases": ["Donald J. Trump"], "kind": "person"}, ...]}

``content`` and ``source`` are PolNeAR's character offsets (so predictions are matched exactly as in
``eval_polnear.py``); ``name`` is null for a generic or unnamed source. No article text is stored:
only offsets and the short source mention.

    .venv/bin/python benchmarks/speaker_gold.py articles            # the selected dev articles
    .venv/bin/python benchmarks/speaker_gold.py skeleton NAME...     # write files with name "TODO"
    .venv/bin/python benchmarks/speaker_gold.py show NAME            # article and its attributions

``--gold-dir benchmarks/data/speakers-heldout`` writes the held-out gold instead: articles of the
other half of dev, annotated the same way, that neither training nor tuning ever reads (only
``eval_speakers.py --gold``). ``--split train`` annotates PolNeAR train articles the same way; their
files record ``"split": "train"`` so that scoring and training read the right text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from presslens.eval.polnear import first_annotators, load_split

DEFAULT_DATA = Path("/work/shared/data/polnear")
GOLD_DIR = Path(__file__).parent / "data" / "speakers"


def selected_articles(data: Path) -> list[str]:
    """Every second dev article by sorted name: 42 articles spread over the seven publishers."""
    names = sorted(p.stem for p in (data / "dev" / "text").glob("*.txt"))
    return names[::2]


def _article(data: Path, name: str, split: str) -> tuple[str, list]:
    for _, text, gold in load_split(data, split, names={name}):
        return text, gold
    raise SystemExit(f"no {split} article named {name!r}")


def skeleton(data: Path, name: str, gold_dir: Path = GOLD_DIR, split: str = "dev") -> Path:
    """Write the gold file of one article with every name set to "TODO" (never overwrites)."""
    text, gold = _article(data, name, split)
    out = gold_dir / f"{name}.json"
    if out.exists():
        raise SystemExit(f"{out} exists; not overwriting")
    rows = [
        {
            "content": [list(f) for f in g.content],
            "source": [list(f) for f in g.source],
            "source_text": g.source_text,
            "name": "TODO",
            "aliases": [],
            "kind": "TODO",
        }
        for g in sorted(gold, key=lambda g: g.content[0])
    ]
    ann = f"{name}_{first_annotators(data).get(name, '')}.ann"
    gold_dir.mkdir(parents=True, exist_ok=True)
    record = {"article": name, "annotation": ann} | ({"split": split} if split != "dev" else {})
    out.write_text(json.dumps(record | {"attributions": rows}, indent=1) + "\n")
    return out


def show(data: Path, name: str, split: str = "dev") -> None:
    """Print the article, then each gold attribution with its index, source, cue and content."""
    text, gold = _article(data, name, split)
    print(text)
    print("=" * 80)
    for i, g in enumerate(sorted(gold, key=lambda g: g.content[0])):
        content = " … ".join(text[a:b] for a, b in g.content)
        print(f"[{i}] @{g.content[0][0]} SOURCE={g.source_text!r} CUE={g.cue_text!r}\n     {content[:300]}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("command", choices=("articles", "skeleton", "show"))
    p.add_argument("names", nargs="*")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--gold-dir", type=Path, default=GOLD_DIR, help="where skeleton writes gold files")
    p.add_argument("--split", choices=("dev", "train"), default="dev", help="PolNeAR split of the articles")
    args = p.parse_args(argv)
    if not (args.data / "dev").is_dir():
        print(f"PolNeAR data not found under {args.data}; skipping.")
        return 0
    if args.command == "articles":
        print("\n".join(selected_articles(args.data)))
    elif args.command == "skeleton":
        for name in args.names:
            print(skeleton(args.data, name, args.gold_dir, args.split))
    else:
        for name in args.names:
            show(args.data, name, args.split)
    return 0


if __name__ == "__main__":
    sys.exit(main())

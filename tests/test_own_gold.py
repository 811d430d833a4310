"""Gold of articles the team writes itself: the soundness check and the speaker gold reader."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from presslens.eval.speakers import gold_articles, load_gold

TEXT = 'Ottawa Gazette\n\n"We are ready," Mayor Ana Lim said on Monday.\n'


def _own_gold():
    spec = importlib.util.spec_from_file_location(
        "own_gold", Path(__file__).parents[1] / "benchmarks" / "own_gold.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(folder: Path, content: list[int]) -> Path:
    start = TEXT.index("We are")
    row = {
        "type": "direct",
        "content": [content],
        "content_text": ["We are ready,"],
        "cue": [[TEXT.index("said"), TEXT.index("said") + 4]],
        "cue_text": "said",
        "source": [[TEXT.index("Mayor"), TEXT.index(" said")]],
        "source_text": "Mayor Ana Lim",
        "name": "Ana Lim",
        "aliases": ["Lim"],
        "kind": "person",
    }
    assert TEXT[start : start + 13] == "We are ready,"
    (folder / "wire-01-ready.txt").write_text(TEXT, encoding="utf-8")
    path = folder / "wire-01-ready.json"
    record = {"article": "wire-01-ready", "split": "own", "style": "wire", "attributions": [row]}
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def test_sound_own_gold_is_read_with_its_text(tmp_path: Path) -> None:
    start = TEXT.index("We are")
    path = _write(tmp_path, [start, start + 13])
    assert _own_gold().problems(path) == []
    gold = load_gold(tmp_path)
    [(name, text, polnear)] = gold_articles(tmp_path / "no-polnear-here", gold)
    assert (name, text, polnear) == ("wire-01-ready", TEXT, [])


def test_an_offset_that_does_not_give_the_written_text_is_reported(tmp_path: Path) -> None:
    start = TEXT.index("We are")
    path = _write(tmp_path, [start + 1, start + 14])
    [problem] = _own_gold().problems(path)
    assert "content" in problem and "'We are ready,'" in problem

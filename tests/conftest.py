"""Shared fixtures: one spaCy pipeline per test session, a runner for the real CLI, test stories."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def nlp():
    from presslens.nlp import load

    return load()


@pytest.fixture(scope="session")
def resolve(nlp):
    """Attributions with resolved speakers for ``text`` (and the article's metadata), after checking
    every source mention's offsets and confidence."""
    from presslens.extract.attributions import find_attributions
    from presslens.extract.entities import find_entities
    from presslens.extract.speakers import resolve_speakers
    from presslens.schema import Article

    def run(text: str, **meta: str) -> list:
        doc = nlp(text)
        found = resolve_speakers(doc, find_attributions(doc), find_entities(doc), article=Article(text=text, **meta))
        for a in found:
            m = a.source.mention
            assert m is None or text[m.start : m.end] == m.text
            assert a.source.confidence is not None and 0.0 <= a.source.confidence <= 1.0
        return found

    return run


def source_rows(found: list) -> list[tuple[str, str | None, str]]:
    """(source mention, canonical name, kind) of each attribution with a source mention, in order."""
    return [(a.source.mention.text, a.source.name, a.source.kind) for a in found if a.source.mention]


def attribution_rows(nlp, text: str, profile: str = "speech") -> list[tuple[str, str | None, int, int, str | None]]:
    """(type, cue, content start, content end, source mention) of each attribution found in ``text``,
    after checking that every span's offsets give its text."""
    return [(kind, cue, start, end, mention) for kind, _, cue, start, end, mention in attribution_acts(nlp, text, profile)]


def attribution_acts(nlp, text: str, profile: str = "speech") -> list[tuple[str, str, str | None, int, int, str | None]]:
    """As ``attribution_rows``, with each attribution's act after its type."""
    from presslens.extract.attribution import find_attributions

    out = []
    for a in find_attributions(nlp(text), profile=profile):
        for span in (a.content, a.cue, a.source.mention):
            assert span is None or text[span.start : span.end] == span.text
        mention = a.source.mention.text if a.source.mention else None
        out.append((a.type, a.act, a.cue.text if a.cue else None, a.content.start, a.content.end, mention))
    return out


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def require(present: bool, message: str) -> None:
    """Skip a test whose optional dependency is missing, except under CI, which must have it."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (skipped without it, except under CI where it must exist)."""
    require(Path(CHROMIUM).exists(),
            f"{CHROMIUM} is missing (apt-get install chromium); browser tests need Debian's Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def pipeline(nlp):
    from presslens.pipeline import Pipeline

    return Pipeline(nlp)


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``python -m presslens ARGS`` as a user would and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "presslens", *args],
        input=stdin, capture_output=True, timeout=timeout, cwd=ROOT,
    )


STORY_PEOPLE = ("Mayor Ann Cole", "Senator Tim Brandt", "Judge Maria Okafor", "Ann Cole", "Chief Inspector Lee Park")


def write_stories(folder: Path, count: int, start: int = 0, people: tuple[str, ...] = STORY_PEOPLE) -> list[Path]:
    """``count`` short, distinct news stories, each with one direct and one indirect quote."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        who = people[i % len(people)]
        text = (f"Council vote number {i}\n\n"
                f'"We will repair {i + 2} bridges before the winter," {who} said on Tuesday.\n\n'
                f"{who.split()[-1]} said the plan for district {i} would cost {i * 3 + 1} million dollars.\n")
        path = folder / f"story{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths

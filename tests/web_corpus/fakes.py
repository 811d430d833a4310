"""A deterministic stand-in for the analysis pipeline, for tests of the analyze page's wiring."""

from __future__ import annotations

import re

from presslens.schema import Article

_QUOTE = re.compile(r'"([^"]+)" (\w+) (said)')


def fake_analyzer(article: Article) -> dict:
    """Every ``"…" NAME said`` becomes a direct quote by NAME; nothing else is found."""
    text = article.text
    attributions = []
    for m in _QUOTE.finditer(text):
        attributions.append({
            "type": "direct",
            "content": {"start": m.start(1), "end": m.end(1), "text": m.group(1)},
            "cue": {"start": m.start(3), "end": m.end(3), "text": m.group(3)},
            "source": {"name": m.group(2), "kind": "person",
                       "mention": {"start": m.start(2), "end": m.end(2), "text": m.group(2)}, "entity": None},
        })
    return {"id": article.id, "url": article.url, "outlet": article.outlet, "title": article.title,
            "author": None, "published": article.published, "text": text, "attributions": attributions,
            "entities": [], "dates": [], "claims": [], "framing": []}

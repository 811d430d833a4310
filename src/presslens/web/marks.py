"""A piece of article text as HTML with some spans marked: each piece between two span edges is escaped on
its own and wrapped in one ``<span>`` carrying the classes of every span covering it."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from presslens.web.bidi import isolated


def mark_spans(text: str, offset: int, spans: Sequence[tuple[int, int, str, str]]) -> Markup:
    """``text`` (starting at article offset ``offset``) with ``spans`` (start, end, css class, tooltip) marked."""
    cuts = {0, len(text)}
    local = []
    for start, end, css, tip in spans:
        s, e = max(0, start - offset), min(len(text), end - offset)
        if s < e:
            local.append((s, e, css, tip))
            cuts.update((s, e))
    edges = sorted(cuts)
    out: list[str] = []
    for a, b in zip(edges, edges[1:], strict=False):
        piece = str(escape(text[a:b]))
        covering = [(css, tip) for s, e, css, tip in local if s <= a and b <= e]
        if covering:
            classes = " ".join(dict.fromkeys(css for css, _ in covering))
            tips = "; ".join(dict.fromkeys(tip for _, tip in covering if tip))
            title = f' title="{escape(isolated(tips))}"' if tips else ""
            piece = f'<span class="{escape(classes)}"{title}>{piece}</span>'
        out.append(piece)
    return Markup("".join(out))  # every piece was escaped above

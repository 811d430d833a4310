"""The readable text report of one Analysis, printed with rich.

All article text goes through ``rich.text.Text`` (never markup), so brackets or escape codes
inside an article cannot style or move the terminal.
"""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from presslens.schema import LOW_CONFIDENCE, Analysis, Attribution, Quantity

MAX_CLAIMS = 10
MAX_QUANTITIES = 30


def _clean(value: str) -> str:
    """Drop control characters (terminal escapes) from article text before printing."""
    return "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in value)


def speaker_label(attribution: Attribution) -> str:
    """How a source is named in the report: its canonical name, else its mention, else 'unknown'."""
    source = attribution.source
    if source.name:
        return source.name
    if source.mention:
        return f"{source.mention.text} (unresolved)"
    return "unknown source"


def render_report(analysis: Analysis, out: Console) -> None:
    """Print a report grouped by speaker, then claims, dates and framing."""
    article = analysis.article
    out.print(Rule(Text(_clean(article.title or article.origin or article.id or "article"), style="bold")))
    meta = [
        f"{k}: {_clean(v)}"
        for k, v in (
            ("outlet", article.outlet),
            ("published", article.published),
            ("author", article.author),
            ("source", article.origin or article.url),
        )
        if v
    ]
    if meta:
        out.print(Text(" · ".join(meta), style="dim"))
    _print_attributions(analysis, out)
    _print_claims(analysis, out)
    _print_quantities(analysis, out)
    if analysis.framing:
        out.print(Text("\nFraming", style="bold underline"))
        for span in analysis.framing:
            line = Text("  ")
            line.append(_clean(span.text), style="magenta")
            line.append(f"  {span.technique} ({span.score:.2f})", style="dim")
            out.print(line)
    out.print()


def _print_attributions(analysis: Analysis, out: Console) -> None:
    groups: dict[str, list[Attribution]] = defaultdict(list)
    for attribution in analysis.attributions:
        groups[speaker_label(attribution)].append(attribution)
    out.print(
        Text(
            f"\nWho said what ({len(analysis.attributions)} statements, {len(groups)} sources)",
            style="bold underline",
        )
    )
    for label, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        kind = items[0].source.kind
        out.print(Text.assemble(("\n" + _clean(label), "bold cyan"), (f"  [{kind}, {len(items)}]", "dim")))
        for item in items:
            line = Text("  • ")
            line.append(item.type.ljust(8), style="green" if item.type == "direct" else "yellow")
            if item.act != "speech":  # a belief or stance, not something said
                line.append(f" {item.act}", style="magenta")
            cue = item.cue.text if item.cue else "—"
            line.append(f" {_clean(cue)}: ", style="italic")
            mention = item.source.mention.text if item.source.mention else None
            content = _clean(item.content.text)
            line.append(f"“{content}”" if item.type == "direct" else content)
            extras = []
            if item.relayed_by is not None:
                extras.append(f"relayed by {_clean(item.relayed_by.text)}")
            if mention and mention != label:
                extras.append(f"as “{_clean(mention)}”")
            if item.said_on and item.said_on_from_text:
                extras.append(f"on {item.said_on}")
            confidence = item.source.confidence
            if confidence is not None and confidence < LOW_CONFIDENCE:
                extras.append(f"speaker uncertain: {confidence:.2f}, check by hand")
            if extras:
                line.append("  (" + ", ".join(extras) + ")", style="dim")
            out.print(line)


def _print_claims(analysis: Analysis, out: Console) -> None:
    if not analysis.claims:
        return
    ranked = sorted(analysis.claims, key=lambda c: -c.checkworthy)[:MAX_CLAIMS]
    out.print(
        Text(f"\nCheck-worthy claims (top {len(ranked)} of {len(analysis.claims)})", style="bold underline")
    )
    for claim in ranked:
        line = Text(f"  {claim.checkworthy:.2f} ", style="bold")
        line.append(_clean(claim.text))
        who = [x for x in (claim.speaker, claim.said_on) if x]
        if who:
            line.append("  — " + ", ".join(who), style="dim")
        for index in claim.quantities:
            if 0 <= index < len(analysis.quantities):
                line.append("\n       " + describe_quantity(analysis.quantities[index]), style="dim")
        out.print(line)


def describe_quantity(quantity: Quantity) -> str:
    """One line for a quantity: comparator, value (or range), unit and what it measures."""

    def number(x: float | None) -> str:
        return "?" if x is None else f"{x:,.10g}"

    if quantity.comparator == "range" or quantity.value_high is not None:
        amount = f"{number(quantity.value)} to {number(quantity.value_high)}"
    else:
        comparator = quantity.comparator if quantity.comparator not in (None, "=") else ""
        amount = f"{comparator} {number(quantity.value)}".strip()
    unit = f" {quantity.unit}" if quantity.unit else ""
    measures = f" ({quantity.measures})" if quantity.measures else ""
    return _clean(f"{amount}{unit}{measures}")


def _print_quantities(analysis: Analysis, out: Console) -> None:
    if not analysis.quantities:
        return
    shown = analysis.quantities[:MAX_QUANTITIES]
    out.print(Text(f"\nNumbers (first {len(shown)} of {len(analysis.quantities)})", style="bold underline"))
    for quantity in shown:
        line = Text("  ")
        line.append(_clean(quantity.text), style="bold")
        line.append("  " + describe_quantity(quantity), style="dim")
        out.print(line)

"""Server-rendered SVG charts with axis labels and legends.

Charts are built as strings in Python: every label passes through ``markupsafe.escape``, colours
are presentation attributes (no inline ``style``, so the Content-Security-Policy can forbid
inline styles), and each bar carries a ``<title>`` so hovering shows the exact number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from presslens.web.bidi import isolated

# Colour-blind-friendly palette (Okabe-Ito order, extended); outlets and quote types reuse it.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#7f7f7f",
           "#332288", "#88ccee")
TYPE_COLOURS = {"direct": "#0072b2", "indirect": "#e69f00", "mixed": "#009e73"}
OTHER_COLOUR = "#b0b0b0"
LABEL_CHARS = 26


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a bar chart: label, value and an optional link."""

    label: str
    value: float
    href: str | None = None


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def axis_ticks(max_value: float, target: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``max_value``: steps of 1, 2 or 5 × 10^k, whole numbers only."""
    if max_value <= 0:
        return [0, 1]
    raw = max_value / target
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, round(step))
    top = math.ceil(max_value / step) * step
    return [float(v) for v in range(0, int(top) + 1, int(step))]


def _num(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    head = (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")  # all labels below are escaped


def bar_chart(bars: Sequence[Bar], *, title: str, value_label: str, colour: str = PALETTE[0],
              width: int = 600) -> Markup:
    """Horizontal bars, one per label, with a value axis and its label."""
    if not bars:
        return Markup('<p class="empty">No data to chart.</p>')
    left, right, top, row = 180, 40, 10, 24
    plot_w = width - left - right
    height = top + row * len(bars) + 50
    ticks = axis_ticks(max(b.value for b in bars))
    top_value = ticks[-1]
    body: list[str] = []
    axis_y = top + row * len(bars)
    for tick in ticks:
        x = left + plot_w * tick / top_value
        body.append(f'<line class="grid" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y}" stroke="#ddd"/>')
        body.append(f'<text class="tick" x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle">{_num(tick)}</text>')
    for i, bar in enumerate(bars):
        y = top + i * row
        w = max(1.0, plot_w * bar.value / top_value)
        label = escape(isolated(_short(bar.label)))
        text = f'<text class="label" x="{left - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end">{label}</text>'
        if bar.href:
            text = f'<a href="{escape(bar.href)}">{text}</a>'
        body.append(text)
        body.append(f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" fill="{colour}">'
                    f'<title>{escape(isolated(bar.label))}: {_num(bar.value)} {escape(value_label)}</title></rect>')
        body.append(f'<text class="value" x="{left + w + 4:.1f}" y="{y + row / 2 + 4:.1f}">{_num(bar.value)}</text>')
    body.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + plot_w}" y2="{axis_y}" stroke="#555"/>')
    body.append(f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{height - 8}" '
                f'text-anchor="middle">{escape(value_label)}</text>')
    return _svg(width, height, title, body)


def legend(items: Sequence[tuple[str, str]], x: int, y: int, width: int) -> tuple[list[str], int]:
    """Colour swatches with labels, wrapped into rows; returns the elements and the height used."""
    body: list[str] = []
    cx, cy, item_w = x, y, 170
    for label, colour in items:
        if cx + item_w > x + width:
            cx, cy = x, cy + 20
        body.append(f'<rect x="{cx}" y="{cy}" width="12" height="12" fill="{colour}"/>')
        body.append(f'<text class="legend" x="{cx + 17}" y="{cy + 10}">{escape(isolated(_short(label, 22)))}'
                    f'<title>{escape(isolated(label))}</title></text>')
        cx += item_w
    return body, (cy - y) + 20 if items else 0


def series_colours(names: Sequence[str]) -> dict[str, str]:
    """A stable colour per series name, in the given order; 'other' is grey."""
    colours: dict[str, str] = {}
    for i, name in enumerate(names):
        colours[name] = OTHER_COLOUR if name == "other" else PALETTE[i % len(PALETTE)]
    return colours


def timeline_chart(periods: Sequence[str], series: Mapping[str, Mapping[str, int]], *, title: str,
                   value_label: str, period_label: str, monthly: bool = False) -> Markup:
    """Stacked columns, one per period, one colour per series (outlet), with axes and a legend."""
    if not periods:
        return Markup('<p class="empty">No dated quotes to chart.</p>')
    width, left, right, top = 720, 50, 20, 10
    plot_w, plot_h = width - left - right, 180
    colours = series_colours(list(series))
    legend_body, legend_h = legend([(name, colours[name]) for name in series], left, top + plot_h + 48, plot_w)
    height = top + plot_h + 52 + legend_h
    totals = [sum(series[name].get(p, 0) for name in series) for p in periods]
    ticks = axis_ticks(max(totals) if totals else 1)
    top_value = ticks[-1]
    axis_y = top + plot_h
    body: list[str] = []
    for tick in ticks:
        y = axis_y - plot_h * tick / top_value
        body.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        body.append(f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_num(tick)}</text>')
    slot = plot_w / len(periods)
    bar_w = max(2.0, min(40.0, slot * 0.7))
    label_every = max(1, math.ceil(78 / slot))  # a date label needs about 78 px
    for i, period in enumerate(periods):
        x = left + slot * i + (slot - bar_w) / 2
        y = float(axis_y)
        for name in series:
            count = series[name].get(period, 0)
            if not count:
                continue
            h = plot_h * count / top_value
            y -= h
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colours[name]}">'
                        f'<title>{escape(period)} · {escape(isolated(name))}: {count} {escape(value_label)}</title></rect>')
        if i % label_every == 0:
            body.append(f'<text class="tick" x="{x + bar_w / 2:.1f}" y="{axis_y + 16}" '
                        f'text-anchor="middle">{escape(period[:7] if monthly else period)}</text>')
    body.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + plot_w}" y2="{axis_y}" stroke="#555"/>')
    body.append(f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{axis_y + 34}" '
                f'text-anchor="middle">{escape(period_label)}</text>')
    body.append(f'<text class="axis-label" transform="translate(12 {top + plot_h / 2:.1f}) rotate(-90)" '
                f'text-anchor="middle">{escape(value_label)}</text>')
    return _svg(width, height, title, body + legend_body)


def share_chart(rows: Sequence[tuple[str, Mapping[str, int], str | None]], *, title: str,
                kinds: Sequence[str] = ("direct", "indirect", "mixed")) -> Markup:
    """100 % stacked horizontal bars (one per row label) with percentage axis and legend."""
    if not rows:
        return Markup('<p class="empty">No data to chart.</p>')
    left, right, top, row = 200, 30, 10, 26
    width = 720
    plot_w = width - left - right
    axis_y = top + row * len(rows)
    legend_body, legend_h = legend([(k, TYPE_COLOURS.get(k, OTHER_COLOUR)) for k in kinds], left, axis_y + 44, plot_w)
    height = axis_y + 48 + legend_h
    body: list[str] = []
    for pct in (0, 25, 50, 75, 100):
        x = left + plot_w * pct / 100
        body.append(f'<line class="grid" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y}" stroke="#ddd"/>')
        body.append(f'<text class="tick" x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle">{pct}%</text>')
    for i, (label, counts, href) in enumerate(rows):
        y = top + i * row
        total = sum(counts.get(k, 0) for k in kinds)
        text = f'<text class="label" x="{left - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end">{escape(isolated(_short(label)))}</text>'
        body.append(f'<a href="{escape(href)}">{text}</a>' if href else text)
        x = float(left)
        for kind in kinds:
            count = counts.get(kind, 0)
            if not total or not count:
                continue
            w = plot_w * count / total
            body.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" '
                        f'fill="{TYPE_COLOURS.get(kind, OTHER_COLOUR)}"><title>{escape(isolated(label))} · {escape(kind)}: '
                        f'{count} of {total} ({100 * count / total:.0f}%)</title></rect>')
            x += w
    body.append(f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{axis_y + 34}" '
                f'text-anchor="middle">share of attributions</text>')
    return _svg(width, height, title, body + legend_body)


def line_chart(periods: Sequence[str], series: Mapping[str, Mapping[str, float]], *, title: str, value_label: str,
               period_label: str, max_series: int = 8) -> Markup:
    """One line per series (e.g. technique) over the periods, with points, axes and a legend."""
    if not periods or not series:
        return Markup('<p class="empty">No dated data to chart.</p>')
    names = list(series)[:max_series]
    width, left, right, top = 720, 56, 20, 10
    plot_w, plot_h = width - left - right, 180
    colours = series_colours(names)
    legend_body, legend_h = legend([(n, colours[n]) for n in names], left, top + plot_h + 48, plot_w)
    height = top + plot_h + 52 + legend_h
    peak = max((series[n].get(p, 0) for n in names for p in periods), default=0)
    top_value = _nice_top(peak)
    axis_y = top + plot_h
    body: list[str] = []
    for i in range(5):
        tick = top_value * i / 4
        y = axis_y - plot_h * i / 4
        body.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        body.append(f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_num(tick)}</text>')
    slot = plot_w / len(periods)
    xs = [left + slot * (i + 0.5) for i in range(len(periods))]
    label_every = max(1, math.ceil(90 / slot))
    for i, period in enumerate(periods):
        if i % label_every == 0:
            body.append(f'<text class="tick" x="{xs[i]:.1f}" y="{axis_y + 16}" text-anchor="middle">{escape(period)}</text>')
    for name in names:
        points = [(xs[i], axis_y - plot_h * series[name].get(p, 0) / top_value, p) for i, p in enumerate(periods)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colours[name]}" stroke-width="2"/>')
        for x, y, p in points:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colours[name]}"><title>{escape(p)} · '
                        f'{escape(isolated(name))}: {series[name].get(p, 0):.3g} {escape(value_label)}</title></circle>')
    body.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + plot_w}" y2="{axis_y}" stroke="#555"/>')
    body.append(f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{axis_y + 34}" '
                f'text-anchor="middle">{escape(period_label)}</text>')
    body.append(f'<text class="axis-label" transform="translate(12 {top + plot_h / 2:.1f}) rotate(-90)" '
                f'text-anchor="middle">{escape(value_label)}</text>')
    return _svg(width, height, title, body + legend_body)


def _nice_top(peak: float) -> float:
    """A round axis top at or above ``peak`` (1, 2 or 5 × 10^k; 1 when there is nothing)."""
    if peak <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(peak))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= peak)

"""A tiny trend line as an inline SVG image: no JavaScript, no Plotly, instant to draw.

Why not a ``dcc.Graph``: the summary page shows dozens of sparklines; one Plotly graph each
would be slow to render on a meeting-room laptop. An ``<img>`` with an SVG data URI draws
at once, prints, and carries a text alternative (``alt``) describing the trend in words.
Missing or suppressed values are gaps in the line, never zeros.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from urllib.parse import quote

from dash import html

from components.theme import DARK_BLUE, TEXT


def _points(values: Sequence[float | None], width: float, height: float, pad: float) -> list[tuple[float, float] | None]:
    numbers = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    if not numbers:
        return [None] * len(values)
    low, high = min(numbers), max(numbers)
    span = (high - low) or abs(high) or 1.0
    if high == low:  # a flat line sits in the middle
        low, span = low - span / 2, span
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    out: list[tuple[float, float] | None] = []
    for index, value in enumerate(values):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            out.append(None)
            continue
        x = pad + index * step if len(values) > 1 else width / 2
        y = pad + (height - 2 * pad) * (1 - (value - low) / span)
        out.append((round(x, 1), round(y, 1)))
    return out


def sparkline_svg(values: Sequence[float | None], *, width: int = 120, height: int = 32, colour: str = DARK_BLUE) -> str:
    """SVG markup: one polyline per unbroken run of values, a dot on the latest value."""
    pad = 4.0
    points = _points(list(values), width, height, pad)
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    for run in runs:
        if len(run) >= 2:
            coords = " ".join(f"{x},{y}" for x, y in run)
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round" points="{coords}"/>'
            )
        elif len(run) == 1:
            x, y = run[0]
            parts.append(f'<circle cx="{x}" cy="{y}" r="2" fill="{colour}"/>')
    last = next((p for p in reversed(points) if p is not None), None)
    if last is not None:
        parts.append(f'<circle cx="{last[0]}" cy="{last[1]}" r="3.5" fill="{TEXT}" stroke="#FFFFFF" stroke-width="1"/>')
    parts.append("</svg>")
    return "".join(parts)


def sparkline_alt(values: Sequence[float | None], periods: Sequence[str], shown: Sequence[str] | None = None) -> str:
    """Words for the trend: 'Trend, 8 periods: 2016 25.1 to 2023 12.6 (lowest 12.6, highest 25.1).'"""
    pairs = [
        (p, v, s)
        for p, v, s in zip(periods, values, shown or [""] * len(values))
        if v is not None and not (isinstance(v, float) and math.isnan(v))
    ]
    if not pairs:
        return "No trend: no values to plot."
    if len(pairs) == 1:
        p, v, s = pairs[0]
        return f"One value only: {s or f'{v:g}'} in {p}."
    (p0, v0, s0), (p1, v1, s1) = pairs[0], pairs[-1]
    gaps = len(values) - len(pairs)
    gap_text = f"; {gaps} period{'s' if gaps != 1 else ''} suppressed or missing" if gaps else ""
    return f"Trend over {len(values)} periods: {s0 or f'{v0:g}'} in {p0} to {s1 or f'{v1:g}'} in {p1}{gap_text}."


def sparkline(
    values: Sequence[float | None],
    periods: Sequence[str],
    *,
    shown: Sequence[str] | None = None,
    width: int = 120,
    height: int = 32,
    class_name: str = "sparkline",
) -> html.Img:
    """The sparkline as an ``<img>`` with its trend in words as ``alt`` and ``title``."""
    alt = sparkline_alt(values, periods, shown)
    return html.Img(
        src="data:image/svg+xml;charset=utf-8," + quote(sparkline_svg(values, width=width, height=height)),
        alt=alt,
        title=alt,
        width=str(width),
        height=str(height),
        className=class_name,
    )

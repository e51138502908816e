"""Static chart exports: the chart plus its words, at a fixed size for a Word/PowerPoint page.

Why composition instead of plotly annotations: titles, notes and sources vary in length and
each figure places its own legend and axis labels, so text drawn *inside* the plotly figure
collides with them or is cut off. Here the figure is rendered alone into the middle band of
a 1600×900 canvas and the words are laid out around it with measured wrapping:

* SVG: one outer ``<svg>`` with real ``<text>`` (searchable, selectable) and the chart's SVG nested;
* PNG: the chart PNG pasted onto a canvas with the same text drawn by Pillow (scale 2 → 3200×1800).

Pure: bytes and text in, bytes out (fonts are read from the system or reportlab's bundled Vera).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

import plotly.graph_objects as go
import reportlab
from PIL import Image, ImageDraw, ImageFont

from components.chart_block import ChartText

if TYPE_CHECKING:  # Pillow is imported lazily: only image exports need it
    from PIL import ImageFont

EXPORT_WIDTH = 1600
EXPORT_HEIGHT = 900
PNG_SCALE = 2
PAD_X = 32
PAD_TOP = 26
PAD_BOTTOM = 18
MIN_CHART_HEIGHT = 420

TEXT_COLOUR = "#0B0C0C"
SECONDARY = "#505A5F"
BANNER_FILL = "#FFF4CC"
BANNER_EDGE = "#8A5A00"
SVG_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"

_FONT_CANDIDATES = {
    False: [
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ],
    True: [
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ],
}


def font_file(bold: bool) -> str:
    """A TrueType file for measuring and drawing; reportlab's bundled Vera is the last resort."""
    for candidate in _FONT_CANDIDATES[bold]:
        if Path(candidate).is_file():
            return candidate

    return str(Path(reportlab.__file__).parent / "fonts" / ("VeraBd.ttf" if bold else "Vera.ttf"))


@lru_cache(maxsize=32)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_file(bold), size)


@dataclass(frozen=True)
class TextLine:
    """One wrapped line of export text, positioned in CSS pixels on the 1600×900 canvas."""

    text: str
    size: int
    bold: bool
    colour: str
    y: float  # baseline
    banner: bool = False


def wrap(text: str, size: int, bold: bool, width: float) -> list[str]:
    """Greedy word wrap by measured width (never splits inside a word unless it alone is too long)."""
    font = _font(size, bold)
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if font.getlength(trial) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


def _strip_markup(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text or "").strip()


@dataclass(frozen=True)
class ExportLayout:
    header: list[TextLine]
    footer: list[TextLine]
    chart_top: float
    chart_height: int
    banner_box: tuple[float, float, float, float] | None  # x, y, w, h
    rule_y: float


def export_layout(
    text: ChartText,
    *,
    extract_date: str | None,
    generated: str,
    link: str | None = None,
    width: int = EXPORT_WIDTH,
    height: int = EXPORT_HEIGHT,
) -> ExportLayout:
    """Place title, subtitle, illustrative banner (top) and notes, sources, dates, link (bottom)."""
    usable = width - 2 * PAD_X
    header, y, banner_box = _header(text, usable)
    chart_top = y + 10
    items = _footer_items(text, extract_date=extract_date, generated=generated, link=link)
    footer, rule_y = _footer(items, usable, max_height=height - chart_top - MIN_CHART_HEIGHT - PAD_BOTTOM, height=height)
    chart_height = int(rule_y - 8 - chart_top)
    return ExportLayout(header, footer, chart_top, chart_height, banner_box, rule_y)


def _header(text: ChartText, usable: float) -> tuple[list[TextLine], float, tuple[float, float, float, float] | None]:
    """Title (up to 3 lines), subtitle (up to 2) and, for illustrative values, the banner: the
    lines, where the header ends, and the banner's box."""
    header: list[TextLine] = []
    y: float = PAD_TOP
    for line in wrap(_strip_markup(text.title), 30, True, usable)[:3]:
        y += 34
        header.append(TextLine(line, 30, True, TEXT_COLOUR, y))
    y += 6
    for line in wrap(_strip_markup(text.subtitle), 20, False, usable)[:2]:
        y += 26
        header.append(TextLine(line, 20, False, SECONDARY, y))
    banner_box = None
    if text.illustrative:
        y += 14
        box_top = y
        message = "Illustrative data: some values are invented for demonstration, not published statistics."
        for line in wrap(message, 18, True, usable - 28):
            y += 24
            header.append(TextLine(line, 18, True, TEXT_COLOUR, y, banner=True))
        y += 10
        banner_box = (PAD_X, box_top, usable, y - box_top)
    return header, y, banner_box


def _footer_items(
    text: ChartText, *, extract_date: str | None, generated: str, link: str | None
) -> list[tuple[str, int, bool, str]]:
    """(text, size, bold, colour) of the notes, the sources, then the dates and link."""
    footer_items: list[tuple[str, int, bool, str]] = []
    for note in text.notes:
        footer_items.append((_strip_markup(note), 15, False, TEXT_COLOUR))
    footer_items.append((text.source_line(), 15, True, TEXT_COLOUR))
    dates = []
    if text.data_currency:
        dates.append(f"Data as at {text.data_currency}.")
    dates.append(f"Data extracted {extract_date}." if extract_date else "Extract date not recorded.")
    dates.append(f"Chart made by Outcome Bees on {generated}.")
    if link:
        dates.append(f"Full view: {link}")
    footer_items.append((" ".join(dates), 14, False, SECONDARY))
    return footer_items


_LINE_HEIGHT = {15: 20, 14: 19}


def _footer_height(items: list[tuple[list[str], int, bool, str]]) -> float:
    return sum(len(lines) * _LINE_HEIGHT[size] for lines, size, _, _ in items) + 14


def _footer(
    items: list[tuple[str, int, bool, str]], usable: float, *, max_height: float, height: int
) -> tuple[list[TextLine], float]:
    """The footer built from the bottom up so it always fits, notes first to go if space runs out:
    its lines and the rule above it."""
    wrapped = [(wrap(t, s, b, usable), s, b, c) for t, s, b, c in items]
    while _footer_height(wrapped) > max_height and len(wrapped) > 2:
        wrapped.pop(0)  # drop the longest-standing note; the table and CSV still carry it
    rule_y = height - PAD_BOTTOM - _footer_height(wrapped)
    footer: list[TextLine] = []
    y = rule_y + 4
    for lines, size, bold, colour in wrapped:
        for line in lines:
            y += _LINE_HEIGHT[size]
            footer.append(TextLine(line, size, bold, colour, y))
    return footer, rule_y


def chart_only(figure: go.Figure, width: int, height: int) -> go.Figure:
    """The view's figure without a title, sized for its band, white background."""
    fig = go.Figure(figure)
    fig.update_layout(title=None, width=width, height=height, paper_bgcolor="#FFFFFF", autosize=False)
    return fig


def _svg_text(line: TextLine, x: float) -> str:
    weight = "bold" if line.bold else "normal"
    return (
        f'<text x="{x:.0f}" y="{line.y:.1f}" font-family="{SVG_FONT}" font-size="{line.size}" '
        f'font-weight="{weight}" fill="{line.colour}">{escape(line.text)}</text>'
    )


def compose_svg(
    chart_svg: bytes | str, layout: ExportLayout, text: ChartText, width: int = EXPORT_WIDTH, height: int = EXPORT_HEIGHT
) -> bytes:
    inner = chart_svg.decode("utf-8") if isinstance(chart_svg, bytes) else chart_svg
    inner = re.sub(r"^<\?xml[^>]*>\s*", "", inner.strip())
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="ob-export-title ob-export-desc">',
        f'<title id="ob-export-title">{escape(text.title)}</title>',
        f'<desc id="ob-export-desc">{escape(text.summary)} {escape(text.source_line())}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#FFFFFF"/>',
    ]
    if layout.banner_box:
        x, y, w, h = layout.banner_box
        parts.append(
            f'<rect x="{x}" y="{y:.1f}" width="{w}" height="{h:.1f}" fill="{BANNER_FILL}" stroke="{BANNER_EDGE}" stroke-width="2"/>'
        )
        parts.append(f'<rect x="{x}" y="{y:.1f}" width="8" height="{h:.1f}" fill="{BANNER_EDGE}"/>')
    for line in layout.header:
        parts.append(_svg_text(line, PAD_X + (20 if line.banner else 0)))
    parts.append(f'<g transform="translate(0,{layout.chart_top:.0f})">{inner}</g>')
    parts.append(
        f'<line x1="{PAD_X}" x2="{width - PAD_X}" y1="{layout.rule_y:.1f}" y2="{layout.rule_y:.1f}" stroke="#B1B4B6" stroke-width="1"/>'
    )
    for line in layout.footer:
        parts.append(_svg_text(line, PAD_X))
    parts.append("</svg>")
    return ("\n".join(parts)).encode("utf-8")


def compose_png(
    chart_png: bytes, layout: ExportLayout, scale: int = PNG_SCALE, width: int = EXPORT_WIDTH, height: int = EXPORT_HEIGHT
) -> bytes:
    canvas = Image.new("RGB", (width * scale, height * scale), "#FFFFFF")
    chart = Image.open(io.BytesIO(chart_png)).convert("RGB")
    canvas.paste(chart, (0, int(round(layout.chart_top * scale))))
    draw = ImageDraw.Draw(canvas)
    if layout.banner_box:
        x, y, w, h = layout.banner_box
        draw.rectangle(
            [x * scale, y * scale, (x + w) * scale, (y + h) * scale], fill=BANNER_FILL, outline=BANNER_EDGE, width=2 * scale
        )
        draw.rectangle([x * scale, y * scale, (x + 8) * scale, (y + h) * scale], fill=BANNER_EDGE)
    for line in layout.header + layout.footer:
        x = PAD_X + (20 if line.banner else 0)
        draw.text((x * scale, line.y * scale), line.text, font=_font(line.size * scale, line.bold), fill=line.colour, anchor="ls")
    draw.line([PAD_X * scale, layout.rule_y * scale, (width - PAD_X) * scale, layout.rule_y * scale], fill="#B1B4B6", width=scale)
    out = io.BytesIO()
    canvas.save(out, format="PNG", compress_level=1)  # speed over a few % of size
    return out.getvalue()

"""The PDF board pack: ``/pack.pdf?views=<URL-encoded view URLs, comma-separated>&title=…``.

Built at request time from the live database with reportlab's platypus: a cover (title,
generation date, data currency, contents), then one view per page — heading kept with what
follows, subtitle, illustrative marking, summary sentence, the chart (kaleido PNG), sources and
notes, and its table (``LongTable`` with the header row repeated on every page it spans).
Every page carries "Page N of M" and the generation time in the footer.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from flask import Blueprint, Response, abort, request
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    CondPageBreak,
    Image,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from components.export_figure import chart_only, font_file
from data_access import reads
from views.base import ChartView, ViewNotFound, slug
from views.home import home_name
from views.registry import views_from_url
from views.viewlist import MAX_VIEWS, parse_view_list
from web.exports import extract_date
from web.kaleido_render import ExportUnavailable, render

board_pack_blueprint = Blueprint("pack", __name__)

# reportlab's pure-Python ASCII85 encoder takes ~0.2 s per chart image; binary streams are valid PDF
rl_config.useA85 = 0

DEFAULT_TITLE = "Outcome Bees board pack"
PAGE = A4
MARGIN = 18 * mm
CELL_PADDING = 3.0  # points each side of a table cell
CHART_W, CHART_H = 960, 540  # rendered at scale 2 (1920×1080, ~280 dpi at A4 text width): readable type


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    """Embed a Unicode TrueType font (dashes, curly quotes, ≥) rather than Latin-1 Helvetica."""
    pdfmetrics.registerFont(TTFont("OBSans", font_file(False)))
    pdfmetrics.registerFont(TTFont("OBSans-Bold", font_file(True)))

    addMapping("OBSans", 0, 0, "OBSans")
    addMapping("OBSans", 1, 0, "OBSans-Bold")
    addMapping("OBSans", 0, 1, "OBSans")
    addMapping("OBSans", 1, 1, "OBSans-Bold")
    return "OBSans", "OBSans-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    ink = colors.HexColor("#0B0C0C")
    grey = colors.HexColor("#505A5F")
    return {
        "cover_title": ParagraphStyle("cover_title", fontName=bold, fontSize=28, leading=34, textColor=ink, spaceAfter=10),
        "cover_sub": ParagraphStyle("cover_sub", fontName=regular, fontSize=14, leading=19, textColor=grey, spaceAfter=14),
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=17, leading=21, textColor=ink, spaceAfter=4, keepWithNext=1),
        "h2": ParagraphStyle(
            "h2", fontName=bold, fontSize=12.5, leading=16, textColor=ink, spaceBefore=8, spaceAfter=4, keepWithNext=1
        ),
        "table_heading": ParagraphStyle(
            "table_heading", fontName=bold, fontSize=11, leading=14, textColor=ink, spaceBefore=8, spaceAfter=4
        ),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=regular, fontSize=10.5, leading=14, textColor=grey, spaceAfter=6, keepWithNext=1
        ),
        "summary": ParagraphStyle(
            "summary", fontName=regular, fontSize=12, leading=16, textColor=ink, spaceAfter=6, keepWithNext=1
        ),
        "body": ParagraphStyle(
            "body", fontName=regular, fontSize=10, leading=13.5, textColor=ink, spaceAfter=4, alignment=TA_LEFT
        ),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8.5, leading=11, textColor=ink, spaceAfter=3),
        "source": ParagraphStyle("source", fontName=bold, fontSize=8.5, leading=11, textColor=ink, spaceAfter=3),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10, textColor=ink),
        "num": ParagraphStyle("num", fontName=regular, fontSize=8, leading=10, textColor=ink, alignment=2),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8, leading=10, textColor=colors.white),
        "banner": ParagraphStyle(
            "banner",
            fontName=bold,
            fontSize=10,
            leading=13,
            textColor=ink,
            backColor=colors.HexColor("#FFF4CC"),
            borderColor=colors.HexColor("#8A5A00"),
            borderWidth=1,
            borderPadding=5,
            spaceBefore=4,
            spaceAfter=10,
        ),
    }


@dataclass
class BoardPackItem:
    url: str
    views: list[ChartView]


class NumberedCanvas(rl_canvas.Canvas):
    """Two-pass page numbering: "Page N of M" needs M, known only once all pages exist."""

    footer_text = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict] = []

    def showPage(self) -> None:  # reportlab's name
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        regular, _ = _fonts()
        width, _ = PAGE
        self.setFont(regular, 8)
        self.setFillColor(colors.HexColor("#505A5F"))
        self.setStrokeColor(colors.HexColor("#B1B4B6"))
        self.line(MARGIN, 13 * mm, width - MARGIN, 13 * mm)
        self.drawString(MARGIN, 9 * mm, self.footer_text)
        self.drawRightString(width - MARGIN, 9 * mm, f"Page {self._pageNumber} of {total}")


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _chart_image(view: ChartView, width: float) -> Image:
    png = render(chart_only(view.figure, CHART_W, CHART_H), "png", CHART_W, CHART_H, scale=2)
    height = width * CHART_H / CHART_W
    image = Image(io.BytesIO(png), width=width, height=height)
    image.hAlign = "LEFT"
    return image


def column_widths(
    view: ChartView, columns: list[tuple[str, str]], styles: dict[str, ParagraphStyle], width: float
) -> list[float]:
    """Widths that never split a word (numbers, names) where the page allows, spare room going
    to the columns with long text (sources), so no column reads "Hertfords / hire"."""
    padding = 2 * CELL_PADDING + 1.0
    minimum, desired = [], []
    for name, label in columns:
        head, cell = styles["head"], styles["cell"]
        cells = ["" if v is None else str(v) for v in view.table[name].tolist()]
        words = [(w, head) for w in label.split()] + [(w, cell) for text in cells for w in text.split()]
        narrowest = max((stringWidth(w, style.fontName, style.fontSize) for w, style in words), default=20.0) + padding
        widest = max((stringWidth(text, cell.fontName, cell.fontSize) for text in cells), default=20.0) + padding
        minimum.append(narrowest)
        desired.append(max(narrowest, min(widest, 0.4 * width)))
    if sum(desired) <= width:
        return [w * width / sum(desired) for w in desired]
    if sum(minimum) <= width:
        spare = width - sum(minimum)
        extra = [d - m for d, m in zip(desired, minimum)]
        return [m + spare * e / sum(extra) for m, e in zip(minimum, extra)] if sum(extra) else minimum
    return [m * width / sum(minimum) for m in minimum]  # too many columns: words must break


def _table(view: ChartView, styles: dict[str, ParagraphStyle], width: float) -> LongTable | None:
    columns = [(name, label) for name, label in view.table_columns if name in view.table.columns]
    if not columns or view.table.empty:
        return None
    rows = [[Paragraph(escape(label), styles["head"]) for _, label in columns]]
    for record in view.table.to_dict("records"):
        rows.append(
            [
                Paragraph(
                    escape("" if record.get(name) is None else str(record.get(name))),
                    styles["num"] if name in set(view.numeric_columns) else styles["cell"],
                )
                for name, _ in columns
            ]
        )
    col_widths = column_widths(view, columns, styles, width)
    table = LongTable(rows, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#12436D")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F3F2F1")]),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#B1B4B6")),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *[
                    ("ALIGN", (i, 1), (i, -1), "RIGHT")
                    for i, (name, _) in enumerate(columns)
                    if name in set(view.numeric_columns)
                ],
            ]
        )
    )
    return table


def view_flowables(view: ChartView, url: str, styles: dict[str, ParagraphStyle], width: float, base_url: str) -> list:
    text = view.text
    story: list = [_p(text.title, styles["h1"]), _p(text.subtitle, styles["subtitle"])]
    if text.illustrative:
        story.append(
            _p(
                "Illustrative data: some values in this view are invented for demonstration, not published statistics.",
                styles["banner"],
            )
        )
    story.append(_p(text.summary, styles["summary"]))
    story.append(_chart_image(view, width))
    story.append(_p(text.source_line(), styles["source"]))
    extracted = extract_date(view)
    story.append(_p(f"Data extracted {extracted}." if extracted else "Extract date not recorded.", styles["small"]))
    for note in text.notes:
        story.append(_p(note, styles["small"]))
    full = f"{base_url.rstrip('/')}{url}"
    story.append(Paragraph(f'Full view: <link href="{escape(full)}" color="#1d70b8">{escape(full)}</link>', styles["small"]))
    table = _table(view, styles, width)
    if table is not None:
        # the heading is never stranded: it starts a new page unless its table's header row and
        # first rows fit under it; the table then flows on, repeating its header row on each page
        story.append(CondPageBreak(45 * mm))
        story.append(_p(f"Table: {text.title}", styles["table_heading"]))
        story.append(table)
    return story


def _currency_lines() -> list[str]:
    info = reads.data_currency()
    lines = []
    if info.get("latest_period"):
        lines.append(f"Latest period with values: {info['latest_period']}")
    if info.get("newest_extract"):
        lines.append(f"Newest source extract: {info['newest_extract']:%-d %B %Y}")
    if info.get("newest_publication"):
        lines.append(f"Newest source publication: {info['newest_publication']:%-d %B %Y}")
    if info.get("last_loaded"):
        lines.append(f"Database last loaded: {info['last_loaded']:%-d %B %Y %H:%M}")
    if info.get("illustrative_observations"):
        lines.append(
            f"{info['illustrative_observations']:,} of {info['observations']:,} values in the database are illustrative (invented for demonstration)."
        )
    return lines


def build_board_pack(urls: list[str], title: str = DEFAULT_TITLE, base_url: str = "", now: dt.datetime | None = None) -> bytes:
    """The PDF bytes for these view URLs (raises ``ViewNotFound`` naming the first bad one)."""
    now = now or dt.datetime.now()
    items: list[BoardPackItem] = []
    for position, url in enumerate(urls, start=1):
        try:
            _, views = views_from_url(url)
        except ViewNotFound as missing:
            raise ViewNotFound(
                f"View {position} in the pack ({url}) could not be shown: {missing.message}", missing.links
            ) from missing
        items.append(BoardPackItem(url, views))

    styles = _styles()
    width = PAGE[0] - 2 * MARGIN
    generated = f"{now:%-d %B %Y at %H:%M}"
    story: list = [
        Spacer(1, 30 * mm),
        _p(title, styles["cover_title"]),
        _p(f"{home_name()} children's services outcomes — Outcome Bees", styles["cover_sub"]),
        _p(f"Generated {generated} from the live Outcome Bees database.", styles["body"]),
    ]
    story.append(_p("Data currency", styles["h2"]))
    story += [_p(line, styles["body"]) for line in _currency_lines()]
    if any(v.text.illustrative for item in items for v in item.views):
        story.append(
            _p(
                "Some views in this pack contain illustrative data: values invented for demonstration, not published statistics. "
                "They are marked on each page.",
                styles["banner"],
            )
        )
    story.append(_p("Contents", styles["h2"]))
    number = 0
    for item in items:
        for view in item.views:
            number += 1
            story.append(_p(f"{number}. {view.text.title}", styles["body"]))
    for item in items:
        for view in item.views:
            story.append(PageBreak())
            story += view_flowables(view, item.url, styles, width, base_url)

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=20 * mm,
        title=title,
        author="Outcome Bees",
        subject="Board pack",
        creator="Outcome Bees (reportlab)",
    )

    canvas_class = type("BoardPackCanvas", (NumberedCanvas,), {"footer_text": f"{title} · generated {generated}"})
    doc.build(story, canvasmaker=canvas_class)
    return buffer.getvalue()


@board_pack_blueprint.get("/pack.pdf")
def board_pack_pdf() -> Response:
    urls = parse_view_list(request.args.getlist("views"))
    if not urls:
        abort(
            400,
            description="Choose at least one view: /pack.pdf?views=<view URLs, URL-encoded, comma-separated>. "
            "Use “Add this view to the board pack” on any chart, then open /pack.",
        )
    if len(urls) > MAX_VIEWS:
        abort(400, description=f"A pack can hold at most {MAX_VIEWS} views.")
    title = (request.args.get("title") or DEFAULT_TITLE).strip()[:150] or DEFAULT_TITLE
    try:
        body = build_board_pack(urls, title, base_url=request.url_root)
    except ViewNotFound as missing:
        abort(404, description=missing.message)
    except ExportUnavailable as unavailable:
        abort(503, description=str(unavailable))
    filename = f"{slug(title) or 'board-pack'}_{dt.date.today():%Y-%m-%d}.pdf"
    return Response(
        body,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )

"""Embeddable charts: ``/embed/<page>?<query>`` and the copyable snippet at ``/embed-code/<page>?<query>``.

The embed is a small self-contained HTML page (no scripts, no CDN): title, subtitle, the
illustrative marking, the chart as inline SVG made by kaleido, the summary sentence, the data
table, the source line and a link back to the full view (opening in the top window). Only
``/embed/…`` may be framed, and only by ``EMBED_ALLOWED_ORIGINS`` (``web.security``).
"""

from __future__ import annotations

import re
from html import escape
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, request

from components.export_figure import chart_only
from components.paths import app_root
from components.routes import url_for
from views.base import ChartView, ViewNotFound
from views.registry import build_views
from web.exports import extract_date, view_link
from web.kaleido_render import ExportUnavailable, render

embed_blueprint = Blueprint("embed", __name__)

EMBED_W, EMBED_H = 1000, 560

_STYLE = """
body{font-family:Arial,"Helvetica Neue",Helvetica,sans-serif;color:#0b0c0c;margin:0;padding:12px 16px;background:#fff;font-size:16px;line-height:1.4}
h1{font-size:1.25rem;margin:0 0 4px}
.sub{color:#505a5f;margin:0 0 8px}
.illustrative{background:#fff4cc;border:2px solid #8a5a00;border-left-width:8px;padding:4px 8px;margin:0 0 8px;font-weight:bold}
figure{margin:0}
figure svg{width:100%;height:auto;display:block}
.summary{font-size:1.05rem}
.note,.source{font-size:.875rem;margin:4px 0}
details{margin:8px 0;font-size:.875rem}
table{border-collapse:collapse}th,td{border:1px solid #b1b4b6;padding:2px 6px;text-align:left}
a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}
textarea{width:100%;font-family:monospace;font-size:.9rem}
button{font-size:1rem;padding:6px 12px}
.code-page{max-width:1100px;margin:0 auto}
"""


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)}</title><link rel="icon" href="{escape(app_root())}/_favicon.ico"><style>{_STYLE}</style></head>'
        f"<body>{body}</body></html>"
    )


def _query(page: str, item_id: str | None) -> dict[str, Any]:
    query: dict[str, Any] = request.args.to_dict()
    if item_id:
        query["_id"] = item_id
    return query


def _view(page: str, query: dict[str, Any]) -> ChartView:
    try:
        views = build_views(page, query)
    except ViewNotFound as missing:
        abort(404, description=missing.message)
    if not views:
        abort(404, description="This view has no chart to embed.")
    return views[0]


def _inline_svg(view: ChartView) -> str:
    svg = render(chart_only(view.figure, EMBED_W, EMBED_H), "svg", EMBED_W, EMBED_H).decode("utf-8")
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg.strip())
    # responsive: keep the viewBox, drop the fixed size; describe it for assistive technology
    svg = re.sub(r'^<svg([^>]*?) width="[\d.]+" height="[\d.]+"', r"<svg\1", svg, count=1)
    return svg.replace("<svg", '<svg role="img" aria-labelledby="embed-title embed-summary" focusable="false"', 1)


def _table_html(view: ChartView) -> str:
    columns = [(n, label) for n, label in view.table_columns if n in view.table.columns]
    head = "".join(f'<th scope="col">{escape(label)}</th>' for _, label in columns)
    rows = []
    for record in view.table.to_dict("records"):
        cells = []
        for index, (name, _) in enumerate(columns):
            value = record.get(name)
            text = "" if value is None else escape(str(value))
            cells.append(f'<th scope="row">{text}</th>' if index == 0 else f"<td>{text}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table><caption>{escape(view.text.title)}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


@embed_blueprint.get("/embed/<page>")
@embed_blueprint.get("/embed/<page>/<item_id>")
def embed(page: str, item_id: str | None = None) -> Response:
    query = _query(page, item_id)
    view = _view(page, query)
    text = view.text
    link = view_link(page, query)
    try:
        chart = _inline_svg(view)
    except ExportUnavailable:
        chart = (
            '<p class="note">The chart picture cannot be made on this server right now; the table below has the same data.</p>'
        )
    extracted = extract_date(view)
    body = [
        f'<main><h1 id="embed-title">{escape(text.title)}</h1>',
        f'<p class="sub">{escape(text.subtitle)}</p>',
    ]
    if text.illustrative:
        body.append(
            '<p class="illustrative" role="note">Illustrative data: some values are invented for demonstration, not published statistics.</p>'
        )
    body += [
        f"<figure>{chart}</figure>",
        f'<p class="summary" id="embed-summary">{escape(text.summary)}</p>',
        *(f'<p class="note">{escape(note)}</p>' for note in text.notes),
        f'<p class="source">{escape(text.source_line())}'
        + (f" Data extracted {escape(extracted)}." if extracted else "")
        + "</p>",
        f"<details><summary>Table of this chart's data</summary>{_table_html(view)}</details>",
        f'<p><a href="{escape(link)}" target="_top">See the full view in Outcome Bees: {escape(text.title)}</a></p></main>',
    ]
    return Response(_page(f"{text.title} – Outcome Bees chart", "".join(body)), mimetype="text/html")


def iframe_snippet(src: str, title: str, height: int = 720) -> str:
    return (
        f'<iframe src="{escape(src)}" title="{escape("Chart: " + title)}" width="100%" height="{height}" '
        f'style="border:0" loading="lazy"></iframe>'
    )


@embed_blueprint.get("/embed-code/<page>")
@embed_blueprint.get("/embed-code/<page>/<item_id>")
def embed_code(page: str, item_id: str | None = None) -> Response:
    query = _query(page, item_id)
    view = _view(page, query)
    visible = {k: v for k, v in query.items() if not k.startswith("_")}
    path = url_for("embed", page=page) + (f"/{item_id}" if item_id else "")
    src = f"{request.url_root.rstrip('/')}{path}" + (f"?{urlencode(visible)}" if visible else "")
    snippet = iframe_snippet(src, view.text.title)
    settings = current_app.config.get("OUTCOME_BEES_SETTINGS")
    origins = ", ".join(getattr(settings, "embed_allowed_origins", ()) or ()) or "none configured (only this site)"
    body = f"""<main class="code-page">
<p><a href="{escape(view_link(page, query))}">Back to the full view</a></p>
<h1>Embed this chart: {escape(view.text.title)}</h1>
<p>Copy this code into a web page. The frame's <code>title</code> describes the chart for screen-reader users.</p>
<label for="embed-snippet"><strong>Embed code</strong></label>
<textarea id="embed-snippet" rows="4" readonly>{escape(snippet)}</textarea>
<p><button type="button" id="copy-embed">Copy embed code</button> <span id="copy-status" role="status" aria-live="polite"></span></p>
<p class="note">Sites allowed to show this frame: {escape(origins)}. Ask the service administrator to add yours (setting <code>EMBED_ALLOWED_ORIGINS</code>).</p>
<h2>Preview</h2>
{snippet}
</main>
<script>
document.getElementById('copy-embed').addEventListener('click', function () {{
  var box = document.getElementById('embed-snippet'); box.select();
  var done = function () {{ document.getElementById('copy-status').textContent = 'Copied to the clipboard.'; }};
  if (navigator.clipboard) {{ navigator.clipboard.writeText(box.value).then(done, function () {{ document.execCommand('copy'); done(); }}); }}
  else {{ document.execCommand('copy'); done(); }}
}});
</script>"""
    return Response(_page(f"Embed code: {view.text.title} – Outcome Bees", body), mimetype="text/html")

"""The route table: every page's key, path, title, query parameters, caching and chart views, in one place.

Why one table: a page used to be declared four times (``dash.register_page`` in its module, the
string ``importlib`` registry of view builders, the cached paths of the old page cache and the page
keys given to ``download_links``), and about a hundred internal URLs were written by hand. Now a
page registers with ``dash.register_page(__name__, **route("compare").dash_kwargs())``, the view
registry (``views.registry``), the view-model cache (``views.view_cache``), the export/embed/pack links
(``components.controls.download_links``) and the README's URL table (``python -m components.routes
--markdown``, checked by ``tests/test_docs_routes.py``) read it, and every internal link is built by
``url_for``, which refuses a parameter the route does not declare, so a typo fails loudly instead
of making a link the page ignores.

It lives in ``components`` because that is the lowest layer every user (views, web, pages) may
import; it imports nothing of the app, so it can never import ``pages``. URLs here are app paths
(``/compare?…``); ``components.paths.app_path`` adds a ``URL_PREFIX`` where a link leaves for the
browser.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

#: Export formats of ``/export/<page>.<fmt>`` (``web.exports``).
EXPORT_FORMATS = ("csv", "png", "svg")

_TEMPLATE_VAR = re.compile(r"<([a-z_]+)>")


class UnknownRoute(KeyError):
    """A page key or a query parameter the route table does not declare (a typo in the code)."""


@dataclass(frozen=True)
class Route:
    """One address of the app.

    ``key`` is the name code uses (``url_for("compare")``); for a chart page it is also the page
    segment of ``/export/<key>.csv`` and ``/embed/<key>``. ``path`` is the address without path
    variables (the nav link), ``None`` where a page has none (Dash then infers ``/indicators/none``,
    as it always did); ``template`` adds them (``/area/<code>``). ``query`` lists the query
    parameters in the order ``url_for`` writes them, which is the order the views' ``to_query``
    always wrote them, so every URL stays byte for byte what it was. ``cached``: the page's view
    models are a pure function of the query, the home council and the data, so its view builders
    (marked ``@memoised(key)``, ``views.view_cache``) keep them per process for the page and its
    exports, embeds, pack pages and slides; ``False`` makes those builders plain calls. No page body
    is cached.
    ``views``: ``views.registry`` has a ``chart_views(query)`` builder for it, so it exports,
    embeds, goes in the board pack and on slides. ``dash``: a Dash page (else a Flask endpoint).
    ``doc_url``/``doc``: its row of the README's URL table; ``doc_with`` lists it in another
    route's row instead."""

    key: str
    path: str | None
    title: str = ""
    name: str | None = None
    description: str = ""
    template: str | None = None
    query: tuple[str, ...] = ()
    nav_label: str | None = None
    order: int | None = None
    cached: bool = False
    views: bool = False
    dash: bool = True
    doc_url: str = ""
    doc: str = ""
    doc_with: str | None = None
    #: Characters a query value keeps unencoded (``next=/admin/import``).
    safe: str = ""
    path_vars: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path_vars", tuple(_TEMPLATE_VAR.findall(self.template or "")))

    def dash_kwargs(self, **override: Any) -> dict[str, Any]:
        """The keyword arguments of ``dash.register_page``; a page with a title that depends on the
        query passes its ``title=`` function here. ``cached`` rides along in ``dash.page_registry``
        so the page's registration says whether its view models are cached."""
        kwargs: dict[str, Any] = {"title": self.title}
        optional = {
            "path": self.path,
            "path_template": self.template,
            "name": self.name,
            "description": self.description or None,
            "nav_label": self.nav_label,
            "order": self.order,
        }
        kwargs.update({k: v for k, v in optional.items() if v is not None})
        kwargs["cached"] = self.cached
        kwargs.update(override)
        return kwargs


ROUTES: tuple[Route, ...] = (
    Route(
        "summary",
        "/",
        name="Summary",
        description="The home council's outcomes frameworks: each bee's measures with latest value, comparison, direction of travel and target.",
        nav_label="Outcome Bees",
        order=0,
        query=("framework", "area", "bee"),
        cached=True,
        views=True,
        doc_url="/?framework=ID&area=CODE",
        doc="Outcome Bees summary: one card per bee, each measure's latest value, comparison, direction of travel, RAG, sparkline",
    ),
    Route(
        "compare",
        "/compare",
        name="District comparison",
        description="Compare the home council's districts with each other, the county and England, or a council with its statistical neighbours.",
        nav_label="Compare districts",
        order=1,
        query=("indicator", "areas", "benchmark", "period", "breakdown", "model", "view", "colour"),
        cached=True,
        views=True,
        doc_url="/compare?indicator=ID&areas=CODE,CODE&benchmark=CODE&period=LABEL&breakdown=…",
        doc="district comparison with 95% CIs, significance in words, tile-grid map; any English districts (the default benchmark is their county where it has values, else England)",
    ),
    Route(
        "gaps",
        "/gaps",
        name="Attainment gaps",
        description="Disadvantaged and other pupils' attainment, the gap between them, its trend and England's gap.",
        nav_label="Attainment gaps",
        order=2,
        query=("phase", "areas", "period", "view"),
        cached=True,
        views=True,
        doc_url="/gaps?phase=eyfs|ks2|ks4|post16&areas=…&period=…",
        doc="disadvantaged vs other pupils, the gap and its trend, against England's gap",
    ),
    Route(
        "trends",
        "/trends",
        name="Trends",
        description="An indicator over time for chosen areas against England and the region, with the recent trend.",
        nav_label="Trends",
        order=3,
        query=("indicator", "areas", "benchmark", "ci", "model"),
        cached=True,
        views=True,
        doc_url="/trends?indicator=ID&areas=…&benchmark=…&ci=on|off",
        doc="time series with CI bands and the recent-trend label",
    ),
    Route(
        "area",
        "/area",  # the nav link (the home council's profile); every /area/<code> matches the template
        template="/area/<code>",
        name="Area profile",
        description="Every indicator for one area against England, grouped by Outcome Bee, with its inspection history.",
        nav_label="Area profiles",
        order=5,
        query=("topic", "benchmark", "range", "model", "group"),
        cached=True,
        views=True,
        doc_url="/area/CODE[?topic=SLUG]",
        doc="area profile for any English area: the headline indicators (grouped by the council's plan) against England and the range of all councils or all districts, inspection history; `topic=` shows one LAIT topic's indicators instead (e.g. `children-looked-after`)",
    ),
    Route(
        "neighbours",
        "/neighbours",
        name="Statistical neighbours",
        description="A council against its ten DfE statistical neighbours and every other council: values, ranks and quartiles.",
        nav_label="Statistical neighbours",
        order=5,
        query=("area", "indicator", "model", "sort", "page", "view", "colour"),
        cached=True,
        views=True,
        doc_url="/neighbours?area=CODE[&indicator=ID][&model=2025|2021][&sort=group|rank|rank-worst|direction|name]",
        doc="a council (county or unitary) against its ten DfE statistical neighbours (LAIT's view): with `indicator`, the council and its neighbours with 95% CIs, the neighbour average (\"average of N\"), region and England, and its rank and quartile band among all councils each year; without it, the scorecard of every indicator (grouped by the council's plan, else by topic; sortable; CSV at `/export/neighbours.csv?area=CODE`)",
    ),
    Route(
        "send",
        "/send",
        name="SEND",
        description="EHC plans, 20-week timeliness, requests, placements, needs and tribunal appeals for any council (DfE SEN2).",
        nav_label="SEND",
        order=5,
        query=("area", "benchmark", "model", "chart"),
        cached=True,
        views=True,
        doc_url="/send?area=CODE[&benchmark=E92000001|REGION|sn][&model=2025|2021]",
        doc="the SEND system dashboard for any council (DfE SEN2 and the SEND Tribunal appeal rate): headline tiles against England, the region and the statistical-neighbour average (95% intervals, verdicts, rank and quartile where a better direction exists), plans in place since January 2010, 20-week timeliness since 2014, placement, primary-need and ceased-plan mixes, the request funnel and the tribunal appeal rate; a district links to its county. `chart=headline|plans|timeliness|timeliness-ex|placements|needs|funnel|tribunal|ceased` picks one chart for `/export/send.*` and `/embed/send`",
    ),
    Route(
        "indicators",
        "/indicators",
        title="Indicator catalogue – Outcome Bees",
        name="Indicator catalogue",
        description="Every indicator with its unit, polarity, legacy codes and whether we hold values.",
        nav_label="Indicators",
        order=4,
        query=("q",),
        doc_url="/indicators",
        doc='searchable catalogue (by words and legacy codes such as "NI 112"), definitions',
    ),
    Route(
        "indicator",
        None,
        template="/indicators/<indicator_id>",
        name="Indicator definition",
        description="An indicator's definition, unit, polarity, source, availability and the plans that use it.",
        doc_url="/indicators/ID",
        doc_with="indicators",
    ),
    Route(
        "about",
        "/about",
        title="About the data and accessibility – Outcome Bees",
        name="About",
        description="What the data is, where it comes from, how fresh it is, how to cite it, and the accessibility statement.",
        nav_label="About",
        order=6,
        doc_url="/about",
        doc="the data, sources and licences; the accessibility statement",
    ),
    Route(
        "accessibility",
        "/accessibility",
        title="Accessibility statement – Outcome Bees",
        name="Accessibility statement",
        description="Accessibility statement for Outcome Bees (WCAG 2.2 AA).",
        doc_url="/accessibility",
        doc_with="about",
    ),
    Route(
        "pack",
        "/pack",
        title="Board pack – Outcome Bees",
        name="Board pack",
        description="Collect views and download them as one PDF board pack.",
        nav_label="Board pack",
        order=7,
        query=("add",),
    ),
    Route(
        "admin-import",
        "/admin/import",
        title="Import data – Outcome Bees administration",
        name="Import data",
        description="Administrators: upload and import indicator data.",
    ),
    Route("not-found", "/404", title="Page not found – Outcome Bees"),
    # Flask endpoints the pages link to (web.exports, web.board_pack, web.embed, web.admin).
    Route(
        "export",
        "/export",
        template="/export/<page>.<fmt>",
        dash=False,
        doc_url="/export/<page>.png|svg|csv?…",
        doc="board papers and meetings",
    ),
    Route("pack-pdf", "/pack.pdf", query=("views", "title"), dash=False, doc_url="/pack.pdf?views=…", doc_with="export"),
    Route("embed", "/embed", template="/embed/<page>", dash=False, doc_url="/embed/<page>?…", doc_with="export"),
    Route("embed-code", "/embed-code", template="/embed-code/<page>", dash=False),
    Route(
        "present",
        "/present",
        title="Presentation – Outcome Bees",
        name="Presentation",
        description="Present chosen views full screen, one per slide.",
        query=("views", "auto"),
        doc_url="/present?views=…",
        doc_with="export",
    ),
    Route(
        "present-deck",
        None,
        template="/present/<deck_id>",
        name="Saved presentation",
        description="A saved presentation deck.",
        query=("auto",),
    ),
    Route("admin-login", "/admin/login", query=("next",), safe="/", dash=False),
    Route("admin-logout", "/admin/logout", dash=False),
    Route("admin-template", "/admin/template.csv", dash=False),
    Route("admin-plan-template", "/admin/plans", template="/admin/plans/<framework_id>/template.csv", dash=False),
)

_BY_KEY: dict[str, Route] = {r.key: r for r in ROUTES}


def route(key: str) -> Route:
    """The route called ``key``; an unknown key is a typo and raises ``UnknownRoute``."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise UnknownRoute(f"No route called {key!r}; routes: {', '.join(_BY_KEY)}") from None


def url_for(key: str, /, **params: object) -> str:
    """The app path of a route: path variables fill its template, the rest become the query string
    in the route's declared order, URL-encoded; ``None`` leaves a parameter out. A parameter the
    route does not declare raises ``UnknownRoute``.

    ``url_for("compare", areas="E07000243,E07000095", indicator="x")`` →
    ``/compare?indicator=x&areas=E07000243%2CE07000095``; ``url_for("area", code="E07000243")`` →
    ``/area/E07000243``."""
    r = route(key)
    unknown = set(params) - set(r.query) - set(r.path_vars)
    if unknown:
        raise UnknownRoute(f"Route {key!r} has no parameter {', '.join(sorted(unknown))}; it takes {r.query + r.path_vars}")
    path = r.path
    if r.template and (path is None or any(params.get(v) is not None for v in r.path_vars)):
        missing = [v for v in r.path_vars if params.get(v) is None]
        if missing:
            raise UnknownRoute(f"Route {key!r} needs {', '.join(missing)} for {r.template}")
        path = _TEMPLATE_VAR.sub(lambda m: quote(str(params[m.group(1)]), safe=""), r.template)
    assert path is not None  # a route has a path, a template or both
    pairs = [(name, str(params[name])) for name in r.query if params.get(name) is not None]
    return path + ("?" + urlencode(pairs, safe=r.safe) if pairs else "")


def with_query(path: str, query_string: str) -> str:
    """A path and an already encoded query string (``a=1&b=2``; empty: no ``?``)."""
    return f"{path}?{query_string}" if query_string else path


def chart_page(page: str) -> Route:
    """The route of a page with chart views (the ``<page>`` of exports and embeds); else ``UnknownRoute``."""
    r = route(page)
    if not r.views:
        raise UnknownRoute(f"Route {page!r} has no chart views to export or embed")
    return r


def page_path(page: str, query_string: str = "") -> str:
    """A chart page's own address with an encoded query (``summary`` → ``/``)."""
    return with_query(url_for(chart_page(page).key), query_string)


def export_url(page: str, fmt: str, query_string: str = "") -> str:
    """``/export/<page>.<fmt>?<query>``."""
    if fmt not in EXPORT_FORMATS:
        raise UnknownRoute(f"No export format {fmt!r}; formats: {', '.join(EXPORT_FORMATS)}")
    return with_query(url_for("export", page=chart_page(page).key, fmt=fmt), query_string)


def embed_url(page: str, query_string: str = "", *, code: bool = False) -> str:
    """``/embed/<page>?<query>`` (``code``: the page that shows the embed code)."""
    return with_query(url_for("embed-code" if code else "embed", page=chart_page(page).key), query_string)


def chart_pages() -> tuple[str, ...]:
    """Keys of the pages with chart views (``views.registry`` has a builder for each)."""
    return tuple(r.key for r in ROUTES if r.views)


def dash_routes() -> tuple[Route, ...]:
    return tuple(r for r in ROUTES if r.dash)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table() -> str:
    """The README's "Pages" table: one row per route with ``doc``, joined by the routes ``doc_with`` it."""
    urls: dict[str, list[str]] = {r.key: [r.doc_url] for r in ROUTES if r.doc}
    for r in ROUTES:
        if r.doc_with:
            urls[r.doc_with].append(r.doc_url)
    lines = ["| URL | what it shows |", "|---|---|"]
    for r in ROUTES:
        if r.doc:
            cells = ", ".join(f"`{_cell(u)}`" for u in urls[r.key])
            lines.append(f"| {cells} | {_cell(r.doc)} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.routes", description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print the README's URL table")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown_table(), end="")
    else:
        for r in ROUTES:
            print(f"{r.key:20} {r.template or r.path:40} {' '.join(r.query)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The route table and ``url_for``: one declaration per page, links that cannot drift from it."""

from __future__ import annotations

import pytest

from components import routes
from components.routes import ROUTES, UnknownRoute, route, url_for


def test_keys_are_unique_and_paths_are_app_paths() -> None:
    assert len({r.key for r in ROUTES}) == len(ROUTES)
    for r in ROUTES:
        assert r.path is not None or r.template is not None, r.key
        assert (r.path or r.template or "").startswith("/"), r.key


def test_url_for_writes_declared_order_and_encodes() -> None:
    assert url_for("compare", areas="E07000243,E07000095", indicator="u18-conceptions") == (
        "/compare?indicator=u18-conceptions&areas=E07000243%2CE07000095"
    )
    assert url_for("compare") == "/compare"
    assert url_for("summary", area="E10000015", framework="herts") == "/?framework=herts&area=E10000015"
    assert url_for("indicators", q="NI 112") == "/indicators?q=NI+112"


def test_url_for_fills_path_templates() -> None:
    assert url_for("area") == "/area"
    assert url_for("area", code="E07000243") == "/area/E07000243"
    assert url_for("area", code="E07000243", topic="send") == "/area/E07000243?topic=send"
    assert url_for("indicator", indicator_id="u18-conceptions") == "/indicators/u18-conceptions"
    assert url_for("present-deck", deck_id="7") == "/present/7"
    with pytest.raises(UnknownRoute):
        url_for("indicator")  # no address without the id


def test_none_leaves_a_parameter_out_and_an_undeclared_one_raises() -> None:
    assert url_for("neighbours", area="E10000015", indicator=None) == "/neighbours?area=E10000015"
    with pytest.raises(UnknownRoute, match="indicatr"):
        url_for("compare", indicatr="u18-conceptions")
    with pytest.raises(UnknownRoute):
        url_for("comparre")


def test_pack_link_encodes_the_whole_view() -> None:
    assert url_for("pack", add="/send?area=E10000015&benchmark=sn") == "/pack?add=%2Fsend%3Farea%3DE10000015%26benchmark%3Dsn"
    assert url_for("admin-login", next="/admin/import") == "/admin/login?next=/admin/import"


def test_exports_and_embeds_only_for_pages_with_chart_views() -> None:
    assert routes.export_url("neighbours", "csv", "area=E10000015") == "/export/neighbours.csv?area=E10000015"
    assert routes.embed_url("send") == "/embed/send"
    assert routes.embed_url("send", "area=E1", code=True) == "/embed-code/send?area=E1"
    assert routes.page_path("summary", "framework=x") == "/?framework=x"
    with pytest.raises(UnknownRoute):
        routes.export_url("about", "csv")
    with pytest.raises(UnknownRoute):
        routes.export_url("compare", "pdf")


def test_the_cached_routes_are_the_chart_pages() -> None:
    """``cached`` now means "its view models are memoised" (``views.view_cache``): the pages with
    view builders; the catalogue and about pages have none (their reads are cached instead)."""
    assert {r.key for r in ROUTES if r.cached} == {"summary", "compare", "gaps", "trends", "area", "neighbours", "send"}
    assert {r.key for r in ROUTES if r.cached} == {r.key for r in ROUTES if r.views}


def test_dash_kwargs_keep_the_registration() -> None:
    kwargs = route("area").dash_kwargs(title="t")
    assert kwargs["path"] == "/area" and kwargs["path_template"] == "/area/<code>" and kwargs["title"] == "t"
    assert kwargs["cached"] is True and kwargs["order"] == 5
    assert "path" not in route("indicator").dash_kwargs()  # Dash infers /indicators/none, as before


def test_markdown_escapes_pipes() -> None:
    table = routes.markdown_table()
    assert "`/gaps?phase=eyfs\\|ks2\\|ks4\\|post16&areas=…&period=…`" in table

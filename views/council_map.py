"""A map of all England's upper-tier councils for one council-level indicator and period.

Shared by ``/compare`` (when the areas are councils: the chosen councils outlined) and
``/neighbours`` (the council and its ten statistical neighbours outlined), and by their exports.
Each council is coloured by its quartile among all councils (the rank rule of
``views.benchmarks.ranks``, the one the scorecard and the profile use) or by its verdict against
England (``analytics.honest``), chosen with ``colour=quartile|significance`` in the page's URL.
The table under the map has every council's value, verdict and rank, so keyboard and
screen-reader users get everything the colours say.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from analytics.ci import ci_for
from analytics.codes import ENGLAND, slug
from analytics.compare import NOT_COMPARED
from analytics.frames import Row, frame_records
from analytics.honest import honest_comparison, mark
from components.chart_block import ChartText
from components.district_map import legend_name
from components.england_map import england_map_figure
from components.formatting import decimals_of, format_value, is_missing, unit_phrase
from data_access import reads
from data_access.reads.records import IndicatorRecord
from views import benchmarks
from views.base import ChartView, Query, ViewNotFound, first, source_lines

COUNCIL_LEVELS = ("county", "unitary")
COLOURS = ("quartile", "significance")
ENGLAND_NAME = "England"


@dataclass(kw_only=True)
class CouncilMapChart(ChartView):
    """The England map with what the page's colour links need."""

    period: str
    colour_by: str
    quartiles_available: bool
    tested_available: bool


def requested_colour(query: Query) -> str:
    return (first(query, "colour") or "").lower()


def choose_colour(requested: str, quartiles: bool, tested: bool) -> str:
    """What was asked for where it exists; by default significance where some council could be
    tested against England, else quartile (most published values have no interval to test)."""
    if requested == "quartile" and quartiles:
        return "quartile"
    if requested == "significance":
        return "significance"
    return "significance" if tested or not quartiles else "quartile"


def council_rows(indicator_id: str, meta: IndicatorRecord | Row, period: str) -> tuple[pd.DataFrame, Row]:
    """Every council's published value for ``period`` with its interval, verdict against England,
    rank and quartile; and England's row (empty dict when England has no value)."""
    frame = reads.values_for_areas([indicator_id], area_codes=[ENGLAND], levels=COUNCIL_LEVELS, periods={indicator_id: period})
    frame = frame.drop_duplicates("area_code")
    england = (
        {str(k): v for k, v in frame_records(frame[frame["area_code"] == ENGLAND])[0].items()}
        if (frame["area_code"] == ENGLAND).any()
        else {}
    )
    rows = frame[frame["area_code"] != ENGLAND].copy()
    if rows.empty:
        return rows, england
    lowers, uppers, labels, reasons, invented = [], [], [], [], []
    for record in frame_records(rows):
        lower, upper = record.get("lower_ci95"), record.get("upper_ci95")
        if is_missing(lower) and not is_missing(record.get("value")):
            found = ci_for(str(meta["value_type"]), record.get("count"), record.get("denominator"), level=95)
            lower, upper = found.lower, found.upper
        result = honest_comparison(
            record.get("value"),
            lower,
            upper,
            england.get("value"),
            meta.get("polarity"),
            value_illustrative=record.get("illustrative"),
            benchmark_illustrative=england.get("illustrative"),
        )
        lowers.append(lower)
        uppers.append(upper)
        labels.append(result.label)
        reasons.append(result.reason)
        invented.append(result.illustrative)
    rows["lower_ci95"], rows["upper_ci95"] = lowers, uppers
    rows["significance"], rows["significance_reason"], rows["significance_illustrative"] = labels, reasons, invented
    # the rank rule of benchmarks.ranks (published values of every council that period), applied to
    # the rows already read rather than a second read of every period
    published = rows[~rows["illustrative"].fillna(False).astype(bool)] if "illustrative" in rows else rows
    by_code = {r["area_code"]: r for r in benchmarks.rank_period(published, meta.get("polarity"))}
    rows["quartile"] = [by_code.get(c, {}).get("quartile") for c in rows["area_code"]]
    rows["rank_text"] = [_rank_text(by_code.get(c)) for c in rows["area_code"]]
    return rows, england


def _rank_text(found: Row | None) -> str:
    if not found:
        return ""
    if found.get("rank") is None or pd.isna(found["rank"]):
        return benchmarks.NOT_RANKED
    return f"{benchmarks.ordinal(int(found['rank']))} of {int(found['rank_of'])} (quartile {found['quartile']})"


@dataclass(frozen=True)
class _MapShape:
    """What the map's words and table need besides the rows."""

    value_type: str
    decimals: int
    colour_by: str
    names: dict[str, str]  # council code → name
    roles: dict[str, str]  # council code → how the map outlines it
    england_text: str


def _map_notes(
    rows: pd.DataFrame, england: Row, shapes: Row, period: str, query: Query, quartiles: bool, shape: _MapShape
) -> list[str]:
    """Words: what the map could not do as asked, and the councils it cannot draw."""
    notes = []
    if requested_colour(query) == "quartile" and not quartiles:
        notes.append(f"No council has a quartile for {period}, so the map is coloured by the verdict against England.")
    if not england:
        notes.append("England has no published value for this period, so no council is compared with it.")
    missing_shapes = sorted(set(rows["area_code"]) - {str(f["id"]) for f in shapes["features"]})
    if missing_shapes:
        notes.append(
            f"No boundary is shipped for {', '.join(shape.names.get(c, c) for c in missing_shapes)}; shown in the table only."
        )
    return notes


def _map_table(
    rows: pd.DataFrame, focus: str | None, outlined: Sequence[str], shape: _MapShape
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Shape: the focus council, the outlined ones, then the rest by name; (table, data)."""
    names, roles = shape.names, shape.roles
    order = [c for c in [focus, *outlined] if c] + sorted(
        (c for c in names if c not in roles and c != focus), key=lambda c: names[c]
    )
    shown = rows.set_index("area_code").reindex([c for c in dict.fromkeys(order) if c in names]).reset_index()
    table = pd.DataFrame(
        {
            "area": shown["area_name"],
            "value_shown": [
                format_value(v, shape.value_type, shape.decimals, status=s) for v, s in zip(shown["value"], shown["status"])
            ],
            "significance": [
                f"{s} ({r})" if isinstance(r, str) and r else mark(str(s), bool(i))
                for s, r, i in zip(shown["significance"], shown["significance_reason"], shown["significance_illustrative"])
            ],
            "rank": shown["rank_text"],
            "outlined": [roles.get(c, "") for c in shown["area_code"]],
        }
    )
    return table, shown


def _map_text(
    meta: IndicatorRecord | Row,
    rows: pd.DataFrame,
    england: Row,
    shapes: Row,
    period: str,
    query: Query,
    quartiles: bool,
    shape: _MapShape,
    outline: tuple[str | None, Sequence[str], str],
) -> ChartText:
    """Words: the title, what the colours mean, the summary and the sources."""
    focus, outlined, outlined_label = outline
    attribution = str(shapes.get("attribution") or "")
    return ChartText(
        title=f"{meta['name']}: England's councils on a map",
        subtitle=f"{period} · {unit_phrase(str(meta['unit']), shape.value_type)} · "
        + (
            "coloured by quartile among England's councils (A best)"
            if shape.colour_by == "quartile"
            else f"coloured by the verdict against England ({shape.england_text})"
        )
        + " · ONS boundaries, generalised; London enlarged",
        summary=_summary(rows, shape.colour_by, period, focus, outlined, shape.names, outlined_label),
        sources=[*source_lines(rows), "Council boundaries: " + attribution.removeprefix("Source: ")]
        if attribution
        else source_lines(rows),
        illustrative=bool(rows["illustrative"].fillna(False).astype(bool).any()) if "illustrative" in rows else False,
        notes=_map_notes(rows, england, shapes, period, query, quartiles, shape),
    )


def _map_columns(meta: IndicatorRecord | Row, england_text: str) -> list[tuple[str, str]]:
    return [
        ("area", "Council"),
        ("value_shown", f"Value ({meta['unit']})"),
        ("significance", f"Compared with England ({england_text})"),
        ("rank", "Rank among England's councils (quartile band, A best)"),
        ("outlined", "Outlined on the map"),
    ]


def build_council_map(
    indicator_id: str,
    meta: IndicatorRecord | Row,
    period: str,
    query: Query,
    *,
    outlined: Sequence[str] = (),
    focus: str | None = None,
    outlined_label: str = "Chosen councils",
    key: str = "council-map",
) -> CouncilMapChart:
    """The England map of ``indicator_id`` in ``period``; ``query`` gives ``colour=``."""
    rows, england = council_rows(indicator_id, meta, period)
    if rows.empty or rows["value"].notna().sum() == 0:
        raise ViewNotFound(
            f"No council has a published value of “{meta.get('name', indicator_id)}” for {period}, so there is no map of England."
        )
    quartiles = bool(rows["quartile"].isin(list("ABCD")).any())
    tested = bool((~rows["significance"].isin([NOT_COMPARED])).any())
    colour_by = choose_colour(requested_colour(query), quartiles, tested)
    shapes = reads.council_boundaries()
    attribution = str(shapes.get("attribution") or "")
    value_type, decimals = str(meta["value_type"]), decimals_of(meta.get("decimals"))
    figure = england_map_figure(
        rows,
        shapes,
        value_type=value_type,
        decimals=decimals,
        attribution=attribution,
        colour_by=colour_by,
        benchmark_name=ENGLAND_NAME,
        outlined=[c for c in outlined if c != focus],
        focus=focus,
        outlined_label=outlined_label,
    )
    roles = {code: f"Dark outline ({outlined_label.removesuffix('s')})" for code in outlined if code != focus}
    if focus:
        roles[focus] = "Thick orange outline"
    england_text = format_value(england.get("value"), value_type, decimals, status=england.get("status"))
    names = dict(zip(rows["area_code"].astype(str), rows["area_name"].astype(str)))
    shape = _MapShape(value_type, decimals, colour_by, names, roles, england_text)
    text = _map_text(meta, rows, england, shapes, period, query, quartiles, shape, (focus, outlined, outlined_label))
    table, shown = _map_table(rows, focus, outlined, shape)
    return CouncilMapChart(
        key=key,
        figure=figure,
        text=text,
        table=table,
        table_columns=_map_columns(meta, england_text),
        data=shown,
        filename_stem=f"{indicator_id}_england-councils-map_{slug(period)}",
        numeric_columns=("value_shown",),
        period=period,
        colour_by=colour_by,
        quartiles_available=quartiles,
        tested_available=tested,
    )


def _summary(
    rows: pd.DataFrame,
    colour_by: str,
    period: str,
    focus: str | None,
    outlined: Sequence[str],
    names: Mapping[str, str],
    outlined_label: str,
) -> str:
    """ "Of 151 councils with a value in 2024, 38 are in quartile A, …", then where the highlighted
    council and the outlined ones fall."""
    valued = rows[rows["value"].notna()]
    column = "quartile" if colour_by == "quartile" else "significance"

    def category(row: Row) -> str:
        label = legend_name(str(row.get(column) or ""), colour_by) if colour_by == "quartile" else str(row.get(column))
        return "Not ranked" if colour_by == "quartile" and row.get(column) not in tuple("ABCD") else label

    counts: dict[str, int] = {}
    for record in frame_records(valued):
        counts[category(record)] = counts.get(category(record), 0) + 1
    words = ", ".join(f"{n} {_category_phrase(c, colour_by)}" for c, n in sorted(counts.items(), key=_order))
    sentence = f"Of the {len(valued)} councils with a value for {period}: {words}."
    by_code = {str(r["area_code"]): r for r in frame_records(rows)}
    if focus and focus in by_code:
        sentence += f" {names.get(focus, focus)} (thick orange outline): {_category_phrase(category(by_code[focus]), colour_by)}."
    others = [c for c in outlined if c != focus and c in by_code]
    if others:
        group: dict[str, int] = {}
        for code in others:
            group[category(by_code[code])] = group.get(category(by_code[code]), 0) + 1
        sentence += (
            f" {outlined_label} (dark outline): "
            + ", ".join(f"{n} {_category_phrase(c, colour_by)}" for c, n in sorted(group.items(), key=_order))
            + "."
        )
    return sentence


#: The summary names categories in the legend's order: best first, untested last.
_SUMMARY_ORDER = [
    "Quartile A (best)",
    "Quartile B",
    "Quartile C",
    "Quartile D",
    "Not ranked",
    "Better",
    "Similar",
    "Worse",
    "Higher",
    "Lower",
    NOT_COMPARED,
]


def _order(item: tuple[str, int]) -> tuple[int, str]:
    return (_SUMMARY_ORDER.index(item[0]) if item[0] in _SUMMARY_ORDER else len(_SUMMARY_ORDER), item[0])


def _category_phrase(category: str, colour_by: str) -> str:
    if colour_by == "quartile":
        return category.replace(" (best)", "").replace("Quartile", "in quartile").replace("Not ranked", "not ranked")
    return {
        "Better": "significantly better than England",
        "Worse": "significantly worse than England",
        "Similar": "similar to England",
        "Higher": "significantly higher than England",
        "Lower": "significantly lower than England",
        NOT_COMPARED: "not tested against England",
    }.get(category.removesuffix(" (illustrative)"), category.lower())

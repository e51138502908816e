"""``seed/published/SOURCES.md``: who published each file, when, under what licence, and what
the published data kept of it. Written by the builder so it can never drift from the published data itself."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from seed.publishing.areas import AreaBook
from seed.publishing.model import SourcePart
from seed.publishing.neighbours import NeighbourPart

HEADER = """# Published-data pack: sources

Built by `python -m seed.build_published --from ../shared/realdata` from the official files named
below; do not edit by hand. Values, confidence intervals, counts, denominators and status symbols are
kept as each publisher printed them (no rounding, no fill). Rows the pack does not carry are counted
with the reason. Where two sources give the same indicator, area, period and breakdown, the source
listed first keeps it.

Contains public sector information licensed under the Open Government Licence v3.0
(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _neighbour_lines(parts: list[NeighbourPart]) -> list[str]:
    lines = [
        "## Statistical neighbours",
        "",
        "| key | publication | raw file | read at | licence | raw rows | councils | neighbour rows |",
        "|---|---|---|---|---|---:|---:|---:|",
    ]
    for part in parts:
        m = part.meta
        lines.append(
            f"| `{m.key}` | [{_cell(m.title)}]({m.url}) | `{m.file}` | {_cell(m.repository)} | {m.licence} | "
            f"{part.raw_rows} | {part.rows['area_code'].nunique()} | {len(part.rows)} |"
        )
    lines.append("")
    for part in parts:
        lines += [f"### `{part.meta.key}`", "", part.meta.note, ""]
        lines += [f"- not carried: {rows} — {reason}" for reason, rows in sorted(part.dropped.items())]
        lines.append("")
    return lines


def sources_markdown(
    parts: list[SourcePart], areas: AreaBook, indicators: pd.DataFrame, neighbour_parts: Sequence[NeighbourPart] = ()
) -> str:
    lines = [HEADER, "## Areas", ""]
    counts = areas.areas["level"].value_counts()
    lines.append(
        "England, regions, upper-tier councils and lower-tier districts on the April 2023 geography "
        "(ONS LTLA→UTLA lookup; regions and old DfE LA numbers from the DfE children-in-need file; "
        "Barnsley and Sheffield on their 2024 codes): "
        + ", ".join(f"{counts.get(level, 0)} {level}" for level in ("country", "region", "county", "unitary", "district"))
        + f". {len(areas.aliases)} predecessor codes map to the same place under a new code."
    )
    lines += ["", "## Sources", ""]
    lines.append("| key | publisher | publication | raw file | read at | licence | raw rows | rows in pack |")
    lines.append("|---|---|---|---|---|---|---:|---:|")
    for part in parts:
        m = part.meta
        title = f"[{_cell(m.title)}]({m.url})" if m.url else _cell(m.title)
        date = m.published_on or m.extracted_on or ""
        read_at = _cell(m.repository) + (f"; published {date}" if date else "")
        lines.append(
            f"| `{m.key}` | {_cell(m.publisher)} | {title} | `{_cell(m.file)}` | {read_at} | "
            f"{_cell(m.licence)} | {part.raw_rows} | {len(part.observations)} |"
        )
    lines += ["", "## What each source gave and left out", ""]
    for part in parts:
        m = part.meta
        ids = sorted(set(part.observations["indicator_id"]))
        lines.append(f"### `{m.key}`")
        lines.append("")
        if m.note:
            lines.append(m.note)
            lines.append("")
        shown = ", ".join(f"`{i}`" for i in ids[:12]) + (f" and {len(ids) - 12} more" if len(ids) > 12 else "")
        lines.append(f"- indicators: {len(ids)} ({shown})" if ids else "- indicators: none")
        for reason, rows in sorted(part.dropped.items()):
            lines.append(f"- not carried: {rows} rows — {reason}")
        lines.append("")
    lines += _neighbour_lines(list(neighbour_parts))
    lines.append(
        f"Indicators defined by the pack: {len(indicators)} (the plans' own indicators live in `seed/data/indicators.csv`)."
    )
    return "\n".join(lines) + "\n"

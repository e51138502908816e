"""DfE children's services statistical neighbours, as LAIT uses them (2025 and 2021 models).

Why a module of its own: neighbours are not observations but the comparator group every
children's services analyst benchmarks against first. The files key councils by old DfE LA
number (919 = Hertfordshire); each row lists a council's ten nearest neighbours in order with
a closeness band ("Very Close" .. "Not Close"). The published data keeps them on current GSS codes, one
row per council and neighbour, with the raw file's line, so the lists can be checked against
the DfE files council by council.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from seed.publishing.areas import AreaBook
from seed.publishing.model import SourceMeta

#: Columns of ``seed/published/neighbours.csv.gz``.
NEIGHBOUR_COLUMNS = ("model", "area_code", "rank", "neighbour_code", "closeness", "source_key", "source_line")
REPO = "dfe-analytical-services/local-authority-interactive-tool @ b3494e3d664dd68c9412e12f6a40c7bf975282d0"
URL = "https://www.gov.uk/government/publications/local-authority-interactive-tool-lait"
#: model -> (raw file, source key, publication title)
MODELS = {
    "2025": (
        "dfe_lait_sn_may_2025.csv",
        "dfe-sn-2025",
        "Children's services statistical neighbour benchmarking tool (May 2025 model)",
    ),
    "2021": (
        "dfe_lait_sn_april_2021.csv",
        "dfe-sn-2021",
        "Children's services statistical neighbour benchmarking tool (April 2021 model)",
    ),
}
DEFAULT_MODEL = "2025"
NEIGHBOURS_PER_COUNCIL = 10


@dataclass
class NeighbourPart:
    """One model's neighbour rows and what was left out of the raw file, by reason."""

    meta: SourceMeta
    rows: pd.DataFrame
    raw_rows: int = 0
    dropped: dict[str, int] = field(default_factory=dict)

    def drop(self, reason: str, rows: int = 1) -> None:
        if rows:
            self.dropped[reason] = self.dropped.get(reason, 0) + rows


def _meta(model: str) -> SourceMeta:
    file, key, title = MODELS[model]
    return SourceMeta(
        key=key,
        publisher="Department for Education",
        title=title,
        file=file,
        url=URL,
        repository=REPO,
        note=(
            f"Each council's ten statistical neighbours in the DfE {model} model, in order, with the closeness "
            "band as printed (surrounding spaces removed). Councils and neighbours are on current GSS codes "
            "(the file gives old DfE LA numbers)."
        ),
    )


def _model(national: Path, areas: AreaBook, model: str) -> NeighbourPart:
    file, key, _title = MODELS[model]
    part = NeighbourPart(meta=_meta(model), rows=pd.DataFrame(columns=list(NEIGHBOUR_COLUMNS)))
    records: list[dict[str, str]] = []
    with open(national / file, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        next(reader)  # header: LA num, LA Name, LA number, GOInd, GOReg, SN1, SNP, ... SN10, SNP
        for line, cells in enumerate(reader, start=2):
            part.raw_rows += 1
            number = cells[0].strip()
            if not number.isdigit():
                part.drop('blank or marker rows of the sheet ("Old SNs:")')
                continue
            code = areas.by_dfe(number)
            if code is None:
                part.drop("council abolished or merged since (no current code for its LA number)")
                continue
            pairs = [(cells[5 + 2 * i].strip(), cells[6 + 2 * i].strip()) for i in range(NEIGHBOURS_PER_COUNCIL)]
            if all(n in {"", "-"} for n, _ in pairs):
                part.drop("council with no neighbours in this model (created after it)")
                continue
            for rank, (neighbour, closeness) in enumerate(pairs, start=1):
                neighbour_code = areas.by_dfe(neighbour)
                if neighbour_code is None:
                    part.drop("neighbour places naming a council abolished since (the list keeps the others in order)")
                    continue
                records.append(
                    {
                        "model": model,
                        "area_code": code,
                        "rank": str(rank),
                        "neighbour_code": neighbour_code,
                        "closeness": closeness,
                        "source_key": key,
                        "source_line": str(line),
                    }
                )
    part.rows = pd.DataFrame.from_records(records, columns=list(NEIGHBOUR_COLUMNS))
    return part


def build(national: Path, areas: AreaBook) -> list[NeighbourPart]:
    """Both models, the default (2025) first."""
    return [_model(national, areas, model) for model in MODELS]


def check(parts: list[NeighbourPart], areas: AreaBook) -> list[str]:
    """Published-data rules for neighbour rows: current council codes, one row per place, no self-neighbour."""
    problems: list[str] = []
    councils = set(areas.areas.loc[areas.areas["level"].isin(["county", "unitary"]), "code"])
    for part in parts:
        rows = part.rows
        bad = sorted((set(rows["area_code"]) | set(rows["neighbour_code"])) - councils)
        if bad:
            problems.append(f"{part.meta.key}: codes that are not current councils {bad[:10]}")
        if (
            rows.duplicated(["model", "area_code", "rank"]).any()
            or rows.duplicated(["model", "area_code", "neighbour_code"]).any()
        ):
            problems.append(f"{part.meta.key}: a council lists the same place or neighbour twice")
        if (rows["area_code"] == rows["neighbour_code"]).any():
            problems.append(f"{part.meta.key}: a council is its own neighbour")
    return problems

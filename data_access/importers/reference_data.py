"""The reference data an import checks its rows against: the areas, aliases and indicators the database holds.

Loaded once per import with three bulk selects, so validation never queries per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import select

from data_access.database import Database
from data_access.models import Area, AreaAlias, Indicator


@dataclass
class ReferenceData:
    areas: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (name, level)
    aliases: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  # alias -> (code, scheme, note)
    dfe_la: dict[str, str] = field(default_factory=dict)  # old DfE LA number -> code
    parents: dict[str, str] = field(default_factory=dict)  # code -> parent code (where the area has one)
    indicators: pd.DataFrame = field(default_factory=pd.DataFrame)

    @classmethod
    def load(cls, db: Database) -> ReferenceData:
        with db.read() as session:
            areas = session.execute(select(Area.code, Area.name, Area.level, Area.dfe_la_code, Area.parent_code)).all()
            aliases = session.execute(select(AreaAlias.alias, AreaAlias.area_code, AreaAlias.scheme, AreaAlias.note)).all()
            result = session.execute(
                select(
                    Indicator.id,
                    Indicator.name,
                    Indicator.unit,
                    Indicator.value_type,
                    Indicator.period_type,
                    Indicator.polarity,
                    Indicator.fingertips_id,
                    Indicator.dfe_code,
                )
            )
            indicators = pd.DataFrame(result.all(), columns=list(result.keys()))
        reference = cls(
            areas={code: (name, level) for code, name, level, _, _ in areas},
            aliases={alias: (code, scheme, note) for alias, code, scheme, note in aliases},
            dfe_la={str(dfe): code for code, _, _, dfe, _ in areas if dfe},
            parents={code: parent for code, _, _, _, parent in areas if parent},
            indicators=indicators,
        )
        for alias, (code, scheme, _) in reference.aliases.items():
            if scheme == "dfe_la":
                reference.dfe_la.setdefault(alias, code)
        return reference

    # ------------------------------------------------------------ indicators

    def indicator(self, indicator_id: str) -> dict | None:
        if self.indicators.empty:
            return None
        found = self.indicators[self.indicators["id"] == indicator_id]
        return None if found.empty else found.iloc[0].to_dict()

    def by_fingertips_id(self, fingertips_id: int) -> dict | None:
        if self.indicators.empty:
            return None
        ids = pd.to_numeric(self.indicators["fingertips_id"], errors="coerce")
        found = self.indicators[ids == fingertips_id]
        return None if found.empty else found.iloc[0].to_dict()

    def by_name(self, name: str) -> dict | None:
        if self.indicators.empty:
            return None
        found = self.indicators[self.indicators["name"].str.lower() == name.strip().lower()]
        return None if found.empty else found.iloc[0].to_dict()

"""One module per raw file family. ``SOURCES`` is in precedence order: where two sources give
a value for the same indicator, area, period and breakdown, the earlier one is kept (the
later one's row is counted as "given by an earlier source" in SOURCES.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from seed.publishing.areas import AreaBook
from seed.publishing.model import SourcePart
from seed.publishing.sources import csc, fingertips, lait, ons_conceptions, ons_els, sen2

Builder = Callable[[Path, AreaBook], list[SourcePart]]


def registry() -> list[tuple[str, Builder]]:
    """(module name, build function) in precedence order."""
    # Fingertips and the DfE files carry counts, denominators and CIs, so they come first; LAIT
    # (DfE's own council figures) before ONS Explore Local Statistics, whose council rows are
    # sometimes ONS aggregates of school-location figures: ELS adds the districts and the years
    # LAIT lacks.
    return [
        ("fingertips", fingertips.build),
        ("csc", csc.build),
        ("sen2", sen2.build),
        ("ons_conceptions", ons_conceptions.build),
        ("lait", lait.build),
        ("ons_els", ons_els.build),
    ]

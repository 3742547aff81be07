"""The data behind the public numbers page: the EU member states, their populations and the
map's shapes, read once per process from petitions/data/.

- population.json: Eurostat, population on 1 January 2024 (tps00001 / demo_pjan). Greece is
  GR here (ISO 3166-1), EL at Eurostat.
- europe.json: SVG path data per member state, grey neighbours, circles for the smallest
  states, built from Natural Earth by tools/build_europe_map.py.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

# The 27 member states, listed first in the sign form: the petition is addressed to the
# European Parliament.
EU_MEMBER_STATES = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip


@cache
def population_data() -> dict[str, Any]:
    """{"source", "date", "population": {alpha-2: inhabitants}}."""
    return dict(json.loads((DATA / "population.json").read_text(encoding="utf-8")))


def populations() -> dict[str, int]:
    return dict(population_data()["population"])


@cache
def europe_map() -> dict[str, Any]:
    """{"viewBox", "countries": {alpha-2: path data}, "markers": {alpha-2: [x, y, r]},
    "context": path data of the neighbours, "source", "projection"}."""
    return dict(json.loads((DATA / "europe.json").read_text(encoding="utf-8")))


# The map's sequential palette, by class: 0 = a member state without signatures, then 1 (fewest
# per million) to 5 (most), lighter to darker in the campaign's purple. Neighbouring classes
# differ clearly in lightness; the darkest is the site's brand colour.
MAP_PALETTE = ("#ffffff", "#e0d8f5", "#b8a5e8", "#8d6fd3", "#6242b5", "#3b1f8f")

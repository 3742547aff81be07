"""Build petitions/data/europe.json, the map of Europe on the public numbers page.

    npm ci && .venv/bin/python tools/build_europe_map.py [path/to/countries-50m.json]

Input: the Natural Earth country shapes at 1:50m as TopoJSON, from the npm package
`world-atlas` (pinned in package.json; Natural Earth is public domain). Output: one SVG path
per EU member state (keyed by ISO 3166-1 alpha-2), one grey path for the neighbours, a circle
for the member states too small to find on the map, and the viewBox. Plain Python, no GIS
library:

1. decode the arcs (delta-encoded, quantized; `transform` turns them into degrees);
2. project them with the Lambert azimuthal equal-area projection centred on Europe (areas
   keep their proportions, which a map coloured per inhabitant needs);
3. simplify every arc once with Douglas-Peucker, so that two neighbours' shared border stays
   the same line in both shapes (no gaps, no overlaps);
4. join the arcs into rings, drop rings outside Europe (overseas regions), clip the rest to
   the map's box (Sutherland-Hodgman), drop specks and round to whole units.

The output is committed; run this again only to change the map.
"""

import itertools
import json
import math
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
OUTPUT = ROOT / "petitions" / "data" / "europe.json"

Point = tuple[float, float]
Ring = list[Point]

# ISO 3166-1 numeric (world-atlas ids) -> alpha-2 of the 27 member states.
EU_MEMBER_STATES = {
    "040": "AT", "056": "BE", "100": "BG", "196": "CY", "203": "CZ", "276": "DE", "208": "DK",
    "233": "EE", "724": "ES", "246": "FI", "250": "FR", "300": "GR", "191": "HR", "348": "HU",
    "372": "IE", "380": "IT", "440": "LT", "442": "LU", "428": "LV", "470": "MT", "528": "NL",
    "616": "PL", "620": "PT", "642": "RO", "752": "SE", "705": "SI", "703": "SK",
}  # fmt: skip
# Member states drawn with a circle as well: a few pixels of land would be lost on a phone.
SMALL = {"CY", "LU", "MT"}

CENTRE = (10.0, 52.0)  # longitude, latitude (as ETRS89-LAEA, the EU's own statistical maps)
# Rings whose centre lies outside this box (degrees) are not Europe: the Canaries, Madeira,
# the Azores, French Guiana, Réunion, the Dutch Caribbean... They are left out.
EUROPE = (-12.0, 33.0, 36.0, 72.0)  # west, south, east, north
WIDTH = 1000  # viewBox width; the height follows from the box
MARGIN = 0.02  # of the width, around the member states
TOLERANCE = 0.6  # Douglas-Peucker, in viewBox units
MIN_AREA = 6.0  # rings smaller than this (square viewBox units) are dropped
MARKER_RADIUS = 7


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Every arc in degrees: positions are delta-encoded integers, scaled and translated by
    the topology's transform."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def project(point: Point) -> Point:
    """Lambert azimuthal equal-area around CENTRE, on the unit sphere, y pointing down."""
    lam, phi = math.radians(point[0]), math.radians(point[1])
    lam0, phi0 = math.radians(CENTRE[0]), math.radians(CENTRE[1])
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam - lam0)
    k = math.sqrt(2 / max(1 + cos_c, 1e-9))  # the antipode (mid-Pacific) has no land
    x = k * math.cos(phi) * math.sin(lam - lam0)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam - lam0))
    return x, -y


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the line with every point dropped that lies within `tolerance` of
    the simplified line; both ends are always kept (so arcs still meet). A closed line
    (first point == last, an island) stays closed: its first chord has no length, so the
    distance is measured to the start point and the ring is cut at its farthest point, never
    collapsed. Iterative: no recursion limit on long coastlines."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, 0
        for i in range(first + 1, last):
            d = _distance_to_segment(points[i], points[first], points[last])
            if d > farthest:
                farthest, index = d, i
        if farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def clip(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland-Hodgman: the part of a closed ring inside the box (edges along the box
    where the ring leaves it)."""
    x0, y0, x1, y1 = box
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    )
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cross in edges:
        if not points:
            break
        result: Ring = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return [*points, points[0]] if points else []


def _cross_x(a: Point, b: Point, x: float) -> Point:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _cross_y(a: Point, b: Point, y: float) -> Point:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def area(ring: Sequence[Point]) -> float:
    """The ring's area (shoelace), whatever its direction."""
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring))) / 2


def centroid(ring: Sequence[Point]) -> Point:
    total = cx = cy = 0.0
    for a, b in itertools.pairwise(ring):
        cross = a[0] * b[1] - b[0] * a[1]
        total += cross
        cx += (a[0] + b[0]) * cross
        cy += (a[1] + b[1]) * cross
    if not total:
        return ring[0]
    return cx / (3 * total), cy / (3 * total)


def path_data(rings: Iterable[Sequence[Point]]) -> str:
    """SVG path data with whole-unit, relative coordinates (the shortest text)."""
    parts = []
    for ring in rings:
        points = [(round(x), round(y)) for x, y in ring]
        # Rounding makes neighbouring points equal: keep one.
        points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        if len(points) < 4:
            continue
        if points[-1] == points[0]:
            points = points[:-1]
        x, y = points[0]
        steps = []
        for px, py in points[1:]:
            steps.append(f"{px - x} {py - y}")
            x, y = px, py
        parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(parts)


def _rings(geometry: dict, arcs: list[list[Point]]) -> list[Ring]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = []
    for polygon in polygons:
        for ring_arcs in polygon:
            ring: Ring = []
            for index in ring_arcs:
                arc = arcs[index] if index >= 0 else arcs[~index][::-1]
                ring += arc[1:] if ring else arc
            rings.append(ring)
    return rings


def _in_europe(ring_degrees: Ring) -> bool:
    west, south, east, north = EUROPE
    lon = sum(p[0] for p in ring_degrees) / len(ring_degrees)
    lat = sum(p[1] for p in ring_degrees) / len(ring_degrees)
    return west <= lon <= east and south <= lat <= north


def build(topology: dict) -> dict:
    degrees = decode_arcs(topology)
    geometries = [g for g in topology["objects"]["countries"]["geometries"] if g["type"] != "null"]
    # The member states' rings in Europe, in degrees, decide the box and the scale.
    member_rings = {
        EU_MEMBER_STATES[g["id"]]: [r for r in _rings(g, degrees) if _in_europe(r)]
        for g in geometries
        if g.get("id") in EU_MEMBER_STATES
    }
    missing = set(EU_MEMBER_STATES.values()) - set(member_rings)
    if missing:
        raise SystemExit(f"not in the source: {sorted(missing)}")
    projected = [project(p) for rings in member_rings.values() for r in rings for p in r]
    xs, ys = [p[0] for p in projected], [p[1] for p in projected]
    scale = WIDTH / (max(xs) - min(xs)) / (1 + 2 * MARGIN)
    left = min(xs) - MARGIN * (max(xs) - min(xs))
    top = min(ys) - MARGIN * (max(xs) - min(xs))
    height = round((max(ys) - min(ys)) * scale + 2 * MARGIN * WIDTH / (1 + 2 * MARGIN))
    box = (0.0, 0.0, float(WIDTH), float(height))

    def to_view(point: Point) -> Point:
        x, y = project(point)
        return (x - left) * scale, (y - top) * scale

    # Simplify each arc once (shared borders stay shared). Arcs far outside are cheap to skip.
    view_arcs = [simplify([to_view(p) for p in arc], TOLERANCE) for arc in degrees]

    countries: dict[str, str] = {}
    markers: dict[str, list[int]] = {}
    context: list[Ring] = []
    for geometry in geometries:
        code = EU_MEMBER_STATES.get(geometry.get("id", ""))
        kept = []
        for ring_degrees, ring in zip(
            _rings(geometry, degrees), _rings(geometry, view_arcs), strict=True
        ):
            if not _in_europe(ring_degrees) and code:
                continue
            clipped = clip(ring, box)
            if clipped and area(clipped) >= MIN_AREA:
                kept.append(clipped)
        if code:
            if not kept:
                raise SystemExit(f"{code} has no shape left")
            countries[code] = path_data(kept)
            if code in SMALL:
                x, y = centroid(max(kept, key=area))
                markers[code] = [round(x), round(y), MARKER_RADIUS]
        else:
            context += kept
    return {
        "source": (
            "Natural Earth 1:50m country shapes (public domain), from the npm package "
            "world-atlas; built by tools/build_europe_map.py"
        ),
        "projection": f"Lambert azimuthal equal-area centred on {CENTRE[0]}E {CENTRE[1]}N",
        "viewBox": f"0 0 {WIDTH} {height}",
        "countries": dict(sorted(countries.items())),
        "markers": dict(sorted(markers.items())),
        "context": path_data(context),
    }


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    result = build(json.loads(source.read_text()))
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(result, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{OUTPUT.relative_to(ROOT)}: {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv)

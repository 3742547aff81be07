"""tools/build_europe_map.py, which draws the numbers page's map from Natural Earth: the
geometry it does by hand (TopoJSON decoding, simplification, clipping)."""

import importlib.util
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitions import europe

spec = importlib.util.spec_from_file_location(
    "build_europe_map", europe.DATA.parent.parent / "tools" / "build_europe_map.py"
)
builder = importlib.util.module_from_spec(spec)
spec.loader.exec_module(builder)


def circle(n: int, radius: float = 100.0) -> list[tuple[float, float]]:
    points = [
        (radius * math.cos(2 * math.pi * i / n), radius * math.sin(2 * math.pi * i / n))
        for i in range(n)
    ]
    return [*points, points[0]]


def test_simplification_keeps_a_closed_ring_closed_and_its_shape():
    """A closed ring (an island drawn by one arc) stays closed, keeps enough points to be a
    polygon and nearly its area, with far fewer points."""
    ring = circle(400)
    simple = builder.simplify(ring, 0.9)
    assert simple[0] == simple[-1] == ring[0]
    assert 4 <= len(simple) < 60
    assert builder.area(simple) == pytest.approx(builder.area(ring), rel=0.03)


@given(
    st.lists(st.tuples(st.integers(-500, 500), st.integers(-500, 500)), min_size=3, max_size=60),
    st.floats(0.1, 50),
)
def test_simplification_keeps_the_ends_and_only_original_points(points, tolerance):
    """Whatever the line: both ends stay (so arcs still meet their neighbours), the rest is
    a subsequence of the original points, and a closed line stays closed."""
    points = [(float(x), float(y)) for x, y in points]
    simple = builder.simplify(points, tolerance)
    assert simple[0] == points[0] and simple[-1] == points[-1]
    iterator = iter(points)
    assert all(any(p == q for q in iterator) for p in simple)


def test_simplification_drops_points_within_the_tolerance_only():
    line = [(0.0, 0.0), (1.0, 0.2), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    assert builder.simplify(line, 0.5) == [(0.0, 0.0), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]


def test_arcs_are_decoded_from_deltas_with_the_transform():
    topology = {
        "transform": {"scale": [0.5, 2.0], "translate": [10, -5]},
        "arcs": [[[0, 0], [2, 1], [-1, 3]]],
    }
    assert builder.decode_arcs(topology) == [[(10.0, -5.0), (11.0, -3.0), (10.5, 3.0)]]


def test_rings_join_arcs_and_reverse_negative_ones():
    """~i means arc i backwards; a ring's arcs share their end points, kept once."""
    arcs = [[(0, 0), (1, 0), (1, 1)], [(0, 0), (0, 1), (1, 1)]]
    rings = builder._rings({"type": "Polygon", "arcs": [[0, ~1]]}, arcs)
    assert rings == [[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]]


def test_clipping_keeps_the_part_inside_the_box_closed():
    square = [(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0), (-10.0, -10.0)]
    clipped = builder.clip(square, (0.0, 0.0, 100.0, 100.0))
    assert clipped[0] == clipped[-1]
    assert builder.area(clipped) == pytest.approx(100.0)
    assert builder.clip(square, (20.0, 20.0, 30.0, 30.0)) == []


def test_path_data_is_relative_rounded_and_closed():
    d = builder.path_data([[(0.4, 0.4), (10.2, 0.0), (10.0, 10.0), (0.0, 10.0), (0.4, 0.4)]])
    assert d == "M0 0l10 0 0 10-10 0z"


def test_projection_centres_europe_and_keeps_north_up():
    assert builder.project(builder.CENTRE) == pytest.approx((0.0, 0.0))
    x_north, y_north = builder.project((10.0, 60.0))
    assert x_north == pytest.approx(0.0) and y_north < 0

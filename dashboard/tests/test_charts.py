"""The charts' geometry: round scales from zero, bars and columns proportional to their
values inside the plot, line points on their own scale; empty data, a single day and huge
numbers drawn without errors or shapes outside the picture."""

import pytest

from dashboard import charts


@pytest.mark.parametrize(
    ("value", "top"),
    [
        (0, 1),
        (-5, 1),
        (float("nan"), 1),
        (0.3, 0.32),
        (1, 1),
        (7, 8),
        (11, 12),
        (21, 24),
        (240, 240),
        (251, 320),
        (999_999, 1_000_000),
        (10_000_001, 12_000_000),
        (123_456_789_012, 160_000_000_000),
    ],
)
def test_nice_ceiling_is_four_round_steps(value, top):
    assert charts.nice_ceiling(value) == pytest.approx(top)


@pytest.mark.parametrize(("value", "top"), [(0, 4), (1, 4), (3, 4), (5, 8), (13, 16), (37, 40)])
def test_counts_get_whole_ticks(value, top):
    assert charts.nice_ceiling(value, whole=True) == top
    assert all(t.value == int(t.value) for t in charts.ticks(top, start=0, end=100))


def test_ticks_run_evenly_from_zero_to_the_top():
    ticks = charts.ticks(200, start=10, end=410)
    assert [t.value for t in ticks] == [0, 50, 100, 150, 200]
    assert [t.at for t in ticks] == [10, 110, 210, 310, 410]
    # A vertical axis runs upwards: zero at the bottom.
    assert [t.at for t in charts.ticks(4, start=200, end=0)] == [200, 150, 100, 50, 0]


def test_bars_are_proportional_and_inside_the_plot():
    chart = charts.bar_chart([("Deutschland", 900), ("Nederland", 450), ("Malta", 0)], width=600)
    full = chart.plot_right - chart.plot_left  # the scale ends at 1,000 (4 steps of 250)
    assert [b.width for b in chart.bars] == [
        pytest.approx(full * 0.9),
        pytest.approx(full * 0.45),
        0,
    ]
    assert all(b.x == chart.plot_left and b.end <= chart.plot_right for b in chart.bars)
    tops = [b.y for b in chart.bars]
    assert tops == sorted(tops) and len(set(tops)) == 3  # one row each, in the order given
    assert chart.bars[-1].y + chart.bars[-1].height <= chart.plot_bottom < chart.height
    assert chart.ticks[-1].value == 1000


def test_an_empty_bar_chart_has_a_scale_and_no_bars():
    chart = charts.bar_chart([])
    assert chart.bars == []
    assert chart.ticks[-1].value == 4
    assert chart.height > 0


def test_columns_and_line_each_on_their_own_scale():
    chart = charts.time_chart(
        ["1 Mar", "2 Mar", "3 Mar", "4 Mar"], columns=[10, 40, 0, 20], line=[10, 50, 50, 70]
    )
    height = chart.plot_bottom - chart.plot_top
    assert chart.left_ticks[-1].value == 40 and chart.right_ticks[-1].value == 80
    assert [c.height for c in chart.columns] == [
        pytest.approx(height * 0.25),
        pytest.approx(height * 1.0),
        0,
        pytest.approx(height * 0.5),
    ]
    assert all(c.y + c.height == pytest.approx(chart.plot_bottom) for c in chart.columns)
    assert chart.points[-1].y == pytest.approx(chart.plot_bottom - height * 70 / 80)
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs) and chart.plot_left < xs[0] and xs[-1] < chart.plot_right
    # each point sits over the middle of its day's column
    for column, point in zip(chart.columns, chart.points, strict=True):
        assert column.x + column.width / 2 == pytest.approx(point.x)
    assert chart.polyline.split(" ")[0] == f"{chart.points[0].x},{chart.points[0].y}"


def test_a_single_day_is_one_column_and_one_point():
    chart = charts.time_chart(["1 Mar"], columns=[3], line=[3])
    assert len(chart.columns) == 1 and len(chart.points) == 1
    assert chart.columns[0].width > 0
    assert [label.text for label in chart.labels] == ["1 Mar"]


def test_no_days_draws_nothing():
    chart = charts.time_chart([], columns=[], line=[])
    assert chart.columns == [] and chart.points == [] and chart.labels == []
    assert chart.polyline == ""


def test_a_percentage_axis_reaches_at_least_100():
    chart = charts.time_chart(["a", "b"], columns=[20, 35.5], columns_at_least=100)
    assert chart.left_ticks[-1].value == 100
    assert chart.right_ticks == []
    over = charts.time_chart(["a"], columns=[140], columns_at_least=100)
    assert over.left_ticks[-1].value == 160


def test_huge_numbers_stay_inside_the_picture():
    days = [str(n) for n in range(730)]
    big = [10_000_000 + n * 13_337 for n in range(730)]
    chart = charts.time_chart(days, columns=big, line=[n * 10_000_000 for n in range(730)])
    assert all(c.y >= 0 and c.y + c.height <= chart.plot_bottom + 0.01 for c in chart.columns)
    assert all(chart.plot_top - 0.01 <= p.y <= chart.plot_bottom for p in chart.points)
    assert all(c.width > 0 for c in chart.columns)
    assert chart.columns[-1].x + chart.columns[-1].width <= chart.plot_right + 0.01


@pytest.mark.parametrize("count", [0, 1, 2, 6, 7, 30, 61, 730])
def test_day_labels_first_last_and_a_few_between(count):
    chosen = charts.label_indexes(count)
    assert len(chosen) <= 6
    assert chosen == sorted(set(chosen))
    if count:
        assert chosen[0] == 0 and chosen[-1] == count - 1
    assert all(0 <= n < count for n in chosen)

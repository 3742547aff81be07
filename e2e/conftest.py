"""The order of the end-to-end tests when the suite runs in random order (pytest-randomly)."""

import pytest


def _file_order(item: pytest.Item) -> tuple[str, int, tuple[int, ...]]:
    path, line, _name = item.location
    callspec = getattr(item, "callspec", None)
    params = tuple(callspec.indices.values()) if callspec else ()
    return path, line or 0, params


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests share one live site: its counter, its outbox, its coalition. A
    journey that confirms a signature leaves the counter to the worker's next round, and the
    journey after it reads the counter as its starting point. So the browser tests run
    together, last, in their files' order; every other test keeps its random place."""
    browser = [item for item in items if item.get_closest_marker("browser")]
    if not browser:
        return
    others = [item for item in items if not item.get_closest_marker("browser")]
    items[:] = others + sorted(browser, key=_file_order)

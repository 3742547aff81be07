"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached pages never leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()

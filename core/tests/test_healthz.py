"""/healthz for load balancers: the database, the cache and the workers, nothing else."""

import json

import pytest

from core import workers
from core.tests.ports import free_port

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_cache_and_worker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "cache": "ok", "worker": "stale"}
    workers.beat("1-live")
    assert json.loads(client.get("/healthz").content)["worker"] == "ok"


def test_healthz_carries_no_version_no_cookie_and_is_never_cached(client):
    response = client.get("/healthz")
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    assert "Server" not in response and "X-Powered-By" not in response
    assert response["Content-Type"] == "application/json"
    assert set(json.loads(response.content)) == {"database", "cache", "worker"}


def test_healthz_reports_a_cache_that_does_not_answer(client, settings):
    """The shared cache unreachable (nothing listens on its port): reported, and the app
    server stays in the pool (200), since its pages and forms still work."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content)["cache"] == "unreachable"


def test_healthz_answers_head(client):
    assert client.head("/healthz").status_code == 200


def test_healthz_answers_503_at_once_while_the_database_breaker_is_open(client):
    """Right after the database failed a request, /healthz says so without waiting for it."""
    from core import deadline

    deadline.database.trip()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "database": "unreachable",
        "cache": "ok",
        "worker": "unknown",
    }

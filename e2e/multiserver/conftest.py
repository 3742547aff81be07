"""Two app servers (granian, production settings) on one PostgreSQL database and one Redis.

Runs only when DATABASE_URL points at PostgreSQL (as in CI's PostgreSQL leg). The database
`test_multiserver_<pid>` is created, migrated and dropped here; the servers and the worker are
separate processes sharing nothing but the database, Redis and the keys, as N app servers do
in production. Every process is stopped by its PID; every wait has a timeout.
"""

from __future__ import annotations

import base64
import os
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.tests.ports import free_port
from e2e.processes import manage, stop

REPO = Path(__file__).resolve().parents[2]
GRANIAN = REPO / ".venv" / "bin" / "granian"
REDIS_URL = os.environ.get("MULTISERVER_REDIS_URL", "redis://127.0.0.1:6379/0")
STARTUP_TIMEOUT = 30.0
COMMAND_TIMEOUT = 120


def _database_url() -> str:
    return os.environ.get("DATABASE_URL", "")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _database_url().startswith(("postgres://", "postgresql://")):
        return
    skip = pytest.mark.skip(reason="needs DATABASE_URL pointing at PostgreSQL")
    for item in items:
        if "multiserver" in item.keywords:
            item.add_marker(skip)


def _redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


@dataclass
class Cluster:
    env: dict[str, str]
    servers: list[str]
    outbox: Path
    database_dsn: str
    dedup_key: bytes

    def manage(self, *args: str) -> str:
        return manage(self.env, *args, timeout=COMMAND_TIMEOUT)

    def sql(self, query: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.database_dsn, autocommit=True, connect_timeout=10) as db:
            return db.execute(query).fetchall()  # type: ignore[arg-type]


def _admin_dsn(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(("postgresql", parts.netloc, "/postgres", "", ""))


def _dsn_for(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(("postgresql", parts.netloc, f"/{name}", "", ""))


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """A migrated database with the campaign content, two granian servers, an outbox folder."""
    import psycopg
    from nacl.encoding import Base64Encoder
    from nacl.public import PrivateKey

    if not _redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")

    name = f"test_multiserver_{os.getpid()}"
    admin = _admin_dsn(_database_url())
    tmp = Path(tempfile.mkdtemp(prefix="ssm-multiserver-"))
    dedup_key = secrets.token_bytes(32)
    prefix = f"multiserver-{os.getpid()}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_PRODUCTION": "1",
            "DJANGO_SETTINGS_MODULE": "e2e.multiserver.server_settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEDUP_KEY": base64.b64encode(dedup_key).decode(),
            "OUTBOX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "MAILING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "RATE_LIMIT_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "CAMPAIGN_PUBLIC_KEY": PrivateKey.generate().public_key.encode(Base64Encoder).decode(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": _dsn_for(_database_url(), name),
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": prefix,
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "EMAIL_BACKEND": "outbox.backends.EmlFolderBackend",
            "OUTBOX_EML_DIR": str(tmp / "outbox"),
            "SITE_URL": "http://127.0.0.1",
            "VAR_DIR": str(tmp / "var"),
            "PYTHONPATH": str(REPO),
        }
    )
    processes: list[subprocess.Popen] = []
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        cluster = Cluster(
            env=env,
            servers=[],
            outbox=tmp / "outbox",
            database_dsn=_dsn_for(_database_url(), name),
            dedup_key=dedup_key,
        )
        cluster.manage("migrate", "--noinput", "-v0")
        cluster.manage("createcachetable")
        cluster.manage("collectstatic", "--noinput", "-v0")
        cluster.manage("load_campaign")
        for index in range(2):
            port = free_port()
            log = (tmp / f"server-{index}.log").open("ab")
            command = [
                str(GRANIAN),
                "--interface", "wsgi",
                "--host", "127.0.0.1",
                "--port", str(port),
                "--workers", "1",
                "--blocking-threads", "4",
                "--no-access-log",
                "config.wsgi:application",
            ]  # fmt: skip
            process = subprocess.Popen(  # noqa: S603 (our own command line)
                command,
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            processes.append(process)
            cluster.servers.append(f"http://127.0.0.1:{port}")
        for server, process in zip(cluster.servers, processes, strict=True):
            _wait_until_up(server, process, tmp)
        yield cluster
    finally:
        for process in processes:
            stop(process)
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _redis_cleanup(prefix)
        shutil.rmtree(tmp, ignore_errors=True)


def _wait_until_up(server: str, process: subprocess.Popen, tmp: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            logs = "\n".join(p.read_text() for p in tmp.glob("server-*.log"))
            raise RuntimeError(f"{server} exited early:\n{logs}")
        try:
            with urllib.request.urlopen(f"{server}/robots.txt", timeout=2):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{server} did not start within {STARTUP_TIMEOUT} s")


def _redis_cleanup(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)

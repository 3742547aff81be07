"""A mail world for the chaos tests: its own database (a PostgreSQL database of its own when
DATABASE_URL is PostgreSQL, else a SQLite file), the real worker (`manage.py run_worker`,
production settings) as a process that can be killed, and a real SMTP server (aiosmtpd) on a
port of its own that counts what it accepts. Every process is stopped by its PID, the
database dropped, every wait bounded.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from core.tests.ports import free_port
from e2e.processes import REPO, manage, stop
from outbox.tests.smtp import RecordingHandler

PYTHON = REPO / ".venv" / "bin" / "python"
ENQUEUE = """
from outbox.services import mail_enqueue
for number in range({count}):
    mail_enqueue(
        template="petitions/mail/confirm",
        recipient=f"chaos-{{number:04d}}@example.org",
        language="nl",
        context={{
            "confirm_url": "https://campaign.example/nl/sign/confirm/c{{number}}/",
            "delete_url": "https://campaign.example/nl/sign/delete/d{{number}}/",
            "expires_hours": 72,
        }},
    )
"""


def chaos_only(request: pytest.FixtureRequest) -> None:
    """The chaos tests run with `make chaos` (`-m chaos`), not in every `make test`."""
    if "chaos" not in (request.config.option.markexpr or ""):
        pytest.skip("a chaos test: run with make chaos")


def addresses(count: int) -> set[str]:
    return {f"chaos-{number:04d}@example.org" for number in range(count)}


def wait_for(
    condition: Callable[[], bool],
    *,
    timeout: float,
    what: str,
    explain: Callable[[], str] = str,
) -> float:
    """Poll `condition` every 50 ms; the seconds it took, or AssertionError after `timeout`
    (with what `explain()` says about the state)."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what}: not within {timeout} s\n{explain()}")
        time.sleep(0.05)
    return time.monotonic() - start


@dataclass
class SmtpServer:
    """aiosmtpd on a fixed port, which can be stopped (down) and started again."""

    port: int = field(default_factory=free_port)
    handler: RecordingHandler = field(default_factory=RecordingHandler)
    _controller: Controller | None = None

    def start(self, handler: RecordingHandler | None = None) -> RecordingHandler:
        self.stop()
        self.handler = handler or self.handler
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self.handler

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@dataclass
class MailSite:
    env: dict[str, str]
    tmp: Path
    postgres_dsn: str  # empty on SQLite
    sqlite_path: Path | None
    smtp: SmtpServer
    workers: list[subprocess.Popen] = field(default_factory=list)

    def manage(self, *args: str) -> str:
        return manage(self.env, *args)

    def enqueue(self, count: int) -> None:
        """Queue `count` mails, to chaos-0000@example.org and on, as the site does."""
        self.manage("shell", "-c", ENQUEUE.format(count=count))

    def sql(self, query: str, *params: object) -> list[tuple]:
        """Run `query`, with %s for each of `params`, on the site's database."""
        if self.postgres_dsn:
            import psycopg

            with psycopg.connect(self.postgres_dsn, autocommit=True, connect_timeout=10) as db:
                return db.execute(query, params).fetchall()  # type: ignore[arg-type]
        assert self.sqlite_path is not None
        # Closed at once: a connection left open while another file handle of this process
        # closes the database would lose its locks (and the worker could corrupt the file).
        with contextlib.closing(sqlite3.connect(self.sqlite_path, timeout=20)) as db:
            return db.execute(query.replace("%s", "?"), params).fetchall()

    def count(self, query: str, *params: object) -> int:
        return int(self.sql(query, *params)[0][0])

    def claims_of(self, pid: int, *, status: str | None = None) -> int:
        """Mails claimed by the worker process `pid` (worker ids start with the pid)."""
        query = "SELECT COUNT(*) FROM outbox_outgoingmail WHERE claimed_by LIKE %s"
        if status is None:
            return self.count(query, f"{pid}-%")
        return self.count(query + " AND status = %s", f"{pid}-%", status)

    def dump(self) -> str:
        """Every value of every table, as an attacker with a copy of the database would read
        it: text as it is, bytes also as text (an address in clear inside a binary column
        shows)."""
        tables = self.sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            if self.postgres_dsn
            else "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
        values: list[str] = []
        for (table,) in tables:
            for row in self.sql(f'SELECT * FROM "{table}"'):  # noqa: S608 (the schema's names)
                values.extend(
                    bytes(value).decode("latin-1")
                    if isinstance(value, bytes | memoryview)
                    else str(value)
                    for value in row
                )
        return "\n".join(values)

    def start_worker(self) -> subprocess.Popen:
        log = (self.tmp / "worker.log").open("ab")
        process = subprocess.Popen(  # noqa: S603 (our own command line)
            [str(PYTHON), "manage.py", "run_worker", "--interval", "0.2"],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.workers.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """kill -9: no handler runs, nothing is cleaned up, as when a host dies."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def state(self) -> str:
        """The queue and the workers as the database has them, and the end of the worker log."""
        mails = self.sql("SELECT id, status, claimed_by, attempts FROM outbox_outgoingmail")
        tasks = self.sql(
            "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
        )
        beats = self.sql("SELECT worker_id, seen_at FROM core_workerheartbeat")
        return f"outbox: {mails}\ntasks: {tasks}\nworkers: {beats}\n{self.worker_log()[-3000:]}"

    def wait_until_delivered(
        self, handler: RecordingHandler, count: int, *, timeout: float
    ) -> None:
        """Until `handler`'s server has `count` mails and nothing is queued; then a moment
        more, for a mail sent twice to arrive and be counted."""
        wait_for(
            lambda: len(handler.messages) >= count and self.idle(),
            timeout=timeout,
            what=f"{count} mails delivered, the queue idle",
            explain=self.state,
        )
        time.sleep(1.5)

    def idle(self) -> bool:
        """Nothing queued: no mail, no task waiting or running."""
        return (
            self.count("SELECT COUNT(*) FROM outbox_outgoingmail") == 0
            and self.count(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult "
                "WHERE status IN ('READY', 'RUNNING')"
            )
            == 0
        )

    def worker_log(self) -> str:
        path = self.tmp / "worker.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop_workers(self) -> None:
        for process in self.workers:
            stop(process, timeout=15)


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def _dsn(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(("postgresql", parts.netloc, f"/{name}", "", ""))


@contextlib.contextmanager
def mail_world(request: pytest.FixtureRequest) -> Iterator[MailSite]:
    """A migrated database of the test's own, its SMTP server's port (not started), and the
    environment of a production worker with short heartbeats and retries (1 s each)."""
    from nacl.encoding import Base64Encoder
    from nacl.public import PrivateKey

    chaos_only(request)
    tmp = Path(tempfile.mkdtemp(prefix="ssm-chaos-mail-"))
    smtp = SmtpServer()
    url = _postgres_url()
    base_name = urllib.parse.urlsplit(url).path.lstrip("/") if url else ""
    name = f"{base_name or 'test'}_chaos_{request.node.name[5:25]}_{os.getpid()}".lower()
    if url:
        import psycopg

        admin = _dsn(url, "postgres")
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{name}"')
        database_url, sqlite_path = _dsn(url, name), None
    else:
        sqlite_path = tmp / "db.sqlite3"
        database_url = f"sqlite:///{sqlite_path}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    env.update(
        {
            "DJANGO_PRODUCTION": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEDUP_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "OUTBOX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "MAILING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "RATE_LIMIT_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "CAMPAIGN_PUBLIC_KEY": PrivateKey.generate().public_key.encode(Base64Encoder).decode(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "https://campaign.example",
            "DATABASE_URL": database_url,
            "REDIS_URL": "",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "WORKER_HEARTBEAT_SECONDS": "1",
            "OUTBOX_RETRY_SECONDS": "1",
            "LOG_LEVEL": "INFO",
            "VAR_DIR": str(tmp / "var"),
            "PYTHONPATH": str(REPO),
        }
    )
    site = MailSite(
        env=env,
        tmp=tmp,
        postgres_dsn=database_url if url else "",
        sqlite_path=sqlite_path,
        smtp=smtp,
    )
    try:
        site.manage("migrate", "--noinput", "-v0")
        yield site
    finally:
        site.stop_workers()
        smtp.stop()
        if url:
            import psycopg

            with psycopg.connect(_dsn(url, "postgres"), autocommit=True) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)

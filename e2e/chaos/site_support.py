"""A whole site for the chaos tests: the app under granian (production settings) on a database
of its own, a redis-server of its own when the test wants one, and a load of readers and
signers in threads that records every answer. The test then breaks something (Redis, the
database, the app server) while the load runs, and reads the record.

Databases: a SQLite file; a database of its own on the machine's PostgreSQL (DATABASE_URL);
or a PostgreSQL cluster of its own (`OwnPostgres`: initdb in a temporary directory, another
port), which a test may stop, freeze and start without touching the machine's. Every
process is stopped by its PID, every wait bounded, every file removed.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from core.tests.ports import free_port
from e2e.chaos.mail_support import chaos_only, wait_for
from e2e.processes import REPO, manage, stop
from privacy.identity import normalise_email

GRANIAN = REPO / ".venv" / "bin" / "granian"
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)
PAGES = ["/nl/", "/en/", "/nl/legal.html", "/en/how-CSAR-affects-us.html", "/nl/news/"]
_collected = False


def postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def _dsn(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(("postgresql", parts.netloc, f"/{name}", "", ""))


@dataclass
class OwnPostgres:
    """A PostgreSQL cluster of the test's own (never the machine's), run as the postgres user
    from a temporary directory on a free port."""

    path: Path
    port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, timeout: float = 60) -> None:
        assert PG_BIN is not None
        command = [str(PG_BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)  # noqa: S603
        assert done.returncode == 0, f"{args[0]}: {done.stdout!r} {done.stderr!r}"

    def init(self) -> None:
        if PG_BIN is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
            pytest.skip("PostgreSQL's initdb is not installed")
        self.path.mkdir(parents=True)
        self.path.parent.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.path, "postgres", "postgres")
        self._run("initdb", "-D", str(self.path / "data"), "-A", "trust", "-U", "postgres")
        self.start()

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.path} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=60"
        )
        self._run(
            "pg_ctl", "-D", str(self.path / "data"), "-o", options,
            "-l", str(self.path / "postgres.log"), "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        """Stopped at once (`-m immediate`, as a crash): connections are refused."""
        self._run("pg_ctl", "-D", str(self.path / "data"), "-m", "immediate", "-w", "stop")

    def pids(self) -> list[int]:
        """The postmaster and every process it started (backends, background workers)."""
        pid_file = self.path / "data" / "postmaster.pid"
        if not pid_file.exists():
            return []
        postmaster = int(pid_file.read_text().split()[0])
        found = [postmaster]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    stat = (entry / "stat").read_text()
                    if int(stat.rsplit(")", 1)[1].split()[1]) == postmaster:
                        found.append(int(entry.name))
        return found

    def freeze(self) -> None:
        """SIGSTOP every process of the cluster: the kernel still accepts connections and
        acknowledges packets, but nothing answers (a frozen host, a stalled disk)."""
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            self.thaw()
        with contextlib.suppress(Exception):
            self.stop()
        shutil.rmtree(self.path.parent, ignore_errors=True)


@dataclass
class AppSite:
    env: dict[str, str]
    tmp: Path
    dedup_key: bytes
    postgres_dsn: str = ""
    sqlite_path: Path | None = None
    port: int = field(default_factory=free_port)
    app: subprocess.Popen | None = None
    token: str = ""

    def manage(self, *args: str) -> str:
        return manage(self.env, *args)

    def start_app(self, *, workers: int = 1, threads: int = 4) -> None:
        log = (self.tmp / "app.log").open("ab")
        self.app = subprocess.Popen(  # noqa: S603 (our own command line)
            [str(GRANIAN), "--interface", "wsgi", "--host", "127.0.0.1",
             "--port", str(self.port), "--workers", str(workers),
             "--blocking-threads", str(threads), "--no-access-log",
             "config.wsgi:application"],
            cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        wait_for(self._answers, timeout=30, what="the app server answering", explain=self.log)

    def _answers(self) -> bool:
        assert self.app is not None
        if self.app.poll() is not None:
            raise AssertionError(f"the app server exited:\n{self.log()}")
        try:
            status, body, _headers = self.request("GET", "/nl/sign/")
        except OSError:
            return False
        found = re.search(r'name="form_token" value="([^"]+)"', body.decode(errors="replace"))
        if status == 200 and found:
            self.token = found.group(1)
            return True
        return False

    def kill_app(self) -> None:
        """kill -9 of the app server and its workers: no handler runs."""
        assert self.app is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.app.pid, signal.SIGKILL)
        self.app.wait(timeout=10)

    def stop_app(self) -> None:
        if self.app is not None:
            stop(self.app)

    def log(self) -> str:
        path = self.tmp / "app.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        *,
        timeout: float = 15,
    ) -> tuple[int, bytes, dict[str, str]]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return (
                response.status,
                response.read(),
                {k.lower(): v for k, v in response.getheaders()},
            )
        finally:
            connection.close()

    def sign_form(self, email: str) -> tuple[bytes, dict[str, str]]:
        body = urllib.parse.urlencode(
            {
                "form_token": self.token,
                "first_name": "Chaos",
                "last_name": "Load",
                "email": email,
                "country": "NL",
            }
        ).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://127.0.0.1:{self.port}",
            "Sec-Fetch-Site": "same-origin",
        }
        return body, headers

    def sql(self, query: str) -> list[tuple]:
        if self.postgres_dsn:
            import psycopg

            with psycopg.connect(self.postgres_dsn, autocommit=True, connect_timeout=5) as db:
                return db.execute(query).fetchall()  # type: ignore[arg-type]
        assert self.sqlite_path is not None
        with contextlib.closing(sqlite3.connect(self.sqlite_path, timeout=20)) as db:
            return db.execute(query).fetchall()

    def stored(self, emails: set[str]) -> set[str]:
        """Which of `emails` have a signature (found by their keyed hash, as the site does)."""
        keys = {
            hmac.new(
                self.dedup_key, normalise_email(email).encode(), hashlib.sha256
            ).hexdigest(): email
            for email in emails
        }
        rows = self.sql("SELECT email_hmac FROM petitions_signature")
        return {keys[key] for (key,) in rows if key in keys}


@contextlib.contextmanager
def app_site(
    request: pytest.FixtureRequest,
    *,
    database: str,
    redis_url: str = "",
    extra_env: dict[str, str] | None = None,
) -> Iterator[AppSite]:
    """A migrated site with the campaign loaded, not yet serving. `database`: "sqlite",
    "postgres" (a database of its own on DATABASE_URL's server) or a PostgreSQL URL (an
    `OwnPostgres`'s)."""
    from nacl.encoding import Base64Encoder
    from nacl.public import PrivateKey

    chaos_only(request)
    global _collected
    tmp = Path(tempfile.mkdtemp(prefix="ssm-chaos-site-"))
    name = f"chaos_site_{request.node.name[5:30]}_{os.getpid()}".lower()
    name = re.sub(r"[^a-z0-9_]", "_", name)
    sqlite_path: Path | None = None
    admin_dsn = ""
    if database == "sqlite":
        sqlite_path = tmp / "db.sqlite3"
        database_url = f"sqlite:///{sqlite_path}"
    else:
        server = postgres_url() if database == "postgres" else database
        if not server:
            pytest.skip("needs DATABASE_URL pointing at PostgreSQL")
        import psycopg

        admin_dsn = _dsn(server, "postgres")
        with psycopg.connect(admin_dsn, autocommit=True, connect_timeout=10) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{name}"')
        database_url = _dsn(server, name)
    dedup_key = secrets.token_bytes(32)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    env.update(
        {
            "DJANGO_PRODUCTION": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEDUP_KEY": base64.b64encode(dedup_key).decode(),
            "OUTBOX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "MAILING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "RATE_LIMIT_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "CAMPAIGN_PUBLIC_KEY": PrivateKey.generate().public_key.encode(Base64Encoder).decode(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "https://campaign.example",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": name,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(free_port()),  # no worker sends: mail stays queued
            "SIGN_SOFT_LIMIT": "1000000",
            "SIGN_HARD_LIMIT": "1000000",
            "MAILS_PER_ADDRESS_PER_HOUR": "1000000",
            "DB_CONNECT_TIMEOUT": "2",
            "REQUEST_DEADLINE_SECONDS": "2",
            "LOG_LEVEL": "WARNING",
            "VAR_DIR": str(tmp / "var"),
            "PYTHONPATH": str(REPO),
            **(extra_env or {}),
        }
    )
    site = AppSite(
        env=env,
        tmp=tmp,
        dedup_key=dedup_key,
        postgres_dsn=database_url.replace("postgres://", "postgresql://", 1) if admin_dsn else "",
        sqlite_path=sqlite_path,
    )
    try:
        site.manage("migrate", "--noinput", "-v0")
        site.manage("createcachetable")
        if not _collected:  # STATIC_ROOT is the checkout's: once per run is enough
            site.manage("collectstatic", "--noinput", "-v0")
            _collected = True
        site.manage("load_campaign")
        yield site
    finally:
        site.stop_app()
        if admin_dsn:
            import psycopg

            with (
                contextlib.suppress(Exception),
                psycopg.connect(admin_dsn, autocommit=True, connect_timeout=10) as db,
            ):
                db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


@dataclass
class Answer:
    kind: str  # "page" or "sign"
    status: int  # 0: no answer (connection refused or cut, timeout)
    seconds: float
    at: float
    email: str = ""
    outcome: str = ""
    error: str = ""  # why there was no answer
    path: str = ""


class Load:
    """Readers and signers in `threads` threads, each on a kept-alive connection, until
    stopped; every answer recorded. Every `sign_every`-th request of a thread signs with a
    new address."""

    def __init__(self, site: AppSite, *, threads: int = 4, sign_every: int = 2) -> None:
        self.site = site
        self.threads = threads
        self.sign_every = sign_every
        self.answers: list[Answer] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []
        self._numbers = iter(range(10**9))

    def __enter__(self) -> Load:
        for index in range(self.threads):
            worker = threading.Thread(target=self._run, args=(index,), daemon=True)
            worker.start()
            self._workers.append(worker)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=30)

    def _run(self, index: int) -> None:
        connection: http.client.HTTPConnection | None = None
        count = 0
        while not self._stop.is_set():
            count += 1
            signing = count % self.sign_every == 0
            email = ""
            if signing:
                with self._lock:
                    email = f"load-{index}-{next(self._numbers)}@example.org"
                body, headers = self.site.sign_form(email)
                method, path = "POST", "/nl/sign/"
            else:
                method, path, body, headers = "GET", PAGES[count % len(PAGES)], None, {}
            started = time.monotonic()
            status, outcome, error = 0, "", ""
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=15)
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status, outcome = response.status, response.getheader("X-Outcome") or ""
            except (OSError, http.client.HTTPException) as exc:
                error = repr(exc)
                if connection is not None:
                    connection.close()
                connection = None
            answer = Answer(
                kind="sign" if signing else "page",
                status=status,
                seconds=time.monotonic() - started,
                at=started,
                email=email,
                outcome=outcome,
                error=error,
                path=path,
            )
            with self._lock:
                self.answers.append(answer)
            if status == 0:
                time.sleep(0.05)  # the server is away: do not spin
        if connection is not None:
            connection.close()

    def since(self, moment: float) -> list[Answer]:
        with self._lock:
            return [a for a in self.answers if a.at >= moment]

    def between(self, start: float, end: float) -> list[Answer]:
        with self._lock:
            return [a for a in self.answers if start <= a.at < end]


def statuses(answers: list[Answer], kind: str | None = None) -> dict[int, int]:
    counts: dict[int, int] = {}
    for answer in answers:
        if kind is None or answer.kind == kind:
            counts[answer.status] = counts.get(answer.status, 0) + 1
    return counts


def port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> float:
    return wait_for(condition, timeout=timeout, what=what)

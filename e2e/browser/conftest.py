"""The browser suite's fixtures: one real server + worker per session, one Chromium.

The server is the real thing a visitor meets: `manage.py runserver` with DEBUG off on a free
loopback port, its own SQLite file and key files in a temporary folder, WhiteNoise serving the
collected static files, and the real worker (`run_worker`) sending mail into an outbox folder
as .eml files. Tests observe it only through the browser and that folder.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.tests.ports import free_port
from e2e.browser.helpers import Outbox
from e2e.processes import manage

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LANGUAGES = ["nl", "en"]
# Accept-Language a visitor's browser sends for each site language.
LOCALES = {"nl": "nl-NL", "en": "en-GB"}
ADMIN_USER = "e2e-admin"
STARTUP_TIMEOUT = 30.0


def _browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server exited early:\n{_tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"The server did not answer on port {port}:\n{_tail(log)}")


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _stop(process: subprocess.Popen) -> None:
    """Stop one process we started, by its PID: politely, then firmly."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --- The server --------------------------------------------------------------------------


@dataclass
class LiveSite:
    base_url: str
    outbox: Outbox
    admin_user: str
    admin_password: str
    var_dir: Path
    logs: dict[str, Path]

    def logs_tail(self) -> str:
        return "\n".join(f"--- {name}\n{_tail(path)}" for name, path in self.logs.items())


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    """Migrate a fresh database, load the campaign, start the server and the worker."""
    var_dir = tmp_path_factory.mktemp("site")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    admin_password = secrets.token_urlsafe(16)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "e2e.browser.server_settings",
        "DATABASE_URL": f"sqlite:///{var_dir / 'db.sqlite3'}",
        "VAR_DIR": str(var_dir),
        "OUTBOX_EML_DIR": str(var_dir / "outbox"),
        "DEBUG": "0",
        "SITE_URL": base_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Every browser context is a different visitor: it sends its own X-Forwarded-For,
        # which the server trusts as one proxy hop, so per-source rate limits apply to each
        # visitor separately instead of to the whole suite on 127.0.0.1.
        "TRUSTED_PROXY_COUNT": "1",
        "TRUSTED_PROXIES": "127.0.0.1/32",
        # The suite signs in to the admin once per test that needs it, all as one user.
        "ADMIN_LOGIN_USER_LIMIT": "1000",
        "DJANGO_SUPERUSER_PASSWORD": admin_password,
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("REDIS_URL", "EMAIL_HOST", "DJANGO_PRODUCTION", "CAMPAIGN_PUBLIC_KEY"):
        env.pop(name, None)
    manage(env, "migrate", "--noinput", timeout=300)
    manage(env, "createcachetable", timeout=300)
    manage(env, "compile_translations", timeout=300)
    manage(env, "collectstatic", "--noinput", timeout=300)
    manage(
        env,
        "createsuperuser",
        "--noinput",
        "--username",
        ADMIN_USER,
        "--email",
        "a@b.invalid",
        timeout=300,
    )
    manage(env, "setup_dev", timeout=300)

    logs = {"server": var_dir / "server.log", "worker": var_dir / "worker.log"}
    processes: list[subprocess.Popen] = []
    try:
        with logs["server"].open("wb") as server_log, logs["worker"].open("wb") as worker_log:
            server = subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=REPO,
                env=env,
                stdout=server_log,
                stderr=subprocess.STDOUT,
            )
            processes.append(server)
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "run_worker", "--interval", "0.2"],
                cwd=REPO,
                env=env,
                stdout=worker_log,
                stderr=subprocess.STDOUT,
            )
            processes.append(worker)
        _wait_for_port(port, server, logs["server"])
        yield LiveSite(
            base_url=base_url,
            outbox=Outbox(var_dir / "outbox"),
            admin_user=ADMIN_USER,
            admin_password=admin_password,
            var_dir=var_dir,
            logs=logs,
        )
    finally:
        for process in reversed(processes):
            _stop(process)


# --- The browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the whole session (never a downloaded browser)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if _browser_required():
            pytest.fail(message + " and REQUIRE_BROWSER=1")
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if _browser_required():
            pytest.fail("Playwright is not installed and REQUIRE_BROWSER=1")
        pytest.skip("Playwright is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_context(browser, live_site: LiveSite) -> Iterator[Callable[..., object]]:
    """Make browser contexts (fresh visitors) for one test; each is closed afterwards.

    `language` sets the browser's Accept-Language; other keywords go to Playwright."""
    contexts = []

    def make(language: str = "nl", **options: object) -> object:
        fake_source = f"198.51.100.{secrets.randbelow(250) + 1}"
        headers = {"X-Forwarded-For": fake_source, **options.pop("extra_http_headers", {})}  # type: ignore[dict-item]
        context = browser.new_context(  # type: ignore[attr-defined]
            base_url=live_site.base_url,
            locale=LOCALES.get(language, language),
            extra_http_headers=headers,
            **options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh desktop context whose browser prefers Dutch."""
    return new_context("nl").new_page()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        message = f"{AXE_JS} is missing: run `make install` (npm ci)"
        if _browser_required():
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS.read_text()


@pytest.fixture(autouse=True)
def _server_logs_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """When a browser test fails, show what the server and the worker said."""
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed and "live_site" in request.fixturenames:
        site = request.getfixturevalue("live_site")
        sys.stderr.write("\n" + site.logs_tail() + "\n")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report

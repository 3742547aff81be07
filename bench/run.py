"""`make bench`: the site under production settings and a production server, driven by wrk.

For each database (SQLite, PostgreSQL) and each size (stored confirmed signatures):
- a fresh database, migrated, with the campaign content loaded; the signatures generated in
  bulk, the counting job run once (and timed; after a bulk load its first run builds the
  per-day aggregate from the table);
- the campaign dashboard in the admin, rendered in-process as a campaigner (bench/helper.py:
  median and p95 ms, queries per page);
- granian (WSGI) on a free loopback port with production settings, Redis as the shared cache;
- nginx on free ports, serving the home page HTML as a static file (the yardstick) and, as in
  the documented production topology, as a caching reverse proxy in front of granian;
- wrk for a fixed time each: home page from the app (bare and with a partner's ?src=), the
  same HTML from nginx, the home page through the nginx cache, count.json, signing (unique
  addresses, the real form token) with the app's CPU per signature, and confirming (the
  signing run's pending signatures, the worker running) with the time to the public counter;
- afterwards, a check in the database that every accepted signature is stored.

A table is printed and the figures written to bench/results/<timestamp>-<db>.json.
Then the proof of work's cost (bench/pow.py): ms per solve in Chromium, signatures per
core-second for a Python bot, at each difficulty (bench/results/<timestamp>-pow.json).
Usage: bench/run.py [--db sqlite,postgres] [--sizes 0,1000000,10000000] [--duration 10]
                    [--quick] [--workers 2] [--threads N] [--connections 64]
                    [--pow-only | --no-pow] [--dashboard-only]
"""

import argparse
import base64
import datetime as dt
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import datagen
import loadgen
import servers

from core.tests.ports import free_port
from privacy.tokens import hash_token

ROOT = servers.ROOT
RESULTS = ROOT / "bench" / "results"
PG_ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="sqlite,postgres", help="sqlite,postgres")
    parser.add_argument("--sizes", default="0,1000000,10000000", help="stored signatures")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=5, help="wrk request timeout (s)")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes")
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="granian threads per worker (default: 1 on SQLite, 2 on PostgreSQL)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="sizes 0 and 100000, 3 s per run (development)"
    )
    parser.add_argument("--no-write", action="store_true", help="do not write bench/results/")
    parser.add_argument("--sign-only", action="store_true", help="measure signing only")
    parser.add_argument(
        "--pow-only", action="store_true", help="only the proof-of-work costs (bench/pow.py)"
    )
    parser.add_argument("--no-pow", action="store_true", help="skip the proof-of-work costs")
    parser.add_argument(
        "--dashboard-only",
        action="store_true",
        help="only the counting job and the campaign dashboard (no servers, no wrk)",
    )
    args = parser.parse_args()
    if args.quick:
        args.sizes = "0,100000"
        args.duration = 3
    args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    args.db = [d.strip() for d in args.db.split(",") if d.strip()]
    return args


def run(command: list[str], *, env: dict[str, str], timeout: int = 600) -> str:
    completed = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stdout}\n{completed.stderr}")
    return completed.stdout


def manage(*arguments: str, env: dict[str, str], timeout: int = 600) -> str:
    return run([str(servers.PYTHON), "manage.py", *arguments], env=env, timeout=timeout)


def helper(*arguments: str, env: dict[str, str], timeout: int = 600) -> Any:
    out = run([str(servers.PYTHON), "bench/helper.py", *arguments], env=env, timeout=timeout)
    return json.loads(out.strip().splitlines()[-1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def base_env(*, tmp: Path, database_url: str, prefix: str) -> dict[str, str]:
    from nacl.encoding import Base64Encoder
    from nacl.public import PrivateKey

    def key() -> str:
        return base64.b64encode(secrets.token_bytes(32)).decode()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        {
            "DJANGO_PRODUCTION": "1",
            "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEDUP_KEY": key(),
            "OUTBOX_KEY": key(),
            "MAILING_KEY": key(),
            "RATE_LIMIT_KEY": key(),
            "CAMPAIGN_PUBLIC_KEY": PrivateKey.generate().public_key.encode(Base64Encoder).decode(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": prefix,
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "SITE_URL": "http://127.0.0.1",
            "VAR_DIR": str(tmp / "var"),
            "LOG_LEVEL": "WARNING",
            "OUTBOX_EML_DIR": "",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def redis_cleanup(prefix: str) -> None:
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])
    except Exception as exc:  # the figures are what matter; say so and go on
        print(f"  (could not clean Redis keys {prefix}:*: {exc})")


class Database:
    """A fresh database of one kind, removed afterwards."""

    def __init__(self, kind: str, tmp: Path) -> None:
        self.kind = kind
        if kind == "sqlite":
            self.path = tmp / "bench.sqlite3"
            self.url = f"sqlite:///{self.path}"
        elif kind == "postgres":
            self.name = f"bench_{os.getpid()}"
            self.url = f"postgresql://postgres@127.0.0.1:5432/{self.name}"
        else:
            raise SystemExit(f"unknown database {kind!r} (sqlite or postgres)")

    def create(self) -> None:
        if self.kind == "postgres":
            import psycopg

            with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
                db.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self.kind == "postgres":
            import psycopg

            with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def grow(self, count: int) -> dict[str, Any]:
        if count <= 0:
            return {"rows_added": 0, "seconds": 0}
        if self.kind == "sqlite":
            return datagen.sqlite_grow(str(self.path), count)
        return datagen.pg_grow(self.url, count)

    def count(self) -> int:
        return self.scalar(f"SELECT COUNT(*) FROM {datagen.TABLE}")  # noqa: S608

    def max_id(self) -> int:
        return self.scalar(f"SELECT COALESCE(MAX(id), 0) FROM {datagen.TABLE}")  # noqa: S608

    def rows_after(self, last_id: int) -> int:
        return self.scalar(f"SELECT COUNT(*) FROM {datagen.TABLE} WHERE id > {int(last_id)}")  # noqa: S608

    def pending_after(self, last_id: int, limit: int) -> list[int]:
        """Ids of unconfirmed signatures stored after `last_id` (a signing run's)."""
        sql = (
            f"SELECT id FROM {datagen.TABLE} WHERE id > {int(last_id)} "  # noqa: S608
            f"AND confirmed_at IS NULL ORDER BY id LIMIT {int(limit)}"
        )
        return [int(row[0]) for row in self.rows(sql)]

    def set_token_hashes(self, pairs: list[tuple[str, int]]) -> None:
        """Give signatures confirmation tokens the benchmark knows: (hash, id) pairs."""
        sql = f"UPDATE {datagen.TABLE} SET token_hash = %s WHERE id = %s"  # noqa: S608
        if self.kind == "sqlite":
            import sqlite3

            db = sqlite3.connect(self.path, timeout=30)
            try:
                with db:
                    db.executemany(sql.replace("%s", "?"), pairs)
            finally:
                db.close()
            return
        import psycopg

        with psycopg.connect(self.url) as db, db.cursor() as cursor:
            cursor.executemany(sql, pairs)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        if self.kind == "sqlite":
            import sqlite3

            db = sqlite3.connect(self.path)
            try:
                return db.execute(sql).fetchall()
            finally:
                db.close()
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as db:
            return db.execute(sql).fetchall()

    def scalar(self, sql: str) -> int:
        if self.kind == "sqlite":
            import sqlite3

            db = sqlite3.connect(self.path)
            try:
                return int(db.execute(sql).fetchone()[0])
            finally:
                db.close()
        return datagen.pg_scalar(self.url, sql)


# Threads per granian worker, measured (docs/performance.md). On PostgreSQL a second thread
# overlaps the waits for the database and Redis (1 thread: about a third of the signatures/s
# of 2; 4, 8 or 16 threads gave no more signatures but fewer pages/s, from contention for
# the interpreter lock). On SQLite there is one writer at a time and waiting writers sleep
# in SQLite's busy handler instead of queueing: 8 threads gave a quarter of the
# signatures/s of 1 thread, with multi-second p99.
DEFAULT_THREADS = {"sqlite": 1, "postgres": 2}


def threads_for(kind: str, args: argparse.Namespace) -> int:
    return int(args.threads or DEFAULT_THREADS[kind])


def measure_size(
    *, args: argparse.Namespace, env: dict[str, str], db: Database, urls: dict, tmp: Path
) -> dict[str, Any]:
    result: dict[str, Any] = {"load_average_before": [round(x, 2) for x in os.getloadavg()]}
    app_port, static_port, proxy_port = (free_port() for _ in range(3))
    origin = f"http://127.0.0.1:{app_port}"
    wrk = {
        "duration": args.duration,
        "connections": args.connections,
        "threads": args.wrk_threads,
        "timeout": args.timeout,
        "tmp": tmp,
    }
    run_env = {**env, "SITE_URL": origin}
    granian = nginx = None
    try:
        granian = servers.start_granian(
            env=run_env,
            port=app_port,
            workers=args.workers,
            threads=threads_for(db.kind, args),
            log=tmp / "granian.log",
        )
        status, html = fetch(origin + urls["home"])
        result["home_status"] = status
        www = tmp / "www"
        www.mkdir(exist_ok=True)
        (www / "index.html").write_text(html)
        result["home_bytes"] = len(html.encode())
        nginx = servers.start_nginx(
            tmp=tmp, static_port=static_port, proxy_port=proxy_port, app_port=app_port
        )
        for _ in range(20):  # every worker has rendered or fetched the page once
            fetch(origin + urls["home"])

        if args.sign_only:
            result["sign"] = measure_signing(origin=origin, urls=urls, db=db, wrk=wrk, app=granian)
            return result
        # nginx static before and after the app's run, so a change in the machine's load
        # during the runs moves both sides of the ratio alike.
        static_url = f"http://127.0.0.1:{static_port}/index.html"
        print("    home page (nginx static file) ...", flush=True)
        result["static_before"] = loadgen.run_wrk(static_url, name="static", **wrk)
        print("    home page (app) ...", flush=True)
        result["home"] = loadgen.run_wrk(origin + urls["home"], name="home", **wrk)
        if urls.get("home_src"):
            print("    home page with a partner's ?src= (app) ...", flush=True)
            result["home_src"] = loadgen.run_wrk(origin + urls["home_src"], name="src", **wrk)
        print("    home page (nginx static file, again) ...", flush=True)
        result["static"] = loadgen.run_wrk(static_url, name="static", **wrk)
        print("    home page (nginx cache in front of the app) ...", flush=True)
        result["proxied"] = loadgen.run_wrk(
            f"http://127.0.0.1:{proxy_port}{urls['home']}", name="proxied", **wrk
        )
        if urls.get("count"):
            print("    count.json ...", flush=True)
            result["count_status"], result["count_body"] = fetch(origin + urls["count"])
            result["count"] = loadgen.run_wrk(origin + urls["count"], name="count", **wrk)
        first_id = db.max_id()
        result["sign"] = measure_signing(origin=origin, urls=urls, db=db, wrk=wrk, app=granian)
        result["confirm"] = measure_confirming(
            origin=origin, urls=urls, db=db, wrk=wrk, app=granian, env=run_env, after=first_id
        )
    finally:
        servers.stop(nginx)
        servers.stop(granian)
    if args.sign_only:
        return result
    static_rps = (result["static_before"]["rps"] + result["static"]["rps"]) / 2
    result["static_rps_mean"] = round(static_rps, 1)
    result["home_vs_static"] = round(result["home"]["rps"] / static_rps, 3) if static_rps else None
    if "home_src" in result and static_rps:
        result["home_src_vs_static"] = round(result["home_src"]["rps"] / static_rps, 3)
    result["proxied_vs_static"] = (
        round(result["proxied"]["rps"] / static_rps, 3) if static_rps else None
    )
    return result


def measure_signing(
    *, origin: str, urls: dict, db: Database, wrk: dict, app: subprocess.Popen
) -> dict[str, Any]:
    status, page = fetch(origin + urls["sign"])
    if status != 200:
        return {"skipped": f"sign page answered {status}"}
    action, body = loadgen.sign_form_body(page)
    path = action or urls["sign"]
    probe_status, probe = loadgen.post_once(
        origin + path, body.replace(loadgen.EMAIL_MARK, "probe%40bench.example.org"), origin=origin
    )
    if not 300 <= probe_status < 400:
        return {"skipped": f"a valid signature got {probe_status}: {probe[:200]}"}
    before = db.max_id()
    run_id = secrets.token_hex(3)
    print("    signing ...", flush=True)
    cpu_before = servers.group_cpu_seconds(app)
    figures = loadgen.run_wrk(
        origin + path,
        name="sign",
        extra_lua=loadgen.sign_lua(path=path, body_template=body, origin=origin, run=run_id),
        **wrk,
    )
    time.sleep(1.0)  # requests cut off by wrk's end may still be finishing
    app_cpu = servers.group_cpu_seconds(app) - cpu_before
    stored = db.rows_after(before)
    accepted = figures["accepted"]
    figures.update(
        {
            "accepted_per_s": round(accepted / figures["seconds"], 1),
            "rows_stored": stored,
            # Every accepted response must have its row. A few more rows than accepted
            # responses are requests in flight when wrk stopped (at most one per connection).
            "lost": max(0, accepted - stored),
            "in_flight_at_end": max(0, stored - accepted),
            # The app's processes' CPU time per accepted signature (steadier than a rate on a
            # shared machine): every request wrk sent counts against it, refused ones too.
            "app_cpu_s": round(app_cpu, 2),
            "cpu_ms_per_signature": round(app_cpu * 1000 / accepted, 2) if accepted else None,
        }
    )
    return figures


def public_count(origin: str, urls: dict) -> int | None:
    status, body = fetch(origin + urls["count"])
    return json.loads(body).get("count") if status == 200 else None


def measure_confirming(
    *,
    origin: str,
    urls: dict,
    db: Database,
    wrk: dict,
    app: subprocess.Popen,
    env: dict[str, str],
    after: int,
) -> dict[str, Any]:
    """Confirmations per second (POST of the confirm button, each a different pending
    signature of the signing run), the app's CPU per confirmation, and the time from the end
    of the run until the public counter (count.json) includes every confirmation, with the
    worker running its jobs as in production (mail to Django's dummy backend)."""
    pending = db.pending_after(after, limit=500_000)
    if not pending or not urls.get("confirm_prefix") or not urls.get("count"):
        return {"skipped": "no pending signatures from the signing run"}
    tokens = [secrets.token_urlsafe(32) for _ in pending]
    db.set_token_hashes([(hash_token(t), pk) for t, pk in zip(tokens, pending, strict=True)])
    token_file = wrk["tmp"] / "tokens.txt"
    token_file.write_text("\n".join(tokens) + "\n")
    prefix = urls["confirm_prefix"]
    status, page = fetch(origin + prefix + tokens[-1] + "/")
    if status != 200:
        return {"skipped": f"a confirm page answered {status}"}
    body = loadgen.token_form_body(page)
    worker = servers.start_worker(
        env={**env, "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"},
        log=wrk["tmp"] / "worker.log",
    )
    try:
        time.sleep(3)  # the worker is up and has counted what was there
        before = public_count(origin, urls) or 0
        print(f"    confirming ({len(tokens):,} pending) ...", flush=True)
        cpu_before = servers.group_cpu_seconds(app)
        figures = loadgen.run_wrk(
            origin + prefix + tokens[0] + "/",
            name="confirm",
            extra_lua=loadgen.confirm_lua(
                prefix=prefix, body=body, origin=origin, tokens=token_file, threads=wrk["threads"]
            ),
            **wrk,
        )
        ended = time.monotonic()
        app_cpu = servers.group_cpu_seconds(app) - cpu_before
        accepted = figures["accepted"]
        lag = None
        while time.monotonic() - ended < 120:
            if (public_count(origin, urls) or 0) >= before + accepted:
                lag = round(time.monotonic() - ended, 2)
                break
            time.sleep(0.2)
    finally:
        servers.stop(worker)
    figures.update(
        {
            "pending": len(tokens),
            "ran_out": accepted >= len(tokens),
            "accepted_per_s": round(accepted / figures["seconds"], 1),
            "cpu_ms_per_confirmation": round(app_cpu * 1000 / accepted, 2) if accepted else None,
            "counter_lag_s": lag,
        }
    )
    return figures


def bench_database(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix=f"ssm-bench-{kind}-"))
    prefix = f"bench-{os.getpid()}-{kind}"
    db = Database(kind, tmp)
    env = base_env(tmp=tmp, database_url=db.url, prefix=prefix)
    report: dict[str, Any] = {"database": kind, "sizes": []}
    try:
        print(f"== {kind}: fresh database, migrate, load the campaign", flush=True)
        db.create()
        manage("migrate", "--noinput", "-v0", env=env)
        manage("createcachetable", env=env)
        try:
            manage("load_campaign", env=env)
        except RuntimeError as exc:
            print(f"  (load_campaign failed; pages will be empty: {exc})")
        urls = helper("urls", env=env)
        report["urls"] = urls
        for size in args.sizes:
            entry: dict[str, Any] = {"size": size}
            missing = size - db.count()
            print(f"== {kind}, {size:,} stored signatures: generating {max(missing, 0):,}")
            entry["generate"] = db.grow(max(missing, 0))
            entry["stored_before"] = db.count()
            entry["tally_job"] = helper("tally", env=env, timeout=7200)
            print("    campaign dashboard (admin) ...", flush=True)
            entry["dashboard"] = helper("dashboard", env=env, timeout=1800)
            if args.dashboard_only:
                print(f"    dashboard: {entry['dashboard']}, counting job: {entry['tally_job']}")
                report["sizes"].append(entry)
                continue
            entry.update(measure_size(args=args, env=env, db=db, urls=urls, tmp=tmp))
            report["sizes"].append(entry)
            print_table(report)
    finally:
        try:
            db.drop()
        finally:
            redis_cleanup(prefix)
            shutil.rmtree(tmp, ignore_errors=True)
    return report


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}{unit}" if value >= 10 else f"{value:,.2f}{unit}"
    return f"{value:,}{unit}"


def print_table(report: dict[str, Any]) -> None:
    header = (
        f"{'db':8} {'stored':>11} {'home rps':>9} {'p50/p99 ms':>12} {'nginx rps':>9} "
        f"{'ratio':>6} {'cached rps':>10} {'ratio':>6} {'count rps':>9} {'signed/s':>9} "
        f"{'p50/p99 ms':>12} {'cpu ms':>6} {'errors':>6} {'lost':>5} {'dash ms':>8}"
    )
    print("\n" + header)
    print("-" * len(header))
    for s in report["sizes"]:
        sign = s.get("sign", {})
        dashboard = s.get("dashboard", {})
        if "home" not in s and dashboard and not sign:
            print(
                f"{report['database']:8} {s['size']:>11,} dashboard only: "
                f"{_fmt(dashboard.get('median_ms'))} ms median, "
                f"{_fmt(dashboard.get('p95_ms'))} ms p95, {dashboard.get('queries')} queries; "
                f"counting job {s.get('tally_job', {}).get('seconds')} s"
            )
            continue
        if "home" not in s:
            print(f"{report['database']:8} {s['size']:>11,} signing only: {sign}")
            continue
        count = s.get("count", {})
        print(
            f"{report['database']:8} {s['size']:>11,} {_fmt(s['home']['rps']):>9} "
            f"{_fmt(s['home']['p50_ms'])}/{_fmt(s['home']['p99_ms']):>5} "
            f"{_fmt(s.get('static_rps_mean', s['static']['rps'])):>9} "
            f"{_fmt(s['home_vs_static']):>6} "
            f"{_fmt(s['proxied']['rps']):>10} {_fmt(s['proxied_vs_static']):>6} "
            f"{_fmt(count.get('rps')):>9} {_fmt(sign.get('accepted_per_s')):>9} "
            f"{_fmt(sign.get('p50_ms'))}/{_fmt(sign.get('p99_ms')):>5} "
            f"{_fmt(sign.get('cpu_ms_per_signature')):>6} "
            f"{_fmt(sign.get('errors')):>6} {_fmt(sign.get('lost')):>5} "
            f"{_fmt(dashboard.get('median_ms')):>8}"
        )
        if "home_src" in s:
            print(
                f"  home page with ?src= from the app: {_fmt(s['home_src']['rps'])} rps, "
                f"{_fmt(s.get('home_src_vs_static'))} of nginx"
            )
        if "skipped" in sign:
            print(f"  signing skipped: {sign['skipped']}")
        confirm = s.get("confirm", {})
        if "skipped" in confirm:
            print(f"  confirming skipped: {confirm['skipped']}")
        elif confirm:
            print(
                f"  confirmations/s {_fmt(confirm.get('accepted_per_s'))} "
                f"(p50/p99 {_fmt(confirm.get('p50_ms'))}/{_fmt(confirm.get('p99_ms'))} ms, "
                f"{_fmt(confirm.get('cpu_ms_per_confirmation'))} CPU ms each, "
                f"errors {_fmt(confirm.get('errors'))}"
                f"{', all pending used' if confirm.get('ran_out') else ''}); "
                f"confirm to public counter: {_fmt(confirm.get('counter_lag_s'))} s"
            )
        if s.get("home_status") != 200:
            print(f"  the home page answered {s.get('home_status')}")
    print(flush=True)


def bench_pow(args: argparse.Namespace, stamp: str) -> None:
    """The proof of work's cost to a browser and to a bot (bench/pow.py)."""
    import pow as proof_of_work

    report = proof_of_work.measure()
    proof_of_work.print_table(report)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{stamp}-pow.json"
        path.write_text(json.dumps(report, indent=2) + "\n")
        print(f"Written {path.relative_to(ROOT)}")


def main() -> None:
    args = parse_args()
    if args.pow_only:
        bench_pow(args, dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
        return
    for tool in () if args.dashboard_only else ("wrk", servers.NGINX):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is needed (Debian: apt-get install wrk nginx)")
    print("Collecting static files ...", flush=True)
    env = base_env(tmp=Path(tempfile.gettempdir()), database_url="sqlite://:memory:", prefix="x")
    manage("collectstatic", "--noinput", "-v0", env=env)
    meta = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "server": f"granian --interface wsgi --workers {args.workers} --blocking-threads "
        + ", ".join(f"{threads_for(kind, args)} ({kind})" for kind in args.db),
        "load": f"wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s "
        f"--timeout={args.timeout}s (same machine)",
        "cache": "Redis (django.core.cache.backends.redis.RedisCache)",
        "sizes": args.sizes,
    }
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for kind in args.db:
        report = {"meta": meta, **bench_database(kind, args)}
        print_table(report)
        if not args.no_write:
            RESULTS.mkdir(parents=True, exist_ok=True)
            path = RESULTS / f"{stamp}-{kind}.json"
            path.write_text(json.dumps(report, indent=2) + "\n")
            print(f"Written {path.relative_to(ROOT)}")
    if not args.no_pow and not args.dashboard_only:
        bench_pow(args, stamp)


if __name__ == "__main__":
    main()

"""How long an edit in the admin takes to show on a public page: from the save of the
privacy policy's text to the first answer that carries it, straight from the app (granian,
production settings, Redis as the shared cache) and through nginx as the documented caching
proxy (bench/servers.py's configuration: proxy_cache honouring the app's Cache-Control,
background update, revalidation).

Each trial saves a new text (the same write as the admin's: one translation row saved, which
changes the page cache's content version), then asks for the page every `--poll` seconds
until it shows the text. Trials start at random moments, so the nginx figures cover the
whole max-age window.
Usage: bench/edit_visible.py [--trials 8] [--poll 0.05] [--no-nginx]
Results: printed, and written to bench/results/<timestamp>-edit-visible.json.
"""

import argparse
import datetime as dt
import json
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import run
import servers

from core.tests.ports import free_port

PAGE = "/en/legal.html"


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
        return response.read().decode()


def trial(base: str, marker_prefix: str, poll: float, save) -> float:  # type: ignore[no-untyped-def]
    get(base + PAGE)
    time.sleep(random.uniform(0, 6))  # a random moment within the proxy's max-age window
    marker = f"{marker_prefix}-{secrets.token_hex(4)}"
    save(marker)
    start = time.monotonic()
    while marker not in get(base + PAGE):
        if time.monotonic() - start > 120:
            raise RuntimeError(f"{base}{PAGE} did not show the edit within 120 s")
        time.sleep(poll)
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=8)
    parser.add_argument("--poll", type=float, default=0.05)
    parser.add_argument("--no-nginx", action="store_true")
    parser.add_argument("--redis", default=run.REDIS_URL)
    args = parser.parse_args()
    run.REDIS_URL = args.redis

    tmp = Path(tempfile.mkdtemp(prefix="ssm-edit-visible-"))
    prefix = f"edit-visible-{os.getpid()}"
    env = run.base_env(tmp=tmp, database_url=f"sqlite:///{tmp}/db.sqlite3", prefix=prefix)
    app = nginx = None
    try:
        run.manage("migrate", "--noinput", "-v0", env=env)
        run.manage("createcachetable", env=env)
        run.manage("load_campaign", env=env)
        run.manage("collectstatic", "--noinput", "-v0", env=env)
        app_port, proxy_port, static_port = free_port(), free_port(), free_port()
        app = servers.start_granian(
            env=env, port=app_port, workers=2, threads=1, log=tmp / "granian.log"
        )
        targets = {"app": f"http://127.0.0.1:{app_port}"}
        if not args.no_nginx and Path(servers.NGINX).exists():
            (tmp / "www").mkdir()
            (tmp / "www" / "index.html").write_text("ok")
            nginx = servers.start_nginx(
                tmp=tmp, static_port=static_port, proxy_port=proxy_port, app_port=app_port
            )
            targets["nginx"] = f"http://127.0.0.1:{proxy_port}"

        # This process writes as the admin does: the same settings, database and cache.
        os.environ.update(env)
        import django

        django.setup()
        from campaigns.models import CampaignTranslation

        def save(marker: str) -> None:
            row = CampaignTranslation.objects.get(language="en")
            row.privacy_policy = f"Policy {marker}."
            row.save()

        results = {}
        for name, base in targets.items():
            seconds = [trial(base, name, args.poll, save) for _ in range(args.trials)]
            results[name] = {
                "trials": len(seconds),
                "min_s": round(min(seconds), 3),
                "median_s": round(sorted(seconds)[len(seconds) // 2], 3),
                "max_s": round(max(seconds), 3),
            }
            print(f"{name:6} edit -> visible: {results[name]}", flush=True)
        cache_control = urllib.request.urlopen(  # noqa: S310 (loopback)
            targets["app"] + PAGE, timeout=10
        ).headers["Cache-Control"]
        report = {"page": PAGE, "cache_control": cache_control, "poll_s": args.poll, **results}
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        out = run.RESULTS / f"{stamp}-edit-visible.json"
        out.write_text(json.dumps(report, indent=2) + "\n")
        print(f"Cache-Control: {cache_control}\nwritten to {out}")
    except Exception:
        log = tmp / "granian.log"
        if log.exists():
            print(log.read_text()[-3000:])
        raise
    finally:
        servers.stop(nginx)
        servers.stop(app)
        run.redis_cleanup(prefix)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

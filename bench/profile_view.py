"""Profile one request path in-process (cProfile), with the production settings of the bench.

    .venv/bin/python bench/profile_view.py /nl/ --requests 2000 [--db postgres] [--post-sign]

Creates a fresh database like bench/run.py (migrate, load_campaign), then runs the requests
through Django's test client (the whole middleware stack, no network) and prints the
functions that take the time. `--post-sign` posts the sign form with a new address each time.
"""

import argparse
import cProfile
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadgen
import run as bench


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--db", default="sqlite")
    parser.add_argument("--post-sign", action="store_true")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--plain", action="store_true", help="time only, no profiler")
    parser.add_argument("--callees", default="", help="also list what functions matching this call")
    parser.add_argument(
        "--by-part", action="store_true", help="the time per part of the stack (own time)"
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count CPU instructions per request under valgrind (steady on a busy machine)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return profile(args)
    tmp = Path(tempfile.mkdtemp(prefix="ssm-profile-"))
    db = bench.Database(args.db, tmp)
    env = bench.base_env(tmp=tmp, database_url=db.url, prefix=f"profile-{os.getpid()}")
    try:
        db.create()
        bench.manage("migrate", "--noinput", "-v0", env=env)
        bench.manage("createcachetable", env=env)
        bench.manage("collectstatic", "--noinput", "-v0", env=env)
        try:
            bench.manage("load_campaign", env=env)
        except RuntimeError as exc:
            print(f"(no campaign content: {exc})")
        if args.instructions:
            instructions(args, env=env, tmp=tmp)
        else:
            child = [sys.executable, __file__, *sys.argv[1:], "--child"]
            subprocess.run(child, env=env, check=False)
    finally:
        db.drop()
        bench.redis_cleanup(f"profile-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)


# Parts of the stack, by where a function's code lives (first match wins); own time only, so
# each microsecond is counted once.
PARTS = [
    ("Django ORM and database driver", ("django/db/", "sqlite3", "psycopg")),
    ("Django forms", ("django/forms/",)),
    ("Django templates", ("django/template",)),
    ("Django request handling and middleware", ("django/", "whitenoise", "csp/", "django_otp")),
    ("Redis client (rate limits)", ("redis/",)),
    ("sealing and hashing (libsodium, hmac)", ("nacl/", "_sodium", "hmac", "hashlib", "_hashlib")),
]
ROOT = str(Path(__file__).resolve().parent.parent)


def _elsewhere(filename: str) -> str:
    if filename == "~":
        return "Python built-ins called from the top"
    if "site-packages" in filename:
        return "other libraries (asgiref, dj-database-url, ...)"
    if filename.startswith(ROOT):
        return "the project's own code"
    return "Python standard library"


def print_parts(stats: pstats.Stats, *, requests: int) -> None:
    """Own time per part of the stack, per request and as a share. A built-in's time (getattr,
    a str method) goes to the parts that called it, in proportion."""
    totals: dict[str, float] = {}

    def part_of(filename: str, name: str) -> str:
        where = f"{filename}:{name}"
        return next(
            (label for label, marks in PARTS if any(mark in where for mark in marks)),
            _elsewhere(filename),
        )

    for (filename, _line, name), row in stats.stats.items():  # type: ignore[attr-defined]
        callers = row[4]
        if filename == "~" and callers and not any(m in name for _l, ms in PARTS for m in ms):
            for (c_file, _c_line, c_name), c_row in callers.items():
                part = part_of(c_file, c_name)
                totals[part] = totals.get(part, 0.0) + c_row[2]
            continue
        part = part_of(filename, name)
        totals[part] = totals.get(part, 0.0) + row[2]
    whole = sum(totals.values())
    print("| part | us per request (under the profiler) | share |\n| --- | ---: | ---: |")
    for part, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"| {part} | {seconds / requests * 1e6:,.0f} | {seconds / whole:.0%} |")


def instructions(args: argparse.Namespace, *, env: dict[str, str], tmp: Path) -> None:
    """Instructions per request, counted by valgrind's callgrind: a child making WARM requests
    and one making WARM + --requests, the difference divided by --requests (start-up and the
    first requests cancel out). Counts do not depend on what else the machine runs."""
    counts = []
    for n in (WARM, WARM + args.requests):
        out = tmp / f"callgrind-{n}.out"
        child = [sys.executable, __file__, args.path, "--requests", str(n), "--plain", "--child"]
        if args.post_sign:
            child.append("--post-sign")
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *child],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        totals = [line for line in out.read_text().splitlines() if line.startswith("totals:")]
        counts.append(int(totals[0].split()[1]))
    per = (counts[1] - counts[0]) / args.requests
    print(f"{per / 1e6:.2f} million instructions per request ({args.path}, {args.db})")


WARM = 20


def profile(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1:8000")
    origin = "http://127.0.0.1:8000"
    body = ""
    if args.post_sign:
        _action, body = loadgen.sign_form_body(client.get(args.path).content.decode())

    def one(i: int) -> int:
        if args.post_sign:
            data = body.replace(loadgen.EMAIL_MARK, f"p{os.getpid()}-{i}%40bench.example.org")
            return client.generic(
                "POST",
                args.path,
                data,
                content_type="application/x-www-form-urlencoded",
                headers={"Origin": origin},
            ).status_code
        return client.get(args.path).status_code

    print("first response:", one(0))
    profiler = cProfile.Profile()
    started = time.perf_counter()
    cpu_started = time.process_time()
    if not args.plain:
        profiler.enable()
    statuses: dict[int, int] = {}
    for i in range(1, args.requests + 1):
        status = one(i)
        statuses[status] = statuses.get(status, 0) + 1
    profiler.disable()
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    how = "without" if args.plain else "under"
    print(f"{args.requests} requests in {seconds:.2f} s {how} the profiler: {statuses}")
    if not args.plain:
        calls = pstats.Stats(profiler).total_calls  # type: ignore[attr-defined]
        print(f"{calls / args.requests:,.0f} Python function calls per request")
    print(
        f"{seconds / args.requests * 1e6:.0f} us per request (one thread), of which "
        f"{cpu / args.requests * 1e6:.0f} us CPU in this process"
    )
    if args.plain:
        return
    stats = pstats.Stats(profiler)
    if args.by_part:
        print_parts(stats, requests=args.requests)
        return
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    if args.callees:
        stats.sort_stats("cumulative").print_callees(args.callees)


if __name__ == "__main__":
    main()

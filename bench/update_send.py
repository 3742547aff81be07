"""Sending an update: N confirmed subscribers (half Dutch, half English) receive one update
through the real worker (`manage.py run_worker`, production settings) and the outbox's SMTP
backend, into a local SMTP server (aiosmtpd, the tests' recording server). The rate limit
(UPDATE_MAILS_PER_MINUTE) is lifted, so the figure is what one worker can send.

Reported: mails per second from the first mail the server received to the last, and the
whole time from the worker's start (its boot and the first run of the `updates_send` job
included); every subscriber must get exactly one mail.
Usage: bench/update_send.py [--subscribers 500] [--database-url URL]
Results: printed, and written to bench/results/<timestamp>-update-send.json.
"""

import argparse
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
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import run
import servers

from core.tests.ports import free_port


def make_subscribers(count: int) -> None:
    from newsletter import services
    from newsletter.models import Subscription
    from privacy import crypto, identity, tokens

    rows = []
    for number in range(count):
        address = f"reader{number}@bench.example"
        nonce = secrets.token_hex(16)
        probe = Subscription(unsubscribe_nonce=nonce)
        rows.append(
            Subscription(
                email_hmac=identity.email_hmac(address),
                sealed=crypto.seal({"email": address}),
                address=crypto.mailing_encrypt(address),
                language="nl" if number % 2 else "en",
                consent_version=services.CONSENT_VERSION,
                unsubscribe_nonce=nonce,
                unsubscribe_token_hash=tokens.hash_token(
                    services.unsubscribe_token(subscription=probe)
                ),
                confirmed_at=dt.datetime.now(dt.UTC),
            )
        )
    Subscription.objects.bulk_create(rows, batch_size=1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=int, default=500)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis", default=run.REDIS_URL)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    run.REDIS_URL = args.redis

    from aiosmtpd.controller import Controller

    from outbox.tests.smtp import RecordingHandler

    tmp = Path(tempfile.mkdtemp(prefix="ssm-update-send-"))
    prefix = f"update-send-{os.getpid()}"
    database_url = args.database_url or f"sqlite:///{tmp}/db.sqlite3"
    env = run.base_env(tmp=tmp, database_url=database_url, prefix=prefix)
    smtp_port = free_port()
    env.update(
        {
            "EMAIL_BACKEND": "outbox.backends.SMTPBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "0",
            "EMAIL_USE_SSL": "0",
            "UPDATE_MAILS_PER_MINUTE": "100000000",
        }
    )
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    worker = None
    try:
        run.manage("migrate", "--noinput", "-v0", env=env)
        run.manage("createcachetable", env=env)
        os.environ.update(env)
        import django

        django.setup()
        from newsletter import services
        from newsletter.models import Delivery, Update, UpdateTranslation

        make_subscribers(args.subscribers)
        update = Update.objects.create(name="Bench")
        for language, subject in [("nl", "Nieuws"), ("en", "News")]:
            UpdateTranslation.objects.create(
                update=update, language=language, subject=subject, body="A *short* update."
            )
        queued = services.update_queue(update=update)
        assert queued == args.subscribers, queued

        controller.start()
        started = time.monotonic()
        log = (tmp / "worker.log").open("ab")
        worker = subprocess.Popen(
            [str(servers.PYTHON), "manage.py", "run_worker", "--interval", "0.2"],
            cwd=servers.ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        first = None
        while len(handler.messages) < args.subscribers:
            if time.monotonic() - started > args.timeout:
                raise SystemExit(f"only {len(handler.messages)} mails within {args.timeout} s")
            if worker.poll() is not None:
                raise SystemExit(f"the worker exited: {(tmp / 'worker.log').read_text()[-2000:]}")
            if first is None and handler.messages:
                first = time.monotonic()
            time.sleep(0.05)
        last = time.monotonic()
        first = first or last
        recipients = Counter(address for rcpt in handler.recipients for address in rcpt)
        languages = Counter(str(message["Content-Language"]) for message in handler.messages)
        time.sleep(1.0)  # any duplicate would arrive now
        report = {
            "subscribers": args.subscribers,
            "database": database_url.split(":", 1)[0],
            "mails": len(handler.messages),
            "duplicates": sum(n - 1 for n in recipients.values() if n > 1),
            "languages": dict(languages),
            "first_mail_after_s": round(first - started, 2),
            "send_s": round(last - first, 2),
            "mails_per_s": round((len(handler.messages) - 1) / (last - first), 1)
            if last > first
            else None,
            "total_s": round(last - started, 2),
            "deliveries": update.deliveries.counts(),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        }
        assert report["duplicates"] == 0 and len(recipients) == args.subscribers
        assert Delivery.objects.filter(update=update).count() == args.subscribers
        print(json.dumps(report, indent=2))
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        out = run.RESULTS / f"{stamp}-update-send.json"
        out.write_text(json.dumps(report, indent=2) + "\n")
        print(f"written to {out}")
    finally:
        servers.stop(worker)
        controller.stop()
        run.redis_cleanup(prefix)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

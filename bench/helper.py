"""Django-side steps of the benchmark, run in a subprocess with the run's environment:
`urls` prints the URLs to drive, `tally` runs the counting job once and times it,
`dashboard` times the campaign dashboard in the admin as a campaigner opens it."""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    if sys.argv[1] == "urls":
        urls = {}
        with translation.override(settings.LANGUAGE_SOURCE):
            for key, name in (
                ("home", "campaigns:home"),
                ("sign", "petitions:sign"),
                ("count", "petitions:count"),
            ):
                try:
                    urls[key] = reverse(name)
                except NoReverseMatch:
                    urls[key] = None
            # The confirm links' path up to the token (bench/run.py appends "<token>/").
            marker = "BENCHTOKEN"
            path = reverse("petitions:confirm", kwargs={"token": marker})
            urls["confirm_prefix"] = path[: path.index(marker)]
            # The home page as a partner links to it: ?src= with an approved partner's code
            # (the benchmark's own database gets a partner if the content has none).
            from coalition.models import Organisation
            from coalition.services import organisation_source_code_assign

            partner = Organisation.objects.approved().first() or Organisation.objects.create(
                name="Bench partner",
                website="https://partner.example",
                status=Organisation.Status.APPROVED,
            )
            code = organisation_source_code_assign(organisation=partner)
            urls["home_src"] = f"{urls['home']}?src={code}" if code and urls["home"] else None
        print(json.dumps(urls))
    elif sys.argv[1] == "tally":
        from petitions import selectors, tasks

        # The whole job as the worker runs it: after a bulk load (bench/datagen.py) its
        # first run builds the per-day aggregate from the signatures table.
        started = time.monotonic()
        added = tasks.tallies_update()
        seconds = time.monotonic() - started
        from django.core.cache import cache

        cache.delete(selectors.COUNT_CACHE_KEY)
        total = selectors.signature_count()
        print(json.dumps({"seconds": round(seconds, 3), "added": added, "total": total}))
    elif sys.argv[1] == "dashboard":
        print(json.dumps(dashboard(requests=int(sys.argv[2]) if len(sys.argv) > 2 else 20)))


def dashboard(*, requests: int) -> dict:
    """Render the dashboard `requests` times in-process (the whole middleware stack through
    Django's test client, no network), logged in as a campaigner: milliseconds per page and
    the queries one page makes."""
    import statistics

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from campaigns.services import campaigner_create

    user = get_user_model().objects.filter(username="bench-campaigner").first()
    if user is None:
        user = campaigner_create(
            username="bench-campaigner", email="bench@example.org", password=os.urandom(16).hex()
        )
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    queries: list[str] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        first = client.get("/admin/dashboard/")
    if first.status_code != 200:
        return {"status": first.status_code}
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get("/admin/dashboard/")
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "status": first.status_code,
        "requests": requests,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "queries": len(queries),
        "queries_on_signatures": sum('"petitions_signature"' in sql for sql in queries),
        "bytes": len(first.content),
    }


if __name__ == "__main__":
    main()

"""Django-side steps of the benchmark, run in a subprocess with the run's environment:
`urls` prints the URLs to drive, `tally` runs the counting job once and times it."""

import json
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
        print(json.dumps(urls))
    elif sys.argv[1] == "tally":
        from petitions import selectors, services

        started = time.monotonic()
        added = 0
        while True:
            n = services.tallies_update()
            added += n
            if not n:
                break
        seconds = time.monotonic() - started
        from django.core.cache import cache

        cache.delete(selectors.COUNT_CACHE_KEY)
        total = selectors.signature_count()
        print(json.dumps({"seconds": round(seconds, 3), "added": added, "total": total}))


if __name__ == "__main__":
    main()

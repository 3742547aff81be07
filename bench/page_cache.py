"""Does every public page in every language fit in the page cache?

Loads the shipped campaign into a fresh in-memory database, publishes every configured
language, renders each public page in each (as the page cache would store it) and reports
the number of entries and their bytes against the limits: the database-table cache's
MAX_ENTRIES (without Redis), the in-process layer's PAGE_CACHE_LOCAL_ENTRIES, and Redis
(memory only; no entry limit). Run: `.venv/bin/python bench/page_cache.py`.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main() -> None:
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)  # the 404s of a language without its catalogue
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    call_command("load_campaign", verbosity=0)

    from campaigns.models import Campaign
    from core import languages
    from news.models import NewsItem
    from testimonials.models import Testimonial

    campaign = Campaign.objects.get()
    campaign.published_languages = languages.configured()
    campaign.save()
    pages = ["", "how-CSAR-affects-us.html", "legal.html", "news/", "sign/", "newsletter/"]
    pages += ["coalition/join/", "share/mastodon/"]
    pages += [f"news/{item.slug}/" for item in NewsItem.objects.published()]
    pages += [f"testimonials/{item.slug}/" for item in Testimonial.objects.published()]
    client = Client()
    entries = 0
    total = 0
    largest = 0
    rendered = []
    for code in languages.configured():
        for page in pages:
            response = client.get(f"/{code}/{page}")
            if response.status_code != 200:
                continue  # e.g. a language without its interface catalogue yet
            entries += 1
            total += len(response.content)
            largest = max(largest, len(response.content))
            if code not in rendered:
                rendered.append(code)
    from config.settings import base

    db_limit = base.CACHES["default"].get("OPTIONS", {}).get("MAX_ENTRIES", 300)
    missing = sorted(set(languages.configured()) - set(rendered))
    print(f"languages: {len(rendered)} (not served: {missing}), pages per language: {len(pages)}")
    print(f"page cache entries: {entries}, bytes: {total:,} (largest page {largest:,} bytes)")
    bounds = {
        "database cache MAX_ENTRIES": db_limit,
        "in-process PAGE_CACHE_LOCAL_ENTRIES": settings.PAGE_CACHE_LOCAL_ENTRIES,
    }
    for name, bound in bounds.items():
        print(f"{name}: {bound} -> {'fits' if entries < bound else 'TOO SMALL'}")
    print(f"Redis: no entry limit; {total / 1024 / 1024:.1f} MiB for all pages at once")


if __name__ == "__main__":
    main()

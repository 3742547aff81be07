"""How the apps are put together into one site."""

from django.apps import apps

from core.caching import shows_public_content


def test_the_page_cache_watches_exactly_the_apps_public_pages_show():
    """Saving a campaign text, news item, testimonial or coalition member refreshes the
    cached pages; signatures, subscriptions and mail (never shown) do not."""
    watched = {
        config.label
        for config in apps.get_app_configs()
        if any(shows_public_content(model) for model in config.get_models())
    }
    assert watched == {"campaigns", "news", "testimonials", "coalition"}

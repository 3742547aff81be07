"""How the apps are put together into one site."""

import pytest
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


# Every app that collects people uses the same double opt-in (core.optin): its pages answer
# the same way. A made-up token opens each app's link-invalid page.
TOKEN_PAGES = [
    "/nl/sign/confirm/made-up/",
    "/nl/sign/delete/made-up/",
    "/nl/newsletter/confirm/made-up/",
    "/nl/newsletter/unsubscribe/made-up/",
    "/nl/coalition/join/confirm/made-up/",
]
FORMS = ["/nl/sign/", "/nl/newsletter/", "/nl/coalition/join/"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "field"), zip(FORMS, ["first_name", "email", "contact_email"], strict=True)
)
def test_every_form_page_shows_its_form_with_a_token_and_sets_no_cookie(client, url, field):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'name="{field}"' in page
    assert 'name="form_token"' in page
    assert not response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize("url", TOKEN_PAGES)
def test_every_page_a_token_opens_is_kept_out_of_search_engines_and_caches(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", [*FORMS, *TOKEN_PAGES, "/nl/sign/sent/", "/nl/newsletter/check-your-inbox/"]
)
def test_every_page_answers_head_as_get(client, url):
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code != 405
    assert head.content == b""


@pytest.mark.django_db
@pytest.mark.parametrize("url", FORMS)
def test_every_form_answers_an_invalid_post_with_400_and_its_errors(client, form_post, url):
    response = form_post(url, {})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert 'class="field__error"' in page


def test_the_worker_runs_counting_mail_and_every_purge():
    """The worker's schedule: the petition's counting job, the outbox's due mail, the
    newsletter's updates at their rate, the purges every app registered
    (privacy.registry) and the expiry of signer exports left undownloaded, each registered
    by its app."""
    from core import jobs
    from handover.services import signer_exports_expire
    from newsletter.services import deliveries_hand_over
    from outbox.services import mail_deliver_due
    from petitions.tasks import tallies_update
    from privacy.registry import purges_run

    assert jobs.scheduled() == [
        ("tallies_update", tallies_update, 5.0),
        ("mail_deliver_due", mail_deliver_due, 1.0),  # the poll of the mail queue
        ("updates_send", deliveries_hand_over, 10.0),
        ("purge_unconfirmed", purges_run, 3600.0),
        ("signer_exports_expire", signer_exports_expire, 3600.0),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", [*FORMS, "/nl/sign/resend/"])
def test_every_refused_or_invalid_form_post_is_never_stored_by_a_cache(client, form_post, url):
    """The answers to a form POST (refused as cross-site, or invalid) name what was typed or
    refuse one visitor: `Cache-Control: no-store, private`, for browsers and proxies alike."""
    for response in (
        client.post(url, {}, headers={"Origin": "https://evil.example"}),
        form_post(url, {"email": "not an address"}),
    ):
        assert response.status_code in (400, 403)
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]

"""The double opt-in toolkit (core.optin), through a small app of its own ("trial"): its
links, tokens and expiry, and the pages behind a mailed link."""

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django import forms
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.models import Group
from django.db.models import F
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.urls import include, path
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import optin
from core.formguard import HONEYPOT_FIELD, TOKEN_FIELD, PublicForm, issue_token
from privacy.network import rate_limited


def _done(request):
    return HttpResponse("done")


def _token(request, token):
    return HttpResponse(token)


urlpatterns = [
    path(
        "trial/",
        include(
            (
                [
                    path("confirm/<str:token>/", _token, name="confirm"),
                    path("done/", _done, name="confirmed"),
                    path("gone/", _done, name="deleted"),
                    path("sent/", _done, name="sent"),
                ],
                "trial",
            )
        ),
    ),
]

TEMPLATES = Path(__file__).parent / "templates"
# Our own page's POSTs: the browser says they are same-origin.
rf = RequestFactory(headers={"Sec-Fetch-Site": "same-origin"})


@pytest.fixture
def trial(settings):
    """The trial app's URLs and templates (its pages show `name` and `reason`; the link-invalid
    page also the path asked for, which only a page rendered with its request knows)."""
    settings.ROOT_URLCONF = __name__
    engine = dict(settings.TEMPLATES[0])
    settings.TEMPLATES = [{**engine, "DIRS": [TEMPLATES, *engine["DIRS"]]}]


def get(url: str = "/trial/confirm/x/"):
    return rf.get(url)


def post(data: dict | None = None, url: str = "/trial/confirm/x/"):
    return rf.post(url, data or {})


def with_token(scope: str = "ConfirmForm") -> dict[str, str]:
    return {TOKEN_FIELD: issue_token(scope)}


# Tokens -------------------------------------------------------------------------------------


def test_a_token_is_looked_up_by_its_sha256():
    assert optin.token_digest("abc") == hashlib.sha256(b"abc").hexdigest()


@pytest.mark.parametrize("token", ["", "x" * 129, "é" * 129])
def test_no_link_of_ours_carries_an_empty_or_overlong_token(token):
    assert optin.token_digest(token) is None


def test_the_longest_token_a_link_may_carry_is_128_characters():
    assert optin.token_digest("x" * 128) == hashlib.sha256(b"x" * 128).hexdigest()


@pytest.mark.django_db
def test_find_returns_the_row_whose_field_holds_the_hash():
    """The row is found by the hash of the token in the named field, never by the token."""
    wanted = Group.objects.create(name=hashlib.sha256(b"secret").hexdigest())
    Group.objects.create(name="secret")
    groups = Group.objects.all()
    assert optin.find(groups, token="secret", field="name") == wanted
    assert optin.find(groups, token="other", field="name") is None


@pytest.mark.django_db
def test_find_looks_in_token_hash_unless_told_otherwise():
    Group.objects.create(name=hashlib.sha256(b"secret").hexdigest())
    groups = Group.objects.annotate(token_hash=F("name"))
    assert optin.find(groups, token="secret").name == hashlib.sha256(b"secret").hexdigest()
    assert optin.find(groups, token="other") is None


@pytest.mark.django_db
def test_find_asks_the_database_nothing_for_a_token_no_link_carries(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        assert optin.find(Group.objects.all(), token="x" * 500, field="name") is None
        assert optin.find(Group.objects.all(), token="", field="name") is None


# Expiry -------------------------------------------------------------------------------------


@override_settings(CONFIRMATION_TOKEN_HOURS=5)
def test_a_link_sent_now_expires_after_the_configured_hours():
    now = timezone.now()
    assert optin.expiry(now=now) == now + dt.timedelta(hours=5)
    before = timezone.now()
    assert (
        before + dt.timedelta(hours=5) <= optin.expiry() <= timezone.now() + dt.timedelta(hours=5)
    )


def test_a_link_works_until_its_expiry_and_not_at_it():
    now = timezone.now()
    second = dt.timedelta(seconds=1)
    assert optin.has_expired(now - second, now=now)
    assert optin.has_expired(now, now=now)
    assert not optin.has_expired(now + second, now=now)
    assert not optin.has_expired(timezone.now() + dt.timedelta(minutes=1))
    assert optin.has_expired(timezone.now() - second)


def test_a_link_without_an_expiry_counts_as_expired():
    """A row that never got an expiry was never sent a link that could work."""
    assert optin.has_expired(None)


# Links --------------------------------------------------------------------------------------


urlpatterns += i18n_patterns(path("mail/<str:token>/", _token, name="mailed"))


@pytest.mark.usefixtures("trial")
@pytest.mark.parametrize("language", ["nl", "en"])
def test_links_are_absolute_and_in_the_persons_language(settings, language):
    """Whatever language the request that sends the mail is in, the link is in the person's."""
    settings.SITE_URL = "https://campaign.example"
    with translation.override("en" if language == "nl" else "nl"):
        url = optin.absolute_url("mailed", token="t0k", language=language)
        assert translation.get_language() != language
    assert url == f"https://campaign.example/{language}/mail/t0k/"


# The pages ----------------------------------------------------------------------------------


def test_token_pages_are_never_cached_and_not_indexed():
    page = optin.token_page(lambda request: HttpResponse("page"))(get())
    assert page["X-Robots-Tag"] == "noindex"
    assert "no-store" in page["Cache-Control"] and "max-age=0" in page["Cache-Control"]
    assert page.content == b"page"


@pytest.mark.usefixtures("trial")
@pytest.mark.parametrize(
    ("expired", "status", "heading"), [(False, 404, "Invalid"), (True, 410, "Expired")]
)
# The layout lists the languages the campaign publishes (a database read).
@pytest.mark.django_db
def test_a_link_that_does_not_work_gets_the_apps_page(expired, status, heading):
    """The app's own page, rendered with the request (as every page is: the language links,
    the canonical address and the campaign come from it)."""
    response = optin.link_invalid(get(), app="trial", expired=expired, reason="because")
    assert response.status_code == status
    assert response.content.decode() == f"<h1>{heading}</h1>because /trial/confirm/x/\n"


@pytest.mark.django_db
def test_too_many_requests_get_the_shared_page_for_an_hour():
    with translation.override("nl"):
        response = optin.too_many(get("/nl/"))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    page = response.content.decode()
    assert "<h1>Probeer het later opnieuw</h1>" in page
    assert '<meta name="robots" content="noindex">' in page
    # Rendered with the request: the page offers itself in the other languages.
    assert 'hreflang="en"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("template", "context"),
    [
        ("optin/check_your_inbox.html", {}),
        ("optin/confirm.html", {"form": optin.ConfirmForm()}),
        ("optin/link_invalid.html", {"expired": False}),
        ("optin/link_invalid.html", {"expired": True}),
        ("optin/too_many.html", {}),
    ],
)
def test_every_shared_page_is_kept_out_of_search_engines(template, context):
    html = render_to_string(template, context, request=get("/en/"))
    assert html.count('<meta name="robots" content="noindex">') == 1


@pytest.mark.django_db
def test_the_expired_page_says_expired_and_the_other_says_it_does_not_work():
    with translation.override("en"):
        expired = render_to_string(
            "optin/link_invalid.html", {"expired": True}, request=get("/en/")
        )
        invalid = render_to_string(
            "optin/link_invalid.html", {"expired": False}, request=get("/en/")
        )
        for html, shown, hidden in (
            (expired, "This link has expired", "This link does not work"),
            (invalid, "This link does not work", "This link has expired"),
        ):
            assert f"<h1>{gettext(shown)}</h1>" in html
            assert hidden not in html


class Act:
    """A service behind a button: records the tokens it is called with, answers `result`."""

    def __init__(self, result: object = True) -> None:
        self.result = result
        self.tokens: list[str] = []

    def __call__(self, *, token: str) -> object:
        self.tokens.append(token)
        return self.result


class Row:
    def __init__(self, **fields: object) -> None:
        self.__dict__.update(fields)


LATER = Row(name="Anna", token_expires_at=timezone.now() + dt.timedelta(hours=1))
EARLIER = Row(name="Bob", token_expires_at=timezone.now() - dt.timedelta(seconds=1))


def button(request, *, found, act=None, **options):
    """The trial app's link view, for a link with the token "t0k", which finds `found`."""
    view = optin.link_view(
        app="trial",
        find=lambda *, token: found if token == "t0k" else None,
        act=act or Act(),
        context=lambda row: {"name": row.name},
        **options,
    )
    return view(request, token="t0k")


# The layout lists the languages the campaign publishes (a database read).
@pytest.mark.django_db
@pytest.mark.usefixtures("trial")
class TestLinkView:
    def test_get_shows_the_button_and_does_nothing(self):
        act = Act()
        response = button(get(), found=LATER, act=act)
        assert response.status_code == 200
        page = response.content.decode()
        assert page.startswith("<h1>Confirm Anna</h1>")
        assert f'name="{TOKEN_FIELD}"' in page
        assert response["X-Robots-Tag"] == "noindex"
        assert act.tokens == []

    def test_head_is_answered_like_get_and_does_nothing(self):
        act = Act()
        assert button(rf.head("/trial/confirm/x/"), found=LATER, act=act).status_code == 200
        assert act.tokens == []

    def test_other_methods_are_refused(self):
        act = Act()
        assert button(rf.put("/trial/confirm/x/"), found=LATER, act=act).status_code == 405
        assert act.tokens == []

    def test_the_button_from_our_page_acts_once_and_redirects(self):
        act = Act()
        response = button(post(with_token()), found=LATER, act=act)
        assert (response.status_code, response["Location"]) == (302, "/trial/done/")
        assert act.tokens == ["t0k"]

    @pytest.mark.parametrize("data", [{}, {TOKEN_FIELD: "forged"}])
    def test_a_post_not_from_our_page_acts_not_and_says_why(self, data):
        act = Act()
        response = button(post(data), found=LATER, act=act)
        assert response.status_code == 400
        page = response.content.decode()
        assert page.startswith("<h1>Confirm Anna</h1>")
        assert 'role="alert"' in page
        assert act.tokens == []

    @pytest.mark.parametrize("request_", [get(), post(with_token())], ids=["get", "post"])
    def test_an_unknown_or_used_link(self, request_):
        act = Act()
        response = button(request_, found=None, act=act)
        assert response.status_code == 404
        assert response.content.startswith(b"<h1>Invalid</h1>")
        assert act.tokens == []

    @pytest.mark.parametrize("request_", [get(), post(with_token())], ids=["get", "post"])
    def test_an_expired_link(self, request_):
        act = Act()
        response = button(request_, found=EARLIER, act=act)
        assert response.status_code == 410
        assert response.content.startswith(b"<h1>Expired</h1>")
        assert response["X-Robots-Tag"] == "noindex"
        assert act.tokens == []

    def test_the_expiry_is_read_from_the_named_field(self):
        found = Row(
            name="Anna",
            token_expires_at=EARLIER.token_expires_at,
            valid_until=LATER.token_expires_at,
        )
        assert button(get(), found=found, expires="valid_until").status_code == 200
        assert button(get(), found=found).status_code == 410

    def test_a_link_that_never_expires(self):
        found = Row(name="Anna", token_expires_at=None)
        assert button(get(), found=found, expires=None).status_code == 200
        assert button(get(), found=found).status_code == 410

    def test_a_link_used_meanwhile_gets_the_invalid_page(self):
        """Between the page and the button, the link was used (another tab, a twin click)."""
        act = Act(result=None)
        response = button(post(with_token()), found=LATER, act=act)
        assert response.status_code == 404
        assert act.tokens == ["t0k"]

    def test_another_page_and_destination(self):
        get_page = button(get(), found=LATER, page="delete")
        assert get_page.content.startswith(b"<h1>Delete Anna</h1>")
        done = button(post(with_token()), found=LATER, page="delete", done="deleted")
        assert done["Location"] == "/trial/gone/"


class TrialForm(PublicForm):
    email = forms.EmailField()


def trial_form_view(received: list, **options):
    return optin.form_view(
        app="trial",
        page="form",
        form_class=TrialForm,
        per_hour=options.pop("per_hour", 2),
        act=received.append,
    )


# The layout lists the languages the campaign publishes (a database read).
@pytest.mark.django_db
@pytest.mark.usefixtures("trial")
@pytest.mark.django_db
class TestFormView:
    def test_get_shows_the_empty_form(self):
        response = trial_form_view([])(get())
        assert response.status_code == 200
        page = response.content.decode()
        assert page.startswith("<h1>Form</h1>")
        assert 'name="email"' in page and "aria-invalid" not in page
        assert "no-store" in response["Cache-Control"]

    def test_a_valid_form_acts_and_sends_the_person_to_check_their_inbox(self):
        received: list = []
        response = trial_form_view(received)(
            post({**with_token("TrialForm"), "email": "a@example.org"})
        )
        assert (response.status_code, response["Location"]) == (302, "/trial/sent/")
        assert received == [{"email": "a@example.org"}]

    def test_a_form_with_errors_is_shown_again_with_them_and_nothing_happens(self):
        received: list = []
        response = trial_form_view(received)(
            post({**with_token("TrialForm"), "email": "not an address"})
        )
        assert response.status_code == 400
        assert 'aria-invalid="true"' in response.content.decode()
        assert received == []

    def test_a_bot_gets_the_same_answer_and_nothing_happens(self):
        received: list = []
        data = {**with_token("TrialForm"), "email": "a@example.org", HONEYPOT_FIELD: "bot"}
        response = trial_form_view(received)(post(data))
        assert (response.status_code, response["Location"]) == (302, "/trial/sent/")
        assert received == []

    def test_a_source_within_its_hourly_posts_is_heard(self):
        received: list = []
        request = post({**with_token("TrialForm"), "email": "a@example.org"})
        for _ in range(2):
            rate_limited(request, scope="trial-form", limit=3, period=3600)
        assert trial_form_view(received, per_hour=3)(request).status_code == 302
        assert len(received) == 1

    def test_other_methods_are_refused(self):
        assert trial_form_view([])(rf.put("/trial/")).status_code == 405


@pytest.mark.django_db
def test_a_source_past_its_hourly_posts_waits_and_nothing_happens():
    received: list = []
    request = post({**with_token("TrialForm"), "email": "a@example.org"}, url="/nl/")
    for _ in range(2):
        rate_limited(request, scope="trial-form", limit=2, period=3600)
    response = trial_form_view(received, per_hour=2)(request)
    assert response.status_code == 429
    assert received == []


# The layout lists the languages the campaign publishes (a database read).
@pytest.mark.django_db
@pytest.mark.usefixtures("trial")
def test_the_check_your_inbox_page_is_never_cached():
    response = optin.sent_view("trial/sent.html")(get())
    assert (response.status_code, response.content) == (200, b"<h1>Sent</h1>\n")
    assert "no-store" in response["Cache-Control"]
    assert optin.sent_view("trial/sent.html")(post()).status_code == 405


# The layout lists the languages the campaign publishes (a database read).
@pytest.mark.django_db
@pytest.mark.usefixtures("trial")
def test_the_page_after_the_button_is_the_same_for_everyone():
    response = optin.done_view("trial/sent.html")(get())
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {
        "public",
        "max-age=5",
        "stale-while-revalidate=600",
    }
    assert optin.done_view("trial/sent.html")(post()).status_code == 405

"""Partners: the source code a signature came through, the sign widget partner sites frame,
and a partner's own totals behind its secret link."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache

from coalition import services as coalition_services
from coalition.models import Organisation
from coalition.tests.factories import OrganisationFactory
from core import caching
from core.formguard import issue_token
from core.tests.support import form_token, links_in, path_of
from petitions.models import Signature, SignatureDaily

pytestmark = pytest.mark.django_db

HOME = "/nl/"
EMBED = "/nl/embed/sign/"


@pytest.fixture
def partner(petition):
    """An approved organisation with its https website and source code."""
    organisation = OrganisationFactory(name="Bits of Freedom", website="https://www.bof.example/")
    coalition_services.organisation_source_code_assign(organisation=organisation)
    assert organisation.source_code == "bits-of-freedom"
    return organisation


def sign(client, url, **extra):
    data = {
        "form_token": form_token(client, url),
        "first_name": "Anna",
        "last_name": "Jansen",
        "email": "anna@example.org",
        "country": "NL",
        **extra,
    }
    return client.post(url, data)


def hidden_src(page: str) -> str | None:
    found = re.search(r'<input type="hidden" name="src" value="([^"]*)"', page)
    if found:
        return found.group(1)
    return "" if re.search(r'<input type="hidden" name="src"', page) else None


# --- Attribution --------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/nl/", "/nl/sign/", "/nl/embed/sign/"])
def test_source_code_in_the_link_travels_in_the_form(client, partner, url):
    """?src=<code> of an approved organisation is carried by the sign form as a hidden field
    (upper case normalised); an unknown code leaves it empty; no cookie either way."""
    response = client.get(f"{url}?src=BITS-of-freedom")
    assert response.status_code == 200
    assert hidden_src(response.content.decode()) == "bits-of-freedom"
    assert not response.cookies
    unknown = client.get(f"{url}?src=nobody")
    assert hidden_src(unknown.content.decode()) == ""


def test_signature_records_an_approved_partners_code_only(client, partner):
    """The sign service keeps the form's code of an approved organisation; an unknown code,
    or a rejected organisation's, gives a signature without source, and no error."""
    assert sign(client, "/nl/sign/", src="bits-of-freedom").status_code == 302
    assert Signature.objects.get().source == "bits-of-freedom"

    Signature.objects.all().delete()
    assert sign(client, "/nl/sign/", src="<script>x" * 20).status_code == 302
    assert Signature.objects.get().source == ""

    rejected = OrganisationFactory(status=Organisation.Status.REJECTED, source_code="gone")
    assert rejected.source_code == "gone"
    Signature.objects.all().delete()
    assert sign(client, "/nl/sign/", src="gone").status_code == 302
    assert Signature.objects.get().source == ""


def test_signing_records_no_referrer(client, partner):
    """The referrer says nothing: a signature from a partner's page without ?src= in the form
    has no source."""
    url = "/nl/sign/"
    response = client.post(
        url,
        {
            "form_token": form_token(client, url),
            "first_name": "Anna",
            "last_name": "Jansen",
            "email": "anna@example.org",
            "country": "NL",
        },
        headers={"Referer": "https://www.bof.example/campaign"},
    )
    assert response.status_code == 302
    assert Signature.objects.get().source == ""


def _pages_cached() -> int:
    """How many page renderings the shared cache holds (the test cache is in memory)."""
    keys = cache._cache
    return sum(":page:" in key and caching.VERSION_KEY not in key for key in keys)


def _get(client, url) -> tuple[int, str]:
    """GET `url`; (page renderings in the cache afterwards, the answer's ETag)."""
    response = client.get(url)
    assert response.status_code == 200
    return _pages_cached(), response["ETag"]


@pytest.mark.parametrize("url", [HOME, EMBED])
def test_pages_with_src_are_served_from_the_page_cache(client, partner, url):
    """/nl/?src=<code> (and the widget's) is cached once per approved partner's code; a
    made-up code is served the bare page's entry, so it adds nothing to the cache."""
    entries, bare = _get(client, url)
    assert entries == 1
    assert _get(client, url) == (1, bare)
    assert _get(client, f"{url}?src=x") == (1, bare)
    assert _get(client, f"{url}?src=made-up-{'a' * 50}&utm=1") == (1, bare)

    entries, etag = _get(client, f"{url}?src=bits-of-freedom")
    assert entries == 2 and etag != bare
    assert _get(client, f"{url}?src=Bits-Of-Freedom") == (2, etag)


def test_a_new_partner_code_works_at_once(client, partner):
    """Approving an organisation makes its code valid on the next request (the list of codes
    follows the content version)."""
    client.get(HOME)
    newcomer = OrganisationFactory(name="Epicenter Works", status=Organisation.Status.PENDING)
    page = client.get(f"{HOME}?src=epicenter-works").content.decode()
    assert hidden_src(page) == ""
    coalition_services.organisations_review(
        organisations=Organisation.objects.filter(pk=newcomer.pk), status="approved"
    )
    page = client.get(f"{HOME}?src=epicenter-works").content.decode()
    assert hidden_src(page) == "epicenter-works"


# --- The widget ---------------------------------------------------------------------------


def test_embed_may_be_framed_by_partner_sites_only(client, partner, petition):
    """The widget's frame-ancestors lists the approved organisations' https origins and the
    campaign's other sites; no X-Frame-Options. Other pages stay unframeable."""
    OrganisationFactory(name="Plain", website="http://plain.example/")  # not https: not listed
    OrganisationFactory(name="Waiting", website="https://waiting.example/", status="pending")
    petition.embed_origins = "https://friends.example:8443\nhttp://127.0.0.1:9999"
    petition.save()

    response = client.get(f"{EMBED}?src=bits-of-freedom")
    csp = response["Content-Security-Policy"]
    ancestors = re.search(r"frame-ancestors ([^;]*)", csp).group(1).split()
    assert sorted(ancestors) == [
        "http://127.0.0.1:9999",
        "https://friends.example:8443",
        "https://www.bof.example",
    ]
    assert "X-Frame-Options" not in response
    assert not response.cookies
    # Nothing from another host: the policy's sources stay our own.
    assert "default-src 'self'" in csp

    for url in ["/nl/", "/nl/sign/", "/nl/sign/sent/", "/nl/legal.html", "/nl/coalition/join/"]:
        other = client.get(url)
        assert other["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in other["Content-Security-Policy"], url


def test_embed_without_partners_is_unframeable(client, petition):
    response = client.get(EMBED)
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_embed_page_is_compact_with_counter_form_and_privacy_link(client, partner):
    """The widget shows the counter, the form posting to itself and the privacy policy link
    opening outside the frame; no site header or footer, nothing from another host."""
    page = client.get(f"{EMBED}?src=bits-of-freedom").content.decode()
    assert 'class="counter"' in page
    assert 'action="/nl/embed/sign/"' in page
    assert re.search(r'href="/nl/legal.html" target="_blank" rel="noopener"', page)
    assert "site-header" not in page and "site-footer" not in page
    assert 'href="/nl/sign/?src=bits-of-freedom" target="_blank"' in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_embed_signing_flow_keeps_the_source_and_stays_in_the_frame(client, partner):
    """A POST from the widget (same-origin, as from our page inside any frame) stores the
    source, answers with the compact check-your-inbox page, and the mail's confirmation leads
    to the thank-you page whose share links keep the code."""
    response = sign(client, EMBED, src="bits-of-freedom")
    assert response.status_code == 302
    assert response["Location"] == "/nl/embed/sign/sent/"
    assert "no-store" in response["Cache-Control"]
    sent = client.get(response["Location"])
    assert sent.status_code == 200
    assert "site-header" not in sent.content.decode()
    assert "frame-ancestors https://www.bof.example" in sent["Content-Security-Policy"]
    signature = Signature.objects.get()
    assert signature.source == "bits-of-freedom"

    [message] = mail.outbox
    confirm = path_of(next(url for url in links_in(message) if "/sign/confirm/" in url))
    done = client.post(confirm, {"form_token": issue_token("ConfirmForm")})
    assert done.status_code == 302
    assert done["Location"] == "/nl/sign/thanks/?src=bits-of-freedom"
    thanks = client.get(done["Location"]).content.decode()
    assert "src%3Dbits-of-freedom" in thanks  # in the share links' encoded address
    assert 'name="src" value="bits-of-freedom"' in thanks  # the Mastodon form keeps it
    signature.refresh_from_db()
    assert signature.confirmed_at is not None


def test_embed_form_errors_show_in_the_widget(client, partner):
    response = sign(client, EMBED, src="bits-of-freedom", email="not an address")
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page and "site-header" not in page
    assert hidden_src(page) == "bits-of-freedom"
    assert not Signature.objects.exists()


def test_embed_post_from_another_site_is_refused(client, partner):
    """The cookie-less guard stands in the frame too: a POST that a partner's page (or any
    other site) makes itself is cross-site and refused."""
    response = client.post(
        EMBED,
        {"form_token": issue_token("SignForm"), "email": "a@example.org"},
        headers={"Origin": "https://www.bof.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_thank_you_page_ignores_unknown_source(client, partner):
    thanks = client.get("/nl/sign/thanks/?src=nobody").content.decode()
    assert "src%3Dnobody" not in thanks and 'value="nobody"' not in thanks
    assert "https://x.com/intent/tweet?" in thanks


def test_home_share_links_keep_the_source(client, partner):
    page = client.get(f"{HOME}?src=bits-of-freedom").content.decode()
    assert "src%3Dbits-of-freedom" in page


# --- A partner's own numbers --------------------------------------------------------------


def test_partner_page_shows_its_confirmed_signatures(client, partner):
    """Behind the secret link: the sum of the confirmed signatures per day with its code,
    per country; not indexed, not stored, no cookie. Another source's rows do not count."""
    token = coalition_services.organisation_partner_link_renew(organisation=partner)
    day = dt.date(2026, 11, 1)
    for country, language, confirmed, source in [
        ("NL", "nl", 1200, "bits-of-freedom"),
        ("BE", "nl", 30, "bits-of-freedom"),
        ("NL", "en", 5, "bits-of-freedom"),
        ("DE", "de", 900, "someone-else"),
        ("FR", "fr", 77, ""),
    ]:
        SignatureDaily.objects.create(
            day=day, country=country, language=language, source=source, confirmed=confirmed
        )
    SignatureDaily.objects.create(
        day=day + dt.timedelta(days=1),
        country="NL",
        language="nl",
        source="bits-of-freedom",
        confirmed=10,
    )
    response = client.get(f"/en/partner/{token}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>1,245</strong> confirmed signatures" in page
    assert re.search(r"Netherlands</th><td class=\"num\">1,215<", page)
    assert re.search(r"Belgium</th><td class=\"num\">30<", page)
    assert "Germany" not in page and "France" not in page
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in page
    # No canonical or alternate link hands the secret address to a crawler or a share card.
    assert 'rel="canonical"' not in page and 'rel="alternate"' not in page
    assert not response.cookies


def test_partner_link_is_secret_and_renewable(client, partner):
    """Only the hash is stored; a new link ends the old one; unknown links and those of an
    organisation no longer approved are 404."""
    old = coalition_services.organisation_partner_link_renew(organisation=partner)
    assert old not in partner.partner_token_hash
    assert client.get(f"/nl/partner/{old}/").status_code == 200
    new = coalition_services.organisation_partner_link_renew(organisation=partner)
    assert client.get(f"/nl/partner/{old}/").status_code == 404
    assert client.get(f"/nl/partner/{new}/").status_code == 200
    assert client.get("/nl/partner/x/").status_code == 404
    partner.status = Organisation.Status.REJECTED
    partner.save()
    assert client.get(f"/nl/partner/{new}/").status_code == 404


def test_campaign_list_of_embedding_sites_is_checked(petition):
    """The campaign's other embedding sites are origins, one per line (core.security)."""
    from django.core.exceptions import ValidationError

    petition.embed_origins = "https://ok.example\nhttp://friends.example"
    with pytest.raises(ValidationError) as raised:
        petition.full_clean()
    assert "embed_origins" in raised.value.message_dict


@pytest.mark.parametrize(
    ("state", "status", "says"), [("paused", 503, "paused"), ("closed", 410, "ended")]
)
def test_embed_follows_the_campaigns_state(client, partner, petition, state, status, says):
    """Paused or closed, the widget shows so in the frame and takes no signature."""
    petition.state = state
    petition.save()
    page = client.get(f"{EMBED}?src=bits-of-freedom", HTTP_ACCEPT_LANGUAGE="en")
    assert says in client.get("/en/embed/sign/").content.decode()
    assert "sign-form" not in page.content.decode()
    data = {"form_token": issue_token("SignForm"), "email": "a@example.org", "country": "NL"}
    response = client.post(EMBED, {**data, "first_name": "A", "last_name": "B"})
    assert response.status_code == status
    assert "site-header" not in response.content.decode()
    assert not Signature.objects.exists()

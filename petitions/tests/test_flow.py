"""The whole signing journey through the test client, as a signer meets it."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from core.formguard import issue_token, token_is_valid
from core.tests.support import form_token, links_in, path_of, without_form_token
from outbox.models import OutgoingMail
from petitions import services
from petitions.models import Signature
from privacy import crypto

pytestmark = pytest.mark.django_db

SIGN_URL = "/nl/sign/"


def sign(client, *, email="Anna.Jansen@Example.org", url=SIGN_URL, **extra):
    data = {
        "form_token": form_token(client, url),
        "first_name": "Anna",
        "last_name": "Jansen",
        "email": email,
        "country": "NL",
        **extra,
    }
    return client.post(url, data)


def press(client, path: str):
    """Press the button on a mailed link's page: a POST with the page's form token."""
    return client.post(path, {"form_token": issue_token("ConfirmForm")})


def link(message, part: str) -> str:
    return path_of(next(url for url in links_in(message) if f"/sign/{part}/" in url))


def test_sign_page_shows_petition_consent_and_eu_countries_first(client, petition):
    """The sign page shows the Dutch petition text, addressees, the exact consent wording,
    EU member states before other countries, and sets no cookie."""
    response = client.get(SIGN_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stop het scannen van privéberichten" in page
    assert "Leden van het Europees Parlement" in page
    assert "Ja, houd mij op de hoogte van deze campagne." in page
    assert page.index('value="NL"') < page.index('value="US"')
    assert page.index('value="SE"') < page.index('value="AF"')
    assert 'value="NL">Nederland<' in page
    assert "Ons doel: 1.000." in page
    assert not response.cookies


def test_sign_page_reads_the_campaign_once(client, petition):
    """The sign page and its layout (title, share tags) share one read of the campaign, and
    the next page in the same language reads it no more until the content changes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def campaign_reads() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SIGN_URL).status_code == 200
        return sum('FROM "campaigns_campaign"' in q["sql"] for q in queries.captured_queries)

    assert campaign_reads() == 1
    assert campaign_reads() == 0
    petition.goal = 2000
    petition.save()
    assert campaign_reads() == 1


def test_whole_flow_sign_mail_confirm_count(client, petition):
    """Sign -> check-your-inbox -> mail -> GET confirm (nothing happens) -> POST confirms ->
    thank-you page -> the counting job adds one to the counter."""
    response = sign(client, consent="on")
    assert response.status_code == 302
    assert response["Location"] == "/nl/sign/sent/"
    assert not response.cookies
    page = client.get(response["Location"])
    assert "<h1>Kijk in je inbox</h1>" in page.content.decode()

    signature = Signature.objects.get()
    assert signature.confirmed_at is None
    assert signature.consent_contact is True
    assert signature.consent_version == 3
    assert signature.language == "nl"
    assert not OutgoingMail.objects.exists()  # sent, so the address is gone

    [message] = mail.outbox
    assert message.to == ["Anna.Jansen@Example.org"]
    assert message.extra_headers["Content-Language"] == "nl"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    confirm_path = link(message, "confirm")
    assert confirm_path.startswith("/nl/sign/confirm/")
    assert confirm_path in html

    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "Bevestig mijn handtekening" in page.content.decode()
    client.get(confirm_path)  # a mail scanner opening the link twice changes nothing
    signature.refresh_from_db()
    assert signature.confirmed_at is None

    assert client.get("/nl/sign/count.json").json()["count"] == 0
    response = press(client, confirm_path)
    assert response.status_code == 302
    assert response["Location"] == "/nl/sign/thanks/"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "https://x.com/intent/tweet?" in thanks.content.decode()  # the share block
    signature.refresh_from_db()
    assert signature.confirmed_at is not None
    assert signature.token_hash is None

    assert services.tallies_update() == 1
    counter = client.get("/nl/sign/count.json")
    assert counter.json() == {"count": 1, "goal": 1000}
    assert "max-age=5" in counter["Cache-Control"]
    assert "public" in counter["Cache-Control"]


def test_english_signer_gets_english_mail_and_consent_version(client, petition):
    """Signing on the English page records the English consent version and language and
    sends the mail in English."""
    sign(client, url="/en/sign/", consent="on")
    signature = Signature.objects.get()
    assert (signature.language, signature.consent_version) == ("en", 2)
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "en"
    assert message.subject == "Please confirm your signature"
    assert link(message, "confirm").startswith("/en/sign/confirm/")


def test_confirmed_token_cannot_be_replayed(client, petition):
    """A used confirmation link shows a clear Dutch page (404) offering to sign again, never
    a 500, and changes nothing."""
    sign(client)
    confirm_path = link(mail.outbox[0], "confirm")
    press(client, confirm_path)
    first = Signature.objects.get().confirmed_at
    for response in (client.get(confirm_path), press(client, confirm_path)):
        assert response.status_code == 404
        page = response.content.decode()
        assert "<h1>Deze link werkt niet</h1>" in page
        assert '<a class="button" href="/nl/sign/">Teken de petitie</a>' in page
    assert Signature.objects.get().confirmed_at == first


def test_expired_token_is_refused_with_410(client, petition):
    """An expired link explains itself (410) and offers to sign again; POST confirms nothing."""
    sign(client)
    confirm_path = link(mail.outbox[0], "confirm")
    Signature.objects.update(token_expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert client.get(confirm_path).status_code == 410
    response = press(client, confirm_path)
    assert response.status_code == 410
    assert 'href="/nl/sign/"' in response.content.decode()
    assert Signature.objects.get().confirmed_at is None


def test_unknown_and_malformed_tokens_are_404(client, petition):
    """Made-up tokens of any shape give the 'link does not work' page."""
    for token in ["nope", "x" * 500, "%00", "..%2F"]:
        assert client.get(f"/nl/sign/confirm/{token}/").status_code == 404
        assert press(client, f"/nl/sign/confirm/{token}/").status_code == 404
        assert press(client, f"/nl/sign/delete/{token}/").status_code == 404
        assert client.get(f"/nl/sign/delete/{token}/").status_code == 404


def test_signing_again_unconfirmed_renews_token_same_response(client, petition):
    """Signing twice before confirming: the same page, one row with the newer data, a new
    mail, and the first link no longer works."""
    first = sign(client)
    old_confirm = link(mail.outbox[0], "confirm")
    second = sign(client, email=" anna.jansen@EXAMPLE.org ", country="BE")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    signature = Signature.objects.get()
    assert signature.country == "BE"
    record = crypto.unseal(
        signature.sealed,
        private_key=pytest.importorskip("django.conf").settings.TEST_CAMPAIGN_PRIVATE_KEY,
    )
    assert record["email"] == "anna.jansen@EXAMPLE.org"
    assert len(mail.outbox) == 2
    assert client.get(old_confirm).status_code == 404
    assert client.get(link(mail.outbox[1], "confirm")).status_code == 200


def test_signing_again_confirmed_says_so_only_by_mail(client, petition):
    """A confirmed signer who signs again sees exactly the same page as a new signer; only
    the mail (to that address) says they already signed, with a delete link."""
    sign(client)
    press(client, link(mail.outbox[0], "confirm"))
    again = sign(client)
    new = sign(client, email="someone.else@example.org")
    assert again.status_code == new.status_code == 302
    assert again["Location"] == new["Location"]
    # The pages hold a timed form token each: equal by meaning (both valid), not by bytes.
    pages = [client.get(response["Location"]).content for response in (again, new)]
    assert without_form_token(pages[0]) == without_form_token(pages[1])
    tokens = [re.findall(r'name="form_token" value="([^"]+)"', page.decode()) for page in pages]
    assert all(
        found and all(token_is_valid(token, scope="ResendForm") for token in found)
        for found in tokens
    )
    assert Signature.objects.count() == 2
    already = mail.outbox[1]
    assert already.subject == "Je hebt al getekend"
    assert "/nl/sign/confirm/" not in already.body
    assert client.get(link(already, "delete")).status_code == 200


def test_resend_gives_new_working_link(client, petition):
    """The resend form on the check-your-inbox page sends a new link (the old one dies) and
    answers the same for an address that never signed."""
    sign(client)
    old_confirm = link(mail.outbox[0], "confirm")
    token = form_token(client, "/nl/sign/sent/")
    known = client.post(
        "/nl/sign/resend/", {"form_token": token, "email": "Anna.Jansen@example.org"}
    )
    unknown = client.post("/nl/sign/resend/", {"form_token": token, "email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert without_form_token(known.content) == without_form_token(unknown.content)
    assert len(mail.outbox) == 2
    assert client.get(old_confirm).status_code == 404
    new_confirm = link(mail.outbox[1], "confirm")
    assert press(client, new_confirm).status_code == 302
    assert Signature.objects.get().confirmed_at is not None


@override_settings(MAILS_PER_ADDRESS_PER_HOUR=3)
def test_resend_is_limited_per_address(client, petition):
    """Past the per-address limit (the signing mail counts too), resend quietly sends
    nothing (same page)."""
    sign(client)
    token = form_token(client, "/nl/sign/sent/")
    for _ in range(4):
        response = client.post(
            "/nl/sign/resend/", {"form_token": token, "email": "Anna.Jansen@Example.org"}
        )
        assert response.status_code == 200
    assert len(mail.outbox) == 1 + 2


def test_resend_of_confirmed_signature_sends_nothing(client, petition):
    sign(client)
    press(client, link(mail.outbox[0], "confirm"))
    token = form_token(client, "/nl/sign/sent/")
    client.post("/nl/sign/resend/", {"form_token": token, "email": "Anna.Jansen@Example.org"})
    assert len(mail.outbox) == 1


def test_delete_link_shows_button_and_post_deletes_and_uncounts(client, petition):
    """GET of the delete link deletes nothing; the POST deletes the signature and takes it
    out of the counter at once."""
    sign(client)
    press(client, link(mail.outbox[0], "confirm"))
    services.tallies_update()
    assert client.get("/nl/sign/count.json").json()["count"] == 1
    delete_path = link(mail.outbox[0], "delete")
    page = client.get(delete_path)
    assert page.status_code == 200
    assert Signature.objects.exists()
    assert client.post(delete_path).status_code == 400  # not from our page: nothing happens
    assert Signature.objects.exists()
    response = press(client, delete_path)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert not Signature.objects.exists()
    assert client.get("/nl/sign/count.json").json()["count"] == 0
    assert press(client, delete_path).status_code == 404


def test_delete_of_unconfirmed_signature(client, petition):
    sign(client)
    assert press(client, link(mail.outbox[0], "delete")).status_code == 302
    assert not Signature.objects.exists()


def test_honeypot_marks_suspect_quietly(client, petition):
    """A filled honeypot gives the same response; the signature is kept but marked."""
    response = sign(client, nickname="bot")
    assert response.status_code == 302
    assert Signature.objects.get().suspect is True


def test_missing_or_forged_form_token_is_refused(client, petition):
    """Without a valid form token: a clear error, what was typed kept, nothing stored."""
    data = {"first_name": "Anna", "last_name": "Jansen", "email": "a@example.org", "country": "NL"}
    for extra in ({}, {"form_token": "forged:token"}):
        response = client.post(SIGN_URL, {**data, **extra})
        assert response.status_code == 400
        page = response.content.decode()
        assert 'role="alert"' in page
        assert 'value="Jansen"' in page
    assert not Signature.objects.exists()
    assert not mail.outbox


def signer(client, **fields: str) -> dict[str, str]:
    """A filled-in sign form, with the form token of the sign page."""
    data = {"first_name": "A", "last_name": "B", "email": "a@example.org", "country": "NL"}
    return {"form_token": form_token(client, SIGN_URL), **data, **fields}


def test_cross_origin_post_is_refused(client, petition):
    data = signer(client)
    response = client.post(SIGN_URL, data, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    response = client.post(SIGN_URL, data, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_errors_are_next_to_fields_and_keep_input(client, petition):
    """Each error is linked to its input (aria-describedby) and the typed values stay."""
    response = sign(client, email="not-an-address", first_name="Anna")
    page = response.content.decode()
    assert response.status_code == 400
    assert 'aria-invalid="true" aria-describedby="sign-email_error"' in page
    assert (
        '<p class="field__error" id="sign-email_error">Vul een geldig e-mailadres in.</p>' in page
    )
    assert 'value="Anna"' in page
    assert 'value="not-an-address"' in page
    assert not Signature.objects.exists()


@override_settings(SIGNING_PAUSED=True)
def test_paused_signing_shows_message_and_refuses_post(client, petition):
    assert client.get(SIGN_URL).status_code == 503
    data = {"first_name": "A", "last_name": "B", "email": "a@example.org", "country": "NL"}
    response = client.post(SIGN_URL, data)
    assert response.status_code == 503
    assert "<form" not in response.content.decode()
    assert not Signature.objects.exists()


def test_closed_campaign_refuses_signing(client, petition):
    data = signer(client)
    petition.state = "closed"
    petition.save()
    assert client.post(SIGN_URL, data).status_code == 410
    assert not Signature.objects.exists()


@override_settings(SIGN_SOFT_LIMIT=2, SIGN_HARD_LIMIT=4)
def test_rate_limit_marks_suspect_then_refuses(client, petition):
    """From one source: the first signatures are normal, then quietly suspect, then refused
    with a translated message and nothing stored."""
    outcomes = [sign(client, email=f"p{n}@example.org").status_code for n in range(5)]
    assert outcomes == [302, 302, 302, 302, 429]
    suspects = list(Signature.objects.order_by("pk").values_list("suspect", flat=True))
    assert suspects == [False, False, True, True]


def test_purge_removes_old_unconfirmed_only(petition, settings):
    """Unconfirmed signatures older than the retention are deleted with their expired
    tokens; confirmed ones and recent ones stay."""
    from petitions.tests.factories import SignatureFactory, days_ago

    old = SignatureFactory(confirmed_at=None, token_expires_at=days_ago(5))
    confirmed = SignatureFactory()
    recent = SignatureFactory(confirmed_at=None, token_expires_at=timezone.now())
    Signature.objects.filter(pk__in=[old.pk, confirmed.pk]).update(created_at=days_ago(30))
    Signature.objects.filter(pk=recent.pk).update(created_at=days_ago(1))
    assert services.signatures_purge_unconfirmed() == 1
    assert set(Signature.objects.values_list("pk", flat=True)) == {confirmed.pk, recent.pk}


def test_pages_let_the_browser_send_its_origin_but_no_referrer_elsewhere(client, petition):
    """Every page says `Referrer-Policy: same-origin`: the browser sends our origin with a
    form POST (under `no-referrer` it would send `Origin: null`), and no Referer ever leaves
    the site."""
    sign(client)
    confirm_path = link(mail.outbox[0], "confirm")
    for path in (SIGN_URL, "/nl/sign/sent/", confirm_path, "/nl/sign/thanks/", "/nl/"):
        assert client.get(path)["Referrer-Policy"] == "same-origin", path


@pytest.mark.parametrize("language", ["nl", "de", "pl", "el", "fi", "ga"])
def test_a_signer_gets_the_mail_in_the_language_of_the_page_they_signed_on(
    client, petition, outbox, language
):
    """The language travels with the signature to the mail: its subject (as the language's
    .po file has it, when there is one), its `lang` and Content-Language, and its links."""
    import polib
    from django.conf import settings

    petition.published_languages = ["de", "el", "en", "fi", "ga", "nl", "pl"]
    petition.save()
    response = sign(client, url=f"/{language}/sign/", email=f"signer-{language}@example.org")
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/sign/sent/"
    assert Signature.objects.get().language == language
    [message] = outbox
    assert message.extra_headers["Content-Language"] == language
    assert f'<html lang="{language}">' in message.alternatives[0][0]
    assert link(message, "confirm").startswith(f"/{language}/sign/confirm/")
    po = settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    if po.exists():
        entry = polib.pofile(str(po)).find("Please confirm your signature")
        assert entry is not None and message.subject == entry.msgstr

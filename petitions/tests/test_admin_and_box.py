"""The admin (no personal data, invalidation) and the home page's sign box."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from petitions import services
from petitions.models import Signature, SignatureTally
from petitions.tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db


def test_signature_list_shows_no_personal_data(admin_client):
    """The list shows country and flags; no name, address or sealed data, and no add."""
    SignatureFactory(email="secret.person@example.org", country="BE")
    page = admin_client.get("/admin/petitions/signature/").content.decode()
    assert "secret.person" not in page
    assert "België" in page or "Belgium" in page
    assert admin_client.get("/admin/petitions/signature/add/").status_code == 403


def test_admin_action_invalidates_and_uncounts(admin_client):
    signatures = SignatureFactory.create_batch(3, country="NL")
    services.tallies_update()
    response = admin_client.post(
        "/admin/petitions/signature/",
        {"action": "invalidate_selected", "_selected_action": [signatures[0].pk]},
    )
    assert response.status_code == 302
    assert Signature.objects.filter(invalidated=True).count() == 1
    assert SignatureTally.objects.get(country="NL").count == 2


def test_invalidate_by_domain_counts_then_invalidates(admin_client):
    """Typing a domain first shows how many match; ticking the box invalidates them."""
    SignatureFactory(email="a@bots.example")
    SignatureFactory(email="b@BOTS.example")
    SignatureFactory(email="c@people.example")
    url = "/admin/petitions/signature/invalidate/"
    assert admin_client.get(url).status_code == 200
    preview = admin_client.post(url, {"domain": "bots.example"})
    assert "<strong>2 " in preview.content.decode()
    assert not Signature.objects.filter(invalidated=True).exists()
    done = admin_client.post(url, {"domain": "bots.example", "confirm": "on"})
    assert done.status_code == 302
    assert Signature.objects.filter(invalidated=True).count() == 2


def test_invalidate_needs_a_criterion(admin_client):
    SignatureFactory()
    admin_client.post("/admin/petitions/signature/invalidate/", {"confirm": "on"})
    assert not Signature.objects.filter(invalidated=True).exists()


def test_tally_admin_shows_counts_and_total(admin_client):
    SignatureFactory.create_batch(2, country="NL")
    SignatureFactory(country="DE")
    services.tallies_update()
    page = admin_client.get("/admin/petitions/signaturetally/").content.decode()
    assert "<strong>3</strong>" in page


def test_sign_box_renders_form_with_token_and_counter(petition):
    """The home page's box: a fresh form token, the Dutch consent wording and the counter
    with progress toward the goal."""
    SignatureFactory.create_batch(2)
    services.tallies_update()
    request = RequestFactory().get("/nl/")
    with translation.override("nl"):
        html = Template("{% load petitions_tags %}{% sign_box %}").render(
            Context({"request": request})
        )
    assert 'name="form_token"' in html
    assert 'action="/nl/sign/"' in html
    assert "Ja, houd mij op de hoogte van deze campagne." in html
    assert '<progress max="1000" value="2">' in html


def test_sign_box_without_a_campaign_still_renders(db):
    with translation.override("en"):
        html = Template("{% load petitions_tags %}{% sign_box %}").render(Context({}))
    assert 'name="email"' in html
    assert 'name="consent"' not in html


def test_signature_detail_page_is_read_only_without_personal_data(admin_client):
    signature = SignatureFactory(email="hidden.person@example.org")
    response = admin_client.get(f"/admin/petitions/signature/{signature.pk}/change/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "hidden.person" not in page
    assert signature.email_hmac not in page
    assert 'name="_save"' not in page

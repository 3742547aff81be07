"""Source codes of approved organisations and the admin's partner page."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition import services
from coalition.models import Organisation
from coalition.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.fixture
def campaigner(client):
    user = get_user_model().objects.create_superuser("campaigner", password="pw-12345")
    client.force_login(user)
    return client


def test_source_code_from_the_name_ascii_short_and_numbered():
    """The name as an ASCII slug of at most 40 characters; -2, -3 when taken; a name
    without Latin letters or digits gets the fallback."""
    suggest = services.source_code_suggest
    assert suggest(name="Bits of Freedom", taken=set()) == "bits-of-freedom"
    assert suggest(name="Chaos Computer Club e.V.", taken=set()) == "chaos-computer-club-ev"
    assert suggest(name="Liga voor Mensenrechten", taken={"liga-voor-mensenrechten"}) == (
        "liga-voor-mensenrechten-2"
    )
    assert suggest(name="Ärzte für Privatsphäre", taken=set()) == "arzte-fur-privatsphare"
    assert suggest(name="Ομάδα Ψηφιακών Δικαιωμάτων", taken=set(), fallback="partner-7") == (
        "partner-7"
    )
    long = suggest(name="A" * 30 + " " + "B" * 30, taken=set())
    assert len(long) == 40 and not long.endswith("-")
    numbered = suggest(name="A" * 30 + " " + "B" * 30, taken={long})
    assert len(numbered) <= 40 and numbered.endswith("-2")


@settings(max_examples=200, deadline=None)
@given(name=st.text(max_size=200), taken=st.sets(st.text(max_size=45), max_size=5))
def test_source_code_is_always_a_fresh_short_slug(name, taken):
    code = services.source_code_suggest(name=name, taken=taken)
    assert SLUG.match(code), code
    assert len(code) <= 40
    assert code not in taken


def test_approval_gives_a_code_and_keeps_a_chosen_one(campaigner):
    """Approving in the admin list gives each organisation its code, numbered when two share
    a name; a code a campaigner chose is kept; rejection gives none."""
    first = OrganisationFactory(name="Digitale Gesellschaft", status="pending")
    second = OrganisationFactory(name="Digitale Gesellschaft", status="pending")
    chosen = OrganisationFactory(name="EDRi", status="pending", source_code="edri-brussels")
    rejected = OrganisationFactory(name="Spam Inc", status="pending")
    response = campaigner.post(
        "/admin/coalition/organisation/",
        {"action": "approve", "_selected_action": [first.pk, second.pk, chosen.pk]},
    )
    assert response.status_code == 302
    campaigner.post(
        "/admin/coalition/organisation/", {"action": "reject", "_selected_action": [rejected.pk]}
    )
    codes = {o.pk: o.source_code for o in Organisation.objects.all()}
    assert {codes[first.pk], codes[second.pk]} == {
        "digitale-gesellschaft",
        "digitale-gesellschaft-2",
    }
    assert codes[chosen.pk] == "edri-brussels"
    assert codes[rejected.pk] is None


def _change(client, organisation, **fields):
    data = {
        "name": organisation.name,
        "country": "NL",
        "website": organisation.website,
        "statement": "",
        "order": "0",
        "status": organisation.status,
        "source_code": organisation.source_code or "",
        **fields,
    }
    return client.post(f"/admin/coalition/organisation/{organisation.pk}/change/", data)


def test_approving_in_the_change_form_gives_a_code(campaigner):
    organisation = OrganisationFactory(name="Homo Digitalis", status="pending")
    assert _change(campaigner, organisation, status="approved").status_code == 302
    organisation.refresh_from_db()
    assert organisation.source_code == "homo-digitalis"


def test_campaigner_edits_the_code_with_clear_errors(campaigner):
    """A code is lower-cased; a code with other characters, one too long, or another
    organisation's is refused with a message and changes nothing."""
    OrganisationFactory(name="Taken", source_code="taken")
    organisation = OrganisationFactory(name="Xnet", source_code="xnet")

    assert _change(campaigner, organisation, source_code="Xnet-Barcelona").status_code == 302
    organisation.refresh_from_db()
    assert organisation.source_code == "xnet-barcelona"

    for bad, message in [
        ("x net!", "Use only lower-case letters, digits and hyphens"),
        ("x" * 41, "at most 40 characters"),
        ("taken", "Another organisation has this source code"),
    ]:
        response = _change(campaigner, organisation, source_code=bad)
        assert response.status_code == 200, bad
        assert message in response.content.decode(), bad
        organisation.refresh_from_db()
        assert organisation.source_code == "xnet-barcelona"


def test_partner_page_links_snippets_and_secret_link(campaigner, petition):
    """The partner page lists, per published language, the home, sign and widget links with
    the code and the <iframe> code; it makes a secret link shown once, stored hashed."""
    petition.published_languages = ["nl", "en", "de"]
    petition.save()
    organisation = OrganisationFactory(name="Bits of Freedom", website="https://bof.example/x")
    services.organisation_source_code_assign(organisation=organisation)
    url = f"/admin/coalition/organisation/{organisation.pk}/partner/"

    change = campaigner.get(f"/admin/coalition/organisation/{organisation.pk}/change/")
    assert url in change.content.decode()

    page = campaigner.get(url).content.decode()
    for language in ["nl", "en", "de"]:
        assert f"http://testserver/{language}/?src=bits-of-freedom" in page
        assert f"http://testserver/{language}/sign/?src=bits-of-freedom" in page
        assert (
            f"&lt;iframe src=&quot;http://testserver/{language}/embed/sign/?src=bits-of-freedom"
            in page
        )
    assert "https://bof.example" in page
    assert "fr/?src=" not in page  # not published
    assert "no-store" in campaigner.get(url)["Cache-Control"]

    response = campaigner.post(url)
    assert response.status_code == 200
    secret = re.search(r'id="secret-url" type="text" value="([^"]+)"', response.content.decode())
    link = secret.group(1)
    token = link.rsplit("/", 2)[-2]
    organisation.refresh_from_db()
    assert organisation.partner_token_hash and token not in organisation.partner_token_hash
    assert campaigner.get(link.replace("http://testserver", "")).status_code == 200
    # The link is not shown again; a new one ends it.
    assert token not in campaigner.get(url).content.decode()
    campaigner.post(url)
    assert campaigner.get(link.replace("http://testserver", "")).status_code == 404


def test_partner_page_of_an_organisation_not_approved(campaigner):
    organisation = OrganisationFactory(status="pending")
    page = campaigner.get(f"/admin/coalition/organisation/{organisation.pk}/partner/")
    assert "not approved yet" in page.content.decode()
    campaigner.post(f"/admin/coalition/organisation/{organisation.pk}/partner/")
    organisation.refresh_from_db()
    assert organisation.partner_token_hash == ""


def test_migration_gives_approved_organisations_codes():
    """The data migration gives every approved organisation without a code one (numbered
    past existing codes) and leaves the others alone."""
    OrganisationFactory(name="La Quadrature du Net", source_code="la-quadrature-du-net")
    twin = OrganisationFactory(name="La Quadrature du Net")
    pending = OrganisationFactory(name="Waiting", status="pending")
    migration = importlib.import_module("coalition.migrations.0006_source_codes_for_approved")
    migration.assign(apps, None)
    twin.refresh_from_db()
    pending.refresh_from_db()
    assert twin.source_code == "la-quadrature-du-net-2"
    assert pending.source_code is None

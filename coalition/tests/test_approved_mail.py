"""An approved organisation is told so, in the language it applied in, at the contact
address it confirmed (kept under the mailing key, like a subscriber's)."""

import pytest
from django.core import mail
from django.utils import timezone

from coalition import services
from coalition.models import Organisation
from coalition.tests.factories import OrganisationFactory
from privacy import crypto

pytestmark = pytest.mark.django_db


def applied(language: str, **fields) -> Organisation:
    defaults = {"email_confirmed_at": timezone.now()}
    return OrganisationFactory(
        name="Stichting Vrij Internet",
        status=Organisation.Status.PENDING,
        language=language,
        contact_address=crypto.mailing_encrypt("pers@vrij.example.org"),
        **{**defaults, **fields},
    )


def review(organisation: Organisation, status: str) -> None:
    services.organisations_review(
        organisations=Organisation.objects.filter(pk=organisation.pk), status=status
    )


def test_approval_mails_the_contact_once_in_its_language():
    organisation = applied("en")
    review(organisation, Organisation.Status.APPROVED)
    [message] = mail.outbox
    assert message.to == ["pers@vrij.example.org"]
    assert message.extra_headers["Content-Language"] == "en"
    assert message.subject == "Welcome to the Stop Scanning Me coalition"
    assert "Stichting Vrij Internet has been approved" in message.body
    assert "http://testserver/en/" in message.body
    review(organisation, Organisation.Status.APPROVED)  # approved again: no second mail
    assert len(mail.outbox) == 1


def test_rejected_unconfirmed_or_added_by_a_campaigner_get_no_mail():
    review(applied("nl"), Organisation.Status.REJECTED)
    review(applied("nl", email_confirmed_at=None), Organisation.Status.APPROVED)
    review(OrganisationFactory(status=Organisation.Status.PENDING), Organisation.Status.APPROVED)
    assert not mail.outbox


def test_the_application_keeps_the_contact_under_the_mailing_key(form_post):
    from coalition.tests.test_apply import CONTACT_EMAIL, application

    assert form_post("/nl/coalition/join/", application()).status_code == 302
    organisation = Organisation.objects.get()
    assert crypto.mailing_decrypt(bytes(organisation.contact_address)) == CONTACT_EMAIL
    assert CONTACT_EMAIL.encode() not in bytes(organisation.contact_address)

import datetime as dt

import factory
from django.utils import timezone

from campaigns.models import Campaign, CampaignTranslation
from petitions.models import Signature
from privacy import crypto
from privacy.identity import domain_hmac, email_domain, email_hmac, normalise_email


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("slug",)

    slug = "stop-scanning-me"
    goal = 1000


class CampaignTranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignTranslation

    parent = factory.SubFactory(CampaignFactory)
    language = "nl"
    title = "Stop scanning me!"
    petition_title = "Stop het scannen van privéberichten"
    petition_text = "Wij vragen het Europees Parlement de scanplicht te schrappen."
    petition_addressees = "Leden van het Europees Parlement"
    consent_text = "Ja, houd mij op de hoogte van deze campagne."
    consent_version = 3


class SignatureFactory(factory.django.DjangoModelFactory):
    """A stored signature as signature_create leaves it (sealed data, keyed hash)."""

    class Meta:
        model = Signature

    class Params:
        email = factory.Sequence(lambda n: f"signer{n}@example.org")

    email_hmac = factory.LazyAttribute(lambda o: email_hmac(normalise_email(o.email)))
    sealed = factory.LazyAttribute(
        lambda o: crypto.seal({"first_name": "Test", "last_name": "Signer", "email": o.email})
    )
    domain_hmac = factory.LazyAttribute(
        lambda o: domain_hmac(email_domain(normalise_email(o.email)))
    )
    country = "NL"
    language = "nl"
    confirmed_at = factory.LazyFunction(timezone.now)


def days_ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)

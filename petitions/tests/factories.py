import datetime as dt

import factory
from django.utils import timezone

from petitions.models import Signature
from privacy import crypto
from privacy.identity import (
    domain_hmac,
    email_domain,
    email_hmac,
    exact_email_hmac,
    normalise_email,
)


class SignatureFactory(factory.django.DjangoModelFactory):
    """A stored signature as signature_create leaves it (sealed data, keyed hash)."""

    class Meta:
        model = Signature

    class Params:
        email = factory.Sequence(lambda n: f"signer{n}@example.org")

    email_hmac = factory.LazyAttribute(lambda o: email_hmac(normalise_email(o.email)))
    exact_email_hmac = factory.LazyAttribute(lambda o: exact_email_hmac(o.email))
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

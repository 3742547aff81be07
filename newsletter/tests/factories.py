import secrets

import factory
from django.utils import timezone

from newsletter import services
from newsletter.models import Subscription
from privacy import crypto, identity, tokens


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """A confirmed subscription, built the way the service builds one."""

    class Meta:
        model = Subscription

    class Params:
        email = factory.Sequence(lambda n: f"reader{n}@example.org")

    email_hmac = factory.LazyAttribute(
        lambda o: identity.email_hmac(identity.normalise_email(o.email))
    )
    sealed = factory.LazyAttribute(lambda o: crypto.seal({"email": o.email}))
    address = factory.LazyAttribute(lambda o: crypto.mailing_encrypt(o.email))
    language = "nl"
    consent_version = services.CONSENT_VERSION
    unsubscribe_nonce = factory.LazyFunction(lambda: secrets.token_hex(16))
    unsubscribe_token_hash = factory.LazyAttribute(
        lambda o: tokens.hash_token(
            services.unsubscribe_token(
                subscription=Subscription(unsubscribe_nonce=o.unsubscribe_nonce)
            )
        )
    )
    confirmed_at = factory.LazyFunction(timezone.now)

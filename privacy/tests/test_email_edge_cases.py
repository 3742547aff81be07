"""Email normalisation at its edges: what IDNA cannot encode, an @ in a quoted local part,
several tags, Gmail's rules on a concrete address."""

import re

import pytest
from django.core.exceptions import ValidationError

from privacy.identity import domain_hmac, email_domain, normalise_email

LONG_LABEL = "a" * 64  # one more than a DNS label may hold
UNENCODABLE_DOMAINS = [f"{LONG_LABEL}.example", "bücher..example"]


@pytest.mark.parametrize("domain", UNENCODABLE_DOMAINS)
def test_an_address_whose_domain_idna_cannot_encode_is_refused(domain):
    """A domain with an over-long or empty label has no ASCII form: the address is refused
    with a ValidationError (the form shows its own message), never a crash."""
    with pytest.raises(ValidationError):
        normalise_email(f"anna@{domain}")


@pytest.mark.parametrize("domain", UNENCODABLE_DOMAINS)
def test_a_domain_idna_cannot_encode_still_gets_a_keyed_hash(domain):
    """A campaigner may type such a domain into the invalidation filter: it gets a key (case
    and a trailing dot ignored, like every domain) that matches no other domain, instead of an
    error."""
    key = domain_hmac(domain)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert domain_hmac(f"{domain.upper()}.") == key
    assert key != domain_hmac("example")


def test_an_at_sign_inside_a_quoted_local_part_belongs_to_the_local_part():
    """`"anna@home"@bücher.example` is one address at bücher.example: the domain is what
    follows the last @, so it is the one IDNA-encoded, checked for Gmail's rules, and the one a
    campaigner can filter on."""
    address = normalise_email('"Anna@Home"@Bücher.example')
    assert address == '"anna@home"@xn--bcher-kva.example'
    assert email_domain(address) == "xn--bcher-kva.example"
    assert normalise_email('"A.N@x"@GoogleMail.com') == '"an@x"@gmail.com'


def test_everything_from_the_first_plus_is_a_tag():
    """`anna+news+2024@` is anna's inbox: the whole tag goes, not only its last part."""
    assert normalise_email("anna+news+2024@example.org") == "anna@example.org"


def test_a_dotted_tagged_googlemail_address_is_the_plain_gmail_one():
    """Dots, a tag, upper case, googlemail.com and a trailing dot all fold into the one
    canonical Gmail address."""
    assert normalise_email(" A.n.N.a+news@GoogleMail.com. ") == "anna@gmail.com"

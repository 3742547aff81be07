"""Email normalisation and keyed hashes: one person, one signature."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from privacy.identity import domain_hmac, email_hmac, normalise_email

local_part = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}[a-z0-9]", fullmatch=True).filter(
    lambda s: ".." not in s
)
domain = st.sampled_from(["example.org", "posteo.de", "uni-amsterdam.nl", "mail.example.com"])
tag = st.from_regex(r"[a-z0-9-]{1,10}", fullmatch=True)
space = st.sampled_from(["", " ", "\t", "  \n"])


@given(local_part, domain)
def test_normalising_is_idempotent(local, host):
    """Normalising a normalised address changes nothing."""
    once = normalise_email(f"{local}@{host}")
    assert normalise_email(once) == once


@given(local_part, domain, space, space, st.randoms())
def test_case_and_surrounding_space_do_not_matter(local, host, before, after, rnd):
    """Upper/lower case anywhere and white space around give the same address."""
    address = f"{local}@{host}"
    mixed = "".join(c.upper() if rnd.random() < 0.5 else c for c in address)
    assert normalise_email(f"{before}{mixed}{after}") == normalise_email(address)


@given(local_part, domain, tag)
def test_plus_tag_is_removed_for_every_domain(local, host, suffix):
    assert normalise_email(f"{local}+{suffix}@{host}") == normalise_email(f"{local}@{host}")


@given(local_part, st.sampled_from(["gmail.com", "googlemail.com", "GMail.com"]))
def test_gmail_ignores_dots_and_googlemail_is_gmail(local, host):
    dotted = ".".join(local)
    assert normalise_email(f"{dotted}@{host}") == normalise_email(f"{local}@gmail.com")


def test_dots_count_for_other_domains():
    assert normalise_email("a.b@example.org") != normalise_email("ab@example.org")


def test_unicode_forms_and_idna_domains_agree():
    """NFKC folds compatibility forms; an internationalised domain equals its ASCII form."""
    assert normalise_email("\uff21\uff2e\uff2e\uff21@example.org") == "anna@example.org"
    assert normalise_email("anna@bücher.example") == "anna@xn--bcher-kva.example"
    assert normalise_email("anna@example.org.") == "anna@example.org"


@pytest.mark.parametrize(
    "bad", ["", "no-at-sign", "@example.org", "a@", "a b@example.org", "a@-.x"]
)
def test_invalid_addresses_are_refused(bad):
    with pytest.raises(ValidationError):
        normalise_email(bad)


@given(local_part, local_part, domain)
def test_hmac_separates_addresses_and_hides_them(a, b, host):
    """Different normalised addresses give different keys; a key contains no part of the
    address and is 64 hex characters."""
    key_a = email_hmac(normalise_email(f"{a}@{host}"))
    assert len(key_a) == 64
    assert a not in key_a or len(a) < 4
    if normalise_email(f"{a}@{host}") != normalise_email(f"{b}@{host}"):
        assert key_a != email_hmac(normalise_email(f"{b}@{host}"))


def test_domain_hmac_is_case_insensitive_and_differs_from_email_hmac():
    assert domain_hmac("Example.ORG") == domain_hmac("example.org.")
    assert domain_hmac("googlemail.com") == domain_hmac("gmail.com")
    assert domain_hmac("example.org") != email_hmac("example.org")

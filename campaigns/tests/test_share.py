"""Parsing what a reader types as their Mastodon server; the share block after signing."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaigns.share import mastodon_host, mastodon_share_url, share_message


def test_common_ways_of_writing_a_server_are_understood():
    """A bare host, a URL, a profile URL and a full handle all give the host."""
    assert mastodon_host("mastodon.social") == "mastodon.social"
    assert mastodon_host("  https://Eupolicy.Social/@someone ") == "eupolicy.social"
    assert mastodon_host("@someone@chaos.social") == "chaos.social"
    assert mastodon_host("http://social.example.org/") == "social.example.org"


def test_things_that_are_not_servers_are_refused():
    """Script URLs, paths, bare words, ports and hosts with odd characters are refused."""
    for value in (
        "",
        "javascript:alert(1)",
        "localhost",
        "evil.com:8080",
        "a b.com",
        "exa_mple.com",
        "//",
        "..",
        "x." * 200 + "com",
        "127.0.0.1",
    ):
        assert mastodon_host(value) is None, value


@given(st.text(max_size=300))
def test_any_input_gives_none_or_a_plain_host_name(value):
    """Whatever is typed, the result is None or a lowercase host name that cannot change the
    target of the redirect (no scheme, path, port, user, query or fragment)."""
    host = mastodon_host(value)
    if host is not None:
        assert host == host.lower()
        assert all(c.isalnum() or c in ".-" for c in host)
        url = mastodon_share_url(host=host, text="t", url="https://site.example/")
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", host, "/share")


@given(st.text(max_size=200))
def test_share_text_survives_url_encoding(text):
    """The share text and address come back intact from the encoded Mastodon link."""
    url = mastodon_share_url(host="mastodon.social", text=text, url="https://site.example/")
    decoded = parse_qs(urlsplit(url).query, keep_blank_values=True).get("text", [""])[0]
    assert decoded == share_message(text=text, url="https://site.example/")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_thank_you_page_offers_every_way_to_share(client, content, language):
    """After signing: every network's link, the Mastodon form, the text to copy and a mail
    to ask a friend (a mailto: link, sent by the visitor's own mail program)."""
    html = client.get(f"/{language}/sign/thanks/").content.decode()
    for start in (
        "https://x.com/intent/tweet?",
        "https://bsky.app/intent/compose?",
        "https://wa.me/?",
        "https://t.me/share/url?",
        "mailto:?subject=",
    ):
        assert f'href="{start}' in html, start
    assert 'action="/' in html and 'name="instance"' in html
    assert 'id="share-text"' in html and "http://testserver/" in html
    ask = re.search(
        r'<p class="share__ask"><a class="button button--secondary" href="([^"]+)"', html
    )
    assert ask
    query = parse_qs(urlsplit(unescape(ask.group(1))).query)
    assert f"http://testserver/{language}/" in query["body"][0]
    assert query["subject"][0] == {"nl": "Teken jij ook?", "en": "Will you sign too?"}[language]

"""The 404 page under an address a visitor made up."""

import pytest

from core.tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["//evil.example/x", "//evil.example", "/\\evil.example/x"])
def test_a_404_never_links_its_language_switch_to_another_host(client, path):
    """`//evil.example/x` is a path to the server but a link to another site in a page: the
    language links of a 404 go to each language's home page instead."""
    response = client.get("/x", PATH_INFO=path)
    assert response.status_code == 404
    page = parse(response.content.decode())
    switch = [a["href"] for a in page.anchors if a.get("hreflang")]
    assert switch == ["/en/", "/nl/"]  # the published languages, in the settings' order
    assert "evil.example" not in response.content.decode()


def test_a_page_of_ours_links_its_translation(client):
    response = client.get("/nl/legal.html")
    page = parse(response.content.decode())
    assert [a["href"] for a in page.anchors if a.get("hreflang")] == [
        "/en/legal.html",
        "/nl/legal.html",
    ]

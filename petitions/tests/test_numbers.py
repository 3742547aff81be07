"""The public numbers: signatures per country (per million inhabitants for the member
states), the map and the table, the JSON other sites read, the counter badge, and what is
left out while the campaign hides its statistics."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from campaigns.models import Campaign
from petitions import europe, selectors
from petitions.models import SignatureTally

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
TALLIES = {"DE": 8344, "NL": 1794, "MT": 56, "LU": 3, "GB": 640, "US": 20}


@pytest.fixture
def tallies(petition):
    for code, count in TALLIES.items():
        SignatureTally.objects.create(country=code, count=count)
    SignatureTally.objects.create(country="CH", count=0)  # emptied by invalidations
    cache.clear()


def current():
    return selectors.petition_get(language="en")


def hide_statistics():
    Campaign.objects.update(statistics_visible=False)


def xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (our own response, in a test)


# --- Selectors ------------------------------------------------------------------------------


def test_per_million_is_count_over_population(tallies):
    """Per million inhabitants = signatures / population * 10^6, for member states only;
    other countries that signed are listed without it."""
    with translation.override("en"):
        numbers = selectors.country_numbers(petition=current())
    rows = {row.code: row for row in numbers.rows}
    population = europe.populations()
    assert rows["DE"].per_million == pytest.approx(8344 / population["DE"] * 1e6)
    assert rows["DE"].per_million == pytest.approx(99.99, abs=0.01)  # 83.4 million Germans
    assert rows["MT"].per_million == pytest.approx(56 / 563_443 * 1e6)
    assert rows["GB"].per_million is None and rows["GB"].shade is None and not rows["GB"].eu
    assert rows["GB"].count == 640


def test_rows_hold_every_member_state_and_others_that_signed_most_first(tallies):
    """Every one of the 27 member states is listed (0 when none signed), other countries
    only when they signed; most signatures first, equal counts by name in the page's
    language."""
    with translation.override("nl"):
        numbers = selectors.country_numbers(petition=current())
    codes = [row.code for row in numbers.rows]
    assert set(codes) == europe.EU_MEMBER_STATES | {"GB", "US"}
    assert codes[:6] == ["DE", "NL", "GB", "MT", "US", "LU"]
    zeros = [row for row in numbers.rows if row.count == 0]
    assert len(zeros) == 27 - 4
    names = [row.name for row in zeros]
    assert names == sorted(names, key=str.casefold)
    assert numbers.rows[0].name == "Duitsland"  # the page's language
    assert all(row.shade == 0 for row in zeros)


def test_map_classes_are_round_numbers_and_the_leader_is_darkest(tallies):
    """The map's classes step 1-2-5 up to the highest figure; the leader per million sits in
    the darkest class, a member state without signatures in class 0."""
    assert selectors.map_breaks(highest=99.99) == [5, 10, 20, 50]
    assert selectors.map_breaks(highest=100) == [10, 20, 50, 100]
    assert selectors.map_breaks(highest=0.15) == [0.1]
    assert selectors.map_breaks(highest=0) == []
    numbers = selectors.country_numbers(petition=current())
    rows = {row.code: row for row in numbers.rows}
    # NL: 1794 / 17.9 million = 99.98 per million; DE 99.99; LU: 4.5; MT 99.4
    assert rows["DE"].shade == selectors.MAP_CLASSES
    assert rows["LU"].shade == 1
    assert rows["BG"].shade == 0
    legend = numbers.legend
    assert [item["shade"] for item in legend] == [0, 1, 2, 3, 4, 5]
    assert legend[1]["low"] is None and legend[1]["high"] == "5"
    assert legend[-1]["high"] is None and legend[-1]["low"] == "50"


@pytest.mark.parametrize("switch", ["campaign", "operators"])
def test_hidden_statistics_give_no_numbers_per_country(tallies, switch, settings):
    """The campaign's switch or the operators' STATISTICS_PAUSED: no numbers per country."""
    if switch == "campaign":
        hide_statistics()
    else:
        settings.STATISTICS_PAUSED = True
    assert selectors.country_numbers(petition=current()) is None


# --- The page -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_numbers_page_shows_total_map_and_table(client, tallies, language):
    """The page in each language: the total and the goal, an SVG map (role img, labelled)
    with each member state's shape titled with its numbers, circles for the smallest states,
    and a table with a caption, headers with scope and every country by its name in the
    page's language. No cookie, cached publicly."""
    response = client.get(f"/{language}/sign/numbers/")
    assert response.status_code == 200
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    html = response.content.decode()
    total = "10.857" if language == "nl" else "10,857"
    assert f"<strong>{total}</strong>" in html
    svg_source = re.search(r"<svg class=\"europe-map__svg\".*?</svg>", html, re.S).group(0)
    svg = xml(svg_source.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    assert svg.get("role") == "img"
    labelled_by = svg.get("aria-labelledby").split()
    assert all(svg.find(f".//*[@id='{ident}']") is not None for ident in labelled_by)
    countries = svg.findall(f"{SVG}g")
    assert len(countries) == 27
    titles = [g.findtext(f"{SVG}title") for g in countries]
    germany = "Duitsland" if language == "nl" else "Germany"
    per_million = "100,0" if language == "nl" else "100.0"
    assert any(t.startswith(f"{germany}: 8") and f" {per_million} " in t for t in titles)
    circles = svg.findall(f".//{SVG}circle")
    assert len(circles) == 3  # Cyprus, Luxembourg, Malta
    fills = {g.find(f"{SVG}path").get("fill") for g in countries}
    assert europe.MAP_PALETTE[0] in fills and europe.MAP_PALETTE[-1] in fills
    assert "<caption>" in html
    assert html.count('<th scope="row">') == 27 + 2
    assert '<th scope="col">' in html
    united_states = "Verenigde Staten van Amerika" if language == "nl" else "United States"
    assert united_states in html
    assert "<script" not in html.split("</head>")[1]  # the page needs no script


def test_numbers_page_is_linked_from_every_page(client, petition):
    html = client.get("/en/").content.decode()
    assert 'href="/en/sign/numbers/"' in html


@pytest.mark.parametrize("switch", ["campaign", "operators"])
def test_numbers_page_with_hidden_statistics_says_so_and_shows_no_numbers(
    client, tallies, switch, settings
):
    """While the statistics are hidden the page says so, and shows neither the total nor a
    figure per country, nor the map."""
    if switch == "campaign":
        hide_statistics()
    else:
        settings.STATISTICS_PAUSED = True
    response = client.get("/en/sign/numbers/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "not showing its numbers" in html
    assert "10,857" not in html and "8,344" not in html
    assert "europe-map__svg" not in html and "<table" not in html


# --- The map data ---------------------------------------------------------------------------

PATH_DATA = re.compile(r"^(M-?\d+ -?\d+l(-?\d+[ -]?)+z)+$")


def test_map_covers_every_member_state_with_valid_path_data():
    """Every member state has a shape of closed subpaths (moveto, relative lines, closepath)
    inside the viewBox, and the file stays small."""
    shapes = europe.europe_map()
    assert set(shapes["countries"]) == europe.EU_MEMBER_STATES
    _, _, width, height = (int(n) for n in shapes["viewBox"].split())
    for code, d in shapes["countries"].items():
        assert PATH_DATA.match(d.replace(" -", "-")), code
        for x, y in re.findall(r"M(-?\d+) (-?\d+)", d):
            assert 0 <= int(x) <= width and 0 <= int(y) <= height, code
    assert set(shapes["markers"]) == {"CY", "LU", "MT"}
    assert (europe.DATA / "europe.json").stat().st_size < 60_000


def test_population_file_names_its_source_and_date():
    data = europe.population_data()
    assert "Eurostat" in data["source"] and data["date"] == "2024-01-01"
    assert set(data["population"]) == europe.EU_MEMBER_STATES
    assert 440_000_000 < sum(data["population"].values()) < 460_000_000


# --- JSON for other sites -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/sign/count.json", "/nl/sign/countries.json"])
def test_json_is_readable_from_any_site_without_credentials(client, tallies, path):
    """Any origin may read it: `Access-Control-Allow-Origin: *` (never the caller's origin
    echoed, never credentials), no Vary on Origin or Cookie, no cookie, cached briefly;
    from the page cache the same."""
    for _ in range(2):  # rendered, then from the page cache
        response = client.get(path, HTTP_ORIGIN="https://partner.example")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
        # The page cache may vary on Accept-Encoding (it stores compressed copies), never on
        # Origin or Cookie.
        assert response.get("Vary", "Accept-Encoding") == "Accept-Encoding"
        assert not response.cookies
        assert "Set-Cookie" not in response
        assert "max-age=5" in response["Cache-Control"]
        assert "public" in response["Cache-Control"]
    assert client.head(path)["Access-Control-Allow-Origin"] == "*"
    refused = client.post(path, HTTP_ORIGIN="https://partner.example")
    assert refused.status_code == 405
    assert "Access-Control-Allow-Origin" not in refused


def test_countries_json_gives_names_counts_and_per_million(client, tallies):
    data = client.get("/nl/sign/countries.json").json()
    assert data["count"] == sum(TALLIES.values())
    assert data["goal"] == Campaign.objects.get().goal
    first = data["countries"][0]
    assert first == {"code": "DE", "name": "Duitsland", "count": 8344, "per_million": 99.99}
    by_code = {row["code"]: row for row in data["countries"]}
    assert by_code["US"]["per_million"] is None
    assert "Eurostat" in data["population"]["source"]


@pytest.mark.parametrize("switch", ["campaign", "operators"])
def test_json_respects_hidden_statistics(client, tallies, switch, settings):
    if switch == "campaign":
        hide_statistics()
    else:
        settings.STATISTICS_PAUSED = True
    goal = Campaign.objects.get().goal
    assert client.get("/en/sign/countries.json").json() == {
        "count": None,
        "goal": goal,
        "countries": None,
    }
    assert client.get("/en/sign/count.json").json() == {"count": None, "goal": goal}


# --- The badge ------------------------------------------------------------------------------


def test_badge_is_well_formed_svg_with_the_count(client, tallies):
    """The badge is an SVG document in itself: the campaign's name and the count in the
    language, system fonts only, nothing loaded from anywhere; any site may show it."""
    response = client.get("/en/sign/badge.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert not response.cookies
    svg = xml(response.content)
    assert svg.tag == f"{SVG}svg"
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["Stop scanning me!", "10,857 signatures"]
    assert "10,857 signatures" in svg.findtext(f"{SVG}title")
    assert b"href" not in response.content and b"@import" not in response.content
    assert "sans-serif" in svg.find(f"{SVG}g").get("font-family")
    width = float(svg.get("width"))
    assert width >= len("Stop scanning me!10,857 signatures") * 8
    # Cached: the second answer comes from the page cache, with the same headers.
    again = client.get("/nl/sign/badge.svg")
    assert b"10.857" in again.content
    assert client.get("/nl/sign/badge.svg")["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_badge_without_statistics_asks_to_sign(client, tallies):
    hide_statistics()
    svg = xml(client.get("/en/sign/badge.svg").content)
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["Stop scanning me!", "Sign the petition"]
    assert "10,857" not in json.dumps(texts)


@override_settings(STATISTICS_PAUSED=False)
def test_badge_escapes_the_campaign_name(client, tallies):
    """A campaign name with markup characters keeps the SVG well-formed."""
    from campaigns.models import CampaignTranslation

    CampaignTranslation.objects.filter(language="en").update(title='A & B <"C">')
    svg = xml(client.get("/en/sign/badge.svg").content)
    assert next(svg.iter(f"{SVG}text")).text == 'A & B <"C">'

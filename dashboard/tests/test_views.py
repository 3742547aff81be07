"""The campaign dashboard in the admin: for the campaign team only, showing the figures the
counting job kept (never reading the signatures table), each chart with its data table and
a CSV that a spreadsheet opens as data."""

import csv
import datetime as dt
import html
import io
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.services import campaigner_create
from coalition.models import Organisation
from coalition.tests.factories import OrganisationFactory
from newsletter.tests.factories import SubscriptionFactory
from petitions import services
from petitions.models import Signature
from petitions.tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

URL = "/admin/dashboard/"


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T12:00:00+00:00")


def sign(*, day: str, confirmed: str | None = None, **fields) -> Signature:
    signature = SignatureFactory(confirmed_at=at(confirmed) if confirmed else None, **fields)
    Signature.objects.filter(pk=signature.pk).update(created_at=at(day))
    return signature


def count() -> None:
    """The counting job, with every signature old enough."""
    while services.daily_signed_update(now=timezone.now() + dt.timedelta(minutes=5)):
        pass
    while services.tallies_update():
        pass
    services.signature_counts_refresh(force=True)


@pytest.fixture
def campaigner(client, petition):
    user = campaigner_create(username="eva", email="eva@example.org", password="x-Pass-1234")
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return user


@pytest.fixture
def figures(db):
    """Signatures over three days in three countries, one through a partner's source; an
    unconfirmed one with a live link, a suspect one, an invalidated one; subscribers in two
    languages; two coalition applications waiting for review."""
    services.daily_signed_update()  # the aggregate exists before the signatures
    for _ in range(3):
        sign(day="2026-03-01", confirmed="2026-03-01", country="DE", language="de")
    sign(day="2026-03-01", confirmed="2026-03-02", country="NL", source="bitsoffreedom")
    sign(day="2026-03-03", confirmed="2026-03-03", country="BE", language="fr", suspect=True)
    sign(day="2026-03-03", token_expires_at=timezone.now() + dt.timedelta(hours=5))
    sign(day="2026-03-03", confirmed="2026-03-03", invalidated=True)
    SubscriptionFactory.create_batch(3, language="de")
    SubscriptionFactory(language="nl")
    SubscriptionFactory(language="nl", confirmed_at=None)
    for days in (0.5, 10):
        org = OrganisationFactory(
            status=Organisation.Status.PENDING, email_confirmed_at=at("2026-03-01")
        )
        Organisation.objects.filter(pk=org.pk).update(
            created_at=timezone.now() - dt.timedelta(days=days)
        )
    count()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(URL + "data.csv?chart=countries").status_code == 302


def test_staff_without_the_permission_are_refused(client, db):
    user = User.objects.create_user("ann", password="x-Pass-1234", is_staff=True)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "data.csv?chart=countries").status_code == 403


def test_campaigners_get_it_and_the_index_links_it_first(client, campaigner):
    assert client.get(URL).status_code == 200
    index = client.get("/admin/").content.decode()
    tasks = index[index.index('id="daily-tasks"') :]
    assert re.search(r"<ul>\s*<li><a href=\"/admin/dashboard/\">", tasks)


def test_the_totals_are_the_counted_figures(client, campaigner, figures):
    page = client.get(URL).content.decode()
    totals = dict(re.findall(r"<dt[^>]*>([^<]+)</dt>\s*<dd>([^<]+?)\s*(?:<|$)", page))
    assert totals["Confirmed"] == "5"
    assert totals["Goal"] == "1,000"
    assert totals["Pending"] == "1"
    assert totals["Suspect"] == "1"
    assert totals["Invalidated"] == "1"
    assert 'value="0"' in page  # 5 of 1,000: 0 %


def _table(page: str, key: str) -> list[list[str]]:
    figure = page[page.index(f'id="chart-{key}"') :]
    figure = figure[: figure.index("</figure>")]
    body = figure[figure.index("<tbody>") : figure.index("</tbody>")]
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_each_chart_shows_the_figures_in_a_table(client, campaigner, figures):
    page = client.get(URL).content.decode()
    assert _table(page, "confirmed") == [
        ["March 1, 2026", "3", "3"],
        ["March 2, 2026", "1", "4"],
        ["March 3, 2026", "1", "5"],
    ]
    assert _table(page, "rate") == [
        ["March 1, 2026", "4", "3", "75"],
        ["March 2, 2026", "0", "1", "\N{EN DASH}"],
        ["March 3, 2026", "3", "1", "33.3"],
    ]
    assert _table(page, "countries") == [["Germany", "3"], ["Belgium", "1"], ["Netherlands", "1"]]
    assert _table(page, "languages") == [["Deutsch", "3"], ["français", "1"], ["Nederlands", "1"]]
    assert _table(page, "sources") == [
        ["no partner source", "4"],
        ["bitsoffreedom", "1"],
    ]
    assert _table(page, "subscribers") == [["Deutsch", "3"], ["Nederlands", "1"]]
    assert _table(page, "coalition") == [
        ["less than a day", "1"],
        ["1 to 3 days", "0"],
        ["3 to 7 days", "0"],
        ["a week or more", "1"],
    ]


def test_every_chart_is_a_figure_with_svg_table_and_csv_link(client, campaigner, figures):
    page = client.get(URL).content.decode()
    for key in (
        "confirmed",
        "rate",
        "countries",
        "languages",
        "sources",
        "subscribers",
        "coalition",
    ):
        figure = page[page.index(f'id="chart-{key}"') :]
        figure = figure[: figure.index("</figure>")]
        assert f'<h2 id="chart-{key}-title">' in figure
        assert '<svg class="chart chart-' in figure
        assert f'aria-labelledby="chart-{key}-title"' in figure
        assert "<caption>" in figure and '<th scope="col">' in figure
        assert f'href="/admin/dashboard/data.csv?chart={key}"' in figure
    main = page[page.index('id="content-main"') :]
    assert "<script" not in main
    assert not re.search(r'(?:src|href)="(?:https?:)?//', main)  # nothing from other hosts


def test_dutch_admin_names_countries_in_dutch_and_numbers_in_svg_stay_plain(
    client, campaigner, figures
):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    page = client.get(URL).content.decode()
    assert ["Duitsland", "3"] in _table(page, "countries")
    # SVG coordinates are never written with a decimal comma
    for number in re.findall(r' (?:x|y|width|height)="([^"]*)"', page):
        assert "," not in number


def test_an_empty_campaign_shows_empty_charts(client, campaigner):
    page = client.get(URL).content.decode()
    assert page.count("Nothing to show yet.") == 6  # every chart but the coalition's buckets
    assert "are not counted yet" in page


def test_csv_of_a_chart(client, campaigner, figures):
    response = client.get(URL + "data.csv?chart=countries")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="countries-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Country", "Confirmed"],
        ["Germany", "3"],
        ["Belgium", "1"],
        ["Netherlands", "1"],
    ]
    days = list(csv.reader(io.StringIO(client.get(URL + "data.csv?chart=rate").content.decode())))
    assert days[1] == ["2026-03-01", "4", "3", "75.0"]
    assert days[2] == ["2026-03-02", "0", "1", ""]


def test_csv_cells_that_look_like_formulas_are_text(client, campaigner):
    services.daily_signed_update()
    sign(day="2026-03-01", confirmed="2026-03-01", source="=HYPERLINK(1)")
    sign(day="2026-03-01", confirmed="2026-03-01", source="-2+3")
    count()
    rows = list(
        csv.reader(io.StringIO(client.get(URL + "data.csv?chart=sources").content.decode()))
    )
    assert sorted(rows[1:]) == [["'-2+3", "1"], ["'=HYPERLINK(1)", "1"]]
    page = client.get(URL).content.decode()
    assert "=HYPERLINK(1)" in page  # the page shows the text itself, escaped as HTML


def test_an_unknown_chart_is_a_404(client, campaigner):
    assert client.get(URL + "data.csv?chart=nope").status_code == 404
    assert client.get(URL + "data.csv").status_code == 404


def _queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_queries_are_few_and_do_not_grow_with_signatures(
    client, campaigner, figures, django_assert_max_num_queries
):
    """The page costs a fixed, small number of queries, and none of them reads the
    signatures table; a hundred more signatures on more days change neither."""
    before = _queries(client)
    assert not [sql for sql in before if '"petitions_signature"' in sql]
    for n in range(100):
        sign(
            day=f"2026-04-{1 + n % 28:02}",
            confirmed=f"2026-04-{1 + n % 28:02}",
            country=["FR", "IT", "PL"][n % 3],
        )
    count()
    with django_assert_max_num_queries(len(before)):
        client.get(URL)
    with django_assert_max_num_queries(20):
        client.get(URL)

"""Weight, speed and privacy as a reader's phone sees them: every request the home page makes
goes to our own origin, the first load stays small (images included), the largest content
paints fast, nothing shifts, images below the fold wait until scrolled to, and reading sets
no cookie."""

import json
from urllib.parse import urlsplit

import pytest

from e2e.browser.helpers import public_paths

pytestmark = pytest.mark.browser

MAX_FIRST_LOAD_BYTES = 150 * 1024
MAX_LCP_MS = 1000  # largest contentful paint, local server, phone profile
MAX_CLS = 0.05  # cumulative layout shift: every image has its dimensions
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}

# Largest contentful paint and the layout shifts so far, from the browser's own records.
VITALS_JS = """() => new Promise(done => {
    let lcp = null, cls = 0;
    new PerformanceObserver(list => {
        for (const e of list.getEntries()) lcp = e.renderTime || e.loadTime || e.startTime;
    }).observe({type: 'largest-contentful-paint', buffered: true});
    new PerformanceObserver(list => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
    }).observe({type: 'layout-shift', buffered: true});
    setTimeout(() => done({lcp, cls}), 300);
})"""


def _first_load(context, path: str) -> dict:
    """Load `path` in a fresh context with an empty cache; count requests and the bytes that
    came over the wire (compressed, as Chromium's network stack reports them)."""
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    encoded: dict[str, float] = {}
    urls: dict[str, str] = {}
    cdp.on(
        "Network.requestWillBeSent",
        lambda event: urls.__setitem__(event["requestId"], event["request"]["url"]),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda event: encoded.__setitem__(event["requestId"], event["encodedDataLength"]),
    )
    page.goto(path, wait_until="load")
    page.wait_for_load_state("networkidle")
    fcp = page.evaluate(
        """() => {
            const e = performance.getEntriesByType('paint')
                .find(p => p.name === 'first-contentful-paint');
            return e ? e.startTime : null;
        }"""
    )
    vitals = page.evaluate(VITALS_JS)
    cdp.detach()
    return {
        "largest_contentful_paint_ms": round(vitals["lcp"], 1) if vitals["lcp"] else None,
        "cumulative_layout_shift": round(vitals["cls"], 4),
        "url": page.url,
        "requests": requests,
        "transferred_bytes": int(sum(encoded.values())),
        "bytes_by_url": {urls.get(key, key): int(size) for key, size in encoded.items()},
        "first_contentful_paint_ms": round(fcp, 1) if fcp is not None else None,
    }


@pytest.mark.parametrize("language", ["nl", "en"])
def test_home_first_load_is_small_and_only_talks_to_our_origin(
    new_context, live_site, artifacts, language
):
    """On a phone, the home page's first load makes requests only to the site itself,
    transfers at most 150 KB (compressed, images included), paints its largest content
    within 1 s and shifts no layout (CLS < 0.05); the numbers go to weight.json."""
    # The server renders a page once per content version; measure the page readers get,
    # not that one-off rendering (a first visitor's own browser cache is still empty).
    new_context(language, **PHONE).new_page().goto(f"/{language}/")
    context = new_context(language, **PHONE)
    result = _first_load(context, f"/{language}/")

    origin = urlsplit(live_site.base_url)
    foreign = [
        url
        for url in result["requests"]
        if not url.startswith("data:") and urlsplit(url)[:2] != origin[:2]
    ]
    assert not foreign, f"requests to other origins: {foreign}"
    assert result["transferred_bytes"] <= MAX_FIRST_LOAD_BYTES, result
    assert result["first_contentful_paint_ms"] is not None, "no first contentful paint"
    assert result["largest_contentful_paint_ms"] is not None, "no largest contentful paint"
    assert result["largest_contentful_paint_ms"] < MAX_LCP_MS, result
    assert result["cumulative_layout_shift"] < MAX_CLS, result

    weight_file = artifacts / "weight.json"
    numbers = json.loads(weight_file.read_text()) if weight_file.exists() else {}
    numbers[f"home_{language}"] = {
        "requests": len(result["requests"]),
        "request_urls": [url.replace(live_site.base_url, "") for url in result["requests"]],
        "transferred_bytes": result["transferred_bytes"],
        "transferred_bytes_by_url": {
            url.replace(live_site.base_url, ""): size
            for url, size in result["bytes_by_url"].items()
        },
        "first_contentful_paint_ms": result["first_contentful_paint_ms"],
        "largest_contentful_paint_ms": result["largest_contentful_paint_ms"],
        "cumulative_layout_shift": result["cumulative_layout_shift"],
        "budget_bytes": MAX_FIRST_LOAD_BYTES,
        "budget_lcp_ms": MAX_LCP_MS,
        "budget_cls": MAX_CLS,
        "profile": "phone 360x740",
    }
    weight_file.write_text(json.dumps(numbers, indent=2, sort_keys=True) + "\n")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_reading_every_public_page_sets_no_cookie(new_context, live_site, language):
    """A reader who lands on `/` and opens every public page (and one that does not exist)
    ends with no cookie at all: no session, no csrftoken, nothing."""
    context = new_context(language)
    page = context.new_page()
    page.goto("/")
    assert page.url.endswith(f"/{language}/")
    for path in public_paths(page, language):
        response = page.goto(path)
        assert response is not None
        assert response.status in (200, 404), (path, response.status)
        assert "set-cookie" not in response.headers, (path, response.headers["set-cookie"])
    assert context.cookies() == []


def test_images_below_the_fold_wait_until_scrolled_to(new_context):
    """On a phone, the coalition's logos (far below the first screen) are not fetched with
    the page, and are fetched once the reader scrolls to them; every image has its size."""
    page = new_context("en", **PHONE).new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto("/en/", wait_until="load")
    page.wait_for_load_state("networkidle")
    logos = page.locator("main .logo-wall__logo")
    assert logos.count() >= 1, "the coalition journey approves a logo earlier in the suite"
    sources = page.eval_on_selector_all(
        "main .logo-wall__logo", "els => els.map(e => e.currentSrc || e.src)"
    )
    assert not any("/media/" in url for url in fetched), fetched
    unsized = page.eval_on_selector_all(
        "main img",
        "els => els.filter(e => !e.getAttribute('width') || !e.getAttribute('height')).length",
    )
    assert unsized == 0
    with page.expect_request(lambda request: "/media/coalition/" in request.url, timeout=5000):
        page.locator("main .logo-wall").evaluate("el => el.scrollIntoView({block: 'center'})")
    assert any(url in sources for url in fetched), (sources, fetched)

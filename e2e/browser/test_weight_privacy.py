"""Weight and privacy as a reader's browser sees them: every request the home page makes
goes to our own origin, the first load stays small, and reading sets no cookie."""

import json
from urllib.parse import urlsplit

import pytest

from e2e.browser.helpers import public_paths

pytestmark = pytest.mark.browser

MAX_FIRST_LOAD_BYTES = 150 * 1024


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
    cdp.detach()
    return {
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
    """The home page's first load makes requests only to the site itself, transfers at most
    150 KB (compressed) in total, and paints content; the numbers go to weight.json."""
    context = new_context(language)
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
        "budget_bytes": MAX_FIRST_LOAD_BYTES,
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

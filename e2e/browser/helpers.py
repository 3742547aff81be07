"""What the browser tests share: checks run inside the page (axe-core, focus visibility, layout
and reachability), the site's URLs, and the mails the worker writes to the outbox folder."""

from __future__ import annotations

import email
import email.policy
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

# WCAG 2.1 levels A and AA: the rules the campaign promises to meet.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any, axe_source: str) -> list[dict[str, Any]]:
    """Run axe-core in the page and return its WCAG 2.1 A/AA violations.

    Our Content-Security-Policy forbids inline scripts, so axe is not added as a <script>
    element: it is evaluated through the DevTools protocol, which CSP does not govern."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}));
        }""",
        WCAG_TAGS,
    )
    return list(result)


def describe_violations(violations: list[dict[str, Any]], where: str) -> str:
    lines = [f"{len(violations)} WCAG 2.1 A/AA violation(s) on {where}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html']}")
            lines.append(f"      {node['summary']}".replace("\n", " "))
    return "\n".join(lines)


def assert_no_axe_violations(page: Any, axe_source: str, where: str = "") -> None:
    violations = axe_violations(page, axe_source)
    assert not violations, describe_violations(violations, where or page.url)


def horizontal_overflow(page: Any) -> tuple[int, int]:
    """(scrollWidth, innerWidth): the page scrolls sideways when the first is larger."""
    return tuple(page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]"))


# For every link and button in <main>: is it rendered, and is the element at its centre
# (after scrolling it into view) the control itself or inside it, i.e. not covered?
# A control whose only content is an image that failed to load is left to the tests of that
# image (test_coalition.py checks uploaded logos are served).
UNREACHABLE_CONTROLS_JS = """async () => {
    const out = [];
    const controls = document.querySelectorAll(
        'main a[href], main button, main input[type=submit], main input[type=button]');
    const settle = (img) => img.complete ? null : new Promise(done => {
        img.addEventListener('load', done); img.addEventListener('error', done);
        setTimeout(done, 3000);
    });
    for (const el of controls) {
        if (el.closest('[hidden], [aria-hidden="true"], .hp')) continue;
        // A sticky link shows only once the page has scrolled past a point; its own test
        // (test_page_frame.py) scrolls there.
        if (el.closest('.sticky-sign')) continue;
        el.scrollIntoView({block: 'center', inline: 'center'});
        const images = Array.from(el.querySelectorAll('img'));
        await Promise.all(images.map(settle));
        const broken = images.length && images.every(img => img.naturalWidth === 0);
        if (broken && !(el.textContent || '').trim()) continue;
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        const label = (el.textContent || el.value || el.getAttribute('aria-label') ||
                       images.map(img => img.alt).join(' ') || '').trim().slice(0, 60);
        if (r.width < 1 || r.height < 1 || style.visibility === 'hidden') {
            out.push({label, why: 'not visible'});
            continue;
        }
        // Several points inside the box: a control is reachable if any of them hits it
        // (a link wrapping over two lines has an empty centre).
        const rects = Array.from(el.getClientRects());
        let hit = false;
        for (const box of rects) {
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
            const top = document.elementFromPoint(x, y);
            if (top && (top === el || el.contains(top) || top.contains(el))) { hit = true; break; }
        }
        if (!hit) out.push({label, why: 'covered or off-screen'});
    }
    window.scrollTo(0, 0);
    return out;
}"""


def unreachable_controls(page: Any) -> list[dict[str, str]]:
    return list(page.evaluate(UNREACHABLE_CONTROLS_JS))


# Every line of visible text, and every form control, on the whole page (not only the part in
# view): how close does it come to the left or right edge of the window? Text that a person
# cannot see (visually hidden, the honeypot, the skip link above the page) is left out.
TEXT_NEAR_EDGE_JS = """(margin) => {
    const width = document.documentElement.clientWidth;
    const out = [];
    // A closed <details> shows only its summary: the rest is not on screen (Chromium may still
    // give it boxes).
    const hidden = (el) => el.closest('.visually-hidden, .hp, [hidden], [aria-hidden="true"]') ||
        (el.closest('details:not([open])') && !el.closest('summary')) ||
        getComputedStyle(el).clip === 'rect(0px, 0px, 0px, 0px)' ||
        getComputedStyle(el).visibility === 'hidden';
    const check = (rects, el, what) => {
        for (const r of rects) {
            if (r.width < 1 || r.height < 1 || r.bottom + scrollY <= 0) continue;
            const left = Math.round(r.left), right = Math.round(width - r.right);
            if (left < margin || right < margin) {
                out.push({what: what.slice(0, 50), where: el.tagName.toLowerCase() +
                          (el.className ? '.' + String(el.className).split(' ').join('.') : ''),
                          left, right});
                return;
            }
        }
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!node.textContent.trim() || !el || el.closest('script, style, textarea, select') ||
            hidden(el)) continue;
        range.selectNodeContents(node);
        check(range.getClientRects(), el, node.textContent.trim());
    }
    for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
        if (hidden(el)) continue;
        check(el.getClientRects(), el, el.name || el.id || el.type);
    }
    return out;
}"""


def text_near_edge(page: Any, margin: int = 12) -> list[dict[str, Any]]:
    """Text and form controls closer than `margin` CSS pixels to the window's side edges."""
    return list(page.evaluate(TEXT_NEAR_EDGE_JS, margin))


FOCUS_STYLE_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    return {tag: el.tagName.toLowerCase(), name: el.getAttribute('name') || '',
            text: (el.textContent || '').trim().slice(0, 40),
            href: el.getAttribute('href') || '', visible: Boolean(outline || shadow)};
}"""


def focused(page: Any) -> dict[str, Any] | None:
    return page.evaluate(FOCUS_STYLE_JS)


def poll(check: Callable[[], Any], *, timeout: float, interval: float = 0.5) -> Any:
    """Call `check` until it returns something truthy or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    return last


def url(name: str, language: str, **kwargs: Any) -> str:
    """The path of a named URL in `language` (the same URLconf the server runs)."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def first_link(page: Any, prefix: str, exclude: str = "") -> str | None:
    """The first link on the page whose path starts with `prefix` and goes deeper (and is
    not `exclude`)."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => new URL(e.href).pathname)")
    for href in hrefs:
        if href.startswith(prefix) and len(href) > len(prefix) and href != exclude:
            return str(href)
    return None


def public_paths(page: Any, language: str) -> list[str]:
    """Every public page a reader can open in `language`, detail pages found on the home
    page; the last one does not exist (the 404 page)."""
    home = url("campaigns:home", language)
    page.goto(home)
    news_list = url("news:list", language)
    paths = [
        home,
        url("campaigns:how_affected", language),
        url("campaigns:legal", language),
        news_list,
        url("petitions:sign", language),
        url("petitions:numbers", language),
        url("newsletter:subscribe", language),
        url("coalition:apply", language),
    ]
    news_detail = first_link(page, news_list, exclude=url("news:feed", language))
    testimonial = first_link(page, f"/{language}/testimonials/")
    paths += [path for path in (news_detail, testimonial) if path]
    paths.append(f"/{language}/no-such-page/")
    return paths


def token_prefix(name: str, language: str) -> str:
    """The path of the named token URL up to where its token starts."""
    placeholder = "PLACEHOLDER"
    return url(name, language, token=placeholder).split(placeholder)[0]


def link_for(links: list[str], name: str, language: str) -> str:
    """The one link in `links` that goes to the named token URL (`<name>` takes `token`)."""
    prefix = token_prefix(name, language)
    matching = [link for link in links if prefix in link]
    assert len(set(matching)) == 1, f"expected one {name} link ({prefix}) in {links}"
    return matching[0]


# --- Mail --------------------------------------------------------------------------------


@dataclass
class Outbox:
    """The folder the worker writes every sent mail into, one .eml file per mail."""

    folder: Path
    seen: set[str] = field(default_factory=set)

    def _files(self) -> list[Path]:
        if not self.folder.exists():
            return []
        return sorted(self.folder.glob("*.eml"), key=lambda p: (p.stat().st_mtime_ns, p.name))

    def wait_for(self, *, to: str, timeout: float = 20.0) -> EmailMessage:
        """The next not-yet-seen mail to `to` (the worker sends within a second or so)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for path in self._files():
                if path.name in self.seen:
                    continue
                message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                if to.lower() in str(message["To"]).lower():
                    self.seen.add(path.name)
                    return message  # type: ignore[return-value]
            time.sleep(0.1)
        raise AssertionError(f"No mail to {to} arrived in {self.folder} within {timeout}s")

    def count_to(self, address: str) -> int:
        total = 0
        for path in self._files():
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            total += address.lower() in str(message["To"]).lower()
        return total


def mail_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, "the mail has no plain-text part"
    return part.get_content()


def mail_links(message: EmailMessage, base_url: str) -> list[str]:
    """Every link to the site in the mail's plain-text part, in order."""
    found = re.findall(r"https?://[^\s<>\"')]+", mail_text(message))
    return [link.rstrip(".,;") for link in found if link.startswith(base_url)]


def new_address(label: str) -> str:
    return f"{label}-{secrets.token_hex(4)}@example.org"

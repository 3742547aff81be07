"""Checks run inside the page: axe-core, focus visibility, layout and reachability."""

from __future__ import annotations

import time
from collections.abc import Callable
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
UNREACHABLE_CONTROLS_JS = """() => {
    const out = [];
    const controls = document.querySelectorAll(
        'main a[href], main button, main input[type=submit], main input[type=button]');
    for (const el of controls) {
        if (el.closest('[hidden], [aria-hidden="true"], .hp')) continue;
        el.scrollIntoView({block: 'center', inline: 'center'});
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        const label = (el.textContent || el.value || el.getAttribute('aria-label') || '')
            .trim().slice(0, 60);
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

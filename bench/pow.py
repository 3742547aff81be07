"""What the sign form's proof of work costs (part of `make bench`; alone: bench/pow.py).

- A bot: signatures per core-second at each difficulty, solving in Python with hashlib (one
  thread, as core.proofofwork.solve does; a bot in C would be some 5-10 times faster).
- A person: milliseconds per solve at each difficulty in real Chromium (Playwright,
  /usr/bin/chromium), running static/js/pow.js (plain JavaScript SHA-256) on a page served
  from loopback.
Each figure is a mean over several random challenges (the work per solve varies: on average
2**difficulty hashes).
"""

import http.server
import json
import secrets
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.proofofwork import leading_zero_bits

ROOT = Path(__file__).resolve().parent.parent
DIFFICULTIES = [8, 12, 14, 16, 18]
CHROMIUM = "/usr/bin/chromium"


def challenge(bits: int) -> str:
    """A string shaped like a real challenge (same length, so the same hashing work)."""
    return f"sign.{bits}.{secrets.token_hex(12)}:1tQx9a:{secrets.token_urlsafe(32)}"


def python_solve(text: str, bits: int) -> int:
    import hashlib

    prefix = f"{text}:".encode()
    nonce = 0
    while leading_zero_bits(hashlib.sha256(prefix + str(nonce).encode()).digest()) < bits:
        nonce += 1
    return nonce


def bot_costs(budget_seconds: float = 3.0) -> list[dict[str, Any]]:
    rows = []
    for bits in DIFFICULTIES:
        times = []
        deadline = time.perf_counter() + budget_seconds
        while len(times) < 3 or (time.perf_counter() < deadline and len(times) < 200):
            started = time.process_time()
            python_solve(challenge(bits), bits)
            times.append(time.process_time() - started)
        mean = statistics.mean(times)
        rows.append(
            {
                "difficulty": bits,
                "solves": len(times),
                "ms_per_solve": round(mean * 1000, 2),
                "signatures_per_core_second": round(1 / mean, 1) if mean else None,
            }
        )
    return rows


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def browser_costs(runs: int = 12) -> list[dict[str, Any]] | str:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "playwright not installed"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}"
    handler = lambda *a, **k: _Quiet(*a, directory=str(ROOT / "static"), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/js/pow.js"
    rows: list[dict[str, Any]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page()
            # The page as the site serves the script: from its own origin.
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            page.add_script_tag(url=url)
            for bits in DIFFICULTIES:
                challenges = [challenge(bits) for _ in range(runs)]
                times = page.evaluate(
                    """async ([challenges, bits]) => {
                        const times = [];
                        for (const c of challenges) {
                            const t0 = performance.now();
                            await window.ssmProofOfWork.solve(c, bits);
                            times.push(performance.now() - t0);
                        }
                        return times;
                    }""",
                    [challenges, bits],
                )
                rows.append(
                    {
                        "difficulty": bits,
                        "solves": len(times),
                        "ms_mean": round(statistics.mean(times), 1),
                        "ms_median": round(statistics.median(times), 1),
                        "ms_max": round(max(times), 1),
                    }
                )
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def measure() -> dict[str, Any]:
    return {"bot_python_hashlib": bot_costs(), "browser_chromium_js": browser_costs()}


def print_table(report: dict[str, Any]) -> None:
    print("\nProof of work (sign form)")
    print(
        f"{'bits':>4}  {'bot ms/solve':>12}  {'bot sig/core-s':>14}  {'browser ms mean':>15}  "
        f"{'median':>7}  {'max':>7}"
    )
    browser = report["browser_chromium_js"]
    by_bits = {row["difficulty"]: row for row in browser} if isinstance(browser, list) else {}
    for bot in report["bot_python_hashlib"]:
        b = by_bits.get(bot["difficulty"], {})
        print(
            f"{bot['difficulty']:>4}  {bot['ms_per_solve']:>12}  "
            f"{bot['signatures_per_core_second']:>14}  {b.get('ms_mean', '-'):>15}  "
            f"{b.get('ms_median', '-'):>7}  {b.get('ms_max', '-'):>7}"
        )
    if isinstance(browser, str):
        print(f"(browser not measured: {browser})")


if __name__ == "__main__":
    result = measure()
    print_table(result)
    if "--json" in sys.argv:
        print(json.dumps(result, indent=2))

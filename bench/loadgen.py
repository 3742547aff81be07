"""Load generation with wrk (every run bounded by --duration and --timeout) and the sign form.

A Lua `done()` prints one JSON line with the figures, so nothing depends on wrk's text
layout. Signing posts the real form fetched from the page (its signed form token, the
browser's Origin header), each request with a new address: run id, wrk thread, counter.
"""

import json
import subprocess
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

EMAIL_MARK = "BENCHEMAILPLACEHOLDER"

LUA_COMMON = r"""
local threads = {}
local next_id = 0
setup = function(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end
accepted = 0
rejected = 0
done = function(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do
    a = a + (t:get("accepted") or 0)
    r = r + (t:get("rejected") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,' ..
    '"write":%d,"status":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f,"accepted":%d,"rejected":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, a, r))
end
"""

LUA_SIGN = r"""
local counter = 0
local path = %(path)s
local prefix = %(prefix)s
local suffix = %(suffix)s
local run = %(run)s
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Origin"] = %(origin)s,
}
request = function()
  counter = counter + 1
  local email = "s" .. run .. "t" .. tid .. "n" .. counter .. "%%40bench.example.org"
  return wrk.format("POST", path, headers, prefix .. email .. suffix)
end
-- The sign view answers a stored signature with a redirect to "check your inbox";
-- anything else (a form error, 429, 503, 5xx) is not an accepted signature.
response = function(status, headers, body)
  if status >= 300 and status < 400 then
    accepted = accepted + 1
  else
    rejected = rejected + 1
  end
end
"""


LUA_CONFIRM = r"""
-- Each request confirms the next pending signature: the tokens are read from a file, one per
-- line, and shared out between wrk's threads by their number.
local tokens = {}
for line in io.lines(%(tokens)s) do table.insert(tokens, line) end
local prefix = %(prefix)s
local body = %(body)s
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Origin"] = %(origin)s,
}
local at = 0
local step = %(threads)d
request = function()
  local i = tid + at * step
  at = at + 1
  if i > #tokens then
    i = #tokens  -- all used: the page says the link is used, counted as not confirmed
  end
  return wrk.format("POST", prefix .. tokens[i] .. "/", headers, body)
end
-- A confirmation redirects to the thank-you page; anything else is not one.
response = function(status, headers, body)
  if status >= 300 and status < 400 then
    accepted = accepted + 1
  else
    rejected = rejected + 1
  end
end
"""


def _lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal here


def run_wrk(
    url: str,
    *,
    duration: int,
    connections: int,
    threads: int,
    timeout: int,
    tmp: Path,
    extra_lua: str = "",
    name: str = "run",
) -> dict[str, Any]:
    script = tmp / f"{name}.lua"
    script.write_text(LUA_COMMON + extra_lua)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={timeout}s",
        "-s",
        str(script),
        url,
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + timeout + 30, check=False
    )
    for line in completed.stdout.splitlines():
        if line.startswith("BENCHJSON "):
            raw = json.loads(line.removeprefix("BENCHJSON "))
            break
    else:
        raise RuntimeError(f"wrk gave no result: {completed.stdout}\n{completed.stderr}")
    seconds = raw["duration_us"] / 1e6
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    return {
        "url": url,
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p90_ms": round(raw["p90_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": errors,
        "error_detail": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
        "bytes_per_response": round(raw["bytes"] / max(raw["requests"], 1)),
        "accepted": raw["accepted"],
        "rejected": raw["rejected"],
    }


def sign_lua(*, path: str, body_template: str, origin: str, run: str) -> str:
    prefix, _mark, suffix = body_template.partition(EMAIL_MARK)
    return LUA_SIGN % {
        "path": _lua_string(path),
        "prefix": _lua_string(prefix),
        "suffix": _lua_string(suffix),
        "origin": _lua_string(origin),
        "run": _lua_string(run),
    }


class _FormParser(HTMLParser):
    """Collects the fields of the first POST form that carries a form token."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self.current: dict[str, Any] | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.current = {"action": a.get("action", ""), "fields": []}
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            self.current["fields"].append(("input", a))
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
            self.current["fields"].append(("select", {"name": a["name"], "options": []}))
        elif tag == "option" and self.select is not None and a.get("value"):
            self.current["fields"][-1][1]["options"].append(a["value"])
        elif tag == "textarea" and a.get("name"):
            self.current["fields"].append(("textarea", a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


def sign_form_body(html: str, *, honeypot: str = "nickname") -> tuple[str, str]:
    """(action, urlencoded body with EMAIL_MARK where the address goes) of the sign form."""
    parser = _FormParser()
    parser.feed(html)
    forms = [f for f in parser.forms if any(a.get("name") == "form_token" for _k, a in f["fields"])]
    if not forms:
        raise RuntimeError("no public POST form with a form token on the sign page")
    form = next((f for f in forms if any(a.get("type") == "email" for _k, a in f["fields"])), None)
    if form is None:
        raise RuntimeError("no form with an email field on the sign page")
    pairs: list[tuple[str, str]] = []
    for kind, a in form["fields"]:
        name = a["name"]
        if kind == "select":
            options = a["options"]
            pairs.append((name, "NL" if "NL" in options else (options[0] if options else "")))
            continue
        type_ = a.get("type", "text").lower()
        if name == honeypot or type_ in ("submit", "button", "reset", "file"):
            continue
        if type_ == "email":
            pairs.append((name, EMAIL_MARK))
        elif type_ == "hidden":
            pairs.append((name, a.get("value", "")))
        elif type_ in ("checkbox", "radio"):
            pairs.append((name, a.get("value") or "on"))
        elif kind == "textarea":
            pairs.append((name, ""))
        else:
            pairs.append((name, "Bench"))
    return form["action"], urllib.parse.urlencode(pairs)


def confirm_lua(*, prefix: str, body: str, origin: str, tokens: Path, threads: int) -> str:
    return LUA_CONFIRM % {
        "tokens": _lua_string(str(tokens)),
        "prefix": _lua_string(prefix),
        "body": _lua_string(body),
        "origin": _lua_string(origin),
        "threads": threads,
    }


def token_form_body(html: str) -> str:
    """The urlencoded hidden fields of the first POST form with a form token (a button page:
    confirm, delete)."""
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        hidden = [a for kind, a in form["fields"] if kind == "input" and a.get("type") == "hidden"]
        if any(a.get("name") == "form_token" for a in hidden):
            return urllib.parse.urlencode([(a["name"], a.get("value", "")) for a in hidden])
    raise RuntimeError("no POST form with a form token on the page")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def post_once(url: str, body: str, *, origin: str) -> tuple[int, str]:
    """One POST without following redirects: (status, Location or body start)."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(  # noqa: S310 (loopback)
        url,
        data=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": origin},
    )
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read(300).decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location") or exc.read(300).decode(errors="replace")

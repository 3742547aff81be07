"""Every environment variable the project reads, in one place (listed in `.env.example`).

Development generates its own secrets on first run and keeps them in `var/secrets.json`,
so a fresh checkout works with no configuration and no secret is ever committed.
"""

import base64
import json
import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def get(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def get_bool(name: str, default: bool = False) -> bool:
    value = get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def get_int(name: str, default: int) -> int:
    value = get(name)
    return int(value) if value is not None else default


def get_list(name: str, default: list[str]) -> list[str]:
    value = get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def require(name: str) -> str:
    value = get(name)
    if value is None:
        raise RuntimeError(f"The environment variable {name} must be set in production.")
    return value


def _new_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def local_secrets() -> dict[str, str]:
    """Secrets for development and tests, generated once per checkout in var/secrets.json."""
    path = VAR_DIR / "secrets.json"
    data: dict[str, str] = {}
    if path.exists():
        data = json.loads(path.read_text())
    wanted = {
        "SECRET_KEY": lambda: secrets.token_urlsafe(50),
        "DEDUP_KEY": _new_key,
        "OUTBOX_KEY": _new_key,
        "MAILING_KEY": _new_key,
        "RATE_LIMIT_KEY": _new_key,
    }
    missing = {name: make() for name, make in wanted.items() if name not in data}
    if missing:
        data.update(missing)
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2))
        path.chmod(0o600)
    return data

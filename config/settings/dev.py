"""Development: `make run`. Mail goes through SMTP if EMAIL_HOST is set, and is always
written to var/outbox/ as .eml files so a person can open it and click the link."""

from config import env

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = env.get_bool("DEBUG", True)
EMAIL_BACKEND = env.get("EMAIL_BACKEND", "outbox.backends.EmlFolderBackend")
OUTBOX_EML_DIR = env.get("OUTBOX_EML_DIR", str(VAR_DIR / "outbox"))
# Links in mails point at the development server itself: `PORT=8200 make run` serves on 8200
# and mails links to 8200 (HOST 0.0.0.0 listens everywhere; the links use 127.0.0.1).
_host = env.get("HOST", "127.0.0.1") or "127.0.0.1"
if _host in {"0.0.0.0", "::", "[::]"}:  # noqa: S104 (compared, not bound)
    _host = "127.0.0.1"
SITE_URL = (env.get("SITE_URL") or f"http://{_host}:{env.get('PORT', '8000')}").rstrip("/")
# With EMAIL_HOST set, development mail is also really sent through that SMTP server.
EMAIL_RELAY_BACKEND = "outbox.backends.SMTPBackend" if env.get("EMAIL_HOST") else None

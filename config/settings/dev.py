"""Development: `make run`. Mail goes through SMTP if EMAIL_HOST is set, and is always
written to var/outbox/ as .eml files so a person can open it and click the link."""

from config import env

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = env.get_bool("DEBUG", True)
EMAIL_BACKEND = env.get("EMAIL_BACKEND", "outbox.backends.EmlFolderBackend")
OUTBOX_EML_DIR = env.get("OUTBOX_EML_DIR", str(VAR_DIR / "outbox"))
# With EMAIL_HOST set, development mail is also really sent through that SMTP server.
EMAIL_RELAY_BACKEND = "outbox.backends.SMTPBackend" if env.get("EMAIL_HOST") else None

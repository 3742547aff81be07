"""Production settings for the proxy-trust chaos test: static files collected into the test's
own folder (VAR_DIR), never the checkout's var/."""

from config.settings.prod import *  # noqa: F403
from config.settings.prod import VAR_DIR

STATIC_ROOT = VAR_DIR / "staticfiles"

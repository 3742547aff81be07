"""Settings of the server the browser suite starts: development settings, with collected
static files kept in the session's own temporary folder (VAR_DIR) instead of the checkout's
var/, so the suite never touches a developer's files and runs like production (DEBUG off,
WhiteNoise serving compressed, hashed static files)."""

from config.settings.dev import *  # noqa: F403
from config.settings.dev import VAR_DIR

STATIC_ROOT = VAR_DIR / "staticfiles"

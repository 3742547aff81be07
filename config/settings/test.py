"""Tests: fast hashing, in-memory cache and mail, tasks and mail sent immediately."""

from .base import *  # noqa: F403
from .base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OUTBOX_SEND_AT_ONCE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Links in mails and pages point at the test client's host.
SITE_URL = "http://testserver"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

# A throwaway campaign key pair; tests decrypt with the private half, as the campaign would.
from privacy.crypto import generate_keypair  # noqa: E402

CAMPAIGN_PUBLIC_KEY, TEST_CAMPAIGN_PRIVATE_KEY = generate_keypair()

# Rate limits in tests count in the in-memory cache (a test that needs Redis says so).
REDIS_URL = None

# No request deadline in tests: a slow test machine must not see its queries cut (the chaos
# tests run the app with production settings and a deadline of their own).
REQUEST_DEADLINE_SECONDS = 0.0

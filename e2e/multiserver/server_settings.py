"""Production settings for the multi-server test, with the per-source limits of the sign form
raised: every request of the test comes from 127.0.0.1, which the real limits would refuse
as one abusive source."""

from config.settings.prod import *  # noqa: F403

SIGN_HARD_LIMIT = 1_000_000
SIGN_SOFT_LIMIT = 1_000_000

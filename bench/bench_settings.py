"""Production settings for the benchmark, with one difference: the per-source limits of the
public forms are raised, because every benchmark request comes from the same address
(127.0.0.1) and would otherwise be refused as one abusive source after a few hundred."""

from config.settings.prod import *  # noqa: F403

SIGN_HARD_LIMIT = 1_000_000_000
SIGN_SOFT_LIMIT = 1_000_000_000
